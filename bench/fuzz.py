"""Fuzz the readers and the extractor over 10,000+ generated and mutated files.

Prints files / refused / crashes / hangs / bad spans / stage errors / peak memory and the
slowest cases. Same harness as tests/extraction/test_fuzz.py (tests/extraction/fuzzing.py):
each file runs in a forked child capped at --memory-mb and --timeout seconds. LibreOffice
is left out (DOC/ODT/RTF are refused as "needs LibreOffice"); its sandbox is tested apart.

    PYTHONPATH=src:. .venv/bin/python bench/fuzz.py [--files 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import time
from collections import Counter

from tests.extraction import fuzzing as F

from theodoi.extraction.readers import soffice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=int, default=1024)
    args = parser.parse_args()
    soffice.find = lambda: None  # type: ignore[assignment]  # see the docstring
    rng = random.Random(args.seed)
    crafted = F.crafted()
    generated = args.files // 5
    # made one at a time: holding 10,000 files would weigh on every fork
    cases = itertools.chain(crafted, F.generated(rng, generated),
                            F.mutated(rng, args.files - generated - len(crafted)))
    kinds: Counter[str] = Counter()
    problems: list[F.Outcome] = []
    slowest: list[F.Outcome] = []
    started = time.perf_counter()
    for i, (name, data) in enumerate(cases, start=1):
        outcome = F.check(name, data, timeout_s=args.timeout, memory_mb=args.memory_mb)
        kinds[outcome.kind] += 1
        if outcome.kind not in ("ok", "refused"):
            problems.append(outcome)
            print(f"  {outcome.kind}: {name} ({len(data)} B): {outcome.detail[:200]}")
        slowest = sorted([*slowest, outcome], key=lambda o: -o.seconds)[:5]
        if i % 1000 == 0:
            print(f"  … {i} files, {time.perf_counter() - started:.0f} s", flush=True)
    _report(sum(kinds.values()), kinds, slowest, time.perf_counter() - started, args)


def _report(files: int, kinds: Counter[str], slowest: list[F.Outcome], elapsed: float,
            args: argparse.Namespace) -> None:
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files {files} (seed {args.seed}) in {elapsed:.0f} s: ok {kinds['ok']}, "
          f"refused {kinds['refused']} (BadInput), crashes {kinds['crash']}, "
          f"hangs {kinds['hang']} (> {args.timeout:g} s), bad spans {kinds['bad-span']}, "
          f"stage errors {kinds['stage-error']} (W100)")
    print(f"peak memory: runner {own:.0f} MB, largest child {children:.0f} MB "
          f"(cap: +{args.memory_mb} MB per file)")
    print("slowest: " + ", ".join(f"{o.name} {o.seconds:.2f} s ({o.kind})" for o in slowest))


if __name__ == "__main__":
    main()
