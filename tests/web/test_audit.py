"""The audit history (per unit and per item, newest first, paged) and revert of a change."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import A, World


def _target(world: World) -> dict[str, Any]:
    return next(i for i in world.items[A].values() if i["kind"] == "target")


def _task(world: World, agency: str) -> dict[str, Any]:
    return next(i for i in world.items[A].values()
                if i["kind"] == "task" and i["lead_agency"] == agency)


def _correct(client: Any, ref: str, changes: dict[str, Any]) -> dict[str, Any]:
    version = client.get(f"/api/items/{ref}/audit").json()["entries"]
    item = next(i for i in client.get(f"/api/units/{client.unit_id}/register").json()["items"]
                if i["ref"] == ref) if not version else None
    current = item["version"] if item else version[0]["item_version"]
    r = client.post(f"/api/items/{ref}/correct", json={"version": current,
                                                       "changes": changes})
    assert r.status_code == 200, r.text
    return dict(r.json())


def _office(as_user: Any, world: World) -> Any:
    client = as_user("vanphong")
    client.unit_id = world.units[A]
    return client


def test_history_shows_who_changed_what_newest_first_and_pages(world: World,
                                                              as_user: Any) -> None:
    office = _office(as_user, world)
    t = _target(world)
    _correct(office, t["ref"], {"value": 80})
    _correct(office, t["ref"], {"value": 90})
    unit = office.get(f"/api/units/{world.units[A]}/audit").json()
    values = [e for e in unit["entries"] if e["field"] == "value"]
    assert [(e["old"], e["new"]) for e in values][:2] == [("80.0", "90.0"),
                                                          (str(t["value"]), "80.0")]
    first = values[0]
    assert first["username"] == "vanphong" and first["ref"] == t["ref"]
    assert first["field_label"] == "giá trị" and first["revertible"] is True
    assert values[1]["revertible"] is False  # changed again since
    paged = office.get(f"/api/units/{world.units[A]}/audit",
                       params={"per_page": 1, "page": 2}).json()
    assert paged["total"] == unit["total"] and paged["pages"] == unit["total"]
    assert paged["entries"][0]["id"] == unit["entries"][1]["id"]
    item = office.get(f"/api/items/{t['ref']}/audit").json()
    assert {e["ref"] for e in item["entries"]} == {t["ref"]} and item["item"]["ref"] == t["ref"]
    page = office.get(f"/don-vi/{world.units[A]}/lich-su")
    assert page.status_code == 200 and "Hoàn tác" in page.text and "vanphong" in page.text
    history = office.get(f"/muc/{t['ref']}/lich-su?trang=1").text
    # the values as people write them, with the target's unit; the review state in words
    assert t["unit"] == "triệu đồng/năm"
    assert "<td>80 triệu đồng/năm</td><td>90 triệu đồng/năm</td>" in history
    assert "90.0" not in history
    assert "<td>Chờ rà soát</td><td>Đã sửa</td>" in history


def test_revert_puts_the_old_value_back_audited_and_version_checked(world: World,
                                                                   as_user: Any) -> None:
    office = _office(as_user, world)
    t = _target(world)
    after = _correct(office, t["ref"], {"value": 80, "unit": "ha"})
    assert after["value"] == 80
    entries = office.get(f"/api/items/{t['ref']}/audit").json()["entries"]
    change = next(e for e in entries if e["field"] == "value")
    stale = office.post(f"/api/audit/{change['id']}/revert", json={"version": 0})
    assert stale.status_code == 409 and "người khác" in stale.json()["error"]["message"]
    done = office.post(f"/api/audit/{change['id']}/revert",
                       json={"version": after["version"]})
    assert done.status_code == 200, done.text
    assert done.json()["value"] == str(float(t["value"]))
    rows = office.get(f"/api/units/{world.units[A]}/register").json()["items"]
    now = next(i for i in rows if i["ref"] == t["ref"])
    assert now["value"] == t["value"] and now["unit"] == "ha"
    newest = office.get(f"/api/items/{t['ref']}/audit").json()["entries"][0]
    assert newest["field"] in ("value", "review") and newest["username"] == "vanphong"
    value_rows = [e for e in office.get(f"/api/items/{t['ref']}/audit").json()["entries"]
                  if e["field"] == "value"]
    assert (value_rows[0]["old"], value_rows[0]["new"]) == ("80.0", str(float(t["value"])))
    again = office.post(f"/api/audit/{change['id']}/revert",
                        json={"version": done.json()["version"]})
    assert again.status_code == 409
    assert "đã được thay đổi lần nữa" in again.json()["error"]["message"]


def test_revert_through_the_page_and_what_cannot_be_reverted(world: World,
                                                            as_user: Any) -> None:
    office = _office(as_user, world)
    t = _target(world)
    after = _correct(office, t["ref"], {"indicator": "Tên mới"})
    entries = office.get(f"/api/items/{t['ref']}/audit").json()["entries"]
    change = next(e for e in entries if e["field"] == "indicator")
    review = next(e for e in entries if e["field"] == "review")
    r = office.post(f"/lich-su/{change['id']}/hoan-tac",
                    data={"version": after["version"], "back": f"/muc/{t['ref']}/lich-su"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/muc/{t['ref']}/lich-su"
    rows = office.get(f"/api/units/{world.units[A]}/register").json()["items"]
    assert next(i for i in rows if i["ref"] == t["ref"])["indicator"] == t["indicator"]
    bad = office.post(f"/api/audit/{review['id']}/revert", json={"version": 1})
    assert bad.status_code == 400 and "không hoàn tác được" in bad.json()["error"]["message"]
    for user in ("lanhdao", "xem"):
        r = as_user(user).post(f"/api/audit/{change['id']}/revert", json={"version": 1})
        assert r.status_code == 403, (user, r.text)
    hidden = as_user("donvi").post(f"/api/audit/{change['id']}/revert", json={"version": 1})
    assert hidden.status_code == 404  # the target is not the agency's own item
    outsider = as_user("khac").post(f"/api/audit/{change['id']}/revert", json={"version": 1})
    assert outsider.status_code == 404
    assert outsider.json()["error"]["message"] == f"không có thay đổi số {change['id']}."
    assert as_user("khac").get(f"/api/units/{world.units[A]}/audit").status_code == 404


def test_an_agency_user_sees_only_its_own_items_history(world: World, as_user: Any) -> None:
    office = _office(as_user, world)
    own, other = _task(world, "Phòng Kinh tế"), _task(world, "Phòng VH-XH")
    _correct(office, own["ref"], {"title": "Việc của Phòng Kinh tế"})
    _correct(office, other["ref"], {"title": "Việc của Phòng VH-XH"})
    agency = as_user("donvi").get(f"/api/units/{world.units[A]}/audit").json()
    assert {e["ref"] for e in agency["entries"]} == {own["ref"]}
    assert agency["can_revert"] is False
    assert as_user("donvi").get(f"/api/items/{other['ref']}/audit").status_code == 404
    leader = as_user("lanhdao").get(f"/api/units/{world.units[A]}/audit").json()
    assert {own["ref"], other["ref"]} <= {e["ref"] for e in leader["entries"]}
    assert not any(e["revertible"] for e in leader["entries"])


def test_a_recorded_value_is_undone_from_the_page_after_a_confirmation(world: World,
                                                                        as_user: Any) -> None:
    office = _office(as_user, world)
    t = _target(world)
    plan = world.plans[A]
    version = office.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    office.post(f"/api/plans/{plan}/accept-all", json={"version": version})
    version = office.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    assert office.post(f"/api/plans/{plan}/activate",
                       json={"version": version}).status_code == 200
    for value in ("70", "75"):
        r = office.post(f"/api/items/{t['ref']}/progress", json={"period": "2026",
                                                                  "value": value})
        assert r.status_code == 201, r.text
    entries = office.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    recorded = [e for e in entries if e["entity_kind"] == "progress"]
    assert [(e["old"], e["new"], e["revertible"]) for e in recorded] == [
        ("70.0", "75.0", True), (None, "70.0", False)]  # the first was recorded over since
    page = office.get(f"/don-vi/{world.units[A]}/lich-su")
    assert f'href="/lich-su/{recorded[0]["id"]}/hoan-tac?back=' in page.text
    confirm = office.get(f"/lich-su/{recorded[0]['id']}/hoan-tac")
    assert confirm.status_code == 200
    line = f"số liệu của chỉ tiêu {t['ref']}, Năm 2026: 75 triệu đồng/năm → 70 triệu đồng/năm"
    assert line in confirm.text
    assert "Xác nhận hoàn tác" in confirm.text
    preview = office.get(f"/api/audit/{recorded[0]['id']}/revert").json()
    assert preview["changes"] == [line]
    done = office.post(f"/lich-su/{recorded[0]['id']}/hoan-tac",
                       data={"back": f"/don-vi/{world.units[A]}/lich-su"},
                       follow_redirects=False)
    assert done.status_code == 303
    history = office.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    assert (history[0]["reverts"], history[0]["old"], history[0]["new"]) == (
        recorded[0]["id"], "75.0", "70.0")
    again = office.post(f"/api/audit/{recorded[0]['id']}/revert", json={})
    assert again.status_code == 409 and "đã được ghi lại" in again.json()["error"]["message"]
    undone = office.post(f"/api/audit/{history[0]['id']}/revert", json={})
    assert undone.status_code == 200 and undone.json()["changes"] == [
        f"số liệu của chỉ tiêu {t['ref']}, Năm 2026: 70 triệu đồng/năm → 75 triệu đồng/năm"]
    assert as_user("xem").post(f"/api/audit/{history[0]['id']}/revert",
                               json={}).status_code == 403


def test_a_merge_is_confirmed_first_then_undone_from_the_history(world: World,
                                                                 as_user: Any) -> None:
    office = _office(as_user, world)
    rows = office.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    social = next(a for a in rows if a["name"] == "Phòng Văn hóa - Xã hội")
    economy = next(a for a in rows if a["name"] == "Phòng Kinh tế")
    assert social["assignments"] >= 1
    confirm = office.get(f"/co-quan/{social['id']}/gop", params={"into": economy["id"]})
    assert confirm.status_code == 200 and "Xác nhận gộp" in confirm.text
    assert f"Sẽ chuyển sang “Phòng Kinh tế”: {social['assignments']} lượt giao việc" \
        in confirm.text
    preview = office.get(f"/api/agencies/{social['id']}/merge",
                         params={"into": economy["id"]}).json()
    assert len(preview["moving"]) == social["assignments"]
    untouched = office.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    assert untouched == rows  # the confirmation page changed nothing
    r = office.post(f"/co-quan/{social['id']}/gop",
                    data={"version": social["version"], "unit_id": world.units[A],
                          "into": economy["id"]}, follow_redirects=False)
    assert r.status_code == 303
    merged = office.get(f"/api/units/{world.units[A]}/audit").json()["entries"][0]
    assert (merged["field"], merged["old"], merged["new"], merged["revertible"]) == (
        "merged", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế", True)
    assert office.get(f"/lich-su/{merged['id']}/hoan-tac").status_code == 200
    done = office.post(f"/lich-su/{merged['id']}/hoan-tac", data={}, follow_redirects=False)
    assert done.status_code == 303
    after = office.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    assert [(a["id"], a["name"], a["assignments"], a["aliases"]) for a in after] == [
        (a["id"], a["name"], a["assignments"], a["aliases"]) for a in rows]


def test_a_recorded_value_reads_in_words_with_what_was_typed(world: World,
                                                             as_user: Any) -> None:
    office = _office(as_user, world)
    t = _target(world)
    plan = world.plans[A]
    version = office.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    office.post(f"/api/plans/{plan}/accept-all", json={"version": version})
    version = office.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    office.post(f"/api/plans/{plan}/activate", json={"version": version})
    # 0,07 tỷ đồng/năm is 70 triệu đồng/năm, the target's unit
    r = office.post(f"/api/items/{t['ref']}/progress",
                    json={"period": "Q2/2026", "value": "0,07", "unit": "tỷ đồng/năm"})
    assert r.status_code == 201, r.text
    entries = office.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    [value] = [e for e in entries if e["entity_kind"] == "progress"]
    assert value["entity_label"] == f"số liệu Quý II/2026 — {t['indicator']}"
    assert value["new_text"] == "70 triệu đồng/năm (đã nhập 0,07 tỷ đồng/năm)"
    assert value["label"] == \
        "Giá trị thực hiện: — → 70 triệu đồng/năm (đã nhập 0,07 tỷ đồng/năm)"
    assert value["ref"] == t["ref"]  # the row links to the target's history
    status = [e for e in entries if e["entity_kind"] == "plan" and e["field"] == "status"]
    assert status[0]["label"] == "Trạng thái: Bản nháp → Đang thực hiện"
