"""pipelines.workflows: the use cases the CLI and the dashboard pages share, called directly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.reference import load_reference
from pipelines.settings import Settings
from pipelines.warehouse import connect_read
from pipelines.workflows import LoadOptions, load_and_classify, preview_file
from tests.test_ingest_then_classify import LEDGER, REFERENCE


def _inclusive(settings: Settings) -> Decimal:
    """Certain inclusive spend, summed line by line (not through the KPI code)."""
    con = connect_read(settings)
    try:
        row = con.execute(
            "select coalesce(sum(amount_eur), 0) from fct_spend_lines where status = 'certain'"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return Decimal(row[0])


@pytest.fixture
def files(settings: Settings, tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "ref.csv").write_text(REFERENCE, encoding="utf-8")
    load_reference([tmp_path / "ref.csv"], "csv", settings=settings)
    paths = {"good": tmp_path / "ledger.csv", "bad": tmp_path / "bad.csv"}
    paths["good"].write_text(LEDGER, encoding="utf-8")
    paths["bad"].write_bytes(b"")
    return paths


def test_preview_writes_nothing(settings: Settings, files: dict[str, Path]) -> None:
    preview = preview_file(files["good"], LoadOptions(), settings=settings)
    assert (preview.rows_read, preview.rows_loaded) == (2, 2)
    assert _inclusive(settings) == 0


def test_load_then_classify_keeps_going_and_classifies_once(
    settings: Settings, files: dict[str, Path]
) -> None:
    seen: list[tuple[str, str]] = []
    outcome = load_and_classify(
        [files["bad"], files["good"]],
        LoadOptions(quiet=True),
        settings=settings,
        keep_going=True,
        on_file=lambda path, r: seen.append((path.name, type(r).__name__)),
    )
    assert seen == [("bad.csv", "UserError"), ("ledger.csv", "LoadResult")]
    assert [p.name for p, _ in outcome.failures] == ["bad.csv"]
    assert outcome.rows_loaded == 2
    assert outcome.classified is not None
    assert _inclusive(settings) == Decimal("1234.56")  # Baluchon, in the directory


def test_load_then_classify_one_file_raises_and_skips_classifying(
    settings: Settings, files: dict[str, Path]
) -> None:
    with pytest.raises(UserError):
        load_and_classify([files["bad"]], LoadOptions(), settings=settings)
    outcome = load_and_classify([files["good"]], LoadOptions(), settings=settings)
    assert outcome.classified is not None
    again = load_and_classify([files["good"]], LoadOptions(), settings=settings)
    assert [r.status for r in again.results] == ["unchanged"]
    assert again.classified is None  # nothing new loaded: nothing to classify


def test_no_classification_when_not_asked(settings: Settings, files: dict[str, Path]) -> None:
    outcome = load_and_classify(
        [files["good"]], LoadOptions(), settings=settings, classify_after=False
    )
    assert outcome.rows_loaded == 2 and outcome.classified is None
    assert _inclusive(settings) == 0
