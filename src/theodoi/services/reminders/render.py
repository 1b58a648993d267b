"""A digest in words: its subject, the in-app groups, the plain text and HTML of the email,
the short text of Zalo and SMS; and where and when a person's messages go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from theodoi.domain import reminders as rules
from theodoi.domain.reminders import Line, Quiet
from theodoi.services.reminders.people import Person
from theodoi.settings import Settings

INBOX = "/thong-bao"


def day_text(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@dataclass
class Digest:
    """One person's digest of a day: (unit name, line) pairs."""

    name: str
    day: date
    lines: list[tuple[str, Line]]
    base_url: str
    chased_by: str | None = None  # a chase by the office or a leader, not the daily digest
    note: str | None = None  # what the one who chased wrote

    def _units(self) -> set[str]:
        return {unit for unit, _ in self.lines}

    def groups(self) -> list[tuple[str, str, list[tuple[str, Line]]]]:
        """(urgency, label, lines) most urgent first, each line with its unit."""
        unit_of = {(ln.trigger, ln.ref, ln.what): unit for unit, ln in self.lines}
        return [(u, label, [(unit_of[(ln.trigger, ln.ref, ln.what)], ln) for ln in chosen])
                for u, label, chosen in rules.grouped(ln for _, ln in self.lines)]

    def count(self, urgency: str) -> int:
        return sum(len(chosen) for u, _, chosen in self.groups() if u == urgency)

    def subject(self) -> str:
        parts = [f"{self.count(u)} việc {rules.URGENCY_LABELS[u].lower()}"
                 for u in rules.URGENCIES if self.count(u)]
        if self.chased_by:
            return f"[theodoi] Đôn đốc của {self.chased_by}: {', '.join(parts)}"
        return f"[theodoi] Nhắc việc ngày {day_text(self.day)}: {', '.join(parts)}"

    def intro(self) -> list[str]:
        if not self.chased_by:
            return [f"theodoi nhắc các việc cần làm ngày {day_text(self.day)}:"]
        said = [f"Lời nhắn: {self.note}"] if self.note else []
        return [f"{self.chased_by} đôn đốc các việc sau (ngày {day_text(self.day)}):", *said]

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def _entry(self, unit: str, ln: Line) -> dict[str, Any]:
        return {"ref": ln.ref, "text": ln.text, "what": ln.what, "phrase": ln.phrase,
                "due": day_text(ln.due), "link": ln.link, "trigger": ln.trigger,
                "unit": unit if len(self._units()) > 1 else None}

    def groups_json(self) -> list[dict[str, Any]]:
        """The groups as the inbox stores and shows them."""
        return [{"urgency": u, "label": label,
                 "lines": [self._entry(unit, ln) for unit, ln in chosen]}
                for u, label, chosen in self.groups()]

    def text(self, channel: str = "email") -> str:
        """The plain text: the whole list for email, counts and the inbox link for the
        short channels (an SMS of fifty items helps nobody)."""
        if channel != "email":
            return f"{self.subject()}. Xem chi tiết: {self.url(INBOX)}"
        out = [f"Kính gửi {self.name},", "", *self.intro()]
        for group in self.groups_json():
            out += ["", f"{group['label'].upper()} ({len(group['lines'])})"]
            for e in group["lines"]:
                where = f" [{e['unit']}]" if e["unit"] else ""
                out += [f"- {e['what']}: {e['text']}{where} — {e['phrase']} (hạn {e['due']})",
                        f"  {self.url(e['link'])}"]
        out += ["", f"Xem tất cả thông báo: {self.url(INBOX)}",
                "Thư này gửi tối đa một lần mỗi ngày; đổi cách nhận tại "
                f"{self.url(INBOX + '/cai-dat')}."]
        return "\n".join(out)

    def html(self) -> str:
        """The email's HTML part: the same list, each item a link."""
        parts = [f"<p>Kính gửi {escape(self.name)},</p>",
                 *(f"<p>{escape(line)}</p>" for line in self.intro())]
        for group in self.groups_json():
            parts.append(f"<h3>{escape(group['label'])} ({len(group['lines'])})</h3><ul>")
            for e in group["lines"]:
                where = f" [{escape(e['unit'])}]" if e["unit"] else ""
                parts.append(
                    f"<li>{escape(e['what'])}: <a href=\"{escape(self.url(e['link']))}\">"
                    f"{escape(e['text'])}</a>{where} — <b>{escape(e['phrase'])}</b> "
                    f"(hạn {e['due']})</li>")
            parts.append("</ul>")
        parts.append(f"<p><a href=\"{escape(self.url(INBOX))}\">Xem tất cả thông báo</a>; "
                     f"<a href=\"{escape(self.url(INBOX + '/cai-dat'))}\">đổi cách nhận"
                     "</a>.</p>")
        return "\n".join(parts)


def configured(settings: Settings) -> set[str]:
    """The channels outside the app that the server is set up for."""
    found = {"email"} if settings.smtp_host else set()
    if settings.zalo_url and settings.zalo_token:
        found.add("zalo")
    if settings.sms_url and settings.sms_token:
        found.add("sms")
    return found


def addresses(person: Person, settings: Settings) -> dict[str, str]:
    """Where each chosen, configured channel reaches the person (those without an
    address are left out)."""
    p = person.prefs
    if p is None:
        return {}
    known = {"email": p.email, "zalo": p.zalo_id, "sms": p.phone}
    return {c: known[c] or "" for c in p.channels
            if c in configured(settings) and known.get(c)}


def local(settings: Settings, at_utc: datetime) -> datetime:
    """A stored (naive UTC) moment in the server's time zone, naive."""
    return at_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.timezone)).replace(
        tzinfo=None)


def today(settings: Settings, now_utc: datetime | None = None) -> date:
    """The reminders' day: the date in the server's time zone."""
    return local(settings, now_utc or datetime.now(UTC).replace(tzinfo=None)).date()


def send_from(now_utc: datetime, quiet: Quiet, settings: Settings) -> datetime:
    """When (naive UTC) a message made at `now_utc` may go: now, or when quiet ends."""
    zone = ZoneInfo(settings.timezone)
    opens = rules.quiet_ends(local(settings, now_utc), quiet)
    return opens.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
