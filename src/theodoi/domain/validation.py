"""Validation of an agency's figures before they count (issue 20 item 3), as data.

A figure a lead agency's user (don_vi) reports waits "chờ xác nhận" until the unit's
office (van_phong, quan_tri: REVIEW) or a leader (lanh_dao: APPROVE) accepts it, or
returns it with the reason; the agency corrects and sends it again. Figures typed by the
office itself count at once, and a unit may switch validation off. Before deciding, the
validator sees the plausibility warnings below: rules as data (`PLAUSIBILITY_RULES`), each
applied by the function named after its code. A locked period (chốt kỳ) takes no change
until it is reopened. Pure: facts and figures are passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from theodoi.domain import access
from theodoi.domain.numbers import shown_number

PENDING, ACCEPTED, RETURNED, REPLACED, WITHDRAWN = (
    "cho_xac_nhan", "da_xac_nhan", "tra_lai", "thay_the", "rut_lai")
STATES = (PENDING, ACCEPTED, RETURNED, REPLACED, WITHDRAWN)
STATE_LABELS = {PENDING: "chờ xác nhận", ACCEPTED: "đã xác nhận", RETURNED: "bị trả lại",
                REPLACED: "đã gửi lại", WITHDRAWN: "đã rút lại"}
# who accepts or returns an agency's figure: the office (REVIEW) or a leader (APPROVE)
VALIDATORS = frozenset({access.REVIEW, access.APPROVE})
# who locks and reopens a period: the office (REVIEW) or a leader (APPROVE) likewise
LOCKERS = VALIDATORS


def must_wait(unit_validates: bool, actions: frozenset[str]) -> bool:
    """Whether a figure typed by someone with `actions` at the unit waits for validation:
    an agency user's does when the unit validates; the office's and a leader's never."""
    return unit_validates and access.UPDATE_OWN in actions and not (
        actions & (VALIDATORS | {access.ASSIGN}))


def may_validate(actions: frozenset[str]) -> bool:
    return bool(actions & VALIDATORS)


@dataclass(frozen=True)
class Facts:
    """What the plausibility rules know of a target and its figures (in the target's unit).

    `share`: the figure is a percentage; `flow`: reported year-to-date (domain.measures);
    `cumulative`: counted to date over the term, so it never falls; `count`: a count of
    whole things that only grows (direction increase); `previous`: the figure that counts
    now for the period before (same year for a flow), `baseline`: the năm gốc figure."""

    share: bool
    flow: bool
    cumulative: bool
    count: bool
    previous: float | None
    previous_label: str | None
    baseline: float | None


@dataclass(frozen=True)
class Warning:
    """One plausibility warning shown to the validator (never a refusal)."""

    code: str
    message: str


# code -> (what it checks, its parameter); one rule a line, the case it exists for beside it
PLAUSIBILITY_RULES: dict[str, tuple[str, float]] = {
    # "tỷ lệ hộ nghèo 135%": a share lies between 0 and 100
    "ty_le_ngoai_0_100": ("tỷ lệ nằm ngoài khoảng 0–100%", 0.0),
    # "lũy kế thu ngân sách quý III thấp hơn quý II": a year-to-date or to-date figure
    # does not fall
    "luy_ke_giam": ("số lũy kế thấp hơn kỳ trước", 0.0),
    # "số doanh nghiệp 12 → 120": a jump beyond N times the previous period (or below 1/N)
    "tang_dot_bien": ("chênh lệch quá lớn so với kỳ trước (gấp lần)", 3.0),
    # "số trường đạt chuẩn 3 khi năm gốc đã có 5": a count that only grows, below its base
    "duoi_so_goc": ("số lượng thấp hơn số liệu năm gốc", 0.0),
}


def _share(f: Facts, value: float, _: float) -> str | None:
    if f.share and not 0 <= value <= 100:
        return f"tỷ lệ {shown_number(value)}% nằm ngoài khoảng 0–100%."
    return None


def _falls(f: Facts, value: float, _: float) -> str | None:
    if (f.flow or f.cumulative) and f.previous is not None and value < f.previous:
        return (f"số lũy kế {shown_number(value)} thấp hơn {shown_number(f.previous)} của "
                f"{f.previous_label}; số lũy kế không giảm.")
    return None


def _jump(f: Facts, value: float, times: float) -> str | None:
    if f.previous is None or f.previous <= 0 or value <= 0:
        return None
    if value > f.previous * times or value < f.previous / times:
        return (f"{shown_number(value)} so với {shown_number(f.previous)} của "
                f"{f.previous_label}: chênh hơn {shown_number(times)} lần.")
    return None


def _below_base(f: Facts, value: float, _: float) -> str | None:
    if f.count and f.baseline is not None and value < f.baseline:
        return (f"{shown_number(value)} thấp hơn số liệu năm gốc {shown_number(f.baseline)}; "
                "số lượng này chỉ tăng.")
    return None


APPLY: dict[str, Callable[[Facts, float, float], str | None]] = {
    "ty_le_ngoai_0_100": _share, "luy_ke_giam": _falls, "tang_dot_bien": _jump,
    "duoi_so_goc": _below_base,
}


def warnings(f: Facts, value: float) -> list[Warning]:
    """Every plausibility warning the figure `value` raises, in the table's order."""
    out = []
    for code, (_, parameter) in PLAUSIBILITY_RULES.items():
        message = APPLY[code](f, value, parameter)
        if message is not None:
            out.append(Warning(code, message))
    return out
