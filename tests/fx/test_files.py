"""Reading rate files: the two layouts, the direction of the rate, and refusals that name the
file, row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.fx.files import read_rates

D = dt.date

ECB = (
    "Date,USD,JPY,CYP,GBP,\n"
    "2024-03-18,1.0872,162.43,N/A,0.85445,\n"
    "2024-03-15,1.0890,161.53,N/A,0.85360,\n"
    "2024-03-14,1.0925,161.37,N/A,0.85515,\n"
)


def _file(tmp_path: Path, text: str, name: str = "rates.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ecb_layout(tmp_path: Path) -> None:
    rates = read_rates(_file(tmp_path, ECB))
    got = {(r.currency, r.valid_from): r for r in rates}
    assert len(rates) == 9  # CYP is N/A every day
    usd = got["USD", D(2024, 3, 15)]
    assert usd.rate_per_eur == Decimal("1.0890")
    assert usd.rate_to_eur == (Decimal(1) / Decimal("1.0890")).quantize(Decimal("1e-20"))
    # Friday's rate holds over the weekend, until Monday's
    assert usd.valid_to == D(2024, 3, 17)
    assert got["USD", D(2024, 3, 14)].valid_to == D(2024, 3, 14)
    # the last day holds until a newer rate is loaded
    assert got["USD", D(2024, 3, 18)].valid_to is None
    assert got["JPY", D(2024, 3, 14)].row == 4


def test_ecb_gap_longer_than_a_week_is_not_bridged(tmp_path: Path) -> None:
    text = "Date,USD,\n2024-03-18,1.0872,\n2024-01-02,1.0956,\n"
    rates = {r.valid_from: r for r in read_rates(_file(tmp_path, text))}
    assert rates[D(2024, 1, 2)].valid_to == D(2024, 1, 8)


def test_ecb_na_leaves_the_currency_without_rate(tmp_path: Path) -> None:
    text = "Date,RUB,\n2022-03-02,N/A,\n2022-03-01,117.201,\n"
    rates = read_rates(_file(tmp_path, text))
    assert [(r.valid_from, r.valid_to) for r in rates] == [(D(2022, 3, 1), D(2022, 3, 1))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # units of the currency per 1 EUR, French or English decimals, header optional
        ("date;currency;rate\n2024-01-31;USD;1,0856\n", ("USD", D(2024, 1, 31), "1.0856")),
        ("date,currency,rate\n2024-01-31,usd,1.0856\n", ("USD", D(2024, 1, 31), "1.0856")),
        ("Date;Devise;Taux\n31/01/2024;GBP;0,8572\n", ("GBP", D(2024, 1, 31), "0.8572")),
        ("2024-01-31;JPY;1 592,35\n", ("JPY", D(2024, 1, 31), "1592.35")),
        (
            "\ufeffdate;currency;rate\r\n2024-01-31;CHF;0,9315\r\n",
            ("CHF", D(2024, 1, 31), "0.9315"),
        ),
    ],
)
def test_simple_layout_units_per_euro(tmp_path: Path, text: str, expected: tuple) -> None:
    (rate,) = read_rates(_file(tmp_path, text))
    code, day, per_eur = expected
    assert (rate.currency, rate.valid_from, rate.valid_to) == (code, day, None)
    assert rate.rate_per_eur == Decimal(per_eur)
    assert rate.rate_to_eur == (1 / Decimal(per_eur)).quantize(Decimal("1e-20"))


def test_simple_layout_euros_per_unit(tmp_path: Path) -> None:
    (rate,) = read_rates(_file(tmp_path, "date;currency;rate_to_eur\n2024-01-31;USD;0,92\n"))
    assert (rate.rate_to_eur, rate.rate_per_eur) == (Decimal("0.92"), None)


@pytest.mark.parametrize(
    ("text", "row", "column", "says"),
    [
        ("hello;world\n1;2\n", 1, None, "format de taux de change inconnu"),
        ("", 1, None, "format de taux de change inconnu"),
        ("date;currency;rate\n2024-13-01;USD;1,08\n", 2, "date", "2024-13-01"),
        ("date;currency;rate\n2024-01-31;USD;1,08\n;USD;1,09\n", 3, "date", "date manquante"),
        ("date;currency;rate\n2024-01-31;USD;-1,08\n", 2, "rate", "-1,08"),
        ("date;currency;rate\n2024-01-31;USD;0\n", 2, "rate", "strictement positif"),
        ("date;currency;rate\n2024-01-31;USD;abc\n", 2, "rate", "abc"),
        ("date;currency;rate\n2024-01-31;US;1,08\n", 2, "currency", "« US »"),
        ("date;currency;rate\n2024-01-31;USDX;1,08\n", 2, "currency", "USDX"),
        ("date;currency;rate\n2024-01-31;€;1,08\n", 2, "currency", "3 lettres"),
        ("date;currency;rate\n2024-01-31;EUR;1\n", 2, "currency", "euro"),
        ("date;currency;rate\n2024-01-31;USD;1,08\n2024-01-31;USD;1,09\n", 3, "date", "ligne 2"),
        ("Date,USD,GBP,\n2024-03-18,1.0872,zéro,\n", 2, "GBP", "zéro"),
        ("Date,USD,\n2024-03-18,0,\n", 2, "USD", "strictement positif"),
        ("Date,USD,\n18.03.2024x,1.0872,\n", 2, "Date", "18.03.2024x"),
        ("Date,USD,\n2024-03-18,1.08,\n2024-03-18,1.09,\n", 3, "Date", "ligne 2"),
        ("Date,USD,\n2024-03-18,N/A,\n", None, None, "aucun taux"),
    ],
)
def test_bad_files_are_refused_naming_row_and_column(
    tmp_path: Path, text: str, row: int | None, column: str | None, says: str
) -> None:
    path = _file(tmp_path, text, "taux.csv")
    with pytest.raises(UserError) as caught:
        read_rates(path)
    fr, en = caught.value.fr, caught.value.en
    assert fr.startswith("taux.csv") and en.startswith("taux.csv")
    if row is not None:
        assert f"ligne {row}" in fr and f"line {row}" in en
    if column is not None:
        assert f"colonne « {column} »" in fr and f"column {column!r}" in en
    assert says in fr


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="introuvable"):
        read_rates(tmp_path / "nope.csv")
