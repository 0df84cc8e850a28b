"""``asr classify`` and the ``asr review`` queue."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_json, echo_rows


def classify_command(
    evaluate: Path = typer.Option(
        None, "--evaluate", help="Labelled CSV: print precision and recall per rule instead."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Classify every supplier (override, SIRET, SIREN, name) and refresh the marts."""
    if evaluate is not None:
        from pipelines.classify.evaluate import evaluate_file

        report = evaluate_file(evaluate)
        if fmt == OutputFormat.json:
            echo_json(report)
        else:
            echo_rows(report["rules"], fmt)
        return
    from pipelines.classify import classify

    result = classify()
    if fmt == OutputFormat.json:
        echo_json(result.as_dict())
        return
    typer.echo(f"{result.suppliers} fournisseurs classés en {result.seconds:.2f} s")
    for status in ("certain", "probable", "none"):
        typer.echo(f"  {status:<9} {result.by_status.get(status, 0)}")
    typer.echo("  par règle : " + ", ".join(f"{k} {v}" for k, v in sorted(result.by_rule.items())))


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("classify")(classify_command)
