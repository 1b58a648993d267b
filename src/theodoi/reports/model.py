"""The report as plain data: what a báo cáo says, before any DOCX or XLSX layout.

`reports.data` builds a `Report` from plain inputs; `reports.docx` and `reports.xlsx` only
lay it out. Numbers stay numbers here (formatting is the layout's job), so the workbook can
keep them as cells and formulas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from theodoi.domain.numbers import vn_number
from theodoi.domain.periods import Period

# report kind -> the reporting period kind it covers (domain.periods)
REPORT_KINDS = {"quy": "quarter", "6_thang": "half", "9_thang": "nine_months", "nam": "year",
                "so_ket": "midterm", "tong_ket": "term_end"}
FIELD_HEADINGS = {"kinh_te": "Lĩnh vực kinh tế",
                  "van_hoa_xa_hoi": "Lĩnh vực văn hóa - xã hội",
                  "moi_truong": "Lĩnh vực tài nguyên - môi trường",
                  "quoc_phong_an_ninh": "Lĩnh vực quốc phòng - an ninh",
                  "xay_dung_dang": "Công tác xây dựng Đảng, hệ thống chính trị",
                  "chinh_quyen": "Công tác xây dựng chính quyền",
                  "khac": "Các chỉ tiêu khác"}
# task status code (domain.status) -> the report's three groups
TASK_GROUPS = {"hoan_thanh_dung_han": "hoan_thanh", "hoan_thanh_tre_han": "hoan_thanh",
               "qua_han": "qua_han"}  # everything else is still in progress
TASK_GROUP_LABELS = {"hoan_thanh": "Hoàn thành", "dang_thuc_hien": "Đang thực hiện",
                     "qua_han": "Quá hạn"}
# a recognition target (no number: "được công nhận", "đạt chuẩn …") in the tables: its
# goal is to be reached, a value of 1 is reached and 0 not yet
MILESTONE_GOAL = "Đạt"
MILESTONE_WORDS = {True: "Đạt", False: "Chưa đạt"}
# what the plan column compares with: an in-year report with the year's figure (its
# roadmap milestone or its per-year value), a sơ kết or tổng kết with the term's goal
ANNUAL_KINDS = ("quy", "6_thang", "9_thang", "nam")
PLAN_HEADINGS = {True: "Kế hoạch năm", False: "Mục tiêu nhiệm kỳ"}
# goals a table states in words ("không quá 1,37"): a share of them means nothing
WORDED_GOALS = ("<", "<=", "between")
# reports of a period inside a year carry "Ước thực hiện năm …" when some target has one
ESTIMATE_KINDS = ("quy", "6_thang", "9_thang")
ESTIMATE_HEADING = "Ước thực hiện năm {year}"
ESTIMATE_PERCENT_HEADING = "% ước so với kế hoạch năm"
OFFICE_MARK = "(*)"  # after an estimate the office typed, explained under the table
OFFICE_BASIS = "số ước do Văn phòng nhập"
ESTIMATE_BLANK = "Ô để trống: chưa đủ số liệu cả năm để ước."


@dataclass(frozen=True)
class Issuer:
    """Top-left block: the body above (may be empty) and the issuing body, Party or State."""

    body: str
    above: str | None = None
    party: bool = False


@dataclass(frozen=True)
class Signature:
    """T/M line ("TM. ỦY BAN NHÂN DÂN"), position ("CHỦ TỊCH") and the signer's name."""

    on_behalf: str | None
    position: str | None
    name: str | None


@dataclass(frozen=True)
class TargetLine:
    """One row of the targets table; `percent` is lũy kế / kế hoạch × 100 where a share
    of the plan means something (`data.shows_percent`); a `milestone` (a recognition with
    no number) reads Đạt / Chưa đạt (`cells`). `in_period` is the period's own increment of
    a yearly flow, None for a level. `plan_year` is the year the plan figure is for when
    it is not the report's own (a term goal shown in a year report)."""

    ref: str
    name: str
    unit: str | None
    planned: float | None
    in_period: float | None
    cumulative: float | None
    percent: float | None
    status: str
    status_label: str
    agency: str | None
    field: str
    milestone: bool = False
    plan_text: str | None = None  # the goal in words when a number alone misleads
    higher_better: bool = True
    flow: bool = False
    plan_year: int | None = None
    shares_plan: bool = True  # whether '% so với kế hoạch' means something for it
    comparator: str | None = None
    value_max: float | None = None
    direction: str | None = None  # "maintain" is said "duy trì ở mức …"
    kind: str = "level"  # domain.fields.TARGET_KINDS: a "change" meant down is a reduction
    count: bool = False  # its unit counts whole things: shown with no decimals
    estimate: float | None = None  # ước thực hiện cả năm, None where none is honest
    estimate_basis: str | None = None  # what it was made from, in words
    estimate_by_office: bool = False  # typed by the office, not worked out from figures
    estimate_percent: float | None = None  # ước / kế hoạch năm × 100, where a share means it

    def estimate_cell(self) -> float | str | None:
        """The estimate as the table shows it: a number, Đạt / Chưa đạt for a milestone."""
        if self.milestone and self.estimate is not None:
            return MILESTONE_WORDS[self.estimate >= 1]
        return self.estimate

    def number(self, value: float | None) -> str:
        """A figure of this target as people read it: '1.234,5', a count '35'."""
        return vn_number(value, 0 if self.count else 2)

    def cells(self) -> tuple[float | str | None, float | str | None, float | str | None]:
        """Kế hoạch, thực hiện kỳ báo cáo and lũy kế as the tables show them: the numbers
        (the goal in words when it is no plain figure: 'không quá 1,37', '90 (năm 2030)'),
        or for a milestone 'Đạt' as the goal and 'Đạt' / 'Chưa đạt' for a 1 / 0 reported
        (None, left blank, when nothing was)."""
        if not self.milestone:
            return self.plan_text or self.planned, self.in_period, self.cumulative
        def word(v: float | None) -> str | None:
            return None if v is None else MILESTONE_WORDS[v >= 1]
        return MILESTONE_GOAL, word(self.in_period), word(self.cumulative)


@dataclass(frozen=True)
class FieldGroup:
    code: str
    heading: str
    rows: list[TargetLine]


@dataclass(frozen=True)
class TaskLine:
    """One task; `group` is hoan_thanh, dang_thuc_hien or qua_han; `reason` from explanations."""

    ref: str
    title: str
    agency: str
    due: date | None
    group: str
    status_label: str
    reason: str | None = None
    status: str = ""  # the status code (domain.status): hoan_thanh_tre_han …
    product: str | None = None  # the latest update's product ("Đã ban hành Kế hoạch số …")
    percent: float | None = None  # the latest update's percent done
    done_on: date | None = None  # the day it was completed
    reported_on: date | None = None  # the day of the latest update
    kind: str = "task"  # task | scheme (Đề án) | key_project | breakthrough
    field: str | None = None  # its field of work; "khac" or None: none


@dataclass(frozen=True)
class KeyWork:
    """The tasks of one kind the plan names as such: its Đề án, công trình trọng điểm or
    khâu đột phá, reported in their own section."""

    label: str
    rows: list[TaskLine]


@dataclass(frozen=True)
class AgencyTasks:
    agency: str
    done: list[TaskLine]
    ongoing: list[TaskLine]
    overdue: list[TaskLine]

    @property
    def total(self) -> int:
        return len(self.done) + len(self.ongoing) + len(self.overdue)


@dataclass(frozen=True)
class Shortcoming:
    """A tồn tại, hạn chế: an off-track item or an explained one, with its cause if given."""

    ref: str
    text: str
    agency: str | None
    status_label: str | None
    cause: str | None


@dataclass(frozen=True)
class Direction:
    """A phương hướng, nhiệm vụ kỳ tới: an upcoming task or a target's next milestone."""

    text: str
    agency: str | None
    due: str | None
    kind: str = "task"  # or "target"
    field: str | None = None  # a target's field of work
    overdue: bool = False  # a task past its due day, carried over


# the numbered tables attached to a report, in order: kind -> title
APPENDIX_TITLES = {"documents": "Văn bản lãnh đạo, chỉ đạo ban hành trong kỳ",
                   "targets": "Kết quả thực hiện các chỉ tiêu",
                   "tasks": "Kết quả thực hiện các nhiệm vụ",
                   "shared": "Phần phối hợp của các cơ quan phối hợp"}


@dataclass(frozen=True)
class SharedLine:
    """A co-agency's part in an item another agency leads (phối hợp), for its Biểu."""

    ref: str
    item: str
    lead: str
    text: str  # what it did, its share of the value when it gave one
    agency: str = ""  # the co-agency that did it


@dataclass(frozen=True)
class Appendix:
    """A Biểu attached to the report: 'Biểu 01 – Kết quả thực hiện các chỉ tiêu' holds the
    full targets table the prose refers to, 'Biểu 02 – …' the tasks."""

    number: int
    kind: str  # a key of APPENDIX_TITLES

    @property
    def label(self) -> str:
        return f"Biểu {self.number:02d}"

    @property
    def title(self) -> str:
        return APPENDIX_TITLES[self.kind]


@dataclass(frozen=True)
class Section:
    """A heading ('Lĩnh vực kinh tế', 'Nguyên nhân khách quan') and its lines."""

    heading: str
    lines: list[str]


@dataclass(frozen=True)
class FieldText:
    """One field of work in the prose: its heading and the paragraph of its figures."""

    heading: str
    text: str


@dataclass(frozen=True)
class Report:
    issuer: Issuer
    number_line: str
    place_date: str
    kind_title: str
    summary: str
    report_kind: str
    period: Period
    period_label: str
    fields: list[FieldGroup]
    agencies: list[AgencyTasks]
    shortcomings: list[Shortcoming]
    directions: list[Direction]
    appendices: list[Appendix]
    recipients: list[str]
    signature: Signature
    plan_names: list[str] = field(default_factory=list)
    attached: str = ""  # the appendices' "(Kèm theo Báo cáo số … ngày … của …)" line
    as_of: date | None = None  # the data cut-off, when before the period's end
    cut_off: str = ""  # "Số liệu tính đến ngày 06/12/2026" (empty for a period over)
    plan_heading: str = PLAN_HEADINGS[True]  # "Kế hoạch năm" or "Mục tiêu nhiệm kỳ"
    overview: str = ""  # "Trong 21 chỉ tiêu, có 20 chỉ tiêu đánh giá được: …"
    field_texts: list[FieldText] = field(default_factory=list)
    task_overview: str = ""  # "Trong 12 nhiệm vụ, 4 đã hoàn thành …"
    opening: str = ""  # "Thực hiện … , Ủy ban nhân dân xã … báo cáo … như sau:"
    results: str = ""  # the assessment's results: counts of what went well
    limits: list[Section] = field(default_factory=list)  # by field, worst first
    causes: list[Section] = field(default_factory=list)  # khách quan, chủ quan, others
    next_tasks: list[Section] = field(default_factory=list)  # by field, overdue first
    proposals: list[str] = field(default_factory=list)  # kiến nghị ("Không." when none)
    next_period: str = "kỳ tới"  # "quý IV năm 2026"
    documents: list[TaskLine] = field(default_factory=list)  # issued in the period
    closing: str = ""  # "Trên đây là báo cáo …./."
    key_works: list[KeyWork] = field(default_factory=list)  # Đề án, công trình, đột phá
    shared: list[SharedLine] = field(default_factory=list)  # co-agencies' parts, by agency
    estimate_year: int | None = None  # the year of the "Ước thực hiện năm" column, if shown
    guidance: list[str] = field(default_factory=list)  # leaders' directions, items on track

    @property
    def estimate_heading(self) -> str:
        return ESTIMATE_HEADING.format(year=self.estimate_year) if self.estimate_year else ""

    def appendix(self, kind: str) -> Appendix | None:
        return next((a for a in self.appendices if a.kind == kind), None)

    @property
    def targets(self) -> list[TargetLine]:
        return [row for group in self.fields for row in group.rows]

    @property
    def tasks(self) -> list[TaskLine]:
        return [t for a in self.agencies for t in a.done + a.ongoing + a.overdue]
