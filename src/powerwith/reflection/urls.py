"""Reflection: rounds, results, question banks, lived experience at work, endings."""

from django.urls import path

from . import views

app_name = "reflection"

urlpatterns = [
    path("", views.reflection_list, name="list"),
    path("banks/", views.bank_list, name="banks"),
    path("banks/new/", views.bank_create, name="bank_create"),
    path("banks/<int:bank_pk>/", views.bank_detail, name="bank"),
    path("banks/<int:bank_pk>/questions/new/", views.question_add, name="question_add"),
    path(
        "banks/<int:bank_pk>/questions/<int:question_pk>/edit/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "banks/<int:bank_pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_pk>/", views.round_detail, name="round"),
    path("rounds/<int:round_pk>/paper/", views.round_paper, name="round_paper"),
    path("rounds/<int:round_pk>/paper-form.pdf", views.paper_form, name="paper_form"),
    path("rounds/<int:round_pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:round_pk>/results/", views.round_results, name="results"),
    path("rounds/<int:round_pk>/themes/", views.round_themes, name="themes"),
    path("lived-experience/", views.lived_roles, name="lived_roles"),
    path("endings/", views.ending_list, name="endings"),
    path("endings/new/", views.ending_create, name="ending_create"),
    path("endings/<int:ending_pk>/", views.ending_detail, name="ending"),
    path("endings/<int:ending_pk>/views/new/", views.ending_view_add, name="ending_view_add"),
    path("endings/<int:ending_pk>/notes/new/", views.realist_note_add, name="realist_note_add"),
]
