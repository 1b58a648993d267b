"""The database a session reads, part of every cache key, however the session was opened."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from theodoi.storage import db
from theodoi.storage.repositories import stamps


def test_a_session_opened_on_a_connection_names_the_database_of_that_connection(
        db_url: str) -> None:
    # A session bound to a connection (SQLAlchemy's way to join an outer transaction) has
    # no `url` of its own: mypy found url_of reading it from the bind directly.
    expected = make_url(db_url).render_as_string(hide_password=False)
    with db.engine_for(db_url).connect() as conn, Session(bind=conn) as s:
        assert stamps.url_of(s) == expected


def test_a_session_opened_on_the_engine_names_its_database(db_url: str) -> None:
    with db.session_factory(db_url)() as s:
        assert stamps.url_of(s) == make_url(db_url).render_as_string(hide_password=False)
