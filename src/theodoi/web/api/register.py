"""JSON of units, plans, the review and the register; the review actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, Response, UploadFile
from pydantic import BaseModel

from theodoi.services import freshness, jobs
from theodoi.services.register import confirmations, directory
from theodoi.services.register import review_guarded as reviewing
from theodoi.services.views import home_view, register_view, review_view
from theodoi.services.views.review_view import item_row
from theodoi.web import deps
from theodoi.web.responses import json_of
from theodoi.web.validation import validated

router = APIRouter(prefix="/api", tags=["sổ theo dõi"])


class Versioned(BaseModel):
    version: int


class Correction(BaseModel):
    version: int
    changes: dict[str, Any]


class NewItem(BaseModel):
    kind: str
    values: dict[str, Any]


class Split(BaseModel):
    version: int
    second_part: str


class ItemMerge(BaseModel):
    version: int
    other: str


class Confirm(BaseModel):
    version: int
    name: str | None = None


class Alias(BaseModel):
    alias: str


class Merge(BaseModel):
    version: int
    into: int


@router.get("/units")
def units(s: deps.Db, p: deps.User) -> dict[str, Any]:
    return home_view.home_page(s, p)


@router.get("/units/{unit_id}")
def unit(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return home_view.unit_page(s, p, unit_id)


@router.post("/units/{unit_id}/plans", status_code=202)
def upload(unit_id: int, request: Request, response: Response, s: deps.Db, p: deps.User,
           file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """The file is stored and its reading queued: 202 with the job; poll its `url`."""
    job = jobs.submit_upload(s, p, unit_id, file.file, file.filename or "",
                             deps.settings_of(request))
    response.headers["Location"] = job["url"]
    return job


@router.get("/jobs/{job_id}")
def job(job_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return jobs.view(s, p, job_id)


@router.post("/jobs/{job_id}/cancel")
def cancel_job(job_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return jobs.cancel(s, p, job_id)


@router.get("/units/{unit_id}/register")
def register(request: Request, unit_id: int, s: deps.Db, p: deps.User, kind: str = "",
             field: str = "", review: str = "", agency: int | None = None,
             plan: int | None = None, sort: str = "plan", status: str = "",
             due: str = "", issuer: str = "", doc_kind: str = "") -> Response:
    filters = register_view.Filters(kind, field, review, agency, plan, sort, status, due,
                                    issuer, doc_kind)
    day = date.today()

    def make() -> Response:
        data = register_view.register_page(s, p, unit_id, filters, day)
        return json_of(data | {"can_review": reviewing.may_review(s, p, unit_id)})

    return validated(request, p, day, freshness.of_unit(s, p, unit_id), make)


@router.get("/units/{unit_id}/agencies")
def agencies(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return directory.directory_page(s, p, unit_id)


@router.post("/agencies/{agency_id}/confirm")
def confirm(agency_id: int, body: Confirm, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return directory.confirm(s, p, agency_id, body.version, body.name)


@router.post("/agencies/{agency_id}/alias")
def alias(agency_id: int, body: Alias, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Another name of the agency (`theodoi agency alias`): its id, name and aliases."""
    return directory.add_alias(s, p, agency_id, body.alias)


@router.get("/agencies/{agency_id}/merge")
def merge_preview(agency_id: int, into: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """What merging the agency into `into` would move (nothing is changed)."""
    return directory.merge_preview(s, p, agency_id, into)


@router.post("/agencies/{agency_id}/merge")
def merge(agency_id: int, body: Merge, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return directory.merge(s, p, agency_id, body.into, body.version)


@router.get("/plans/{plan_id}/review")
def review_page(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return review_view.review_page(s, p, plan_id)


@router.post("/items/{ref}/accept")
def accept(ref: str, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return item_row(reviewing.accept(s, p, ref, body.version))


@router.post("/items/{ref}/reject")
def reject(ref: str, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return item_row(reviewing.reject(s, p, ref, body.version))


@router.post("/items/{ref}/correct")
def correct(ref: str, body: Correction, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return item_row(reviewing.correct(s, p, ref, body.version, body.changes))


@router.post("/plans/{plan_id}/accept-all")
def accept_all(plan_id: int, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, int]:
    return {"accepted": reviewing.accept_all(s, p, plan_id, body.version)}


@router.post("/plans/{plan_id}/activate")
def activate(plan_id: int, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    plan = reviewing.activate(s, p, plan_id, body.version)
    return {"id": plan.id, "status": plan.status, "version": plan.version}


@router.post("/plans/{plan_id}/items", status_code=201)
def add_item(plan_id: int, body: NewItem, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """An item the reader missed; `values` may carry `span_start`/`span_end` in the
    source text."""
    return item_row(reviewing.add_item(s, p, plan_id, body.kind, body.values))


@router.post("/items/{ref}/split", status_code=201)
def split(ref: str, body: Split, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Cut the item where `second_part` begins: {"first": …, "second": …}."""
    first, second = reviewing.split(s, p, ref, body.version, body.second_part)
    return {"first": item_row(first), "second": item_row(second)}


@router.post("/items/{ref}/merge")
def merge_items(ref: str, body: ItemMerge, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """`other` joins this item and is rejected; the joined item is returned."""
    return item_row(reviewing.merge(s, p, ref, body.version, body.other))


@router.post("/plans/{plan_id}/facts")
def plan_facts(plan_id: int, body: Correction, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Fix the plan's number, issued_on, issuer, title, kind, term_start, term_end."""
    plan = reviewing.correct_plan(s, p, plan_id, body.version, body.changes)
    summary: dict[str, Any] = review_view.review_page(s, p, plan.id)["plan"]
    return summary


@router.get("/plans/{plan_id}/delete")
def delete_preview(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """What deleting the draft would remove, or what stops it (nothing is changed)."""
    return reviewing.deletion(s, p, plan_id)


@router.delete("/plans/{plan_id}")
def delete(plan_id: int, version: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Delete a draft nothing depends on (`?version=` as the page read it)."""
    return reviewing.delete_draft(s, p, plan_id, version)


@router.get("/plans/{plan_id}/activate")
def activation_preview(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """What activation will change (the version it closes), before it is done."""
    return confirmations.activation(s, p, plan_id)


@router.get("/plans/{plan_id}/close")
def closing_preview(plan_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return confirmations.closing(s, p, plan_id)


@router.post("/plans/{plan_id}/close")
def close(plan_id: int, body: Versioned, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Close a live plan (it stops taking reports); revertible from the audit history."""
    plan = reviewing.close(s, p, plan_id, body.version)
    return {"id": plan.id, "status": plan.status, "version": plan.version}


@router.post("/jobs/{job_id}/accept-version", status_code=202)
def accept_version(request: Request, job_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Store the new version a finished upload job offered (its diff is in the job's
    `result.offer`): the import job it queued."""
    return jobs.accept_offer(s, p, job_id, deps.settings_of(request))
