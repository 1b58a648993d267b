"""Links across levels and the roll-up on the web (issue 22 items 1–2): a commune's office
suggests and confirms its targets' links to the province's, the province reads each
commune's figure and the aggregate (a mean, then weighted by population, worked out by
hand) on the target's roll-up page, in the API and on its dashboard; who may choose the
method and who may not reach the province's target at all."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.services.docs import import_text, plan_text
from tests.web.conftest import A, B, World
from theodoi.services import uow
from theodoi.services.progress import records
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.services.rollup import pages
from theodoi.storage.models import Plan

PROVINCE = "Tỉnh Mẫu"
TINH = plan_text("30-KH/UBND", "10 tháng 01 năm 2026", kind="KẾ HOẠCH",
                 title="phát triển kinh tế - xã hội giai đoạn 2026 - 2030",
                 targets=["Tỷ lệ hộ nghèo giảm còn dưới 1,5%.",
                          "Trồng mới 500 ha rừng sản xuất."])
DAY = "2026-07-15"


def _setup(world: World) -> dict[str, str]:
    """The province's plan and both communes' plans active; the refs of the poverty
    target of each."""
    with uow.transaction(world.settings) as s:
        plan_id = import_text(s, PROVINCE, TINH, "tinh.txt", activate=True)
        for unit in (A, B):
            review.activate(s, world.plans[unit], accept_rest=True)
        refs = {PROVINCE: _poor(s, plan_id)}
        refs |= {unit: _poor(s, world.plans[unit]) for unit in (A, B)}
    return refs


def _poor(s: Any, plan_id: int) -> str:
    return next(f"t{t.id}" for t in s.get(Plan, plan_id).targets if "nghèo" in t.indicator)


def _form(client: Any, path: str, **fields: str) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers={"X-CSRF-Token": ""})


def _link_to_province(client: Any, unit_id: int, province_ref: str) -> int:
    found = client.get(f"/api/units/{unit_id}/level-links?state=suggested").json()["links"]
    return int(next(x["id"] for x in found if x["upper"]["ref"] == province_ref))


def test_a_commune_links_its_targets_and_the_province_reads_the_roll_up(
        world: World, as_user: Any) -> None:
    refs = _setup(world)
    office = as_user("vanphong")
    unit_a = world.units[A]
    page = _form(office, f"/don-vi/{unit_a}/lien-ket-cap")
    assert "Có 1 đề xuất liên kết mới." in page.text  # the poverty rate; no forest in v1
    assert "cùng đơn vị %" in page.text
    link_a = _link_to_province(office, unit_a, refs[PROVINCE])
    done = _form(office, f"/don-vi/{unit_a}/lien-ket-cap/{link_a}/xac-nhan", relation="rate")
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/don-vi/{unit_a}/lien-ket-cap?xong=xac-nhan")
    other = as_user("khac")  # Xã Bình Minh's office, through the API
    other.post(f"/api/units/{world.units[B]}/level-link-suggestions")
    link_b = _link_to_province(other, world.units[B], refs[PROVINCE])
    confirmed = other.post(f"/api/level-links/{link_b}/confirm", json={"relation": "rate"})
    assert confirmed.json()["state"] == "confirmed"
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[A], "Q2/2026", "1,2")
        records.record_progress(s, refs[B], "Q2/2026", "1,8")
    province = as_user("tinh")
    data = province.get(f"/api/items/{refs[PROVINCE]}/rollup?as_of={DAY}").json()
    assert [(r["unit"], r["value"]) for r in data["rows"]] == [(A, 1.2), (B, 1.8)]
    assert data["method"] == "mean" and not data["method_chosen"]
    assert data["aggregate"]["value"] == pytest.approx(1.5)  # (1,2 + 1,8) / 2
    assert data["aggregate"]["on"] == "2026-06-30"
    assert data["status"] is not None
    html = province.get(f"/chi-tieu/{refs[PROVINCE]}/tong-hop?ngay={DAY}").text
    assert "bình quân cộng (2 đơn vị)" in html and A in html and B in html
    assert "(số liệu cũ nhất đến 30/06/2026)" in html  # a mean holds as of its oldest part
    assert "Chọn cách tổng hợp" not in html  # the province's reader (xem) may not choose
    with uow.transaction(world.settings) as s:
        pages.set_population(s, units.find(s, A), 3000)
        pages.set_population(s, units.find(s, B), 1000)
    weighted = province.get(f"/api/items/{refs[PROVINCE]}/rollup?as_of={DAY}").json()
    assert weighted["method"] == "weighted_mean"
    # (1,2 × 3.000 + 1,8 × 1.000) / 4.000 = 5.400 / 4.000
    assert weighted["aggregate"]["value"] == pytest.approx(1.35)
    board = province.get(f"/don-vi/{world.units[PROVINCE]}/tong-quan?ngay={DAY}").text
    assert "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc" in board
    assert "2 / 2" in board  # both communes report
    book = province.get(f"/don-vi/{world.units[PROVINCE]}/tong-hop.xlsx?ngay={DAY}")
    assert book.status_code == 200 and "bao-cao-tong-hop" in book.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(book.content)).active
    cells = [[c for c in row] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert [(r[1], r[5], r[7]) for r in cells[1:3]] == [(A, 1.2, 3000), (B, 1.8, 1000)]
    assert cells[3][1] == "Tổng hợp: bình quân gia quyền theo dân số (2 đơn vị)"
    assert cells[3][5] == pytest.approx(1.35)


def test_the_commune_sees_what_its_target_carries_but_not_the_province_target(
        world: World, as_user: Any) -> None:
    refs = _setup(world)
    office = as_user("vanphong")
    office.post(f"/api/units/{world.units[A]}/level-link-suggestions")
    link = _link_to_province(office, world.units[A], refs[PROVINCE])
    office.post(f"/api/level-links/{link}/confirm", json={})
    mine = office.get(f"/api/items/{refs[A]}/rollup").json()
    assert [(c["ref"], c["relation_label"]) for c in mine["carries"]] == [
        (refs[PROVINCE], "cùng tỷ lệ")]  # the relation suggested for a rate
    assert office.get(f"/api/items/{refs[PROVINCE]}/rollup").status_code == 404
    assert office.get(f"/chi-tieu/{refs[PROVINCE]}/tong-hop").status_code == 404
    # Xã Bình Minh's office cannot decide on Xã An Bình's link: it is not there for it
    assert as_user("khac").post(f"/api/level-links/{link}/reject").status_code == 404


def test_the_method_is_chosen_by_the_province_office_only_and_a_rate_is_never_summed(
        world: World, as_user: Any) -> None:
    refs = _setup(world)
    with uow.transaction(world.settings) as s:
        from theodoi.services.accounts import users as accounts

        accounts.create_user(s, "vptinh", "mat-khau-123", full_name="Văn phòng tỉnh")
        accounts.grant(s, "vptinh", PROVINCE, "van_phong")
    province_office = as_user("vptinh")
    summed = province_office.post(f"/api/items/{refs[PROVINCE]}/rollup-method",
                                  json={"method": "sum"})
    assert summed.status_code == 400
    assert "không cộng được" in summed.json()["error"]["message"]
    done = _form(province_office, f"/chi-tieu/{refs[PROVINCE]}/cach-tong-hop", method="none")
    assert done.headers["location"] == f"/chi-tieu/{refs[PROVINCE]}/tong-hop?xong=cach"
    data = province_office.get(f"/api/items/{refs[PROVINCE]}/rollup").json()
    assert (data["method"], data["method_chosen"]) == ("none", True)
    reader = as_user("tinh")
    assert reader.post(f"/api/items/{refs[PROVINCE]}/rollup-method",
                       json={"method": "mean"}).status_code == 403
    assert date.fromisoformat(data["as_of"]) == date.today()


def test_the_province_dashboard_follows_a_communes_new_figure(
        world: World, as_user: Any) -> None:
    """The roll-up on the dashboard is cached with the page: a commune's figure recorded
    after the page was shown changes the count and the aggregate the next time."""
    refs = _setup(world)
    for user, unit in (("vanphong", A), ("khac", B)):
        client = as_user(user)
        client.post(f"/api/units/{world.units[unit]}/level-link-suggestions")
        link = _link_to_province(client, world.units[unit], refs[PROVINCE])
        assert client.post(f"/api/level-links/{link}/confirm",
                           json={"relation": "rate"}).json()["state"] == "confirmed"
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[A], "Q2/2026", "1,2")
    province = as_user("tinh")
    path = f"/don-vi/{world.units[PROVINCE]}/tong-quan?ngay={DAY}"
    before = province.get(path).text
    assert "1 / 2" in before and "2 / 2" not in before
    assert province.get(path).text == before  # shown again from the cache, unchanged
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[B], "Q2/2026", "1,8")
    after = province.get(path).text
    assert "2 / 2" in after and "1 / 2" not in after  # (1,2 + 1,8) / 2 = 1,5
    row = after[after.index(f'id="th-{refs[PROVINCE]}"'):]
    assert "1,5" in row[:row.index("</tr>")]


def test_the_dashboard_shown_without_links_gets_its_roll_up_once_a_link_is_confirmed(
        world: World, as_user: Any) -> None:
    """Whether the province has linked targets is cached under its own stamp: a commune's
    figure leaves the page without a roll-up, a link confirmed afterwards (which stamps
    the province: the link hangs on its target) brings the section in."""
    refs = _setup(world)
    province = as_user("tinh")
    path = f"/don-vi/{world.units[PROVINCE]}/tong-quan?ngay={DAY}"
    assert "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc" not in province.get(path).text
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[A], "Q2/2026", "1,2")
    assert "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc" not in province.get(path).text
    office = as_user("vanphong")
    office.post(f"/api/units/{world.units[A]}/level-link-suggestions")
    link = _link_to_province(office, world.units[A], refs[PROVINCE])
    assert office.post(f"/api/level-links/{link}/confirm",
                       json={"relation": "rate"}).json()["state"] == "confirmed"
    board = province.get(path).text
    assert "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc" in board and "1 / 1" in board


def _labels(client: Any, path: str) -> list[tuple[str | None, str]]:
    """(who, line) of each history entry about a link or a method, oldest first."""
    entries = client.get(path).json()["entries"]
    return [(e["username"], e["label"]) for e in reversed(entries)
            if e["field"] in ("upper_link", "lower_link", "rollup_method")]


def test_link_decisions_and_the_method_are_in_both_targets_and_units_history(
        world: World, as_user: Any) -> None:
    """Confirming with a relation, unlinking, and choosing the method are register
    changes: each is in the history of the targets at both ends (and of their units),
    by whom, in words, naming the target at the other end."""
    refs = _setup(world)
    with uow.transaction(world.settings) as s:
        from theodoi.services.accounts import users as accounts

        accounts.create_user(s, "vptinh", "mat-khau-123", full_name="Văn phòng tỉnh")
        accounts.grant(s, "vptinh", PROVINCE, "van_phong")
    office = as_user("vanphong")
    office.post(f"/api/units/{world.units[A]}/level-link-suggestions")
    link = _link_to_province(office, world.units[A], refs[PROVINCE])
    _form(office, f"/don-vi/{world.units[A]}/lien-ket-cap/{link}/xac-nhan", relation="rate")
    assert office.post(f"/api/level-links/{link}/reject").json()["state"] == "rejected"
    province_office = as_user("vptinh")
    _form(province_office, f"/chi-tieu/{refs[PROVINCE]}/cach-tong-hop", method="none")
    upper = f"Liên kết với chỉ tiêu cấp trên {refs[PROVINCE]} của {PROVINCE} (Tỷ lệ hộ nghèo)"
    assert _labels(office, f"/api/items/{refs[A]}/audit") == [
        ("vanphong", f"{upper}: Đề xuất → Đã xác nhận (cùng tỷ lệ)"),
        ("vanphong", f"{upper}: Đã xác nhận (cùng tỷ lệ) → Đã bỏ")]
    lower = f"Liên kết với chỉ tiêu cấp dưới {refs[A]} của {A}"
    seen = _labels(province_office, f"/api/items/{refs[PROVINCE]}/audit")
    assert [who for who, _ in seen] == ["vanphong", "vanphong", "vptinh"]
    assert seen[0][1].startswith(lower) and seen[0][1].endswith(
        ": Đề xuất → Đã xác nhận (cùng tỷ lệ)")
    assert seen[1][1].endswith(": Đã xác nhận (cùng tỷ lệ) → Đã bỏ")
    assert seen[2][1] == "Cách tổng hợp số liệu cấp dưới: — → Không tổng hợp (chỉ đặt cạnh nhau)"
    mine = _labels(office, f"/api/units/{world.units[A]}/audit")
    assert [line for _, line in mine] == [
        f"{upper}: Đề xuất → Đã xác nhận (cùng tỷ lệ)",
        f"{upper}: Đã xác nhận (cùng tỷ lệ) → Đã bỏ"]
    page = office.get(f"/muc/{refs[A]}/lich-su").text
    assert "Đã xác nhận (cùng tỷ lệ)" in page and "confirmed" not in page


def test_two_targets_of_one_commune_count_once_and_the_page_says_which(
        world: World, as_user: Any) -> None:
    """Xã An Bình's yearly plan and its resolution both carry the province's poverty
    rate: the mean counts the commune once, by its most recent figure; the other row is
    shown, marked as not counted."""
    refs = _setup(world)
    with uow.transaction(world.settings) as s:
        second = import_text(s, A, plan_text(
            "12-NQ/ĐU", "05 tháng 02 năm 2026", kind="NGHỊ QUYẾT",
            title="về giảm nghèo bền vững năm 2026",
            targets=["Tỷ lệ hộ nghèo giảm còn dưới 1,6%."]), "nq.txt", activate=True)
        refs["nq"] = _poor(s, second)
    for user, unit in (("vanphong", A), ("khac", B)):
        client = as_user(user)
        client.post(f"/api/units/{world.units[unit]}/level-link-suggestions")
        found = client.get(f"/api/units/{world.units[unit]}/level-links?state=suggested")
        for x in found.json()["links"]:
            if x["upper"]["ref"] == refs[PROVINCE]:
                client.post(f"/api/level-links/{x['id']}/confirm", json={"relation": "rate"})
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[A], "Q1/2026", "1,4")  # older: not counted
        records.record_progress(s, refs["nq"], "Q2/2026", "1,0")
        records.record_progress(s, refs[B], "Q2/2026", "1,8")
    province = as_user("tinh")
    data = province.get(f"/api/items/{refs[PROVINCE]}/rollup?as_of={DAY}").json()
    assert sorted((r["ref"], r["value"], r["counted"]) for r in data["rows"]) == sorted(
        [(refs[A], 1.4, False), (refs["nq"], 1.0, True), (refs[B], 1.8, True)])
    assert data["aggregate"]["value"] == pytest.approx(1.4)  # (1,0 + 1,8) / 2, not 4,2 / 3
    assert data["aggregate"]["counted"] == 2
    assert f"không tính lần hai: {A}" in data["aggregate"]["note"]
    html = province.get(f"/chi-tieu/{refs[PROVINCE]}/tong-hop?ngay={DAY}").text
    row = html[html.index(f'id="dv-{world.units[A]}-{refs[A]}"'):]
    assert "không tính: đã có chỉ tiêu khác của đơn vị này" in row[:row.index("</tr>")]


def test_the_roll_up_page_is_cached_and_follows_a_communes_new_figure(
        world: World, as_user: Any) -> None:
    """The roll-up page's data is kept under the stamps of the province and its communes:
    shown again unchanged from the cache, and made anew once a commune records a figure."""
    from theodoi.services import memo

    refs = _setup(world)
    for user, unit in (("vanphong", A), ("khac", B)):
        client = as_user(user)
        client.post(f"/api/units/{world.units[unit]}/level-link-suggestions")
        link = _link_to_province(client, world.units[unit], refs[PROVINCE])
        client.post(f"/api/level-links/{link}/confirm", json={"relation": "rate"})
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[A], "Q2/2026", "1,2")
    province = as_user("tinh")
    path = f"/api/items/{refs[PROVINCE]}/rollup?as_of={DAY}"
    first = province.get(path).json()
    assert [r["value"] for r in first["rows"]] == [1.2, None]
    hits = memo.VIEWS.hits
    assert province.get(path).json() == first
    assert memo.VIEWS.hits > hits  # the second view was read from the cache
    with uow.transaction(world.settings) as s:
        records.record_progress(s, refs[B], "Q2/2026", "1,8")
    after = province.get(path).json()
    assert [r["value"] for r in after["rows"]] == [1.2, 1.8]
    assert after["aggregate"]["value"] == pytest.approx(1.5)  # (1,2 + 1,8) / 2
    html = province.get(f"/chi-tieu/{refs[PROVINCE]}/tong-hop?ngay={DAY}").text
    assert "1,8" in html[html.index('id="cac-don-vi"'):]
