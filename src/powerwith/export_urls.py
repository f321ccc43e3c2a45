"""The journey's export page, under /j/<slug>/export/ (facilitators only)."""

from django.urls import path

from . import exports

app_name = "exports"

urlpatterns = [
    path("", exports.export_page, name="page"),
]
