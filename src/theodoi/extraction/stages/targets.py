"""Targets: every clause in the plan's body that commits to a value, a rate, or a recognition.

Clauses under a target list heading ("Chỉ tiêu cụ thể", "Mục tiêu cụ thể") are targets when
they hold a value or a recognition; elsewhere a clause needs a commitment word ("phấn đấu",
"đạt", "tăng bình quân" …). Sections about the past or the purpose are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, pairwise

from theodoi.domain.text import squash
from theodoi.extraction.labels import OPENS_ITEM, numbered_label, strip_label
from theodoi.extraction.model import Target, tagged
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import targets as R
from theodoi.extraction.stages import target_fields as F
from theodoi.extraction.stages.outline import appendix_start
from theodoi.extraction.stages.target_agencies import (
    Assignments,
    SiblingLeads,
    TableLeads,
    context_lead,
)
from theodoi.extraction.stages.target_merge import merge
from theodoi.extraction.stages.target_roadmaps import Roadmaps
from theodoi.extraction.stages.target_sections import Sections, field_of
from theodoi.extraction.stages.target_tables import table_cells, table_targets
from theodoi.extraction.stages.target_values import clause_words, segment, values
from theodoi.extraction.warnings import warn

DIGIT = re.compile(r"\d")


_last_commitment: tuple[str, bool] = ("", False)  # the text last asked, and its answer


def _commits(text: str) -> bool:
    """Whether `text` holds a commitment (R.COMMITMENT). A clause's words (clause_targets)
    and its text (_stated) are most often one string: asked of both in a row, the rule
    runs once (the answer kept is the last text's, compared by value)."""
    global _last_commitment
    last = _last_commitment
    if last[0] == text:
        return last[1]
    found = bool(R.COMMITMENT.search(text))
    _last_commitment = (text, found)
    return found


def clause_targets(ctx: Context, span: tuple[int, int], section: str | None, listed: bool,
                   term_end: int | None, item_opening: str | None = None,
                   carried: bool = False) -> list[Target]:
    """The targets of one clause: one per value, or one milestone / plan-relative target.

    item_opening: the first clause of the list item this clause belongs to; when it opens
    with 'Hằng năm, …' the whole item recurs, but for a clause with its own year ('Hằng
    năm, giảm …; phấn đấu đến năm 2030 đạt …'). carried: an earlier clause of the same sentence
    committed ('cụ thể: Phấn đấu …; 70% phụ nữ mang thai được tầm soát …'). The costly
    tests (not a target, yearly) run only once the clause has something to give, which few
    clauses have."""
    text, at = clause_words(ctx, span)
    if not listed and not DIGIT.search(text) and not R.STRIVE_FOR_STATE.search(text):
        return []  # no value, not in a list, no 'phấn đấu … đạt chuẩn': nothing to find
    if not listed and not carried and not _commits(text):
        return []  # the cheapest rejection first: many prose clauses commit to nothing
    matches = values(text)
    special = None if matches or not (listed or R.STRIVE_FOR_STATE.search(text)) else (
        _no_value_kind(text))
    if not (matches or special) or _not_target(text, listed):
        return []
    annual = (item_opening is not None and item_opening is not text and F.is_annual(item_opening)
              and not _own_year(text)) or F.is_annual(text)  # "Hằng năm, …; đến năm 2030 …"
    if special:
        return [_bare_target(span, section, text, special, annual, term_end,
                             ctx.text[span[0]:span[1]])]
    states = _states_beside(ctx, at, section, text, matches, annual, term_end) if (
        listed and R.MILESTONE.search(text)) else []
    segments = [_without_states(text, segment(text, matches, k), m, states)
                for k, m in enumerate(matches)]
    found = [_value_target(ctx, at, section, text, m, segments[k], annual, term_end)
             for k, m in enumerate(matches)]
    _carry_indicators(text, matches, found)
    return sorted(found + [t for t, _, _ in states], key=lambda t: t.span[0]) if states else found


def _without_states(text: str, seg: tuple[int, int], m: re.Match[str],
                    states: list[tuple[Target, int, int]]) -> tuple[int, int]:
    """A value's part of the clause without the states beside it: it starts after those
    before the value and ends before those after it."""
    start, end = seg
    for _, s, e in states:
        if start <= s and e <= m.start():
            start = e
        elif m.end() <= s < end:
            end = s
    while start < end and text[start] in " ,;":
        start += 1
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


def _states_beside(ctx: Context, at: Callable[[int], int], section: str | None, clause: str,
                   matches: list[re.Match[str]], annual: bool, term_end: int | None
                   ) -> list[tuple[Target, int, int]]:
    """The states a listed clause commits to beside its values, each a milestone of its own:
    "Hằng năm, Đảng bộ đạt hoàn thành tốt nhiệm vụ trở lên, 90% tổ chức đảng … trở lên,
    không có tổ chức đảng, đảng viên yếu kém". A part (between commas, ';' or 'và') with no
    value says one before the first value, or anywhere when it denies ("không có …"); a
    part after a value may go on with what the value counts ("90% tổ chức đảng, đảng viên
    hoàn thành …"), so it says none otherwise. Each with where its part starts and ends in
    the clause."""
    cuts = [0, *(m.end() for m in R.SEGMENT_END.finditer(clause)), len(clause)]
    parts = [(s, e) for s, e in pairwise(cuts) if not any(s <= m.start() < e for m in matches)]
    found: list[tuple[Target, int, int]] = []
    for k, (s, e) in enumerate(parts):
        piece = clause[s:e].strip(" ,;")
        if len(piece.split()) < MIN_STATE_WORDS or (found and s < found[-1][2]):
            continue
        denied = R.DENIED_STATE.match(piece)
        if (e <= matches[0].start() or denied) and R.MILESTONE.search(piece):
            if denied:  # "không có tổ chức đảng, đảng viên yếu kém": what it denies runs on
                while k + 1 < len(parts) and parts[k + 1][0] == e:
                    k, e = k + 1, parts[k + 1][1]
            start = s + clause[s:e].index(piece)
            end = start + len(clause[start:e].rstrip(" ,;."))
            own = (at(start), at(end))
            found.append((_bare_target(own, section, clause[start:end], "milestone", annual,
                                       term_end, ctx.text[own[0]:own[1]]), start, end))
    return found


def _carry_indicators(clause: str, matches: list[re.Match[str]], found: list[Target]) -> None:
    """A value after the first for which no measure could be named (its words before and
    after it name none) keeps the one before it: "Tỷ lệ đô thị hóa đến năm 2028 đạt 35%,
    đến năm 2030 đạt 40%" measures the same rate twice; "…, trong đó 50% đạt mức độ 2" a
    part of it, named after it."""
    for k in range(1, len(found)):
        start = segment(clause, matches, k)[0]
        head = clause[start:matches[k].start()]
        part = F.is_part(head) and found[k].unit == "%"  # a share of a share; a count names
        if not (F.names_nothing(found[k].indicator) or part):  # its own ("Số doanh nghiệp …")
            continue
        before = found[k - 1].indicator
        if part:
            said = squash(clause[matches[k].end():segment(clause, matches, k)[1]]).strip(" .;,")
            found[k].indicator = f"{before} (trong đó {said})" if said else before
        else:
            found[k].indicator = before


MIN_STATE_WORDS = 4  # "Hằng năm" opens the clause, "Đảng bộ đạt hoàn thành tốt …" states
def _clause_text(ctx: Context, span: tuple[int, int]) -> str:
    """A clause's text with its line breaks as spaces (the same length): a PDF breaks a line
    wherever it ran out, inside "phấn\nđấu" or "công\nnghệ", and the rules read words."""
    return ctx.text[span[0]:span[1]].replace("\n", " ")


def _not_target(text: str, listed: bool) -> bool:
    """Past results, counts of targets, conditions; in prose also context and money."""
    return bool(R.NOT_TARGET.search(text) or R.NOT_TARGET_ANYWHERE.search(text)
                or (not listed and R.NOT_TARGET_PROSE.search(text)))


def _value_target(ctx: Context, at: Callable[[int], int], section: str | None, clause: str,
                  m: re.Match[str], seg: tuple[int, int], annual: bool,
                  term_end: int | None) -> Target:
    """The target of one value `m` of `clause` (the clause as words; `at` maps its offsets
    to the document's), its part of the clause `seg`."""
    text = clause[seg[0]:seg[1]]
    shift = seg[0]
    rel = m.start("a") - len(m.group("pre") or "") - shift
    value, value_max, value_of = F.values(m)
    noun = (m.group("unit") or "").strip() if m.group("of") else None
    unit = F.norm_unit(F.unit_text(m), bool(m.group("of")), noun)
    kind = F.kind(text, rel)
    own = (at(seg[0]), at(seg[1]))
    target = Target(
        id="", label=None, section=section, text=ctx.text[own[0]:own[1]], span=own,
        indicator=_indicator(text, rel, m, shift, unit),
        kind=kind, direction=F.direction(text, rel),
        comparator=F.comparator(text, m, m.start() - shift), value=value,
        value_max=value_max, value_of=value_of, unit=unit,
        per_year=F.per_year(text, unit, kind, rel, text[m.end() - shift:m.end() - shift + 8]))
    # an average growth rate is over the term, even when the clause says 'hằng năm'
    yearly = annual and kind != "growth_rate"
    target.recurrence = "annual" if yearly else None
    target.per_year = target.per_year or (yearly and kind == "change")  # "Hằng năm, số vụ …
    # được phát hiện tăng trên 3%": a change that recurs each year is a change per year
    # the year of the value's own part of the clause, else the clause's ("… đến năm 2028 đạt
    # 35%, đến năm 2030 đạt 40%": 2028, then 2030)
    target.deadline_year = F.years(text, yearly, None) or F.years(clause, yearly, term_end)
    if unit is None:
        ctx.warnings.append(warn("W301", own))
    return target


def _indicator(text: str, rel: int, m: re.Match[str], shift: int, unit: str | None) -> str:
    """What is measured; for '100% thôn có nhà văn hóa' (nothing before the value) the words
    after it, as 'Tỷ lệ thôn có nhà văn hóa'; for 'có 3/5 thôn đạt chuẩn', 'Số thôn …'."""
    if m.group("of"):
        return F.indicator(text, rel, m.start("unit") - shift)
    measured = bool(m.group("unit") and unit in R.MEASURE_UNITS)
    counted = bool(m.group("unit") and unit and not measured
                   and not unit.startswith("%") and "đồng" not in unit)
    if measured and unit:
        return _measured(text, rel, m, shift, unit)
    if counted:  # "Có thêm 02 sản phẩm OCOP …" -> "Số sản phẩm OCOP …"
        found = F.indicator(text, rel, m.start("unit") - shift)
        action = F.clean_head(text[:rel])
        if _bare_action(found, action):  # "kết nạp ít nhất 12 đảng viên mới"
            tail = R.PER_YEAR_TAIL.sub("", F.counted_tail(text[m.start('unit') - shift:]))
            found = f"{found} {tail}"
        return found
    found = F.indicator(text, rel)
    head = text[:rel]  # nothing before the value: the words after it name what is counted
    if unit == "%" and (F.empty_head(head) or F.names_nothing(head)):
        tail = F.counted_tail(text[m.end("aunit") - shift:])
        return f"Tỷ lệ {tail}" if tail and not R.TAIL_NOT_NAME.match(tail) else found
    if unit == "%" and _bare_action(found, F.clean_head(head.rsplit(":", 1)[-1])):
        tail = R.TAIL_STOP.split(F.counted_tail(text[m.end("aunit") - shift:]))[0]
        # "hoàn thành 100% chỉ tiêu giao quân"; not a list cut short ("bố trí 3% tổng chi
        # … cho phát triển khoa học, công nghệ, …": the action alone stays its name)
        if tail and not R.TAIL_NOT_NAME.match(tail) and not R.ENUMERATION.search(tail):
            return f"{found} {tail}"
    return found


def _bare_action(found: str, action: str) -> bool:
    """Whether the indicator found is only the action before the amount ('Kết nạp', 'Trồng
    mới'), which what the amount is of must complete."""
    return (found == action[:1].upper() + action[1:] and len(action.split()) <= R.MAX_ACTION_HEAD
            and not R.MEASURE_WORDS.search(action))


def _measured(text: str, rel: int, m: re.Match[str], shift: int, unit: str) -> str:
    """A measure (ha, km, tấn) names what it measures after it: 'Có 300 ha lúa chất lượng
    cao' -> 'Diện tích lúa chất lượng cao', 'Cải tạo, nâng cấp 3 km đường giao thông' ->
    'Chiều dài đường giao thông được cải tạo, nâng cấp' (R.MEASURED_NAMES)."""
    found = F.indicator(text, rel)
    measure = unit.split()[0]
    tail = F.counted_tail(text[m.start("unit") + len(measure) - shift:])
    what = R.ENUMERATION.split(R.TAIL_STOP.split(tail)[0])[0]
    name = R.MEASURED_NAMES.get(measure)
    if not what:
        return found
    if F.empty_head(text[:rel]):
        return f"{name or 'Số'} {what}"
    action = F.clean_head(text[:rel])
    if not _bare_action(found, action):
        return found
    return f"{name} {what} được {action[:1].lower()}{action[1:]}" if name else f"{found} {what}"


def _no_value_kind(text: str) -> str | None:
    if R.PLAN_RELATIVE.search(text):
        return "plan_relative"
    if R.MILESTONE.search(text):
        return "milestone"
    return None


def _bare_target(span: tuple[int, int], section: str | None, text: str, kind: str,
                 annual: bool, term_end: int | None, verbatim: str) -> Target:
    """`text`: the clause as the rules read it; `verbatim`: as the document has it."""
    return Target(id="", label=None, section=section, text=verbatim, span=span,
                  indicator=F.indicator(text, len(text), whole=True).rstrip("."), kind=kind,
                  direction="increase",
                  comparator=">=" if kind == "plan_relative" else None,
                  recurrence="annual" if annual else None,
                  deadline_year=F.years(text, annual, term_end))


def _own_year(clause: str) -> int | None:
    """The deadline year the clause itself names, if any."""
    return F.years(clause, True, None)


def _date_from_context(found: list[Target], year: int | None) -> None:
    """Targets whose clause names no year take the year of the lead-in line or list heading
    they stand under ("2. Mục tiêu đến năm 2030", "Đến năm 2026:", "Định hướng đến năm
    2035"); yearly targets keep none."""
    if year is None:
        return
    for target in found:
        if target.recurrence is None:
            target.deadline_year = year


def _overlaps_any(spans: list[tuple[int, int]]) -> Callable[[tuple[int, int]], bool]:
    """A test of whether a span overlaps any of `spans`: the spans sorted by start, with the
    furthest end reached so far, so each test is a bisection, not a walk of them all."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def test(span: tuple[int, int]) -> bool:
        i = bisect_left(starts, span[1]) - 1  # the spans that start before `span` ends
        return i >= 0 and reach[i] > span[0]
    return test


def run(ctx: Context) -> None:
    """The targets of the prose and the tables, each with its lead, merged where restated.

    Each step is its own function so what one works with (the targets as stated, before
    merging; the assignments it read leads from) is let go before the next step builds its
    own: a long text's stated targets were held through the table-lead step, at the peak."""
    sections = Sections(ctx.outline)
    term_end = ctx.document.term[1] if ctx.document.term else None
    targets = _merged(ctx, sections, _with_leads(ctx, sections, _stated(ctx, sections,
                                                                          term_end)))
    _finish(ctx, sections, targets)
    ctx.targets = targets


def _stated(ctx: Context, sections: Sections, term_end: int | None) -> list[Target]:
    """The targets as the prose and the tables state them, in order."""
    targets: list[Target] = []
    item_opening: str | None = None
    last_section: str | None = None
    in_table = table_cells(ctx)
    lead_in_year: int | None = None
    carried = False  # the sentence so far committed ('Phấn đấu …; …; …')
    before: Target | None = None  # the sentence's last target so far, when it goes on
    roadmaps = Roadmaps(ctx)
    for span in ctx.clauses:
        section, listed, skipped = sections.flags(span[0])
        if skipped or in_table(span):
            continue  # a row of a table the table stage reads is no prose
        text = _clause_text(ctx, span)
        if section != last_section:
            lead_in_year = None
        if (OPENS_ITEM.match(text) or section != last_section
                or (item_opening is not None and not strip_label(item_opening).strip())):
            item_opening, last_section = text, section  # a label alone ("6.4.") opens
            # nothing: its item's opening is the clause after it ("Hàng năm, …; …; …")
        if ctx.text.startswith(":", span[1]):  # "Đến hết năm 2030, phấn đấu đạt … sau:"
            lead_in_year = _own_year(text) or lead_in_year
        found = clause_targets(ctx, span, section, listed, term_end, item_opening,
                               carried or roadmaps.commits(text))
        if found and before is not None and F.names_nothing(found[0].indicator):
            found[0].indicator = before.indicator  # "… còn 3%; đến năm 2030 còn dưới 1%"
        goes_on = ctx.text.startswith(";", span[1])
        before = (found[-1] if found else before) if goes_on else None
        carried = goes_on and (carried or bool(found) or _commits(text))
        if found and not _own_year(text):
            _date_from_context(found, lead_in_year or sections.year(span[0]))
        if found and roadmaps.line(targets, span, found):
            continue
        roadmaps.clause(span, text, found)
        targets.extend(tagged(found, "target_list" if listed else "target_prose"))
    roadmaps.close()
    rows = table_targets(ctx, term_end, targets,
                         lambda span: clause_targets(ctx, span, None, True, term_end))
    # two series of one row overlap each other, never the prose
    in_prose = _overlaps_any([t.span for t in targets])
    targets.extend([t for t in tagged(rows, "target_table") if not in_prose(t.span)])
    return targets


def _with_leads(ctx: Context, sections: Sections, targets: list[Target]) -> list[Target]:
    """`targets`, each without a lead given the one its context assigns (before merging: a
    restatement gives its lead to the first)."""
    assignments = Assignments(ctx.text)
    sibling_lead = SiblingLeads(ctx.text, sections.siblings)
    appendix = appendix_start(ctx.text)
    for target in targets:
        if not target.lead_agency:
            chain = sections.chain(sections.at(target.span[0]))
            if appendix is not None and target.span[0] >= appendix:  # the body's headings
                chain = [h for h in chain if h.span[0] >= appendix]  # stop at an appendix
            target.lead_agency, target.co_agencies = context_lead(
                assignments, chain, target.span[0], sibling_lead, sections.children)
    return targets


def _merged(ctx: Context, sections: Sections, stated: list[Target]) -> list[Target]:
    """`stated` with restatements merged; merging reads none of what `_finish` sets."""
    part = {i: _part(sections, t) for i, t in enumerate(stated)}
    return merge(stated, lambda i: _section_text(ctx, sections, stated[i]),  # by need
                 part)


def _finish(ctx: Context, sections: Sections, targets: list[Target]) -> None:
    """The lead a restating table row gives, then each target's id, field, period, label."""
    table_leads = TableLeads(ctx.text)
    for target in targets:  # the lead a restating table row gives ("… | Chỉ tiêu | Chủ trì")
        if not target.lead_agency and table_leads.cells:
            target.lead_agency = table_leads.lead(target.text)
    for i, target in enumerate(targets, start=1):
        target.id = f"t{i}"
        target.field = _field(sections, target)
        period = R.PERIOD.search(target.text)
        target.period = (int(period.group("a")), int(period.group("b"))) if period else None
        target.label = numbered_label(target.text)


def _field(sections: Sections, target: Target) -> str | None:
    """The area of work from the target's own words, else from its headings."""
    return field_of(target.indicator) or field_of(target.text) or sections.field(
        target.span[0])


def _part(sections: Sections, target: Target) -> str | None:
    """Id of the second-level heading above the target: 'I. Chỉ tiêu' vs 'V. Giao nhiệm vụ'."""
    chain = sections.chain(sections.at(target.span[0]))
    return chain[-2].id if len(chain) >= 2 else (chain[-1].id if chain else None)


def _section_text(ctx: Context, sections: Sections, target: Target) -> str:
    """The text of the target's section up to the target's end (its assignment context)."""
    heading = sections.at(target.span[0])
    start = heading.span[0] if heading else 0
    return ctx.text[start:target.span[1]]


STAGE = Stage("targets", needs=("source", "document", "outline", "clauses", "tasks"),
              provides=("targets",), run=run)
