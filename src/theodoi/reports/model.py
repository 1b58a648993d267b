"""The report as plain data: what a báo cáo says, before any DOCX or XLSX layout.

`reports.data` builds a `Report` from plain inputs; `reports.docx` and `reports.xlsx` only
lay it out. Numbers stay numbers here (formatting is the layout's job), so the workbook can
keep them as cells and formulas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    """One row of the targets table; `percent` is lũy kế / kế hoạch × 100; a `milestone`
    (a recognition with no number) has no percent and reads Đạt / Chưa đạt (`cells`)."""

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

    def cells(self) -> tuple[float | str | None, float | str | None, float | str | None]:
        """Kế hoạch, thực hiện kỳ báo cáo and lũy kế as the tables show them: the numbers,
        or for a milestone 'Đạt' as the goal and 'Đạt' / 'Chưa đạt' for a 1 / 0 reported
        (None, left blank, when nothing was)."""
        if not self.milestone:
            return self.planned, self.in_period, self.cumulative
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


@dataclass(frozen=True)
class SharedLine:
    """A co-agency's part in an item another agency leads (phối hợp), for its appendix."""

    ref: str
    item: str
    lead: str
    text: str  # what it did, its share of the value when it gave one


@dataclass(frozen=True)
class Appendix:
    """Phụ lục: one agency's targets and tasks, and its part in items it co-ordinates."""

    number: int
    agency: str
    targets: list[TargetLine]
    tasks: list[TaskLine]
    shared: list[SharedLine] = field(default_factory=list)


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

    @property
    def targets(self) -> list[TargetLine]:
        return [row for group in self.fields for row in group.rows]

    @property
    def tasks(self) -> list[TaskLine]:
        return [t for a in self.agencies for t in a.done + a.ongoing + a.overdue]
