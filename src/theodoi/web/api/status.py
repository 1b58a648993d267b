"""JSON of the dashboard, a target's or task's page and 'Việc của tôi', and the two
progress actions, from the same service calls as the pages."""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from theodoi.domain.errors import BadInput
from theodoi.services import freshness
from theodoi.services.emulation import dossier
from theodoi.services.progress import baselines
from theodoi.services.views import dashboard_view, item_view, my_work
from theodoi.services.views.item_filters import ItemFilter
from theodoi.web import deps
from theodoi.web.downloads import file_response
from theodoi.web.responses import json_of
from theodoi.web.validation import validated

router = APIRouter(prefix="/api", tags=["tiến độ và trạng thái"])


class Evidence(BaseModel):
    name: str
    content_base64: str


class Value(BaseModel):
    period: str
    value: str | float
    unit: str | None = None
    note: str | None = None
    evidence: Evidence | None = None


class Baseline(BaseModel):
    value: str | float
    year: str | int
    version: int


class Update(BaseModel):
    state: str
    percent: str | float | None = None
    completed_on: str | None = None
    product: str | None = None
    explanation: str | None = None
    evidence: Evidence | None = None  # the product file


class Part(BaseModel):
    note: str | None = None
    value: str | float | None = None
    period: str | None = None
    evidence: Evidence | None = None


def _day(text: str | None) -> date:
    return my_work.parse_day(text, "ngày xem (as_of)") or date.today()


@router.get("/units/{unit_id}/dashboard")
def dashboard(request: Request, unit_id: int, s: deps.Db, p: deps.User,
              as_of: str = "", kind: str = "", field: str = "", issuer: str = "",
              doc_kind: str = "") -> Response:
    day = _day(as_of)
    narrow = ItemFilter(kind, field, issuer, doc_kind)
    stamps = freshness.of_unit(s, p, unit_id, below=True)  # the access check first
    deadlines = dossier.deadlines(s, p, unit_id, day)  # on no stamp: in the tag
    return validated(request, p, day, stamps,
                     lambda: json_of({**dashboard_view.dashboard_page(s, p, unit_id, day,
                                                                      narrow),
                                      "movement_deadlines": [asdict(d) for d in deadlines]}),
                     extra=repr(deadlines))


@router.get("/units/{unit_id}/my-work")
def my_work_page(unit_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    return my_work.my_work_page(s, p, unit_id, _day(as_of))


@router.get("/items/{ref}")
def item(request: Request, ref: str, s: deps.Db, p: deps.User, as_of: str = "") -> Response:
    day = _day(as_of)
    return validated(request, p, day, freshness.of_item(s, p, ref),
                     lambda: json_of(item_view.item_page(s, p, ref, day)))


def _decoded(evidence: Evidence | None) -> tuple[str, bytes] | None:
    if evidence is None:
        return None
    try:
        return evidence.name, base64.b64decode(evidence.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadInput("tệp minh chứng không đúng dạng base64.") from exc


@router.post("/items/{ref}/progress", status_code=201)
def record_value(request: Request, ref: str, body: Value, s: deps.Db,
                 p: deps.User) -> dict[str, Any]:
    return my_work.record_value(s, p, ref, body.period, body.value, unit=body.unit,
                                note=body.note, evidence=_decoded(body.evidence),
                                max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)


@router.post("/items/{ref}/update", status_code=201)
def record_task(request: Request, ref: str, body: Update, s: deps.Db,
                p: deps.User) -> dict[str, Any]:
    return my_work.record_task(s, p, ref, body.state, on=date.today(), percent=body.percent,
                               completed_on=body.completed_on, product=body.product,
                               explanation=body.explanation, evidence=_decoded(body.evidence),
                               max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)


@router.post("/items/{ref}/contributions", status_code=201)
def contribute(request: Request, ref: str, body: Part, s: deps.Db,
               p: deps.User) -> dict[str, Any]:
    """A co-agency's part in an item it co-ordinates (a note, its part of the value, a
    file); the lead agency still reports the item's figure."""
    return my_work.contribute(s, p, ref, note=body.note, value=body.value, period=body.period,
                              evidence=_decoded(body.evidence),
                              max_evidence_bytes=deps.settings_of(request).max_evidence_bytes)


@router.get("/files/{attachment_id}")
def stored_file(attachment_id: int, s: deps.Db, p: deps.User) -> Response:
    """The stored file itself (not JSON): same answer as the page's /tep/<id>."""
    f = item_view.evidence_file(s, p, attachment_id)
    return file_response(f, inline=f.inline)


@router.post("/items/{ref}/baseline")
def set_baseline(ref: str, body: Baseline, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return baselines.set_baseline(s, p, ref, body.value, body.year, body.version)
