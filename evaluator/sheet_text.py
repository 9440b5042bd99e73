"""Text into spreadsheet cells, never as a formula: the one way text enters a cell we write.

Text from rubrics (labels, choices, the hidden lists behind the dropdowns) and from forms (project,
organization and round names) may start with = + - @ or a tab: openpyxl would store "=…" as a formula,
which Excel evaluates when the file is opened. Every text cell is written as a string (data_type 's',
never 'f' or an error value), and a risky one also gets the quote prefix, so Excel shows it and does
not evaluate it even after the user edits the cell.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

RISKY = ("=", "+", "-", "@", "\t", "\r", "\n")


def put_text(cell: Cell, text: str) -> None:
    """A string cell, whatever the text looks like: never a formula, never an error value."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(RISKY):
        cell.quotePrefix = True


def put_value(cell: Cell, value: object) -> None:
    """Any value we write: text through `put_text`, numbers, dates and booleans as they are."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
