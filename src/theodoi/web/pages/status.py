"""Pages of status: a unit's dashboard, a target's page (trajectory chart, history) and a
task's page, each as of a day (default today)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from theodoi.services import dashboard_view, freshness, item_view
from theodoi.services.my_work import parse_day
from theodoi.web import deps
from theodoi.web.chart import svg
from theodoi.web.templating import render
from theodoi.web.validation import validated

router = APIRouter(include_in_schema=False)


def as_of(text: str | None) -> date:
    """The day asked for (a date picker's yyyy-mm-dd or dd/mm/yyyy), else today."""
    return parse_day(text, "ngày xem") or date.today()


@router.get("/don-vi/{unit_id}/tong-quan")
def dashboard(request: Request, unit_id: int, s: deps.Db, p: deps.User,
              ngay: str = "") -> Response:
    day = as_of(ngay)

    def make() -> Response:
        own, communes = dashboard_view.dashboard_parts(s, p, unit_id, day)
        data = {**own, "communes": communes, "commune_statuses": dashboard_view.COLUMNS}
        return HTMLResponse(render("dashboard.html", request, data=data,
                                   shared=(own, *communes)))

    return validated(request, p, day, freshness.of_unit(s, p, unit_id, below=True), make)


def _item(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str,
          saved: str) -> Response:
    day = as_of(ngay)

    def make() -> Response:
        data = item_view.item_page(s, p, ref, day)
        if data["kind"] == "target":
            return HTMLResponse(render("target.html", request, data=data, saved=saved,
                                       shared=(data,),
                                       lazy={"chart": lambda: svg(data["chart"])}))
        return HTMLResponse(render("task.html", request, data=data, saved=saved,
                                   shared=(data,)))

    return validated(request, p, day, freshness.of_item(s, p, ref), make)


@router.get("/chi-tieu/{ref}")
def target(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str = "",
           da_ghi: str = "") -> Response:
    return _item(request, ref, s, p, ngay, da_ghi)


@router.get("/nhiem-vu/{ref}")
def task(request: Request, ref: str, s: deps.Db, p: deps.User, ngay: str = "",
         da_ghi: str = "") -> Response:
    return _item(request, ref, s, p, ngay, da_ghi)
