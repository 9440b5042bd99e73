"""The error catalogue: one stable code per kind of problem, with its Chinese and English text.

Codes never change meaning once released; new kinds of problem get new codes. `R` codes are about
rubric files. Parameters in braces are filled by `Problem.message`.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

CATALOGUE: dict[str, dict[str, str]] = {
    # -- reading rubric files ------------------------------------------------------------------
    "R001": {"zh": "找不到文件：{path}", "en": "file not found: {path}"},
    "R002": {"zh": "YAML 语法错误：{detail}", "en": "YAML syntax error: {detail}"},
    "R003": {"zh": "应为{expected}，实际为 {found}", "en": "expected {expected}, found {found}"},
    "R004": {"zh": "缺少必填项 {key}", "en": "required key {key} is missing"},
    "R005": {"zh": "未知的键 {key}{hint}", "en": "unknown key {key}{hint}"},
    "R006": {"zh": "取值 {found} 无效，应为以下之一：{expected}", "en": "invalid value {found}, expected one of: {expected}"},
    # -- rubric structure ------------------------------------------------------------------------
    "R010": {"zh": "编号 {id} 重复（第一次出现在第 {first_line} 行）", "en": "duplicate id {id} (first used at line {first_line})"},
    "R011": {"zh": "各领域分值之和为 {found}，应等于总分 {expected}", "en": "domain points add up to {found}, expected the scale {expected}"},
    "R012": {"zh": "领域 {domain} 的指标分值之和为 {found}，应等于领域分值 {expected}", "en": "indicator points of domain {domain} add up to {found}, expected the domain's {expected}"},
    "R013": {"zh": "指标 {id} 未定义{hint}", "en": "indicator {id} is not defined{hint}"},
    "R014": {"zh": "指标 {id} 属于领域 {found}，却被列在领域 {expected} 下", "en": "indicator {id} belongs to domain {found} but is listed under {expected}"},
    "R015": {"zh": "指标 {id} 已定义但未被任何领域使用", "en": "indicator {id} is defined but no domain uses it"},
    "R016": {"zh": "评分人 {id} 未在 raters 中声明{hint}", "en": "rater {id} is not declared in raters{hint}"},
    "R017": {"zh": "等级档次应按 min 从高到低排列且最后一档 min 为 0，实际为 {found}", "en": "grades must be ordered by min from high to low, ending at 0; found {found}"},
    # -- rules and evidence ------------------------------------------------------------------------
    "R020": {"zh": "证据字段 {id} 未声明{hint}", "en": "evidence field {id} is not declared{hint}"},
    "R021": {"zh": "证据字段 {id} 的类型是 {found}，此处需要 {expected}", "en": "evidence field {id} has type {found}, expected {expected} here"},
    "R022": {"zh": "分档的 min 应严格递增，实际为 {found}", "en": "band minimums must be strictly ascending, found {found}"},
    "R023": {"zh": "第一档从 {found} 开始，未覆盖最小可能值 {expected}", "en": "the first band starts at {found} and does not cover the lowest possible value {expected}"},
    "R024": {"zh": "评级须有 0–4 共五个等级的描述，缺少 {missing}，多出 {extra}", "en": "a rating needs anchors for levels 0-4; missing {missing}, extra {extra}"},
    "R025": {"zh": "改进建议须覆盖等级 0–3，缺少 {missing}", "en": "advice must cover levels 0-3; missing {missing}"},
    "R026": {"zh": "表达式有误：{detail}", "en": "expression error: {detail}"},
    "R027": {"zh": "表达式中的 {id} 不是{scope}{hint}", "en": "{id} in the expression is not {scope}{hint}"},
    "R028": {"zh": "表达式的结果应为{expected}，实际为{found}", "en": "the expression should give {expected}, it gives {found}"},
    "R029": {"zh": "没有任何一档得满分（最高 {found}），该指标永远拿不到满分", "en": "no band scores 1 (highest {found}): the indicator can never reach full points"},
    "R030": {"zh": "选择题字段 {id} 没有列出 choices", "en": "choice field {id} lists no choices"},
    "R031": {"zh": "字段 {id} 的类型 {found} 不能设置 range", "en": "field {id} of type {found} cannot have a range"},
    "R032": {"zh": "取值范围 {found} 无效：下限应不大于上限", "en": "range {found} is invalid: the minimum must not exceed the maximum"},
    "R033": {"zh": "raters 只适用于 rating 规则，本指标的规则是 {found}", "en": "raters only apply to rating rules; this indicator's rule is {found}"},
    # -- maturity ladder ---------------------------------------------------------------------------
    "R040": {"zh": "成熟度阶梯的阶段应为 1 到 {expected} 连续编号，实际为 {found}", "en": "ladder stages must be numbered 1 to {expected} in order, found {found}"},
    "R041": {"zh": "名册列 {id} 未声明{hint}", "en": "roster column {id} is not declared{hint}"},
}

METHODS: dict[str, dict[str, str]] = {
    "documents": {"zh": "查阅资料", "en": "Document review"},
    "interview": {"zh": "访谈", "en": "Interview"},
    "observation": {"zh": "观察", "en": "Observation"},
    "survey": {"zh": "问卷", "en": "Survey"},
}

TYPE_NAMES: dict[str, dict[str, str]] = {
    "integer": {"zh": "整数", "en": "integer"},
    "number": {"zh": "数值", "en": "number"},
    "percent": {"zh": "百分比", "en": "percent"},
    "boolean": {"zh": "是/否", "en": "yes/no"},
    "choice": {"zh": "选项", "en": "choice"},
    "text": {"zh": "文本", "en": "text"},
    "date": {"zh": "日期", "en": "date"},
}
