"""The demo ships a sample movement (issue 21's done-when): `theodoi demo` turns sample
002's emulation section into Thị trấn Cổ Lễ's movement with two participants, the first
registered, signed and proposed for a Giấy khen with one paper uploaded; the web shows
it to the town's office. Loading again adds nothing. Both backends."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi

TOWN = "Thị trấn Cổ Lễ"
NAME = ("Phong trào thi đua thực hiện nhiệm vụ công tác Cải cách hành chính thị trấn Cổ Lễ "
        "năm 2024")


def test_the_demo_has_the_sample_movement(settings_env: str, capsys: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-12-01")
    assert code == 0, err
    assert f"Phong trào thi đua mẫu: {TOWN} — “{NAME}”" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-du-dai-123\n"))
    assert theodoi(capsys, "user", "create", "vanphong", "--unit", TOWN, "--role",
                   "van_phong", "--password-stdin")[0] == 0
    code, out, _ = theodoi(capsys, "emulation", "list", "--unit", TOWN, "--as", "vanphong",
                           "--format", "json")
    [m] = json.loads(out)["movements"]
    assert (m["name"], m["deadline"], m["participants"], m["signed"]) == (
        NAME, "2024-11-10", 2, 1)
    code, out, _ = theodoi(capsys, "emulation", "show", str(m["id"]), "--as", "vanphong",
                           "--format", "json")
    first = json.loads(out)["participants"][0]
    assert len(first["registration"]["commitments"]) == 3
    code, out, _ = theodoi(capsys, "emulation", "dossier", str(first["id"]), "--as",
                           "vanphong", "--format", "json")
    view = json.loads(out)
    assert view["dossier"]["reward_form"] == "giay_khen"
    assert [p["state"] for p in view["papers"]] == ["missing", "present", "produced",
                                                    "missing"]
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-12-20")
    assert code == 0 and "Phong trào thi đua mẫu" not in out  # made once
    code, out, _ = theodoi(capsys, "emulation", "list", "--unit", TOWN, "--as", "vanphong",
                           "--format", "json")
    assert len(json.loads(out)["movements"]) == 1
