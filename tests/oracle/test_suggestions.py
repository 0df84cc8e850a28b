"""« Fournisseurs inclusifs à solliciter », table-driven: a buyer's own ordinary spend by category
(each line once, not their entity's, not once per NAF class), the inclusive suppliers of the same
activity in their department and valid today, what each could cover of the gap to the next payout
level and what that pays — checked against figures worked out by hand and against the oracle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.oracle import oracle
from tests.oracle.build import load_org
from tests.oracle.oracle import Line, Objective, Org, Person, Rec
from tests.oracle.strategies import siren_for, siret_for
from tests.oracle.test_differential import fresh_home

AS_OF = dt.date(2026, 6, 30)
DAY = dt.date(2025, 3, 15)


def _siret(i: int) -> str:
    return siret_for(siren_for(i), 12)


def _line(i: int, buyer: str, name: str, naf: str, category: str, amount: str) -> Line:
    return Line(
        "E1",
        f"F{i}",
        1,
        DAY,
        name,
        _siret(i),
        "75011",
        buyer,
        "6061",
        category,
        Decimal(amount),
        naf,
    )


LINES = [
    _line(0, "B1", "Propreté Nord", "8121Z", "Entretien", "1000.00"),
    _line(1, "B1", "Vitres Express", "81.29A", "Entretien", "3000.00"),
    _line(2, "B1", "Sans Code Naf", "", "Entretien", "500.00"),
    _line(3, "B2", "Grand Nettoyage", "8121Z", "Entretien", "10000.00"),
    _line(4, "B1", "Bureau Plus", "4762Z", "Fournitures", "200.00"),
]


def _rec(i: int, kind: str, name: str, naf: str, pc: str, until: dt.date | None = None) -> Rec:
    return Rec(i, _siret(20 + i), "", name, kind, pc, None, until, naf)


RECORDS = [
    _rec(0, "EA", "Atelier Propre", "8121Z", "75012"),
    _rec(1, "ESAT", "ESAT Vitres", "8129B", "75012"),
    _rec(2, "EI", "Insertion Net", "81.21Z", "75020"),
    _rec(3, "EA", "Atelier Lyon", "8121Z", "69003"),  # another department
    _rec(4, "ESAT", "Ancien ESAT", "8121Z", "75012", dt.date(2025, 6, 30)),  # ended
    _rec(5, "ESS", "Cooperative Propre", "8121Z", "75012"),  # ESS is not inclusive
]
PEOPLE = [
    Person("CEO", "", "E1", "executive"),
    Person("M1", "CEO", "E1", "manager"),
    Person("B1", "M1", "E1", "buyer"),
    Person("B2", "M1", "E1", "buyer"),
]


def _objective(oid: str, metric: str, target: str, weight: str) -> Objective:
    return Objective(
        oid,
        "B1",
        "buyer",
        "",
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        metric,
        Decimal(target),
        Decimal(weight),
        Decimal("10000"),
        "",
    )


OBJECTIVES = [
    _objective("OBJ-INC", "inclusive_spend_eur", "5000", "1"),
    _objective("OBJ-HAN", "handicap_spend_eur", "1000", "0.5"),
]
ORG = Org(LINES, RECORDS, [], [], PEOPLE, OBJECTIVES)
ENTRETIEN = Decimal("4500.00")  # B1's own ordinary spend in Entretien: 1000 + 3000 + 500
# (category, supplier, kind, coverable, payout once covered)
EXPECTED = {
    # 0 of 5 000: 4 000 to the threshold (80 % pays 50 % of 10 000), less than 4 500
    "OBJ-INC": [
        ("Entretien", "Atelier Propre", "EA", Decimal("4000"), Decimal("5000.00")),
        ("Entretien", "ESAT Vitres", "ESAT", Decimal("4000"), Decimal("5000.00")),
        ("Entretien", "Insertion Net", "EI", Decimal("4000"), Decimal("5000.00")),
    ],
    # a handicap objective: 800 to its threshold; an insertion structure does not move it
    "OBJ-HAN": [
        ("Entretien", "Atelier Propre", "EA", Decimal("800"), Decimal("2500.00")),
        ("Entretien", "ESAT Vitres", "ESAT", Decimal("800"), Decimal("2500.00")),
    ],
}


def test_suggestions_cover_the_gap_from_the_buyers_own_ordinary_spend() -> None:
    from pipelines.access import Access
    from pipelines.queries.objectives import objective_views
    from pipelines.queries.suggestions import suggestions
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    with fresh_home() as folder:
        load_org(ORG, folder)
        settings = load_settings()
        buyer = Access("b1", "buyer", "B1", Scope(buyers=("B1",)), ("B1",))
        con = connect_read(load_settings())
        try:
            views = {v.spec.objective_id: v for v in objective_views(con, 2025, buyer, settings)}
            got = {
                oid: suggestions(con, view, buyer.scope, settings, buyer, as_of=AS_OF)
                for oid, view in views.items()
            }
        finally:
            con.close()
    for o in OBJECTIVES:
        result = got[o.objective_id]
        # the category's ordinary spend once, B1's own (B2's 10 000 is not theirs)
        assert result["categories"] == [{"category": "Entretien", "ordinary_spend_eur": ENTRETIEN}]
        rows = [
            (s["category"], s["name"], s["kind"], s["coverable_eur"], s["new_payout_eur"])
            for s in result["suggestions"]
        ]
        assert rows == EXPECTED[o.objective_id]
        assert rows == oracle.suggestions(ORG, o, AS_OF, buyers={"B1"})["suggestions"]


def test_a_reader_without_pay_sees_the_amounts_not_the_pay() -> None:
    from pipelines.access import Access
    from pipelines.queries.objectives import objective_views
    from pipelines.queries.suggestions import suggestions
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    with fresh_home() as folder:
        load_org(ORG, folder)
        settings = load_settings()
        analyst = Access("ana", "analyst", None, Scope(), None)
        con = connect_read(load_settings())
        try:
            view = next(
                v
                for v in objective_views(con, 2025, analyst, settings)
                if v.spec.objective_id == "OBJ-INC"
            )
            got = suggestions(con, view, Scope(buyers=("B1",)), settings, analyst, as_of=AS_OF)
        finally:
            con.close()
    assert [s["coverable_eur"] for s in got["suggestions"]] == [Decimal("4000")] * 3
    assert all(s["new_attainment"] == Decimal("0.8") for s in got["suggestions"])
    assert all(
        s[k] is None
        for s in got["suggestions"]
        for k in ("payout_eur", "new_payout_eur", "payout_gain_eur")
    )
    assert got["level"]["payout_eur"] is None
