"""Contributions of a journey, their fate, and "you said, we did"."""

from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("", views.contribution_list, name="list"),
    path("new/", views.contribution_create, name="create"),
    path("you-said-we-did/", views.you_said, name="you_said"),
    path("cards/", views.cards, name="cards"),
    path("cards/type-in/", views.card_type_in, name="card_type_in"),
    path("cards/<int:batch_pk>/cards.pdf", views.cards_pdf, name="cards_pdf"),
    path("<int:contribution_pk>/", views.contribution_detail, name="detail"),
    path("<int:contribution_pk>/edit/", views.contribution_edit, name="edit"),
    path("<int:contribution_pk>/fate/", views.contribution_fate, name="fate"),
    path("<int:contribution_pk>/public/", views.contribution_public, name="public"),
]
