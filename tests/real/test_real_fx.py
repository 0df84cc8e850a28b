"""The ECB's real reference-rates file through `asr fx load` and a ledger in five currencies,
checked against an independent reading of the file (csv + Decimal, nothing from pipelines)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli import app

ECB_FILE = Path(__file__).parent / "fx" / "eurofxref-hist-trimmed.csv"
D = dt.date

# invoice id, date, amount in the currency, currency
LEDGER_LINES = [
    ("USD-PUB", D(2025, 5, 9), "12345.67", "USD"),  # a publication day
    ("USD-SAT", D(2025, 5, 10), "999.99", "USD"),  # after the file's last day: its rate holds
    ("JPY-EASTER", D(2025, 4, 18), "1000000.00", "JPY"),  # Good Friday: Thursday's rate
    ("IDR-BIG", D(2025, 4, 21), "1234567890.12", "IDR"),  # Easter Monday, a big amount
    ("GBP-SUN", D(2025, 3, 2), "4321.09", "GBP"),  # Sunday: Friday's rate
    ("RUB-SAT", D(2022, 2, 26), "500000.00", "RUB"),  # before the suspension
    ("RUB-NA", D(2022, 3, 2), "500000.00", "RUB"),  # N/A from 2022-03-02: quarantined
    ("USD-GAP", D(2023, 6, 1), "100.00", "USD"),  # no rate within a week: quarantined
]


def independent_rates() -> tuple[dict[tuple[str, dt.date], Decimal], list[dt.date]]:
    """(currency, day) -> units per 1 EUR, and the publication days, read with csv only."""
    rows = list(csv.reader(io.StringIO(ECB_FILE.read_text(encoding="utf-8"))))
    header = rows[0]
    rates: dict[tuple[str, dt.date], Decimal] = {}
    days = []
    for row in rows[1:]:
        day = dt.date.fromisoformat(row[0])
        days.append(day)
        for name, cell in zip(header[1:], row[1:], strict=True):
            if name and cell != "N/A":
                rates[name, day] = Decimal(cell)
    return rates, sorted(days)


def expected_eur(currency: str, day: dt.date, amount: str) -> Decimal | None:
    """The ECB rate of the latest publication day on or before ``day`` (less than a week before,
    or the file's last day), none if that day has N/A; the amount divided by it, to the cent."""
    rates, days = independent_rates()
    before = [d for d in days if d <= day]
    if not before:
        return None
    pub = before[-1]
    if (day - pub).days >= 7 and pub != days[-1]:
        return None
    rate = rates.get((currency, pub))
    if rate is None:
        return None
    return (Decimal(amount) / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _run(runner: CliRunner, *args: str) -> str:
    out = runner.invoke(app, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_every_rate_of_the_file_is_listed(asr_home: Path) -> None:
    rates, days = independent_rates()
    runner = CliRunner()
    loaded = json.loads(_run(runner, "fx", "load", str(ECB_FILE), "--format", "json"))
    assert loaded["rates"] == len(rates) == 3142  # pinned: the trimmed file
    assert loaded["currencies"] == sorted({c for c, _ in rates})
    assert (loaded["first_day"], loaded["last_day"]) == (days[0].isoformat(), days[-1].isoformat())
    listed = list(csv.DictReader(io.StringIO(_run(runner, "fx", "list", "--format", "csv"))))
    got = {(r["currency"], dt.date.fromisoformat(r["valid_from"])): r for r in listed}
    assert set(got) == set(rates)
    for key, per_eur in rates.items():
        assert Decimal(got[key]["rate_per_eur"]) == per_eur, key
        assert got[key]["source"] == ECB_FILE.name


def test_ledger_lines_convert_as_the_ecb_says(asr_home: Path, tmp_path: Path) -> None:
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    runner = CliRunner()
    ledger = tmp_path / "achats.csv"
    ledger.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT;Devise\n"
        + "".join(
            f"E1;{inv};{day.isoformat()};Fournisseur {cur};{amount.replace('.', ',')};{cur}\n"
            for inv, day, amount, cur in LEDGER_LINES
        ),
        encoding="utf-8",
    )
    _run(runner, "fx", "load", str(ECB_FILE))
    _run(runner, "ingest", str(ledger), "--quiet", "--no-classify")
    con = connect_read(load_settings())
    try:
        loaded = dict(con.execute("select invoice_id, amount_eur from raw_ledger_lines").fetchall())
        quarantined = {
            v for (v,) in con.execute("select row_no from quarantine order by row_no").fetchall()
        }
    finally:
        con.close()
    for row_no, (inv, day, amount, cur) in enumerate(LEDGER_LINES, start=2):
        want = expected_eur(cur, day, amount)
        if want is None:
            assert inv not in loaded and row_no in quarantined, inv
        else:
            assert loaded.get(inv) == want, (inv, loaded.get(inv), want)
    assert len(loaded) == 6 and len(quarantined) == 2
