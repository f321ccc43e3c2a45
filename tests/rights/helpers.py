"""Helpers for the rights tests: comparing figures, and scanning the whole database."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast


def differences(a: Any, b: Any, at: str = "") -> list[str]:
    """Every path where two JSON-like documents differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b), key=str):
            out += differences(a.get(k), b.get(k), f"{at}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += differences(x, y, f"{at}[{i}]")
        return out
    return [] if a == b else [f"{at}: {a!r} -> {b!r}"]


def where_in_database(text: str) -> list[str]:
    """``table.column`` for every text-like column of every table that contains ``text``."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                hits = model._default_manager.filter(**{f"{field.attname}__icontains": text})
            elif isinstance(field, models.JSONField):
                hits = model._default_manager.annotate(
                    _as_text=Cast(field.attname, models.TextField())
                ).filter(_as_text__icontains=text)
            else:
                continue
            if hits.exists():
                found.append(f"{model._meta.db_table}.{field.attname}")
    return found


def zip_texts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name).decode("utf-8-sig") for name in zf.namelist()}
