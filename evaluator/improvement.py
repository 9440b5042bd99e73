"""改进计划 without the server: an improvement plan workbook drafted from a result, filled in by the
organization, and read back when the project's next round is scored.

    plan_workbook(result, lang) -> bytes      the draft: one row per priority of the result, with the
                                              rubric's advice as the action; owner and due date to fill
    read_plan(path) -> (Plan | None, problems)   every problem located at its sheet and cell

The workbook: a title; the project code, round and result it was drafted from; then one row per action —
indicator id, indicator, the level then, the action, owner, due date, and two columns the next evaluation
fills: done (是/否) and the evidence. The same result always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict

from evaluator.forms.save import workbook_bytes
from evaluator.forms.texts import NO as NO_TEXT
from evaluator.forms.texts import YES as YES_TEXT
from evaluator.i18n import LANGS, N_, Lang, both, t
from evaluator.problems import Location, Problem
from evaluator.report.feedback_followup import FollowUp, PlanItem
from evaluator.rubric.loader import display_path
from evaluator.scoring.result import Result

SHEET = N_("Improvement plan")
KEYS = ("code", "round", "result")
KEY_LABELS = {"code": N_("Project code"), "round": N_("Round"), "result": N_("Drafted from the result")}
COLUMNS = ("indicator", "name", "level", "action", "owner", "due", "done", "evidence")
COLUMN_LABELS = {
    "indicator": N_("Indicator id"), "name": N_("Indicator"), "level": N_("Level then"), "action": N_("Action"),
    "owner": N_("Owner"), "due": N_("Due date"), "done": N_("Done (the next evaluation: yes/no)"),
    "evidence": N_("How, and the evidence (the next evaluation)"),
}
HEAD_ROW = 6
FIRST_ROW = HEAD_ROW + 1
YES = {"是", "yes", "y", "已完成", "完成", "done"}    # what a person types in the done column, either language
NO = {"否", "no", "n", "未完成", "not done"}


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    round: str
    items: list[PlanItem]

    def followup(self) -> FollowUp:
        return FollowUp(plan=self.items, plan_round=self.round)


def draft(result: Result, lang: Lang) -> list[PlanItem]:
    """The result's priorities, each with the rubric's advice at its level as the action to start from."""
    levels = {i.id: i.level for i in result.indicators}
    return [PlanItem(indicator=a.indicator, action=a.advice(lang) if a.advice else "", level=levels.get(a.indicator))
            for a in result.highlights.priorities]


def plan_workbook(result: Result, lang: Lang, items: list[PlanItem] | None = None) -> bytes:
    items = draft(result, lang) if items is None else items
    names = {i.id: i.name(lang) for i in result.indicators}
    wb = Workbook()
    ws = wb.active
    ws.title = t(lang, SHEET)
    ws["A1"] = f"{t(lang, SHEET)} · {result.project.code} {result.project.name}"
    ws["A1"].font = Font(bold=True, size=14)
    values = {"code": result.project.code, "round": result.project.round,
              "result": f"{result.source.file} · sha256 {result.source.sha256[:16]}"}
    for n, key in enumerate(KEYS, start=2):
        ws.cell(n, 1, t(lang, KEY_LABELS[key])).font = Font(bold=True)
        ws.cell(n, 2, values[key])
    head = PatternFill("solid", fgColor="DDE7F0")
    for column, key in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEAD_ROW, column, t(lang, COLUMN_LABELS[key]))
        cell.font, cell.fill = Font(bold=True), head
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, item in enumerate(items, start=FIRST_ROW):
        shown: dict[str, Any] = {"indicator": item.indicator, "name": names.get(item.indicator, ""),
                                 "level": item.level, "action": item.action, "owner": item.owner, "due": item.due,
                                 "done": "" if item.done is None else (YES_TEXT if item.done else NO_TEXT)(lang),
                                 "evidence": item.evidence}
        for column, key in enumerate(COLUMNS, start=1):
            value = shown[key]
            if value not in (None, ""):
                ws.cell(row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (10, 18, 9, 60, 14, 12, 16, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    return workbook_bytes(wb)


def read_plan(path: Path) -> tuple[Plan | None, list[Problem]]:
    """The plan in `path`, with every problem located at its cell (an unreadable file: None)."""
    shown = display_path(path)
    try:
        wb = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any unreadable file is one located problem, never a traceback
        return None, [Problem(code="S002", location=Location(file=shown), params={"detail": type(exc).__name__})]
    sheet = next((wb[n] for n in (t(lang, SHEET) for lang in LANGS) if n in wb.sheetnames), None)
    if sheet is None:
        return None, [Problem(code="V014", location=Location(file=shown), params={"expected": both(SHEET)})]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]

    def value(r: int, c: int) -> Any:
        return rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None

    code, round_ = _text(value(2, 2)), _text(value(3, 2))
    problems: list[Problem] = []
    items = []
    for r in range(FIRST_ROW, len(rows) + 1):
        cells = {key: value(r, c) for c, key in enumerate(COLUMNS, start=1)}
        action, indicator = _text(cells["action"]), _text(cells["indicator"])
        if not action and not indicator:
            continue
        def bad(key: str, found: Any, expected: dict[Lang, str], row: int = r, here: str = sheet.title) -> None:
            letter = "ABCDEFGH"[COLUMNS.index(key)]
            problems.append(Problem(code="V013", location=Location(file=shown, sheet=here, cell=f"{letter}{row}"),
                                    params={"row": row, "column": both(COLUMN_LABELS[key]), "expected": expected,
                                            "found": found}))

        if not indicator:
            bad("indicator", "", both("an indicator id"))
        due = cells["due"]
        due_text = due.date().isoformat() if isinstance(due, dt.datetime) else due.isoformat() \
            if isinstance(due, dt.date) else _text(due)
        if due_text:
            try:
                dt.date.fromisoformat(due_text)
            except ValueError:
                bad("due", due_text, both("a date (e.g. 2025-06-30)"))
        done_text = _text(cells["done"]).lower()
        done = True if done_text in YES else False if done_text in NO else None
        if done_text and done is None:
            bad("done", _text(cells["done"]), both("yes or no"))
        level = cells["level"]
        items.append(PlanItem(indicator=indicator, action=action, owner=_text(cells["owner"]), due=due_text,
                              level=int(level) if isinstance(level, (int, float)) and not isinstance(level, bool)
                              else None, done=done, evidence=_text(cells["evidence"])))
    return Plan(code=code, round=round_, items=items), problems


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
