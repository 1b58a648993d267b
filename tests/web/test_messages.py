"""Error messages as a person reads them: the pages start them with a capital letter (the
messages themselves are lower case so the CLI and the API can embed them)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, World
from theodoi.web.errors import sentence


@pytest.mark.parametrize(("message", "shown"), [
    ("tên đăng nhập hoặc mật khẩu không đúng.", "Tên đăng nhập hoặc mật khẩu không đúng."),
    ("đơn vị số 9 không có.", "Đơn vị số 9 không có."),
    ("ở đây, không có gì.", "Ở đây, không có gì."),
    ("t1 là nhiệm vụ; …", "t1 là nhiệm vụ; …"),  # an item's code keeps its case
    ("ke-hoach.docx: tệp lớn hơn giới hạn 20 MB.", "ke-hoach.docx: tệp lớn hơn giới hạn 20 MB."),
    ("'nhiều' không phải là số.", "'nhiều' không phải là số."),
    ("Đã ghi.", "Đã ghi."),
    ("", ""),
])
def test_a_sentence_starts_with_a_capital_unless_it_starts_with_a_code(message: str,
                                                                       shown: str) -> None:
    assert sentence(message) == shown


def test_the_login_error_starts_with_a_capital(world: World) -> None:
    client = world.client()
    client.get("/dang-nhap")
    r = client.post("/dang-nhap", data={"username": "vanphong", "password": "sai-mat-khau",
                                        "csrf_token": client.cookies.get("theodoi_csrf")})
    assert r.status_code == 401
    assert '<p class="loi" role="alert">Tên đăng nhập hoặc mật khẩu không đúng.</p>' in r.text


def test_error_pages_and_notices_start_with_a_capital_the_api_keeps_the_text(
        world: World, as_user: Any) -> None:
    other = as_user("khac")
    plan = world.plans[A]
    page = other.get(f"/ke-hoach/{plan}")
    assert page.status_code == 404
    assert f'<p class="loi" role="alert">Không có kế hoạch số {plan}.</p>' in page.text
    notice = other.get(f"/ke-hoach/{plan}", headers={"HX-Request": "true"})
    assert notice.status_code == 404
    assert notice.text == f'<p class="loi" role="alert">Không có kế hoạch số {plan}.</p>'
    api = other.get(f"/api/plans/{plan}/review").json()
    assert api["error"]["message"] == f"không có kế hoạch số {plan}."
    missing = other.get("/khong-co-trang-nay")
    assert '<p class="loi" role="alert">Không có trang này.</p>' in missing.text


def test_an_error_page_says_the_next_step_in_web_terms_and_leads_back(
        world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    plan = world.plans[A]
    review = f"/ke-hoach/{plan}"
    version = office.get(f"/api/plans/{plan}/review").json()["plan"]["version"]
    r = office.post(f"{review}/dua-vao-thuc-hien", data={"version": version, "confirmed": "1"},
                    headers={"Referer": f"http://testserver{review}"})
    assert r.status_code == 409
    # what to do is a button of the page, never a command-line option
    assert "Chấp nhận tất cả mục chờ rà soát" in r.text and "--accept-rest" not in r.text
    assert f'<a href="{review}" autofocus>Quay lại trang trước</a>' in r.text
    api = office.post(f"/api/plans/{plan}/activate", json={"version": version})
    assert "--accept-rest" not in api.text  # the API is the web's too
    # from another site, or from nowhere: back to the person's unit, not elsewhere
    elsewhere = office.post(f"{review}/dua-vao-thuc-hien",
                            data={"version": version, "confirmed": "1"},
                            headers={"Referer": "http://example.org/ke-hoach/1"})
    assert f'<a href="/don-vi/{world.units[A]}" autofocus>Về trang đơn vị</a>' in elsewhere.text


def test_a_missing_page_leads_to_the_unit(world: World, as_user: Any) -> None:
    r = as_user("vanphong").get("/chi-tieu/t999999")
    assert r.status_code == 404 and f'href="/don-vi/{world.units[A]}"' in r.text
