"""The README's main command: the sample plans loaded into the embedded database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi


def test_demo_loads_every_sample_under_its_commune_once(capsys: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THEODOI_DATABASE_URL", raising=False)
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    code, out, _ = theodoi(capsys, "demo", "--no-progress")  # the plans only, as drafts
    assert code == 0 and out.count("vừa nạp") == 5
    assert (tmp_path / "theodoi.db").is_file()
    assert theodoi(capsys, "demo", "--no-progress")[0] == 0  # twice: nothing stored again
    listed = json.loads(theodoi(capsys, "unit", "list", "--format", "json")[1])
    assert {u["name"] for u in listed} == {"Tỉnh mẫu", "Thị trấn Cổ Lễ", "Xã Thái Tân",
                                           "Xã Nghi Dương", "Xã Ngọc Liên"}
    assert {u["parent"] for u in listed if u["level"] != "tinh"} == {"Tỉnh mẫu"}
    plans = [p for u in listed if u["level"] != "tinh" for p in json.loads(
        theodoi(capsys, "plan", "list", "--unit", u["code"], "--format", "json")[1])]
    assert len(plans) == 5 and {p["status"] for p in plans} == {"draft"}
    assert sorted(p["unit"] for p in plans).count("Thị trấn Cổ Lễ") == 2


def test_import_without_a_unit_uses_the_issuing_commune(settings_env: str, capsys: Any,
                                                        tmp_path: Path) -> None:
    from tests.services.conftest import SAMPLES

    code, out, _ = theodoi(capsys, "import", str(SAMPLES / "004_6b6b87edb22c8fec.txt"))
    assert code == 1 and "Xã Ngọc Liên" in out
    nameless = tmp_path / "khong-ro.txt"
    nameless.write_text("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n1. Tỷ lệ hộ nghèo dưới 1%.\n",
                        encoding="utf-8")
    code, _, err = theodoi(capsys, "import", str(nameless))
    assert code == 2 and "hãy chỉ rõ đơn vị (--unit)" in err
