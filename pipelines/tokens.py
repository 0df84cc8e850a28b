"""Tokens for scripts: ``asr users token NAME`` issues one; ``--revoke`` ends them.

A token is shown once. The store keeps only its SHA-256 (a token carries 256 random bits, so a
fast hash is enough, unlike a password), its user, its expiry and its revocation. A token acts as
its user while the user is active, the token unexpired and not revoked; the user's role is read
from the store each time, so a role change applies to their tokens at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select

from pipelines.errors import UserError
from pipelines.settings import Settings
from pipelines.store.audit import record
from pipelines.store.db import session_scope
from pipelines.store.models import ApiToken, User

TOKEN_PREFIX = "asr_"
DEFAULT_DAYS = 90
MAX_DAYS = 366


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def token_label(hash_hex: str) -> str:
    """How a token is named in the audit log and messages: the start of its hash, never itself."""
    return hash_hex[:12]


def issue_token(
    username: str, *, days: int = DEFAULT_DAYS, actor: str, settings: Settings, now: dt.datetime
) -> str:
    """A new token for an active user, valid ``days`` days from ``now``; audited (not the token)."""
    if not 1 <= days <= MAX_DAYS:
        raise UserError(
            f"--days {days} : entre 1 et {MAX_DAYS} jours attendu.",
            f"--days {days}: expected between 1 and {MAX_DAYS} days.",
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    digest = token_hash(token)
    expires_at = now + dt.timedelta(days=days)
    with session_scope(settings) as session:
        user = session.get(User, username)
        if user is None or not user.is_active:
            raise UserError(
                f"Utilisateur « {username} » introuvable ou désactivé : pas de jeton.",
                f"User {username!r} does not exist or is disabled: no token.",
            )
        session.add(
            ApiToken(
                token_hash=digest,
                username=username,
                created_at=now,
                created_by=actor,
                expires_at=expires_at,
            )
        )
        record(
            session,
            actor=actor,
            action="user.token_issue",
            object_type="user",
            object_id=username,
            after={"token": token_label(digest), "expires_at": expires_at},
        )
    return token


def revoke_tokens(username: str, *, actor: str, settings: Settings, now: dt.datetime) -> int:
    """Revoke every token of ``username`` still in force; returns how many (audited)."""
    with session_scope(settings) as session:
        if session.get(User, username) is None:
            raise UserError(
                f"Utilisateur « {username} » introuvable.", f"User {username!r} does not exist."
            )
        live = list(
            session.scalars(
                select(ApiToken).where(
                    ApiToken.username == username,
                    ApiToken.revoked_at.is_(None),
                    ApiToken.expires_at > now,
                )
            )
        )
        for token in live:
            token.revoked_at = now
            token.revoked_by = actor
        if live:
            record(
                session,
                actor=actor,
                action="user.token_revoke",
                object_type="user",
                object_id=username,
                after={"tokens": sorted(token_label(t.token_hash) for t in live)},
            )
        return len(live)


def user_for_token(token: str, *, settings: Settings, now: dt.datetime) -> User:
    """The active user a token acts for, or a UserError saying why the token is refused."""
    with session_scope(settings) as session:
        row = session.get(ApiToken, token_hash(token))
        if row is None:
            raise UserError(
                "Jeton inconnu (ASR_TOKEN ou --token) : demandez-en un avec asr users token.",
                "Unknown token (ASR_TOKEN or --token): get one with asr users token.",
            )
        if row.revoked_at is not None:
            raise UserError(
                f"Jeton {token_label(row.token_hash)} révoqué le {row.revoked_at:%Y-%m-%d} : "
                "demandez-en un nouveau (asr users token).",
                f"Token {token_label(row.token_hash)} was revoked on {row.revoked_at:%Y-%m-%d}: "
                "get a new one (asr users token).",
            )
        if row.expires_at <= now:
            raise UserError(
                f"Jeton {token_label(row.token_hash)} expiré le {row.expires_at:%Y-%m-%d %H:%M} "
                "UTC : demandez-en un nouveau (asr users token).",
                f"Token {token_label(row.token_hash)} expired on {row.expires_at:%Y-%m-%d %H:%M} "
                "UTC: get a new one (asr users token).",
            )
        user = session.get(User, row.username)
        if user is None or not user.is_active:
            raise UserError(
                f"Le jeton appartient à « {row.username} », compte désactivé.",
                f"The token belongs to {row.username!r}, whose account is disabled.",
            )
        return user
