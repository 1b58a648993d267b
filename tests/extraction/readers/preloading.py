"""Whether `readers.preload` loads a reader's parser in the process that forks a child for
each file, measured in a fresh interpreter (the test process has loaded everything)."""

from __future__ import annotations

import os
import subprocess
import sys


def loaded_before_and_after_preload(data: bytes, name: str, module: str) -> list[str]:
    """['False', 'True'] when importing the extraction package leaves `module` unloaded and
    preloading the reader for `data` loads it."""
    script = (
        "import sys\n"
        "from theodoi.extraction import readers\n"
        f"before = {module!r} in sys.modules\n"
        f"readers.preload({data!r}, {name!r})\n"
        f"print(before, {module!r} in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                          check=True)
    return done.stdout.split()
