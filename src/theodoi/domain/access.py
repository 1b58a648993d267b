"""Who may do what, as data: roles per unit, the actions each allows, and scope rules.

A grant at a unit covers that unit and every unit below it. A user outside a record's
scope is told it does not exist (NotFound), never that it is forbidden, so ids of other
communes leak nothing. Inside the scope, an action the role lacks is Forbidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from theodoi.domain.errors import Forbidden, TheodoiError

ROLES = ("quan_tri", "lanh_dao", "van_phong", "don_vi", "truong", "xem")
ROLE_LABELS = {"quan_tri": "quản trị", "lanh_dao": "lãnh đạo", "van_phong": "văn phòng",
               "don_vi": "đơn vị (cơ quan chủ trì)",
               "truong": "người đứng đầu (trưởng thôn, tổ trưởng, bí thư chi bộ)",
               "xem": "chỉ xem"}

READ = "read"                    # see the unit's plans, register and status
ADMINISTER = "administer"        # users and roles of the unit
UPLOAD = "upload"                # upload a plan file
REVIEW = "review"                # accept / correct / reject items, activate a plan
DIRECTORY = "directory"          # confirm and merge agencies
ASSIGN = "assign"                # change who answers for an item
CHASE = "chase"                  # remind agencies of reports due
REQUEST_EXPLANATION = "request_explanation"
APPROVE = "approve"
UPDATE_OWN = "update_own"        # progress of the agency's own items
ANSWER = "answer"                # answer an explanation request on the agency's own items
SEND = "send"                    # number a report in the outgoing register, send it up

_OFFICE = frozenset({READ, UPLOAD, REVIEW, DIRECTORY, ASSIGN, CHASE, SEND})
PERMISSIONS: dict[str, frozenset[str]] = {
    "quan_tri": _OFFICE | {ADMINISTER, REQUEST_EXPLANATION, APPROVE},
    "lanh_dao": frozenset({READ, REQUEST_EXPLANATION, APPROVE, CHASE}),
    "van_phong": _OFFICE,
    "don_vi": frozenset({READ, UPDATE_OWN, ANSWER}),
    # The head of a unit below the commune (trưởng thôn, tổ trưởng tổ dân phố, bí thư chi
    # bộ), granted at that unit: an agency's rights over every item of the unit, not of one
    # agency (no agency named, so agency_only is None). No existing role fits: don_vi sees
    # only its agency's items, van_phong cannot record figures. A grant at the thôn covers
    # the thôn alone, never its sibling thôn; the commune's office above sees them all. The
    # head's figures wait for the commune's validation like an agency's (validation rules).
    "truong": frozenset({READ, UPDATE_OWN, ANSWER}),
    "xem": frozenset({READ}),
}
ACTION_LABELS = {READ: "xem", ADMINISTER: "quản trị người dùng", UPLOAD: "tải kế hoạch lên",
                 REVIEW: "rà soát kế hoạch", DIRECTORY: "sửa danh mục cơ quan",
                 ASSIGN: "phân công", CHASE: "đôn đốc", REQUEST_EXPLANATION:
                 "yêu cầu giải trình", APPROVE: "phê duyệt", UPDATE_OWN: "cập nhật tiến độ",
                 ANSWER: "giải trình", SEND: "vào sổ và gửi văn bản đi"}


class Unauthenticated(TheodoiError):
    """The request carries no valid sign-in (missing, expired or logged-out session)."""

    code = "E410"


class TooManyAttempts(TheodoiError):
    """Sign-in refused for a few seconds after repeated wrong passwords (never longer:
    see LOGIN_WAITS)."""

    code = "E420"


# Sign-in limits, per client address and per account: the first LOGIN_FREE attempts in
# LOGIN_WINDOW are checked at once; after that each attempt has to wait the next delay of
# LOGIN_WAITS after the previous one (the last delay repeats), so guessing is slow but a
# person is never shut out for long. An address with no attempt in the window ("fresh")
# skips the account's delay: anyone hammering an account cannot keep its owner out.
LOGIN_FREE = 5
LOGIN_WAITS = (timedelta(seconds=1), timedelta(seconds=2), timedelta(seconds=4),
               timedelta(seconds=8))
LOGIN_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 12  # characters; a shorter one (set before) must be changed at sign-in


def login_wait(strikes: int) -> timedelta | None:
    """How long after this attempt the next one must wait, for the `strikes`-th attempt
    of the window (counting this one); None while attempts are still free."""
    if strikes < LOGIN_FREE:
        return None
    return LOGIN_WAITS[min(strikes - LOGIN_FREE, len(LOGIN_WAITS) - 1)]


class MustChangePassword(Forbidden):
    """The user was given a password to replace: nothing else until it is changed."""

    code = "E430"


@dataclass(frozen=True)
class Grant:
    """A role at a unit; `agency_id` is the agency a don_vi user speaks for."""

    unit_id: int
    role: str
    agency_id: int | None = None


def covering(grants: Iterable[Grant], unit_chain: Sequence[int]) -> list[Grant]:
    """The grants that reach a unit, given the unit's id followed by its ancestors' ids."""
    chain = set(unit_chain)
    return [g for g in grants if g.unit_id in chain]


def in_scope(grants: Iterable[Grant], unit_chain: Sequence[int]) -> bool:
    return bool(covering(grants, unit_chain))


def actions(grants: Iterable[Grant], unit_chain: Sequence[int]) -> frozenset[str]:
    """Every action the user may take at the unit (an office role covers its agencies)."""
    allowed: set[str] = set()
    for g in covering(grants, unit_chain):
        allowed |= PERMISSIONS[g.role]
    return frozenset(allowed)


def agency_only(grants: Iterable[Grant], unit_chain: Sequence[int]) -> frozenset[int] | None:
    """The agencies whose items alone the user sees at the unit; None means every item."""
    reaching = covering(grants, unit_chain)
    if any(g.role != "don_vi" for g in reaching):
        return None
    return frozenset(g.agency_id for g in reaching if g.agency_id is not None)


def sees_item(grants: Iterable[Grant], unit_chain: Sequence[int],
              lead_agency_id: int | None, co_agency_ids: Iterable[int] = ()) -> bool:
    """Whether an item with this lead agency is visible: don_vi sees only the items its
    agency leads or co-ordinates (cơ quan phối hợp: the plan makes it answer for its part)."""
    if not in_scope(grants, unit_chain):
        return False
    only = agency_only(grants, unit_chain)
    return only is None or lead_agency_id in only or not only.isdisjoint(co_agency_ids)


def leads_item(grants: Iterable[Grant], unit_chain: Sequence[int],
               lead_agency_id: int | None) -> bool:
    """Whether the person answers for the item's figure: anyone not limited to agencies,
    or a don_vi of its lead agency (a co-agency adds its part, the lead reports)."""
    only = agency_only(grants, unit_chain)
    return only is None or lead_agency_id in only


# Who reads a unit's restricted plans (a Party body's document, "Lưu hành nội bộ") when the
# unit names no roles of its own: its leaders, its office (who file and review the plan) and
# its administrators. A grant above the unit counts with the same roles: the Party committee
# above (Huyện ủy, Tỉnh ủy) is among such a plan's recipients and its leaders answer for the
# roll-up, while an observer (xem) or an agency (don_vi) above reads no more than one here.
RESTRICTED_READERS = ("lanh_dao", "van_phong", "quan_tri")


def restricted_readers(setting: str | None) -> tuple[str, ...]:
    """The roles a unit's setting names (comma-separated), or the default when unset."""
    if setting is None:
        return RESTRICTED_READERS
    return tuple(r for r in (part.strip() for part in setting.split(",")) if r)


def check_readers(roles: Iterable[str]) -> str:
    """A unit's setting from the roles it names, all known; BadInput otherwise."""
    from theodoi.domain.errors import BadInput

    named = [r for r in ROLES if r in set(roles)]
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise BadInput(f"vai trò '{unknown[0]}' không có; dùng: {', '.join(ROLES)}.")
    return ",".join(named)


def reads_restricted(grants: Iterable[Grant], unit_chain: Sequence[int],
                     setting: str | None) -> bool:
    """Whether a grant reaching the unit (at it or above) has a role its setting names."""
    readers = restricted_readers(setting)
    return any(g.role in readers for g in covering(grants, unit_chain))


def sees_plan(grants: Iterable[Grant], unit_chain: Sequence[int], restricted: bool,
              setting: str | None) -> bool:
    """Whether a plan of the unit is visible: in scope, and if restricted, to its readers."""
    return in_scope(grants, unit_chain) and (
        not restricted or reads_restricted(grants, unit_chain, setting))


def require(grants: Iterable[Grant], unit_chain: Sequence[int], action: str) -> None:
    """Raise Forbidden unless a grant reaching the unit allows `action`."""
    if action not in actions(grants, unit_chain):
        raise Forbidden(f"vai trò của bạn ở đơn vị này không được {ACTION_LABELS[action]}.")


def check_grant(role: str, agency_id: int | None) -> None:
    """A grant is well formed: a known role, and an agency exactly for don_vi."""
    from theodoi.domain.errors import BadInput

    if role not in ROLES:
        raise BadInput(f"vai trò '{role}' không có; dùng: {', '.join(ROLES)}.")
    if (role == "don_vi") != (agency_id is not None):
        raise BadInput("vai trò don_vi cần --agency (cơ quan mà người dùng đại diện); "
                       "các vai trò khác không có cơ quan.")
