"""Inclusion pages, under /j/<slug>/inclusion/."""

from django.urls import path

from . import views

app_name = "inclusion"

urlpatterns = [
    path("", views.overview, name="overview"),
    # The signed-in person's own profile and needs.
    path("me/", views.my_profile, name="my_profile"),
    path("me/erase/", views.my_profile_erase, name="my_profile_erase"),
    path("me/needs/", views.my_need_add, name="my_need_add"),
    path("me/needs/end/", views.my_need_end, name="my_need_end"),
    # Profiles, for facilitators (a reason is logged every time).
    path("profiles/", views.profile_list, name="profile_list"),
    path("profiles/<int:person_pk>/", views.profile_open, name="profile_open"),
    path("profiles/<int:person_pk>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:person_pk>/erase/", views.profile_erase, name="profile_erase"),
    # Reference populations.
    path("reference/", views.reference_list, name="reference_list"),
    path("reference/new/", views.reference_add, name="reference_add"),
    path("reference/import/", views.reference_import, name="reference_import"),
    path("reference/<int:population_pk>/", views.reference_edit, name="reference_edit"),
    path("reference/<int:population_pk>/delete/", views.reference_delete, name="reference_delete"),
    # Recruitment plans.
    path("recruitment/new/", views.recruitment_add, name="recruitment_add"),
    path("recruitment/<int:action_pk>/", views.recruitment_edit, name="recruitment_edit"),
    # Support needs and gathering checklists.
    path("needs/", views.needs_list, name="needs_list"),
    path("needs/new/", views.need_add, name="need_add"),
    path("needs/<int:need_pk>/end/", views.need_end, name="need_end"),
    path("gatherings/<int:gathering_pk>/needs/", views.checklist, name="checklist"),
    # Assets.
    path("assets/", views.assets, name="assets"),
    path("assets/new/", views.asset_add, name="asset_add"),
    path("assets/<int:asset_pk>/remove/", views.asset_remove, name="asset_remove"),
    path("assets/gaps/new/", views.gap_add, name="gap_add"),
    path("assets/gaps/<int:gap_pk>/found/", views.gap_found, name="gap_found"),
    path("assets/gaps/<int:gap_pk>/remove/", views.gap_remove, name="gap_remove"),
    # The reciprocity ledger.
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/time/new/", views.time_add, name="time_add"),
    path("ledger/time/<int:time_pk>/remove/", views.time_remove, name="time_remove"),
    path("ledger/expenses/new/", views.expense_add, name="expense_add"),
    path(
        "ledger/expenses/<int:claim_pk>/paid-back/",
        views.expense_reimburse,
        name="expense_reimburse",
    ),
    path("ledger/expenses/<int:claim_pk>/remove/", views.expense_remove, name="expense_remove"),
    path("ledger/payments/new/", views.payment_add, name="payment_add"),
    path("ledger/payments/<int:payment_pk>/remove/", views.payment_remove, name="payment_remove"),
    path("ledger/training/new/", views.training_add, name="training_add"),
    path(
        "ledger/training/<int:training_pk>/remove/",
        views.training_remove,
        name="training_remove",
    ),
    path("ledger/tasks/new/", views.task_add, name="task_add"),
    path("ledger/tasks/<int:task_pk>/remove/", views.task_remove, name="task_remove"),
    path("ledger/tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
]
