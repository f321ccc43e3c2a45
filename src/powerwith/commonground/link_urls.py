"""Responding by a round's link, with no account (/s/<token>/...): see ``link_views``."""

from django.urls import path

from . import link_views

app_name = "round_link"

urlpatterns = [
    path("", link_views.respond, name="respond"),
    path("add/", link_views.add, name="add"),
    path("continue/", link_views.resume, name="continue"),
]
