"""`theodoi progress pending|accept|return|lock|reopen|validation` — both backends: an
agency's figure waits, is returned with the reason, sent again and accepted; a locked
period refuses the office's figure until reopened."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from typing import Any

import pytest

from tests.cli.test_progress_cli import UNIT, _setup, _status
from tests.cli.test_register_cli import theodoi
from theodoi.services.accounts import users
from theodoi.services.views import my_work
from theodoi.storage.db import session_factory


def _user(capsys: Any, monkeypatch: pytest.MonkeyPatch, name: str, *role: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-123\n"))
    code, _, err = theodoi(capsys, "user", "create", name, "--unit", UNIT, "--role", *role,
                           "--password-stdin")
    assert code == 0, err


def _send(url: str, ref: str, value: str) -> int:
    """The agency's user sends a figure of Q3/2026 as the web does; its id."""
    with session_factory(url)() as s:
        row = my_work.record_value(s, users.principal_for(s, "kinhte"), ref, "Q3/2026",
                                   value, max_evidence_bytes=1000, on=date(2026, 10, 3))
        s.commit()
    assert row["waiting"] is True
    return int(row["id"])


def test_pending_return_send_again_accept(settings_env: str, capsys: Any,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    income = _setup(capsys)["income"]  # Thu nhập bình quân, Phòng Kinh tế, triệu đồng/năm
    _user(capsys, monkeypatch, "kinhte", "don_vi", "--agency", "Phòng Kinh tế")
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    first = _send(settings_env, income, "610")
    code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", "05/10/2026")
    assert code == 0 and "1 số liệu chờ xác nhận (chưa tính)" in out
    code, out, err = theodoi(capsys, "progress", "pending", "--unit", UNIT, "--as", "vanphong")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Chờ xác nhận: 1"
    assert lines[1].startswith(f"  số {first}: {income} Quý III/2026: 610 triệu đồng/năm — "
                               "Phòng Kinh tế, gửi ") and lines[1].endswith(" bởi kinhte")
    assert lines[2:] == ["Bị trả lại, chưa gửi lại: 0", "Kỳ đã chốt: chưa có."]
    code, _, err = theodoi(capsys, "progress", "accept", str(first), "--as", "kinhte")
    assert code != 0 and "văn phòng hoặc lãnh đạo" in err
    code, out, err = theodoi(capsys, "progress", "return", str(first), "--reason",
                             "Ghi theo triệu đồng", "--as", "vanphong")
    assert code == 0, err
    assert out.strip() == (f"Số liệu số {first} ({income} Quý III/2026: 610): bị trả lại; "
                           "lý do: Ghi theo triệu đồng.")
    assert _status(capsys, "05/10/2026")[income]["actual"] is None
    second = _send(settings_env, income, "61")
    code, out, err = theodoi(capsys, "progress", "accept", str(second), "--as", "vanphong",
                             "--format", "json")
    assert code == 0, err
    assert json.loads(out)["state"] == "da_xac_nhan"
    assert _status(capsys, "05/10/2026")[income]["actual"] == 61


def test_a_locked_period_refuses_until_reopened(settings_env: str, capsys: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    income = _setup(capsys)["income"]
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    code, out, err = theodoi(capsys, "progress", "lock", "--unit", UNIT, "--period",
                             "Q3/2026", "--as", "vanphong")
    assert code == 0 and out.strip() == "Quý III/2026: đã chốt.", err
    code, _, err = theodoi(capsys, "progress", "record", income, "--period", "Q3/2026",
                           "--value", "61")
    assert code != 0 and "đã chốt" in err
    code, out, err = theodoi(capsys, "progress", "reopen", "--unit", UNIT, "--period",
                             "Q3/2026", "--reason", "Đính chính", "--as", "vanphong")
    assert code == 0 and out.strip() == "Quý III/2026: đã mở lại.", err
    assert theodoi(capsys, "progress", "record", income, "--period", "Q3/2026", "--value",
                   "61")[0] == 0


def test_the_switch(settings_env: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    income = _setup(capsys)["income"]
    _user(capsys, monkeypatch, "kinhte", "don_vi", "--agency", "Phòng Kinh tế")
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    code, out, err = theodoi(capsys, "progress", "validation", "--unit", UNIT, "off", "--as",
                             "vanphong")
    assert code == 0 and out.strip() == f"{UNIT}: số liệu cơ quan gửi được tính ngay.", err
    with session_factory(settings_env)() as s:
        row = my_work.record_value(s, users.principal_for(s, "kinhte"), income, "Q3/2026",
                                   "61", max_evidence_bytes=1000)
        s.commit()
    assert row["waiting"] is False
    assert _status(capsys, "05/10/2026")[income]["actual"] == 61
