"""Taking a package in at the unit above: refused in words, before anything is written,
when the package was exported by this very installation (services/exchange/identity.py),
the unit is not registered below the importing unit, has no key, the signature or a part
is wrong, the schema is another, or a figure breaks the rules of a figure typed here; the
same package twice changes nothing; a newer package of the same period updates what the
older one brought (the same plans and items, found through exchange_items); an older one
is refused. A figure of a period locked here is held, never written: it waits in the
unit's "Số liệu chờ xác nhận" until the office reopens the period and accepts it.

Everything happens in the caller's one transaction (the web request or the CLI command):
a failure anywhere leaves nothing of the package behind. Rows brought are marked as the
package's (`SOURCE`: a plan's source name, a figure's and a report's recorder) and
listed in exchange_items with the id they had at the sending installation.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.dates import vn_day
from theodoi.domain.errors import BadInput
from theodoi.domain.periods import parse_period
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.exchange import identity, package
from theodoi.services.exchange.export import PLAN_FIELDS, TARGET_FIELDS, TASK_FIELDS, unit_for
from theodoi.services.progress import locks, records
from theodoi.services.validation import figures as validation
from theodoi.storage.models import (
    ExchangeImport,
    ExchangeItem,
    Milestone,
    OutgoingDocument,
    Plan,
    ProgressRecord,
    Target,
    Task,
    Unit,
)
from theodoi.storage.repositories import exchange as repo
from theodoi.storage.repositories import outgoing as outgoing_repo
from theodoi.storage.repositories import plans as plans_repo
from theodoi.storage.repositories import progress as progress_repo
from theodoi.storage.repositories import units as unit_repo

SOURCE = "gói trao đổi từ {code}"
# the fields that are days, per kind (a target's `period_end` is a year)
DATES = {"plan": {"issued_on"}, "task": {"due_date"}, "target": set[str]()}
CHANGE_LABELS = {"plan_added": "kế hoạch mới", "plan_updated": "kế hoạch cập nhật",
                 "target_added": "chỉ tiêu mới", "target_updated": "chỉ tiêu cập nhật",
                 "milestones_changed": "lộ trình thay đổi", "task_added": "nhiệm vụ mới",
                 "task_updated": "nhiệm vụ cập nhật", "figure_added": "số liệu mới",
                 "figure_updated": "số liệu sửa",
                 "figure_held": "số liệu của kỳ đã chốt, chờ xác nhận",
                 "report_added": "báo cáo mới"}
UNPACKED = 10  # a package unpacks to at most this many times the upload limit
MALFORMED = "nội dung gói không đúng mẫu {schema} ({detail}). Không nhập gì."


def import_package(s: Session, p: Principal | None, unit_id: int, data: bytes, *,
                   max_bytes: int, now: datetime) -> dict[str, Any]:
    """Import a package of a unit below `unit_id` (the office of the unit above: UPLOAD);
    what it added and updated, or that it was imported before and changed nothing."""
    above = unit_for(s, p, unit_id, rules.UPLOAD)
    if len(data) > max_bytes:
        raise BadInput(f"gói lớn hơn giới hạn {max_bytes // (1024 * 1024)} MB. Không nhập gì.")
    pkg = package.read(data, UNPACKED * max_bytes)
    sender = _sender(s, above, pkg.manifest["unit"])
    identity.check_not_own(s, pkg.manifest, sender.id)
    key = repo.key_of(s, sender.id)
    if key is None:
        raise BadInput(f"{above.name} chưa đăng ký khóa trao đổi của {sender.name}: quản "
                       "trị nhập khóa xã gửi (theodoi exchange keys add) rồi nhập lại gói.")
    package.verify(pkg, key.secret)
    head = _head(pkg, sender, above)
    if repo.imported(s, sender.id, pkg.sha256) is not None:
        return {**head, "state": "da_nhap_truoc", "changes": {},
                "summary": "đã nhập trước đó, không thay đổi gì"}
    exported = _exported_at(pkg)
    last = repo.newest(s, sender.id, head["period"]["key"])
    if last is not None and last.exported_at > exported:
        raise BadInput(f"gói này lập lúc {_when(exported)}, cũ hơn gói cùng kỳ đã nhập "
                       f"(lập lúc {_when(last.exported_at)}). Không nhập gì.")
    record = ExchangeImport(unit_id=sender.id, period_key=head["period"]["key"],
                            exported_at=exported, manifest_sha256=pkg.sha256,
                            imported_by=p.username if p else None, imported_at=now)
    repo.add(s, record)
    try:
        changes = _apply(s, Applying(sender, above, record, now), pkg)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadInput(MALFORMED.format(schema=package.SCHEMA, detail=exc)) from exc
    record.counts = changes
    s.flush()
    return {**head, "state": "da_nhap", "import_id": record.id, "changes": changes,
            "summary": "đã nhập: " + describe(changes)}


def describe(changes: dict[str, int]) -> str:
    """What an import changed, in words ('2 chỉ tiêu mới, 1 số liệu sửa')."""
    return ", ".join(f"{n} {CHANGE_LABELS.get(k, k)}" for k, n in changes.items()) \
        or "không có gì mới"


def _sender(s: Session, above: Unit, named: dict[str, Any]) -> Unit:
    """The unit the package is of: registered here, below the importing unit."""
    unit = unit_repo.by_code(s, str(named["code"]))
    if unit is None or unit.id == above.id or above.id not in access.chain(unit):
        raise BadInput(f"gói của đơn vị '{named.get('name') or named['code']}' (mã "
                       f"{named['code']}) không thuộc các đơn vị đã đăng ký dưới "
                       f"{above.name}. Không nhập gì.")
    return unit


def _head(pkg: package.Package, sender: Unit, above: Unit) -> dict[str, Any]:
    m = pkg.manifest
    return {"unit": {"id": sender.id, "code": sender.code, "name": sender.name},
            "into": {"id": above.id, "name": above.name}, "period": m["period"],
            "exported_at": m["exported_at"], "counts": m.get("counts", {})}


def _exported_at(pkg: package.Package) -> datetime:
    try:
        return datetime.fromisoformat(pkg.manifest["exported_at"]).replace(tzinfo=None)
    except ValueError as exc:
        raise BadInput(MALFORMED.format(schema=package.SCHEMA, detail="ngày lập")) from exc


def _when(at: datetime) -> str:
    """'14:00 10/07/2026': a moment as screens and messages write it."""
    return f"{at:%H:%M} {vn_day(at.date())}"


class Applying:
    """One import being applied: who sent it, into whom, its record, the maps it grows."""

    def __init__(self, sender: Unit, above: Unit, record: ExchangeImport, now: datetime):
        self.sender, self.above, self.record, self.now = sender, above, record, now
        self.source = SOURCE.format(code=sender.code)
        self.counts: Counter[str] = Counter()
        self.maps: dict[str, dict[int, int]] = {}

    def local(self, s: Session, kind: str, remote: int) -> int | None:
        if kind not in self.maps:
            self.maps[kind] = repo.mapped(s, self.sender.id, kind)
        return self.maps[kind].get(remote)

    def remember(self, s: Session, kind: str, remote: int, local: int) -> None:
        self.maps[kind][remote] = local
        s.add(ExchangeItem(unit_id=self.sender.id, kind=kind, remote_id=remote,
                           local_id=local, import_id=self.record.id))


def _apply(s: Session, run: Applying, pkg: package.Package) -> dict[str, int]:
    for row in pkg.json_part("plans.json"):
        plan = _upsert(s, run, "plan", row, PLAN_FIELDS, partial(
            Plan, unit_id=run.sender.id, source_name=run.source), plans_repo.get)
        if plan.status == "active" and plan.activated_at is None:
            plan.activated_at = run.now
        for item in row["targets"]:
            target = _upsert(s, run, "target", item, TARGET_FIELDS,
                             partial(Target, plan_id=plan.id), plans_repo.target)
            _milestones(s, run, target, item["milestones"])
        for item in row["tasks"]:
            _upsert(s, run, "task", item, TASK_FIELDS, partial(Task, plan_id=plan.id),
                    plans_repo.task)
    for row in pkg.json_part("figures.json"):
        _figure(s, run, row)
    for row in pkg.json_part("reports.json"):
        _report(s, run, row, pkg.parts)
    s.flush()
    order = list(CHANGE_LABELS)
    return dict(sorted(run.counts.items(), key=lambda kv: order.index(kv[0])))


def _upsert(s: Session, run: Applying, kind: str, row: dict[str, Any],
            fields: tuple[str, ...], make: Any, get: Any) -> Any:
    """The local row a package's record became (made when new), its fields set."""
    local = run.local(s, kind, int(row["id"]))
    found = get(s, local) if local is not None else None
    obj = found if found is not None else make()
    changed = False
    for name in fields:
        value = row.get(name)
        if name in DATES[kind] and value is not None:
            value = date.fromisoformat(value)
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if found is None:
        s.add(obj)
        s.flush()
        run.remember(s, kind, int(row["id"]), obj.id)
        run.counts[f"{kind}_added"] += 1
    elif changed:
        run.counts[f"{kind}_updated"] += 1
    return obj


def _milestones(s: Session, run: Applying, target: Target, rows: list[list[Any]]) -> None:
    """The target's roadmap made the package's: values updated in place, years added and
    dropped (never deleted and re-added: the (target, year) key would clash in a flush)."""
    wanted = {int(y): (None if v is None else float(v)) for y, v in rows}
    have = {m.year: m for m in target.milestones}
    if {y: m.value for y, m in have.items()} == wanted:
        return
    for year, m in have.items():
        if year not in wanted:
            target.milestones.remove(m)
        elif m.value != wanted[year]:
            m.value = wanted[year]
    target.milestones.extend(Milestone(year=y, value=v) for y, v in wanted.items()
                             if y not in have)
    run.counts["milestones_changed"] += 1
    s.flush()


def _figure(s: Session, run: Applying, row: dict[str, Any]) -> None:
    """The figure as the commune accepted it: added when the period had none here, a
    correction of the current one when the value differs, nothing when it is the same.
    It is read by the rules a figure typed here obeys (a milestone takes 1 or 0, a
    whole is positive …: BadInput, nothing imported); a period locked here (or within a
    locked one) is never written: the figure waits for the office (validation.hold)."""
    target_id = run.local(s, "target", int(row["target"]))
    if target_id is None:
        raise ValueError(f"số liệu {row['id']} của chỉ tiêu không có trong gói")
    value = float(row["value"])
    value_of = None if row.get("value_of") is None else float(row["value_of"])
    target, key = plans_repo.target(s, target_id), str(row["period_key"])
    if target is None:
        raise ValueError(f"chỉ tiêu của số liệu {row['id']} không còn ở đây")
    _check_figure(target, key, value, value_of)
    current = progress_repo.current(s, target_id, key)
    if current is not None and (current.value, current.value_of) == (value, value_of):
        return
    if not locks.is_open(s, run.sender.id, key):
        if validation.hold(s, target, key, value, value_of, note=row.get("note"),
                           by=run.source, on=run.now.date()):
            run.counts["figure_held"] += 1
        return
    if current is not None:
        progress_repo.supersede(s, current.id)
    progress_repo.add_record(s, ProgressRecord(
        target_id=target_id, period_key=str(row["period_key"]),
        period_end=date.fromisoformat(row["period_end"]), value=value, value_of=value_of,
        entered_value=row.get("entered_value"), entered_unit=row.get("entered_unit"),
        note=row.get("note"), corrects_id=current.id if current else None,
        recorded_by=run.source))
    run.counts["figure_updated" if current else "figure_added"] += 1


def _check_figure(target: Target, key: str, value: float, value_of: float | None) -> None:
    try:
        parse_period(key)
        records.read_value(target, value, value_of)
    except BadInput as exc:
        raise BadInput(f"số liệu kỳ {key} của chỉ tiêu «{target.indicator or target.text}» "
                       f"không hợp lệ ở đây: {exc} Không nhập gì.") from exc


def _report(s: Session, run: Applying, row: dict[str, Any], parts: dict[str, bytes]) -> None:
    """A report the commune numbered: received here as sent to the unit above."""
    if run.local(s, "report", int(row["id"])) is not None:
        return
    same = repo.same_document(s, run.sender.id, int(row["year"]), str(row["symbol"]),
                              int(row["number"]))
    if same is None:
        same = outgoing_repo.add(s, _document(s, run, row, parts))
        run.counts["report_added"] += 1
    run.remember(s, "report", int(row["id"]), same.id)


def _document(s: Session, run: Applying, row: dict[str, Any],
              parts: dict[str, bytes]) -> OutgoingDocument:
    def stored(which: str, ext: str) -> int | None:
        data = parts.get(f"files/{row['id']}-{which}")
        if data is None:
            return None
        name = f"{row['symbol']}-{row['number']}-{row['year']}.{ext}"
        return progress_repo.add_attachment(s, hashlib.sha256(data).hexdigest(), name,
                                            data).id

    docx_id = stored("docx", "docx")
    if docx_id is None:
        raise ValueError(f"báo cáo {row['id']} thiếu tệp")
    sent = date.fromisoformat(row["sent_on"]) if row.get("sent_on") else run.now.date()
    return OutgoingDocument(
        unit_id=run.sender.id, year=int(row["year"]), symbol=str(row["symbol"]),
        number=int(row["number"]), issued_on=date.fromisoformat(row["issued_on"]),
        report_kind=str(row["report_kind"]), period_key=str(row["period_key"]),
        title=str(row["title"]), state="da_gui", docx_id=docx_id,
        signed_id=stored("signed", "pdf") if row.get("has_signed") else None,
        to_unit_id=run.above.id, sent_on=sent, received_on=run.now.date(),
        numbered_by=run.source, sent_by=run.source, note=run.source)


def history(s: Session, p: Principal | None, unit_id: int) -> dict[str, Any]:
    """The packages imported for the units right under the unit, newest first."""
    above = unit_for(s, p, unit_id, rules.UPLOAD)
    below = {u.id: u for u in repo.units_under(s, above.id)}
    return {"unit": {"id": above.id, "name": above.name, "code": above.code},
            "imports": [{"id": r.id, "unit": below[r.unit_id].name,
                         "period_key": r.period_key,
                         "exported_at": r.exported_at.isoformat(),
                         "imported_at": r.imported_at.replace(microsecond=0).isoformat(),
                         "exported_text": _when(r.exported_at),
                         "imported_text": _when(r.imported_at),
                         "imported_by": r.imported_by, "counts": r.counts,
                         "summary": describe(r.counts)}
                        for r in repo.imports_into(s, list(below))]}
