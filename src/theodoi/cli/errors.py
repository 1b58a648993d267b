"""The one error renderer of the CLI: a theodoi error is one Vietnamese line and exit 2."""

from __future__ import annotations

import click
from rich.console import Console
from rich.text import Text

from theodoi.domain.errors import TheodoiError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def render(exc: TheodoiError) -> None:
    """'Lỗi:' in red, then the message as plain text: a cell or a name quoted in it may hold
    brackets that rich would otherwise read as markup."""
    err_console.print(Text.assemble(("Lỗi:", "bold red"), " ", exc.render()))


def run_guarded(group: click.Group, args: list[str] | None = None) -> int:
    """Run the click group on `args` (default: the command line); map TheodoiError to its
    exit code (2), keep click's own usage errors at 2."""
    try:
        group.main(args=args, standalone_mode=False)
    except TheodoiError as exc:
        render(exc)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.Abort:
        err_console.print("Đã hủy.")
        return 130
    return 0
