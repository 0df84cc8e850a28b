"""Pay is personal data (DOMAIN.md §9): individual pay reaches only its owner, the owner's
managers, executives and admins. Checked at the query layer the dashboard pages call, per role,
and on the analyst's pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.access import Access, access_for, may_see_pay, scope_for_role, without_pay
from pipelines.queries.objectives import objective_views
from pipelines.queries.operations import confirmation_effect
from pipelines.warehouse import connect_read

# username: (role, person); "manager2" manages ACH003 only, in another branch than OBJ-B1/B2.
READERS = {
    "executive": ("executive", "DG01"),
    "manager_of_owner": ("manager", "DIR01"),
    "other_manager": ("manager", "DIR02"),
    "buyer_owner": ("buyer", "ACH001"),
    "other_buyer": ("buyer", "ACH003"),
    "analyst": ("analyst", "ANA01"),
    "facilitator": ("facilitator", None),
    "admin": ("admin", "ADM01"),
}
# Objectives (owner in the tiny org) whose pay each reader sees, written from §9 by hand:
# OBJ-G DG01, OBJ-M1 DIR01, OBJ-B1 ACH001, OBJ-B2 ACH002 (both under DIR01), OBJ-B3 ACH003.
PAY_SEEN = {
    "executive": {"OBJ-G", "OBJ-M1", "OBJ-B1", "OBJ-B2", "OBJ-B3"},
    "manager_of_owner": {"OBJ-M1", "OBJ-B1", "OBJ-B2"},
    "other_manager": {"OBJ-B3"},
    "buyer_owner": {"OBJ-B1"},
    "other_buyer": {"OBJ-B3"},
    "analyst": set(),
    "facilitator": set(),
    "admin": {"OBJ-G", "OBJ-M1", "OBJ-B1", "OBJ-B2", "OBJ-B3"},
}
# Objectives each reader sees at all (attainment): the analyst sees them all, without pay.
SEEN = {**PAY_SEEN, "analyst": set(PAY_SEEN["admin"])}


@pytest.fixture(scope="module")
def con(tiny_shared):
    con = connect_read(tiny_shared)
    yield con
    con.close()


def reader(settings, name: str) -> Access:
    role, person = READERS[name]
    return access_for(name, role, person, settings)


def pay_values(view) -> list:
    """Every pay figure a view carries, wherever it sits."""
    r = view.result
    values = [r.payout_eur, r.payout_rate, r.variable_pay_eur, view.probable_payout_eur]
    values += [view.spec.variable_pay_eur]
    if r.spec is not None:
        values.append(r.spec.variable_pay_eur)
    values += [lvl["payout_eur"] for lvl in view.levels]
    values += [lvl.get("payout_rate") for lvl in view.levels]
    return values


@pytest.mark.parametrize("name", sorted(READERS))
def test_which_objective_rows_carry_pay(con, tiny_shared, name):
    views = objective_views(con, 2025, reader(tiny_shared, name), tiny_shared)
    assert {v.spec.objective_id for v in views} == SEEN[name]
    with_pay = {v.spec.objective_id for v in views if v.pay_visible}
    assert with_pay == PAY_SEEN[name]
    for v in views:
        values = pay_values(v)
        if v.pay_visible:
            assert all(isinstance(x, Decimal) for x in values[:6]), values
        else:
            assert all(x is None for x in values), (v.spec.objective_id, values)
            # attainment stays
            assert isinstance(v.result.attainment, Decimal)
            assert isinstance(v.result.actual, Decimal)


@pytest.mark.parametrize("name", sorted(READERS))
def test_the_effect_of_a_review_decision_carries_pay_only_for_who_may_see_it(
    con, tiny_shared, name
):
    a = reader(tiny_shared, name)
    views = objective_views(con, 2025, a, tiny_shared, as_of=dt.date(2025, 7, 31))
    effect = confirmation_effect(con, "33333333333333", views, tiny_shared, a)
    for e in effect:
        assert e["objective_id"] in SEEN[name]
        if e["objective_id"] in PAY_SEEN[name]:
            assert isinstance(e["new_payout_eur"], Decimal)
        else:
            assert e["payout_eur"] is None and e["new_payout_eur"] is None
            assert e["new_attainment"] > e["attainment"]
    if name in ("analyst", "admin", "executive"):
        assert {e["objective_id"] for e in effect} == {"OBJ-G", "OBJ-M1", "OBJ-B1"}


def test_the_attainment_an_analyst_sees_is_the_admins(con, tiny_shared):
    by_admin = {
        v.spec.objective_id: v
        for v in objective_views(con, 2025, reader(tiny_shared, "admin"), tiny_shared)
    }
    for v in objective_views(con, 2025, reader(tiny_shared, "analyst"), tiny_shared):
        full = by_admin[v.spec.objective_id]
        assert (v.result.actual, v.result.attainment, v.projected_attainment) == (
            full.result.actual,
            full.result.attainment,
            full.projected_attainment,
        )
    admin_effect = {
        e["objective_id"]: e["new_attainment"]
        for e in confirmation_effect(
            con,
            "33333333333333",
            list(by_admin.values()),
            tiny_shared,
            reader(tiny_shared, "admin"),
        )
    }
    analyst = reader(tiny_shared, "analyst")
    analyst_effect = {
        e["objective_id"]: e["new_attainment"]
        for e in confirmation_effect(
            con,
            "33333333333333",
            objective_views(con, 2025, analyst, tiny_shared),
            tiny_shared,
            analyst,
        )
    }
    assert analyst_effect == admin_effect


@pytest.mark.parametrize(
    "role, person, owner, expected",
    [
        ("executive", "DG", "B1", True),
        ("admin", None, "B1", True),
        ("manager", "M1", "B1", True),  # B1 reports to M1
        ("manager", "M1", "M1", True),  # their own
        ("manager", "M2", "B1", False),  # another branch
        ("manager", "M1", "DG", False),  # their own manager's
        ("buyer", "B1", "B1", True),
        ("buyer", "B2", "B1", False),
        ("analyst", "A", "B1", False),
        ("analyst", "A", "A", False),
        ("facilitator", "F", "B1", False),
        ("unknown", "B1", "B1", False),
    ],
)
def test_may_see_pay(role, person, owner, expected):
    managers = {"DG": None, "M1": "DG", "M2": "DG", "B1": "M1", "B2": "M1", "A": "DG"}
    scope, owners = scope_for_role(role, person, managers)
    a = Access("u", role, person, scope, owners)
    assert may_see_pay(a, owner) is expected


def test_without_pay_reaches_nested_rows_and_keeps_the_rest():
    row = {
        "objective_id": "X",
        "attainment": Decimal("0.5"),
        "payout_eur": Decimal("300"),
        "levels": [{"level": "target", "payout_eur": Decimal("1"), "gap": Decimal("2")}],
        "restatement": {"closed_payout_eur": Decimal("3"), "current_actual": Decimal("4")},
    }
    assert without_pay(row) == {
        "objective_id": "X",
        "attainment": Decimal("0.5"),
        "payout_eur": None,
        "levels": [{"level": "target", "payout_eur": None, "gap": Decimal("2")}],
        "restatement": {"closed_payout_eur": None, "current_actual": Decimal("4")},
    }
    assert row["payout_eur"] == Decimal("300")  # the input is not changed


def _money_figures(text: str) -> set[str]:
    import re

    return set(re.findall(r"\d[\d\s\u00a0\u202f]*(?:,\d+)?\s?€", text))


def test_the_analysts_overview_and_suppliers_pages_show_no_payout(tiny_org):
    from test_dashboard_pages import signed_in, table, texts

    from dashboard.i18n import t

    at = signed_in("analyste", period="2025")
    assert not at.exception, at.exception
    page = texts(at)
    labels = {m.label for m in at.metric}
    assert t("overview.payout") not in labels and t("overview.payout_range") not in labels
    assert t("overview.objectives", year=2025) in page  # the objectives are there, attainment
    assert all(t("objectives.payout") not in d.value.columns for d in at.dataframe)
    assert t("overview.no_pay") in page

    at.switch_page("pages/suppliers.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="review_supplier").set_value("33333333333333").run()
    effect = table(at, t("suppliers.counted"))  # the effect table is shown, with attainment
    assert t("objectives.attainment") in effect.columns
    assert t("objectives.payout") not in effect.columns
    # No figure of any objective's payout (as the admin sees them) appears anywhere.
    admin = signed_in("admin", period="2025")
    admin.switch_page("pages/suppliers.py").run()
    admin.selectbox(key="review_supplier").set_value("33333333333333").run()
    admin_effect = table(admin, t("suppliers.counted"))
    assert t("objectives.payout") in admin_effect.columns  # the test can fail: admins see it
    payouts = _money_figures(" ".join(admin_effect[t("objectives.payout")]))
    assert payouts and not payouts & _money_figures(texts(at))


def test_a_closed_periods_frozen_and_restated_pay_is_stripped_too(tiny_org):
    from pipelines.objectives import close_period

    close_period("2025", reason="test", settings=tiny_org, actor="admin")
    con = connect_read(tiny_org)
    try:
        analyst = objective_views(con, 2025, reader(tiny_org, "analyst"), tiny_org)
        admin = objective_views(con, 2025, reader(tiny_org, "admin"), tiny_org)
    finally:
        con.close()
    assert {v.result.status for v in analyst} == {"closed"}
    for v in analyst:
        assert all(x is None for x in pay_values(v))
        r = v.result.restatement
        assert r is not None and r.current_actual is not None
        assert (r.closed_payout_eur, r.current_payout_eur, r.payout_difference_eur) == (
            None,
            None,
            None,
        )
    assert all(isinstance(v.result.restatement.closed_payout_eur, Decimal) for v in admin)


@pytest.mark.parametrize("page_id", ["my_objectives", "objectives_admin"])
def test_pages_built_on_pay_are_closed_to_roles_without_pay(page_id):
    """Mes objectifs and the objectives admin show pay throughout: no role outside PAY_ROLES
    may open them (the overview and Fournisseurs strip pay instead, tested above)."""
    from dashboard import nav
    from pipelines.access import PAY_ROLES

    for role in nav.ALL_ROLES | {"facilitator"}:
        if role not in PAY_ROLES:
            assert not nav.may_open(role, page_id), role
