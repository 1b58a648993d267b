"""The child process a job reads a document in: its memory cap, a crash, a theodoi error
and a normal answer all come back to the parent, which goes on."""

from __future__ import annotations

import os
import signal

import pytest

from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import UnreadableFile
from theodoi.services.jobs import child


def eat_memory(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)  # what a parser bug in C looks like


def refuse(name: str) -> None:
    raise UnreadableFile("tệp rỗng, không có nội dung.", subject=name)


def add(a: int, *, b: int) -> int:
    return a + b


def _run(target: str, *args: object, **kwargs: object) -> object:
    return child.run(f"tests.services.test_child.{target}", args, kwargs=kwargs,
                     memory_mb=512, keep_going=lambda: True)


def test_an_answer_comes_back() -> None:
    assert _run("add", 2, b=3) == 5


def test_a_child_over_its_memory_cap_stops_with_a_vietnamese_message() -> None:
    with pytest.raises(BadInput, match="cần quá 512 MB bộ nhớ"):
        _run("eat_memory", 2048)
    assert _run("eat_memory", 16) == 16 << 20  # under the cap it works, and so do we


def test_a_crashed_child_is_a_clear_failure() -> None:
    with pytest.raises(child.ChildFailed, match="dừng bất thường"):
        _run("crash")


def test_a_theodoi_error_in_the_child_keeps_its_text() -> None:
    with pytest.raises(BadInput) as caught:
        _run("refuse", "trong.txt")
    assert caught.value.render() == "trong.txt: tệp rỗng, không có nội dung."
