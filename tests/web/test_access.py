"""Every API route as every role, with this commune's and the other commune's ids.

Write routes are sent with version 0 (stale) and uploads with a bad file, so a request
that passes the access check ends in 409/400 and nothing changes between cases: the
matrix checks who gets through, not what the action does.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import A, B, World
from tests.web.routes import routes
from theodoi.web.app import create_app

OK, STALE, BAD, FORBIDDEN, GONE = 200, 409, 400, 403, 404
READERS = ("quantri", "lanhdao", "vanphong", "donvi", "xem", "tinh")
OFFICE = ("quantri", "vanphong")


def _routes(w: World, unit: str) -> list[tuple[str, str, Any, str]]:
    """(method, path, json or files, what it needs: read | item | own_item | office)."""
    u, p = w.units[unit], w.plans[unit]
    refs = w.items[unit]
    own = next(r for r, i in refs.items() if i["lead_agency"] == "Phòng Kinh tế")
    other = next(r for r, i in refs.items() if i["lead_agency"] == "Phòng VH-XH")
    target = next(r for r, i in refs.items() if i["kind"] == "target")  # no lead agency
    task = next(r for r, i in refs.items() if i["kind"] == "task"
                and i["lead_agency"] == "Phòng Kinh tế")  # its product submitted: _prepare
    drafting = next(r for r, i in refs.items() if i["kind"] == "task"
                    and i["lead_agency"] == "Phòng VH-XH")  # its product not submitted
    return [
        ("GET", f"/api/units/{u}", None, "read"),
        ("GET", f"/api/units/{u}/register", None, "read"),
        ("GET", f"/api/units/{u}/agencies", None, "read"),
        ("GET", f"/api/plans/{p}/review", None, "read"),
        ("POST", f"/api/units/{u}/plans", "upload", "office"),
        ("POST", f"/api/plans/{p}/accept-all", {"version": 0}, "office"),
        ("POST", f"/api/plans/{p}/activate", {"version": 0}, "office"),
        ("POST", f"/api/items/{own}/accept", {"version": 0}, "own_item"),
        ("POST", f"/api/items/{own}/reject", {"version": 0}, "own_item"),
        ("POST", f"/api/items/{own}/correct", {"version": 0, "changes": {"value": 1}},
         "own_item"),
        ("POST", f"/api/items/{other}/accept", {"version": 0}, "item"),
        ("POST", "/api/agencies/{agency}/confirm", {"version": 0}, "office"),
        ("POST", "/api/agencies/{agency}/merge", {"version": 0, "into": "{into}"}, "office"),
        ("POST", "/api/agencies/{agency}/alias", {"alias": " "}, "office:400"),
        ("GET", f"/api/units/{u}/explanations", None, "read"),
        ("GET", f"/api/items/{own}/explanations", None, "own_item"),
        ("POST", f"/api/items/{own}/explanations", {"question": "Vì sao?"}, "request"),
        ("POST", "/api/explanations/{request}/answer", {"text": "x", "version": 0}, "answer"),
        ("GET", f"/api/units/{u}/audit", None, "read"),
        ("GET", f"/api/items/{own}/audit", None, "own_item"),
        ("POST", "/api/audit/{entry}/revert", {"version": 0}, "office"),
        ("GET", f"/api/units/{u}/report?kind=quy&period=Q1/2026&format=xlsx", None, "read"),
        ("PUT", f"/api/items/{own}/estimate", {"year": 2026, "value": "nhiều"}, "office:400"),
        ("GET", f"/api/units/{u}/dashboard", None, "read"),
        ("GET", f"/api/units/{u}/my-work", None, "record"),
        ("GET", f"/api/items/{own}", None, "read"),
        ("GET", f"/api/items/{other}", None, "item"),
        ("POST", f"/api/items/{own}/update", {"state": "không có"}, "record"),
        ("POST", f"/api/items/{target}/progress", {"period": "2026", "value": "nhiều"},
         "item_record"),
        ("POST", f"/api/items/{target}/baseline", {"value": "1", "year": 2020, "version": 0},
         "item"),
        ("GET", "/api/agencies/{agency}/merge?into={into}", None, "office"),
        ("GET", "/api/audit/{entry}/revert", None, "office"),
        ("GET", "/api/jobs/{job}", None, "read"),
        ("GET", "/api/jobs/{job}/file", None, "read"),
        ("POST", "/api/jobs/{job}/cancel", "finished", "office"),
        ("GET", f"/api/items/{own}/comments", None, "read"),
        ("GET", f"/api/items/{other}/comments", None, "item"),
        ("POST", f"/api/items/{own}/comments", {"body": " "}, "comment"),  # empty: 400
        ("POST", f"/api/items/{target}/chase", {"note": ""}, "chase"),  # no lead: 400
        ("POST", f"/api/units/{u}/agencies/{{foreign}}/chase", {"note": ""}, "chase_list"),
        ("GET", "/api/files/{file}", None, "own_item"),
        ("POST", "/api/items/{shared}/contributions", {}, "co"),
        ("GET", f"/api/units/{u}/progress-template?agency={{agency}}&period=2026", None,
         "record"),
        ("POST", f"/api/units/{u}/progress-import", "upload", "record"),
        ("GET", f"/api/units/{u}/register-export", None, "whole"),
        ("POST", f"/api/units/{u}/register-import", "upload", "office"),
        ("GET", f"/api/units/{u}/cascade", None, "read"),
        ("GET", f"/api/plans/{p}/calendar", None, "read"),
        ("POST", f"/api/plans/{p}/calendar", {"every": "tuần", "due_days": 5}, "office:400"),
        ("POST", f"/api/plans/{p}/implements", {}, "office:400"),
        ("POST", f"/api/plans/{p}/unlink", {}, "office:400"),
        ("POST", f"/api/units/{u}/target-link-suggestions", None, "office:200"),
        ("POST", f"/api/units/{u}/target-links/999999/confirm", None, "office:404"),
        ("POST", f"/api/units/{u}/target-links/999999/dismiss", None, "office:404"),
        ("GET", f"/api/items/{target}/linked", None, "item"),
        ("GET", f"/api/units/{u}/users", None, "admin"),
        ("POST", f"/api/units/{u}/users", {"username": "?", "password": "x", "role": "xem"},
         "admin"),
        ("POST", f"/api/units/{u}/grants", {"username": "xem", "role": "chu_tich"}, "admin"),
        ("POST", f"/api/units/{u}/revoke", {"username": "xem", "role": "chu_tich"}, "admin"),
        ("POST", f"/api/units/{u}/users/{PEOPLE[unit]}/password", {"password": "ngan"},
         "admin"),
        ("POST", f"/api/units/{u}/units", {"name": " "}, "admin"),
        ("POST", f"/api/units/{u}/rename", {"name": " "}, "admin"),
        ("POST", f"/api/units/{u}/move", {"parent_id": u}, "admin"),
        ("POST", f"/api/units/{u}/readers", {"roles": ["chu_tich"]}, "admin"),
        ("GET", f"/api/plans/{p}/delete", None, "office"),
        ("DELETE", f"/api/plans/{p}?version=0", None, "office"),
        ("POST", f"/api/plans/{p}/facts", {"version": 0, "changes": {}}, "office"),
        ("POST", f"/api/plans/{p}/items", {"kind": "task", "values": {}}, "office:400"),
        ("POST", f"/api/items/{own}/merge", {"version": 0, "other": other}, "own_item"),
        ("POST", f"/api/items/{own}/split", {"version": 0, "second_part": "x"}, "own_item"),
        ("GET", f"/api/plans/{p}/close", None, "office"),
        ("POST", f"/api/plans/{p}/close", {"version": 0}, "office"),
        ("GET", f"/api/plans/{p}/activate", None, "office"),
        ("POST", "/api/jobs/{offer}/accept-version", None, "office:400"),
        ("GET", f"/api/items/{task}/product", None, "read"),
        ("GET", f"/api/items/{task}/product/files/{{step}}", None, "read"),
        ("POST", f"/api/items/{task}/product/submit",
         {"file": {"name": "du-thao.pdf", "content_base64": "JVBERi0xLjQK"}}, "submit"),
        ("POST", f"/api/items/{drafting}/product/approve", None, "decide"),
        ("POST", f"/api/items/{drafting}/product/return", {"reason": "sửa"}, "decide"),
        ("GET", f"/api/units/{u}/products", None, "read"),
        # emulation (issue 21): the office runs a movement; {participant} is Phòng Kinh tế's,
        # so its agency user writes and signs that registration and nobody else signs it
        ("GET", f"/api/units/{u}/movements", None, "read"),
        ("POST", f"/api/units/{u}/movements", {"name": " "}, "office:400"),
        ("POST", f"/api/plans/{p}/movement", {"version": 0}, "office"),
        ("GET", "/api/movements/{movement}", None, "read"),
        ("PUT", "/api/movements/{movement}", {"version": 0, "changes": {}}, "office"),
        ("POST", "/api/movements/{movement}/criteria", {"version": 0, "text": "x"}, "office"),
        ("PUT", "/api/criteria/{criterion}", {"version": 0, "changes": {}}, "office"),
        ("POST", "/api/criteria/{criterion}/remove", {"version": 0}, "office"),
        ("POST", "/api/movements/{movement}/participants", {"version": 0, "kind": "person"},
         "office"),
        ("POST", "/api/participants/{participant}/remove", {"version": 0}, "office"),
        ("GET", "/api/participants/{participant}/registration", None, "read"),
        ("PUT", "/api/participants/{participant}/registration",
         {"version": 0, "commitments": []}, "registrant"),
        ("POST", "/api/participants/{participant}/sign", {"version": 0}, "signer"),
        # evaluation (issue 21 item 3): {sheet} is Phòng Kinh tế's sheet as of 01/01/2026,
        # not voted on; the office fills (again: stale, 409), judges and votes, a leader
        # decides (no vote yet: 400), everyone who sees the participant reads; the papers
        # name every participant, so an agency user gets none
        ("GET", "/api/participants/{participant}/sheet?as_of=2026-01-01", None, "read"),
        ("POST", "/api/participants/{participant}/sheet",
         {"as_of": "2026-01-01", "version": 0}, "office"),
        ("GET", "/api/score-sheets/{sheet}", None, "read"),
        ("POST", "/api/score-sheets/{sheet}/judge",
         {"version": 0, "criterion_id": 0, "met": True}, "office"),
        ("POST", "/api/score-sheets/{sheet}/vote", {"version": 0, "agree": 1, "total": 1},
         "office"),
        ("POST", "/api/score-sheets/{sheet}/decide", {"version": 0, "approved": True},
         "decide_sheet"),
        ("GET", "/api/movements/{movement}/ranking?as_of=2026-01-01", None, "read"),
        ("GET", "/api/movements/{movement}/results", None, "read"),
        ("GET", "/api/movements/{movement}/papers/bien-ban?as_of=2026-01-01", None, "whole"),
        # its reward dossier (opened by _movement: opening again is 409 past the check);
        # a paper's file is sent as HTML, so it is 400 for whoever may upload
        ("GET", "/api/participants/{participant}/dossier", None, "read"),
        ("POST", "/api/participants/{participant}/dossier", {"reward_form": None}, "office"),
        ("POST", "/api/participants/{participant}/dossier/papers/1",
         {"name": "a.pdf", "content_base64": "PGh0bWw+"}, "uploader"),
        ("GET", "/api/dossier-files/{dossier_file}", None, "read"),
        ("GET", "/api/participants/{participant}/achievement-report?as_of=2026-10-01", None,
         "read"),
        ("GET", f"/api/units/{u}/outgoing", None, "read"),
        ("POST", f"/api/units/{u}/outgoing", {"kind": "quy", "period": "quý năm"}, "office:400"),
        ("GET", "/api/outgoing/{doc}", None, "read"),
        ("GET", "/api/outgoing/{doc}/docx", None, "read"),
        ("GET", "/api/outgoing/{sent}/signed", None, "read"),
        ("POST", "/api/outgoing/{doc}/signed",
         {"file": {"name": "ky.pdf", "content_base64": "JVBERi0"}}, "office:400"),
        ("POST", "/api/outgoing/{doc}/send", None, "office:400"),
        ("POST", "/api/outgoing/{sent}/cancel", {}, "office:400"),
        ("GET", f"/api/units/{u}/incoming", None, "read"),
        ("GET", f"/api/units/{u}/received-reports?kind=quy&year=2026", None, "read"),
        ("GET", f"/api/units/{u}/pending-figures", None, "read"),
        ("POST", "/api/figures/{figure}/accept", None, "validate"),
        ("POST", "/api/figures/{figure}/return", {"reason": "sửa"}, "validate"),
        ("POST", f"/api/units/{u}/period-locks", {"period": "không có"}, "lock"),
        ("POST", f"/api/units/{u}/period-locks/reopen", {"period": "không có"}, "lock"),
        ("PUT", f"/api/units/{u}/figure-validation", {"on": True}, "office:200"),
        # links across levels and roll-up: {level} links two of the unit's targets (the
        # upper one `target`); a bad relation is 400 past the check, rejecting it 200
        ("GET", f"/api/items/{target}/rollup", None, "item"),
        ("POST", f"/api/items/{target}/rollup-method", {"method": "cộng"}, "method"),
        ("GET", f"/api/items/{target}/split", None, "item"),
        ("POST", f"/api/items/{target}/split-count", {"units": []}, "method"),
        ("POST", f"/api/items/{target}/split-shares", {"shares": {}}, "method"),
        ("GET", f"/api/units/{u}/level-links", None, "read"),
        ("GET", f"/api/units/{u}/rollup.xlsx", None, "read"),
        ("POST", f"/api/units/{u}/level-link-suggestions", None, "office:200"),
        ("POST", "/api/level-links/{level}/confirm", {"relation": "bình quân"}, "link:400"),
        ("POST", "/api/level-links/{level}/reject", None, "link:200"),
        # instructions to communes (issue 22): {instruction} is the commune's item of a
        # province task; closing it with no text is 400, reopening it (not closed) 409;
        # the commune has no units below it, so making its plan's items makes none
        ("GET", f"/api/units/{u}/instructions", None, "read"),
        ("POST", "/api/instruction-items/{instruction}/close", {"text": " "}, "office:400"),
        ("POST", "/api/instruction-items/{instruction}/reopen", None, "office"),
        ("POST", f"/api/plans/{p}/instructions", None, "office:200"),
        ("GET", f"/api/units/{u}/approvers", None, "read"),
        ("PUT", f"/api/units/{u}/approvers", {"body": " "}, "admin"),
        # exchange between installations (issue 22): imports and packages by the office,
        # keys and the public page by quan_tri; no key yet, so exporting is 400
        ("GET", f"/api/units/{u}/exchange", None, "import"),
        ("GET", f"/api/units/{u}/exchange/export?period=2026", None, "export"),
        ("POST", f"/api/units/{u}/exchange/import", "upload", "office"),
        ("GET", f"/api/units/{u}/exchange/keys", None, "admin"),
        ("POST", f"/api/units/{u}/exchange/keys", {"key": "không phải khóa"}, "admin"),
        ("PUT", f"/api/units/{u}/public-page", {"on": False}, "admin:200"),
    ]  # {agency} and {into} are filled from the unit's directory, {request}, {entry},
    # {file}, {shared} and {job} (a report job that is done: its PDF is there, and
    # cancelling it is 400) from `_prepare`; {foreign} is an agency of the other commune
    # (chasing it is 404 for whoever may chase at this one, so nothing is sent); {offer}
    # is an upload job offering a new version whose file is gone (accepting it is 400
    # after the UPLOAD check) and {step} the submission of `task`'s product, so submitting
    # again is 400 after the check (đã trình → trình is no move), as approving or
    # returning `drafting`'s product, never submitted, is (đang soạn → duyệt, trả lại);
    # {doc} is a report entered in the unit's outgoing register, not signed (sending it
    # is 400; its signed copy sent as bad base64 is 400) and {sent} one signed and sent
    # to the province (cancelling it is 400); numbering with a bad period is 400
    # {figure} is a figure of `target` already accepted, so accepting or returning it is
    # 400 after the check, and a period "không có" is 400 after the check of locking
# routes of the signed-in person, not of a unit: (method, path, json, expected status)
PERSONAL = [("GET", "/api/tokens", None, OK),
            ("POST", "/api/tokens", {"name": ""}, BAD),  # refused: nothing is made
            ("POST", "/api/tokens/{token}/revoke", None, GONE),  # the province reader's
            ("GET", "/api/notifications", None, OK),
            ("POST", "/api/notifications/read-all", None, OK),
            ("POST", "/api/notifications/999999/read", None, GONE),  # nobody's notice
            ("GET", "/api/notifications/settings", None, OK),
            ("PUT", "/api/notifications/settings", {"email": "không phải thư"}, BAD),
            ("GET", "/api/outbox", None, FORBIDDEN),  # the sent log: quan_tri only
            # a unit's public page, the same for everyone: none opted in, so not there
            ("GET", "/api/cong-khai/xa-an-binh", None, GONE)]
PEOPLE = {A: "xem", B: "khac"}  # someone with a role at the unit, for the admin routes
# who may, inside their scope, take the actions an office role does not cover
ROLE_NEEDS = {"request": {A: ("quantri", "lanhdao")}, "answer": {A: ("donvi",)}}
# who may comment (every role that does more than read) and chase (CHASE: office, leader)
COMMENTERS = {A: ("quantri", "lanhdao", "vanphong", "donvi"), B: ("khac",)}
CHASERS = {A: ("quantri", "lanhdao", "vanphong"), B: ("khac",)}
# who records progress (an agency on its own items, the office on all); values sent are bad
RECORDERS = {A: ("quantri", "vanphong", "donvi"), B: ("khac",)}
# who adds a co-agency's part to {shared}, which Phòng Kinh tế co-ordinates (sent empty: 400)
CONTRIBUTORS = {A: ("donvi",)}
# a task's product (domain/approval.py MAY): submitted by UPDATE_OWN (the agency, on a task
# it sees) or REVIEW (the office); approved and returned by APPROVE (quan_tri, lanh_dao)
SUBMITTERS = {A: ("quantri", "vanphong", "donvi"), B: ("khac",)}
APPROVERS = {A: ("quantri", "lanhdao")}
# a participant's registration: written by the office or the participant, signed by it alone
REGISTRANTS = {A: ("quantri", "vanphong", "donvi"), B: ("khac",)}
SIGNERS = {A: ("donvi",)}
# an agency's figures are accepted or returned, and periods locked or reopened, by the office
# (REVIEW) or a leader (APPROVE): domain/validation.py VALIDATORS and LOCKERS
VALIDATORS = {A: ("quantri", "lanhdao", "vanphong"), B: ("khac",)}


def _prepare(w: World) -> dict[str, dict[str, str]]:
    """Activate both plans, with Phòng Kinh tế co-ordinating the last target ({shared});
    on each unit's own item open an explanation request (asking again is then 409), report
    with a file (the file an agency reads back) and write an audit entry whose value is the
    current one (a revert then reaches the version check); give each unit a finished
    report job with its PDF, and an upload job offering a new version whose file is gone;
    submit the product of that own task ({step}, its file); an accepted figure ({figure})."""
    from datetime import date

    from theodoi.services import uow
    from theodoi.services.history import audit
    from theodoi.services.progress import explanations, records
    from theodoi.services.register import review_decisions as review
    from theodoi.storage.models.approval import ProductStep
    from theodoi.storage.models.validation import FigureSubmission
    from theodoi.storage.repositories import approval as steps
    from theodoi.storage.repositories import progress as files

    ids: dict[str, dict[str, str]] = {}
    with uow.transaction(w.settings) as s:
        for unit in (A, B):
            shared = [r for r, i in w.items[unit].items() if i["kind"] == "target"][-1]
            review.correct(s, shared, {"co_agencies": "Phòng Kinh tế"})
            review.accept_all(s, w.plans[unit])
            review.activate(s, w.plans[unit])
            own = next(r for r, i in w.items[unit].items() if i["kind"] == "task"
                       and i["lead_agency"] == "Phòng Kinh tế")
            asked = explanations.request_explanation(s, own, "Vì sao chậm?")
            update = records.update_task(s, own, "dang_thuc_hien", on=date(2026, 3, 1),
                                         attachment=("bien-ban.pdf", b"%PDF-1.4\n"))
            product = files.add_attachment(s, "0" * 64, "du-thao.pdf", b"%PDF-1.4\n")
            step = steps.add(s, ProductStep(task_id=int(own[1:]), action="trinh",
                                            state="da_trinh", made_on=date(2026, 3, 2),
                                            by="vanphong", attachment_id=product.id))
            audit.record(s, None, w.units[unit], "task", int(own[1:]), "title", "cũ",
                         w.items[unit][own]["title"])
            target = next(r for r, i in w.items[unit].items() if i["kind"] == "target")
            figure = FigureSubmission(target_id=int(target[1:]), period_key="2026",
                                      value_text="1", value=1.0, state="da_xac_nhan")
            steps.add(s, figure)
            ids[unit] = {"{request}": str(asked.id), "{file}": str(update.evidence_id),
                         "{shared}": shared, "{step}": str(step.id),
                         **_outgoing(s, w.units[unit], product.id),
                         "{figure}": str(figure.id)}
            ids[unit] |= _movement(s, w.units[unit])
            ids[unit]["{level}"] = str(_level_link(s, w, unit, target))
            ids[unit] |= _instruction(s, w.units[unit])
    with uow.transaction(w.settings) as s:
        from theodoi.storage.repositories import audit as audit_repo

        for unit in (A, B):
            newest = audit_repo.page(s, unit_id=w.units[unit], limit=1)[0][0]
            ids[unit]["{entry}"] = str(newest.id)
            ids[unit]["{job}"] = str(_finished_report(w, s, w.units[unit]))
            ids[unit]["{offer}"] = str(_stale_offer(s, w.units[unit]))
    return ids




def _level_link(s: Any, w: World, unit: str, upper: str) -> int:
    """A suggested link across levels from `upper` to another target of the unit (in a
    real register the upper target is the province's)."""
    from theodoi.storage.models import LevelLink

    lower = next(r for r, i in w.items[unit].items() if i["kind"] == "target" and r != upper)
    link = LevelLink(upper_id=int(upper[1:]), lower_id=int(lower[1:]), state="suggested",
                     score=0.8, reason="chỉ tiêu giống 80 %", relation="sum")
    s.add(link)
    s.flush()
    return int(link.id)


def _movement(s: Any, unit_id: int) -> dict[str, str]:
    """A movement of the unit with one criterion and Phòng Kinh tế as its participant,
    proposed for a reward (its dossier open, with a file for the first paper), and its
    score sheet as of 01/01/2026."""
    from datetime import date

    from theodoi.storage.models import (
        DossierFile,
        EvaluationSheet,
        Movement,
        MovementCriterion,
        MovementParticipant,
        Registration,
        RewardDossier,
    )
    from theodoi.storage.repositories import agencies
    from theodoi.storage.repositories import progress as files

    kinh_te = next(a for a in agencies.for_unit(s, unit_id) if a.name == "Phòng Kinh tế")
    m = Movement(unit_id=unit_id, name="Phong trào thi đua CCHC", details={})
    m.criteria = [MovementCriterion(text="Hoàn thành tốt nhiệm vụ", conditions=[])]
    part = MovementParticipant(kind="agency", name=kinh_te.name, agency_id=kinh_te.id,
                               registration=Registration(commitments=[]))
    m.participants = [part]
    s.add(m)
    s.flush()
    sheet = EvaluationSheet(movement_id=m.id, participant_id=part.id,
                            as_of=date(2026, 1, 1), evidence=[])
    s.add(sheet)
    s.flush()
    pdf = files.add_attachment(s, "1" * 64, "to-trinh.pdf", b"%PDF-1.4\n")
    dossier = RewardDossier(participant_id=part.id, files=[
        DossierFile(item=0, attachment_id=pdf.id)])
    s.add(dossier)
    s.flush()
    return {"{movement}": str(m.id), "{criterion}": str(m.criteria[0].id),
            "{participant}": str(part.id), "{sheet}": str(sheet.id),
            "{dossier_file}": str(dossier.files[0].id)}


def _instruction(s: Any, unit_id: int) -> dict[str, str]:
    """The commune's item of a task of an active province plan addressed to every
    commune."""
    from datetime import date

    from theodoi.storage.models import InstructionItem, Plan, Task, Unit

    province = s.get(Unit, unit_id).parent_id
    plan = Plan(unit_id=province, title=f"Chương trình hành động {unit_id}", status="active",
                number=f"{unit_id}-CTr/TU", issued_on=date(2026, 2, 12))
    plan.tasks = [Task(title="Các đảng ủy xã, phường xây dựng kế hoạch thực hiện",
                       review="accepted", due_date=date(2026, 3, 31))]
    s.add(plan)
    s.flush()
    item = InstructionItem(task_id=plan.tasks[0].id, unit_id=unit_id)
    s.add(item)
    s.flush()
    return {"{instruction}": str(item.id)}


def _outgoing(s: Any, unit_id: int, pdf_id: int) -> dict[str, str]:
    """A report of the unit entered in its outgoing register ({doc}) and one signed and
    sent to the province ({sent}), the file of each a stored PDF."""
    from datetime import date

    from theodoi.storage.models import OutgoingDocument, Unit

    made = {}
    for key, number, state in (("{doc}", 1, "vao_so"), ("{sent}", 2, "da_gui")):
        row = OutgoingDocument(unit_id=unit_id, year=2026, symbol="BC-UBND", number=number,
                               issued_on=date(2026, 4, 2), report_kind="quy",
                               period_key=f"2026-Q{number}", title="Báo cáo quý",
                               state=state, docx_id=pdf_id)
        if state == "da_gui":
            row.signed_id, row.sent_on = pdf_id, date(2026, 7, 3)
            row.to_unit_id = s.get(Unit, unit_id).parent_id
        s.add(row)
        s.flush()
        made[key] = str(row.id)
    return made


def _finished_report(w: World, s: Any, unit_id: int) -> int:
    """A report_pdf job of the unit that is done, its PDF stored where the runner puts it."""
    from theodoi.services.jobs import queue, report_pdf

    job = queue.add(s, report_pdf.KIND, {}, unit_id=unit_id, p=None)
    folder = w.settings.data_dir / report_pdf.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"ma-tran-{unit_id}.pdf").write_bytes(b"%PDF-1.7 ma tran")
    job.state, job.result = "done", {"file": f"ma-tran-{unit_id}.pdf",
                                     "filename": "bao-cao.pdf"}
    s.flush()
    return int(job.id)


def _stale_offer(s: Any, unit_id: int) -> int:
    """An upload job of the unit that is done and offers a new version whose stored file
    is no longer there."""
    from theodoi.services.jobs import queue, uploads

    job = queue.add(s, uploads.KIND, {}, unit_id=unit_id, p=None)
    job.state, job.result = "done", {"offer": {"file": "da-xoa.txt", "filename": "v2.txt",
                                               "size": 1, "sha256": "0" * 64}}
    s.flush()
    return int(job.id)


def _expected(user: str, unit: str, method: str, needs: str) -> int:
    if needs.startswith("office:"):  # an office action whose answer past the check is known
        passed = _expected(user, unit, method, "office")
        return int(needs.split(":")[1]) if passed == STALE else passed
    reaches = user == "tinh" or (user == "khac") == (unit == B)
    if not reaches:
        return GONE
    if needs in ("item", "item_record") and user == "donvi":
        return GONE  # another agency's item does not exist for an agency user
    if needs == "comment":
        return BAD if user in COMMENTERS[unit] else FORBIDDEN
    if needs == "chase":
        return GONE if user == "donvi" else BAD if user in CHASERS[unit] else FORBIDDEN
    if needs == "chase_list":
        return GONE if user in CHASERS[unit] else FORBIDDEN
    if needs == "co":
        return BAD if user in CONTRIBUTORS.get(unit, ()) else FORBIDDEN
    if needs == "submit":
        return BAD if user in SUBMITTERS[unit] else FORBIDDEN
    if needs == "decide":  # `drafting` is Phòng VH-XH's: not there for the agency user
        return GONE if user == "donvi" else BAD if user in APPROVERS.get(unit, ()) \
            else FORBIDDEN
    if needs == "registrant":
        return STALE if user in REGISTRANTS[unit] else FORBIDDEN
    if needs == "uploader":
        return BAD if user in REGISTRANTS[unit] else FORBIDDEN
    if needs == "signer":
        return STALE if user in SIGNERS.get(unit, ()) else FORBIDDEN
    if needs == "decide_sheet":  # a leader decides; with no vote yet that is 400
        return BAD if user in APPROVERS.get(unit, ()) else FORBIDDEN
    if needs.startswith("link:"):  # a link across levels: the office or a leader decides
        return int(needs.split(":")[1]) if user in VALIDATORS[unit] else FORBIDDEN
    if needs == "method":  # `target` has no lead agency: not there for the agency user
        return GONE if user == "donvi" else BAD if user in VALIDATORS[unit] else FORBIDDEN
    if needs == "validate":  # `target` has no lead agency: not there for the agency user
        return GONE if user == "donvi" else BAD if user in VALIDATORS[unit] else FORBIDDEN
    if needs == "lock":
        return BAD if user in VALIDATORS[unit] else FORBIDDEN
    if needs == "whole" and user == "donvi":
        return FORBIDDEN  # the whole register is not an agency's to read
    if needs.startswith("admin"):  # users and units: quan_tri of the unit only
        allowed = user == "quantri" and unit == A
        answer = int(needs.split(":")[1]) if ":" in needs else BAD  # past the check
        return FORBIDDEN if not allowed else OK if method == "GET" else answer
    if needs == "import":  # the office of the unit (UPLOAD) reads its packages imported
        return OK if _expected(user, unit, "POST", "office") == STALE else FORBIDDEN
    if needs == "export":  # the office (SEND) makes one; without a key it is refused
        return BAD if _expected(user, unit, "POST", "office") == STALE else FORBIDDEN
    if needs.endswith("record"):
        allowed = user in RECORDERS[unit]
        return FORBIDDEN if not allowed else OK if method == "GET" else BAD
    if method == "GET" and needs != "office":
        return OK
    if needs in ROLE_NEEDS:
        return STALE if user in ROLE_NEEDS[needs].get(unit, ()) else FORBIDDEN
    office = (user in OFFICE and unit == A) or (user == "khac" and unit == B)
    if not office:
        return FORBIDDEN
    return OK if method == "GET" else STALE  # an upload or a cancel: 400, set by the caller


def _send(client: Any, method: str, path: str, body: Any) -> Any:
    if method == "GET":
        return client.get(path)
    if body == "upload":
        return client.post(path, files={"file": ("anh.docx", b"\x89PNG\r\n", "image/png")})
    if body == "finished":
        return client.post(path)
    if method == "PUT":
        return client.put(path, json=body)
    if method == "DELETE":
        return client.delete(path)
    return client.post(path, json=body)


@pytest.mark.parametrize("user", [*READERS, "khac"])
def test_every_api_route_as_every_role(world: World, as_user: Any, user: str) -> None:
    probe = as_user("tinh")
    client = as_user(user)
    prepared = _prepare(world)
    failures = []
    for unit in (A, B):
        agencies = probe.get(f"/api/units/{world.units[unit]}/agencies").json()["agencies"]
        first, second = agencies[0]["id"], agencies[1]["id"]
        other_unit = world.units[B if unit == A else A]
        foreign = probe.get(f"/api/units/{other_unit}/agencies").json()["agencies"][0]["id"]
        for method, path, body, needs in _routes(world, unit):
            path = path.replace("{agency}", str(first)).replace("{into}", str(second))
            path = path.replace("{foreign}", str(foreign))
            for key, value in prepared[unit].items():
                path = path.replace(key, value)
            if isinstance(body, dict) and body.get("into") == "{into}":
                body = {**body, "into": second}
            expected = _expected(user, unit, method, needs)
            if body in ("upload", "finished") and expected == STALE:
                expected = BAD
            got = _send(client, method, path, body)
            if got.status_code != expected:
                failures.append((unit, method, path, expected, got.status_code))
            if got.status_code >= 400:
                assert set(got.json()) == {"error"}
    assert failures == []


@pytest.mark.parametrize("user", [*READERS, "khac"])
def test_every_personal_api_route_as_every_role(as_user: Any, user: str) -> None:
    """Tokens are the person's own: anyone lists theirs, nobody revokes another's."""
    made = as_user("tinh").post("/api/tokens", json={"name": "bảng số liệu"}).json()
    client = as_user(user)
    failures = []
    for method, path, body, expected in PERSONAL:
        path = path.replace("{token}", str(made["id"]))
        if user == "tinh" and path.endswith("/revoke"):
            expected = OK  # the token's owner
        if user == "quantri" and path == "/api/outbox":
            expected = OK
        got = _send(client, method, path, body)
        if got.status_code != expected:
            failures.append((method, path, expected, got.status_code))
    assert failures == []


def test_the_matrix_covers_every_api_route(world: World) -> None:
    covered = {(m, _template(p.split("?")[0])) for m, p, _b, _n in _routes(world, A)}
    covered |= {(m, _template(p)) for m, p, _b, _e in PERSONAL}
    assert _uncovered(world, covered) == set()


def test_the_coverage_check_finds_a_route_missing_from_the_matrix(world: World) -> None:
    covered = {(m, _template(p.split("?")[0])) for m, p, _b, _n in _routes(world, A)}
    covered |= {(m, _template(p)) for m, p, _b, _e in PERSONAL}
    assert _uncovered(world, covered - {("GET", "/api/jobs/{job_id}/file")}) \
        == {("GET", "/api/jobs/{job_id}/file")}


def _uncovered(world: World, covered: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The API routes of the app (signing in and the list of units aside) not in
    `covered`."""
    app = create_app(world.settings)
    skip = {"/api/csrf", "/api/login", "/api/logout", "/api/me", "/api/password", "/api/units"}
    found = {(m, r.path) for r in routes(app) if r.path.startswith("/api")
             and r.path not in skip for m in r.methods}
    assert len(found) > 30  # the walk reaches the included routers' routes
    return found - covered


def _template(path: str) -> str:
    parts = path.split("/")
    names = {"units": "{unit_id}", "plans": "{plan_id}", "items": "{ref}",
             "agencies": "{agency_id}", "explanations": "{request_id}", "audit": "{entry_id}",
             "jobs": "{job_id}", "tokens": "{token_id}", "files": "{attachment_id}",
             "users": "{username}", "target-links": "{link_id}",
             "movements": "{movement_id}", "criteria": "{criterion_id}",
             "participants": "{participant_id}", "outgoing": "{doc_id}",
             "figures": "{figure_id}", "score-sheets": "{sheet_id}", "papers": "{kind}",
             "level-links": "{link_id}", "instruction-items": "{item_id}",
             "dossier-files": "{file_id}", "cong-khai": "{code}"}
    named = [names.get(parts[i - 1], part) if i and parts[i - 1] in names else part
             for i, part in enumerate(parts)]
    if parts[-3:-1] == ["product", "files"]:  # a product's file: by the step it came with
        named[-1] = "{step_id}"
    if parts[-3:-1] == ["dossier", "papers"]:  # a dossier's paper: by its place in the list
        named[-1] = "{paper}"
    # a notice's id: a number after "notifications" ("read-all", "settings" are words)
    return "/".join("{notice_id}" if part.isdigit() and named[i - 1] == "notifications"
                    else part for i, part in enumerate(named))


def test_another_communes_user_gets_not_found_with_the_same_message(world: World,
                                                                   as_user: Any) -> None:
    other = as_user("khac")
    plan_a = world.plans[A]
    missing = other.get("/api/plans/999999/review").json()
    hidden = other.get(f"/api/plans/{plan_a}/review").json()
    assert missing["error"]["type"] == hidden["error"]["type"] == "not_found"
    assert hidden["error"]["message"] == f"không có kế hoạch số {plan_a}."
    page = other.get(f"/ke-hoach/{plan_a}")
    assert page.status_code == 404
