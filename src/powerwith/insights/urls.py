from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("records/<slug:indicator>/", views.records, name="records"),
    path("thresholds/", views.threshold_settings, name="thresholds"),
    path("insights.json", views.insights_json, name="json"),
]
