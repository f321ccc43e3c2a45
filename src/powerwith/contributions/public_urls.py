from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("you-said-we-did/", views.you_said_public, name="you_said"),
]
