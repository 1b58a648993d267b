"""Upload, review actions through pages and API, stale versions, register, directory."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import PLANS, World, run_jobs
from theodoi.services import uow
from theodoi.services.history import audit

A = "Xã An Bình"


def _unit_plans(client: Any, world: World) -> list[dict[str, Any]]:
    return client.get(f"/api/units/{world.units[A]}").json()["plans"]


def test_upload_a_good_file_makes_a_draft_and_opens_its_review(world: World,
                                                               as_user: Any) -> None:
    """The upload answers at once with the job's page; once the job has run, the page
    leads to the new draft's review."""
    client = as_user("vanphong")
    data = (PLANS / "ke-hoach-v2.txt").read_bytes()
    r = client.post(f"/don-vi/{world.units[A]}/tai-len",
                    files={"file": ("ke-hoach-v2.txt", data, "text/plain")},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/tac-vu/")
    waiting = client.get(r.headers["location"])
    assert waiting.status_code == 200 and 'data-state="queued"' in waiting.text
    assert 'http-equiv="refresh" content="2"' in waiting.text  # the page refreshes itself
    assert len(_unit_plans(client, world)) == 1  # nothing in the register before the job
    assert run_jobs(world.settings) == 1
    offered = client.get(r.headers["location"])  # v2 of the world's v1: the diff, first
    assert "Bản sửa của" in offered.text and "Chưa có gì được lưu" in offered.text
    assert "1 mục mới, 1 mục thay đổi, 4 mục giữ nguyên, 1 mục bỏ" in offered.text
    assert "<td>nội dung, giá trị</td>" in offered.text  # the fields in words, no codes
    assert len(_unit_plans(client, world)) == 1
    job_id = r.headers["location"].rsplit("/", 1)[1]
    r = client.post(f"/tac-vu/{job_id}/luu-phien-ban", follow_redirects=False)
    assert r.status_code == 303
    assert run_jobs(world.settings) == 1
    done = client.get(r.headers["location"])
    plan_page = re.search(r'href="(/ke-hoach/\d+)"', done.text)
    assert 'data-state="done"' in done.text and plan_page
    assert len(_unit_plans(client, world)) == 2
    page = client.get(plan_page.group(1))
    assert page.status_code == 200 and "<mark id=\"nguon-" in page.text
    # each item says which rule proposed it: the four targets stand in a "chỉ tiêu" list
    assert page.text.count("<dt>Đề xuất từ</dt><dd class=\"mo\">mục có số liệu trong danh "
                           "sách chỉ tiêu, mục tiêu</dd>") == 4
    assert list((world.settings.data_dir / "uploads").iterdir()) == []  # read, then removed


def test_a_bad_file_is_refused_in_vietnamese_and_nothing_is_stored(world: World,
                                                                    as_user: Any) -> None:
    client = as_user("vanphong")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    cases = [("anh.docx", png), ("rac.txt", b"\x00\x01\x02" * 50), ("trong.txt", b""),
             ("bang.xlsx", b"PK\x03\x04xx")]
    for name, data in cases:
        r = client.post(f"/api/units/{world.units[A]}/plans",
                        files={"file": (name, data, "application/octet-stream")})
        assert r.status_code == 400, (name, r.text)
        assert r.json()["error"]["message"].startswith(name)
    page = client.post(f"/don-vi/{world.units[A]}/tai-len",
                       files={"file": ("anh.docx", png, "image/png")})
    assert page.status_code == 400 and "tệp ảnh" in page.text
    assert len(_unit_plans(client, world)) == 1
    assert client.get("/api/jobs/1").status_code == 404  # no job was queued
    assert list((world.settings.data_dir / "uploads").iterdir()) == []  # nor a file kept


def test_an_oversized_upload_is_refused(world: World) -> None:
    world.settings = world.settings.model_copy(update={"max_upload_mb": 1})
    from tests.web.conftest import login

    client = world.client()
    login(client, "vanphong")
    big = b"a" * (1024 * 1024 + 10)
    r = client.post(f"/api/units/{world.units[A]}/plans",
                    files={"file": ("lon.txt", big, "text/plain")})
    assert r.status_code == 400 and "giới hạn 1 MB" in r.json()["error"]["message"]
    assert list((world.settings.data_dir / "uploads").iterdir()) == []
    huge = b"a" * (3 * 1024 * 1024)
    r = client.post(f"/api/units/{world.units[A]}/plans",
                    files={"file": ("lon.txt", huge, "text/plain")})
    assert r.status_code == 413 and "giới hạn" in r.json()["error"]["message"]
    assert len(_unit_plans(client, world)) == 1


def test_review_actions_through_the_page_with_htmx(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    item = world.items[A]["t1"]
    hx = {"HX-Request": "true"}
    r = client.post("/muc/t1/chap-nhan", data={"version": item["version"]}, headers=hx)
    assert r.status_code == 200 and 'id="muc-t1"' in r.text and "đã chấp nhận" in r.text
    r = client.post("/muc/k2/loai", data={"version": world.items[A]["k2"]["version"]},
                    headers=hx)
    assert "đã loại" in r.text
    r = client.post("/muc/t2/sua", data={"version": world.items[A]["t2"]["version"],
                                         "value": "2", "unit": "%"}, headers=hx)
    assert r.status_code == 200 and "đã sửa" in r.text
    r = client.post("/muc/t2/sua", data={"version": world.items[A]["t2"]["version"],
                                         "value": "3"}, headers={**hx, "HX-Target": "muc-t2"})
    # the error goes beside the item the form redraws, into the item's own notice area
    assert r.status_code == 409 and r.headers["HX-Retarget"] == "#tb-muc-t2"
    assert 'id="tb-muc-t2"' in client.get(f"/ke-hoach/{world.plans[A]}").text
    assert "người khác" in r.text


def test_review_actions_through_the_api_are_audited(world: World, as_user: Any) -> None:
    client = as_user("quantri")
    plan = world.plans[A]
    t1 = world.items[A]["t1"]
    r = client.post("/api/items/t1/correct",
                    json={"version": t1["version"], "changes": {"value": "95"}})
    assert r.status_code == 200
    body = r.json()
    assert (body["value"], body["review"], body["version"]) == (95.0, "corrected",
                                                                t1["version"] + 1)
    assert body["original"]["value"] == 90.0
    with uow.transaction(world.settings) as s:
        rows = audit.history(s, "target", 1)  # t1
    assert {(r.field, r.old, r.new, r.username) for r in rows} >= {
        ("value", "90.0", "95.0", "quantri"), ("review", "proposed", "corrected", "quantri")}
    review = client.get(f"/api/plans/{plan}/review").json()
    version = review["plan"]["version"]
    r = client.post(f"/api/plans/{plan}/accept-all", json={"version": version})
    assert r.json() == {"accepted": 5}
    r = client.post(f"/api/plans/{plan}/activate", json={"version": version})
    assert r.status_code == 200 and r.json()["status"] == "active"


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(world: World,
                                                           as_user: Any) -> None:
    first, second = as_user("vanphong"), as_user("quantri")
    version = world.items[A]["t3"]["version"]
    assert first.post("/api/items/t3/correct",
                      json={"version": version, "changes": {"value": "96"}}).status_code == 200
    r = second.post("/api/items/t3/correct", json={"version": version,
                                                   "changes": {"value": "50"}})
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["type"] == "conflict" and "không có gì bị ghi đè" in error["message"]
    review = second.get(f"/api/plans/{world.plans[A]}/review").json()
    assert next(t for t in review["targets"] if t["ref"] == "t3")["value"] == 96.0
    r = second.post("/api/items/t3/accept", json={"version": version})
    assert r.status_code == 409


def test_register_filters_and_sorts(world: World, as_user: Any) -> None:
    client = as_user("xem")
    unit = world.units[A]
    data = client.get(f"/api/units/{unit}/register").json()
    assert data["total"] == 6 and len(data["items"]) == 6
    only_tasks = client.get(f"/api/units/{unit}/register?kind=task").json()["items"]
    assert {i["ref"] for i in only_tasks} == {"k1", "k2", "k3"}
    social = client.get(f"/api/units/{unit}/register?field=van_hoa_xa_hoi").json()["items"]
    assert {i["ref"] for i in social} == {"t2", "t3"}
    agency = next(a for a in data["choices"]["agencies"] if a["label"] == "Phòng Kinh tế")
    by_agency = client.get(f"/api/units/{unit}/register?agency={agency['value']}").json()
    assert {i["ref"] for i in by_agency["items"]} == {"k1", "k3"}
    sorted_rows = client.get(f"/api/units/{unit}/register?sort=agency").json()["items"]
    assert [i["lead_agency"] for i in sorted_rows][:3] == ["Phòng Kinh tế", "Phòng Kinh tế",
                                                           "Phòng VH-XH"]
    page = client.get(f"/don-vi/{unit}/so-theo-doi?review=proposed&kind=target")
    assert page.status_code == 200 and "3 / 6 mục" in page.text


def test_agency_user_sees_only_its_own_items(world: World, as_user: Any) -> None:
    client = as_user("donvi")
    review = client.get(f"/api/plans/{world.plans[A]}/review").json()
    assert {i["ref"] for i in [*review["targets"], *review["tasks"]]} == {"k1", "k3"}
    register = client.get(f"/api/units/{world.units[A]}/register").json()
    assert {i["ref"] for i in register["items"]} == {"k1", "k3"}


def test_agency_directory_confirm_with_version(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    data = client.get(f"/api/units/{world.units[A]}/agencies").json()
    agency = data["agencies"][0]
    r = client.post(f"/api/agencies/{agency['id']}/confirm",
                    json={"version": agency["version"], "name": agency["name"] + " xã"})
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert r.json()["version"] == agency["version"] + 1
    r = client.post(f"/api/agencies/{agency['id']}/confirm",
                    json={"version": agency["version"]})
    assert r.status_code == 409
    page = client.get(f"/don-vi/{world.units[A]}/co-quan")
    assert page.status_code == 200 and agency["name"] + " xã" in page.text
