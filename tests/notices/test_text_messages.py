"""Text messages: GOV.UK Notify's SMS API against a small real HTTP server on localhost, and
the console adapter."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.utils import timezone

from powerwith.contributions import services as contribution_services
from powerwith.notices import compose, services
from powerwith.notices.models import Notice
from powerwith.notices.sms import ConsoleSms
from tests.conftest import World, build_world

from .conftest import add_person, raise_one, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"powerwith_test-{SERVICE_ID}-{SECRET}"
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"


class FakeNotify:
    """Stands in for api.notifications.service.gov.uk: records each request, answers 201 (or
    the status set in ``answer``)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer = 201
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(body)}
                )
                self.send_response(outer.answer)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                if outer.answer == 201:
                    self.wfile.write(b'{"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}')
                else:
                    self.wfile.write(b'{"errors": [{"error": "BadRequestError"}]}')

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def world(transactional_db: Any) -> World:
    return build_world()


@pytest.fixture
def notify(settings: Any) -> Iterator[FakeNotify]:
    server = FakeNotify()
    settings.POWERWITH_SMS = "notify"
    settings.POWERWITH_NOTIFY_API_KEY = API_KEY
    settings.POWERWITH_NOTIFY_SMS_TEMPLATE = TEMPLATE
    settings.POWERWITH_NOTIFY_URL = server.url
    yield server
    server.stop()


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _text_change(world: World, text: str = "The waiting room is too cold.") -> None:
    rose = add_person(world)
    services.hearing_back_set(
        actor=world.facilitator, person=rose, way="text", phone="07700 900123", consent=True
    )
    c = raise_one(world, rose, text)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="in_progress"
    )


def test_a_text_goes_to_notify_with_its_token_template_and_number(
    world: World, notify: FakeNotify
) -> None:
    _text_change(world)
    run_worker()
    assert len(notify.requests) == 1
    request = notify.requests[0]
    assert request["path"] == "/v2/notifications/sms"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["body"] == {
        "phone_number": "+447700900123",
        "template_id": TEMPLATE,
        "personalisation": {
            "message": 'Better breast care: what you raised is now "In progress". '
            '"The waiting room is too cold."'
        },
    }
    scheme, token = request["headers"]["Authorization"].split(" ")
    assert scheme == "Bearer"
    header, claims, signature = token.split(".")
    assert json.loads(_unb64(header)) == {"typ": "JWT", "alg": "HS256"}
    issued = json.loads(_unb64(claims))
    assert issued["iss"] == SERVICE_ID
    assert abs(issued["iat"] - timezone.now().timestamp()) < 60
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert _unb64(signature) == expected
    assert Notice.objects.get().status == "sent"


def test_notify_refusing_keeps_the_notice_with_the_reason(world: World, notify: FakeNotify) -> None:
    notify.answer = 400
    _text_change(world)
    run_worker()
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("queued", 1)
    assert notice.last_error == (
        'Notify refused the text message (400): {"errors": [{"error": "BadRequestError"}]}'
    )


def test_a_long_contribution_is_cut_to_fit_160_characters(world: World, settings: Any) -> None:
    settings.POWERWITH_SMS = "console"
    settings.POWERWITH_SITE_URL = "https://powerwith.example.org"
    world.journey.public_you_said = True
    world.journey.save()
    ConsoleSms.sent.clear()
    _text_change(world, "The waiting room is far too cold in winter " * 10)
    run_worker()
    [(phone, text)] = ConsoleSms.sent
    assert phone == "+447700900123"
    assert len(text) <= compose.SMS_LENGTH
    assert text.startswith('Better breast care: what you raised is now "In progress". "The')
    assert text.endswith('..." https://powerwith.example.org/p/better-breast-care/you-said-we-did/')
    assert text.isascii()
