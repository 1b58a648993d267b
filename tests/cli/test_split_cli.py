"""`theodoi unit create --level thon|to_dan_pho|chi_bo` and `theodoi split count|shares` in
process, on both backends: a unit below the commune without a commune above is refused
(exit 2, in Vietnamese); a split prints what it made, again makes nothing twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.services.docs import plan_text

XA = plan_text("09/KH-UBND", "15 tháng 01 năm 2026", kind="KẾ HOẠCH",
               title="xây dựng đời sống văn hóa năm 2026", targets=[
                   "Có 2 thôn đạt chuẩn văn hóa.",
                   "Thu ngân sách nhà nước trên địa bàn đạt 1.200 triệu đồng."])



def _commune(run: Any, tmp_path: Path) -> dict[str, str]:
    """Xã Thử with its active plan and Thôn Đông, Thôn Tây; the two targets' refs."""
    assert run("unit", "create", "Tỉnh Thử", "--level", "tinh")[0] == 0
    assert run("unit", "create", "Xã Thử", "--parent", "Tỉnh Thử")[0] == 0
    for name in ("Thôn Đông", "Thôn Tây"):
        code, output = run("unit", "create", name, "--level", "thon", "--parent", "Xã Thử")
        assert code == 0, output
    path = tmp_path / "xa.txt"
    path.write_text(XA, encoding="utf-8")
    code, output = run("import", str(path), "--unit", "Xã Thử", "--format", "json")
    plan = json.loads(output)["plan_id"]
    assert run("plan", "activate", str(plan), "--accept-rest")[0] == 0
    shown = json.loads(run("plan", "show", str(plan), "--format", "json")[1])
    return {w: next(t["ref"] for t in shown["targets"] if w in t["indicator"])
            for w in ("văn hóa", "ngân sách")}


def test_a_thon_without_a_commune_above_is_refused(run: Any) -> None:
    assert run("unit", "create", "Tỉnh Thử", "--level", "tinh")[0] == 0
    code, output = run("unit", "create", "Thôn Lạc", "--level", "thon", "--parent",
                       "Tỉnh Thử")
    assert code == 2
    assert "thôn phải thuộc một xã, phường, thị trấn hoặc đặc khu" in output
    code, output = run("unit", "create", "Chi bộ Lạc", "--level", "chi_bo")
    assert code == 2 and "chi bộ phải thuộc một xã" in output


def test_split_count_then_again_makes_nothing_twice(run: Any, tmp_path: Path) -> None:
    refs = _commune(run, tmp_path)
    code, output = run("split", "count", refs["văn hóa"], "--format", "json")
    assert code == 0, output
    made = json.loads(output)
    assert [r["unit"] for r in made["created"]] == ["Thôn Đông", "Thôn Tây"]
    code, output = run("split", "count", refs["văn hóa"])
    assert code == 0
    assert f"{refs['văn hóa']}: giao mới 0 đơn vị, giữ nguyên 2 đơn vị đã giao." in output
    code, output = run("links", "rollup", refs["văn hóa"], "--format", "json")
    assert json.loads(output)["method_label"] == "số đơn vị đạt (0/2 đơn vị)"


def test_split_shares_shows_the_difference_and_refuses_a_bad_share(run: Any,
                                                                   tmp_path: Path) -> None:
    refs = _commune(run, tmp_path)
    code, output = run("split", "shares", refs["ngân sách"], "--share", "Thôn Đông=500",
                       "--share", "Thôn Tây=400")
    assert code == 0, output
    assert "Tổng các phần: 900; còn chênh 300 so với chỉ tiêu của xã." in output
    code, output = run("split", "shares", refs["ngân sách"], "--share", "Thôn Đông 500")
    assert code == 2 and "không đúng dạng ĐƠN_VỊ=SỐ" in output
