"""Stored files (common/files.py): the upload check by content, storing under a random name,
and the streaming response answering range requests."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory

from powerwith.common import files
from powerwith.demo.media import png_picture, wav_tone

WAV = wav_tone(seconds=0.25)
PNG = png_picture()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200


def upload(data: bytes, name: str = "clip.mp3") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc.value.message_dict["file"][0]


@pytest.mark.parametrize(
    ("data", "name", "kind", "content_type", "extension"),
    [
        (WAV, "interview.mp3", "audio", "audio/x-wav", "wav"),
        (PNG, "photo.jpg", "image", "image/png", "png"),
        (PDF, "letter.doc", "pdf", "application/pdf", "pdf"),
        ("Waiting was the worst part. — Jo\n".encode(), "notes", "text", "text/plain", "txt"),
    ],
)
def test_the_kind_comes_from_the_content_not_the_name(
    data: bytes, name: str, kind: str, content_type: str, extension: str
) -> None:
    checked = files.check_upload(upload(data, name))
    assert (checked.kind, checked.content_type, checked.extension, checked.size) == (
        kind,
        content_type,
        extension,
        len(data),
    )


@pytest.mark.parametrize("data", [EXE, ELF])
def test_a_renamed_program_is_refused_as_a_program(data: bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        files.check_upload(upload(data, "song.mp3"))
    assert message(exc) == (
        "This file is a program, whatever its name says. Programs cannot be uploaded: choose "
        "a sound recording, a video, a photo or picture, a PDF or a plain text file."
    )


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        files.check_upload(upload(b"", "empty.wav"))
    assert message(exc) == "The file is empty. Choose the file again."


def test_a_file_over_the_limit_is_refused_with_both_sizes(settings: object) -> None:
    settings.POWERWITH_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as exc:
        files.check_upload(upload(b"a" * (1024 * 1024 + 300 * 1024), "long.txt"))
    assert message(exc) == "The file is 1.3 MB. The largest file we can keep is 1 MB."
    # Exactly the limit is fine.
    assert files.check_upload(upload(b"a" * (1024 * 1024))).size == 1024 * 1024


def test_a_kind_not_asked_for_is_refused_by_what_was_asked() -> None:
    with pytest.raises(ValidationError) as exc:
        files.check_upload(upload(PNG, "a.wav"), kinds=("audio", "video"))
    assert message(exc) == (
        "We could not read this file as a sound recording or a video. Check it plays or opens "
        "on your device, or save it in another format."
    )
    zipped = b"PK\x03\x04" + b"\x00" * 100
    with pytest.raises(ValidationError):
        files.check_upload(upload(zipped, "story.txt"))
    binary = bytes(range(256)) * 4
    with pytest.raises(ValidationError):
        files.check_upload(upload(binary, "story.txt"))


def test_the_message_goes_on_the_field_named() -> None:
    with pytest.raises(ValidationError) as exc:
        files.check_upload(upload(b""), field="recording")
    assert exc.value.message_dict == {"recording": ["The file is empty. Choose the file again."]}


def test_store_keeps_it_under_a_random_name_and_discard_deletes_it() -> None:
    a = files.check_and_store(upload(WAV, "Jo Bloggs interview.wav"), folder="stories/1")
    b = files.check_and_store(upload(WAV, "Jo Bloggs interview.wav"), folder="stories/1")
    assert a.name != b.name
    assert a.name.startswith("stories/1/") and a.name.endswith(".wav")
    assert "Jo" not in a.name and len(a.name) > len("stories/1/") + 30
    assert (a.kind, a.content_type, a.size) == ("audio", "audio/x-wav", len(WAV))
    with default_storage.open(a.name, "rb") as f:
        assert f.read() == WAV
    files.discard(a.name)
    assert not files.exists(a.name)
    assert files.exists(b.name)
    files.discard(a.name)  # twice is harmless
    files.discard(b.name)


def test_nothing_is_stored_when_the_check_fails() -> None:
    before = default_storage.listdir("stories/2") if default_storage.exists("stories/2") else None
    for bad in (b"", EXE):
        with pytest.raises(ValidationError):
            files.check_and_store(upload(bad), folder="stories/2")
    assert not default_storage.exists("stories/2") or default_storage.listdir("stories/2") == before


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=999-999", (999, 999)),
        ("items=0-10", None),
        ("bytes=0-1,5-9", None),
    ],
)
def test_parse_range(header: str, expected: tuple[int, int] | None) -> None:
    assert files.parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5-4", "bytes=-0", "bytes=a-b", "bytes=-"])
def test_parse_range_refuses_what_cannot_be_served(header: str) -> None:
    with pytest.raises(files.Unsatisfiable):
        files.parse_range(header, 1000)


@pytest.fixture
def stored() -> files.Stored:
    s = files.check_and_store(upload(WAV), folder="tests")
    yield s
    files.discard(s.name)


def body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_whole_file_answers_200_with_its_length(stored: files.Stored) -> None:
    r = files.file_response(RequestFactory().get("/"), stored.name, content_type="audio/x-wav")
    assert r.status_code == 200
    assert r["Content-Length"] == str(len(WAV))
    assert r["Accept-Ranges"] == "bytes"
    assert r["Content-Type"] == "audio/x-wav"
    assert r["Content-Disposition"] == "inline"
    assert "Content-Range" not in r
    assert body(r) == WAV


def test_a_range_answers_206_with_exactly_those_bytes(stored: files.Stored) -> None:
    request = RequestFactory().get("/", headers={"Range": "bytes=10-19"})
    r = files.file_response(request, stored.name, content_type="audio/x-wav", filename="a b.wav")
    assert r.status_code == 206
    assert r["Content-Range"] == f"bytes 10-19/{len(WAV)}"
    assert r["Content-Length"] == "10"
    assert r["Content-Disposition"] == 'inline; filename="a-b.wav"'
    assert body(r) == WAV[10:20]
    request = RequestFactory().get("/", headers={"Range": "bytes=-4"})
    r = files.file_response(request, stored.name, content_type="audio/x-wav")
    assert (r.status_code, body(r)) == (206, WAV[-4:])


def test_a_bad_range_answers_416_with_the_size(stored: files.Stored) -> None:
    request = RequestFactory().get("/", headers={"Range": f"bytes={len(WAV)}-"})
    r = files.file_response(request, stored.name, content_type="audio/x-wav")
    assert r.status_code == 416
    assert r["Content-Range"] == f"bytes */{len(WAV)}"


def test_a_large_file_streams_in_pieces() -> None:
    data = b"line of words\n" * 20000  # 280 KB: several 64 KB pieces
    s = files.check_and_store(upload(data, "t.txt"), folder="tests")
    try:
        r = files.file_response(RequestFactory().get("/"), s.name, content_type=s.content_type)
        pieces = list(r.streaming_content)  # type: ignore[attr-defined]
        assert len(pieces) == 5 and b"".join(pieces) == data
        assert r["Content-Type"] == "text/plain; charset=utf-8"
    finally:
        files.discard(s.name)


def test_a_missing_file_is_404() -> None:
    with pytest.raises(Http404):
        files.file_response(RequestFactory().get("/"), "tests/gone.wav", content_type="audio/x-wav")
