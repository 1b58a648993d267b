"""A page's transaction committed in the route's own worker thread, one thread hop less.

A request that takes the session (`deps.Db`) used to cross from the event loop to a worker
thread three times: the sign-in, the route, and the commit and close after it. Each hop
is two thread wake-ups and two handovers of the interpreter lock; measured in process
(the app driven as uvicorn drives it, a warm province dashboard on SQLite at load 10-15)
the three cost 0.4-1.6 ms of a 4-6 ms request's CPU, and at 50 clients every hop also
waits for the lock behind the other requests of the process.

A route that returns a `Response` (every HTML page, a redirect, a download) has made its
whole answer when it returns, so its transaction ends right there, on the same thread:
committed after the bookkeeping writes of `uow.at_commit`, or a lost race raised as the
Conflict it always was, before any byte is sent. `deps.get_db` then finds the session
finished and makes no hop of its own. A route that returns data for FastAPI to serialise
keeps its session open until that is done (the data may still read it), as before.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response
from fastapi.routing import APIRoute

from theodoi.services import uow
from theodoi.web import deps


def session_param(endpoint: Callable[..., Any]) -> str | None:
    """The name of the endpoint's `deps.Db` parameter, None when it has none."""
    hints = typing.get_type_hints(endpoint, include_extras=True)
    return next((name for name, hint in hints.items() if hint == deps.Db), None)


def finishing(endpoint: Callable[..., Any], name: str) -> Callable[..., Any]:
    """`endpoint`, its session (the keyword `name`) finished as soon as it returns a
    Response; anything else is returned with the session still open."""

    @functools.wraps(endpoint)  # the same signature and annotations, for FastAPI
    def run(**values: Any) -> Any:
        answer = endpoint(**values)
        if isinstance(answer, Response):
            uow.finish(values[name])
        return answer

    run.finishes = name  # type: ignore[attr-defined]
    return run


def install(router: APIRouter) -> None:
    """Every synchronous route of `router` that takes the session finishes it in its
    own thread when it answers with a Response. Before the router is included in the
    app: the app builds its routes from their endpoints when it first routes."""
    for route in router.routes:
        if (not isinstance(route, APIRoute) or inspect.iscoroutinefunction(route.endpoint)
                or hasattr(route.endpoint, "finishes")):
            continue
        name = session_param(route.endpoint)
        if name is not None:
            route.endpoint = finishing(route.endpoint, name)
