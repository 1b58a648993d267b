"""Reminders (đôn đốc): what reaches whom, when and by which channel.

Owns the daily digest (digest.py: one per person per day, grouped by urgency, from the
rules in domain/reminders.py and the units' overrides), the in-app inbox (inbox.py), the
outbox and its sender with retries and a dead-letter state (sender.py), the channels
(channels.py: email over SMTP, Zalo and SMS over HTTP gateways) and the schedule that
`theodoi serve` runs in its job process (schedule.py). Tables: storage/models/reminders.py.
Đôn đốc, the office's or a leader's chase of an item or of an agency's list, goes the
same way at once (chase.py); so do comments on an item and their @mentions, in the app
(comments.py). An explanation request gets its answer deadline here and tells the agency
at once (asked.py); so are an agency's figure waiting for validation, a figure returned,
and each step of a task's product (told.py).

Public functions: `run_digest`, `thread`, `add_comment`, `chase_item`, `chase_agency`,
`may_chase`, `may_chase_item`, `send_due`, `tick`, `inbox`, `unread`, `mark_read`,
`preferences`, `save_preferences`, `unit_rules`, `set_unit_rule`, `sent_log`, `today`,
and `rules_at`, `set_contact` for the command line; `answer_due`, `tell_agency` for explanation
requests; `tell_validators`, `tell_returned`, `tell_product_step` for validation and
approval.
"""

from theodoi.services.reminders.asked import answer_due, tell_agency
from theodoi.services.reminders.chase import (
    chase_agency,
    chase_item,
    may_chase,
    may_chase_item,
)
from theodoi.services.reminders.comments import (
    GivenDirection,
    add_comment,
    directions_given,
    thread,
)
from theodoi.services.reminders.digest import run as run_digest
from theodoi.services.reminders.inbox import (
    inbox,
    mark_read,
    preferences,
    rules_at,
    save_preferences,
    sent_log,
    set_contact,
    set_unit_rule,
    unit_rules,
    unread,
)
from theodoi.services.reminders.render import today
from theodoi.services.reminders.schedule import tick
from theodoi.services.reminders.sender import send_due
from theodoi.services.reminders.told import tell_product_step, tell_returned, tell_validators

__all__ = ["GivenDirection", "add_comment", "answer_due", "chase_agency", "chase_item",
           "directions_given", "inbox", "mark_read", "may_chase", "may_chase_item",
           "preferences", "rules_at", "run_digest", "save_preferences",
           "send_due", "sent_log", "set_contact", "set_unit_rule", "tell_agency",
           "tell_product_step", "tell_returned", "tell_validators", "thread", "tick", "today",
           "unit_rules", "unread"]
