"""The committed fixtures (scripts/build_fixtures.py) read as a commune clerk would read them."""

from __future__ import annotations

from tests.cli.test_extract_cli import run
from tests.conftest import FIXTURES
from theodoi.extraction import extract, read_source

DIR = FIXTURES / "fixtures"


def test_the_state_plan_docx_gives_its_header_and_outline() -> None:
    result = extract(DIR / "ke-hoach-ubnd.docx")
    doc = result["document"]
    assert (doc["kind"], doc["number"], doc["issued_on"]) == ("ke_hoach", "45/KH-UBND",
                                                               "2026-01-12")
    assert doc["term"] == {"start": 2026, "end": 2030}
    assert doc["signer"] == {"name": "Nguyễn Văn Minh", "position": "Chủ tịch",
                             "on_behalf": "TM. Ủy ban nhân dân"}
    labels = [(h["label"], h["title"]) for h in result["outline"] if h["level"] == 1][:3]
    assert labels == [("1.", "Mục tiêu và chỉ tiêu chủ yếu"), ("2.", "Nhiệm vụ, giải pháp"),
                      ("3.", "Tổ chức thực hiện")]


def test_the_appendix_rows_are_cells_in_reading_order() -> None:
    source = read_source(DIR / "ke-hoach-ubnd.docx")[0]
    cells = [b for b in source.blocks if b.kind == "cell" and b.table == 1]
    row = [source.text[b.start:b.end] for b in cells if b.row == 2]
    assert row == ["1", "Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", "UBND xã",
                   "Quý II năm 2026"]


def test_tcvn3_fixtures_become_unicode() -> None:
    docx = read_source(DIR / "ke-hoach-dang-uy-tcvn3.docx")[0]
    assert docx.text.startswith("ĐẢNG ỦY XÃ HÒA BÌNH\nKẾ HOẠCH\nThực hiện Nghị quyết")
    txt = read_source(DIR / "ke-hoach-tcvn3.txt")[0]
    assert txt.text.startswith("Kế hoạch phát triển kinh tế - xã hội năm 2026")
    assert [w.code for w in txt.warnings] == ["W001"]


def test_batch_over_the_fixtures_reports_warnings_as_partial(tmp_path) -> None:
    proc = run("extract", str(DIR), "--out", str(tmp_path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "0 lỗi" in proc.stdout
    names = sorted(p.name for p in tmp_path.glob("*.json"))
    assert names == ["ke-hoach-bang-khong-vien.docx.json", "ke-hoach-bang-khong-vien.pdf.json",
                     "ke-hoach-bang-ubnd.docx.json", "ke-hoach-bang-ubnd.pdf.json",
                     "ke-hoach-dang-uy-tcvn3.docx.json", "ke-hoach-dang-uy-tcvn3.pdf.json",
                     "ke-hoach-nd30.docx.json", "ke-hoach-nd30.pdf.json",
                     "ke-hoach-tcvn3.json", "ke-hoach-ubnd.docx.json", "ke-hoach-ubnd.pdf.json"]


def test_the_pdf_export_reads_like_its_docx() -> None:
    pdf = extract(DIR / "ke-hoach-ubnd.pdf")
    docx = extract(DIR / "ke-hoach-ubnd.docx")
    assert pdf["source"]["format"] == "pdf" and pdf["source"]["pages"] >= 1
    for field in ("kind", "number", "issued_on", "place", "issuer", "term", "signer"):
        assert pdf["document"][field] == docx["document"][field], field
    assert pdf["document"]["issuer"] == "Ủy ban nhân dân xã Hòa Bình"
    assert [t["value"] for t in pdf["targets"]] == [t["value"] for t in docx["targets"]] == [
        95, 0.5, 97, 5]
    assert [(t["lead_agency"], t["due"]["date"]) for t in pdf["tasks"]] == [
        ("Phòng Kinh tế", "2027-12-31"),   # "Giao Phòng Kinh tế chủ trì …; hoàn thành … 2027"
        ("UBND xã", "2026-06-30"), ("Phòng Kinh tế", "2026-12-31"),
        # the appendix's narrow cell wraps the body's name over three lines
        ("Văn phòng HĐND và UBND", "2026-03-31")]
    # a title wrapped after "2026 -" keeps its spaces
    assert [t["title"] for t in pdf["tasks"]][1:] == [t["title"] for t in docx["tasks"]][1:] == [
        "Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", "Đề án phát triển sản phẩm OCOP",
        "Kế hoạch chuyển đổi số hằng năm"]


def test_the_tcvn3_pdf_export_keeps_its_legacy_text_readable() -> None:
    source = read_source(DIR / "ke-hoach-dang-uy-tcvn3.pdf")[0]
    # .VnTimeH draws lower-case codes as capitals, which a text layer cannot show
    assert "kế hoạch" in source.text.lower()
    assert "Thực hiện Nghị quyết Đại hội Đảng bộ xã" in source.text
    assert "W001" in [w.code for w in source.warnings]
