"""Report files for download: the same build and render as `theodoi report`, plus a name.

The web offers the report of a unit (or of one of its plans) to everyone who can read the
unit. The file name is Vietnamese ('Báo cáo quý III-2026 - Xã An Bình.docx'); `ascii_name`
gives the fallback for clients that do not read RFC 5987 names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.text import squash
from theodoi.reports import data
from theodoi.reports.model import REPORT_KINDS
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.reporting import report_data as reporting
from theodoi.storage.models import Unit
from theodoi.tools import soffice

KIND_LABELS = {"quy": "quý", "6_thang": "6 tháng", "9_thang": "9 tháng", "nam": "năm",
               "so_ket": "sơ kết", "tong_ket": "tổng kết"}
PERIOD_HINTS = {"quy": "Q3/2026", "6_thang": "6 tháng 2026", "9_thang": "9 tháng 2026",
                "nam": "2026", "so_ket": "2025-2030", "tong_ket": "2025-2030"}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf"}
MAX_REQUEST = 500  # a request cited in the opening: a line, not a document
FORM = {"kinds": [{"value": k, "label": KIND_LABELS[k], "hint": PERIOD_HINTS[k]}
                  for k in REPORT_KINDS],
        "formats": list(reporting.FORMATS)}


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    media_type: str

    @property
    def ascii_name(self) -> str:
        return ascii_name(self.filename)


def ascii_name(name: str) -> str:
    """'Báo cáo quý III-2026 - Xã An Bình.docx' -> 'Bao-cao-quy-III-2026-Xa-An-Binh.docx'."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode()
    stem, dot, ext = plain.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", stem if dot else plain).strip("-") or "bao-cao"
    return f"{stem}.{ext}" if dot else stem


def pdf_available() -> bool:
    return soffice.find() is not None


def form_options() -> dict[str, object]:
    return {**FORM, "pdf_available": pdf_available()}


def filename(kind: str, period: str, unit_name: str, plan_id: int | None, fmt: str) -> str:
    """'Báo cáo quý III-2026 - Xã An Bình.docx' (no characters a file system refuses)."""
    label = data.period_for(kind, period).label
    what = f"Báo cáo {label[:1].lower()}{label[1:]}".replace("/", "-")
    plan = f" - KH số {plan_id}" if plan_id else ""
    return re.sub(r'[\\:*?"<>|]', "", f"{what} - {unit_name}{plan}.{fmt}")


def checked(s: Session, p: Principal, unit_id: int, kind: str, period: str, fmt: str,
            plan_id: int | None = None) -> tuple[Unit, str]:
    """The unit and the trimmed period of a report request someone who reads the unit
    may make; BadInput (400) for a wrong format, kind or period, NotFound otherwise.
    Checked before a PDF is queued, so a bad request never becomes a job."""
    unit = access.unit(s, p, unit_id)
    if fmt not in MEDIA_TYPES:
        raise BadInput(f"định dạng '{fmt}' không có; dùng docx, xlsx hoặc pdf.")
    if not (period or "").strip():
        raise BadInput("hãy nhập kỳ báo cáo (ví dụ Q3/2026, 6 tháng 2026, 2026, 2025-2030).")
    data.period_for(kind, period.strip())
    if plan_id is not None and access.plan(s, p, plan_id).unit_id != unit.id:
        raise NotFound(f"không có kế hoạch số {plan_id}.")
    return unit, period.strip()


def request_text(request: str | None) -> str | None:
    """What asked for the report as the clerk typed it ("Công văn số … của …"), one line,
    at most `MAX_REQUEST` characters; None when blank."""
    text = squash(request or "")
    if len(text) > MAX_REQUEST:
        raise BadInput(f"văn bản yêu cầu báo cáo dài quá {MAX_REQUEST} ký tự.")
    return text or None


def download(s: Session, p: Principal, unit_id: int, kind: str, period: str, fmt: str,
             plan_id: int | None = None, today: date | None = None,
             request: str | None = None) -> ReportFile:
    """The unit's (or one plan's) report as `fmt`, for anyone who reads the unit; figures
    up to `today` when the period is still under way; `request` cited in its opening."""
    unit, period = checked(s, p, unit_id, kind, period, fmt, plan_id)
    req = reporting.Request(unit.code, kind, period, plan_id, today=today,
                            request=request_text(request),
                            without=access.hidden_plans(s, p, unit))
    content = reporting.render(reporting.build_report(s, req), fmt)
    return ReportFile(content, filename(kind, period, unit.name, plan_id, fmt),
                      MEDIA_TYPES[fmt])
