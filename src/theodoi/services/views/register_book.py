"""'Sổ kế hoạch bằng Excel' of a unit: the whole register as a workbook, and a workbook
brought back (edited in Excel, or exported from another database or unit).

Exporting gives every item of the unit, so it is for those who read all of them (an
agency's account sees only its own items and is refused); importing changes the register
itself, so it takes the right to review plans (van_phong, quan_tri). The import checks
every row first: `WorkbookInvalid` names each bad row and column, and nothing is written.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import Forbidden
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.reporting.report_files import ReportFile
from theodoi.services.spreadsheets import excel
from theodoi.services.views.progress_sheet import XLSX
from theodoi.storage.models import Unit

# sheet -> what its rows are, for the import's summary
SHEET_WORDS = {"Kế hoạch": "kế hoạch", "Chỉ tiêu": "chỉ tiêu", "Lộ trình": "mốc lộ trình",
               "Nhiệm vụ": "nhiệm vụ", "Cơ quan": "cơ quan"}


def _whole_register(s: Session, p: Principal, unit_id: int) -> Unit:
    unit = access.unit(s, p, unit_id)
    if access.agency_filter(p, unit) is not None:
        raise Forbidden("tài khoản của một cơ quan chỉ xem các mục cơ quan mình chủ trì; sổ "
                        "đầy đủ do văn phòng xuất.")
    return unit


def page(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    unit = _whole_register(s, p, unit_id)
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "can_import": rules.REVIEW in access.actions_at(p, unit)}


def export(s: Session, p: Principal, unit_id: int) -> ReportFile:
    unit = _whole_register(s, p, unit_id)
    return ReportFile(excel.export_register(s, unit, access.hidden_plans(s, p, unit)),
                      f"Sổ kế hoạch - {unit.name}.xlsx", XLSX)


def import_book(s: Session, p: Principal, unit_id: int, data: bytes) -> dict[str, Any]:
    """The workbook written into the unit's register, all of it or nothing."""
    unit = access.unit(s, p, unit_id, rules.REVIEW)
    if access.hidden_plans(s, p, unit):  # the workbook could name them and overwrite them
        raise Forbidden("đơn vị có tài liệu hạn chế mà vai trò của bạn không được đọc; sổ "
                        "kế hoạch do người được đọc các tài liệu đó nhập.")
    summary = excel.import_register(s, unit, data)
    return asdict(summary) | {"sheets": [
        {"sheet": sheet, "word": word, "created": summary.created[sheet],
         "updated": summary.updated[sheet], "unchanged": summary.unchanged[sheet],
         "untouched": summary.untouched[sheet]} for sheet, word in SHEET_WORDS.items()]}
