"""`evaluator rubric check|show|handbook`: validate a rubric, print its structure, write its handbook."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import echo, lang_option, report_problems, write_output
from evaluator.i18n import Lang, t
from evaluator.numbers import number
from evaluator.problems import errors
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.rubric.canonical import dumps
from evaluator.rubric.summary import summary, summary_table
from evaluator.vocabulary import display_path

PATH_HELP = "评估标准文件或内置标准的编号（默认 chengdu-participatory）/ rubric file or bundled rubric id"


@click.group()
def rubric() -> None:
    """评估标准：检查、查看 · Rubrics: check and show."""


def _load(path: str | None, lang: Lang) -> LoadedRubric:
    loaded = load_rubric(rubric_path(path))
    report_problems(loaded.problems, lang)
    return loaded


@rubric.command()
@click.argument("path", required=False)
@lang_option
def check(path: str | None, lang: Lang) -> None:
    """检查评估标准及其引用的所有文件，一次列出全部问题 · Check a rubric and every file it references."""
    loaded = _load(path, lang)
    n_err, n_warn = len(errors(loaded.problems)), len(loaded.problems) - len(errors(loaded.problems))
    if loaded.rubric is None:
        shown = display_path(loaded.path)
        echo(t(lang, "{mark} {path}: {errors} errors, {warnings} warnings", mark="✗", path=shown, errors=n_err,
               warnings=n_warn), err=True)
        sys.exit(1)
    s = summary(loaded.rubric, loaded.sha256)
    c = s["counts"]
    echo(t(lang, "✓ {id} {version}: {domains} domains, {indicators} indicators, {points} points, {stages} maturity "
                 "stages; {warnings} warnings", id=s["id"], version=s["version"], domains=c["domains"],
           indicators=c["indicators"], points=number(c["points"], None), stages=c["stages"], warnings=n_warn)
         + f"\n  sha256 {loaded.sha256}")
    _check_survey(loaded, lang)


def _check_survey(loaded: LoadedRubric, lang: Lang) -> None:
    """The rubric's residents' questionnaire (surveys/<id>.yaml beside it), when it has one."""
    from evaluator.survey.model import load_survey, survey_path

    assert loaded.rubric is not None
    path = survey_path(loaded.path, loaded.rubric.id)
    if not path.is_file():
        return
    got = load_survey(path, loaded.rubric)
    report_problems(got.problems, lang)
    shown = display_path(path)
    if got.survey is None:
        echo(t(lang, "✗ {path}: {n} problems in the questionnaire", path=shown, n=len(got.problems)), err=True)
        sys.exit(1)
    echo(t(lang, "✓ {path}: questionnaire of {n} items for {m} indicators", path=shown, n=len(got.survey.items),
                 m=len(got.survey.measures)))


@rubric.command()
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 / print JSON")
@lang_option
def show(path: str | None, as_json: bool, lang: Lang) -> None:
    """列出评估标准的结构：领域、指标数、分值 · Print a rubric's structure."""
    loaded = _load(path, lang)
    if loaded.rubric is None:
        sys.exit(1)
    if as_json:
        click.echo(dumps(summary(loaded.rubric, loaded.sha256)))
    else:
        click.echo(summary_table(loaded.rubric, loaded.sha256, lang))


@rubric.command()
@click.argument("path", required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("handbook.pdf"),
              show_default=True, help="输出的 PDF 文件 / PDF file to write")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件 / overwrite an existing output file")
@lang_option
def handbook(path: str | None, output: Path, force: bool, lang: Lang) -> None:
    """生成评估手册 PDF，供被评估方在项目开始时阅读 · Write the rubric handbook as a PDF."""
    loaded = load_rubric(rubric_path(path))
    report_problems(loaded.problems, lang)
    if not loaded.ok:
        sys.exit(1)
    from evaluator.report.rubric_handbook import render_handbook  # WeasyPrint loads only when a PDF is made

    started = time.perf_counter()
    data = render_handbook(*loaded.valid(), lang)
    write_output(output, data, force, lang)
    seconds, size = time.perf_counter() - started, len(data) / 1024
    echo(t(lang, "✓ wrote the handbook {output} ({size:.0f} KB in {seconds:.1f} s)", output=output, size=size,
           seconds=seconds))
