"""The warm child that extracts plain text: the same floor as a one-shot child, kept warm."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from theodoi.extraction import extract
from theodoi.extraction.errors import FileTooLarge, ReadTimedOut, UnsafeContent
from theodoi.extraction.readers import worker


def _pid(_: object) -> int:
    return os.getpid()


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _allocate(megabytes: int) -> int:
    return len(bytes(megabytes * 1024 * 1024))


def _rows(count: int) -> dict[str, object]:
    return {"rows": [{"id": f"k{i}", "text": f"Nhiệm vụ số {i} " * 20} for i in range(count)],
            "pid": os.getpid()}


def _refuse(_: object) -> None:
    raise UnsafeContent("có DTD.", subject="a.txt")


def _crash(_: object) -> None:
    raise IndexError("list index out of range")


def test_one_child_serves_one_job_after_another() -> None:
    first = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    second = worker.run(_pid, None, "b.txt", memory_mb=200, timeout_s=60)
    assert first == second != os.getpid()


def test_a_job_past_the_deadline_is_killed_and_the_next_gets_a_new_child() -> None:
    before = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    with pytest.raises(ReadTimedOut, match=r"quá 0\.5 giây"):
        worker.run(_sleep, 30, "treo.txt", memory_mb=200, timeout_s=0.5)
    with pytest.raises(ChildProcessError):
        os.waitpid(before, os.WNOHANG)  # killed and reaped, no zombie left
    after = worker.run(_sleep, 0, "b.txt", memory_mb=200, timeout_s=60)
    assert after not in (before, os.getpid())


def test_a_job_past_the_memory_cap_fails_alone_and_retires_its_child() -> None:
    before = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    with pytest.raises(FileTooLarge, match="200 MB bộ nhớ"):
        worker.run(_allocate, 2048, "bom.txt", memory_mb=200, timeout_s=60)
    assert worker.run(_allocate, 10, "ok.txt", memory_mb=200, timeout_s=60) == 10 * 1024 * 1024
    assert worker.run(_pid, None, "b.txt", memory_mb=200, timeout_s=60) != before


def test_the_cap_holds_for_every_job_not_only_the_first() -> None:
    for _ in range(3):  # memory freed by one job is not a budget the next may exceed
        assert worker.run(_allocate, 100, "ok.txt", memory_mb=200, timeout_s=60)
    with pytest.raises(FileTooLarge):
        worker.run(_allocate, 400, "bom.txt", memory_mb=200, timeout_s=60)


def test_errors_arrive_as_in_a_one_shot_child() -> None:
    with pytest.raises(UnsafeContent) as raised:
        worker.run(_refuse, None, "a.txt", memory_mb=200, timeout_s=60)
    assert raised.value.render() == "a.txt: có DTD."
    kept = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    with pytest.raises(Exception, match="không đọc được tệp"):
        worker.run(_crash, None, "a.txt", memory_mb=200, timeout_s=60)
    # an unexpected failure may have left anything behind: that child is not used again
    assert worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60) != kept


def test_a_child_that_died_while_idle_is_replaced_without_failing_the_file() -> None:
    pid = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    os.kill(pid, 9)
    time.sleep(0.1)
    assert worker.run(_pid, None, "b.txt", memory_mb=200, timeout_s=60) not in (pid, os.getpid())


def test_a_caller_finding_the_child_busy_gets_a_child_of_its_own() -> None:
    warm = worker.run(_sleep, 0, "a.txt", memory_mb=200, timeout_s=60)
    busy = threading.Thread(target=worker.run, args=(_sleep, 1.0, "lâu.txt"),
                            kwargs={"memory_mb": 200, "timeout_s": 60})
    busy.start()
    time.sleep(0.3)
    other = worker.run(_sleep, 0, "b.txt", memory_mb=200, timeout_s=60)
    busy.join()
    assert other not in (warm, os.getpid())
    assert worker.run(_sleep, 0, "c.txt", memory_mb=200, timeout_s=60) == warm


def test_plain_text_extraction_runs_in_the_warm_child(monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.extraction import pipeline

    ran_in: list[int] = []
    real = pipeline.run

    def noting(stages: object, source: object) -> object:
        ran_in.append(os.getpid())
        return real(stages, source)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "run", noting)
    plan = "Kế hoạch\nI. MỤC TIÊU\n1. Tỷ lệ hộ nghèo giảm còn 2% vào năm 2026.\n".encode()
    first = extract(plan, filename="kh.txt")
    assert extract(plan, filename="kh.txt") == first
    assert [t["value"] for t in first["targets"]] == [2]
    assert ran_in == []  # both ran in the child, none here


def test_a_process_forked_from_the_owner_never_talks_to_its_child() -> None:
    warm = worker.run(_pid, None, "a.txt", memory_mb=200, timeout_s=60)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # a job process forked from a web worker, say: it must fork its own
        code = 1
        try:
            seen = worker.run(_pid, None, "b.txt", memory_mb=200, timeout_s=60)
            os.write(write_fd, str(seen).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    _, status = os.waitpid(pid, 0)
    seen = int(os.read(read_fd, 64))
    os.close(read_fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert seen not in (warm, pid, os.getpid())
    assert worker.run(_pid, None, "c.txt", memory_mb=200, timeout_s=60) == warm


def test_a_process_with_over_a_thousand_open_files_still_reads(tmp_path: Path) -> None:
    """select() refuses descriptors above 1023; a busy server holds that many (sockets,
    database files): reading a plan must not depend on how many are open."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    else:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert max(held) > 1024
        path = tmp_path / "ke-hoach.txt"
        path.write_text("KẾ HOẠCH\nI. MỤC TIÊU\n1. Tỷ lệ hộ nghèo giảm còn dưới 1% vào năm 2030.\n",
                        encoding="utf-8")
        assert extract(path)["targets"]
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_long_answer_is_read_in_pieces_whole_and_the_next_one_too() -> None:
    """An answer of megabytes (many pickle frames, unpickled as it arrives) comes back whole,
    and the pipe stays in step: the same child then answers a small job."""
    first = worker.run(_rows, 20_000, "dai.txt", memory_mb=400, timeout_s=60)
    assert len(first["rows"]) == 20_000
    assert first["rows"][19_999] == {"id": "k19999", "text": "Nhiệm vụ số 19999 " * 20}
    second = worker.run(_rows, 1, "ngan.txt", memory_mb=400, timeout_s=60)
    assert second == {"rows": [{"id": "k0", "text": "Nhiệm vụ số 0 " * 20}], "pid": first["pid"]}
