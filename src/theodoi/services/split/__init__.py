"""Targets split from a commune's to the units below it (thôn, tổ dân phố, chi bộ).

Owns splitting (`splitting`): a count over units ("4/9 tổ dân phố đạt chuẩn văn hóa")
becomes one met / not met target per chosen child unit, linked as `count`, the commune's
group adding up by the number (or share) of children that met theirs; a sum (money,
households, km) becomes a share per child, linked as part of the sum, the difference to the
commune's value shown. Each split target is an ordinary target of the child unit, in one
active plan per child and commune plan ("Chỉ tiêu xã giao …"), with its status, progress
and reports; the roll-up itself is services/rollup's. Splitting again creates nothing
twice. `pages` is what the web and the API show, with the person's access applied.
"""

__all__ = ["pages", "splitting"]
