"""The feedback report as an editable Word document: the same view and sections as the PDF, so evaluators can
edit the wording before sending it (Word and WPS open it).

Built from `feedback.FeedbackView` (nothing is worded twice), with python-docx. The bytes are the same for the
same result: the document's core properties are fixed (no clock, no author from the machine) and the
package is re-zipped with fixed entry dates. Charts are not drawn in the document (python-docx takes raster
images only); every figure a chart shows is in the tables beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from evaluator.i18n import Lang, pt, t
from evaluator.report.feedback import FeedbackView

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)    # core properties: a fixed date, never the clock
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
EAST_ASIAN_FONT = "SimSun"                           # 宋体: installed with Word and WPS on every Chinese system
MUTED = RGBColor(0x6B, 0x72, 0x80)


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _table(doc: DocumentObject, headers: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[float] = ()) -> None:
    """A grid table; `widths` in centimetres per column (else Word shares the page width equally)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths:
        table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)            # the table grid, which LibreOffice and WPS lay out by
        for cell in column.cells:
            cell.width = Cm(width)          # each cell, which Word lays out by
    doc.add_paragraph()


def _note(doc: DocumentObject, text: str) -> None:
    if text:
        run = doc.add_paragraph().add_run(text)
        run.font.color.rgb = MUTED
        run.font.size = Pt(9)


def _cover(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    c, s = view.cover, view.summary
    doc.add_paragraph(t(lang, "Participatory evaluation of community-building projects"))
    doc.add_heading(c.name, level=0)
    doc.add_paragraph(c.kind)
    total = t(lang, "Predicted score") if view.readiness else t(lang, "Total")
    grade = t(lang, "Predicted grade") if view.readiness else t(lang, "Grade")
    rows = [(total, f"{s.total} / {s.max}"), (grade, s.grade), (t(lang, "Project code"), c.code),
            (t(lang, "Organization"), c.organization), (pt(lang, "report cover", "Community"), c.community),
            (t(lang, "Street / district"), c.place), (t(lang, "Funder"), c.funder), (t(lang, "Round"), c.round),
            (t(lang, "Project period"), c.period), (t(lang, "Evaluation"), c.type), (t(lang, "Date"), c.date),
            (t(lang, "Evaluators"), c.evaluators), (t(lang, "Methods"), c.methods),
            (t(lang, "Rubric"), c.rubric)]
    _table(doc, [t(lang, "Item"), t(lang, "Detail")], [(k, v) for k, v in rows if v])
    if not view.readiness:
        _table(doc, [t(lang, "Sign-off"), ""], [(t(lang, "Evaluating body (seal)"), c.evaluating_body),
                                               (t(lang, "Evaluators (signatures)"), ""), (t(lang, "Date signed"), "")])


def _summary(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    s = view.summary
    doc.add_heading(t(lang, "Readiness at a glance") if view.readiness else t(lang, "Summary"), level=1)
    if s.next_grade:
        doc.add_paragraph(s.next_grade)
    if s.change is not None:
        doc.add_paragraph(f"{t(lang, 'Since the previous round')}: {s.change.total.delta} · {s.change.headline}")
        _note(doc, s.change.unlike)
    for label, cells in s.red_lines:
        doc.add_paragraph(f"{t(lang, 'Red line crossed')}: {label} ({cells})")
    headers = [t(lang, "Domain"), "", t(lang, "Points"), t(lang, "Share")]
    rows = [[d.id, d.name, d.points, d.share] for d in s.domains]
    _table(doc, headers, rows + [["", pt(lang, "sum", "Total"), f"{s.total} / {s.max}", ""]])
    _note(doc, s.sum_note)
    if view.missing:
        doc.add_heading(t(lang, "Evidence a reviewer will find missing"), level=2)
        _table(doc, [t(lang, "Evidence"), t(lang, "Where")], view.missing)
    if s.strengths and not view.readiness:
        doc.add_heading(t(lang, "Strengths"), level=2)
        for a in s.strengths:
            _advice(doc, a.id, a.name, a.points, a.why, a.advice, t(lang, "To go further: "))
    doc.add_heading(t(lang, "What to fix first") if view.readiness else t(lang, "Priorities"), level=2)
    for a in s.priorities:
        _advice(doc, a.id, a.name, a.points, a.why, a.advice, t(lang, "Advice: "))


def _advice(doc: DocumentObject, id: str, name: str, points: str, why: str, advice: str, lead: str) -> None:
    head = doc.add_paragraph(style="List Number")
    head.add_run(f"{id} {name}").bold = True
    head.add_run(f"  {points}")
    if why:
        doc.add_paragraph(why)
    if advice:
        doc.add_paragraph(lead + advice)


def _domains(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    doc.add_heading(t(lang, "Results by domain"), level=1)
    for d in view.domains:
        doc.add_heading(f"{d.id} {d.name}  {d.points} · {d.share}" if d.applicable else f"{d.id} {d.name}", level=2)
        _note(doc, d.note)
        headers = [t(lang, "No."), t(lang, "Indicator"), t(lang, "Found"), t(lang, "Points"), t(lang, "Basis")]
        rows = [[r.id, r.name, r.found, r.points, "\n".join(x for x in (r.basis, r.thin, r.note) if x)] for r in d.rows]
        _table(doc, headers, rows, (1.7, 2.8, 2.0, 1.7, 8.3))


def _organizations(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    o = view.organizations
    if o is None:
        return
    doc.add_heading(t(lang, "Growing self-organizations"), level=1)
    for line in (o.below, o.flow):
        if line:
            doc.add_paragraph(line)
    headers = [pt(lang, "self-organization", "Organization"), t(lang, "Stage"), t(lang, "Before"),
               t(lang, "Needs for the next stage")]
    _table(doc, headers, [[r.name, r.stage, r.before or "—", r.needs] for r in o.rows])


def _participation(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    p = view.participation
    doc.add_heading(t(lang, "Findings and plans") if view.readiness else t(lang, "The participatory picture"), level=1)
    if p.gaps:
        doc.add_heading(t(lang, "Where the views differ most"), level=2)
        _table(doc, [t(lang, "No."), t(lang, "Indicator"), t(lang, "Official"), t(lang, "Self"), t(lang, "Gap")],
               [[g.id, g.name, g.official, g.own, g.gap] for g in p.gaps])
    if p.voices is not None:
        doc.add_heading(t(lang, "Residents' and the community committee's ratings"), level=2)
        for line in p.voices.summaries:
            doc.add_paragraph(line)
    if p.feedback:
        doc.add_heading(t(lang, "What the organization found and plans") if view.readiness
                        else t(lang, "Findings and the organization's response"), level=2)
        _table(doc, [t(lang, "Indicator"), t(lang, "Finding"), t(lang, "Response")],
               [[f.indicator, f.finding, f.response] for f in p.feedback])


def _appendix(doc: DocumentObject, view: FeedbackView, lang: Lang) -> None:
    a = view.appendix
    doc.add_heading(t(lang, "Appendix"), level=1)
    doc.add_heading(t(lang, "B. Data completeness"), level=2)
    doc.add_paragraph(a.counts)
    if a.unscored:
        _table(doc, [t(lang, "Indicator"), t(lang, "Why")], a.unscored)
    if a.problems:
        doc.add_heading(t(lang, "C. Problems found while reading the form"), level=2)
        _table(doc, [t(lang, "Where"), t(lang, "Code"), t(lang, "Message")],
               [[p.where, f"{p.severity} {p.code}", p.message] for p in a.problems])
    doc.add_heading(t(lang, "D. What this report is made from"), level=2)
    _table(doc, [t(lang, "Item"), t(lang, "Detail")],
           [[t(lang, "Form"), f"{a.source} (sha256 {a.source_sha})"], [t(lang, "Rubric"), f"{a.rubric} (sha256 {a.rubric_sha})"]])
    if a.references:
        doc.add_heading(t(lang, "E. The publications the rubric draws on"), level=2)
        for text in a.references:
            doc.add_paragraph(text, style="List Number")


def _fixed_core(doc: DocumentObject, view: FeedbackView) -> None:
    core = doc.core_properties
    core.title, core.subject, core.author, core.last_modified_by = view.title, view.cover.kind, "evaluator", "evaluator"
    core.created = core.modified = core.last_printed = FIXED
    core.revision = 1
    core.comments = core.keywords = core.category = ""


def _repacked(data: bytes) -> bytes:
    """The package with every entry dated ZIP_DATE, in a fixed order: the same document, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def feedback_docx(view: FeedbackView) -> bytes:
    """The report as .docx bytes, section by section as the PDF has them."""
    lang = view.lang
    doc = Document()
    _styles(doc)
    _fixed_core(doc, view)
    _cover(doc, view, lang)
    doc.add_page_break()
    _summary(doc, view, lang)
    _domains(doc, view, lang)
    _organizations(doc, view, lang)
    _participation(doc, view, lang)
    _appendix(doc, view, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _repacked(buffer.getvalue())
