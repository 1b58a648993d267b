"""Explanation requests through pages and API: a leader asks, the item's agency answers."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import A, B, World


def activate(client: Any, world: World, unit: str) -> None:
    """Accept every item of the unit's plan and put it into implementation."""
    plan_id = world.plans[unit]
    version = _plan_version(client, world, unit)
    assert client.post(f"/api/plans/{plan_id}/accept-all", json={"version": version}
                       ).status_code == 200
    r = client.post(f"/api/plans/{plan_id}/activate",
                    json={"version": _plan_version(client, world, unit)})
    assert r.status_code == 200 and r.json()["status"] == "active", r.text


def _plan_version(client: Any, world: World, unit: str) -> int:
    plans = client.get(f"/api/units/{world.units[unit]}").json()["plans"]
    return int(next(p for p in plans if p["id"] == world.plans[unit])["version"])


def refs(world: World, agency: str, unit: str = A) -> list[str]:
    return [r for r, i in world.items[unit].items() if i["lead_agency"] == agency]


def test_a_leader_asks_on_the_item_page_and_the_agency_answers(world: World,
                                                                as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    leader, agency = as_user("lanhdao"), as_user("donvi")
    ref = refs(world, "Phòng Kinh tế")[0]
    page = leader.get(f"/muc/{ref}/giai-trinh")
    assert page.status_code == 200 and "Yêu cầu cơ quan chủ trì giải trình" in page.text
    r = leader.post(f"/muc/{ref}/giai-trinh", data={"question": "Vì sao chậm?",
                                                    "period": "Q3/2026"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/muc/{ref}/giai-trinh"
    unit = world.units[A]
    listed = agency.get(f"/api/units/{unit}/explanations?state=open").json()
    assert listed["counts"] == {"open": 1, "answered": 0} and listed["can_answer"]
    row = listed["requests"][0]
    assert (row["ref"], row["question"], row["requested_by"]) == (ref, "Vì sao chậm?",
                                                                   "Lanhdao")
    assert row["period_label"] == "Quý III/2026" and row["state_label"] == "chờ giải trình"
    html = agency.get(f"/don-vi/{unit}/giai-trinh").text
    assert "Vì sao chậm?" in html and "Gửi giải trình" in html
    r = agency.post(f"/giai-trinh/{row['id']}/tra-loi",
                    data={"text": "Thiếu vốn.", "version": row["version"],
                          "back": f"/don-vi/{unit}/giai-trinh"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/don-vi/{unit}/giai-trinh"
    done = leader.get(f"/api/items/{ref}/explanations").json()["requests"][0]
    assert (done["state"], done["answer"], done["answered_by"]) == ("answered", "Thiếu vốn.",
                                                                    "Donvi")
    answered = leader.get(f"/don-vi/{unit}/giai-trinh?state=answered").text
    assert "Thiếu vốn." in answered and "đã giải trình" in answered
    assert leader.get(f"/api/units/{unit}/explanations?state=open").json()["requests"] == []


def test_a_stale_or_repeated_answer_is_a_vietnamese_conflict(world: World,
                                                             as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    leader, agency = as_user("quantri"), as_user("donvi")
    ref = refs(world, "Phòng Kinh tế")[0]
    asked = leader.post(f"/api/items/{ref}/explanations", json={"question": "Tiến độ?"})
    assert asked.status_code == 201
    rid, version = asked.json()["id"], asked.json()["version"]
    stale = agency.post(f"/api/explanations/{rid}/answer",
                        json={"text": "x", "version": version + 1})
    assert stale.status_code == 409 and "hãy tải lại" in stale.json()["error"]["message"]
    ok = agency.post(f"/api/explanations/{rid}/answer", json={"text": "Đã xong.",
                                                              "version": version})
    assert ok.status_code == 200 and ok.json()["state"] == "answered"
    again = agency.post(f"/api/explanations/{rid}/answer", json={"text": "Lần hai",
                                                                 "version": version})
    assert again.status_code == 409 and "đã được trả lời" in again.json()["error"]["message"]
    page = agency.post(f"/giai-trinh/{rid}/tra-loi", data={"text": "y", "version": version})
    assert page.status_code == 409 and "đã được trả lời" in page.text
    assert agency.get(f"/api/items/{ref}/explanations").json()["requests"][0]["answer"] \
        == "Đã xong."


def test_who_may_ask_and_answer_follows_the_roles(world: World, as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    own, other = refs(world, "Phòng Kinh tế")[0], refs(world, "Phòng VH-XH")[0]
    agency, viewer, office = as_user("donvi"), as_user("xem"), as_user("vanphong")
    for client in (agency, viewer, office):
        r = client.post(f"/api/items/{own}/explanations", json={"question": "?"})
        assert r.status_code == 403, r.text
    leader = as_user("lanhdao")
    empty = leader.post(f"/api/items/{own}/explanations", json={"question": "  "})
    assert empty.status_code == 400 and "không được để trống" in empty.json()["error"]["message"]
    first = leader.post(f"/api/items/{own}/explanations", json={"question": "Một"}).json()
    second = leader.post(f"/api/items/{own}/explanations", json={"question": "Hai"})
    assert second.status_code == 409 and "đang có yêu cầu" in second.json()["error"]["message"]
    leader.post(f"/api/items/{other}/explanations", json={"question": "Khác"})
    for client in (leader, viewer, office):
        r = client.post(f"/api/explanations/{first['id']}/answer",
                        json={"text": "x", "version": first["version"]})
        assert r.status_code == 403, r.text
    mine = agency.get(f"/api/units/{world.units[A]}/explanations").json()["requests"]
    assert [r["ref"] for r in mine] == [own]  # not the other agency's request
    assert agency.get(f"/api/items/{other}/explanations").status_code == 404
    assert len(leader.get(f"/api/units/{world.units[A]}/explanations").json()["requests"]) == 2
    by_agency = leader.get(f"/api/units/{world.units[A]}/explanations",
                           params={"agency": mine[0]["lead_agency_id"]}).json()
    assert [r["ref"] for r in by_agency["requests"]] == [own]
    outsider = as_user("khac")
    assert outsider.get(f"/api/units/{world.units[A]}/explanations").status_code == 404
    gone = outsider.post(f"/api/explanations/{first['id']}/answer",
                         json={"text": "x", "version": first["version"]})
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == f"không có yêu cầu giải trình số {first['id']}."


def test_a_draft_plans_item_takes_no_request(world: World, as_user: Any) -> None:
    leader = as_user("lanhdao")
    ref = refs(world, "Phòng Kinh tế", B)[0]
    assert leader.post(f"/api/items/{ref}/explanations",
                       json={"question": "?"}).status_code == 404  # another commune
    own = refs(world, "Phòng Kinh tế")[0]
    r = leader.post(f"/api/items/{own}/explanations", json={"question": "?"})
    assert r.status_code == 409 and "bản nháp" in r.json()["error"]["message"]
    page = leader.get(f"/muc/{own}/giai-trinh")
    assert "chưa yêu cầu giải trình được" in page.text
