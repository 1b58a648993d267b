"""Trình and duyệt on the web (issue 20 item 2): the JSON API and the task page's forms,
from the same service calls, with the roles of the unit."""

from __future__ import annotations

import base64
from typing import Any

from tests.web.conftest import World
from tests.web.progress_world import implement

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(name: str) -> dict[str, str]:
    return {"name": name, "content_base64": base64.b64encode(PDF).decode()}


def test_the_api_takes_a_product_through_return_and_approval(world: World,
                                                              as_user: Any) -> None:
    implement(as_user, world)
    agency, leader = as_user("donvi"), as_user("lanhdao")
    assert agency.get("/api/items/k3/product").json()["state"] == "dang_soan"
    sent = agency.post("/api/items/k3/product/submit", json={"file": _file("bao-cao.pdf")})
    assert sent.status_code == 201, sent.text
    assert (sent.json()["state"], sent.json()["steps"][0]["to_body"]) == ("da_trinh", "UBND xã")
    assert agency.post("/api/items/k3/product/approve").status_code == 403
    refused = leader.post("/api/items/k3/product/return", json={"reason": " "})
    assert refused.status_code == 400 and "lý do" in refused.json()["error"]["message"]
    assert leader.post("/api/items/k3/product/return",
                       json={"reason": "Thiếu biểu số liệu"}).json()["state"] == "tra_lai"
    assert agency.post("/api/items/k3/product/submit",
                       json={"file": _file("bao-cao-2.pdf")}).status_code == 201
    done = leader.post("/api/items/k3/product/approve").json()
    assert [st["action"] for st in done["steps"]] == ["trinh", "tra_lai", "trinh", "duyet"]
    got = leader.get(f"/api/items/k3/product/files/{done['steps'][2]['id']}")
    assert got.content == PDF and "bao-cao-2.pdf" in got.headers["content-disposition"]
    assert as_user("khac").get("/api/items/k3/product").status_code == 404
    unit_id = agency.get("/api/items/k3").json()["unit"]["id"]
    history = as_user("vanphong").get(f"/api/units/{unit_id}/audit").json()["entries"]
    steps = [e for e in history if e["entity_kind"] == "product_step"]
    assert [e["label"] for e in reversed(steps)] == [
        "Trạng thái sản phẩm: đang soạn → đã trình", "Trạng thái sản phẩm: đã trình → trả lại",
        "Trạng thái sản phẩm: trả lại → đã trình", "Trạng thái sản phẩm: đã trình → đã duyệt"]
    assert steps[0]["ref"] == "k3" and steps[0]["entity_label"].startswith(
        "sản phẩm trình duyệt — ")
    assert not any(e["revertible"] for e in steps)  # the next move answers a step


def test_the_task_page_forms_follow_the_roles(world: World, as_user: Any) -> None:
    implement(as_user, world)
    agency, leader = as_user("donvi"), as_user("lanhdao")
    page = agency.get("/nhiem-vu/k3").text
    assert "Sản phẩm trình duyệt" in page and 'action="/nhiem-vu/k3/trinh"' in page
    assert 'action="/nhiem-vu/k3/duyet"' not in page
    csrf = agency.cookies.get("csrf_token") or ""
    r = agency.post("/nhiem-vu/k3/trinh", data={"csrf_token": csrf, "to_body": "UBND xã"},
                    files={"file": ("du-thao.pdf", PDF, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    page = leader.get("/nhiem-vu/k3").text
    assert "đã trình" in page and "du-thao.pdf" in page
    assert 'action="/nhiem-vu/k3/duyet"' in page and 'action="/nhiem-vu/k3/trinh"' not in page


def test_a_submission_without_its_file_is_refused_in_words(world: World, as_user: Any) -> None:
    implement(as_user, world)
    agency = as_user("donvi")
    csrf = agency.cookies.get("csrf_token") or ""
    r = agency.post("/nhiem-vu/k3/trinh", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 400 and "cần kèm tệp sản phẩm" in r.text
    assert agency.get("/api/items/k3/product").json()["steps"] == []


def test_the_unit_page_lists_products_waiting_for_a_leader(world: World, as_user: Any) -> None:
    implement(as_user, world)
    agency, leader = as_user("donvi"), as_user("lanhdao")
    unit_id = agency.get("/api/items/k3").json()["unit"]["id"]
    assert agency.post("/api/items/k3/product/submit",
                       json={"file": _file("bao-cao.pdf")}).status_code == 201
    data = leader.get(f"/api/units/{unit_id}/products").json()
    assert [x["ref"] for x in data["waiting"]] == ["k3"] and data["returned"] == []
    assert f'href="/don-vi/{unit_id}/san-pham"' in leader.get(f"/don-vi/{unit_id}").text
    page = leader.get(f"/don-vi/{unit_id}/san-pham").text
    assert 'href="/nhiem-vu/k3#san-pham"' in page and "Không có sản phẩm nào bị trả lại." in page
