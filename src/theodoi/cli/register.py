"""`theodoi import` and `theodoi plan …`: draft plans from files, review, activation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from theodoi.cli.common import FORMAT, ID, out, print_json, print_table, run_and_show, transaction
from theodoi.domain.errors import BadInput
from theodoi.services.register import confirmations, importing, plans, task_fields
from theodoi.services.register import review_decisions as review
from theodoi.services.register.revisions import Comparison
from theodoi.services.views import audit_view
from theodoi.settings import load

CHANGE_LABELS = {"new": "mới", "changed": "thay đổi", "unchanged": "giữ nguyên",
                 "removed": "bỏ"}


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--unit", "unit_text", default=None,
              help="Mã hoặc tên đơn vị (tạo nếu chưa có); mặc định: đơn vị ban hành văn bản.")
@click.option("--level", default="xa", show_default=True, help="Cấp của đơn vị mới.")
@click.option("--parent", default=None, help="Đơn vị cấp trên của đơn vị mới (mã hoặc tên).")
@click.option("--revises", type=ID, default=None, help="Số kế hoạch mà tệp này là bản sửa.")
@click.option("--yes", is_flag=True, help="Lưu bản sửa của kế hoạch đã có mà không hỏi lại.")
@FORMAT
def import_cmd(path: Path, unit_text: str | None, level: str, parent: str | None,
               revises: int | None, yes: bool, fmt: str) -> None:
    """Đọc tệp kế hoạch và lưu thành bản nháp của đơn vị; mọi mục ở trạng thái chờ rà soát.

    Tệp là bản sửa của kế hoạch đã có: in các thay đổi và hỏi trước khi lưu; tệp trùng
    nội dung với kế hoạch đã có bị từ chối."""
    settings = load()
    if not path.is_file():
        raise BadInput("không tìm thấy tệp.", subject=str(path))
    data = importing.read_file(path, settings.max_upload_bytes)
    with transaction(settings) as s:
        offered = importing.offer(s, unit_text, data, path.name, revises=revises,
                                  max_bytes=settings.max_upload_bytes)
    if offered.comparison is not None and not yes:
        _ask_version(offered.comparison, fmt)
    with transaction(settings) as s:
        result = importing.import_plan(s, unit_text, data, path.name, level=level,
                                       parent=parent, revises=revises,
                                       max_bytes=settings.max_upload_bytes,
                                       extraction=offered.extraction)
    if fmt == "json":
        print_json(result)
    else:
        _print_import(result)
        _print_movement(result, offered.extraction)
    sys.exit(1 if result.warnings or result.proposed_agencies else 0)


def _print_import(r: importing.ImportResult) -> None:
    if r.unit_created:
        out.print(f"Đã tạo đơn vị mới: {r.unit.name} (mã {r.unit.code}).")
    if r.already_stored:
        out.print(f"Tệp này đã có trong sổ của {r.unit.name}: kế hoạch số {r.plan_id}; "
                  "không thay đổi gì.")
        return
    out.print(f"Đã lưu bản nháp kế hoạch số {r.plan_id} của {r.unit.name}: {r.targets} chỉ "
              f"tiêu, {r.tasks} nhiệm vụ chờ rà soát, {len(r.warnings)} cảnh báo.")
    if r.proposed_agencies:
        out.print("Cơ quan chưa có trong danh mục (đề xuất thêm, cần xác nhận): "
                  + "; ".join(r.proposed_agencies))
    if r.comparison:
        print_comparison(r.comparison)


def _print_movement(r: importing.ImportResult, extraction: dict[str, Any] | None) -> None:
    """A plan that launches an emulation movement proposes it (schema 1.1)."""
    section = (extraction or {}).get("emulation")
    if section and not r.already_stored:
        out.print(f"Kế hoạch phát động “{section['name']}”: tạo phong trào thi đua bằng "
                  f"`theodoi emulation propose {r.plan_id} --as …` (hoặc trang Thi đua).")


def _ask(said: str, question: str) -> None:
    """Print what will change and ask; without a terminal (a script) change nothing and
    say how to confirm (exit 1)."""
    out.print(said)
    if sys.stdin.isatty() and click.confirm(question, default=False, err=True):
        return
    click.echo("Chưa thay đổi gì. Để làm, chạy lại lệnh với --yes.", err=True)
    sys.exit(1)


def _ask_version(c: Comparison, fmt: str) -> None:
    """Show a new version's diff and ask before storing it; without a terminal (a script)
    store nothing and say how to confirm (exit 1)."""
    if fmt == "json":
        print_json({"stored": False, "comparison": c})
    else:
        print_comparison(c)
    question = f"Lưu tệp này thành phiên bản mới của kế hoạch số {c.old_plan}?"
    if sys.stdin.isatty() and click.confirm(question, default=False, err=True):
        return
    click.echo(f"Chưa lưu gì. Để lưu thành phiên bản mới của kế hoạch số {c.old_plan}, "
               "chạy lại lệnh với --yes.", err=True)
    sys.exit(1)


def print_comparison(c: Comparison) -> None:
    who = f"Bản sửa (kế hoạch số {c.new_plan})" if c.new_plan else "Bản sửa"
    out.print(f"{who} của kế hoạch số {c.old_plan}: " + ", ".join(
        f"{c.count(k)} {label}" for k, label in CHANGE_LABELS.items()))
    table = Table("Thay đổi", "Mục", "Nội dung", "Trường đổi")
    for row in c.rows:
        if row.change != "unchanged":
            table.add_row(CHANGE_LABELS[row.change], row.ref, row.text[:80],
                          ", ".join(audit_view.field_label(row.kind, f) for f in row.fields))
    out.print(table)


@click.group("plan")
def plan_group() -> None:
    """Kế hoạch trong sổ: xem, rà soát từng mục, đưa vào thực hiện."""


@plan_group.command("list")
@click.option("--unit", "unit_text", required=True)
@FORMAT
def list_cmd(unit_text: str, fmt: str) -> None:
    """Liệt kê kế hoạch của một đơn vị."""
    run_and_show(fmt, lambda s: plans.list_plans(s, unit_text), lambda rows: print_table(
        ("Số", "Văn bản", "Trích yếu", "Trạng thái", "Chỉ tiêu", "Nhiệm vụ", "Chờ rà soát"),
        ((str(r["id"]), r["number"] or r["kind"], (r["title"] or "")[:60],
          plans.STATUS_LABELS[r["status"]], str(r["targets"]), str(r["tasks"]),
          str(r["reviews"].get("proposed", 0))) for r in rows)))


@plan_group.command("show")
@click.argument("plan_id", type=ID)
@FORMAT
def show_cmd(plan_id: int, fmt: str) -> None:
    """Xem một kế hoạch và các mục của nó."""
    run_and_show(fmt, lambda s: plans.plan_detail(s, plan_id), _print_plan)


def _print_plan(detail: dict[str, Any]) -> None:
    out.print(f"[bold]Kế hoạch số {detail['id']}[/] — {detail['title']} "
              f"({plans.STATUS_LABELS[detail['status']]})")
    table = Table("Mục", "Rà soát", "Nội dung", "Giá trị / hạn", "Chủ trì")
    for t in detail["targets"]:
        value = "" if t["value"] is None else f"{t['comparator'] or ''} {t['value']:g} " \
                                              f"{t['unit'] or ''}"
        table.add_row(t["ref"], plans.REVIEW_LABELS[t["review"]], t["indicator"][:60],
                      value.strip(), t["lead_agency"] or "")
    for k in detail["tasks"]:
        table.add_row(k["ref"], plans.REVIEW_LABELS[k["review"]], k["title"][:60],
                      (k["due"] or {}).get("date") or "", k["lead_agency"] or "")
    out.print(table)


def _pairs(sets: tuple[str, ...]) -> dict[str, str]:
    changes = {}
    for text in sets:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise BadInput(f"'{text}' không đúng dạng tên=giá_trị.")
        changes[name.strip()] = value
    return changes


@plan_group.command("accept")
@click.argument("refs", nargs=-1, required=True)
def accept_cmd(refs: tuple[str, ...]) -> None:
    """Chấp nhận các mục (ví dụ: t12 k5)."""
    with transaction() as s:
        for ref in refs:
            review.accept(s, ref)
    out.print(f"Đã chấp nhận {len(refs)} mục.")


@plan_group.command("reject")
@click.argument("refs", nargs=-1, required=True)
def reject_cmd(refs: tuple[str, ...]) -> None:
    """Loại các mục đọc sai (không phải chỉ tiêu/nhiệm vụ)."""
    with transaction() as s:
        for ref in refs:
            review.reject(s, ref)
    out.print(f"Đã loại {len(refs)} mục.")


@plan_group.command("correct")
@click.argument("ref")
@click.option("--set", "sets", multiple=True, required=True,
              help="tên=giá_trị, ví dụ value=150 unit='triệu đồng' lead_agency='Phòng Kinh tế'.")
def correct_cmd(ref: str, sets: tuple[str, ...]) -> None:
    """Sửa một mục; bản trích xuất gốc vẫn được giữ bên cạnh."""
    with transaction() as s:
        item = review.correct(s, ref, _pairs(sets))
        out.print(f"Đã sửa {ref}: {', '.join(_pairs(sets))} (phiên bản {item.version}).")


@plan_group.command("add")
@click.argument("plan_id", type=ID)
@click.option("--kind", type=click.Choice(["target", "task"]), required=True)
@click.option("--set", "sets", multiple=True, required=True, help="tên=giá_trị")
def add_cmd(plan_id: int, kind: str, sets: tuple[str, ...]) -> None:
    """Thêm một chỉ tiêu hoặc nhiệm vụ mà máy đọc sót."""
    from theodoi.services.register.items import ref_of

    with transaction() as s:
        item = review.add_item(s, plan_id, kind, _pairs(sets))
        out.print(f"Đã thêm {ref_of(item)} vào kế hoạch số {plan_id}.")


@plan_group.command("accept-all")
@click.argument("plan_id", type=ID)
def accept_all_cmd(plan_id: int) -> None:
    """Chấp nhận mọi mục còn chờ rà soát của kế hoạch."""
    with transaction() as s:
        count = review.accept_all(s, plan_id)
    out.print(f"Đã chấp nhận {count} mục.")


@plan_group.command("fields")
@click.option("--unit", "unit_text", required=True)
def fields_cmd(unit_text: str) -> None:
    """Điền lĩnh vực cho các nhiệm vụ chưa có (kế hoạch nạp trước khi nhiệm vụ có lĩnh vực),
    theo đề mục chứa nhiệm vụ trong văn bản gốc; không đổi lĩnh vực đã có."""
    with transaction() as s:
        found = task_fields.fill_missing(s, unit_text)
    out.print(f"Đã điền lĩnh vực cho {found['filled']} nhiệm vụ; {found['left']} nhiệm vụ "
              "chưa phân lĩnh vực (sửa trên trang rà soát).")


@plan_group.command("activate")
@click.argument("plan_id", type=ID)
@click.option("--accept-rest", is_flag=True, help="Chấp nhận luôn các mục còn chờ rà soát.")
@click.option("--yes", is_flag=True, help="Không hỏi lại khi bản này đóng một kế hoạch khác.")
def activate_cmd(plan_id: int, accept_rest: bool, yes: bool) -> None:
    """Đưa kế hoạch đã rà soát vào thực hiện (bản sửa thay bản cũ: hỏi trước khi đóng)."""
    with transaction() as s:
        said = confirmations.activation_of(s, review.get_plan(s, plan_id))
    if said["closes"] and not yes:
        _ask("\n".join(f"- {line}" for line in said["lines"]),
             f"Đưa kế hoạch số {plan_id} vào thực hiện và đóng kế hoạch số "
             f"{said['closes']['id']}?")
    with transaction() as s:
        result = review.activate(s, plan_id, accept_rest=accept_rest)
    out.print(f"Kế hoạch số {plan_id} đã đưa vào thực hiện.")
    if result.accepted_now:
        out.print(f"Đã chấp nhận thêm {result.accepted_now} mục còn chờ.")
    if result.closed_plan:
        out.print(f"Thay kế hoạch số {result.closed_plan} (đã đóng); giữ nguyên "
                  f"{result.carried_over} mục không đổi cùng số liệu của chúng.")
