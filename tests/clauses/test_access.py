"""The facilitator role and what each role sees of the clause register (DOMAIN.md §9)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipelines.access import Access, clause_view_for, may_see_pay, scope_for_role
from pipelines.cli import app

MANAGERS = {"DG": None, "M1": "DG", "B1": "M1", "B2": "M1", "B3": None}


@pytest.mark.parametrize(
    "role, person, contract_buyers, participants, writes",
    [
        ("facilitator", None, None, True, True),
        ("facilitator", "F1", None, True, True),
        ("admin", None, None, True, True),
        ("executive", "DG", None, False, False),
        ("analyst", None, None, False, False),
        ("manager", "M1", ("B1", "B2", "M1"), False, False),
        ("buyer", "B1", ("B1",), False, False),
        ("buyer", None, (), False, False),
        ("stranger", "B1", (), False, False),
    ],
)
def test_clause_view_by_role(role, person, contract_buyers, participants, writes):
    scope, _ = scope_for_role(role, person, MANAGERS)
    view = clause_view_for(role, scope)
    assert view.buyers == contract_buyers
    assert view.sees_participants is participants
    assert view.may_write is writes


def test_facilitator_sees_no_purchase_lines_no_objectives_and_no_pay():
    scope, owners = scope_for_role("facilitator", "F1", MANAGERS)
    assert scope.buyers == () and owners == ()
    access = Access("fac", "facilitator", "F1", scope, owners)
    assert access.clauses.sees_all_contracts
    for owner in ("B1", "M1", "DG", None):
        assert not may_see_pay(access, owner)


def test_buyer_sees_only_own_contracts():
    scope, owners = scope_for_role("buyer", "B1", MANAGERS)
    view = Access("b1", "buyer", "B1", scope, owners).clauses
    assert view.may_see_contract("B1")
    assert not view.may_see_contract("B2") and not view.may_see_contract(None)


def test_users_add_accepts_the_facilitator_role(cli_as, settings):
    from pipelines.users import get_user

    env = cli_as("admin")
    result = CliRunner().invoke(app, ["users", "add", "fac", "--role", "facilitator"], env=env)
    assert result.exit_code == 0, result.output
    user = get_user("fac", settings)
    assert user is not None and user.role == "facilitator"
