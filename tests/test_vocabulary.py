"""The shared vocabulary: rounds sort the way people count them (Arabic or Chinese numerals), and outputs
show no machine's absolute paths."""

from __future__ import annotations

import pytest

from evaluator.vocabulary import chinese_number, round_key


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
                                         ("一百零五", 105), ("两百", 200), ("二〇二四", 2024)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_rounds_sort_naturally():
    rounds = ["第十届", "第二届", "第一届", "第十一届", "第三届"]
    assert sorted(rounds, key=round_key) == ["第一届", "第二届", "第三届", "第十届", "第十一届"]
    funded = ["2024-第三届微公益创投", "2023-第二届微公益创投", "2023-第一届微公益创投"]
    assert sorted(funded, key=round_key) == ["2023-第一届微公益创投", "2023-第二届微公益创投", "2024-第三届微公益创投"]
    assert sorted(["2024", "2023", "2023春", "第2届", "第10届"], key=round_key) == \
        ["2023", "2023春", "2024", "第2届", "第10届"]


def test_outputs_show_no_absolute_machine_path():
    """A result's source and a report's appendix name the form as given when relative, by its name otherwise."""
    from pathlib import Path

    from evaluator.vocabulary import portable_path

    assert portable_path("samples/jt-estate-2024.xlsx") == "samples/jt-estate-2024.xlsx"
    assert portable_path("/somewhere/on/a/machine/form.xlsx") == "form.xlsx"
    assert portable_path(Path("/tmp/x/评估表.xlsx")) == "评估表.xlsx"


def test_a_form_scored_by_its_absolute_path_leaves_no_machine_path_in_the_result(tmp_path):
    from pathlib import Path

    from click.testing import CliRunner

    from evaluator.cli import main

    form = tmp_path / "forms" / "jt-estate-2024.xlsx"
    form.parent.mkdir()
    form.write_bytes((Path(__file__).resolve().parents[1] / "samples" / "jt-estate-2024.xlsx").read_bytes())
    out = tmp_path / "results"
    done = CliRunner().invoke(main, ["score", str(form), "-o", str(out), "--no-report", "--no-store"])
    assert done.exit_code == 0, done.output
    written = next(out.glob("*.json")).read_text(encoding="utf-8")
    assert '"file": "jt-estate-2024.xlsx"' in written and str(tmp_path) not in written
