"""The labelled evaluation set holds the quality targets of issue 4."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from pipelines.classify.evaluate import evaluate_file
from pipelines.reference import load_reference
from pipelines.settings import Settings

EVAL = Path(__file__).parent / "eval"


def test_evaluation_meets_targets(settings: Settings) -> None:
    load_reference([EVAL / "reference.csv"], "csv", as_of=dt.date(2024, 1, 1), settings=settings)
    report = evaluate_file(EVAL / "labels.csv", settings)
    rules = {row["rule"]: row for row in report["rules"]}
    assert rules["certain"]["precision"] == 1.0
    assert rules["siret"]["precision"] == 1.0
    assert rules["name"]["precision"] >= 0.98
    assert rules["name"]["recall"] >= 0.90
    assert report["none_correct"] / report["none_expected"] >= 0.98

    from pipelines.cli import app

    result = CliRunner().invoke(app, ["classify", "--evaluate", str(EVAL / "labels.csv")])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "name" in result.output
