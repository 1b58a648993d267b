"""The dossier checklist's pure rule (issue 21 item 4 seam): which papers theodoi
produces itself — the achievement report always, the council's minutes only once the
council has voted on the participant's sheet."""

from __future__ import annotations

from theodoi.domain import dossier as D

# sample 002's "Thủ tục, hồ sơ đề nghị khen thưởng", as extraction reads it
PAPERS = [
    {"kind": "proposal", "text": "Tờ trình đề nghị khen thưởng", "form_ref": None},
    {"kind": "review_minutes", "text": "Biên bản bình xét khen thưởng", "form_ref": None},
    {"kind": "achievement_report", "text": "Báo cáo thành tích", "form_ref": "mẫu số 03"},
    {"kind": "council_minutes", "text": "Biên bản họp Hội đồng Thi đua - Khen thưởng",
     "form_ref": None},
]


def test_before_the_vote_the_minutes_are_missing() -> None:
    items = D.checklist(PAPERS, [])
    assert [x.state for x in items] == ["missing", "missing", "produced", "missing"]
    assert [x.index for x in items if x.missing] == [0, 1, 3]


def test_after_the_vote_theodoi_produces_the_minutes() -> None:
    items = D.checklist(PAPERS, [], voted=True)
    assert [x.state for x in items] == ["missing", "missing", "produced", "produced"]
    assert not D.complete(items)


def test_an_uploaded_file_counts_before_a_produced_paper() -> None:
    items = D.checklist(PAPERS, [(3, 12), (0, 9), (1, 10)], voted=True)
    assert [x.state for x in items] == ["present", "present", "produced", "present"]
    assert items[3].files == (12,) and D.complete(items)
    items = D.checklist(PAPERS, [(3, 12)], voted=False)
    assert items[3].state == "present"


def test_produced_kinds() -> None:
    assert D.produced(False) == {"achievement_report"}
    assert D.produced(True) == {"achievement_report", "council_minutes"}
