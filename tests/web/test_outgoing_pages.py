"""The pages of outgoing reports: the commune's office numbers, signs and sends through the
forms; a bad period is refused in words; the province reads its inbox, its table and the
file (with the download headers of /tep); another commune's clerk finds nothing. Both
databases."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.services.pdf_bytes import signed_pdf
from tests.web.conftest import A, World
from theodoi.services import uow
from theodoi.services.register import review_decisions as review
from theodoi.web.app import create_app

PROVINCE = "Tỉnh Mẫu"


def _activate(world: World) -> None:
    with uow.transaction(world.settings) as s:
        review.activate(s, world.plans[A], accept_rest=True)


def _form(client: Any) -> dict[str, str]:
    return {"csrf_token": client.cookies.get("csrf_token") or ""}


def test_number_sign_and_send_through_the_forms(world: World, as_user: Any) -> None:
    _activate(world)
    clerk, unit = as_user("vanphong"), world.units[A]
    page = clerk.get(f"/don-vi/{unit}/van-ban-di")
    assert page.status_code == 200 and "Vào sổ và cấp số" in page.text
    assert "Vào sổ và cấp số" not in as_user("xem").get(f"/don-vi/{unit}/van-ban-di").text
    bad = clerk.post(f"/don-vi/{unit}/van-ban-di", follow_redirects=False,
                     data={**_form(clerk), "kind": "quy", "period": "quý năm"})
    assert bad.status_code == 400 and "quý năm" in bad.text
    assert "không hợp lệ; ví dụ: 2026 (năm), Q1/2026 (quý)" in bad.text
    made = clerk.post(f"/don-vi/{unit}/van-ban-di", follow_redirects=False,
                      data={**_form(clerk), "kind": "quy", "period": "Q1/2026",
                            "issued_on": "02/04/2026"})
    assert made.status_code == 303
    doc = int(made.headers["location"].split("da_ghi=")[1].split("#")[0])
    assert made.headers["location"] == f"/don-vi/{unit}/van-ban-di?da_ghi={doc}#vb-{doc}"
    shown = clerk.get(made.headers["location"]).text
    assert "Số 1/BC-UBND ngày 02/04/2026 — Quý I/2026" in shown
    refused = clerk.post(f"/van-ban-di/{doc}/gui", data=_form(clerk), follow_redirects=False)
    assert refused.status_code == 400 and "chưa có bản đã ký" in refused.text
    signed = clerk.post(f"/van-ban-di/{doc}/ban-ky", data=_form(clerk),
                        files={"file": ("bao-cao-đã-ký.pdf", signed_pdf(), "application/pdf")},
                        follow_redirects=False)
    assert signed.status_code == 303
    assert clerk.post(f"/van-ban-di/{doc}/gui", data=_form(clerk),
                      follow_redirects=False).status_code == 303

    reader = as_user("tinh")
    box = reader.get(f"/don-vi/{world.units[PROVINCE]}/van-ban-den").text
    assert A in box and "1/BC-UBND" in box and "có chữ ký số (Nguyễn Văn An)" in box
    table = reader.get(f"/don-vi/{world.units[PROVINCE]}/bao-cao-cap-duoi?nam=2026").text
    assert f'href="/van-ban-di/{doc}/ban-ky"' in table
    f = reader.get(f"/van-ban-di/{doc}/ban-ky")
    assert f.content == signed_pdf() and f.headers["x-content-type-options"] == "nosniff"
    assert f.headers["content-disposition"] == (
        "inline; filename=\"bao-cao-da-ky.pdf\"; "
        "filename*=UTF-8''bao-cao-%C4%91%C3%A3-k%C3%BD.pdf")
    other = as_user("khac")
    for path in (f"/van-ban-di/{doc}/ban-ky", f"/van-ban-di/{doc}/docx",
                 f"/don-vi/{unit}/van-ban-di", f"/api/outgoing/{doc}"):
        assert other.get(path).status_code == 404, path
    assert other.post(f"/van-ban-di/{doc}/huy", data=_form(other)).status_code == 404


def test_a_huge_or_odd_document_id_is_no_page(world: World) -> None:
    from tests.web.conftest import login

    client = TestClient(create_app(world.settings), raise_server_exceptions=False)
    login(client, "quantri")
    for bad in ("99999999999999999999", "9223372036854775808", "²", "-1"):
        for path in (f"/api/outgoing/{bad}", f"/van-ban-di/{bad}/docx"):
            assert client.get(path).status_code in (400, 404, 422), path
