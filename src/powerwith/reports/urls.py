from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("pdf/", views.pdf_make, name="make"),
    path("pdf/<int:report_pk>/", views.pdf_status, name="status"),
    path("pdf/<int:report_pk>/download/", views.pdf_download, name="download"),
]
