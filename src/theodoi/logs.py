"""Logging of theodoi's processes: one line per event, JSON or text (THEODOI_LOG_FORMAT).

JSON lines suit journald and log shippers (every field a key, nothing to parse with
regexes); text suits a person watching a terminal. The standard library does both; no
logging dependency is needed.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOGGER = "theodoi"
# attributes every LogRecord has; anything else was passed in `extra` and is a field
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message",
                                                                          "asctime"}


def fields_of(record: logging.LogRecord) -> dict[str, Any]:
    """The `extra` fields of a record, in the order they were given."""
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the
    record's extra fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "message": record.getMessage(), **fields_of(record)}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger message key=value …` for a person at a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        extra = " ".join(f"{k}={v}" for k, v in fields_of(record).items())
        when = datetime.fromtimestamp(record.created, UTC).strftime("%H:%M:%S")
        text = f"{when} {record.levelname} {record.name} {record.getMessage()} {extra}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text.rstrip()


class _Handler(logging.StreamHandler[TextIO]):
    """theodoi's own handler on its logger, told apart from any a host application added."""


def configure(fmt: str) -> None:
    """Send theodoi's log records (INFO and up) to stderr in `fmt` ("json" or "text").

    Idempotent: a process that builds the app twice keeps one handler, with the last
    format asked for."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = next((h for h in logger.handlers if isinstance(h, _Handler)), None)
    if handler is None:
        handler = _Handler(sys.stderr)
        logger.addHandler(handler)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
