"""`evaluator rubric handbook`: the rubric as a PDF booklet for the evaluated side."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import echo, lang_option, report_problems, write_output
from evaluator.cli.rubric import rubric
from evaluator.i18n import t
from evaluator.rubric import load_rubric


@rubric.command()
@click.argument("path", required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("handbook.pdf"),
              show_default=True, help="输出的 PDF 文件 / PDF file to write")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件 / overwrite an existing output file")
@lang_option
def handbook(path: str | None, output: Path, force: bool, lang: str) -> None:
    """生成评估手册 PDF，供被评估方在项目开始时阅读 · Write the rubric handbook as a PDF."""
    loaded = load_rubric(rubric_path(path))
    report_problems(loaded.problems, lang)
    if loaded.rubric is None:
        sys.exit(1)
    from evaluator.report.rubric_handbook import (
        render_handbook,  # WeasyPrint loads only when a PDF is made
    )

    started = time.perf_counter()
    data = render_handbook(loaded.rubric, loaded.sha256, lang)
    write_output(output, data, force, lang)
    seconds, size = time.perf_counter() - started, len(data) / 1024
    echo(t(lang, "✓ wrote the handbook {output} ({size:.0f} KB in {seconds:.1f} s)", output=output, size=size,
           seconds=seconds))
