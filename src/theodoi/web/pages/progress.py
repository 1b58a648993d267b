"""'Việc của tôi' and the two forms on it: a target's value (with an optional evidence
file) and a task's update (with an optional product file), and the stored files opened
from an item's page. With htmx a form's answer is a notice in the page's notice area;
without it, a redirect back to the page."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain.dates import vn_day
from theodoi.domain.numbers import shown_number
from theodoi.services.estimates import office as office_estimates
from theodoi.services.progress import baselines
from theodoi.services.progress.records import Evidence
from theodoi.services.views import item_view, my_work
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.pages.status import as_of
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/don-vi/{unit_id}/viec-cua-toi")
def my_work_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
                 ngay: str = "", da_ghi: str = "", da_gui: str = "") -> Response:
    data = my_work.my_work_page(s, p, unit_id, as_of(ngay))
    return HTMLResponse(render("my_work.html", request, data=data, saved=da_ghi or da_gui,
                               sent=bool(da_gui)))


def _back(request: Request, s: deps.Db, p: deps.User, message: str, back: str,
          ref: str, *, waiting: bool = False) -> Response:
    """The message beside the form. htmx: into the form's notice area, and the item of
    'Việc của tôi' redrawn in place with it; otherwise a redirect back to the page the
    form was on, to the form's notice area (#tb-<ref>), where the page shows it: `da_ghi`
    for what was recorded, `da_gui` for a figure sent that waits for validation (never
    said to be recorded)."""
    if request.headers.get("hx-request"):
        html = render("_notice.html", request, level="thanh-cong", message=message)
        if back.endswith("/viec-cua-toi"):
            html += render("_work_item.html", request, e=my_work.entry(s, p, ref, date.today()),
                           states=my_work.state_choices(), back=back, oob=True,
                           saved=ref, saved_message=message)
        return HTMLResponse(html)
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    said = "da_gui" if waiting else "da_ghi"
    return RedirectResponse(f"{target.split('?')[0]}?{said}={ref}#tb-{ref}", status_code=303)


def _evidence(request: Request, file: UploadFile | None) -> Evidence | None:
    """The chosen file (at most one byte over the limit is read), None when none was.

    Read from the form's spooled file on the route's worker thread: the parsed form
    keeps an upload in memory only while small, so this is disk I/O kept off the loop."""
    if file is None or not file.filename:
        return None
    return file.filename, file.file.read(deps.settings_of(request).max_evidence_bytes + 1)


@router.post("/muc/{ref}/so-lieu")
def record_value(request: Request, ref: str, s: deps.Db, p: deps.User,
                       period: Text, value: Text, unit: Text = "", note: Text = "",
                       tiep: Text = "/",
                       evidence: Annotated[UploadFile | None, File()] = None) -> Response:
    row = my_work.record_value(s, p, ref, period, value, unit=unit, note=note,
                               evidence=_evidence(request, evidence),
                               max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)
    if row["waiting"]:
        message = (f"Đã gửi số liệu {row['ref']} kỳ {row['period_label']}: "
                   f"{row['value_text']} {row['entered_unit'] or row['target_unit'] or ''}; "
                   "chờ văn phòng hoặc lãnh đạo xác nhận.")
        return _back(request, s, p, message.replace(" ;", ";"), tiep, ref, waiting=True)
    message = (f"Đã ghi số liệu {row['ref']} kỳ {row['period_label']}: "
               f"{shown_number(row['value'])} {row['unit'] or ''}.")
    return _back(request, s, p, message.replace(" .", "."), tiep, ref)


@router.post("/muc/{ref}/tien-do")
def record_task(request: Request, ref: str, s: deps.Db, p: deps.User, state: Text,
                percent: Text = "", completed_on: Text = "", product: Text = "",
                explanation: Text = "", tiep: Text = "/",
                evidence: Annotated[UploadFile | None, File()] = None) -> Response:
    row = my_work.record_task(s, p, ref, state, on=date.today(), percent=percent,
                              completed_on=completed_on, product=product,
                              explanation=explanation, evidence=_evidence(request, evidence),
                              max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)
    message = f"Đã ghi tiến độ {row['ref']} ngày {vn_day(row['reported_on'])}: " \
              f"{row['state_label']}."
    return _back(request, s, p, message, tiep, ref)


@router.post("/chi-tieu/{ref}/so-lieu-goc")
def set_baseline(ref: str, s: deps.Db, p: deps.User, value: Text, year: Text,
                 version: Annotated[int, Form()]) -> Response:
    row = baselines.set_baseline(s, p, ref, value, year, version)
    return RedirectResponse(f"/chi-tieu/{row['ref']}?da_ghi=so-lieu-goc#tb-so-lieu-goc",
                            status_code=303)


@router.post("/chi-tieu/{ref}/uoc-nam")
def set_estimate(ref: str, s: deps.Db, p: deps.User, year: Text, value: Text = "") -> Response:
    """The office's estimate of the target's whole year for its reports (blank: clear)."""
    row = office_estimates.set_for(s, p, ref, year, value)
    return RedirectResponse(f"/chi-tieu/{row['ref']}?da_ghi=uoc-nam#tb-uoc-nam",
                            status_code=303)


@router.get("/tep/{attachment_id}")
def stored_file(attachment_id: int, s: deps.Db, p: deps.User) -> Response:
    """A stored evidence or product file: shown in place when a browser can (PDF, image),
    saved otherwise; for whoever may read its item."""
    f = item_view.evidence_file(s, p, attachment_id)
    return file_response(f, inline=f.inline)


@router.post("/muc/{ref}/phoi-hop")
def contribute(request: Request, ref: str, s: deps.Db, p: deps.User, note: Text = "",
               value: Text = "", period: Text = "",
               evidence: Annotated[UploadFile | None, File()] = None) -> Response:
    """A co-agency's part in an item it co-ordinates; back to the item's page."""
    row = my_work.contribute(s, p, ref, note=note, value=value, period=period,
                             evidence=_evidence(request, evidence),
                             max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)
    page = "chi-tieu" if ref.strip().lower().startswith("t") else "nhiem-vu"
    return RedirectResponse(f"/{page}/{row['ref']}?da_ghi=phoi-hop#tb-phoi-hop",
                            status_code=303)
