"""The decision log, priority votes and co-design groups of a journey."""

from django.urls import path

from . import group_views, views, vote_views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("<int:decision_pk>/", views.decision_detail, name="detail"),
    path("<int:decision_pk>/edit/", views.decision_edit, name="edit"),
    path("votes/", vote_views.vote_list, name="votes"),
    path("votes/new/", vote_views.vote_create, name="vote_create"),
    path("votes/<int:vote_pk>/", vote_views.vote_detail, name="vote"),
    path("votes/<int:vote_pk>/ballot/", vote_views.ballot, name="ballot"),
    path("votes/<int:vote_pk>/paper/", vote_views.paper_ballot, name="paper"),
    path("votes/<int:vote_pk>/ballot-papers.pdf", vote_views.ballot_papers, name="ballot_papers"),
    path("votes/<int:vote_pk>/results/", vote_views.vote_results, name="results"),
    path("votes/<int:vote_pk>/edit/", vote_views.vote_edit, name="vote_edit"),
    path("votes/<int:vote_pk>/items/", vote_views.option_add, name="option_add"),
    path(
        "votes/<int:vote_pk>/items/<int:option_pk>/remove/",
        vote_views.option_remove,
        name="option_remove",
    ),
    path("votes/<int:vote_pk>/open/", vote_views.vote_open, name="vote_open"),
    path("votes/<int:vote_pk>/close/", vote_views.vote_close, name="vote_close"),
    path("votes/<int:vote_pk>/reopen/", vote_views.vote_reopen, name="vote_reopen"),
    path("groups/", group_views.group_list, name="groups"),
    path("groups/new/", group_views.group_create, name="group_create"),
    path("groups/<int:group_pk>/", group_views.group_detail, name="group"),
    path("groups/<int:group_pk>/edit/", group_views.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/close/", group_views.group_close, name="group_close"),
    path(
        "groups/<int:group_pk>/gatherings/new/",
        group_views.group_gathering_add,
        name="group_gathering_add",
    ),
    path(
        "groups/<int:group_pk>/gatherings/link/",
        group_views.group_gathering_link,
        name="group_gathering_link",
    ),
    path("groups/<int:group_pk>/actions/new/", group_views.action_add, name="action_add"),
    path(
        "groups/<int:group_pk>/actions/<int:group_action_pk>/",
        group_views.action_edit,
        name="action_edit",
    ),
]
