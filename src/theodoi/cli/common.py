"""What CLI commands share: the transaction they own, and output to the terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from theodoi.domain.numbers import parse_id
from theodoi.services import db
from theodoi.settings import Settings, load

out = Console(highlight=False, soft_wrap=True)
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
_T = TypeVar("_T")


class RecordId(click.ParamType[int, object]):
    """A record's id on the command line: digits 0-9 within 64 bits (click's int took
    '١' as 1, and a 20-digit id made the database driver fail with a traceback)."""

    name = "số"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        found = parse_id(str(value).strip())
        if found is None:
            self.fail(f"'{value}' không phải số hợp lệ (chữ số 0-9, không quá 19 chữ số).",
                      param, ctx)
        return found


ID = RecordId()


@contextmanager
def transaction(settings: Settings | None = None) -> Iterator[Any]:
    """A session committed when the block ends normally, rolled back on any error."""
    with db.session(settings or load()) as s:
        yield s
        s.commit()


def _plain(value: Any) -> Any:
    """JSON for what services return: dataclasses as objects, dates as ISO text."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def print_json(data: Any) -> None:
    """Stable JSON on stdout, not re-flowed or coloured, so scripts can read it."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=_plain, indent=1) + "\n")


def run_and_show(fmt: str, action: Callable[[Any], _T], for_people: Callable[[_T], None]) -> None:
    """Run `action` with a session in its own transaction, then print what it returned:
    stable JSON when `--format json` asked for it, else `for_people`'s output."""
    with transaction() as s:
        result = action(s)
    if fmt == "json":
        print_json(result)
    else:
        for_people(result)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[str]],
                title: str | None = None) -> None:
    """A table for people: one row of cells per record, under `headers`."""
    table = Table(*headers, title=title)
    for row in rows:
        table.add_row(*row)
    out.print(table)
