"""Running the web app under uvicorn, in one process or one per core.

Several processes each listen on their own socket bound to the same port with
SO_REUSEPORT, and the kernel spreads new connections evenly over them. Measured against
the two obvious ways (bench/web.py, 2 cores): uvicorn's own `--workers` shares one socket
created without naming the TCP protocol, so asyncio did not set TCP_NODELAY on accepted
connections and every kept-alive response waited ~40 ms for the client's delayed
acknowledgement; and with any shared socket, asyncio accepts up to a backlog of waiting
connections per wake-up, so one process took nearly every connection of a burst and the
second core idled (10 clients were no faster than 1).

uvicorn's defaults ("auto") take httptools' parser and uvloop's event loop, both pinned
dependencies (uvloop not on Windows, where asyncio's own loop is used): a process then
spends less of each request in Python outside the app.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from theodoi.domain.errors import BadInput
from theodoi.services import jobs
from theodoi.settings import Settings
from theodoi.web.app import create_app

FACTORY = "theodoi.web.app:served_app"  # what each worker process builds the app from
STARTUP_FAILURE = 3  # uvicorn's exit code for a worker that could not start


def listening_socket(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A bound TCP socket (IPPROTO_TCP named, so asyncio sets TCP_NODELAY on the
    connections it accepts); `reuse_port` to share the port with the other workers."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve until stopped. One worker runs in this process with `settings`; several are
    processes that read their settings from the environment (the caller puts them there),
    restarted when one dies. Jobs run in one more process of their own (JobProcess), so
    a job's Python work never shares a web process's interpreter lock."""
    web_settings = settings.model_copy(update={"job_threads": 0})
    if workers == 1:
        with job_process(settings):
            # uvicorn re-raises the SIGTERM it stopped on once it is done; with the default
            # handler that would end this process before the job process is stopped
            signal.signal(signal.SIGTERM, lambda *_: None)
            # X-Forwarded-For: web.deps.client_of decides
            uvicorn.run(create_app(web_settings, warm=True), host=host, port=port,
                        log_level="warning", proxy_headers=False)
        return
    try:
        listening_socket(host, port).close()  # a port already taken fails here, clearly
    except OSError as exc:
        raise BadInput(f"không mở được cổng {port} trên {host} ({exc.strerror}); cổng có "
                       "thể đang được chương trình khác dùng.") from exc
    with job_process(settings):
        os.environ["THEODOI_JOB_THREADS"] = "0"  # the web processes run no jobs themselves
        Supervisor(host, port, workers).run()


@contextmanager
def job_process(settings: Settings) -> Iterator[None]:
    """A JobProcess running `settings.job_threads` job threads for the block (none when 0:
    a separate `theodoi worker` runs the jobs)."""
    if not settings.job_threads:
        yield
        return
    jobs_process = JobProcess(settings)
    jobs_process.start()
    try:
        yield
    finally:
        jobs_process.stop()


def _run_jobs(settings: Settings) -> None:
    """The job process: the runner until SIGTERM or SIGINT, or until the server that
    started it is gone (killed: nobody would stop this process), then its job back to the
    queue."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    parent = os.getppid()
    runner = jobs.Runner(settings, settings.job_threads)
    runner.start()
    while not stop.wait(0.5) and os.getppid() == parent:
        pass
    runner.stop()


class JobProcess:
    """The job runner's process beside the web processes: started again when it dies
    other than by a clean stop (killed, crashed), stopped with the server."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.stopping = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True,
                                        name="theodoi-job-process")

    def _start_one(self) -> None:
        self.process = self.context.Process(target=_run_jobs, args=(self.settings,),
                                            name="theodoi-jobs")
        self.process.start()

    def start(self) -> None:
        self._start_one()
        self.watcher.start()

    def _watch(self) -> None:
        while not self.stopping.wait(0.5):
            if not self.process.is_alive() and self.process.exitcode != 0:
                self._start_one()

    def stop(self) -> None:
        self.stopping.set()
        self.watcher.join(5)
        self.process.terminate()
        self.process.join(30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _worker(host: str, port: int) -> None:
    sock = listening_socket(host, port, reuse_port=True)
    config = uvicorn.Config(FACTORY, factory=True, log_level="warning", proxy_headers=False)
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Starts `workers` processes, restarts one that dies, stops them all on SIGINT or
    SIGTERM (or when a worker cannot start at all)."""

    def __init__(self, host: str, port: int, workers: int) -> None:
        self.args = (host, port)
        self.count = workers
        self.context = multiprocessing.get_context("spawn")
        self.processes: list[Any] = []
        self.stop = threading.Event()

    def start_one(self) -> Any:
        process = self.context.Process(target=_worker, args=self.args)
        process.start()
        return process

    def run(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stop.set())
        self.processes = [self.start_one() for _ in range(self.count)]
        while not self.stop.wait(0.5):
            for i, process in enumerate(self.processes):
                if process.is_alive():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    self.stop.set()
                    break
                self.processes[i] = self.start_one()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.join(10)
