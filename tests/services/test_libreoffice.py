"""One LibreOffice conversion at a time: between threads, between processes, and around
the report PDF. Order is shown with events and a shared log, never with timings."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest

from theodoi.services import libreoffice, reporting

HOLD_S = 0.3  # how long a holder lingers so that a turn-jumper would show in the log


def test_two_threads_take_turns() -> None:
    log: list[str] = []
    inside, second_started = threading.Event(), threading.Event()

    def first() -> None:
        with libreoffice.one_conversion():
            log.append("first in")
            inside.set()
            second_started.wait(10)
            threading.Event().wait(HOLD_S)  # room for the second to jump in, were it able
            log.append("first out")

    def second() -> None:
        inside.wait(10)
        second_started.set()
        with libreoffice.one_conversion():
            log.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert log == ["first in", "first out", "second in"]


def _hold_in_another_process(log: str, ready: Any) -> None:
    with libreoffice.one_conversion():
        Path(log).write_text("child in\n")
        ready.set()
        threading.Event().wait(HOLD_S)
        with open(log, "a") as f:
            f.write("child out\n")


def test_another_process_holding_the_turn_is_waited_for(tmp_path: Path) -> None:
    log = tmp_path / "log"
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold_in_another_process, args=(str(log), ready))
    holder.start()
    assert ready.wait(30)
    with libreoffice.one_conversion(), log.open("a") as f:
        f.write("parent in\n")
    holder.join(30)
    assert log.read_text().splitlines() == ["child in", "child out", "parent in"]


def test_a_report_pdf_is_converted_inside_the_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reporting.docx_layout, "render", lambda _report: b"docx")
    monkeypatch.setattr(reporting.pdf, "docx_to_pdf",
                        lambda docx: b"held" if libreoffice._THREADS.locked() else b"free")
    assert reporting.render(object(), "pdf") == b"held"  # type: ignore[arg-type]
    assert not libreoffice._THREADS.locked()


def test_an_odt_upload_is_read_inside_the_turn_and_a_docx_outside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.services.jobs import child, queue, runner
    from theodoi.settings import Settings

    settings = Settings(data_dir=tmp_path, database_url="sqlite://")
    (tmp_path / "uploads").mkdir()
    heads = {"a.odt": b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis."
                      b"opendocument.text",
             "b.docx": b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml",
             "c.txt": "Kế hoạch".encode()}
    monkeypatch.setattr(child, "run", lambda *a, **k: libreoffice._THREADS.locked())
    held = {}
    for name, head in heads.items():
        (tmp_path / "uploads" / name).write_bytes(head)
        claim = queue.Claim(1, 1, "import_plan", {"file": f"uploads/{name}",
                                                  "filename": name}, 1, None, None)
        held[name] = runner.extract_step(settings, claim, lambda: True)
    assert held == {"a.odt": True, "b.docx": False, "c.txt": False}
