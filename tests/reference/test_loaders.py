"""Each loader on a fixture reproducing its real quirks (parsing only, no warehouse)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.reference.loaders import canonical, ea, emplois, esus, finess, lemarche

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reference"
D = dt.date


def by_key(records: list) -> dict:
    return {r.source_key: r for r in records}


def test_emplois_csv_active_annexes_merge_into_windows() -> None:
    parsed = emplois.read(FIXTURES / "emplois_conventions.csv")
    recs = by_key(parsed.records)
    # 2021 and 2022 annexes touch: one window; 2024 stands apart; the ARCHIVE annex is ignored.
    aci = sorted((r.valid_from, r.valid_to) for r in parsed.records if r.siret == "12345678200010")
    assert aci == [(D(2021, 1, 1), D(2022, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31))]
    # siret_signature matches too, with the convention's window.
    assert recs["44306184100021|EI|2022-07-01"].valid_to == D(2023, 6, 30)
    assert recs["52012345600011|ETTI|2023-01-01"].valid_to is None
    # ANNULE annex, OPCS row and the ARCHIVE annex are skipped, not refused.
    assert parsed.rows_skipped == 3
    assert not any(r.siret == "13002526500013" for r in parsed.records)


def test_emplois_json_nested_annexes_and_spaced_siret() -> None:
    parsed = emplois.read(FIXTURES / "emplois_conventions.json")
    aci = [r for r in parsed.records if r.kind == "ACI"]
    assert len(aci) == 1  # siret and identical siret_signature give one record
    assert (aci[0].valid_from, aci[0].valid_to) == (D(2021, 1, 1), D(2022, 12, 31))
    assert {r.siret for r in parsed.records if r.kind == "EI"} == {
        "44306184100013",
        "44306184100021",
    }


def test_ea_flow_framing_labels_and_cp1252() -> None:
    parsed = ea.read(FIXTURES / "ea_flow.txt")
    assert parsed.as_of == D(2024, 3, 15)
    recs = by_key(parsed.records)
    assert recs["13002526500013|EA"].name == "Atelier Adapté Lyonnais"
    eatt = [r for r in parsed.records if r.kind == "EATT"]
    assert len(eatt) == 1 and eatt[0].post_code == "01000" and eatt[0].department == "01"
    assert [r.kind for r in parsed.records].count("EA") == 3
    assert not recs["31234567100099|EA"].is_luhn_valid  # flagged, not dropped


def test_ea_unknown_kind_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ea.txt"
    path.write_text(
        "L|ASP|EA|20240101\nType d'entreprise adaptée|Siret de l'établissement membre|"
        "Dénomination / raison sociale|Code Postal\nEA|13002526500013|A|69003\n"
        "Entreprise bizarre|13002526500013|B|69003\nZ|2\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as err:
        ea.read(path)
    assert "ligne 4" in err.value.fr and "Entreprise bizarre" in err.value.fr


def test_finess_keeps_esat_only_and_maps_overseas() -> None:
    parsed = finess.read(FIXTURES / "finess_extract.csv")
    assert parsed.as_of == D(2024, 2, 5)
    recs = by_key(parsed.records)
    assert set(recs) == {"930000011", "2A0000012", "9A0000013"}
    assert all(r.kind == "ESAT" for r in parsed.records)
    assert recs["930000011"].siret == "50000001300010"
    assert recs["930000011"].valid_from == D(1985, 3, 1)
    assert recs["2A0000012"].siret is None and recs["2A0000012"].department == "2A"
    assert recs["9A0000013"].department == "971"
    assert parsed.rows_skipped == 1  # the hospital


def test_finess_short_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("finess;etalab;100;2024-01-01\nstructureet;1;2;3\n", encoding="latin-1")
    with pytest.raises(UserError) as err:
        finess.read(path)
    assert "ligne 2" in err.value.fr


def test_esus_xlsx_title_rows_numeric_sirens_dates() -> None:
    parsed = esus.read(FIXTURES / "esus_list.xlsx")
    recs = {r.siren: r for r in parsed.records}
    assert set(recs) == {"012345674", "443061841", "520123456"}
    assert all(r.kind == "ESUS" and r.family == "ess" for r in parsed.records)
    assert recs["012345674"].post_code == "01000"
    assert (recs["012345674"].valid_from, recs["012345674"].valid_to) == (
        D(2021, 3, 1),
        D(2026, 2, 28),
    )
    assert recs["520123456"].valid_to == D(2022, 6, 14)  # French date text


def test_lemarche_json_fixture_labels_delisted_opcs() -> None:
    parsed = lemarche.read(FIXTURES / "lemarche_siaes.json")
    recs = {r.siret: r for r in parsed.records}
    assert recs["80746931700018"].kind == "EI"
    assert not recs["75187049400026"].is_active  # is_delisted
    assert recs["03444563890099"].kind == "ETTI" and not recs["03444563890099"].is_active
    assert recs["03444563890099"].post_code == "06000"
    assert parsed.rows_skipped == 1  # OPCS


def test_canonical_labels_la_poste_and_sources() -> None:
    parsed = canonical.read(FIXTURES / "canonical_tih.csv")
    assert {r.kind for r in parsed.records} == {"TIH"}
    assert {r.source for r in parsed.records} == {"tih-2024"}
    la_poste = next(r for r in parsed.records if r.siret == "35600000000001")
    assert la_poste.is_luhn_valid  # La Poste's digit-sum rule
    no_id = next(r for r in parsed.records if r.siret is None and r.siren is None)
    assert no_id.name_norm == "GRAPHISTE SANS SIRET"


def test_canonical_comma_delimiter_and_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "siret,siren,name,kind,post_code,valid_from,valid_to,source\n"
        "80746931700018,,A,EI,93230,2024-13-01,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as err:
        canonical.read(path)
    assert "ligne 2" in err.value.fr and "valid_from" in err.value.fr
