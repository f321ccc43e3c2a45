"""Reading a data package back: every file, row and field checked against this PowerWith's
tables (``schema.expected_resources``), each problem named in plain words with its file, row
and field, before anything is written."""

from __future__ import annotations

import csv
import datetime
import decimal
import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from powerwith.common import csvsafe

from .schema import PROFILE, PackageError, expected_resources


def _parse(cell: str, spec: dict[str, Any]) -> object:
    """``cell`` read as ``spec``'s type; ValueError (a plain-English reason) if it is not one."""
    kind = spec["type"]
    if kind == "integer":
        if not cell.lstrip("-").isascii() or not cell.lstrip("-").isdigit():
            raise ValueError("is not a whole number")
        return int(cell)
    if kind == "number":
        try:
            return decimal.Decimal(cell)
        except decimal.InvalidOperation:
            raise ValueError("is not a number") from None
    if kind == "boolean":
        if cell not in ("true", "false"):
            raise ValueError("is not true or false")
        return cell == "true"
    try:
        if kind == "date":
            return datetime.date.fromisoformat(cell)
        if kind == "datetime":
            value = datetime.datetime.fromisoformat(cell)
            if value.tzinfo is None:
                raise ValueError
            return value
        if kind == "time":
            return datetime.time.fromisoformat(cell)
    except ValueError:
        raise ValueError(f"is not a {kind} (write it as in the other rows)") from None
    text = csvsafe.unescape(cell)
    if kind in ("array", "object", "any"):
        try:
            return json.loads(text)
        except ValueError:
            raise ValueError("is not JSON") from None
    if spec.get("format") == "uuid":
        try:
            return str(uuid.UUID(text))
        except ValueError:
            raise ValueError("is not a UUID") from None
    return text


def read(directory: str | Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The package in ``directory``, checked against this PowerWith's tables: its descriptor and
    each resource's rows (column -> value). Raises PackageError listing every problem, each with
    its file, row and field."""
    root = Path(directory)
    problems: list[str] = []
    try:
        desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(
            [f"{root}: there is no datapackage.json, so this is not a data package."]
        ) from None
    except ValueError:
        raise PackageError(["datapackage.json: it is damaged (it is not JSON)."]) from None
    meta = desc.get("powerwith", {}) if isinstance(desc, dict) else {}
    if meta.get("format") != PROFILE:
        raise PackageError(
            [f"datapackage.json: this is not a PowerWith journey package ({PROFILE})."]
        )
    if meta.get("form") != "full":
        raise PackageError(
            [
                "datapackage.json: this is a public package; only a full package can be imported "
                "(the public form leaves out what is needed to rebuild a journey)."
            ]
        )
    theirs = {r.get("name"): r for r in desc.get("resources", []) if isinstance(r, dict)}
    ours = expected_resources()
    for name in sorted(str(n) for n in set(theirs) - set(ours)):
        problems.append(f"datapackage.json: the table {name} is not one this PowerWith has.")
    for name in ours:
        if name not in theirs:
            problems.append(f"datapackage.json: the table {name} is missing.")
    data: dict[str, list[dict[str, Any]]] = {}
    for name, want in ours.items():
        res = theirs.get(name)
        if res is None:
            continue
        path = want["path"]
        fields = want["schema"]["fields"]
        names = [f["name"] for f in fields]
        their_fields = [f.get("name") for f in res.get("schema", {}).get("fields", [])]
        if their_fields != names:
            problems.append(
                f"{path}: its schema's fields are {', '.join(map(str, their_fields)) or 'none'}; "
                f"this PowerWith expects {', '.join(names)}."
            )
            continue
        their_types = [f.get("type") for f in res["schema"]["fields"]]
        for f, t in zip(fields, their_types, strict=True):
            if f["type"] != t:
                problems.append(
                    f"{path}: field {f['name']} is of type {t}; it should be {f['type']}."
                )
        try:
            with open(root / path, encoding="utf-8-sig", newline="") as fh:
                lines = list(csv.reader(fh))
        except FileNotFoundError:
            problems.append(f"{path}: the file is missing.")
            continue
        except UnicodeDecodeError:
            problems.append(f"{path}: the file is not UTF-8 text.")
            continue
        if not lines or lines[0] != names:
            problems.append(f"{path}, row 1: the header should be {','.join(names)}.")
            continue
        rows: list[dict[str, Any]] = []
        seen: dict[str, set[object]] = defaultdict(set)
        for n, line in enumerate(lines[1:], start=2):
            if len(line) != len(names):
                problems.append(
                    f"{path}, row {n}: it has {len(line)} cells; it should have {len(names)}."
                )
                continue
            row: dict[str, Any] = {}
            for f, cell in zip(fields, line, strict=True):
                cons = f.get("constraints", {})
                where = f"{path}, row {n}, field {f['name']}"
                if cell == "":
                    if cons.get("required"):
                        problems.append(f"{where}: it is empty, and it must be filled in.")
                    row[f["name"]] = None
                    continue
                try:
                    value = _parse(cell, f)
                except ValueError as exc:
                    problems.append(f"{where}: \u201c{cell[:60]}\u201d {exc}.")
                    continue
                if "enum" in cons and value not in cons["enum"]:
                    problems.append(
                        f"{where}: \u201c{cell[:60]}\u201d is not one of its codes ({', '.join(cons['enum'][:12])})."
                    )
                if "minimum" in cons and isinstance(value, int) and value < cons["minimum"]:
                    problems.append(f"{where}: {value} is below {cons['minimum']}.")
                if cons.get("unique"):
                    key = value if not isinstance(value, dict | list) else json.dumps(value)
                    if key in seen[f["name"]]:
                        problems.append(
                            f"{where}: \u201c{cell[:60]}\u201d is already in another row; it must be unique."
                        )
                    seen[f["name"]].add(key)
                row[f["name"]] = value
            rows.append(row)
        data[name] = rows
    # Foreign keys: every link must point at a row of the package.
    for name, want in ours.items():
        for fk in want["schema"].get("foreignKeys", []):
            col = fk["fields"][0]
            target = fk["reference"]["resource"] or name
            tcol = fk["reference"]["fields"][0]
            if name not in data or target not in data:
                continue
            there = {r[tcol] for r in data[target]}
            for n, row in enumerate(data[name], start=2):
                value = row.get(col)
                if value is not None and value not in there:
                    problems.append(
                        f"{want['path']}, row {n}, field {col}: it points at {value}, which is "
                        f"not in {ours[target]['path']}."
                    )
    files = meta.get("files", [])
    if not isinstance(files, list) or not all(isinstance(n, str) for n in files):
        problems.append("datapackage.json: its list of files is damaged.")
    else:
        for name in files:
            inside = (root / "files" / name).resolve()
            if not inside.is_relative_to((root / "files").resolve()) or not inside.is_file():
                problems.append(f"files/{name}: the file is missing.")
    if problems:
        raise PackageError(problems)
    return desc, data
