"""Explorer downloads: every line the filters select (not the page on screen), streamed, with the
column labels shown on screen in the session's language, and no live formula in any cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import dashboard_tiny_org as tiny
import openpyxl
import pytest

from dashboard import data, downloads
from pipelines.access import Access
from pipelines.exports import write_xlsx
from pipelines.i18n import t
from pipelines.marts import refresh_marts
from pipelines.queries import explorer
from pipelines.queries.explorer import PAGE_SIZE, Filters, count_lines, export_lines
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction

FORMULA_NAME = '=HYPERLINK("http://evil.example","clic")'
EXTRA = 3 * PAGE_SIZE + 17  # more lines than a page, so a page-sized export cannot pass


def extra_lines() -> list[tuple]:
    """Generated 2025 lines: ALPHA/ACH001 at the EA, every seventh at a formula-named supplier."""
    rows = []
    for i in range(EXTRA):
        formula = i % 7 == 0
        rows.append(
            (
                "ALPHA",
                f"G{i}",
                1,
                dt.date(2025, 1 + i % 12, 1 + i % 28),
                FORMULA_NAME if formula else "ATELIER ADAPTE",
                "99999999999999" if formula else "11111111111111",
                "ACH001",
                "6061",
                "Entretien",
                Decimal(i) + Decimal("0.25"),
            )
        )
    return rows


@pytest.fixture
def big_org(tiny_org: Settings) -> Settings:
    with write_transaction(tiny_org) as con:
        for n, (entity, inv, no, day, name, siret, buyer, account, category, amount) in enumerate(
            extra_lines()
        ):
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no,"
                " invoice_date, supplier_name, siret, post_code, buyer, account, category, naf,"
                " amount_eur) values (3, ?, ?, ?, ?, ?, ?, ?, '75011', ?, ?, ?, '8121Z', ?)",
                [n + 2, entity, inv, no, day, name, siret, buyer, account, category, amount],
            )
        refresh_marts(con, tiny_org)
    return tiny_org


def expected_alpha_2025() -> int:
    """Plain count: ALPHA lines dated 2025 in the tiny organisation and the generated ones."""
    tiny_rows = [r for r in tiny.LINES if r[0] == "ALPHA" and r[3].startswith("2025")]
    return len(tiny_rows) + EXTRA


ALPHA_2025 = (Period.year(2025), Scope(entities=("ALPHA",)), Filters())


def read_csv(body: bytes, lang: str) -> list[list[str]]:
    text = body.decode("utf-8-sig" if lang == "fr" else "utf-8")
    return list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))


def analyst() -> Access:
    return Access("analyste", "analyst", "ANA01", Scope.everything(), None)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_csv_holds_every_selected_line_with_screen_labels(big_org, lang):
    con = connect_read(big_org)
    try:
        total = count_lines(con, *ALPHA_2025)
    finally:
        con.close()
    assert total == expected_alpha_2025() > PAGE_SIZE
    # Through what the page's download button calls.
    body = data.export_lines(
        analyst(), ALPHA_2025[1], ALPHA_2025[0], Filters(), (), "csv", lang, total
    )()
    rows = read_csv(body, lang)
    assert rows[0] == [t(key, lang) for _, key in explorer.LINE_COLUMNS]
    assert len(rows) - 1 == total
    status = rows[0].index(t("col.status", lang))
    assert {r[status] for r in rows[1:]} >= {t("status.certain", lang)}
    amount = rows[0].index(t("col.spend", lang))
    first_generated = next(r for r in rows[1:] if r[rows[0].index(t("col.invoice", lang))] == "G1")
    assert first_generated[amount] == ("1,25" if lang == "fr" else "1.25")


def test_a_formula_looking_supplier_is_neutralised(big_org):
    total = expected_alpha_2025()
    body = data.export_lines(
        analyst(), ALPHA_2025[1], ALPHA_2025[0], Filters(), (), "csv", "fr", total
    )()
    rows = read_csv(body, "fr")
    supplier = rows[0].index(t("col.supplier", "fr"))
    names = {r[supplier] for r in rows[1:]}
    assert "'" + FORMULA_NAME in names and FORMULA_NAME not in names

    body = data.export_lines(
        analyst(), ALPHA_2025[1], ALPHA_2025[0], Filters(), (), "xlsx", "en", total
    )()
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == [t(key, "en") for _, key in explorer.LINE_COLUMNS]
    assert len(cells) - 1 == total
    assert all(not str(c).startswith("=") for row in cells for c in row if c is not None)
    assert any(row[2] == "'" + FORMULA_NAME for row in cells[1:])
    assert isinstance(cells[1][3], (int, float))  # amounts stay numbers


def test_xlsx_stops_at_the_sheet_limit_and_says_so(big_org):
    con = connect_read(big_org)
    try:
        reader = export_lines(con, *ALPHA_2025, batch_rows=50)
        out = io.BytesIO()
        written = write_xlsx(
            reader,
            out,
            ["a"] * len(explorer.LINE_COLUMNS),
            max_rows=120,
            truncated_note="cut at 120",
        )
    finally:
        con.close()
    assert written.rows == 120 and written.truncated
    book = openpyxl.load_workbook(out)
    assert book.active.max_row == 121
    assert book["Note"]["A1"].value == "cut at 120"


def test_grouped_export_has_human_headers_and_integer_counts(big_org):
    con = connect_read(big_org)
    try:
        frame, _ = explorer.grouped(
            con, Period.year(2025), Scope.everything(), Filters(), big_org, dim1="entity"
        )
    finally:
        con.close()
    export = downloads.grouped_frame(frame, "entity", "none", lambda d, k: str(k), "fr")
    assert list(export.columns) == [
        t("dim.entity", "fr"),
        t("col.spend", "fr"),
        t("col.inclusive_spend", "fr"),
        t("col.probable", "fr"),
        t("col.lines", "fr"),
    ]
    rows = read_csv(downloads.to_csv(export, "fr"), "fr")
    lines = {r[0]: r[4] for r in rows[1:]}
    assert lines["ALPHA"] == str(expected_alpha_2025())  # not « 327,0 »
    english = downloads.grouped_frame(frame, "entity", "none", lambda d, k: str(k), "en")
    assert t("col.lines", "en") in english.columns and "none" not in english.columns


def test_grouped_amounts_are_euros_and_cents():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "key1": ["ALPHA"],
            "key2": [None],
            "supplier_name": [None],
            "spend_eur": [19600.5],
            "inclusive_spend_eur": [800.0],
            "probable_spend_eur": [float("nan")],
            "count_lines": [32894.0],
            "count_suppliers": pd.array([None], dtype="Int64"),
        }
    )
    export = downloads.grouped_frame(frame, "entity", "none", lambda d, k: str(k), "fr")
    rows = read_csv(downloads.to_csv(export, "fr"), "fr")
    assert rows[1] == ["ALPHA", "19600,50", "800,00", "", "32894"]


def test_explorer_page_offers_every_line(big_org):
    from test_dashboard_pages import signed_in

    from dashboard import formatting as fmt

    at = signed_in("analyste", period="2025")
    at.switch_page("pages/explorer.py").run()
    assert not at.exception, at.exception
    at.multiselect(key="f_entities").set_value(["ALPHA"]).run()
    assert not at.exception, at.exception
    buttons = {d.key: d.proto.label for d in at.get("download_button")}
    n = fmt.number(expected_alpha_2025(), 0, "fr")
    assert buttons["dl_lines_csv"] == t("explorer.export.csv_all", "fr", n=n)
    assert buttons["dl_lines_xlsx"] == t("explorer.export.xlsx_all", "fr", n=n)
