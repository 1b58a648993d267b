"""Higher documents and links on the web (issue 18 item 1): the province's programme the
commune has not implemented yet, linking a commune plan to it and back, and target links
suggested, confirmed and dismissed; another commune's plan is out of reach."""

from __future__ import annotations

from typing import Any

from tests.services.docs import CTR_16, CTR_XA, NQ_XA, import_text
from tests.web.conftest import A, B, World
from theodoi.services import uow

PROVINCE = "Tỉnh Mẫu"


def _documents(world: World) -> dict[str, int]:
    """The province's active programme 16-CTr/TU; the commune's resolution and programme."""
    with uow.transaction(world.settings) as s:
        return {"ctr16": import_text(s, PROVINCE, CTR_16, "ctr16.txt", activate=True),
                "nq": import_text(s, A, NQ_XA, "nq.txt", activate=True),
                "ctr": import_text(s, A, CTR_XA, "ctr.txt", activate=True)}


def _form(client: Any, path: str, **fields: str) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False,
                       headers={"X-CSRF-Token": ""})


def test_a_higher_programme_stays_pending_until_a_commune_plan_implements_it(
        world: World, as_user: Any) -> None:
    ids = _documents(world)
    office = as_user("vanphong")
    unit = world.units[A]
    before = office.get(f"/api/units/{unit}/cascade").json()
    assert [x["number"] for x in before["pending"]] == ["16-CTr/TU"]
    page = office.get(f"/don-vi/{unit}/van-ban-cap-tren").text
    assert "Văn bản cấp trên chưa cụ thể hóa (1)" in page and "16-CTr/TU" in page
    done = _form(office, f"/ke-hoach/{ids['ctr']}/cu-the-hoa", implements_id=str(ids["ctr16"]))
    assert done.headers["location"].startswith(f"/don-vi/{unit}/van-ban-cap-tren?xong=lien-ket")
    after = office.get(f"/api/units/{unit}/cascade").json()
    assert after["pending"] == []
    ctr = next(x for x in after["plans"] if x["id"] == ids["ctr"])
    assert ids["ctr16"] in [x["id"] for x in ctr["implements"]]
    gone = office.post(f"/api/plans/{ids['ctr']}/unlink", json={"implements_id": ids["ctr16"]})
    assert gone.status_code == 200
    again = office.get(f"/api/units/{unit}/cascade").json()
    assert [x["number"] for x in again["pending"]] == ["16-CTr/TU"]


def test_another_communes_plan_cannot_be_named(world: World, as_user: Any) -> None:
    ids = _documents(world)
    office = as_user("vanphong")
    r = office.post(f"/api/plans/{ids['ctr']}/implements",
                    json={"implements_id": world.plans[B]})
    assert r.status_code == 404
    assert r.json()["error"]["message"] == f"không có kế hoạch số {world.plans[B]}."
    reader = as_user("xem")
    refused = reader.post(f"/api/plans/{ids['ctr']}/implements",
                          json={"implements_id": ids["ctr16"]})
    assert refused.status_code == 403
    assert "Liên kết</button>" not in reader.get(f"/don-vi/{world.units[A]}/van-ban-cap-tren").text


def test_target_links_are_suggested_confirmed_and_dismissed(world: World,
                                                            as_user: Any) -> None:
    _documents(world)
    office = as_user("vanphong")
    unit = world.units[A]
    page = _form(office, f"/don-vi/{unit}/lien-ket-chi-tieu")
    assert page.status_code == 200
    found = office.get(f"/api/units/{unit}/cascade").json()["links"]
    water = next(x for x in found if "nước sạch" in x["a"]["indicator"])
    income = next(x for x in found if "Thu nhập" in x["a"]["indicator"]
                  and "Thu nhập" in x["b"]["indicator"])
    assert f"Có {len(found)} đề xuất liên kết mới." in page.text
    ok = _form(office, f"/don-vi/{unit}/lien-ket-chi-tieu/{water['id']}/xac-nhan")
    assert ok.status_code == 303
    no = office.post(f"/api/units/{unit}/target-links/{income['id']}/dismiss")
    assert no.json()["state_label"] == "đã bỏ"
    group = office.get(f"/api/items/{water['a']['ref']}/linked").json()["linked"]
    assert [x["ref"] for x in group] == [water["b"]["ref"]]
    assert office.post(f"/api/units/{unit}/target-link-suggestions").json() == []  # decided
    other = as_user("khac").post(f"/api/units/{world.units[B]}/target-links/{water['id']}/confirm")
    assert other.status_code == 404
