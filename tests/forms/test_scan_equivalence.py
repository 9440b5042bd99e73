"""The sheet scan's faster spellings find exactly what the slower ones found (the hot path, issue 11):
the second-`r` search runs forward instead of over the reversed XML, and sheets seen before are not
scanned again. Inputs are built from the tokens that matter, so odd attributes are common."""

from __future__ import annotations

import re

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
    assert archive._scan("cover", body, crc) == SheetScan() == scan_sheet(body)
    assert archive._plain_before.known(crc, body)
    # the same CRC and length but other bytes (as a forged entry might claim): scanned, not taken as known
    forged = body.replace(b"<sheetData>", b'<sheetData><row r="1"><c r="XFD1048576"/></row>', 1)[:len(body)]
    assert not archive._plain_before.known(crc, forged)
