"""Objectives as the dashboard reads them: figures of pipelines.objectives, visible ones only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.access import access_for
from pipelines.objectives import compute_attainment
from pipelines.queries.objectives import objective_views, objective_years
from pipelines.queries.operations import confirmation_effect
from pipelines.queries.suggestions import suggestions
from pipelines.warehouse import connect_read

ROLES = {
    "direction": ("executive", "DG01"),
    "analyste": ("analyst", "ANA01"),
    "admin": ("admin", "ADM01"),
    "manager": ("manager", "DIR01"),
    "acheteur": ("buyer", "ACH001"),
    "acheteur3": ("buyer", "ACH003"),
}
VISIBLE = {
    "direction": {"OBJ-G", "OBJ-M1", "OBJ-B1", "OBJ-B2", "OBJ-B3"},
    "analyste": {"OBJ-G", "OBJ-M1", "OBJ-B1", "OBJ-B2", "OBJ-B3"},
    "admin": {"OBJ-G", "OBJ-M1", "OBJ-B1", "OBJ-B2", "OBJ-B3"},
    "manager": {"OBJ-M1", "OBJ-B1", "OBJ-B2"},
    "acheteur": {"OBJ-B1"},
    "acheteur3": {"OBJ-B3"},
}


@pytest.fixture(scope="module")
def con(tiny_shared):
    con = connect_read(tiny_shared)
    yield con
    con.close()


def access(settings, username):
    role, person = ROLES[username]
    return access_for(username, role, person, settings)


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_role_sees_only_its_objectives_and_pay(con, tiny_shared, username):
    a = access(tiny_shared, username)
    views = objective_views(con, 2025, a, tiny_shared)
    assert {v.spec.objective_id for v in views} == VISIBLE[username]
    assert objective_years(a, tiny_shared) == [2025]


@pytest.mark.parametrize("owner", ["ACH002", "ACH003", "DG01"])
def test_a_buyer_asking_for_another_owner_gets_nothing(con, tiny_shared, owner):
    assert (
        objective_views(con, 2025, access(tiny_shared, "acheteur"), tiny_shared, owner=owner) == []
    )


def test_figures_are_those_of_pipelines_objectives(con, tiny_shared):
    expected = {r.objective_id: r for r in compute_attainment("2025", settings=tiny_shared)}
    views = objective_views(con, 2025, access(tiny_shared, "admin"), tiny_shared)
    assert len(views) == len(expected) == 5
    for v in views:
        e = expected[v.spec.objective_id]
        assert (
            v.result.actual,
            v.result.attainment,
            v.result.payout_eur,
            v.result.probable_actual,
        ) == (e.actual, e.attainment, e.payout_eur, e.probable_actual)


def test_pace_projection_and_risk(con, tiny_shared):
    views = {
        v.spec.objective_id: v
        for v in objective_views(
            con, 2025, access(tiny_shared, "admin"), tiny_shared, as_of=dt.date(2025, 7, 2)
        )
    }
    b1 = views["OBJ-B1"]  # 1 500,50 of 3 000 after half a year: on pace for 100 %
    assert b1.elapsed == pytest.approx(183 / 365)
    assert b1.projected_attainment == pytest.approx(Decimal("0.9976"), abs=Decimal("0.001"))
    assert not b1.at_risk
    assert views["OBJ-B3"].projected_attainment == views["OBJ-B3"].result.attainment  # a share
    gap = {lvl["level"]: lvl for lvl in b1.levels}
    assert gap["target"]["gap"] == Decimal("1499.5")


def test_suggestions_match_department_and_naf(con, tiny_shared):
    a = access(tiny_shared, "acheteur")
    (view,) = objective_views(con, 2025, a, tiny_shared)
    got = suggestions(con, view, a.scope, tiny_shared, a, as_of=dt.date(2025, 12, 31))
    ideas = got["suggestions"]
    assert [i["name"] for i in ideas] == ["ESAT BUREAUTIQUE"]  # dept 92, NAF 4665; not Marseille
    # 1 500,50 of 3 000: 899,50 to the threshold (80 %), less than the category's 10 000
    assert got["level"]["level"] == "threshold"
    assert ideas[0]["coverable_eur"] == Decimal("899.50")
    assert ideas[0]["new_attainment"] == Decimal("0.8")
    assert ideas[0]["payout_gain_eur"] > 0


def test_confirming_the_probable_esat_moves_the_buyer_objective(con, tiny_shared):
    a = access(tiny_shared, "manager")
    views = objective_views(con, 2025, a, tiny_shared)
    effect = {
        e["objective_id"]: e
        for e in confirmation_effect(con, "33333333333333", views, tiny_shared, a)
    }
    assert set(effect) == {"OBJ-M1", "OBJ-B1"}
    assert effect["OBJ-B1"]["spend_eur"] == Decimal("800.00")
    assert effect["OBJ-B1"]["new_payout_eur"] == Decimal("0.00")  # 2 300,50 / 3 000 < 80 %
    assert effect["OBJ-M1"]["new_payout_eur"] > effect["OBJ-M1"]["payout_eur"]


@pytest.mark.parametrize("username", sorted(ROLES))
@pytest.mark.parametrize("owner", [None, "ACH001"])
def test_views_from_the_years_shared_results_are_the_same(con, tiny_shared, username, owner):
    """The dashboard evaluates a year's objectives once (period_results) for every reader: each
    reader's views from them equal the views evaluated for that reader alone."""
    from pipelines.queries.objectives import period_results

    a = access(tiny_shared, username)
    shared = period_results(con, 2025, tiny_shared)
    alone = objective_views(con, 2025, a, tiny_shared, owner=owner)
    assert objective_views(con, 2025, a, tiny_shared, owner=owner, results=shared) == alone
