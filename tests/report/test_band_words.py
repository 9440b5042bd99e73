"""Every figure explained (issue 14, item 3): units on every value, the band reached and what the next band
needs in words, formulas of choices said in sentences, never as code."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from evaluator.pipeline import rubric_of
from evaluator.report.feedback import feedback_view
from evaluator.report.rubric_handbook import handbook_view
from evaluator.report.rule_words import in_words
from evaluator.store.files import read_result

GOLDEN = Path(__file__).parent / "golden"


@cache
def rows(lang: str) -> dict:
    result = read_result(GOLDEN / "earlier.json")
    view = feedback_view(result, lang, rubric=rubric_of(result))
    return {row.id: row for d in view.domains for row in d.rows}


def test_a_ratio_says_its_parts_with_units_the_band_and_the_next_step():
    row = rows("zh")["D4.01"]
    assert row.found == "21.7%"
    assert row.basis == ("参与活动的居民人数（去重） 690 人 ÷ 社区总户数（项目覆盖范围） 3180 户 = 21.7%，"
                         "达到“15% 至不足 25%”一档，得 1.5 分。再提高到 25% 可得 2 分。")
    assert rows("en")["D4.01"].basis.endswith("in the band 15% to under 25%, scoring 1.5. Reaching 25% would score 2.")


def test_a_value_in_the_top_band_says_full_points_and_no_next_step():
    basis = rows("zh")["D2.05"].basis
    assert basis.endswith("达到“95% 及以上”一档，得满分。") and "再提高" not in basis


def test_a_formula_value_carries_the_unit_of_what_it_divides():
    assert rows("zh")["D3.08"].found == "141.01 元/人"     # 元 spent ÷ 人 reached
    assert rows("zh")["D3.05"].found == "9.1%"             # 元 ÷ 元: a share
    assert "计算结果 9.1%，达到“5% 至不足 10%”一档，得 1 分。再提高到 10% 可得 1.5 分。" in rows("zh")["D3.05"].basis


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_measured_value_is_a_bare_long_decimal(lang):
    for row in rows(lang).values():
        for text in (row.found, row.basis):
            assert all(len(decimals) <= 2 for decimals in re.findall(r"\d\.(\d+)", text)), text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_handbook_says_formulas_of_choices_in_sentences(lang):
    result = read_result(GOLDEN / "earlier.json")
    book = handbook_view(rubric_of(result), "0" * 64, lang)
    rules = {i.id: i.rule for d in book.domains for i in d.indicators}
    for id in ("D1.03", "D1.05", "D5.08"):
        assert rules[id].words and not any("?" in line or (":" in line.replace("：", "") and " : " in line)
                                           for line in rules[id].words)
    assert rules["D1.03"].words[0] == ("以下各部分分别计算后相加：" if lang == "zh" else "The parts below are added up:")


def test_in_words_reads_nested_choices_and_leaves_arithmetic_to_the_formula():
    names = {"h": "人均学时", "ar": "参加行动研究"}
    said = in_words("(h >= 40 ? 0.75 : (h >= 24 ? 0.5 : 0)) + (ar ? 0.25 : 0)", names, "zh")
    assert said == ["以下各部分分别计算后相加：", "“人均学时” ≥ 40 时取 0.75；否则，“人均学时” ≥ 24 时取 0.5，否则取 0",
                    "“参加行动研究”为“是”时取 0.25，否则取 0"]
    assert in_words("(a + b) / c", {"a": "甲", "b": "乙", "c": "丙"}, "zh") == []
