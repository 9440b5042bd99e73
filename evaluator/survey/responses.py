"""Reading residents' answers: one row per respondent, from .xlsx or .csv as survey tools export them.

Columns are matched to the questionnaire's items and groups by the mapping given (`--map`: item or
group id → header), else by id, else by the item's text or the group's label (ignoring a leading
number such as "3、" or "Q3."). Answers are matched by choice id, label (Chinese or English) or the
option's number (1 for the first answer), whatever the width of the characters. Every column that
is not an item or a group (names, phones, addresses, free comments) is dropped unread: personal data
never leaves this module, which hands on only answers by item and group values.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine as calamine
import yaml

from evaluator.i18n import N_, both
from evaluator.inputs import InputError, read_regular
from evaluator.problems import Location, Problem, did_you_mean
from evaluator.rubric.fields import Choice
from evaluator.survey.model import Survey
from evaluator.survey.stats import Respondent
from evaluator.survey.template import NUMBER, SHEETS

MAX_BYTES = 20 * 2**20
_NUMBERING = re.compile(r"^\s*(q|第)?\s*\d+\s*(题)?\s*[、.．:：)）]\s*", re.IGNORECASE)
RESPONSES_SHEETS = tuple(both(SHEETS["answers"]).values())   # the generated questionnaire's answer sheet
HEADER_SEARCH = 10


@dataclass
class Responses:
    respondents: list[Respondent]
    problems: list[Problem]
    ignored: list[str]        # headers of the columns dropped unread
    columns: dict[str, str]   # item or group id → the header it was read from


def norm(text: Any) -> str:
    """For matching: full-width folded, spaces removed, case folded, a leading question number dropped."""
    folded = unicodedata.normalize("NFKC", str(text)).strip()
    folded = _NUMBERING.sub("", folded)
    return "".join(folded.split()).casefold()


# the respondent's running number: not personal, not reported as ignored
_NUMBER_HEADERS = {norm(h) for h in (*both(NUMBER).values(), "序号", "编号", "no", "#")}


def read_mapping(path: Path, survey: Survey) -> tuple[dict[str, str], list[Problem]]:
    """A `--map` file: `item or group id: header as in the export` per line (YAML)."""
    shown = str(path)
    try:
        data = yaml.safe_load(read_regular(path, 2**20).decode("utf-8"))
    except InputError as exc:
        return {}, [Problem(code="Q006", location=Location(file=shown), params={"detail": exc.detail})]
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return {}, [Problem(code="Q006", location=Location(file=shown), params={"detail": str(exc).splitlines()[0]})]
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, (str, int)) for k, v in data.items()):
        detail = both(N_("expected lines of `item id: header`"))
        return {}, [Problem(code="Q006", location=Location(file=shown), params={"detail": detail})]
    known = [i.id for i in survey.items] + [g.id for g in survey.groups]
    problems = [Problem(code="Q007", location=Location(file=shown, key=k), params={"key": k, "hint": did_you_mean(k, known)})
                for k in data if k not in known]
    return {k: str(v) for k, v in data.items() if k in known}, problems


def read_responses(path: Path, survey: Survey, mapping: dict[str, str] | None = None) -> Responses:
    shown = str(path)
    try:
        sheet, table = _table(path)
    except InputError as exc:
        code = "Q001" if exc.kind == "missing" else "Q002"
        return Responses([], [Problem(code=code, location=Location(file=shown), params={"path": shown, "detail": exc.detail})], [], {})
    except _Unreadable as exc:
        return Responses([], [Problem(code="Q002", location=Location(file=shown), params={"detail": str(exc)})], [], {})
    candidates = [n for n, row in enumerate(table) if any(_text(v) for v in row)][:HEADER_SEARCH]
    if not candidates:
        return Responses([], [Problem(code="Q008", location=Location(file=shown))], [], {})
    # the header row: of the first rows holding anything, the one naming the most items and groups
    # (a title or a note above the headers is common in exports and in the generated questionnaire)
    tried = [(n, *_columns([_text(v) for v in table[n]], survey, mapping or {}, shown)) for n in candidates]
    header_row, columns, problems = max(tried, key=lambda t: (len(t[1]), -t[0]))
    headers = [_text(v) for v in table[header_row]]
    used = set(columns.values())
    ignored = [h for n, h in enumerate(headers) if h and n not in used and norm(h) not in _NUMBER_HEADERS]
    respondents: list[Respondent] = []
    for offset, row in enumerate(table[header_row + 1:], start=header_row + 2):
        if not any(_text(row[c]) for c in used if c < len(row)):
            continue
        respondents.append(_respondent(offset, row, columns, survey, _Where(shown, sheet, headers), problems))
    if not respondents:
        problems.append(Problem(code="Q008", location=Location(file=shown)))
    return Responses(respondents, problems, ignored, {k: headers[c] for k, c in columns.items()})


class _Unreadable(Exception):
    pass


@dataclass(frozen=True)
class _Where:
    """Locates a cell of the responses: sheet!A1 in a workbook, line and column header in a CSV file."""

    shown: str
    sheet: str | None
    headers: list[str]

    def at(self, row: int, column: int) -> Location:
        if self.sheet is not None:
            from openpyxl.utils import get_column_letter

            return Location(file=self.shown, sheet=self.sheet, cell=f"{get_column_letter(column + 1)}{row}")
        return Location(file=self.shown, line=row, key=self.headers[column] if column < len(self.headers) else None)


def _table(path: Path) -> tuple[str | None, list[list[Any]]]:
    data = read_regular(path, MAX_BYTES)
    if path.suffix.lower() == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):  # WPS and Excel in China save CSV as GBK
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes any bytes
            raise _Unreadable("not UTF-8 or GB18030 text")
        return None, [list(r) for r in csv.reader(io.StringIO(text))]
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        name = next((n for n in RESPONSES_SHEETS if n in names), names[0])
        return name, [list(r) for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
    except BaseException as exc:  # whatever calamine raises (a Rust panic too) is the file's problem
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _Unreadable(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _columns(headers: list[str], survey: Survey, mapping: dict[str, str], shown: str) -> tuple[dict[str, int], list[Problem]]:
    by_norm: dict[str, int] = {}
    for n, h in enumerate(headers):
        if h:
            by_norm.setdefault(norm(h), n)
    wanted: list[tuple[str, list[str], Any]] = [(i.id, [i.text.zh, i.text.en], i.text) for i in survey.items]
    wanted += [(g.id, [g.label.zh, g.label.en], g.label) for g in survey.groups]
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for key, texts, label in wanted:
        names = [mapping[key]] if key in mapping else [key, *texts]
        found = next((by_norm[norm(t)] for t in names if norm(t) in by_norm), None)
        if found is not None:
            columns[key] = found
        elif key in mapping or key in [i.id for i in survey.items]:
            hint = did_you_mean(mapping.get(key, texts[0]), [h for h in headers if h])
            params = {"label": {"zh": label.zh, "en": label.en}, "key": key, "found": [h for h in headers if h][:12], "hint": hint}
            problems.append(Problem(code="Q003", location=Location(file=shown), params=params))
    # an item the export lacks was not asked (its measures stay empty): a warning, unless the mapping named
    # its column or no item was found at all (then these are not the answers of this questionnaire)
    items_found = any(i.id in columns for i in survey.items)
    problems = [p if not items_found or p.params["key"] in mapping else p.model_copy(update={"severity": "warning"})
                for p in problems] if items_found else problems
    return columns, problems


def _respondent(row_number: int, row: list[Any], columns: dict[str, int], survey: Survey, where: _Where,
                problems: list[Problem]) -> Respondent:
    answers: dict[str, str | None] = {}
    for item in survey.items:
        if item.id in columns:
            answers[item.id] = _answer(row, columns[item.id], survey.scales[item.scale], row_number, item.text, where, problems)
    groups: dict[str, str | None] = {}
    for group in survey.groups:
        if group.id in columns:
            raw = _text(row[columns[group.id]]) if columns[group.id] < len(row) else ""
            if group.choices:
                groups[group.id] = _answer(row, columns[group.id], group.choices, row_number, group.label, where, problems)
            else:
                groups[group.id] = unicodedata.normalize("NFKC", raw) or None
    return Respondent(row_number, answers, groups)


def _answer(row: list[Any], column: int, scale: list[Choice], row_number: int, label: Any, where: _Where,
            problems: list[Problem]) -> str | None:
    raw = _text(row[column]) if column < len(row) else ""
    if not raw:
        return None
    key = norm(raw)
    for n, choice in enumerate(scale, start=1):
        if key in (norm(choice.id), norm(choice.label.zh), norm(choice.label.en), str(n)):
            return choice.id
    expected = [c.label.zh for c in scale]
    problems.append(Problem(code="Q004", severity="warning", location=where.at(row_number, column),
                            params={"label": {"zh": label.zh, "en": label.en}, "found": raw[:60], "expected": expected}))
    return None
