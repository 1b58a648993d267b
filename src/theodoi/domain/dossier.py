"""Reward dossiers (hồ sơ đề nghị khen thưởng) and the movement's deadline: pure rules.

A participant proposed for a reward owes the papers the movement's dossier list names
(the plan's "Thủ tục, hồ sơ đề nghị khen thưởng", read by extraction into
`movement.details["dossier"]`); a movement typed in by hand uses the usual list of Decree
98/2023/NĐ-CP (DEFAULT_DOSSIER). Each paper is present when a file was uploaded for it or
when theodoi produces it from the register (PRODUCED; the council's minutes, AFTER_VOTE,
only once the council has voted on the participant — the caller passes that fact in),
else missing. The deadline
("trước ngày 10/11/2024") stands as days left, due today or overdue on the day passed in.
No I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# kind -> how the checklist names a paper of that kind (extraction's dossier kinds)
ITEM_KINDS: dict[str, str] = {
    "proposal": "Tờ trình, văn bản đề nghị kèm danh sách",
    "review_minutes": "Biên bản bình xét khen thưởng",
    "achievement_report": "Báo cáo thành tích",
    "council_minutes": "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    "other": "Giấy tờ khác",
}
# the dossier of Decree 98/2023/NĐ-CP art. 84 when the movement's plan names none
DEFAULT_DOSSIER: tuple[dict[str, Any], ...] = (
    {"kind": "proposal", "text": "Tờ trình đề nghị khen thưởng kèm danh sách tập thể, "
                                 "cá nhân đề nghị khen thưởng", "form_ref": None},
    {"kind": "review_minutes", "text": "Biên bản bình xét khen thưởng", "form_ref": None},
    {"kind": "achievement_report", "text": "Báo cáo thành tích của tập thể, cá nhân được "
                                           "đề nghị khen thưởng",
     "form_ref": "theo mẫu Phụ lục kèm theo Nghị định số 98/2023/NĐ-CP"},
    {"kind": "council_minutes", "text": "Biên bản họp Hội đồng Thi đua - Khen thưởng",
     "form_ref": None},
)
# kinds theodoi writes itself from the register (services say where it is downloaded)
PRODUCED = frozenset({"achievement_report"})
# kinds theodoi writes only once the council has voted on the participant's sheet: the
# biên bản họp Hội đồng lists every participant voted on (services/emulation/papers.py)
AFTER_VOTE = frozenset({"council_minutes"})
STATES = {"present": "Đã có", "produced": "theodoi lập được", "missing": "Còn thiếu"}
MAX_ITEMS = 30


@dataclass(frozen=True)
class Item:
    """One paper of the checklist: its position in the list, kind, words and state."""

    index: int
    kind: str
    text: str
    form_ref: str | None
    state: str  # a key of STATES
    files: tuple[int, ...]  # ids of the uploaded files, oldest first

    @property
    def missing(self) -> bool:
        return self.state == "missing"


def dossier_list(details: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The papers the movement asks for: its plan's dossier list, else DEFAULT_DOSSIER."""
    found = (details or {}).get("dossier") or []
    items = [d for d in found if isinstance(d, Mapping) and str(d.get("text") or "").strip()]
    chosen = items[:MAX_ITEMS] if items else list(DEFAULT_DOSSIER)
    return [{"kind": d.get("kind") if d.get("kind") in ITEM_KINDS else "other",
             "text": " ".join(str(d["text"]).split()), "form_ref": d.get("form_ref")}
            for d in chosen]


def produced(voted: bool) -> frozenset[str]:
    """The kinds theodoi produces for a participant: AFTER_VOTE ones once `voted`."""
    return PRODUCED | AFTER_VOTE if voted else PRODUCED


def checklist(papers: Sequence[Mapping[str, Any]], uploaded: Iterable[tuple[int, int]],
              *, voted: bool = False) -> list[Item]:
    """Each paper with its state: `uploaded` holds (paper index, file id) pairs; a paper
    with a file is present, one theodoi produces (`produced(voted)`: `voted` says whether
    the council has voted on the participant's sheet) is produced, the rest are missing."""
    made = produced(voted)
    files: dict[int, list[int]] = {}
    for index, file_id in sorted(uploaded, key=lambda x: x[1]):
        files.setdefault(index, []).append(file_id)
    out = []
    for i, d in enumerate(papers):
        got = tuple(files.get(i, ()))
        state = "present" if got else ("produced" if d["kind"] in made else "missing")
        out.append(Item(i, d["kind"], d["text"], d.get("form_ref"), state, got))
    return out


def complete(items: Iterable[Item]) -> bool:
    return not any(x.missing for x in items)


def standing(deadline: date, as_of: date) -> tuple[str, str, int]:
    """(code, words, days) of a deadline on the day: 'con_han' with days left,
    'hom_nay', or 'qua_han' with days overdue."""
    left = (deadline - as_of).days
    if left > 0:
        return "con_han", f"còn {left} ngày", left
    if left == 0:
        return "hom_nay", "hạn hôm nay", 0
    return "qua_han", f"quá hạn {-left} ngày", -left
