"""The demo's done-when of issue 22 item 3: the sample province's instruction to its
communes shows which acted (Nghi Dương by its plan 66-KH/ĐU of 30/03/2026, linked in the
cascade; Thái Tân by a report of 08/04/2026, late) and which have not — both backends."""

from __future__ import annotations

import json
from typing import Any

from tests.cli.test_register_cli import theodoi

PROVINCE = "Tỉnh mẫu"


def test_the_demo_province_sees_which_communes_acted_on_its_instruction(
        settings_env: str, capsys: Any) -> None:
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-12-01")
    assert code == 0, err
    assert "Chỉ đạo mẫu: Tỉnh mẫu" in out and "giao 4 đơn vị cấp dưới" in out
    code, out, _ = theodoi(capsys, "instructions", "list", "--unit", PROVINCE, "--as-of",
                           "2026-12-01", "--format", "json")
    [given] = json.loads(out)["given"]
    assert {i["unit"]["name"]: (i["state"], i["acted_on"], i["how"])
            for i in given["items"]} == {
        "Xã Nghi Dương": ("da_thuc_hien_dung_han", "2026-03-30", "plan"),
        "Xã Thái Tân": ("da_thuc_hien_tre_han", "2026-04-08", "report"),
        "Thị trấn Cổ Lễ": ("qua_han", None, None),
        "Xã Ngọc Liên": ("qua_han", None, None)}
    assert (given["due"], given["status"]) == ("2026-03-31", "qua_han")
    code, out, _ = theodoi(capsys, "demo", "--as-of", "2026-12-20")
    assert code == 0 and "Xã Thái Tân báo cáo" not in out  # nothing entered twice
    code, out, _ = theodoi(capsys, "instructions", "show", given["ref"], "--format", "json")
    assert json.loads(out)["total"] == 4
