"""Leaders' directions (ý kiến chỉ đạo) given in the period, as the report quotes them.

A direction on an item that is behind (a target off track, a task overdue) is quoted in
"Tồn tại, hạn chế" after the limits, the worst item first, so the report says what the
leadership asked for where things went wrong; one on any other item goes under "Công tác
lãnh đạo, chỉ đạo". A direction said on several items, or twice, is quoted once, naming
its items. The speaker is named by title when one is stored, else by role words
(`SPEAKER`); never by user name, and @mentions (user names) are taken out of the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from theodoi.domain.reminders import MENTION
from theodoi.domain.text import squash
from theodoi.reports.model import Section, TargetLine, TaskLine

# how a speaker with no stored title is named: the leader's role and the unit they lead
SPEAKER = "đồng chí lãnh đạo {unit}"
# the closing part of "Tồn tại, hạn chế" that quotes the directions on items behind
HEADING = "Ý kiến chỉ đạo đối với các chỉ tiêu, nhiệm vụ chậm, chưa đạt"
# an item behind: "Đối với tỷ lệ hộ nghèo (chậm tiến độ), đồng chí … chỉ đạo: “…”."
BEHIND = "Đối với {items} ({state}), {who} chỉ đạo: “{words}”."
# an item on track, under Công tác lãnh đạo, chỉ đạo
GIVEN = "{who} chỉ đạo về {items}: “{words}”."
# an item's state in the quote, worst first (the order the quotes follow)
STATE_WORDS = {"khong_dat": "không đạt", "cham_tien_do": "chậm tiến độ",
               "co_nguy_co": "có nguy cơ không đạt", "qua_han": "quá hạn"}
_MENTION = re.compile(MENTION.pattern, re.IGNORECASE)


@dataclass(frozen=True)
class DirectionInput:
    """A leader's direction on item `ref`, given on `on`, by `who` (a title or role words
    already: never a user name)."""

    ref: str
    who: str
    words: str
    on: date


def speaker(title: str | None, unit: str) -> str:
    """'Chủ tịch UBND xã' as stored, else 'đồng chí lãnh đạo xã An Bình'."""
    if title and title.strip():
        return f"đồng chí {squash(title)}"
    return SPEAKER.format(unit=_lower_first(unit))


def clean(words: str) -> str:
    """The direction as the report quotes it: no @mentions, one line, no closing stop."""
    text = squash(_MENTION.sub("", words)).strip(" .;,")
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """A name inside a sentence: 'Tỷ lệ hộ nghèo' -> 'tỷ lệ …'; 'UBND …' stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _states(targets: Iterable[TargetLine], tasks: Iterable[TaskLine]) -> dict[str, str]:
    """The items behind, by ref: their state code of `STATE_WORDS`."""
    out = {t.ref: t.status for t in targets if t.status in STATE_WORDS}
    out.update({t.ref: "qua_han" for t in tasks if t.group == "qua_han"})
    return out


def _grouped(given: Iterable[DirectionInput]) -> dict[tuple[str, str], list[DirectionInput]]:
    """Directions by (speaker, words said), in the order given: one quote each."""
    out: dict[tuple[str, str], list[DirectionInput]] = {}
    for d in sorted(given, key=lambda d: d.on):
        words = clean(d.words)
        if words:
            out.setdefault((d.who, squash(words.lower())), []).append(d)
    return out


def quotes(given: Iterable[DirectionInput], targets: list[TargetLine],
           tasks: list[TaskLine]) -> tuple[list[Section], list[str]]:
    """The section quoting the directions on items behind (none when there are none) and
    the lines of the directions on other items, each direction once."""
    names: Mapping[str, str] = {**{t.ref: t.name for t in targets},
                                **{t.ref: t.title for t in tasks}}
    states = _states(targets, tasks)
    rank = list(STATE_WORDS)
    behind: list[tuple[int, str]] = []
    other: list[str] = []
    for said in _grouped(d for d in given if d.ref in names).values():
        refs = list(dict.fromkeys(d.ref for d in said))
        bad = sorted((r for r in refs if r in states), key=lambda r: rank.index(states[r]))
        items = ", ".join(_lower_first(names[r].rstrip(" .;")) for r in (bad or refs))
        first = said[0]
        if bad:
            state = ", ".join(dict.fromkeys(STATE_WORDS[states[r]] for r in bad))
            behind.append((rank.index(states[bad[0]]), BEHIND.format(
                items=items, state=state, who=first.who, words=clean(first.words))))
        else:
            line = GIVEN.format(who=first.who, items=items, words=clean(first.words))
            other.append(line[:1].upper() + line[1:])
    lines = [text for _, text in sorted(behind, key=lambda b: b[0])]
    return ([Section(HEADING, lines)] if lines else []), other
