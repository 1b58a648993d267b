"""`create_app(settings)`: the web application of theodoi (pages, JSON API, static files)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from theodoi import logs
from theodoi.services import jobs
from theodoi.services.views import warm as views_warm
from theodoi.settings import Settings, load
from theodoi.web import deps, errors, finishing, health, templating
from theodoi.web.admission import AdmissionMiddleware
from theodoi.web.api import admin as api_admin
from theodoi.web.api import approval as api_approval
from theodoi.web.api import auth as api_auth
from theodoi.web.api import cascade as api_cascade
from theodoi.web.api import dossier as api_dossier
from theodoi.web.api import emulation as api_emulation
from theodoi.web.api import evaluation as api_evaluation
from theodoi.web.api import exchange as api_exchange
from theodoi.web.api import instructions as api_instructions
from theodoi.web.api import outgoing as api_outgoing
from theodoi.web.api import oversight as api_oversight
from theodoi.web.api import register as api_register
from theodoi.web.api import reminders as api_reminders
from theodoi.web.api import rollup as api_rollup
from theodoi.web.api import sheets as api_sheets
from theodoi.web.api import status as api_status
from theodoi.web.api import tokens as api_tokens
from theodoi.web.api import validation as api_validation
from theodoi.web.pages import admin as page_admin
from theodoi.web.pages import approval as page_approval
from theodoi.web.pages import auth as page_auth
from theodoi.web.pages import cascade as page_cascade
from theodoi.web.pages import dossier as page_dossier
from theodoi.web.pages import emulation as page_emulation
from theodoi.web.pages import evaluation as page_evaluation
from theodoi.web.pages import exchange as page_exchange
from theodoi.web.pages import instructions as page_instructions
from theodoi.web.pages import outgoing as page_outgoing
from theodoi.web.pages import oversight as page_oversight
from theodoi.web.pages import progress as page_progress
from theodoi.web.pages import register as page_register
from theodoi.web.pages import reminders as page_reminders
from theodoi.web.pages import rollup as page_rollup
from theodoi.web.pages import sheets as page_sheets
from theodoi.web.pages import status as page_status
from theodoi.web.pages import tokens as page_tokens
from theodoi.web.pages import validation as page_validation
from theodoi.web.requestlog import RequestLogMiddleware
from theodoi.web.responses import FiniteJSONResponse
from theodoi.web.security import BODY_SLACK, SecurityMiddleware

STATIC = Path(__file__).resolve().parent / "static"


Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def job_runner(settings: Settings, warm: bool = False) -> Lifespan:
    """The lifespan that runs THEODOI_JOB_THREADS job threads in this process (none when
    0). `theodoi serve` gives its web processes 0 and runs the jobs in a process of their
    own (web/server.py); an app served some other way (uvicorn directly, the tests) runs
    them here. On shutdown a running job goes back to the queue. With `warm` (a served
    process) the dashboard's statements and templates are compiled before the first
    request (services/views/warm.py, templating.compile_pages) and what start-up made is
    frozen (`freeze_start_up`)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(views_warm.warm_process, settings, date.today())
            await run_in_threadpool(templating.compile_pages)
            freeze_start_up()
        runner = jobs.Runner(settings, settings.job_threads) if settings.job_threads else None
        if runner is not None:
            runner.start()
        try:
            yield
        finally:
            if runner is not None:
                await run_in_threadpool(runner.stop)

    return lifespan


def freeze_start_up() -> None:
    """What a served process holds once started (modules, routes, templates, compiled
    statements: some 250,000 objects, nearly all it will ever hold; a province's memos add
    ~15,000) moved out of the cyclic garbage collector's sight (`gc.freeze`), after one
    full collection of the garbage start-up left. Python's full collection traversed them
    all, 165-240 ms with every other request of the process waiting, once every few
    thousand warm dashboards or less: the province dashboard's tail at 50 clients. It now
    traverses only what was made since (the memos: 1-34 ms, README "Stop 31, the end").

    Called once, at start: objects made later are collected as before, and a frozen one
    is still freed as soon as nothing refers to it; only a frozen object that ends in a
    reference cycle stays, so what can stay is bounded by what start-up made, never
    growing with requests. bench/mixcpu.py's mix (h-mix, which froze the same way): the
    longest pause 140 -> 46 ms over 4,000 requests, the collector's total about the same."""
    gc.collect()
    gc.freeze()


def served_app() -> FastAPI:
    """The app of a served web process (web/server.py's workers): `create_app` from the
    environment's settings, warmed at start."""
    return create_app(warm=True)


def create_app(settings: Settings | None = None, *, warm: bool = False) -> FastAPI:
    """The ASGI app; every route checks the ids in its path, then is CSRF-guarded for
    state-changing methods (web/deps.py). `warm`: run
    the dashboard's statements once at start, before the first request (a served
    process; the tests' apps start without it)."""
    settings = settings or load()
    app = FastAPI(title="theodoi", description="Theo dõi thực hiện kế hoạch — JSON API",
                  version="1", openapi_url="/openapi.json", docs_url=None, redoc_url=None,
                  dependencies=[Depends(deps.csrf_guard)],  # the path's ids first
                  default_response_class=FiniteJSONResponse,
                  lifespan=job_runner(settings, warm))
    app.state.settings = settings
    logs.configure(settings.log_format)
    errors.install(app)
    app.router.routes.append(health.route)  # no app-wide dependencies (web/health.py)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Routes are matched in order, one by one: the pages people open most come first
    # (no two routes' paths overlap, so the order changes nothing else).
    for router in (page_status.router, page_register.router, page_progress.router,
                   page_oversight.router, page_auth.router, page_tokens.router,
                   page_admin.router, page_sheets.router, page_cascade.router,
                   api_status.router, api_register.router, api_oversight.router,
                   api_auth.router, api_tokens.router, page_reminders.router,
                   api_reminders.router, page_approval.router, api_approval.router,
                   api_admin.router, api_sheets.router, api_cascade.router,
                   page_emulation.router, api_emulation.router,
                   page_evaluation.router, api_evaluation.router,
                   page_dossier.router, api_dossier.router,
                   page_outgoing.router, api_outgoing.router,
                   page_validation.router, api_validation.router,
                   page_rollup.router, api_rollup.router,
                   page_instructions.router, api_instructions.router,
                   page_exchange.router, api_exchange.router):
        finishing.install(router)  # a page's transaction ends on the route's own thread
        app.include_router(router)
    limit = settings.max_upload_bytes + BODY_SLACK
    app.add_middleware(AdmissionMiddleware, slots=settings.web_active_requests,
                       max_body=limit)
    app.add_middleware(SecurityMiddleware, max_body=limit)  # every response
    app.add_middleware(RequestLogMiddleware)  # outermost: an id and a log line for all
    return app
