"""Runs the extraction stages in order over one SourceText.

Each stage declares what it needs and what it provides; `check_order` verifies at import
time that every need is provided by an earlier stage. A stage that raises becomes warning
W100 and leaves its outputs empty, so one bad rule never loses the rest of the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from theodoi.extraction import memo
from theodoi.extraction.model import Document, Emulation, Heading, Target, Task
from theodoi.extraction.source import SourceText
from theodoi.extraction.warnings import Warning, warn


@dataclass
class Context:
    """Everything the stages read and write for one document."""

    source: SourceText
    document: Document = field(default_factory=Document)
    outline: list[Heading] = field(default_factory=list)
    clauses: Sequence[tuple[int, int]] = field(default_factory=list)  # body clauses, in order
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    emulation: Emulation | None = None  # a plan that launches a movement (schema 1.1)
    warnings: list[Warning] = field(default_factory=list)
    # what a stage works out once and others read again (the tables' layouts …), by name:
    # kept with the document, so nothing of it outlives the document's context
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Context], None]


def check_order(stages: list[Stage]) -> None:
    """Raise if a stage needs something no earlier stage provides."""
    have = {"source"}
    for stage in stages:
        missing = set(stage.needs) - have
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {sorted(missing)} before it")
        have |= set(stage.provides)


def run(stages: list[Stage], source: SourceText) -> Context:
    """Run every stage; a failing stage is reported as W100 and the others go on."""
    ctx = Context(source=source, warnings=list(source.warnings))
    with memo.document():  # the helpers' answers kept for this document only
        for stage in stages:
            try:
                stage.run(ctx)
            except Exception as exc:  # noqa: BLE001 - a stage bug must not lose the document
                ctx.warnings.append(warn("W100", None, stage=stage.name, error=repr(exc)))
    return ctx
