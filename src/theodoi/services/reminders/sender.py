"""The sender: claims due outbox messages one by one and delivers each by its channel,
recording every attempt; a failure waits the domain's back-off, the last one leaves the
message dead (shown to quan_tri in the sent log).

Each claim and each outcome is its own short transaction, so a sender killed at any point
loses nothing: a message it had claimed stays 'sending' until its claim runs out
(THEODOI_REMIND_SEND_TIMEOUT_SECONDS, which also bounds a delivery), then another run
sends it. Only the message being delivered at the kill can go twice, and only if the
kill fell between the server's acceptance and the commit; its Message-ID carries the
key so that a repeat is recognisable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from theodoi.domain import reminders as rules
from theodoi.services import uow
from theodoi.services.reminders.channels import DeliveryError, available
from theodoi.settings import Settings
from theodoi.storage.models import utcnow
from theodoi.storage.repositories import reminders as repo

log = logging.getLogger("theodoi.reminders")
NOT_CONFIGURED = "kênh {} chưa được cấu hình trên máy chủ"


@dataclass
class Sent:
    """What one run of the sender did."""

    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)


def send_due(settings: Settings, now: Callable[[], datetime] = utcnow,
             limit: int = 500) -> Sent:
    """Deliver the messages due now, at most `limit` of them."""
    done, channels = Sent(), available(settings)
    claim_for = timedelta(seconds=settings.remind_send_timeout_seconds)
    for _ in range(limit):
        with uow.transaction(settings) as s:
            m = repo.claim_next(s, now(), now() + claim_for)
            if m is None:
                break
            s.expunge(m)
        channel = channels.get(m.channel)
        try:
            if channel is None:
                raise DeliveryError(NOT_CONFIGURED.format(m.channel))
            channel.send(m)
        except DeliveryError as exc:
            _failed(settings, m.id, m.attempts, str(exc), now(), done)
            continue
        with uow.transaction(settings) as s:
            repo.finish(s, m.id, m.attempts, state="sent", at=now())
        done.sent.append(m.id)
    return done


def _failed(settings: Settings, message_id: int, attempts: int, error: str, at: datetime,
            done: Sent) -> None:
    wait = rules.retry_after(attempts)
    log.warning("reminder %s: attempt %s failed: %s", message_id, attempts, error)
    with uow.transaction(settings) as s:
        if wait is None:
            repo.finish(s, message_id, attempts, state="dead", at=at, error=error)
            done.dead.append(message_id)
        else:
            repo.finish(s, message_id, attempts, state="pending", at=at,
                        next_at=at + wait, error=error)
            done.retry.append(message_id)
