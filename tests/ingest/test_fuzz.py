"""Whatever bytes a delimited file holds, the user gets a load result or a UserError."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipelines.errors import UserError
from pipelines.ingest import ingest_files
from pipelines.settings import Settings

HEADERS = ["Société", "N° de facture", "Date de facture", "Raison sociale fournisseur",
           "SIRET", "Montant HT (EUR)", "Devise", "N° de ligne", "CP", "junk", ""]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "1 234,56",
            "-12,5",
            "1.234,56",
            "12,34-",
            "(5,00)",
            "1e400",
            "31/02/2024",
            "2024-01-01",
            "20240101",
            "01/02/24",
            "EUR",
            "USD",
            "€",
            "5442045900018",
            "\u00a0",
            '"',
            '""',
            ";",
            "\n",
            "\r",
            "\t",
            "|",
            "NaN",
            "99999999999999999999",
            "-",
            "0",
            "Ω",
            "\x00",
        ]
    ),  # fmt: skip
    st.text(max_size=12),
)
FUZZ = hsettings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _ingest(settings: Settings, data: bytes, name: str = "fuzz.csv") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            (result,) = ingest_files([path], entity="E", settings=settings)
        except UserError as exc:
            assert str(path) in exc.fr or "--" in exc.fr, exc.fr
            return
        assert result.rows_loaded + result.rows_quarantined <= result.rows_read + 1


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(settings: Settings, data: bytes) -> None:
    _ingest(settings, data)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_structured_ledgers(
    settings: Settings, header: list[str], rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    _ingest(settings, text.encode(encoding, errors="replace"))


@pytest.mark.parametrize("fmt", ["fec", "lemarche", "decp", "xlsx"])
@FUZZ
@given(data=st.binary(max_size=300))
def test_forced_formats(settings: Settings, fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.txt"
        path.write_bytes(data)
        with contextlib.suppress(UserError):
            ingest_files([path], fmt=fmt, entity="E", year=2024, settings=settings)
