"""Reminder rules: what puts a line in a person's daily digest, how the digest is grouped,
quiet days and hours, the idempotency key of a message and the sender's back-off.

Pure: the day (`as_of`) and the moment (`now`, local time) are passed in. The triggers and
their defaults are data (DEFAULT_RULES); a unit overrides any parameter of any trigger
(storage: reminder_rules), and `rules_for` merges the two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from theodoi.domain.errors import BadInput

# how urgent a line is, most urgent first: the digest's groups in this order
URGENCIES = ("qua_han", "hom_nay", "sap_den_han", "thong_tin")
URGENCY_LABELS = {"qua_han": "Đã quá hạn", "hom_nay": "Đến hạn hôm nay",
                  "sap_den_han": "Sắp đến hạn", "thong_tin": "Để biết"}

# trigger -> its parameters and their defaults (the reporting calendar gives the due days)
DEFAULT_RULES: dict[str, dict[str, Any]] = {
    # the periodic report on a target or a task: due period end + the plan's due days
    "report_due": {"enabled": True, "before_days": [7, 3, 1], "overdue_every_days": 7},
    # a task's own deadline (hạn hoàn thành)
    "task_due": {"enabled": True, "before_days": [7, 1], "overdue_every_days": 7},
    # an explanation request: answered within answer_days of being asked
    "explanation": {"enabled": True, "answer_days": 7, "before_days": [1],
                    "overdue_every_days": 7},
    # a plan put into implementation that names the agency (told the next day)
    "plan_activated": {"enabled": True},
    # the leaders' digest: everything overdue by more than after_days, on a day when some
    # item's overdue reminder is due (so the leader hears when the agency does)
    "escalation": {"enabled": True, "after_days": 0, "roles": ["lanh_dao"]},
    # an agency's figure waiting for validation: the validators (roles) are told at once
    "figure_waiting": {"enabled": True, "roles": ["van_phong"]},
    # a figure returned with the reason: the lead agency's users are told at once
    "figure_returned": {"enabled": True},
    # a product submitted (the roles are told), returned or approved (the lead agency is)
    "product_step": {"enabled": True, "roles": ["lanh_dao"]},
    # a periodic report to the level above not yet sent (due day: the plans' reporting
    # streams, as the unit above's table reckons it): the office and the unit's leaders
    "report_unsent": {"enabled": True, "before_days": [3, 1], "overdue_every_days": 7,
                      "roles": ["van_phong", "lanh_dao"]},
    # an emulation movement's dossier deadline ("nộp hồ sơ trước ngày …"): the office that
    # runs it (roles, at the unit itself) and each participant whose dossier misses a paper
    "emulation_deadline": {"enabled": True, "before_days": [7, 3, 1],
                           "overdue_every_days": 7, "roles": ["van_phong"]},
}
TRIGGER_LABELS = {"report_due": "hạn báo cáo định kỳ", "task_due": "hạn hoàn thành nhiệm vụ",
                  "explanation": "yêu cầu giải trình", "plan_activated": "kế hoạch mới giao",
                  "escalation": "tổng hợp quá hạn gửi lãnh đạo",
                  "figure_waiting": "số liệu chờ xác nhận", "figure_returned":
                  "số liệu bị trả lại", "product_step": "trình, duyệt sản phẩm",
                  "report_unsent": "báo cáo định kỳ chưa gửi cấp trên",
                  "emulation_deadline": "hạn nộp hồ sơ thi đua, khen thưởng"}
ESCALATION_ROLES = ("lanh_dao", "van_phong", "quan_tri")

CHANNELS = ("in_app", "email", "zalo", "sms")
CHANNEL_LABELS = {"in_app": "trong ứng dụng", "email": "thư điện tử", "zalo": "Zalo",
                  "sms": "tin nhắn SMS"}

# the sender's waits after a failed attempt (the last repeats); dead after MAX_ATTEMPTS
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
MAX_ATTEMPTS = 6


def rules_for(overrides: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The unit's rules: the defaults with the unit's overrides laid over them."""
    return {name: {**default, **overrides.get(name, {})}
            for name, default in DEFAULT_RULES.items()}


def check_rule(trigger: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A unit's override of one trigger, checked; BadInput in Vietnamese otherwise."""
    if trigger not in DEFAULT_RULES:
        raise BadInput(f"không có loại nhắc việc '{trigger}'; dùng: "
                       f"{', '.join(DEFAULT_RULES)}.")
    unknown = set(params) - set(DEFAULT_RULES[trigger])
    if unknown:
        raise BadInput(f"loại nhắc việc '{trigger}' không có tham số "
                       f"{', '.join(sorted(unknown))}.")
    for key, value in params.items():
        _check_value(key, value)
    return dict(params)


def _check_value(key: str, value: Any) -> None:
    if key == "enabled" and not isinstance(value, bool):
        raise BadInput("'enabled' phải là true hoặc false.")
    if key == "before_days" and not (isinstance(value, list) and all(
            isinstance(d, int) and 1 <= d <= 60 for d in value)):
        raise BadInput("'before_days' là danh sách số ngày từ 1 đến 60, ví dụ [7, 3, 1].")
    if key in ("overdue_every_days", "answer_days", "after_days") and not (
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365
            and (value > 0 or key == "after_days")):
        raise BadInput(f"'{key}' là số ngày từ {0 if key == 'after_days' else 1} đến 365.")
    if key == "roles" and not (isinstance(value, list)
                               and set(value) <= set(ESCALATION_ROLES)):
        raise BadInput(f"'roles' chỉ gồm: {', '.join(ESCALATION_ROLES)}.")


@dataclass(frozen=True)
class Due:
    """Something an agency answers for by a day: a report, a task, an explanation."""

    trigger: str
    ref: str
    text: str
    what: str  # e.g. "Báo cáo Quý IV/2026", "Hoàn thành nhiệm vụ", "Giải trình"
    agency_id: int | None
    due: date
    link: str


@dataclass(frozen=True)
class Line:
    """One line of a digest: the item, how urgent, and the phrase that says why."""

    trigger: str
    urgency: str
    ref: str
    text: str
    what: str
    phrase: str
    due: date
    link: str


def standing(d: Due, as_of: date) -> Line:
    """Where `d` stands on the day, whatever the schedule: N days left, due today, or
    N days overdue (what a chase by the office says)."""
    left = (d.due - as_of).days
    if left > 0:
        return _line(d, "sap_den_han", f"còn {left} ngày")
    if left == 0:
        return _line(d, "hom_nay", "đến hạn hôm nay")
    return _line(d, "qua_han", f"quá hạn {-left} ngày")


def fires(d: Due, rule: Mapping[str, Any], as_of: date) -> Line | None:
    """The line `d` puts in today's digest, or None: N days before (each of before_days),
    on the day, the day after it and then every overdue_every_days days."""
    if not rule.get("enabled", True):
        return None
    left = (d.due - as_of).days
    if left > 0 and left not in rule["before_days"]:
        return None
    if left < 0 and (-left - 1) % rule["overdue_every_days"] != 0:
        return None
    return standing(d, as_of)


def _line(d: Due, urgency: str, phrase: str) -> Line:
    return Line(d.trigger, urgency, d.ref, d.text, d.what, phrase, d.due, d.link)


def news(d: Due, rule: Mapping[str, Any], as_of: date) -> Line | None:
    """A line telling of something that happened the day before (a plan activated, an
    explanation asked): `d.due` is that day."""
    if not rule.get("enabled", True) or d.due != as_of - timedelta(days=1):
        return None
    return _line(d, "thong_tin", d.what)


def escalation(dues: Iterable[Due], rule: Mapping[str, Any], as_of: date,
               agency_rules: Mapping[str, Mapping[str, Any]]) -> list[Line]:
    """The leaders' digest: every item overdue by more than after_days, sent only on a day
    when at least one of them has an overdue reminder (else nothing new to escalate)."""
    if not rule.get("enabled", True):
        return []
    late = [d for d in dues if (as_of - d.due).days > rule["after_days"]]
    if not any(_overdue_today(d, agency_rules.get(d.trigger, {}), as_of) for d in late):
        return []
    return [standing(d, as_of) for d in sorted(late, key=lambda d: (d.due, d.ref))]


def _overdue_today(d: Due, rule: Mapping[str, Any], as_of: date) -> bool:
    line = fires(d, {**DEFAULT_RULES.get(d.trigger, {}), **rule, "enabled": True}, as_of)
    return line is not None and line.urgency == "qua_han"


def grouped(lines: Iterable[Line]) -> list[tuple[str, str, list[Line]]]:
    """A digest's lines by urgency (most urgent first), each group by due day and item;
    one line per item and trigger (an item reached twice is listed once)."""
    unique = {(ln.trigger, ln.ref, ln.what): ln for ln in lines}
    groups = []
    for urgency in URGENCIES:
        chosen = sorted((ln for ln in unique.values() if ln.urgency == urgency),
                        key=lambda ln: (ln.due, ln.ref, ln.trigger))
        if chosen:
            groups.append((urgency, URGENCY_LABELS[urgency], chosen))
    return groups


@dataclass(frozen=True)
class Quiet:
    """When a person is not to be sent anything outside the app: days of the week
    (0 = Monday) and a nightly window [start, end) that may cross midnight."""

    days: frozenset[int] = frozenset({6})
    start: time = time(21, 0)
    end: time = time(7, 0)


def is_quiet(now: datetime, q: Quiet) -> bool:
    """Whether `now` (local time) falls in the person's quiet days or hours."""
    if now.weekday() in q.days:
        return True
    t = now.time()
    if q.start == q.end:
        return False
    if q.start < q.end:
        return q.start <= t < q.end
    return t >= q.start or t < q.end


def quiet_ends(now: datetime, q: Quiet) -> datetime:
    """The first moment from `now` (local time, to the minute) that is not quiet."""
    at = now.replace(second=0, microsecond=0)
    for _ in range(8 * 24 * 4):  # a week and a day of quarter hours is always enough
        if not is_quiet(at, q):
            return at
        at += timedelta(minutes=15 - at.minute % 15)  # to the next quarter hour
    return at  # every day quiet: sent anyway a week later rather than never


def parse_clock(text: str) -> time:
    """A time of day typed as HH:MM (or H giờ); BadInput in Vietnamese otherwise."""
    raw = text.strip().lower().replace("giờ", ":").replace("h", ":").rstrip(":").strip()
    hour, _, minute = raw.partition(":")
    try:
        return time(int(hour), int(minute.strip() or 0))
    except ValueError:
        raise BadInput(f"giờ '{text}' không hợp lệ; ghi theo dạng giờ:phút, ví dụ "
                       "21:00.") from None


def message_key(user_id: int, day: date, channel: str, chase: str | None = None) -> str:
    """The idempotency key: one digest per person, day and channel, ever; and one chase
    of an item (or an agency's list) per person, day and channel."""
    base = f"{user_id}/{day.isoformat()}/{channel}"
    return base if chase is None else f"{base}/chase/{chase}"


CHASE_WINDOW_DAYS = 7  # a chase of an agency's list: what is late or due within a week


def retry_after(attempts: int) -> timedelta | None:
    """How long to wait after the `attempts`-th failed attempt; None: give up (dead)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


# @username in a comment (usernames: lower-case letters, digits, '.', '_', '-'); an '@'
# inside a word (an email address) is not a mention
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9._-]{2,79})")


def mentions(text: str) -> list[str]:
    """The usernames a comment mentions, in order, once each (a full stop ending the
    sentence is not part of the name)."""
    found = (m.group(1).rstrip("._-") for m in MENTION.finditer(text.lower()))
    return list(dict.fromkeys(name for name in found if len(name) >= 3))
