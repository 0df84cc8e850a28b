"""Password sign-in with throttling, shared by the dashboard and the CLI.

Failed attempts are counted per user name (``user:NAME``) and per client (``client:ADDRESS``) in
the store, never in a browser session (a new tab would start afresh). Each failure makes the next
attempt wait longer; enough failures lock the key for a while. While a key waits, the password is
not even checked. Every failure, throttled or not, is an audit event (object type ``user``,
action ``sign_in_failed``; never the password).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pipelines.settings import Settings
from pipelines.store.audit import record
from pipelines.store.db import session_scope
from pipelines.store.models import SignInThrottle, User
from pipelines.users import authenticate

#: Written as the actor of a failed sign-in: nobody proved who they were.
ANONYMOUS = "(anonyme)"
_NAME_LENGTH = 200


@dataclass(frozen=True)
class ThrottlePolicy:
    """After ``free`` failures each one doubles the wait (1 s, 2 s, 4 s… at most
    ``max_delay_s``); the ``lock_after``-th failure locks for ``lock_minutes``. A key with no
    failure for ``lock_minutes`` starts again from zero."""

    prefix: str
    free: int
    lock_after: int
    lock_minutes: int = 15
    max_delay_s: int = 60


#: One user name: 1, 2, 4, 8 s between tries, then locked 15 min at the 5th failure.
PER_USER = ThrottlePolicy("user", free=0, lock_after=5)
#: One client (browser address, or OS account for the CLI): shared by colleagues behind the same
#: address, so it tolerates more before slowing down, and locks at the 20th failure.
PER_CLIENT = ThrottlePolicy("client", free=9, lock_after=20)


def wait_after(failures: int, policy: ThrottlePolicy) -> dt.timedelta:
    """Pure rule: how long the next attempt must wait after ``failures`` failures in a row."""
    if failures >= policy.lock_after:
        return dt.timedelta(minutes=policy.lock_minutes)
    if failures <= policy.free:
        return dt.timedelta(0)
    return dt.timedelta(seconds=min(2 ** (failures - policy.free - 1), policy.max_delay_s))


@dataclass(frozen=True)
class SignInResult:
    """``user`` when signed in; otherwise ``retry_after`` is set when the attempt was refused
    because of earlier failures (the password was not checked)."""

    user: User | None
    retry_after: dt.timedelta | None = None

    @property
    def wait_label(self) -> str:
        """The wait for messages (same in French and English): « 15 min », or « 4 s » under a
        minute; rounded up."""
        seconds = math.ceil(self.retry_after.total_seconds()) if self.retry_after else 0
        return f"{max(1, seconds)} s" if seconds < 60 else f"{math.ceil(seconds / 60)} min"


def _keys(username: str, client: str | None) -> list[tuple[str, ThrottlePolicy]]:
    keys = [(f"{PER_USER.prefix}:{username[:_NAME_LENGTH]}", PER_USER)]
    if client:
        keys.append((f"{PER_CLIENT.prefix}:{client[:_NAME_LENGTH]}", PER_CLIENT))
    return keys


def _forget_if_old(row: SignInThrottle, policy: ThrottlePolicy, now: dt.datetime) -> None:
    locked = row.locked_until is not None and row.locked_until > now
    quiet = now - row.last_failure_at >= dt.timedelta(minutes=policy.lock_minutes)
    if quiet and not locked:
        row.failures = 0


def sign_in(
    username: str, password: str, *, client: str | None, settings: Settings, now: dt.datetime
) -> SignInResult:
    """Check a password unless the user name or the client must wait; count and audit failures."""
    username = (username or "").strip()
    keys = _keys(username, client)
    with session_scope(settings) as session:
        waits = []
        for key, _ in keys:
            row = session.get(SignInThrottle, key)
            if row is not None and row.locked_until is not None and row.locked_until > now:
                waits.append(row.locked_until - now)
        if waits:
            retry_after = max(waits)
            _audit_failure(
                session,
                username,
                client,
                {"retry_after_s": int(retry_after.total_seconds()), "throttled": True},
            )
            return SignInResult(None, retry_after)
    user = authenticate(username, password, settings)
    with session_scope(settings) as session:
        if user is not None:
            row = session.get(SignInThrottle, keys[0][0])
            if row is not None:
                session.delete(row)
            return SignInResult(user)
        failures: dict[str, int] = {}
        for key, policy in keys:
            row = session.get(SignInThrottle, key)
            if row is None:
                row = SignInThrottle(throttle_key=key, failures=0, last_failure_at=now)
                session.add(row)
            _forget_if_old(row, policy, now)
            row.failures += 1
            row.last_failure_at = now
            row.locked_until = now + wait_after(row.failures, policy)
            failures[policy.prefix] = row.failures
        _audit_failure(
            session, username, client, {"failures": failures[PER_USER.prefix], "throttled": False}
        )
    return SignInResult(None)


def _audit_failure(
    session: Session, username: str, client: str | None, details: dict[str, object]
) -> None:
    record(
        session,
        actor=ANONYMOUS,
        action="sign_in_failed",
        object_type="user",
        object_id=username[:_NAME_LENGTH],
        after={"client": client, **details},
    )
