"""Accounts: who may do what.

Owns users, role grants, passwords, sign-in and sessions (`users`), the signed-in person
and what they may reach (`access`, with `Principal`), API tokens (`tokens`), and users,
roles and units as a signed-in quan_tri manages them, scope checked (`administration`).
"""

__all__ = ["access", "administration", "tokens", "users"]
