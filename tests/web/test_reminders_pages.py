"""The reminders in the web application: the inbox with its unread badge, the person's
contact details and choices, Đôn đốc on an item and on an agency's list, the sent log for
quan_tri, and their JSON twins. The world's v1 plan at Xã An Bình is activated with its
targets led by Phòng Kinh tế (the don_vi user's agency)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from tests.web.conftest import A, World
from theodoi.services import reminders, uow
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import AuditEntry, Plan

DAY = date(2027, 1, 6)


@pytest.fixture
def active(world: World) -> World:
    with uow.transaction(world.settings) as s:
        plan = s.get(Plan, world.plans[A])
        for t in plan.targets:
            review.correct(s, f"t{t.id}", {"lead_agency": "Phòng Kinh tế"})
        review.activate(s, plan.id, accept_rest=True)
    return world


def targets(world: World) -> list[str]:
    return sorted(ref for ref in world.items[A] if ref.startswith("t"))


def test_the_inbox_lists_the_digest_with_working_links_and_a_badge(
        active: World, as_user: Any) -> None:
    with uow.transaction(active.settings) as s:
        reminders.run_digest(s, active.settings, DAY, datetime(2027, 1, 6, 1, 0))
    client = as_user("donvi")
    assert client.get("/thong-bao/chua-doc").text.count(">1</span>") == 1
    page = client.get("/thong-bao")
    assert page.status_code == 200
    assert "Nhắc việc ngày 06/01/2027" in page.text and "Đã quá hạn" in page.text
    for ref in targets(active):
        assert f'href="/chi-tieu/{ref}"' in page.text
        assert client.get(f"/chi-tieu/{ref}").status_code == 200
    data = client.get("/api/notifications").json()
    notice, = data["notices"]
    assert data["unread"] == 1 and not notice["read"]
    assert {ln["ref"] for g in notice["groups"] for ln in g["lines"]} >= set(targets(active))
    done = client.post(f"/thong-bao/{notice['id']}/da-doc", follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/thong-bao/chua-doc").text == ""
    assert client.get("/api/notifications").json()["unread"] == 0
    other = as_user("vanphong")  # another person's notice is not theirs to mark
    assert other.post(f"/api/notifications/{notice['id']}/read").status_code == 404


def test_contact_details_and_choices_are_saved_and_bad_ones_refused(
        active: World, as_user: Any) -> None:
    client = as_user("donvi")
    assert "Cách nhận thông báo" in client.get("/thong-bao/cai-dat").text
    saved = client.post("/thong-bao/cai-dat", data={
        "email": "kinhte@anbinh.gov.vn", "phone": "0912 345 678", "channels": ["email"],
        "muted": ["task_due"], "quiet_days": ["5", "6"], "quiet_start": "21:30",
        "quiet_end": "6h"}, follow_redirects=False)
    assert saved.status_code == 303
    prefs = client.get("/api/notifications/settings").json()
    assert (prefs["email"], prefs["phone"], prefs["channels"], prefs["muted"]) == (
        "kinhte@anbinh.gov.vn", "0912345678", ["email"], ["task_due"])
    assert (prefs["quiet_days"], prefs["quiet_start"], prefs["quiet_end"]) == (
        [5, 6], "21:30", "06:00")
    bad = client.post("/thong-bao/cai-dat", data={"email": "kinhte-anbinh"})
    assert bad.status_code == 400 and "chỉ thư &#39;kinhte-anbinh&#39; không hợp lệ" in bad.text
    assert client.get("/api/notifications/settings").json()["email"] == "kinhte@anbinh.gov.vn"


def test_the_office_chases_an_item_once_a_day_and_the_agency_is_told(
        active: World, as_user: Any) -> None:
    ref = targets(active)[0]
    office = as_user("vanphong")
    assert "Đôn đốc cơ quan chủ trì" in office.get(f"/chi-tieu/{ref}").text
    sent = office.post(f"/muc/{ref}/don-doc", data={"note": "Đề nghị báo cáo ngay.",
                                                    "back": f"/chi-tieu/{ref}"},
                       follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == f"/chi-tieu/{ref}?da_don_doc=1"
    assert "Đã đôn đốc (1 người nhận)" in office.get(sent.headers["location"]).text
    again = office.post(f"/api/items/{ref}/chase", json={"note": ""})
    assert again.status_code == 400 and "đã được đôn đốc hôm nay" in again.json()["error"]["message"]
    agency = as_user("donvi")
    assert "Đôn đốc cơ quan chủ trì" not in agency.get(f"/chi-tieu/{ref}").text
    assert agency.post(f"/api/items/{ref}/chase", json={}).status_code == 403
    notice, = agency.get("/api/notifications").json()["notices"]
    assert notice["subject"].startswith("[theodoi] Đôn đốc của Vanphong")
    line, = [ln for g in notice["groups"] for ln in g["lines"]]
    assert line["ref"] == ref and line["link"] == f"/chi-tieu/{ref}"
    leader = as_user("lanhdao")  # a leader may chase too (another item)
    assert leader.post(f"/api/items/{targets(active)[1]}/chase",
                       json={}).json()["reached"] == [{"user": "donvi",
                                                       "channels": ["in_app"]}]
    with uow.transaction(active.settings) as s:
        chases = s.scalars(select(AuditEntry).where(AuditEntry.field == "don_doc")).all()
        assert sorted(e.username for e in chases) == ["lanhdao", "vanphong"]
        assert any(e.new == "Đề nghị báo cáo ngay." for e in chases)


def test_an_agency_s_whole_list_is_chased_in_one_notice(active: World,
                                                        as_user: Any) -> None:
    office = as_user("vanphong")
    page = office.get(f"/don-vi/{active.units[A]}/co-quan").text
    assert "Đôn đốc cả danh sách" in page
    agencies = office.get(f"/api/units/{active.units[A]}/agencies").json()["agencies"]
    kinh_te = next(a["id"] for a in agencies if a["name"] == "Phòng Kinh tế")
    done = office.post(f"/don-vi/{active.units[A]}/co-quan/{kinh_te}/don-doc",
                       data={"note": "Hạn báo cáo đã qua",
                             "back": f"/don-vi/{active.units[A]}/co-quan"})
    assert done.status_code == 200 and "Đã đôn đốc (1 người nhận)" in done.text
    again = office.post(f"/api/units/{active.units[A]}/agencies/{kinh_te}/chase", json={})
    assert again.status_code == 400
    notice, = as_user("donvi").get("/api/notifications").json()["notices"]
    # the targets (given to Phòng Kinh tế above) and, by the document, its two tasks:
    # the public investment plan (II.1) and following up the plan (III.1)
    tasks = {ref for ref, i in active.items[A].items() if ref.startswith("k") and (
        "đầu tư công" in i["text"] or "theo dõi, tổng hợp" in i["text"])}
    assert len(tasks) == 2
    assert {ln["ref"] for g in notice["groups"] for ln in g["lines"]} == {
        *targets(active), *tasks}


def test_only_quan_tri_reads_the_sent_log(active: World, as_user: Any) -> None:
    assert as_user("quantri").get("/nhat-ky-gui").status_code == 200
    assert as_user("quantri").get("/api/outbox").json() == {"messages": [], "counts": {}}
    assert as_user("vanphong").get("/nhat-ky-gui").status_code == 403


def test_a_leader_s_direction_on_an_item_tells_those_it_mentions_and_the_agency(
        active: World, as_user: Any) -> None:
    ref = targets(active)[0]
    leader = as_user("lanhdao")
    made = leader.post(f"/api/items/{ref}/comments", json={
        "body": "Đề nghị @vanphong kiểm tra lại số liệu; @khac và @khongai nắm."})
    assert made.status_code == 201
    row = made.json()
    assert row["direction"] is True
    assert row["told"] == ["donvi", "vanphong"]  # the lead agency's user, and the mention
    assert row["not_told"] == ["khac", "khongai"]  # another commune's; nobody
    page = leader.get(f"/chi-tieu/{ref}").text
    assert "Ý kiến chỉ đạo</strong> của Lanhdao" in page and "kiểm tra lại số liệu" in page
    office, = as_user("vanphong").get("/api/notifications").json()["notices"]
    assert office["subject"] == f"Lanhdao nhắc đến bạn ở mục {ref}"
    agency = as_user("donvi")
    told, = agency.get("/api/notifications").json()["notices"]
    assert told["subject"] == f"Lanhdao góp ý về mục {ref}"
    line, = told["groups"][0]["lines"]
    assert line["link"] == f"/chi-tieu/{ref}#y-kien-{row['id']}"
    reply = agency.post(f"/muc/{ref}/y-kien", data={"body": "Đã rà soát, gửi lại chiều nay."},
                        follow_redirects=False)
    assert reply.status_code == 303
    thread = agency.get(f"/api/items/{ref}/comments").json()["comments"]
    assert [(c["author"], c["direction"]) for c in thread] == [("Lanhdao", True),
                                                             ("Donvi", False)]


def test_a_reader_cannot_comment_and_an_empty_comment_is_refused(active: World,
                                                                 as_user: Any) -> None:
    ref = targets(active)[0]
    assert as_user("xem").post(f"/api/items/{ref}/comments",
                               json={"body": "ý kiến"}).status_code == 403
    empty = as_user("vanphong").post(f"/api/items/{ref}/comments", json={"body": "  "})
    assert empty.status_code == 400 and "không được để trống" in empty.json()["error"]["message"]
