"""What calamine will make of one sheet's XML, found out before it reads it.

calamine allocates every cell between A1 and the farthest cell it reads, so a single cell at
XFD1048576 asks for 17 billion cells and the process aborts; it also refuses the whole sheet for one
error value it does not know (#SPILL!). So each sheet is scanned first for its extent, the cells
calamine would read as blank although they are not (formulas without a saved result, error values),
and the error cells are emptied so calamine reads the rest.

The extent follows calamine's rules (cells are found by local name whatever their prefix, a cell
without `r` takes the next column of its row, a row without `r` follows the previous one) and errs
on the large side. Forms as Excel, WPS and openpyxl write them take a fast path: a few searches that
prove every cell is written `<c r="B12" …>` with one reference near A1. Anything else (other
spellings, prefixes, encodings, far cells) is parsed with expat, which sees the document as XML
does, and is refused if it is not well-formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

MAX_ROWS, MAX_COLUMNS, MAX_CELLS = 100_000, 1000, 3_000_000

_NEAR = rb'[A-D]?[A-Z][1-9][0-9]{0,3}'  # at most DZ9999: 130 × 9999 cells, under MAX_CELLS
_WS = rb'[\t\n\x0c\r ]'                # what calamine's attribute reader skips
# a cell start tag not written `<c r="NEAR"`
_ODD_CELL = re.compile(rb'<c(?:[\t\n\r/>]| (?!r="' + _NEAR + rb'"))')
# another attribute calamine would read as `r` (after a quote or space, before `=`); ` r=` after `<c` and
# `<row` are the plain ones. Written to start at the `r`, with the look behind after it, so the search
# moves from `r` to `r` (the same matches as searching the reversed XML from each `=`, without reversing it)
_SECOND_R = re.compile(rb'r(?:(?<=[\t\n\x0c\r"\']r)|(?<= r)(?<!<c r)(?<!<row r))' + _WS + rb'*=')
_ODD_DIMENSION = re.compile(rb'<dimension(?=[\t\n\r /])(?! ref="' + _NEAR + rb'(?::' + _NEAR + rb')?" ?/>)')
_PREFIXED = re.compile(rb':(?:c|row|f|v|dimension|sheetData)[\t\n\r />]')
_DECLARED = re.compile(rb'<\?xml[^>]*?encoding\s*=\s*["\']([^"\']*)')
_FORMULA = re.compile(rb'<f[ >/]')
_ERROR_TYPE = re.compile(rb' t="e"')  # as a pattern: faster than bytes.find over XML, where `"` is everywhere
_CELL_HEAD = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(/?)>')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CELL_END = re.compile(rb"</c[\t\n\r ]*>")
_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


class Unsafe(Exception):
    """The sheet would make calamine allocate too much; `rows` × `columns` is what it spans."""

    def __init__(self, rows: int, columns: int):
        super().__init__(f"{rows} × {columns}")
        self.rows, self.columns = rows, columns


class Damaged(Exception):
    """The sheet is not XML calamine could read (or not XML at all)."""


@dataclass
class SheetScan:
    marks: dict[str, str] = field(default_factory=dict)  # A1 ref → "formula" or an error value such as "#DIV/0!"
    cleared: bytes | None = None                          # the XML with its error cells emptied, when it had any


def scan_sheet(xml: bytes) -> SheetScan:
    """Raises Unsafe when the sheet spans too much, Damaged when it cannot be parsed."""
    if _plain(xml):
        return _fast(xml)
    return _Walk(xml).run()


def _plain(xml: bytes) -> bool:
    """Whether every cell is written the plain way, near A1, in UTF-8, with one `r` (calamine takes
    the last of two), and the dimension too (calamine reads it before `sheetData` only)."""
    declared = _DECLARED.search(xml, 0, 200)
    if b"\x00" in xml or (declared and declared[1].lower() not in (b"utf-8", b"utf8")):
        return False
    data = xml.find(b"<sheetData")
    if _ODD_DIMENSION.search(xml, 0, data if data != -1 else len(xml)):
        return False
    return not (_ODD_CELL.search(xml) or _PREFIXED.search(xml) or _SECOND_R.search(xml))


def _fast(xml: bytes) -> SheetScan:
    """Marks of a plain sheet (its extent is proven small by `_plain`): each hit of a formula or an
    error type belongs to the cell whose start tag comes before it."""
    starts = {xml.rfind(b'<c r="', 0, hit.start()) for hit in _FORMULA.finditer(xml)}
    starts |= {xml.rfind(b'<c r="', 0, hit.start()) for hit in _ERROR_TYPE.finditer(xml)}
    marks, spans = {}, []
    for start in sorted(starts - {-1}):
        head = _CELL_HEAD.match(xml, start)
        if head is None:
            continue
        ref, error = head[1].decode(), b' t="e"' in head[2]
        end = None if head[3] else _CELL_END.search(xml, head.end())
        body = xml[head.end():end.start()] if end else b""
        value = _VALUE.search(body)
        if error:
            marks[ref] = value[1].decode("utf-8", "replace").strip() if value else "#N/A"
            if value and end:
                spans.append((start, end.end(), f'<c r="{ref}"/>'.encode()))
        elif (value is None or not value[1].strip()) and _FORMULA.search(body) and b' t="str"' not in head[2]:
            marks[ref] = "formula"   # no saved result: no <v>, or an empty one (<v></v>, as lxml writes it)
    return SheetScan(marks, _cleared(xml, spans))


def _cleared(xml: bytes, spans: list[tuple[int, int, bytes]]) -> bytes | None:
    """The XML with each span replaced by an empty cell; scanned again, so it can only be safer."""
    if not spans:
        return None
    out, at = [], 0
    for start, end, empty in spans:
        out += [xml[at:start], empty]
        at = end
    cleared = b"".join(out + [xml[at:]])
    scan_sheet(cleared)
    return cleared


@dataclass
class _Cell:
    ref: str
    error: bool
    start: int
    formula: bool = False
    value: list[str] | None = None   # text of <v>, collected while inside it
    text: bool = False               # t="str": a formula whose saved result is text, possibly empty


class _Walk:
    """The expat parse: positions as calamine counts them, stopping as soon as the sheet is too large."""

    def __init__(self, xml: bytes):
        self.xml, self.row, self.column, self.rows, self.columns = xml, 0, 0, 0, 0
        self.cell: _Cell | None = None
        self.in_value = False
        self.scan = SheetScan()
        self.spans: list[tuple[int, int, bytes]] = []
        self.utf8 = not xml.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in xml[:4]
        parser = self.parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.XmlDeclHandler = self._declared
        parser.StartElementHandler, parser.EndElementHandler = self._start, self._end
        parser.CharacterDataHandler = self._text

    def run(self) -> SheetScan:
        try:
            self.parser.Parse(self.xml, True)
        except expat.ExpatError as exc:
            raise Damaged(f"XML: {expat.ErrorString(exc.code)} (line {exc.lineno})") from None
        except (ValueError, LookupError) as exc:  # an encoding expat does not know
            raise Damaged(f"XML: {exc}") from None
        self.scan.cleared = _cleared(self.xml, self.spans) if self.utf8 else None
        return self.scan

    def _refuse(self, *_) -> None:
        raise Damaged("XML: DTD")

    def _declared(self, _version, encoding, _standalone) -> None:
        self.utf8 = self.utf8 and (encoding is None or encoding.lower() in ("utf-8", "utf8"))

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self._cell(attrs)
        elif local == "row":
            if "r" in attrs:
                self.row = _row(attrs["r"])
        elif local == "dimension" and "ref" in attrs:
            for part in attrs["ref"].split(":"):
                self._reach(*_position(part))
        elif self.cell is not None and local == "f":
            self.cell.formula = True
        elif self.cell is not None and local == "v":
            self.cell.value, self.in_value = self.cell.value or [], True

    def _cell(self, attrs: dict[str, str]) -> None:
        for key, value in attrs.items():  # a prefixed r (ignored by calamine) still counts, to be safe
            if key.rpartition(":")[2] == "r":
                self._reach(*_position(value))
        if "r" in attrs:
            row, column = _position(attrs["r"])
            row, self.column = row - 1, column - 1
        else:
            row = self.row
        self._reach(row + 1, self.column + 1)
        ref = f"{_letters(self.column + 1)}{row + 1}"
        self.cell = _Cell(ref, attrs.get("t") == "e", self.parser.CurrentByteIndex, text=attrs.get("t") == "str")
        self.column += 1

    def _end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            self.row, self.column = self.row + 1, 0
        elif local == "v":
            self.in_value = False
        elif local == "c" and self.cell is not None:
            self._mark(self.cell, name)
            self.cell = None

    def _mark(self, cell: _Cell, name: str) -> None:
        if cell.error:
            self.scan.marks[cell.ref] = "".join(cell.value or []).strip() or "#N/A"
            if cell.value is not None:
                end = self.xml.find(b">", self.parser.CurrentByteIndex) + 1
                self.spans.append((cell.start, end, f'<{name} r="{cell.ref}"/>'.encode()))
        elif cell.formula and not cell.text and not "".join(cell.value or []).strip():
            self.scan.marks[cell.ref] = "formula"   # no saved result: no <v>, or an empty one

    def _text(self, text: str) -> None:
        if self.in_value and self.cell is not None and self.cell.value is not None:
            self.cell.value.append(text)

    def _reach(self, rows: int, columns: int) -> None:
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)
        if self.rows > MAX_ROWS or self.columns > MAX_COLUMNS or self.rows * self.columns > MAX_CELLS:
            raise Unsafe(self.rows, self.columns)


def _position(ref: str) -> tuple[int, int]:
    """1-based (row, column) of a reference as calamine reads it (letters in either case, then digits)."""
    match = _REF.fullmatch(ref)
    if match is None or int(match[2][:12]) == 0:
        raise Damaged(f"cell reference {ref[:20]!r}")
    letters, digits = match[1].upper()[:8], match[2][:12]  # longer is far past any limit either way
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits), column


def _row(value: str) -> int:
    """0-based row of a `<row r>` attribute (alone it allocates nothing: only cells in it count)."""
    if not value.isascii() or not value.isdigit() or int(value[:12]) == 0:
        raise Damaged(f"row number {value[:20]!r}")
    return int(value[:12]) - 1


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out
