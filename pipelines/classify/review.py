"""The review queue and the analyst's decisions (overrides), for the CLI and the dashboard.

Each decision writes one :class:`~pipelines.store.models.Override` (one per supplier, the latest
wins) and one audit event, then re-runs the classification so that the warehouse shows it.
Overrides live in the objectives store, apart from the warehouse: reloading ledgers or
directories never loses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import duckdb

from pipelines.classify import ClassifyResult, classify, classify_sql
from pipelines.classify.rules import PRECEDENCE, Match, pick
from pipelines.errors import UserError
from pipelines.kinds import KINDS, UnknownKindError, parse_kind
from pipelines.settings import Settings

DECISIONS = ("confirm", "reject", "set_kind")


REVIEW_STATUSES = ("probable", "none")


def review_queue(
    con: duckdb.DuckDBPyConnection, limit: int = 100, status: str | None = None
) -> list[dict[str, Any]]:
    """Probable suppliers first, then unmatched ones, most spend to review first.

    ``status`` keeps only ``probable`` (to confirm) or ``none`` (unmatched) suppliers.
    """
    if status is not None and status not in REVIEW_STATUSES:
        raise ValueError(f"status must be one of {REVIEW_STATUSES}, not {status!r}")
    cur = con.execute(classify_sql("review_queue"), {"limit": limit, "status": status})
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def supplier_candidates(con: duckdb.DuckDBPyConnection, supplier_key: str) -> list[dict[str, Any]]:
    """A supplier's candidate rows (what it matched, by which rule, valid when)."""
    cur = con.execute(classify_sql("supplier_candidates"), {"key": supplier_key})
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def supplier_explanation(
    con: duckdb.DuckDBPyConnection, supplier_key: str
) -> dict[str, Any] | None:
    """A supplier's headline classification (status, rule, record, source, score, explanation),
    also for unmatched suppliers ("why not"); None for an unknown key."""
    cur = con.execute(
        "select * from supplier_classification where supplier_key = ?", [supplier_key]
    )
    columns = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def best_probable(candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The probable candidate « Confirmer » confirms (candidates in supplier_candidates order).

    A record already matched with certainty (its SIRET) that also matches by name is not what
    is left to confirm: the probable records that carry probable spend come first."""
    certain = {c["record_id"] for c in candidates if c["status"] == "certain"}
    probable = [c for c in candidates if c["status"] == "probable"]
    return next((c for c in probable if c["record_id"] not in certain), None) or next(
        iter(probable), None
    )


def matches_if_confirmed(
    con: duckdb.DuckDBPyConnection, supplier_key: str
) -> tuple[dict[str, Any] | None, list[Match]]:
    """What « Confirmer » would confirm (:func:`best_probable`) and the supplier's candidate rows
    once it has: the stored rows without any earlier decision's rows (a new decision replaces
    the old one), plus that record made certain within its own validity window — the rows
    :func:`pipelines.classify.rules.cascade` gives with the new override. (None, []) when there
    is nothing to confirm."""
    best = best_probable(supplier_candidates(con, supplier_key))
    if best is None:
        return None, []
    cur = con.execute(classify_sql("supplier_matches"), {"key": supplier_key})
    columns = [d[0] for d in cur.description]
    stored = [Match(**dict(zip(columns, row, strict=True))) for row in cur.fetchall()]
    kept = [m for m in stored if m.rule != "override"]
    confirmed = next(m for m in kept if m.record_id == best["record_id"] and m.status == "probable")
    override = replace(
        confirmed, precedence=PRECEDENCE["override"], rule="override", status="certain"
    )
    return best, [override, *kept]


def verdict_at(matches: list[Match], day: dt.date) -> tuple[str, str | None]:
    """(status, family) a line of this supplier dated ``day`` gets from these candidate rows
    (the line mart's choice, :func:`pipelines.classify.rules.pick`)."""
    m = pick(matches, day)
    if m is None or m.status == "none":
        return "none", None
    return m.status, m.family


def _unknown_supplier(supplier_key: str) -> UserError:
    return UserError(
        f"fournisseur « {supplier_key} » inconnu de l'entrepôt (clé = SIRET, ou "
        "code:<entité>:<code>, ou name:<NOM>:<code postal> ; voir asr review list).",
        f"unknown supplier {supplier_key!r} (key = SIRET, or code:<entity>:<code>, or "
        "name:<NAME>:<postcode>; see asr review list).",
    )


def _check_supplier(con: duckdb.DuckDBPyConnection, supplier_key: str) -> None:
    row = con.execute(
        "select 1 from dim_suppliers where supplier_key = ?", [supplier_key]
    ).fetchone()
    if row is None:
        raise _unknown_supplier(supplier_key)


def _record_kind(con: duckdb.DuckDBPyConnection, record_id: int) -> str:
    row = con.execute(
        "select kind from reference_records where record_id = ?", [record_id]
    ).fetchone()
    if row is None:
        raise UserError(
            f"--record {record_id} : enregistrement inconnu des annuaires chargés.",
            f"--record {record_id}: no such directory record.",
        )
    return str(row[0])


def _save(
    settings: Settings,
    *,
    supplier_key: str,
    decision: str,
    kind: str | None,
    record_id: int | None,
    actor: str,
    reason: str | None,
) -> bool:
    """Write the decision and its audit event; False (nothing written) when the supplier already
    carries this very decision (same decision, kind, record and reason): a repeated click or
    command is not a second event."""
    from pipelines.store import audit
    from pipelines.store.db import session_scope
    from pipelines.store.models import Override

    with session_scope(settings) as session:
        current = session.get(Override, supplier_key)
        before = _as_dict(current) if current is not None else None
        wanted = {"decision": decision, "kind": kind, "record_id": record_id, "reason": reason}
        if before is not None and all(before[k] == v for k, v in wanted.items()):
            return False
        if current is None:
            current = Override(supplier_key=supplier_key)
            session.add(current)
        current.decision = decision
        current.kind = kind
        current.record_id = record_id
        current.author = actor
        current.reason = reason
        current.created_at = dt.datetime.now()
        audit.record(
            session,
            actor=actor,
            action=f"override.{decision}",
            object_type="supplier",
            object_id=supplier_key,
            before=before,
            after=_as_dict(current),
            reason=reason,
        )
    return True


def _as_dict(override: Any) -> dict[str, Any]:
    return {
        "decision": override.decision,
        "kind": override.kind,
        "record_id": override.record_id,
        "author": override.author,
        "reason": override.reason,
    }


def _decide(
    settings: Settings,
    supplier_key: str,
    decision: str,
    *,
    kind: str | None,
    record_id: int | None,
    actor: str | None,
    reason: str | None,
) -> ClassifyResult | None:
    """Save a decision, then re-run the classification; None when nothing changed."""
    changed = _save(
        settings,
        supplier_key=supplier_key,
        decision=decision,
        kind=kind,
        record_id=record_id,
        actor=actor or settings.user,
        reason=reason or None,
    )
    return classify(settings) if changed else None


def _read(settings: Settings) -> duckdb.DuckDBPyConnection:
    from pipelines.warehouse import connect_read

    return connect_read(settings)


def _read_checked(settings: Settings, supplier_key: str) -> duckdb.DuckDBPyConnection:
    """A reader on the warehouse, once ``supplier_key`` is known to it."""
    con = _read(settings)
    try:
        _check_supplier(con, supplier_key)
    except BaseException:
        con.close()
        raise
    return con


def confirm(
    supplier_key: str,
    record_id: int | None = None,
    *,
    settings: Settings,
    actor: str | None = None,
    reason: str | None = None,
) -> ClassifyResult | None:
    """Confirm a supplier's match: the named record, else its best probable candidate.
    None when the supplier already carries this decision (nothing written)."""
    con = _read_checked(settings, supplier_key)
    try:
        if record_id is None:
            best = best_probable(supplier_candidates(con, supplier_key))
            if best is None:
                raise UserError(
                    f"{supplier_key} : aucune correspondance probable à confirmer ; "
                    "précisez --record ID ou utilisez « asr review set --kind ».",
                    f"{supplier_key}: no probable match to confirm; give --record ID or use "
                    "'asr review set --kind'.",
                )
            record_id = int(best["record_id"])
        kind = _record_kind(con, record_id)
    finally:
        con.close()
    return _decide(
        settings,
        supplier_key,
        "confirm",
        kind=kind,
        record_id=record_id,
        actor=actor,
        reason=reason,
    )


def reject(
    supplier_key: str,
    *,
    settings: Settings,
    actor: str | None = None,
    reason: str | None = None,
) -> ClassifyResult | None:
    """Declare a supplier not inclusive, whatever the directories say (None: already so)."""
    _read_checked(settings, supplier_key).close()
    return _decide(
        settings, supplier_key, "reject", kind=None, record_id=None, actor=actor, reason=reason
    )


def set_kind(
    supplier_key: str,
    kind: str,
    *,
    settings: Settings,
    actor: str | None = None,
    reason: str | None = None,
) -> ClassifyResult | None:
    """Give a supplier a kind (code or label) with certainty, at every date (None: already so)."""
    try:
        code = parse_kind(kind)
    except UnknownKindError:
        code = None
    if code is None:
        codes = ", ".join(KINDS)
        raise UserError(
            f"--kind « {kind} » : type inconnu ; attendu l'un de : {codes}.",
            f"--kind {kind!r}: unknown kind; expected one of: {codes}.",
        )
    _read_checked(settings, supplier_key).close()
    return _decide(
        settings, supplier_key, "set_kind", kind=code, record_id=None, actor=actor, reason=reason
    )
