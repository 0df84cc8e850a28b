import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.warehouse import connect_read


def test_report_metrics_are_registered(warehouse: Settings) -> None:
    metrics = pytest.importorskip("pipelines.objectives.metrics")
    hours = metrics.get_metric("insertion_hours")
    deduction = metrics.get_metric("oeth_deduction_eur")
    assert hours is not None and hours.unit == "hours"
    assert deduction is not None and deduction.unit == "eur"
    con = connect_read(warehouse)
    try:
        ctx = metrics.MetricContext(
            con, dt.date(2024, 1, 1), dt.date(2024, 12, 31), Scope.everything(), False, warehouse
        )
        assert hours.compute(ctx) == Decimal("1110.00")
        # 30 % x (20 000 x 0.80 + 10 000 x 0.20) = 5 400.00
        assert deduction.compute(ctx) == Decimal("5400.00")
        acme = metrics.MetricContext(
            con,
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
            Scope(entities=("BETA",)),
            False,
            warehouse,
        )
        assert hours.compute(acme) == Decimal("360.00")  # ETTI Intérim only
    finally:
        con.close()


def test_objectives_can_target_declared_or_estimated_hours(warehouse: Settings) -> None:
    metrics = pytest.importorskip("pipelines.objectives.metrics")
    declared = metrics.get_metric("insertion_hours_declared")
    estimated = metrics.get_metric("insertion_hours_estimated")
    assert declared.unit == estimated.unit == "hours"
    con = connect_read(warehouse)
    try:
        ctx = metrics.MetricContext(
            con, dt.date(2024, 1, 1), dt.date(2024, 12, 31), Scope.everything(), False, warehouse
        )
        # no contract loaded in this warehouse: every hour is estimated (EI 27 000 x 0.75 / 27 =
        # 750 h + ETTI 10 000 x 0.90 / 25 = 360 h)
        assert declared.compute(ctx) == Decimal("0")
        assert estimated.compute(ctx) == Decimal("1110.00")
    finally:
        con.close()


def test_workspace_declarations_feed_the_declared_hours_objective(warehouse: Settings) -> None:
    """Declared hours an objective sees: the workspace's declarations in force for a contract
    that has any, the contracts file's hours_achieved otherwise; never also estimated."""
    from pipelines.clauses.declarations import (
        DeclarationInput,
        correct_declaration,
        record_declarations,
    )
    from pipelines.clauses.register import (
        ContractInput,
        add_contract,
        from_loaded_contracts,
        upsert_contract,
    )
    from pipelines.objectives.attainment import compute_live
    from pipelines.objectives.definitions import ObjectiveSpec
    from pipelines.reports.contracts import Contract, load_contracts
    from pipelines.store.db import session_scope, warehouse_and_store

    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    # A: in the contracts file (100 h achieved) and declared in the workspace;
    # B: in the contracts file only (80 h achieved);
    # C: created in the workspace only, its contractor is the ETTI whose 2024 spend was estimated.
    file_contracts = [
        Contract("ACME", "A", None, "Régie A", *year, None, None, Decimal("100"), 2),
        Contract("BETA", "B", None, "Régie B", *year, None, None, Decimal("80"), 3),
    ]
    with warehouse_and_store(warehouse) as (con, session):
        load_contracts(con, file_contracts, file="contracts.csv", actor="fac")
        for item in from_loaded_contracts(file_contracts):
            upsert_contract(session, item, actor="fac", source="contracts_load")

    def declared(contract_id: str, entity: str, start: str, end: str, hours: str) -> Any:
        return DeclarationInput(
            entity,
            contract_id,
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end),
            "P-001",
            "rqth",
            "direct_hire",
            Decimal(hours),
        )

    with session_scope(warehouse) as session:
        add_contract(
            session,
            ContractInput("C", "BETA", *year, contractor_siret="55208131766522"),
            actor="fac",
        )
        first, second, _ = record_declarations(
            session,
            [
                declared("A", "ACME", "2024-01-01", "2024-03-31", "40"),
                declared("A", "ACME", "2024-04-01", "2024-06-30", "25"),
                declared("C", "BETA", "2024-06-01", "2024-06-30", "50"),
            ],
            actor="fac",
            source="test",
        )
        second_id = second.declaration_id
    with session_scope(warehouse) as session:
        correct_declaration(session, second_id, actor="fac", reason="relevé", hours=Decimal("30"))

    # Plain computation: A's declarations in force (40, and 25 corrected to 30), B's file hours,
    # C's declaration; the ETTI's 360 h estimate goes (its hours are declared), the EI's stays.
    expected = {
        "ACME": sum([Decimal("40"), Decimal("30")]),
        "BETA": Decimal("80") + Decimal("50"),
    }
    estimated = {"ACME": Decimal("27000") * Decimal("0.75") / Decimal("27"), "BETA": Decimal(0)}

    def spec(metric: str, entity: str | None) -> ObjectiveSpec:
        return ObjectiveSpec(
            f"{metric}-{entity}",
            "b1",
            "entity" if entity else "all",
            entity,
            *year,
            metric,
            Decimal("100"),
            Decimal("1"),
            Decimal("1000"),
            None,
        )

    specs = [
        spec(m, e)
        for m in ("insertion_hours_declared", "insertion_hours_estimated", "insertion_hours")
        for e in (None, "ACME", "BETA")
    ]
    actual = {(r.metric, r.spec.scope_value if r.spec else None): r.actual
              for r in compute_live(specs, warehouse)}  # fmt: skip
    for entity in ("ACME", "BETA"):
        assert actual[("insertion_hours_declared", entity)] == expected[entity]
        assert actual[("insertion_hours_estimated", entity)] == estimated[entity]
        assert actual[("insertion_hours", entity)] == expected[entity] + estimated[entity]
    assert actual[("insertion_hours_declared", None)] == sum(expected.values()) == Decimal("200")
    assert actual[("insertion_hours_estimated", None)] == sum(estimated.values())


def test_a_buyers_hours_count_the_contracts_that_buyer_owns(warehouse: Settings) -> None:
    """A buyer's scope counts the declared hours of the workspace contracts that buyer owns (and
    drops their contractor's estimate); a contract of the contracts file names no buyer, so in a
    buyer's scope it is neither counted nor allowed to drop the estimate: never neither."""
    from pipelines.clauses.declared import DeclaredContract, DeclaredPeriod
    from pipelines.reports.contracts import Contract, load_contracts
    from pipelines.reports.hours import insertion_hours_report
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read, write_transaction

    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with write_transaction(warehouse) as con:  # B: the ETTI's contract in the file, 80 h
        load_contracts(
            con,
            [Contract("BETA", "B", "55208131766522", "ETTI", *year, None, None, Decimal("80"), 2)],
            file="contracts.csv",
            actor="fac",
        )

    def owned_by(buyer: str) -> DeclaredContract:  # C: the ETTI's contract in the workspace
        return DeclaredContract(
            "BETA",
            "C",
            buyer,
            "55208131766522",
            "ETTI",
            *year,
            None,
            None,
            (DeclaredPeriod(dt.date(2024, 6, 1), dt.date(2024, 6, 30), Decimal("50")),),
        )

    # Plain figures (tests/reports/conftest.py): b2 buys the EI (27,000 EUR, share 0.75 at
    # 27 EUR/h = 750 h) and the ETTI (10,000 EUR = 360 h); b1 buys no insertion structure.
    ei, etti = Decimal("750.00"), Decimal("360.00")
    con = connect_read(warehouse)
    try:

        def figures(buyer: str, owner: str) -> tuple[Decimal, Decimal]:
            report = insertion_hours_report(
                con, *year, scope=Scope(buyers=(buyer,)), declared=[owned_by(owner)]
            )
            return report["declared_hours"], report["estimated_hours"]

        assert figures("b2", "b2") == (Decimal("50.00"), ei)  # C counted, the ETTI not estimated
        assert figures("b2", "b1") == (Decimal("0.00"), ei + etti)  # not b2's: estimated
        assert figures("b1", "b1") == (Decimal("50.00"), Decimal("0.00"))
        whole = insertion_hours_report(con, *year, declared=[owned_by("b2")])  # B and C
        assert (whole["declared_hours"], whole["estimated_hours"]) == (Decimal("130.00"), ei)
        # without the workspace contract the file's B counts in the organisation's scope only
        whole = insertion_hours_report(con, *year)
        assert (whole["declared_hours"], whole["estimated_hours"]) == (Decimal("80.00"), ei)
        assert (
            insertion_hours_report(con, *year, scope=Scope(buyers=("b2",)))["estimated_hours"]
            == ei + etti
        )
    finally:
        con.close()
