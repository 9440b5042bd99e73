"""`evaluator ingest | history | compare`: the results store and the funders' portfolio."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from django.db import DatabaseError

from evaluator.cli.common import echo, lang_option, report_problems, write_output
from evaluator.compare.history import history_table, printable
from evaluator.compare.model import Portfolio
from evaluator.compare.portfolio_view import portfolio_pdf
from evaluator.compare.portfolio_xlsx import portfolio_xlsx
from evaluator.compare.select import portfolio_from_store, project_codes
from evaluator.i18n import Lang, t
from evaluator.rubric.mapping import RubricMapping
from evaluator.store import StoreError
from evaluator.store.db import database_detail, database_problem, problem
from evaluator.store.files import read_result
from evaluator.vocabulary import display_path, evaluation_type_name

if TYPE_CHECKING:
    from evaluator.store import Ingested, Store

db_option = click.option(
    "--db", metavar="PATH|URL", default=None,
    help="结果库：SQLite 文件或 postgresql:// 地址（默认 $DATABASE_URL，否则 output/evaluations.db）/ results "
         "database: an SQLite file or a postgresql:// URL (default: $DATABASE_URL, else output/evaluations.db)")


def open_store(db: str | None, lang: Lang, create: bool = False) -> Store:
    """The store for writing (`create`: made or upgraded if needed) or only reading; exit 1 with the problem."""
    from evaluator.store import Store

    try:
        return Store.open(db, create=create)
    except StoreError as exc:
        report_problems(exc.problems, lang)
        sys.exit(1)


@contextmanager
def using_store(db: str | None, lang: Lang, create: bool = False) -> Iterator[Store]:
    """The store, open for the block; a problem met inside (a project not found, a damaged page read
    midway) is reported with its location and exits 1, never as a traceback."""
    store = open_store(db, lang, create)
    try:
        yield store
    except StoreError as exc:
        report_problems(exc.problems, lang)
        sys.exit(1)
    except DatabaseError as exc:
        report_problems([database_problem(exc, store.name)], lang)
        sys.exit(1)
    finally:
        store.close()


@click.command()
@db_option
@lang_option
def migrate(db: str | None, lang: Lang) -> None:
    """建立或升级结果库 · Create the results database, or upgrade one made by an earlier evaluator.

    原有结果全部保留；ingest 和 score 写入前也会自动升级。
    Every stored result is kept; ingest and score upgrade the database before they write, too."""
    with using_store(db, lang, create=True) as store:
        count = len(store.evaluations())
        echo(t(lang, "✓ the results database {name} is up to date, with {count} evaluations", name=store.name,
               count=count))


@click.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@lang_option
def ingest(results: tuple[Path, ...], db: str | None, lang: Lang) -> None:
    """把评估结果 JSON 写入结果库 · Store result JSON files in the results database.

    同一表格、同一评估标准只入库一次；同一项目同一届次的新表格作为新版本保存。
    The same form scored by the same rubric is stored once; a new form for the same project and round
    is kept as a new version."""
    counts: Counter[str] = Counter()
    with using_store(db, lang, create=True) as store:
        for path in results:
            done = _ingest_one(store, path, lang)
            counts["failed" if done is None else "added" if done.added else "unchanged"] += 1
        shown = store.name
    echo(t(lang, "results database {name}: {added} added, {unchanged} already stored, {failed} failed", name=shown,
           added=counts["added"], unchanged=counts["unchanged"], failed=counts["failed"]))
    if counts["failed"]:
        sys.exit(1)


def _ingest_one(store: Store, path: Path, lang: Lang) -> Ingested | None:
    shown = display_path(path)
    try:
        done = store.ingest(read_result(path), shown)
    except StoreError as exc:
        report_problems(exc.problems, lang)
        return None
    except DatabaseError as exc:  # locked too long, disk full, server gone: the transaction was rolled back
        report_problems([problem("S024", shown, detail=database_detail(exc, store.name))], lang)
        return None
    what = printable(f"{done.project_code} · {done.round} · {evaluation_type_name(done.evaluation_type, lang)}")
    if done.added:
        echo(t(lang, "✓ {path}: {what} · version {version}", path=shown, what=what, version=done.version))
    else:
        echo(t(lang, "= {path}: already stored ({what} · version {version}), not added again", path=shown, what=what,
               version=done.version))
    return done


@click.command()
@click.argument("project")
@db_option
@lang_option
def history(project: str, db: str | None, lang: Lang) -> None:
    """一个项目的历次评估 · A project's evaluations across rounds.

    PROJECT 为项目编号、名称或名称的一部分 / a project code, name, or part of a name."""
    with using_store(db, lang) as store:
        tables = [history_table(store.evaluations(codes=[code]), lang) for code in project_codes(store, project)]
    click.echo("\n\n".join(tables))


@click.command()
@click.option("--round", "rounds", multiple=True, help="届次（可多次使用；默认全部）/ round (repeatable; default all)")
@click.option("--project", "projects", multiple=True,
              help="项目编号或名称（可多次使用；默认全部）/ project code or name (repeatable; default all)")
@db_option
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True,
              help="输出文件夹 / output folder")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite existing files")
@click.option("--mapping", "mapping_files", multiple=True, type=click.Path(path_type=Path),
              help="评估标准版本映射（YAML，可多次使用）/ rubric version mapping (YAML, repeatable)")
@click.option("--calibration/--no-calibration", default=True, show_default=True,
              help="评估员一致性与校准（列出评估员姓名）/ rater agreement and calibration (names evaluators)")
@click.option("--mixed-types", is_flag=True,
              help="也比较类型不同的相邻两届（如中期与终期，标注为非同类比较）/ also compare consecutive rounds of different "
                   "kinds of evaluation (a midterm with a final one, labelled as not like for like)")
@lang_option
def compare(rounds: tuple[str, ...], projects: tuple[str, ...], db: str | None, out_dir: Path, force: bool,
            mapping_files: tuple[Path, ...], calibration: bool, mixed_types: bool, lang: Lang) -> None:
    """资助方的项目组合比较，写成 Excel 和 PDF · Portfolio comparison for funders, as Excel and PDF.

    各届分布、项目×领域、薄弱指标、跨届变化、自组织成长，写入 OUTPUT/portfolio.xlsx 和 OUTPUT/portfolio.pdf。
    Distributions per round, projects × domains, weakest indicators, changes across rounds and
    self-organizations' growth, written to OUTPUT/portfolio.xlsx and OUTPUT/portfolio.pdf."""
    mappings = load_mappings(mapping_files, lang)
    with using_store(db, lang) as store:
        pf = portfolio_from_store(store, rounds, projects, mappings, calibration, mixed_types=mixed_types)
    if not pf.rounds:
        report_problems([problem("S032", store.name)], lang)
        sys.exit(1)
    target = out_dir / "portfolio.xlsx"
    shown = display_path(target)
    write_output(target, portfolio_xlsx(pf, lang), force, lang)
    projects_count = len({m.project.code for r in pf.rounds for m in r.matrix})
    echo(t(lang, "✓ {path}: {rounds} rounds, {projects} projects", path=shown, rounds=len(pf.rounds),
           projects=projects_count))
    _write_pdf(pf, out_dir / "portfolio.pdf", force, lang)


def load_mappings(paths: tuple[Path, ...], lang: Lang) -> list[RubricMapping]:
    """Every --mapping file, or every problem in them and exit 1."""
    from evaluator.rubric.mapping import load_mapping

    loaded = [load_mapping(p) for p in paths]
    problems = [p for m in loaded for p in m.problems]
    if problems:
        report_problems(problems, lang)
        sys.exit(1)
    return [m.mapping for m in loaded if m.mapping is not None]


def _write_pdf(pf: Portfolio, target: Path, force: bool, lang: Lang) -> None:
    """The portfolio PDF beside the workbook, under the same rule: never over a different file without --force."""
    started = time.perf_counter()
    data = portfolio_pdf(pf, lang)
    shown = display_path(target)
    write_output(target, data, force, lang)
    seconds, size = time.perf_counter() - started, len(data) / 1024
    echo(t(lang, "✓ {path} ({size:.0f} KB in {seconds:.1f} s)", path=shown, size=size, seconds=seconds))
