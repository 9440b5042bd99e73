"""The Portfolio of a chosen set of evaluations: computed with `evaluator.compare` once per set, kept.

Computing a portfolio reads every score of every evaluation it counts (about 0.9 ms an evaluation), too
slow to do on each request of a large round. So a computed portfolio is kept twice: in the database
(`Snapshot`, one row per scope, shared by every server process and the worker) and in this process's
memory (the parsed object, for the pages asked most). Both are looked up by the scope and the digest
of the evaluations chosen now, so a form ingested, a new version or a project moved to another district
gives a new digest and the portfolio is computed again on the next request: nothing to invalidate by hand.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluator.compare.compute import portfolio
from evaluator.compare.model import Portfolio, Selection
from evaluator.store import queries
from evaluator.web.portfolio.models import Snapshot
from evaluator.web.portfolio.scope import Chosen

ALIAS = "default"
KEPT_IN_MEMORY = 24         # parsed portfolios per process (a few MB each for a round of 500 projects)

_memory: OrderedDict[tuple[str, str], Portfolio] = OrderedDict()
_lock = threading.Lock()


def portfolio_for(chosen: Chosen) -> Portfolio:
    """The portfolio of `chosen`: from memory, else from its kept snapshot, else computed and kept."""
    wanted = (chosen.scope.key, chosen.digest)
    with _lock:
        if wanted in _memory:
            _memory.move_to_end(wanted)
            return _memory[wanted]
    kept = Snapshot.objects.filter(scope_key=wanted[0], digest=wanted[1]).values_list("portfolio", flat=True).first()
    found = Portfolio.model_validate_json(kept) if kept is not None else _compute_and_keep(chosen)
    with _lock:
        _memory[wanted] = found
        while len(_memory) > KEPT_IN_MEMORY:
            _memory.popitem(last=False)
    return found


def forget() -> None:
    """Drop this process's parsed portfolios (tests; the snapshots stay)."""
    with _lock:
        _memory.clear()


def compute(chosen: Chosen) -> Portfolio:
    records = queries.evaluations_by_id(ALIAS, chosen.ids)
    codes = sorted(chosen.projects) if chosen.scope.filters else []
    selection = Selection(rounds=chosen.rounds, projects=codes)
    return portfolio(records, selection, queries.grade_scales(ALIAS, {r.rubric.sha256 for r in records}))


def _compute_and_keep(chosen: Chosen) -> Portfolio:
    found = compute(chosen)
    values = {"digest": chosen.digest, "evaluations": len(chosen.ids), "portfolio": found.model_dump_json(by_alias=True),
              "built_at": timezone.now()}
    try:
        with transaction.atomic():
            Snapshot.objects.update_or_create(scope_key=chosen.scope.key, defaults=values)
    except IntegrityError:
        pass      # another process kept the same scope at the same moment: either copy will do
    return found
