"""Reminders on the demo register (issue 19's done-when): with the clock at 06/01/2027,
Phòng Kinh tế of Xã Thái Tân gets one email digest and one in-app notice listing its
items with no Quý IV/2026 report, the leader's digest lists what is overdue, and a second
run the same day sends nothing. The sample progress stops at 01/12/2026; the Quý IV
report is due 5 days after 31/12/2026 (the plans' calendar), so on 06/01/2027 it is one
day overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.services.conftest import MAX, SAMPLES
from tests.services.mailbox import smtp_server
from theodoi.domain.access import restricted_readers
from theodoi.domain.errors import BadInput
from theodoi.services import reminders, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.demo import sample as demo
from theodoi.services.progress import explanations
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage.models import (
    Assignment,
    Notice,
    OutboxAttempt,
    OutboxMessage,
    Plan,
    ProgressRecord,
    Target,
    Task,
    TaskUpdate,
    utcnow,
)

DAY = date(2027, 1, 6)  # a Wednesday
MORNING = datetime(2027, 1, 6, 1, 0)  # 08:00 in Hà Nội, outside the default quiet hours
UNIT = "Xã Thái Tân"
# Phòng Kinh tế's targets in the sample (001, sections 2 and 3.1), read from the document
KINH_TE = ("Thu ngân sách nhà nước", "Tổng giá trị sản phẩm", "giải ngân vốn đầu tư công",
           "doanh nghiệp", "thu nhập bình quân đầu người", "nước sạch",
           "phân loại chất thải rắn", "thu gom chất thải rắn")
# led by Phòng Văn hóa - Xã hội (section 3.2): never in Phòng Kinh tế's digest
VAN_HOA = ("gia đình văn hóa", "bảo hiểm y tế", "hộ nghèo")
# the commune's reports to the province not sent (report_unsent): Quý IV/2026 and năm
# 2026, due 05/01/2027 as the items' reports are, so one day late as well; 6 and 9 months
# (185 and 93 days late) are not on their weekly day
UNSENT = {"bc-quy-2026-Q4", "bc-nam-2026"}


def principal(s: Any, username: str) -> Principal:
    user = accounts.get_user(s, username)
    return Principal(user.id, user.username, user.full_name, ())


def people(settings: Settings) -> None:
    """Phòng Kinh tế's user and the commune's Chủ tịch, each with an email address."""
    with uow.transaction(settings) as s:
        for name, full, role, agency in (
                ("kinhte", "Phòng Kinh tế", "don_vi", "Phòng Kinh tế"),
                ("chutich", "Chủ tịch UBND xã", "lanh_dao", None)):
            accounts.create_user(s, name, "mat-khau-du-dai-1", full_name=full)
            accounts.grant(s, name, UNIT, role, agency)
            reminders.save_preferences(s, principal(s, name), {
                "email": f"{name}@thaitan.gov.vn", "channels": ["email"]})


@pytest.fixture
def demo_world(db_url: str, tmp_path: Path) -> Settings:
    """The demo register (`theodoi demo --as-of 2026-12-01`) and its two people."""
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data",
                        public_url="http://theodoi.test", smtp_host="127.0.0.1",
                        smtp_starttls=False)
    with uow.transaction(settings) as s:
        loaded = demo.load_samples(s, SAMPLES, max_bytes=MAX)
        demo.record_progress(s, [r.plan_id for _, r in loaded], date(2026, 12, 1))
        # Thái Tân's only plan (sample 001) is a restricted Party document: the demo lets
        # the commune's agencies read it, as they carry out its tasks (the default would not)
        assert set(restricted_readers(units.find(s, UNIT).restricted_readers)) == {
            "lanh_dao", "van_phong", "quan_tri", "don_vi"}
    people(settings)
    return settings


def test_an_agency_that_does_not_read_a_restricted_plan_is_not_reminded_of_it(
        demo_world: Settings) -> None:
    settings = demo_world
    with uow.transaction(settings) as s:
        units.set_restricted_readers(s, None, UNIT, None)  # back to the default readers
        planned = {p.username: p for p in reminders.run_digest(s, settings, DAY, MORNING)}
        everything = unreported_q4(s, None)
    assert "kinhte" not in planned  # every line it had was of the restricted plan
    assert planned["chutich"].as_dict()["lines"] == len(everything) + len(UNSENT)


def test_a_chase_does_not_tell_an_agency_of_a_plan_it_may_not_read(
        demo_world: Settings) -> None:
    """Đôn đốc goes to the lead agency's users; with the default readers they do not read
    Thái Tân's restricted plan, so neither an item of it nor the agency's list (all of
    it in that plan) is sent, and the office is told why; nothing is written."""
    settings = demo_world
    with uow.transaction(settings) as s:
        units.set_restricted_readers(s, None, UNIT, None)  # back to the default readers
        chutich = accounts.principal_for(s, "chutich")
        ref = sorted(unreported_q4(s, "Phòng Kinh tế"))[0]
        kinh_te = next(a for a in s.scalars(select(Assignment).where(
            Assignment.role == "lead", Assignment.agency_id.is_not(None)))
            if a.agency.name == "Phòng Kinh tế").agency_id
        for chase in (lambda: reminders.chase_item(s, settings, chutich, ref, DAY, now=MORNING),
                      lambda: reminders.chase_agency(s, settings, chutich,
                                                     units.find(s, UNIT).id, kinh_te, DAY,
                                                     now=MORNING)):
            with pytest.raises(BadInput, match="không được đọc kế hoạch này"):
                chase()
        assert s.scalars(select(Notice)).all() == []


def unreported_q4(s: Any, agency: str | None) -> set[str]:
    """The unit's live items of active plans (of the agency) with no Quý IV/2026 report
    by the day, read from the tables (a finished task owes none)."""
    unit = units.find(s, UNIT)
    lead = select(Assignment).where(Assignment.role == "lead")
    found: set[str] = set()
    for model, prefix, key in ((Target, "t", Assignment.target_id),
                               (Task, "k", Assignment.task_id)):
        rows = s.scalars(select(model).join(Plan).where(
            Plan.unit_id == unit.id, Plan.status == "active",
            model.review.in_(("accepted", "corrected", "added"))))
        for item in rows:
            leads = [a for a in s.scalars(lead.where(key == item.id))]
            name = leads[0].agency.name if leads and leads[0].agency else None
            if agency is None or name == agency:
                found.add(f"{prefix}{item.id}")
    reported = {f"t{i}" for i in s.scalars(select(ProgressRecord.target_id).where(
        ProgressRecord.period_key == "2026-Q4", ProgressRecord.recorded_at < datetime(
            2027, 1, 7)))}
    updates = s.scalars(select(TaskUpdate).where(TaskUpdate.withdrawn.is_(False),
                                                 TaskUpdate.reported_on <= DAY))
    for u in updates:
        if u.period_key == "2026-Q4" or u.state == "hoan_thanh":
            reported.add(f"k{u.task_id}")
    return found - reported


def lines(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [ln for g in groups for ln in g["lines"]]


def test_the_demo_on_06_01_2027_reaches_phong_kinh_te_and_the_leader_once(
        demo_world: Settings) -> None:
    settings = demo_world
    with smtp_server() as (box, port):
        settings.smtp_port = port
        with uow.transaction(settings) as s:
            reminders.run_digest(s, settings, DAY, MORNING)
        reminders.send_due(settings, lambda: MORNING)
        assert len(box.mails) == 2
        mail, = box.to("kinhte@thaitan.gov.vn")
        leader, = box.to("chutich@thaitan.gov.vn")
        with uow.transaction(settings) as s:
            expected = unreported_q4(s, "Phòng Kinh tế")
            everything = unreported_q4(s, None)
            notice, = s.scalars(select(Notice).where(
                Notice.user_id == principal(s, "kinhte").user_id))
            leader_notice, = s.scalars(select(Notice).where(
                Notice.user_id == principal(s, "chutich").user_id))
            assert notice.day == DAY and notice.read_at is None
        shown = lines(notice.groups)
        assert {ln["ref"] for ln in shown} == expected
        assert all(ln["what"] == "Báo cáo Quý IV/2026" and ln["phrase"] == "quá hạn 1 ngày"
                   and ln["due"] == "05/01/2027" for ln in shown)
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        for phrase in KINH_TE:
            assert phrase.lower() in text.lower(), phrase
        for phrase in VAN_HOA:
            assert phrase.lower() not in text.lower(), phrase
        for ln in shown:
            assert f"http://theodoi.test{ln['link']}" in text
            assert f'href="http://theodoi.test{ln["link"]}"' in html
        assert mail["Subject"] == (f"[theodoi] Nhắc việc ngày 06/01/2027: {len(expected)} "
                                   "việc đã quá hạn")
        leader_text = leader.get_body(("plain",)).get_content()
        assert "ĐÃ QUÁ HẠN" in leader_text
        assert {ln["ref"] for ln in lines(leader_notice.groups)} == everything | UNSENT
        assert everything > expected
        assert {ln["phrase"] for ln in lines(leader_notice.groups)} == {"quá hạn 1 ngày"}
        for ref in everything:
            page = "chi-tieu" if ref[0] == "t" else "nhiem-vu"
            assert f"/{page}/{ref}\n" in leader_text + "\n"

        with uow.transaction(settings) as s:  # the same day again: nothing new
            again = reminders.run_digest(s, settings, DAY, MORNING)
        assert all(p.channels == [] for p in again)
        assert {tuple(p.already) for p in again} == {("in_app", "email")}
        assert reminders.send_due(settings, lambda: MORNING).sent == []
        assert len(box.mails) == 2
        with uow.transaction(settings) as s:
            assert len(s.scalars(select(Notice)).all()) == 2
            assert len(s.scalars(select(OutboxAttempt)).all()) == 2


def test_a_request_told_in_the_app_is_not_news_again_in_the_next_days_notice(
        demo_world: Settings) -> None:
    """The agency is told of an explanation request in the app as it is made; the next
    day's in-app digest does not repeat "Mới có yêu cầu giải trình", the email (which
    told nobody then) still carries it."""
    settings = demo_world
    asked_on = utcnow().date()  # the request is dated by the clock, as in the app
    question = "Vì sao chỉ tiêu chưa có số liệu quý?"
    with uow.transaction(settings) as s:
        ref = sorted(unreported_q4(s, "Phòng Kinh tế"))[0]
        explanations.request_explanation(s, ref, question, by="chutich")
    day_after = asked_on + timedelta(days=1)
    with uow.transaction(settings) as s:
        reminders.run_digest(s, settings, day_after,
                             datetime.combine(day_after, datetime.min.time()) + timedelta(hours=1))
    with uow.transaction(settings) as s:
        kinhte = principal(s, "kinhte").user_id
        told, = s.scalars(select(Notice).where(Notice.user_id == kinhte,
                                               Notice.key.like("explanation/%")))
        assert told.day == asked_on and ref in told.subject
        notice = s.scalars(select(Notice).where(
            Notice.user_id == kinhte, Notice.key == f"digest/{day_after.isoformat()}")).first()
        mail, = s.scalars(select(OutboxMessage).where(OutboxMessage.user_id == kinhte))
    news = f"Mới có yêu cầu giải trình: {question}"
    assert news in mail.body_text
    shown = lines(notice.groups) if notice is not None else []
    assert not [ln for ln in shown if ln["ref"] == ref and ln["what"] == news]
