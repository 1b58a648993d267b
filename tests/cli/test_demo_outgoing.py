"""The demo's done-when of issue 20 item 4: a sample commune's quarterly report numbered,
sent, and seen as received by the sample province — both backends."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi

PROVINCE, SENDER = "Tỉnh mẫu", "Thị trấn Cổ Lễ"


def test_the_demo_sends_a_numbered_quarterly_report_the_province_sees_received(
        settings_env: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """On 01/12/2026 the last quarter reported is Q3 (values in on 03/10, the report signed
    and sent on 04/10, due 05/10: five days after 30/09). The other three communes sent
    nothing: late for Q1-Q3 (their plans are quarterly; Nghi Dương's was issued on 30/03,
    the others name no date), Q4 not due."""
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-12-01")
    assert code == 0, err
    assert (f"Văn bản đi mẫu: {SENDER} vào sổ báo cáo quý III/2026 số 1/BC-UBND, gửi "
            f"{PROVINCE} ngày 04/10/2026") in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-123\n"))
    assert theodoi(capsys, "user", "create", "tinh", "--unit", PROVINCE, "--role", "xem",
                   "--password-stdin")[0] == 0
    code, out, _ = theodoi(capsys, "outgoing", "inbox", "--unit", PROVINCE, "--as", "tinh",
                           "--format", "json")
    docs = json.loads(out)["documents"]
    assert [(d["unit"]["name"], d["number_text"], d["period"], d["received_on"], d["signed"])
            for d in docs] == [(SENDER, "1/BC-UBND", "2026-Q3", "2026-10-04", True)]
    code, out, _ = theodoi(capsys, "outgoing", "received", "--unit", PROVINCE, "--year",
                           "2026", "--on", "01/12/2026", "--as", "tinh", "--format", "json")
    rows = {r["unit"]["name"]: [c["standing"] for c in r["cells"]]
            for r in json.loads(out)["rows"]}
    late = ["cham", "cham", "cham", "chua_den_han"]
    assert rows == {SENDER: ["cham", "cham", "dung_han", "chua_den_han"],
                    "Xã Thái Tân": late, "Xã Nghi Dương": late, "Xã Ngọc Liên": late}
    code, out, _ = theodoi(capsys, "demo", "--as-of", "2026-12-20")
    assert code == 0 and "Văn bản đi mẫu" not in out  # nothing sent twice
