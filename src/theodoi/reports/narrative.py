"""The report's prose from its figures: a count of the targets by result, then one paragraph
per field of work with each target's figures inside a sentence.

A real báo cáo says "Thu ngân sách trên địa bàn đạt 10.250,75 triệu đồng, bằng 77,2% kế
hoạch năm (13.284 triệu đồng), đúng tiến độ" and "Tỷ lệ hộ nghèo giảm còn 1,17% (kế hoạch
năm: không quá 1,37%), đạt kế hoạch". How each kind of target is said is the rule table
`PHRASES` (increase, a yearly flow, decrease, rate, maintain, recognition); the words for
each result are `RESULT_WORDS` and `COUNT_WORDS`. Goals in words come from
`domain.phrases`, numbers from `domain.numbers`.
"""

from __future__ import annotations

from theodoi.domain.numbers import vn_number, vn_percent
from theodoi.domain.phrases import GOAL_WORDS, with_unit
from theodoi.reports.model import FieldGroup, TargetLine

# kind of target -> its sentence; {name} the row's name, {value} the figure to date with
# its unit, {step} a flow's own increment in the period, {percent} the share of the plan,
# {plan} the plan ("kế hoạch năm: không quá 1,37%")
PHRASES = {
    "increase": "{name} đạt {value}, bằng {percent} {plan}",
    "flow": "{name} trong kỳ đạt {step}, lũy kế {value}, bằng {percent} {plan}",
    "level": "{name} đạt {value} ({plan})",           # a rate or an amount with no share
    "decrease": "{name} giảm còn {value} ({plan})",   # "tỷ lệ hộ nghèo giảm còn 1,17%"
    "reduction": "{name} giảm {value} ({plan})",      # an amount of decrease: "giảm 1,2%"
    "maintain": "{name} duy trì ở mức {value} ({plan})",
    "recognition": "{name}: {value}",                 # "…: đã đạt", "…: chưa đạt"
    "no_data": "{name}: {value}",                     # "…: chưa có số liệu"
}
RECOGNITION_WORDS = {True: "đã đạt", False: "chưa đạt"}
# the year's estimate after the sentence, in a report of a period inside a year
ESTIMATE_PHRASES = {"share": "; ước cả năm đạt {value}, bằng {percent} kế hoạch năm",
                    "level": "; ước cả năm đạt {value}",
                    "recognition": "; ước cả năm: {value}"}
# a target's status -> the words closing its sentence (None: nothing to add)
RESULT_WORDS = {"vuot": "vượt kế hoạch", "dat": "đạt kế hoạch", "dung_tien_do": "đúng tiến độ",
                "co_nguy_co": "có nguy cơ không đạt", "cham_tien_do": "chậm tiến độ",
                "khong_dat": "không đạt", "chua_den_ky": "chưa đến kỳ đánh giá",
                "so_lieu_loi": "số liệu không hợp lệ, cần kiểm tra lại"}
# the summary count: results that judge a target, best first, then those that cannot yet
COUNT_WORDS = {"vuot": "vượt", "dat": "đạt", "dung_tien_do": "đúng tiến độ",
               "co_nguy_co": "có nguy cơ không đạt", "cham_tien_do": "chậm tiến độ",
               "khong_dat": "không đạt"}
UNJUDGED_WORDS = {"chua_co_so_lieu": "chưa có số liệu", "chua_den_ky": "chưa đến kỳ đánh giá",
                  "so_lieu_loi": "có số liệu không hợp lệ"}
NO_TARGETS = "Kỳ này chưa có chỉ tiêu nào được theo dõi."


def count_sentence(rows: list[TargetLine]) -> str:
    """'Trong 21 chỉ tiêu, có 20 chỉ tiêu đánh giá được: 1 vượt, 13 đúng tiến độ, …; 1 chỉ
    tiêu chưa có số liệu.'"""
    if not rows:
        return NO_TARGETS
    def tally(words: dict[str, str], form: str) -> list[str]:
        return [form.format(n=n, w=word) for code, word in words.items()
                if (n := sum(1 for r in rows if r.status == code))]
    judged = sum(1 for r in rows if r.status in COUNT_WORDS)
    text = f"Trong {len(rows)} chỉ tiêu, có {judged} chỉ tiêu đánh giá được"
    text += f": {', '.join(tally(COUNT_WORDS, '{n} {w}'))}" if judged else ""
    rest = tally(UNJUDGED_WORDS, "{n} chỉ tiêu {w}")
    return text + (f"; {'; '.join(rest)}" if rest else "") + "."


def phrase_kind(t: TargetLine) -> str:
    """Which sentence of `PHRASES` a target takes."""
    if t.milestone:
        return "recognition" if t.cumulative is not None else "no_data"
    if t.cumulative is None:
        return "no_data"
    if t.direction == "maintain":
        return "maintain"
    if not t.higher_better:
        return "decrease"
    if t.direction == "decrease" and t.kind == "change":  # "giảm bình quân 1,37%/năm"
        return "reduction"
    if t.percent is None:
        return "level"
    return "flow" if t.flow and t.in_period not in (None, t.cumulative) else "increase"


def plan_phrase(t: TargetLine, plan_heading: str) -> str:
    """'kế hoạch năm: không quá 1,37%', 'mục tiêu năm 2030: 90 triệu đồng', or for a
    sentence with a share the bare '(13.284 triệu đồng)' after 'kế hoạch năm'."""
    word = plan_heading[:1].lower() + plan_heading[1:]
    if t.plan_year is not None:
        word = f"mục tiêu năm {t.plan_year}"
    if t.planned is None:
        return f"{word}: chưa xác định"
    if t.comparator == "between" and t.value_max is not None:
        goal = f"từ {vn_number(t.planned)} đến {with_unit(vn_number(t.value_max), t.unit)}"
    else:
        phrase = GOAL_WORDS.get(t.comparator or "=", "{v}")
        goal = (phrase if t.comparator not in (None, "=") else "{v}").format(
            v=with_unit(t.number(t.planned), t.unit))
    return f"{word} ({goal})" if t.percent is not None else f"{word}: {goal}"


def target_sentence(t: TargetLine, plan_heading: str) -> str:
    """One target's figures in a sentence, closed by its result."""
    kind = phrase_kind(t)
    value = with_unit(t.number(t.cumulative), t.unit)
    if kind == "recognition" and t.cumulative is not None:
        value = RECOGNITION_WORDS[t.cumulative >= 1]
    elif kind == "no_data":
        value = UNJUDGED_WORDS["chua_den_ky" if t.status == "chua_den_ky" else "chua_co_so_lieu"]
    text = PHRASES[kind].format(name=t.name.rstrip(" .;:"), value=value,
                                step=with_unit(t.number(t.in_period), t.unit),
                                percent=vn_percent(t.percent), plan=plan_phrase(t, plan_heading))
    result = RESULT_WORDS.get(t.status) if kind not in ("recognition", "no_data") else None
    said = f"{text}, {result}" if result else text
    return f"{said}{estimate_clause(t)}."


def estimate_clause(t: TargetLine) -> str:
    """'; ước cả năm đạt 72 triệu đồng, bằng 102,9% kế hoạch năm' where the target has an
    estimate of its year (a recognition: '; ước cả năm: đã đạt'), else nothing."""
    if t.estimate is None:
        return ""
    if t.milestone:
        return ESTIMATE_PHRASES["recognition"].format(value=RECOGNITION_WORDS[t.estimate >= 1])
    value = with_unit(t.number(t.estimate), t.unit)
    if t.estimate_percent is None:
        return ESTIMATE_PHRASES["level"].format(value=value)
    return ESTIMATE_PHRASES["share"].format(value=value, percent=vn_percent(t.estimate_percent))


def field_paragraph(group: FieldGroup, plan_heading: str) -> str:
    """A field's targets, one sentence each, as one paragraph."""
    return " ".join(target_sentence(t, plan_heading) for t in group.rows)
