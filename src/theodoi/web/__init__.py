"""theodoi.web layer (see shared/design.md)."""
