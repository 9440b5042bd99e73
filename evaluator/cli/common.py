"""Options and output helpers shared by the commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evaluator.i18n import Lang, as_lang
from evaluator.outputs import OutputError, Written, write_bytes
from evaluator.problems import Location, Problem
from evaluator.vocabulary import display_path

lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    envvar="EVALUATOR_LANG",
    show_default=True,
    help="消息、评估表和报告的语言 / language of messages, forms and reports",
    callback=lambda _ctx, _param, value: as_lang(value),
)


def rubric_option(default_said: str):  # -> a click decorator
    """`--rubric` as every command takes it: a bundled rubric's id or a YAML file; `default_said` is what
    the command uses without it, in Chinese / English."""
    return click.option("--rubric", "rubric", metavar="ID|PATH", default=None,
                        help=f"评估标准：内置标准的编号或 YAML 文件 / rubric: a bundled rubric's id or a YAML file "
                             f"({default_said})")


def output_option(help: str, **kwargs):  # -> a click decorator
    """`-o/--output` as every command takes it; `--out` is kept as a hidden alias where it existed."""
    return click.option("-o", "--output", "output", type=click.Path(path_type=Path), help=help, **kwargs)


def echo(text: str, *, err: bool = False) -> None:
    """Print a line the user reads (already in their language: `t(lang, "…")`)."""
    click.echo(text, err=err)


def report_problems(problems: list[Problem], lang: Lang) -> None:
    """Errors first, then warnings, each on its own line to stderr."""
    for severity in ("error", "warning"):
        for problem in problems:
            if problem.severity == severity:
                click.echo(problem.render(lang), err=True)


def write_output(path: Path, data: bytes, force: bool, lang: Lang) -> Written:
    """`write_bytes` for a command's one output: a file that cannot be written (P004) or that exists with
    other content and no --force (P001) ends the command with the problem located at the file."""
    shown = display_path(path)
    try:
        written = write_bytes(path, data, force)
    except OutputError as exc:
        report_problems([Problem(code="P004", location=Location(file=shown), params={"path": shown, "detail": exc.detail})], lang)
        sys.exit(1)
    if written == "exists":
        report_problems([Problem(code="P001", location=Location(file=shown), params={"path": shown})], lang)
        sys.exit(1)
    return written
