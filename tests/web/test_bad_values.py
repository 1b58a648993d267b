"""Finite numbers only (issue 14 M1): inf, 1e999, nan and digits other than 0-9 are
refused wherever a number enters the web, and a value a former version stored anyway
makes no page fail; the target reads 'Số liệu không hợp lệ' until it is corrected."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.web.conftest import A, World, login
from tests.web.progress_world import implement
from theodoi.services import uow
from theodoi.services.progress import records as progress
from theodoi.web.app import create_app

BAD = ["inf", "-inf", "Infinity", "nan", "1e999", "1e5", "9" * 400, "١٢", "²", "12²"]


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world, validate=False)


def _history(world: World, ref: str) -> list[Any]:
    with uow.transaction(world.settings) as s:
        return progress.history(s, ref)


def _pages(world: World) -> list[str]:
    unit, plan = world.units[A], world.plans[A]
    return [f"/don-vi/{unit}/tong-quan?ngay=2027-01-15", "/chi-tieu/t1?ngay=2027-01-15",
            f"/don-vi/{unit}/so-theo-doi", f"/ke-hoach/{plan}",
            f"/don-vi/{unit}/lich-su", "/muc/t1/lich-su", "/",
            f"/api/units/{unit}/dashboard?as_of=2027-01-15", "/api/items/t1?as_of=2027-01-15",
            f"/api/units/{unit}/register", f"/api/plans/{plan}/review",
            "/api/items/t1/audit"] + [
        f"/don-vi/{unit}/bao-cao?kind={kind}&period={period}&format={fmt}"
        for kind, period in (("quy", "Q4/2026"), ("nam", "2026"))
        for fmt in ("docx", "xlsx")]


def test_a_value_that_is_not_a_finite_number_is_refused_everywhere(
        world: World, as_user: Any, items: Any) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    item = office.get("/api/items/t1").json()["item"]
    for value in BAD:
        page = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": value})
        assert page.status_code == 400 and "không phải là số" in page.text, value
        api = agency.post("/api/items/t1/progress", json={"period": "2026", "value": value})
        assert api.status_code == 400 and "không phải là số" in api.json()["error"]["message"]
        whole = agency.post("/api/items/t1/progress",
                            json={"period": "2026", "value": "3/" + value})
        assert whole.status_code == 400, value
        base = office.post("/api/items/t1/baseline", json={"value": value, "year": 2025,
                                                           "version": item["version"]})
        assert base.status_code == 400 and "không phải là số" in base.text, value
        fix = office.post("/api/items/t1/correct", json={"version": item["version"],
                                                         "changes": {"value": value}})
        assert fix.status_code == 400 and "giá trị" in fix.json()["error"]["message"], value
    for year in ("²⁰²⁵", "٢٠٢٥", "99999999999999999999"):
        base = office.post("/api/items/t1/baseline", json={"value": "70", "year": year,
                                                           "version": item["version"]})
        assert base.status_code == 400 and "năm gốc" in base.text, year
    assert _history(world, "t1") == []
    assert office.get("/api/items/t1").json()["item"] == item


def test_json_numbers_out_of_range_are_refused(world: World, as_user: Any,
                                               items: Any) -> None:
    agency = as_user("donvi")
    for raw in ("1e999", "-1e999", "NaN", "Infinity"):
        body = '{"period": "2026", "value": ' + raw + "}"
        r = agency.post("/api/items/t1/progress", content=body,
                        headers={"content-type": "application/json"})
        assert r.status_code in (400, 422) and r.json()["error"]["message"], r.text
    assert _history(world, "t1") == []


def _plant(world: World, backend: str) -> None:
    """What a former version could store: inf as the value and as the target's goal (nan
    too on PostgreSQL; SQLite keeps no nan, it stores NULL)."""
    bad = float("nan") if backend == "postgresql" else float("inf")
    with uow.transaction(world.settings) as s:
        s.execute(text("update progress_records set value = :v"), {"v": float("inf")})
        s.execute(text("update targets set value = :v where id = 1"), {"v": bad})


def test_a_stored_inf_breaks_no_page_and_can_be_corrected(world: World, as_user: Any,
                                                          items: Any, backend: str) -> None:
    agency, office = as_user("donvi"), as_user("vanphong")
    assert agency.post("/api/items/t1/progress", json={"period": "2026", "value": "60"}
                       ).status_code == 201
    _plant(world, backend)
    province = world.units["Tỉnh Mẫu"]
    for username, paths in (
            ("lanhdao", _pages(world)), ("donvi", [f"/don-vi/{world.units[A]}/viec-cua-toi",
                                                   f"/api/units/{world.units[A]}/my-work"]),
            ("tinh", [f"/don-vi/{province}/tong-quan?ngay=2027-01-15",
                      f"/api/units/{province}/dashboard?as_of=2027-01-15", *_pages(world)])):
        client = TestClient(create_app(world.settings), raise_server_exceptions=False)
        login(client, username)
        answers = {p: client.get(p).status_code for p in paths}
        assert {p: c for p, c in answers.items() if c != 200} == {}, username
    leader = as_user("lanhdao")
    found = leader.get("/api/items/t1", params={"as_of": "2027-01-15"}).json()
    assert found["status"]["code"] == "so_lieu_loi" and found["item"]["value"] is None
    page = leader.get("/chi-tieu/t1", params={"ngay": "2027-01-15"}).text
    assert "Số liệu không hợp lệ" in page and "không hợp lệ" in page
    # the correction path: the goal corrected in review, the period reported again
    item = office.get("/api/items/t1").json()["item"]
    fixed = office.post("/api/items/t1/correct", json={"version": item["version"],
                                                       "changes": {"value": "90"}})
    assert fixed.status_code == 200, fixed.text
    assert agency.post("/api/items/t1/progress", json={"period": "2026", "value": "61"}
                       ).status_code == 201
    found = leader.get("/api/items/t1", params={"as_of": "2027-01-15"}).json()
    assert found["status"]["code"] != "so_lieu_loi" and found["status"]["actual"] == 61
    assert [r.current for r in _history(world, "t1")] == [False, True]


def test_concurrent_saves_of_one_period_answer_201_or_409(world: World, as_user: Any,
                                                           items: Any) -> None:
    """8 clients of the agency save t1's 2026 value twice each, all at once, through the
    API: every answer is 201 or 409 (issue 14 M3), the 201s are all in the history, and
    exactly one record is current."""
    import threading

    clients = [as_user("donvi") for _ in range(8)]
    start, answers = threading.Barrier(len(clients)), []

    def save(n: int) -> None:
        start.wait()
        for k in range(2):
            r = clients[n].post("/api/items/t1/progress",
                                json={"period": "2026", "value": str(60 + n),
                                      "note": f"{n}-{k}"})
            answers.append((r.status_code, f"{n}-{k}", r.json()))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(answers) == 16 and {code for code, _n, _b in answers} <= {201, 409}, answers
    assert all(b["error"]["type"] == "conflict" for code, _n, b in answers if code == 409)
    rows = _history(world, "t1")
    assert sorted(r.note for r in rows) == sorted(n for code, n, _b in answers if code == 201)
    assert [r.current for r in rows].count(True) == 1 and rows[-1].current


def test_concurrent_sends_waiting_for_validation_leave_one_waiting(
        world: World, as_user: Any) -> None:
    """With validation on, 6 clients of the agency send t1's 2026 figure at once: every
    answer is 201 or 409 and exactly one figure waits (the partial unique index)."""
    import threading

    implement(as_user, world)
    clients = [as_user("donvi") for _ in range(6)]
    start, answers = threading.Barrier(len(clients)), []

    def send(n: int) -> None:
        start.wait()
        r = clients[n].post("/api/items/t1/progress", json={"period": "2026",
                                                            "value": str(60 + n)})
        answers.append(r.status_code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(answers) == 6 and set(answers) <= {201, 409} and 201 in answers, answers
    office = as_user("vanphong")
    waiting = office.get(f"/api/units/{world.units[A]}/pending-figures").json()["waiting"]
    assert len(waiting) == 1
    assert _history(world, "t1") == []
