"""The one error handler: a theodoi error becomes its status code and ONE error shape.

JSON under /api: {"error": {"code": "E300", "type": "conflict", "message": "…"}}.
Pages get the same message on an error page; an htmx request gets it as a fragment
swapped into the page's notice area; a page that needs sign-in redirects to the login.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from theodoi.domain.access import MustChangePassword, TooManyAttempts, Unauthenticated
from theodoi.domain.errors import BadInput, Conflict, Forbidden, NotFound, TheodoiError
from theodoi.web.templating import render

# most specific first
STATUS: list[tuple[type[TheodoiError], int, str]] = [
    (Unauthenticated, 401, "unauthenticated"), (TooManyAttempts, 429, "too_many_attempts"),
    (NotFound, 404, "not_found"), (Conflict, 409, "conflict"), (Forbidden, 403, "forbidden"),
    (BadInput, 400, "bad_input"), (TheodoiError, 400, "bad_input")]
HTTP_MESSAGES = {404: "không có trang này.", 405: "không dùng được cách gửi này.",
                 413: "dữ liệu gửi lên quá lớn."}
HTTP_TYPES = {404: "not_found", 405: "bad_input", 413: "bad_input"}


def sentence(message: str) -> str:
    """The message as a person reads it, with a capital first letter.

    Messages are written lower case so the CLI and API clients can embed them; what a page
    shows starts a sentence. A first word that is a code or a name as written (t1, k12,
    ke-hoach.docx, 'x') keeps its case.
    """
    first = message.split(" ", 1)[0].rstrip(",;:")
    if not first.isalpha() or not first[0].islower():
        return message
    return message[0].upper() + message[1:]


def status_of(exc: TheodoiError) -> tuple[int, str]:
    return next((code, kind) for cls, code, kind in STATUS if isinstance(exc, cls))


def respond(request: Request, status: int, kind: str, code: str, message: str) -> Response:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"error": {"code": code, "type": kind, "message": message}},
                            status_code=status)
    if status == 401:
        return RedirectResponse("/dang-nhap?tiep=" + quote(request.url.path), status_code=303)
    message = sentence(message)
    if request.headers.get("hx-request"):
        return HTMLResponse(render("_notice.html", request, level="loi", message=message),
                            status_code=status,
                            headers={"HX-Retarget": notice_of(request), "HX-Reswap": "innerHTML"})
    back, where = back_link(request)
    return HTMLResponse(render("error.html", request, status=status, message=message,
                               back=back, back_label=where), status_code=status)


def notice_of(request: Request) -> str:
    """Where an htmx form's error goes: beside the form. A form answering into its own
    notice area (#tb-…) gets it there; one that redraws an element (#muc-t1) gets it in
    that element's notice area (#tb-muc-t1); anything else in the page's notice area."""
    target = request.headers.get("hx-target", "")
    if not target.replace("-", "").isalnum():
        return "#thong-bao"
    if target.startswith("tb-"):
        return f"#{target}"
    return f"#tb-{target}" if target.startswith("muc-") else "#thong-bao"


def back_link(request: Request) -> tuple[str, str]:
    """(link, words) back to where the person was: the page they came from when it is one
    of this site's (the Referer), else their unit's home, else the home page."""
    came = urlsplit(request.headers.get("referer", ""))
    if came.netloc == request.url.netloc and came.path.startswith("/") \
            and not came.path.startswith("/api"):
        return urlunsplit(("", "", came.path, came.query, "")), "Quay lại trang trước"
    user = getattr(request.state, "user", None)
    if user is not None and user.grants:
        return f"/don-vi/{user.grants[0].unit_id}", "Về trang đơn vị"
    return "/", "Về trang chủ"


async def on_theodoi_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TheodoiError)
    status, kind = status_of(exc)
    return respond(request, status, kind, exc.code, exc.render("web"))


async def on_must_change_password(request: Request, exc: Exception) -> Response:
    """Pages go to the password form; API clients get the 403 error shape."""
    if request.url.path.startswith("/api") or request.headers.get("hx-request"):
        return await on_theodoi_error(request, exc)
    return RedirectResponse("/doi-mat-khau", status_code=303)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    where = "; ".join(".".join(str(x) for x in e.get("loc", ())[1:]) or "?"
                      for e in exc.errors())
    return respond(request, 422, "bad_input", BadInput.code,
                   f"dữ liệu gửi lên thiếu hoặc sai: {where}.")


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = HTTP_MESSAGES.get(exc.status_code, "yêu cầu không thực hiện được.")
    return respond(request, exc.status_code, HTTP_TYPES.get(exc.status_code, "bad_input"),
                   "E000", message)


def install(app: FastAPI) -> None:
    app.add_exception_handler(MustChangePassword, on_must_change_password)
    app.add_exception_handler(TheodoiError, on_theodoi_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
