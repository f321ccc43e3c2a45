"""Statement rounds of a journey (/j/<slug>/statements/...)."""

from django.urls import path

from . import views

app_name = "commonground"

R = "<int:statement_round_pk>/"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="round_create"),
    path(R, views.round_detail, name="round"),
    path(R + "statements/", views.statements_add, name="statements_add"),
    path(
        R + "statements/<int:statement_pk>/check/",
        views.statement_moderate,
        name="statement_moderate",
    ),
    path(R + "statements/<int:statement_pk>/raise/", views.statement_raise, name="statement_raise"),
    path(R + "close/", views.round_close, name="round_close"),
    path(R + "reopen/", views.round_reopen, name="round_reopen"),
    path(R + "respond/", views.respond, name="respond"),
    path(R + "sheet/", views.sheet, name="sheet"),
    path(R + "paper/", views.paper, name="paper"),
    path(R + "results/", views.results, name="results"),
    path(R + "polis.zip", views.polis_export, name="polis_export"),
]
