"""Every API route as every role, with this commune's and the other commune's ids.

Write routes are sent with version 0 (stale) and uploads with a bad file, so a request
that passes the access check ends in 409/400 and nothing changes between cases: the
matrix checks who gets through, not what the action does.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, B, World
from theodoi.web.app import create_app

OK, STALE, BAD, FORBIDDEN, GONE = 200, 409, 400, 403, 404
READERS = ("quantri", "lanhdao", "vanphong", "donvi", "xem", "tinh")
OFFICE = ("quantri", "vanphong")


def _routes(w: World, unit: str) -> list[tuple[str, str, Any, str]]:
    """(method, path, json or files, what it needs: read | item | own_item | office)."""
    u, p = w.units[unit], w.plans[unit]
    refs = w.items[unit]
    own = next(r for r, i in refs.items() if i["lead_agency"] == "Phòng Kinh tế")
    other = next(r for r, i in refs.items() if i["lead_agency"] == "Phòng VH-XH")
    target = next(r for r, i in refs.items() if i["kind"] == "target")  # no lead agency
    return [
        ("GET", f"/api/units/{u}", None, "read"),
        ("GET", f"/api/units/{u}/register", None, "read"),
        ("GET", f"/api/units/{u}/agencies", None, "read"),
        ("GET", f"/api/plans/{p}/review", None, "read"),
        ("POST", f"/api/units/{u}/plans", "upload", "office"),
        ("POST", f"/api/plans/{p}/accept-all", {"version": 0}, "office"),
        ("POST", f"/api/plans/{p}/activate", {"version": 0}, "office"),
        ("POST", f"/api/items/{own}/accept", {"version": 0}, "own_item"),
        ("POST", f"/api/items/{own}/reject", {"version": 0}, "own_item"),
        ("POST", f"/api/items/{own}/correct", {"version": 0, "changes": {"value": 1}},
         "own_item"),
        ("POST", f"/api/items/{other}/accept", {"version": 0}, "item"),
        ("POST", "/api/agencies/{agency}/confirm", {"version": 0}, "office"),
        ("POST", "/api/agencies/{agency}/merge", {"version": 0, "into": "{into}"}, "office"),
        ("GET", f"/api/units/{u}/explanations", None, "read"),
        ("GET", f"/api/items/{own}/explanations", None, "own_item"),
        ("POST", f"/api/items/{own}/explanations", {"question": "Vì sao?"}, "request"),
        ("POST", "/api/explanations/{request}/answer", {"text": "x", "version": 0}, "answer"),
        ("GET", f"/api/units/{u}/audit", None, "read"),
        ("GET", f"/api/items/{own}/audit", None, "own_item"),
        ("POST", "/api/audit/{entry}/revert", {"version": 0}, "office"),
        ("GET", f"/api/units/{u}/report?kind=quy&period=Q1/2026&format=xlsx", None, "read"),
        ("GET", f"/api/units/{u}/dashboard", None, "read"),
        ("GET", f"/api/units/{u}/my-work", None, "record"),
        ("GET", f"/api/items/{own}", None, "read"),
        ("GET", f"/api/items/{other}", None, "item"),
        ("POST", f"/api/items/{own}/update", {"state": "không có"}, "record"),
        ("POST", f"/api/items/{target}/progress", {"period": "2026", "value": "nhiều"},
         "item_record"),
        ("POST", f"/api/items/{target}/baseline", {"value": "1", "year": 2020, "version": 0},
         "item"),
        ("GET", f"/api/units/{u}/progress-template?agency={{agency}}&period=2026", None,
         "record"),
        ("POST", f"/api/units/{u}/progress-import", "upload", "record"),
        ("GET", f"/api/units/{u}/register-export", None, "whole"),
        ("POST", f"/api/units/{u}/register-import", "upload", "office"),
        ("GET", f"/api/units/{u}/cascade", None, "read"),
        ("GET", f"/api/plans/{p}/calendar", None, "read"),
        ("POST", f"/api/plans/{p}/calendar", {"every": "tuần", "due_days": 5}, "office:400"),
        ("POST", f"/api/plans/{p}/implements", {}, "office:400"),
        ("POST", f"/api/plans/{p}/unlink", {}, "office:400"),
        ("POST", f"/api/units/{u}/target-link-suggestions", None, "office:200"),
        ("POST", f"/api/units/{u}/target-links/999999/confirm", None, "office:404"),
        ("POST", f"/api/units/{u}/target-links/999999/dismiss", None, "office:404"),
        ("GET", f"/api/items/{target}/linked", None, "item"),
        ("GET", f"/api/units/{u}/users", None, "admin"),
        ("POST", f"/api/units/{u}/users", {"username": "?", "password": "x", "role": "xem"},
         "admin"),
        ("POST", f"/api/units/{u}/grants", {"username": "xem", "role": "chu_tich"}, "admin"),
        ("POST", f"/api/units/{u}/revoke", {"username": "xem", "role": "chu_tich"}, "admin"),
        ("POST", f"/api/units/{u}/users/{PEOPLE[unit]}/password", {"password": "ngan"},
         "admin"),
        ("POST", f"/api/units/{u}/units", {"name": " "}, "admin"),
        ("POST", f"/api/units/{u}/rename", {"name": " "}, "admin"),
        ("POST", f"/api/units/{u}/move", {"parent_id": u}, "admin"),
    ]  # {agency} and {into} are filled from the unit's directory, {request} and {entry}
    # from `_prepare`
PEOPLE = {A: "xem", B: "khac"}  # someone with a role at the unit, for the admin routes
# who may, inside their scope, take the actions an office role does not cover
ROLE_NEEDS = {"request": {A: ("quantri", "lanhdao")}, "answer": {A: ("donvi",)}}
# who records progress (an agency on its own items, the office on all); values sent are bad
RECORDERS = {A: ("quantri", "vanphong", "donvi"), B: ("khac",)}


def _prepare(w: World) -> dict[str, dict[str, str]]:
    """Activate both plans; on each unit's own item open an explanation request (asking
    again is then 409) and write an audit entry whose value is the current one (a revert
    then reaches the version check)."""
    from theodoi.services import uow
    from theodoi.services.history import audit
    from theodoi.services.progress import explanations
    from theodoi.services.register import review_decisions as review

    ids: dict[str, dict[str, str]] = {}
    with uow.transaction(w.settings) as s:
        for unit in (A, B):
            review.accept_all(s, w.plans[unit])
            review.activate(s, w.plans[unit])
            own = next(r for r, i in w.items[unit].items() if i["kind"] == "task"
                       and i["lead_agency"] == "Phòng Kinh tế")
            asked = explanations.request_explanation(s, own, "Vì sao chậm?")
            audit.record(s, None, w.units[unit], "task", int(own[1:]), "title", "cũ",
                         w.items[unit][own]["title"])
            ids[unit] = {"{request}": str(asked.id)}
    with uow.transaction(w.settings) as s:
        from theodoi.storage.repositories import audit as audit_repo

        for unit in (A, B):
            newest = audit_repo.page(s, unit_id=w.units[unit], limit=1)[0][0]
            ids[unit]["{entry}"] = str(newest.id)
    return ids


def _expected(user: str, unit: str, method: str, needs: str) -> int:
    if needs.startswith("office:"):  # an office action whose answer past the check is known
        passed = _expected(user, unit, method, "office")
        return int(needs.split(":")[1]) if passed == STALE else passed
    reaches = user == "tinh" or (user == "khac") == (unit == B)
    if not reaches:
        return GONE
    if needs in ("item", "item_record") and user == "donvi":
        return GONE  # another agency's item does not exist for an agency user
    if needs == "whole" and user == "donvi":
        return FORBIDDEN  # the whole register is not an agency's to read
    if needs == "admin":  # users and units: quan_tri of the unit only
        allowed = user == "quantri" and unit == A
        return FORBIDDEN if not allowed else OK if method == "GET" else BAD
    if needs.endswith("record"):
        allowed = user in RECORDERS[unit]
        return FORBIDDEN if not allowed else OK if method == "GET" else BAD
    if method == "GET":
        return OK
    if needs in ROLE_NEEDS:
        return STALE if user in ROLE_NEEDS[needs].get(unit, ()) else FORBIDDEN
    if user in OFFICE and unit == A:
        return STALE  # an upload sends a bad file: 400, set by the caller
    if user == "khac" and unit == B:
        return STALE
    return FORBIDDEN


def _send(client: Any, method: str, path: str, body: Any) -> Any:
    if method == "GET":
        return client.get(path)
    if body == "upload":
        return client.post(path, files={"file": ("anh.docx", b"\x89PNG\r\n", "image/png")})
    return client.post(path, json=body)


@pytest.mark.parametrize("user", [*READERS, "khac"])
def test_every_api_route_as_every_role(world: World, as_user: Any, user: str) -> None:
    probe = as_user("tinh")
    client = as_user(user)
    prepared = _prepare(world)
    failures = []
    for unit in (A, B):
        agencies = probe.get(f"/api/units/{world.units[unit]}/agencies").json()["agencies"]
        first, second = agencies[0]["id"], agencies[1]["id"]
        for method, path, body, needs in _routes(world, unit):
            path = path.replace("{agency}", str(first))
            for key, value in prepared[unit].items():
                path = path.replace(key, value)
            if isinstance(body, dict) and body.get("into") == "{into}":
                body = {**body, "into": second}
            expected = _expected(user, unit, method, needs)
            if body == "upload" and expected == STALE:
                expected = BAD
            got = _send(client, method, path, body)
            if got.status_code != expected:
                failures.append((unit, method, path, expected, got.status_code))
            if got.status_code >= 400:
                assert set(got.json()) == {"error"}
    assert failures == []


def test_the_matrix_covers_every_api_route(world: World) -> None:
    covered = {(m, _template(p.split("?")[0])) for m, p, _b, _n in _routes(world, A)}
    app = create_app(world.settings)
    skip = {"/api/csrf", "/api/login", "/api/logout", "/api/me", "/api/password", "/api/units"}
    routes = {(m, r.path) for r in app.routes if getattr(r, "path", "").startswith("/api")
              and r.path not in skip for m in getattr(r, "methods", ())}
    assert routes <= covered, routes - covered


def _template(path: str) -> str:
    parts = path.split("/")
    names = {"units": "{unit_id}", "plans": "{plan_id}", "items": "{ref}",
             "agencies": "{agency_id}", "explanations": "{request_id}", "audit": "{entry_id}",
             "users": "{username}", "target-links": "{link_id}"}
    return "/".join(names.get(parts[i - 1], part) if i and parts[i - 1] in names else part
                    for i, part in enumerate(parts))


def test_another_communes_user_gets_not_found_with_the_same_message(world: World,
                                                                   as_user: Any) -> None:
    other = as_user("khac")
    plan_a = world.plans[A]
    missing = other.get("/api/plans/999999/review").json()
    hidden = other.get(f"/api/plans/{plan_a}/review").json()
    assert missing["error"]["type"] == hidden["error"]["type"] == "not_found"
    assert hidden["error"]["message"] == f"không có kế hoạch số {plan_a}."
    page = other.get(f"/ke-hoach/{plan_a}")
    assert page.status_code == 404
