"""The register from the command line: import, review, activate, agencies, db — both backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.services.conftest import PLANS, SAMPLES
from theodoi.cli import cli
from theodoi.cli.errors import run_guarded

V1, V2 = PLANS / "ke-hoach-v1.txt", PLANS / "ke-hoach-v2.txt"


def theodoi(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run one command in process; (exit code, stdout, stderr)."""
    try:
        code = run_guarded(cli, list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _plans(capsys: Any) -> list[dict[str, Any]]:
    code, out, _ = theodoi(capsys, "plan", "list", "--unit", "Xã An Bình", "--format", "json")
    assert code == 0
    return json.loads(out)


def test_import_review_activate_from_the_command_line(settings_env: str, capsys: Any) -> None:
    code, out, _ = theodoi(capsys, "import", str(V1), "--unit", "Xã An Bình")
    assert code == 0  # read cleanly, every agency known to the rules
    assert "Đã tạo đơn vị mới: Xã An Bình" in out and "bản nháp kế hoạch số 1" in out
    code, out, _ = theodoi(capsys, "import", str(V1), "--unit", "xa-an-binh")
    assert code == 0 and "không thay đổi gì" in out
    detail = json.loads(theodoi(capsys, "plan", "show", "1", "--format", "json")[1])
    income = next(t for t in detail["targets"] if "Thu nhập" in t["indicator"])
    code, out, _ = theodoi(capsys, "plan", "correct", income["ref"], "--set", "value=95",
                           "--set", "unit=triệu đồng/người/năm")
    assert code == 0 and "Đã sửa" in out
    code, _, err = theodoi(capsys, "plan", "activate", "1")
    assert code == 2 and "chưa rà soát" in err
    assert theodoi(capsys, "plan", "activate", "1", "--accept-rest")[0] == 0
    [plan] = _plans(capsys)
    assert plan["status"] == "active" and plan["reviews"] == {"accepted": 5, "corrected": 1}


def test_the_same_plan_in_another_file_is_refused(settings_env: str, capsys: Any,
                                                  tmp_path: Path) -> None:
    theodoi(capsys, "import", str(V1), "--unit", "Xã An Bình")
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(V1.read_bytes().replace(b"\n", b"\r\n"))  # the same words, other bytes
    code, _, err = theodoi(capsys, "import", str(copy), "--unit", "Xã An Bình", "--yes")
    assert code == 2 and "trùng với kế hoạch số 1" in err
    assert len(_plans(capsys)) == 1


def test_a_revision_shows_what_changed(settings_env: str, capsys: Any) -> None:
    theodoi(capsys, "import", str(V1), "--unit", "Xã An Bình")
    theodoi(capsys, "plan", "activate", "1", "--accept-rest")
    code, out, err = theodoi(capsys, "import", str(V2), "--unit", "Xã An Bình")
    assert code == 1 and "chạy lại lệnh với --yes" in err  # shown, not stored: no terminal
    assert "Bản sửa của kế hoạch số 1: 1 mới, 1 thay đổi, 4 giữ nguyên, 1 bỏ" in out
    assert len(_plans(capsys)) == 1
    code, out, _ = theodoi(capsys, "import", str(V2), "--unit", "Xã An Bình", "--yes")
    assert code == 0
    assert "Bản sửa (kế hoạch số 2) của kế hoạch số 1: 1 mới, 1 thay đổi, 4 giữ nguyên" in out
    code, out, err = theodoi(capsys, "plan", "activate", "2", "--accept-rest")
    assert code == 1 and "- kế hoạch số 1 (" in out and "bị đóng" in out  # said, not done
    assert [p["status"] for p in _plans(capsys)] == ["active", "draft"]
    theodoi(capsys, "plan", "activate", "2", "--accept-rest", "--yes")
    assert [p["status"] for p in _plans(capsys)] == ["closed", "active"]


@pytest.mark.parametrize(("args", "message"), [
    (["plan", "correct", "t1", "--set", "value=nhiều"], "giá trị 'nhiều' không hợp lệ"),
    (["plan", "correct", "t1", "--set", "value"], "không đúng dạng tên=giá_trị"),
    (["plan", "accept", "t999"], "không có mục t999"),
    (["plan", "show", "42"], "không có kế hoạch số 42"),
    (["plan", "list", "--unit", "Xã Không Có"], "không có đơn vị"),
    (["agency", "confirm", "99", "--unit", "Xã An Bình"], "không có cơ quan số 99"),
])
def test_bad_requests_get_one_vietnamese_line_and_exit_2(settings_env: str, capsys: Any,
                                                         args: list[str], message: str) -> None:
    theodoi(capsys, "import", str(V1), "--unit", "Xã An Bình")
    code, out, err = theodoi(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err + out


def test_a_bad_file_leaves_the_register_as_it_was(settings_env: str, capsys: Any,
                                                  tmp_path: Path) -> None:
    theodoi(capsys, "import", str(V1), "--unit", "Xã An Bình")
    before = _plans(capsys)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = theodoi(capsys, "import", str(broken), "--unit", "Xã An Bình")
    assert code == 2 and "hong.docx" in err
    code, _, err = theodoi(capsys, "import", str(tmp_path / "khong-co.txt"), "--unit", "X")
    assert code == 2 and "không tìm thấy tệp" in err
    assert _plans(capsys) == before


def test_agency_directory_from_the_command_line(settings_env: str, capsys: Any) -> None:
    code, out, _ = theodoi(capsys, "import", str(SAMPLES / "001_81fb9a8f4653a181.txt"),
                           "--unit", "Xã An Bình")
    assert code == 1 and "Cơ quan chưa có trong danh mục" in out  # proposals need a person
    rows = json.loads(theodoi(capsys, "agency", "list", "--unit", "Xã An Bình", "--proposed",
                              "--format", "json")[1])
    assert rows and {r["status"] for r in rows} == {"proposed"}
    everyone = json.loads(theodoi(capsys, "agency", "list", "--unit", "Xã An Bình",
                                  "--format", "json")[1])
    party_office = next(r for r in everyone if r["name"] == "Văn phòng Đảng ủy")
    code, out, _ = theodoi(capsys, "agency", "merge", str(rows[0]["id"]),
                           str(party_office["id"]), "--unit", "Xã An Bình")
    assert code == 0 and "Đã gộp vào: Văn phòng Đảng ủy" in out
    after = json.loads(theodoi(capsys, "agency", "list", "--unit", "Xã An Bình",
                               "--format", "json")[1])
    merged = next(r for r in after if r["id"] == party_office["id"])
    assert rows[0]["name"] in merged["aliases"]
    assert rows[0]["id"] not in {r["id"] for r in after}


def test_db_commands(settings_env: str, capsys: Any) -> None:
    from theodoi.storage.db import head_revision

    head = head_revision()
    code, out, _ = theodoi(capsys, "db", "status")
    assert code == 0 and f"Phiên bản: {head} (mới nhất: {head})" in out
    assert theodoi(capsys, "db", "downgrade", "base")[0] == 0
    assert "Phiên bản: (trống)" in theodoi(capsys, "db", "status")[1]
    code, out, _ = theodoi(capsys, "db", "upgrade")
    assert code == 0 and f"(trống) → {head}" in out


def test_a_server_database_behind_the_code_asks_for_db_upgrade(
        empty_db_url: str, backend: str, capsys: Any, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setenv("THEODOI_DATABASE_URL", empty_db_url)
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    code, _, err = theodoi(capsys, "unit", "list")
    if backend == "sqlite":  # the embedded database upgrades itself
        assert code == 0 and err == ""
    else:
        assert code == 2 and "theodoi db upgrade" in err


def test_an_unreachable_server_is_a_clear_error(capsys: Any, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("THEODOI_DATABASE_URL",
                       "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    code, _, err = theodoi(capsys, "unit", "list")
    assert code == 2 and "không kết nối được cơ sở dữ liệu" in err


def test_brackets_in_a_message_are_printed_as_written(settings_env: str, capsys: Any) -> None:
    code, _, err = theodoi(capsys, "plan", "list", "--unit", "Xã [bold]Lạ[/bold]")
    assert code == 2 and "không có đơn vị 'Xã [bold]Lạ[/bold]'" in err


def test_plan_fields_fills_the_tasks_of_plans_stored_before_tasks_had_one(
        settings_env: str, capsys: Any) -> None:
    """Two plans imported, then their tasks' fields wiped as a plan stored by an older
    version has them; a person's choice on one task. `plan fields` reads the rest again
    from the stored source: in v1 "1. Xây dựng Kế hoạch đầu tư công trung hạn" (its own
    heading: kinh_te); in the Đảng ủy's resolution the works under "1. Về văn hóa - xã
    hội" and "2. Về quốc phòng, an ninh"."""
    from sqlalchemy import select, update

    from theodoi.storage import db
    from theodoi.storage.models import Task

    for path in (V1, PLANS / "nghi-quyet-dang-uy.txt"):
        assert theodoi(capsys, "import", str(path), "--unit", "Xã An Bình")[0] in (0, 1)
    with db.session_factory(settings_env)() as s:
        s.execute(update(Task).values(field=None))
        s.execute(update(Task).where(Task.title.like("Xây dựng Đề án%"))
                  .values(field="van_hoa_xa_hoi"))
        s.commit()
    code, shown, _ = theodoi(capsys, "plan", "fields", "--unit", "Xã An Bình")
    assert code == 0
    assert "Đã điền lĩnh vực cho 3 nhiệm vụ; 2 nhiệm vụ chưa phân lĩnh vực" in " ".join(
        shown.split())
    with db.session_factory(settings_env)() as s:
        got = {t.title[:30]: t.field for t in s.scalars(select(Task).order_by(Task.id))}
    assert got == {
        "Xây dựng Kế hoạch đầu tư công ": "kinh_te",
        "Xây dựng Đề án phát triển du l": "van_hoa_xa_hoi",  # the person's choice kept
        "Giao Phòng Kinh tế chủ trì the": None,
        "Năm 2026: Hoàn thành việc sửa ": "van_hoa_xa_hoi",
        "Năm 2026: Hoàn thành việc xây ": "quoc_phong_an_ninh",
        "Giao Văn phòng Đảng ủy theo dõ": None}
