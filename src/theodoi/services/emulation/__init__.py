"""Emulation (thi đua – khen thưởng), its first two layers (issue 21, items 1–2).

Owns movements (phong trào thi đua) of a unit: created from an imported plan's
`emulation` section (`movements.create_from_plan`; `movements.proposals` lists the plans
that launch one and have none yet) or by hand, and edited; their criteria and
participants (`members`); and each participant's registration (đăng ký thi đua) with its
own commitments, signed by the participant (`registrations`). Roles: the office
(REVIEW) runs a movement; everyone who reads the unit sees it; an agency (don_vi) sees
only its own participation and edits and signs its own registration. A participant
proposed for a reward has a dossier: the papers the movement asks for, uploaded or
produced, with what is missing and the deadline (`dossier`); its báo cáo thành tích is
written from the register as of a day (`achievements`).

Seams for later items: evaluation (score sheets from the status engine) reads
`MovementCriterion.kind/threshold/target_id` with `domain.emulation.EVIDENCE_KINDS`;
paperwork reads `Movement.details` (rewards, dossier, deadline) and the registrations.
"""

__all__ = ["achievements", "dossier", "members", "movements", "registrations"]
