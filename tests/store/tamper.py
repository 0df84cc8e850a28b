"""Helpers of the tamper tests: edit the store behind the application's back, then verify.

Each attack is plain SQL run on the store, as a database user with a copy of the store would.
"""

from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner, Result

from pipelines.settings import Settings
from pipelines.store.db import get_engine

#: Triggers protecting each table, per dialect (name, table).
TRIGGERS = {
    "sqlite": {
        "audit_log": [
            ("audit_log_no_update", None),
            ("audit_log_no_delete", None),
            ("audit_log_no_replace", None),
        ],
        "period_closings": [
            ("period_closings_frozen", None),
            ("period_closings_no_delete", None),
            ("period_closings_no_replace", None),
        ],
        "audit_chain_head": [
            ("audit_chain_head_no_delete", None),
            ("audit_chain_head_no_replace", None),
        ],
    },
    "postgresql": {
        "audit_log": [("audit_log_append_only", "audit_log")],
        "period_closings": [("period_closings_guard", "period_closings")],
        "audit_chain_head": [("audit_chain_head_no_delete", "audit_chain_head")],
    },
}


def dialect(settings: Settings) -> str:
    return get_engine(settings).dialect.name


def run_sql(settings: Settings, *statements: str, **params: object) -> None:
    with get_engine(settings).begin() as con:
        for statement in statements:
            con.execute(sa.text(statement), params)


def drop_triggers(settings: Settings, table: str) -> None:
    """What an attacker with the database owner's rights does first."""
    for name, on in TRIGGERS[dialect(settings)][table]:
        run_sql(settings, f"drop trigger {name}" + (f" on {on}" if on else ""))


def verify_cli(lang: str | None = None) -> Result:
    from pipelines.cli import app

    env = {"ASR_LANG": lang} if lang else None
    return CliRunner().invoke(app, ["audit", "verify"], env=env)
