from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.reference import load_reference
from pipelines.settings import REFERENCE_DIR, Settings
from pipelines.warehouse import connect_read

SAMPLE = REFERENCE_DIR / "lemarche_siae_sample.csv"


def _count(settings: Settings, sql: str) -> object:
    con = connect_read(settings)
    try:
        return con.execute(sql).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()


def test_lemarche_sample_loads_with_flags(settings: Settings) -> None:
    [result] = load_reference([SAMPLE], "lemarche", as_of=dt.date(2024, 1, 1), settings=settings)
    assert result.rows_loaded == 3853
    assert result.rows_flagged > 0  # a few real SIRETs fail Luhn: flagged, not dropped
    assert _count(settings, "select count(*) from reference_records") == 3853
    assert _count(settings, "select count(*) from reference_loads") == 1


def test_same_file_twice_changes_nothing(settings: Settings) -> None:
    load_reference([SAMPLE], "lemarche", settings=settings)
    [again] = load_reference([SAMPLE], "lemarche", settings=settings)
    assert again.skipped
    assert _count(settings, "select count(*) from reference_records") == 3853


def test_canonical_csv_unknown_kind_names_line(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "tih.csv"
    path.write_text(
        "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
        "80746931700018;;Jean Martin;TIH;93230;2023-01-01;;tih\n"
        ";807469317;Autre;XYZ;93230;;;tih\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as err:
        load_reference([path], "csv", settings=settings)
    assert "ligne 3" in err.value.fr and "XYZ" in err.value.fr
