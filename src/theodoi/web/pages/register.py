"""Pages of the register: home, a unit, upload, review (htmx actions), list, directory."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain.errors import BadInput, FieldError
from theodoi.domain.fields import PLAN_FIELDS
from theodoi.services import freshness, jobs, reminders
from theodoi.services.emulation import movements
from theodoi.services.register import confirmations, directory, items
from theodoi.services.register import review_guarded as reviewing
from theodoi.services.views import home_view, register_view, review_view
from theodoi.services.views.review_view import item_row
from theodoi.web import deps
from theodoi.web.errors import sentence
from theodoi.web.templating import render, rendered
from theodoi.web.validation import validated

router = APIRouter(include_in_schema=False)
Version = Annotated[int, Form()]


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, request, **context))


@router.get("/")
def home(request: Request, s: deps.Db, p: deps.User) -> Response:
    return page(request, "home.html", data=home_view.home_page(s, p))


@router.get("/don-vi/{unit_id}")
def unit(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    return page(request, "unit.html", data=home_view.unit_page(s, p, unit_id))


@router.get("/don-vi/{unit_id}/tai-len")
def upload_form(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    data = home_view.unit_page(s, p, unit_id)
    limit = deps.settings_of(request).max_upload_mb
    return page(request, "upload.html", data=data, limit_mb=limit)


@router.post("/don-vi/{unit_id}/tai-len")
def upload(request: Request, unit_id: int, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile, File()]) -> Response:
    """Store the file and queue its reading; the job's page shows the progress (sync: the
    copy to the data folder runs on a worker thread, never on the event loop)."""
    job = jobs.submit_upload(s, p, unit_id, file.file, file.filename or "",
                             deps.settings_of(request))
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": job["page"]})
    return RedirectResponse(job["page"], status_code=303)


@router.get("/tac-vu/{job_id}")
def job_page(request: Request, job_id: int, s: deps.Db, p: deps.User) -> Response:
    return page(request, "job.html", job=jobs.view(s, p, job_id))


@router.post("/tac-vu/{job_id}/huy")
def cancel_job(job_id: int, s: deps.Db, p: deps.User) -> Response:
    jobs.cancel(s, p, job_id)
    return RedirectResponse(f"/tac-vu/{job_id}", status_code=303)


@router.post("/tac-vu/{job_id}/luu-phien-ban")
def accept_offer(request: Request, job_id: int, s: deps.Db, p: deps.User) -> Response:
    """The person confirmed the new version a job offered: queue its import."""
    job = jobs.accept_offer(s, p, job_id, deps.settings_of(request))
    return RedirectResponse(job["page"], status_code=303)


@router.get("/ke-hoach/{plan_id}")
def review_page(request: Request, plan_id: int, s: deps.Db, p: deps.User) -> Response:
    return page(request, "review.html", data=review_view.review_page(s, p, plan_id),
                movement=movements.of_plan(s, p, plan_id))


def _item_done(request: Request, item: Any) -> Response:
    row = item_row(item)
    if request.headers.get("hx-request"):
        return page(request, "_item.html", item=row, can_review=True)
    return RedirectResponse(f"/ke-hoach/{item.plan_id}#muc-{row['ref']}", status_code=303)


def _go(request: Request, plan_id: int, ref: str | None = None) -> Response:
    """After a change that reshapes the page (a new item, a split): the page again, at
    the item. The query makes it a new address: a jump to another #anchor of the page
    the browser shows would only scroll, not load what changed."""
    url = (f"/ke-hoach/{plan_id}?muc={ref}#muc-{ref}" if ref
           else f"/ke-hoach/{plan_id}?sua=thong-tin")
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def _fix_beside(request: Request, exc: BadInput, template: str, form: str,
                typed: dict[str, str], **context: Any) -> Response:
    """A value that cannot be used, shown beside its field in the form again, with what
    the person typed kept (htmx); a plain form post gets the error page."""
    if not request.headers.get("hx-request"):
        raise exc
    field = exc.field if isinstance(exc, FieldError) else ""
    errors = {field: sentence(exc.message)}
    return HTMLResponse(render(template, request, typed=typed, errors=errors,
                               open_form=form, can_review=True, **context), status_code=400)


def _version(form: Any) -> int:
    version = str(form.get("version") or "")
    if not version.isdigit():
        raise BadInput("thiếu phiên bản (version) của trang; hãy tải lại trang rồi làm lại.")
    return int(version)


@router.post("/muc/{ref}/chap-nhan")
def accept(request: Request, ref: str, version: Version, s: deps.Db,
           p: deps.User) -> Response:
    return _item_done(request, reviewing.accept(s, p, ref, version))


@router.get("/muc/{ref}/loai")
def reject_confirm(request: Request, ref: str, s: deps.Db, p: deps.User) -> Response:
    """Before an item of a live plan is rejected: what that does, and the button."""
    data = confirmations.rejection(s, p, ref)
    return page(request, "confirm.html", data=data, version=data["version"],
                heading=f"Loại mục {data['ref']}: {data['text'][:120]}",
                action=f"/muc/{data['ref']}/loai", button="Xác nhận loại mục",
                back=f"/ke-hoach/{data['plan']['id']}#muc-{data['ref']}")


@router.post("/muc/{ref}/loai")
def reject(request: Request, ref: str, version: Version, s: deps.Db, p: deps.User,
           confirmed: Annotated[str, Form()] = "") -> Response:
    """Reject an item; on a live plan only from the confirmation page (a form posted
    without it, or an htmx click, is sent there first)."""
    live = confirmations.on_live_plan(s, p, ref)
    if live and not confirmed:
        target = f"/muc/{live}/loai"
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    return _item_done(request, reviewing.reject(s, p, ref, version))


TARGET_FORM = ("indicator", "text", "kind", "comparator", "value", "value_max", "value_of",
               "unit", "field", "deadline_year", "milestones", "lead_agency", "co_agencies")
TASK_FORM = ("title", "text", "kind", "field", "lead_agency", "co_agencies", "leader",
             "advisory_agency", "due_text", "due_date", "due_recurrence", "product",
             "submit_to")


def _form_of(kind: str, form: Any) -> dict[str, str]:
    names = TARGET_FORM if kind == "target" else TASK_FORM
    return {k: str(form[k]) for k in names if k in form}


@router.post("/muc/{ref}/sua")
def correct(request: Request, ref: str, s: deps.Db, p: deps.User,
            form: deps.Fields) -> Response:
    kind = "target" if ref.strip().lower().startswith("t") else "task"
    changes = _form_of(kind, form)
    try:
        return _item_done(request, reviewing.correct(s, p, ref, _version(form), changes))
    except BadInput as exc:
        s.rollback()
        return _fix_beside(request, exc, "_item.html", "sua", changes,
                           item=review_view.item_of(s, p, ref))


@router.post("/muc/{ref}/tach")
def split(request: Request, ref: str, s: deps.Db, p: deps.User,
          form: deps.Fields) -> Response:
    part = str(form.get("second_part") or "")
    try:
        first, second = reviewing.split(s, p, ref, _version(form), part)
    except BadInput as exc:
        s.rollback()
        return _fix_beside(request, exc, "_item.html", "tach-gop", {"second_part": part},
                           item=review_view.item_of(s, p, ref))
    return _go(request, first.plan_id, items.ref_of(second))


@router.post("/muc/{ref}/gop")
def merge_items(request: Request, ref: str, s: deps.Db, p: deps.User,
                form: deps.Fields) -> Response:
    other = str(form.get("other") or "")
    try:
        keep = reviewing.merge(s, p, ref, _version(form), other)
    except BadInput as exc:
        s.rollback()
        return _fix_beside(request, exc, "_item.html", "tach-gop", {"other": other},
                           item=review_view.item_of(s, p, ref))
    return _go(request, keep.plan_id, items.ref_of(keep))


ADD_FORM = ("kind", "name", "text", "value", "unit", "deadline_year", "due_text",
            "lead_agency", "span_start", "span_end")


@router.post("/ke-hoach/{plan_id}/them-muc")
def add_item(request: Request, plan_id: int, s: deps.Db, p: deps.User,
             form: deps.Fields) -> Response:
    """An item the reader missed; its span and text come from the selection in the
    source (app.js), or are typed."""
    typed = {k: str(form[k]) for k in ADD_FORM if k in form}
    try:
        item = reviewing.add_item(s, p, plan_id, typed.get("kind", ""), _added(typed))
    except BadInput as exc:
        s.rollback()
        if isinstance(exc, FieldError) and exc.field in ("indicator", "title"):
            exc.field = "name"
        return _fix_beside(request, exc, "_add_item.html", "them", typed,
                           data=review_view.review_page(s, p, plan_id))
    return _go(request, plan_id, items.ref_of(item))


def _added(typed: dict[str, str]) -> dict[str, str]:
    """The add form's values as the item kind names them (blank ones left out)."""
    kind = typed.get("kind")
    name = "indicator" if kind == "target" else "title"
    keep = (("value", "unit", "deadline_year") if kind == "target" else ("due_text",))
    values = {name: typed.get("name", ""), "text": typed.get("text", "")}
    values.update({k: typed[k] for k in (*keep, "lead_agency", "span_start", "span_end")
                   if typed.get(k, "").strip()})
    return values


@router.post("/ke-hoach/{plan_id}/thong-tin")
def plan_facts(request: Request, plan_id: int, s: deps.Db, p: deps.User,
               form: deps.Fields) -> Response:
    """The plan's number, date, issuer, title, term and kind, fixed by the person."""
    typed = {k: str(form[k]) for k in PLAN_FIELDS if k in form}
    try:
        reviewing.correct_plan(s, p, plan_id, _version(form), typed)
    except BadInput as exc:
        s.rollback()
        return _fix_beside(request, exc, "_plan_facts.html", "thong-tin", typed,
                           data=review_view.review_page(s, p, plan_id))
    return _go(request, plan_id)


@router.get("/ke-hoach/{plan_id}/xoa")
def delete_confirm(request: Request, plan_id: int, s: deps.Db, p: deps.User) -> Response:
    """Before deleting a draft: what goes with it, or what stands on it."""
    return page(request, "plan_delete.html", data=reviewing.deletion(s, p, plan_id))


@router.post("/ke-hoach/{plan_id}/xoa")
def delete(plan_id: int, version: Version, s: deps.Db, p: deps.User) -> Response:
    gone = reviewing.delete_draft(s, p, plan_id, version)
    return RedirectResponse(f"/don-vi/{gone['unit_id']}", status_code=303)


@router.post("/ke-hoach/{plan_id}/chap-nhan-tat-ca")
def accept_all(plan_id: int, version: Version, s: deps.Db, p: deps.User) -> Response:
    reviewing.accept_all(s, p, plan_id, version)
    return RedirectResponse(f"/ke-hoach/{plan_id}", status_code=303)


@router.get("/ke-hoach/{plan_id}/dua-vao-thuc-hien")
def activate_confirm(request: Request, plan_id: int, s: deps.Db, p: deps.User) -> Response:
    """Before activation: what goes live and which older version it closes."""
    data = confirmations.activation(s, p, plan_id)
    closes = data["closes"]
    heading = (f"Đưa vào thực hiện và đóng kế hoạch số {closes['id']}" if closes
               else f"Đưa kế hoạch số {plan_id} vào thực hiện")
    return page(request, "confirm.html", data=data, version=data["plan"]["version"],
                heading=heading, action=f"/ke-hoach/{plan_id}/dua-vao-thuc-hien",
                button="Xác nhận đưa vào thực hiện", back=f"/ke-hoach/{plan_id}")


@router.post("/ke-hoach/{plan_id}/dua-vao-thuc-hien")
def activate(plan_id: int, version: Version, s: deps.Db, p: deps.User,
             confirmed: Annotated[str, Form()] = "") -> Response:
    if not confirmed:  # a form from before the confirmation page: show what it will do
        return RedirectResponse(f"/ke-hoach/{plan_id}/dua-vao-thuc-hien", status_code=303)
    reviewing.activate(s, p, plan_id, version)
    return RedirectResponse(f"/ke-hoach/{plan_id}", status_code=303)


@router.get("/ke-hoach/{plan_id}/dong")
def close_confirm(request: Request, plan_id: int, s: deps.Db, p: deps.User) -> Response:
    data = confirmations.closing(s, p, plan_id)
    return page(request, "confirm.html", data=data, version=data["plan"]["version"],
                heading=f"Đóng kế hoạch số {plan_id}", action=f"/ke-hoach/{plan_id}/dong",
                button="Xác nhận đóng kế hoạch", back=f"/ke-hoach/{plan_id}")


@router.post("/ke-hoach/{plan_id}/dong")
def close(plan_id: int, version: Version, s: deps.Db, p: deps.User,
          confirmed: Annotated[str, Form()] = "") -> Response:
    if not confirmed:
        return RedirectResponse(f"/ke-hoach/{plan_id}/dong", status_code=303)
    reviewing.close(s, p, plan_id, version)
    return RedirectResponse(f"/ke-hoach/{plan_id}", status_code=303)


@router.get("/don-vi/{unit_id}/so-theo-doi")
def register(request: Request, unit_id: int, s: deps.Db, p: deps.User, kind: str = "",
             field: str = "", review: str = "", agency: str = "", plan: str = "",
             sort: str = "plan", status: str = "", due: str = "", issuer: str = "",
             doc_kind: str = "") -> Response:
    filters = register_view.Filters(kind, field, review,
                                    int(agency) if agency.isdigit() else None,
                                    int(plan) if plan.isdigit() else None, sort, status, due,
                                    issuer, doc_kind)
    day = date.today()

    def make() -> Response:
        data = register_view.register_page(s, p, unit_id, filters, day)
        may_review = reviewing.may_review(s, p, unit_id)
        return HTMLResponse(rendered("register.html", request, shared=(data,),
                                     review_links=may_review,  # part of the key
                                     data=data | {"can_review": may_review}))

    return validated(request, p, day, freshness.of_unit(s, p, unit_id), make)


@router.get("/don-vi/{unit_id}/co-quan")
def agencies(request: Request, unit_id: int, s: deps.Db, p: deps.User,
             da_don_doc: str = "", ten_khac: str = "") -> Response:
    return page(request, "agencies.html", data=directory.directory_page(s, p, unit_id),
                can_chase=reminders.may_chase(s, p, unit_id), aliased=bool(ten_khac),
                chased=da_don_doc if da_don_doc.isdigit() else "")


@router.post("/co-quan/{agency_id}/xac-nhan")
def confirm(agency_id: int, version: Version, s: deps.Db, p: deps.User,
            unit_id: Annotated[int, Form()], name: Annotated[str, Form()] = "") -> Response:
    directory.confirm(s, p, agency_id, version, name or None)
    return RedirectResponse(f"/don-vi/{unit_id}/co-quan", status_code=303)


@router.post("/co-quan/{agency_id}/ten-khac")
def alias(agency_id: int, s: deps.Db, p: deps.User, unit_id: Annotated[int, Form()],
          alias: Annotated[str, Form()] = "") -> Response:
    """Another name of the agency (`theodoi agency alias`), then back to the directory."""
    directory.add_alias(s, p, agency_id, alias)
    return RedirectResponse(f"/don-vi/{unit_id}/co-quan?ten_khac={agency_id}", status_code=303)


@router.get("/co-quan/{agency_id}/gop")
def merge_confirm(request: Request, agency_id: int, s: deps.Db, p: deps.User,
                  into: int) -> Response:
    """Before a merge: what will move, and the button that merges (undoable from the
    audit history)."""
    return page(request, "agency_merge.html",
                data=directory.merge_preview(s, p, agency_id, into))


@router.post("/co-quan/{agency_id}/gop")
def merge(agency_id: int, version: Version, s: deps.Db, p: deps.User,
          unit_id: Annotated[int, Form()], into: Annotated[int, Form()]) -> Response:
    directory.merge(s, p, agency_id, into, version)
    return RedirectResponse(f"/don-vi/{unit_id}/co-quan", status_code=303)
