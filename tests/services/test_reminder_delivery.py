"""Delivering reminders: retries with back-off and a dead state, a sender killed in the
middle of a batch, STARTTLS and sign-in, the HTTP gateways (only when configured), quiet
hours and the serve schedule's lease. The register is the v1 test plan at Xã An Bình;
its Quý IV/2026 report is due 05/01/2027, so on 06/01/2027 every item is one day late."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.services.mailbox import free_port, gateway, self_signed, smtp_server
from tests.services.progress_setup import active_v1
from theodoi.domain import reminders as rules
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.services import reminders, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import explanations
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage.models import Notice, OutboxAttempt, OutboxMessage, Target

SRC = Path(__file__).resolve().parents[2] / "src"
DAY = date(2027, 1, 6)
MORNING = datetime(2027, 1, 6, 1, 0)  # 08:00 in Hà Nội, a Wednesday
UNIT = "Xã An Bình"


def person(settings: Settings, name: str, **prefs: Any) -> Principal:
    """A Phòng Kinh tế user of Xã An Bình with the given contact details and choices."""
    with uow.transaction(settings) as s:
        user = accounts.create_user(s, name, "mat-khau-du-dai-1", full_name=name.title())
        accounts.grant(s, name, UNIT, "don_vi", "Phòng Kinh tế")
        p = Principal(user.id, user.username, user.full_name, ())
        if prefs:
            reminders.save_preferences(s, p, prefs)
        return p


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    made = Settings(database_url=db_url, data_dir=tmp_path / "data", smtp_host="127.0.0.1",
                    smtp_port=free_port(), smtp_starttls=False,
                    public_url="https://theodoi.xa.vn")
    with uow.transaction(made) as s:
        active_v1(s)
    return made


def digest(settings: Settings, now: datetime = MORNING, day: date = DAY) -> list[Any]:
    with uow.transaction(settings) as s:
        return reminders.run_digest(s, settings, day, now)


def clock(at: datetime) -> Callable[[], datetime]:
    """A sender's clock stopped at `at`."""
    return lambda: at


def outbox(settings: Settings) -> list[OutboxMessage]:
    with uow.transaction(settings) as s:
        rows = list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        s.expunge_all()
        return rows


def test_a_message_that_cannot_be_delivered_is_retried_later_then_left_dead(
        settings: Settings) -> None:
    person(settings, "kinhte", email="kinhte@anbinh.gov.vn", channels=["email"])
    digest(settings)  # nothing listens on the SMTP port
    at = MORNING
    for attempt in range(1, rules.MAX_ATTEMPTS + 1):
        done = reminders.send_due(settings, clock(at))
        message, = outbox(settings)
        assert message.attempts == attempt and "máy chủ thư 127.0.0.1" in message.last_error
        if attempt < rules.MAX_ATTEMPTS:
            assert done.retry == [message.id] and message.state == "pending"
            assert message.next_at == at + rules.BACKOFF[min(attempt, 5) - 1]
            early = reminders.send_due(settings, clock(message.next_at - timedelta(seconds=1)))
            assert (early.sent, early.retry, early.dead) == ([], [], [])
            at = message.next_at
    assert done.dead == [message.id] and message.state == "dead"
    with uow.transaction(settings) as s:
        tries = s.scalars(select(OutboxAttempt)).all()
        assert len(tries) == rules.MAX_ATTEMPTS and not any(t.ok for t in tries)
        accounts.create_user(s, "quantri", "mat-khau-du-dai-1")
        accounts.grant(s, "quantri", UNIT, "quan_tri")
        log = reminders.sent_log(s, accounts.principal_for(s, "quantri"))
    assert log["counts"] == {"dead": 1}
    assert log["messages"][0]["state_label"] == "gửi không được (đã dừng)"


def test_only_quan_tri_reads_the_sent_log(settings: Settings) -> None:
    person(settings, "kinhte")
    with uow.transaction(settings) as s, pytest.raises(Forbidden, match="chỉ quản trị"):
        reminders.sent_log(s, accounts.principal_for(s, "kinhte"))


def test_a_sender_killed_mid_batch_sends_every_message_exactly_once(
        settings: Settings) -> None:
    names = [f"kinhte{i}" for i in range(5)]
    for name in names:
        person(settings, name, email=f"{name}@anbinh.gov.vn", channels=["email"],
               quiet_days=[], quiet_start="00:00", quiet_end="00:00")  # never quiet
    digest(settings, now=datetime.now(UTC).replace(tzinfo=None))  # due on the real clock
    settings.remind_send_timeout_seconds = 1
    env = {**os.environ, "PYTHONPATH": str(SRC), "THEODOI_DATABASE_URL": str(
        settings.database_url), "THEODOI_DATA_DIR": str(settings.data_dir),
        "THEODOI_SMTP_HOST": "127.0.0.1", "THEODOI_SMTP_STARTTLS": "false",
        "THEODOI_REMIND_SEND_TIMEOUT_SECONDS": "1", "THEODOI_TIMEZONE": "UTC"}
    command = [sys.executable, "-c", "from theodoi.cli import main; main()", "remind",
               "--send-only"]
    with smtp_server() as (box, port):
        env["THEODOI_SMTP_PORT"] = str(port)
        sender = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)

        def kill_on_third(index: int) -> bool:
            if index != 2:
                return False
            sender.kill()  # while it waits for the server's answer to the third message
            sender.wait(30)
            return True

        box.refuse = kill_on_third
        sender.wait(120)
        assert sender.returncode == -9 and len(box.mails) == 2
        time.sleep(1.2)  # the dead sender's claim runs out
        again = subprocess.run(command, env=env, capture_output=True, timeout=120)
        assert again.returncode == 0, again.stderr.decode()
    keys = sorted(m["X-Theodoi-Key"] for m in box.mails)
    assert len(keys) == 5 and len(set(keys)) == 5
    rows = outbox(settings)
    assert sorted(m.key for m in rows) == keys and {m.state for m in rows} == {"sent"}
    assert sorted(m.attempts for m in rows) == [1, 1, 1, 1, 2]  # the third was tried twice


def test_starttls_and_sign_in_from_the_settings(settings: Settings, tmp_path: Path) -> None:
    cert = self_signed(tmp_path)
    person(settings, "kinhte", email="kinhte@anbinh.gov.vn", channels=["email"])
    digest(settings)
    with smtp_server(tls=cert, login=("theodoi", "dung-mat-khau")) as (box, port):
        settings.smtp_port, settings.smtp_starttls = port, True
        settings.smtp_ca_file = str(cert[0])
        settings.smtp_username, settings.smtp_password = "theodoi", "sai-mat-khau"
        refused = reminders.send_due(settings, lambda: MORNING)
        assert refused.retry and box.mails == []
        assert "535" in outbox(settings)[0].last_error  # the server's 'authentication failed'
        settings.smtp_password = "dung-mat-khau"
        assert len(reminders.send_due(settings, lambda: MORNING + timedelta(hours=1)).sent) == 1
    mail, = box.mails
    assert mail["To"] == "kinhte@anbinh.gov.vn" and mail["From"] == "theodoi@localhost"
    assert "https://theodoi.xa.vn/chi-tieu/t" in mail.get_body(("plain",)).get_content()


def test_zalo_goes_to_the_configured_gateway_and_an_unconfigured_sms_is_never_made(
        settings: Settings) -> None:
    person(settings, "kinhte", zalo_id="zalo-123", phone="0912345678",
           channels=["zalo", "sms"])
    with gateway() as gw:
        settings.zalo_url = f"http://127.0.0.1:{gw.server_port}/zns"
        settings.zalo_token, settings.zalo_template = "bi-mat", "mau-42"
        planned, = digest(settings)
        assert planned.channels == ["in_app", "zalo"]  # sms: no gateway configured
        assert reminders.send_due(settings, lambda: MORNING).sent
    (path, headers, body), = gw.calls
    assert path == "/zns" and headers["Authorization"] == "Bearer bi-mat"
    assert body["to"] == "zalo-123" and body["template_id"] == "mau-42"
    assert body["text"].endswith("Xem chi tiết: https://theodoi.xa.vn/thong-bao")
    assert "việc đã quá hạn" in body["text"]
    assert [m.channel for m in outbox(settings)] == ["zalo"]


def test_made_in_quiet_hours_the_email_waits_for_the_morning_the_inbox_does_not(
        settings: Settings) -> None:
    person(settings, "kinhte", email="kinhte@anbinh.gov.vn", channels=["email"],
           quiet_days=["6"], quiet_start="21:00", quiet_end="06:30")
    late = datetime(2027, 1, 5, 16, 0)  # 23:00 in Hà Nội on Tuesday 05/01
    digest(settings, now=late)
    message, = outbox(settings)
    assert message.next_at == datetime(2027, 1, 5, 23, 30)  # 06:30 on Wednesday, local
    with smtp_server() as (box, port):
        settings.smtp_port = port
        assert reminders.send_due(settings, lambda: late + timedelta(hours=2)).sent == []
        assert reminders.send_due(settings, lambda: message.next_at).sent == [message.id]
    assert len(box.mails) == 1
    with uow.transaction(settings) as s:
        assert len(s.scalars(select(Notice)).all()) == 1


def test_bad_contact_details_are_refused_and_nothing_is_stored(settings: Settings) -> None:
    p = person(settings, "kinhte")
    for form, message in (({"email": "kinhte.anbinh"}, "địa chỉ thư"),
                          ({"phone": "12ab"}, "số điện thoại"),
                          ({"channels": ["fax"]}, "kênh nhận 'fax' không có"),
                          ({"quiet_start": "25:00"}, "giờ '25:00' không hợp lệ")):
        with pytest.raises(BadInput, match=message), uow.transaction(settings) as s:
            reminders.save_preferences(s, p, form)
    with uow.transaction(settings) as s:
        assert reminders.preferences(s, p)["email"] == ""


def test_in_serve_one_process_holds_the_lease_and_makes_the_day_once(
        settings: Settings) -> None:
    person(settings, "kinhte", email="kinhte@anbinh.gov.vn", channels=["email"])
    early = datetime(2027, 1, 5, 23, 58)  # 06:58 local on 06/01: before THEODOI_REMIND_HOUR
    seven = datetime(2027, 1, 6, 0, 1)  # 07:01 local
    with smtp_server() as (box, port):
        settings.smtp_port = port
        assert reminders.tick(settings, early, "may-1") is True
        assert outbox(settings) == []
        assert reminders.tick(settings, seven, "may-2") is False  # may-1 holds it
        assert reminders.tick(settings, seven, "may-1") is True
        assert reminders.tick(settings, seven + timedelta(minutes=1), "may-1") is True
        later = seven + timedelta(minutes=10)  # may-1 stopped ticking: may-2 takes over
        assert reminders.tick(settings, later, "may-2") is True
    assert len(box.mails) == 1 and len(outbox(settings)) == 1


def test_an_explanation_request_has_an_answer_deadline_and_the_agency_hears_at_once(
        settings: Settings) -> None:
    kinhte = person(settings, "kinhte")
    asked = datetime.now(UTC).date()
    with uow.transaction(settings) as s:
        reminders.set_unit_rule(s, None, units.find(s, UNIT).id, "explanation",
                                {"answer_days": 3})
        income = next(t for t in s.scalars(select(Target)) if "Thu nhập" in t.indicator)
        row = explanations.request_explanation(s, f"t{income.id}", "Vì sao chậm?",
                                               by="Chủ tịch UBND xã")
    assert row.answer_due == asked + timedelta(days=3)  # the unit's rule, not the default 7
    with uow.transaction(settings) as s:
        notice, = reminders.inbox(s, kinhte)["notices"]
    assert notice["subject"] == (f"Yêu cầu giải trình mục t{income.id}, hạn trả lời "
                                 f"{(asked + timedelta(days=3)):%d/%m/%Y}")
    line, = notice["groups"][0]["lines"]
    assert (line["phrase"], line["link"]) == ("còn 3 ngày", f"/muc/t{income.id}/giai-trinh")
    # the digest the day before the deadline reminds the agency of it ...
    eve = asked + timedelta(days=2)
    with uow.transaction(settings) as s:
        planned, = reminders.run_digest(s, settings, eve, datetime(2030, 1, 1))
    assert [(ln.what, ln.phrase) for _, ln in planned.lines
            if ln.trigger == "explanation"] == [("Giải trình: Vì sao chậm?", "còn 1 ngày")]
    with uow.transaction(settings) as s:  # ... and an answer ends the reminders
        explanations.answer(s, row.id, "Giá nông sản giảm.", by="kinhte")
        later = reminders.run_digest(s, settings, asked + timedelta(days=3),
                                     datetime(2030, 1, 1), dry_run=True)
    assert not [ln for p in later for _, ln in p.lines if ln.trigger == "explanation"]
