"""Outreach pages, under /j/<slug>/inclusion/outreach/ (part of the inclusion section)."""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    # Who should be involved (the stakeholder map): names, so members and facilitators.
    path("", views.map_list, name="map"),
    path("new/", views.entry_add, name="entry_add"),
    path("<int:stakeholder_pk>/", views.entry_detail, name="entry"),
    path("<int:stakeholder_pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:stakeholder_pk>/happened/", views.entry_record, name="entry_record"),
    path("steps/<int:stakeholder_step_pk>/edit/", views.step_edit, name="step_edit"),
    path("<int:stakeholder_pk>/join/", views.entry_join, name="entry_join"),
    path("<int:stakeholder_pk>/remove/", views.entry_remove, name="entry_remove"),
    # Groups and networks the journey works with: everyone in the journey.
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_add, name="group_add"),
    path("groups/<int:linked_group_pk>/", views.group_detail, name="group"),
    path("groups/<int:linked_group_pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:linked_group_pk>/delete/", views.group_remove, name="group_remove"),
    path("groups/<int:linked_group_pk>/together/", views.activity_add, name="activity_add"),
    path(
        "groups/together/<int:joint_activity_pk>/remove/",
        views.activity_remove,
        name="activity_remove",
    ),
]
