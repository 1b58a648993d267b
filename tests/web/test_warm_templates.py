"""A served web process compiles the province dashboard's templates and statements at
start (templating.compile_pages and services/views/warm.py, from web/app.py), so its
first dashboard compiles neither: counted in Jinja's template cache and the engine's
statement cache, never timed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import World, login
from theodoi.storage import db
from theodoi.web import templating
from theodoi.web.app import create_app


def _compiled() -> set[str]:
    """The names of the templates in the environment's cache (compiled)."""
    return {template.name for template in templating.env.cache.values()}  # type: ignore[union-attr]


def test_the_dashboard_uses_its_page_the_base_and_its_parts() -> None:
    found = templating.used_by("dashboard.html")
    assert {"dashboard.html", "base.html", "_status.html",
            "_commune_row.html"} <= found  # extended, imported, rendered through rows()


def _statements(world: World) -> int:
    """Statements in the engine's compiled cache."""
    cache = db.engine_for(world.settings.database_url)._compiled_cache
    assert cache is not None
    return len(cache)


def test_the_first_province_dashboard_of_a_served_process_compiles_nothing(
        world: World) -> None:
    templating.env.cache.clear()  # type: ignore[union-attr]  # as a new process
    with TestClient(create_app(world.settings, warm=True)) as client:
        login(client, "tinh")
        before, statements = _compiled(), _statements(world)
        assert "dashboard.html" in before
        page = client.get(f"/don-vi/{world.units['Tỉnh Mẫu']}/tong-quan")
        assert page.status_code == 200
        assert _compiled() == before  # every template it rendered was compiled at start
        assert _statements(world) == statements  # and every statement it ran


def test_an_app_started_without_warming_compiles_the_dashboard_on_its_first_request(
        world: World) -> None:
    templating.env.cache.clear()  # type: ignore[union-attr]
    with TestClient(create_app(world.settings)) as client:
        login(client, "tinh")
        assert "dashboard.html" not in _compiled()
        assert client.get(f"/don-vi/{world.units['Tỉnh Mẫu']}/tong-quan").status_code == 200
        assert templating.used_by("dashboard.html") <= _compiled()
