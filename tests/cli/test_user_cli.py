"""`theodoi user create|grant|passwd|list` — both backends."""

from __future__ import annotations

import io
import json

import pytest

from tests.cli.test_register_cli import theodoi
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.settings import load


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_create_grant_passwd_list(settings_env: str, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = theodoi(capsys, "unit", "create", "Xã An Bình")
    assert code == 0, err
    _stdin(monkeypatch, "mat-khau-123\n")
    code, out, err = theodoi(capsys, "user", "create", "admin", "--full-name", "Nguyễn Văn A",
                             "--unit", "Xã An Bình", "--role", "quan_tri", "--password-stdin")
    assert code == 0, err
    assert "Đã tạo người dùng admin" in out
    code, _, err = theodoi(capsys, "user", "grant", "admin", "--unit", "Xã An Bình",
                           "--role", "xem")
    assert code == 0, err
    _stdin(monkeypatch, "mat-khau-456\n")
    code, _, err = theodoi(capsys, "user", "passwd", "admin", "--password-stdin")
    assert code == 0, err
    code, out, _ = theodoi(capsys, "user", "list", "--format", "json")
    rows = json.loads(out)
    assert rows[0]["username"] == "admin" and rows[0]["full_name"] == "Nguyễn Văn A"
    assert sorted(rows[0]["grants"]) == ["quan_tri@xa-an-binh", "xem@xa-an-binh"]
    with uow.transaction(load()) as s:
        assert isinstance(accounts.login(s, "admin", "mat-khau-456", "cli"), accounts.SignIn)


def test_bad_input_exits_2_in_vietnamese(settings_env: str, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    theodoi(capsys, "unit", "create", "Xã An Bình")
    _stdin(monkeypatch, "ngan\n")
    code, _, err = theodoi(capsys, "user", "create", "admin", "--password-stdin")
    assert code == 2 and "ít nhất 12 ký tự" in err
    _stdin(monkeypatch, "mat-khau-123\n")
    code, _, err = theodoi(capsys, "user", "create", "canbo", "--unit", "Xã An Bình",
                           "--role", "don_vi", "--password-stdin")
    assert code == 2 and "--agency" in err
    code, _, err = theodoi(capsys, "user", "grant", "khong-co", "--unit", "Xã An Bình",
                           "--role", "xem")
    assert code == 2 and "không có người dùng" in err
