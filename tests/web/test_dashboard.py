"""The dashboard: counts as `status_of_unit` makes them, overdue tasks, targets at risk,
completeness of the period, a province's communes side by side; register status filters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.conftest import A, B, World
from tests.web.progress_world import LATE, implement
from theodoi.domain.access import Grant
from theodoi.services import uow
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import status
from theodoi.services.views import register_view

SEEN = "2026-10-03"  # k1 (Quý III/2026) is overdue by then, k3 (15/12) not yet


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    found = implement(as_user, world)
    office = as_user("vanphong")
    # t1, income per year, is reported year-to-date: from 60 in 2025 to the roadmap's 80 in
    # 2028 the year 2026 should bring 66,7, so about 33 by June; 25 by June is behind
    version = office.get("/api/items/t1").json()["item"]["version"]
    assert office.post("/api/items/t1/baseline", json={"value": 60, "year": 2025,
                                                       "version": version}).status_code == 200
    for period, value in (("Q1/2026", "12"), ("Q2/2026", "25")):
        assert office.post("/api/items/t1/progress",
                           json={"period": period, "value": value}).status_code == 201
    assert office.post("/api/items/t3/progress",
                       json={"period": "Q2/2026", "value": "96"}).status_code == 201
    return found


def _counts(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    return {r["key"]: r["counts"] for r in rows}


def test_counts_match_the_status_of_the_unit(world: World, as_user: Any, items: Any) -> None:
    data = as_user("lanhdao").get(f"/api/units/{world.units[A]}/dashboard",
                                  params={"as_of": SEEN}).json()
    with uow.transaction(world.settings) as s:
        found = status.status_of_unit(s, A, date.fromisoformat(SEEN))
    assert _counts(data["by_field"]) == found.by_field
    assert _counts(data["by_agency"]) == found.by_agency
    assert data["totals"] == {"targets": len(found.targets), "tasks": len(found.tasks)}
    assert [r["ref"] for r in data["overdue"]] == ["k1"]
    assert [r["ref"] for r in data["at_risk"]] == ["t1"]  # 25 by June of 66,7: behind
    assert data["at_risk"][0]["code"] == "cham_tien_do"
    assert data["completeness"]["period"] == "2026-Q3"  # reports of Q3 are due in October
    assert data["completeness"]["reported"] == 0 and data["completeness"]["expected"] == 6


def test_the_dashboard_page_shows_badges_lists_and_a_date_picker(world: World, as_user: Any,
                                                                 items: Any) -> None:
    page = as_user("lanhdao").get(f"/don-vi/{world.units[A]}/tong-quan",
                                  params={"ngay": SEEN})
    assert page.status_code == 200
    text = page.text
    # typed as dd/mm/yyyy whatever the browser's language, not a date picker
    assert '<input name="ngay" value="03/10/2026" inputmode="numeric" placeholder="dd/mm/yyyy"' \
        in text and 'type="date"' not in text
    assert '<span class="tt tt-qua_han">Quá hạn</span>' in text
    assert '<span class="tt tt-cham_tien_do">Chậm tiến độ</span>' in text
    assert 'href="/nhiem-vu/k1"' in text and 'href="/chi-tieu/t1"' in text
    assert "Tình hình báo cáo Quý III/2026" in text and "Đến ngày 03/10/2026" in text
    assert "Phòng Kinh tế" in text and "Kinh tế" in text
    assert as_user("lanhdao").get(f"/don-vi/{world.units[A]}/tong-quan",
                                  params={"ngay": "hôm qua"}).status_code == 400


def test_a_province_sees_its_communes_side_by_side(world: World, as_user: Any,
                                                   items: Any) -> None:
    province = world.units["Tỉnh Mẫu"]
    reader = as_user("tinh")
    data = reader.get(f"/api/units/{province}/dashboard", params={"as_of": SEEN}).json()
    with uow.transaction(world.settings) as s:
        below = status.status_below(s, "tinh-mau", date.fromisoformat(SEEN))
    communes = {c["id"]: c for c in data["communes"]}
    assert set(communes) == {world.units[A], world.units[B]}
    for unit_id, row in communes.items():
        rows = below[unit_id].targets + below[unit_id].tasks
        assert sum(row["counts"].values()) == len(rows)
        assert row["overdue"] == sum(r.code == "qua_han" for r in rows)
    assert communes[world.units[A]]["at_risk"] == 1
    assert communes[world.units[A]]["completeness"] == {
        "period_label": "Quý III/2026", "expected": 6, "reported": 0}
    page = reader.get(f"/don-vi/{province}/tong-quan", params={"ngay": SEEN})
    assert '<span class="tt tt-qua_han">Quá hạn</span>' in page.text
    assert "Theo lĩnh vực" not in page.text  # the province has no plan of its own
    assert "Tỉnh Mẫu chưa có kế hoạch riêng đang thực hiện" in page.text
    assert "0 chỉ tiêu, 0 nhiệm vụ" not in page.text
    assert f'href="/don-vi/{world.units[A]}/tong-quan?ngay={SEEN}"' in page.text
    assert f'href="/don-vi/{world.units[B]}/tong-quan?ngay={SEEN}"' in page.text
    commune = reader.get(f"/don-vi/{world.units[B]}/tong-quan", params={"ngay": SEEN})
    assert commune.status_code == 200
    assert as_user("lanhdao").get(f"/api/units/{world.units[A]}/dashboard").json()[
        "communes"] == []


def test_an_agency_sees_only_its_own_items_counted(world: World, as_user: Any,
                                                   items: Any) -> None:
    data = as_user("donvi").get(f"/api/units/{world.units[A]}/dashboard",
                                params={"as_of": SEEN}).json()
    assert data["totals"] == {"targets": 1, "tasks": 2}
    assert [r["key"] for r in data["by_agency"]] == ["Phòng Kinh tế"]
    assert [a["agency"] for a in data["completeness"]["agencies"]] == ["Phòng Kinh tế"]
    assert as_user("donvi").get(f"/api/units/{world.units[B]}/dashboard").status_code == 404
    assert as_user("khac").get(f"/don-vi/{world.units[A]}/tong-quan").status_code == 404


def test_the_register_filters_by_status_and_due(world: World, as_user: Any,
                                                items: Any) -> None:
    office = Principal(0, "vanphong", "", (Grant(world.units[A], "van_phong"),))
    with uow.transaction(world.settings) as s:

        def refs(**kw: Any) -> list[str]:
            f = register_view.Filters(**kw)
            page = register_view.register_page(s, office, world.units[A], f,
                                               date.fromisoformat(SEEN))
            return [i["ref"] for i in page["items"]]

        assert refs(due="qua_han") == ["k1"]
        assert refs(due="quy_nay") == ["k3"]  # due 15/12/2026, in Q4 like the day asked
        assert sorted(refs(due="nam_nay")) == ["k1", "k3"]
        assert refs(status="cham_tien_do") == ["t1"]
        assert refs(status="vuot") == ["t3"]  # 96 % against 95 %
        assert refs(status="chua_co_so_lieu", kind="target") == ["t2"]
        assert refs(due="qua_han", status="sap_den_han") == []
        page = register_view.register_page(s, office, world.units[A],
                                           register_view.Filters(due="nam_nay"), LATE)
        # in 2027: k2 (Quý IV/2027) and the yearly k3 again
        assert [i["ref"] for i in page["items"]] == ["k2", "k3"]
    client = as_user("vanphong")
    r = client.get(f"/api/units/{world.units[A]}/register", params={"due": "nam_nay"})
    assert r.status_code == 200 and r.json()["filters"]["due"] == "nam_nay"
    r = client.get(f"/api/units/{world.units[A]}/register", params={"status": "không có"})
    assert r.status_code == 400
    page = client.get(f"/don-vi/{world.units[A]}/so-theo-doi", params={"status": "qua_han"})
    assert page.status_code == 200 and '<option value="qua_han" selected>' in page.text


def test_status_columns_are_the_same_whatever_the_unit_or_day(world: World, as_user: Any,
                                                              items: Any) -> None:
    from theodoi.domain.status import TARGET_RULES, TASK_RULES

    reader = as_user("tinh")
    every = [(c, "target") for c, _l, _d in TARGET_RULES] + [(c, "task")
                                                            for c, _l, _d in TASK_RULES]
    seen = []
    for unit, day in ((A, SEEN), (A, "2026-01-02"), (B, SEEN), ("Tỉnh Mẫu", SEEN)):
        data = reader.get(f"/api/units/{world.units[unit]}/dashboard",
                          params={"as_of": day}).json()
        for key in ("statuses", "commune_statuses"):
            seen.append([(st["code"], st["group"]) for st in data[key]])
    assert all(columns == every for columns in seen)
    page = reader.get(f"/don-vi/{world.units[B]}/tong-quan", params={"ngay": SEEN}).text
    assert 'colspan="9">Trạng thái chỉ tiêu</th>' in page
    assert 'colspan="6">Trạng thái nhiệm vụ</th>' in page
    # B's plan is active with nothing reported: no target is 'Vượt', shown as a dim dash
    assert '<td class="so khong" data-ma="vuot">–</td>' in page
