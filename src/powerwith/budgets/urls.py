"""Budgets the group controls or advises on, and what they were spent on (inside "Decisions")."""

from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("", views.budget_list, name="list"),
    path("new/", views.budget_create, name="create"),
    path("<int:budget_pk>/", views.budget_detail, name="detail"),
    path("<int:budget_pk>/edit/", views.budget_edit, name="edit"),
    path("<int:budget_pk>/delete/", views.budget_remove, name="remove"),
    path("<int:budget_pk>/spending/new/", views.spending_add, name="spending_add"),
    path(
        "<int:budget_pk>/spending/<int:spending_pk>/edit/",
        views.spending_edit,
        name="spending_edit",
    ),
    path(
        "<int:budget_pk>/spending/<int:spending_pk>/remove/",
        views.spending_remove,
        name="spending_remove",
    ),
]
