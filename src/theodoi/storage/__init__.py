"""theodoi.storage layer: SQLAlchemy models, migrations and repositories (see shared/design.md)."""
