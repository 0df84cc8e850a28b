"""The cascade as pure functions: table-driven, dates at and around validity bounds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.classify.normalize import normalize_name
from pipelines.classify.rules import (
    OverrideDecision,
    Record,
    Supplier,
    cascade,
    is_valid_at,
    pick,
    status_for,
)

D = dt.date
SIRET = "80746931700018"
OTHER_ESTABLISHMENT = "80746931700026"
PSEUDO = "80746931799901"


def rec(record_id: int, kind: str = "EI", siret: str | None = SIRET, **kw: object) -> Record:
    family = {"EI": "insertion", "ACI": "insertion", "EA": "handicap", "ESUS": "ess"}[kind]
    siren = kw.pop("siren", siret[:9] if siret else None)
    return Record(record_id, "lemarche", kind, family, siret, siren, **kw)  # type: ignore[arg-type]


SUP = Supplier("k", "Baluchon", SIRET, "93230", "93")


@pytest.mark.parametrize(
    ("rule", "family", "expected"),
    [
        ("override", "insertion", "certain"),
        ("siret", "insertion", "certain"),
        ("siret", "handicap", "certain"),
        ("siren", "insertion", "probable"),
        ("siren", "handicap", "probable"),
        ("siren", "ess", "certain"),
        ("name", "ess", "probable"),
        ("name", "handicap", "probable"),
        ("none", None, "none"),
    ],
)
def test_status_for(rule: str, family: str | None, expected: str) -> None:
    assert status_for(rule, family) == expected


@pytest.mark.parametrize(
    ("supplier_siret", "record_siret", "record_siren", "kind", "expected_rule", "status"),
    [
        (SIRET, SIRET, None, "EI", "siret", "certain"),
        (SIRET, OTHER_ESTABLISHMENT, None, "EI", "siren", "probable"),
        (PSEUDO, PSEUDO, None, "EI", "siren", "probable"),  # pseudo-SIRET: SIREN only
        (SIRET, None, "807469317", "ESUS", "siren", "certain"),  # SIREN-level record
        (SIRET, "75187049400026", None, "EI", "none", "none"),
        (None, SIRET, None, "EI", "none", "none"),
    ],
)
def test_identifier_rules(
    supplier_siret: str | None,
    record_siret: str | None,
    record_siren: str | None,
    kind: str,
    expected_rule: str,
    status: str,
) -> None:
    supplier = Supplier("k", "X", supplier_siret, "93230", "93")
    record = rec(1, kind, record_siret, siren=record_siren or (record_siret or "")[:9] or None)
    best = pick(cascade(supplier, [record]), D(2024, 5, 1))
    assert best is not None
    assert (best.rule, best.status) == (expected_rule, status)


WINDOW = rec(1, "EI", SIRET, valid_from=D(2023, 1, 1), valid_to=D(2023, 12, 31))
LATER_NAME = rec(
    2,
    "ACI",
    "75187049400026",
    name="BALUCHON",
    name_norm="BALUCHON",
    department="93",
    valid_from=D(2024, 1, 1),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2022, 12, 31), ("none", "none", None)),
        (D(2023, 1, 1), ("siret", "certain", "EI")),
        (D(2023, 6, 30), ("siret", "certain", "EI")),
        (D(2023, 12, 31), ("siret", "certain", "EI")),
        (D(2024, 1, 1), ("name", "probable", "ACI")),
        (D(2030, 1, 1), ("name", "probable", "ACI")),
    ],
)
def test_cascade_judged_at_each_date(day: dt.date, expected: tuple) -> None:
    supplier = Supplier("k", "Baluchon", SIRET, "93230", "93")
    # The name hit's SIREN differs from the supplier's valid one: only a SIREN-less supplier
    # may take it, so use a supplier without SIRET for the name part.
    rows = cascade(supplier, [WINDOW]) + cascade(
        Supplier("k", "Baluchon", None, "93230", "93"), [], [(LATER_NAME, 100.0)]
    )
    best = pick(rows, day)
    assert best is not None
    assert (best.rule, best.status, best.kind) == expected


def test_name_hit_with_contradicting_siren_is_dropped() -> None:
    rows = cascade(SUP, [], [(LATER_NAME, 100.0)])
    assert [m.rule for m in rows] == ["none"]


@pytest.mark.parametrize(
    ("override", "day", "expected"),
    [
        (OverrideDecision("k", "reject", author="a"), D(2023, 6, 1), ("override", "none", None)),
        (
            OverrideDecision("k", "set_kind", kind="EA"),
            D(2020, 1, 1),
            ("override", "certain", "EA"),
        ),
        # A confirmed record keeps its window: outside it the lower rules apply again.
        (
            OverrideDecision("k", "confirm", kind="EI", record_id=1),
            D(2023, 12, 31),
            ("override", "certain", "EI"),
        ),
        (
            OverrideDecision("k", "confirm", kind="EI", record_id=1),
            D(2024, 1, 1),
            ("none", "none", None),
        ),
    ],
)
def test_overrides(override: OverrideDecision, day: dt.date, expected: tuple) -> None:
    rows = cascade(SUP, [WINDOW], [], override, WINDOW if override.record_id == 1 else None)
    best = pick(rows, day)
    assert best is not None
    assert (best.rule, best.status, best.kind) == expected


def test_confirm_without_record_upgrades_probable_candidates() -> None:
    other = rec(3, "EI", OTHER_ESTABLISHMENT)
    rows = cascade(SUP, [other], [], OverrideDecision("k", "confirm"))
    best = pick(rows, D(2024, 1, 1))
    assert best is not None and (best.rule, best.status, best.record_id) == (
        "override",
        "certain",
        3,
    )


def test_inactive_records_never_match() -> None:
    inactive = rec(1, "EI", SIRET, is_active=False)
    assert [m.rule for m in cascade(SUP, [inactive])] == ["none"]


def test_every_row_explains_itself() -> None:
    rows = cascade(SUP, [WINDOW, rec(4, "EI", OTHER_ESTABLISHMENT)])
    assert all(m.explanation for m in rows)
    siret_row = next(m for m in rows if m.rule == "siret")
    assert siret_row.explanation.startswith("SIRET 807 469 317 00018 trouvé dans lemarche")
    assert "valide du 01/01/2023 au 31/12/2023" in siret_row.explanation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Baluchon - À table citoyens SARL", "BALUCHON A TABLE CITOYENS"),
        ("S.A.R.L. La Collecterie", "LA COLLECTERIE"),
        ("ASSOCIATION ESPOIR", "ESPOIR"),
        ("Assoc. Espoir", "ESPOIR"),
        ("L'Œuvre d'Émile SCOP", "L OEUVRE D EMILE"),
        ("SARL", "SARL"),
        ("Associaton Espoir", "ESPOIR"),
        ("AOSOCIATION LA SUZANNE", "LA SUZANNE"),
        ("Recyclerie associative", "RECYCLERIE ASSOCIATIVE"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@given(st.text(max_size=40))
def test_normalize_name_is_idempotent(raw: str) -> None:
    once = normalize_name(raw)
    assert normalize_name(once) == once


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))


@given(start=dates, length=st.integers(0, 2000), day=dates)
def test_pick_only_returns_rows_valid_that_day(start: dt.date, length: int, day: dt.date) -> None:
    record = rec(1, "EI", SIRET, valid_from=start, valid_to=start + dt.timedelta(days=length))
    best = pick(cascade(SUP, [record]), day)
    assert best is not None
    assert is_valid_at(best.valid_from, best.valid_to, day)
    assert (best.rule == "siret") == is_valid_at(record.valid_from, record.valid_to, day)


@given(day=dates, score=st.floats(90, 100))
def test_reject_beats_everything(day: dt.date, score: float) -> None:
    name_rec = rec(5, "EA", None, siren=None, name="BALUCHON", department="93")
    rows = cascade(SUP, [WINDOW], [(name_rec, score)], OverrideDecision("k", "reject"))
    best = pick(rows, day)
    assert best is not None and best.status == "none" and best.rule == "override"


def test_an_ess_flag_does_not_hide_a_probable_inclusive_record() -> None:
    """Same legal unit: ESUS (certain at SIREN level) and an EA of another establishment
    (probable). Handicap is the primary family: the spend is EA "to confirm", not ESS."""
    esus = rec(7, "ESUS", None, siren=SIRET[:9])
    ea_elsewhere = rec(8, "EA", OTHER_ESTABLISHMENT)
    best = pick(cascade(SUP, [esus, ea_elsewhere]), D(2024, 1, 1))
    assert best is not None
    assert (best.rule, best.status, best.kind) == ("siren", "probable", "EA")


PLACEHOLDER = "12345678901234"
BAD_CHECK = "80746931700019"  # SIRET above with a wrong check digit
WEAK = "numéro invalide / fictif : à confirmer"


@pytest.mark.parametrize(
    ("siret", "kind", "record_siret", "record_name", "expected", "says"),
    [
        # The real case: a directory record with the filler SIRET matched an unrelated supplier.
        (PLACEHOLDER, "EI", PLACEHOLDER, "Atelier Solidaire", ("siret", "probable"), WEAK),
        (PLACEHOLDER, "EI", PLACEHOLDER, "Baluchon SARL", ("siret", "certain"), "les noms"),
        ("00000000000000", "EA", "00000000000000", "Autre", ("siret", "probable"), WEAK),
        ("11111111111111", "EA", "11111111111111", "Autre", ("siret", "probable"), WEAK),
        ("12345678900015", "EA", "12345678900015", "Autre", ("siret", "probable"), WEAK),
        (BAD_CHECK, "EI", BAD_CHECK, "Atelier Solidaire", ("siret", "probable"), WEAK),
        (BAD_CHECK, "EI", BAD_CHECK, "BALUCHON", ("siret", "certain"), "les noms"),
        (SIRET, "EI", SIRET, "Atelier Solidaire", ("siret", "certain"), "SIRET 807"),
        # SIREN-level records (ESUS) are certain on the SIREN alone, unless it is a filler.
        (PLACEHOLDER, "ESUS", None, "Atelier Solidaire", ("siren", "probable"), WEAK),
        (PLACEHOLDER, "ESUS", None, "Baluchon", ("siren", "certain"), "les noms"),
        (SIRET, "ESUS", None, "Atelier Solidaire", ("siren", "certain"), "SIREN 807"),
        # Already probable for another reason: stays probable.
        (PLACEHOLDER, "EI", "12345678900007", "Baluchon", ("siren", "probable"), "à confirmer"),
    ],
)
def test_weak_identifier_is_probable_unless_names_match(
    siret: str,
    kind: str,
    record_siret: str | None,
    record_name: str,
    expected: tuple[str, str],
    says: str,
) -> None:
    supplier = Supplier("k", "Baluchon", siret, "93230", "93")
    record = rec(1, kind, record_siret, siren=siret[:9], name=record_name)
    best = pick(cascade(supplier, [record], threshold=90.0), D(2024, 5, 1))
    assert best is not None
    assert (best.rule, best.status) == expected
    assert says in best.explanation


def test_names_agree_uses_the_threshold() -> None:
    supplier = Supplier("k", "Baluchon à table", PLACEHOLDER, "93230", "93")
    record = rec(1, "EI", PLACEHOLDER, name="Baluchon à tables")  # score about 97
    assert pick(cascade(supplier, [record], threshold=90.0), D(2024, 1, 1)).status == "certain"  # type: ignore[union-attr]
    assert pick(cascade(supplier, [record], threshold=99.0), D(2024, 1, 1)).status == "probable"  # type: ignore[union-attr]
    brand = rec(2, "EI", PLACEHOLDER, name="SAS XYZ", brand="Baluchon à table")
    assert pick(cascade(supplier, [brand], threshold=90.0), D(2024, 1, 1)).status == "certain"  # type: ignore[union-attr]
