"""Organisation pages live under /organisations/ and /o/<org_slug>/ (never ``slug``: that name
is the journey pages' and the journey access walk finds them by it)."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/new/", views.organisation_create, name="create"),
    path("o/<slug:org_slug>/", views.organisation_detail, name="detail"),
    path("o/<slug:org_slug>/people/add/", views.member_add, name="member_add"),
    path("o/<slug:org_slug>/people/<int:role_pk>/", views.member_edit, name="member_edit"),
]
