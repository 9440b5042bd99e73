"""`evaluator template` writes a blank form from a rubric; `evaluator check` reads filled forms back and
lists every problem with its cell."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evaluator.batch import forms_in
from evaluator.bundled import rubric_path
from evaluator.cli.common import (
    echo,
    lang_option,
    report_problems,
    rubric_option,
    write_output,
)
from evaluator.forms.reader import read_form
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from evaluator.i18n import Lang, t
from evaluator.problems import errors
from evaluator.rubric import LoadedRubric, load_rubric


def _load(path: str | None, lang: Lang) -> LoadedRubric:
    loaded = load_rubric(rubric_path(path))
    report_problems(loaded.problems, lang)
    if loaded.rubric is None:
        echo(t(lang, "✗ the rubric has errors; stopping"))
        sys.exit(1)
    return loaded


@click.command()
@click.argument("rubric", required=False)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="输出的 .xlsx 文件 / the .xlsx file to write")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def template(rubric: str | None, output: Path, force: bool, lang: Lang) -> None:
    """按评估标准生成空白评估表（Excel）· Write a blank evaluation form generated from a rubric.

    RUBRIC：评估标准文件或内置标准的编号（默认 chengdu-participatory）/ rubric file or bundled rubric id.
    """
    r, sha256 = _load(rubric, lang).valid()
    wb, _ = build_template(r, sha256, lang)
    status = write_output(output, workbook_bytes(wb), force, lang)
    same = t(lang, " (unchanged)") if status == "unchanged" else ""
    echo(t(lang, "✓ {output}{same}: {id} {version}, {domains} domains, {indicators} indicators", output=output,
           same=same, id=r.id, version=r.version, domains=len(r.domains), indicators=len(r.indicators)))


@click.command()
@click.argument("forms", nargs=-1, required=True, type=click.Path(path_type=Path))
@rubric_option("默认：表格注明的标准 / default: the one the form names")
@lang_option
def check(forms: tuple[Path, ...], rubric: str | None, lang: Lang) -> None:
    """检查填好的评估表，一次列出所有问题及其单元格 · Check filled forms; list every problem with its cell."""
    given = _load(rubric, lang) if rubric else None
    paths, empty = forms_in(forms)
    report_problems(empty, lang)
    failed = bool(empty)
    for path in paths:
        reading = read_form(path, given)
        report_problems(reading.problems, lang)
        n_err = len(errors(reading.problems))
        n_warn = len(reading.problems) - n_err
        failed |= n_err > 0
        mark = "✗" if n_err else "✓"
        echo(t(lang, "{mark} {path}: {errors} errors, {warnings} warnings", mark=mark, path=path, errors=n_err,
               warnings=n_warn))
    sys.exit(1 if failed else 0)
