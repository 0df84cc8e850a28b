"""Addressable-spend exclusions (DOMAIN.md section 4): account prefixes, suppliers, categories."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from pipelines.errors import UserError
from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.sql import load_sql
from pipelines.store import audit
from pipelines.store.db import warehouse_and_store

EXCLUSION_TYPES = ("account_prefix", "supplier", "category")


def _check_type(exclusion_type: str) -> None:
    if exclusion_type not in EXCLUSION_TYPES:
        raise UserError(
            f"type d'exclusion « {exclusion_type} » inconnu ; "
            f"attendu : {', '.join(EXCLUSION_TYPES)}.",
            f"unknown exclusion type {exclusion_type!r}; expected {', '.join(EXCLUSION_TYPES)}.",
        )


_ACCOUNT_PREFIX = re.compile(r"[0-9]{1,12}")


def check_value(exclusion_type: str, value: str) -> str:
    """The value, stripped, or a UserError: an account prefix is digits only (``6O6`` with a
    letter O would silently match nothing)."""
    value = value.strip()
    if not value:
        raise UserError("valeur d'exclusion vide.", "empty exclusion value.")
    if exclusion_type == "account_prefix" and not _ACCOUNT_PREFIX.fullmatch(value):
        raise UserError(
            f"préfixe de compte « {value} » : attendu des chiffres seulement (par exemple 606 "
            "ou 6132).",
            f"account prefix {value!r}: expected digits only (for example 606 or 6132).",
        )
    return value


@dataclass(frozen=True)
class ExclusionsAdded:
    """What ``add_exclusions`` did: new exclusions, and the lines and euros it took out of
    addressable spend."""

    added: int
    lines: int
    amount_eur: Decimal


def _excluded(con: duckdb.DuckDBPyConnection) -> tuple[int, Decimal]:
    row = con.execute(load_sql("exclusions/excluded_totals")).fetchone()
    return (int(row[0]), Decimal(row[1])) if row else (0, Decimal(0))


def _exclusion_id(exclusion_type: str, value: str) -> str:
    return f"{exclusion_type}:{value}"


def _current(
    con: duckdb.DuckDBPyConnection, exclusion_type: str, value: str
) -> dict[str, str | None] | None:
    row = con.execute(
        "select reason from exclusions where exclusion_type = ? and value = ?",
        [exclusion_type, value],
    ).fetchone()
    if row is None:
        return None
    return {"type": exclusion_type, "value": value, "reason": row[0]}


def add_exclusions(
    items: list[tuple[str, str, str | None]],
    settings: Settings,
    *,
    actor: str | None = None,
) -> ExclusionsAdded:
    """Add (type, value, reason) exclusions and rebuild the marts; returns how many were new and
    the lines and euros they took out of addressable spend.

    Each new or changed exclusion is an audit event (before, after, who, reason), committed with
    the warehouse change or not at all."""
    actor = actor or settings.user
    cleaned = []
    for exclusion_type, value, reason in items:
        _check_type(exclusion_type)
        cleaned.append((exclusion_type, check_value(exclusion_type, value), reason))
    added = 0
    with warehouse_and_store(settings) as (con, session):
        lines_before, eur_before = _excluded(con)
        changes = []
        for exclusion_type, value, reason in cleaned:
            before = _current(con, exclusion_type, value)
            after = {"type": exclusion_type, "value": value, "reason": reason}
            if before == after:
                continue
            con.execute(
                "insert into exclusions (exclusion_type, value, reason) values (?, ?, ?) "
                "on conflict do update set reason = excluded.reason",
                [exclusion_type, value, reason],
            )
            added += before is None
            changes.append((before, after))
        refresh_marts(con, settings)
        lines_after, eur_after = _excluded(con)
        con.execute("checkpoint")  # the store's write lock is taken below: keep it short
        for before, after in changes:
            audit.record(
                session,
                actor=actor,
                action="exclusion.add" if before is None else "exclusion.update",
                object_type="exclusion",
                object_id=_exclusion_id(str(after["type"]), str(after["value"])),
                before=before,
                after=after,
                reason=after["reason"],
            )
        session.flush()
    return ExclusionsAdded(added, lines_after - lines_before, eur_after - eur_before)


def remove_exclusion(
    exclusion_type: str,
    value: str,
    settings: Settings,
    *,
    actor: str | None = None,
    reason: str | None = None,
) -> bool:
    """Remove an exclusion (audited, with the warehouse change or not at all); False if absent."""
    actor = actor or settings.user
    _check_type(exclusion_type)
    with warehouse_and_store(settings) as (con, session):
        before = _current(con, exclusion_type, value)
        if before is None:
            return False
        con.execute(
            "delete from exclusions where exclusion_type = ? and value = ?", [exclusion_type, value]
        )
        refresh_marts(con, settings)
        con.execute("checkpoint")  # the store's write lock is taken below: keep it short
        audit.record(
            session,
            actor=actor,
            action="exclusion.remove",
            object_type="exclusion",
            object_id=_exclusion_id(exclusion_type, value),
            before=before,
            after=None,
            reason=reason,
        )
        session.flush()
    return True


def list_exclusions(con: duckdb.DuckDBPyConnection) -> list[dict[str, str | None]]:
    rows = con.execute(
        "select exclusion_type, value, reason from exclusions order by exclusion_type, value"
    ).fetchall()
    return [{"type": t, "value": v, "reason": r} for t, v, r in rows]
