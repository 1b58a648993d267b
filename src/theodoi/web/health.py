"""GET /healthz: JSON, 200 when healthy, 503 when not; no sign-in, no cookies read.

A plain Starlette route, outside FastAPI's app-wide dependencies: those open the
request's database session and read the sign-in cookie, which a health check must not
need (the database may be the very thing that is down)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from theodoi.services import health


def healthz(request: Request) -> JSONResponse:
    """Sync, so Starlette runs it on a worker thread: the checks do database I/O."""
    result = health.check(request.app.state.settings)
    return JSONResponse(result.as_json(), status_code=200 if result.healthy else 503,
                        headers={"cache-control": "no-store"})


route = Route("/healthz", healthz, methods=["GET", "HEAD"])
