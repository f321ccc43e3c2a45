"""Stored files, the same way for every app: check an upload, keep it, give it back.

- :func:`check_upload` reads what a file *is* from its content (``filetype``'s magic numbers),
  never from its name, and refuses empty files, files over ``POWERWITH_UPLOAD_MAX_MB``, programs
  and anything that is not audio, video, a photo or picture, a PDF or plain text, each with its
  own message. Nothing is stored until the check passes.
- :func:`store` keeps a checked file through Django's storage API (the default storage: files
  under ``$POWERWITH_VAR/media``, or S3-compatible storage in production) under a random name
  that says nothing about its owner and cannot be guessed; :func:`discard` deletes one.
- :func:`file_response` streams a stored file back, answering HTTP range requests (206 with
  ``Content-Range``; 416 for a range that cannot be served), so audio and video play and seek
  on a phone. Files are never served by the web server: the app's view checks who is asking
  (and, for stories, consent) before it calls this.

This module knows no domain app; an app keeps the returned :class:`Stored` facts on its own rows.
"""

from __future__ import annotations

import codecs
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

AUDIO, VIDEO, IMAGE, PDF, TEXT = "audio", "video", "image", "pdf", "text"
ALL_KINDS = (AUDIO, VIDEO, IMAGE, PDF, TEXT)

# What each kind is called in a message ("Upload a recording, ...").
_KIND_WORDS = {
    AUDIO: "a sound recording",
    VIDEO: "a video",
    IMAGE: "a photo or picture",
    PDF: "a PDF",
    TEXT: "a plain text file",
}
# Programs, whatever they are called: a renamed one gets this message rather than "not allowed".
_PROGRAMS = {
    "application/x-msdownload",
    "application/x-executable",
    "application/x-mach-binary",
    "application/x-dex",
    "application/x-elf",
    "application/vnd.microsoft.portable-executable",
}
_CHUNK = 64 * 1024
_TEXT_SNIFF = 64 * 1024


@dataclass(frozen=True)
class Checked:
    """What an upload turned out to be."""

    kind: str  # one of ALL_KINDS
    content_type: str  # as read from the content, e.g. "audio/mpeg"
    extension: str  # for the stored name, e.g. "mp3"
    size: int  # bytes


@dataclass(frozen=True)
class Stored:
    """A file kept in storage: keep these on the row that owns it."""

    name: str  # the storage's name for it (random)
    kind: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "POWERWITH_UPLOAD_MAX_MB", 100)) * 1024 * 1024


def _megabytes(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.1f}".rstrip("0").rstrip(".") if mb < 10 else f"{mb:.0f}"


def _kinds_words(kinds: tuple[str, ...]) -> str:
    words = [_KIND_WORDS[k] for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        # Not final: the sniffed piece may end in the middle of a character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def check_upload(
    upload: Any, *, field: str = "file", kinds: tuple[str, ...] = ALL_KINDS
) -> Checked:
    """Check an uploaded file (Django's ``UploadedFile`` or any file with ``size``) before
    anything is stored. Raises ValidationError on ``field`` with a message saying what is wrong
    with this file."""
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise ValidationError({field: [_("The file is empty. Choose the file again.")]})
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            {
                field: [
                    _("The file is %(size)s MB. The largest file we can keep is %(limit)s MB.")
                    % {"size": _megabytes(size), "limit": _megabytes(limit)}
                ]
            }
        )
    upload.seek(0)
    head = upload.read(_TEXT_SNIFF)
    upload.seek(0)
    found = filetype.guess(head[:8192])
    if found is not None and found.mime in _PROGRAMS:
        raise ValidationError(
            {
                field: [
                    _(
                        "This file is a program, whatever its name says. Programs cannot be "
                        "uploaded: choose %(kinds)s."
                    )
                    % {"kinds": _kinds_words(kinds)}
                ]
            }
        )
    if found is None:
        kind, content_type, extension = (
            (TEXT, "text/plain", "txt") if _looks_like_text(head) else ("", "", "")
        )
    elif found.mime == "application/pdf":
        kind, content_type, extension = PDF, found.mime, found.extension
    else:
        kind = found.mime.split("/", 1)[0]
        content_type, extension = found.mime, found.extension
    if kind not in kinds:
        raise ValidationError(
            {
                field: [
                    _(
                        "We could not read this file as %(kinds)s. Check it plays or opens on "
                        "your device, or save it in another format."
                    )
                    % {"kinds": _kinds_words(kinds)}
                ]
            }
        )
    return Checked(kind=kind, content_type=content_type, extension=extension, size=size)


def store(upload: Any, checked: Checked, *, folder: str) -> Stored:
    """Keep a checked upload in the default storage under ``folder`` with a random name."""
    name = f"{folder.strip('/')}/{secrets.token_urlsafe(24)}.{checked.extension}"
    upload.seek(0)
    saved = default_storage.save(name, upload)
    return Stored(
        name=saved, kind=checked.kind, content_type=checked.content_type, size=checked.size
    )


def check_and_store(
    upload: Any, *, folder: str, field: str = "file", kinds: tuple[str, ...] = ALL_KINDS
) -> Stored:
    """:func:`check_upload` then :func:`store`. Call it last in a service, after every other
    check, and :func:`discard` the file if anything after it fails."""
    return store(upload, check_upload(upload, field=field, kinds=kinds), folder=folder)


def discard(name: str) -> None:
    """Delete a stored file (nothing happens if it is already gone)."""
    if name:
        default_storage.delete(name)


def exists(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


class Unsatisfiable(Exception):
    """The Range header asks for bytes the file does not have, or cannot be read."""


_RANGE = re.compile(r"^(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte asked for by a ``Range`` header, both inclusive, or None for the
    whole file (no header, another unit, or several ranges, which we answer with the whole
    file as RFC 9110 allows). Raises :class:`Unsatisfiable` for a bytes range we cannot serve."""
    header = header.strip()
    if not header.lower().startswith("bytes="):
        return None
    spec = header[6:].strip()
    if "," in spec:
        return None
    m = _RANGE.match(spec)
    if m is None or (not m.group(1) and not m.group(2)):
        raise Unsatisfiable(header)
    first_s, last_s = m.groups()
    if not first_s:  # "-500": the last 500 bytes
        suffix = int(last_s)
        if suffix == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(0, size - suffix), size - 1
    first = int(first_s)
    last = int(last_s) if last_s else size - 1
    if first >= size or last < first:
        raise Unsatisfiable(header)
    return first, min(last, size - 1)


def _chunks(name: str, first: int, length: int) -> Iterator[bytes]:
    with default_storage.open(name, "rb") as f:
        f.seek(first)
        left = length
        while left > 0:
            block = f.read(min(_CHUNK, left))
            if not block:
                break
            left -= len(block)
            yield block


def file_response(
    request: HttpRequest, name: str, *, content_type: str, filename: str = ""
) -> HttpResponse | StreamingHttpResponse:
    """Stream a stored file, or the part a ``Range`` header asks for. 404 if it is gone.

    Call it only after the view has checked that this visitor may have this file now."""
    try:
        size = default_storage.size(name)
    except (FileNotFoundError, OSError) as exc:
        raise Http404("No such file") from exc
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except Unsatisfiable:
        response = HttpResponse(
            _("That part of the file does not exist."),
            status=416,
            content_type="text/plain; charset=utf-8",
        )
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = wanted if wanted is not None else (0, size - 1)
    streamed: StreamingHttpResponse
    length = last - first + 1 if size else 0
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"
    streamed = StreamingHttpResponse(
        _chunks(name, first, length) if request.method != "HEAD" else iter(()),
        status=206 if wanted is not None else 200,
        content_type=content_type,
    )
    streamed["Content-Length"] = str(length)
    streamed["Accept-Ranges"] = "bytes"
    if wanted is not None:
        streamed["Content-Range"] = f"bytes {first}-{last}/{size}"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-")
    streamed["Content-Disposition"] = f'inline; filename="{safe}"' if safe else "inline"
    return streamed
