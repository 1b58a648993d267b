"""Emulation (thi đua – khen thưởng): movements, registrations and their evaluation
(issue 21, items 1–3).

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

Evaluation (bình xét): a participant's score sheet as of a day (`evaluation`), its
evidence-linked criteria counted from the status engine (`evidence`), the council's
judgements, vote and the chairman's decision (`council`: the office enters, a leader
decides), the ranking of agencies by completion and the movement's results (`ranking`),
the proposal list and the council's minutes as DOCX (`papers`). An agency sees its own
sheet and ranking row only.

Seams for later items: the báo cáo thành tích and the dossier read `Movement.details`
(rewards, dossier, deadline), the registrations and `ranking.results`.
"""

__all__ = ["achievements", "council", "dossier", "evaluation", "evidence", "members",
           "movements", "papers", "ranking",
           "registrations"]
