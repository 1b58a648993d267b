"""The sample register: the plans shipped in samples/, each stored under the commune that
issued it, inside a sample province. Loading twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.services import extracting, importing, units

PROVINCE = "Tỉnh mẫu"
FALLBACK_UNIT = "Xã mẫu"


def load_samples(s: Session, folder: Path, *,
                 max_bytes: int) -> list[tuple[str, importing.ImportResult]]:
    """Import every document of `folder` as (file name, result); a sample that names no
    commune goes to Xã mẫu."""
    try:
        units.find(s, PROVINCE)
    except NotFound:
        units.create(s, PROVINCE, level="tinh")
    results = []
    for path in extracting.find_documents(folder):
        data = importing.read_file(path, max_bytes)
        try:
            result = importing.import_plan(s, None, data, path.name, max_bytes=max_bytes,
                                           parent=PROVINCE)
        except BadInput as exc:
            if "--unit" not in exc.message:
                raise
            result = importing.import_plan(s, FALLBACK_UNIT, data, path.name,
                                           max_bytes=max_bytes, parent=PROVINCE)
        results.append((path.name, result))
    return results
