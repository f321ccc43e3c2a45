"""Gatherings of a journey: details, agenda, attendance and speaking turns."""

from django.urls import path

from . import views

app_name = "gatherings"

urlpatterns = [
    path("", views.gathering_list, name="list"),
    path("new/", views.gathering_create, name="create"),
    path("<int:gathering_pk>/", views.gathering_detail, name="detail"),
    path("<int:gathering_pk>/edit/", views.gathering_edit, name="edit"),
    path("<int:gathering_pk>/calendar.ics", views.gathering_calendar, name="calendar"),
    path("<int:gathering_pk>/agenda/", views.agenda_add, name="agenda_add"),
    path(
        "<int:gathering_pk>/agenda/<int:item_pk>/remove/",
        views.agenda_remove,
        name="agenda_remove",
    ),
    path("<int:gathering_pk>/invitations/", views.invitations, name="invitations"),
    path("<int:gathering_pk>/left-off/", views.left_off_add, name="left_off_add"),
    path(
        "<int:gathering_pk>/left-off/<int:left_off_pk>/remove/",
        views.left_off_remove,
        name="left_off_remove",
    ),
    path("<int:gathering_pk>/attendance/", views.attendance, name="attendance"),
    path("<int:gathering_pk>/sign-in-sheet.pdf", views.sign_in_sheet, name="sign_in_sheet"),
    path("<int:gathering_pk>/turns/", views.turns, name="turns"),
    path("<int:gathering_pk>/turns/tap/", views.turn_tap, name="tap"),
    path("<int:gathering_pk>/turns/undo/", views.turn_undo, name="undo"),
    path("<int:gathering_pk>/turns/stop/", views.turn_stop, name="stop"),
    path("<int:gathering_pk>/turns/here/", views.turn_mark_here, name="mark_here"),
    path("<int:gathering_pk>/turns/newcomer/", views.turn_newcomer, name="newcomer"),
    path("<int:gathering_pk>/turns/afterwards/", views.turns_after, name="turns_after"),
    path(
        "<int:gathering_pk>/turns/<int:turn_pk>/remove/",
        views.turn_remove,
        name="turn_remove",
    ),
    path(
        "<int:gathering_pk>/turns/<int:turn_pk>/seconds/",
        views.turn_seconds,
        name="turn_seconds",
    ),
]
