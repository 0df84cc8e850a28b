"""Directory files with any line end and stray control characters read clean."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.reference.loaders import canonical, ea

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "crcrlf": "\r\r\n"}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_canonical_any_line_end(tmp_path: Path, ending: str) -> None:
    lines = [
        "siret;nom;type;debut",
        "73282932000074;ACME\x0b Insertion;EI;01/02/2024",
        "35600000000048;\x1aLa Poste;ESAT;2024-03-01",
    ]
    path = tmp_path / "canon.csv"
    path.write_bytes((ENDINGS[ending].join(lines) + ENDINGS[ending]).encode("cp1252"))
    parsed = canonical.read(path)
    got = [(r.siret, r.name, r.kind, r.valid_from) for r in parsed.records]
    assert got == [
        ("73282932000074", "ACME Insertion", "EI", dt.date(2024, 2, 1)),
        ("35600000000048", "La Poste", "ESAT", dt.date(2024, 3, 1)),
    ]


def test_canonical_impossible_date_names_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "canon.csv"
    path.write_text("siret;nom;type;debut\r\r\n73282932000074;ACME;EI;31/02/2024\r\r\n")
    with pytest.raises(UserError) as caught:
        canonical.read(path)
    assert "canon.csv, ligne 2, colonne « valid_from »" in caught.value.fr
    assert "date impossible" in caught.value.fr


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_ea_flow_any_line_end(tmp_path: Path, ending: str) -> None:
    lines = [
        "L|ASP|EA|20240105|",
        "Type d'entreprise adaptée|Siret de l'établissement membre|Dénomination / raison sociale|"
        "Code Postal",
        "Entreprise adaptée|73282932000074|ACME ADAPTÉE|7500",
        "Z|1",
    ]
    path = tmp_path / "ea.txt"
    path.write_bytes((ENDINGS[ending].join(lines) + ENDINGS[ending]).encode("cp1252"))
    parsed = ea.read(path)
    assert parsed.as_of == dt.date(2024, 1, 5)
    got = [(r.siret, r.name, r.kind, r.post_code) for r in parsed.records]
    assert got == [("73282932000074", "ACME ADAPTÉE", "EA", "07500")]
