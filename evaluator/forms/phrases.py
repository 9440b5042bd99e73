"""Words printed on the form itself (sheet names, headers, the guide). Each is written once, in English, as
a msgid of the engine's catalogue (`evaluator.i18n`); its Chinese is in the .po. They are kept as `Text`
pairs because the reader accepts either language's words (sheet names, yes/no) and the form's own fields
carry both.

Problem messages live in `evaluator.messages`; this module only holds what the template shows, so a
wording change never touches the reader.
"""

from __future__ import annotations

from evaluator.i18n import Lang, both, pboth
from evaluator.rubric.bilingual import Text


def T(pair: dict[Lang, str]) -> Text:
    """A phrase in both languages (`both("…")` from the catalogue) as the `Text` the form's models take."""
    return Text(**pair)


SHEETS = {
    "cover": T(both("Cover")),
    "guide": T(both("Guide")),
    "roster": T(both("Roster")),
    "feedback": T(both("Feedback")),
}
LISTS_SHEET = "_lists"
META_SHEET = "_meta"

TITLE = T(both("Community-building project evaluation form"))
RUBRIC_LINE = T(both("Rubric: {title} ({id} {version})"))
YES, NO = T(both("Yes")), T(both("No"))
REQUIRED = T(both("required"))

COVER_HEAD = (T(pboth("form cover", "Project")), T(both("Answer")), T(both("Notes")))
DOMAIN_HEAD = (T(both("No.")), T(pboth("answer sheet", "Item")), T(both("Answer (yellow cells)")), T(both("Notes")))
DOMAIN_POINTS = T(both("{name} ({points} points)"))
INDICATOR_HEAD = T(both("{id} {name} ({points} points · {rule})"))
LOOK_AT = T(both("What to check"))
METHODS = T(both("Methods: {methods}"))
RATING_ROW = T(both("Rating (level 0-4)"))
RATING_NOT_ASKED = "—"
LEVEL = T(both("Level {level}"))
NOTE_ROW = T(both("Note / evidence source"))
NOTE_HELP = T(both("Say what the answer rests on: documents read, people interviewed, photo or record numbers."))
RULE_NAMES = {
    "rating": T(both("rating")),
    "bands": T(both("bands")),
    "ratio": T(both("ratio")),
    "checklist": T(both("checklist")),
    "roster": T(both("roster")),
    "expression": T(both("formula")),
}
COMPUTED = {
    "roster": T(both("Nothing to fill here: computed from the roster sheet.")),
    "other": T(both("No rating here: the score is computed from the evidence above.")),
}

HINTS = {
    "integer": T(both("whole number")),
    "number": T(pboth("form hint", "number")),
    "percent": T(both("percentage, e.g. 85%")),
    "boolean": T(both("pick Yes / No from the list")),
    "choice": T(both("pick from the list")),
    "date": T(both("date, e.g. 2024-05-01")),
}
RANGE_HINT = T(both("{low} to {high}"))

ROSTER_TITLE = T(both("Roster of resident self-organizations: one per row"))
ROSTER_NOTE = T(both("One row per organization. The maturity stage is worked out from the columns; do not enter it."))
FEEDBACK_TITLE = T(both("Feedback: findings and the organization's response"))
FEEDBACK_NOTE = T(both("Evaluators write findings and suggestions, the organization its response and plan; pick the indicator from the list."))
FEEDBACK_COLUMNS = {
    "indicator": T(both("Indicator")),
    "finding": T(both("Finding and suggestion")),
    "response": T(both("Organization's response and plan")),
}
ROW_NUMBER = T(pboth("row number", "No."))

VALIDATION_TITLE = T(both("Invalid entry"))
VALIDATION_LIST = T(both("Please pick a value from the list."))
VALIDATION_RANGE = T(both("Please enter a {hint}."))
VALIDATION_TEXT = T(both("Text must not exceed {limit} characters."))

GUIDE_TITLE = T(both("How to fill in this form"))
GUIDE = [
    T(both("This form was generated from \"{title}\" (version {version}): the cover holds the project details, each domain has its own sheet, "
      "and there is a roster of self-organizations and a feedback sheet.")),
    T(both("Fill in the yellow cells only; the other cells are locked. Items marked \"required\" must be answered.")),
    T(both("Yes/no, choices, ratings and the evaluation type: click the small arrow at the right of the cell and pick from the list.")),
    T(both("Write numbers as digits without units or words: 120000, not \"120k yuan\". Write percentages as 85%, dates as 2024-05-01.")),
    T(both("Ratings have five levels, 0 to 4; what each level means is written under the rating cells. The organization fills in the "
      "self-assessment; evaluators A and B rate independently and enter the agreed level under \"Consensus\" after discussing. "
      "Where residents or the community committee rate an indicator their cells are open; cells showing \"—\" are not asked.")),
    T(both("Under each indicator, \"Note / evidence source\" says what the answer rests on: documents, interviews, photo or record numbers.")),
    T(both("The roster takes one resident self-organization per row, each organization once; the maturity stage is computed.")),
    T(both("On the feedback sheet evaluators write findings and suggestions and the organization its response and plan: "
      "this is the heart of a participatory evaluation.")),
    T(both("Do not rename sheets or insert or delete rows or columns; widening columns and rows is fine. The hidden sheets record "
      "what every cell means; leave them alone.")),
    T(both("When done, run evaluator check FILE.xlsx: it lists every problem at once, with the cell it is in.")),
]
