"""Wide or destructive review actions on the web go through a page that says what will
change (activation and the version it closes, closing a plan, rejecting an item of a live
plan); each is then in the unit's history, where it can be reverted."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import World

A = "Xã An Bình"


def _activate(client: Any, plan: int) -> None:
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    client.post(f"/api/plans/{plan}/accept-all", json={"version": version})
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    page = client.get(f"/ke-hoach/{plan}/dua-vao-thuc-hien")
    assert page.status_code == 200 and "Xác nhận đưa vào thực hiện" in page.text
    assert "bắt đầu nhận báo cáo" in page.text
    r = client.post(f"/ke-hoach/{plan}/dua-vao-thuc-hien", data={"version": version},
                    follow_redirects=False)  # no confirmation: sent to the page first
    assert r.headers["location"] == f"/ke-hoach/{plan}/dua-vao-thuc-hien"
    r = client.post(f"/ke-hoach/{plan}/dua-vao-thuc-hien",
                    data={"version": version, "confirmed": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/api/plans/{plan}/review").json()["plan"]["status"] == "active"


def test_activation_waits_for_review_and_then_for_confirmation(world: World,
                                                               as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    waiting = client.get(f"/ke-hoach/{plan}/dua-vao-thuc-hien")
    assert "mục chờ rà soát" in waiting.text and "Xác nhận đưa vào" not in waiting.text
    _activate(client, plan)


def test_closing_a_plan_is_confirmed_then_reverted_from_the_history(world: World,
                                                                    as_user: Any) -> None:
    client = as_user("vanphong")
    plan = world.plans[A]
    _activate(client, plan)
    review = client.get(f"/ke-hoach/{plan}")
    assert f'href="/ke-hoach/{plan}/dong"' in review.text
    assert client.get(f"/api/plans/{plan}/close").json()["lines"][0].startswith(
        f"kế hoạch số {plan} thôi nhận báo cáo")
    page = client.get(f"/ke-hoach/{plan}/dong")
    assert "thôi nhận báo cáo" in page.text and "Lịch sử thay đổi" in page.text
    version = client.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    client.post(f"/ke-hoach/{plan}/dong", data={"version": version, "confirmed": "1"})
    assert client.get(f"/api/plans/{plan}/review").json()["plan"]["status"] == "closed"
    history = client.get(f"/api/units/{world.units[A]}/audit").json()
    closed = next(e for e in history["entries"] if e["field"] == "status"
                  and e["new"] == "closed")
    r = client.post(f"/api/audit/{closed['id']}/revert", json={})
    assert r.status_code == 200, r.text
    assert client.get(f"/api/plans/{plan}/review").json()["plan"]["status"] == "active"


def _t1(client: Any, plan: int) -> dict[str, Any]:
    targets = client.get(f"/api/plans/{plan}/review").json()["targets"]
    return next(t for t in targets if t["ref"] == "t1")


def test_rejecting_an_item_of_a_live_plan_asks_first(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    _activate(client, world.plans[A])
    version = _t1(client, world.plans[A])["version"]
    r = client.post("/muc/t1/loai", data={"version": version},
                    headers={"HX-Request": "true"})
    assert (r.status_code, r.headers["HX-Redirect"]) == (204, "/muc/t1/loai")
    page = client.get("/muc/t1/loai")
    assert "bị loại khỏi kế hoạch số" in page.text and "Xác nhận loại mục" in page.text
    client.post("/muc/t1/loai", data={"version": version, "confirmed": "1"})
    assert _t1(client, world.plans[A])["review"] == "rejected"


def test_the_unit_page_shows_one_row_per_document_with_its_versions(world: World,
                                                                     as_user: Any) -> None:
    from tests.web.conftest import PLANS, run_jobs

    client = as_user("vanphong")
    r = client.post(f"/api/units/{world.units[A]}/plans",
                    files={"file": ("ke-hoach-v2.txt", (PLANS / "ke-hoach-v2.txt").read_bytes(),
                                    "text/plain")})
    run_jobs(world.settings)
    client.post(f"{r.json()['url']}/accept-version")  # the offered version, kept
    run_jobs(world.settings)
    unit = client.get(f"/api/units/{world.units[A]}").json()
    [doc] = unit["documents"]  # v2 revises the world's v1: one document, two versions
    assert doc["revises"] == world.plans[A] and [o["id"] for o in doc["older"]] == \
        [world.plans[A]]
    page = client.get(f"/don-vi/{world.units[A]}").text
    assert page.count('class="phien-ban-cu"') == 1 and "Phiên bản mới nhất" in page


def test_a_scheme_is_shown_and_filtered_as_a_de_an(world: World, as_user: Any) -> None:
    """v1's 'Xây dựng Đề án phát triển du lịch cộng đồng' is a Đề án, not a plain task."""
    client = as_user("vanphong")
    page = client.get(f"/don-vi/{world.units[A]}/so-theo-doi?kind=scheme").text
    assert "1 / " in page and "Xây dựng Đề án phát triển du lịch" in page
    assert '<td data-nhan="Loại">Đề án</td>' in page
    assert '<option value="key_project"' in page and "khâu đột phá</option>" in page
    ref = re.search(r'href="/nhiem-vu/(k\d+)"', page).group(1)
    task = client.get(f"/nhiem-vu/{ref}").text
    assert "<dt>Loại</dt><dd>Đề án</dd>" in task


def test_an_upload_of_a_plan_already_in_the_register_is_refused_as_a_duplicate(
        world: World, as_user: Any) -> None:
    from tests.web.conftest import PLANS, run_jobs

    client = as_user("vanphong")
    copy = (PLANS / "ke-hoach-v1.txt").read_bytes().replace(b"\n", b"\r\n")  # other bytes
    r = client.post(f"/api/units/{world.units[A]}/plans",
                    files={"file": ("ban-sao.txt", copy, "text/plain")})
    run_jobs(world.settings)
    job = client.get(r.json()["url"]).json()
    assert job["state"] == "failed" and f"trùng với kế hoạch số {world.plans[A]}" in job["error"]
    assert len(client.get(f"/api/units/{world.units[A]}").json()["plans"]) == 1
