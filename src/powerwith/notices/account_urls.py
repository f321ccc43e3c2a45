"""How you hear back, under /accounts/hearing-back/ (signed in, your own entries only)."""

from django.urls import path

from . import views

app_name = "notices_account"

urlpatterns = [
    path("<int:person_pk>/", views.hearing_mine, name="hearing"),
]
