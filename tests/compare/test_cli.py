"""`evaluator compare`: writes DIR/portfolio.xlsx, never over a user's file without --force."""

from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook

from evaluator.cli import main
from evaluator.store import Store
from tests.compare.build import result


def run(*args: str):
    outcome = CliRunner().invoke(main, list(args))
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exception
    return outcome


def test_compare_writes_the_workbook_and_refuses_to_overwrite(db, tmp_path):
    out = tmp_path / "report"
    first = run("compare", "--db", str(db), "-o", str(out))
    assert first.exit_code == 0 and "portfolio.xlsx：2 届，3 个项目" in first.output
    target = out / "portfolio.xlsx"
    (out / "portfolio.xlsx").write_bytes(b"my own notes")
    again = run("compare", "--db", str(db), "-o", str(out), "--round", "第二届")
    assert again.exit_code == 1 and "P001" in again.output and target.read_bytes() == b"my own notes"
    forced = run("compare", "--db", str(db), "-o", str(out), "--round", "第二届", "--force", "--lang", "en")
    assert forced.exit_code == 0 and "1 rounds, 2 projects" in forced.output
    assert load_workbook(target).sheetnames[0] == "Overview"


def test_unknown_rounds_and_projects_are_named(db, tmp_path):
    outcome = run("compare", "--db", str(db), "-o", str(tmp_path), "--round", "第2届", "--project", "阳光项目三期")
    assert outcome.exit_code == 1
    assert "S031: 结果库中没有届次 第2届" in outcome.output
    assert "S030: 结果库中没有项目 阳光项目三期（按项目编号或名称查找）（是否想写 阳光项目二期？）" in outcome.output
    assert not (tmp_path / "portfolio.xlsx").exists()


def test_nothing_to_compare_without_official_evaluations(tmp_path):
    db = tmp_path / "self.db"
    with Store.open(db) as store:
        store.ingest(result("P1", "第一届", "a", type="self", domains={"D1": (1, 2)},
                            indicators={"D1.01": (1, 2, "scored")}))
    outcome = run("compare", "--db", str(db), "-o", str(tmp_path / "out"))
    assert outcome.exit_code == 1 and "S032" in outcome.output and "自评不参与比较" in outcome.output
    missing = run("compare", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "out"))
    assert missing.exit_code == 1 and "S023" in missing.output
