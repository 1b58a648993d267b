"""LibreOffice runs without network, in a throw-away profile, one conversion at a time (H4).

The network test converts, with the real LibreOffice, an ODT whose picture is
http://127.0.0.1:PORT/x.png served by a test server: before the fix LibreOffice asked for it
(OPTIONS and GET); now the server must see no request at all. The lock and profile tests
use a fake `soffice` that logs its calls, so they prove theodoi's side of it.
"""

from __future__ import annotations

import http.server
import io
import os
import stat
import threading
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.extraction.readers.test_docx import _plan_docx
from tests.tools import need
from theodoi.extraction import read_source
from theodoi.reports import pdf
from theodoi.tools import soffice

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">
<office:body><office:text>
<text:p>KẾ HOẠCH phát triển kinh tế năm 2026</text:p>
<text:p><draw:frame draw:name="img" svg:width="2cm" svg:height="2cm"
 text:anchor-type="paragraph"><draw:image xlink:href="{url}" xlink:type="simple"
 xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
<text:p>Tỷ lệ hộ nghèo giảm còn dưới 2%.</text:p>
</office:text></office:body></office:document-content>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def odt_with_image(url: str, path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", CONTENT.format(url=url), zipfile.ZIP_DEFLATED)
    return path.read_bytes()


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on a free port; yields (port, the request lines it received)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def handle_one_request(self) -> None:
            self.raw_requestline = self.rfile.readline(65537)
            if self.raw_requestline:
                seen.append(self.raw_requestline.decode("latin-1").strip())
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def test_the_listener_does_hear_a_request(listener: tuple[int, list[str]]) -> None:
    import urllib.request

    port, seen = listener
    with pytest.raises(Exception):  # noqa: B017 - the reply is empty; the request is the point
        urllib.request.urlopen(f"http://127.0.0.1:{port}/x.png", timeout=5)
    assert seen == ["GET /x.png HTTP/1.1"]


def test_an_odt_with_an_external_picture_fetches_nothing(listener: tuple[int, list[str]],
                                                         tmp_path: Path) -> None:
    need(None if soffice.find() else "no soffice on PATH", "the LibreOffice network test")
    port, seen = listener
    data = odt_with_image(f"http://127.0.0.1:{port}/x.png", tmp_path / "kh.odt")
    source = read_source(data, "kh.odt")[0]
    assert "Tỷ lệ hộ nghèo giảm còn dưới 2%" in source.text and source.format == "odt"
    assert seen == []


def test_stripping_empties_external_hrefs_and_keeps_the_rest(tmp_path: Path) -> None:
    data = odt_with_image("http://127.0.0.1:9/x.png", tmp_path / "kh.odt")
    archive = zipfile.ZipFile(io.BytesIO(soffice.strip_external(data)))
    content = archive.read("content.xml").decode()
    assert 'xlink:href=""' in content and "127.0.0.1" not in content
    assert "Tỷ lệ hộ nghèo" in content
    assert archive.infolist()[0].filename == "mimetype"
    assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert soffice.strip_external(b"\xd0\xcf\x11\xe0 a DOC") == b"\xd0\xcf\x11\xe0 a DOC"


def _fake_soffice(folder: Path, log: Path, output: Path) -> None:
    """A soffice that logs 'start'/'end' with its profile and copies `output` to --outdir."""
    fake = folder / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "start $1 $(readlink /proc/self/ns/net)" >> "{log}"\n'
        "sleep 0.3\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'cp "{output}" "$2/input.docx"; cp "{output}" "$2/input.pdf"\n'
        f'echo "end" >> "{log}"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)


def _convert_once(_: int) -> int:
    return len(soffice.convert(b"\xd0\xcf\x11\xe0 a DOC", ".doc", "docx", timeout_s=60))


@pytest.fixture
def fake_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    log = tmp_path / "calls.log"
    known = tmp_path / "known.docx"
    known.write_bytes(_plan_docx())
    _fake_soffice(tmp_path, log, known)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    return log


def _assert_one_at_a_time(log: Path, runs: int) -> list[str]:
    """The profiles of the logged runs, after checking none overlapped another."""
    lines = log.read_text().splitlines()
    assert [ln.split()[0] for ln in lines] == ["start", "end"] * runs
    return [ln.split()[1] for ln in lines if ln.startswith("start")]


def test_parallel_conversions_in_threads_run_one_at_a_time(fake_soffice: Path) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(_convert_once, range(4)))
    assert all(sizes)
    profiles = _assert_one_at_a_time(fake_soffice, 4)
    assert all(p.startswith("-env:UserInstallation=file:///") for p in profiles)
    assert len(set(profiles)) == 4  # a throw-away profile each


def test_parallel_conversions_in_processes_run_one_at_a_time(fake_soffice: Path) -> None:
    with ProcessPoolExecutor(max_workers=3) as pool:
        sizes = list(pool.map(_convert_once, range(3)))
    assert all(sizes)
    _assert_one_at_a_time(fake_soffice, 3)


def test_the_report_pdf_goes_through_the_same_sandbox(fake_soffice: Path) -> None:
    assert pdf.docx_to_pdf(b"a report") == (fake_soffice.parent / "known.docx").read_bytes()
    _assert_one_at_a_time(fake_soffice, 1)


def test_soffice_runs_in_its_own_network_namespace(fake_soffice: Path) -> None:
    need(None if soffice.network_sandbox() else "unshare -rn is not permitted here",
         "the LibreOffice network namespace test")
    _convert_once(0)
    namespace = fake_soffice.read_text().split()[2]
    assert namespace.startswith("net:[") and namespace != os.readlink("/proc/self/ns/net")


def test_a_forked_child_does_not_inherit_a_held_thread_lock(fake_soffice: Path) -> None:
    from theodoi.extraction.readers import isolation

    with soffice._THREAD_LOCK:  # another thread of the server converting right now
        size = isolation.run(lambda: _convert_once(0), "kh.doc", memory_mb=512, timeout_s=30)
    assert size > 0
    _assert_one_at_a_time(fake_soffice, 1)
