"""Records of two rubric versions made comparable through a `RubricMapping` (evaluator.rubric.mapping).

Pure. For the comparisons across rounds only (indicator changes and rubric notes): each round's own
view keeps its indicators as scored. A mapping's unit (one entry) becomes one indicator on both sides:
id the `to` ids joined with "+", points and maximum the sums of its members (so its share is points
over maximum together), named and placed as the newer version names it. Ids the mapping does not
name keep their id; those only one version has stay one-sided and are listed as not comparable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from evaluator.compare.model import ProjectIndicatorChange, ProjectRef, RubricNote
from evaluator.i18n import LANGS, N_, Lang, t
from evaluator.rubric.mapping import Link, RubricMapping
from evaluator.rubric.text import Text
from evaluator.store.records import EvaluationRecord, IndicatorScore


def unit_id(link: Link) -> str:
    return "+".join(link.to)


def _side(record: EvaluationRecord, m: RubricMapping) -> str | None:
    ref = (record.rubric.id, record.rubric.version)
    if ref == (m.from_.id, m.from_.version):
        return "from"
    if ref == (m.to.id, m.to.version):
        return "to"
    return None


def map_records(records: Sequence[EvaluationRecord], mappings: Sequence[RubricMapping],
                everything: Sequence[EvaluationRecord] = ()) -> list[EvaluationRecord]:
    """`records` with the indicators of every mapped version regrouped into the mapping's units;
    `everything` (default: `records`) is where the newer version's names are looked up."""
    if not mappings:
        return list(records)
    names = _newer_names(everything or records, mappings)
    out = []
    for r in records:
        for m in mappings:
            side = _side(r, m)
            if side is not None:
                r = replace(r, indicators=_regrouped(r.indicators, m, side, names))
                break
        out.append(r)
    return out


def _newer_names(records: Sequence[EvaluationRecord], mappings: Sequence[RubricMapping]) -> dict[str, IndicatorScore]:
    out: dict[str, IndicatorScore] = {}
    for r in records:
        if any(_side(r, m) == "to" for m in mappings):
            for i in r.indicators:
                out.setdefault(i.id, i)
    return out


def _regrouped(indicators: tuple[IndicatorScore, ...], m: RubricMapping, side: str,
               newer: dict[str, IndicatorScore]) -> tuple[IndicatorScore, ...]:
    by_id = {i.id: i for i in indicators}
    taken: set[str] = set()
    units: list[IndicatorScore] = []
    for link in m.indicators:
        members = [by_id[i] for i in (link.from_ if side == "from" else link.to) if i in by_id]
        if not members:
            continue
        taken.update(i.id for i in members)
        units.append(_unit(link, members, newer))
    claimed = {i for link in m.indicators for i in link.to} | {u.id for u in units}
    # an old id the mapping leaves alone but that now means a new unit's indicator (D1.08 renamed away while
    # another indicator became D1.08) must not be compared with it: it keeps its version in its id
    rest = [replace(i, id=f"{i.id}@{m.from_.version}") if side == "from" and i.id in claimed else i
            for i in indicators if i.id not in taken]
    return tuple(rest + units)


def _unit(link: Link, members: list[IndicatorScore], newer: dict[str, IndicatorScore]) -> IndicatorScore:
    scored = [i for i in members if i.status == "scored"]
    status = ("missing" if any(i.status == "missing" for i in members)
              else "scored" if scored else "not_applicable")
    named = [newer[i] for i in link.to if i in newer] or members
    name = Text(zh="、".join(i.name.zh for i in named), en=", ".join(i.name.en for i in named))
    return IndicatorScore(id=unit_id(link), domain=named[0].domain, name=name,
                          points=sum(i.points for i in scored), max=sum(i.max for i in scored) if scored else
                          sum(i.max for i in members), status=status, level=None)


def mapping_notes(mappings: Sequence[RubricMapping], mapped: Sequence[EvaluationRecord]) -> list[RubricNote]:
    """For each mapping used by the compared results (`mapped`: after `map_records`): what was compared
    with what, and what could not be."""
    out = []
    for m in mappings:
        sides = {_side(r, m): r.rubric for r in mapped if _side(r, m) is not None}
        if "from" not in sides or "to" not in sides:
            continue
        older = {i.id for r in mapped if _side(r, m) == "from" for i in r.indicators}
        newer = {i.id for r in mapped if _side(r, m) == "to" for i in r.indicators}
        only_old, only_new = sorted(older - newer), sorted(newer - older)
        out.append(RubricNote(a=sides["from"], b=sides["to"], only_in_a=only_old, only_in_b=only_new,
                              text=_text(m, only_old, only_new)))
    return out


def _text(m: RubricMapping, only_old: list[str], only_new: list[str]) -> Text:
    return Text(**{lang: _said(m, only_old, only_new, lang) for lang in LANGS})


KINDS = {"split": N_("split"), "merged": N_("merged"), "renamed": N_("renamed"), "reweighted": N_("re-weighted")}


def _said(m: RubricMapping, only_old: list[str], only_new: list[str], lang: Lang) -> str:
    links = []
    for link in m.indicators:
        if link.from_ == link.to and not link.reweighted:
            continue
        kind = ("split" if len(link.to) > 1 else "merged" if len(link.from_) > 1
                else "renamed" if link.from_ != link.to else "reweighted")
        how = t(lang, KINDS[kind])
        if link.reweighted and kind != "reweighted":
            how = t(lang, "{kind}, compared by share", kind=how)
        links.append(t(lang, "{old} → {new} ({how})", old="+".join(link.from_), new=unit_id(link), how=how))
    text = t(lang, "{old} and {new} are compared indicator by indicator through a version mapping",
             old=str(m.from_), new=str(m.to))
    text += t(lang, ": {links}.", links=t(lang, "; ").join(links)) if links else t(lang, ".")
    reasons = {g.from_: g.reason for g in m.not_comparable} | {a.to: a.reason for a in m.new}
    reasons |= {f"{g.from_}@{m.from_.version}": g.reason for g in m.not_comparable}
    gone = [t(lang, "{id} ({reason})", id=i, reason=why(lang)) if (why := reasons.get(i)) else i
            for i in only_old + only_new]
    if gone:
        text += t(lang, " Not comparable (in one version only): {ids}.", ids=t(lang, ", ").join(gone))
    return text


def project_indicator_changes(chosen: Sequence[EvaluationRecord], previous: dict[int, EvaluationRecord],
                              refs: dict[str, ProjectRef], mappings: Sequence[RubricMapping]) -> list[ProjectIndicatorChange]:
    """Each project's trend indicator by indicator between its consecutive rounds, through the mappings:
    one row per indicator or unit either round has, marked when the other round cannot be compared."""
    out = []
    for r in chosen:
        p = previous.get(r.id)
        if p is None:
            continue
        after, before = (map_records([x], mappings, chosen)[0] for x in (r, p))
        a, b = {i.id: i for i in after.indicators}, {i.id: i for i in before.indicators}
        for id in [*a, *(id for id in b if id not in a)]:
            now, then = a.get(id), b.get(id)
            share_after, share_before = _share(now), _share(then)
            out.append(ProjectIndicatorChange(
                project=refs[r.project_code], before_round=p.round, after_round=r.round, id=id,
                name=(now or then).name,  # type: ignore[union-attr]
                share_before=share_before, share_after=share_after,
                change=None if share_after is None or share_before is None else share_after - share_before,
                comparable=now is not None and then is not None))
    return out


def _share(i: IndicatorScore | None) -> float | None:
    return i.points / i.max if i is not None and i.status == "scored" and i.max else None
