"""The feedback report as the organization gets it: Chinese text, the package's fonts, the change since
the earlier round, hostile form text printed as text, and a self-assessment as a readiness report."""

from __future__ import annotations

import json

from pypdf import PdfReader

from tests.report.build import INJECTED
from tests.report.test_handbook_pdf import embedded_fonts

DOMAINS = ["机构治理与专业能力", "项目设计与执行", "财务管理与资源整合", "居民参与与协商民主", "自组织培育与社会资本",
           "成效与可持续发展"]


def result_of(pdf):
    return json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return text.replace("\n", "")


def test_text_has_the_domains_the_project_and_the_total(report_pdfs, report_texts):
    for name in ("troubled", "earlier", "self"):
        text, result = report_texts[name], result_of(report_pdfs[name])
        assert all(domain in text for domain in DOMAINS), name
        assert result["project"]["name"] in flat(text)
        assert f"{result['total']['points']:g}" in text


def test_only_the_bundled_faces_are_embedded_with_a_real_bold(report_pdfs):
    fonts = embedded_fonts(PdfReader(report_pdfs["troubled"]))
    assert {family for family, _ in fonts} <= {"Noto Sans SC", "Noto Sans SC Fallback"}, fonts.keys()
    assert fonts[("Noto Sans SC", "Bold")]["OS/2"].usWeightClass == 700


def test_red_line_missing_evidence_and_flags_are_shown(report_texts):
    text = flat(report_texts["troubled"])
    assert "一票否决" in text and "挪用项目资金或用于与项目无关的用途" in text
    assert "本结果为暂定" in text and "居民联名提出并列入议程的议题数" in text  # the required field left empty
    assert "评估员分歧" in text and "分母为 0" in text


def test_injected_markup_in_form_text_prints_as_text(report_pdfs, report_texts):
    text = flat(report_texts["troubled"])
    assert text.count(INJECTED) >= 3   # the organization on the cover, the finding and the response
    assert "桃枝艺术团<b>粗</b>" in text
    data = report_pdfs["troubled"].read_bytes()
    assert b"/JavaScript" not in data and b"/JS " not in data and b"/URI" not in data


def test_the_change_since_the_earlier_round_appears_when_the_store_has_it(report_texts):
    later, first = flat(report_texts["troubled"]), flat(report_texts["earlier"])
    assert "与上一届相比" in later and "较 2023-第二届微公益创投（中期" in later
    assert "与上一届相比：" in later  # the organizations' movement on the ladder
    assert "与上一届相比" not in first and "上一届" not in first


def test_a_self_assessment_renders_as_a_readiness_report(report_texts):
    text = flat(report_texts["self"])
    assert "自评准备度报告" in text and "预测得分" in text and "预测等级" in text
    assert "评审时会发现缺少的证据" in text and "优先改进" in text
    assert "多方视角" not in text and "看法差距最大的指标" not in text
    assert "自查发现与改进打算" in text   # the organization's own findings and plans
