"""`theodoi approval …`: trình, trả lại, trình, duyệt from the command line — both backends."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_progress_cli import UNIT, _setup
from tests.cli.test_register_cli import theodoi


def _user(capsys: Any, monkeypatch: pytest.MonkeyPatch, name: str, *role: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-123\n"))
    code, _, err = theodoi(capsys, "user", "create", name, "--unit", UNIT, "--role", *role,
                           "--password-stdin")
    assert code == 0, err


def test_submit_return_submit_approve(settings_env: str, capsys: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    invest = _setup(capsys)["invest"]  # Kế hoạch đầu tư công, Phòng Kinh tế, Quý III/2026
    _user(capsys, monkeypatch, "kinhte", "don_vi", "--agency", "Phòng Kinh tế")
    _user(capsys, monkeypatch, "chutich", "lanh_dao")
    draft = tmp_path / "du-thao.pdf"
    draft.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out, err = theodoi(capsys, "approval", "submit", invest, "--file", str(draft),
                             "--to", "UBND xã", "--as", "kinhte", "--on", "20/09/2026")
    assert code == 0, err
    assert out.splitlines()[0] == f"{invest}: đã trình (đã trình đúng hạn, chờ duyệt)."
    code, _, err = theodoi(capsys, "approval", "approve", invest, "--as", "kinhte")
    assert code != 0 and "duyệt" in err
    code, out, err = theodoi(capsys, "approval", "return", invest, "--reason", "Thiếu vốn",
                             "--as", "chutich", "--on", "25/09/2026")
    assert code == 0, err
    assert out.splitlines()[0] == f"{invest}: trả lại (bị trả lại, chưa trình lại)."
    assert theodoi(capsys, "approval", "submit", invest, "--file", str(draft), "--as",
                   "kinhte", "--on", "01/10/2026")[0] == 0
    code, out, _ = theodoi(capsys, "approval", "list", "--unit", UNIT, "--as", "chutich",
                           "--on", "03/10/2026")
    assert code == 0 and out.splitlines()[:2] == [
        "Chờ duyệt: 1", f"  {invest} Xây dựng Kế hoạch đầu tư công trung hạn — Phòng Kinh tế, "
        "đã trình đúng hạn, chờ duyệt"]
    assert theodoi(capsys, "approval", "approve", invest, "--as", "chutich", "--on",
                   "05/10/2026")[0] == 0
    code, out, _ = theodoi(capsys, "approval", "show", invest, "--as", "chutich", "--format",
                           "json")
    view = json.loads(out)
    assert view["state"] == "da_duyet"
    assert [(s["action"], s["made_on"], s["by"]) for s in view["steps"]] == [
        ("trinh", "2026-09-20", "kinhte"), ("tra_lai", "2026-09-25", "chutich"),
        ("trinh", "2026-10-01", "kinhte"), ("duyet", "2026-10-05", "chutich")]
    missing = theodoi(capsys, "approval", "submit", invest, "--file", str(tmp_path / "x.pdf"),
                      "--as", "kinhte")
    assert missing[0] == 2 and "không tìm thấy tệp" in missing[2]
