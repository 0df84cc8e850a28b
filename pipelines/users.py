"""Dashboard user accounts: argon2-hashed passwords, roles (DOMAIN.md §9), audited changes."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.errors import UserError
from pipelines.settings import Settings
from pipelines.store.audit import record
from pipelines.store.db import session_scope
from pipelines.store.models import ROLES, Person, User

MIN_PASSWORD_LENGTH = 8
_HASHER = PasswordHasher()
#: Verified against when the user does not exist, so that timing does not reveal user names.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


def _snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "role": user.role,
        "person_id": user.person_id,
        "is_active": bool(user.is_active),
    }


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(
            f"Rôle « {role} » inconnu ; rôles possibles : {', '.join(ROLES)}.",
            f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.",
        )
    return role


def _get(session: Session, username: str) -> User:
    user = session.get(User, username)
    if user is None:
        raise UserError(
            f"Utilisateur « {username} » introuvable.", f"User {username!r} does not exist."
        )
    return user


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def add_user(
    username: str,
    role: str,
    *,
    person_id: str | None = None,
    password: str | None = None,
    settings: Settings,
    actor: str | None = None,
    only_if_first: bool = False,
) -> str:
    """Create a user and return its password (generated when ``password`` is None).

    ``only_if_first``: refuse unless the store has no user at all (the bootstrap of the first
    admin, checked in the same transaction as the insert)."""
    username = (username or "").strip()
    if not username:
        raise UserError("Le nom d'utilisateur est vide.", "The user name is empty.")
    _check_role(role)
    password = _password_or_generated(password)
    with session_scope(settings) as session:
        if only_if_first and session.scalars(select(User.username).limit(1)).first() is not None:
            raise UserError(
                "La base a déjà des utilisateurs : identifiez-vous comme administrateur.",
                "The store already has users: authenticate as an admin.",
            )
        if session.get(User, username) is not None:
            raise UserError(
                f"L'utilisateur « {username} » existe déjà.", f"User {username!r} already exists."
            )
        if person_id is not None and session.get(Person, person_id) is None:
            raise UserError(
                f"Personne « {person_id} » introuvable dans la base des objectifs.",
                f"Person {person_id!r} is not in the objectives store.",
            )
        user = User(
            username=username,
            role=role,
            person_id=person_id,
            password_hash=_HASHER.hash(password),
            is_active=True,
        )
        session.add(user)
        record(
            session,
            actor=actor or settings.user,
            action="user.add",
            object_type="user",
            object_id=username,
            after=_snapshot(user),
        )
    return password


def _password_or_generated(password: str | None) -> str:
    if password is None:
        return generate_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"Mot de passe trop court : au moins {MIN_PASSWORD_LENGTH} caractères.",
            f"Password too short: at least {MIN_PASSWORD_LENGTH} characters.",
        )
    return password


def _change_user(
    username: str,
    action: str,
    change: Callable[[User], None],
    settings: Settings,
    actor: str | None,
) -> None:
    """Apply ``change`` to a user and audit it (before and after, never the password hash)."""
    with session_scope(settings) as session:
        user = _get(session, username)
        before = _snapshot(user)
        change(user)
        if before["role"] == "admin" and before["is_active"]:
            _keep_an_admin(session, user)
        record(
            session,
            actor=actor or settings.user,
            action=action,
            object_type="user",
            object_id=username,
            before=before,
            after=_snapshot(user),
        )


def _keep_an_admin(session: Session, changed: User) -> None:
    """Refuse to demote or disable the last active admin: nobody could administer the store
    again (the first-admin bootstrap only works on a store without users)."""
    if changed.role == "admin" and changed.is_active:
        return
    others = select(User.username).where(
        User.role == "admin", User.is_active.is_(True), User.username != changed.username
    )
    if session.scalars(others.limit(1)).first() is None:
        raise UserError(
            f"« {changed.username} » est le dernier administrateur actif : créez-en un autre "
            "d'abord.",
            f"{changed.username!r} is the last active admin: create another one first.",
        )


def has_users(settings: Settings) -> bool:
    """Whether the store has any user (if not, the first admin may be created without
    credentials: see ``asr users add``)."""
    with session_scope(settings) as session:
        return session.scalars(select(User.username).limit(1)).first() is not None


def set_role(username: str, role: str, *, settings: Settings, actor: str | None = None) -> None:
    _check_role(role)

    def change(user: User) -> None:
        user.role = role

    _change_user(username, "user.set_role", change, settings, actor)


def set_password(
    username: str,
    password: str | None = None,
    *,
    settings: Settings,
    actor: str | None = None,
) -> str:
    """Reset a user's password (generated when None) and return it; a disabled user stays
    disabled."""
    password = _password_or_generated(password)
    password_hash = _HASHER.hash(password)

    def change(user: User) -> None:
        user.password_hash = password_hash

    _change_user(username, "user.set_password", change, settings, actor)
    return password


def disable(username: str, *, settings: Settings, actor: str | None = None) -> None:

    def change(user: User) -> None:
        user.is_active = False

    _change_user(username, "user.disable", change, settings, actor)


def list_users(settings: Settings) -> list[User]:
    with session_scope(settings) as session:
        return list(session.scalars(select(User).order_by(User.username)))


def get_user(username: str, settings: Settings) -> User | None:
    with session_scope(settings) as session:
        return session.get(User, username)


def authenticate(username: str, password: str, settings: Settings) -> User | None:
    """The active user whose password matches, else None (never says which part was wrong)."""
    with session_scope(settings) as session:
        user = session.get(User, (username or "").strip())
        if user is None or not user.is_active or not user.password_hash:
            with contextlib.suppress(VerificationError):
                _HASHER.verify(_DUMMY_HASH, password or "")
            return None
        try:
            _HASHER.verify(user.password_hash, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _HASHER.hash(password)
        return user
