"""Every string people read has Welsh, and every shipped catalogue is compiled (docs/translation.md).

Run alone with ``pytest -m translations``.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.translations

SRC = Path(__file__).resolve().parents[1] / "src" / "powerwith"
# The project-level catalogue first, then every app's own.
CATALOGUES = sorted(SRC.glob("locale/*/LC_MESSAGES/django.po")) + sorted(
    SRC.glob("*/locale/*/LC_MESSAGES/django.po")
)
WELSH = [p for p in CATALOGUES if p.parts[-3] == "cy"]


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


@contextmanager
def _in_directory(path: Path) -> Iterator[None]:
    here = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(here)


def _strings_in_source(tmp_path: Path) -> list[polib.POEntry]:
    """Every marked string in the whole source, by ``makemessages -l cy`` over a copy of it.

    The copy leaves out every catalogue, so all strings land in one new file, and the shipped
    catalogues are never touched."""
    copy = tmp_path / "powerwith"
    shutil.copytree(
        SRC, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "migrations")
    )
    (copy / "locale").mkdir()
    with _in_directory(copy), override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["cy"], extensions=["html", "txt", "py"], verbosity=0)
    return list(polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")))


def _untranslated(found: list[polib.POEntry]) -> list[str]:
    done: set[tuple[str, str]] = set()
    for path in WELSH:
        done |= {_key(e) for e in polib.pofile(str(path)) if _translated(e)}
    lines = []
    for entry in found:
        if _key(entry) in done:
            continue
        where = ", ".join(f"{f}:{n}" for f, n in entry.occurrences)
        context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
        lines.append(f"{where}: {entry.msgid!r}{context}")
    return lines


def test_every_string_has_welsh(tmp_path: Path) -> None:
    """Fails when any string marked for translation anywhere in the source has no Welsh (empty,
    fuzzy or missing) in every shipped cy catalogue, listing each one by file and line."""
    found = _strings_in_source(tmp_path)
    assert len(found) > 100, "makemessages found almost nothing: is the source marked?"
    missing = _untranslated(found)
    assert not missing, f"{len(missing)} strings have no Welsh yet:\n" + "\n".join(missing)


def test_the_check_sees_a_missing_translation(tmp_path: Path) -> None:
    """The check above can fail: a new string in a template is reported with its place."""
    (tmp_path / "src").mkdir()
    template = tmp_path / "src" / "new.html"
    template.write_text(
        '{% load i18n %}\n<p>{% translate "A sentence nobody has translated yet" %}</p>\n'
        '<p>{% translate "Sign out" %}</p>\n'
    )
    (tmp_path / "src" / "locale").mkdir()
    with _in_directory(tmp_path / "src"), override_settings(LOCALE_PATHS=[]):
        call_command("makemessages", locale=["cy"], extensions=["html"], verbosity=0)
    found = list(
        polib.pofile(str(tmp_path / "src" / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    )
    assert _untranslated(found) == [
        "new.html:2: 'A sentence nobody has translated yet'",
    ]


def _welsh_of(entry: polib.POEntry) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def _clashes(paths: list[Path]) -> list[str]:
    """Each English string that two catalogues translate differently, with both Welsh versions.

    Django merges every catalogue into one, so only one of two different translations is ever
    shown (the project catalogue's, then the first app's in INSTALLED_APPS): the other one is
    dead text that misleads whoever edits it."""
    seen: dict[tuple[str, str], dict[str | tuple[str, ...], list[str]]] = {}
    for path in paths:
        name = "project" if path.parents[3] == SRC else path.parents[3].name
        for entry in polib.pofile(str(path)):
            if _translated(entry):
                welsh = seen.setdefault(_key(entry), {})
                welsh.setdefault(_welsh_of(entry), []).append(name)
    lines = []
    for (context, msgid), welsh in seen.items():
        if len(welsh) > 1:
            versions = "; ".join(f"{', '.join(where)}: {text!r}" for text, where in welsh.items())
            lines.append(f"{msgid!r}{f' (context {context!r})' if context else ''}: {versions}")
    return lines


def test_no_english_string_has_two_welsh_translations() -> None:
    """The same English (and context) has the same Welsh in every catalogue that holds it."""
    clashes = _clashes(WELSH)
    assert not clashes, f"{len(clashes)} strings have different Welsh:\n" + "\n".join(clashes)


def test_each_meaning_reads_in_its_own_welsh() -> None:
    """A word that means two things in English is told apart by its context, in templates and in
    the fixed lists (``lazy_text_ctx``), and a number of people reads the same everywhere."""
    from powerwith.inclusion import vocab as inclusion_vocab
    from powerwith.training import vocab as training_vocab
    from powerwith.trials import vocab as trials_vocab

    left = Template(
        "{% load i18n %}"
        '{% translate "Left" context "money left" %}|'
        '{% translate "Left" context "people who left" %}|'
        '{% translate "Left" context "the day a person left" %}'
    )
    with translation.override("cy"):
        assert left.render(Context()) == "Ar ôl|Wedi gadael|Gadawodd"
        assert [
            inclusion_vocab.NEED_OUTCOMES.label(inclusion_vocab.MET),
            training_vocab.OUTCOMES.label(training_vocab.MET),
            trials_vocab.RESULTS.label("met"),
        ] == ["Wedi’i ddiwallu", "Wedi’i gyflawni", "Wedi’i fodloni"]
        assert [
            translation.ngettext("%(n)s person", "%(n)s people", n) % {"n": n} for n in (1, 2, 3, 8)
        ] == ["1 person", "2 o bobl", "3 o bobl", "8 o bobl"]


def test_the_check_sees_two_translations(tmp_path: Path) -> None:
    """The check above can fail: two catalogues giving one string different Welsh are reported,
    while the same Welsh twice, or a translation in another context, is not."""
    paths = []
    for app, welsh in (("one", "Wedi’i gadw."), ("two", "Wedi'i gadw.")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Saved.", msgstr=welsh))
        po.append(polib.POEntry(msgid="Back", msgstr="Yn ôl"))
        po.append(polib.POEntry(msgid="Done", msgstr=f"{app}", msgctxt=app))
        folder = tmp_path / app / "locale" / "cy" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po.save(str(folder / "django.po"))
        paths.append(folder / "django.po")
    assert _clashes(paths) == [
        "'Saved.': one: 'Wedi’i gadw.'; two: \"Wedi'i gadw.\"",
    ]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_compiled_catalogue_matches_its_source(po: Path, tmp_path: Path) -> None:
    """Each committed .mo is what msgfmt makes of the .po beside it (run
    `powerwith manage compilemessages` after changing a .po, and commit both)."""
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(SRC)} is missing: run compilemessages and commit it"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
    with mo.open("rb") as committed, fresh.open("rb") as compiled:
        committed_catalogue = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
        compiled_catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    assert committed_catalogue == compiled_catalogue, (
        f"{mo.relative_to(SRC)} is out of date: run compilemessages and commit it"
    )


DJANGO_WELSH = Path(django.__file__).parent / "conf" / "locale" / "cy" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("po", WELSH, ids=lambda p: str(p.relative_to(SRC)))
def test_welsh_catalogue_has_the_four_plural_forms(po: Path) -> None:
    """Every cy catalogue counts plurals as Django's own Welsh does (docs/translation.md): four
    forms, msgstr[0] for 1, [1] for 2, [2] for most numbers, [3] for 8 and 11. A catalogue with
    another rule has its forms in other places, and Django keeps it apart from the others."""
    django_welsh = polib.pofile(str(DJANGO_WELSH)).metadata["Plural-Forms"]
    assert polib.pofile(str(po)).metadata["Plural-Forms"] == django_welsh


def test_there_is_a_welsh_catalogue() -> None:
    assert SRC / "locale" / "cy" / "LC_MESSAGES" / "django.po" in WELSH
