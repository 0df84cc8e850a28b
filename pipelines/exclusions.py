"""Addressable-spend exclusions (DOMAIN.md section 4): account prefixes, suppliers, categories."""

from __future__ import annotations

import duckdb

from pipelines.errors import UserError
from pipelines.marts import refresh_marts
from pipelines.settings import Settings, load_settings
from pipelines.warehouse import write_transaction

EXCLUSION_TYPES = ("account_prefix", "supplier", "category")


def _check_type(exclusion_type: str) -> None:
    if exclusion_type not in EXCLUSION_TYPES:
        raise UserError(
            f"type d'exclusion « {exclusion_type} » inconnu ; "
            f"attendu : {', '.join(EXCLUSION_TYPES)}.",
            f"unknown exclusion type {exclusion_type!r}; expected {', '.join(EXCLUSION_TYPES)}.",
        )


def add_exclusions(
    items: list[tuple[str, str, str | None]], settings: Settings | None = None
) -> int:
    """Add (type, value, reason) exclusions and rebuild the marts; returns how many were new."""
    settings = settings or load_settings()
    for exclusion_type, value, _ in items:
        _check_type(exclusion_type)
        if not value.strip():
            raise UserError("valeur d'exclusion vide.", "empty exclusion value.")
    with write_transaction(settings) as con:
        before = con.execute("select count(*) from exclusions").fetchone()[0]  # type: ignore[index]
        con.executemany(
            "insert into exclusions (exclusion_type, value, reason) values (?, ?, ?) "
            "on conflict do update set reason = excluded.reason",
            [(t, v.strip(), r) for t, v, r in items],
        )
        after = con.execute("select count(*) from exclusions").fetchone()[0]  # type: ignore[index]
        refresh_marts(con, settings)
    return int(after - before)


def remove_exclusion(exclusion_type: str, value: str, settings: Settings | None = None) -> bool:
    settings = settings or load_settings()
    _check_type(exclusion_type)
    with write_transaction(settings) as con:
        found = con.execute(
            "select count(*) from exclusions where exclusion_type = ? and value = ?",
            [exclusion_type, value],
        ).fetchone()[0]  # type: ignore[index]
        con.execute(
            "delete from exclusions where exclusion_type = ? and value = ?", [exclusion_type, value]
        )
        refresh_marts(con, settings)
    return bool(found)


def list_exclusions(con: duckdb.DuckDBPyConnection) -> list[dict[str, str | None]]:
    rows = con.execute(
        "select exclusion_type, value, reason from exclusions order by exclusion_type, value"
    ).fetchall()
    return [{"type": t, "value": v, "reason": r} for t, v, r in rows]
