"""How to make the objects behind the reports app's URL arguments (tests/test_access_walk.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from powerwith.reports import services
from powerwith.reports.models import READY, BoardReport

# The smallest file a reader takes for a PDF: the walk checks who may download, not the PDF
# (tests/reports/test_reports.py makes real ones).
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_report(world: Any) -> int:
    """A board report whose PDF is ready (so every role that may download it gets it)."""
    found = BoardReport.objects.filter(journey=world.journey, status=READY).first()
    if found is not None:
        return found.pk
    report = services.report_request(actor=world.facilitator, journey=world.journey)
    name = default_storage.save(f"{services.FOLDER}/walk.pdf", ContentFile(TINY_PDF))
    BoardReport.objects.filter(pk=report.pk).update(
        status=READY, file_name=name, size=len(TINY_PDF), pages=1, made_at=timezone.now()
    )
    return report.pk


OBJECTS = {"report_pk": make_report}
