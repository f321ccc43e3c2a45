"""Trying things out: trials, their measures and feedback; expected outcomes and their review."""

from django.urls import path

from . import views

app_name = "trials"

urlpatterns = [
    path("", views.trial_list, name="list"),
    path("new/", views.trial_create, name="create"),
    path("<int:trial_pk>/", views.trial_detail, name="detail"),
    path("<int:trial_pk>/edit/", views.trial_edit, name="edit"),
    path("<int:trial_pk>/start/", views.trial_start, name="start"),
    path("<int:trial_pk>/end/", views.trial_end, name="end"),
    path("<int:trial_pk>/result/", views.trial_result, name="result"),
    path("<int:trial_pk>/measures/new/", views.measure_add, name="measure_add"),
    path("<int:trial_pk>/measures/<int:measure_pk>/", views.measure_edit, name="measure_edit"),
    path("<int:trial_pk>/feedback/", views.feedback_link, name="feedback_link"),
    path("<int:trial_pk>/feedback/new/", views.feedback_raise, name="feedback_raise"),
    path(
        "<int:trial_pk>/feedback/<int:contribution_pk>/remove/",
        views.feedback_unlink,
        name="feedback_unlink",
    ),
    path("outcomes/", views.outcome_list, name="outcomes"),
    path("outcomes/new/", views.outcome_create, name="outcome_create"),
    path("outcomes/<int:outcome_pk>/review/", views.outcome_review, name="outcome_review"),
]
