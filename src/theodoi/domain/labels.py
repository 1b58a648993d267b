"""What a person reads for each code the register stores: one table, family → code → words.

Codes (`draft`, `quarter`, `>=`, `kinh_te` …) are for programs and JSON; pages, reports,
CLI tables and the audit history show `label(family, code)`. The tables of other domain
modules (statuses, fields of work, task states) are gathered here, so there is one place
to look a code up; `test_labels` checks every code of the domain's enums has words.
"""

from __future__ import annotations

from theodoi.domain.emulation import REGISTRATION_STATES
from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.rollup import METHODS, RELATIONS
from theodoi.domain.status import LABELS as STATUS_LABELS
from theodoi.domain.status import TASK_STATE_LABELS

LABELS: dict[str, dict[str, str]] = {
    "plan_status": {"draft": "Bản nháp", "active": "Đang thực hiện", "closed": "Đã đóng"},
    "plan_kind": {"ke_hoach": "Kế hoạch", "chuong_trinh_hanh_dong": "Chương trình hành động",
                  "nghi_quyet": "Nghị quyết", "de_an": "Đề án", "bao_cao": "Báo cáo",
                  "quyet_dinh": "Quyết định", "khac": "Văn bản"},
    "review": {"proposed": "Chờ rà soát", "accepted": "Đã chấp nhận", "corrected": "Đã sửa",
               "rejected": "Đã loại", "added": "Thêm tay"},
    "target_kind": {"level": "Mức cần đạt", "growth_rate": "Tốc độ tăng",
                    "change": "Mức tăng, giảm", "milestone": "Mốc hoàn thành",
                    "plan_relative": "Theo kế hoạch được giao"},
    "task_kind": {"task": "Nhiệm vụ", "scheme": "Đề án", "key_project": "Công trình trọng điểm",
                  "breakthrough": "Khâu đột phá"},
    "direction": {"increase": "Tăng", "decrease": "Giảm", "maintain": "Duy trì"},
    # the word a goal starts with ("từ 25 đảng viên trở lên"; phrases.GOAL_WORDS)
    "comparator": {"=": "Đạt", ">=": "Từ … trở lên", ">": "Trên", "<=": "Không quá",
                   "<": "Dưới", "between": "Từ … đến …"},
    "recurrence": {"annual": "Hằng năm"},
    "field": FIELD_LABELS,
    "status": STATUS_LABELS,
    "task_state": TASK_STATE_LABELS,
    "registration_state": REGISTRATION_STATES,
    "period_kind": {"month": "Tháng", "quarter": "Quý", "half": "6 tháng",
                    "nine_months": "9 tháng", "year": "Năm", "midterm": "Sơ kết",
                    "term_end": "Tổng kết"},
    "agency_status": {"active": "Đang dùng", "proposed": "Đề xuất"},
    "yes_no": {"true": "Có", "false": "Không"},
    # a link across levels as the history shows it (domain.rollup.link_code)
    "level_link": {"suggested": "Đề xuất", "rejected": "Đã bỏ", "confirmed": "Đã xác nhận",
                   **{f"confirmed_{code}": f"Đã xác nhận ({words})"
                      for code, words in RELATIONS.items()}},
    "rollup_method": {code: words[:1].upper() + words[1:] for code, words in METHODS.items()},
}


def label(family: str, code: str | None) -> str:
    """The words for `code` of `family` ('' for no code); an unknown code is shown as
    written rather than failing a page (a test keeps the tables complete)."""
    if code is None or code == "":
        return ""
    return LABELS.get(family, {}).get(code, code)


def lower(family: str, code: str | None) -> str:
    """`label` inside a sentence: 'đang thực hiện', not 'Đang thực hiện' (a name such as
    'Kinh tế' or 'Đề án' keeps its capital only at a sentence start, as the plans write)."""
    text = label(family, code)
    return text[:1].lower() + text[1:]
