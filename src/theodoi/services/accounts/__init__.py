"""Accounts: who may do what.

Owns users, role grants, passwords, sign-in and sessions (`users`), the signed-in person
and what they may reach (`access`, with `Principal`) and API tokens (`tokens`).
"""

__all__ = ["access", "tokens", "users"]
