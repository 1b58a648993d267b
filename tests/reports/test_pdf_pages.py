"""A sơ kết report of a UBND and of a Đảng ủy rendered as LibreOffice lays it out: DOCX ->
PDF (reports/pdf.py) -> pages read back with poppler.

Checks what a person sees: A4 pages (portrait, the appendices landscape), a sane count,
the header words and the title on page 1 with their Vietnamese letters intact, only the
Times New Roman metric font embedded (no fallback font for a missing letter), the text
inside the NĐ 30 margins, and a page that is not blank, with ink in both header columns.
The PNG pages are kept in .artifacts/report-pages/ for a look.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.reports.conftest import need_pdf_tools
from tests.reports.inputs import EXPLANATIONS, STATE, TARGETS, TASKS, UPCOMING, party_report
from theodoi.domain.periods import midterm
from theodoi.reports import data, pdf
from theodoi.reports import docx as layout
from theodoi.reports.model import Report

PAGES = ROOT / ".artifacts" / "report-pages"
MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)


def state_so_ket() -> Report:
    return data.build_report(STATE, "so_ket", midterm(2025, 2030), TARGETS, TASKS,
                             EXPLANATIONS, UPCOMING)


@dataclass
class Rendered:
    name: str
    report: Report
    pdf: Path

    def run(self, *command: str) -> str:
        return subprocess.run([*command], check=True, capture_output=True, text=True,
                              timeout=60).stdout

    def page_text(self, page: int) -> str:
        return " ".join(self.run("pdftotext", "-f", str(page), "-l", str(page),
                                 str(self.pdf), "-").split())

    def page_sizes(self) -> list[tuple[float, float]]:
        info = self.run("pdfinfo", "-f", "1", "-l", "99", str(self.pdf))
        return [(float(w), float(h)) for w, h in
                re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]

    def words(self, page: int) -> list[tuple[float, float, float, float]]:
        html = self.run("pdftotext", "-f", str(page), "-l", str(page), "-bbox",
                        str(self.pdf), "-")
        return [tuple(map(float, m)) for m in re.findall(   # type: ignore[misc]
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html)]

    def gray(self, page: int, dpi: int = 50) -> tuple[int, int, bytes]:
        """Page `page` as a grey-scale bitmap (PGM from pdftoppm): width, height, pixels."""
        stem = self.pdf.with_name(f"{self.name}-gray")
        self.run("pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                 "-singlefile", str(self.pdf), str(stem))
        raw = stem.with_suffix(".pgm").read_bytes()
        magic, width, height, _, pixels = raw.split(maxsplit=4)
        assert magic == b"P5"
        return int(width), int(height), pixels


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Rendered]]:
    need_pdf_tools()
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    PAGES.mkdir(parents=True, exist_ok=True)
    for name, report in (("ubnd-so-ket", state_so_ket()), ("dang-uy-so-ket", party_report())):
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf.docx_to_pdf(layout.render(report)))
        out[name] = Rendered(name, report, path)
        for old in PAGES.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(PAGES / name)],
                       check=True, timeout=60)
    yield out
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("name", ["ubnd-so-ket", "dang-uy-so-ket"])
def test_pages_are_a4_and_as_many_as_the_content_needs(rendered: dict[str, Rendered],
                                                       name: str) -> None:
    r = rendered[name]
    sizes = r.page_sizes()
    appendices = len(r.report.appendices)
    # the report itself on 1-3 portrait pages, then a landscape page per Biểu
    assert appendices + 1 <= len(sizes) <= appendices + 3
    portrait = [s for s in sizes if s[0] < s[1]]
    assert sizes[:len(portrait)] == portrait and 1 <= len(portrait) <= 3
    for w, h in sizes:
        assert sorted((w, h)) == pytest.approx(sorted(A4), abs=1.0)
    assert all(w > h for w, h in sizes[len(portrait):])
    assert r.page_text(len(sizes)).startswith(f"Biểu {appendices:02d}")


def test_state_page_one_has_the_decree_header_and_title(rendered: dict[str, Rendered]) -> None:
    r = rendered["ubnd-so-ket"]
    text = r.page_text(1)
    for words in ("ỦY BAN NHÂN DÂN", "XÃ NGỌC LIÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", "Số: 15/BC-UBND",
                  "Ngọc Liên, ngày 05 tháng 10 năm 2026", "BÁO CÁO"):
        assert words in text, words
    # the title, wrapped or not; the term's non-breaking hyphen reads back as "-"
    printed = " ".join(r.report.summary.replace("\u2011", "-").split())
    assert printed in text and printed.endswith("nhiệm kỳ 2025-2030")
    assert "Sơ kết giữa nhiệm kỳ" in text and "Lĩnh vực văn hóa - xã hội" in text
    assert "Tỷ lệ hộ nghèo" in text and "13.284" in text and "10.250,75" in text


def test_party_page_one_has_the_party_header(rendered: dict[str, Rendered]) -> None:
    text = rendered["dang-uy-so-ket"].page_text(1)
    for words in ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY XÃ THÁI TÂN", "ĐẢNG CỘNG SẢN VIỆT NAM",
                  "-BC/ĐU", "BÁO CÁO", "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết số 05-NQ/ĐU"):
        assert words in text, words
    assert "CỘNG HÒA" not in text


@pytest.mark.parametrize("name", ["ubnd-so-ket", "dang-uy-so-ket"])
def test_only_the_times_new_roman_metric_font_is_embedded(rendered: dict[str, Rendered],
                                                          name: str) -> None:
    """Every letter, Vietnamese ones included, from Times New Roman or its metric twin:
    a fallback font for a missing letter would show here (and in the line breaks)."""
    fonts = rendered[name].run("pdffonts", str(rendered[name].pdf)).splitlines()[2:]
    families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-")[0] for line in fonts}
    assert families and families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman",
                                     "TimesNewRomanPS"}, families


@pytest.mark.parametrize("name", ["ubnd-so-ket", "dang-uy-so-ket"])
def test_text_stays_inside_the_decree_margins(rendered: dict[str, Rendered], name: str) -> None:
    """Top and bottom 20 mm, left 30 mm, right 15 mm (NĐ 30), on the portrait pages."""
    r = rendered[name]
    for page, (width, height) in enumerate(r.page_sizes(), start=1):
        if width > height:
            break
        boxes = r.words(page)
        assert boxes
        slack = 1.0  # a glyph's box may poke a point past the line it sits on
        assert min(b[0] for b in boxes) >= 30 * MM - slack
        assert max(b[2] for b in boxes) <= width - 15 * MM + slack
        assert min(b[1] for b in boxes) >= 20 * MM - slack
        assert max(b[3] for b in boxes) <= height - 20 * MM + slack


@pytest.mark.parametrize("name", ["ubnd-so-ket", "dang-uy-so-ket"])
def test_page_one_is_not_blank_and_has_both_header_columns(rendered: dict[str, Rendered],
                                                           name: str) -> None:
    width, height, pixels = rendered[name].gray(1)
    dark = sum(1 for p in pixels if p < 128)
    assert 0.01 < dark / (width * height) < 0.3
    header = pixels[:int(height * 0.12) * width]  # the top 12 %: the header block
    rows = [header[i:i + width] for i in range(0, len(header), width)]
    left = sum(1 for row in rows for p in row[:width // 2] if p < 128)
    right = sum(1 for row in rows for p in row[width // 2:] if p < 128)
    assert left > 50 and right > 50
    assert (PAGES / f"{name}-1.png").stat().st_size > 10_000
