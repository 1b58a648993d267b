"""`theodoi user token create|list|revoke` — both backends."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.test_register_cli import theodoi
from theodoi.services import uow
from theodoi.services.accounts import tokens
from theodoi.services.accounts import users as accounts
from theodoi.settings import load


def test_create_list_revoke(settings_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    with uow.transaction(load()) as s:
        accounts.create_user(s, "tapLenh", "mot-mat-khau-du-dai-1")
    code, out, err = theodoi(capsys, "user", "token", "create", "taplenh", "--name",
                             "Báo cáo tuần")
    assert code == 0, err
    token = out.strip().splitlines()[-1]
    assert re.fullmatch(r"tdi_[A-Za-z0-9_-]{43}", token) and "không hiện lại" in out
    code, out, _ = theodoi(capsys, "user", "token", "list", "taplenh", "--format", "json")
    (row,) = json.loads(out)
    assert row["name"] == "Báo cáo tuần" and row["prefix"] == token[:12]
    assert row["revoked_at"] is None and token not in out
    with uow.transaction(load()) as s:
        assert tokens.principal_of(s, token) is not None
    code, out, _ = theodoi(capsys, "user", "token", "revoke", "taplenh", str(row["id"]))
    assert code == 0 and "Đã thu hồi" in out
    with uow.transaction(load()) as s:
        assert tokens.principal_of(s, token) is None
    code, out, _ = theodoi(capsys, "user", "token", "list", "taplenh")
    assert code == 0 and "thu hồi" in out


def test_unknown_user_or_token_is_bad_input(settings_env: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = theodoi(capsys, "user", "token", "create", "khong-co", "--name", "x")
    assert code == 2 and "không có người dùng" in err
    with uow.transaction(load()) as s:
        accounts.create_user(s, "mot", "mot-mat-khau-du-dai-1")
    code, _, err = theodoi(capsys, "user", "token", "revoke", "mot", "99")
    assert code == 2 and "không có mã truy cập số 99" in err
