"""History: the audit trail of every change, and the revert of one change from it.

Owns writing and reading audit entries (`audit`) and the table of undo handlers that
revert an entry as a new audited change (`undo`), and the entries of administration:
accounts, roles, passwords, units, links and who reads restricted plans (`admin`).
"""

__all__ = ["admin", "audit", "undo"]
