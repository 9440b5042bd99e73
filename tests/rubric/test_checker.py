"""One broken rubric per check: the problem's code, message and location (file, line, key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric


def edit(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems(folder: Path, code: str | None = None):
    loaded = load_rubric(folder / "rubric.yaml")
    found = [p for p in loaded.problems if code is None or p.code == code]
    return loaded, found


def only(folder: Path, code: str):
    loaded, found = problems(folder, code)
    assert len(found) == 1, [p.render("en") for p in loaded.problems]
    assert loaded.rubric is None or found[0].severity == "warning"
    return found[0]


def test_the_mini_fixture_is_clean(mini_loaded):
    assert mini_loaded.problems == []


def test_unknown_evidence_id_with_did_you_mean(mini_copy):
    path = edit(mini_copy, "d1.yaml", "input: m_training_hours", "input: m_training_hour")
    p = only(mini_copy, "R020")
    assert p.location.file.endswith("d1.yaml")
    assert p.location.line == line_of(path, "input: m_training_hour")
    assert p.location.key == "indicators[1].rule.input"
    assert "m_training_hour" in p.message("zh") and "是否想写 m_training_hours" in p.message("zh")
    assert p.message("en") == "evidence field m_training_hour is not declared (did you mean m_training_hours?)"


def test_evidence_of_the_wrong_type(mini_copy):
    edit(mini_copy, "d1.yaml", "numerator: m_done", "numerator: m_funds_misused")
    p = only(mini_copy, "R021")
    assert p.location.key == "indicators[2].rule.numerator"
    assert p.message("en") == "evidence field m_funds_misused has type yes/no, expected integer, number, percent here"


def test_unordered_bands(mini_copy):
    path = edit(mini_copy, "d1.yaml", "{min: 24, score: 1}", "{min: 4, score: 1}")
    p = only(mini_copy, "R022")
    assert p.location.key == "indicators[1].rule.bands"
    assert p.location.line == line_of(path, "bands:")
    assert p.message("en") == "band minimums must be strictly ascending, found 0, 8, 4"


def test_bands_that_do_not_cover_the_lowest_value(mini_copy):
    path = edit(mini_copy, "d1.yaml", "- {min: 0, score: 0}\n        - {min: 0.6", "- {min: 0.1, score: 0}\n        - {min: 0.6")
    p = only(mini_copy, "R023")
    assert p.location.key == "indicators[2].rule.bands[0].min"
    assert p.location.line == line_of(path, "{min: 0.1, score: 0}")
    assert "0.1" in p.message("zh") and "0" in p.message("zh")


def test_band_list_that_never_reaches_full_points_is_a_warning(mini_copy):
    edit(mini_copy, "d1.yaml", "{min: 24, score: 1}", "{min: 24, score: 0.8}")
    loaded, found = problems(mini_copy, "R029")
    assert [p.severity for p in found] == ["warning"]
    assert loaded.ok


def test_domain_points_must_add_up_to_the_scale(mini_copy):
    path = edit(mini_copy, "rubric.yaml", "points: 60\n", "points: 55\n")
    p = only(mini_copy, "R011")
    assert p.location.line == line_of(path, "domains:")
    assert p.message("en") == "domain points add up to 95, expected the scale 100"


def test_indicator_points_must_add_up_to_their_domain(mini_copy):
    path = edit(mini_copy, "rubric.yaml", "{id: D1.04, points: 10}", "{id: D1.04, points: 7.5}")
    p = only(mini_copy, "R012")
    assert p.location.key == "domains[0].points"
    assert p.location.line == line_of(path, "points: 40")
    assert p.message("zh") == "领域 D1 的指标分值之和为 37.5，应等于领域分值 40"


def test_three_problems_are_all_reported_at_once(mini_copy):
    """The issue's example: a typo'd evidence id, an unordered band list and points that don't add up."""
    edit(mini_copy, "d1.yaml", "input: m_training_hours", "input: m_trainig_hours")
    edit(mini_copy, "d1.yaml", "{min: 0.9, score: 1}", "{min: 0.5, score: 1}")
    edit(mini_copy, "rubric.yaml", "{id: D2.03, points: 20}", "{id: D2.03, points: 25}")
    loaded, found = problems(mini_copy)
    assert sorted(p.code for p in found) == ["R012", "R020", "R022"]
    assert all(p.location.line for p in found)


def test_duplicate_ids_name_the_first_occurrence(mini_copy):
    path = edit(mini_copy, "d2.yaml", "id: m_residents_fund,", "id: m_residents_decide,")
    p = only(mini_copy, "R010")
    assert p.location.line == line_of(path, "id: m_residents_decide, label: {zh: 财由民理")
    assert p.params["first_line"] == line_of(path, "id: m_residents_decide, label: {zh: 策由民定")


def test_duplicate_indicator_across_files(mini_copy):
    edit(mini_copy, "d2.yaml", "- id: D2.03", "- id: D1.04")
    _, found = problems(mini_copy, "R010")
    assert found and "d1.yaml:" in str(found[0].params["first_line"])


def test_undefined_indicator_in_a_domain(mini_copy):
    edit(mini_copy, "rubric.yaml", "{id: D2.02, points: 20}", "{id: D2.05, points: 20}")
    _, found = problems(mini_copy, "R013")
    assert len(found) == 1 and found[0].location.key == "domains[1].indicators[1].id"
    _, unused = problems(mini_copy, "R015")
    assert [p.severity for p in unused] == ["warning"] and unused[0].params["id"] == "D2.02"


def test_indicator_listed_under_the_wrong_domain(mini_copy):
    edit(mini_copy, "rubric.yaml", "{id: D1.04, points: 10}\n  - id: D2", "{id: D1.04, points: 10}\n      - {id: D2.03, points: 0.5}\n  - id: D2")
    _, found = problems(mini_copy, "R014")
    assert found[0].params == {"id": "D2.03", "found": "D2", "expected": "D1"}


def test_incomplete_rating_levels(mini_copy):
    path = edit(mini_copy, "d1.yaml", "        4: {zh: 示范, en: Exemplary}\n", "        5: {zh: 示范, en: Exemplary}\n")
    p = only(mini_copy, "R024")
    assert p.location.line == line_of(path, "levels:")
    assert p.message("en") == "a rating needs anchors for levels 0-4; missing 4, extra 5"


def test_incomplete_advice(mini_copy):
    edit(mini_copy, "d2.yaml", "      3: {zh: 分享经验, en: Share the practice}\n", "")
    _, found = problems(mini_copy, "R025")
    assert found and found[0].location.key == "indicators[0].advice"


def test_stage_criteria_must_use_roster_columns(mini_copy):
    path = edit(mini_copy, "ladder.yaml", "when: written_rules}", "when: writen_rules}")
    p = only(mini_copy, "R041")
    assert p.location.key == "stages[2].criteria[0].when"
    assert p.location.line == line_of(path, "writen_rules")
    assert "written_rules" in p.message("en")


def test_roster_rule_may_use_stage_but_not_evidence(mini_copy):
    edit(mini_copy, "d2.yaml", "where: stage >= 2", "where: m_done >= 2")
    p = only(mini_copy, "R041")
    assert p.location.key == "indicators[1].rule.where"


def test_ladder_stages_must_be_numbered_in_order(mini_copy):
    edit(mini_copy, "ladder.yaml", "level: 3", "level: 4")
    p = only(mini_copy, "R040")
    assert p.params["found"] == [1, 2, 4]


def test_expression_syntax_and_type_errors(mini_copy):
    edit(mini_copy, "d1.yaml", "expression: m_outside / m_funds", "expression: m_outside / ")
    p = only(mini_copy, "R026")
    assert p.location.key == "indicators[3].rule.expression"


def test_expression_must_give_a_number(mini_copy):
    edit(mini_copy, "d1.yaml", "expression: m_outside / m_funds", "expression: m_outside > m_funds")
    p = only(mini_copy, "R028")
    assert p.message("en") == "the expression should give a number, it gives true/false"


def test_red_line_must_be_a_declared_boolean(mini_copy):
    edit(mini_copy, "rubric.yaml", "when: m_funds_misused", "when: m_funds_missused")
    p = only(mini_copy, "R027")
    assert p.location.key == "red_lines[0].when" and "m_funds_misused" in p.message("en")


def test_missing_english_label_is_located(mini_copy):
    path = edit(mini_copy, "d2.yaml", "{zh: 参与深度, en: Depth}", "{zh: 参与深度}")
    p = only(mini_copy, "R004")
    assert p.location.key == "indicators[0].name.en"
    assert p.location.line == line_of(path, "{zh: 参与深度}")


def test_misspelt_key_suggests_the_right_one(mini_copy):
    edit(mini_copy, "d2.yaml", "    meaning: {zh: 居民在各环节的角色", "    meanig: {zh: 居民在各环节的角色")
    _, found = problems(mini_copy)
    codes = {p.code: p for p in found}
    assert "R005" in codes and "did you mean meaning" in codes["R005"].message("en")
    assert "R004" in codes  # and meaning is missing


def test_unknown_rule_kind_lists_the_kinds(mini_copy):
    edit(mini_copy, "d2.yaml", "kind: checklist", "kind: checkbox")
    p = only(mini_copy, "R006")
    assert p.location.key == "indicators[0].rule"
    assert "rating" in p.message("en") and "'checkbox'" in p.message("en")


def test_unknown_rater(mini_copy):
    edit(mini_copy, "d1.yaml", "raters: [self, evaluator_a, evaluator_b, consensus, residents]", "raters: [self, evaluator_a, resident]")
    p = only(mini_copy, "R016")
    assert p.location.key == "indicators[0].raters[2]" and "residents" in p.message("en")


def test_raters_on_a_non_rating_rule(mini_copy):
    edit(mini_copy, "d2.yaml", "    rule:\n      kind: checklist", "    raters: [self]\n    rule:\n      kind: checklist")
    p = only(mini_copy, "R033")
    assert p.params["found"] == "checklist"


def test_grades_out_of_order(mini_copy):
    edit(mini_copy, "rubric.yaml", "{id: pass, min: 60", "{id: pass, min: 90")
    p = only(mini_copy, "R017")
    assert p.location.key == "grades"


def test_field_rules(mini_copy):
    edit(mini_copy, "d2.yaml", "type: choice, choices: [{id: door, label: {zh: 入户, en: Door to door}}, {id: online, label: {zh: 线上, en: Online}}]", "type: choice")
    edit(mini_copy, "d2.yaml", "{id: m_survey_note, label: {zh: 调查说明, en: Survey note}, type: text}", "{id: m_survey_note, label: {zh: 调查说明, en: Survey note}, type: text, range: [0, 1]}")
    edit(mini_copy, "d1.yaml", "range: [0, 500]", "range: [500, 0]")
    _, found = problems(mini_copy)
    assert sorted(p.code for p in found) == ["R030", "R031", "R032"]


def test_missing_indicator_file_is_reported_where_it_is_named(mini_copy):
    path = edit(mini_copy, "rubric.yaml", "indicator_files: [d1.yaml, d2.yaml]", "indicator_files:\n  - d1.yaml\n  - d3.yaml")
    loaded, found = problems(mini_copy)
    assert [p.code for p in found] == ["R001"]  # no cascade of undefined indicators
    assert found[0].location.line == line_of(path, "- d3.yaml")


def test_a_source_must_name_a_reference_with_did_you_mean(mini_copy):
    path = edit(mini_copy, "d1.yaml", "source: {ref: jiang-2019, note: 测试}", "source: {ref: jiang-2091, note: 测试}")
    p = only(mini_copy, "R018")
    assert p.location.key == "indicators[0].source.ref" and p.location.line == line_of(path, "ref: jiang-2091")
    assert p.message("en") == "source jiang-2091 is not in the rubric's references (did you mean jiang-2019?)"


def test_a_source_cited_alongside_is_checked_too(mini_copy):
    edit(mini_copy, "d1.yaml", "source: {ref: jiang-2019, note: 测试}", "source: {ref: jiang-2019, also: [seed-" + "00" + "2], note: 测试}")
    p = only(mini_copy, "R018")
    assert p.location.key == "indicators[0].source.also[0]"


def test_a_source_cannot_be_a_seed_number(mini_copy):
    edit(mini_copy, "d1.yaml", "source: {ref: jiang-2019, note: 测试}", 'source: {seed: "' + "00" + '2", note: 测试}')
    loaded, found = problems(mini_copy)
    assert not loaded.ok and {p.code for p in found} >= {"R005"}   # seed is no key of a source any more


def test_duplicate_reference_keys(mini_copy):
    edit(mini_copy, "rubric.yaml", "{key: cao-wan-zeng-2019,", "{key: jiang-2019,")
    _, found = problems(mini_copy, "R010")
    assert found and found[0].location.key == "references[1].key"


MIN_SAMPLE = "      on_missing: not_applicable\n"


def test_a_minimum_sample_names_declared_integer_fields(mini_copy):
    edit(mini_copy, "d2.yaml", MIN_SAMPLE, MIN_SAMPLE + "      min_sample: {size: m_planed, at_least: 30}\n")
    p = only(mini_copy, "R042")
    assert p.location.key == "indicators[2].rule.min_sample.size"
    assert p.message("en") == "min_sample names field m_planed, which is not declared (did you mean m_planned?)"


def test_a_minimum_sample_must_count_something(mini_copy):
    edit(mini_copy, "d2.yaml", MIN_SAMPLE, MIN_SAMPLE + "      min_sample: {size: m_satisfaction, at_least: 30}\n")
    p = only(mini_copy, "R043")
    assert p.message("zh") == "最小样本的字段 m_satisfaction 应为整数（人数、份数、笔数），实际为百分比"


def test_a_share_needs_a_population(mini_copy):
    edit(mini_copy, "d1.yaml", "      on_error: zero\n",
         "      on_error: zero\n      min_sample: {size: m_done, at_least: 5, share: 0.05}\n")
    p = only(mini_copy, "R044")
    assert p.location.key == "indicators[3].rule.min_sample.share"


def test_a_minimum_the_field_cannot_reach(mini_copy):
    edit(mini_copy, "d1.yaml", "      on_error: zero\n",
         "      on_error: zero\n      min_sample: {size: m_done, at_least: 2000}\n")
    p = only(mini_copy, "R045")
    assert p.message("en").startswith("min_sample at_least 2000 exceeds the largest value field m_done allows (1000)")


def test_a_zero_denominator_rule_the_range_rules_out_is_a_warning(mini_copy):
    edit(mini_copy, "d1.yaml", "{id: m_planned, label: {zh: 计划活动, en: Activities planned}, type: integer, range: [0, 1000]",
         "{id: m_planned, label: {zh: 计划活动, en: Activities planned}, type: integer, range: [1, 1000]")
    loaded, found = problems(mini_copy, "R046")
    assert [p.severity for p in found] == ["warning"] and loaded.ok
    assert found[0].message("en") == "on_zero_denominator: not_applicable can never apply: denominator m_planned starts at 1"


def test_yaml_syntax_error_has_a_line(mini_copy):
    path = edit(mini_copy, "d2.yaml", "    name: {zh: 参与深度, en: Depth}", "    name: {zh: 参与深度, en: Depth")
    p = only(mini_copy, "R002")
    assert p.location.file.endswith("d2.yaml") and p.location.line is not None
    assert abs(p.location.line - line_of(path, "name: {zh: 参与深度, en: Depth")) <= 2


def test_missing_rubric_file(tmp_path):
    loaded = load_rubric(tmp_path / "nope.yaml")
    assert [p.code for p in loaded.problems] == ["R001"] and not loaded.ok


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_catalogue_entry_renders_in_both_languages(lang):
    import string

    from evaluator.i18n import both
    from evaluator.messages import CATALOGUE

    for code, msgid in CATALOGUE.items():
        texts = both(msgid)
        assert texts["zh"] != texts["en"], code  # translated
        names = {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
        other = {f for _, f, _, _ in string.Formatter().parse(texts["en" if lang == "zh" else "zh"]) if f}
        assert names == other, code
