"""URL map. Every journey page lives under /j/<slug>/ and passes through the access gate."""

from django.contrib import admin
from django.urls import include, path

from powerwith.api.api import api as api_v1
from powerwith.common import account_views
from powerwith.common import views as common_views

# One way in: the admin's sign-in page sends people to ours (two-step sign-in, the same limits).
admin.site.login = account_views.admin_sign_in  # type: ignore[method-assign]

journey_apps = [
    ("people/leaving/", "powerwith.leaving.urls"),
    ("people/", "powerwith.people.urls"),
    ("agreement/", "powerwith.groundrules.urls"),
    ("gatherings/", "powerwith.gatherings.urls"),
    ("plan/", "powerwith.plans.urls"),
    ("contributions/", "powerwith.contributions.urls"),
    ("stories/", "powerwith.stories.urls"),
    # Money sits inside the "Decisions" section: its pages are about who decides how it is spent.
    ("decisions/money/", "powerwith.budgets.urls"),
    ("decisions/", "powerwith.decisions.urls"),
    ("reflection/", "powerwith.reflection.urls"),
    ("inclusion/outreach/", "powerwith.outreach.urls"),
    ("inclusion/", "powerwith.inclusion.urls"),
    ("care/", "powerwith.care.urls"),
    ("statements/", "powerwith.commonground.urls"),
    ("notices/", "powerwith.notices.urls"),
    ("trials/", "powerwith.trials.urls"),
    ("training/", "powerwith.training.urls"),
    ("dashboard/board-report/", "powerwith.reports.urls"),
    ("dashboard/", "powerwith.insights.urls"),
]

urlpatterns = [
    path("", common_views.home, name="home"),
    path("accounts/your-data/", include("powerwith.rights.account_urls")),
    path("accounts/api-tokens/", include("powerwith.api.account_urls")),
    path("api/v1/", api_v1.urls),
    path("accounts/hearing-back/", include("powerwith.notices.account_urls")),
    path("accounts/", include("powerwith.common.account_urls")),
    path("", include("powerwith.journeys.urls")),
    path("", include("powerwith.organisations.urls")),
    *[path(f"j/<slug:slug>/{prefix}", include(module)) for prefix, module in journey_apps],
    path("j/<slug:slug>/export/", include("powerwith.export_urls")),
    path("j/<slug:slug>/rights/", include("powerwith.rights.urls")),
    path("p/<slug:slug>/", include("powerwith.contributions.public_urls")),
    # What became of an anonymous contribution, from its receipt code: no account needed.
    path("receipt/", include("powerwith.contributions.receipt_urls")),
    # A statement round's link: no account, an unguessable token (commonground/link_views.py).
    path("s/<str:token>/", include("powerwith.commonground.link_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "powerwith.common.views.not_found"
handler403 = "powerwith.common.views.forbidden"
