"""Words printed on the form itself (sheet names, headers, the guide), in Chinese and English.

Problem messages live in `evaluator.messages`; this module only holds what the template shows, so a
wording change never touches the reader.
"""

from __future__ import annotations

from evaluator.rubric.text import Text


def T(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


SHEETS = {
    "cover": T("封面", "Cover"),
    "guide": T("说明", "Guide"),
    "roster": T("自组织名册", "Roster"),
    "feedback": T("反馈与回应", "Feedback"),
}
LISTS_SHEET = "_lists"
META_SHEET = "_meta"

TITLE = T("社区营造项目评估表", "Community-building project evaluation form")
RUBRIC_LINE = T("评估标准：{title}（{id} {version}）", "Rubric: {title} ({id} {version})")
YES, NO = T("是", "Yes"), T("否", "No")
REQUIRED = T("必填", "required")

COVER_HEAD = (T("项目信息", "Project"), T("填写", "Answer"), T("说明", "Notes"))
DOMAIN_HEAD = (T("编号", "No."), T("内容", "Item"), T("填写（黄色格子）", "Answer (yellow cells)"), T("说明", "Notes"))
DOMAIN_POINTS = T("{name}（{points} 分）", "{name} ({points} points)")
INDICATOR_HEAD = T("{id} {name}（{points} 分 · {rule}）", "{id} {name} ({points} points · {rule})")
LOOK_AT = T("看什么", "What to check")
METHODS = T("方法：{methods}", "Methods: {methods}")
RATING_ROW = T("评分（0–4 级）", "Rating (level 0-4)")
RATING_NOT_ASKED = "—"
LEVEL = T("{level} 级", "Level {level}")
NOTE_ROW = T("备注 / 证据来源", "Note / evidence source")
NOTE_HELP = T("写明依据：查阅了哪些资料、访谈了谁、照片或记录编号。",
              "Say what the answer rests on: documents read, people interviewed, photo or record numbers.")
RULE_NAMES = {
    "rating": T("评级", "rating"),
    "bands": T("按数值分档", "bands"),
    "ratio": T("按比例分档", "ratio"),
    "checklist": T("清单", "checklist"),
    "roster": T("按自组织名册", "roster"),
    "expression": T("按公式", "formula"),
}
COMPUTED = {
    "roster": T("本项不用填写：程序根据《自组织名册》自动计算。", "Nothing to fill here: computed from the roster sheet."),
    "other": T("本项不用打分：程序根据上面的证据自动计算。", "No rating here: the score is computed from the evidence above."),
}

HINTS = {
    "integer": T("整数", "whole number"),
    "number": T("数字", "number"),
    "percent": T("百分比，如 85%", "percentage, e.g. 85%"),
    "boolean": T("从下拉列表选 是 / 否", "pick Yes / No from the list"),
    "choice": T("从下拉列表选择", "pick from the list"),
    "date": T("日期，如 2024-05-01", "date, e.g. 2024-05-01"),
}
RANGE_HINT = T("{low}–{high}", "{low} to {high}")

ROSTER_TITLE = T("自组织名册：每行一个居民自组织", "Roster of resident self-organizations: one per row")
ROSTER_NOTE = T("同一组织只写一行。成熟度阶段由程序按各列自动判定，不用填写。",
                "One row per organization. The maturity stage is worked out from the columns; do not enter it.")
FEEDBACK_TITLE = T("反馈与回应：评估发现与机构回应", "Feedback: findings and the organization's response")
FEEDBACK_NOTE = T("评估员写下发现和建议，执行机构写下回应和改进计划；指标从下拉列表选择。",
                  "Evaluators write findings and suggestions, the organization its response and plan; pick the indicator from the list.")
FEEDBACK_COLUMNS = {
    "indicator": T("指标", "Indicator"),
    "finding": T("评估发现与建议", "Finding and suggestion"),
    "response": T("机构回应与改进计划", "Organization's response and plan"),
}
ROW_NUMBER = T("序号", "No.")

VALIDATION_TITLE = T("填写有误", "Invalid entry")
VALIDATION_LIST = T("请从下拉列表中选择。", "Please pick a value from the list.")
VALIDATION_RANGE = T("请填写{hint}。", "Please enter a {hint}.")
VALIDATION_TEXT = T("文字不能超过 {limit} 字。", "Text must not exceed {limit} characters.")

GUIDE_TITLE = T("怎样填写这份评估表", "How to fill in this form")
GUIDE = [
    T("这份表格按《{title}》（{version} 版）生成：封面写项目信息，每个评估领域一张工作表，另有《自组织名册》和《反馈与回应》。",
      "This form was generated from \"{title}\" (version {version}): the cover holds the project details, each domain has its own sheet, "
      "and there is a roster of self-organizations and a feedback sheet."),
    T("只填黄色格子，其他格子已锁定。标有“必填”的项目一定要填。",
      "Fill in the yellow cells only; the other cells are locked. Items marked \"required\" must be answered."),
    T("是/否、选项、评分和评估类型：点格子右侧的小箭头，从下拉列表中选择。",
      "Yes/no, choices, ratings and the evaluation type: click the small arrow at the right of the cell and pick from the list."),
    T("数字只写阿拉伯数字，不写单位和汉字：写 120000，不写“十二万元”。百分比写 85%。日期写 2024-05-01。",
      "Write numbers as digits without units or words: 120000, not \"120k yuan\". Write percentages as 85%, dates as 2024-05-01."),
    T("评分分 0–4 共五级，每一级的含义写在评分格子下方。自评由执行机构填写；评估员A、评估员B 各自独立打分，讨论后在“共识”栏填最终等级；"
      "需要居民代表或社区两委打分的指标会留出他们的格子，不需要的格子显示“—”。",
      "Ratings have five levels, 0 to 4; what each level means is written under the rating cells. The organization fills in the "
      "self-assessment; evaluators A and B rate independently and enter the agreed level under \"Consensus\" after discussing. "
      "Where residents or the community committee rate an indicator their cells are open; cells showing \"—\" are not asked."),
    T("每项指标的“备注 / 证据来源”写明依据：查阅了哪些资料、访谈了谁、照片或记录编号。",
      "Under each indicator, \"Note / evidence source\" says what the answer rests on: documents, interviews, photo or record numbers."),
    T("《自组织名册》每行写一个居民自组织，同一组织只写一行；成熟度阶段由程序自动判定。",
      "The roster takes one resident self-organization per row, each organization once; the maturity stage is computed."),
    T("《反馈与回应》由评估员写发现和建议，执行机构写回应和改进计划，这是参与式评估的关键一步。",
      "On the feedback sheet evaluators write findings and suggestions and the organization its response and plan: "
      "this is the heart of a participatory evaluation."),
    T("请不要改工作表名称，不要插入或删除行列；可以调整列宽和行高。隐藏的工作表记录了每个格子的含义，请勿改动。",
      "Do not rename sheets or insert or delete rows or columns; widening columns and rows is fine. The hidden sheets record "
      "what every cell means; leave them alone."),
    T("填好后运行 evaluator check 文件名.xlsx：程序会一次列出所有问题及其所在的单元格。",
      "When done, run evaluator check FILE.xlsx: it lists every problem at once, with the cell it is in."),
]
