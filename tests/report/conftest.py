"""The handbook of the mini rubric, rendered once per session, with hostile text planted in the rubric."""

from __future__ import annotations

import io
import shutil

import pytest

from tests.conftest import MINI

# Text a rubric author (or a form) might carry: it must print as text, never act as markup.
INJECTED = '<script>alert(1)</script><img src="http://127.0.0.1:9/x.png">王堃、李喆、张玥、龘'


@pytest.fixture(scope="session")
def hostile_rubric(tmp_path_factory):
    """The mini rubric with INJECTED as the meaning of indicator D1.01 (a quoted YAML string)."""
    from evaluator.rubric import load_rubric

    folder = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(MINI, folder)
    d1 = folder / "d1.yaml"
    d1.write_text(d1.read_text(encoding="utf-8").replace("治理是否健全", '"' + INJECTED.replace('"', '\\"') + '"'),
                  encoding="utf-8")
    loaded = load_rubric(folder / "rubric.yaml")
    assert loaded.ok, [p.render("en") for p in loaded.problems]
    return loaded


@pytest.fixture(scope="session")
def handbook_pdf(hostile_rubric) -> bytes:
    from evaluator.report.rubric_handbook import render_handbook

    return render_handbook(hostile_rubric.rubric, hostile_rubric.sha256, "zh")


@pytest.fixture(scope="session")
def handbook_reader(handbook_pdf):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(handbook_pdf))


@pytest.fixture(scope="session")
def handbook_text(handbook_reader) -> str:
    return "\n".join(page.extract_text() for page in handbook_reader.pages)


# -- feedback reports -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def scored_round(tmp_path_factory):
    """`evaluator score` over three forms (the troubled 2024 final, its 2023 midterm, a self-assessment),
    with reports: the PDFs the other tests read. Returns the output folder and the command's result."""
    from click.testing import CliRunner

    from evaluator.bundled import rubric_path
    from evaluator.cli import main
    from evaluator.rubric import load_rubric
    from tests.report.build import source, troubled, write

    loaded = load_rubric(rubric_path())
    root = tmp_path_factory.mktemp("round")
    forms, out = root / "forms", root / "out"
    forms.mkdir()
    for name, data in (("troubled", troubled()), ("earlier", source("xhy-oldcity-2023")),
                       ("self", source("self-assessment-rural-2024"))):
        write(forms, loaded, name, data)
    done = CliRunner().invoke(main, ["score", str(forms), "-o", str(out), "--db", str(out / "ev.db")])
    return out, done


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def report_pdfs(scored_round) -> dict:
    out, _ = scored_round
    pick = {"troubled": "CD-2023-009_2024*.pdf", "earlier": "CD-2023-009_2023*.pdf", "self": "CD-2024-006_*.pdf"}
    return {name: next(out.glob(pattern)) for name, pattern in pick.items()}


@pytest.fixture(scope="session")
def report_texts(report_pdfs) -> dict[str, str]:
    return {name: pdf_text(path) for name, path in report_pdfs.items()}
