"""The page where a quan_tri manages a unit's users, roles and units (/don-vi/…/quan-tri).

Every form posts to its own route, which calls `services.accounts.administration` (the
twin of `theodoi user …` and `theodoi unit …`) and sends the browser back to the page
with a word saying what was done; errors are shown by the one error renderer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import parse_id
from theodoi.services.accounts import administration as admin
from theodoi.web import deps
from theodoi.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
DONE = {"tao": "Đã tạo người dùng.", "quyen": "Đã phân quyền.", "thu-hoi": "Đã thu hồi vai trò.",
        "mat-khau": "Đã đặt lại mật khẩu; mọi phiên đăng nhập của người đó đã kết thúc.",
        "bat-doi": "Người đó sẽ phải đổi mật khẩu ở lần làm việc tới.",
        "don-vi": "Đã tạo đơn vị.", "doi-ten": "Đã đổi tên đơn vị.",
        "chuyen": "Đã chuyển đơn vị.",
        "nguoi-doc": "Đã lưu các vai trò được đọc tài liệu hạn chế."}


def _back(unit_id: int, done: str) -> Response:
    return RedirectResponse(f"/don-vi/{unit_id}/quan-tri?xong={done}", status_code=303)


def parse_choice(text: str, what: str) -> int | None:
    """An optional id chosen in a select box ('' is none); BadInput for anything else."""
    if not text.strip():
        return None
    found = parse_id(text.strip())
    if found is None:
        raise BadInput(f"{what} '{text}' không hợp lệ.")
    return found


@router.get("/don-vi/{unit_id}/quan-tri")
def admin_page(request: Request, unit_id: int, s: deps.Db, p: deps.User,
               xong: str = "") -> Response:
    data = admin.overview(s, p, unit_id)
    return HTMLResponse(render("admin.html", request, data=data, done=DONE.get(xong)),
                        headers={"cache-control": "no-store"})


@router.post("/don-vi/{unit_id}/quan-tri/nguoi-dung")
def create_user(unit_id: int, s: deps.Db, p: deps.User, username: Text, password: Text,
                role: Text, full_name: Text = "", agency_id: Text = "",
                must_change: Text = "") -> Response:
    admin.create_user(s, p, unit_id, username, password, full_name=full_name, role=role,
                      agency_id=parse_choice(agency_id, "cơ quan"), must_change=bool(must_change))
    return _back(unit_id, "tao")


@router.post("/don-vi/{unit_id}/quan-tri/phan-quyen")
def grant(unit_id: int, s: deps.Db, p: deps.User, username: Text, role: Text,
          agency_id: Text = "", target_unit: Text = "") -> Response:
    where = parse_choice(target_unit, "đơn vị") or unit_id
    admin.grant(s, p, where, username, role, parse_choice(agency_id, "cơ quan"))
    return _back(unit_id, "quyen")


@router.post("/don-vi/{unit_id}/quan-tri/thu-hoi")
def revoke(unit_id: int, s: deps.Db, p: deps.User, username: Text, role: Text,
           grant_unit: Text = "") -> Response:
    admin.revoke(s, p, parse_choice(grant_unit, "đơn vị") or unit_id, username, role)
    return _back(unit_id, "thu-hoi")


@router.post("/don-vi/{unit_id}/quan-tri/mat-khau")
def reset_password(unit_id: int, s: deps.Db, p: deps.User, username: Text,
                   password: Text = "", must_change: Text = "") -> Response:
    admin.reset_password(s, p, unit_id, username, password or None, bool(must_change))
    return _back(unit_id, "mat-khau" if password else "bat-doi")


@router.post("/don-vi/{unit_id}/quan-tri/don-vi")
def create_unit(unit_id: int, s: deps.Db, p: deps.User, name: Text, level: Text,
                code: Text = "") -> Response:
    admin.create_unit(s, p, unit_id, name, level, code.strip() or None)
    return _back(unit_id, "don-vi")


@router.post("/don-vi/{unit_id}/quan-tri/doi-ten")
def rename(unit_id: int, s: deps.Db, p: deps.User, name: Text) -> Response:
    admin.rename(s, p, unit_id, name)
    return _back(unit_id, "doi-ten")


@router.post("/don-vi/{unit_id}/quan-tri/chuyen")
def move(unit_id: int, s: deps.Db, p: deps.User, parent_id: Text) -> Response:
    above = parse_choice(parent_id, "đơn vị")
    if above is None:
        raise BadInput("hãy chọn đơn vị cấp trên mới.")
    admin.move(s, p, unit_id, above)
    return _back(unit_id, "chuyen")


@router.post("/don-vi/{unit_id}/quan-tri/nguoi-doc")
def readers(unit_id: int, s: deps.Db, p: deps.User, form: deps.Fields) -> Response:
    """The roles ticked read the unit's restricted plans ("mac-dinh": the default)."""
    roles = None if form.get("mac_dinh") else [str(r) for r in form.getlist("roles")]
    admin.set_readers(s, p, unit_id, roles)
    return _back(unit_id, "nguoi-doc")
