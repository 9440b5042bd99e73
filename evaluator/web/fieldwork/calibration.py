"""The committee's calibration page: per round, the indicators whose anchors need rewriting (low
Krippendorff's alpha between evaluators A and B) and the evaluators who need calibration (lenient or
severe against peers or the consensus), with the figures behind them (compare.agreement)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from evaluator.compare.agreement import (
    ALPHA_OK,
    LEAN,
    MIN_PAIRS,
    RoundCalibration,
    calibration,
)
from evaluator.compare.compute import choose
from evaluator.store import queries
from evaluator.store.models import Round
from evaluator.store.ratings import rated_evaluations
from evaluator.web import access

ALIAS = "default"
TYPES = ["final", "midterm"]


def round_calibration(round_: Round) -> RoundCalibration:
    records = queries.evaluations(ALIAS, [round_.name], (), TYPES, scores=False)
    chosen = choose(records, TYPES)
    rated = rated_evaluations(ALIAS, [r.id for r in chosen])
    return calibration(round_.name, [rated[r.id] for r in chosen if r.id in rated])


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "view_calibration")
    rounds = sorted(access.visible_rounds(request.user).filter(evaluations__isnull=False).distinct(),
                    key=lambda r: r.name, reverse=True)
    return render(request, "fieldwork/calibration_index.html", {"rounds": rounds})


@login_required
@require_GET
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    access.require(request.user, "view_calibration", round_)
    return render(request, "fieldwork/calibration.html", {
        "round": round_, "c": round_calibration(round_), "alpha_ok": ALPHA_OK, "min_pairs": MIN_PAIRS, "lean": LEAN})
