"""The decision log, priority votes and co-design groups of a journey."""

from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("<int:decision_pk>/", views.decision_detail, name="detail"),
    path("<int:decision_pk>/edit/", views.decision_edit, name="edit"),
    path("votes/", views.vote_list, name="votes"),
    path("votes/new/", views.vote_create, name="vote_create"),
    path("votes/<int:vote_pk>/", views.vote_detail, name="vote"),
    path("votes/<int:vote_pk>/ballot/", views.ballot, name="ballot"),
    path("votes/<int:vote_pk>/paper/", views.paper_ballot, name="paper"),
    path("votes/<int:vote_pk>/ballot-papers.pdf", views.ballot_papers, name="ballot_papers"),
    path("votes/<int:vote_pk>/results/", views.vote_results, name="results"),
    path("votes/<int:vote_pk>/edit/", views.vote_edit, name="vote_edit"),
    path("votes/<int:vote_pk>/items/", views.option_add, name="option_add"),
    path(
        "votes/<int:vote_pk>/items/<int:option_pk>/remove/",
        views.option_remove,
        name="option_remove",
    ),
    path("votes/<int:vote_pk>/open/", views.vote_open, name="vote_open"),
    path("votes/<int:vote_pk>/close/", views.vote_close, name="vote_close"),
    path("votes/<int:vote_pk>/reopen/", views.vote_reopen, name="vote_reopen"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:group_pk>/", views.group_detail, name="group"),
    path("groups/<int:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/close/", views.group_close, name="group_close"),
    path(
        "groups/<int:group_pk>/gatherings/new/",
        views.group_gathering_add,
        name="group_gathering_add",
    ),
    path(
        "groups/<int:group_pk>/gatherings/link/",
        views.group_gathering_link,
        name="group_gathering_link",
    ),
    path("groups/<int:group_pk>/actions/new/", views.action_add, name="action_add"),
    path(
        "groups/<int:group_pk>/actions/<int:group_action_pk>/",
        views.action_edit,
        name="action_edit",
    ),
]
