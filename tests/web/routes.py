"""The routes a test walks: FastAPI keeps included routers nested inside `app.routes`."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def routes(app: FastAPI) -> list[Any]:
    """Every route of the app with an endpoint, the included routers' ones unpacked."""
    found: list[Any] = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            found.extend(contexts())
        elif getattr(route, "dependant", None) is not None:
            found.append(route)
    return found
