"""Numbered schema migrations (``migrations/NNN_name.sql``), applied in order, recorded by name."""

from __future__ import annotations

from pathlib import Path

import duckdb

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def all_migrations() -> list[Path]:
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def _applied(con: duckdb.DuckDBPyConnection) -> set[str]:
    con.execute(
        "create table if not exists schema_migrations "
        "(name varchar primary key, applied_at timestamp default current_timestamp)"
    )
    return {row[0] for row in con.execute("select name from schema_migrations").fetchall()}


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[Path]:
    try:
        rows = con.execute("select name from schema_migrations").fetchall()
    except duckdb.CatalogException:
        return all_migrations()
    done = {row[0] for row in rows}
    return [m for m in all_migrations() if m.name not in done]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    done = _applied(con)
    applied = []
    for path in all_migrations():
        if path.name in done:
            continue
        con.execute("begin")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("insert into schema_migrations (name) values (?)", [path.name])
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(path.name)
    return applied
