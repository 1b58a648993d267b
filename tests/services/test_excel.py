"""Excel export and import of a unit's register: lossless round trips, edits, validation."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import SAMPLES, create_pg_database, drop_pg_database
from theodoi.domain.errors import BadInput
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review
from theodoi.services.spreadsheets import excel
from theodoi.services.spreadsheets.excel_columns import SHEETS
from theodoi.storage import db
from theodoi.storage.models import Agency, Milestone, Plan, Target, Task, Unit
from theodoi.storage.repositories import plans as plan_repo

FILES = ["000_bc70259db3d54841.txt", "003_ce4c1004cfc020ed.txt"]


def fill(s: Session, unit_name: str = "Xã Thử") -> Unit:
    """A register with reviewed, corrected and still-proposed items, committed."""
    for name in FILES:
        path = SAMPLES / name
        importing.import_plan(s, unit_name, path.read_bytes(), path.name, max_bytes=50 << 20)
    unit = units.find(s, unit_name)
    first = plan_repo.for_unit(s, unit.id)[0]
    first.issued_on, first.number = date(2025, 3, 5), "12/KH-UBND"
    review.accept_all(s, first.id)
    target, task = first.targets[2], first.tasks[0]
    review.correct(s, f"t{target.id}", {"value": "12,5", "lead_agency": "Phòng Kinh tế",
                                        "co_agencies": "Công an xã; Đoàn Thanh niên",
                                        "milestones": "2026: 10; 2027: 11,5"})
    review.correct(s, f"k{task.id}", {"due_date": "30/06/2026", "leader": "Chủ tịch UBND xã"})
    s.commit()
    return unit


def cells(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def without_ids(sheets: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    """The cells a register in another database must reproduce: all but ids and refs."""
    masked: dict[str, list[list[Any]]] = {}
    for name, rows in sheets.items():
        if name not in SHEETS:
            masked[name] = [r for r in rows if r[0] != "Mã sổ"]
            continue
        drop = {i for i, c in enumerate(SHEETS[name]) if c.id_like}
        masked[name] = [[v for i, v in enumerate(r) if i not in drop] for r in rows]
    return masked


def count(s: Session, model: type) -> int:
    return int(s.scalar(select(func.count()).select_from(model)) or 0)


def counts(s: Session) -> tuple[int, ...]:
    return tuple(count(s, m) for m in (Plan, Target, Milestone, Task, Agency))


class Sheet:
    """Edit an exported workbook the way a clerk does in Excel."""

    def __init__(self, data: bytes) -> None:
        self.book = openpyxl.load_workbook(io.BytesIO(data))

    def col(self, sheet: str, header: str) -> int:
        return [c.value for c in self.book[sheet][1]].index(header) + 1

    def row_of(self, sheet: str, record_id: int) -> int:
        ws, col = self.book[sheet], self.col(sheet, "Mã")
        return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == record_id)

    def set(self, sheet: str, record_id: int, header: str, value: Any) -> int:
        row = self.row_of(sheet, record_id)
        self.book[sheet].cell(row, self.col(sheet, header)).value = value
        return row

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


@pytest.fixture
def unit(session: Session) -> Unit:
    return fill(session)


@pytest.fixture
def other_db(backend: str, tmp_path: Path) -> Iterator[Session]:
    """A session on a second, brand-new database on the same backend."""
    url = (f"sqlite:///{tmp_path / 'other.db'}" if backend == "sqlite"
           else create_pg_database())
    db.upgrade(url)
    try:
        with db.session_factory(url)() as s:
            yield s
    finally:
        if backend == "postgresql":
            drop_pg_database(url)


def test_export_is_a_workbook_people_can_read(session: Session, unit: Unit) -> None:
    book = openpyxl.load_workbook(io.BytesIO(excel.export_register(session, unit)))
    assert book.sheetnames == ["Kế hoạch", "Chỉ tiêu", "Lộ trình", "Nhiệm vụ", "Cơ quan",
                               "Thông tin"]
    plans, targets = book["Kế hoạch"], book["Chỉ tiêu"]
    assert plans["A1"].value == "Số hiệu" and plans["A1"].font.b
    assert plans.freeze_panes == "A2" and targets.freeze_panes == "A2"
    issued = plans.cell(2, [c.value for c in plans[1]].index("Ngày ban hành") + 1)
    assert issued.value == datetime(2025, 3, 5) and issued.number_format == "dd/mm/yyyy"
    value_col = [c.value for c in targets[1]].index("Giá trị") + 1
    assert targets.cell(2, value_col).number_format == "#,##0.##"
    assert targets.cell(2, value_col).alignment.wrap_text
    id_letter = openpyxl.utils.get_column_letter([c.value for c in targets[1]].index("Mã") + 1)
    assert targets.column_dimensions[id_letter].hidden  # technical, present but folded away
    assert "Bản trích xuất (JSON)" in [c.value for c in targets[1]]
    info = {r[0]: r[1] for r in book["Thông tin"].iter_rows(values_only=True)}
    assert info["Mã đơn vị"] == unit.code and len(info["Mã sổ"]) == 16


def test_round_trip_into_the_same_unit_is_lossless(session: Session, unit: Unit) -> None:
    first = excel.export_register(session, unit)
    before = counts(session)
    summary = excel.import_register(session, unit, first)
    session.commit()
    session.expire_all()
    assert summary.same_register
    assert sum(summary.created.values()) == 0 and sum(summary.updated.values()) == 0
    assert summary.unchanged["Chỉ tiêu"] == count(session, Target)
    assert counts(session) == before
    assert cells(excel.export_register(session, unit)) == cells(first)


def test_round_trip_into_a_new_database_equal_but_ids(session: Session, unit: Unit,
                                                      other_db: Session) -> None:
    first = excel.export_register(session, unit)
    fresh = units.create(other_db, "Xã Thử")
    other_db.commit()
    summary = excel.import_register(other_db, fresh, first)
    other_db.commit()
    other_db.expire_all()
    assert not summary.same_register
    assert summary.created["Chỉ tiêu"] == count(session, Target)
    assert counts(other_db) == counts(session)
    again = excel.export_register(other_db, fresh)
    assert without_ids(cells(again)) == without_ids(cells(first))


def test_workbook_of_another_unit_creates_new_records(session: Session, unit: Unit) -> None:
    first = excel.export_register(session, unit)
    neighbour = units.create(session, "Xã Bên Cạnh")
    summary = excel.import_register(session, neighbour, first)
    session.commit()
    assert not summary.same_register
    assert summary.created["Kế hoạch"] == len(FILES)
    assert summary.untouched["Kế hoạch"] == 0  # the neighbour had nothing before
    assert len(plan_repo.for_unit(session, unit.id)) == len(FILES)  # the source unit as before
    assert without_ids(cells(excel.export_register(session, neighbour)))["Chỉ tiêu"] == \
        without_ids(cells(first))["Chỉ tiêu"]


def test_cells_edited_in_excel_change_the_register(session: Session, unit: Unit) -> None:
    plan = plan_repo.for_unit(session, unit.id)[0]
    target, task = plan.targets[0], plan.tasks[1]
    known = {a.id for a in session.scalars(select(Agency))}
    book = Sheet(excel.export_register(session, unit))
    book.set("Chỉ tiêu", target.id, "Giá trị", "1.234,5")  # typed as text, Vietnamese style
    book.set("Chỉ tiêu", target.id, "Cơ quan chủ trì", "Phòng VH-XH")
    book.set("Chỉ tiêu", target.id, "Năm hoàn thành", 2029)
    book.set("Nhiệm vụ", task.id, "Ngày đến hạn", datetime(2026, 9, 30))
    book.set("Kế hoạch", plan.id, "Số hiệu", "15/KH-UBND")
    ws = book.book["Chỉ tiêu"]
    new_row = ws.max_row + 1  # a clerk adds a target: no id, a plan ref, a few cells
    for header, value in (("Mã kế hoạch", plan.id), ("Tên chỉ tiêu", "Tỷ lệ hộ dùng nước sạch"),
                          ("Giá trị", 98), ("Đơn vị tính", "%"),
                          ("Cơ quan chủ trì", "Phòng Kinh tế")):
        ws.cell(new_row, book.col("Chỉ tiêu", header)).value = value
    summary = excel.import_register(session, unit, book.bytes())
    session.commit()
    session.expire_all()
    assert summary.updated["Chỉ tiêu"] == 1 and summary.created["Chỉ tiêu"] == 1
    assert summary.updated["Nhiệm vụ"] == 1 and summary.updated["Kế hoạch"] == 1
    changed = session.get(Target, target.id)
    assert changed is not None
    assert (changed.value, changed.deadline_year, changed.review) == (1234.5, 2029, "corrected")
    lead = [a for a in changed.assignments if a.role == "lead"]
    assert lead[0].name == "Phòng VH-XH" and lead[0].agency is not None
    assert lead[0].agency.name == "Phòng Văn hóa - Xã hội"
    due = session.get(Task, task.id)
    assert due is not None and due.due_date == date(2026, 9, 30)
    assert session.get(Plan, plan.id).number == "15/KH-UBND"  # type: ignore[union-attr]
    added = session.scalar(select(Target).where(Target.indicator == "Tỷ lệ hộ dùng nước sạch"))
    assert added is not None and added.review == "added" and added.value == 98
    economy = next(a.agency for a in added.assignments if a.role == "lead")
    assert economy is not None and economy.id in known  # resolved, not a duplicate agency


def test_a_tasks_field_goes_out_and_comes_back_through_excel(session: Session,
                                                          unit: Unit) -> None:
    """The task sheet has a Lĩnh vực column like the target sheet: set in Excel, read back;
    a workbook made before the column existed leaves the field as it was."""
    plan = plan_repo.for_unit(session, unit.id)[0]
    task = plan.tasks[1]
    book = Sheet(excel.export_register(session, unit))
    book.set("Nhiệm vụ", task.id, "Lĩnh vực", "quoc_phong_an_ninh")
    excel.import_register(session, unit, book.bytes())
    session.commit()
    session.expire_all()
    assert session.get(Task, task.id).field == "quoc_phong_an_ninh"  # type: ignore[union-attr]
    old = Sheet(excel.export_register(session, unit))
    old.book["Nhiệm vụ"].delete_cols(old.col("Nhiệm vụ", "Lĩnh vực"))
    excel.import_register(session, unit, old.bytes())
    session.commit()
    session.expire_all()
    assert session.get(Task, task.id).field == "quoc_phong_an_ninh"  # type: ignore[union-attr]


def test_invalid_rows_write_nothing_and_every_problem_is_listed(session: Session,
                                                                unit: Unit) -> None:
    plan = plan_repo.for_unit(session, unit.id)[0]
    first_target, second_target = plan.targets[0], plan.targets[1]
    before, exported = counts(session), excel.export_register(session, unit)
    book = Sheet(exported)
    book.set("Kế hoạch", plan.id, "Số hiệu", "99/KH")  # a valid edit that must not land
    bad_value = book.set("Chỉ tiêu", first_target.id, "Giá trị", "mười hai")
    bad_kind = book.set("Chỉ tiêu", second_target.id, "Loại chỉ tiêu", "tăng")
    book.set("Chỉ tiêu", second_target.id, "Mã kế hoạch", 9999)
    dup = book.set("Nhiệm vụ", plan.tasks[1].id, "Mã", plan.tasks[0].id)
    book.book["Lộ trình"].append([8888, None, 2030, 5])
    book.book["Cơ quan"].cell(1, 6).value = "Ghi chú riêng"
    book.book.create_sheet("Trang nháp")
    with pytest.raises(excel.WorkbookInvalid) as caught:
        excel.import_register(session, unit, book.bytes())
    problems = caught.value.problems
    assert (f"Trang 'Chỉ tiêu', dòng {bad_value}, cột 'Giá trị': giá trị 'mười hai' không "
            "hợp lệ: cần một số, ví dụ 10,9.") in problems
    assert any(p.startswith(f"Trang 'Chỉ tiêu', dòng {bad_kind}, cột 'Loại chỉ tiêu'")
               and "cần một trong: level" in p for p in problems)
    assert any(p.startswith(f"Trang 'Chỉ tiêu', dòng {bad_kind}, cột 'Mã kế hoạch'")
               for p in problems)
    assert any(p.startswith(f"Trang 'Nhiệm vụ', dòng {dup}, cột 'Mã'") for p in problems)
    assert any(p.startswith("Trang 'Lộ trình'") and "8888" in p for p in problems)
    assert any("Trang 'Cơ quan', dòng 1, cột 'Ghi chú riêng'" in p for p in problems)
    assert any(p.startswith("Trang 'Trang nháp'") for p in problems)
    assert len(problems) >= 7 and "chưa ghi gì vào sổ" in caught.value.message
    assert isinstance(caught.value, BadInput)
    session.rollback()
    session.expire_all()
    assert counts(session) == before
    assert cells(excel.export_register(session, unit)) == cells(exported)


def test_an_id_that_is_not_this_units_is_refused(session: Session, unit: Unit) -> None:
    book = Sheet(excel.export_register(session, unit))
    target = plan_repo.for_unit(session, unit.id)[0].targets[0]
    row = book.set("Chỉ tiêu", target.id, "Mã", 123456)
    with pytest.raises(excel.WorkbookInvalid) as caught:
        excel.import_register(session, unit, book.bytes())
    assert caught.value.problems == [
        f"Trang 'Chỉ tiêu', dòng {row}, cột 'Mã': sổ của đơn vị không có bản ghi mã 123456; "
        "để trống cột Mã để thêm mới."]


def test_records_left_out_of_the_workbook_stay_untouched(session: Session, unit: Unit) -> None:
    book = Sheet(excel.export_register(session, unit))
    for name in ("Chỉ tiêu", "Nhiệm vụ", "Lộ trình"):
        ws = book.book[name]
        ws.delete_rows(3, ws.max_row)  # keep one row of each
    before = counts(session)
    summary = excel.import_register(session, unit, book.bytes())
    session.commit()
    assert counts(session) == before
    assert summary.unchanged["Chỉ tiêu"] == 1
    assert summary.untouched["Chỉ tiêu"] == count(session, Target) - 1
    assert summary.untouched["Nhiệm vụ"] == count(session, Task) - 1


@pytest.mark.parametrize("data", [b"Ke hoach nam 2025", b"PK\x03\x04" + b"\0" * 64])
def test_a_file_that_is_not_xlsx_gets_a_clear_message(session: Session, unit: Unit,
                                                      data: bytes) -> None:
    with pytest.raises(BadInput, match="không phải bảng tính Excel"):
        excel.import_register(session, unit, data)


def test_items_of_a_closed_plan_cannot_be_changed_through_excel(session: Session,
                                                                unit: Unit) -> None:
    plan = plan_repo.for_unit(session, unit.id)[0]
    target = plan.targets[0]
    review.close(session, plan.id)
    session.commit()
    unchanged = Sheet(excel.export_register(session, unit))
    assert excel.import_register(session, unit, unchanged.bytes())  # re-reading is fine
    book = Sheet(excel.export_register(session, unit))
    row = book.set("Chỉ tiêu", target.id, "Giá trị", 77)
    with pytest.raises(excel.WorkbookInvalid) as err:
        excel.import_register(session, unit, book.bytes())
    assert err.value.problems == [f"Trang 'Chỉ tiêu', dòng {row}, cột 'Mã': kế hoạch số "
                                  f"{plan.id} đã đóng; không sửa được mục của nó (mở lại kế "
                                  "hoạch ở trang 'Kế hoạch' nếu cần)."]
    session.rollback()
    assert session.get(Target, target.id).value != 77  # type: ignore[union-attr]


def test_a_milestone_year_the_target_already_has_is_a_listed_problem(session: Session,
                                                                    unit: Unit) -> None:
    target = next(t for p in plan_repo.for_unit(session, unit.id) for t in p.targets
                  if len(t.milestones) >= 2)
    first, second = target.milestones[0], target.milestones[1]
    book = Sheet(excel.export_register(session, unit))
    ws = book.book["Lộ trình"]
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, book.col("Lộ trình", "Mã")).value == first.id)
    ws.cell(row, book.col("Lộ trình", "Năm")).value = second.year
    other = next(r for r in range(2, ws.max_row + 1)
                 if ws.cell(r, book.col("Lộ trình", "Mã")).value == second.id)
    ws.delete_rows(other)  # the clashing year is not in the workbook, only in the register
    with pytest.raises(excel.WorkbookInvalid, match=f"đã có năm {second.year}"):
        excel.import_register(session, unit, book.bytes())
