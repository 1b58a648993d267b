"""Repositories: every query of the register lives here, one module per aggregate."""
