"""The journey's plan: its stages with their dates and gatherings, and the plan as a PDF."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("choose/", views.plan_choose, name="choose"),
    path("stages/new/", views.stage_add, name="stage_add"),
    path("stages/<int:stage_pk>/", views.stage_detail, name="stage"),
    path("stages/<int:stage_pk>/edit/", views.stage_edit, name="stage_edit"),
    path("gatherings/<int:gathering_pk>/", views.gathering_stage, name="gathering_stage"),
]
