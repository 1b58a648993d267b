"""The báo cáo thành tích of a participant proposed for a reward in an emulation movement,
in the layout of Decree 98/2023/NĐ-CP's forms (khen thưởng theo đợt thi đua, chuyên đề:
mẫu số 03, with the headings of mẫu số 01 for a tập thể and mẫu số 02 for a cá nhân),
set out as NĐ 30/2020 sets a State document (reports/docx.py: page, fonts, header rules).

Pure layout of plain data (`Achievement`): the register's numbers are passed in, already
counted; the parts only a person can write (đặc điểm, tình hình; lý lịch; biện pháp;
khen thưởng đã nhận) are left as blanks marked BLANK, so nobody mistakes an empty part
for a finished one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from theodoi.domain.numbers import vn_number
from theodoi.reports import docx as layout
from theodoi.reports.docx_text import heading, run, text
from theodoi.reports.docx_text import para as _para
from theodoi.reports.files import document_bytes

BLANK = "[Phần do {who} tự viết]"
DOTS = "…" * 40
FORM_NOTE = "(Mẫu số 03 - Phụ lục kèm theo Nghị định số 98/2023/NĐ-CP)"
KIND_TITLE = "BÁO CÁO THÀNH TÍCH"
SUBTITLE = "(Khen thưởng theo đợt thi đua: {movement})"
TARGET_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Đánh giá")
TARGET_WIDTHS_MM = (10, 67, 20, 22, 22, 24)
TASK_COLUMNS = ("TT", "Nhiệm vụ", "Thời hạn", "Kết quả")
TASK_WIDTHS_MM = (10, 95, 25, 35)
SIGN_WIDTHS_MM = (80, 85)
# (heading, what it asks) of part I and III, by participant kind; part II is the register's
COLLECTIVE_INTRO = (("1. Đặc điểm, tình hình", "đặc điểm, tình hình của tập thể (cơ cấu "
                     "tổ chức, số người, cơ sở vật chất)"),
                    ("2. Chức năng, nhiệm vụ", "chức năng, nhiệm vụ được giao"))
INDIVIDUAL_INTRO = (("Họ và tên, ngày sinh, giới tính", "họ và tên, ngày sinh, giới tính"),
                    ("Quê quán, nơi thường trú", "quê quán, nơi thường trú"),
                    ("Đơn vị công tác, chức vụ", "đơn vị công tác, chức vụ (đảng, chính "
                     "quyền, đoàn thể)"),
                    ("Trình độ chuyên môn, lý luận chính trị", "trình độ chuyên môn, lý "
                     "luận chính trị"))


@dataclass(frozen=True)
class TargetRow:
    """A target the participant leads: the plan's figure, the latest accepted one, status."""

    text: str
    unit: str | None
    planned: float | None
    actual: float | None
    status: str


@dataclass(frozen=True)
class TaskRow:
    text: str
    due: str  # dd/mm/yyyy or ""
    status: str


@dataclass(frozen=True)
class TaskCounts:
    """The participant's tasks by outcome on the day (the status engine's codes)."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open: int = 0  # not done, not overdue (chưa đến hạn, sắp đến hạn, tạm dừng)


@dataclass(frozen=True)
class Achievement:
    """Everything the report says, as plain data."""

    collective: bool
    name: str  # tập thể, or cá nhân
    unit_body: str  # 'Ủy ban nhân dân thị trấn Cổ Lễ'
    place: str  # 'Cổ Lễ'
    year: int
    as_of: str  # dd/mm/yyyy: the day the figures are read
    movement: str
    reward: str | None  # 'Giấy khen', or None: the line is left to fill
    commitments: list[str] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    counts: TaskCounts = TaskCounts()
    targets_met: int = 0  # at đạt or vượt


def render(a: Achievement, path: Path | None = None) -> bytes:
    """The report as DOCX bytes; also written to `path` when given."""
    doc = Document()
    layout._page_and_fonts(doc)
    _header(doc, a)
    _intro(doc, a)
    _results(doc, a)
    _rewards(doc, a)
    _signatures(doc, a)
    return document_bytes(doc.save, path)


def blank(doc: DocumentObject, who: str, what: str) -> None:
    """A part a person writes: the marker, what it asks, and dotted lines to write on."""
    p = text(doc, "")
    run(p, BLANK.format(who=who) + f": {what}.", italic=True)
    for _ in range(2):
        _para(doc, DOTS, align="left")


def _header(doc: DocumentObject, a: Achievement) -> None:
    table = doc.add_table(rows=1, cols=2)
    layout._no_borders(table)
    layout._fixed(table, layout.HEADER_WIDTHS_MM)
    left, right = table.rows[0].cells
    layout._first_paragraph(left, layout._body_name(a.unit_body), bold=True)
    if a.collective:
        _para(left, a.name.upper(), align="center", size=13, bold=True)
    layout._rule(left, 25, layout.HEADER_WIDTHS_MM[0])
    layout._first_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", align="center", size=13, bold=True)
    layout._rule(right, 60, layout.HEADER_WIDTHS_MM[1])
    _para(right, f"{a.place}, ngày      tháng      năm {a.year}", align="center", size=13,
          italic=True)
    _para(doc, FORM_NOTE, align="right", size=11, italic=True)
    _para(doc, KIND_TITLE, align="center", size=14, bold=True)
    reward = a.reward or "……………………"
    _para(doc, f"ĐỀ NGHỊ TẶNG {reward.upper()}", align="center", size=14, bold=True)
    _para(doc, SUBTITLE.format(movement=a.movement), align="center", size=14, italic=True)
    _para(doc)
    who = "Tên tập thể" if a.collective else "Họ và tên, chức vụ, đơn vị công tác"
    text(doc, f"{who}: {a.name}")


def _intro(doc: DocumentObject, a: Achievement) -> None:
    if a.collective:
        heading(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        for title, what in COLLECTIVE_INTRO:
            heading(doc, title, italic=True)
            blank(doc, "đơn vị", what)
        return
    heading(doc, "I. SƠ LƯỢC LÝ LỊCH")
    for title, what in INDIVIDUAL_INTRO:
        heading(doc, title, italic=True)
        blank(doc, "người báo cáo", what)


def _results(doc: DocumentObject, a: Achievement) -> None:
    who = "đơn vị" if a.collective else "người báo cáo"
    heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    heading(doc, "1. Nội dung đăng ký thi đua", italic=True)
    if a.commitments:
        for line in a.commitments:
            text(doc, f"- {line}")
    else:
        text(doc, "(Chưa có bản đăng ký thi đua trong sổ theo dõi.)")
    heading(doc, f"2. Kết quả thực hiện chỉ tiêu (số liệu đã xác nhận đến ngày {a.as_of})",
            italic=True)
    _targets(doc, a)
    heading(doc, f"3. Kết quả thực hiện nhiệm vụ (đến ngày {a.as_of})", italic=True)
    _tasks(doc, a)
    heading(doc, "4. Các biện pháp, giải pháp, sáng kiến đã áp dụng", italic=True)
    blank(doc, who, "biện pháp, giải pháp, sáng kiến và hiệu quả mang lại")


def _targets(doc: DocumentObject, a: Achievement) -> None:
    if not a.targets:
        text(doc, "Sổ theo dõi không có chỉ tiêu nào giao chủ trì.")
        return
    text(doc, f"Chủ trì {len(a.targets)} chỉ tiêu; đạt, vượt {a.targets_met} chỉ tiêu.")
    table = layout._grid(doc, TARGET_COLUMNS, TARGET_WIDTHS_MM)
    for i, t in enumerate(a.targets, 1):
        layout._row(table, [str(i), t.text, t.unit or "", _num(t.planned), _num(t.actual),
                            t.status], "cllrrc")


def _tasks(doc: DocumentObject, a: Achievement) -> None:
    c = a.counts
    if not c.total:
        text(doc, "Sổ theo dõi không có nhiệm vụ nào giao chủ trì.")
        return
    text(doc, f"Chủ trì {c.total} nhiệm vụ; đã hoàn thành {c.done_on_time + c.done_late} "
              f"(đúng hạn {c.done_on_time}, trễ hạn {c.done_late}); quá hạn {c.overdue}; "
              f"đang thực hiện, chưa đến hạn {c.open}.")
    table = layout._grid(doc, TASK_COLUMNS, TASK_WIDTHS_MM)
    for i, t in enumerate(a.tasks, 1):
        layout._row(table, [str(i), t.text, t.due, t.status], "clcc")


def _rewards(doc: DocumentObject, a: Achievement) -> None:
    heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    blank(doc, "đơn vị" if a.collective else "người báo cáo",
          "danh hiệu thi đua, hình thức khen thưởng đã nhận (năm, số quyết định, cơ quan "
          "ban hành)")


def _signatures(doc: DocumentObject, a: Achievement) -> None:
    _para(doc).paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    layout._no_borders(table)
    layout._fixed(table, SIGN_WIDTHS_MM)
    left, right = table.rows[0].cells
    pairs = ((("XÁC NHẬN CỦA CẤP TRÌNH KHEN", "(Ký, đóng dấu)"),
              ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)")) if a.collective else
             (("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)"),
              ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)")))
    for cell, (title, note) in zip((left, right), pairs, strict=True):
        first = cell.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(first, title, bold=True, size=13)
        _para(cell, note, align="center", size=13, italic=True)


def _num(value: float | None) -> str:
    return "" if value is None else vn_number(value)
