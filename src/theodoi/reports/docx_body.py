"""The body of a report DOCX: the opening, I. results (leadership, targets as prose by
field, tasks by result), II. assessment, III. next period, IV. kiến nghị and the closing.
Words come from the model; layout from `docx_text`."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Mm, Pt

from theodoi.reports import tasks as task_rules
from theodoi.reports.assessment import NO_DIRECTION
from theodoi.reports.docx_text import heading as _heading
from theodoi.reports.docx_text import para as _para
from theodoi.reports.docx_text import text as _text
from theodoi.reports.model import AgencyTasks, Report, Section

NO_LIMITS = "Không có chỉ tiêu, nhiệm vụ chậm tiến độ hoặc không đạt."
LETTERS = "abcdefghiklmn"  # a), b) … as Vietnamese documents letter their points (no j)


def body(doc: DocumentObject, report: Report) -> None:
    if report.opening:
        _text(doc, report.opening)
    _heading(doc, "I. KẾT QUẢ THỰC HIỆN")
    _leadership(doc, report)
    _heading(doc, "2. Kết quả thực hiện các chỉ tiêu")
    _text(doc, report.overview)
    for i, part in enumerate(report.field_texts):
        _heading(doc, f"{LETTERS[i % len(LETTERS)]}) {part.heading}", italic=True)
        _text(doc, part.text)
    _see(doc, report, "targets")
    _heading(doc, "3. Kết quả thực hiện các nhiệm vụ")
    _text(doc, report.task_overview)
    done = [t for t in report.tasks if t.group == "hoan_thanh" and t.done_on is not None
            and report.period.start <= t.done_on <= report.period.end]
    if done:
        _text(doc, "Các nhiệm vụ hoàn thành trong kỳ:")
    for t in done:
        _text(doc, f"- {task_rules.task_sentence(t)}")
    _overdue(doc, report.agencies)
    _see(doc, report, "tasks")
    if report.key_works:
        _key_works(doc, report)
    _assessment(doc, report)
    _heading(doc, f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {report.next_period.upper()}")
    _sections(doc, report.next_tasks, NO_DIRECTION)
    _heading(doc, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    for line in report.proposals:
        _text(doc, line if len(report.proposals) == 1 else f"- {line}")
    if report.closing:
        _text(doc, report.closing).paragraph_format.keep_with_next = True


def _key_works(doc: DocumentObject, report: Report) -> None:
    """The plan's Đề án, công trình trọng điểm and khâu đột phá, each kind on its own."""
    _heading(doc, "4. " + ", ".join(g.label if i == 0 else g.label.lower()
                                    for i, g in enumerate(report.key_works)))
    for group in report.key_works:
        _heading(doc, f"{group.label}:", italic=True)
        for t in group.rows:
            due = f", hạn {t.due:%d/%m/%Y}" if t.due else ""
            _text(doc, f"- {t.title} ({t.agency}{due}): {t.status_label.lower()}.")


def _assessment(doc: DocumentObject, report: Report) -> None:
    """II. Đánh giá chung: results, limits by field, causes by kind."""
    _heading(doc, "II. ĐÁNH GIÁ CHUNG")
    _heading(doc, "1. Kết quả đạt được")
    _text(doc, report.results)
    _heading(doc, "2. Tồn tại, hạn chế")
    _sections(doc, report.limits, NO_LIMITS)
    if report.causes:
        _heading(doc, "3. Nguyên nhân")
        _sections(doc, report.causes, "")


def _sections(doc: DocumentObject, sections: list[Section], empty: str) -> None:
    """Each section as an italic heading and its lines as dashes; `empty` when none."""
    for i, section in enumerate(sections):
        if section.heading:  # a lone list of causes needs no heading of its own
            _heading(doc, f"{LETTERS[i % len(LETTERS)]}) {section.heading}", italic=True)
        for line in section.lines:
            _text(doc, f"- {line}")
    if not sections and empty:
        _text(doc, f"- {empty}")


def _leadership(doc: DocumentObject, report: Report) -> None:
    """1. Công tác lãnh đạo, chỉ đạo: the documents issued in the period."""
    _heading(doc, "1. Công tác lãnh đạo, chỉ đạo")
    if not report.documents:
        _text(doc, task_rules.NO_DOCUMENTS)
    else:
        _text(doc, f"Trong kỳ đã ban hành {len(report.documents)} văn bản lãnh đạo, chỉ "
                   "đạo triển khai kế hoạch:")
        for t in report.documents:
            _text(doc, f"- {(t.product or '').rstrip(' .;')} ({t.agency}).")
        _see(doc, report, "documents")
    for line in report.guidance:  # leaders' directions on items not behind
        _text(doc, f"- {line}")


def _see(doc: DocumentObject, report: Report, kind: str) -> None:
    """'(Chi tiết tại Biểu 01 kèm theo)' under the prose the Biểu details."""
    appendix = report.appendix(kind)
    if appendix is not None:
        p = _para(doc, f"(Chi tiết tại {appendix.label} kèm theo)", align="justify",
                  italic=True)
        p.paragraph_format.first_line_indent = Mm(10)
        p.paragraph_format.space_after = Pt(6)


def _overdue(doc: DocumentObject, agencies: list[AgencyTasks]) -> None:
    """The overdue tasks by name, with the reason where one was given."""
    overdue = [t for a in agencies for t in a.overdue]
    if overdue:
        _text(doc, "Các nhiệm vụ quá hạn:")
    for t in overdue:
        due = f", hạn {t.due:%d/%m/%Y}" if t.due else ""
        why = f"; lý do: {t.reason}" if t.reason else ""
        _text(doc, f"- {t.title} ({t.agency}{due}){why}.")
