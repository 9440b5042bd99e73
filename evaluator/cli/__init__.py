"""The `evaluator` command line: a small group, one module per concern."""

from __future__ import annotations

import click

import evaluator.cli.handbook  # noqa: F401  (registers `rubric handbook`)
from evaluator import __version__
from evaluator.cli.forms import check, template
from evaluator.cli.plan import plan
from evaluator.cli.report import report
from evaluator.cli.rubric import rubric
from evaluator.cli.score import score
from evaluator.cli.store import compare, history, ingest, migrate
from evaluator.cli.web import manage, serve, worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evaluator")
def main() -> None:
    """社区营造项目参与式评估工具 · Participatory evaluation of community-building projects."""


main.add_command(rubric)
main.add_command(template)
main.add_command(check)
main.add_command(score)
main.add_command(report)
main.add_command(plan)
main.add_command(ingest)
main.add_command(history)
main.add_command(compare)
main.add_command(migrate)
main.add_command(serve)
main.add_command(worker)
main.add_command(manage)
