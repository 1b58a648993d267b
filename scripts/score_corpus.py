"""Score the development corpus in every form a commune's file comes in, with the contract's
scorer: its text exports, its Word files, its text wrapped as a PDF's text layer wraps it
(a blank line after each line, at 65, 80 and 95 characters), and, when LibreOffice is
installed, its Word files printed to PDF and read back by theodoi's PDF reader, as they are
(left-aligned, no indents) and laid out as NĐ 30 asks (justified, first lines indented); then how
many of tests/data/unseen's plans, made Word files with tables with and without borders and
printed to PDF, read as the clerk's answers.

    .venv/bin/python scripts/score_corpus.py

Prints one line a form: targets F1, tasks F1 and the task fields. The Word files' tables
are a paragraph of cells joined by " | " (how the corpus was made), so printed to PDF they
wrap as no real table does: the PDF line's targets figure is low for that reason alone
(corpus 10's and 15's tables); its tasks figures are the ones to read. Figures only.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.extraction.scoring import score, score_files  # noqa: E402
from tests.extraction.test_corpus_gold import CORPUS, _as_pdf_text  # noqa: E402

from theodoi.tools import soffice  # noqa: E402

GOLD = CORPUS / "gold"


def line(label: str, result: dict) -> str:
    fields = " ".join(f"{k} {v:.3f}" for k, v in result["task_fields"].items())
    return (f"{label:22} targets {result['targets']['f1']:.3f}  tasks "
            f"{result['tasks']['f1']:.3f}  ({fields})")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(line("text export", score(CORPUS, GOLD, _dir(work, "t"))))
        print(line("Word", score_files(sorted(CORPUS.glob("*.docx")), GOLD, _dir(work, "w"))))
        for width in (65, 80, 95):
            texts = _dir(work, f"wrapped{width}")
            for plan in CORPUS.glob("*.txt"):
                (texts / plan.name).write_text(
                    _as_pdf_text(plan.read_text(encoding="utf-8"), width), encoding="utf-8")
            print(line(f"wrapped at {width}", score(texts, GOLD, _dir(work, f"p{width}"))))
        if soffice.find() is None:
            print("PDF: LibreOffice is not installed; not scored")
            return
        pdfs = _dir(work, "pdf")
        for plan in sorted(CORPUS.glob("*.docx")):
            pdf = soffice.convert(plan.read_bytes(), ".docx", "pdf", timeout_s=120)
            (pdfs / f"{plan.stem}.pdf").write_bytes(pdf)
        print(line("Word printed to PDF", score_files(sorted(pdfs.glob("*.pdf")), GOLD,
                                                       _dir(work, "d"))))
        laid = _dir(work, "nd30")
        for plan in sorted(CORPUS.glob("*.docx")):
            pdf = soffice.convert(as_nd30(plan.read_bytes()), ".docx", "pdf", timeout_s=120)
            (laid / f"{plan.stem}.pdf").write_bytes(pdf)
        print(line("as NĐ 30, to PDF", score_files(sorted(laid.glob("*.pdf")), GOLD,
                                                    _dir(work, "j"))))
        print(unseen_as_pdf())


def as_nd30(docx: bytes) -> bytes:
    """The Word file laid out as NĐ 30/2020 asks and most offices print: Times New Roman
    14, justified, each paragraph's first line indented 1.27 cm, 6 pt after; a short line
    in capitals (a title) centred. The corpus's own files are left-aligned with no indent."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document(io.BytesIO(docx))
    for style in document.styles:
        font = getattr(style, "font", None)
        if font is not None:
            font.name, font.size = "Times New Roman", Pt(14)
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if text.isupper() and len(text) < 60:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.space_after = Pt(6)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def unseen_as_pdf() -> str:
    """tests/data/unseen's plans as a clerk's Word files, their tables with borders drawn
    and without, printed to PDF by LibreOffice: how many read as the clerk's answers
    (test_unseen's comparison), and which do not."""
    from tests.extraction.test_unseen import PLANS, _as_word_file, _reads_as_expected

    from theodoi.extraction import extract

    said = []
    for label, style in (("bordered tables", "Table Grid"), ("borderless tables", None)):
        failed = []
        for plan in PLANS:
            word = _as_word_file(plan.read_text(encoding="utf-8"), style=style, tab_rows=True)
            pdf = soffice.convert(word, ".docx", "pdf", timeout_s=120)
            try:
                _reads_as_expected(extract(pdf, filename=f"{plan.stem}.pdf"), plan)
            except AssertionError:
                failed.append(plan.stem)
        said.append(f"unseen plans as PDF, {label}: {len(PLANS) - len(failed)} of "
                    f"{len(PLANS)} read as expected"
                    + (f" (not: {', '.join(failed)})" if failed else ""))
    return "\n".join(said)


def _dir(work: Path, name: str) -> Path:
    path = work / name
    path.mkdir()
    return path


if __name__ == "__main__":
    main()
