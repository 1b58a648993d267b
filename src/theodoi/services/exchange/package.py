"""The package format: a zip holding `manifest.json`, `signature.json` and the parts the
manifest lists with their sha256; pure functions over bytes, no database.

The signature is HMAC-SHA256 of the manifest's bytes under the unit's shared key. Ed25519
would let the province hold only a public key, but the `cryptography` package is not a
declared dependency of theodoi and the standard library has no Ed25519; a per-pair key
given once through a safe channel serves the same check (a package made by whoever holds
the commune's key, unchanged since). Every part is covered through its sha256 in the
signed manifest.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from theodoi.domain.errors import BadInput

SCHEMA = "theodoi.exchange/1"
ALGORITHM = "HMAC-SHA256"
MANIFEST, SIGNATURE = "manifest.json", "signature.json"
JSON_PARTS = ("plans.json", "figures.json", "reports.json")
MAX_PARTS = 2000  # a package of one commune's period holds far fewer
NOT_PACKAGE = "tệp không phải gói trao đổi của theodoi (cần tệp .zip do theodoi xuất)."


@dataclass(frozen=True)
class Package:
    """A package read back: its manifest (as signed), the signature and the parts."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: str
    parts: dict[str, bytes]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def json_part(self, name: str) -> Any:
        return json.loads(self.parts[name])


def sign(manifest_bytes: bytes, secret: str) -> str:
    """The signature of a manifest under a unit's key (hex)."""
    return hmac.new(bytes.fromhex(secret), manifest_bytes, hashlib.sha256).hexdigest()


def fingerprint(secret: str) -> str:
    """What may be shown of a key: enough to compare it on both sides, nothing to sign."""
    return hashlib.sha256(bytes.fromhex(secret)).hexdigest()[:16]


def build(head: dict[str, Any], parts: dict[str, bytes], secret: str) -> bytes:
    """The zip of a package: `head` (schema, unit, period, exported_at, counts) with the
    sha256 of each part as the manifest, the parts, and the manifest's signature."""
    manifest = {**head, "parts": {name: hashlib.sha256(data).hexdigest()
                                  for name, data in sorted(parts.items())}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1,
                                sort_keys=True).encode()
    signature = {"algorithm": ALGORITHM, "value": sign(manifest_bytes, secret)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, manifest_bytes)
        z.writestr(SIGNATURE, json.dumps(signature))
        for name, data in sorted(parts.items()):
            z.writestr(name, data)
    return buffer.getvalue()


def read(data: bytes, max_bytes: int) -> Package:
    """The package in `data`, read but not yet trusted; BadInput when it is no package of
    this schema or would unpack to more than `max_bytes`."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BadInput(NOT_PACKAGE) from exc
    names = [i.filename for i in infos]
    if MANIFEST not in names or SIGNATURE not in names or len(names) > MAX_PARTS:
        raise BadInput(NOT_PACKAGE)
    if sum(i.file_size for i in infos) > max_bytes or len(set(names)) != len(names):
        raise BadInput("gói trao đổi quá lớn hoặc có phần trùng tên.")
    try:
        contents = {name: z.read(name) for name in names}
        manifest = json.loads(contents[MANIFEST])
        signature = json.loads(contents[SIGNATURE])
    except (zipfile.BadZipFile, ValueError, OSError, KeyError) as exc:
        raise BadInput(NOT_PACKAGE) from exc
    _check_schema(manifest)
    value = signature.get("value") if isinstance(signature, dict) else None
    return Package(manifest, contents.pop(MANIFEST), str(value or ""),
                   {k: v for k, v in contents.items() if k != SIGNATURE})


def _check_schema(manifest: Any) -> None:
    if not isinstance(manifest, dict):
        raise BadInput(NOT_PACKAGE)
    if manifest.get("schema") != SCHEMA:
        raise BadInput(f"gói theo mẫu '{manifest.get('schema')}' không dùng được; bản "
                       f"theodoi này nhận mẫu {SCHEMA}.")
    unit, period = manifest.get("unit"), manifest.get("period")
    if not (isinstance(unit, dict) and isinstance(unit.get("code"), str)
            and isinstance(period, dict) and isinstance(period.get("key"), str)
            and isinstance(manifest.get("parts"), dict)
            and isinstance(manifest.get("exported_at"), str)):
        raise BadInput(f"gói theo mẫu {SCHEMA} nhưng thiếu đơn vị, kỳ hoặc danh sách phần.")


def verify(package: Package, secret: str) -> None:
    """BadInput unless the manifest is signed with `secret` and every part is the one
    it lists (no part missing, added or changed)."""
    if not hmac.compare_digest(sign(package.manifest_bytes, secret), package.signature):
        raise BadInput("chữ ký của gói không đúng: gói không do đơn vị này lập bằng khóa "
                       "đã đăng ký, hoặc bảng kê của gói đã bị sửa. Không nhập gì.")
    listed: dict[str, Any] = package.manifest["parts"]
    for name in sorted(set(listed) | set(package.parts)):
        data = package.parts.get(name)
        if data is None or hashlib.sha256(data).hexdigest() != listed.get(name):
            raise BadInput(f"phần '{name}' của gói không khớp với bảng kê đã ký (bị sửa, "
                           "thiếu hoặc thêm). Không nhập gì.")
    if any(name not in listed for name in JSON_PARTS):
        raise BadInput("gói thiếu phần dữ liệu (plans.json, figures.json, reports.json).")
