"""Jinja2 templates of the pages, with the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.numbers import vn_number as format_number
from theodoi.services import report_files

TEMPLATES = Path(__file__).resolve().parent / "templates"


def vn_date(value: Any) -> str:
    """ISO date (or datetime) -> dd/mm/yyyy; empty for none."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def vn_number(value: Any) -> str:
    """1234.5 -> '1.234,5' through the one formatter (domain.numbers); empty for none."""
    return "" if value is None or value == "" else format_number(float(value))


env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                  trim_blocks=True, lstrip_blocks=True)
env.filters["vn_date"] = vn_date
env.filters["vn_number"] = vn_number
env.filters["field_label"] = lambda code: FIELD_LABELS.get(code, code or "")  # kinh_te -> Kinh tế
env.globals["report_form"] = report_files.form_options  # kinds, formats, PDF or not


def render(name: str, request: Request, **context: Any) -> str:
    """A page; `user` and `csrf` come from the request state the routes set."""
    state = request.state
    context.setdefault("user", getattr(state, "user", None))
    context.setdefault("csrf", getattr(state, "csrf", None))
    context["path"] = request.url.path
    return env.get_template(name).render(**context)
