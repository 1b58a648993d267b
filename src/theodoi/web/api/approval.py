"""JSON of a task's product flow: its state and steps, trình, duyệt, trả lại and the file,
from the same service calls as the task page's forms."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from theodoi.domain.errors import BadInput
from theodoi.services.approval import bodies, flow
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.downloads import attachment_response

router = APIRouter(prefix="/api", tags=["trình và duyệt sản phẩm"])


class ProductFile(BaseModel):
    name: str
    content_base64: str


class Submission(BaseModel):
    file: ProductFile
    to_body: str | None = None


class Decision(BaseModel):
    reason: str | None = None


@router.get("/items/{ref}/product")
def product(ref: str, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    return flow.product(s, p, ref, parse_day(as_of, "ngày xem (as_of)") or date.today())


@router.post("/items/{ref}/product/submit", status_code=201)
def submit(request: Request, ref: str, body: Submission, s: deps.Db,
           p: deps.User) -> dict[str, Any]:
    try:
        content = base64.b64decode(body.file.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadInput("tệp sản phẩm không đúng dạng base64.") from exc
    return flow.submit(s, p, ref, (body.file.name, content), on=date.today(),
                       max_bytes=deps.settings_of(request).max_evidence_bytes,
                       to_body=body.to_body)


@router.post("/items/{ref}/product/approve")
def approve(ref: str, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return flow.decide(s, p, ref, "duyet", on=date.today())


@router.post("/items/{ref}/product/return")
def return_(ref: str, body: Decision, s: deps.Db, p: deps.User) -> dict[str, Any]:
    return flow.decide(s, p, ref, "tra_lai", on=date.today(), reason=body.reason)


@router.get("/units/{unit_id}/products")
def open_products(unit_id: int, s: deps.Db, p: deps.User, as_of: str = "") -> dict[str, Any]:
    return flow.open_products(s, p, unit_id,
                              parse_day(as_of, "ngày xem (as_of)") or date.today())


@router.get("/items/{ref}/product/files/{step_id}")
def download(ref: str, step_id: int, s: deps.Db, p: deps.User) -> Response:
    file = flow.step_file(s, p, ref, step_id)
    return attachment_response(file.name, file.content)


class Approvers(BaseModel):
    body: str
    users: list[str] = []


@router.get("/units/{unit_id}/approvers")
def approvers(unit_id: int, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """The unit's bodies with the people named to approve for them."""
    return bodies.listing(s, p, unit_id)


@router.put("/units/{unit_id}/approvers")
def set_approvers(unit_id: int, body: Approvers, s: deps.Db, p: deps.User) -> dict[str, Any]:
    """Name who approves for a body (an empty list: the unit's leaders again)."""
    return bodies.set_approvers(s, p, unit_id, body.body, body.users)
