"""Approval: a task's product on its way to the body it goes to (trình, trả lại, duyệt).

Owns the product steps of a task (`flow`): submitting the product with its file, a
leader returning it with the reason or approving it, each step audited, and how the
product stands on a day (submitted on time and waiting apart from not submitted). The
moves, rights and standings are the table in `domain/approval.py`. Who decides for a
body the unit names (`bodies`: its leaders unless people are named for that body).
"""

__all__ = ["bodies", "flow"]
