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


DEMO_USER = "demo"
DEMO_PASSWORD = "demo-theodoi"  # printed by `theodoi demo --serve`; only for a local trial


def ensure_demo_admin(s: Session, username: str = DEMO_USER,
                      password: str = DEMO_PASSWORD) -> bool:
    """The demo administrator (quan_tri at the sample province); True when it was created
    now. An existing account is left as it is, password included."""
    from theodoi.services import accounts

    try:
        accounts.get_user(s, username)
        return False
    except NotFound:
        pass
    accounts.create_user(s, username, password, full_name="Quản trị (dùng thử)")
    accounts.grant(s, username, PROVINCE, "quan_tri")
    return True
