"""Extraction throughput: MB/s of text for TXT over the seeds, pages/s for PDF.

Goals (issue 3): at least 2 MB/s per core on TXT, at least 30 pages/s on PDF. Prints
figures only; tests never assert on timings.

    .venv/bin/python bench/extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from theodoi.extraction import extract, read_source

ROOT = Path(__file__).resolve().parents[1]


def bench_txt(rounds: int) -> None:
    files = sorted((ROOT / "samples").glob("*.txt"))
    blobs = [(p.name, p.read_bytes()) for p in files]
    chars = sum(len(b.decode("utf-8")) for _, b in blobs)
    megabytes = sum(len(b) for _, b in blobs) / 1e6
    extract(blobs[0][1], filename=blobs[0][0])  # warm-up: imports and regex compilation
    start = time.perf_counter()
    for _ in range(rounds):
        for name, data in blobs:
            extract(data, filename=name)
    elapsed = time.perf_counter() - start
    print(f"TXT  {len(blobs)} files, {megabytes:.3f} MB ({chars} chars) x {rounds} rounds: "
          f"{elapsed:.2f} s -> {megabytes * rounds / elapsed:.2f} MB/s on one core "
          "(goal >= 2 MB/s)")


def bench_pdf(rounds: int) -> None:
    blobs = [(p.name, p.read_bytes())
             for p in sorted((ROOT / "tests" / "data" / "fixtures").glob("**/*.pdf"))]
    blobs.append(("generated-60-pages.pdf", generated_pdf(60)))
    pages = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for name, data in blobs:
            try:
                pages += read_source(data, name)[0].pages or 0
            except Exception as exc:  # noqa: BLE001 - a bench reports, it does not stop
                print(f"PDF  {name}: {exc}")
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(rounds):
        for name, data in blobs:
            try:
                extract(data, filename=name)
            except Exception:  # noqa: BLE001 - a bench reports, it does not stop
                continue
    full_s = time.perf_counter() - start
    print(f"PDF  {len(blobs)} files, {pages} pages read: reader {pages / read_s:.1f} pages/s, "
          f"full extraction {pages / full_s:.1f} pages/s (goal >= 30 pages/s)")


def generated_pdf(pages: int) -> bytes:
    """A plan-like PDF: 45 lines a page, a running header and a page number on each."""
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.extraction.readers.pdfmaker import make_pdf

    body = [f"- Ty le ho dan su dung nuoc sach dat {n % 100}% vao nam 2030; phan dau tang "
            f"binh quan {n % 9},5%/nam." for n in range(43)]
    return make_pdf([["UY BAN NHAN DAN XA", *body, f"- {i} -"] for i in range(1, pages + 1)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    bench_txt(args.rounds)
    bench_pdf(max(1, args.rounds // 4))


if __name__ == "__main__":
    main()
