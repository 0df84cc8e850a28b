"""People and objective files: validation names rows and columns; updates are audited."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.errors import UserError
from pipelines.objectives import (
    buyers_in_scope,
    export_objectives,
    get_objective,
    list_objectives,
    load_objectives,
    load_people,
    subtree,
)
from pipelines.settings import Settings
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope
from pipelines.warehouse import connect_read
from tests.objectives.helpers import OBJ_HEADER, PEOPLE_CSV, write

GOOD = OBJ_HEADER + (
    "O1,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,60000,0.15,10000,\n"
    "O2,dirA,manager,,2025-01-01,2025-12-31,inclusive_share,0.05,0.2,30000,step 0.9:0.5 1:1\n"
)


def test_people_and_subtree(org: Settings) -> None:
    assert subtree("dirA", org) == ["b1", "b2", "b3", "teamlead"]
    assert subtree("teamlead", org) == ["b3"]
    assert subtree("b1", org) == []
    assert subtree("ceo", org) == ["b1", "b2", "b3", "dirA", "teamlead"]
    con = connect_read(org)
    try:
        rows = con.execute("select person_id, manager_id from dim_people order by 1").fetchall()
    finally:
        con.close()
    assert ("b3", "teamlead") in rows and len(rows) == 7


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("x,X,,x,E,buyer", ["row 2, column manager_id", "cycle"]),
        ("x,X,,nobody,E,buyer", ["row 2, column manager_id", "'nobody'", "unknown manager"]),
        ("x,X,,,E,boss", ["row 2, column role", "'boss'"]),
        (",X,,,E,buyer", ["row 2, column person_id"]),
    ],
)
def test_people_errors_name_rows(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, expected: list
) -> None:
    monkeypatch.setenv("ASR_LANG", "en")
    path = write(tmp_path / "p.csv", "person_id,name,email,manager_id,entity,role\n" + row + "\n")
    with pytest.raises(UserError) as info:
        load_people(path, settings=settings)
    for text in expected:
        assert text in info.value.message("en")


def test_people_cycle_through_the_store(org: Settings, tmp_path: Path) -> None:
    # dirA is under ceo in the store; making ceo report to b3 (under dirA) closes a loop
    path = write(
        tmp_path / "p.csv",
        "person_id,name,email,manager_id,entity,role\nceo,Claire,,b3,GROUP,executive\n",
    )
    with pytest.raises(UserError, match="cycle"):
        load_people(path, settings=org)


def test_people_update_is_audited(org: Settings, tmp_path: Path) -> None:
    load_people(
        write(tmp_path / "p2.csv", PEOPLE_CSV.replace("dirA,ENT1,buyer", "dirA,ENT3,buyer")),
        settings=org,
    )
    with session_scope(org) as s:
        updates = [e for e in list_events(s, object_type="person") if e.action == "update"]
    assert [e.object_id for e in updates] == ["b1", "b2"]
    assert updates[0].before["entity"] == "ENT1" and updates[0].after["entity"] == "ENT3"


def test_load_update_and_audit(org: Settings, tmp_path: Path) -> None:
    assert load_objectives(write(tmp_path / "o.csv", GOOD), settings=org) == 2
    assert load_objectives(write(tmp_path / "o.csv", GOOD), settings=org) == 2  # unchanged
    changed = GOOD.replace("60000,0.15", "65000,0.15")
    load_objectives(write(tmp_path / "o2.csv", changed), settings=org)
    o1 = get_objective("O1", org)
    assert o1 is not None and o1.target == D("65000") and o1.scope_value == "b1"
    with session_scope(org) as s:
        events = list_events(s, object_type="objective")
    assert [(e.action, e.object_id) for e in events] == [
        ("create", "O1"),
        ("create", "O2"),
        ("update", "O1"),
    ]
    assert events[2].before["target"] == "60000" and events[2].after["target"] == "65000"
    assert buyers_in_scope(get_objective("O2", org), org).buyers == (  # type: ignore[arg-type]
        "b1",
        "b2",
        "b3",
        "dirA",
        "teamlead",
    )


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (",b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "objective_id"),
        ("O,ghost,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "owner"),
        ("O,b1,team,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "scope_type"),
        ("O,b1,entity,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "scope_value"),
        ("O,b1,manager,ghost,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "scope_value"),
        ("O,b1,buyer,,2025-13-01,2025-12-31,inclusive_spend_eur,1,0.1,1,", "period_start"),
        ("O,b1,buyer,,2025-06-01,2025-01-31,inclusive_spend_eur,1,0.1,1,", "period_end"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,happiness,1,0.1,1,", "metric"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,abc,0.1,1,", "target"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,0,0.1,1,", "target"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,1.5,1,", "weight"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_share,3,0.5,1,", "target"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1.234,", "variable_pay_eur"),
        ("O,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,1.0:1 0.8:0.5", "curve"),
    ],
)
def test_objective_errors_name_row_and_column(
    org: Settings, tmp_path: Path, row: str, column: str
) -> None:
    path = write(tmp_path / "o.csv", GOOD + row + "\n")
    with pytest.raises(UserError) as info:
        load_objectives(path, settings=org)
    assert f"row 4, column {column}" in info.value.message("en")
    assert f"ligne 4, colonne {column}" in info.value.message("fr")
    assert list_objectives(org) == []  # nothing loaded


def test_duplicate_ids_and_missing_columns(org: Settings, tmp_path: Path) -> None:
    dup = GOOD + "O1,b2,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,1,0.1,1,\n"
    with pytest.raises(UserError, match="ligne 4, colonne objective_id"):
        load_objectives(write(tmp_path / "o.csv", dup), settings=org)
    with pytest.raises(UserError, match="weight"):
        load_objectives(write(tmp_path / "x.csv", "objective_id,owner\nO1,b1\n"), settings=org)


def test_xlsx_and_export_round_trip(org: Settings, tmp_path: Path) -> None:
    load_objectives(write(tmp_path / "o.csv", GOOD), settings=org)
    text = export_objectives(tmp_path / "out.csv", settings=org)
    assert text.splitlines()[0] == OBJ_HEADER.strip()
    assert "O2,dirA,manager,dirA,2025-01-01,2025-12-31,inclusive_share,0.05,0.2,30000.00" in text
    export_objectives(tmp_path / "out.xlsx", settings=org)
    before = list_objectives(org)
    assert load_objectives(tmp_path / "out.xlsx", settings=org) == 2
    assert list_objectives(org) == before


def test_cli_commands(settings: Settings, tmp_path: Path, cli_as) -> None:
    runner = CliRunner()
    admin = cli_as("admin")
    people = write(tmp_path / "people.csv", PEOPLE_CSV)
    assert runner.invoke(app, ["org", "load", str(people)], env=admin).exit_code == 0
    objectives = write(tmp_path / "o.csv", GOOD)
    result = runner.invoke(app, ["objectives", "load", str(objectives)], env=admin)
    assert result.exit_code == 0 and "2 objectif" in result.output
    exported = runner.invoke(app, ["objectives", "export"])  # reading needs no credentials
    assert exported.output.splitlines()[1].startswith("O1,b1,buyer,b1")
    out = tmp_path / "export.csv"
    assert runner.invoke(app, ["objectives", "export", "--out", str(out)]).exit_code == 0
    assert out.read_text().startswith("objective_id,")
    # An analyst's token is not enough to close (admins only)
    refused_close = runner.invoke(
        app, ["period", "close", "2025", "--reason", "paid"], env=cli_as("analyst")
    )
    assert refused_close.exit_code != 0 and "admin" in str(refused_close.exception)
    closed = runner.invoke(app, ["period", "close", "2025", "--reason", "paid"], env=admin)
    assert closed.exit_code == 0, closed.output
    listed = json.loads(runner.invoke(app, ["period", "list", "--format", "json"]).output)
    assert listed[0]["period"] == "2025" and listed[0]["status"] == "closed"
    again = runner.invoke(app, ["period", "close", "2025"], env=admin)
    assert again.exit_code != 0
    # No credentials at all (ASR_USER=test-user is only a claim): refused
    refused = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"])
    assert refused.exit_code != 0 and "ASR_TOKEN" in str(refused.exception)
    ok = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"], env=admin)
    assert ok.exit_code == 0, ok.output
    audit = json.loads(
        runner.invoke(app, ["audit", "list", "--type", "period", "--format", "json"]).output
    )
    assert [(e["action"], e["actor"]) for e in audit] == [
        ("close", "admin"),
        ("reopen", "admin"),
    ]
    assert audit[0]["reason"] == "paid" and audit[1]["reason"] == "x"


def test_bad_period(org: Settings) -> None:
    from pipelines.objectives import compute_attainment

    with pytest.raises(UserError, match="AAAA"):
        compute_attainment("25", settings=org)
