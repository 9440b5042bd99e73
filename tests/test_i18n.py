"""The one bilingual mechanism (evaluator/i18n.py): every phrase the code asks for has its Chinese in the
catalogue, the catalogue holds nothing the code no longer asks for, placeholders survive translation, and
the compiled .mo says what the .po says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from evaluator.i18n import LOCALE_DIR, as_lang, both, pt, t, tn

ROOT = Path(__file__).resolve().parents[1]
PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def _extracted() -> set[tuple[str | None, str]]:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages  # tools/messages.py
    finally:
        sys.path.pop(0)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in messages.engine_template() if m.id}


def _entries() -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(PO)) if not e.obsolete]


def test_every_phrase_the_code_asks_for_is_translated_and_nothing_else_is_kept():
    wanted = _extracted()
    kept = {(e.msgctxt, e.msgid) for e in _entries()}
    assert wanted - kept == set(), "new phrases: run `make messages` and write their Chinese in the .po"
    assert kept - wanted == set(), "phrases no code uses any more: run `make messages` to drop them"
    untranslated = [e.msgid for e in _entries() if not (e.msgstr or any(e.msgstr_plural.values())) or e.fuzzy]
    assert untranslated == []


def test_placeholders_survive_translation():
    """A translation keeps every placeholder and adds none (it may repeat one: F013 names the version twice)."""
    for entry in _entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert set(FIELD.findall(text)) == set(FIELD.findall(entry.msgid)) or entry.msgid_plural, entry.msgid


def test_the_compiled_catalogue_says_what_the_po_says():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    def key(e: polib.POEntry | polib.MOEntry) -> tuple:
        return (e.msgctxt, e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
    assert {key(e) for e in mo if e.msgid} == {key(e) for e in po if not e.obsolete and e.msgid}, \
        "run `make messages`"


def test_lookup_fills_parameters_in_either_language():
    assert t("en", "{n} problems", n=3) == "3 problems"
    assert tn("en", "{n} form", "{n} forms", 1) == "1 form"
    assert tn("en", "{n} form", "{n} forms", 2) == "2 forms"
    assert pt("en", "answer", "no") == "no"
    assert set(both("Total")) == {"zh", "en"}


@pytest.mark.parametrize(("given", "lang"), [("en", "en"), ("en-us", "en"), ("EN", "en"), ("zh", "zh"),
                                             ("zh-hans", "zh"), (None, "zh"), ("fr", "zh")])
def test_outside_language_codes_map_to_a_lang(given, lang):
    assert as_lang(given) == lang


def test_the_platform_reads_the_engine_catalogue_below_its_own():
    """Django reads the engine's catalogue (templates say engine phrases as the CLI does), with the lowest
    precedence: where a page words the same English its own way ("District" on the dashboard filter, the
    form's cover says 所在区（市）县), the page's words win."""
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','evaluator.settings');"
            "django.setup(); from django.utils import translation; translation.activate('zh-hans');"
            "print(translation.gettext('Indicator id'), translation.gettext('District'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          env={"EVALUATOR_SECRET_KEY": "test", "PATH": "/usr/bin:/bin"})
    engine = polib.pofile(str(PO)).find("Indicator id")
    assert engine is not None and engine.msgstr
    assert done.stdout.split() == [engine.msgstr, "区（县）"], done.stderr


def test_chinese_comes_from_the_catalogue():
    entries = [e for e in _entries() if e.msgstr and not e.msgid_plural]
    for entry in entries:
        got = pt("zh", entry.msgctxt, entry.msgid) if entry.msgctxt else t("zh", entry.msgid)
        assert got == entry.msgstr
        assert (pt("en", entry.msgctxt, entry.msgid) if entry.msgctxt else t("en", entry.msgid)) == entry.msgid


def test_no_inline_language_switch_anywhere_in_the_package():
    """`lang == "zh"` switches are gone from the whole package, the reports and the comparison included:
    words come from the catalogue, rubric content from its `Text`."""
    done = subprocess.run(["grep", "-rn", "--include=*.py", 'lang == "zh"', str(ROOT / "evaluator")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout   # grep found nothing (2 would be an error of grep's own)
    assert done.stdout == ""


def test_page_labels_are_followed_by_the_separator_of_the_language():
    """`{% translate "Review" %}: …` would print "评审: …" on a Chinese page; the separator is translated too
    (msgctxt "label separator": "：" in Chinese, ": " in English)."""
    templates = sorted((Path(__file__).resolve().parents[1] / "evaluator" / "web").rglob("*.html"))
    ascii_after_label = [f"{path.name}: {m[0]}" for path in templates
                         for m in re.finditer(r'\{% translate "[^"]+" %\}: ', path.read_text(encoding="utf-8"))]
    assert templates and ascii_after_label == []


def test_every_text_a_page_translates_has_its_chinese():
    """Each `{% translate "…" %}` of the platform's templates, and each entry of the web apps' catalogues, has
    its Chinese (an untranslated or fuzzy entry prints English on a Chinese page), and a text two apps
    share has the same Chinese in both (Django takes the first app's, so the other's would never show)."""
    web = Path(__file__).resolve().parents[1] / "evaluator" / "web"
    chinese: dict[tuple[str | None, str], str] = {}
    for po_path in [*web.rglob("django.po"), Path(__file__).resolve().parents[1] / "evaluator" / "locale" / "zh_Hans"
                    / "LC_MESSAGES" / "django.po"]:
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr and not entry.fuzzy:
                said = chinese.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
                assert said == entry.msgstr or not po_path.is_relative_to(web), (po_path, entry.msgid, said, entry.msgstr)
            elif po_path.is_relative_to(web) and not any(entry.msgstr_plural.values()):
                raise AssertionError(f"{po_path.relative_to(web)}: {entry.msgid!r} has no Chinese")
    tag = re.compile(r'\{% translate "((?:[^"\\]|\\.)+)"(?: context "([^"]+)")?')
    missing = sorted({f"{path.name}: {m[1]}" for path in web.rglob("*.html")
                      for m in tag.finditer(path.read_text(encoding="utf-8")) if (m[2], m[1]) not in chinese})
    assert missing == []
