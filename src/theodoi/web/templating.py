"""Jinja2 templates of the pages, with the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape

from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.numbers import vn_number as format_number
from theodoi.domain.phrases import goal_text
from theodoi.services import report_files
from theodoi.services.memo import Memo

TEMPLATES = Path(__file__).resolve().parent / "templates"
INVALID_NUMBER = "không hợp lệ"


def vn_date(value: Any) -> str:
    """ISO date (or datetime) -> dd/mm/yyyy; empty for none."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def vn_number(value: Any) -> str:
    """1234.5 -> '1.234,5' through the one formatter (domain.numbers); empty for none;
    'không hợp lệ' for inf or nan a former version stored, so the page still opens and
    shows what to correct."""
    if value is None or value == "":
        return ""
    number = float(value)
    return format_number(number) if math.isfinite(number) else INVALID_NUMBER


NAME, CSRF = "\u2063theodoi-ten\u2063", "\u2063theodoi-csrf\u2063"  # invisible separators
PAGES = Memo(300)  # rendered pages by the shared data they show (see render)


class PerPersonField(Exception):  # not an AttributeError, which Jinja would swallow
    """A cached page's template read a field of the person that is not in its key."""


class StandIn:
    """The person as a page rendered once for many people sees them: the name (a marker
    each person's own replaces), the menu of the first role and whether the password must
    change, which are in the page's key. Reading anything else fails loudly: it would put
    one person's data in everyone's copy (Jinja would render a missing field as empty)."""

    def __init__(self, menu: tuple[tuple[int, str], ...], must_change_password: bool) -> None:
        self.display_name = NAME
        self.grants = tuple(MenuGrant(unit_id, role) for unit_id, role in menu)
        self.must_change_password = must_change_password

    def __getattr__(self, name: str) -> Any:
        raise PerPersonField(f"a cached page read user.{name}, which is not in its key")


class MenuGrant:
    """A role as the menu shows it: its unit and role, nothing else of the grant."""

    def __init__(self, unit_id: int, role: str) -> None:
        self.unit_id, self.role = unit_id, role

    def __getattr__(self, name: str) -> Any:
        raise PerPersonField(f"a cached page read grant.{name}, which is not in its key")

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                  trim_blocks=True, lstrip_blocks=True)
env.filters["vn_date"] = vn_date
env.filters["vn_number"] = vn_number
# an item's goal in words ("từ 9,5 đến 10%/năm", "dưới 1%"), never its comparator's sign
env.filters["goal"] = lambda i: goal_text(i.get("comparator"), i.get("value"),
                                          i.get("value_max"), i.get("unit"))
env.filters["field_label"] = lambda code: FIELD_LABELS.get(code, code or "")  # kinh_te -> Kinh tế
env.globals["report_form"] = report_files.form_options  # kinds, formats, PDF or not


def render(name: str, request: Request, *, shared: tuple[object, ...] | None = None,
           lazy: dict[str, Callable[[], Any]] | None = None, **context: Any) -> str:
    """A page; `user` and `csrf` come from the request state the routes set.

    `shared`: the cached, read-only objects (services/memo.py) the page's data is made
    of. The page is then rendered once per set of them, per template and per everything
    else that shapes it (the other context values, the menu of the person's first role,
    the path) with stand-ins for the person's name and CSRF token, which are put in each
    time. A hit is trusted only while the entry still holds the very objects it was made
    from, so an id reused after they were dropped can never match. `lazy`: values made
    from `shared` (a chart's SVG) only when the page is rendered."""
    state = request.state
    user = context.setdefault("user", getattr(state, "user", None))
    csrf = context.setdefault("csrf", getattr(state, "csrf", None))
    context["path"] = request.url.path
    made = lazy or {}
    if shared is None or user is None or csrf is None:
        return env.get_template(name).render(**context, **{k: m() for k, m in made.items()})
    rest = tuple(sorted((k, v) for k, v in context.items()
                        if k not in ("data", "user", "csrf")))
    menu = tuple((g.unit_id, g.role) for g in user.grants[:1])
    key = (name, tuple(map(id, shared)), rest, menu, user.must_change_password)
    hit = PAGES.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], shared, strict=True)):
        stand_in = StandIn(menu, user.must_change_password)
        values = {k: m() for k, m in made.items()}
        hit = (shared, env.get_template(name).render(**{**context, **values,
                                                          "user": stand_in, "csrf": CSRF}))
        PAGES.put(key, hit)
    return hit[1].replace(NAME, str(escape(user.display_name))).replace(CSRF, csrf)
