"""theodoi.reports layer (see shared/design.md)."""
