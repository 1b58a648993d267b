"""`theodoi db upgrade | downgrade | status`: the register's schema."""

from __future__ import annotations

import click

from theodoi.cli.common import out
from theodoi.services import db
from theodoi.settings import load


@click.group("db")
def db_group() -> None:
    """Cơ sở dữ liệu: nâng cấp, hạ cấp, xem phiên bản lược đồ."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade_cmd(revision: str) -> None:
    """Nâng cấp lược đồ lên REVISION (mặc định: mới nhất)."""
    before, after = db.upgrade(load(), revision)
    out.print(f"Lược đồ: {before or '(trống)'} → {after or '(trống)'}")


@db_group.command("downgrade")
@click.argument("revision")
def downgrade_cmd(revision: str) -> None:
    """Hạ lược đồ về REVISION ('base' xóa toàn bộ bảng: mất dữ liệu)."""
    before, after = db.downgrade(load(), revision)
    out.print(f"Lược đồ: {before or '(trống)'} → {after or '(trống)'}")


@db_group.command("status")
def status_cmd() -> None:
    """In địa chỉ cơ sở dữ liệu và phiên bản lược đồ."""
    info = db.status(load())
    out.print(f"Cơ sở dữ liệu: {info['url']}\nPhiên bản: {info['current'] or '(trống)'} "
              f"(mới nhất: {info['head']})")
