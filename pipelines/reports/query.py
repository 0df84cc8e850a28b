"""Run a ``pipelines/sql/reports/*.sql`` query with only the bound parameters it uses."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from pipelines.sql import load_sql

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")


def used_parameters(sql: str) -> set[str]:
    return set(_PARAM.findall(_COMMENT.sub("", sql)))


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    sql = load_sql(name)
    used = used_parameters(sql)
    cur = con.execute(sql, {k: v for k, v in params.items() if k in used})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
