"""Units below the commune on the web (issue 22 item 4): the commune's office splits its
"tổ dân phố đạt chuẩn văn hóa" target into two tổ dân phố on the roll-up page, the head
of one records "đạt" for his unit (and reaches nothing of his neighbour's), the office
validates it, and the commune's roll-up page, API and dashboard say 1 of 2 met."""

from __future__ import annotations

from typing import Any

from tests.services.docs import import_text, plan_text
from tests.web.conftest import PASSWORD, A, World
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.storage.models import Plan

TDP = ("Tổ dân phố số 1", "Tổ dân phố số 2")
XA = plan_text("09/KH-UBND", "15 tháng 01 năm 2026", kind="KẾ HOẠCH",
               title="xây dựng đời sống văn hóa năm 2026", targets=[
                   "Có 2 tổ dân phố đạt chuẩn văn hóa.",
                   "Thu ngân sách nhà nước trên địa bàn đạt 1.200 triệu đồng."])
DAY = "2026-07-15"


def _setup(world: World) -> dict[str, Any]:
    """Xã An Bình's plan active, its two tổ dân phố, the head of the first; refs and ids."""
    with uow.transaction(world.settings) as s:
        plan_id = import_text(s, A, XA, "van-hoa.txt", activate=True)
        ids = [units.create(s, n, level="to_dan_pho", parent=A).id for n in TDP]
        accounts.create_user(s, "totruong", PASSWORD, full_name="Tổ trưởng")
        accounts.grant(s, "totruong", TDP[0], "truong")
        plan = s.get(Plan, plan_id)
        refs = {w: next(f"t{t.id}" for t in plan.targets if w in t.indicator)
                for w in ("văn hóa", "ngân sách")}
    return {"refs": refs, "ids": ids}


def _form(client: Any, path: str, fields: dict[str, list[str]]) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers={"X-CSRF-Token": ""})


def test_the_office_splits_a_head_records_and_the_commune_counts(world: World,
                                                                 as_user: Any) -> None:
    got = _setup(world)
    culture = got["refs"]["văn hóa"]
    office = as_user("vanphong")
    page = office.get(f"/chi-tieu/{culture}/tong-hop?ngay={DAY}").text
    assert "Giao chỉ tiêu cho thôn, tổ dân phố, chi bộ" in page and TDP[1] in page
    done = _form(office, f"/chi-tieu/{culture}/giao-dem",
                 {"don_vi": [str(i) for i in got["ids"]]})
    assert done.status_code == 303
    assert done.headers["location"] == f"/chi-tieu/{culture}/tong-hop?xong=giao"
    split = office.get(f"/api/items/{culture}/split").json()
    mine, other = (c["count"]["ref"] for c in split["children"])
    head = as_user("totruong")
    assert head.get(f"/chi-tieu/{mine}").status_code == 200
    assert head.get(f"/chi-tieu/{other}").status_code == 404  # the neighbour's
    assert head.get(f"/chi-tieu/{culture}/tong-hop").status_code == 404  # the commune's
    sent = head.post(f"/api/items/{mine}/progress", json={"period": "Q2/2026",
                                                          "value": "đạt"})
    assert sent.status_code == 201 and sent.json()["waiting"] is True
    assert office.post(f"/api/figures/{sent.json()['id']}/accept").status_code == 200
    data = office.get(f"/api/items/{culture}/rollup?as_of={DAY}").json()
    assert (data["method"], data["aggregate"]["value"], data["aggregate"]["of"]) == (
        "count", 1.0, 2)
    html = office.get(f"/chi-tieu/{culture}/tong-hop?ngay={DAY}").text
    assert "số đơn vị đạt (1/2 đơn vị)" in html
    # a count holds from the latest unit that met (its Q2 figure: the quarter's last day)
    assert "(đơn vị đạt gần nhất ngày 30/06/2026)" in html and "cũ nhất" not in html
    board = office.get(f"/don-vi/{world.units[A]}/tong-quan?ngay={DAY}").text
    assert "Tổng hợp chỉ tiêu từ các đơn vị trực thuộc" in board
    assert "1 / 2" in board  # one of the two tổ dân phố reports


def test_shares_are_typed_per_unit_and_the_difference_is_shown(world: World,
                                                                as_user: Any) -> None:
    got = _setup(world)
    money = got["refs"]["ngân sách"]
    office = as_user("vanphong")
    done = _form(office, f"/chi-tieu/{money}/giao-phan",
                 {"don_vi": [str(i) for i in got["ids"]], "phan": ["500", "400"]})
    assert done.status_code == 303
    page = office.get(f"/chi-tieu/{money}/tong-hop").text
    # 1.200 − 900 = 300 triệu đồng not given yet
    assert "Tổng các phần đã giao: 900 triệu đồng" in page
    assert "còn chênh 300 triệu đồng" in page
    bad = _form(office, f"/chi-tieu/{money}/giao-phan", {"don_vi": [str(got["ids"][0])]})
    assert bad.status_code == 400


def test_a_reader_sees_the_split_but_may_not_make_one(world: World, as_user: Any) -> None:
    got = _setup(world)
    culture = got["refs"]["văn hóa"]
    viewer = as_user("xem")
    page = viewer.get(f"/chi-tieu/{culture}/tong-hop").text
    assert "Giao chỉ tiêu cho thôn, tổ dân phố, chi bộ" in page
    assert "form-giao-dem" not in page
    refused = viewer.post(f"/api/items/{culture}/split-count", json={"units": got["ids"]})
    assert refused.status_code == 403
