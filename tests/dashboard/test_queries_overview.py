"""Overview queries: the monthly marts give the same figures as pipelines.kpi, within scope."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.access import access_for
from pipelines.kpi import kpi_rows
from pipelines.queries import overview
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.warehouse import connect_read


@pytest.fixture(scope="module")
def con(tiny_shared):
    con = connect_read(tiny_shared)
    yield con
    con.close()


@pytest.fixture(scope="module")
def tiny_org(tiny_shared):
    return tiny_shared


SCOPES = [
    Scope(),
    Scope(buyers=("ACH001",)),
    Scope(buyers=("ACH001", "ACH002", "DIR01")),
    Scope(entities=("BETA",)),
    Scope(buyers=()),
]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("by", [None, "entity", "buyer", "manager", "family", "kind", "month"])
@pytest.mark.parametrize("period", ["2025", "2025-Q1", "2024", "2024-01..2025-12"])
@pytest.mark.parametrize("include_probable", [False, True])
def test_marts_agree_with_kpi(con, tiny_org, scope, by, period, include_probable):
    p = Period.parse(period)
    expected = kpi_rows(
        con,
        p.start,
        p.end,
        by=by,
        scope=scope,
        settings=tiny_org,
        include_probable=include_probable,
    )
    got = overview.spend_by(con, p, scope, tiny_org, by=by, include_probable=include_probable)
    for row in got:
        row.pop("count_lines")
    assert got == expected


def test_tiny_totals(con, tiny_org):
    t = overview.totals(con, Period.year(2025), Scope(), tiny_org)
    assert t["inclusive_spend_eur"] == Decimal("7300.50")
    assert t["probable_spend_eur"] == Decimal("800.00")
    assert t["ess_spend_eur"] == Decimal("300.00")
    assert t["addressable_spend_eur"] == Decimal("25400.50")  # intra-group excluded
    assert t["inclusive_suppliers"] == 2


@pytest.mark.parametrize(
    "username, role, person, inclusive, suppliers",
    [
        (
            "direction",
            "executive",
            "DG01",
            Decimal("7300.50"),
            {"INSERTION PLUS", "ATELIER ADAPTE"},
        ),
        ("analyste", "analyst", "ANA01", Decimal("7300.50"), {"INSERTION PLUS", "ATELIER ADAPTE"}),
        ("admin", "admin", "ADM01", Decimal("7300.50"), {"INSERTION PLUS", "ATELIER ADAPTE"}),
        ("manager", "manager", "DIR01", Decimal("3500.50"), {"INSERTION PLUS", "ATELIER ADAPTE"}),
        ("acheteur", "buyer", "ACH001", Decimal("1500.50"), {"ATELIER ADAPTE"}),
        ("acheteur3", "buyer", "ACH003", Decimal("3800.00"), {"INSERTION PLUS"}),  # EA: -200
    ],
)
def test_each_role_sees_only_its_scope(con, tiny_org, username, role, person, inclusive, suppliers):
    access = access_for(username, role, person, tiny_org)
    period = Period.year(2025)
    assert overview.totals(con, period, access.scope, tiny_org)["inclusive_spend_eur"] == inclusive
    names = {
        r["supplier_name"] for r in overview.top_suppliers(con, period, access.scope, tiny_org)
    }
    assert names == suppliers
    buyers = {
        r["buyer"] for r in overview.spend_by(con, period, access.scope, tiny_org, by="buyer")
    }
    if access.scope.buyers is not None:
        assert buyers <= set(access.scope.buyers)


def test_monthly_has_every_month_and_a_cumulative(con, tiny_org):
    rows = overview.monthly(con, Period.year(2025), Scope(), tiny_org)
    assert [r["month"] for r in rows] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert rows[-1]["cumulative_inclusive_eur"] == Decimal("7300.50")
    assert rows[0]["cumulative_inclusive_eur"] == Decimal("5500.50")


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize(
    "dims",
    [
        ("entity", "none"),
        ("buyer", "kind"),
        ("manager", "status"),
        ("family", "month"),
        ("year", "entity"),
    ],
)
@pytest.mark.parametrize("statuses", [None, ("certain", "probable")])
def test_explorer_mart_route_equals_the_line_route(
    con, tiny_org, scope, dims, statuses, monkeypatch
):
    from pipelines.queries import explorer

    period = Period.parse("2024-01..2025-12")
    filters = explorer.Filters(statuses=statuses)
    fast, _ = explorer.grouped(con, period, scope, filters, tiny_org, dim1=dims[0], dim2=dims[1])
    assert fast["count_suppliers"].isna().all()  # the mart route answered
    monkeypatch.setattr(explorer, "MART_DIMENSIONS", ())
    slow, _ = explorer.grouped(con, period, scope, filters, tiny_org, dim1=dims[0], dim2=dims[1])
    assert not slow["count_suppliers"].isna().any() or slow.empty
    cols = ["key1", "key2", "spend_eur", "inclusive_spend_eur", "probable_spend_eur", "count_lines"]
    assert fast[cols].to_dict("records") == slow[cols].to_dict("records")
