"""`evaluator rubric check|show`: validate a rubric, print its structure."""

from __future__ import annotations

import sys

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import echo, lang_option, report_problems
from evaluator.i18n import t
from evaluator.numbers import number
from evaluator.problems import errors
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.rubric.canonical import dumps
from evaluator.rubric.loader import display_path
from evaluator.rubric.summary import summary, summary_table

PATH_HELP = "评估标准文件或内置标准的编号（默认 chengdu-participatory）/ rubric file or bundled rubric id"


@click.group()
def rubric() -> None:
    """评估标准：检查、查看 · Rubrics: check and show."""


def _load(path: str | None, lang: str) -> LoadedRubric:
    loaded = load_rubric(rubric_path(path))
    report_problems(loaded.problems, lang)
    return loaded


@rubric.command()
@click.argument("path", required=False)
@lang_option
def check(path: str | None, lang: str) -> None:
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


@rubric.command()
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 / print JSON")
@lang_option
def show(path: str | None, as_json: bool, lang: str) -> None:
    """列出评估标准的结构：领域、指标数、分值 · Print a rubric's structure."""
    loaded = _load(path, lang)
    if loaded.rubric is None:
        sys.exit(1)
    if as_json:
        click.echo(dumps(summary(loaded.rubric, loaded.sha256)))
    else:
        click.echo(summary_table(loaded.rubric, loaded.sha256, lang))
