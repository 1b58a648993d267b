"""The review page's corrections and their JSON twins: every field of an item, a missed
item with its span, split, merge, the plan's facts, deleting a draft; a bad value comes
back beside its field with what was typed kept."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import World

A = "Xã An Bình"
HX = {"HX-Request": "true"}


def _item(client: Any, world: World, ref: str) -> dict[str, Any]:
    review = client.get(f"/api/plans/{world.plans[A]}/review").json()
    return next(i for i in [*review["targets"], *review["tasks"]] if i["ref"] == ref)


def test_the_form_shows_every_field_and_saves_a_range(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    page = client.get(f"/ke-hoach/{world.plans[A]}").text
    for name in ("indicator", "kind", "comparator", "value", "value_max", "value_of", "unit",
                 "field", "deadline_year", "milestones", "lead_agency", "co_agencies",
                 "title", "leader", "advisory_agency", "due_text", "due_date",
                 "due_recurrence", "product", "submit_to"):
        assert f'name="{name}"' in page, name
    assert '<option value="between">từ … đến …</option>' in page  # words, not the sign
    t1 = world.items[A]["t1"]
    r = client.post("/muc/t1/sua", headers=HX, data={
        "version": t1["version"], "comparator": "between", "value": "9,5", "value_max": "10",
        "unit": "%/năm", "milestones": "2026: 9,5; 2027: 10", "co_agencies": "Phòng VH-XH"})
    assert r.status_code == 200 and "đã sửa" in r.text
    assert "từ 9,5 đến 10" in r.text and 'value="2026: 9,5; 2027: 10"' in r.text
    saved = _item(client, world, "t1")
    assert (saved["value"], saved["value_max"], saved["co_agencies"]) == (9.5, 10.0,
                                                                          ["Phòng VH-XH"])


def test_a_bad_value_is_shown_beside_its_field_with_the_typing_kept(world: World,
                                                                     as_user: Any) -> None:
    client = as_user("vanphong")
    t1 = world.items[A]["t1"]
    r = client.post("/muc/t1/sua", headers=HX, data={
        "version": t1["version"], "comparator": "between", "value": "10", "value_max": "9,5"})
    assert r.status_code == 400 and 'id="muc-t1"' in r.text
    assert re.search(r'<details class="sua-muc" open>', r.text)
    error = re.search(r'id="loi-t1-value_max" role="alert">([^<]+)<', r.text)
    assert error and error.group(1).startswith("Giá trị cao của khoảng")
    assert 'name="value_max" value="9,5"' in r.text  # what was typed, not the stored value
    assert _item(client, world, "t1")["value_max"] is None  # nothing saved
    k1 = world.items[A]["k1"]
    r = client.post("/muc/k1/sua", headers=HX, data={"version": k1["version"],
                                                     "due_date": "31/02/2027"})
    assert r.status_code == 400 and 'id="loi-k1-due_date"' in r.text and "dd/mm/yyyy" in r.text


def test_a_task_gets_its_people_due_product_and_submit_to(world: World,
                                                          as_user: Any) -> None:
    client = as_user("vanphong")
    k2 = world.items[A]["k2"]
    r = client.post("/muc/k2/sua", headers=HX, data={
        "version": k2["version"], "kind": "scheme", "leader": "Phó Chủ tịch UBND xã",
        "advisory_agency": "Phòng VH-XH", "due_date": "31/12/2027", "due_recurrence": "",
        "product": "Đề án", "submit_to": "HĐND xã; UBND tỉnh"})
    assert r.status_code == 200, r.text
    saved = _item(client, world, "k2")
    assert (saved["item_kind"], saved["leader"], saved["advisory_agency"]) == (
        "scheme", "Phó Chủ tịch UBND xã", "Phòng VH-XH")
    assert (saved["due"]["date"], saved["submit_to"]) == ("2027-12-31", ["HĐND xã",
                                                                         "UBND tỉnh"])


def test_split_and_merge_through_the_page(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    k1 = world.items[A]["k1"]
    r = client.post("/muc/k1/tach", headers=HX, data={"version": k1["version"],
                                                      "second_part": "không có đoạn này"})
    assert r.status_code == 400 and 'id="loi-k1-second_part"' in r.text
    assert '<details class="tach-gop" open>' in r.text
    tail = k1["text"].split()[-1]
    r = client.post("/muc/k1/tach", headers=HX, data={"version": k1["version"],
                                                      "second_part": tail})
    assert r.status_code == 204 and r.headers["HX-Redirect"].startswith(
        f"/ke-hoach/{world.plans[A]}?muc=k")
    new_ref = r.headers["HX-Redirect"].rsplit("#muc-", 1)[1]
    assert _item(client, world, new_ref)["text"] == tail
    k1 = _item(client, world, "k1")
    for other in ("t1", "x1", "k999"):  # a target, not a code, no such item
        r = client.post("/muc/k1/gop", headers=HX, data={"version": k1["version"],
                                                         "other": other})
        assert r.status_code == 400 and 'id="loi-k1-other"' in r.text, other
    r = client.post("/muc/k1/gop", headers=HX, data={"version": k1["version"],
                                                     "other": new_ref})
    assert r.status_code == 204
    assert _item(client, world, new_ref)["review"] == "rejected"
    assert _item(client, world, "k1")["text"] == k1["text"] + " " + tail


def test_a_missed_item_added_from_a_selected_span(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    r = client.post(f"/ke-hoach/{plan}/them-muc", headers=HX, data={
        "kind": "target", "name": "", "text": "x", "span_start": "10", "span_end": "20"})
    assert r.status_code == 400 and 'id="loi-them-name"' in r.text
    assert 'name="span_start" value="10"' in r.text  # the selection is kept
    r = client.post(f"/ke-hoach/{plan}/them-muc", headers=HX, data={
        "kind": "task", "name": "Tổ chức thực hiện", "text": "Giao Phòng Kinh tế chủ trì",
        "span_start": "10", "span_end": "40", "lead_agency": "Phòng Kinh tế"})
    assert r.status_code == 204
    ref = r.headers["HX-Redirect"].rsplit("#muc-", 1)[1]
    added = _item(client, world, ref)
    assert (added["review"], added["span"], added["lead_agency"]) == ("added", [10, 40],
                                                                     "Phòng Kinh tế")
    assert f'<mark id="nguon-{ref}">' in client.get(f"/ke-hoach/{plan}").text


def test_the_plans_facts_fixed_on_the_page(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    r = client.post(f"/ke-hoach/{plan}/thong-tin", headers=HX, data={
        "version": version, "issued_on": "32/01/2026"})
    assert r.status_code == 400 and 'id="loi-vb-issued_on"' in r.text
    assert 'value="32/01/2026"' in r.text
    r = client.post(f"/ke-hoach/{plan}/thong-tin", headers=HX, data={
        "version": version, "number": "21/KH-UBND", "issued_on": "16/01/2026",
        "kind": "chuong_trinh_hanh_dong", "term_start": "2026", "term_end": "2030"})
    assert r.status_code == 204
    page = client.get(f"/ke-hoach/{plan}").text
    assert "Số 21/KH-UBND · 16/01/2026" in page
    history = client.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    number = next(e for e in history if e["entity_kind"] == "plan" and e["field"] == "number")
    assert (number["field_label"], number["old"], number["new"], number["revertible"]) == (
        "số hiệu văn bản", "12/KH-UBND", "21/KH-UBND", True)
    r = client.post(f"/api/audit/{number['id']}/revert", json={})
    assert r.status_code == 200, r.text
    assert "Số 12/KH-UBND · 16/01/2026" in client.get(f"/ke-hoach/{plan}").text


def test_a_draft_is_deleted_after_confirmation(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    confirm = client.get(f"/ke-hoach/{plan}/xoa")
    assert confirm.status_code == 200 and "3 chỉ tiêu và 3 nhiệm vụ" in confirm.text
    version = re.search(r'name="version" value="(\d+)"', confirm.text).group(1)
    r = client.post(f"/ke-hoach/{plan}/xoa", data={"version": version},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/don-vi/{world.units[A]}"
    assert client.get(f"/ke-hoach/{plan}").status_code == 404
    history = client.get(f"/api/units/{world.units[A]}/audit").json()["entries"]
    gone = next(e for e in history if e["field"] == "deleted")
    assert (gone["entity_id"], gone["field_label"], gone["revertible"]) == (
        plan, "xóa bản nháp", False)


def test_an_active_plan_shows_why_it_cannot_be_deleted(world: World, as_user: Any) -> None:
    client = as_user("quantri")
    plan = world.plans[A]
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    client.post(f"/api/plans/{plan}/accept-all", json={"version": version})
    client.post(f"/api/plans/{plan}/activate", json={"version": version})
    page = client.get(f"/ke-hoach/{plan}/xoa").text
    assert "Không xóa được" in page and "Xác nhận xóa" not in page
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    r = client.delete(f"/api/plans/{plan}", params={"version": version})
    assert r.status_code == 409 and "chỉ xóa được bản nháp" in r.json()["error"]["message"]


def test_the_json_twins(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    r = client.post(f"/api/plans/{plan}/items", json={"kind": "target", "values": {
        "indicator": "Tỷ lệ thu gom rác", "value": "100", "unit": "%",
        "span_start": 5, "span_end": 30}})
    assert r.status_code == 201 and r.json()["span"] == [5, 30]
    added = r.json()
    r = client.post(f"/api/items/{added['ref']}/split", json={
        "version": added["version"], "second_part": "rác"})
    assert r.status_code == 201
    first, second = r.json()["first"], r.json()["second"]
    assert (first["text"], second["text"]) == ("Tỷ lệ thu gom", "rác")
    r = client.post(f"/api/items/{first['ref']}/merge", json={"version": first["version"],
                                                              "other": second["ref"]})
    assert r.status_code == 200 and r.json()["text"] == "Tỷ lệ thu gom rác"
    r = client.post(f"/api/items/{first['ref']}/correct", json={
        "version": r.json()["version"], "changes": {"value_max": "abc"}})
    assert r.status_code == 400 and "giá trị tối đa" in r.json()["error"]["message"]
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    r = client.post(f"/api/plans/{plan}/facts", json={"version": version,
                                                      "changes": {"number": "99/KH-UBND"}})
    assert r.status_code == 200 and r.json()["number"] == "99/KH-UBND"
    preview = client.get(f"/api/plans/{plan}/delete").json()
    # 3 read + 1 added + 1 split off (the merged one is rejected, still there)
    assert preview["blockers"] == [] and preview["targets"] == 5
    r = client.delete(f"/api/plans/{plan}", params={"version": preview["version"]})
    assert r.status_code == 200 and r.json()["targets"] == 5


def test_an_agency_user_or_a_reader_cannot_correct(world: World, as_user: Any) -> None:
    plan = world.plans[A]
    for username in ("xem", "donvi"):
        client = as_user(username)
        r = client.post(f"/api/plans/{plan}/items", json={"kind": "task",
                                                          "values": {"title": "X"}})
        assert r.status_code in (403, 404), (username, r.text)
        r = client.delete(f"/api/plans/{plan}", params={"version": 1})
        assert r.status_code in (403, 404), (username, r.text)
