"""Progress: what agencies report on active plans, and the status computed from it.

Owns recording actual values and task updates (`records`, reading typed values through its
internal `values`), baselines (`baselines`), the evidence file of a value or an update
(`evidence`), what a co-agency adds to an item it co-ordinates (`contributions`),
explanation requests (`explanations`), locked reporting periods (`locks`), the status of a
unit as of a day (`status`), the completeness of a period per lead agency (`completeness`)
and both counted for many units side by side (`summary`).
"""

__all__ = ["baselines", "completeness", "contributions", "evidence", "explanations", "locks",
           "records", "status", "summary"]
