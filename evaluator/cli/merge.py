"""`evaluator merge A.xlsx B.xlsx -o merged.xlsx`: two evaluators' copies of one form into one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import lang_option, report_problems, rubric_option, write_output
from evaluator.forms.content import form_bytes
from evaluator.forms.merge import merge_forms
from evaluator.forms.reader import read_form
from evaluator.i18n import Lang, t, tn
from evaluator.problems import Location, Problem
from evaluator.rubric import load_rubric


@click.command()
@click.argument("first", type=click.Path(path_type=Path))
@click.argument("second", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="合并后的 .xlsx 文件 / the merged .xlsx file to write")
@rubric_option("默认：表格注明的标准 / default: the one the form names")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def merge(first: Path, second: Path, output: Path, rubric: str | None, force: bool, lang: Lang) -> None:
    """合并评估员A和评估员B分别填写的评估表 · Merge evaluator A's and evaluator B's copies of a form.

    FIRST 是评估员A的表，SECOND 是评估员B的表；各自的评级进入各自的列，不同的证据值列为冲突，
    在合并表中解决（填入正确的值）之前，合并表不能评分。
    FIRST is evaluator A's copy, SECOND evaluator B's; differing evidence is listed as conflicts
    that must be resolved in the merged form before it scores.
    """
    given = load_rubric(rubric_path(rubric)) if rubric else None
    if given is not None and given.rubric is None:
        report_problems(given.problems, lang)
        sys.exit(1)
    if first.resolve() == second.resolve():
        report_problems([Problem(code="M003", location=Location(file=str(second)))], lang)
        sys.exit(1)
    a, b = read_form(first, given), read_form(second, given)
    merged = merge_forms(a, b)
    if merged.content is None or a.rubric is None:
        report_problems(merged.problems, lang)
        click.echo(t(lang, "✗ not merged"))
        sys.exit(1)
    status = write_output(output, form_bytes(a.rubric, merged.content, merged.lang), force, lang)
    for moved in merged.moved:
        click.echo(t(lang, "note: {file} has its levels in the other evaluator's column; they were taken as this "
                           "form's evaluator's", file=moved))
    same = t(lang, " (unchanged)") if status == "unchanged" else ""
    if merged.conflicts:
        for c in merged.conflicts:
            click.echo(f"  {c.label[lang]}: {c.text()}")
        click.echo(tn(lang, "⚠ {path}{same}: {n} conflicting value; type the right value into its cell of the merged "
                            "form before scoring",
                      "⚠ {path}{same}: {n} conflicting values; type the right value into each cell of the merged "
                      "form before scoring", len(merged.conflicts), path=output, same=same))
        sys.exit(2)
    click.echo(t(lang, "✓ {path}{same}: merged, no conflicting evidence", path=output, same=same))
