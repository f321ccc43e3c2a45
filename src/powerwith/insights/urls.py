from django.urls import path

from . import views
from .records import INDICATOR_TITLES

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # One fixed URL per indicator (no free URL argument): reverse("insights:records",
    # kwargs={"slug": ..., "indicator": "voice"}) picks the right one by its default.
    *[
        path(f"records/{key}/", views.records, {"indicator": key}, name="records")
        for key in INDICATOR_TITLES
    ],
    path("thresholds/", views.threshold_settings, name="thresholds"),
    path("insights.json", views.insights_json, name="json"),
]
