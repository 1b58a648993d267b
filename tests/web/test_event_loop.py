"""No route does database work on the event loop (issue 14, H1).

A route that runs synchronous SQL on the loop stops every other request of its process
while it waits; two such saves waiting on the same row lock froze a PostgreSQL worker for
good. The behavioural test sends one request to every registered route and notes, from
SQLAlchemy's `before_cursor_execute`, any statement issued on a thread that runs an event
loop; the introspection test rejects an `async def` route that takes the session at all.
"""

from __future__ import annotations

import asyncio
import inspect
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.web.conftest import PASSWORD, PLANS, A, World, login
from tests.web.routes import routes
from theodoi.storage.db import engine_for
from theodoi.web import deps
from theodoi.web.app import create_app


def _takes_db(route: Any) -> bool:
    hints = typing.get_type_hints(route.endpoint, include_extras=True)
    return any(hint == deps.Db for hint in hints.values())


def test_no_async_route_takes_the_database_session(tmp_path: Any) -> None:
    from theodoi.settings import Settings

    app = create_app(Settings(database_url="sqlite://", data_dir=tmp_path))
    found = routes(app)
    assert len(found) > 50  # the walk reached the included routers
    offenders = [(m, r.path) for r in found for m in r.methods
                 if inspect.iscoroutinefunction(r.endpoint) and _takes_db(r)]
    assert offenders == []


@pytest.fixture
def on_loop(world: World) -> Iterator[list[str]]:
    """Statements issued on a thread that runs an event loop, while the test runs."""
    seen: list[str] = []
    engine = engine_for(world.settings.effective_database_url)

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread (or the test itself): fine
        seen.append(statement.split("\n")[0][:80])

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def _path(template: str, world: World, ids: dict[str, Any]) -> str:
    return template.format(unit_id=world.units[A], plan_id=world.plans[A], **ids)


def _sample(name: str, annotation: Any) -> Any:
    """A plausible value for a form field or JSON member (the route must get past
    validation, so that its body runs; a refusal by the service afterwards is fine)."""
    text = str(annotation)
    if name in ("username", "password"):
        return {"username": "quantri", "password": PASSWORD}[name]
    if name in ("period", "year"):
        return "2025"
    if "dict" in text:
        return {}
    if text.startswith("list"):
        return []
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):  # nested model
        return {n: _sample(n, f.annotation) for n, f in annotation.model_fields.items()
                if f.is_required()}
    if annotation is int or text == "int":
        return 1
    return "1"


PLAN = (PLANS / "ke-hoach-v2.txt").read_bytes()  # what an upload route is sent


def _body(route: Any) -> dict[str, Any]:
    """Form fields, or a JSON body, filled with samples for the required fields."""
    params = route.dependant.body_params
    for field in params:
        model = field.field_info.annotation
        if isinstance(model, type) and hasattr(model, "model_fields"):
            return {"json": {n: _sample(n, f.annotation) for n, f in model.model_fields.items()
                             if f.is_required()}}
    data = {f.name: str(_sample(f.name, f.field_info.annotation)) for f in params
            if f.field_info.is_required() and "UploadFile" not in str(f.field_info.annotation)}
    if route.path.endswith("/sua"):
        data["version"] = "1"
    files = {f.name: ("ke-hoach.txt", PLAN, "text/plain") for f in params
             if f.field_info.is_required() and "UploadFile" in str(f.field_info.annotation)}
    return {k: v for k, v in (("data", data), ("files", files)) if v}


def test_every_route_does_its_database_work_off_the_event_loop(
        world: World, on_loop: list[str]) -> None:
    """Each request from its own fresh sign-in, so that no earlier one (a login, a
    logout, a password change) leaves the next without its session or CSRF token: a new
    client (its own cookies) of the one app. A new app and its lifespan a route (its job
    threads started and stopped ~350 times) cost nine tenths of this test's 2-12 minutes."""
    client = world.client()
    login(client, "quantri")
    ref = next(iter(world.items[A]))
    agency = client.get(f"/api/units/{world.units[A]}/agencies").json()
    ids = {"ref": ref, "agency_id": agency["agencies"][0]["id"], "request_id": 1,
           "entry_id": 1, "job_id": 1, "token_id": 1, "notice_id": 1, "attachment_id": 1,
           "step_id": 1, "username": "xem", "link_id": 1, "other_id": 1,
           "movement_id": 1, "criterion_id": 1, "participant_id": 1, "doc_id": 1,
           "figure_id": 1, "sheet_id": 1, "kind": "danh-sach", "item_id": 1,
           "code": "tinh-mau.xa-an-binh", "item": 1, "file_id": 1, "paper": 1}
    statuses: dict[str, int] = {}
    for route in routes(client.app):  # type: ignore[arg-type]
        for method in route.methods:
            params = {"kind": "tong-hop", "period": "2025"} if "report" in route.path else {}
            if "into" in {q.name for q in route.dependant.query_params}:  # merge preview
                params["into"] = agency["agencies"][-1]["id"]
            params.update({q.name: _sample(q.name, q.field_info.annotation)  # ?version=
                           for q in route.dependant.query_params
                           if q.field_info.is_required() and q.name not in params})
            fresh = TestClient(client.app)
            login(fresh, "quantri")
            r = fresh.request(method, _path(route.path, world, ids), params=params,
                              follow_redirects=False, **_body(route))
            statuses[f"{method} {route.path}"] = r.status_code
    assert len(statuses) > 50
    assert [k for k, v in statuses.items() if v in (401, 422, 500)] == []  # bodies ran
    assert on_loop == []


def test_the_check_sees_work_done_on_the_loop(world: World, on_loop: list[str]) -> None:
    """The detector itself: an async route that queries is caught."""
    app = create_app(world.settings)

    @app.get("/tren-vong-lap")
    async def blocking(s: deps.Db) -> dict[str, int]:
        from theodoi.services.register import units

        return {"n": len(units.list_units(s))}

    with TestClient(app) as client:
        assert client.get("/tren-vong-lap").status_code == 200
    assert on_loop
