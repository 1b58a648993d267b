"""Who issues a report and who receives it, from the unit's level and its parent's.

Since 1 July 2025 local government has two levels: a commune (xã, phường, đặc khu) answers
straight to its province (tỉnh, or thành phố trực thuộc trung ương), with no district in
between. Nothing here names a place: the rules work from the levels, so a commune under a
province reports to "UBND tỉnh …" and its Đảng ủy to "Ban Thường vụ Tỉnh ủy", and a register
that still holds districts (huyện) comes out right too.

- State (NĐ 30/2020): the issuing body of a People's Committee is "ỦY BAN NHÂN DÂN / XÃ …"
  with no governing body above it (a UBND has no cơ quan chủ quản; the seeds and the
  communes' own plans write none). The report goes to the UBND above "(để báo cáo)", to the
  Thường trực Đảng ủy and Thường trực HĐND of its own level, the Chủ tịch and Phó Chủ tịch.
- Party (HD 36-HD/VPTW): the Party body above ("ĐẢNG BỘ TỈNH …") over the issuing committee
  ("ĐẢNG ỦY XÃ …"), a province's committee alone ("TỈNH ỦY …"); the report goes to the Ban
  Thường vụ of the committee above "(để báo cáo)" and to its own members and Party cells.
- Below the commune: a thôn or tổ dân phố is no State body; its report is headed by the
  commune's People's Committee above its own name ("ỦY BAN NHÂN DÂN XÃ … / THÔN …", NĐ 30's
  governing body line) and goes to the UBND of the commune. A chi bộ's is always a Party
  document ("ĐẢNG BỘ XÃ … / CHI BỘ …", HD 36) going to the commune's Đảng ủy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from theodoi.domain import levels
from theodoi.reports.model import Issuer, Signature

LEVEL_WORDS = levels.LEVELS  # one table: domain/levels.py
# a level above the commune -> its Party committee ("Tỉnh ủy Thanh Hóa"); a commune's is
# "Đảng ủy xã …"
PARTY_COMMITTEES = {"tinh": "Tỉnh ủy", "thanh_pho": "Thành ủy", "huyen": "Huyện ủy"}
COMMUNE_COMMITTEE = "Đảng ủy"
TO_REPORT = " (để báo cáo)"
STATE_CLOSING = ["Các cơ quan, đơn vị có liên quan", "Lưu: VT."]
PARTY_CLOSING = ["Các chi, đảng bộ trực thuộc"]
# Who signs a Party report (HD 36): a periodic report is the work of the standing
# committee, signed "T/M Ban Thường vụ" by the secretary or a deputy; a plan adopted by the
# Ban Chấp hành or a Đại hội (a nghị quyết, a chương trình hành động) is signed for that
# body, which does not sign reports. A plan signed for one of these keeps its signer.
PARTY_REPORT_BODY = "T/M Ban Thường vụ"
CELL_REPORT_BODY = "T/M Chi bộ"  # a chi bộ has no standing committee: it signs itself
CELL_REPORT_BODIES = ("chi bộ", "chi ủy")  # a chi bộ's signer, after "T/M"
PARTY_REPORT_BODIES = ("ban thường vụ", "đảng ủy", "chi bộ", "chi ủy")  # after "T/M"
PARTY_SECRETARIES = ("bí thư", "phó bí thư")  # a position that starts with one of these
PARTY_SECRETARY = "Bí thư"
ON_BEHALF = re.compile(r"^\s*T\s*/?\s*M\s*\.?\s*", re.IGNORECASE)  # "T/M ", "TM. "


@dataclass(frozen=True)
class Body:
    """A unit as the rules need it: its name ('Xã Ngọc Liên') and level code ('xa')."""

    name: str
    level: str


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def place_name(body: Body) -> str:
    """The name without its level word: 'Thị trấn Cổ Lễ' -> 'Cổ Lễ'."""
    for word in sorted(LEVEL_WORDS.values(), key=len, reverse=True):
        if body.name.lower().startswith(word + " "):
            return body.name[len(word) + 1:]
    return body.name


def locality(body: Body) -> str:
    """The unit as a phrase inside a sentence: 'xã Ngọc Liên', 'tỉnh Thanh Hóa'."""
    return _lower_first(body.name)


def committee_word(body: Body) -> str:
    """'Tỉnh ủy' for a province, 'Đảng ủy' for a commune."""
    return PARTY_COMMITTEES.get(body.level, COMMUNE_COMMITTEE)


def party_committee(body: Body) -> str:
    """'Tỉnh ủy Thanh Hóa', 'Đảng ủy xã Ngọc Liên'."""
    if body.level in PARTY_COMMITTEES:
        return f"{PARTY_COMMITTEES[body.level]} {place_name(body)}"
    return f"{COMMUNE_COMMITTEE} {locality(body)}"


def level_word(body: Body) -> str:
    return LEVEL_WORDS.get(body.level, _lower_first(body.name.split(" ", 1)[0]))


def issuer(body: Body, parent: Body | None, party: bool) -> Issuer:
    """The header's top-left block for a report of `body`."""
    if levels.is_below_commune(body.level):
        return _issuer_below(body, parent)
    if party:
        above = f"Đảng bộ {locality(parent)}" if parent else None
        return Issuer(party_committee(body), above, party=True)
    return Issuer(f"Ủy ban nhân dân {locality(body)}")


def _issuer_below(body: Body, parent: Body | None) -> Issuer:
    """'Đảng bộ xã … / Chi bộ thôn …' for a chi bộ, 'Ủy ban nhân dân xã … / Thôn …'."""
    if body.level in levels.PARTY_CELLS:
        return Issuer(body.name, f"Đảng bộ {locality(parent)}" if parent else None, party=True)
    return Issuer(body.name, f"Ủy ban nhân dân {locality(parent)}" if parent else None)


def _recipients_below(body: Body, parent: Body | None) -> list[str]:
    """A chi bộ reports to the commune's Đảng ủy, a thôn or tổ dân phố to its UBND."""
    if body.level in levels.PARTY_CELLS:
        out = [f"{COMMUNE_COMMITTEE} {locality(parent)}{TO_REPORT}"] if parent else []
        return [*out, "Các đồng chí đảng viên trong chi bộ", "Lưu chi bộ."]
    out = [f"UBND {locality(parent)}{TO_REPORT}"] if parent else []
    return [*out, f"Lưu: {body.name}."]


def _short_committee(body: Body) -> str:
    """The committee as a recipient line of the same level says it: 'Đảng ủy xã', 'Tỉnh ủy'."""
    word = committee_word(body)
    return word if body.level in PARTY_COMMITTEES else f"{word} {level_word(body)}"


def recipients(body: Body, parent: Body | None, party: bool) -> list[str]:
    """Nơi nhận of a report of `body`, the body it reports to first."""
    if levels.is_below_commune(body.level):
        return _recipients_below(body, parent)
    if party:
        out = [f"Ban Thường vụ {committee_word(parent)}{TO_REPORT}"] if parent else []
        word = committee_word(body)
        return [*out, f"Các đồng chí {word} viên", *PARTY_CLOSING, f"Lưu Văn phòng {word}."]
    out = [f"UBND {locality(parent)}{TO_REPORT}"] if parent else []
    here = level_word(body)
    return [*out, f"Thường trực {_short_committee(body)}{TO_REPORT}",
            f"Thường trực HĐND {here}{TO_REPORT}", f"Chủ tịch, các Phó Chủ tịch UBND {here}",
            *STATE_CLOSING]


def party_signature(signer: Mapping[str, str | None] | None,
                    default: str = PARTY_REPORT_BODY) -> Signature:
    """The signature block of a Party report from the plan's signer (on_behalf, position,
    name): its body when that body signs reports, else `default` (the Ban Thường vụ; a chi
    bộ's own: CELL_REPORT_BODY); its secretary or deputy secretary with the name, else
    'Bí thư' left for the clerk to sign."""
    signer = signer or {}
    on_behalf = signer.get("on_behalf") or ""
    body = ON_BEHALF.sub("", on_behalf).lower()
    kept = on_behalf if body.startswith(PARTY_REPORT_BODIES) else default
    position = signer.get("position") or ""
    if position.lower().startswith(PARTY_SECRETARIES):
        return Signature(kept, position, signer.get("name"))
    return Signature(kept, PARTY_SECRETARY, None)


def below_signature(level: str, signer: Mapping[str, str | None] | None) -> Signature:
    """The signature block of a report of a unit below the commune, whatever the plan's
    kind: a chi bộ's is a Party report signed for the chi bộ by its secretary; a thôn's or
    tổ dân phố's is signed by its head in his own name, no "TM." line — the plan's signer
    when it names a position, else the head's title (domain/levels.py HEADS) left for the
    clerk to sign; a signer for a body (the commune's "TM. Ủy ban nhân dân") is not his."""
    if level in levels.PARTY_CELLS:  # the commune's Đảng ủy and its secretary are not its
        own = ON_BEHALF.sub("", (signer or {}).get("on_behalf") or "").lower()
        return party_signature(signer if own.startswith(CELL_REPORT_BODIES) else None,
                               default=CELL_REPORT_BODY)
    if signer and signer.get("position") and not signer.get("on_behalf"):
        return Signature(None, signer.get("position"), signer.get("name"))
    return Signature(None, levels.HEADS[level], None)  # not the commune's "TM. …" signer
