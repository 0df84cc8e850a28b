"""Verification of the store's records: the audit chain and every closing's seal.

:func:`verify_store` recomputes each event's hash from what is stored, checks that each event
names the hash of the one before it, that the chain head names the last event, and that each
period closing (its row and its frozen snapshot) matches the hashes of the newest event that
closed, reopened or sealed it. It stops at the first mismatch and names it.

It makes edits visible, not impossible: someone able to rewrite the database and who knows this
algorithm can recompute every hash after an edit (see README, Security).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.settings import Settings
from pipelines.store import chain
from pipelines.store.db import session_scope
from pipelines.store.models import AuditChainHead, AuditEvent, PeriodClosing

#: Roles shown a failed verification in the dashboard (DOMAIN.md §8–9).
VERIFICATION_ROLES = ("admin", "executive")
#: Actions on a period whose event carries the hashes of the closing row after it.
SEALING_ACTIONS = ("close", "reopen", "seal")


@dataclasses.dataclass(frozen=True)
class Mismatch:
    """The first thing that does not match: an event, a closing, or the chain head."""

    kind: str  # "event" | "closing" | "head"
    object_id: str
    fr: str
    en: str


@dataclasses.dataclass(frozen=True)
class Verification:
    events: int
    closings: int
    mismatch: Mismatch | None = None

    @property
    def ok(self) -> bool:
        return self.mismatch is None

    def message(self, lang: str = "fr") -> str:
        if self.mismatch is None:
            if lang == "en":
                return f"OK: {self.events} events, {self.closings} closings verified"
            return f"OK: {self.events} événements, {self.closings} clôtures vérifiés"
        return self.mismatch.en if lang == "en" else self.mismatch.fr


def _short(digest: str | None) -> str:
    return (digest or "∅")[:12]


def _check_event(event: AuditEvent, prev_id: int, prev_hash: str) -> Mismatch | None:
    eid = event.event_id
    if event.prev_hash != prev_hash:
        if eid != prev_id + 1:
            missing = f"{prev_id + 1}" if eid == prev_id + 2 else f"{prev_id + 1}–{eid - 1}"
            return Mismatch(
                "event",
                str(eid),
                f"Événement {eid} : le lien vers l'événement précédent est rompu — "
                f"événement(s) {missing} manquant(s) (supprimé(s)).",
                f"Event {eid}: its link to the previous event is broken — "
                f"event(s) {missing} missing (deleted).",
            )
        return Mismatch(
            "event",
            str(eid),
            f"Événement {eid} : il ne désigne pas l'empreinte de l'événement {prev_id} "
            f"(attendu {_short(prev_hash)}…, trouvé {_short(event.prev_hash)}…) — l'événement "
            f"{prev_id} a été modifié ou un événement a été inséré ou supprimé avant lui.",
            f"Event {eid}: it does not name the hash of event {prev_id} "
            f"(expected {_short(prev_hash)}…, found {_short(event.prev_hash)}…) — event "
            f"{prev_id} was changed, or an event was inserted or deleted before it.",
        )
    expected = chain.event_hash(chain.row_fields(event, chain.EVENT_FIELDS), prev_hash)
    if event.event_hash != expected:
        return Mismatch(
            "event",
            str(eid),
            f"Événement {eid} ({event.action} {event.object_type} {event.object_id or ''}) : "
            f"son contenu ne correspond pas à son empreinte (attendu {_short(expected)}…, "
            f"enregistré {_short(event.event_hash)}…) — modifié ou inséré à la main.",
            f"Event {eid} ({event.action} {event.object_type} {event.object_id or ''}): "
            f"its content does not match its hash (expected {_short(expected)}…, "
            f"stored {_short(event.event_hash)}…) — changed or inserted by hand.",
        )
    return None


def _check_head(head: AuditChainHead | None, last_id: int, last_hash: str) -> Mismatch | None:
    if head is None:
        return Mismatch(
            "head",
            "audit_chain_head",
            "La tête de chaîne (audit_chain_head) a disparu : la table a été modifiée à la main.",
            "The chain head (audit_chain_head) is missing: the table was edited by hand.",
        )
    if head.last_event_id == last_id and head.last_hash == last_hash:
        return None
    return Mismatch(
        "head",
        str(head.last_event_id),
        f"La tête de chaîne désigne l'événement {head.last_event_id} mais le dernier événement "
        f"est le {last_id} : des événements ont été supprimés à la fin ou ajoutés à la main.",
        f"The chain head names event {head.last_event_id} but the last event is {last_id}: "
        "events were deleted at the end or added by hand.",
    )


def _check_closing(row: PeriodClosing, seal: AuditEvent | None) -> Mismatch | None:
    period = row.period
    after: dict[str, Any] = (seal.after or {}) if seal is not None else {}
    if seal is None or "closing_sha256" not in after:
        return Mismatch(
            "closing",
            period,
            f"Clôture {period} : aucun événement d'audit ne la scelle (ligne insérée à la main).",
            f"Closing {period}: no audit event seals it (row inserted by hand).",
        )
    fields = chain.row_fields(row, chain.CLOSING_FIELDS)
    if after.get("snapshot_sha256") != chain.snapshot_hash(row.snapshot):
        return Mismatch(
            "closing",
            period,
            f"Clôture {period} : l'instantané figé ne correspond pas à l'empreinte de "
            f"l'événement {seal.event_id} — chiffres figés modifiés.",
            f"Closing {period}: its frozen snapshot does not match the hash in event "
            f"{seal.event_id} — frozen figures changed.",
        )
    if after.get("closing_sha256") != chain.closing_hash(fields):
        return Mismatch(
            "closing",
            period,
            f"Clôture {period} : la ligne (statut, dates, auteur ou motif) ne correspond pas à "
            f"l'empreinte de l'événement {seal.event_id}.",
            f"Closing {period}: the row (status, dates, author or reason) does not match the "
            f"hash in event {seal.event_id}.",
        )
    return None


def verify_session(session: Session) -> Verification:
    """Verify the chain and the closings as ``session`` sees them."""
    prev_id, prev_hash, count = 0, chain.GENESIS, 0
    seals: dict[str, AuditEvent] = {}
    query = select(AuditEvent).order_by(AuditEvent.event_id).execution_options(yield_per=1000)
    for event in session.scalars(query):
        mismatch = _check_event(event, prev_id, prev_hash)
        if mismatch is not None:
            return Verification(count, 0, mismatch)
        if event.object_type == "period" and event.action in SEALING_ACTIONS:
            seals[event.object_id or ""] = event
        prev_id, prev_hash, count = event.event_id, event.event_hash or "", count + 1
    head = session.get(AuditChainHead, 1)
    mismatch = _check_head(head, prev_id, prev_hash)
    if mismatch is not None:
        return Verification(count, 0, mismatch)
    closings = 0
    rows = {c.period: c for c in session.scalars(select(PeriodClosing))}
    for period in sorted(rows.keys() | seals.keys()):
        row = rows.get(period)
        if row is None:
            if seals[period].action == "seal" or (seals[period].after or {}).get("closing_sha256"):
                seal_id = seals[period].event_id
                return Verification(
                    count,
                    closings,
                    Mismatch(
                        "closing",
                        period,
                        f"Clôture {period} : la ligne a disparu de period_closings (scellée par "
                        f"l'événement {seal_id}).",
                        f"Closing {period}: its row is missing from period_closings (sealed by "
                        f"event {seal_id}).",
                    ),
                )
            continue
        mismatch = _check_closing(row, seals.get(period))
        if mismatch is not None:
            return Verification(count, closings, mismatch)
        closings += 1
    return Verification(count, closings)


def verify_store(settings: Settings) -> Verification:
    """Verify the store of ``settings`` (migrated to the current schema first)."""
    with session_scope(settings) as session:
        return verify_session(session)
