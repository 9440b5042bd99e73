"""The residents' questionnaire as a workbook: a printable sheet (问卷: the intro, the group questions and
every item with its answer scale) and a sheet for typing the answers in (回答: one row per respondent,
a dropdown of the answers in each column), whose headers `evaluator survey import` recognises.

No column asks who the respondent is: names, phone numbers and door numbers are never collected.
Deterministic: the same survey gives the same bytes.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from evaluator.forms import styles
from evaluator.forms.save import workbook_bytes
from evaluator.i18n import N_, Lang, t
from evaluator.rubric.fields import Choice
from evaluator.sheet_text import put_text
from evaluator.survey.model import Survey

ROWS = 500  # answer rows with dropdowns
SHEETS = {"form": N_("Questionnaire"), "answers": N_("Responses"), "lists": N_("Choices")}
NUMBER = N_("No.")
PRIVACY = N_("This questionnaire is anonymous: do not write names, phone numbers, door numbers or other personal details.")
ANSWERS_NOTE = N_("One row per respondent; pick each answer from the list, leave it empty when not answered. "
                  "Do not add columns for names or phone numbers.")


def questionnaire_bytes(survey: Survey, lang: Lang) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = t(lang, SHEETS["form"])
    _printable(ws, survey, lang)
    _answers(wb, survey, lang)
    wb.properties.title = survey.title(lang)
    wb.properties.creator = "evaluator"
    return workbook_bytes(wb)


def columns(survey: Survey, lang: Lang) -> list[tuple[str, str, list[Choice] | None]]:
    """The answer sheet's columns after the number: (id, header, choices or None for free text)."""
    out: list[tuple[str, str, list[Choice] | None]] = [(g.id, g.label(lang), g.choices) for g in survey.groups]
    out += [(i.id, i.text(lang), survey.scales[i.scale]) for i in survey.items]
    return out


def _printable(ws, survey: Survey, lang: Lang) -> None:
    styles.set_widths(ws, {"A": 6, "B": 90})
    styles.put(ws, "A1", survey.title(lang), styles.TITLE, border=False)
    styles.put(ws, "A2", survey.intro(lang), styles.BODY, border=False)
    styles.put(ws, "A3", t(lang, PRIVACY), styles.SMALL, border=False)
    for ref in ("A1:B1", "A2:B2", "A3:B3"):
        ws.merge_cells(ref)
    ws.row_dimensions[2].height = 44
    row = 5
    for n, (_, header, choices) in enumerate(columns(survey, lang), start=1):
        styles.put(ws, f"A{row}", n, styles.BOLD)
        styles.put(ws, f"B{row}", header, styles.BOLD)
        options = "    ".join(f"□ {c.label(lang)}" for c in choices) if choices else "______________________"
        styles.put(ws, f"B{row + 1}", options, styles.BODY)
        row += 3


def _answers(wb: Workbook, survey: Survey, lang: Lang) -> None:
    ws = wb.create_sheet(t(lang, SHEETS["answers"]))
    lists = wb.create_sheet(t(lang, SHEETS["lists"]))
    lists.sheet_state = "hidden"
    styles.put(ws, "A1", t(lang, ANSWERS_NOTE), styles.SMALL, border=False)
    put_text(ws["A2"], t(lang, NUMBER))
    ws.column_dimensions["A"].width = 6
    for n, (_, header, choices) in enumerate(columns(survey, lang), start=2):
        letter = get_column_letter(n)
        styles.put(ws, f"{letter}2", header, styles.BOLD, styles.HEAD_FILL)
        ws.column_dimensions[letter].width = 18
        if choices:
            for k, choice in enumerate(choices, start=1):
                put_text(lists.cell(k, n), choice.label(lang))
            rule = DataValidation(type="list", formula1=f"'{lists.title}'!${letter}$1:${letter}${len(choices)}",
                                  allow_blank=True)
            rule.add(f"{letter}3:{letter}{ROWS + 2}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "B3"
