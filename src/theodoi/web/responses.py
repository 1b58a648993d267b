"""The JSON response of every API route: inf and nan go out as null, never as a 500.

Numbers entering theodoi are finite (domain.numbers.read_number), but a database written
by a former version may still hold inf or nan, which JSON cannot carry: Starlette's
encoder then raises. The first try is the plain, fast encoding; only a body that fails it
is walked and its non-finite numbers replaced.
"""

from __future__ import annotations

import json
import math
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


def finite(value: Any) -> Any:
    """`value` with every non-finite float inside it (dicts, lists, tuples) as None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


class FiniteJSONResponse(JSONResponse):
    """JSONResponse that writes inf/nan as null instead of failing."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except ValueError:  # "Out of range float values are not JSON compliant"
            return json.dumps(finite(content), ensure_ascii=False, allow_nan=False,
                              indent=None, separators=(",", ":")).encode("utf-8")


def json_of(content: Any) -> FiniteJSONResponse:
    """The response FastAPI makes of what a route returns (dates as ISO text …), for a
    route that returns a Response itself."""
    return FiniteJSONResponse(jsonable_encoder(content))
