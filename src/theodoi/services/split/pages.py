"""Splitting as a signed-in person does it: the office (REVIEW) or a leader (APPROVE) of
the commune, which a grant above it covers, splits the commune's targets into its thôn's,
as they decide its links and methods (services/rollup/pages.py); whoever reads the target
sees the form's state. Outside the person's reach a target does not exist."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.domain.numbers import read_number
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.split import splitting
from theodoi.storage.models import Target

SPLITTERS = frozenset({rules.REVIEW, rules.APPROVE})


def _target(s: Session, p: Principal, ref: str, split: bool = False) -> Target:
    """Target `ref` as the person reaches it; with `split`, Forbidden unless they may."""
    item = access.item(s, p, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới giao cho cấp dưới được.")
    if split and not _may_split(p, item):
        raise Forbidden("chỉ văn phòng hoặc lãnh đạo của đơn vị (hoặc cấp trên) mới giao "
                        "chỉ tiêu cho cấp dưới.")
    return item


def _may_split(p: Principal, target: Target) -> bool:
    return bool(access.actions_at(p, target.plan.unit) & SPLITTERS)


def form(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """The split form of target `ref`: the unit's children with what each was given,
    and whether the person may split (empty children: nothing to show)."""
    target = _target(s, p, ref)
    return splitting.state(s, target) | {
        "can_split": _may_split(p, target)}


def count(s: Session, p: Principal, ref: str, unit_ids: list[int]) -> dict[str, Any]:
    """Split `ref` as a count into the chosen children (ids of units below it)."""
    target = _target(s, p, ref, split=True)
    if not unit_ids:
        raise BadInput("hãy chọn ít nhất một thôn, tổ dân phố hoặc chi bộ để giao.")
    return asdict(splitting.count(s, target, _codes(s, target, unit_ids), p.username))


def shares(s: Session, p: Principal, ref: str, typed: dict[int, str]) -> dict[str, Any]:
    """Split `ref` into the shares typed per child (unit id -> '1.200' or ''): a blank
    share is left out."""
    target = _target(s, p, ref, split=True)
    codes = dict(zip(typed, _codes(s, target, list(typed)), strict=True))
    parts: dict[str, float] = {}
    for unit_id, text in typed.items():
        if text.strip():
            parts[codes[unit_id]] = read_number(text)
    if not parts:
        raise BadInput("hãy nhập phần giao cho ít nhất một đơn vị.")
    return asdict(splitting.shares(s, target, parts, p.username))


def _codes(s: Session, target: Target, unit_ids: list[int]) -> list[str]:
    """The codes of the target unit's children among `unit_ids`, in their order;
    BadInput for an id that is not one of them."""
    mine = {u.id: u.code for u in splitting.children(s, target.plan.unit)}
    missing = [i for i in unit_ids if i not in mine]
    if missing:
        raise BadInput(f"đơn vị số {missing[0]} không phải thôn, tổ dân phố hay chi bộ của "
                       f"{target.plan.unit.name}.")
    return [mine[i] for i in unit_ids]
