"""URL map. Every journey page lives under /j/<slug>/ and passes through the access gate."""

from django.contrib import admin
from django.urls import include, path

from powerwith.common import views as common_views

journey_apps = [
    ("people/", "powerwith.people.urls"),
    ("gatherings/", "powerwith.gatherings.urls"),
    ("contributions/", "powerwith.contributions.urls"),
    ("decisions/", "powerwith.decisions.urls"),
    ("reflection/", "powerwith.reflection.urls"),
    ("inclusion/", "powerwith.inclusion.urls"),
    ("notices/", "powerwith.notices.urls"),
    ("dashboard/", "powerwith.insights.urls"),
]

urlpatterns = [
    path("", common_views.home, name="home"),
    path("accounts/your-data/", include("powerwith.rights.account_urls")),
    path("accounts/hearing-back/", include("powerwith.notices.account_urls")),
    path("accounts/", include("powerwith.common.account_urls")),
    path("", include("powerwith.journeys.urls")),
    path("", include("powerwith.organisations.urls")),
    *[path(f"j/<slug:slug>/{prefix}", include(module)) for prefix, module in journey_apps],
    path("j/<slug:slug>/export/", include("powerwith.export_urls")),
    path("j/<slug:slug>/rights/", include("powerwith.rights.urls")),
    path("p/<slug:slug>/", include("powerwith.contributions.public_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "powerwith.common.views.not_found"
handler403 = "powerwith.common.views.forbidden"
