"""`theodoi plan pending|link|unlink` and `theodoi links …` in process, on both backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.services.docs import CTR_16, KH_20, KH_XA, NQ_XA, PARTY_SAMPLE


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _import(run: Any, path: str, unit: str, *extra: str) -> int:
    code, output = run("import", path, "--unit", unit, "--format", "json", *extra)
    assert code in (0, 1), output
    return int(json.loads(output)["plan_id"])


@pytest.fixture
def register(run: Any, tmp_path: Path) -> dict[str, int]:
    """Province with two active plans, the commune with the party sample under it."""
    assert run("unit", "create", "Tỉnh Thử", "--level", "tinh")[0] == 0
    ids = {"ctr": _import(run, _write(tmp_path, "ctr.txt", CTR_16), "Tỉnh Thử"),
           "kh20": _import(run, _write(tmp_path, "kh20.txt", KH_20), "Tỉnh Thử")}
    for plan in ids.values():
        assert run("plan", "activate", str(plan), "--accept-rest")[0] == 0
    ids["commune"] = _import(run, str(PARTY_SAMPLE), "Xã Thử", "--parent", "Tỉnh Thử")
    return ids


def test_pending_shows_what_is_not_yet_implemented(run: Any, register: dict[str, int]) -> None:
    code, output = run("plan", "pending", "--unit", "Xã Thử", "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert [p["id"] for p in data["plans"]] == [register["kh20"]]
    assert data["plans"][0]["number"] == "20-KH/TU" and data["missing"] == []
    code, output = run("plan", "pending", "--unit", "Xã Thử")
    assert code == 0 and "1 văn bản cấp trên chưa cụ thể hóa" in output and "20-KH/TU" in output


def test_link_then_unlink_from_the_command_line(run: Any, register: dict[str, int]) -> None:
    commune, kh20 = str(register["commune"]), str(register["kh20"])
    code, output = run("plan", "link", commune, "--implements", kh20)
    assert code == 0 and "đã liên kết" in output
    pending = json.loads(run("plan", "pending", "--unit", "Xã Thử", "--format", "json")[1])
    assert pending["plans"] == []
    assert run("plan", "unlink", commune, "--implements", kh20)[0] == 0
    pending = json.loads(run("plan", "pending", "--unit", "Xã Thử", "--format", "json")[1])
    assert [p["id"] for p in pending["plans"]] == [register["kh20"]]


def test_bad_plan_ids_exit_2_with_a_vietnamese_message(run: Any, register: dict[str, int]) -> None:
    code, output = run("plan", "link", str(register["commune"]), "--implements", "999")
    assert code == 2 and "không có kế hoạch số 999" in output
    code, output = run("plan", "link", str(register["kh20"]), "--implements",
                       str(register["commune"]))
    assert code == 2 and "không liên kết được" in output  # a province plan under a commune's
    code, output = run("plan", "pending", "--unit", "Xã Không Có")
    assert code == 2 and "không có đơn vị" in output


def test_suggest_list_confirm_dismiss(run: Any, tmp_path: Path) -> None:
    for name, text in (("nq.txt", NQ_XA), ("kh.txt", KH_XA)):
        _import(run, _write(tmp_path, name, text), "Xã Thử")
    code, output = run("links", "suggest", "--unit", "Xã Thử", "--format", "json")
    assert code == 0
    [water] = json.loads(output)
    assert "nước sạch" in water["a"]["indicator"] and water["state"] == "suggested"
    code, output = run("links", "suggest", "--unit", "Xã Thử")
    assert code == 0 and "Có 0 đề xuất" in output
    assert run("links", "confirm", str(water["id"]))[0] == 0
    listed = json.loads(run("links", "list", "--unit", "Xã Thử", "--state", "confirmed",
                            "--format", "json")[1])
    assert [r["id"] for r in listed] == [water["id"]]
    code, output = run("links", "group", water["a"]["ref"], "--format", "json")
    assert code == 0 and [r["ref"] for r in json.loads(output)] == [water["b"]["ref"]]
    code, output = run("links", "dismiss", str(water["id"]), "--unit", "Xã Thử")
    assert code == 0 and "không được đề xuất lại" in output
    code, output = run("links", "list", "--unit", "Xã Thử")
    assert code == 0 and "đã bỏ" in output


def test_links_of_another_unit_and_bad_input_are_refused(run: Any, tmp_path: Path) -> None:
    for name, text in (("nq.txt", NQ_XA), ("kh.txt", KH_XA)):
        _import(run, _write(tmp_path, name, text), "Xã Thử")
    assert run("unit", "create", "Xã Bên")[0] == 0
    [water] = json.loads(run("links", "suggest", "--unit", "Xã Thử", "--format", "json")[1])
    code, output = run("links", "confirm", str(water["id"]), "--unit", "Xã Bên")
    assert code == 2 and "Xã Bên không có liên kết chỉ tiêu số" in output
    code, output = run("links", "dismiss", "12345")
    assert code == 2 and "không có liên kết chỉ tiêu số 12345" in output
    code, output = run("links", "list", "--unit", "Xã Thử", "--state", "maybe")
    assert code == 2 and "trạng thái 'maybe' không có" in output
