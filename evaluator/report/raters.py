"""Who rated: the bundled rubric's raters by id, their roles, and the flags raised between their levels.

A result names raters by id only (see the report's notes on the Result model); an id not listed here is
shown as it is and given no role.
"""

from __future__ import annotations

from evaluator.i18n import N_, Lang, t
from evaluator.scoring.ratings import DISAGREEMENT, GAP

RATERS: dict[str, tuple[str, str]] = {   # id → (role, label msgid)
    "self": ("self", N_("Self")),
    "evaluator_a": ("evaluator", N_("Evaluator A")),
    "evaluator_b": ("evaluator", N_("Evaluator B")),
    "consensus": ("consensus", N_("Consensus")),
    "residents": ("residents", N_("Residents")),
    "committee": ("committee", N_("Committee")),
}
FLAGS = {"raters_disagree": N_("Evaluators disagree"), "blind_spot": N_("Self-rating too high"),
         "hidden_strength": N_("Self-rating too low")}
FLAG_NOTES = {
    "raters_disagree": N_("the evaluators are more than {n} level apart and gave no consensus level"),
    "blind_spot": N_("the organization rated itself {n} or more levels above the official level: a possible blind spot"),
    "hidden_strength": N_("the organization rated itself {n} or more levels below the official level: "
                          "a hidden strength"),
}
FLAG_LIMITS = {"raters_disagree": DISAGREEMENT, "blind_spot": GAP, "hidden_strength": GAP}


def rater_label(rater: str, lang: Lang) -> str:
    return t(lang, RATERS[rater][1]) if rater in RATERS else rater


def rater_role(rater: str) -> str | None:
    return RATERS[rater][0] if rater in RATERS else None
