"""Instructions to communes on the web (issue 22 item 3): the province sees every
commune's item, acted or not; a commune sees only its own and closes it by a report (a
form, or htmx replacing the row); another commune's item is out of reach; the province
dashboard counts them; the JSON twin says the same."""

from __future__ import annotations

from typing import Any

from tests.services.docs import import_text
from tests.services.test_instructions import LATE_PLAN, PROVINCE_CTR
from tests.web.conftest import A, B, World
from theodoi.services import uow

PROVINCE = "Tỉnh Mẫu"


def _programme(world: World) -> int:
    """The province's programme, activated (its items made), and Xã Bình Minh's plan
    implementing it, issued on 10/4/2026 (after the deadline 31/3/2026)."""
    with uow.transaction(world.settings) as s:
        plan = import_text(s, PROVINCE, PROVINCE_CTR, "ctr16.txt", activate=True)
        import_text(s, B, LATE_PLAN, "kh07.txt")
    return plan


def _form(client: Any, path: str, htmx: bool = False, **fields: str) -> Any:
    token = client.headers["X-CSRF-Token"]
    headers = {"X-CSRF-Token": "", **({"HX-Request": "true"} if htmx else {})}
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers=headers)


def test_the_province_sees_who_acted_and_who_has_not(world: World, as_user: Any) -> None:
    _programme(world)
    province = as_user("tinh")
    unit = world.units[PROVINCE]
    data = province.get(f"/api/units/{unit}/instructions?as_of=2026-04-15").json()
    [given] = data["given"]
    states = {i["unit"]["name"]: (i["state"], i["acted_on"]) for i in given["items"]}
    assert states == {A: ("qua_han", None), B: ("da_thuc_hien_tre_han", "2026-04-10")}
    assert (given["acted"], given["total"], given["status"]) == (1, 2, "qua_han")
    page = province.get(f"/don-vi/{unit}/chi-dao?ngay=15/04/2026").text
    assert "Chỉ đạo đã giao (1)" in page and "1/2" in page and "10/04/2026" in page
    assert "Quá hạn, chưa thực hiện" in page and "Đã thực hiện trễ hạn" in page
    dash = province.get(f"/don-vi/{unit}/tong-quan?ngay=2026-04-15").text
    assert "1 chỉ đạo, 1/2 lượt đơn vị đã thực hiện" in dash and "1 quá hạn" in dash


def test_a_commune_sees_and_closes_only_its_own_item(world: World, as_user: Any) -> None:
    _programme(world)
    office = as_user("vanphong")  # Xã An Bình's office
    mine = office.get(f"/api/units/{world.units[A]}/instructions").json()
    assert mine["given"] == [] and len(mine["received"]) == 1
    item = mine["received"][0]["item"]
    assert item["unit"]["name"] == A
    assert office.get(f"/don-vi/{world.units[PROVINCE]}/chi-dao").status_code == 404
    theirs = as_user("khac").get(f"/api/units/{world.units[B]}/instructions").json()
    other = theirs["received"][0]["item"]["id"]
    refused = office.post(f"/api/instruction-items/{other}/close", json={"text": "Đã làm."})
    assert refused.status_code == 404  # Xã Bình Minh's item does not exist for Xã An Bình
    assert as_user("xem").post(f"/api/instruction-items/{item['id']}/close",
                               json={"text": "Đã làm."}).status_code == 403
    row = _form(office, f"/chi-dao/{item['id']}/dong", htmx=True, ngay="25/03/2026",
                noi_dung="Đảng ủy xã đã ban hành Công văn 15-CV/ĐU triển khai.")
    assert row.status_code == 200 and row.text.lstrip().startswith(f'<tr id="cd-{item["id"]}"')
    assert "Đã thực hiện đúng hạn" in row.text and "25/03/2026" in row.text
    data = as_user("tinh").get(f"/api/units/{world.units[PROVINCE]}/instructions"
                               "?as_of=2026-04-15").json()
    assert data["given"][0]["status"] == "hoan_thanh_tre_han"  # the last acted on 10/4
    task = as_user("tinh").get(f"/api/items/{data['given'][0]['ref']}?as_of=2026-04-15")
    assert (task.json()["status"]["code"], task.json()["instruction"]) == (
        "hoan_thanh_tre_han", True)  # the task's own page says the same, not "Quá hạn"
    back = _form(office, f"/chi-dao/{item['id']}/mo-lai", trang=str(world.units[A]))
    assert back.status_code == 303
    assert back.headers["location"].startswith(f"/don-vi/{world.units[A]}/chi-dao?xong=mo-lai")
    again = office.get(f"/api/units/{world.units[A]}/instructions?as_of=2026-04-15").json()
    assert again["received"][0]["item"]["state"] == "qua_han"


def test_looking_through_a_plan_again_takes_the_right_to_review(world: World,
                                                                 as_user: Any) -> None:
    """The commune has no units below: looking through makes nothing, and is offered only
    where there are; a reader is refused, another commune's plan does not exist."""
    plan = world.plans[A]
    with uow.transaction(world.settings) as s:
        from theodoi.services.register import review_decisions as review

        review.activate(s, plan, accept_rest=True)
    office = as_user("vanphong")
    done = _form(office, f"/ke-hoach/{plan}/lap-chi-dao")
    assert done.status_code == 303
    assert done.headers["location"] == f"/don-vi/{world.units[A]}/chi-dao?xong=tao"
    assert "Rà lại kế hoạch" not in office.get(f"/don-vi/{world.units[A]}/chi-dao").text
    assert _form(as_user("xem"), f"/ke-hoach/{plan}/lap-chi-dao").status_code == 403
    assert _form(as_user("khac"), f"/ke-hoach/{plan}/lap-chi-dao").status_code == 404
    made = office.post(f"/api/plans/{plan}/instructions").json()
    assert (made["tasks"], made["created"]) == ([], 0)
