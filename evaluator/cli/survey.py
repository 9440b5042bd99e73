"""`evaluator survey template` writes the residents' questionnaire of a rubric; `evaluator survey import`
reads the answers (.xlsx or .csv, one row per respondent) and fills an evaluation form's survey fields."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import click

from evaluator.bundled import rubric_path
from evaluator.cli.common import lang_option, report_problems, rubric_option, write_output
from evaluator.forms.reader import read_form
from evaluator.i18n import Lang, t
from evaluator.inputs import InputError, read_regular
from evaluator.problems import Location, Problem, errors
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.survey.fill import fill_form
from evaluator.survey.model import LoadedSurvey, load_survey, survey_path
from evaluator.survey.report import summary_data, summary_lines
from evaluator.survey.responses import read_mapping, read_responses
from evaluator.survey.stats import compute
from evaluator.survey.template import questionnaire_bytes


@click.group()
def survey() -> None:
    """居民问卷：生成问卷，导入回答 · Residents' questionnaires: write one, import the answers."""


def _survey(loaded: LoadedRubric, path: Path | None, lang: Lang) -> LoadedSurvey:
    assert loaded.rubric is not None
    got = load_survey(path or survey_path(loaded.path, loaded.rubric.id), loaded.rubric)
    report_problems(got.problems, lang)
    if got.survey is None:
        click.echo(t(lang, "✗ the questionnaire definition has errors; stopping"))
        sys.exit(1)
    return got


def _rubric(name: str | None, lang: Lang) -> LoadedRubric:
    loaded = load_rubric(rubric_path(name))
    report_problems(loaded.problems, lang)
    if loaded.rubric is None:
        click.echo(t(lang, "✗ the rubric has errors; stopping"))
        sys.exit(1)
    return loaded


survey_option = click.option("--survey", "survey_file", type=click.Path(path_type=Path),
                             help="问卷定义（默认：评估标准旁的 surveys/<编号>.yaml）/ questionnaire definition "
                                  "(default: surveys/<rubric id>.yaml beside the rubric)")


@survey.command("template")
@click.argument("rubric", required=False)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="输出的 .xlsx 文件 / the .xlsx file to write")
@survey_option
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def template(rubric: str | None, output: Path, survey_file: Path | None, force: bool, lang: Lang) -> None:
    """按评估标准生成居民问卷（Excel）· Write the residents' questionnaire of a rubric."""
    loaded = _rubric(rubric, lang)
    got = _survey(loaded, survey_file, lang)
    assert got.survey is not None
    status = write_output(output, questionnaire_bytes(got.survey, lang), force, lang)
    same = t(lang, " (unchanged)") if status == "unchanged" else ""
    click.echo(t(lang, "✓ {path}{same}: {n} items for {m} indicators", path=output, same=same,
                 n=len(got.survey.items), m=len(got.survey.measures)))


@survey.command("import")
@click.argument("responses", type=click.Path(path_type=Path))
@click.option("--form", "form", required=True, type=click.Path(path_type=Path),
              help="要填写的评估表 / the evaluation form to fill")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="填好的评估表 / the filled form to write")
@click.option("--map", "mapping", type=click.Path(path_type=Path),
              help="列名对应（YAML：题目编号: 表头）/ column mapping (YAML: item id: header)")
@click.option("--summary", type=click.Path(path_type=Path),
              help="另存统计结果（JSON，只含汇总数）/ also write the statistics (JSON, aggregates only)")
@rubric_option("默认：表格注明的标准 / default: the one the form names")
@survey_option
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def import_(responses: Path, form: Path, output: Path, mapping: Path | None, summary: Path | None, rubric: str | None,
            survey_file: Path | None, force: bool, lang: Lang) -> None:
    """导入居民问卷回答，计算各指标的比例、样本数和 95% 置信区间并填入评估表 ·
    Import residents' answers: each indicator's share, n and 95% interval, filled into the form."""
    given = _rubric(rubric, lang) if rubric else None
    reading = read_form(form, given)
    if errors(reading.problems) or reading.evidence is None or reading.rubric is None:
        report_problems(reading.problems, lang)
        click.echo(t(lang, "✗ the form has errors; check and fix it with evaluator check first"))
        sys.exit(1)
    got = _survey(reading.rubric, survey_file, lang)
    assert got.survey is not None and reading.rubric.rubric is not None
    columns: dict[str, str] = {}
    problems: list[Problem] = []
    if mapping is not None:
        columns, problems = read_mapping(mapping, got.survey)
    read = read_responses(responses, got.survey, columns)
    problems += read.problems
    report_problems(problems, lang)
    if errors(problems):
        click.echo(t(lang, "✗ not imported"))
        sys.exit(1)
    results = compute(got.survey, read.respondents)
    households = reading.evidence.values.get("d4_households")
    count = households.value if households is not None and isinstance(households.value, int) else None
    try:
        data = read_regular(responses, 20 * 2**20)
    except InputError as exc:
        report_problems([Problem(code="Q002", location=Location(file=str(responses)), params={"detail": exc.detail})], lang)
        sys.exit(1)
    filled = fill_form(read_regular(form, 64 * 2**20), reading.rubric.rubric, got.survey, results, count,
                       str(responses), hashlib.sha256(data).hexdigest())
    thin = [Problem(code="Q005", severity="warning", location=Location(file=str(responses)),
                    params={"label": f"{r.measure.indicator}", "n": r.n, "expected": filled.thin[r.measure.indicator]})
            for r in results if r.measure.indicator in filled.thin]
    report_problems(thin, lang)
    if read.ignored:
        click.echo(t(lang, "ignored {n} columns (not items or groups; not read, not kept): {names}",
                     n=len(read.ignored), names=t(lang, ", ").join(read.ignored)))
    for line in summary_lines(got.survey, results, filled.thin, lang):
        click.echo(line)
    if summary is not None:
        text = json.dumps(summary_data(got.survey, results, filled.thin, str(responses)), ensure_ascii=False,
                          sort_keys=True, indent=2) + "\n"
        write_output(summary, text.encode("utf-8"), force, lang)
    status = write_output(output, filled.data, force, lang)
    same = t(lang, " (unchanged)") if status == "unchanged" else ""
    click.echo(t(lang, "✓ {path}{same}: {n} respondents, survey evidence filled for {m} indicators", path=output,
                 same=same, n=len(read.respondents), m=len(results)))
