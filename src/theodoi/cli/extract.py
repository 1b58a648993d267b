"""`theodoi extract`: one file to JSON / text / summary, or a folder in batch."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from theodoi.cli.errors import err_console
from theodoi.domain import labels
from theodoi.domain.dates import vn_day
from theodoi.domain.errors import BadInput
from theodoi.domain.phrases import goal_text
from theodoi.services.register import extracting
from theodoi.settings import load

out = Console(highlight=False, soft_wrap=True)


@click.command("extract")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "summary"]), default="json",
              show_default=True, help="JSON per theodoi.extraction/1.1, or a summary for people.")
@click.option("--text", "as_text", is_flag=True, help="Print the text that spans point into.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the JSON files (needed when PATH is a folder).")
def extract_cmd(path: Path, fmt: str, as_text: bool, out_dir: Path | None) -> None:
    """Đọc văn bản kế hoạch (TXT, DOCX, PDF) và trích xuất chỉ tiêu, nhiệm vụ."""
    settings = load()
    if path.is_dir():
        if out_dir is None:
            raise BadInput("cần --out THƯ_MỤC khi đọc cả một thư mục.", subject=str(path))
        sys.exit(_batch(path, out_dir, settings.workers, settings.max_upload_bytes))
    if not path.exists():
        raise BadInput("không tìm thấy tệp.", subject=str(path))
    if as_text:
        text, warnings = extracting.read_text(path, max_bytes=settings.max_upload_bytes)
        sys.stdout.write(text)
        sys.exit(1 if warnings else 0)
    result = extracting.extract_file(path, max_bytes=settings.max_upload_bytes)
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{path.stem}.json").write_text(_dump(result), encoding="utf-8")
    elif fmt == "json":
        sys.stdout.write(_dump(result) + "\n")
    if fmt == "summary":
        print_summary(result)
    sys.exit(extracting.exit_code(result))


def _dump(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1)


def print_summary(result: dict[str, Any]) -> None:
    """A readable summary of one extraction for a person at a terminal."""
    doc = result["document"]
    out.rule(f"[bold]{result['source']['name']}")
    out.print(f"[bold]{labels.label('plan_kind', doc['kind'])}[/] {doc['number'] or ''} — "
              f"{doc['title']}")
    if doc["term"]:
        out.print(f"Giai đoạn {doc['term']['start']}–{doc['term']['end']}")
    out.print(f"{len(result['targets'])} chỉ tiêu, {len(result['tasks'])} nhiệm vụ, "
              f"{len(result['outline'])} đề mục, {len(result['warnings'])} cảnh báo")
    table = Table("Chỉ tiêu", "Giá trị", "Năm", show_lines=False)
    for t in result["targets"][:12]:
        value = goal_text(t["comparator"], t["value"], t.get("value_max"), t["unit"])
        table.add_row(t["indicator"][:70], value, str(t["deadline_year"] or ""))
    if result["targets"]:
        out.print(table)
    _summary_emulation(result.get("emulation"))


def _summary_emulation(em: dict[str, Any] | None) -> None:
    """The movement a plan launches (schema 1.1), in one paragraph."""
    if not em:
        return
    deadline = em["deadline"]["date"]
    out.print(f"[bold]Phát động:[/] {em['name']} — {len(em['criteria'])} tiêu chuẩn, "
              f"{len(em['rewards'])} hình thức khen thưởng, {len(em['dossier'])} loại hồ sơ"
              + (f"; hồ sơ gửi {em['deadline']['receiver'] or '…'} trước "
                 f"{vn_day(deadline)}" if deadline else ""))


def _batch(folder: Path, out_dir: Path, workers: int, max_bytes: int) -> int:
    paths = extracting.find_documents(folder)
    if not paths:
        raise BadInput("thư mục không có tệp văn bản nào (TXT, DOCX, PDF, DOC, ODT).",
                       subject=str(folder))
    columns = (TextColumn("Đang đọc"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task("extract", total=len(paths))
        results = extracting.run_batch(paths, out_dir, workers=workers, max_bytes=max_bytes,
                                       on_done=lambda _: bar.advance(task))
    return _batch_summary(results)


def _batch_summary(results: list[extracting.FileResult]) -> int:
    table = Table("Tệp", "Kết quả", "Chỉ tiêu", "Nhiệm vụ", "Ghi chú")
    labels = {"ok": "[green]ok", "partial": "[yellow]có cảnh báo", "failed": "[red]lỗi"}
    for r in results:
        note = "" if r.status == "failed" else r.reason or ""
        table.add_row(r.path.name, labels[r.status], str(r.targets), str(r.tasks), note)
    out.print(table)
    for r in results:
        if r.status == "failed":  # the full reason, which a narrow table would cut
            out.print(f"[red]✗[/] {r.reason}")
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "partial", "failed")}
    out.print(f"Tổng: {counts['ok']} ok, {counts['partial']} có cảnh báo, "
              f"{counts['failed']} lỗi")
    if counts["failed"]:
        return 2
    return 1 if counts["partial"] else 0
