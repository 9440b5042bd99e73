"""The key findings of a portfolio as sentences, generated from its numbers, in Chinese or English.

A funder reads these first, so each states one comparison with its figures ("第三届 12 个项目平均 76.4 分，
较 第二届 提高 5.2 分"). Names from forms are set off by spaces and never reworded.
"""

from __future__ import annotations

from evaluator.compare.change_view import changes_into, movement
from evaluator.compare.model import Portfolio, RoundView
from evaluator.compare.table_cells import join
from evaluator.i18n import Lang, t
from evaluator.numbers import direction, percent, points, signed
from evaluator.report.phrasing import tns, ts


def findings(pf: Portfolio, lang: Lang) -> list[str]:
    if not pf.rounds:
        return [t(lang, "There is no evaluation to compare in the selection.")]
    out = [round_sentence(r, prev, lang) for prev, r in zip([None, *pf.rounds], pf.rounds, strict=False)]
    last = pf.rounds[-1]
    out += [grades_sentence(last, lang), weakest_sentence(last, lang)]
    if len(pf.rounds) > 1:
        out += [paired_sentence(pf, last.name, lang), indicator_sentence(pf, pf.rounds[-2].name, last.name, lang)]
    out += [organizations_sentence(last, lang), *quality_sentences(pf, lang)]
    if pf.rubric_notes:
        out.append(t(lang, "The rounds used different rubric versions, compared by indicator id; see the notes."))
    if pf.unlike_left_out:
        out.append(tns(lang, "{n} project was evaluated in consecutive rounds with different kinds of evaluation (midterm, "
                            "then final): its change is not compared; see the notes.",
                      "{n} projects were evaluated in consecutive rounds with different kinds of evaluation (midterm, "
                      "then final): their changes are not compared; see the notes.", pf.unlike_left_out))
    if pf.skipped_rounds:
        out.append(ts(lang, "Selected rounds with no final or midterm evaluation, left out: {skipped_rounds}.",
                      skipped_rounds=join(lang, pf.skipped_rounds)))
    return [s for s in out if s]


def round_sentence(r: RoundView, prev: RoundView | None, lang: Lang) -> str:
    mean = r.distribution.mean
    parts = [tns(lang, "In {name}, {n} project averaged {mean} points", "In {name}, {n} projects averaged {mean} points",
                r.projects, name=r.name, mean=points(mean))]
    if prev is not None:
        d = mean - prev.distribution.mean
        way = direction(d)
        if way == "same":
            parts.append(ts(lang, ", level with {before}", before=prev.name))
        elif way == "up":
            parts.append(ts(lang, ", {n} points higher than in {before}", n=points(abs(d)), before=prev.name))
        else:
            parts.append(ts(lang, ", {n} points lower than in {before}", n=points(abs(d)), before=prev.name))
    if len(r.domains) > 1:
        weak, strong = (f(r.domains, key=lambda s: (s.mean_share, s.id)) for f in (min, max))
        parts.append(ts(lang, "; {weak} was the weakest domain (mean share {weak_share}), {strong} the strongest "
                             "({strong_share})", weak=weak.id + " " + weak.name(lang), weak_share=percent(weak.mean_share),
                       strong=strong.id + " " + strong.name(lang), strong_share=percent(strong.mean_share)))
    return "".join(parts) + t(lang, ".")


def grades_sentence(r: RoundView, lang: Lang) -> str:
    counts = [ts(lang, "{grade} {n}", grade=g.label(lang), n=g.count) for g in r.grades]
    return ts(lang, "Grades in {name}: {counts}.", name=r.name, counts=join(lang, counts))


def weakest_sentence(r: RoundView, lang: Lang) -> str:
    scored = [i for i in r.indicators if i.mean_share is not None][:3]
    if not scored:
        return ""
    items = [ts(lang, "{id} {name} ({share})", id=i.id, name=i.name(lang), share=percent(i.mean_share or 0.0))
             for i in scored]
    return ts(lang, "Weakest indicators in {name} (mean share): {items}.", name=r.name, items=join(lang, items))


def paired_sentence(pf: Portfolio, after: str, lang: Lang) -> str:
    found = changes_into(pf, after)
    if not found:
        return ts(lang, "No project of {after} was evaluated before: no change to compare.", after=after)
    m = movement(found)
    parts = [tns(lang, "Of the {n} project evaluated in both rounds, {up} rose and {down} fell (mean change {mean} points)",
                "Of the {n} projects evaluated in both rounds, {up} rose and {down} fell (mean change {mean} points)",
                m.count, up=m.up, down=m.down, mean=signed(m.mean))]
    top, bottom = found[0], found[-1]
    if direction(top.change) == "up":
        parts.append(ts(lang, "; {name} rose most ({change} points)", name=top.project.name, change=signed(top.change)))
    if direction(bottom.change) == "down":
        parts.append(ts(lang, "; {name} fell most ({change} points)", name=bottom.project.name,
                       change=signed(bottom.change)))
    return "".join(parts) + t(lang, ".")


def indicator_sentence(pf: Portfolio, before: str, after: str, lang: Lang) -> str:
    up, down = pf.improved(after, 1), pf.fell(after, 1)
    parts = []
    if up:
        c = up[0]
        parts.append(ts(lang, "{id} {name} rose most ({change} percentage points)", id=c.id, name=c.name(lang),
                       change=signed((c.change or 0.0) * 100, 1)))
    if down:
        c = down[0]
        parts.append(ts(lang, "{id} {name} fell most ({change} percentage points)", id=c.id, name=c.name(lang),
                       change=signed((c.change or 0.0) * 100, 1)))
    if not parts:
        return ""
    return ts(lang, "Against {before}, of the indicators' mean shares: {parts}.", before=before,
             parts=t(lang, "; ").join(parts))


def organizations_sentence(r: RoundView, lang: Lang) -> str:
    text = tns(lang, "Projects in {name} listed {n} self-organization", "Projects in {name} listed {n} self-organizations",
              r.organizations, name=r.name)
    f = r.organization_flow
    if f is not None:
        text += ts(lang, "; against the previous round, moved up a stage or more: {up}, down: {down}, "
                        "same stage: {same}, new: {new}", up=f.up, down=f.down, same=f.same, new=f.new)
    return text + t(lang, ".")


def quality_sentences(pf: Portfolio, lang: Lang) -> list[str]:
    return [ts(lang, "{name}: provisional for missing evidence: {provisional}; red line crossed: {red_lines}.", name=r.name,
               provisional=r.provisional, red_lines=r.red_lines)
            for r in pf.rounds if r.provisional or r.red_lines]
