"""Text hygiene at the edge: any line end, no control character in keys or text, amounts with
more than two decimals rounded and counted, and a row too large for the reader refused clearly.

Expected values are written out here (plain Python), not computed with the code under test."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.ingest import ingest_files
from pipelines.settings import Settings
from tests.ingest.conftest import query

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "crcrlf": "\r\r\n"}

LEDGER_ROWS = [
    ["Société", "N° de facture", "Date de facture", "Fournisseur", "Montant HT"],
    ["S1", "F-001", "05/01/2026", "ACME SARL", "1 234,56"],
    ["S1", "F-002", "06/01/2026", "Béta & Fils", "-12,50"],
    ["S1", "F-003", "07/01/2026", "Gamma", "7"],
]
EXPECTED_LINES = [
    ("F-001", "ACME SARL", Decimal("1234.56")),
    ("F-002", "Béta & Fils", Decimal("-12.50")),
    ("F-003", "Gamma", Decimal("7.00")),
]

FEC_HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|"
    "PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|"
    "Idevise"
)
FEC_ROWS = [
    "AC|Achats|1|20260105|601000|Achats|||P1|20260105|Fournitures|100,00|0,00|||20260105||",
    "AC|Achats|1|20260105|401000|Fournisseurs|F001|Acme|P1|20260105|Fournitures|0,00|100,00"
    "|||20260105||",
    "AC|Achats|2|20260106|606000|Achats|||P2|20260106|Papier|25,50|0,00|||20260106||",
    "AC|Achats|2|20260106|401000|Fournisseurs|F002|Béta|P2|20260106|Papier|0,00|25,50|||20260106||",
]


def _write(path: Path, lines: list[str], ending: str, encoding: str = "utf-8") -> Path:
    path.write_bytes((ending.join(lines) + ending).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_ledger_any_line_end(
    settings: Settings, tmp_path: Path, ending: str, encoding: str
) -> None:
    path = _write(
        tmp_path / f"ledger_{ending}.csv",
        [";".join(r) for r in LEDGER_ROWS],
        ENDINGS[ending],
        encoding,
    )
    [result] = ingest_files([path], settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)
    rows = query(
        settings,
        "select invoice_id, supplier_name, amount_eur, source_row from raw_ledger_lines "
        "order by invoice_id",
    )
    assert [r[:3] for r in rows] == EXPECTED_LINES
    assert [r[3] for r in rows] == [2, 3, 4]


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_fec_any_line_end(settings: Settings, tmp_path: Path, ending: str) -> None:
    path = _write(tmp_path / "123456789FEC20261231.txt", [FEC_HEADER, *FEC_ROWS], ENDINGS[ending])
    [result] = ingest_files([path], settings=settings)
    assert result.rows_loaded == 2
    rows = query(
        settings,
        "select invoice_id, supplier_code, supplier_name, amount_eur from raw_ledger_lines "
        "order by invoice_id",
    )
    assert rows == [
        ("AC-1", "F001", "Acme", Decimal("100.00")),
        ("AC-2", "F002", "Béta", Decimal("25.50")),
    ]


def test_control_characters_do_not_survive_in_keys_or_text(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "ctrl.csv"
    path.write_bytes(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT;Libellé\n"
        'S1;"F-001\r\n";05/01/2026;"ACME\r\nSARL";10;"ligne 1\nligne 2"\n'
        "S1;F-002\t;05/01/2026;Béta\x0c;20;fin\x1a\n".encode()
    )
    [result] = ingest_files([path], settings=settings)
    assert result.rows_loaded == 2
    rows = query(
        settings,
        "select invoice_id, supplier_name, description from raw_ledger_lines order by invoice_id",
    )
    assert rows == [("F-001", "ACME SARL", "ligne 1 ligne 2"), ("F-002", "Béta", "fin")]


def test_amounts_with_more_than_two_decimals_are_rounded_and_counted(
    settings: Settings, tmp_path: Path
) -> None:
    rows = [
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT",
        "S1;F-001;05/01/2026;A;0,125",  # -> 0.13
        "S1;F-002;05/01/2026;A;-0,125",  # -> -0.13 (half away from zero)
        "S1;F-003;05/01/2026;A;1 234,5649",  # -> 1234.56
        "S1;F-004;05/01/2026;A;2,10",  # two decimals: not rounded
        "S1;F-005;05/01/2026;A;3,1000",  # trailing zeros: nothing lost, not counted
        "S1;F-006;31/02/2026;A;9,999",  # impossible date: quarantined, not counted
    ]
    path = _write(tmp_path / "decimals.csv", rows, "\n")
    [result] = ingest_files([path], settings=settings)
    assert result.rounded_amounts == 3
    assert any("3 montant(s)" in w and "arrondi" in w for w in result.warnings)
    got = query(settings, "select invoice_id, amount_eur from raw_ledger_lines order by 1")
    assert got == [
        ("F-001", Decimal("0.13")),
        ("F-002", Decimal("-0.13")),
        ("F-003", Decimal("1234.56")),
        ("F-004", Decimal("2.10")),
        ("F-005", Decimal("3.10")),
    ]
    [(details, note)] = query(settings, "select details, note from loads")
    assert json.loads(details)["rounded_amounts"] == 3
    assert "arrondi" in note
    [(reason,)] = query(settings, "select reason from quarantine")
    assert reason.startswith("date impossible")


def test_no_rounding_no_warning(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path / "plain.csv", [";".join(r) for r in LEDGER_ROWS], "\n")
    [result] = ingest_files([path], settings=settings)
    assert result.rounded_amounts == 0
    assert not any("arrondi" in w for w in result.warnings)


runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "body", "line"),
    [
        # a giant field on the third line
        (
            "giant_field.csv",
            "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
            "S1;F-001;05/01/2026;A;1\n"
            "S1;F-002;05/01/2026;" + "x" * (3 << 20) + ";2\n"
            "S1;F-003;05/01/2026;C;3\n",
            3,
        ),
        # an unclosed quote swallows the rest of the file
        (
            "open_quote.csv",
            "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
            "S1;F-001;05/01/2026;A;1\n"
            'S1;F-002;05/01/2026;"B;2\n' + ("S1;F-003;05/01/2026;C;3\n" * 100_000),
            3,
        ),
        # one line, longer than the sniffer's sample
        ("one_line.csv", "x;" * (1 << 20), 1),
    ],
)
def test_row_larger_than_the_reader_limit(
    asr_home: Path, tmp_path: Path, name: str, body: str, line: int
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    out = runner.invoke(app, ["ingest", str(path)])
    assert out.exit_code != 0
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert f"{name}, ligne {line}" in out.output
    assert "trop longue" in out.output
    assert "Traceback" not in out.output
    assert len(out.output) < 2000  # the giant line is not echoed back


@pytest.mark.parametrize("stray", ["\t", "\x0c", "\x00"])
def test_control_characters_beyond_the_sniffed_sample(
    settings: Settings, tmp_path: Path, stray: str
) -> None:
    """The cleaner is chosen from the first megabyte; the hash thread reads the whole file and
    a stray byte further on makes the load run again with the cleaner it needs."""
    head = "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
    filler = "".join(f"S1;F{i:06d};05/01/2026;Fournisseur {i};1\n" for i in range(40_000))
    assert len(filler.encode()) > (1 << 20)
    path = tmp_path / "late.csv"
    path.write_bytes((head + filler + f"S1;LATE{stray};05/01/2026;Late{stray}Name;2\n").encode())
    [result] = ingest_files([path], settings=settings)
    assert result.rows_loaded == 40_001
    rows = query(
        settings,
        "select invoice_id, supplier_name from raw_ledger_lines where invoice_id like 'LATE%'",
    )
    assert rows == [("LATE", "Late Name")]


def test_text_cleaner_levels() -> None:
    from pipelines.ingest.sniff import ControlBytes
    from pipelines.ingest.tabular import TabularFile, text_cleaner

    def tab(delimiter: str = ";", **kw: object) -> TabularFile:
        return TabularFile(
            source=Path("x"), csv_path=Path("x"), delimiter=delimiter, header=[], skip=1,
            first_row_no=2, encoding="utf-8", **kw,  # type: ignore[arg-type]
        )  # fmt: skip

    assert text_cleaner(tab()) == "plain"
    assert text_cleaner(tab(), ControlBytes()) == "plain"
    assert text_cleaner(tab(), ControlBytes(tabs=True)) == "fast"
    assert text_cleaner(tab("\t"), ControlBytes(tabs=True)) == "plain"
    assert text_cleaner(tab(quoted_newlines=True)) == "fast"
    assert text_cleaner(tab(), ControlBytes(cr_runs=True)) == "fast"
    assert text_cleaner(tab(controls=ControlBytes(rare=True))) == "thorough"
    assert text_cleaner(tab(), ControlBytes(rare=True)) == "thorough"
    assert text_cleaner(None) == "thorough"


def test_excel_amounts_read_as_excel_shows_them(settings: Settings, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "ledger.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Société", "N° de facture", "Date de facture", "Fournisseur", "Montant HT"])
    sheet.append(["S1", "F-001", "05/01/2026", "ACME\nSARL", 0.1 + 0.2])  # 0,3 in Excel
    sheet.append(["S1", "F-002", "05/01/2026", "Béta\tFils", 0.125])
    sheet.append(["S1", "F-003", "05/01/2026", "Gamma", 1e-5])
    book.save(path)
    [result] = ingest_files([path], settings=settings)
    assert result.rounded_amounts == 2  # 0.125 and 0.00001, not 0.30000000000000004
    rows = query(
        settings,
        "select invoice_id, supplier_name, amount_eur from raw_ledger_lines order by 1",
    )
    assert rows == [
        ("F-001", "ACME SARL", Decimal("0.30")),
        ("F-002", "Béta Fils", Decimal("0.13")),
        ("F-003", "Gamma", Decimal("0.00")),
    ]


def test_decp_csv_giant_field_names_the_line(asr_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "decp.csv"
    path.write_text(
        "id;acheteur.id;objet;codeCPV;montant;dateNotification;considerationsSociales\r\r\n"
        "M1;21750001600019;Travaux;45000000;1000;2024-01-05;Clause sociale\r\r\n"
        "M2;21750001600019;" + "x" * 200_000 + ";45000000;1000;2024-01-05;\r\r\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["ingest", str(path), "--format", "decp"])
    assert out.exit_code != 0
    assert "decp.csv, ligne 3" in out.output
    assert "Traceback" not in out.output
    assert len(out.output) < 2000
