"""`theodoi emulation …`: emulation movements (phong trào thi đua), their criteria,
participants and registrations, as a named person (the same rights as on the web)."""

from __future__ import annotations

from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_json, transaction
from theodoi.domain.dates import vn_day
from theodoi.services.accounts import access
from theodoi.services.accounts import users as accounts
from theodoi.services.emulation import members, movements, registrations
from theodoi.services.register import units

AS = click.option("--as", "username", required=True, help="Người dùng thực hiện.")


@click.group("emulation")
def emulation_group() -> None:
    """Phong trào thi đua: tạo từ kế hoạch phát động, tiêu chí, đối tượng, đăng ký thi đua."""


def _day(iso: str | None) -> str:
    return vn_day(iso) if iso else "—"


def _show(m: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(m)
        return
    out.print(f"Phong trào số {m['id']}: {m['name']} (phiên bản {m['version']})")
    if m["slogan"]:
        out.print(f"  Khẩu hiệu: “{m['slogan']}”")
    out.print(f"  Thời gian: {_day(m['period_start'])} – {_day(m['period_end'])}; hồ sơ khen "
              f"thưởng gửi {m['receiver'] or '—'} trước {_day(m['deadline'])}")
    out.print(f"  Tiêu chí ({len(m['criteria'])}):")
    for c in m["criteria"]:
        limit = f" ≥ {c['threshold']:g}%" if c["threshold"] is not None else ""
        out.print(f"    [{c['id']}] {c['applies_to_label']} · {c['kind_label']}{limit}: "
                  f"{c['text']}")
    out.print(f"  Đối tượng ({len(m['participants'])}):")
    for x in m["participants"]:
        reg = x["registration"] or {"state_label": "—", "commitments": []}
        out.print(f"    [{x['id']}] {x['kind_label']}: {x['name']} — {reg['state_label']}, "
                  f"{len(reg['commitments'])} nội dung đăng ký")


@emulation_group.command("list")
@click.option("--unit", "unit_text", required=True, help="Tên hoặc mã đơn vị.")
@AS
@FORMAT
def list_cmd(unit_text: str, username: str, fmt: str) -> None:
    """Các phong trào của đơn vị và các kế hoạch phát động chưa tạo phong trào."""
    with transaction() as s:
        view = movements.list_movements(s, accounts.principal_for(s, username),
                                        units.find(s, unit_text).id)
    if fmt == "json":
        print_json(view)
        return
    for m in view["movements"]:
        out.print(f"[{m['id']}] {m['name']}: {m['participants']} đối tượng, {m['signed']} đã "
                  f"ký đăng ký; hạn hồ sơ {_day(m['deadline'])}")
    for o in view["proposals"]:
        out.print(f"Kế hoạch số {o['plan_id']} phát động “{o['name']}”: tạo bằng "
                  f"`theodoi emulation propose {o['plan_id']} --as …`")
    if not view["movements"] and not view["proposals"]:
        out.print(f"{view['unit']} chưa có phong trào thi đua nào.")


@emulation_group.command("propose")
@click.argument("plan_id", type=int)
@AS
@FORMAT
def propose_cmd(plan_id: int, username: str, fmt: str) -> None:
    """Tạo phong trào từ phần thi đua của kế hoạch phát động PLAN_ID."""
    with transaction() as s:
        p = accounts.principal_for(s, username)
        version = access.plan(s, p, plan_id).version
        m = movements.create_from_plan(s, p, plan_id, version)
    _show(m, fmt)


@emulation_group.command("show")
@click.argument("movement_id", type=int)
@AS
@FORMAT
def show_cmd(movement_id: int, username: str, fmt: str) -> None:
    """Phong trào MOVEMENT_ID với tiêu chí, đối tượng và tình trạng đăng ký."""
    with transaction() as s:
        m = movements.get(s, accounts.principal_for(s, username), movement_id)
    _show(m, fmt)


@emulation_group.command("edit")
@click.argument("movement_id", type=int)
@click.option("--version", type=int, required=True, help="Phiên bản đang xem (chống ghi đè).")
@click.option("--name", default=None)
@click.option("--slogan", default=None)
@click.option("--from", "period_start", default=None, help="Ngày bắt đầu dd/mm/yyyy.")
@click.option("--to", "period_end", default=None, help="Ngày kết thúc dd/mm/yyyy.")
@click.option("--deadline", default=None, help="Hạn gửi hồ sơ khen thưởng dd/mm/yyyy.")
@click.option("--receiver", default=None, help="Nơi nhận hồ sơ.")
@click.option("--plan", "plan_id", default=None, help="Kế hoạch phong trào phục vụ.")
@AS
@FORMAT
def edit_cmd(movement_id: int, version: int, username: str, fmt: str, **fields: Any) -> None:
    """Sửa tên, khẩu hiệu, thời gian, hạn và nơi nhận hồ sơ, kế hoạch phục vụ."""
    changes = {k: v for k, v in fields.items() if v is not None}
    with transaction() as s:
        m = movements.update(s, accounts.principal_for(s, username), movement_id, version,
                             changes)
    _show(m, fmt)


@emulation_group.command("criterion")
@click.argument("movement_id", type=int)
@click.option("--version", type=int, required=True, help="Phiên bản của phong trào.")
@click.option("--text", required=True, help="Nội dung tiêu chí.")
@click.option("--for", "applies_to", type=click.Choice(["collective", "individual", "all"]),
              default="all", help="Áp dụng cho tập thể, cá nhân hay cả hai.")
@click.option("--kind", default="judged", help="targets_met_share, tasks_on_time_share, "
              "reports_on_time_share, explanations_answered_share, target_met, judged.")
@click.option("--threshold", default=None, help="Ngưỡng % cho tiêu chí theo tỷ lệ.")
@click.option("--target", "target_id", default=None, help="Chỉ tiêu (T12) cho target_met.")
@AS
@FORMAT
def criterion_cmd(movement_id: int, version: int, username: str, fmt: str,
                  **fields: Any) -> None:
    """Thêm một tiêu chí vào phong trào MOVEMENT_ID."""
    with transaction() as s:
        c = members.add_criterion(s, accounts.principal_for(s, username), movement_id,
                                  version, fields)
    print_json(c) if fmt == "json" else out.print(f"Đã thêm tiêu chí số {c['id']}.")


@emulation_group.command("participant")
@click.argument("movement_id", type=int)
@click.option("--version", type=int, required=True, help="Phiên bản của phong trào.")
@click.option("--kind", type=click.Choice(["agency", "hamlet", "person"]), required=True)
@click.option("--agency", "agency_id", default=None, help="Số hiệu cơ quan trong danh mục.")
@click.option("--unit", "unit_id", default=None, help="Số hiệu thôn, tổ dân phố (đơn vị).")
@click.option("--user", "username_of", default=None, help="Tên đăng nhập của người tham gia.")
@click.option("--name", default=None, help="Tên (cá nhân, thôn chưa có trong sổ).")
@AS
@FORMAT
def participant_cmd(movement_id: int, version: int, username: str, fmt: str,
                    username_of: str | None, **fields: Any) -> None:
    """Thêm một đối tượng thi đua vào phong trào MOVEMENT_ID."""
    with transaction() as s:
        x = members.add_participant(s, accounts.principal_for(s, username), movement_id,
                                    version, {**fields, "username": username_of})
    print_json(x) if fmt == "json" else out.print(
        f"Đã thêm đối tượng số {x['id']}: {x['name']}.")


@emulation_group.command("register")
@click.argument("participant_id", type=int)
@click.option("--version", type=int, required=True, help="Phiên bản của bản đăng ký.")
@click.option("--commit", "commitments", multiple=True, required=True,
              help="Một nội dung đăng ký (lặp lại cho mỗi nội dung).")
@AS
@FORMAT
def register_cmd(participant_id: int, version: int, commitments: tuple[str, ...],
                 username: str, fmt: str) -> None:
    """Ghi các nội dung đăng ký thi đua của đối tượng PARTICIPANT_ID (về lại bản nháp)."""
    with transaction() as s:
        view = registrations.save(s, accounts.principal_for(s, username), participant_id,
                                  version, list(commitments))
    _registration(view, fmt)


@emulation_group.command("sign")
@click.argument("participant_id", type=int)
@click.option("--version", type=int, required=True, help="Phiên bản của bản đăng ký.")
@AS
@FORMAT
def sign_cmd(participant_id: int, version: int, username: str, fmt: str) -> None:
    """Ký bản đăng ký thi đua của chính mình (đơn vị hoặc cá nhân)."""
    with transaction() as s:
        view = registrations.sign(s, accounts.principal_for(s, username), participant_id,
                                  version)
    _registration(view, fmt)


def _registration(view: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(view)
        return
    x = view["participant"]
    reg = x["registration"]
    out.print(f"{x['name']} — {view['movement']}: {reg['state_label']} "
              f"(phiên bản {reg['version']})")
    for line in reg["commitments"]:
        out.print(f"  - {line}")
