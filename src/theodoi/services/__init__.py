"""Use cases. They take a session where they need one and never commit; the edge commits."""
