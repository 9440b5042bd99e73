"""`evaluator report`: the feedback report of result JSON files, as PDF (or HTML), in Chinese or English."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Literal

import click

from evaluator.cli.common import echo, lang_option, output_option, report_problems
from evaluator.i18n import Lang, t
from evaluator.pipeline import report_result
from evaluator.problems import Location, Problem
from evaluator.store.db import problem
from evaluator.store.targets import parse_target
from evaluator.vocabulary import display_path

SUFFIXES = (".pdf", ".html", ".docx")


@click.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("输出文件（一个结果）或文件夹（多个结果）/ output file (one result) or folder (several)", required=True)
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "docx"]), default=None,
              help="pdf（默认）、html 或 docx（可编辑的 Word 文档）；不指定时按输出文件的扩展名 / pdf (default), html or "
                   "docx (an editable Word document); by default from -o's extension")
@click.option("--db", metavar="PATH|URL", default=None,
              help="结果库，用于与上一届比较（默认 $DATABASE_URL，否则 output/evaluations.db，存在时使用）/ results "
                   "database for the change since the earlier round (default: $DATABASE_URL, else "
                   "output/evaluations.db if it exists)")
@click.option("--force", is_flag=True, help="覆盖内容不同的已有报告 / replace different existing reports")
@lang_option
def report(results: tuple[Path, ...], output: Path, fmt: str | None, db: str | None, force: bool, lang: Lang) -> None:
    """生成评估反馈报告（自评结果生成准备度报告；报告语言由 --lang 决定）· Write the feedback report of each
    result (a readiness report for a self-assessment), in the --lang language."""
    single = len(results) == 1 and output.suffix.lower() in SUFFIXES and not output.is_dir()
    if not single and (output.is_file() or output.suffix.lower() in SUFFIXES):
        report_problems([problem("G004", display_path(output), count=len(results), path=display_path(output))], lang)
        sys.exit(1)
    given = fmt or (output.suffix.lower().lstrip(".") if single else "pdf")
    formats: dict[str, Literal["pdf", "html", "docx"]] = {"pdf": "pdf", "html": "html", "docx": "docx"}
    fmt_ = formats.get(given, "pdf")  # the --format choice, or one of SUFFIXES
    database, failed = _database(db, lang), 0
    if database is None:
        shown = parse_target(None).shown
        report_problems([Problem(code="G005", severity="warning", location=Location(file=shown),
                                 params={"path": shown})], lang)
    for path in results:
        target = output if single else output / f"{path.stem}.{fmt_}"
        started = time.perf_counter()
        done = report_result(path, target, lang=lang, db=database, force=force, fmt=fmt_)
        report_problems(done.problems, lang)
        failed += done.status == "failed"
        if done.status != "failed":
            _said(target, done.status, time.perf_counter() - started, lang)
    if failed:
        sys.exit(1)


def _database(db: str | None, lang: Lang) -> str | None:
    """The store named with --db (an SQLite file must exist), else the default one (an SQLite file if it exists)."""
    target = parse_target(db)
    if target.path is None or target.path.is_file():
        return target.text
    if db is None:
        return None
    shown = target.shown
    report_problems([Problem(code="S023", location=Location(file=shown), params={"path": shown})], lang)
    sys.exit(1)


def _said(target: Path, status: str, seconds: float, lang: Lang) -> None:
    shown, size = display_path(target), target.stat().st_size / 1024
    if status == "unchanged":
        echo(t(lang, "= {path}: the same as the existing report, left alone", path=shown))
    else:
        echo(t(lang, "✓ {path} ({size:.0f} KB in {seconds:.1f} s)", path=shown, size=size, seconds=seconds))
