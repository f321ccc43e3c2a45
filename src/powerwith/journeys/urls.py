"""The journey list and the pages of one journey (its overview, agreement and members)."""

from django.urls import path

from . import views

app_name = "journeys"

urlpatterns = [
    path("journeys/", views.journey_list, name="list"),
    path("journeys/new/", views.journey_create, name="create"),
    path("j/<slug:slug>/", views.journey_detail, name="detail"),
    path("j/<slug:slug>/agreement/", views.agreement, name="agreement"),
    path("j/<slug:slug>/agreement/settings/", views.journey_settings, name="settings"),
    path("j/<slug:slug>/agreement/definition/", views.definition_add, name="definition_add"),
    path("j/<slug:slug>/agreement/values/", views.value_add, name="value_add"),
    path(
        "j/<slug:slug>/agreement/values/<int:value_pk>/remove/",
        views.value_remove,
        name="value_remove",
    ),
    path("j/<slug:slug>/agreement/limits/new/", views.limit_add, name="limit_add"),
    path("j/<slug:slug>/agreement/limits/<int:limit_pk>/", views.limit_edit, name="limit_edit"),
    path(
        "j/<slug:slug>/agreement/limits/<int:limit_pk>/share/",
        views.limit_share,
        name="limit_share",
    ),
    path("j/<slug:slug>/members/", views.members, name="members"),
    path("j/<slug:slug>/members/invite/", views.invite, name="invite"),
    path(
        "j/<slug:slug>/members/invitations/<int:invitation_pk>/new-link/",
        views.invitation_renew,
        name="invitation_renew",
    ),
    path(
        "j/<slug:slug>/members/invitations/<int:invitation_pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "j/<slug:slug>/members/<int:membership_pk>/", views.membership_edit, name="membership_edit"
    ),
    path(
        "j/<slug:slug>/members/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("j/<slug:slug>/log/", views.audit_log, name="log"),
]
