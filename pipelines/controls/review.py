"""Marking a signal reviewed, and the open list (DOMAIN.md section 8).

A review is keyed by the signal's id and remembers its fingerprint (a hash of its figures): the
signal stays out of the open list until its figures change. Marking is pay-relevant state: an
authenticated admin or executive, a reason, and a chained audit event, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from pipelines.clock import utcnow
from pipelines.controls.model import Signal
from pipelines.errors import UserError
from pipelines.settings import Settings
from pipelines.store import audit
from pipelines.store.db import session_scope
from pipelines.store.models import ControlReview

#: Who may see the controls and mark a signal reviewed (the issue: admins and executives).
CONTROL_ROLES = ("admin", "executive")


@dataclass(frozen=True)
class Review:
    signal_id: str
    fingerprint: str
    reviewed_by: str
    reviewed_at: dt.datetime
    reason: str


@dataclass(frozen=True)
class Listed:
    """A signal with its review, if any; ``is_open`` unless reviewed at these very figures."""

    signal: Signal
    review: Review | None

    @property
    def is_open(self) -> bool:
        return self.review is None or self.review.fingerprint != self.signal.fingerprint


def reviews(settings: Settings) -> dict[str, Review]:
    with session_scope(settings) as session:
        return {
            r.signal_id: Review(r.signal_id, r.fingerprint, r.reviewed_by, r.reviewed_at, r.reason)
            for r in session.scalars(select(ControlReview))
        }


def with_reviews(signals: list[Signal], settings: Settings) -> list[Listed]:
    """Pure join of signals and their reviews (a changed fingerprint reopens a signal)."""
    marks = reviews(settings)
    return [Listed(s, marks.get(s.signal_id)) for s in signals]


def open_signals(listed: list[Listed]) -> list[Signal]:
    return [item.signal for item in listed if item.is_open]


def mark_reviewed(
    signal: Signal, *, reason: str, actor: str, role: str, settings: Settings
) -> Review:
    """Record that ``actor`` reviewed ``signal`` at its current figures, with ``reason``."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(
            "Marquer un signal comme revu demande un motif (--reason).",
            "Marking a signal reviewed needs a reason (--reason).",
        )
    if role not in CONTROL_ROLES:
        raise UserError(
            f"Seuls la direction et les administrateurs revoient les contrôles : « {actor} » "
            f"a le rôle {role}.",
            f"Only executives and admins review controls: {actor!r} has role {role}.",
        )
    at = utcnow().replace(microsecond=0)
    with session_scope(settings) as session:
        current = session.get(ControlReview, signal.signal_id)
        before = (
            {
                "fingerprint": current.fingerprint,
                "reviewed_by": current.reviewed_by,
                "reason": current.reason,
            }
            if current is not None
            else None
        )
        if current is None:
            current = ControlReview(signal_id=signal.signal_id)
            session.add(current)
        current.fingerprint = signal.fingerprint
        current.reviewed_by = actor
        current.reviewed_at = at
        current.reason = reason
        current.payout_at_stake_eur = signal.payout_at_stake_eur.quantize(Decimal("0.01"))
        audit.record(
            session,
            actor=actor,
            action="control.review",
            object_type="control",
            object_id=signal.signal_id,
            before=before,
            after={
                "fingerprint": signal.fingerprint,
                "euros": signal.euros,
                "payout_at_stake_eur": signal.payout_at_stake_eur,
                "objective_ids": list(signal.objective_ids),
            },
            reason=reason,
        )
    return Review(signal.signal_id, signal.fingerprint, actor, at, reason)


def find_signal(signals: list[Signal], signal_id: str) -> Signal:
    for s in signals:
        if s.signal_id == signal_id:
            return s
    raise UserError(
        f"Signal inconnu : « {signal_id} » (voir asr report controls).",
        f"No such signal: {signal_id!r} (see asr report controls).",
    )
