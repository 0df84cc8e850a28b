"""Running the product on a real file as a user would: the ``asr`` CLI in a fresh ``ASR_HOME``.

The product is driven only through its command line (``asr ingest``, ``asr loads list``,
``asr loads quarantine``, ``asr report kpi``); the warehouse is read with plain DuckDB for the
per-line checks (which source rows were loaded, with which supplier).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from click.testing import Result
from typer.testing import CliRunner

from pipelines.cli import app

HERE = Path(__file__).resolve().parent


@dataclass
class Home:
    """One ASR_HOME holding one real file's load."""

    path: Path
    ingest: Result | None = None  # the `asr ingest` that filled it, if any

    def cli(self, *args: str) -> Result:
        env = {"ASR_HOME": str(self.path), "ASR_USER": "real-corpus", "ASR_DATABASE_URL": None}
        return CliRunner().invoke(app, list(args), env=env)

    def json(self, *args: str) -> Any:
        result = self.cli(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def load(self) -> dict[str, Any]:
        (load,) = self.json("loads", "list")
        return load

    def quarantine(self) -> list[dict[str, Any]]:
        return list(self.json("loads", "quarantine"))

    def kpi(self, date_from: str, date_to: str) -> dict[str, Any]:
        return dict(self.json("report", "kpi", "--from", date_from, "--to", date_to))

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(self.path / "warehouse.duckdb"), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


def load_into(home: Path, file: Path, *options: str) -> Home:
    home.mkdir(parents=True, exist_ok=True)
    target = Home(home)
    target.ingest = target.cli("ingest", str(file), *options, "--no-classify", "--quiet")
    return target


def details(load: dict[str, Any]) -> dict[str, Any]:
    """The load report's details (a JSON object, or its text)."""
    value = load.get("details")
    if isinstance(value, str):
        value = json.loads(value)
    assert isinstance(value, dict), f"no details in the load report: {sorted(load)}"
    return value


def euros(value: Any) -> Decimal:
    """An amount from a JSON report, exact to the cent."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"
