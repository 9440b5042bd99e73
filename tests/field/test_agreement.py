"""Rater agreement: a synthetic round with a deliberately lenient evaluator (tests/field/rounds.py) stored,
compared, and the portfolio PDF and xlsx name that evaluator and the indicators with the lowest agreement."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluator.cli import main
from evaluator.compare.agreement import alpha, calibration
from evaluator.compare.select import portfolio_from_store
from evaluator.rubric.bilingual import Text
from evaluator.store import Store
from evaluator.store.records import RatedEvaluation
from tests.field.rounds import LENIENT, NOISY, round_results


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("agreement") / "evaluations.db"
    with Store.open(path) as store:
        for r in round_results():
            store.ingest(r)
    return path


def test_the_lenient_evaluator_and_the_noisy_indicator_are_found(stored):
    with Store.open(stored, create=False) as store:
        pf = portfolio_from_store(store, calibration=True)
        plain = portfolio_from_store(store, calibration=False)
    assert plain.calibration == []   # --no-calibration leaves it out
    (c,) = pf.calibration
    assert c.projects == 10
    assert [e.name for e in c.calibrate()] == [LENIENT]
    lenient = next(e for e in c.evaluators if e.name == LENIENT)
    assert lenient.lean == "lenient" and lenient.vs_consensus is not None and lenient.vs_consensus > 0.5
    assert lenient.vs_peers is not None and lenient.vs_peers > 0.5
    assert all(e.lean == "even" for e in c.evaluators if e.name != LENIENT)
    assert c.indicators[0].id == NOISY and c.indicators[0].needs_rewrite and c.indicators[0].pairs == 10
    # self-assessments in D1 were one level above the consensus: the largest gaps, +1
    assert c.self_gaps[0].id.startswith("D1.") and c.self_gaps[0].gap == 1.0


def test_portfolio_pdf_and_xlsx_name_them(stored, tmp_path):
    out = tmp_path / "portfolio"
    got = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(out), "--calibration"])
    assert got.exit_code == 0, got.output
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO((out / "portfolio.pdf").read_bytes())).pages)
    flat = "".join(text.split())
    assert "评估员一致性与校准" in flat and f"需要校准的评估员：{LENIENT}（偏宽" in flat
    assert f"一致性最低的指标：{NOISY}" in flat
    wb = load_workbook(out / "portfolio.xlsx")
    assert wb.sheetnames[-4:] == ["指标一致性", "评估员校准", "自评差距", "说明"]
    rows = list(wb["评估员校准"].iter_rows(values_only=True))
    lenient = next(r for r in rows if r[1] == LENIENT)
    assert lenient[-1] == "是" and lenient[-2] == "偏宽"
    assert list(wb["指标一致性"].iter_rows(values_only=True))[1][1] == NOISY
    before = (out / "portfolio.pdf").read_bytes(), (out / "portfolio.xlsx").read_bytes()
    again = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(out), "--calibration"])
    assert again.exit_code == 0 and ((out / "portfolio.pdf").read_bytes(), (out / "portfolio.xlsx").read_bytes()) == before


def test_english_pdf(stored, tmp_path):
    from evaluator.compare.portfolio_view import portfolio_view

    with Store.open(stored, create=False) as store:
        pf = portfolio_from_store(store, calibration=True)
    view = portfolio_view(pf, "en")
    assert any(f"Evaluator who needs calibration: {LENIENT} (lenient" in s for s in view.calibration[0].summary)


def test_alpha_matches_a_hand_computation():
    # Krippendorff's ordinal alpha, by hand for (A, B) = (1,1), (2,2), (3,3), (3,2), (2,2): 0.7942857 (see docs/field.md)
    assert alpha([(1, 1), (2, 2), (3, 3), (3, 2), (2, 2)]) == pytest.approx(0.794286, abs=1e-6)
    assert alpha([(1, 1)]) is None and alpha([(2, 2), (2, 2)]) is None
    assert alpha([(0, 4), (4, 0), (1, 3), (3, 1)]) < 0


def test_unnamed_evaluators_are_kept_apart_by_project():
    names = {"D1.02": Text(zh="治理结构", en="Governance")}
    roles = {"evaluator_a": "evaluator", "evaluator_b": "evaluator", "consensus": "consensus", "self": "self"}
    rated = [RatedEvaluation(project=f"P{n}", evaluators=(), ratings={"D1.02": {"evaluator_a": 2, "evaluator_b": 3}},
                             names=names, roles=roles) for n in range(2)]
    c = calibration("r", rated)
    # evaluators nobody named are not merged into one person, within a project or across projects
    assert sorted(e.name for e in c.evaluators) == ["— P0 evaluator_a", "— P0 evaluator_b", "— P1 evaluator_a",
                                                    "— P1 evaluator_b"]
    assert c.overall_pairs == 2
