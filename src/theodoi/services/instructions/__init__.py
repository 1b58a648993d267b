"""Instructions to lower units: a higher plan's task addressed to every unit under it.

Owns recognising such a task ("Các đảng ủy xã, phường xây dựng kế hoạch thực hiện …
trước ngày 31/3/2026"; the words are `domain.instructions.ADDRESSEES`), the one tracked
item per lower unit it becomes (lead = that unit; made when the plan is activated or on
demand, never twice), whether each unit has acted (a plan of its own linked in the
cascade as implementing the higher plan, dated by that plan's issue date; or a report it
entered) and the instruction task's progress read from its items (`tracking`).
Removing the cascade link reopens the item: the closing by a plan is read from the
links, never copied. Pages and access live in `services/views/instructions_view.py`.
"""

__all__ = ["tracking"]
