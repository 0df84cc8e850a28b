"""Browser sessions that survive a page reload (the dashboard's ``asr_session`` cookie).

After a password sign-in the dashboard asks for a **hand-off code** (:func:`start_handoff`):
random, valid one minute, usable once. The browser is sent to the server route
``/asr/session?code=…`` (dashboard/server.py), which exchanges it (:func:`exchange_handoff`) for
the **session token** and sets it as an ``HttpOnly; SameSite=Strict`` cookie. The token is
never seen by the page's scripts nor written in a URL. Each later run of the dashboard reads the
cookie from its connection and asks :func:`user_for_session` who it belongs to.

The store keeps only SHA-256 hashes (256 random bits each, so a fast hash is enough, as for the
CLI tokens of pipelines.tokens). A session ends when idle longer than
``ASR_SESSION_IDLE_HOURS``, :data:`MAX_HOURS` after it began, at sign-out
(:func:`end_session`), when its user is disabled or deleted, or by :func:`end_user_sessions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select

from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import User, WebSession

COOKIE_NAME = "asr_session"
#: A hand-off code must be exchanged within this delay.
HANDOFF_SECONDS = 60
#: However active, a session ends this long after the sign-in.
MAX_HOURS = 24
#: ``last_seen_at`` is written at most this often (not at every click).
TOUCH_EVERY = dt.timedelta(minutes=1)


def _hash(value: str) -> str:
    return hashlib.sha256(value.strip().encode("utf-8")).hexdigest()


def start_handoff(username: str, *, settings: Settings, now: dt.datetime) -> str:
    """A one-time code for ``username`` (just signed in) to exchange for a session cookie."""
    code = secrets.token_urlsafe(32)
    with session_scope(settings) as session:
        session.add(
            WebSession(
                username=username,
                handoff_hash=_hash(code),
                handoff_expires_at=now + dt.timedelta(seconds=HANDOFF_SECONDS),
                created_at=now,
                last_seen_at=now,
                expires_at=now + dt.timedelta(hours=MAX_HOURS),
            )
        )
    return code


def exchange_handoff(code: str, *, settings: Settings, now: dt.datetime) -> str | None:
    """The session token for a valid, unused, unexpired code of an active user; else None.
    The code cannot be used again."""
    if not code:
        return None
    with session_scope(settings) as session:
        row = session.scalars(
            select(WebSession).where(WebSession.handoff_hash == _hash(code))
        ).first()
        if row is None:
            return None
        row.handoff_hash = None  # once, even when refused below
        user = session.get(User, row.username)
        if (
            row.revoked_at is not None
            or row.handoff_expires_at is None
            or row.handoff_expires_at < now
            or user is None
            or not user.is_active
        ):
            return None
        token = secrets.token_urlsafe(32)
        row.token_hash = _hash(token)
        row.last_seen_at = now
        return token


def user_for_session(token: str | None, *, settings: Settings, now: dt.datetime) -> str | None:
    """The user name a session token acts for, or None when the token is unknown, revoked,
    idle too long, too old, or its user disabled or deleted."""
    if not token:
        return None
    idle = dt.timedelta(hours=settings.session_idle_hours)
    with session_scope(settings) as session:
        row = session.scalars(
            select(WebSession).where(WebSession.token_hash == _hash(token))
        ).first()
        if row is None or row.revoked_at is not None:
            return None
        if now - row.last_seen_at > idle or now >= row.expires_at:
            row.revoked_at = now
            return None
        user = session.get(User, row.username)
        if user is None or not user.is_active:
            row.revoked_at = now
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
        return row.username


def end_session(token: str | None, *, settings: Settings, now: dt.datetime) -> None:
    """Sign-out: the token no longer acts for anyone."""
    if not token:
        return
    with session_scope(settings) as session:
        row = session.scalars(
            select(WebSession).where(WebSession.token_hash == _hash(token))
        ).first()
        if row is not None and row.revoked_at is None:
            row.revoked_at = now


def end_user_sessions(username: str, *, settings: Settings, now: dt.datetime) -> int:
    """End every browser session of ``username``; returns how many were live."""
    with session_scope(settings) as session:
        rows = list(
            session.scalars(
                select(WebSession).where(
                    WebSession.username == username, WebSession.revoked_at.is_(None)
                )
            )
        )
        for row in rows:
            row.revoked_at = now
        return len(rows)
