"""Le marché de l'inclusion's own directory fixture, loaded with ``asr reference load``, then the
platform's purchase template classified against it.

The fixture holds real-world oddities: SIRETs failing their check digit, one SIRET listed under
two kinds, and the placeholder ``12345678901234`` (a GEIQ). The template's test row "Entreprise
Test 3" uses that same placeholder for 75,000 €: an exact match on a placeholder is *probable*,
never certain (DOMAIN.md section 3), so it must not count as inclusive spend.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.real.harness import HERE, Home, euros, load_into
from tests.real.independent import (
    DirectoryRecord,
    expected_inclusive,
    luhn_ok,
    read_lemarche_fixture,
)

DIRECTORY = HERE / "directories" / "lemarche_siaes.json"
TEMPLATE = HERE / "lemarche" / "sample_purchases.csv"
AS_OF = "2024-01-01"  # the snapshot's date, given: never today's


@pytest.fixture(scope="module")
def records() -> list[DirectoryRecord]:
    return read_lemarche_fixture(DIRECTORY)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    home = Home(tmp_path_factory.mktemp("real_directory"))
    ref = home.cli("reference", "load", str(DIRECTORY), "--source", "lemarche", "--as-of", AS_OF)
    assert ref.exit_code == 0, ref.output
    return home


def test_every_record_is_kept_and_bad_check_digits_flagged(
    home: Home, records: list[DirectoryRecord]
) -> None:
    (load,) = home.json(
        "reference", "load", str(DIRECTORY), "--source", "lemarche", "--as-of", AS_OF
    )
    assert load["skipped"] is True  # the same snapshot again changes nothing
    got = home.query("select siret, kind, is_luhn_valid from reference_records")
    assert Counter((s, k) for s, k, _ in got) == Counter((r.siret, r.kind) for r in records)
    assert {s: ok for s, _, ok in got} == {r.siret: luhn_ok(r.siret) for r in records}


def test_families(home: Home, records: list[DirectoryRecord]) -> None:
    got = home.query("select family, count(*) from reference_records group by family")
    assert dict(got) == dict(Counter(r.family for r in records))


@pytest.fixture(scope="module")
def classified(home: Home) -> Home:
    """The template loaded into the directory's warehouse, classification included."""
    result = home.cli(
        "ingest", str(TEMPLATE), "--format", "lemarche", "--year", "2024", "--entity", "REAL"
    )
    assert result.exit_code == 0, result.output
    return home


def test_a_placeholder_siret_is_not_certain(
    classified: Home, records: list[DirectoryRecord]
) -> None:
    certain, probable = expected_inclusive(TEMPLATE, records)
    assert (certain, probable) == (0, 75000)  # the corpus still holds the case it is kept for
    kpi = classified.kpi("2024-01-01", "2024-12-31")
    assert euros(kpi["inclusive_spend_eur"]) == certain
    assert euros(kpi["probable_spend_eur"]) == probable


def test_the_template_alone_has_no_inclusive_spend(tmp_path: Path) -> None:
    alone = load_into(
        tmp_path / "home", TEMPLATE, "--format", "lemarche", "--year", "2024", "--entity", "R"
    )
    assert alone.ingest.exit_code == 0, alone.ingest.output
    assert euros(alone.kpi("2024-01-01", "2024-12-31")["inclusive_spend_eur"]) == 0
