"""Phrases the report views compose, in Chinese and English, kept apart from the code that composes them.

Template-only wording stays in the templates (through `tr`); what Python assembles into sentences (rule
descriptions, ranges, level names) lives here so the handbook and the feedback report say it alike.
"""

from __future__ import annotations

import re

from evaluator.messages import Lang
from evaluator.numbers import number

HAN = "\u3400-\u9fff"

WORDS: dict[str, dict[str, str]] = {
    "points": {"zh": "{n} 分", "en": "{n} pts"},
    "below": {"zh": "不足{hi}", "en": "under {hi}"},
    "between": {"zh": "{lo}至不足{hi}", "en": "{lo} to under {hi}"},
    "at_least": {"zh": "{lo}及以上", "en": "{lo} or more"},
    "any_value": {"zh": "任何取值", "en": "any value"},
    "kind.rating": {"zh": "等级评定", "en": "Rated on anchors"},
    "kind.bands": {"zh": "数值分档", "en": "Value bands"},
    "kind.ratio": {"zh": "比率分档", "en": "Ratio bands"},
    "kind.checklist": {"zh": "清单计分", "en": "Checklist"},
    "kind.roster": {"zh": "自组织名册统计", "en": "Roster count"},
    "kind.expression": {"zh": "公式计算", "en": "Formula"},
    "rule.rating": {"zh": "对照下表的等级描述评定 0–4 级，得分 = 等级 ÷ 4 × 本项分值。",
                    "en": "A level from 0 to 4 is given against the anchors below; score = level ÷ 4 × the points."},
    "rule.bands": {"zh": "按“{input}”的数值所在档次得分。", "en": "Scored by the band that '{input}' falls in."},
    "rule.ratio": {"zh": "比率 = {numerator} ÷ {denominator}，按比率所在档次得分。",
                   "en": "Ratio = {numerator} ÷ {denominator}, scored by the band it falls in."},
    "rule.checklist": {"zh": "每满足一项得到其权重，得分 = 满足项的权重之和 ÷ 总权重 {total} × 本项分值。",
                       "en": "Each item met earns its weight; score = weight met ÷ total weight {total} × the points."},
    "rule.roster.count": {"zh": "统计自组织名册中满足下列条件的组织个数，按档次得分。",
                          "en": "The number of roster organizations meeting the condition below, scored by band."},
    "rule.roster.share": {"zh": "统计自组织名册中满足下列条件的组织所占比例，按档次得分。",
                          "en": "The share of roster organizations meeting the condition below, scored by band."},
    "rule.expression": {"zh": "按下列公式计算，按结果所在档次得分。",
                        "en": "Computed by the formula below and scored by the band the result falls in."},
    "missing.missing": {"zh": "缺少证据时：本项暂不得分，标注“缺少证据”，评估结果为暂定。",
                        "en": "Without evidence: no points for now, marked 'evidence missing'; the result is provisional."},
    "missing.zero": {"zh": "缺少证据时：记 0 分。", "en": "Without evidence: scored 0."},
    "missing.not_applicable": {"zh": "缺少证据时：视为不适用，按本领域的不适用规则处理。",
                               "en": "Without evidence: not applicable, handled by the domain's rule for that."},
    "zero.not_applicable": {"zh": "分母为 0 时：本项不适用。", "en": "When the denominator is 0: not applicable."},
    "zero.zero": {"zh": "分母为 0 时：记 0 分。", "en": "When the denominator is 0: scored 0."},
    "zero.full": {"zh": "分母为 0 时：得满分。", "en": "When the denominator is 0: full points."},
    "roster_empty": {"zh": "自组织名册为空即视为缺少证据。", "en": "An empty roster counts as missing evidence."},
    "sample.fixed": {"zh": "样本不足：“{size}”少于 {n} 或未填写时，证据不足，本项最高得 {cap}。",
                     "en": "Thin evidence: when '{size}' is under {n} or not filled, the indicator scores at most {cap}."},
    "sample.census": {"zh": "样本不足：“{size}”少于 {n}（“{population}”不足 {n} 时须全部查看）或未填写时，"
                            "证据不足，本项最高得 {cap}。",
                      "en": "Thin evidence: when '{size}' is under {n} (or under '{population}', if that is smaller) "
                            "or not filled, the indicator scores at most {cap}."},
    "sample.share": {"zh": "样本不足：“{size}”少于 {n}、少于“{population}”的 {share}，或两者未填写时，"
                           "证据不足，本项最高得 {cap}。",
                     "en": "Thin evidence: when '{size}' is under {n}, under {share} of '{population}', or either is not "
                           "filled, the indicator scores at most {cap}."},
    "error.not_applicable": {"zh": "无法计算（如除数为 0）时：本项不适用。",
                             "en": "When it cannot be computed (e.g. division by 0): not applicable."},
    "error.zero": {"zh": "无法计算（如除数为 0）时：记 0 分。",
                   "en": "When it cannot be computed (e.g. division by 0): scored 0."},
    "error.missing": {"zh": "无法计算（如除数为 0）时：按缺少证据处理。",
                      "en": "When it cannot be computed (e.g. division by 0): treated as missing evidence."},
    "ternary": {"zh": "“条件 ? 甲 : 乙”表示条件成立时取甲，否则取乙。",
                "en": "'condition ? a : b' means a when the condition holds, b otherwise."},
    "stage": {"zh": "成熟度阶段", "en": "maturity stage"},
    "level": {"zh": "{n} 级", "en": "Level {n}"},
    "share_level.0": {"zh": "得分率不足 25%", "en": "Under 25% of the points"},
    "share_level.1": {"zh": "得分率 25% 至不足 50%", "en": "25% to under 50% of the points"},
    "share_level.2": {"zh": "得分率 50% 至不足 75%", "en": "50% to under 75% of the points"},
    "share_level.3": {"zh": "得分率 75% 及以上（未满分）", "en": "75% or more, below full points"},
    "na.rescale": {"zh": "某项指标不适用时，本领域其余指标的得分按比例折算到领域满分。",
                   "en": "When an indicator does not apply, the domain's other indicators are scaled up to the domain's points."},
    "na.drop": {"zh": "某项指标不适用时，该项分值从本领域和总分中扣除，不再折算。",
                "en": "When an indicator does not apply, its points are dropped from the domain and the total."},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "null": {"zh": "空", "en": "empty"},
    "and": {"zh": "且", "en": "and"},
    "or": {"zh": "或", "en": "or"},
    "not": {"zh": "非", "en": "not"},
}


def say(key: str, lang: Lang, **params: object) -> str:
    text = WORDS[key][lang].format(**params)
    return spaced(text) if lang == "zh" else text


def spaced(text: str) -> str:
    """A space between Chinese and Latin letters or digits (“不足 8 小时”), as Chinese typesetting does."""
    text = re.sub(f"([{HAN}])([A-Za-z0-9])", r"\1 \2", text)
    return re.sub(f"([A-Za-z0-9%])([{HAN}])", r"\1 \2", text)


def total_spans(mins: list[float], lang: Lang) -> list[str]:
    """The totals each grade covers, for grade minimums from the best grade down:
    “85 及以上”, “60 至不足 85”, “不足 60”."""
    spans, upper = [], None
    for low in mins:
        if upper is None:
            spans.append(say("at_least", lang, lo=number(low, None)))
        elif low <= 0:
            spans.append(say("below", lang, hi=number(upper, None)))
        else:
            spans.append(say("between", lang, lo=number(low, None), hi=number(upper, None)))
        upper = low
    return spans


def grade_spans(grades, lang: Lang) -> list[tuple[str, str]]:
    """(label, totals covered) for each grade of a rubric or a result, best first."""
    return list(zip((g.label(lang) for g in grades), total_spans([g.min for g in grades], lang), strict=True))

