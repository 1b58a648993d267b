"""Build the user guide's picture of a sơ kết report's first page from the sample data.

    .venv/bin/python scripts/report_picture.py [--out docs/anh/bao-cao-so-ket-trang-1.png]

Loads the samples into a throw-away SQLite database, records the demo's sample progress
(services/demo/sample_progress.py: deterministic, no clock), builds the sơ kết report of Xã Ngọc
Liên's plan, converts it to PDF with LibreOffice and page 1 to PNG with pdftoppm (100 dpi).
Needs what scripts/test.sh installs: libreoffice-writer-nogui, fonts-liberation2 and
poppler-utils.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from theodoi.services.demo import sample as demo
from theodoi.services.demo import sample_progress as demo_progress
from theodoi.services.reporting import report_data as reporting
from theodoi.storage import db
from theodoi.storage.models import Plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "004_6b6b87edb22c8fec.txt"  # Kế hoạch of UBND xã Ngọc Liên, term 2025-2030
DPI = 100


def build_pdf(folder: Path) -> bytes:
    url = f"sqlite:///{folder / 'theodoi.db'}"
    db.upgrade(url)
    with db.session_factory(url)() as s:
        loaded = dict(demo.load_samples(s, ROOT / "samples", max_bytes=50 << 20))
        plan_id = loaded[SAMPLE].plan_id
        recorded = demo_progress.record_sample_progress(s, plan_id)
        unit = s.get(Plan, plan_id).unit.code
        report = reporting.build_report(s, reporting.Request(
            unit, "so_ket", recorded.periods["so_ket"], plan_id=plan_id))
        return reporting.render(report, "pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/anh/bao-cao-so-ket-trang-1.png")
    out = parser.parse_args().out
    with tempfile.TemporaryDirectory(prefix="theodoi-picture-") as tmp:
        pdf = Path(tmp) / "bao-cao.pdf"
        pdf.write_bytes(build_pdf(Path(tmp)))
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png",
                        "-singlefile", str(pdf), str(out.with_suffix(""))], check=True)
    print(f"{out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
