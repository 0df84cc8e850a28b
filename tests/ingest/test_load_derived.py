"""A new load's lines get their derived columns (supplier key, department, period date,
addressability) as they are inserted: they must be exactly what a full re-derivation of every
line gives, for each kind of supplier identification, with a supplier master, with exclusions
and with ASR_PERIOD_DATE=posting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.exclusions import add_exclusions
from pipelines.ingest import ingest_files
from pipelines.marts import refresh_marts
from pipelines.warehouse import write_transaction
from pipelines.wiring import ready
from tests.ingest.conftest import query

DERIVED = (
    "select invoice_id, supplier_key, department, period_date, is_addressable "
    "from raw_ledger_lines order by invoice_id"
)

LEDGER = (
    "invoice_id;invoice_date;posting_date;supplier_code;supplier_name;siret;post_code;"
    "account;amount_eur\n"
    "A1;05/01/2024;10/01/2024;;Acme;80746931700018;20100;6061;10,00\n"
    "A2;05/01/2024;;C42;Acme;;97411;6226;20,00\n"
    "A3;31/12/2024;02/01/2025;;Société Générale d'Édition;;75001;6061;30,00\n"
    "A4;06/01/2024;07/01/2024;ESATSUD;;;;6061;40,00\n"
    "A5;06/01/2024;07/01/2024;EXCLU;Exclu SA;;;6061;50,00\n"
)


@pytest.mark.parametrize("mode", ["invoice", "posting"])
def test_a_new_load_gets_the_columns_a_full_rebuild_gives(
    mode: str, asr_home: Path, fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASR_PERIOD_DATE", mode)
    settings = ready()  # this test is an entry point: settings read, store migrated
    add_exclusions([("account_prefix", "622", None), ("supplier", "code:E:EXCLU", None)], settings)
    ledger = tmp_path / "l.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    ingest_files(
        [ledger], entity="E", suppliers=fixtures / "suppliers_master.csv", settings=settings
    )
    loaded = query(settings, DERIVED)

    posting = mode == "posting"
    assert loaded == [
        ("A1", "80746931700018", "2A", dt.date(2024, 1, 10 if posting else 5), True),
        # no posting date: the invoice date either way; account 6226 excluded by prefix 622
        ("A2", "code:E:C42", "974", dt.date(2024, 1, 5), False),
        (
            "A3",
            "name:SOCIETE GENERALE D EDITION:75001",
            "75",
            dt.date(2025, 1, 2) if posting else dt.date(2024, 12, 31),
            True,
        ),
        # the supplier master gave it a SIRET and a postcode after the insert
        ("A4", "05442045900018", "13", dt.date(2024, 1, 7 if posting else 6), True),
        ("A5", "code:E:EXCLU", None, dt.date(2024, 1, 7 if posting else 6), False),
    ]
    with write_transaction(settings) as con:
        refresh_marts(con, settings)  # every line derived again, by the full path
    assert query(settings, DERIVED) == loaded
