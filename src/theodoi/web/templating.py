"""Jinja2 templates of the pages, with the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape

from theodoi.domain.dates import vn_day
from theodoi.domain.fields import FIELD_LABELS, TASK_KIND_LABELS
from theodoi.domain.numbers import shown_number
from theodoi.domain.phrases import goal_text
from theodoi.services.memo import Memo
from theodoi.services.reporting import report_files
from theodoi.services.views import audit_view

TEMPLATES = Path(__file__).resolve().parent / "templates"


NAME, CSRF = "\u2063theodoi-ten\u2063", "\u2063theodoi-csrf\u2063"  # invisible separators
PAGES = Memo(300)  # rendered pages by the shared data they show (see render)

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                  trim_blocks=True, lstrip_blocks=True)
env.filters["vn_date"] = vn_day
env.filters["vn_number"] = shown_number
# an item's goal in words ("từ 9,5 đến 10%/năm", "dưới 1%"), never its comparator's sign
env.filters["goal"] = lambda i: goal_text(i.get("comparator"), i.get("value"),
                                          i.get("value_max"), i.get("unit"))
env.filters["field_label"] = lambda code: FIELD_LABELS.get(code, code or "")  # kinh_te -> Kinh tế
# an item field in words for people: unit -> đơn vị tính
env.filters["item_field"] = lambda name, kind: audit_view.field_label(kind, name)
env.filters["task_kind"] = lambda code: TASK_KIND_LABELS.get(code, TASK_KIND_LABELS["task"])
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
        stand_in = SimpleNamespace(display_name=NAME, grants=user.grants[:1],
                                   must_change_password=user.must_change_password)
        values = {k: m() for k, m in made.items()}
        hit = (shared, env.get_template(name).render(**{**context, **values,
                                                          "user": stand_in, "csrf": CSRF}))
        PAGES.put(key, hit)
    return hit[1].replace(NAME, str(escape(user.display_name))).replace(CSRF, csrf)
