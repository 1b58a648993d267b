"""Days typed on the pages as dd/mm/yyyy whatever the browser's language (text fields, read
on the server), ISO in the API; a bad day is refused in Vietnamese."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.conftest import A, World
from tests.web.progress_world import implement
from theodoi.domain.errors import BadInput
from theodoi.services import uow
from theodoi.services.progress import records as progress
from theodoi.services.views.my_work import parse_day


@pytest.mark.parametrize("typed", ["15/03/2026", "15/3/2026", " 15 / 03 / 2026 ",
                                   "15.03.2026", "15-03-2026", "15 03 2026", "15032026",
                                   "2026-03-15"])
def test_the_ways_a_clerk_types_a_day(typed: str) -> None:
    assert parse_day(typed) == date(2026, 3, 15)


@pytest.mark.parametrize("typed", ["31/02/2026", "03/15/2026", "2026/03/15", "hôm qua",
                                   "1532026", "2026-3-15", "15/03/26"])
def test_a_day_that_is_not_one_is_refused_in_vietnamese(typed: str) -> None:
    with pytest.raises(BadInput) as refused:
        parse_day(typed, "ngày hoàn thành")
    assert refused.value.message == (f"ngày hoàn thành '{typed.strip()}' không hợp lệ; hãy "
                                     "ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2026.")


def test_pages_take_dd_mm_yyyy_and_the_api_iso(world: World, as_user: Any) -> None:
    implement(as_user, world)
    agency = as_user("donvi")
    page = agency.get(f"/don-vi/{world.units[A]}/viec-cua-toi")
    assert 'name="completed_on" value="" inputmode="numeric" placeholder="dd/mm/yyyy"' \
        in page.text
    r = agency.post("/muc/k1/tien-do", follow_redirects=False, data={
        "state": "hoan_thanh", "completed_on": "02/01/2026",
        "csrf_token": agency.headers["X-CSRF-Token"]})
    assert r.status_code == 303, r.text
    with uow.transaction(world.settings) as s:
        [update] = progress.task_history(s, "k1")
    assert update.completed_on == date(2026, 1, 2)  # 2 January, not 1 February
    bad = agency.post("/muc/k1/tien-do", data={"state": "hoan_thanh",
                                                "completed_on": "13/13/2026"})
    assert bad.status_code == 400 and "Ngày hoàn thành &#39;13/13/2026&#39; không hợp lệ" \
        in bad.text
    api = agency.post("/api/items/k3/update", json={"state": "hoan_thanh",
                                                    "completed_on": "2026-01-02"})
    assert api.status_code == 201 and api.json()["completed_on"] == "2026-01-02"
    leader = as_user("lanhdao")
    shown = leader.get(f"/don-vi/{world.units[A]}/tong-quan", params={"ngay": "03/10/2026"})
    assert shown.status_code == 200 and "Đến ngày 03/10/2026" in shown.text
    assert leader.get(f"/api/units/{world.units[A]}/dashboard",
                      params={"as_of": "2026-10-03"}).json()["as_of"] == "2026-10-03"
