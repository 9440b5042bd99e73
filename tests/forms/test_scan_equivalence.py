"""The hot path's shortcuts (issue 11) find exactly what the slower ways found: the second-`r` search runs
forward instead of over the reversed XML, the DTD search looks at each `!`, sheets seen before are not
scanned again, what calamine read of a repeated sheet is kept only while the parts read with it are the
same, and conversions are remembered per value and type. Inputs are built from the tokens that matter,
so odd attributes are common."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.forms import archive
from evaluator.forms.sheet_xml import _SECOND_R, _WS, SheetScan, scan_sheet

# the search as it was: from each `=` in the reversed XML
_REVERSED = re.compile(rb'=' + _WS + rb'*r(?:[\t\n\x0c\r"\']| (?!c<|wor<))')
TOKENS = [b"<c", b"<row", b" ", b"r", b"=", b'"', b"'", b"\t", b"\n", b"\r", b"\x0c", b"<", b"c", b"w", b"o",
          b'<c r="A1"', b'<row r="1"', b' r="B2"', b'"r="', b"s", b"x:r=", b">"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=24))
def test_the_forward_search_finds_a_second_r_exactly_when_the_reversed_one_did(tokens):
    xml = b"".join(tokens)
    assert (_SECOND_R.search(xml) is not None) == (_REVERSED.search(xml[::-1]) is not None), xml


def test_a_sheet_seen_before_is_not_scanned_again_and_a_changed_one_is(good_bytes):
    import io
    import zipfile

    part = "xl/worksheets/sheet1.xml"
    body = zipfile.ZipFile(io.BytesIO(good_bytes)).read(part)
    crc = zipfile.crc32(body)
    assert archive._scan(body, crc) == SheetScan() == scan_sheet(body)
    assert archive._plain_before.get(crc, body)
    # the same CRC and length but other bytes (as a forged entry might claim): scanned, not taken as known
    forged = body.replace(b"<sheetData>", b'<sheetData><row r="1"><c r="XFD1048576"/></row>', 1)[:len(body)]
    assert archive._plain_before.get(crc, forged) is None


DTD_TOKENS = [b"<", b"!", b"DOCTYPE", b"ENTITY", b"DOC", b" ", b"<!", b"x", b"!" * 70]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(DTD_TOKENS), max_size=20))
def test_the_dtd_search_by_exclamation_marks_finds_what_the_pattern_finds(tokens):
    body = b"".join(tokens)
    assert archive._declares_dtd(body) == (archive._DECLARATION.search(body) is not None), body


def test_what_calamine_read_of_a_repeated_sheet_is_kept_only_with_the_same_styles(good_bytes, read_bytes):
    """A sheet seen before is read from what calamine made of it, but only when the parts read with it are the
    same too: the same cover XML under other styles (the date format gone) reads its dates as serial numbers."""
    from tests.forms.conftest import patch

    first = read_bytes(good_bytes)
    assert first.evidence is not None and not {p.code for p in first.problems} & {"F024"}
    undated = patch(good_bytes, "xl/styles.xml", b'formatCode="yyyy-mm-dd"', b'formatCode="0"')
    again = read_bytes(undated)
    converted = {(p.code, p.location.sheet, p.location.cell) for p in again.problems if p.code == "F024"}
    assert converted, "the serial numbers are read as the styles say, not as the kept read of the cover"
    assert again.evidence is not None and again.evidence.project == first.evidence.project
    once_more = read_bytes(good_bytes)
    assert once_more.problems == first.problems and once_more.evidence == first.evidence


def test_a_repeated_meta_sheet_is_read_by_calamine_once(good_bytes, tmp_path):
    from evaluator.forms.archive import inspect
    from evaluator.forms.cells import Book
    from evaluator.forms.phrases import META_SHEET

    path = tmp_path / "form.xlsx"
    path.write_bytes(good_bytes)
    Book(inspect(path)).grid(META_SHEET)  # seen: scanned, and now read
    rows = Book(inspect(path)).grid(META_SHEET).rows
    assert Book(inspect(path)).grid(META_SHEET).rows is rows


def test_a_remembered_conversion_tells_true_from_1():
    from evaluator.forms.cells import Raw
    from evaluator.forms.convert import read_rating, remembered

    raws = [Raw(1), Raw(True), Raw(1.0), Raw("1"), Raw(1), Raw(True), Raw(None, "formula")]  # equal keys, in turn
    assert [remembered(read_rating, raw) for raw in raws] == [read_rating(raw) for raw in raws]
    assert remembered(read_rating, Raw(1)).value == 1 and remembered(read_rating, Raw(True)).value is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.binary(max_size=300), st.booleans()), min_size=1, max_size=4),
       st.integers(min_value=0), st.integers(min_value=0, max_value=255))
def test_an_entry_inflated_straight_from_the_bytes_is_what_zipfile_reads(entries, where, byte):
    """Every entry of a zip, intact or with one byte changed: what `ZipFile.read` reads, the same bytes; what it
    refuses, refused, except an entry whose declared size and CRC-32 hold before the damage (zipfile inflates
    on into it; this stops at the declared size, so a lying size never makes it inflate more)."""
    import io
    import zipfile
    import zlib

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for n, (body, deflated) in enumerate(entries):
            target.writestr(f"part{n}.xml", body * 3, zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    data[where % central] = byte  # anywhere before the central directory: headers, names, deflate streams
    try:
        opened = zipfile.ZipFile(io.BytesIO(bytes(data)))
    except archive_errors():
        return
    for info in opened.infolist():
        try:
            expected: bytes | type = opened.read(info)
        except archive_errors() as exc:
            expected = type(exc)
        try:
            got: bytes | type = archive_entry(bytes(data), info)
        except archive_errors() as exc:
            got = type(exc)
        if isinstance(expected, bytes):
            assert got == expected, (info.filename, got, expected)
        elif isinstance(got, bytes):
            assert len(got) == info.file_size and zlib.crc32(got) == info.CRC and expected is zlib.error, info.filename


def archive_errors() -> tuple[type[BaseException], ...]:
    return archive._ZIP_ERRORS


def archive_entry(data: bytes, info) -> bytes:
    return archive._entry(memoryview(data), info)


def test_an_entry_that_lies_about_its_size_is_never_inflated_past_it():
    """A 64 MiB stream of zeros declared as 10 bytes (zipfile would inflate it all, then cut): 10 bytes are
    inflated, and the CRC-32 refuses them."""
    import io
    import struct
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("xl/worksheets/sheet1.xml", bytes(64 * 2**20))
    data = bytearray(out.getvalue())
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<L", data, central + 24, 10)   # the central directory's uncompressed size
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    assert info.file_size == 10
    with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):
        archive._entry(memoryview(bytes(data)), info)


def test_what_every_form_shares_stays_kept_while_each_forms_own_sheets_come_and_go():
    """The kept parts are let go least recently asked for first: a part asked for by every form (`_meta`)
    outlives any number of sheets seen once."""
    import zlib

    kept: archive.KeptByBytes[str] = archive.KeptByBytes(size=4)
    shared = b"<worksheet>the map every form carries</worksheet>"
    kept.keep(zlib.crc32(shared), shared, "map")
    for n in range(50):
        own = b"<worksheet>form %d</worksheet>" % n
        assert kept.get(zlib.crc32(shared), shared) == "map", n
        kept.keep(zlib.crc32(own), own, f"form {n}")
    assert kept.get(zlib.crc32(b"<worksheet>form 0</worksheet>"), b"<worksheet>form 0</worksheet>") is None


def test_a_form_with_its_text_in_shared_strings_reads_as_the_same_form(tmp_path):
    """The benchmark's forms "as Excel saves them" (benchmarks/synthetic.py) are the same forms: the same
    evidence and the same problems, read twice (the second time from what was kept)."""
    import sys
    from pathlib import Path

    from evaluator.bundled import rubric_path
    from evaluator.forms.reader import read_form
    from evaluator.rubric import load_rubric

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import write_forms

    loaded = load_rubric(rubric_path())
    inline = write_forms(loaded, tmp_path / "inline", 2, distinct=1)
    shared = write_forms(loaded, tmp_path / "shared", 2, distinct=1, shared_strings=True)
    assert b"sharedStrings" in shared[0].read_bytes() and b"sharedStrings" not in inline[0].read_bytes()
    for one, other in zip(inline, shared, strict=True):
        a, b = read_form(one, loaded), read_form(other, loaded)
        assert a.evidence is not None and b.evidence is not None
        assert a.evidence.model_dump(exclude={"source"}) == b.evidence.model_dump(exclude={"source"})
        assert [p.model_dump(exclude={"location"}) for p in a.problems] == [p.model_dump(exclude={"location"}) for p in b.problems]


def test_a_repeated_sheet_is_not_kept_with_parts_too_large_to_hold(good_bytes, tmp_path, monkeypatch):
    """What is kept with a repeated sheet holds the parts read with it; past MAX_CONTEXT (a huge shared-strings
    table, say) nothing is kept, so a long-running server never holds such parts."""
    from evaluator.forms.archive import inspect

    path = tmp_path / "form.xlsx"
    path.write_bytes(good_bytes)
    inspect(path)
    assert inspect(path).repeated  # seen before: `_meta` and the other shared sheets
    monkeypatch.setattr(archive, "MAX_CONTEXT", 1000)
    assert inspect(path).repeated == {}


def test_a_value_made_once_per_object_is_made_again_for_an_equal_other_object():
    from evaluator.forms.memo import by_identity

    made: list[list[int]] = []

    @by_identity(2)
    def total(values: list[int]) -> int:
        made.append(values)
        return sum(values)

    first, equal = [1, 2], [1, 2]
    assert total(first) == total(first) == total(equal) == 3 and made == [first, equal]
    total([3]), total([4])                     # two more: the oldest, `first`, is let go
    assert total(first) == 3 and len(made) == 5
