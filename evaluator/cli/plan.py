"""`evaluator plan RESULT.json -o 改进计划.xlsx`: the improvement plan without the server — drafted from the
result's priorities and the rubric's advice, for the organization to set owners and due dates; read back
by `evaluator score FORM --plan 改进计划.xlsx` when the project's next round is scored, whose report then
shows each action done or not."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evaluator.cli.common import echo, lang_option, report_problems, write_output
from evaluator.i18n import t
from evaluator.improvement import plan_workbook
from evaluator.messages import Lang
from evaluator.store import StoreError
from evaluator.store.files import read_result


@click.command()
@click.argument("result", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("改进计划.xlsx"), show_default=True,
              help="改进计划工作簿 / the improvement plan workbook to write")
@click.option("--force", is_flag=True, help="覆盖内容不同的已有文件 / replace a different existing file")
@lang_option
def plan(result: Path, output: Path, force: bool, lang: Lang) -> None:
    """根据评估结果起草改进计划（优先改进的指标和评估标准的建议）· Draft the improvement plan of a result
    (its priorities with the rubric's advice)."""
    try:
        found = read_result(result)
    except StoreError as exc:
        report_problems(exc.problems, lang)
        sys.exit(1)
    data = plan_workbook(found, lang)
    write_output(output, data, force, lang)
    count = len(found.highlights.priorities)
    echo(t(lang, "✓ drafted the improvement plan {output} ({count} actions; fill in owners and due dates, and "
                 "pass it with --plan when the next round is scored)", output=output, count=count))
