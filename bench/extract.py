"""Extraction throughput: MB/s of text for TXT, how it grows with size, memory; pages/s for PDF.

Goals (issue 23): TXT at least 5 MB/s per core and linear in size (the exponent of time
over size printed for 1x, 2x, 4x and 8x of the seeds and corpus text), PDF at least 200
pages/s (the fixtures' PDFs and a generated one, and, where LibreOffice is installed, the
corpus's Word files printed to PDF: real plans), memory at most 5x the text. Prints
figures and the machine's load beside them, and CPU time beside wall time (on a shared
machine wall time mostly measures the others); tests never assert on timings. Exits 1 when
what it timed was not a real extraction: a stage failed (W100) or a plan whose gold has
targets gave none, so a broken stage can no longer look fast.

    .venv/bin/python bench/extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import tracemalloc
from pathlib import Path

from theodoi.extraction import extract, read_source
from theodoi.extraction.readers import worker
from theodoi.extraction.readers.limits import READ_MEMORY_MB
from theodoi.extraction.stages.paragraphs import one_per_line

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "data" / "shared"  # the repository's copy of the gold and corpus
PROBLEMS: list[str] = []


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f} on {} cores".format(*os.getloadavg(),
                                                                  os.cpu_count())


def check(name: str, result: dict, want_targets: bool) -> None:
    """Note a result that is not a real extraction."""
    for w in result["warnings"]:
        if w["code"] == "W100":
            PROBLEMS.append(f"{name}: a stage failed: {w['message']}")
    if want_targets and not result["targets"]:
        PROBLEMS.append(f"{name}: no target, though its gold has some")


def plans() -> list[tuple[str, bytes, bool]]:
    """The seeds and the corpus: name, bytes, whether the gold lists targets."""
    out = []
    for texts, gold in ((ROOT / "samples", SHARED / "gold"),
                        (SHARED / "corpus", SHARED / "corpus" / "gold")):
        for g in sorted(gold.glob("*.json")):
            answer = json.loads(g.read_text(encoding="utf-8"))
            path = texts / answer["source"]
            out.append((path.name, path.read_bytes(), bool(answer["targets"])))
    return out


def cpu() -> float:
    """CPU seconds of this process and its reaped children: unlike wall time, not inflated
    by other work on a shared machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def bench_txt(rounds: int) -> None:
    """End to end through extract(): the warm child for plain text, as a caller gets it."""
    blobs = plans()
    megabytes = sum(len(b) for _, b, _ in blobs) / 1e6
    for name, data, want in blobs:  # warm-up, and the check of what is timed
        check(name, extract(data, filename=name), want)
    worker.close()  # reaped, so its CPU time so far is counted before the start
    start, start_cpu = time.perf_counter(), cpu()
    for _ in range(rounds):
        for name, data, _ in blobs:
            extract(data, filename=name)
    elapsed = time.perf_counter() - start
    worker.close()  # reaped: its CPU time joins this process's children's
    used = cpu() - start_cpu
    print(f"TXT  {len(blobs)} plans, {megabytes:.3f} MB x {rounds} rounds through extract(): "
          f"{megabytes * rounds / elapsed:.2f} MB/s wall, {megabytes * rounds / used:.2f} MB/s "
          "CPU time (goal >= 5 MB/s on one core)")


def scaling_text() -> str:
    """The plans the reader itself judges read a line a paragraph alone (16 of the 20 at
    stop 30; the others are wrapped PDF prose), joined: a text judged as each of its plans
    is, so its figures are theirs. Every plan joined was judged a line a paragraph as a
    whole since stop 29's wrapped-prose rule, the wrapped seeds with it: not like for like.
    A problem (exit 1) when the joined text is judged otherwise than its plans."""
    texts = [data.decode("utf-8-sig") for _, data, _ in plans()]
    kept = [t for t in texts if one_per_line(t)]
    text = "\n\n".join(kept)
    print(f"TXT  scaling text: the {len(kept)} of {len(texts)} plans read a line a paragraph "
          "alone, joined")
    if not one_per_line(text):
        PROBLEMS.append("the scaling text is read as wrapped prose, unlike its plans alone")
    alone = [extract(t.encode("utf-8"), filename="x.txt", memory_mb=0) for t in kept]
    joined = extract(text.encode("utf-8"), filename="x.txt", memory_mb=0)
    for key in ("targets", "tasks"):
        print(f"     1x gives {len(joined[key])} {key}; its plans alone "
              f"{sum(len(r[key]) for r in alone)}")
    return text


def bench_scaling() -> None:
    """The scaling text repeated 1, 2, 4 and 8 times: the time of reading and the stages
    (CPU time, in this process) and their peak memory."""
    text = scaling_text()
    sizes, times = [], []
    for k in (1, 2, 4, 8):
        data = ("\n\n".join([text] * k)).encode("utf-8")
        start = time.process_time()
        extract(data, filename="x.txt", memory_mb=0)
        times.append(time.process_time() - start)
        sizes.append(len(data))
        print(f"     {k}x {len(data) / 1e6:.2f} MB: {times[-1]:.2f} s")
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)
    print(f"TXT  time grows as size^{slope:.2f} (goal: 1.0, linear)")
    for label, memory_mb in (("reading and stages", 0), ("the caller's side of extract()",
                                                          READ_MEMORY_MB)):
        tracemalloc.start()  # traces this process only: memory_mb=0 runs it all here
        extract(data, filename="x.txt", memory_mb=memory_mb)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"TXT  peak memory of {label}: {peak / 1e6:.1f} MB for {len(data) / 1e6:.2f} MB "
              f"of text, {peak / len(data):.1f}x (goal <= 5x)")


def bench_pdf(rounds: int) -> None:
    """The fixtures' PDFs and a generated 60-page one (the figure kept from stop to stop),
    then the corpus's Word files printed to PDF by LibreOffice, when it is installed: real
    plans, accented, with tables and lists, where the generated PDF is unaccented prose."""
    blobs = [(p.name, p.read_bytes(), False)
             for p in sorted((ROOT / "tests" / "data" / "fixtures").glob("**/*.pdf"))]
    blobs.append(("generated-60-pages.pdf", generated_pdf(60), False))
    time_pdfs("PDF ", blobs, rounds)
    printed = corpus_pdfs()
    if printed is None:
        print("PDF  corpus printed to PDF: LibreOffice is not installed; not measured")
        return
    time_pdfs("PDF  corpus printed by LibreOffice:", printed, rounds)


def corpus_pdfs() -> list[tuple[str, bytes, bool]] | None:
    """The corpus's Word files printed to PDF (name, bytes, whether the gold lists
    targets); None without LibreOffice."""
    from theodoi.tools import soffice

    if soffice.find() is None:
        return None
    out = []
    for g in sorted((SHARED / "corpus" / "gold").glob("*.json")):
        answer = json.loads(g.read_text(encoding="utf-8"))
        docx = (SHARED / "corpus" / answer["source"]).with_suffix(".docx")
        pdf = soffice.convert(docx.read_bytes(), ".docx", "pdf", timeout_s=120)
        out.append((docx.with_suffix(".pdf").name, pdf, bool(answer["targets"])))
    return out


def time_pdfs(label: str, blobs: list[tuple[str, bytes, bool]], rounds: int) -> None:
    """Pages a second of the reader alone and of the whole extraction, CPU and wall, after
    checking that each file is a real extraction (`check`)."""
    for name, data, want in blobs:
        check(name, extract(data, filename=name), want)
    pages = 0
    start, start_cpu = time.perf_counter(), cpu()
    for _ in range(rounds):
        for name, data, _ in blobs:
            pages += read_source(data, name)[0].pages or 0
    read_s, read_cpu = time.perf_counter() - start, cpu() - start_cpu
    start, start_cpu = time.perf_counter(), cpu()
    for _ in range(rounds):
        for name, data, _ in blobs:
            extract(data, filename=name)
    full_s, full_cpu = time.perf_counter() - start, cpu() - start_cpu
    print(f"{label} {len(blobs)} files, {pages} pages read: reader {pages / read_s:.1f} pages/s "
          f"wall, {pages / read_cpu:.1f} CPU; full extraction {pages / full_s:.1f} pages/s wall, "
          f"{pages / full_cpu:.1f} CPU (goal >= 200 pages/s)")


def generated_pdf(pages: int) -> bytes:
    """A plan-like PDF: 45 lines a page, a running header and a page number on each."""
    sys.path.insert(0, str(ROOT))
    from tests.extraction.readers.pdfmaker import make_pdf

    body = [f"- Ty le ho dan su dung nuoc sach dat {n % 100}% vao nam 2030; phan dau tang "
            f"binh quan {n % 9},5%/nam." for n in range(43)]
    return make_pdf([["UY BAN NHAN DAN XA", *body, f"- {i} -"] for i in range(1, pages + 1)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {load()}")
    bench_txt(args.rounds)
    bench_scaling()
    bench_pdf(max(1, args.rounds))
    print(f"machine: {load()}")
    for problem in PROBLEMS:
        print(f"NOT A REAL EXTRACTION: {problem}", file=sys.stderr)
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    raise SystemExit(main())
