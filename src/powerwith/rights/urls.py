"""People's rights in a journey, under /j/<slug>/rights/ (facilitators only)."""

from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("people/<int:person_pk>/", views.person_held, name="person"),
    path("people/<int:person_pk>/erase/", views.person_erase, name="erase"),
    path("retention/", views.retention, name="retention"),
]
