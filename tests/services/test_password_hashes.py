"""Passwords at production costs: the rest of the suite hashes at argon2's smallest costs
(`cheap_hashes` in tests/conftest.py), so this is where the real parameters are tested."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PRODUCTION_HASHER
from theodoi.domain.errors import TheodoiError
from theodoi.services.accounts import users as accounts


def test_a_password_is_stored_as_argon2id_at_production_costs_and_signs_in(
        session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PRODUCTION_HASHER)
    user = accounts.create_user(session, "vanphong.ab", "mat-khau-that-dai",
                                full_name="Văn phòng")
    assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "mat-khau" not in user.password_hash
    signed = accounts.login(session, "vanphong.ab", "mat-khau-that-dai", "127.0.0.1")
    assert isinstance(signed, accounts.SignIn)
    wrong = accounts.login(session, "vanphong.ab", "mat-khau-that-sai", "127.0.0.1")
    assert isinstance(wrong, TheodoiError) and "không đúng" in str(wrong)


def test_the_suite_hashes_cheaply_everywhere_else(session: Any) -> None:
    user = accounts.create_user(session, "vanphong.ab", "mat-khau-that-dai")
    assert user.password_hash.startswith("$argon2id$v=19$m=64,t=1,p=1$")
