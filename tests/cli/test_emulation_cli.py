"""`theodoi emulation …` — import sample 002, propose its movement, add a participant, an
agency registers and signs; bad input exits 2 with a Vietnamese message. Both backends."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi
from tests.conftest import SAMPLES

UNIT = "Thị trấn Cổ Lễ"
S002 = SAMPLES / "002_d2b9d9a47977116e.txt"


def _user(capsys: Any, monkeypatch: pytest.MonkeyPatch, name: str, *role: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-du-dai-123\n"))
    code, _, err = theodoi(capsys, "user", "create", name, "--unit", UNIT, "--role", *role,
                           "--password-stdin")
    assert code == 0, err


def _json(capsys: Any, *args: str) -> Any:
    code, out, err = theodoi(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_import_propose_register_sign(settings_env: str, capsys: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = theodoi(capsys, "import", str(S002), "--unit", UNIT)
    assert code in (0, 1), err
    assert "Kế hoạch phát động “Phong trào thi đua thực hiện nhiệm vụ công tác Cải cách " \
        "hành chính thị trấn Cổ Lễ năm 2024”" in out
    plan_id = json.loads(theodoi(capsys, "plan", "list", "--unit", UNIT, "--format",
                                 "json")[1])[0]["id"]
    # the bodies sample 002's tasks name: "Công chức chuyên môn", Ủy ban MTTQ (section VI.3)
    agencies = _json(capsys, "agency", "list", "--unit", UNIT)
    vp = next(a for a in agencies if a["name"] == "Ủy ban MTTQ Việt Nam")
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    _user(capsys, monkeypatch, "vpthongke", "don_vi", "--agency", vp["name"])
    code, out, _ = theodoi(capsys, "emulation", "list", "--unit", UNIT, "--as", "vanphong")
    assert f"`theodoi emulation propose {plan_id} --as …`" in out
    m = _json(capsys, "emulation", "propose", str(plan_id), "--as", "vanphong")
    assert m["deadline"] == "2024-11-10" and len(m["criteria"]) == 7
    x = _json(capsys, "emulation", "participant", str(m["id"]), "--version",
              str(m["version"]), "--kind", "agency", "--agency", str(vp["id"]), "--as",
              "vanphong")
    reg = x["registration"]
    view = _json(capsys, "emulation", "register", str(x["id"]), "--version",
                 str(reg["version"]), "--commit", "Giải quyết 100% hồ sơ TTHC đúng hạn",
                 "--commit", "Có 01 sáng kiến cải cách hành chính", "--as", "vpthongke")
    reg = view["participant"]["registration"]
    code, _, err = theodoi(capsys, "emulation", "sign", str(x["id"]), "--version",
                           str(reg["version"]), "--as", "vanphong")
    assert code == 2 and "chỉ chính" in err
    code, out, err = theodoi(capsys, "emulation", "sign", str(x["id"]), "--version",
                             str(reg["version"]), "--as", "vpthongke")
    assert code == 0, err
    assert out.splitlines()[0].endswith("Đã ký đăng ký (phiên bản 3)")
    code, out, _ = theodoi(capsys, "emulation", "show", str(m["id"]), "--as", "vpthongke")
    assert f"[{x['id']}] Cơ quan, đơn vị: {vp['name']} — Đã ký đăng ký, 2 nội dung đăng ký" \
        in out


def test_bad_input_exits_2(settings_env: str, capsys: Any,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert theodoi(capsys, "import", str(S002), "--unit", UNIT)[0] in (0, 1)
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    plan_id = json.loads(theodoi(capsys, "plan", "list", "--unit", UNIT, "--format",
                                 "json")[1])[0]["id"]
    m = _json(capsys, "emulation", "propose", str(plan_id), "--as", "vanphong")
    code, _, err = theodoi(capsys, "emulation", "criterion", str(m["id"]), "--version",
                           str(m["version"]), "--text", "Tỷ lệ chỉ tiêu đạt", "--kind",
                           "targets_met_share", "--threshold", "150", "--as", "vanphong")
    assert code == 2 and "từ 0 đến 100" in err
    code, _, err = theodoi(capsys, "emulation", "edit", str(m["id"]), "--version",
                           str(m["version"]), "--deadline", "31/02/2024", "--as", "vanphong")
    assert code == 2 and "không đúng" in err
