"""Pages of status: a unit's dashboard, a target's page (trajectory chart, history) and a
task's page, each as of a day (default today)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from theodoi.services import freshness, reminders
from theodoi.services.emulation import dossier
from theodoi.services.views import dashboard_view, item_view
from theodoi.services.views.item_filters import ItemFilter
from theodoi.services.views.my_work import parse_day
from theodoi.web import deps
from theodoi.web.chart import svg
from theodoi.web.pages import reminders as page_reminders
from theodoi.web.templating import rendered
from theodoi.web.validation import validated

router = APIRouter(include_in_schema=False)
FILTERS = ("kind", "field", "issuer", "doc_kind")  # ItemFilter's, in its order


def as_of(text: str | None) -> date:
    """The day asked for (a date picker's yyyy-mm-dd or dd/mm/yyyy), else today."""
    return parse_day(text, "ngày xem") or date.today()


@router.get("/don-vi/{unit_id}/tong-quan")
def dashboard(request: Request, unit_id: int, s: deps.Db, p: deps.User) -> Response:
    """A unit's dashboard as of `ngay`, its own items narrowed by `kind`, `field`,
    `issuer` and `doc_kind` (all optional, as a plain str parameter: the last value
    sent, else empty). They are read from the query here rather than declared: FastAPI
    solving five declared parameters was ~2.4 % of a warm province dashboard."""
    query = request.query_params
    day = as_of(query.get("ngay", ""))
    narrow = ItemFilter(*(query.get(name, "") for name in FILTERS))
    stamps = freshness.of_unit(s, p, unit_id, below=True)  # the access check first
    # movements hang on no stamp: their deadlines are part of the page's tag itself
    deadlines = dossier.deadlines(s, p, unit_id, day)

    def make() -> Response:
        own, communes = dashboard_view.dashboard_parts(s, p, unit_id, day, narrow)
        rollup = dashboard_view.rollup_rows(s, p, unit_id, day)
        data = {**own, "communes": communes, "commune_statuses": dashboard_view.COLUMNS,
                "rollup": rollup}
        return HTMLResponse(rendered("dashboard.html", request, data=data,
                                   shared=(own, communes, rollup), deadlines=deadlines))

    return validated(request, p, day, stamps, make, extra=repr(deadlines))


def _item(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str,
          saved: str, chased: str, sent: str = "") -> Response:
    day = as_of(ngay)
    stamps = freshness.of_item(s, p, ref)  # the access check, then the stamps, before any row
    # comments hang on no unit's stamp: the thread itself is part of the page's tag
    comments = page_reminders.thread_of(s, p, ref)

    def make() -> Response:
        data = item_view.item_page(s, p, ref, day)
        more: dict[str, Any] = {
            "saved": saved, "sent": sent, "chased": chased if chased.isdigit() else "",
            "can_chase": reminders.may_chase_item(s, p, ref), "comments": comments}
        if data["kind"] == "target":
            return HTMLResponse(rendered("target.html", request, data=data, shared=(data,),
                                       lazy={"chart": lambda: svg(data["chart"])}, **more))
        return HTMLResponse(rendered("task.html", request, data=data, shared=(data,),
                                     **more))

    return validated(request, p, day, stamps, make, extra=repr(comments))


@router.get("/chi-tieu/{ref}")
def target(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str = "",
           da_ghi: str = "", da_don_doc: str = "", da_gui: str = "") -> Response:
    return _item(request, ref, s, p, ngay, da_ghi, da_don_doc, da_gui)


@router.get("/nhiem-vu/{ref}")
def task(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str = "",
         da_ghi: str = "", da_don_doc: str = "") -> Response:
    return _item(request, ref, s, p, ngay, da_ghi, da_don_doc)
