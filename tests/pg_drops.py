"""PostgreSQL test databases dropped in the background, so that no test waits for a drop.

PostgreSQL 15 ends every `DROP DATABASE` with a forced checkpoint (all dirty buffers of the
server written and fsynced): 0.5 to 5 s a drop on the 2-core CI machine under load, paid
in the teardown of every PostgreSQL test, while creating the copy took 0.2 to 0.6 s. A
database handed to `submit` is one no test uses any more (its engine disposed; the drop
is `WITH (FORCE)`), so a few threads of the test process drop it while the next test
runs; drops that run together share the server's checkpoints. At most `PENDING` drops
wait: the teardown that would add one more waits for the oldest, so a slow server holds
the run back instead of filling its disk. `wait()` (at the end of the session) returns
when every drop is done, and a drop that failed raises there or at the next `submit`:
no database is left behind quietly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

THREADS = 3
PENDING = 12

_pool: list[ThreadPoolExecutor] = []
_pending: deque[Future[None]] = deque()


def submit(drop: Callable[[], None]) -> None:
    """Run `drop` on a background thread; first re-raise any finished drop's error, and
    wait for the oldest while `PENDING` are outstanding."""
    while _pending and (_pending[0].done() or len(_pending) >= PENDING):
        _pending.popleft().result()
    if not _pool:
        _pool.append(ThreadPoolExecutor(THREADS, thread_name_prefix="pg-drop"))
    _pending.append(_pool[0].submit(drop))


def wait() -> None:
    """Return once every submitted drop has finished; raise the first one's error."""
    while _pending:
        _pending.popleft().result()
