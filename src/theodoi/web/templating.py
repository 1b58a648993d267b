"""Jinja2 templates of the pages, with the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, meta, select_autoescape
from markupsafe import Markup, escape

from theodoi.domain.dates import vn_day
from theodoi.domain.fields import CHOICE_LABELS, FIELD_LABELS, FIELDS_OF_WORK, TASK_KIND_LABELS
from theodoi.domain.numbers import shown_number
from theodoi.domain.numbers import vn_number as format_number
from theodoi.domain.phrases import amount_text, goal_text
from theodoi.services.memo import Memo
from theodoi.services.reporting import report_files
from theodoi.services.views import audit_view, dashboard_view

TEMPLATES = Path(__file__).resolve().parent / "templates"


def vn_number_exact(value: Any) -> str:
    """A number in a form field: Vietnamese form, every decimal kept (up to 9)."""
    number = float(value)
    return format_number(number, 9) if math.isfinite(number) else str(value)


NAME, CSRF = "\u2063theodoi-ten\u2063", "\u2063theodoi-csrf\u2063"  # invisible separators
PAGES = Memo(300)  # rendered pages by the shared data they show (see render)
ROWS = Memo(5000)  # rendered table rows by the shared row they show (see rows)


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
env.filters["vn_date"] = vn_day
env.filters["vn_number"] = shown_number
# an item's goal in words ("từ 9,5 đến 10%/năm", "dưới 1%"), never its comparator's sign
env.filters["goal"] = lambda i: goal_text(i.get("comparator"), i.get("value"),
                                          i.get("value_max"), i.get("unit"))
# a stored number in a form field, as the person would type it, without rounding it away
env.filters["number_input"] = lambda v: "" if v is None else vn_number_exact(v)
env.filters["amount"] = lambda v, unit: amount_text(None if v in (None, "") else float(v), unit)
env.filters["field_label"] = lambda code: FIELD_LABELS.get(code, code or "")  # kinh_te -> Kinh tế
# an item field in words for people: unit -> đơn vị tính
env.filters["item_field"] = lambda name, kind: audit_view.field_label(kind, name)
# a link's query string: the filters in force, one of them set to `value` (kept in links)
env.filters["query_with"] = lambda query, key, value: urlencode({**query, key: value})
env.filters["task_kind"] = lambda code: TASK_KIND_LABELS.get(code, TASK_KIND_LABELS["task"])
env.globals["report_form"] = report_files.form_options  # kinds, formats, PDF or not
env.globals["choices"] = CHOICE_LABELS  # the review form's choices, in words
env.globals["field_choices"] = {k: v for k, v in FIELD_LABELS.items() if k in FIELDS_OF_WORK}
env.globals["status_columns"] = dashboard_view.COLUMNS  # every status a column, in order


def rows(template: str, macro: str, items: Iterable[Any], *args: Hashable) -> Markup:
    """Each of `items` rendered by `macro` of `template` (called with the item, then
    `args`), joined. The items are shared, read-only rows from the services' memos (a
    province's communes), so each is rendered once per row object and `args` and kept:
    a dashboard made again after a write in one commune renders that commune's row, not
    a hundred. A hit is trusted only while the entry still holds the very row it was made
    from (as in `render`), so an id reused after the row was dropped never matches."""
    made = env.get_template(template).module
    out = []
    for item in items:
        key = (template, macro, id(item), args)
        hit = ROWS.get(key)
        if hit is None or hit[0] is not item:
            hit = (item, str(getattr(made, macro)(item, *args)))
            ROWS.put(key, hit)
        out.append(hit[1])
    return Markup("".join(out))


env.globals["rows"] = rows

# what a page renders through `rows` (a name in a call, which Jinja's own scan misses)
_ROWS_CALL = re.compile(r"""rows\(\s*["']([^"']+)["']""")
# the pages a served process compiles at start (web/app.py): the province dashboard, the
# page whose first request in a new process the start-up warming is for
WARM_PAGES = ("dashboard.html",)


def used_by(name: str) -> set[str]:
    """The template `name` and every template it uses, at any depth: what it extends,
    includes and imports (named in the source) and what it renders through `rows`."""
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        source = env.loader.get_source(env, current)[0]  # type: ignore[union-attr]
        todo += [n for n in meta.find_referenced_templates(env.parse(source)) if n]
        todo += _ROWS_CALL.findall(source)
    return found


def compile_pages(pages: Iterable[str] = WARM_PAGES) -> None:
    """Compile `pages` and every template they use into the environment's cache, as their
    first rendering would: the province dashboard's six templates cost its first request
    in a new process ~55 ms of Jinja compiling. Nothing rendered, no data read; a template
    changed on disk is still compiled again when next used (Jinja's auto_reload)."""
    for page in pages:
        for name in sorted(used_by(page)):
            env.get_template(name)


def roadmap(milestones: Any) -> str:
    """[{year, value}] -> '2026: 30; 2027: 50', as the roadmap field is typed."""
    return "; ".join(f"{m['year']}: {_exact(m.get('value'))}".rstrip(": ")
                     for m in milestones or ())


def _exact(value: Any) -> str:
    return "" if value is None else vn_number_exact(value)


env.filters["roadmap"] = roadmap


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
    made = _made(name, request, shared, lazy, context)
    return made if isinstance(made, str) else made.decode()


def rendered(name: str, request: Request, *, shared: tuple[object, ...] | None = None,
             lazy: dict[str, Callable[[], Any]] | None = None, **context: Any) -> bytes:
    """`render`'s page encoded as UTF-8, what a response sends. A cached page is kept
    encoded, in pieces between the stand-ins, so each request joins a few byte strings
    with the person's name and token: replacing the stand-ins in ~100 KB of Vietnamese
    text and encoding it took ~10 % of a warm province dashboard."""
    made = _made(name, request, shared, lazy, context)
    return made.encode() if isinstance(made, str) else made


def _made(name: str, request: Request, shared: tuple[object, ...] | None,
          lazy: dict[str, Callable[[], Any]] | None, context: dict[str, Any]) -> str | bytes:
    """The page as text when it is not cached, else as bytes joined from its pieces."""
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
        hit = (shared, _pieces(env.get_template(name).render(
            **{**context, **values, "user": stand_in, "csrf": CSRF})))
        PAGES.put(key, hit)
    # the name first, then the token everywhere, as replacing one after the other did
    own = str(escape(user.display_name)).replace(CSRF, csrf).encode()
    chunks, names = hit[1]
    out = [chunks[0]]
    for is_name, chunk in zip(names, chunks[1:], strict=True):
        out += (own if is_name else csrf.encode(), chunk)
    return b"".join(out)


_STAND_INS = re.compile(f"({NAME}|{CSRF})")


def _pieces(text: str) -> tuple[tuple[bytes, ...], tuple[bool, ...]]:
    """A page rendered with stand-ins: its text between them, encoded, and which stand-in
    (True: the name, False: the token) comes after each piece but the last."""
    parts = _STAND_INS.split(text)
    return tuple(p.encode() for p in parts[0::2]), tuple(p == NAME for p in parts[1::2])
