"""Plans laid out in ways the seeds are not, each with the answer a careful clerk would list.

tests/data/unseen/<name>.txt is the plan; <name>.expected.json its targets (quote, indicator,
value, unit, kind, comparator, deadline_year, recurrence) and tasks (quote, title, lead and
co-agencies, due date, recurrence, kind). Every expected item must be found with these fields,
and nothing else may be found: a prediction that covers no expected quote is a false alarm.
"""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import pytest

from theodoi.extraction import extract

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "unseen"
PLANS = sorted(UNSEEN.glob("*.txt"))
TARGET_FIELDS = ("indicator", "value", "unit", "kind", "comparator", "deadline_year",
                 "recurrence")


def fold(text: str) -> str:
    return " ".join(text.split())


def _load(plan: Path) -> tuple[dict, dict]:
    expected = json.loads(plan.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return extract(plan), expected


def _covering(items: list[dict], quote: str, text: str) -> list[dict]:
    return [i for i in items if quote in fold(text[i["span"][0]:i["span"][1]])]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_document(plan: Path) -> None:
    got, expected = _load(plan)
    assert {k: got["document"][k] for k in expected["document"]} == expected["document"]
    assert not [w for w in got["warnings"] if w["code"] in ("W100", "W201")]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_targets(plan: Path) -> None:
    got, expected = _load(plan)
    text = plan.read_text(encoding="utf-8")
    for want in expected["targets"]:
        found = [t for t in _covering(got["targets"], want["quote"], text)
                 if t["value"] == want["value"]]
        assert found, f"not found: {want['quote']}"
        assert {k: found[0][k] for k in TARGET_FIELDS} == {k: want[k] for k in TARGET_FIELDS}
    quotes = [w["quote"] for w in expected["targets"]]
    false = [fold(t["text"]) for t in got["targets"]
             if not any(q in fold(text[t["span"][0]:t["span"][1]]) for q in quotes)]
    assert not false, f"not targets: {false}"


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_tasks(plan: Path) -> None:
    got, expected = _load(plan)
    text = plan.read_text(encoding="utf-8")
    for want in expected["tasks"]:
        found = _covering(got["tasks"], want["quote"], text)
        assert found, f"not found: {want['quote']}"
        task = found[0]
        assert fold(task["title"]).endswith(want["title"]), task["title"]
        due = task["due"] or {}
        assert (task["lead_agency"], task["co_agencies"], due.get("date"), due.get("recurrence"),
                task["kind"]) == (want["lead_agency"], want["co_agencies"], want["due_date"],
                                  want["recurrence"], want["kind"]), want["quote"]
    quotes = [w["quote"] for w in expected["tasks"]]
    false = [t["title"] for t in got["tasks"]
             if not any(q in fold(text[t["span"][0]:t["span"][1]]) for q in quotes)]
    assert not false, f"not tasks: {false}"


def _as_word_file(text: str, style: str | None = None, tab_rows: bool = False) -> bytes:
    """The plan as a clerk's Word file: each ' | ' line (with `tab_rows`, each line of three
    or more tab-separated cells too) a row of a real Word table (one table for a run of such
    lines), every other line a paragraph; `style` "Table Grid" draws the tables' borders."""
    from docx import Document

    document, table = Document(), None
    for line in text.splitlines():
        separator = " | " if " | " in line else (
            "\t" if tab_rows and line.strip("\t").count("\t") >= 2 else None)
        if separator is None:
            document.add_paragraph(line)
            table = None
            continue
        cells = line.split(separator)
        table = table or document.add_table(rows=0, cols=len(cells), style=style)
        for cell, value in zip(table.add_row().cells, cells, strict=False):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _reads_as_expected(got: dict, plan: Path) -> None:
    """The plan's expected targets (their fields) and tasks (lead, co-agencies, due date,
    kind) are what `got` holds, no more, whatever the quotes' text became."""
    expected = json.loads(plan.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert sorted(tuple(str(t[k]) for k in TARGET_FIELDS) for t in got["targets"]) == sorted(
        tuple(str(t[k]) for k in TARGET_FIELDS) for t in expected["targets"])
    tasks = [(t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date"), t["kind"])
             for t in got["tasks"]]
    assert sorted(map(str, tasks)) == sorted(str((w["lead_agency"], w["co_agencies"],
                                                   w["due_date"], w["kind"]))
                                             for w in expected["tasks"])


TABLED = [p for p in PLANS if " | " in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("plan", TABLED, ids=lambda p: p.stem)
def test_the_same_plan_as_a_word_file_reads_the_same(plan: Path) -> None:
    """A Word table gives each cell a paragraph of its own, not a ' | ' line: the targets
    and tasks are the same, and no header cell ("Đơn vị tính") reads as a body with work."""
    got = extract(_as_word_file(plan.read_text(encoding="utf-8")), filename=f"{plan.stem}.docx")
    _reads_as_expected(got, plan)


def _wrapped(text: str, width: int = 80, gap: str = "\n") -> str:
    """The plan as a PDF's text layer gives it: every line of prose broken at `width`
    characters, wherever a word ends (inside "tổ chức", say); table lines left whole; `gap`
    "\n\n" puts a blank line after every line, as the seeds' PDF text has."""
    return gap.join(line if " | " in line or "\t" in line
                    else gap.join(textwrap.wrap(line, width)) for line in text.splitlines())


# A PDF's text layer breaks its prose wherever a line ran out: inside a body's name
# ("Phòng\nVăn hóa - Xã hội", "Phòng Văn hóa\n- Xã hội"), a role written after the work
# ("…. Thời\ngian hoàn thành: …", "Cơ quan chủ trì:\nPhòng Kinh tế") or a commitment
# ("phấn\nđấu"); five page widths, so a break falls in a different place each time
@pytest.mark.parametrize("width", [60, 70, 80, 90, 100])
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_same_plan_with_its_lines_wrapped_reads_the_same(plan: Path, width: int) -> None:
    """A short plan wraps only its few long sentences, and a tab-separated appendix adds
    lines that never wrap: neither may hide that the prose was wrapped."""
    got = extract(_wrapped(plan.read_text(encoding="utf-8"), width).encode(),
                  filename=plan.name)
    _reads_as_expected(got, plan)


@pytest.mark.parametrize("width", [60, 70, 80, 90, 100])
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_same_plan_as_pdf_text_with_blank_lines_reads_the_same(plan: Path,
                                                                   width: int) -> None:
    """Every seed's PDF text has a blank line after each line: so may an unseen plan's."""
    got = extract(_wrapped(plan.read_text(encoding="utf-8"), width, "\n\n").encode(),
                  filename=plan.name)
    _reads_as_expected(got, plan)
