"""Your API tokens, under /accounts/api-tokens/ (signed in)."""

from django.urls import path

from . import views

app_name = "api_account"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:token_pk>/revoke/", views.token_revoke, name="revoke"),
]
