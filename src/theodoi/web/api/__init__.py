"""The JSON API under /api: every page's data from the same service call."""
