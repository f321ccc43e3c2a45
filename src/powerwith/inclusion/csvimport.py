"""Reading a reference population from a CSV file, checking every row before anything is saved.

The format (also shown on the import page):

    characteristic,category,share
    age_band,18_24,11.5
    age_band,25_34,16
    disability,yes,22.1

- The first line is the header: ``characteristic,category,share`` (shares in per cent, 0 to 100)
  or ``characteristic,category,count`` (numbers of people; we work out each group's share of its
  characteristic's total). Column order is fixed; header case and spaces do not matter.
- ``characteristic`` and ``category`` take the codes listed on the page, or their labels
  ("Age", "18 to 24"), in any case.
- A byte-order mark (as Excel writes) is ignored; blank lines are skipped (line numbers still
  count them, so they match what a spreadsheet shows).
- The same characteristic and category twice is an error (on the second line).
- Shares for one characteristic adding up to more than 100.5% are an error. Adding up to less
  than 99.5% is accepted with a warning: a reference may describe only some groups (for example
  only the share of disabled people), and the rest is simply not compared.
- Any error means nothing is imported. Every error found is reported with its line and column.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from powerwith.common.inputs import parse_int

from . import vocab

MAX_BYTES = 200_000
MAX_ROWS = 1000
# The largest count a population's row can hold (a 32-bit column on PostgreSQL): more than
# everyone alive, so a larger number is a mistake.
MAX_COUNT = 2_147_483_647
SHARE_TOLERANCE = Decimal("0.5")
HEADERS: dict[tuple[str, ...], str] = {
    ("characteristic", "category", "share"): "share",
    ("characteristic", "category", "count"): "count",
}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # a column name, or "" for the whole line or file
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        if self.column:
            return _("Line %(line)s, column “%(column)s”: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class ParsedShare:
    characteristic: str
    category: str
    share: Decimal
    count: int | None
    line: int


@dataclass
class Parsed:
    shares: list[ParsedShare] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = "share"


def _lookup_characteristic(text: str) -> str | None:
    t = text.strip().lower()
    for term in vocab.CHARACTERISTICS:
        if t in (term.code.lower(), term.label.lower()):
            return term.code
    return None


def _lookup_category(characteristic: str, text: str) -> str | None:
    t = text.strip().lower()
    for term in vocab.reference_categories(characteristic):
        if t in (term.code.lower(), term.label.lower()):
            return term.code
    return None


def decode(data: bytes) -> tuple[str | None, RowError | None]:
    if len(data) > MAX_BYTES:
        return None, RowError(
            0,
            "",
            _("The file is too big (%(size)s KB). The most we take is 200 KB.")
            % {"size": len(data) // 1000},
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, RowError(
            line,
            "",
            _(
                "This line has characters we cannot read. Save the file as “CSV UTF-8” and try again."
            ),
        )


def parse(text: str) -> Parsed:
    """Check every line of a reference population CSV. Never raises on bad input."""
    result = Parsed()
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: tuple[str, ...] | None = None
    seen: dict[tuple[str, str], int] = {}
    rows = 0
    try:
        for raw in reader:
            line = reader.line_num
            if not raw or all(not cell.strip() for cell in raw):
                continue
            if header is None:
                header = tuple(c.strip().lower() for c in raw)
                kind = HEADERS.get(header)
                if kind is None:
                    result.errors.append(
                        RowError(
                            line,
                            "",
                            _(
                                "The first line must be the header “characteristic,category,"
                                "share” (or “characteristic,category,count”), not “%(header)s”."
                            )
                            % {"header": ",".join(c.strip() for c in raw)},
                        )
                    )
                    return result
                result.kind = kind
                continue
            rows += 1
            if rows > MAX_ROWS:
                result.errors.append(
                    RowError(
                        line,
                        "",
                        _("There are more than %(max_rows)s rows. Split the file.")
                        % {"max_rows": MAX_ROWS},
                    )
                )
                break
            _parse_row(result, raw, line, seen)
    except csv.Error as exc:
        result.errors.append(
            RowError(reader.line_num, "", _("This line is not valid CSV (%(exc)s).") % {"exc": exc})
        )
    if header is None:
        result.errors.append(
            RowError(0, "", _("The file is empty. It needs a header line and at least one row."))
        )
    elif rows == 0 and not result.errors:
        result.errors.append(RowError(0, "", _("The file has a header but no rows of figures.")))
    if not result.errors:
        _check_totals(result)
    return result


def _parse_row(result: Parsed, raw: list[str], line: int, seen: dict[tuple[str, str], int]) -> None:
    value_column = result.kind
    if len(raw) != 3:
        result.errors.append(
            RowError(
                line,
                "",
                _(
                    "Each line needs 3 values (characteristic, category, %(column)s); this one "
                    "has %(n)s."
                )
                % {"column": value_column, "n": len(raw)},
            )
        )
        return
    c_text, k_text, v_text = (cell.strip() for cell in raw)
    characteristic = _lookup_characteristic(c_text)
    if characteristic is None:
        codes = ", ".join(vocab.CHARACTERISTICS.codes)
        result.errors.append(
            RowError(
                line,
                "characteristic",
                _("“%(c_text)s” is not a characteristic we know. Use one of: %(codes)s.")
                % {"c_text": c_text, "codes": codes}
                if c_text
                else _("Enter a characteristic. Use one of: %(codes)s.") % {"codes": codes},
            )
        )
        return
    category = _lookup_category(characteristic, k_text)
    if category is None:
        codes = ", ".join(t.code for t in vocab.reference_categories(characteristic))
        result.errors.append(
            RowError(
                line,
                "category",
                _("“%(k_text)s” is not a group of “%(characteristic)s”. Use one of: %(codes)s.")
                % {"k_text": k_text, "characteristic": characteristic, "codes": codes}
                if k_text
                else _("Enter a group. For “%(characteristic)s” use one of: %(codes)s.")
                % {"characteristic": characteristic, "codes": codes},
            )
        )
        return
    earlier = seen.get((characteristic, category))
    if earlier is not None:
        result.errors.append(
            RowError(
                line,
                "category",
                _(
                    "“%(characteristic)s, %(category)s” is already on line %(earlier)s. Keep one of them."
                )
                % {"characteristic": characteristic, "category": category, "earlier": earlier},
            )
        )
        return
    seen[(characteristic, category)] = line
    if not v_text:
        result.errors.append(
            RowError(
                line,
                value_column,
                _("Enter the %(value_column)s.") % {"value_column": value_column},
            )
        )
        return
    if value_column == "share":
        share = _parse_share(result, v_text, line)
        if share is not None:
            result.shares.append(ParsedShare(characteristic, category, share, None, line))
    else:
        count = _parse_count(result, v_text, line)
        if count is not None:
            result.shares.append(ParsedShare(characteristic, category, Decimal(0), count, line))


def _parse_share(result: Parsed, text: str, line: int) -> Decimal | None:
    cleaned = text.rstrip("%").strip()
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma, as some spreadsheets write
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        result.errors.append(
            RowError(
                line,
                "share",
                _("“%(text)s” is not a number. Enter a share like 12.5.") % {"text": text},
            )
        )
        return None
    if not value.is_finite() or value < 0 or value > 100:
        result.errors.append(
            RowError(
                line,
                "share",
                _("A share must be between 0 and 100 (per cent); “%(text)s” is not.")
                % {"text": text},
            )
        )
        return None
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _parse_count(result: Parsed, text: str, line: int) -> int | None:
    cleaned = text.replace(",", "").replace(" ", "")
    count = parse_int(cleaned, low=0, high=MAX_COUNT)
    if count is None:
        result.errors.append(
            RowError(
                line,
                "count",
                _("“%(text)s” is not a whole number of people. Enter a count like 1250.")
                % {"text": text},
            )
        )
        return None
    return count


def shares_from_counts(rows: list[ParsedShare]) -> list[ParsedShare]:
    """Each count as a share of its characteristic's total count, to two decimal places."""
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r.characteristic] += r.count or 0
    out = []
    for r in rows:
        total = totals[r.characteristic]
        share = (
            (Decimal(r.count or 0) * 100 / Decimal(total)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if total
            else Decimal(0)
        )
        out.append(ParsedShare(r.characteristic, r.category, share, r.count, r.line))
    return out


def _check_totals(result: Parsed) -> None:
    if result.kind == "count":
        totals: dict[str, int] = defaultdict(int)
        last: dict[str, int] = {}
        for r in result.shares:
            totals[r.characteristic] += r.count or 0
            last[r.characteristic] = r.line
        for characteristic, count_total in totals.items():
            if count_total == 0:
                result.errors.append(
                    RowError(
                        last[characteristic],
                        "count",
                        _(
                            "The counts for “%(characteristic)s” add up to 0, so there are no shares to work out."
                        )
                        % {"characteristic": characteristic},
                    )
                )
        result.shares = shares_from_counts(result.shares)
        return
    sums: dict[str, Decimal] = defaultdict(Decimal)
    last = {}
    for r in result.shares:
        sums[r.characteristic] += r.share
        last[r.characteristic] = r.line
    for characteristic, total in sums.items():
        message = check_total(characteristic, total)
        if message is None:
            continue
        if total > 100:
            result.errors.append(RowError(last[characteristic], "share", message))
        else:
            result.warnings.append(message)


def check_total(characteristic: str, total: Decimal) -> str | None:
    """An error (over 100.5%) or warning (under 99.5%) about one characteristic's total."""
    label = vocab.CHARACTERISTICS.label(characteristic)
    if total > 100 + SHARE_TOLERANCE:
        return _(
            "The shares for “%(label)s” add up to %(total)s%%, which is more than 100%%. Check them."
        ) % {"label": label, "total": total}
    if total < 100 - SHARE_TOLERANCE:
        return _(
            "The shares for “%(label)s” add up to %(total)s%%, not 100%%. The groups you left out are not compared."
        ) % {"label": label, "total": total}
    return None
