"""The few exception types theodoi raises for bad input or forbidden actions.

Every message is Vietnamese and written for a commune clerk; the edges (CLI, web) render
them through one renderer and never show a traceback for these.
"""

from __future__ import annotations


class TheodoiError(Exception):
    """Base of every error a user can cause; `code` is stable, `message` is Vietnamese."""

    code = "E000"
    exit_code = 2

    def __init__(self, message: str, *, subject: str | None = None,
                 steps: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subject = subject
        # what to do next, in the words of each edge: {"cli": "dùng --accept-rest.",
        # "web": "bấm “Chấp nhận tất cả”."}; the message then ends without a full stop
        self.steps = steps or {}

    def render(self, edge: str = "cli") -> str:
        """One line: the subject (a file, a record), the problem and, when the error says
        what to do next, the step in the terms of `edge` ("cli" or "web")."""
        text = f"{self.subject}: {self.message}" if self.subject else self.message
        if not self.steps:
            return text
        step = self.steps.get(edge)
        return f"{text}; {step}" if step else f"{text}."


class BadInput(TheodoiError):
    """The input cannot be used at all (unreadable, wrong type, too large, malformed)."""

    code = "E100"


class FieldError(BadInput):
    """A value typed into one field cannot be used; `field` names it, so a form can show
    the message beside that field."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(TheodoiError):
    """A named unit, plan, item or user does not exist."""

    code = "E200"


class Conflict(TheodoiError):
    """The record changed since it was read, or the action clashes with stored data."""

    code = "E300"


class Forbidden(TheodoiError):
    """The user may not see or change this record."""

    code = "E400"
