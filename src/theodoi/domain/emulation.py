"""Emulation and rewards (thi đua – khen thưởng): the pure vocabulary and rules.

Kinds of participant, of criterion and of reward form, the conditions a plan states in
words ("hoàn thành tốt nhiệm vụ trở lên", "không vi phạm kỷ luật", "có sáng kiến") and
the criterion each condition proposes. Words follow the Law on Emulation and Rewards 2022
and Decree 98/2023/NĐ-CP. No I/O, no clock: storage, extraction and services all read
these tables; the evaluation (issue 21, item 3) will read `EVIDENCE_KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from theodoi.domain.errors import BadInput

# Who takes part: an agency of the unit, a thôn/tổ dân phố, a person (user or named).
PARTICIPANT_KINDS: dict[str, str] = {
    "agency": "Cơ quan, đơn vị",
    "hamlet": "Thôn, tổ dân phố",
    "person": "Cá nhân",
}
# Which participants a criterion is for, in the words of "Đối với tập thể / cá nhân".
APPLIES_TO: dict[str, str] = {
    "collective": "Tập thể",
    "individual": "Cá nhân",
    "all": "Tập thể và cá nhân",
}
# Criterion kinds: five read from the register's evidence, one judged by a person.
# Each evidence kind with a share takes a threshold in per cent (0–100).
CRITERION_KINDS: dict[str, str] = {
    "targets_met_share": "Tỷ lệ chỉ tiêu đạt, vượt",
    "tasks_on_time_share": "Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
    "reports_on_time_share": "Tỷ lệ báo cáo gửi đúng hạn",
    "explanations_answered_share": "Tỷ lệ yêu cầu giải trình được trả lời",
    "target_met": "Chỉ tiêu cụ thể đạt",
    "judged": "Do Hội đồng / người có thẩm quyền đánh giá",
}
EVIDENCE_KINDS = frozenset(CRITERION_KINDS) - {"judged"}
SHARE_KINDS = frozenset(k for k in CRITERION_KINDS if k.endswith("_share"))

# Conditions a criterion sentence states; code -> (Vietnamese label, proposed criterion kind).
CONDITIONS: dict[str, tuple[str, str]] = {
    "good_or_better": ("Hoàn thành tốt nhiệm vụ trở lên", "judged"),
    "excellent": ("Hoàn thành xuất sắc nhiệm vụ", "judged"),
    "no_discipline_breach": ("Không vi phạm kỷ luật", "judged"),
    "has_initiative": ("Có sáng kiến", "judged"),
    "on_time": ("Đúng thời gian quy định", "tasks_on_time_share"),
    "reports_on_time": ("Báo cáo đầy đủ, đúng thời gian", "reports_on_time_share"),
    "min_rate": ("Đạt tỷ lệ tối thiểu", "judged"),
}

# Reward forms (hình thức khen thưởng, danh hiệu thi đua) named by Luật TĐKT 2022.
REWARD_FORMS: dict[str, str] = {
    "giay_khen": "Giấy khen",
    "bang_khen": "Bằng khen",
    "chien_si_thi_dua_co_so": "Chiến sĩ thi đua cơ sở",
    "chien_si_thi_dua_cap_tinh": "Chiến sĩ thi đua cấp tỉnh",
    "chien_si_thi_dua_toan_quoc": "Chiến sĩ thi đua toàn quốc",
    "lao_dong_tien_tien": "Lao động tiên tiến",
    "tap_the_lao_dong_tien_tien": "Tập thể lao động tiên tiến",
    "tap_the_lao_dong_xuat_sac": "Tập thể lao động xuất sắc",
    "co_thi_dua": "Cờ thi đua",
    "huan_chuong": "Huân chương",
}

# Registration states: the office opens it, the participant signs its commitments.
REGISTRATION_STATES: dict[str, str] = {"draft": "Chưa ký", "signed": "Đã ký đăng ký"}


@dataclass(frozen=True)
class CriterionRule:
    """A criterion's kind and threshold after checking (threshold in %, or None)."""

    kind: str
    threshold: float | None
    target_id: int | None


def check_criterion(kind: str, threshold: float | None,
                    target_id: int | None) -> CriterionRule:
    """The criterion as stored, or BadInput with a Vietnamese message when it cannot hold.

    A share kind needs a threshold in 0..100; `target_met` needs a target; `judged` and the
    others take neither (a threshold given to them is refused, not dropped silently).
    """
    if kind not in CRITERION_KINDS:
        raise BadInput(f"Loại tiêu chí không hợp lệ: {kind!r}.")
    if kind in SHARE_KINDS:
        if threshold is None or not 0 <= threshold <= 100:
            raise BadInput("Tiêu chí theo tỷ lệ cần ngưỡng từ 0 đến 100 (%).")
    elif threshold is not None:
        raise BadInput("Chỉ tiêu chí theo tỷ lệ mới có ngưỡng (%).")
    if kind == "target_met" and target_id is None:
        raise BadInput("Tiêu chí “chỉ tiêu cụ thể đạt” cần chọn một chỉ tiêu.")
    if kind != "target_met" and target_id is not None:
        raise BadInput("Chỉ tiêu chí “chỉ tiêu cụ thể đạt” mới gắn với một chỉ tiêu.")
    return CriterionRule(kind, threshold, target_id)


def proposed_kind(conditions: list[str]) -> str:
    """The criterion kind a sentence's conditions propose: the first evidence-linked one,
    else `judged` (a person decides what words alone cannot measure)."""
    for code in conditions:
        kind = CONDITIONS.get(code, ("", "judged"))[1]
        if kind in EVIDENCE_KINDS:
            return kind
    return "judged"


def default_threshold(kind: str) -> float | None:
    """The threshold a proposed criterion starts with: 100 % for a share, else None."""
    return 100.0 if kind in SHARE_KINDS else None


def check_participant(kind: str, name: str) -> tuple[str, str]:
    """(kind, trimmed name) of a participant, or BadInput when the kind or name is wrong."""
    if kind not in PARTICIPANT_KINDS:
        raise BadInput(f"Loại đối tượng thi đua không hợp lệ: {kind!r}.")
    name = " ".join(name.split())
    if not name:
        raise BadInput("Đối tượng thi đua cần có tên.")
    return kind, name
