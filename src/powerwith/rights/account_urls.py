"""Your own rights, under /accounts/your-data/ (signed in)."""

from django.urls import path

from . import views

app_name = "rights_account"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("erase/<int:person_pk>/", views.erase_mine, name="erase_mine"),
]
