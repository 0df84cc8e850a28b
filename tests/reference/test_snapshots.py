"""Snapshots in the warehouse: ids kept, disappeared records closed, sources side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipelines.identifiers import is_valid_siren
from pipelines.reference import load_reference
from pipelines.settings import Settings
from pipelines.warehouse import connect_read

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reference"
HEADER = "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
D = dt.date


def _rows(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    con = connect_read(settings)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


A = "80746931700018;;Baluchon;EI;93230;;;lst"
B = "75187049400026;;La Collecterie;ACI;93100;;;lst"
C = "12345678200010;;Dated;TIH;59000;2020-01-01;2030-12-31;lst"


def test_newer_snapshot_closes_missing_keeps_ids(settings: Settings, tmp_path: Path) -> None:
    load_reference(
        [_write(tmp_path / "v1.csv", [A, B, C])], "csv", as_of=D(2024, 1, 1), settings=settings
    )
    ids_v1 = dict(_rows(settings, "select siret, record_id from reference_records"))
    [res] = load_reference(
        [_write(tmp_path / "v2.csv", [A])], "csv", as_of=D(2024, 6, 1), settings=settings
    )
    assert res.rows_closed == 1
    rows = {
        r[0]: r[1:]
        for r in _rows(
            settings, "select siret, record_id, valid_to, closed_on from reference_records"
        )
    }
    assert rows["80746931700018"] == (ids_v1["80746931700018"], None, None)  # same id, open
    assert rows["75187049400026"][1:] == (D(2024, 6, 1), D(2024, 6, 1))  # closed at snapshot
    assert rows["12345678200010"][1] == D(2030, 12, 31)  # the source's own dates stand


def test_reappearing_record_starts_a_new_window(settings: Settings, tmp_path: Path) -> None:
    load_reference(
        [_write(tmp_path / "v1.csv", [A, B])], "csv", as_of=D(2024, 1, 1), settings=settings
    )
    load_reference(
        [_write(tmp_path / "v2.csv", [A])], "csv", as_of=D(2024, 3, 1), settings=settings
    )
    load_reference(
        [_write(tmp_path / "v3.csv", [A, B])], "csv", as_of=D(2024, 9, 1), settings=settings
    )
    windows = _rows(
        settings,
        "select valid_from, valid_to from reference_records where siret = ? order by record_id",
        ["75187049400026"],
    )
    assert windows == [(None, D(2024, 3, 1)), (D(2024, 9, 1), None)]


NAMED_PARIS = ";;Jardins d'Émile;GEIQ;75011;;;lst"
NAMED_LYON = ";;jardins d'émile SARL;GEIQ;69003;;;lst"


def test_records_without_number_in_two_towns_are_two_records(
    settings: Settings, tmp_path: Path
) -> None:
    """Found by the oracle: one name in two towns, no SIRET, used to collapse into one record."""
    load_reference(
        [_write(tmp_path / "v1.csv", [NAMED_PARIS, NAMED_LYON])],
        "csv",
        as_of=D(2024, 1, 1),
        settings=settings,
    )
    towns = _rows(settings, "select post_code from reference_records order by post_code")
    assert towns == [("69003",), ("75011",)]


def test_old_name_keys_are_rekeyed_and_continued(settings: Settings, tmp_path: Path) -> None:
    """A warehouse keyed the old way (name and kind) is re-keyed by migration 100, so the next
    snapshot continues its record (same id, still open) instead of closing it."""
    import duckdb

    from pipelines.warehouse.migrations import apply_migrations

    load_reference(
        [_write(tmp_path / "v1.csv", [NAMED_PARIS])], "csv", as_of=D(2024, 1, 1), settings=settings
    )
    con = duckdb.connect(str(settings.warehouse_path))
    try:  # put the warehouse back as it was before migration 100
        con.execute("update reference_records set source_key = name_norm || '|' || kind")
        con.execute("delete from schema_migrations where name like '100_%'")
        assert apply_migrations(con) == ["100_reference_name_keys.sql"]
    finally:
        con.close()
    [(record_id,)] = _rows(settings, "select record_id from reference_records")
    load_reference(
        [_write(tmp_path / "v2.csv", [NAMED_PARIS])], "csv", as_of=D(2024, 6, 1), settings=settings
    )
    rows = _rows(settings, "select record_id, valid_to, closed_on from reference_records")
    assert rows == [(record_id, None, None)]


def test_other_sources_are_untouched(settings: Settings, tmp_path: Path) -> None:
    load_reference([FIXTURES / "finess_extract.csv"], "finess", settings=settings)
    load_reference(
        [_write(tmp_path / "v1.csv", [A])], "csv", as_of=D(2024, 1, 1), settings=settings
    )
    load_reference(
        [_write(tmp_path / "v2.csv", [B])], "csv", as_of=D(2024, 2, 1), settings=settings
    )
    open_esat = _rows(
        settings, "select count(*) from reference_records where kind = 'ESAT' and valid_to is null"
    )
    assert open_esat == [(3,)]
    [(as_of,)] = _rows(settings, "select as_of from reference_loads where source = 'finess'")
    assert as_of == D(2024, 2, 5)  # the banner's date


def test_every_fixture_loads(settings: Settings) -> None:
    for source, name in [
        ("emplois", "emplois_conventions.csv"),
        ("ea", "ea_flow.txt"),
        ("finess", "finess_extract.csv"),
        ("esus", "esus_list.xlsx"),
        ("lemarche", "lemarche_siaes.json"),
        ("csv", "canonical_tih.csv"),
        ("sirene", "sirene_stock.csv"),
    ]:
        [res] = load_reference([FIXTURES / name], source, as_of=D(2024, 4, 1), settings=settings)
        assert res.rows_loaded > 0, source
    sources = {r[0] for r in _rows(settings, "select distinct source from reference_records")}
    assert sources == {"emplois", "ea", "finess", "esus", "lemarche", "tih-2024", "sirene"}


def test_sirene_streams_ess_units_only(settings: Settings) -> None:
    [res] = load_reference(
        [FIXTURES / "sirene_stock.csv"], "sirene", as_of=D(2024, 4, 1), settings=settings
    )
    rows = {
        r[0]: r[1:]
        for r in _rows(
            settings, "select siren, kind, name, valid_to, is_luhn_valid from reference_records"
        )
    }
    assert "520123456" not in rows  # flag N
    assert rows["443061841"][:2] == ("ESS", "RECYCLERIE DU VAL, ASSOCIATION")
    assert rows["312345671"][2] == D(2022, 6, 30)  # ceased unit: valid until it ceased
    assert rows["123456789"][3] is False  # bad Luhn flagged, kept
    assert res.rows_flagged == 1


@hsettings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_sql_luhn_agrees_with_python(siren: str) -> None:
    import duckdb

    from pipelines.warehouse.migrations import apply_migrations

    con = _LUHN_CON.get("con")
    if con is None:
        con = duckdb.connect()
        apply_migrations(con)
        _LUHN_CON["con"] = con
    [(ok,)] = con.execute("select luhn_ok(?)", [siren]).fetchall()
    assert ok == is_valid_siren(siren)


_LUHN_CON: dict = {}
