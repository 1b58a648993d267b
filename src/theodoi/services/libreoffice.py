"""One LibreOffice conversion at a time on this machine (report PDFs, DOC/ODT uploads).

Several soffice processes started at once fail or hang even with private profiles (found
when probing issue 14), and a server runs several processes each with several threads.
So every conversion holds a lock: a thread lock within the process and, across
processes, an exclusive `flock` on one file in the temporary folder (released by the
kernel when its holder dies, so a killed process never leaves it locked). Where `fcntl`
does not exist (Windows) only the thread lock applies.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_THREADS = threading.Lock()


def lock_file() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"theodoi-libreoffice-{uid}.lock"


@contextmanager
def one_conversion() -> Iterator[None]:
    """Hold the machine's LibreOffice turn for the duration of the block."""
    with _THREADS:
        try:
            import fcntl
        except ImportError:  # Windows: one process per machine is the common setup there
            yield
            return
        with lock_file().open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
