"""`theodoi instructions list|show|close|reopen|create` in process, on both backends: the
province's programme activated makes one item per commune; a commune plan linked closes
its item; a report closes another; bad input is a Vietnamese message and exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.services.docs import PARTY_SAMPLE
from tests.services.test_instructions import PROVINCE_CTR


def _setup(run: Any, tmp_path: Path) -> int:
    assert run("unit", "create", "Tỉnh Thử", "--level", "tinh")[0] == 0
    for name in ("Xã Thử", "Xã Ba"):
        assert run("unit", "create", name, "--parent", "Tỉnh Thử")[0] == 0
    path = tmp_path / "ctr16.txt"
    path.write_text(PROVINCE_CTR, encoding="utf-8")
    code, output = run("import", str(path), "--unit", "Tỉnh Thử", "--format", "json")
    assert code in (0, 1), output
    plan_id = int(json.loads(output)["plan_id"])
    assert run("plan", "activate", str(plan_id), "--accept-rest", "--yes")[0] == 0
    code, output = run("import", str(PARTY_SAMPLE), "--unit", "Xã Thử", "--format", "json")
    assert code in (0, 1), output  # 66-KH/ĐU of 30/3/2026 implements 16-CTr/TU
    return plan_id


def test_list_show_close_reopen(run: Any, tmp_path: Path) -> None:
    plan_id = _setup(run, tmp_path)
    code, output = run("instructions", "list", "--unit", "Tỉnh Thử", "--as-of", "15/04/2026",
                       "--format", "json")
    assert code == 0, output
    [given] = json.loads(output)["given"]
    states = {i["unit"]["name"]: (i["state"], i["acted_on"], i["how"]) for i in given["items"]}
    assert states == {"Xã Thử": ("da_thuc_hien_dung_han", "2026-03-30", "plan"),
                      "Xã Ba": ("qua_han", None, None)}
    ba = next(i["id"] for i in given["items"] if i["unit"]["name"] == "Xã Ba")
    code, output = run("instructions", "close", str(ba), "--text", "Đã ban hành 03-KH/ĐU.",
                       "--on", "02/04/2026")
    assert code == 0 and "Xã Ba" in output and "02/04/2026" in output
    code, output = run("instructions", "show", given["ref"], "--as-of", "2026-04-15")
    assert code == 0 and "2/2 đơn vị đã thực hiện" in output and "Hoàn thành trễ hạn" in output
    assert run("instructions", "reopen", str(ba))[0] == 0
    code, output = run("instructions", "show", given["ref"], "--as-of", "2026-04-15",
                       "--format", "json")
    assert json.loads(output)["acted"] == 1
    code, output = run("instructions", "create", str(plan_id))
    assert code == 0 and "lập mới 0 mục" in output  # made at activation, never twice


def test_bad_input_is_refused_in_vietnamese(run: Any, tmp_path: Path) -> None:
    _setup(run, tmp_path)
    code, output = run("instructions", "show", "12")
    assert code == 2 and "k12" in output
    code, output = run("instructions", "close", "999", "--text", "x")
    assert code == 2 and "không có mục chỉ đạo số 999" in output
    code, output = run("instructions", "list", "--unit", "Tỉnh Thử", "--as-of", "31/02/2026")
    assert code == 2 and "không hợp lệ" in output
