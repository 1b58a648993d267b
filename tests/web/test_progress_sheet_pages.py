"""The Excel progress template on the web (issue 18 item 1): an agency takes its own
template for a period and hands it back filled; a sheet with a bad row writes nothing
and the page names every bad row and column."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from tests.web.conftest import A, B, World
from tests.web.progress_world import implement, refs

KINH_TE = "Phòng Kinh tế"


def _agencies(client: Any, world: World, unit: str) -> dict[str, int]:
    rows = client.get(f"/api/units/{world.units[unit]}/agencies").json()["agencies"]
    return {a["name"]: a["id"] for a in rows}


def _template(client: Any, world: World, unit: str, agency: str, period: str = "2026") -> Any:
    ids = _agencies(client, world, unit)
    r = client.get(f"/don-vi/{world.units[unit]}/bieu-so-lieu/tai-ve",
                   params={"agency": ids[agency], "period": period})
    assert r.status_code == 200, r.text
    return load_workbook(io.BytesIO(r.content))


def _row(sheet: Any, ref: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == ref)


def _bytes(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client: Any, world: World, unit: str, book: Any) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(f"/don-vi/{world.units[unit]}/bieu-so-lieu",
                       data={"csrf_token": token}, headers={"X-CSRF-Token": ""},
                       files={"file": ("bieu.xlsx", _bytes(book), "application/octet-stream")})


def test_an_agency_fills_its_own_template_and_the_values_are_recorded(
        world: World, as_user: Any) -> None:
    items = implement(as_user, world, validate=False)[A]
    agency = as_user("donvi")
    page = agency.get(f"/don-vi/{world.units[A]}/bieu-so-lieu")
    assert page.status_code == 200
    assert f">{KINH_TE}</option>" in page.text and "Văn hóa" not in page.text
    r = agency.get(f"/don-vi/{world.units[A]}/bieu-so-lieu/tai-ve",
                   params={"agency": _agencies(agency, world, A)[KINH_TE], "period": "2026"})
    assert "filename*=UTF-8''Bi%E1%BB%83u%20nh%E1%BA%ADp" in r.headers["content-disposition"]
    book = load_workbook(io.BytesIO(r.content))
    [target] = refs(items, "target", KINH_TE)
    task = refs(items, "task", KINH_TE)[0]
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    assert [targets.cell(2, 1).value, targets.cell(3, 1).value] == [target, None]
    targets.cell(_row(targets, target), 7, "55,5")
    tasks.cell(_row(tasks, task), 4, "Đang thực hiện")
    tasks.cell(_row(tasks, task), 5, 40)
    done = _upload(agency, world, A, book)
    assert done.status_code == 200
    assert "Đã nhập 1 số liệu chỉ tiêu và 1 tiến độ nhiệm vụ của Xã An Bình, kỳ 2026" \
        in " ".join(done.text.split())
    shown = agency.get(f"/api/items/{target}").json()
    assert [(r["period"], r["value"]) for r in shown["history"]] == [("2026", 55.5)]
    assert [u["percent"] for u in agency.get(f"/api/items/{task}").json()["history"]] == [40]


def test_an_agency_template_waits_for_validation_where_the_unit_validates(
        world: World, as_user: Any) -> None:
    """With validation on (the default), the template's figures are sent, not counted;
    the office accepts them from the list."""
    items = implement(as_user, world)[A]
    agency, office = as_user("donvi"), as_user("vanphong")
    book = _template(agency, world, A, KINH_TE)
    [target] = refs(items, "target", KINH_TE)
    book["Chỉ tiêu"].cell(_row(book["Chỉ tiêu"], target), 7, "55,5")
    assert _upload(agency, world, A, book).status_code == 200
    assert agency.get(f"/api/items/{target}").json()["history"] == []
    [waiting] = office.get(f"/api/units/{world.units[A]}/pending-figures").json()["waiting"]
    assert (waiting["ref"], waiting["period"], waiting["value"]) == (target, "2026", 55.5)
    assert office.post(f"/api/figures/{waiting['id']}/accept").status_code == 200
    shown = agency.get(f"/api/items/{target}").json()
    assert [(r["period"], r["value"]) for r in shown["history"]] == [("2026", 55.5)]


def test_a_bad_row_writes_nothing_and_every_bad_row_is_named(
        world: World, as_user: Any) -> None:
    items = implement(as_user, world, validate=False)[A]
    office = as_user("vanphong")
    book = _template(office, world, A, KINH_TE)
    [target] = refs(items, "target", KINH_TE)
    first, second = refs(items, "task", KINH_TE)[:2]
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    targets.cell(_row(targets, target), 7, "khá tốt")
    tasks.cell(_row(tasks, first), 4, "Đang thực hiện")  # a good row: not written either
    tasks.cell(_row(tasks, second), 4, "Hoàn thành")
    tasks.cell(_row(tasks, second), 5, 140)
    refused = _upload(office, world, A, book)
    assert refused.status_code == 400
    text = " ".join(refused.text.split())
    assert "Biểu có 2 lỗi, <strong>chưa ghi dòng nào</strong>" in text
    assert (f"<li>Trang &#39;Chỉ tiêu&#39;, dòng {_row(targets, target)}, cột "
            f"&#39;Giá trị&#39;: giá trị &#39;khá tốt&#39; không phải là số") in text
    assert (f"<li>Trang &#39;Nhiệm vụ&#39;, dòng {_row(tasks, second)}, cột "
            "&#39;Tỷ lệ hoàn thành (%)&#39;") in text
    for ref in (target, first):
        assert office.get(f"/api/items/{ref}").json()["history"] == []


def test_an_agency_cannot_write_another_agencys_items_through_a_sheet(
        world: World, as_user: Any) -> None:
    items = implement(as_user, world, validate=False)[A]
    theirs = _template(as_user("vanphong"), world, A, "Phòng Văn hóa - Xã hội")
    [task] = [r for r in items if items[r]["kind"] == "task"
              and items[r]["lead_agency"] not in (KINH_TE, None)]
    tasks = theirs["Nhiệm vụ"]
    tasks.cell(_row(tasks, task), 4, "Hoàn thành")
    agency = as_user("donvi")
    refused = _upload(agency, world, A, theirs)
    assert refused.status_code == 400
    assert f"&#39;{task}&#39; không phải mục đang thực hiện của đơn vị này" in refused.text
    other = agency.get(f"/don-vi/{world.units[A]}/bieu-so-lieu/tai-ve",
                       params={"agency": _agencies(agency, world, A)["Phòng Văn hóa - Xã hội"],
                               "period": "2026"})
    assert other.status_code == 404


def test_another_units_sheet_is_refused_whole(world: World, as_user: Any) -> None:
    implement(as_user, world, validate=False)
    theirs = _template(as_user("khac"), world, B, KINH_TE)
    office = as_user("vanphong")
    refused = _upload(office, world, A, theirs)
    assert refused.status_code == 400
    assert "Biểu này là của Xã Bình Minh, không phải của đơn vị đang mở." in refused.text


def test_the_api_twin_answers_the_same(world: World, as_user: Any) -> None:
    items = implement(as_user, world, validate=False)[A]
    agency = as_user("donvi")
    unit = world.units[A]
    kinh_te = _agencies(agency, world, A)[KINH_TE]
    r = agency.get(f"/api/units/{unit}/progress-template",
                   params={"agency": kinh_te, "period": "Q3/2026"})
    book = load_workbook(io.BytesIO(r.content))
    info = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert (info["Kỳ báo cáo"], info["Cơ quan"]) == ("2026-Q3", KINH_TE)  # the period key
    [target] = refs(items, "target", KINH_TE)
    book["Chỉ tiêu"].cell(_row(book["Chỉ tiêu"], target), 7, 61)
    done = agency.post(f"/api/units/{unit}/progress-import",
                       files={"file": ("b.xlsx", _bytes(book), "application/octet-stream")})
    assert done.status_code == 200
    assert (done.json()["records"], done.json()["refs"]) == (1, [target])
    bad = agency.post(f"/api/units/{unit}/progress-import",
                      files={"file": ("b.txt", b"khong phai excel", "text/plain")})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "tệp không phải biểu Excel (.xlsx) đọc được."


def test_only_those_who_record_open_the_page(world: World, as_user: Any) -> None:
    unit = world.units[A]
    assert as_user("xem").get(f"/don-vi/{unit}/bieu-so-lieu").status_code == 403
    assert as_user("khac").get(f"/don-vi/{unit}/bieu-so-lieu").status_code == 404
    assert f"/don-vi/{unit}/bieu-so-lieu" in as_user("donvi").get(f"/don-vi/{unit}").text
