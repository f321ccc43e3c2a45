"""Leaving pages, under /j/<slug>/people/leaving/ (part of the People section)."""

from django.urls import path

from . import views

app_name = "leaving"

urlpatterns = [
    path("", views.overview, name="overview"),
    # Why people stop coming (facilitators).
    path("stopped/", views.stopped, name="stopped"),
    path("stopped/<int:person_pk>/ask/", views.ask, name="ask"),
    path("reasons/<int:ask_pk>/raise/", views.raise_reason, name="raise"),
    path("reasons/<int:ask_pk>/decision/", views.link_decision, name="link_decision"),
    path("reasons/<int:ask_pk>/remove/", views.ask_remove, name="ask_remove"),
    # Handovers (facilitators).
    path("handovers/", views.handovers, name="handovers"),
    path("handovers/<int:person_pk>/new/", views.handover_add, name="handover_add"),
    # Assets kept in the group, and those that left with people.
    path("assets/", views.assets, name="assets"),
    path("assets/<int:asset_pk>/keep/", views.asset_keep, name="asset_keep"),
    # The end: funding, legacy plan, follow-up reviews.
    path("legacy/", views.legacy, name="legacy"),
    path("legacy/funding/", views.funding, name="funding"),
    path("legacy/plan/", views.plan, name="plan"),
    path("legacy/parts/new/", views.part_add, name="part_add"),
    path("legacy/parts/<int:part_pk>/remove/", views.part_remove, name="part_remove"),
    path("legacy/review/", views.review, name="review"),
]
