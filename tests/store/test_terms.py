"""Rounds sort the way people count them, in Arabic or Chinese numerals."""

from __future__ import annotations

import pytest

from evaluator.rounds import chinese_number, round_key


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
