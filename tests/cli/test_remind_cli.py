"""`theodoi remind` and `theodoi remind-rules` in process, on both backends: the v1 test
plan at Xã An Bình with its targets led by Phòng Kinh tế, whose user gets the digest."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.cli.test_register_cli import theodoi
from tests.services.progress_setup import active_v1
from theodoi.services.accounts import users as accounts
from theodoi.storage.db import session_factory
from theodoi.storage.models import Notice


def _world(url: str) -> None:
    with session_factory(url)() as s:
        active_v1(s)
        accounts.create_user(s, "kinhte", "mat-khau-du-dai-1")
        accounts.grant(s, "kinhte", "Xã An Bình", "don_vi", "Phòng Kinh tế")
        s.commit()


def _phrases(url: str) -> list[str]:
    with session_factory(url)() as s:
        notice = s.scalars(select(Notice)).one()
        return sorted(ln["phrase"] for g in notice.groups for ln in g["lines"])


def _notices(url: str) -> int:
    with session_factory(url)() as s:
        return int(s.scalar(select(func.count()).select_from(Notice)) or 0)


def test_a_dry_run_writes_nothing_and_a_second_run_adds_nothing(settings_env: str,
                                                                capsys: Any) -> None:
    _world(settings_env)
    code, out, _ = theodoi(capsys, "remind", "--as-of", "2027-01-06", "--dry-run",
                           "--format", "json")
    shown = json.loads(out)
    assert code == 0 and shown["dry_run"] and shown["sent"] is None
    person, = shown["digests"]
    # Phòng Kinh tế's three items (Thu nhập; the public investment plan, II.1; following
    # up the plan, III.1) owe the Quý IV/2026 report due 05/01/2027, one day late on the
    # 6th; III.1's own deadline, 15/12/2026, is 22 days behind: 1 + 3 weeks, its turn
    assert (person["user"], person["overdue"], person["written"]) == ("kinhte", 4, ["in_app"])
    assert _notices(settings_env) == 0
    code, out, _ = theodoi(capsys, "remind", "--as-of", "2027-01-06")
    assert code == 0 and "kinhte" in out and "Đã gửi 0 tin" in out
    assert _notices(settings_env) == 1
    assert _phrases(settings_env) == ["quá hạn 1 ngày"] * 3 + ["quá hạn 22 ngày"]
    code, out, _ = theodoi(capsys, "remind", "--as-of", "2027-01-06", "--format", "json")
    assert json.loads(out)["digests"][0]["already"] == ["in_app"]
    assert _notices(settings_env) == 1


def test_a_unit_s_rules_are_shown_and_changed_and_bad_ones_refused(settings_env: str,
                                                                  capsys: Any) -> None:
    _world(settings_env)
    code, out, _ = theodoi(capsys, "remind-rules", "--unit", "Xã An Bình", "--trigger",
                           "report_due", "--set", '{"before_days": [5]}', "--format", "json")
    rules = json.loads(out)
    assert code == 0 and rules["rules"]["report_due"]["before_days"] == [5]
    assert rules["overrides"] == {"report_due": {"before_days": [5]}}
    assert rules["rules"]["report_due"]["overdue_every_days"] == 7  # the default stays
    code, _, err = theodoi(capsys, "remind-rules", "--unit", "Xã An Bình", "--trigger",
                           "report_due", "--set", "[5]")
    assert code == 2 and "không phải JSON" in err
    code, _, err = theodoi(capsys, "remind-rules", "--unit", "Xã An Bình", "--trigger",
                           "bao_cao", "--set", "{}")
    assert code == 2 and "không có loại nhắc việc 'bao_cao'" in err
    code, out, _ = theodoi(capsys, "remind-rules", "--unit", "Xã An Bình")
    assert code == 0 and "before_days=[5]" in out


def test_settings_never_print_the_smtp_password_or_a_gateway_token(
        settings_env: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THEODOI_SMTP_PASSWORD", "mat-khau-thu-dien-tu")
    monkeypatch.setenv("THEODOI_ZALO_TOKEN", "ma-zalo-bi-mat")
    code, out, _ = theodoi(capsys, "settings")
    assert code == 0 and "mat-khau-thu-dien-tu" not in out and "ma-zalo-bi-mat" not in out
    assert out.count("(đã đặt, không hiện)") == 2


def test_the_administrator_sets_a_person_s_contact_details(settings_env: str,
                                                           capsys: Any) -> None:
    _world(settings_env)
    code, out, _ = theodoi(capsys, "user", "contact", "kinhte", "--email",
                           "kinhte@anbinh.gov.vn", "--phone", "0912 345 678", "--format", "json")
    assert code == 0 and json.loads(out) == {"email": "kinhte@anbinh.gov.vn",
                                             "phone": "0912345678", "zalo_id": "",
                                             "channels": ["email"]}  # the default channel
    code, out, _ = theodoi(capsys, "user", "contact", "kinhte", "--zalo", "zl-1",
                           "--channel", "zalo", "--channel", "email")
    assert code == 0 and out.strip() == ("kinhte: thư kinhte@anbinh.gov.vn, điện thoại "
                                         "0912345678, Zalo zl-1; nhận qua: zalo, email.")
    code, _, err = theodoi(capsys, "user", "contact", "kinhte", "--phone", "12ab")
    assert code == 2 and "số điện thoại '12ab' không hợp lệ" in err
    code, _, err = theodoi(capsys, "user", "contact", "khongai", "--phone", "0912345678")
    assert code == 2 and "khongai" in err
