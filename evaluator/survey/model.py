"""A rubric's residents' questionnaire (`rubrics/surveys/<rubric id>.yaml`): answer scales, the groups
results are broken down by, the items, and how each survey-based indicator's evidence is measured.

Loaded like a rubric file: every mistake is a located problem (file, line, key path) and one bad part
hides no other. Checked against its rubric: each measure names an indicator of it, a percent field and an
integer sample field of that indicator, items of this file and answers of their scales.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from evaluator.problems import Problem, did_you_mean
from evaluator.rubric.fields import FIELD_ID, Choice
from evaluator.rubric.loader import Located, _read, _validate, display_path
from evaluator.rubric.models import INDICATOR_ID, SLUG, Rubric
from evaluator.rubric.schema_errors import known_keys
from evaluator.rubric.text import Strict, Text


class Group(Strict):
    """Who answered, for the breakdowns (楼栋, 年龄段, 新老住户): free text, or one of `choices`."""

    id: str = Field(pattern=FIELD_ID)
    label: Text
    choices: list[Choice] | None = None


class Item(Strict):
    id: str = Field(pattern=FIELD_ID)
    text: Text
    scale: str


class Measure(Strict):
    """The share of valid respondents (who answered every one of `items`) giving one of the `accept`
    answers to at least `at_least` of them; `field` gets the share, `sample` the number of valid respondents."""

    indicator: str = Field(pattern=INDICATOR_ID)
    field: str = Field(pattern=FIELD_ID)
    sample: str | None = Field(default=None, pattern=FIELD_ID)   # None: the rubric asks no sample size
    items: list[str] = Field(min_length=1)
    accept: list[str] = Field(min_length=1)
    at_least: int = Field(default=1, ge=1)


class Survey(Strict):
    rubric: str = Field(pattern=SLUG)
    title: Text
    intro: Text
    scales: dict[str, list[Choice]] = Field(min_length=1)
    groups: list[Group] = Field(default_factory=list)
    items: list[Item] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


_VOCABULARY = known_keys(Survey)


@dataclass
class LoadedSurvey:
    path: Path
    survey: Survey | None
    problems: list[Problem]


def survey_path(rubric_file: Path, rubric_id: str) -> Path:
    """Where a rubric's questionnaire lives: `surveys/<rubric id>.yaml` beside the rubric file."""
    return rubric_file.parent / "surveys" / f"{rubric_id}.yaml"


def load_survey(path: Path, rubric: Rubric) -> LoadedSurvey:
    problems: list[Problem] = []
    doc = _read(path, problems)
    if doc is None:
        return LoadedSurvey(path, None, problems)
    located = _validate(Survey, doc, (), problems)
    if located is None:
        return LoadedSurvey(path, None, problems)
    problems += _check(located, rubric)
    return LoadedSurvey(path, located.value if not problems else None, problems)


def _check(located: Located[Survey], rubric: Rubric) -> list[Problem]:
    survey = located.value
    out: list[Problem] = []
    if survey.rubric != rubric.id:
        out.append(located.at(("rubric",), "R006", found=survey.rubric, expected=[rubric.id]))
    seen: dict[str, int] = {}
    for n, item in enumerate(survey.items):
        if item.id in seen:
            out.append(located.at(("items", n, "id"), "R010", id=item.id, first_line=located.doc.line_of(("items", seen[item.id])) or 0))
        seen.setdefault(item.id, n)
        if item.scale not in survey.scales:
            out.append(located.at(("items", n, "scale"), "R006", found=item.scale, expected=sorted(survey.scales)))
    groups = [g.id for g in survey.groups]
    for n, gid in enumerate(groups):
        if gid in groups[:n] or gid in seen:
            out.append(located.at(("groups", n, "id"), "R010", id=gid, first_line=located.doc.line_of(("groups",)) or 0))
    indicators = {i.id: i for i in rubric.indicators}
    for n, m in enumerate(survey.measures):
        out += _check_measure(located, n, m, indicators, survey)
    return out


def _check_measure(located: Located[Survey], n: int, m: Measure, indicators: dict, survey: Survey) -> list[Problem]:
    out: list[Problem] = []
    at = ("measures", n)
    indicator = indicators.get(m.indicator)
    if indicator is None:
        return [located.at(at + ("indicator",), "R013", id=m.indicator, hint=did_you_mean(m.indicator, indicators))]
    fields = {f.id: f for f in indicator.evidence}
    for key, wanted in (("field", "percent"), ("sample", "integer")):
        fid = getattr(m, key)
        if fid is None:
            continue
        if fid not in fields:
            out.append(located.at(at + (key,), "R020", id=fid, hint=did_you_mean(fid, fields)))
        elif fields[fid].type != wanted:
            out.append(located.at(at + (key,), "R021", id=fid, found=fields[fid].type, expected=wanted))
    items = {i.id: i for i in survey.items}
    for k, item_id in enumerate(m.items):
        if item_id not in items:
            out.append(located.at(at + ("items", k), "R006", found=item_id, expected=sorted(items)))
    answers = {c.id for item_id in m.items if item_id in items for c in survey.scales.get(items[item_id].scale, [])}
    for k, answer in enumerate(m.accept):
        if answer not in answers:
            out.append(located.at(at + ("accept", k), "R006", found=answer, expected=sorted(answers)))
    if m.at_least > len(m.items):
        out.append(located.at(at + ("at_least",), "R006", found=m.at_least, expected=list(range(1, len(m.items) + 1))))
    return out


def shown_path(path: Path) -> str:
    return display_path(path)
