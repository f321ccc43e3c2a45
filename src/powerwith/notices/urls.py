"""A journey's notices: how people hear back, the outbox, letters and news to pass on."""

from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("timing/", views.timing, name="timing"),
    path("people/<int:person_pk>/", views.hearing, name="hearing"),
    path("<int:notice_pk>/retry/", views.retry, name="retry"),
    path("failed/retry/", views.retry_failed, name="retry_failed"),
    path("by-hand/", views.by_hand, name="by_hand"),
    path("by-hand/letters.pdf", views.letters_pdf, name="letters_pdf"),
    path("by-hand/done/", views.mark_done, name="mark_done"),
]
