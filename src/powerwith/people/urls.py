"""The register of people (stakeholders) and organisations of a journey."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:person_pk>/", views.person_detail, name="detail"),
    path("<int:person_pk>/edit/", views.person_edit, name="edit"),
    path("<int:person_pk>/role/", views.person_change_role, name="change_role"),
    path("<int:person_pk>/leave/", views.person_leave, name="leave"),
    path("<int:person_pk>/rejoin/", views.person_rejoin, name="rejoin"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path(
        "organisations/<int:organisation_pk>/",
        views.organisation_detail,
        name="organisation",
    ),
    path(
        "organisations/<int:organisation_pk>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
]
