"""Progress, status, explanations and completeness from the command line — both backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.cli.test_register_cli import V1, theodoi

UNIT = "Xã An Bình"


def _setup(capsys: Any) -> dict[str, str]:
    """Import and activate v1 with a lead agency on the income target; refs by role."""
    theodoi(capsys, "import", str(V1), "--unit", UNIT)
    detail = json.loads(theodoi(capsys, "plan", "show", "1", "--format", "json")[1])
    income = next(t["ref"] for t in detail["targets"] if "Thu nhập" in t["indicator"])
    invest = next(k["ref"] for k in detail["tasks"] if "đầu tư" in k["title"])
    theodoi(capsys, "plan", "correct", income, "--set", "lead_agency=Phòng Kinh tế")
    assert theodoi(capsys, "plan", "activate", "1", "--accept-rest")[0] == 0
    return {"income": income, "invest": invest}


def _status(capsys: Any, as_of: str) -> dict[str, Any]:
    code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", as_of, "--format",
                           "json")
    assert code == 0
    data = json.loads(out)
    return {r["ref"]: r for r in data["targets"] + data["tasks"]} | {"_": data}


def test_record_correct_history_and_status(settings_env: str, capsys: Any,
                                           tmp_path: Path) -> None:
    refs = _setup(capsys)
    t = refs["income"]
    assert theodoi(capsys, "progress", "baseline", t, "--value", "70", "--year", "2025")[0] == 0
    evidence = tmp_path / "bao-cao.pdf"
    evidence.write_bytes(b"%PDF")
    code, out, _ = theodoi(capsys, "progress", "record", t, "--period", "2026", "--value",
                           "0,071", "--unit", "tỷ đồng", "--evidence", str(evidence))
    assert code == 0 and out.strip() == f"Đã ghi {t} Năm 2026: 71 triệu đồng/năm."
    code, out, _ = theodoi(capsys, "progress", "record", t, "--period", "2026", "--value",
                           "72", "--format", "json")
    assert code == 0 and json.loads(out)["corrects"] == 1
    history = json.loads(theodoi(capsys, "progress", "history", t, "--format", "json")[1])
    assert [(h["value"], h["current"]) for h in history] == [(71.0, False), (72.0, True)]
    assert "Hiện dùng" in theodoi(capsys, "progress", "history", t)[1]
    row = _status(capsys, "2027-01-10")[t]
    assert (row["code"], row["actual"], row["expected"]) == ("co_nguy_co", 72.0, 74.0)
    assert row["forecast_label"] == "dự kiến không đạt" and row["due"] == 2030
    code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", "2027-01-10")
    assert code == 0 and "Có nguy cơ không đạt" in out and "Kinh tế" in out and "74" in out


def test_free_text_and_bad_input_exit_2_in_one_vietnamese_line(settings_env: str,
                                                               capsys: Any) -> None:
    refs = _setup(capsys)
    code, _, err = theodoi(capsys, "progress", "record", refs["income"], "--period", "2026",
                           "--value", "đang thực hiện")
    assert code == 2 and "không phải là số" in err and len(err.strip().splitlines()) == 1
    code, _, err = theodoi(capsys, "progress", "task", refs["invest"], "--state", "xong")
    assert code == 2 and "trạng thái nhiệm vụ" in err
    code, _, err = theodoi(capsys, "progress", "task", refs["invest"], "--state",
                           "dang_thuc_hien", "--on", "31/02/2026")
    assert code == 2 and "ngày báo cáo" in err
    assert theodoi(capsys, "plan", "calendar", "1", "--every", "week", "--due-days", "5")[0] == 2


def test_task_overdue_until_completed(settings_env: str, capsys: Any) -> None:
    refs = _setup(capsys)
    k = refs["invest"]
    assert _status(capsys, "2026-10-05")[k]["code"] == "qua_han"
    code, out, _ = theodoi(capsys, "progress", "task", k, "--state", "hoan_thanh", "--on",
                           "28/09/2026", "--product", "KH số 30")
    assert code == 0 and "28/09/2026" in out
    # the state and the period in words, not their codes
    assert ": hoàn thành." in out and "hoan_thanh" not in out and "-Q" not in out
    data = _status(capsys, "2026-10-05")
    assert data[k]["code"] == "hoan_thanh_dung_han" and data[k]["due"] == "2026-09-30"
    assert data["_"]["by_agency"]["Phòng Kinh tế"]["hoan_thanh_dung_han"] == 1
    code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", "2026-10-05")
    assert code == 0 and "Nhiệm vụ" in out and "Tổng hợp" in out and "Hoàn thành" in out


def test_calendar_template_import_and_missing(settings_env: str, capsys: Any,
                                             tmp_path: Path) -> None:
    refs = _setup(capsys)
    code, out, _ = theodoi(capsys, "plan", "calendar", "1", "--every", "quarter",
                           "--due-days", "10")
    assert code == 0 and "10 ngày" in out
    path = tmp_path / "bieu.xlsx"
    code, out, _ = theodoi(capsys, "progress", "template", "--unit", UNIT, "--agency",
                           "Phòng Kinh tế", "--period", "Q3/2026", "--out", str(path))
    assert code == 0 and path.is_file()
    book = load_workbook(path)
    book["Chỉ tiêu"]["G2"] = "70,5"
    book.save(path)
    code, out, _ = theodoi(capsys, "progress", "import", str(path), "--on", "08/10/2026",
                           "--format", "json")
    assert code == 0 and json.loads(out)["records"] == 1
    code, out, _ = theodoi(capsys, "progress", "missing", "--unit", UNIT, "--period",
                           "Q3/2026", "--as-of", "2026-11-01", "--format", "json")
    econ = next(a for a in json.loads(out)["agencies"] if a["agency"] == "Phòng Kinh tế")
    assert refs["invest"] in [o["ref"] for o in econ["missing"]]
    assert refs["income"] not in [o["ref"] for o in econ["missing"]]
    code, out, _ = theodoi(capsys, "progress", "missing", "--unit", UNIT, "--period",
                           "Q3/2026", "--as-of", "2026-11-01")
    assert code == 0 and "Quý III/2026" in out and "chưa báo cáo" in out
    book["Chỉ tiêu"]["G2"] = "nhiều"
    book.save(path)
    code, _, err = theodoi(capsys, "progress", "import", str(path))
    assert code == 2 and "Trang 'Chỉ tiêu', dòng 2, cột 'Giá trị'" in err


def test_explanations_from_the_command_line(settings_env: str, capsys: Any) -> None:
    refs = _setup(capsys)
    code, out, _ = theodoi(capsys, "explain", "request", refs["income"], "--question",
                           "Vì sao thấp?", "--by", "Chủ tịch", "--format", "json")
    assert code == 0 and json.loads(out)["lead_agency"] == "Phòng Kinh tế"
    request_id = str(json.loads(out)["id"])
    assert len(json.loads(theodoi(capsys, "explain", "list", "--unit", UNIT, "--open",
                                  "--format", "json")[1])) == 1
    code, out, _ = theodoi(capsys, "explain", "answer", request_id, "--text", "Giá giảm.")
    assert code == 0 and "Đã trả lời" in out
    assert theodoi(capsys, "explain", "answer", request_id, "--text", "lần hai")[0] == 2
    assert json.loads(theodoi(capsys, "explain", "list", "--unit", UNIT, "--open",
                              "--format", "json")[1]) == []
    code, out, _ = theodoi(capsys, "explain", "list", "--unit", UNIT)
    assert code == 0 and "Giá" in out and "Câu hỏi" in out


def test_audit_revert_of_a_recorded_value(settings_env: str, capsys: Any) -> None:
    from theodoi.services import uow
    from theodoi.services.accounts import users as accounts
    from theodoi.settings import load

    refs = _setup(capsys)
    with uow.transaction(load()) as s:
        accounts.create_user(s, "vanphong", "mot-mat-khau-du-dai-1")
        accounts.grant(s, "vanphong", UNIT, "van_phong")
    for value in ("70", "75"):
        assert theodoi(capsys, "progress", "record", refs["income"], "--period", "2026",
                       "--value", value)[0] == 0
    with uow.transaction(load()) as s:
        from sqlalchemy import select

        from theodoi.storage.models import AuditEntry
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_kind == "progress")
                          .order_by(AuditEntry.id.desc())).first().id
    code, out, err = theodoi(capsys, "audit", "revert", str(entry), "--as", "vanphong",
                             "--yes", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["changes"] == [
        f"số liệu của chỉ tiêu {refs['income']}, Năm 2026: 75 triệu đồng/năm → "
        "70 triệu đồng/năm"]
    code, _, err = theodoi(capsys, "audit", "revert", str(entry), "--as", "vanphong", "--yes")
    assert code == 2 and "đã được ghi lại" in err
    code, _, err = theodoi(capsys, "audit", "revert", str(entry), "--as", "khong-co", "--yes")
    assert code == 2 and "không có người dùng" in err


def test_a_value_that_is_not_a_finite_number_exits_2_and_stores_nothing(
        settings_env: str, capsys: Any) -> None:
    income = _setup(capsys)["income"]
    for value in ("inf", "1e999", "nan", "١٢", "9" * 400):
        code, _, err = theodoi(capsys, "progress", "record", income, "--period", "2026",
                               "--value", value)
        assert code == 2 and "không phải là số" in err, value
    code, _, err = theodoi(capsys, "progress", "record", income, "--period", "2026",
                           "--value", "1e300".replace("e300", "0" * 300), "--unit", "tỷ đồng")
    assert code == 2 and "quá lớn" in err  # finite as typed, inf once in triệu đồng
    assert json.loads(theodoi(capsys, "progress", "history", income, "--format", "json")[1]
                      ) == []


def test_a_stored_inf_is_listed_as_invalid_and_corrected_by_recording_again(
        settings_env: str, capsys: Any) -> None:
    from sqlalchemy import text

    from theodoi.services import uow
    from theodoi.settings import load

    income = _setup(capsys)["income"]
    assert theodoi(capsys, "progress", "record", income, "--period", "2026", "--value",
                   "70")[0] == 0
    with uow.transaction(load()) as s:  # what a former version could store
        s.execute(text("update progress_records set value = :v"), {"v": float("inf")})
    code, out, _ = theodoi(capsys, "progress", "history", income)
    assert code == 0 and "không hợp lệ" in out
    assert _status(capsys, "2027-01-10")[income]["code"] == "so_lieu_loi"
    code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", "2027-01-10")
    assert code == 0 and "Số liệu" in out  # the table wraps the label
    assert theodoi(capsys, "progress", "record", income, "--period", "2026", "--value",
                   "72")[0] == 0
    assert _status(capsys, "2027-01-10")[income]["actual"] == 72.0


def test_ids_beyond_64_bits_or_in_other_digits_exit_2(settings_env: str, capsys: Any) -> None:
    _setup(capsys)
    for args in (["plan", "show", "99999999999999999999"], ["plan", "show", "١"],
                 ["plan", "calendar", "²", "--every", "year", "--due-days", "5"],
                 ["progress", "history", "t99999999999999999999"],
                 ["progress", "history", "t١"]):
        code, _, err = theodoi(capsys, *args)
        assert code == 2 and ("không phải số hợp lệ" in err or "mục" in err), args


def test_status_narrowed_by_kind_field_issuer_and_document_kind(settings_env: str,
                                                                capsys: Any) -> None:
    """v1 is a Kế hoạch of the UBND: three targets and three tasks; of the tasks only
    "Xây dựng Kế hoạch đầu tư công trung hạn" names a field (kinh_te, its own heading)."""
    _setup(capsys)

    def refs(*options: str) -> tuple[int, list[str]]:
        code, out, _ = theodoi(capsys, "status", "--unit", UNIT, "--as-of", "2026-06-30",
                               "--format", "json", *options)
        data = json.loads(out) if code == 0 else {"targets": [], "tasks": []}
        return code, [r["text"][:24] for r in data["targets"] + data["tasks"]]

    assert refs("--kind", "task", "--field", "kinh_te") == (0, ["Xây dựng Kế hoạch đầu tư"])
    assert refs("--kind", "scheme") == (0, ["Xây dựng Đề án phát triể"])
    assert refs("--issuer", "ubnd", "--doc-kind", "ke_hoach")[1] == refs()[1]
    assert refs("--issuer", "dang_uy") == (0, [])
    assert refs("--doc-kind", "nghi_quyet") == (0, [])
    assert refs("--issuer", "quoc_hoi")[0] == 2  # bad input: exit 2, nothing shown
def test_calendar_in_two_streams(settings_env: str, capsys: Any) -> None:
    _setup(capsys)
    code, out, _ = theodoi(capsys, "plan", "calendar", "1",
                           "--stream", "quý; trước ngày 15 của tháng cuối quý; UBND xã",
                           "--stream", "năm; 10/12 hằng năm; Ban Thường vụ Đảng ủy")
    said = " ".join(out.split())
    assert code == 0
    assert ("luồng 1: báo cáo theo quý, gửi UBND xã, hạn nộp trước ngày 15 của tháng cuối "
            "kỳ.") in said
    assert ("luồng 2: báo cáo theo năm, gửi Ban Thường vụ Đảng ủy, hạn nộp trước ngày 10/12 "
            "hằng năm.") in said
    code, _, err = theodoi(capsys, "plan", "calendar", "1", "--every", "year", "--due-days",
                           "5", "--stream", "năm; 10/12")
    assert code == 2 and "không dùng cả hai" in err
    code, _, err = theodoi(capsys, "plan", "calendar", "1", "--stream", "năm; cuối năm")
    assert code == 2 and "hạn nộp 'cuối năm' không hợp lệ" in " ".join(err.split())
