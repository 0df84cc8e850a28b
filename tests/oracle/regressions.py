"""Organisations on which the product once disagreed with the oracle (kept as regression cases).

Each entry: (name, what was wrong, the organisation).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.oracle.oracle import Line, Objective, Org, Override, Person, Rec

PEOPLE = [
    Person("CEO", "", "E1", "executive"),
    Person("M1", "CEO", "E1", "manager"),
    Person("M2", "CEO", "E1", "manager"),
    Person("M3", "M1", "E1", "manager"),
    Person("B1", "M1", "E1", "buyer"),
    Person("B2", "M3", "E2", "buyer"),
    Person("B3", "M2", "E2", "buyer"),
    Person("B4", "M2", "E1", "buyer"),
]
SIRET_A = "81234567600124"  # passes the Luhn check


def line(
    invoice: str,
    day: str,
    amount: str,
    *,
    buyer: str = "B1",
    siret: str = SIRET_A,
    name: str = "Atelier du Lac",
    entity: str = "E1",
    account: str = "6061",
    category: str = "Entretien",
) -> Line:
    return Line(
        entity,
        invoice,
        1,
        dt.date.fromisoformat(day),
        name,
        siret,
        "75011",
        buyer,
        account,
        category,
        Decimal(amount),
    )


def rec(ref: int, kind: str, *, siret: str = SIRET_A, start: str = "", end: str = "") -> Rec:
    return Rec(
        ref,
        siret,
        "",
        "Atelier du Lac",
        kind,
        "75011",
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
    )


def objective(oid: str, metric: str, target: str, **kw: object) -> Objective:
    base: dict[str, object] = dict(
        objective_id=oid,
        owner="CEO",
        scope_type="all",
        scope_value="",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        metric=metric,
        target=Decimal(target),
        weight=Decimal("0.5"),
        pay=Decimal("10000"),
        curve="",
    )
    base.update(kw)
    return Objective(**base)  # type: ignore[arg-type]


REGRESSIONS: list[tuple[str, str, Org]] = [
    (
        "kpi-null-group",
        "report kpi --by buyer/manager: the group of lines without a buyer (or whose buyer has "
        "no manager) lost its by_kind and inclusive_suppliers (join on a null dim)",
        Org(
            lines=[line("F1", "2025-07-04", "100.00", buyer="B9")],
            records=[rec(0, "EA")],
            people=PEOPLE,
        ),
    ),
    (
        "whatif-above-cap",
        "objectives whatif: above the cap, the threshold and target rows showed the current "
        "payout instead of what each level pays",
        Org(
            lines=[line("F1", "2025-03-01", "5000.00")],
            records=[rec(0, "EA")],
            people=PEOPLE,
            objectives=[objective("OBJ0", "inclusive_spend_eur", "1000")],
        ),
    ),
]


REGRESSIONS += [
    (
        "review-queue-addressable",
        "review list: ranked by the supplier's whole spend, excluded spend included (a landlord "
        "led the queue); a probable supplier showed its unmatched spend in the amount to review",
        Org(
            lines=[
                line(
                    "F1",
                    "2025-02-01",
                    "9000.00",
                    name="Foncière Rivoli",
                    siret="",
                    category="Loyers",
                ),
                line("F2", "2025-02-01", "300.00", name="Imprimerie Tremplin", siret=""),
                line("F3", "2025-05-01", "200.00"),
                line("F4", "2025-09-01", "700.00"),
            ],
            records=[rec(0, "EA", siret="81234567600132", start="2025-01-01", end="2025-06-30")],
            people=PEOPLE,
            exclusions=[("category", "Loyers")],
        ),
    ),
]

REGRESSIONS += [
    (
        "effect-validity-window",
        "Fournisseurs, effect of a confirmation: counted the supplier's whole spend, also after "
        "its record's validity window ended (and spend already certain)",
        Org(
            lines=[line("F1", "2025-03-01", "200.00"), line("F2", "2025-09-01", "700.00")],
            records=[rec(0, "EA", siret="81234567600132", start="2025-01-01", end="2025-06-30")],
            people=PEOPLE,
            objectives=[objective("OBJ0", "inclusive_spend_eur", "1000")],
        ),
    ),
]

REGRESSIONS += [
    (
        "exclusion-category-case",
        "exclusions: a category written in another case or without its accents "
        "(« ÉNERGIE », « energie ») silently matched nothing",
        Org(
            lines=[
                line("F1", "2025-02-01", "900.00", category="Énergie"),
                line("F2", "2025-02-01", "100.00", category="Entretien"),
            ],
            records=[rec(0, "EA")],
            people=PEOPLE,
            exclusions=[("category", "ENERGIE")],
        ),
    ),
]

SIRET_BAD = SIRET_A[:13] + "5"  # fails the Luhn check

REGRESSIONS += [
    (
        "siret-failing-check-digit",
        "classify: an exact match on a SIRET failing its check digit was certain although the "
        "names differ (DOMAIN.md §3: probable unless the names match too)",
        Org(
            lines=[
                line("F1", "2025-02-01", "900.00", siret=SIRET_BAD),
                line(
                    "F2",
                    "2025-02-01",
                    "100.00",
                    siret=SIRET_BAD[:13] + "6",
                    name="Imprimerie Tremplin",
                ),
            ],
            records=[
                Rec(0, SIRET_BAD, "", "Maison Zephyr", "EA", "75011", None, None),
                Rec(
                    1, SIRET_BAD[:13] + "6", "", "IMPRIMERIE TREMPLIN", "ESAT", "75011", None, None
                ),
            ],
            people=PEOPLE,
        ),
    ),
]

REGRESSIONS += [
    (
        "closed-then-changed",
        "a closed year keeps its payout; an exclusion and a rejection after the closing show as a "
        "restatement (guard: no discrepancy found)",
        Org(
            lines=[
                line("F1", "2025-02-01", "900.00"),
                line("F2", "2025-03-01", "100.00", category="Loyers"),
                line("F3", "2026-02-01", "500.00"),
            ],
            records=[rec(0, "EA")],
            people=PEOPLE,
            objectives=[
                objective("OBJ0", "inclusive_spend_eur", "1000"),
                objective("OBJ1", "inclusive_share", "0.5"),
            ],
            close_2025=True,
            later_overrides=[Override(SIRET_A, "reject")],
            later_exclusions=[("category", "loyers")],
        ),
    ),
]

REGRESSIONS += [
    (
        "counted-invoices-addressable",
        "Mes objectifs, the invoices that count: listed the excluded lines of inclusive suppliers "
        "too (an excluded rent paid to an EA counts towards no objective)",
        Org(
            lines=[
                line("F1", "2025-02-01", "900.00"),
                line("F2", "2025-03-01", "100.00", category="Loyers"),
            ],
            records=[rec(0, "EA")],
            people=PEOPLE,
            exclusions=[("category", "Loyers")],
        ),
    ),
]

SIRET_OTHER = "81234567600132"  # another establishment of SIRET_A's legal unit

REGRESSIONS += [
    (
        "confirm-refused-keeps-reject",
        "oracle model (found by the long run): a confirmation refused for want of a probable "
        "candidate leaves the earlier rejection standing",
        Org(
            lines=[line("F1", "2025-02-01", "-0.19"), line("F2", "2026-02-01", "50.00")],
            people=PEOPLE,
            overrides=[Override(SIRET_A, "reject")],
            close_2025=True,
            later_overrides=[Override(SIRET_A, "confirm")],
        ),
    ),
    (
        "confirm-picks-one-record",
        "« Confirmer » confirms the best probable record only (within its window); its effect "
        "counted every probable line, also those matched by another record",
        Org(
            lines=[
                line("F1", "2025-03-01", "200.00"),
                line("F2", "2025-09-01", "700.00"),
                line("F3", "2026-02-01", "300.00"),
            ],
            records=[
                rec(0, "EA", siret=SIRET_OTHER, start="2025-01-01", end="2025-06-30"),
                rec(1, "EI", siret=SIRET_OTHER, start="2025-07-01"),
            ],
            people=PEOPLE,
            objectives=[
                objective("OBJ0", "inclusive_spend_eur", "1000"),
                objective("OBJ1", "insertion_spend_eur", "500"),
            ],
        ),
    ),
]

REGRESSIONS += [
    (
        "confirm-skips-certain-record",
        "found by the long run: « Confirmer » confirmed a record already certain by its SIRET "
        "(it also matched by name) instead of the name-only record carrying the probable spend",
        Org(
            lines=[line("F1", "2025-01-05", "-56.79"), line("F2", "2026-06-01", "80.00")],
            records=[
                rec(0, "ACI", start="2026-03-11"),
                Rec(1, "", "", "Atelier du Lac SARL", "ETTI", "75011", None, dt.date(2025, 2, 4)),
            ],
            people=PEOPLE,
            overrides=[Override(SIRET_A, "confirm")],
            objectives=[objective("OBJ0", "insertion_spend_eur", "223")],
        ),
    ),
]

REGRESSIONS += [
    (
        "annual-mean-attainment-half-up",
        "the annual report's mean attainment was rounded half-even (0.12345 -> 0.1234) where "
        "every other rounding of the product is half-up (0.1235)",
        Org(
            lines=[line("F1", "2025-03-05", "1234.50")],
            records=[rec(0, "EA")],
            people=PEOPLE,
            objectives=[objective("OBJ0", "inclusive_spend_eur", "10000")],
        ),
    ),
]

REGRESSIONS += [
    (
        "confirm-replaces-earlier-decision",
        "found by the CI run: « Effet sur les objectifs si confirmé » counted only lines now "
        "probable, but confirming replaces the supplier's earlier decision (here an EA record "
        "confirmed with a validity window): its certain lines move too (handicap down, insertion "
        "up)",
        Org(
            lines=[line("F1", "2026-03-06", "100.00"), line("F2", "2025-03-01", "50.00")],
            records=[
                rec(0, "EA", siret="81290117100122", start="2025-07-22", end="2026-05-25"),
                Rec(1, "", "", "Atelier du Lac SARL", "GEIQ", "75011", None, None),
            ],
            people=PEOPLE,
            overrides=[Override(SIRET_A, "confirm", ref=0)],
            objectives=[
                objective("OBJ0", "insertion_spend_eur", "500"),
                objective(
                    "OBJ1",
                    "insertion_spend_eur",
                    "500",
                    start=dt.date(2026, 1, 1),
                    end=dt.date(2026, 12, 31),
                ),
                objective(
                    "OBJ2",
                    "handicap_spend_eur",
                    "500",
                    start=dt.date(2026, 1, 1),
                    end=dt.date(2026, 12, 31),
                ),
            ],
        ),
    ),
]

REGRESSIONS += [
    (
        "siretless-records-same-name-two-towns",
        "found by the CI run: two directory records without SIRET whose names normalise alike, "
        "in two towns, shared one key (name and kind) and the load kept the first only, so the "
        "supplier in the second town matched nothing",
        Org(
            lines=[
                Line(
                    "E1",
                    "F1",
                    1,
                    dt.date(2025, 3, 1),
                    "Jardins d'Émile",
                    "",
                    "69003",
                    "B1",
                    "6061",
                    "Entretien",
                    Decimal("120.00"),
                )
            ],
            records=[
                Rec(0, "", "", "JARDINS D'ÉMILE", "GEIQ", "75011", None, None),
                Rec(1, "", "", "jardins d'émile SARL", "GEIQ", "69003", None, None),
            ],
            people=PEOPLE,
            objectives=[objective("OBJ0", "insertion_spend_eur", "500")],
        ),
    ),
]
