"""Who approves for a body, through the products page, its form and the JSON twins: the
administrator names the approver of "Ban Thường vụ Đảng ủy"; a product submitted to it is
then refused to the commune's leader and approved by the one named. Access: only the
unit's administrator names; another commune gets 404."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.web.conftest import A, World
from tests.web.progress_world import implement

BTV = "Ban Thường vụ Đảng ủy"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def test_named_on_the_page_then_only_the_named_approves(world: World, as_user: Any,
                                                         items: Any) -> None:
    admin, leader, office = as_user("quantri"), as_user("lanhdao"), as_user("vanphong")
    unit = world.units[A]
    page = office.get(f"/don-vi/{unit}/san-pham").text
    assert "Chưa giao cơ quan nào: lãnh đạo đơn vị duyệt." in page
    assert 'action="/don-vi/' not in page.split('id="nguoi-duyet"')[1]  # no form for it
    r = admin.post(f"/don-vi/{unit}/nguoi-duyet", data={"body": BTV, "users": "quantri"},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/san-pham#nguoi-duyet")
    shown = admin.get(f"/don-vi/{unit}/san-pham").text
    assert f"<li><b>{BTV}</b>: quantri</li>" in shown
    assert f'action="/don-vi/{unit}/nguoi-duyet"' in shown
    assert leader.get(f"/api/units/{unit}/approvers").json()["bodies"] == [
        {"body": BTV, "users": ["quantri"]}]
    task = next(ref for ref, i in items[A].items() if ref.startswith("k"))
    sent = office.post(f"/api/items/{task}/product/submit", json={
        "file": {"name": "du-thao.pdf", "content_base64": base64.b64encode(PDF).decode()},
        "to_body": BTV})
    assert sent.status_code == 201, sent.text
    refused = leader.post(f"/api/items/{task}/product/approve")
    assert refused.status_code == 403
    assert f"chỉ quantri được giao duyệt hoặc trả lại thay {BTV}" in \
        refused.json()["error"]["message"]
    assert leader.get(f"/api/items/{task}/product").json()["can_decide"] is False
    done = admin.post(f"/api/items/{task}/product/approve")
    assert done.status_code == 200 and done.json()["state"] == "da_duyet"


def test_only_the_units_administrator_names(world: World, as_user: Any, items: Any) -> None:
    unit = world.units[A]
    for name in ("lanhdao", "vanphong", "donvi", "xem"):
        r = as_user(name).post(f"/don-vi/{unit}/nguoi-duyet",
                               data={"body": BTV, "users": name}, follow_redirects=False)
        assert r.status_code == 403, name
        assert as_user(name).put(f"/api/units/{unit}/approvers",
                                 json={"body": BTV, "users": [name]}).status_code == 403
    other = as_user("khac")  # another commune: the unit is not there for it
    assert other.post(f"/don-vi/{unit}/nguoi-duyet", data={"body": BTV, "users": "khac"},
                      follow_redirects=False).status_code == 404
    assert other.get(f"/api/units/{unit}/approvers").status_code == 404
    bad = as_user("quantri").put(f"/api/units/{unit}/approvers",
                                 json={"body": BTV, "users": ["donvi"]})
    assert bad.status_code == 400 and "'donvi' không phải lãnh đạo" in \
        bad.json()["error"]["message"]
    assert as_user("xem").get(f"/api/units/{unit}/approvers").json()["bodies"] == []
