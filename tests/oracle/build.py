"""Load an oracle ``Org`` through the product's own commands (the ``asr`` Typer app).

Files are written as a user would (a ledger CSV, a canonical directory CSV, people and objectives
CSV), then ``asr ingest``, ``asr reference load``, ``asr org load``, ``asr exclusions add``,
``asr review confirm|reject|set`` and ``asr objectives load`` run in a fresh ``ASR_HOME``.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from pipelines.errors import UserError
from tests.oracle.oracle import Org, Override, norm_name

RUNNER = CliRunner()


def asr(*args: str) -> str:
    from pipelines.cli import app

    result = RUNNER.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def asr_json(*args: str) -> Any:
    out = asr(*args, "--format", "json")
    return json.loads(out, parse_float=Decimal, parse_int=Decimal)


def _write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ";"
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def load_org(org: Org, folder: Path) -> dict[int, int]:
    """Load everything; returns our record ref -> the product's record_id."""
    people = _write_csv(
        folder / "people.csv",
        ["person_id", "name", "email", "manager_id", "entity", "role"],
        [
            [
                p.person_id,
                f"Person {p.person_id}",
                f"{p.person_id.lower()}@ex.fr",
                p.manager_id,
                p.entity,
                p.role,
            ]
            for p in org.people
        ]
        + [["oracle", "Oracle Admin", "oracle@ex.fr", "", "E1", "admin"]],
        delimiter=",",
    )
    asr("org", "load", str(people))
    record_ids: dict[int, int] = {}
    if org.records:
        ref_file = _write_csv(
            folder / "annuaire.csv",
            [
                "siret",
                "siren",
                "name",
                "kind",
                "post_code",
                "valid_from",
                "valid_to",
                "source",
                "naf",
            ],
            [
                [
                    r.siret,
                    r.siren,
                    r.name,
                    r.kind,
                    r.post_code,
                    r.valid_from.isoformat() if r.valid_from else "",
                    r.valid_to.isoformat() if r.valid_to else "",
                    "oracle",
                    r.naf,
                ]
                for r in org.records
            ],
        )
        asr("reference", "load", str(ref_file), "--source", "csv", "--as-of", "2024-01-01")
        record_ids = _record_ids(org)
    ledger = _write_csv(
        folder / "grand_livre.csv",
        [
            "entite",
            "numero facture",
            "ligne",
            "date facture",
            "raison sociale",
            "siret",
            "code postal",
            "acheteur",
            "compte",
            "categorie",
            "naf",
            "montant ht",
        ],
        [
            [
                ln.entity,
                ln.invoice_id,
                ln.line_no,
                ln.day.strftime("%d/%m/%Y"),
                ln.supplier_name,
                ln.siret,
                ln.post_code,
                ln.buyer,
                ln.account,
                ln.category,
                ln.naf,
                str(ln.amount).replace(".", ","),
            ]
            for ln in org.lines
        ],
    )
    asr("ingest", str(ledger), "--quiet")
    for kind, value in org.exclusions:
        asr("exclusions", "add", kind, value, "--reason", "oracle")
    _decide(org.overrides, record_ids)
    if org.objectives:
        objectives = _write_csv(
            folder / "objectifs.csv",
            [
                "objective_id",
                "owner",
                "scope_type",
                "scope_value",
                "period_start",
                "period_end",
                "metric",
                "target",
                "weight",
                "variable_pay_eur",
                "curve",
            ],
            [
                [
                    o.objective_id,
                    o.owner,
                    o.scope_type,
                    o.scope_value,
                    o.start.isoformat(),
                    o.end.isoformat(),
                    o.metric,
                    str(o.target),
                    str(o.weight),
                    str(o.pay),
                    o.curve,
                ]
                for o in org.objectives
            ],
            delimiter=",",
        )
        asr("objectives", "load", str(objectives))
    if org.close_2025:
        asr("period", "close", "2025", "--reason", "oracle")
        for kind, value in org.later_exclusions:
            asr("exclusions", "add", kind, value, "--reason", "after the closing")
        _decide(org.later_overrides, record_ids)
    return record_ids


def _decide(overrides: list[Override], record_ids: dict[int, int]) -> None:
    for o in overrides:
        if o.decision == "reject":
            asr("review", "reject", o.supplier_key, "--reason", "oracle")
        elif o.decision == "set":
            asr("review", "set", o.supplier_key, "--kind", o.kind or "", "--reason", "oracle")
        elif o.ref is not None:
            asr("review", "confirm", o.supplier_key, "--record", str(record_ids[o.ref]))
        else:
            # refused (a user error) when nothing is probable: then it changes nothing, as in
            # the oracle, where a confirmation without a probable candidate falls through
            try:
                asr("review", "confirm", o.supplier_key)
            except UserError as exc:
                assert "aucune correspondance probable" in str(exc), exc


def _record_ids(org: Org) -> dict[int, int]:
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        rows = con.execute(
            "select record_id, coalesce(siret, ''), coalesce(siren, ''), name, kind, "
            "valid_from, valid_to from reference_records"
        ).fetchall()
    finally:
        con.close()
    out = {}
    for r in org.records:
        ids = [
            rid
            for rid, siret, siren, name, kind, start, end in rows
            if (siret, norm_name(name), kind, start, end)
            == (r.siret, norm_name(r.name), r.kind, r.valid_from, r.valid_to)
            and (siren == r.siren or not r.siren)
        ]
        assert ids, (r, rows)
        out[r.ref] = ids[0]
    return out
