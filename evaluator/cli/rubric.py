"""`evaluator rubric check|show`: validate a rubric, print its structure."""

from __future__ import annotations

import sys

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import lang_option, report_problems, say
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
        say(lang, f"✗ {shown}：{n_err} 个错误，{n_warn} 个警告", f"✗ {shown}: {n_err} errors, {n_warn} warnings", err=True)
        sys.exit(1)
    s = summary(loaded.rubric, loaded.sha256)
    c = s["counts"]
    say(
        lang,
        f"✓ {s['id']} {s['version']}：{c['domains']} 个领域，{c['indicators']} 项指标，共 {number(c['points'], None)} 分，"
        f"{c['stages']} 个成熟度阶段；{n_warn} 个警告\n  sha256 {loaded.sha256}",
        f"✓ {s['id']} {s['version']}: {c['domains']} domains, {c['indicators']} indicators, {number(c['points'], None)} points, "
        f"{c['stages']} maturity stages; {n_warn} warnings\n  sha256 {loaded.sha256}",
    )


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
