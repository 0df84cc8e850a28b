import datetime as dt
from decimal import Decimal

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
