"""`evaluator score` writes a report beside each result (unless --no-report), one report's failure does not
stop the others, and `evaluator report` renders result files to a file or a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from evaluator.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_score_writes_a_pdf_beside_each_result(scored_round):
    out, done = scored_round
    assert done.exit_code == 0, done.output
    results = sorted(out.glob("*.json"))
    assert len(results) == 3 and all(r.with_suffix(".pdf").is_file() for r in results)
    assert "报告：已生成 3 份，失败 0 份" in done.output


def test_no_report_skips_them(tmp_path):
    done = run("score", SAMPLES / "sh-microrenewal-2023.xlsx", "-o", tmp_path, "--no-store", "--no-report")
    assert done.exit_code == 0, done.output
    assert len(list(tmp_path.glob("*.json"))) == 1 and not list(tmp_path.glob("*.pdf"))
    assert "报告" not in done.output


def test_a_report_failure_does_not_stop_the_batch(scored_round, tmp_path, monkeypatch):
    from evaluator import pipeline

    out, _ = scored_round
    again = Path(shutil.copytree(out, tmp_path / "out"))
    clash = next(again.glob("CD-2023-009_2024*.pdf"))
    clash.write_bytes(b"%PDF- edited by hand")
    render = pipeline._render

    def failing(result, stored, lang, fmt, *rest):
        if result.mode == "self_assessment":
            raise RuntimeError("boom")
        return render(result, stored, lang, fmt, *rest)

    monkeypatch.setattr(pipeline, "_render", failing)
    done = run("score", out.parent / "forms", "-o", again, "--db", again / "ev.db")
    assert done.exit_code == 1
    assert "Traceback" not in done.output
    assert "错误 P001" in done.output and clash.read_bytes() == b"%PDF- edited by hand"
    assert "错误 G001: 生成报告时出现内部错误：RuntimeError: boom" in done.output
    assert done.output.count("报告失败") == 2 and "报告：已生成 1 份，失败 2 份" in done.output
    earlier = next(again.glob("CD-2023-009_2023*.pdf"))
    assert earlier.read_bytes() == next(out.glob("CD-2023-009_2023*.pdf")).read_bytes()  # a rerun: unchanged


def test_report_one_result_to_a_file_is_the_pdf_score_wrote(scored_round, tmp_path):
    out, _ = scored_round
    source = next(out.glob("CD-2023-009_2024*.json"))
    done = run("report", source, "-o", tmp_path / "r.pdf", "--db", out / "ev.db")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "r.pdf").read_bytes() == source.with_suffix(".pdf").read_bytes()
    assert "✓" in done.output


def test_report_several_results_to_a_folder_as_html(scored_round, tmp_path):
    out, _ = scored_round
    results = sorted(out.glob("*.json"))
    done = run("report", *results, "-o", tmp_path / "html", "--format", "html", "--lang", "en")
    assert done.exit_code == 0, done.output
    written = sorted(p.name for p in (tmp_path / "html").glob("*.html"))
    assert written == sorted(r.with_suffix(".html").name for r in results)
    text = (tmp_path / "html" / written[-1]).read_text(encoding="utf-8")
    assert 'lang="en"' in text and "Self-assessment readiness report" in text
    same = run("report", *results, "-o", tmp_path / "html", "--format", "html", "--lang", "en")
    assert same.exit_code == 0 and same.output.count("left alone") == 3


def test_report_refuses_a_file_for_several_results_and_names_bad_inputs(scored_round, tmp_path):
    out, _ = scored_round
    results = sorted(out.glob("*.json"))
    refused = run("report", *results, "-o", tmp_path / "all.pdf")
    assert refused.exit_code == 1 and "G004" in refused.output and not (tmp_path / "all.pdf").exists()
    no_db = run("report", results[0], "-o", tmp_path / "x.pdf", "--db", tmp_path / "none.db")
    assert no_db.exit_code == 1 and "S023" in no_db.output
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    bad = run("report", tmp_path / "bad.json", results[0], "-o", tmp_path / "two", "--format", "html")
    assert bad.exit_code == 1 and "S003" in bad.output and "Traceback" not in bad.output
    assert (tmp_path / "two" / results[0].with_suffix(".html").name).is_file()


def test_a_closed_renderer_leaves_no_copies_of_the_fonts_behind():
    from evaluator.report.render import Renderer

    with Renderer() as renderer:
        renderer.stylesheets()          # parsing fonts.css copies the fonts into a temporary folder
        folder = renderer.fonts._folder
        assert folder.is_dir()
    assert not folder.exists()


def test_an_evidence_note_from_the_form_is_shown_as_text(tmp_path):
    """The evaluators' note on an indicator is printed in the domain table, never as markup."""
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from evaluator.cli import main

    data = json.loads((Path(__file__).parent / "golden" / "troubled.json").read_text(encoding="utf-8"))
    data["indicators"][0]["note"] = '查阅台账 <script>alert(1)</script><img src="http://example.org/x.png">'
    source = tmp_path / "noted.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "noted.html"
    result = CliRunner().invoke(main, ["report", str(source), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "证据：查阅台账 &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=" in html
    assert "<script>alert(1)" not in html
