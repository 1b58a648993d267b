"""The backup archive: one tar.gz holding `manifest.json`, the database dump and the
stored files of the data folder, each listed in the manifest with its sha256.

The manifest is written last into the archive but read first on restore: nothing is
restored until every member's hash has been checked against it.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from theodoi.domain.errors import BadInput

FORMAT = "theodoi.backup/1"
MANIFEST = "manifest.json"
DATABASE_DIR, FILES_DIR = "database", "files"
CHUNK = 1 << 20


class BackupError(BadInput):
    """A backup cannot be made or restored (missing tool, damaged archive, not empty)."""

    code = "E140"


@dataclass
class Entry:
    """One member of the archive: its path inside it, size and sha256."""

    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """What a backup holds and what it was made from."""

    theodoi_version: str
    schema_revision: str | None
    database_kind: str  # "sqlite" or "postgresql"
    created_at: str  # ISO 8601, UTC
    database: Entry
    files: list[Entry] = field(default_factory=list)
    format: str = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """The manifest of an archive; BackupError when it is not one theodoi wrote."""
        try:
            raw: dict[str, Any] = json.loads(data)
            if raw.get("format") != FORMAT:
                raise BackupError(f"định dạng bản sao lưu '{raw.get('format')}' không "
                                  f"được hỗ trợ (cần {FORMAT}).")
            raw["database"] = Entry(**raw["database"])
            raw["files"] = [Entry(**f) for f in raw["files"]]
            return cls(**raw)
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError("tệp kê khai (manifest.json) của bản sao lưu bị hỏng.") from exc


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def entry_for(path: Path, name: str) -> Entry:
    return Entry(name, path.stat().st_size, sha256_of(path))


def write(target: Path, manifest: Manifest, members: dict[str, Path]) -> None:
    """Write the archive to `target` atomically (a temporary name, then a rename), so a
    backup cut short never leaves a file that looks whole. `members`: name -> source."""
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for name, source in members.items():
            tar.add(source, arcname=name, recursive=False)
        info = tarfile.TarInfo(MANIFEST)
        data = manifest.to_json()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    partial.replace(target)


def safe_name(name: str) -> PurePosixPath:
    """A member name as a relative path that stays inside the folder it is unpacked to."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"bản sao lưu chứa đường dẫn không an toàn '{name}'.")
    return path


def unpack(archive: Path, into: Path) -> Manifest:
    """Unpack the manifest's members into `into` and check each one's size and sha256;
    BackupError at the first member that is missing, extra or altered."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = Manifest.from_json(_read_member(tar, MANIFEST))
            expected = {e.path: e for e in [manifest.database, *manifest.files]}
            for member in tar.getmembers():
                if member.name == MANIFEST:
                    continue
                entry = expected.pop(member.name, None)
                if entry is None or not member.isfile():
                    raise BackupError(f"bản sao lưu có thành phần lạ '{member.name}'.")
                _extract(tar, member, into / safe_name(member.name), entry)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"không đọc được bản sao lưu ({exc}).", subject=str(archive)) from exc
    if expected:
        raise BackupError(f"bản sao lưu thiếu {', '.join(sorted(expected))}.")
    return manifest


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return Manifest.from_json(_read_member(tar, MANIFEST))
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"không đọc được bản sao lưu ({exc}).", subject=str(archive)) from exc


def _read_member(tar: tarfile.TarFile, name: str) -> bytes:
    try:
        f = tar.extractfile(name)
    except KeyError:
        f = None
    if f is None:
        raise BackupError(f"tệp này không phải bản sao lưu của theodoi (thiếu {name}).")
    return f.read()


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, entry: Entry) -> None:
    """Copy one member out while hashing it; a size or hash unlike the manifest's fails."""
    source = tar.extractfile(member)
    assert source is not None  # a regular file (checked by the caller)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as f:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            f.write(chunk)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise BackupError(f"'{member.name}' trong bản sao lưu không khớp mã băm sha256 "
                          "đã ghi; bản sao lưu bị hỏng hoặc bị sửa.")


def move_tree(source: Path, target: Path) -> None:
    """Move every file under `source` to the same place under `target` (replacing)."""
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), dest)
