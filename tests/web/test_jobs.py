"""Uploads as jobs on the web: the API's 202 and job URL, the job page, cancel, who may
see a job, and the server answering other requests while a job reads a document."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.web.conftest import PLANS, A, World, login, run_jobs
from theodoi.services.jobs import runner

V2 = PLANS / "ke-hoach-v2.txt"


def _upload(client: Any, world: World) -> Any:
    return client.post(f"/api/units/{world.units[A]}/plans",
                       files={"file": (V2.name, V2.read_bytes(), "text/plain")})


def test_the_api_answers_202_with_the_job_then_the_job_leads_to_the_plan(
        world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    r = _upload(client, world)
    assert r.status_code == 202
    job = r.json()
    assert r.headers["location"] == job["url"] == f"/api/jobs/{job['id']}"
    assert (job["state"], job["progress"], job["filename"]) == ("queued", 0, V2.name)
    assert job["requested_by"] == "vanphong" and job["finished"] is False
    assert client.get(job["url"]).json()["state"] == "queued"
    assert run_jobs(world.settings) == 1
    offered = client.get(job["url"]).json()
    assert (offered["state"], offered["progress"], offered["error"]) == ("done", 100, None)
    # v2 revises the world's v1: the job offers the new version and stores nothing yet
    offer = offered["result"]["offer"]
    assert (offer["revises"], offered["plan_page"]) == (world.plans[A], None)
    assert offer["counts"] == {"new": 1, "changed": 1, "unchanged": 4, "removed": 1}
    assert len(client.get(f"/api/units/{world.units[A]}").json()["plans"]) == 1
    accepted = client.post(f"{job['url']}/accept-version")
    assert accepted.status_code == 202 and accepted.json()["state"] == "queued"
    assert run_jobs(world.settings) == 1
    done = client.get(accepted.json()["url"]).json()
    assert (done["state"], done["result"]["revises"]) == ("done", world.plans[A])
    plan_id = done["result"]["plan_id"]
    assert done["plan_page"] == f"/ke-hoach/{plan_id}" and done["result"]["targets"] > 0
    review = client.get(f"/api/plans/{plan_id}/review").json()
    assert len(review["targets"]) == done["result"]["targets"]
    again = _upload(client, world).json()  # the same bytes again: the stored plan
    run_jobs(world.settings)
    result = client.get(again["url"]).json()["result"]
    assert result == {**result, "plan_id": plan_id, "already_stored": True}


def test_a_job_is_seen_only_in_its_commune_and_cancelled_only_by_who_may_upload(
        world: World, as_user: Any) -> None:
    clerk = as_user("vanphong")
    job = _upload(clerk, world).json()
    assert as_user("khac").get(job["url"]).status_code == 404  # the other commune
    assert as_user("tinh").get(job["url"]).json()["state"] == "queued"  # the province reads
    r = as_user("xem").post(f"{job['url']}/cancel")
    assert r.status_code == 403 and set(r.json()) == {"error"}
    r = clerk.post(f"{job['url']}/cancel")
    assert r.status_code == 200 and r.json()["state"] == "cancelled"
    r = clerk.post(f"{job['url']}/cancel")
    assert r.status_code == 400 and "đã kết thúc" in r.json()["error"]["message"]
    assert run_jobs(world.settings) == 0
    assert clerk.get("/api/jobs/999999").status_code == 404


def test_the_job_page_shows_progress_failure_and_cancel(world: World, as_user: Any) -> None:
    clerk = as_user("vanphong")
    r = clerk.post(f"/don-vi/{world.units[A]}/tai-len",
                   files={"file": ("hong.docx", b"PK\x03\x04" + b"\x00" * 64, "x")},
                   follow_redirects=False)
    page = r.headers["location"]
    waiting = clerk.get(page).text
    assert "đang chờ" in waiting and f'action="{page}/huy"' in waiting
    run_jobs(world.settings)
    failed = clerk.get(page).text
    assert 'data-state="failed"' in failed and "tệp nén bị hỏng" in failed
    assert 'http-equiv="refresh"' not in failed and "Không có gì được lưu" in failed
    r = clerk.post(f"/don-vi/{world.units[A]}/tai-len",
                   files={"file": (V2.name, V2.read_bytes(), "text/plain")},
                   headers={"HX-Request": "true"})
    assert r.status_code == 204 and r.headers["HX-Redirect"].startswith("/tac-vu/")
    second = r.headers["HX-Redirect"]
    r = clerk.post(f"{second}/huy", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == second
    assert 'data-state="cancelled"' in clerk.get(second).text
    assert run_jobs(world.settings) == 0


@pytest.fixture
def blocked_extraction(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The extraction step held until the test releases it (in the runner's thread)."""
    started, release = threading.Event(), threading.Event()
    real = runner.extract_step

    def held(*args: Any) -> Any:
        started.set()
        assert release.wait(60), "the test never released the job"
        return real(*args)

    monkeypatch.setattr(runner, "extract_step", held)
    return started, release


def test_a_static_file_and_a_dashboard_answer_while_a_job_reads(
        world: World, blocked_extraction: Any) -> None:
    started, release = blocked_extraction
    try:
        with world.client() as client:  # `with`: the lifespan starts the job runner
            login(client, "vanphong")
            job = _upload(client, world).json()
            assert started.wait(60), "the runner did not take the job"
            css = client.get("/static/app.css")
            dashboard = client.get(f"/don-vi/{world.units[A]}/tong-quan")
            meanwhile = client.get(job["url"]).json()
            assert css.status_code == 200 and "{" in css.text
            assert dashboard.status_code == 200 and "Tổng quan" in dashboard.text
            assert (meanwhile["state"], meanwhile["progress"]) == ("running", 10)
            release.set()
            for _ in range(600):  # waits for the outcome; nothing is timed
                state = client.get(job["url"]).json()
                if state["finished"]:
                    break
                time.sleep(0.1)
            assert state["state"] == "done", state  # v2 of the world's v1: offered
            assert state["result"]["offer"]["revises"] == world.plans[A]
    finally:
        release.set()
