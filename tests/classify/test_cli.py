"""The classification commands, end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.errors import UserError
from pipelines.settings import Settings
from tests.classify.helpers import D, add_lines, line_status

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reference"
runner = CliRunner()


def test_reference_load_classify_review(settings: Settings, cli_as) -> None:
    result = runner.invoke(
        app,
        [
            "reference",
            "load",
            str(FIXTURES / "lemarche_siaes.json"),
            "--source",
            "lemarche",
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    [loaded] = json.loads(result.output)
    assert loaded["rows_loaded"] == 3 and loaded["rows_skipped"] == 1
    add_lines(
        settings,
        [
            ("E", "a", D(2024, 2, 1), "Baluchon à table citoyens", None, "93230", 100),
            ("E", "b", D(2024, 2, 1), "Inconnu", None, "93230", 50),
        ],
    )
    result = runner.invoke(app, ["classify", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["suppliers"] == 2

    result = runner.invoke(app, ["review", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["status"] for r in rows] == ["probable", "none"]
    key = rows[0]["supplier_key"]

    analyst = cli_as("analyst")
    result = runner.invoke(app, ["review", "confirm", key, "--reason", "vu"], env=analyst)
    assert result.exit_code == 0, result.output
    assert line_status(settings, "a") == ("certain", "override", "EI")
    result = runner.invoke(
        app, ["review", "set", rows[1]["supplier_key"], "--kind", "TIH"], env=analyst
    )
    assert result.exit_code == 0, result.output
    assert line_status(settings, "b") == ("certain", "override", "TIH")
    result = runner.invoke(app, ["review", "reject", key], env=analyst)
    assert result.exit_code == 0, result.output
    assert line_status(settings, "a") == ("none", "override", None)
    result = runner.invoke(app, ["review", "list", "--format", "json"])
    assert json.loads(result.output) == []


@pytest.mark.parametrize(
    "args",
    [
        ["reference", "load", "missing.csv", "--source", "csv"],
        ["reference", "load", str(FIXTURES / "canonical_tih.csv"), "--source", "nope"],
        [
            "reference",
            "load",
            str(FIXTURES / "canonical_tih.csv"),
            "--source",
            "csv",
            "--as-of",
            "31/02/2024",  # dd/mm/yyyy reads like everywhere else; this day does not exist
        ],
    ],
)
def test_user_errors(settings: Settings, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert isinstance(result.exception, UserError)
