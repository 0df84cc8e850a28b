"""Every date option reads yyyy-mm-dd and dd/mm/yyyy alike (pipelines.textinput.parse_date),
and an impossible day is told apart from a wrong format."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import typer.main
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.cli.common import parse_date_option
from pipelines.cli.help import commands
from pipelines.errors import UserError

DATE_PARAMS = {"date_from", "date_to", "as_of"}


def test_the_date_options_are_the_ones_this_test_knows() -> None:
    found = {
        (" ".join(path), p.name)
        for path, command in commands(typer.main.get_command(app))
        for p in getattr(command, "params", [])
        if p.name in DATE_PARAMS or "date" in (p.name or "")
    }
    assert found == {
        ("report kpi", "date_from"),
        ("report kpi", "date_to"),
        ("report hours", "date_from"),
        ("report hours", "date_to"),
        ("reference load", "as_of"),
        ("clauses opportunities", "as_of"),
        ("clauses progress", "as_of"),
    }


@pytest.mark.parametrize("text", ["2026-02-28", "28/02/2026", "28/2/2026", "20260228"])
def test_both_ways_of_writing_a_day(text: str) -> None:
    assert parse_date_option(text, "--from") == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("31/02/2026", "impossible"), ("2026-02-31", "impossible"), ("02-2026", "illisible")],
)
def test_an_impossible_day_is_not_a_wrong_format(text: str, fragment: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_date_option(text, "--from")
    assert fragment in refused.value.fr


@pytest.mark.parametrize("command", [["report", "kpi"], ["report", "hours"]])
def test_a_period_in_french_dates_is_the_same_period(command: list[str], settings) -> None:
    runner = CliRunner()
    iso = runner.invoke(
        app, [*command, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"]
    )
    french = runner.invoke(
        app, [*command, "--from", "01/01/2026", "--to", "31/12/2026", "--format", "json"]
    )
    assert iso.exit_code == 0 and french.exit_code == 0, (iso.output, french.output)
    assert json.loads(iso.output) == json.loads(french.output)
    assert json.loads(french.output)["from"] == "2026-01-01"
