"""pipelines.access: the scope of each role (DOMAIN.md §9)."""

from __future__ import annotations

import pytest

from pipelines.access import access_for, intersect, scope_for_role, subtree_of
from pipelines.scope import Scope

MANAGERS = {"DG": None, "M1": "DG", "M2": "DG", "B1": "M1", "B2": "M1", "B3": "M2", "SUB": "B2"}


@pytest.mark.parametrize(
    "person, expected",
    [
        ("DG", ("B1", "B2", "B3", "DG", "M1", "M2", "SUB")),
        ("M1", ("B1", "B2", "M1", "SUB")),
        ("B3", ("B3",)),
        ("UNKNOWN", ("UNKNOWN",)),
    ],
)
def test_subtree(person, expected):
    assert subtree_of(person, MANAGERS) == expected


def test_subtree_survives_a_cycle():
    assert subtree_of("A", {"A": "B", "B": "A"}) == ("A", "B")


@pytest.mark.parametrize(
    "role, person, buyers, owners",
    [
        ("executive", "DG", None, None),
        ("analyst", None, None, None),
        ("admin", None, None, None),
        ("manager", "M1", ("B1", "B2", "M1", "SUB"), ("B1", "B2", "M1", "SUB")),
        ("buyer", "B1", ("B1",), ("B1",)),
        ("buyer", None, (), ()),
        ("manager", None, (), ()),
        ("stranger", "B1", (), ()),
    ],
)
def test_scope_for_role(role, person, buyers, owners):
    scope, visible = scope_for_role(role, person, MANAGERS)
    assert scope.buyers == buyers
    assert visible == owners


def test_access_for_reads_the_org_chart_from_the_store(tiny_org):
    access = access_for("manager", "manager", "DIR01", tiny_org)
    assert access.scope.buyers == ("ACH001", "ACH002", "DIR01")
    assert access.may_see_owner("ACH002") and not access.may_see_owner("ACH003")
    assert access_for("direction", "executive", "DG01", tiny_org).sees_everything


@pytest.mark.parametrize(
    "scope, buyers, entities, expected",
    [
        (Scope(), None, None, Scope()),
        (Scope(), ["B1"], None, Scope(buyers=("B1",))),
        (Scope(buyers=("B1",)), ["B2"], None, Scope(buyers=())),
        (Scope(buyers=("B1", "B2")), ["B2", "B9"], ["E"], Scope(buyers=("B2",), entities=("E",))),
    ],
)
def test_intersect_never_widens(scope, buyers, entities, expected):
    assert intersect(scope, buyers=buyers, entities=entities) == expected
