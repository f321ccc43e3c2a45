"""The public look-up of a receipt code (no account needed)."""

from django.urls import path

from . import views

app_name = "receipt"

urlpatterns = [
    path("", views.receipt_lookup, name="lookup"),
]
