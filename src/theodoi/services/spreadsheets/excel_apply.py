"""Writing a checked register workbook into a unit's register.

Only `excel_import` calls this, and only with rows that passed every check. A row updates
the record its id names (workbook from this register) or creates one; a field changes only
when its cell differs from the stored value, and a column missing from the sheet leaves
its field as it is. References between rows (item → plan, milestone → target, revision →
earlier version, assignment → agency) are resolved through the workbook's own ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.names import agency_key
from theodoi.extraction.agencies import normalise_agency
from theodoi.services.register import agencies
from theodoi.services.spreadsheets.excel_columns import (
    AGENCIES,
    MILESTONES,
    PLANS,
    SHEETS,
    TARGETS,
    TASKS,
)
from theodoi.services.spreadsheets.excel_rows import TARGET_VALUES, TASK_VALUES
from theodoi.storage.models import (
    Agency,
    Assignment,
    Basis,
    Milestone,
    Plan,
    Target,
    Task,
    Unit,
    utcnow,
)
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import plans as plan_repo

PLAN_KEYS = ("number", "kind", "title", "issued_on", "place", "issuer", "term_start",
             "term_end", "status", "recipients", "source_name", "source_sha256",
             "activated_at", "restricted")
ITEM_KEYS = ("label", "text", "position", "review", "reviewed_at", "original", "change",
             "ext_id", "section", "span_start", "span_end")
DEFAULTS: dict[str, dict[str, Any]] = {
    PLANS: {"title": "", "kind": "ke_hoach", "status": "draft", "recipients": [],
            "restricted": False},
    TARGETS: {"text": "", "indicator": "", "kind": "level", "per_year": False,
              "also_spans": []},
    TASKS: {"text": "", "title": "", "kind": "task", "submit_to": []},
}
KEEP_IF_EMPTY = {"position", "review"}  # not-null columns a blank cell must not clear
ROLES = ("lead", "co", "leader", "advisory")


@dataclass
class ImportSummary:
    """What an import did, per sheet; `untouched` counts the unit's records left out."""

    unit: str
    same_register: bool
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHEETS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHEETS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHEETS, 0))
    untouched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHEETS, 0))
    proposed_agencies: list[str] = field(default_factory=list)


@dataclass
class Existing:
    """The unit's records before the import, by id; aliases by their folded key."""

    records: dict[str, dict[int, Any]]
    alias_keys: dict[str, int]

    @classmethod
    def load(cls, s: Session, unit: Unit) -> Existing:
        plans = plan_repo.for_unit(s, unit.id, full=True)
        targets = [t for p in plans for t in p.targets]
        found = agency_repo.for_unit(s, unit.id)
        return cls({"plan": {p.id: p for p in plans}, "target": {t.id: t for t in targets},
                    "task": {t.id: t for p in plans for t in p.tasks},
                    "milestone": {m.id: m for t in targets for m in t.milestones},
                    "agency": {a.id: a for a in found}},
                   {x.key: a.id for a in found for x in a.aliases})

    def ids(self, kind: str) -> set[int]:
        return set(self.records.get(kind, {}))

    def alias_owner(self, key: str) -> int | None:
        return self.alias_keys.get(key)

    def plan_with_source(self, sha: str) -> int | None:
        return next((p.id for p in self.records["plan"].values() if p.source_sha256 == sha),
                    None)


class Applier:
    """One import's writes; `made` maps the workbook's ids to the records they became."""

    def __init__(self, s: Session, unit: Unit, same: bool, existing: Existing,
                 present: dict[str, set[str]]) -> None:
        self.s, self.unit, self.same, self.existing, self.present = s, unit, same, existing, \
            present
        self.made: dict[str, dict[int, Any]] = {k: {} for k in ("plan", "target", "task",
                                                                "agency")}
        self.done: list[tuple[str, dict[str, Any], Any]] = []
        self.pending_bases: list[tuple[Basis, int]] = []  # bases linked to a later plan
        self.touched: dict[str, set[int]] = {k: set() for k in SHEETS}
        self.summary = ImportSummary(unit.name, same)
        self.problems: list[str] = []  # what only shows while applying (a closed plan …)

    def _problem(self, sheet: str, row: dict[str, Any], header: str, text: str) -> None:
        self.problems.append(f"Trang '{sheet}', dòng {row.get('_row')}, cột '{header}': {text}")

    def apply(self, rows: dict[str, list[dict[str, Any]]]) -> ImportSummary:
        before = {a.id for a in agency_repo.for_unit(self.s, self.unit.id, "proposed")}
        for sheet, step in ((AGENCIES, self._agency), (PLANS, self._plan),
                            (TARGETS, self._item), (TASKS, self._item),
                            (MILESTONES, self._milestone)):
            for row in rows.get(sheet, []):
                step(sheet, row)
        self._links()
        self.s.flush()
        self._untouched()
        self.summary.proposed_agencies = [
            a.name for a in agency_repo.for_unit(self.s, self.unit.id, "proposed")
            if a.id not in before]
        return self.summary

    # --- shared helpers -------------------------------------------------------------

    def _mine(self, kind: str, row: dict[str, Any]) -> Any:
        """The stored record a row updates, or None when the row is a new record."""
        if not self.same or row.get("id") is None:
            return None
        return self.existing.records[kind][row["id"]]

    def _ref(self, kind: str, wid: int | None) -> Any:
        """The record a workbook id points at: one this import made, else one stored."""
        if wid is None:
            return None
        if wid in self.made[kind]:
            return self.made[kind][wid]
        return self.existing.records[kind].get(wid) if self.same else None

    def _set(self, sheet: str, record: Any, row: dict[str, Any], keys: tuple[str, ...]) -> bool:
        """Copy the present cells of `keys` that differ; True when anything changed."""
        changed = False
        for key in keys:
            if key not in self.present[sheet]:
                continue
            value = row.get(key)
            if value is None and key in KEEP_IF_EMPTY:
                continue
            if value is None:
                value = DEFAULTS.get(sheet, {}).get(key)
            if getattr(record, key) != value:
                setattr(record, key, value)
                changed = True
        return changed

    def _count(self, sheet: str, record: Any, created: bool, changed: bool) -> None:
        bucket = self.summary.created if created else (
            self.summary.updated if changed else self.summary.unchanged)
        bucket[sheet] += 1
        if not created:
            self.touched[sheet].add(record.id)

    def _untouched(self) -> None:
        kinds = {PLANS: "plan", TARGETS: "target", TASKS: "task", MILESTONES: "milestone",
                 AGENCIES: "agency"}
        for sheet, kind in kinds.items():
            self.summary.untouched[sheet] = len(self.existing.ids(kind) - self.touched[sheet])

    # --- agencies -------------------------------------------------------------------

    def _agency(self, sheet: str, row: dict[str, Any]) -> None:
        agency, created = self._mine("agency", row), False
        if agency is None:
            agency = self._agency_named(row)
        if agency is None:
            name = row["name"]
            agency = agency_repo.add(self.s, self.unit.id, name, agency_key(name),
                                     row.get("status") or "active")
            created = True
        changed = self._agency_values(sheet, agency, row, renames=not created)
        if row.get("id") is not None:
            self.made["agency"][row["id"]] = agency
        self._count(sheet, agency, created, changed)

    def _agency_named(self, row: dict[str, Any]) -> Agency | None:
        """The stored agency one of the row's names already belongs to (no duplicates)."""
        for name in [row["name"], *row.get("aliases", [])]:
            owner = self.existing.alias_owner(agency_key(name))
            if owner is not None:
                agency: Agency = self.existing.records["agency"][owner]
                return agency
        return None

    def _agency_values(self, sheet: str, agency: Agency, row: dict[str, Any],
                       renames: bool) -> bool:
        changed = False
        if renames and self._mine("agency", row) is agency and agency.name != row["name"]:
            agency.name, changed = row["name"], True
        if "status" in self.present[sheet] and row.get("status") not in (None, agency.status):
            agency.status, changed = row["status"], True
        for alias in [row["name"], *row.get("aliases", [])]:
            if agency_repo.alias_by_key(self.s, self.unit.id, agency_key(alias)) is None:
                agency_repo.add_alias(self.s, agency, alias, agency_key(alias))
                changed = True
        return changed

    # --- plans ----------------------------------------------------------------------

    def _plan(self, sheet: str, row: dict[str, Any]) -> None:
        plan = self._mine("plan", row)
        created = plan is None
        if plan is None:
            plan = Plan(unit_id=self.unit.id, title="", recipients=[], status="draft")
            if row.get("created_at"):
                plan.created_at = row["created_at"]
            self.s.add(plan)
        changed = self._set(sheet, plan, row, PLAN_KEYS)
        changed = self._signer(sheet, plan, row) or changed
        changed = self._bases(sheet, plan, row) or changed
        self.s.flush()
        if row.get("id") is not None:
            self.made["plan"][row["id"]] = plan
        self.done.append(("plan", row, plan))
        self._count(sheet, plan, created, changed)

    def _signer(self, sheet: str, plan: Plan, row: dict[str, Any]) -> bool:
        keys = {"name": "signer_name", "position": "signer_position",
                "on_behalf": "signer_on_behalf"}
        current = plan.signer or {}
        wanted = {k: row.get(c) if c in self.present[sheet] else current.get(k)
                  for k, c in keys.items()}
        if wanted == {k: current.get(k) for k in keys}:
            return False
        plan.signer = {**current, **wanted} if any(wanted.values()) else None
        return True

    def _bases(self, sheet: str, plan: Plan, row: dict[str, Any]) -> bool:
        """Bases from the text cell; the JSON beside it keeps what each line was linked to."""
        if "bases" not in self.present[sheet]:
            return False
        data = row.get("bases_data") or []
        text = row.get("bases") or ""
        if text != "\n".join(d.get("text", "") for d in data):
            known = {d.get("text"): d for d in data}
            data = [known.get(line.strip(), {"text": line.strip()})
                    for line in text.split("\n") if line.strip()]
        linked = [self._ref("plan", d.get("linked_plan")) for d in data]
        wanted = [(d["text"], d.get("ref_kind"), d.get("ref_number"), d.get("ref_date"),
                   p.id if p is not None else None) for d, p in zip(data, linked, strict=True)]
        current = [(b.text, b.ref_kind, b.ref_number,
                    b.ref_date.isoformat() if b.ref_date else None, b.linked_plan_id)
                   for b in plan.bases]
        if wanted == current:
            return False
        plan.bases = [self._basis(i, d, p, plan) for i, (d, p) in enumerate(zip(data, linked,
                                                                             strict=True))]
        return True

    def _basis(self, position: int, d: dict[str, Any], linked: Plan | None,
               plan: Plan) -> Basis:
        from datetime import date

        basis = Basis(position=position, text=d["text"], ref_kind=d.get("ref_kind"),
                      ref_number=d.get("ref_number"),
                      ref_date=date.fromisoformat(d["ref_date"]) if d.get("ref_date") else None,
                      linked_plan_id=linked.id if linked is not None else None)
        if linked is None and d.get("linked_plan") is not None:
            self.pending_bases.append((basis, d["linked_plan"]))
        return basis

    # --- items ----------------------------------------------------------------------

    def _item(self, sheet: str, row: dict[str, Any]) -> None:
        kind = "target" if sheet == TARGETS else "task"
        item = self._mine(kind, row)
        plan: Plan = self._ref("plan", row.get("plan_id")) if row.get("plan_id") is not None \
            else item.plan  # checked: a new row always names its plan
        created = item is None
        if item is None:
            item = self._new_item(kind, plan, row)
        moved = item.plan is not plan
        if moved:
            item.plan = plan
        values = TARGET_VALUES if kind == "target" else (*TASK_VALUES, "submit_to")
        review_before = item.review
        changed = self._set(sheet, item, row, (*values, "label", "text"))
        people = self._people(sheet, item, row)
        meta = self._set(sheet, item, row, ITEM_KEYS)
        if kind == "target":
            meta = self._set(sheet, item, row, ("also_spans",)) or meta
        if not created and (changed or people) and item.plan.status == "closed":
            self._problem(sheet, row, "Mã", f"kế hoạch số {item.plan.id} đã đóng; không sửa "
                          "được mục của nó (mở lại kế hoạch ở trang 'Kế hoạch' nếu cần).")
        if not created and (changed or people) and item.review == review_before:
            self._corrected(item)
        if row.get("id") is not None:
            self.made[kind][row["id"]] = item
        self.done.append((kind, row, item))
        self._count(sheet, item, created, changed or people or meta or moved)

    def _new_item(self, kind: str, plan: Plan, row: dict[str, Any]) -> Target | Task:
        """A new row of `plan`, placed after its items unless the row says where."""
        position = row.get("position")
        if position is None:
            group = plan.targets if kind == "target" else plan.tasks
            position = max((i.position for i in group), default=-1) + 1
        review = row.get("review") or "added"
        if kind == "target":
            target = Target(review=review, position=position)
            plan.targets.append(target)
            return target
        task = Task(review=review, position=position)
        plan.tasks.append(task)
        return task

    @staticmethod
    def _corrected(item: Target | Task) -> None:
        """A value changed in Excel is a correction, as on the review screen."""
        if item.review in ("proposed", "accepted"):
            item.review = "corrected"
            item.reviewed_at = utcnow()

    def _people(self, sheet: str, item: Target | Task, row: dict[str, Any]) -> bool:
        """Replace each role whose names (or their directory bodies) differ from the row."""
        changed = False
        for role in ROLES:
            if role not in self.present[sheet]:
                continue
            tokens = row.get(f"{role}_ids") or []
            wanted = [(name, self._agency_for(item, role, name,
                                              tokens[i] if i < len(tokens) else None))
                      for i, name in enumerate(row.get(role) or [])]
            current = [(a.name, a.agency_id) for a in item.assignments if a.role == role]
            if wanted != current:
                item.assignments = [a for a in item.assignments if a.role != role] + [
                    Assignment(role=role, name=" ".join(n.split()), position=i, agency_id=aid)
                    for i, (n, aid) in enumerate(wanted)]
                changed = True
        return changed

    def _agency_for(self, item: Target | Task, role: str, name: str,
                    token: str | None) -> int | None:
        """The directory body for a name: what the item already had for that very name,
        else the workbook's agency when the name is one of its names, else the directory's
        answer (a name typed over a stale id resolves afresh)."""
        if role == "leader":
            return None
        for a in item.assignments:
            if a.role == role and a.name == name:
                return a.agency_id
        agency = self._ref("agency", int(token)) if token and token.isdigit() else None
        if agency is not None and self._is_named(agency, name):
            return int(agency.id)
        found = (agencies.resolve_if_body(self.s, self.unit, name) if token in (None, "-")
                 else agencies.resolve(self.s, self.unit, name))
        return found.id if found is not None else None

    def _is_named(self, agency: Agency, name: str) -> bool:
        """Whether `name`, as written or as the body the rules read it as, is `agency`'s."""
        canonical = normalise_agency(name)
        for key in {agency_key(name), agency_key(canonical or name)}:
            alias = agency_repo.alias_by_key(self.s, self.unit.id, key)
            if alias is not None and alias.agency_id == agency.id:
                return True
        return False

    # --- milestones and links -------------------------------------------------------

    def _milestone(self, sheet: str, row: dict[str, Any]) -> None:
        target: Target = self._ref("target", row["target_id"])
        mine = (self.existing.records["milestone"].get(row["id"])
                if self.same and row.get("id") is not None else None)
        milestone = mine or next((m for m in target.milestones if m.year == row["year"]), None)
        created = milestone is None
        if milestone is None:
            milestone = Milestone(year=row["year"], value=row.get("value"))
            target.milestones.append(milestone)
            self.s.flush()
        changed = False
        if target.plan.status == "closed" and (created or milestone.target is not target or any(
                key in self.present[sheet] and getattr(milestone, key) != row.get(key)
                for key in ("year", "value"))):
            self._problem(sheet, row, "Năm", f"kế hoạch số {target.plan.id} đã đóng; không "
                          "sửa được lộ trình của chỉ tiêu.")
        if any(m is not milestone and m.year == row["year"] for m in target.milestones):
            self._problem(sheet, row, "Năm", f"chỉ tiêu đã có năm {row['year']} trong lộ trình.")
            return
        if milestone.target is not target:
            milestone.target, changed = target, True
        for key in ("year", "value"):
            if key in self.present[sheet] and getattr(milestone, key) != row.get(key):
                setattr(milestone, key, row.get(key))
                changed = True
        self._count(sheet, milestone, created, changed)

    def _links(self) -> None:
        """Revision and basis links, once every record of the workbook exists."""
        self.s.flush()
        for kind, row, record in self.done:
            key = "revises_id" if kind == "plan" else "previous_id"
            if key in row and (row[key] is not None or self.same):
                other = self._ref(kind, row[key])
                wanted = other.id if other is not None else None
                if getattr(record, key) != wanted:
                    setattr(record, key, wanted)
        for basis, wid in self.pending_bases:
            linked = self._ref("plan", wid)
            basis.linked_plan_id = linked.id if linked is not None else None
