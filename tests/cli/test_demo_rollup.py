"""The demo's roll-up (issue 22 items 1–2 done-when): the sample province's GRDP, poverty
and health insurance targets show each linked commune's figure and the aggregate; the CLI
commands of links across levels, on both backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi
from theodoi.services.demo.sample_rollup import PLAN_TEXT, POPULATIONS

PROVINCE = "Tỉnh mẫu"


def _groups(capsys: Any) -> dict[str, dict[str, Any]]:
    """The province's linked targets' roll-ups, by the first words of their indicator."""
    code, out, _ = theodoi(capsys, "links", "across-list", "--unit", PROVINCE, "--state",
                           "confirmed", "--format", "json")
    assert code == 0
    refs = sorted({r["upper"]["ref"] for r in json.loads(out)})
    found = {}
    for ref in refs:
        code, out, _ = theodoi(capsys, "links", "rollup", ref, "--as-of", "2026-07-15",
                               "--format", "json")
        assert code == 0
        group = json.loads(out)
        found[" ".join(group["upper"]["indicator"].split()[:4])] = group
    return found


def test_the_demo_links_the_provinces_targets_to_its_communes(settings_env: str,
                                                              capsys: Any) -> None:
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-07-15")
    assert code == 0, err
    assert "Tổng hợp mẫu: kế hoạch số" in out
    groups = _groups(capsys)
    # by the samples: only Nghi Dương's plan states GRDP; Thái Tân's "giảm 75% số hộ
    # nghèo" is a share lifted out of poverty, not the rate (rejected); each commune
    # carries the health insurance rate with one target
    assert {k: sorted(r["unit"] for r in g["rows"]) for k, g in groups.items()} == {
        "Tốc độ tăng trưởng": ["Xã Nghi Dương"],
        "Tỷ lệ hộ nghèo": ["Thị trấn Cổ Lễ", "Xã Ngọc Liên"],
        "Tỷ lệ dân số": ["Thị trấn Cổ Lễ", "Xã Ngọc Liên", "Xã Thái Tân"]}
    insured = groups["Tỷ lệ dân số"]
    assert insured["method"] == "weighted_mean"  # every commune has its population
    weights = [POPULATIONS[r["unit"]] for r in insured["rows"]]
    values = [r["value"] for r in insured["rows"]]
    assert all(v is not None for v in values)
    expected = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
    assert insured["aggregate"]["value"] == pytest.approx(expected)
    assert insured["status"] is not None
    code, out, _ = theodoi(capsys, "demo", "--as-of", "2026-07-20")
    assert code == 0 and "0 liên kết xác nhận, 0 bỏ lúc này" in out  # nothing decided twice


def test_links_across_levels_from_the_command_line(settings_env: str, capsys: Any,
                                                  tmp_path: Path) -> None:
    """The samples as drafts, the province's plan imported by hand: drafts are open
    plans, so their targets are suggested too; its three targets are rates."""
    code, out, err = theodoi(capsys, "demo", "--no-progress")
    assert code == 0, err
    plan = tmp_path / "ke-hoach-tinh.txt"
    plan.write_text(PLAN_TEXT, encoding="utf-8")
    assert theodoi(capsys, "import", str(plan), "--unit", PROVINCE)[0] in (0, 1)
    code, out, _ = theodoi(capsys, "links", "across", "--unit", PROVINCE, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["state"] == "suggested" for r in rows)
    first = rows[0]["id"]
    code, out, _ = theodoi(capsys, "links", "across-confirm", str(first), "--relation", "rate")
    assert code == 0 and f"Đã xác nhận liên kết số {first} (cùng tỷ lệ)." in out
    code, out, _ = theodoi(capsys, "links", "across-reject", str(rows[1]["id"]))
    assert code == 0
    code, _, err = theodoi(capsys, "links", "rollup-method", rows[0]["upper"]["ref"], "sum")
    # a rate is never summed: refused, nothing stored, exit 2
    assert code == 2 and "không cộng được" in err
    code, _, err = theodoi(capsys, "unit", "population", "Xã Không Có", "100")
    assert code == 2
    code, out, _ = theodoi(capsys, "unit", "population", "Xã Thái Tân", "9800")
    assert code == 0 and "9.800" in out
