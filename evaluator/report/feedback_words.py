"""Phrases the feedback report composes from data, in Chinese and English, apart from the code.

Fixed wording stays in the templates (through `tr`); what carries numbers, names or labels is put
together here, so the view can be tested without rendering and both languages stay side by side.
"""

from __future__ import annotations

from evaluator.messages import Lang
from evaluator.rubric.bilingual import Text
from evaluator.scoring.ratings import DISAGREEMENT, GAP

WORDS: dict[str, dict[str, str]] = {
    "kind.evaluation": {"zh": "评估反馈报告", "en": "Evaluation feedback report"},
    "kind.self_assessment": {"zh": "自评准备度报告", "en": "Self-assessment readiness report"},
    "predicted": {"zh": "自评预测", "en": "Predicted from the self-assessment"},
    "points": {"zh": "{n} 分", "en": "{n} pts"},
    "next_grade": {"zh": "距“{grade}”（{min} 分）还差 {n} 分", "en": "{n} pts short of {grade} ({min})"},
    "of": {"zh": "{n} / {max}", "en": "{n} / {max}"},
    "level": {"zh": "{n} 级", "en": "Level {n}"},
    "stage": {"zh": "第 {n} 阶段 {name}", "en": "Stage {n}: {name}"},
    "stage0": {"zh": "未达第 1 阶段", "en": "Below stage 1"},
    "stage_label": {"zh": "第 {level} 阶段", "en": "Stage {level}"},
    "top_stage": {"zh": "已处于最高阶段", "en": "At the top stage"},
    "period": {"zh": "{start} 至 {end}", "en": "{start} to {end}"},
    "rubric": {"zh": "{id} 第 {version} 版 · 指纹 {sha}", "en": "{id} version {version} · fingerprint {sha}"},
    "none": {"zh": "无", "en": "none"},
    "overall": {"zh": "总体", "en": "Overall"},
    "missing": {"zh": "缺少证据", "en": "Evidence missing"},
    "not_applicable": {"zh": "不适用", "en": "Not applicable"},
    "all_met": {"zh": "各项均满足", "en": "Every item met"},
    "unmet": {"zh": "未满足：{items}", "en": "Not met: {items}"},
    "unanswered": {"zh": "（未填写）", "en": " (not filled)"},
    "met_of": {"zh": "{met}/{n} 项", "en": "{met} of {n}"},
    "roster_of": {"zh": "{met}/{n} 个", "en": "{met} of {n}"},
    "roster_basis": {"zh": "名册 {n} 个自组织中 {met} 个符合本项条件",
                     "en": "{met} of the {n} organizations on the roster meet the condition"},
    "not_filled": {"zh": "{items}未填写", "en": "{items} not filled"},
    "zero_denominator": {"zh": "分母为 0", "en": "The denominator is 0"},
    "not_computable": {"zh": "无法计算", "en": "Cannot be computed"},
    "rated.consensus": {"zh": "评估员共识", "en": "Evaluators' consensus"},
    "rated.mean": {"zh": "评估员均值（{levels}）", "en": "Evaluators' mean ({levels})"},
    "rated.one": {"zh": "评估员评级", "en": "Evaluator's rating"},
    "rated.self": {"zh": "自评等级，作为预测", "en": "Self-rating, taken as the prediction"},
    "flag.raters_disagree": {"zh": "评估员分歧", "en": "Evaluators disagree"},
    "flag.blind_spot": {"zh": "自评偏高", "en": "Self-rating too high"},
    "flag.hidden_strength": {"zh": "自评偏低", "en": "Self-rating too low"},
    "flag_note.raters_disagree": {"zh": "评估员之间相差超过 {n} 级且未形成共识等级",
                                  "en": "the evaluators are more than {n} level apart and gave no consensus level"},
    "flag_note.blind_spot": {"zh": "机构自评比评定等级高 {n} 级及以上：可能是机构没有看到的问题（盲点）",
                             "en": "the organization rated itself {n} or more levels above the official level: "
                                   "a possible blind spot"},
    "flag_note.hidden_strength": {"zh": "机构自评比评定等级低 {n} 级及以上：机构低估了自己的做法（潜在优势）",
                                  "en": "the organization rated itself {n} or more levels below the official level: "
                                        "a hidden strength"},
    "gap.higher": {"zh": "自评高 {n} 分", "en": "self {n} pts higher"},
    "gap.lower": {"zh": "自评低 {n} 分", "en": "self {n} pts lower"},
    "voice.summary": {"zh": "{who}对 {count} 项指标给出了评级，平均比评定等级{direction}",
                      "en": "{who} rated {count} indicators, on average {direction} the official level"},
    "voice.higher": {"zh": "高 {n} 级", "en": "{n} levels above"},
    "voice.lower": {"zh": "低 {n} 级", "en": "{n} levels below"},
    "voice.same": {"zh": "一致", "en": "the same as"},
    "change.total": {"zh": "较 {round} {type}（{before} 分，{grade}）{delta}",
                     "en": "against {round} {type} ({before} pts, {grade}): {delta}"},
    "change.up": {"zh": "提高 {n} 分", "en": "up {n} pts"},
    "change.down": {"zh": "下降 {n} 分", "en": "down {n} pts"},
    "change.same": {"zh": "持平", "en": "unchanged"},
    "orgs.flow": {"zh": "与上一轮相比：{up} 个组织升阶，{same} 个持平，{down} 个降阶，新增 {new} 个，"
                        "上一轮名册中有 {gone} 个本轮未列出。",
                  "en": "Since the previous round: {up} organizations moved up, {same} stayed, {down} moved down, "
                        "{new} are new, and {gone} on the previous roster are not listed now."},
    "orgs.below": {"zh": "另有 {n} 个组织尚未满足第 1 阶段（{name}）的条件。",
                   "en": "{n} more organizations do not yet meet the conditions of stage 1 ({name})."},
    "counts": {"zh": "共 {total} 项指标：已评分 {scored} 项，缺少证据 {missing} 项，不适用 {na} 项。",
               "en": "{total} indicators: {scored} scored, {missing} with evidence missing, {na} not applicable."},
    "na.rescaled": {"zh": "不适用：{ids}。本领域按其余 {applicable} 分的指标得分折算到 {max} 分。",
                    "en": "Not applicable: {ids}. The domain's other indicators, worth {applicable} points, "
                          "are scaled up to {max}."},
    "na.zero": {"zh": "不适用：{ids}，按评估标准计 0 分。", "en": "Not applicable: {ids}, scored 0 as the rubric says."},
    "na.domain": {"zh": "本领域没有适用的指标：不计分，其 {max} 分不计入总分的满分，其余领域按比例折算到总分满分。",
                  "en": "No indicator of this domain applies: it is not scored, its {max} points are left out of the scale "
                        "and the other domains are scaled up to the total."},
    "thin.below": {"zh": "样本不足：样本 {size}，少于要求的 {required}，本项最高得 {cap}。",
                   "en": "Thin evidence: a sample of {size}, below the {required} required; at most {cap} of the points."},
    "thin.population": {"zh": "样本不足：样本 {size}，但未填写总体数量，无法核对最小样本，本项最高得 {cap}。",
                        "en": "Thin evidence: a sample of {size} from a population the form does not give; at most {cap}."},
    "thin.unfilled": {"zh": "样本不足：未填写样本量，本项最高得 {cap}。",
                      "en": "Thin evidence: the sample size is not filled; at most {cap} of the points."},
    "na.domain_total": {"zh": "标为“不适用”的领域没有适用的指标，不计入总分的满分；总分按其余领域折算到满分。",
                        "en": "A domain marked not applicable has no indicator that applies and is left out of the scale; "
                              "the total is the other domains scaled up to the full scale."},
    "adds_up": {"zh": "各领域得分按四舍五入保留两位小数显示；总分由各项指标的精确得分计算、只在最后舍入一次，"
                      "因此显示的领域得分相加可能与总分相差 0.01。",
                "en": "Domain points are shown rounded half-up to 2 decimals; the total is computed from the indicators' "
                      "exact points and rounded once, at the end, so the domains as shown may add up to 0.01 more or less."},
    "at_least": {"zh": "{lo} 分及以上", "en": "{lo} points or more"},
    "between": {"zh": "{lo} 分至不足 {hi} 分", "en": "{lo} to under {hi} points"},
    "below": {"zh": "不足 {hi} 分", "en": "under {hi} points"},
}

# The bundled rubric's raters. A result names raters by id only (see the report's notes on the Result
# model); an id not listed here is shown as it is and given no role.
RATERS: dict[str, tuple[str, Text]] = {
    "self": ("self", Text(zh="自评", en="Self")),
    "evaluator_a": ("evaluator", Text(zh="评估员A", en="Evaluator A")),
    "evaluator_b": ("evaluator", Text(zh="评估员B", en="Evaluator B")),
    "consensus": ("consensus", Text(zh="共识", en="Consensus")),
    "residents": ("residents", Text(zh="居民代表", en="Residents")),
    "committee": ("committee", Text(zh="社区两委", en="Committee")),
}
FLAG_LIMITS = {"raters_disagree": DISAGREEMENT, "blind_spot": GAP, "hidden_strength": GAP}


def say(key: str, lang: Lang, **params: object) -> str:
    """A phrase with its parameters; the Chinese phrases are spaced as written, and what is filled in
    (names, rounds, labels from forms and rubrics) is left exactly as it was typed."""
    return WORDS[key][lang].format(**params)


def joined(items: list[str], lang: Lang) -> str:
    """Names in a row: 甲、乙 / a, b."""
    return ("、" if lang == "zh" else ", ").join(items)


def listed(items: list[str], lang: Lang) -> str:
    """Phrases in a row (criteria, checklist items), which may hold commas of their own."""
    return ("；" if lang == "zh" else "; ").join(items)


def rater_label(rater: str, lang: Lang) -> str:
    return RATERS[rater][1](lang) if rater in RATERS else rater


def rater_role(rater: str) -> str | None:
    return RATERS[rater][0] if rater in RATERS else None
