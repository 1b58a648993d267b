"""Restricted plans (issue 18 item 5): once the office marks a plan restricted, only the
roles the unit names read it (by default lanh_dao, van_phong, quan_tri, at the unit or
above); everyone else gets 404 for the plan, its items and files, and no count of it on
a dashboard, even from a page the cache made for a reader."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import A, B, World
from tests.web.progress_world import implement

SEEN = "2027-01-15"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _restrict(client: Any, world: World, unit: str = A, value: str = "co") -> None:
    """The office marks the plan restricted through the review page's facts form."""
    plan_id = world.plans[unit]
    version = client.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
    r = client.post(f"/ke-hoach/{plan_id}/thong-tin",
                    data={"version": str(version), "restricted": value},
                    follow_redirects=False)
    assert r.status_code in (200, 303), r.text


@pytest.fixture
def restricted(world: World, as_user: Any) -> dict[str, Any]:
    """A's plan active, t1 led by Phòng Kinh tế (the don_vi user's agency) with a file
    of evidence, and then the plan marked restricted by the office."""
    implement(as_user, world)
    office = as_user("vanphong")
    r = office.post("/muc/t1/so-lieu", data={"period": "2026", "value": "60"},
                    files={"evidence": ("bien-ban.pdf", PDF, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    file_id = int(re.findall(r'href="/tep/(\d+)"', office.get("/chi-tieu/t1").text)[0])
    before = {who: as_user(who).get("/api/items/t1").status_code for who in ("donvi", "xem")}
    assert before == {"donvi": 200, "xem": 200}  # the agency leads t1; the reader reads A
    _restrict(office, world)
    return {"file": file_id, "office": office}


def test_the_plan_is_marked_and_the_change_is_in_the_unit_history(
        world: World, restricted: dict[str, Any], as_user: Any) -> None:
    plan = restricted["office"].get(f"/api/plans/{world.plans[A]}/review").json()["plan"]
    assert plan["restricted"] is True
    entries = as_user("lanhdao").get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    mark = next(e for e in entries if e["entity_kind"] == "plan" and e["field"] == "restricted")
    assert mark["username"] == "vanphong"
    assert mark["field_label"] == "tài liệu hạn chế người đọc"
    assert (mark["old"], mark["new"]) == ("false", "true")


@pytest.mark.parametrize("who", ["donvi", "xem"])
def test_who_is_not_named_gets_404_for_the_plan_its_items_and_files(
        world: World, restricted: dict[str, Any], as_user: Any, who: str) -> None:
    client = as_user(who)
    plan_id, file_id = world.plans[A], restricted["file"]
    for path in (f"/api/plans/{plan_id}/review", f"/ke-hoach/{plan_id}",
                 "/api/items/t1", "/chi-tieu/t1", "/nhiem-vu/k1", "/api/items/k1",
                 f"/tep/{file_id}", f"/api/files/{file_id}",
                 f"/api/plans/{plan_id}/calendar"):
        r = client.get(path)
        assert r.status_code == 404, (path, r.status_code)
    # the same words as an id that does not exist
    assert client.get("/api/items/t1").json()["error"]["message"] == "không có mục t1."


@pytest.mark.parametrize("who", ["lanhdao", "vanphong", "quantri"])
def test_the_named_roles_read_it(world: World, restricted: dict[str, Any], as_user: Any,
                                 who: str) -> None:
    client = as_user(who)
    assert client.get("/api/items/t1").status_code == 200
    assert client.get(f"/api/files/{restricted['file']}").content == PDF
    assert client.get(f"/api/plans/{world.plans[A]}/review").status_code == 200


def test_dashboard_and_register_counts_leave_it_out_for_the_others(
        world: World, restricted: dict[str, Any], as_user: Any) -> None:
    leader, reader, agency = as_user("lanhdao"), as_user("xem"), as_user("donvi")
    unit = world.units[A]
    seen = leader.get(f"/api/units/{unit}/dashboard", params={"ngay": SEEN}).json()
    assert seen["totals"]["targets"] > 0 and seen["totals"]["tasks"] > 0
    for client in (reader, agency):
        hidden = client.get(f"/api/units/{unit}/dashboard", params={"ngay": SEEN}).json()
        assert hidden["totals"] == {"targets": 0, "tasks": 0}  # A's only plan is restricted
        assert hidden["by_field"] == [] and hidden["by_agency"] == []
        assert hidden["completeness"]["expected"] == 0
        assert hidden["completeness"]["agencies"] == []
        listed = client.get(f"/api/units/{unit}/register").json()
        assert listed["items"] == [] and listed["total"] == 0
    assert leader.get(f"/api/units/{unit}/register").json()["total"] > 0


def test_a_page_cached_for_the_leader_is_404_or_empty_for_the_others(
        world: World, restricted: dict[str, Any], as_user: Any) -> None:
    leader, agency, reader = as_user("lanhdao"), as_user("donvi"), as_user("xem")
    for path in ("/chi-tieu/t1", "/api/items/t1"):
        first = leader.get(path)
        assert first.status_code == 200 and leader.get(path).status_code == 200
        tag = first.headers["etag"]
        assert agency.get(path).status_code == 404
        # the leader's tag sent back by someone else is no way in either
        assert agency.get(path, headers={"If-None-Match": tag}).status_code == 404
    board = f"/don-vi/{world.units[A]}/tong-quan"
    overdue = leader.get(f"/api/units/{world.units[A]}/dashboard",
                         params={"ngay": SEEN}).json()["overdue"]
    words = overdue[0]["text"][:20]  # an overdue task of the restricted plan
    assert words in leader.get(board, params={"ngay": SEEN}).text  # made, and cached
    assert words not in reader.get(board, params={"ngay": SEEN}).text


def test_the_province_row_counts_it_for_its_leader_not_for_its_reader(
        world: World, restricted: dict[str, Any], as_user: Any) -> None:
    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts

    with uow.transaction(world.settings) as s:
        accounts.create_user(s, "tinhld", "mat-khau-123", full_name="Tinhld")
        accounts.grant(s, "tinhld", "Tỉnh Mẫu", "lanh_dao", None)
    province = world.units["Tỉnh Mẫu"]

    def rows(who: str) -> dict[str, Any]:
        found = as_user(who).get(f"/api/units/{province}/dashboard",
                                 params={"ngay": SEEN}).json()["communes"]
        return {c["name"]: c for c in found}

    leader, reader = rows("tinhld"), rows("tinh")
    assert leader[A]["targets"] > 0 and reader[A]["targets"] == 0
    assert reader[A]["completeness"]["expected"] == 0
    assert reader[B] == leader[B]  # B's plan is not restricted: the same row for both
    assert as_user("tinh").get("/api/items/t1").status_code == 404
    assert as_user("tinhld").get("/api/items/t1").status_code == 200


def test_the_unit_can_name_other_readers(world: World, restricted: dict[str, Any],
                                         as_user: Any) -> None:
    from theodoi.services import uow
    from theodoi.services.register import units

    with uow.transaction(world.settings) as s:
        units.set_restricted_readers(s, None, A, ["lanh_dao", "xem"])
    assert as_user("xem").get("/api/items/t1").status_code == 200
    assert as_user("vanphong").get("/api/items/t1").status_code == 404


def test_unmarking_opens_it_again(world: World, restricted: dict[str, Any],
                                  as_user: Any) -> None:
    agency = as_user("donvi")
    assert agency.get("/api/items/t1").status_code == 404
    _restrict(restricted["office"], world, value="khong")
    assert agency.get("/api/items/t1").status_code == 200


def test_the_office_of_another_commune_and_a_reader_cannot_mark_it(
        world: World, as_user: Any) -> None:
    reader = as_user("xem")
    plan_id = world.plans[A]
    version = reader.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
    r = reader.post(f"/api/plans/{plan_id}/facts",
                    json={"version": version, "changes": {"restricted": "có"}})
    assert r.status_code == 403
    r = as_user("khac").post(f"/api/plans/{plan_id}/facts",
                             json={"version": version, "changes": {"restricted": "có"}})
    assert r.status_code == 404
    assert reader.get(f"/api/plans/{plan_id}/review").json()["plan"]["restricted"] is False


def test_the_register_workbook_keeps_the_mark_and_leaves_it_out_for_the_others(
        world: World, restricted: dict[str, Any], as_user: Any) -> None:
    import io

    from openpyxl import load_workbook

    def plans(who: str) -> list[dict[str, Any]]:
        r = as_user(who).get(f"/api/units/{world.units[A]}/register-export")
        assert r.status_code == 200, r.text
        sheet = load_workbook(io.BytesIO(r.content))["Kế hoạch"]
        rows = list(sheet.iter_rows(values_only=True))
        return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(row)]

    [plan] = plans("lanhdao")
    assert plan["Tài liệu hạn chế"] == "có"
    assert plans("xem") == []
