"""The register as an Excel workbook on the web (issue 18 item 1): the office exports it,
edits it in Excel and brings it back; a bad cell writes nothing and the page names every
bad row and column; an agency's account, which sees only its own items, gets no export."""

from __future__ import annotations

from typing import Any

from tests.services.test_excel import Sheet
from tests.web.conftest import A, B, World


def _export(client: Any, world: World, unit: str) -> Sheet:
    r = client.get(f"/don-vi/{world.units[unit]}/so-excel/tai-ve")
    assert r.status_code == 200, r.text
    return Sheet(r.content)


def _import(client: Any, world: World, unit: str, book: Sheet) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(f"/don-vi/{world.units[unit]}/so-excel", data={"csrf_token": token},
                       headers={"X-CSRF-Token": ""},
                       files={"file": ("so.xlsx", book.bytes(), "application/octet-stream")})


def _first_target(world: World, unit: str) -> tuple[str, dict[str, Any]]:
    return next((r, i) for r, i in world.items[unit].items() if i["kind"] == "target")


def test_a_cell_edited_in_excel_changes_the_register(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    r = office.get(f"/don-vi/{world.units[A]}/so-excel/tai-ve")
    assert ("filename*=UTF-8''S%E1%BB%95%20k%E1%BA%BF%20ho%E1%BA%A1ch%20-%20X%C3%A3%20An"
            "%20B%C3%ACnh.xlsx") in r.headers["content-disposition"]
    book = Sheet(r.content)
    ref, _ = _first_target(world, A)
    book.set("Chỉ tiêu", int(ref[1:]), "Giá trị", "95,5")
    done = _import(office, world, A, book)
    assert done.status_code == 200
    text = " ".join(done.text.split())
    assert "Đã nhập vào sổ của Xã An Bình (tệp xuất từ chính sổ này)." in text
    assert "Chỉ tiêu: thêm 0, sửa 1, giữ nguyên 2; 0 chỉ tiêu không có trong tệp" in text
    assert office.get(f"/api/items/{ref}").json()["item"]["value"] == 95.5


def test_a_bad_cell_writes_nothing_and_every_bad_row_is_named(world: World,
                                                               as_user: Any) -> None:
    office = as_user("vanphong")
    book = _export(office, world, A)
    ref, item = _first_target(world, A)
    row = book.set("Chỉ tiêu", int(ref[1:]), "Giá trị", "mười hai")
    plan = world.plans[A]
    book.set("Kế hoạch", plan, "Số hiệu", "99/KH")  # a good edit: not written either
    refused = _import(office, world, A, book)
    assert refused.status_code == 400
    assert "chưa ghi gì vào sổ" in refused.text
    assert (f"<li>Trang &#39;Chỉ tiêu&#39;, dòng {row}, cột &#39;Giá trị&#39;: giá trị "
            "&#39;mười hai&#39; không hợp lệ: cần một số, ví dụ 10,9.</li>") in refused.text
    assert office.get(f"/api/items/{ref}").json()["item"]["value"] == item["value"]
    assert office.get(f"/api/plans/{plan}/review").json()["plan"]["number"] != "99/KH"


def test_the_api_twin_exports_and_imports(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    exported = office.get(f"/api/units/{world.units[A]}/register-export")
    files = {"file": ("so.xlsx", exported.content, "application/octet-stream")}
    same = office.post(f"/api/units/{world.units[A]}/register-import", files=files)
    assert same.status_code == 200 and same.json()["same_register"] is True
    sheets = {r["sheet"]: r for r in same.json()["sheets"]}
    assert (sheets["Chỉ tiêu"]["unchanged"], sheets["Chỉ tiêu"]["updated"]) == (3, 0)
    # Xã Bình Minh already holds a plan read from the very same file
    other = as_user("khac").post(f"/api/units/{world.units[B]}/register-import", files=files)
    assert other.status_code == 400
    assert other.json()["error"]["message"].endswith(
        "cột 'SHA-256 tệp nguồn': tệp nguồn này đã thuộc một kế hoạch khác của đơn vị.")


def test_who_may_export_and_import(world: World, as_user: Any) -> None:
    unit = world.units[A]
    agency = as_user("donvi")
    refused = agency.get(f"/api/units/{unit}/register-export")
    assert refused.status_code == 403
    assert "sổ đầy đủ do văn phòng xuất" in refused.json()["error"]["message"]
    assert "/so-excel" not in agency.get(f"/don-vi/{unit}").text
    reader = as_user("xem")
    page = reader.get(f"/don-vi/{unit}/so-excel")
    assert page.status_code == 200 and "Nhập vào sổ" not in page.text
    assert reader.get(f"/api/units/{unit}/register-export").status_code == 200
    sent = reader.post(f"/api/units/{unit}/register-import",
                       files={"file": ("so.xlsx", b"PK", "application/octet-stream")})
    assert sent.status_code == 403
    assert as_user("khac").get(f"/don-vi/{unit}/so-excel").status_code == 404
