"""`evaluator compare` writes DIR/portfolio.pdf beside the workbook: the same bytes on a rerun, never over
a different file without --force, and a plain message (no PDF, no traceback) when there is nothing to compare."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.compare.test_cli import run


def test_compare_writes_the_pdf_and_a_rerun_gives_the_same_bytes(db, tmp_path):
    out = tmp_path / "report"
    first = run("compare", "--db", str(db), "-o", str(out))
    assert first.exit_code == 0 and "portfolio.pdf（" in first.output, first.output
    written = (out / "portfolio.pdf").read_bytes()
    assert written.startswith(b"%PDF") and "第二届" in PdfReader(io.BytesIO(written)).pages[0].extract_text()
    (out / "portfolio.xlsx").unlink()   # the workbook carries its save time; the PDF must not
    again = run("compare", "--db", str(db), "-o", str(out))
    assert again.exit_code == 0 and (out / "portfolio.pdf").read_bytes() == written


def test_compare_refuses_to_overwrite_a_different_pdf_without_force(db, tmp_path):
    target = tmp_path / "portfolio.pdf"
    target.write_bytes(b"my own notes")
    refused = run("compare", "--db", str(db), "-o", str(tmp_path))
    assert refused.exit_code == 1 and "P001" in refused.output and "portfolio.pdf" in refused.output
    assert target.read_bytes() == b"my own notes"
    forced = run("compare", "--db", str(db), "-o", str(tmp_path), "--force", "--lang", "en", "--round", "第一届")
    assert forced.exit_code == 0, forced.output
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Key findings" in text and "第一届" in text and "第二届" not in text


def test_an_empty_selection_is_said_plainly_and_writes_nothing(db, tmp_path):
    outcome = run("compare", "--db", str(db), "-o", str(tmp_path / "out"), "--round", "第二届", "--project", "P3")
    assert outcome.exit_code == 1 and "S032" in outcome.output and "Traceback" not in outcome.output
    assert not (tmp_path / "out" / "portfolio.pdf").exists()
