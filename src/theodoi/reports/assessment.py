"""The report's judgement and what comes next: results, limits by field, causes, next
period's tasks by field, and kiến nghị — as a commune writes them, from the figures and the
answered explanations.

- Limits are the targets off track and the tasks overdue, grouped by field, the worst
  first, each named once; tasks whose field is unknown stand last under "Các nhiệm vụ".
- Causes are the answers to explanation requests, each said once; an answer that labels
  its causes ("Khách quan: …; Chủ quan: …") is split into the two kinds real reports list.
- Next period's tasks are said in directive voice by field (tasks of no known field under
  "Các nhiệm vụ"), the overdue first.
- Kiến nghị are the sentences of the answers that ask for something ("đề nghị tỉnh hỗ trợ
  …"); a report without any says "Không." — the section is always there.

Nothing internal (a missing explanation, a status code) goes into this outgoing text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from theodoi.domain.text import squash
from theodoi.reports.model import FIELD_HEADINGS, Direction, Section, TargetLine, TaskLine

# off-track statuses, worst first, and the words a limit line closes with
LIMIT_WORDS = {"khong_dat": "không đạt", "cham_tien_do": "chậm tiến độ",
               "co_nguy_co": "có nguy cơ không đạt"}
TASKS_HEADING = "Các nhiệm vụ"  # the tasks no field of work is known for
# an answer's own labels for its kinds of cause
CAUSE_LABELS = {"khách quan": "khach_quan", "chủ quan": "chu_quan"}
CAUSE_HEADINGS = {"khach_quan": "Nguyên nhân khách quan", "chu_quan": "Nguyên nhân chủ quan",
                  "": "Nguyên nhân khác"}  # no heading when no answer labels its causes
_LABEL = re.compile(r"(?i)\b(khách quan|chủ quan)\s*[:：\-–]\s*")
# words that make a sentence of an answer a request to the level above
PROPOSAL_WORDS = ("đề nghị", "kiến nghị", "đề xuất", "xin ", "hỗ trợ", "tạo điều kiện")
NO_PROPOSAL = "Không."
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
# next period, in directive voice: an overdue task, a task due, a target's milestone
DIRECTIVES = {"overdue": "Tập trung hoàn thành {text} (quá hạn từ {due})",
              "task": "Triển khai thực hiện {text}, hoàn thành trước {due}",
              "task_undated": "Tiếp tục thực hiện {text}",
              "target": "Phấn đấu {text} ({due})"}
NO_DIRECTION = "Tiếp tục thực hiện các chỉ tiêu, nhiệm vụ còn lại theo kế hoạch."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _once(lines: Iterable[str]) -> list[str]:
    """Lines in order, each said once (compared without case and spacing)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = squash(line.lower()).rstrip(".;")
        if key and key not in seen:
            seen.add(key)
            out.append(line)
    return out


def results(targets: list[TargetLine], tasks: list[TaskLine]) -> str:
    """'Có 3 chỉ tiêu đạt, vượt kế hoạch và 5 chỉ tiêu đúng tiến độ; 4 nhiệm vụ đã hoàn
    thành. Lĩnh vực … có mọi chỉ tiêu đạt hoặc đúng tiến độ.'"""
    reached = sum(1 for t in targets if t.status in ("dat", "vuot"))
    on_track = sum(1 for t in targets if t.status == "dung_tien_do")
    done = sum(1 for t in tasks if t.group == "hoan_thanh")
    text = (f"Có {reached} chỉ tiêu đạt, vượt kế hoạch và {on_track} chỉ tiêu đúng tiến độ; "
            f"{done} nhiệm vụ đã hoàn thành.")
    good = [_lower_first(FIELD_HEADINGS[code]) for code in FIELD_HEADINGS
            if (rows := [t for t in targets if t.field == code])
            and all(t.status in ("dat", "vuot", "dung_tien_do") for t in rows)]
    if good:
        named = ", ".join(good)
        text += f" {named[:1].upper()}{named[1:]}: mọi chỉ tiêu đạt hoặc đúng tiến độ."
    return text


def limits(targets: list[TargetLine], tasks: list[TaskLine]) -> list[Section]:
    """Off-track targets by field (fields ordered by their worst item, items worst first),
    then the overdue tasks; each named once."""
    rank = {code: i for i, code in enumerate(LIMIT_WORDS)}
    off = sorted((t for t in targets if t.status in rank), key=lambda t: rank[t.status])
    by_heading: dict[str, list[str]] = {}
    for t in off:
        by_heading.setdefault(FIELD_HEADINGS.get(t.field, t.field), []).append(
            f"{t.name} {LIMIT_WORDS[t.status]}.")
    late = [k for k in tasks if k.group == "qua_han"]
    for k in sorted(late, key=lambda k: task_heading(k.field) == TASKS_HEADING):
        by_heading.setdefault(task_heading(k.field), []).append(
            f"{k.title} ({k.agency}) quá hạn{f' từ {k.due:%d/%m/%Y}' if k.due else ''}.")
    return [Section(heading, _once(lines)) for heading, lines in by_heading.items()]


def task_heading(field: str | None) -> str:
    """The heading a task stands under: its field's, or "Các nhiệm vụ" when none is known."""
    return FIELD_HEADINGS[field] if field and field != "khac" and field in FIELD_HEADINGS \
        else TASKS_HEADING


def split_causes(answer: str) -> dict[str, str]:
    """An answer's causes by kind: labelled parts ('Khách quan: …; Chủ quan: …') under
    khach_quan / chu_quan, the rest under ''."""
    parts = _LABEL.split(answer.strip())
    out = {"": parts[0].strip(" ;.")} if parts[0].strip(" ;.") else {}
    for label, text in zip(parts[1::2], parts[2::2], strict=True):
        if text.strip(" ;."):
            out[CAUSE_LABELS[label.lower()]] = text.strip(" ;.")
    return out


def causes(answers: Mapping[str, str], names: Mapping[str, str]) -> list[Section]:
    """The causes given, by kind (khách quan, chủ quan, then unlabelled ones named by the
    item they explain), each said once."""
    kinds: dict[str, list[str]] = {kind: [] for kind in CAUSE_HEADINGS}
    for ref, answer in answers.items():
        for kind, text in split_causes(answer).items():
            line = text if kind or ref not in names else f"{names[ref]}: {_lower_first(text)}"
            kinds[kind].append(f"{line}.")
    labelled = bool(kinds["khach_quan"] or kinds["chu_quan"])
    return [Section(CAUSE_HEADINGS[k] if k or labelled else "", _once(lines))
            for k, lines in kinds.items() if lines]


def proposals(answers: Iterable[str]) -> list[str]:
    """The sentences of the answers that ask the level above for something."""
    asked = [s.strip(" ;") for a in answers for s in _SENTENCE.split(a)
             if any(w in s.lower() for w in PROPOSAL_WORDS)]
    return _once(f"{s[:1].upper()}{s[1:]}" + ("" if s.endswith(".") else ".")
                 for s in asked if s)


def directive(d: Direction) -> str:
    """A next-period line in directive voice."""
    text = _lower_first(d.text.rstrip(" ."))
    if d.kind == "target":
        form = DIRECTIVES["target"] if d.due else "Phấn đấu {text}"
    elif d.overdue:
        form = DIRECTIVES["overdue"] if d.due else DIRECTIVES["task_undated"]
    else:
        form = DIRECTIVES["task"] if d.due else DIRECTIVES["task_undated"]
    who = f"; chủ trì: {d.agency}" if d.agency else ""
    return form.format(text=text, due=d.due) + f"{who}."


def next_tasks(directions: list[Direction]) -> list[Section]:
    """Next period's lines by field (targets and tasks alike; tasks of no known field
    under "Các nhiệm vụ", last), the overdue first in each."""
    groups: dict[str, list[Direction]] = {}
    for d in directions:
        heading = FIELD_HEADINGS.get(d.field or "", TASKS_HEADING) if d.kind == "target" \
            else task_heading(d.field)
        groups.setdefault(heading, []).append(d)
    order = [*FIELD_HEADINGS.values(), TASKS_HEADING]
    return [Section(h, _once(directive(d) for d in sorted(groups[h], key=lambda d: not d.overdue)))
            for h in order if h in groups]
