"""The project in context: its domains against the round's median and quartiles, and its totals across
rounds. Pure: the caller (the CLI, the web) reads the round and the project's history from the results
store and passes them in as plain values; `report/` reads no store."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from evaluator.i18n import Lang, t
from evaluator.numbers import percent
from evaluator.report.charts.trend import trend_chart
from evaluator.scoring.result import Result
from evaluator.vocabulary import EVALUATION_TYPE_NAMES, evaluation_type_name

PEERS_AT_LEAST = 3     # quartiles of fewer projects say nothing a reader can use


@dataclass(frozen=True)
class Milestone:
    """One official evaluation of the project: its round, kind (midterm | final) and published total."""

    round: str
    kind: str
    total: float
    maximum: float


@dataclass(frozen=True)
class PeerRow:
    id: str
    name: str
    share: str
    q1: str
    median: str
    q3: str
    where: str     # in words: above the upper quartile, above the median, …


@dataclass(frozen=True)
class Context:
    projects: int              # projects of the round the quartiles are taken over (0: none shown)
    peers: list[PeerRow]
    trend: Markup | None


def _where(share: float, q1: float, median: float, q3: float, lang: Lang) -> str:
    if share > q3:
        return t(lang, "above the upper quartile")
    if share < q1:
        return t(lang, "below the lower quartile")
    if share >= median:
        return t(lang, "between the median and the upper quartile")
    return t(lang, "between the lower quartile and the median")


def peer_rows(result: Result, peers: Sequence[Mapping[str, float]], lang: Lang) -> list[PeerRow]:
    """Each scored domain's share against the round's quartiles (`peers`: per project of the round, domain id →
    share of its points), when at least PEERS_AT_LEAST projects have the domain."""
    rows = []
    for d in result.domains:
        shares = sorted(p[d.id] for p in peers if d.id in p)
        if d.points is None or not d.max or len(shares) < PEERS_AT_LEAST:
            continue
        q1, median, q3 = statistics.quantiles(shares, n=4, method="inclusive")
        share = float(Fraction(d.points) / Fraction(d.max))
        rows.append(PeerRow(id=d.id, name=d.name(lang), share=percent(share), q1=percent(q1), median=percent(median),
                            q3=percent(q3), where=_where(share, q1, median, q3, lang)))
    return rows


def context(result: Result, lang: Lang, peers: Sequence[Mapping[str, float]] = (),
            history: Sequence[Milestone] = ()) -> Context:
    rows = peer_rows(result, peers, lang)
    points = [(m.round, m.total, evaluation_type_name(m.kind, lang) if m.kind in EVALUATION_TYPE_NAMES else m.kind,
               m.kind != "final")
              for m in history]
    chart = trend_chart(points, max(m.maximum for m in history), title=t(lang, "Totals across rounds")) \
        if len(history) > 1 else None
    return Context(projects=len(peers) if rows else 0, peers=rows, trend=chart)
