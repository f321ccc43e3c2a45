"""Care flags of a journey (facilitators only)."""

from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("", views.care_list, name="list"),
    path("new/", views.care_create, name="create"),
    path("<int:care_pk>/", views.care_edit, name="edit"),
    path("<int:care_pk>/remove/", views.care_remove, name="remove"),
]
