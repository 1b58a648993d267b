"""'Biểu Excel nhập số liệu' of a unit: the lead agency's template for a period, and the
filled template back, for those who record progress (the rules of 'Việc của tôi').

An agency's account downloads and fills only its own agency's template, and its upload
may only touch its own items; the office (van_phong, quan_tri) works for any agency, as
it does with a paper report. The upload is all or nothing: every row is checked first
and `ProgressSheetInvalid` names each bad row and column, with nothing written.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.domain.periods import parse_period
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import agencies
from theodoi.services.reporting.report_files import ReportFile
from theodoi.services.spreadsheets import progress_xlsx
from theodoi.services.validation import figures
from theodoi.services.views.my_work import REFUSED, may_record
from theodoi.storage.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _recorder_unit(s: Session, p: Principal, unit_id: int) -> Unit:
    unit = access.unit(s, p, unit_id)
    if not may_record(p, unit):
        raise Forbidden(REFUSED)
    return unit


def page(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit and the agencies whose template the person may take."""
    unit = _recorder_unit(s, p, unit_id)
    only = access.agency_filter(p, unit)
    rows = [a for a in agencies.directory(s, unit) if only is None or a.id in only]
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "agencies": [{"id": a.id, "name": a.name} for a in rows]}


def template(s: Session, p: Principal, unit_id: int, agency_id: int | None,
             period: str) -> ReportFile:
    """The agency's XLSX for the period, named for the agency, the period and the unit."""
    unit = _recorder_unit(s, p, unit_id)
    only = access.agency_filter(p, unit)
    if agency_id is None:
        raise BadInput("hãy chọn cơ quan chủ trì.")
    if only is not None and agency_id not in only:  # another agency's: as if none
        raise NotFound(f"đơn vị {unit.name} không có cơ quan '{agency_id}'.")
    agency = progress_xlsx.find_agency(s, unit, str(agency_id))
    content = progress_xlsx.progress_template(s, unit.code, str(agency.id), period,
                                              access.hidden_plans(s, p, unit))
    label = parse_period(period).label
    name = f"Biểu nhập số liệu {label} - {agency.name} - {unit.name}.xlsx".replace("/", "-")
    return ReportFile(content, name, XLSX)


def upload(s: Session, p: Principal, unit_id: int, data: bytes,
           on: date) -> dict[str, Any]:
    """Write a filled template of this unit, all of it or nothing, as the person."""
    unit = _recorder_unit(s, p, unit_id)
    result = progress_xlsx.progress_import(s, data, by=p.username, on=on, unit_id=unit.id,
                                           agencies=access.agency_filter(p, unit),
                                           without=access.hidden_plans(s, p, unit),
                                           waits=figures.waits_at(p, unit))
    return asdict(result)

