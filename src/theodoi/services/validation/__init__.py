"""Validation: an agency's figures checked before they count (issue 20 item 3).

Owns the door every person's figure goes through (`figures.record_or_send`: an agency
user's waits "chờ xác nhận" when the unit validates, the office's counts at once), the
office's or a leader's accept and return with the reason, the plausibility warnings shown
to them (rules as data in domain/validation.py), the unit's list and switch (`queue`).
Locked periods belong to progress (services/progress/locks.py). Tables:
storage/models/validation.py.
"""

__all__ = ["figures", "queue"]
