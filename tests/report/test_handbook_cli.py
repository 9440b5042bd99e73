"""`evaluator rubric handbook`: writes a PDF, never overwrites without --force, speaks both languages."""

from __future__ import annotations

import io

from click.testing import CliRunner
from pypdf import PdfReader

from evaluator.cli import main
from tests.conftest import MINI


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "handbook.pdf"
    target.write_bytes(b"keep me")
    result = CliRunner().invoke(main, ["rubric", "handbook", str(MINI / "rubric.yaml"), "-o", str(target)])
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_bytes() == b"keep me"


def test_a_broken_rubric_writes_nothing(mini_copy, tmp_path):
    (mini_copy / "d2.yaml").write_text("domain: [", encoding="utf-8")
    target = tmp_path / "handbook.pdf"
    result = CliRunner().invoke(main, ["rubric", "handbook", str(mini_copy / "rubric.yaml"), "-o", str(target)])
    assert result.exit_code == 1 and "R002" in result.output and not target.exists()


def test_writes_an_english_handbook_with_force(tmp_path):
    target = tmp_path / "out" / "handbook.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    args = ["rubric", "handbook", str(MINI / "rubric.yaml"), "-o", str(target), "--lang", "en", "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "wrote the handbook" in result.output
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "How the evaluation works" in text and "Delivery" in text and "Participation" in text
    assert "Ratio = Activities delivered ÷ Activities planned" in text.replace("\n", " ")
