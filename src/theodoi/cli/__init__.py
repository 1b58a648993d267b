"""The `theodoi` command: one group, one module per subcommand family.

Exit codes: 0 ok, 1 done with warnings, 2 bad input (see README).
"""

from __future__ import annotations

import sys

import click

from theodoi.cli.agency import agency_group, unit_group
from theodoi.cli.approval import approval_group
from theodoi.cli.audit import audit_group
from theodoi.cli.backup import backup_cmd, restore_cmd
from theodoi.cli.db import db_group
from theodoi.cli.dossier import dossier_cmd  # noqa: F401  (adds emulation dossier …)
from theodoi.cli.emulation import emulation_group
from theodoi.cli.errors import run_guarded
from theodoi.cli.evaluation import sheet_cmd  # noqa: F401  (adds emulation sheet|vote …)
from theodoi.cli.excel import register_group
from theodoi.cli.exchange import exchange_group
from theodoi.cli.extract import extract_cmd
from theodoi.cli.figures import pending_cmd  # noqa: F401  (adds progress pending|accept …)
from theodoi.cli.instructions import instructions_group
from theodoi.cli.jobs import jobs_group, worker_cmd
from theodoi.cli.links import links_group  # also adds plan pending|link|unlink
from theodoi.cli.misc import demo_cmd, settings_cmd
from theodoi.cli.outgoing import outgoing_group
from theodoi.cli.progress import progress_group  # also adds plan calendar
from theodoi.cli.register import import_cmd, plan_group
from theodoi.cli.remind import contact_cmd, remind_cmd, remind_rules_cmd
from theodoi.cli.report import report_cmd
from theodoi.cli.rollup import across_cmd  # noqa: F401  (adds links across|rollup …)
from theodoi.cli.split import split_group
from theodoi.cli.status import explain_group, status_cmd
from theodoi.cli.tokens import token_group
from theodoi.cli.user import serve_cmd, user_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="theodoi")
def cli() -> None:
    """theodoi — theo dõi thực hiện kế hoạch, chương trình, nghị quyết."""


cli.add_command(extract_cmd)
cli.add_command(settings_cmd)
cli.add_command(demo_cmd)
cli.add_command(register_group)
for command in (db_group, import_cmd, plan_group, unit_group, agency_group):
    cli.add_command(command)
cli.add_command(links_group)
cli.add_command(split_group)
cli.add_command(instructions_group)
for command in (progress_group, status_cmd, explain_group, approval_group):
    cli.add_command(command)
cli.add_command(report_cmd)
cli.add_command(emulation_group)
cli.add_command(outgoing_group)
cli.add_command(exchange_group)
cli.add_command(audit_group)
user_group.add_command(token_group)
user_group.add_command(contact_cmd)
cli.add_command(user_group)
cli.add_command(serve_cmd)
cli.add_command(backup_cmd)
cli.add_command(restore_cmd)
cli.add_command(worker_cmd)
cli.add_command(jobs_group)
cli.add_command(remind_cmd)
cli.add_command(remind_rules_cmd)


def main() -> None:
    """Console entry point: run the group, render theodoi errors as one line, exit 2."""
    sys.exit(run_guarded(cli))
