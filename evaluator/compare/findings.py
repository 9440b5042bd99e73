"""The key findings of a portfolio as sentences, generated from its numbers, in Chinese or English.

A funder reads these first, so each states one comparison with its figures ("第三届 12 个项目平均 76.4 分，
较 第二届 提高 5.2 分"). Names from forms are set off by spaces and never reworded.
"""

from __future__ import annotations

from evaluator.compare.cells import join, many, tr
from evaluator.compare.model import Portfolio, RoundView
from evaluator.compare.pdf_changes import changes_into, movement
from evaluator.messages import Lang
from evaluator.numbers import direction, percent, points, signed


def findings(pf: Portfolio, lang: Lang) -> list[str]:
    if not pf.rounds:
        return [tr(lang, "所选范围内没有可比较的评估。", "There is no evaluation to compare in the selection.")]
    out = [round_sentence(r, prev, lang) for prev, r in zip([None, *pf.rounds], pf.rounds, strict=False)]
    last = pf.rounds[-1]
    out += [grades_sentence(last, lang), weakest_sentence(last, lang)]
    if len(pf.rounds) > 1:
        out += [paired_sentence(pf, last.name, lang), indicator_sentence(pf, pf.rounds[-2].name, last.name, lang)]
    out += [organizations_sentence(last, lang), *quality_sentences(pf, lang)]
    if pf.rubric_notes:
        out.append(tr(lang, "各届所用评估标准的版本不同，按指标编号比较，差异见“说明”。",
                      "The rounds used different rubric versions, compared by indicator id; see the notes."))
    if pf.skipped_rounds:
        out.append(tr(lang, f"所选届次 {join(lang, pf.skipped_rounds)} 没有终期或中期评估，未列入比较。",
                      "Selected rounds with no final or midterm evaluation, left out: "
                      f"{join(lang, pf.skipped_rounds)}."))
    return [s for s in out if s]


def round_sentence(r: RoundView, prev: RoundView | None, lang: Lang) -> str:
    mean = r.distribution.mean
    zh = f"{r.name} {r.projects} 个项目平均 {points(mean)} 分"
    en = f"In {r.name}, {many(r.projects, 'project')} averaged {points(mean)} points"
    if prev is not None:
        d = mean - prev.distribution.mean
        moved = direction(d) != "same"
        zh += (f"，较 {prev.name} {'提高' if d > 0 else '降低'} {points(abs(d))} 分" if moved
               else f"，与 {prev.name} 持平")
        en += (f", {points(abs(d))} {'higher' if d > 0 else 'lower'} than in {prev.name}" if moved
               else f", level with {prev.name}")
    if len(r.domains) > 1:
        weak, strong = (f(r.domains, key=lambda s: (s.mean_share, s.id)) for f in (min, max))
        zh += (f"；{weak.id} {weak.name.zh} 最弱（平均得分率 {percent(weak.mean_share)}），"
               f"{strong.id} {strong.name.zh} 最强（{percent(strong.mean_share)}）")
        en += (f"; {weak.id} {weak.name.en} was the weakest domain (mean share {percent(weak.mean_share)}), "
               f"{strong.id} {strong.name.en} the strongest ({percent(strong.mean_share)})")
    return tr(lang, zh + "。", en + ".")


def grades_sentence(r: RoundView, lang: Lang) -> str:
    counts = [tr(lang, f"{g.label.zh} {g.count} 个", f"{g.label.en} {g.count}") for g in r.grades]
    return tr(lang, f"{r.name} 的等级：{join(lang, counts)}。", f"Grades in {r.name}: {join(lang, counts)}.")


def weakest_sentence(r: RoundView, lang: Lang) -> str:
    scored = [i for i in r.indicators if i.mean_share is not None][:3]
    if not scored:
        return ""
    items = [tr(lang, f"{i.id} {i.name.zh}（{percent(i.mean_share or 0)}）", f"{i.id} {i.name.en} ({percent(i.mean_share or 0)})")
             for i in scored]
    return tr(lang, f"{r.name} 平均得分率最低的指标：{join(lang, items)}。",
              f"Weakest indicators in {r.name} (mean share): {join(lang, items)}.")


def paired_sentence(pf: Portfolio, after: str, lang: Lang) -> str:
    found = changes_into(pf, after)
    if not found:
        return tr(lang, f"{after} 的项目此前都没有参评，无法比较变化。",
                  f"No project of {after} was evaluated before: no change to compare.")
    m = movement(found)
    zh = (f"两届都参评的 {m.count} 个项目中，{m.up} 个总分提高、{m.down} 个下降，平均变化 {signed(m.mean)} 分")
    en = (f"Of the {many(m.count, 'project')} evaluated in both rounds, {m.up} rose and {m.down} fell "
          f"(mean change {signed(m.mean)} points)")
    top, bottom = found[0], found[-1]
    if direction(top.change) == "up":
        zh += f"；提高最多的是 {top.project.name}（{signed(top.change)} 分）"
        en += f"; {top.project.name} rose most ({signed(top.change)})"
    if direction(bottom.change) == "down":
        zh += f"，下降最多的是 {bottom.project.name}（{signed(bottom.change)} 分）"
        en += f"; {bottom.project.name} fell most ({signed(bottom.change)})"
    return tr(lang, zh + "。", en + ".")


def indicator_sentence(pf: Portfolio, before: str, after: str, lang: Lang) -> str:
    up, down = pf.improved(after, 1), pf.fell(after, 1)
    parts = []
    for found, zh, en in ((up, "提高最多", "rose most"), (down, "下降最多", "fell most")):
        if found:
            c = found[0]
            pp = signed((c.change or 0) * 100, 1)
            parts.append(tr(lang, f"{zh}的是 {c.id} {c.name.zh}（{pp} 个百分点）",
                            f"{c.id} {c.name.en} {en} ({pp} points of %)"))
    if not parts:
        return ""
    return tr(lang, f"与 {before} 相比，指标平均得分率{'，'.join(parts)}。",
              f"Against {before}, of the indicators' mean shares {'; '.join(parts)}.")


def organizations_sentence(r: RoundView, lang: Lang) -> str:
    zh = f"{r.name} 项目共登记 {r.organizations} 个居民自组织"
    en = f"Projects in {r.name} listed {many(r.organizations, 'self-organization')}"
    f = r.organization_flow
    if f is not None:
        zh += f"；与上一届相比，{f.up} 个上升了至少一个阶段，{f.down} 个下降，{f.same} 个持平，新登记 {f.new} 个"
        en += (f"; against the previous round, moved up a stage or more: {f.up}, down: {f.down}, "
               f"same stage: {f.same}, new: {f.new}")
    return tr(lang, zh + "。", en + ".")


def quality_sentences(pf: Portfolio, lang: Lang) -> list[str]:
    return [tr(lang, f"{r.name}：{r.provisional} 份评估证据不全（结果暂定），{r.red_lines} 份触及红线。",
               f"{r.name}: provisional for missing evidence: {r.provisional}; red line crossed: {r.red_lines}.")
            for r in pf.rounds if r.provisional or r.red_lines]
