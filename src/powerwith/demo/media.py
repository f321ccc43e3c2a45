"""Tiny invented media for the demo and the tests, made here so nothing binary is committed:
a short tone as a WAV sound recording, and a flat-coloured PNG picture."""

from __future__ import annotations

import math
import struct
import zlib


def wav_tone(*, seconds: float = 1.0, hertz: float = 440.0, rate: int = 8000) -> bytes:
    """A mono 8-bit WAV file of a soft tone (8 KB a second at 8 kHz), fading in and out."""
    n = int(seconds * rate)
    samples = bytearray()
    for i in range(n):
        fade = min(1.0, i / (rate * 0.05), (n - i) / (rate * 0.05))
        samples.append(128 + int(40 * fade * math.sin(2 * math.pi * hertz * i / rate)))
    header = b"RIFF" + struct.pack("<I", 36 + n) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    return header + fmt + b"data" + struct.pack("<I", n) + bytes(samples)


def png_picture(
    *, width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (70, 110, 160)
) -> bytes:
    """A PNG picture of one colour with a lighter band, a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    light = tuple(min(255, c + 60) for c in rgb)
    rows = b"".join(
        b"\x00" + bytes(light if height // 3 <= y < 2 * height // 3 else rgb) * width
        for y in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def webm_film() -> bytes:
    """A two-second silent WebM video (VP8, 160x90, about 3 KB): a square crossing a coloured
    background. Recorded once with Chromium's MediaRecorder from a drawn canvas and committed
    (``demo/film.webm``), because no encoder is at hand in pure Python."""
    from pathlib import Path

    return (Path(__file__).parent / "film.webm").read_bytes()
