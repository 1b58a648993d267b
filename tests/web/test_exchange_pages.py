"""The exchange pages and the public page (issue 22 items 5 and 6): who reaches them, what
the public page shows and hides, its caching, and a package uploaded on the page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import fresh_database
from tests.web.conftest import PASSWORD, A, World, login
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.exchange import keys
from theodoi.services.progress import records
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import Plan
from theodoi.web.app import create_app

CODE = "tinh-mau.xa-an-binh"  # the code a commune made under tinh-mau gets
TITLE = "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030"


def _active_with_figure(w: World) -> None:
    """A's plan active, its income target with an accepted figure and an office note."""
    with uow.transaction(w.settings) as s:
        review.accept_all(s, w.plans[A])
        review.activate(s, w.plans[A])
        income = next(r for r, i in w.items[A].items() if i["kind"] == "target"
                      and "Thu nhập" in (i.get("indicator") or i.get("text") or ""))
        records.record_progress(s, income, "Q2/2026", "70", note="ghi chú nội bộ của văn phòng",
                                by="vanphong")


def _public(w: World, on: bool, as_user: Any) -> None:
    r = as_user("quantri").put(f"/api/units/{w.units[A]}/public-page", json={"on": on})
    assert r.status_code == 200, r.text
    assert r.json()["path"] == f"/cong-khai/{CODE}"


def test_a_unit_not_opted_in_has_no_public_page(world: World) -> None:
    anonymous = TestClient(world.client().app)
    for path in (f"/cong-khai/{CODE}", f"/api/cong-khai/{CODE}", "/cong-khai/khong-co"):
        assert anonymous.get(path).status_code == 404


def test_the_public_page_shows_active_plans_and_published_figures_only(
        world: World, as_user: Any) -> None:
    _active_with_figure(world)
    _public(world, True, as_user)
    anonymous = TestClient(world.client().app)
    page = anonymous.get(f"/cong-khai/{CODE}")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "public, max-age=300"
    assert "set-cookie" not in page.headers
    assert TITLE in page.text and "Thu nhập bình quân đầu người" in page.text
    assert "70 triệu đồng" in page.text
    for private in ("Phòng Kinh tế", "Phòng VH-XH", "ghi chú nội bộ", "Vanphong",
                    "vanphong", "Nguyễn Văn An", "csrf"):
        assert private not in page.text, private
    data = anonymous.get(f"/api/cong-khai/{CODE}").json()
    assert set(data) == {"unit", "as_of", "plans"}
    targets = data["plans"][0]["targets"]
    assert {t["text"][:9] for t in targets} == {"Thu nhập ", "Tỷ lệ hộ ", "Tỷ lệ dân"}
    assert all(set(t) == {"text", "planned", "unit", "actual", "due", "status",
                          "status_label"} for t in targets)


def test_a_signed_in_reader_gets_the_same_page_without_their_name(world: World,
                                                                  as_user: Any) -> None:
    _active_with_figure(world)
    _public(world, True, as_user)
    page = as_user("vanphong").get(f"/cong-khai/{CODE}")
    assert page.status_code == 200
    assert "Vanphong" not in page.text and "Đăng xuất" not in page.text


def test_restricted_and_draft_plans_stay_off_the_public_page(world: World,
                                                             as_user: Any) -> None:
    _public(world, True, as_user)
    anonymous = TestClient(world.client().app)
    assert TITLE not in anonymous.get(f"/cong-khai/{CODE}").text  # still a draft
    _active_with_figure(world)
    assert TITLE in anonymous.get(f"/cong-khai/{CODE}").text
    with uow.transaction(world.settings) as s:
        s.get(Plan, world.plans[A]).restricted = True
    assert TITLE not in anonymous.get(f"/cong-khai/{CODE}").text
    assert "Thu nhập" not in anonymous.get(f"/api/cong-khai/{CODE}").text


def test_turning_the_page_off_takes_it_away(world: World, as_user: Any) -> None:
    _public(world, True, as_user)
    _public(world, False, as_user)
    assert TestClient(world.client().app).get(f"/cong-khai/{CODE}").status_code == 404


def test_who_reaches_the_exchange_page(world: World, as_user: Any) -> None:
    path = f"/don-vi/{world.units[A]}/trao-doi"
    expected = {"quantri": 200, "vanphong": 200, "lanhdao": 403, "donvi": 403, "xem": 403,
                "khac": 404, "tinh": 403}
    got = {u: as_user(u).get(path).status_code for u in expected}
    assert got == expected
    assert "Khóa trao đổi" in as_user("quantri").get(path).text
    assert "Khóa trao đổi" not in as_user("vanphong").get(path).text
    unit_page = f"/don-vi/{world.units[A]}"
    assert path in as_user("vanphong").get(unit_page).text  # the office finds it
    assert path not in as_user("xem").get(unit_page).text
    anonymous = TestClient(world.client().app, follow_redirects=False)
    assert anonymous.get(path).headers["location"].startswith("/dang-nhap")


def test_who_switches_the_public_page(world: World, as_user: Any) -> None:
    page = f"/don-vi/{world.units[A]}/cong-khai"
    assert as_user("vanphong").post(page, data={"on": "1"}).status_code == 403
    assert as_user("khac").post(page, data={"on": "1"}).status_code == 404
    done = as_user("quantri").post(page, data={"on": "1"}, follow_redirects=False)
    assert done.status_code == 303
    assert TestClient(world.client().app).get(f"/cong-khai/{CODE}").status_code == 200


@contextmanager
def _province_installation(backend: str, tmp_path: Path, key: str) -> Iterator[
        tuple[TestClient, int]]:
    """The province's own installation (a second database): the province, Xã An Bình
    under it with the same code and its key registered, and the province's office
    signed in; the client and the province's id."""
    with fresh_database(backend, tmp_path / "tinh.db") as url:
        db.upgrade(url)
        settings = Settings(database_url=url, data_dir=tmp_path / "tinh")
        with uow.transaction(settings) as s:
            units.create(s, "Tỉnh Mẫu", level="tinh", code="tinh-mau")
            units.create(s, A, parent="tinh-mau")
            keys.register(s, None, units.find(s, A).id, key)
            accounts.create_user(s, "vptinh", PASSWORD, full_name="Văn phòng tỉnh")
            accounts.grant(s, "vptinh", "Tỉnh Mẫu", "van_phong", None)
            province = units.find(s, "tinh-mau").id
        with TestClient(create_app(settings)) as client:
            login(client, "vptinh")
            yield client, province


def test_a_package_uploaded_on_the_province_page(world: World, as_user: Any, backend: str,
                                                 tmp_path: Path) -> None:
    """The commune's quan_tri makes a key, its office exports, the province's office of
    another installation uploads it: imported, then the same file again changes nothing;
    a bad file is refused in words. Uploaded into the installation that made it, the
    package is refused: its plan is already there."""
    with uow.transaction(world.settings) as s:
        accounts.create_user(s, "vptinh", PASSWORD, full_name="Văn phòng tỉnh")
        accounts.grant(s, "vptinh", "Tỉnh Mẫu", "van_phong", None)
        here = units.find(s, "tinh-mau").id
    _active_with_figure(world)
    made = as_user("quantri").post(f"/api/units/{world.units[A]}/exchange/keys", json={})
    assert len(made.json()["key"]) == 64
    package = as_user("vanphong").get(f"/don-vi/{world.units[A]}/trao-doi/xuat?ky=2026")
    assert package.headers["content-type"] == "application/zip"
    home = as_user("vptinh").post(f"/don-vi/{here}/trao-doi/nhap",
                                  files={"file": ("goi.zip", package.content, "application/zip")})
    assert home.status_code == 400
    assert "do chính hệ thống theodoi này xuất" in home.text
    with _province_installation(backend, tmp_path, made.json()["key"]) as (office, province):
        url = f"/don-vi/{province}/trao-doi/nhap"
        first = office.post(url, files={"file": ("goi.zip", package.content, "application/zip")})
        assert first.status_code == 200
        assert (f"Gói của <strong>{A}</strong>, kỳ Năm 2026: đã nhập: 1 kế hoạch mới, 3 chỉ "
                "tiêu mới, 3 nhiệm vụ mới, 1 số liệu mới.") in first.text
        again = office.post(url, files={"file": ("goi.zip", package.content, "application/zip")})
        assert "đã nhập trước đó, không thay đổi gì" in again.text
        bad = office.post(url, files={"file": ("goi.zip", b"not a zip", "application/zip")})
        assert bad.status_code == 400
        assert "không phải gói trao đổi của theodoi" in bad.text
        listed = office.get(f"/api/units/{province}/exchange").json()["imports"]
        assert [(r["unit"], r["period_key"]) for r in listed] == [(A, "2026")]
        assert date.fromisoformat(listed[0]["imported_at"][:10]) == date.today()
