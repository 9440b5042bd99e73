"""`evaluator ingest | history | compare`: the results store and the funders' portfolio."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

import click

from evaluator.cli.common import lang_option, report_problems, say, write_output
from evaluator.compare.excel import portfolio_xlsx
from evaluator.compare.history import history_table, printable
from evaluator.compare.model import Portfolio
from evaluator.compare.pdf import portfolio_pdf
from evaluator.compare.select import portfolio_from_store, project_codes
from evaluator.messages import Lang
from evaluator.rubric.loader import display_path
from evaluator.store import DEFAULT_DB, Ingested, Store, StoreError
from evaluator.store.db import problem
from evaluator.store.files import read_result
from evaluator.store.terms import TYPE_NAMES

db_option = click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
                         help="结果库（SQLite 文件）/ results database (SQLite file)")


def open_store(db: Path, lang: Lang, create: bool = False) -> Store:
    try:
        return Store.open(db, create=create)
    except StoreError as exc:
        report_problems(exc.problems, lang)
        sys.exit(1)


@click.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@lang_option
def ingest(results: tuple[Path, ...], db: Path, lang: Lang) -> None:
    """把评估结果 JSON 写入结果库 · Store result JSON files in the results database.

    同一表格、同一评估标准只入库一次；同一项目同一届次的新表格作为新版本保存。
    The same form scored by the same rubric is stored once; a new form for the same project and round
    is kept as a new version."""
    counts: Counter[str] = Counter()
    with open_store(db, lang, create=True) as store:
        for path in results:
            done = _ingest_one(store, path, lang)
            counts["failed" if done is None else "added" if done.added else "unchanged"] += 1
    shown = display_path(db)
    say(lang, f"结果库 {shown}：新增 {counts['added']} 个，已存在 {counts['unchanged']} 个，失败 {counts['failed']} 个",
        f"results database {shown}: {counts['added']} added, {counts['unchanged']} already stored, "
        f"{counts['failed']} failed")
    if counts["failed"]:
        sys.exit(1)


def _ingest_one(store: Store, path: Path, lang: Lang) -> Ingested | None:
    shown = display_path(path)
    try:
        done = store.ingest(read_result(path), shown)
    except StoreError as exc:
        report_problems(exc.problems, lang)
        return None
    except sqlite3.Error as exc:  # locked too long, disk full: the transaction was rolled back
        report_problems([problem("S024", shown, detail=str(exc))], lang)
        return None
    what = printable(f"{done.project_code} · {done.round} · {TYPE_NAMES[done.evaluation_type](lang)}")
    if done.added:
        say(lang, f"✓ {shown}：{what} · 第 {done.version} 版", f"✓ {shown}: {what} · version {done.version}")
    else:
        say(lang, f"= {shown}：已在库中（{what} · 第 {done.version} 版），未重复写入",
            f"= {shown}: already stored ({what} · version {done.version}), not added again")
    return done


@click.command()
@click.argument("project")
@db_option
@lang_option
def history(project: str, db: Path, lang: Lang) -> None:
    """一个项目的历次评估 · A project's evaluations across rounds.

    PROJECT 为项目编号或名称 / a project code or name."""
    with open_store(db, lang) as store:
        try:
            codes = project_codes(store, project)
        except StoreError as exc:
            report_problems(exc.problems, lang)
            sys.exit(1)
        click.echo("\n\n".join(history_table(store.evaluations(codes=[code]), lang) for code in codes))


@click.command()
@click.option("--round", "rounds", multiple=True, help="届次（可多次使用；默认全部）/ round (repeatable; default all)")
@click.option("--project", "projects", multiple=True,
              help="项目编号或名称（可多次使用；默认全部）/ project code or name (repeatable; default all)")
@db_option
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True,
              help="输出文件夹 / output folder")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite existing files")
@lang_option
def compare(rounds: tuple[str, ...], projects: tuple[str, ...], db: Path, out_dir: Path, force: bool,
            lang: Lang) -> None:
    """资助方的项目组合比较，写成 Excel 和 PDF · Portfolio comparison for funders, as Excel and PDF.

    各届分布、项目×领域、薄弱指标、跨届变化、自组织成长，写入 OUTPUT/portfolio.xlsx 和 OUTPUT/portfolio.pdf。
    Distributions per round, projects × domains, weakest indicators, changes across rounds and
    self-organizations' growth, written to OUTPUT/portfolio.xlsx and OUTPUT/portfolio.pdf."""
    with open_store(db, lang) as store:
        try:
            pf = portfolio_from_store(store, rounds, projects)
        except StoreError as exc:
            report_problems(exc.problems, lang)
            sys.exit(1)
    if not pf.rounds:
        report_problems([problem("S032", display_path(db))], lang)
        sys.exit(1)
    target = out_dir / "portfolio.xlsx"
    shown = display_path(target)
    write_output(target, portfolio_xlsx(pf, lang), force, lang)
    projects_count = len({m.project.code for r in pf.rounds for m in r.matrix})
    say(lang, f"✓ {shown}：{len(pf.rounds)} 届，{projects_count} 个项目",
        f"✓ {shown}: {len(pf.rounds)} rounds, {projects_count} projects")
    _write_pdf(pf, out_dir / "portfolio.pdf", force, lang)


def _write_pdf(pf: Portfolio, target: Path, force: bool, lang: Lang) -> None:
    """The portfolio PDF beside the workbook, under the same rule: never over a different file without --force."""
    started = time.perf_counter()
    data = portfolio_pdf(pf, lang)
    shown = display_path(target)
    write_output(target, data, force, lang)
    seconds, size = time.perf_counter() - started, len(data) / 1024
    say(lang, f"✓ {shown}（{size:.0f} KB，用时 {seconds:.1f} 秒）", f"✓ {shown} ({size:.0f} KB in {seconds:.1f} s)")
