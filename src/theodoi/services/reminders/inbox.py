"""The in-app side: a person's inbox with read/unread, their contact details and choices,
a unit's reminder rules (the office sets them), and the sent log for quan_tri."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import reminders as rules
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.register import units
from theodoi.services.reminders.render import day_text
from theodoi.storage.models import Notice, OutboxMessage, ReminderPrefs, utcnow
from theodoi.storage.repositories import reminders as repo

STATE_LABELS = {"pending": "chờ gửi", "sending": "đang gửi", "sent": "đã gửi",
                "dead": "gửi không được (đã dừng)"}
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _notice(n: Notice) -> dict[str, Any]:
    return {"id": n.id, "day": n.day.isoformat(), "day_text": day_text(n.day),
            "subject": n.subject, "sender": n.sender, "note": n.note, "groups": n.groups,
            "read": n.read_at is not None}


def inbox(s: Session, p: Principal) -> dict[str, Any]:
    """The person's notices, newest first, and how many are unread."""
    notices = repo.notices_of(s, p.user_id)
    return {"notices": [_notice(n) for n in notices], "unread": repo.unread(s, p.user_id)}


def unread(s: Session, p: Principal) -> int:
    """The badge in the navigation bar."""
    return repo.unread(s, p.user_id)


def mark_read(s: Session, p: Principal, notice_id: int | None,
              at: datetime | None = None) -> int:
    """Mark one of the person's notices (None: all) read; NotFound for another's."""
    if notice_id is not None:
        n = repo.notice(s, notice_id)
        if n is None or n.user_id != p.user_id:
            raise NotFound(f"không có thông báo số {notice_id}.")
    return repo.mark_read(s, p.user_id, notice_id, at or utcnow())


def preferences(s: Session, p: Principal) -> dict[str, Any]:
    """The person's contact details and choices (the defaults when none were saved)."""
    row = repo.prefs(s, p.user_id) or _default_prefs(p.user_id)
    return {"email": row.email or "", "phone": row.phone or "", "zalo_id": row.zalo_id or "",
            "channels": list(row.channels), "muted": list(row.muted),
            "quiet_days": list(row.quiet_days), "quiet_start": row.quiet_start,
            "quiet_end": row.quiet_end,
            "channel_choices": [{"value": c, "label": rules.CHANNEL_LABELS[c]}
                                for c in rules.CHANNELS if c != "in_app"],
            "trigger_choices": [{"value": t, "label": label}
                                for t, label in rules.TRIGGER_LABELS.items()],
            "weekdays": list(enumerate(WEEKDAYS))}


def _default_prefs(user_id: int) -> ReminderPrefs:
    return ReminderPrefs(user_id=user_id, channels=["email"], muted=[], quiet_days=[6],
                         quiet_start="21:00", quiet_end="07:00")


def save_preferences(s: Session, p: Principal, form: dict[str, Any]) -> dict[str, Any]:
    """Store the person's contact details and choices, checked; BadInput otherwise."""
    row = repo.prefs(s, p.user_id)
    if row is None:
        row = _default_prefs(p.user_id)
        repo.add(s, row)
    row.email = _email(form.get("email"))
    row.phone = _digits(form.get("phone"), "số điện thoại")
    row.zalo_id = (str(form.get("zalo_id") or "").strip() or None)
    row.channels = _among(form.get("channels"), rules.CHANNELS[1:], "kênh nhận")
    row.muted = _among(form.get("muted"), tuple(rules.TRIGGER_LABELS), "loại nhắc việc")
    days = _among([str(d) for d in form.get("quiet_days") or []],
                  tuple(str(i) for i in range(7)), "ngày nghỉ")
    row.quiet_days = [int(d) for d in days]
    row.quiet_start = rules.parse_clock(str(form.get("quiet_start") or "21:00")).strftime("%H:%M")
    row.quiet_end = rules.parse_clock(str(form.get("quiet_end") or "07:00")).strftime("%H:%M")
    s.flush()
    return preferences(s, p)


def set_contact(s: Session, username: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The administrator's command line: change some of a person's contact details and
    channels (the keys given), checked as the person's own page checks them."""
    user = accounts.get_user(s, username)
    p = Principal(user.id, user.username, user.full_name, ())
    return save_preferences(s, p, {**preferences(s, p), **changes})


def _email(raw: Any) -> str | None:
    text = str(raw or "").strip()
    if text and (text.count("@") != 1 or " " in text or "." not in text.split("@")[1]):
        raise BadInput(f"địa chỉ thư '{text}' không hợp lệ; ví dụ: ten@xa.gov.vn.")
    return text or None


def _digits(raw: Any, what: str) -> str | None:
    text = "".join(str(raw or "").split())
    if text and not (text.lstrip("+").isdigit() and 9 <= len(text.lstrip("+")) <= 15):
        raise BadInput(f"{what} '{text}' không hợp lệ; ví dụ: 0912345678.")
    return text or None


def _among(values: Any, allowed: tuple[str, ...], what: str) -> list[str]:
    chosen = [str(v) for v in (values or [])]
    wrong = [v for v in chosen if v not in allowed]
    if wrong:
        raise BadInput(f"{what} '{wrong[0]}' không có; chọn trong: {', '.join(allowed)}.")
    return list(dict.fromkeys(chosen))


def _params(text: str) -> dict[str, Any]:
    """A rule's parameters typed as JSON; BadInput in Vietnamese otherwise."""
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise BadInput(f"tham số '{text}' không phải JSON dạng {{\"tên\": giá trị}}, ví dụ "
                       '{"before_days": [5, 1]}.')
    return value


def rules_at(s: Session, unit_text: str, trigger: str | None = None,
             params: str | None = None) -> dict[str, Any]:
    """The administrator's command line: the rules of the unit named, after setting
    `trigger`'s parameters (JSON text) when given."""
    unit = units.find(s, unit_text)
    if trigger is not None:
        set_unit_rule(s, None, unit.id, trigger, _params(params or ""))
    return _rules(s, unit)


def unit_rules(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit's reminder rules: the defaults with its overrides."""
    return _rules(s, access.unit(s, p, unit_id))


def _rules(s: Session, unit: Any) -> dict[str, Any]:
    overrides = repo.rules_of(s, unit.id)
    return {"unit": {"id": unit.id, "name": unit.name}, "overrides": overrides,
            "rules": rules.rules_for(overrides), "labels": rules.TRIGGER_LABELS}


def set_unit_rule(s: Session, p: Principal | None, unit_id: int, trigger: str,
                  params: dict[str, Any]) -> dict[str, Any]:
    """Override a trigger's parameters at the unit (the office's CHASE right; None is the
    administrator at the command line)."""
    if p is not None:
        access.unit(s, p, unit_id, access_rules.CHASE)
    repo.set_rule(s, unit_id, trigger, rules.check_rule(trigger, params))
    return rules.rules_for(repo.rules_of(s, unit_id))


def _message(m: OutboxMessage) -> dict[str, Any]:
    return {"id": m.id, "key": m.key, "channel": m.channel,
            "channel_label": rules.CHANNEL_LABELS.get(m.channel, m.channel),
            "address": m.address, "subject": m.subject, "state": m.state,
            "state_label": STATE_LABELS.get(m.state, m.state), "attempts": m.attempts,
            "created_at": m.created_at.isoformat(timespec="seconds"),
            "sent_at": m.sent_at.isoformat(timespec="seconds") if m.sent_at else None,
            "next_at": m.next_at.isoformat(timespec="seconds"), "last_error": m.last_error}


def sent_log(s: Session, p: Principal | None, states: tuple[str, ...] | None = None
             ) -> dict[str, Any]:
    """The outbox, newest first, with counts per state: for quan_tri only (None is the
    administrator at the command line)."""
    if p is not None and not any(g.role == "quan_tri" for g in p.grants):
        raise Forbidden("chỉ quản trị xem được nhật ký gửi thông báo.")
    return {"messages": [_message(m) for m in repo.messages(s, states)],
            "counts": repo.count_by_state(s)}
