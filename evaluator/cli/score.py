"""`evaluator score`: score filled forms into result JSON (a whole round at once, in parallel if asked),
then, once every result is stored, write each one's PDF report beside its JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from django.db import DatabaseError

from evaluator.batch import (
    Tally,
    forms_in,
    place,
    run,
    run_reports,
    staging,
)
from evaluator.bundled import rubric_path
from evaluator.cli.common import (
    echo,
    lang_option,
    output_option,
    report_problems,
    rubric_option,
)
from evaluator.cli.store import db_option, open_store
from evaluator.i18n import Lang, pt, t
from evaluator.jobs import Options, Reported, Scored
from evaluator.numbers import points
from evaluator.outputs import OutputError
from evaluator.store import StoreError
from evaluator.store.db import database_detail, problem
from evaluator.store.files import read_result
from evaluator.text_table import table
from evaluator.vocabulary import display_path

if TYPE_CHECKING:
    from evaluator.store import Store  # the class loads Django: only its name is needed here


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("结果目录 / folder for result JSON", default=None, show_default="output/results")
@click.option("--out", "out_alias", type=click.Path(path_type=Path), hidden=True)   # the old name of -o/--output
@rubric_option("默认：表格注明的标准 / default: the one the form names")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数 / parallel processes")
@click.option("--force", is_flag=True, help="覆盖内容不同的已有结果 / replace different existing results")
@click.option("--strict", is_flag=True, help="缺少必填证据时不输出暂定结果 / refuse provisional results")
@click.option("--no-report", is_flag=True, help="不生成 PDF 报告 / skip PDF reports")
@db_option
@click.option("--no-store", is_flag=True, help="不写入结果库 / do not store results in the database")
@click.option("--plan", "plan_path", type=click.Path(path_type=Path), default=None,
              help="上一届的改进计划（evaluator plan 生成、填好完成情况）：该项目的报告显示落实情况 / the earlier "
                   "round's improvement plan (from evaluator plan, done and evidence filled in): the project's "
                   "report shows the follow-up")
@lang_option
def score(paths: tuple[Path, ...], output: Path | None, out_alias: Path | None, rubric: str | None, workers: int,
          force: bool, strict: bool, no_report: bool, db: str | None, no_store: bool, lang: Lang,
          plan_path: Path | None) -> None:
    """为填好的评估表评分，每份表格输出一个结果 JSON，并在旁边生成 PDF 反馈报告（--lang 决定报告语言）·
    Score filled forms into result JSON, each with its PDF feedback report beside it (in the --lang language)."""
    out_dir = output or out_alias or Path("output/results")
    forms, empty = forms_in(paths)
    report_problems(empty, lang)
    if not forms:
        sys.exit(1)
    plan = None
    if plan_path is not None:
        from evaluator.improvement import read_plan

        plan, plan_problems = read_plan(plan_path)
        report_problems(plan_problems, lang)
        if plan is None or plan_problems:
            sys.exit(1)
    store = None if no_store else open_store(db, lang, create=True)
    options = Options(out_dir=out_dir, rubric=rubric_path(rubric) if rubric else None, force=force, strict=strict,
                      report=not no_report, lang=lang,
                      db=store.target.text if store else None, plan=plan)
    try:
        done = _scored(forms, options, workers, lang)
    except OutputError as exc:
        shown = display_path(exc.path)
        report_problems([problem("P004", shown, path=shown, detail=exc.detail)], lang)
        sys.exit(1)
    if store is not None:
        # in form order, not completion order: two forms of one project's round get the same versions every run,
        # so the reports of phase two find the same earlier round whatever order the workers finished in
        done = [_stored(store, item) if item.json_path else item for item in done]
        store.close()
    if options.report:
        done = _with_reports(done, options, workers, lang)
    tally = Tally()
    for item in done:
        tally.add(item)
        report_problems(item.problems, lang)
    click.echo(summary_table(done, lang))
    counted = {"n": len(done), "scored": tally.scored, "provisional": tally.provisional, "failed": tally.failed}
    if any(item.json_path for item in done):
        echo(t(lang, "{n} forms: {scored} scored, {provisional} provisional, {failed} failed; results in {folder}",
               folder=display_path(out_dir), **counted))
    else:   # nothing was written: name no folder
        echo(t(lang, "{n} forms: {scored} scored, {provisional} provisional, {failed} failed; no result written",
               **counted))
    if options.report:
        echo(t(lang, "reports: {written} written, {failed} failed (each PDF beside its result JSON)",
               written=tally.reports, failed=tally.reports_failed))
    if tally.failed or tally.reports_failed or empty:
        sys.exit(1)


def _scored(forms: list[Path], options: Options, workers: int, lang: Lang) -> list[Scored]:
    """Phase one: every form scored into the staging folder, then each result given its name."""
    label = t(lang, "Scoring")
    with staging(options) as staged:
        with click.progressbar(run(forms, staged, workers), length=len(forms), label=label, file=sys.stderr,
                               show_pos=True) as items:
            done = list(items)
        return place(done, staged)


def _with_reports(done: list[Scored], options: Options, workers: int, lang: Lang) -> list[Scored]:
    """Phase two: a report for every result written and stored, each merged into its form's summary."""
    jobs = [Path(item.json_path) for item in done if item.json_path and item.status != "failed"]
    label = t(lang, "Reports")
    reported: dict[str, Reported] = {}
    with click.progressbar(run_reports(jobs, options, workers), length=len(jobs), label=label, file=sys.stderr,
                           show_pos=True) as items:
        for report in items:
            reported[report.result] = report
    merged = []
    for item in done:
        r = reported.get(item.json_path or "")
        merged.append(item if r is None else item.model_copy(
            update={"report": r.status, "report_path": r.path, "problems": item.problems + r.problems}))
    return merged


def _stored(store: Store, item: Scored) -> Scored:
    """Put a written result in the results database; a failure there is the form's failure too."""
    if item.json_path is None:
        return item
    try:
        store.ingest(read_result(Path(item.json_path)), item.form)
    except StoreError as exc:
        return item.model_copy(update={"status": "failed", "problems": item.problems + exc.problems})
    except DatabaseError as exc:  # locked, full or gone: the transaction was rolled back
        stored = problem("S024", item.form, detail=database_detail(exc, store.name))
        return item.model_copy(update={"status": "failed", "problems": item.problems + [stored]})
    return item


def _status(status: str, lang: Lang) -> str:
    return {"scored": pt(lang, "score status", "scored"), "provisional": pt(lang, "score status", "provisional"),
            "failed": pt(lang, "score status", "failed")}[status]


def summary_table(done: list[Scored], lang: Lang) -> str:
    """Project, round, total, grade and self-organizations per stage; a failed form shows its file name."""
    head = [pt(lang, "score table", "Project"), pt(lang, "score table", "Round"), pt(lang, "score table", "Total"),
            pt(lang, "score table", "Grade"), pt(lang, "score table", "Organizations by stage 0-6"),
            pt(lang, "score table", "Status")]
    rows = [
        [s.project or Path(s.form).name, s.round or "—", points(s.total) if s.total is not None else "—",
         s.grade(lang) if s.grade else "—", "/".join(str(n) for n in s.stage_counts.values()) or "—",
         _status(s.status, lang) + (t(lang, " (self-assessment)") if s.self_assessment else "")
         + (t(lang, ", report failed") if s.report == "failed" else "")]
        for s in sorted(done, key=lambda s: (s.code or "~", s.round or "", s.form))
    ]
    return table(head, rows, right=(2,))
