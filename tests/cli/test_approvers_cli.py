"""`theodoi approval approvers`: the administrator names who approves for a body, the
commune's leader is then refused a product submitted to it and the one named approves;
bad input is a Vietnamese message and a non-zero exit, and stores nothing. Both
backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_approval_cli import _user
from tests.cli.test_progress_cli import UNIT, _setup
from tests.cli.test_register_cli import theodoi

BTV = "Ban Thường vụ Đảng ủy"


def test_named_approver_decides_from_the_command_line(
        settings_env: str, capsys: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    invest = _setup(capsys)["invest"]
    _user(capsys, monkeypatch, "quantri", "quan_tri")
    _user(capsys, monkeypatch, "chutich", "lanh_dao")
    _user(capsys, monkeypatch, "bithu", "lanh_dao")
    _user(capsys, monkeypatch, "kinhte", "don_vi", "--agency", "Phòng Kinh tế")
    code, out, _ = theodoi(capsys, "approval", "approvers", "--unit", UNIT, "--as", "chutich")
    assert (code, out.strip()) == (0, "Chưa giao cơ quan nào: lãnh đạo đơn vị duyệt.")
    code, _, err = theodoi(capsys, "approval", "approvers", "--unit", UNIT, "--body", BTV,
                           "--user", "bithu", "--as", "chutich")
    assert code != 0 and err.strip()  # a leader does not name: the administrator does
    code, _, err = theodoi(capsys, "approval", "approvers", "--unit", UNIT, "--body", BTV,
                           "--user", "kinhte", "--as", "quantri")
    assert code == 2 and "'kinhte' không phải lãnh đạo" in err
    code, out, _ = theodoi(capsys, "approval", "approvers", "--unit", UNIT, "--as", "chutich")
    assert out.strip() == "Chưa giao cơ quan nào: lãnh đạo đơn vị duyệt."  # nothing stored
    code, out, err = theodoi(capsys, "approval", "approvers", "--unit", UNIT, "--body", BTV,
                             "--user", "bithu", "--as", "quantri", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["bodies"] == [{"body": BTV, "users": ["bithu"]}]
    draft = tmp_path / "du-thao.pdf"
    draft.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert theodoi(capsys, "approval", "submit", invest, "--file", str(draft), "--to", BTV,
                   "--as", "kinhte", "--on", "20/09/2026")[0] == 0
    code, _, err = theodoi(capsys, "approval", "approve", invest, "--as", "chutich")
    assert code != 0 and f"chỉ bithu được giao duyệt hoặc trả lại thay {BTV}" in err
    code, out, err = theodoi(capsys, "approval", "approve", invest, "--as", "bithu",
                             "--on", "22/09/2026")
    assert code == 0, err
    assert out.splitlines()[0] == f"{invest}: đã duyệt (đã duyệt)."
