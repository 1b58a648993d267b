"""LibreOffice headless, run safely: one conversion at a time, its own profile, no network.

Used by the DOC/ODT/RTF reader (extraction/readers/office.py) and the report PDF
(reports/pdf.py).

- A document can name pictures and links by URL (an ODT's `xlink:href="http://…"`, an RTF
  INCLUDEPICTURE field); LibreOffice fetches them while converting, so an uploaded file
  could make the server call any address. The conversion therefore runs in a new network
  namespace with no interface but loopback (`unshare -rn`, an unprivileged user namespace)
  when the kernel allows it, and external references are removed from ODT packages first
  either way.
- Two `soffice` processes sharing a profile fail or hang, so each conversion gets a
  throw-away profile in its own temporary folder, and a lock (one per process, and a file
  lock across processes: web workers, CLI batch workers) lets one conversion run at a time.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

CANDIDATES = ("soffice", "libreoffice")
LOCK_FILE = Path(tempfile.gettempdir()) / "theodoi-soffice.lock"
_THREAD_LOCK = threading.Lock()


def _fresh_lock_after_fork() -> None:
    """A forked extraction child gets a free thread lock: the parent's may be held by
    another thread that does not exist in the child and would never release it (the file
    lock still makes the child wait for the parent's conversion)."""
    global _THREAD_LOCK
    _THREAD_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_lock_after_fork)
# an href that leaves the package: a scheme (http:, ftp:, file:, smb: …) or a UNC path
EXTERNAL_HREF = re.compile(rb'(xlink:href=")(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)[^"]*(")')
ODT_PARTS = ("content.xml", "styles.xml")


class ConversionFailed(Exception):
    """LibreOffice ran but produced nothing, timed out, or the lock was not free in time;
    each caller turns it into its own BadInput with a Vietnamese message."""


def find() -> str | None:
    """The LibreOffice command on PATH, or None."""
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


@functools.lru_cache(maxsize=1)
def network_sandbox() -> list[str]:
    """`unshare -rn` when this kernel lets an unprivileged process make a network
    namespace (checked once per process), else [] and only the stripping protects."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    try:
        done = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [unshare, "-rn"] if done.returncode == 0 else []


def strip_external(data: bytes) -> bytes:
    """An ODT package with every external xlink:href emptied; other bytes unchanged."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
        parts = {i.filename: src.read(i) for i in infos}
    except Exception:  # noqa: BLE001 - not a zip (DOC, RTF): nothing to strip here
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in infos:
            body = parts[info.filename]
            if info.filename in ODT_PARTS:
                body = EXTERNAL_HREF.sub(rb"\1\2", body)
            dst.writestr(info, body)
    return out.getvalue()


def convert(data: bytes, suffix: str, to: str, *, timeout_s: float) -> bytes:
    """`data` (a file ending in `suffix`, e.g. '.odt') converted to format `to` ('docx',
    'pdf'); raises ConversionFailed. The caller checked that find() is not None."""
    exe = find()
    if exe is None:
        raise ConversionFailed("soffice not found")
    deadline = time.monotonic() + timeout_s
    with _one_at_a_time(deadline), tempfile.TemporaryDirectory(prefix="theodoi-lo-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(strip_external(data) if suffix == ".odt" else data)
        profile = (Path(tmp) / "profile").as_uri()
        command = [*network_sandbox(), exe, f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--convert-to", to, "--outdir", tmp, str(source)]
        try:
            subprocess.run(command, capture_output=True, check=False,
                           timeout=max(deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed("timeout") from exc
        target = source.with_suffix(f".{to}")
        if not target.exists():
            raise ConversionFailed("no output")
        return target.read_bytes()


@contextlib.contextmanager
def _one_at_a_time(deadline: float) -> Iterator[None]:
    """Hold the thread lock and the file lock, waiting at most until `deadline`."""
    if not _THREAD_LOCK.acquire(timeout=max(deadline - time.monotonic(), 0.01)):
        raise ConversionFailed("busy")
    try:
        with open(LOCK_FILE, "a+b") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError as exc:
                    if time.monotonic() > deadline:
                        raise ConversionFailed("busy") from exc
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        _THREAD_LOCK.release()
