"""Measure the matcher on a labelled set: precision and recall per rule.

A label is a ledger-like supplier (``supplier_name``, ``siret``, ``post_code``, ``invoice_date``)
with the expected legal unit (``expected_siren``, empty when it should not match) and the rule
expected to find it (``expected_rule``: siret, siren, name or none). The matcher runs on the
warehouse's directory records, exactly as ``classify`` does, without writing anything; the match
kept is the one valid at the invoice date. A prediction is correct when it names the expected
legal unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from pipelines.classify import classify_sql
from pipelines.classify.engine import match_all
from pipelines.classify.rules import Record, Supplier, pick
from pipelines.errors import UserError
from pipelines.identifiers import department_of, normalize_siret
from pipelines.settings import Settings
from pipelines.textinput import DateError, parse_date, read_rows, read_text_file

REQUIRED = (
    "case_id",
    "supplier_name",
    "siret",
    "post_code",
    "invoice_date",
    "expected_rule",
    "expected_siren",
)
RULES = ("siret", "siren", "name")


def read_labels(path: Path) -> list[dict[str, str]]:
    try:
        text = read_text_file(path)
    except OSError as exc:
        raise UserError(f"{path} : illisible ({exc}).", f"{path}: cannot read ({exc}).") from None
    lines = iter(read_rows(text, path.name, candidates=(";", ",")))
    header = next(lines, (0, []))[1]
    rows = [dict(zip(header, cells, strict=False)) for _, cells in lines if any(cells)]
    missing = [c for c in REQUIRED if rows and c not in rows[0]]
    if not rows or missing:
        raise UserError(
            f"{path.name} : colonnes attendues {', '.join(REQUIRED)} ; manquantes : "
            f"{', '.join(missing) or 'toutes'}.",
            f"{path.name}: expected columns {', '.join(REQUIRED)}; missing: "
            f"{', '.join(missing) or 'all'}.",
        )
    return rows


def _label_date(row: dict[str, str]) -> dt.date:
    try:
        day = parse_date(row["invoice_date"])
    except DateError as exc:
        raise UserError(
            f"cas {row['case_id']}, colonne invoice_date : « {row['invoice_date']} » : {exc.fr}.",
            f"case {row['case_id']}, column invoice_date: {row['invoice_date']!r}: {exc.en}.",
        ) from None
    if day is None:
        raise UserError(
            f"cas {row['case_id']} : invoice_date vide.", f"case {row['case_id']}: no invoice_date."
        )
    return day


def _all_records(con: duckdb.DuckDBPyConnection) -> list[Record]:
    return [Record(*row) for row in con.execute(classify_sql("all_records")).fetchall()]


def evaluate(
    labels: list[dict[str, str]], records: list[Record], threshold: float
) -> dict[str, Any]:
    """Precision and recall per rule, for certain matches, and overall (pure)."""
    suppliers = []
    for row in labels:
        siret = normalize_siret(row["siret"])
        suppliers.append(
            Supplier(
                key=row["case_id"],
                name=row["supplier_name"] or None,
                siret=siret,
                post_code=row["post_code"] or None,
                department=department_of(row["post_code"]),
            )
        )
    sirens = {s.siren for s in suppliers if s.siren}
    id_records = [r for r in records if r.siren in sirens]
    matches = match_all(suppliers, id_records, records, {}, threshold)
    by_id = {r.record_id: r for r in records}
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    errors = []
    by_damage: dict[str, list[int]] = {}
    for row in labels:
        day = _label_date(row)
        best = pick(matches[row["case_id"]], day)
        status = best.status if best else "none"
        rule = best.rule if best and status != "none" else "none"
        record = by_id.get(best.record_id) if best and best.record_id is not None else None
        ok = (
            record is not None and record.siren == row["expected_siren"]
            if status != "none"
            else not row["expected_siren"]
        )
        predicted[rule] += 1
        if status == "certain":
            predicted["certain"] += 1
            correct["certain"] += int(ok)
        if ok and rule != "none":
            correct[rule] += 1
        exp = row["expected_rule"]
        expected[exp] += 1
        if ok and (exp == "none" or rule != "none"):
            found[exp] += 1
        tally = by_damage.setdefault(row.get("damage") or "-", [0, 0])
        tally[0] += 1
        tally[1] += int(ok)
        if not ok:
            errors.append({**row, "got_rule": rule, "got_siren": record.siren if record else ""})
    report_rows = []
    for rule in (*RULES, "certain"):
        n_pred = predicted[rule]
        n_exp = expected[rule] if rule != "certain" else None
        report_rows.append(
            {
                "rule": rule,
                "predicted": n_pred,
                "correct": correct[rule],
                "precision": round(correct[rule] / n_pred, 4) if n_pred else None,
                "expected": n_exp,
                "recall": round(found[rule] / n_exp, 4) if n_exp else None,
            }
        )
    total_ok = len(labels) - len(errors)
    return {
        "labels": len(labels),
        "threshold": threshold,
        "rules": report_rows,
        "none_expected": expected["none"],
        "none_correct": found["none"],
        "accuracy": round(total_ok / len(labels), 4) if labels else None,
        "by_damage": {k: {"cases": n, "correct": c} for k, (n, c) in sorted(by_damage.items())},
        "errors": errors,
    }


def evaluate_file(path: Path, settings: Settings) -> dict[str, Any]:
    """Evaluate the labels at ``path`` against the warehouse's directory records."""
    from pipelines.warehouse import connect_read

    labels = read_labels(Path(path))
    con = connect_read(settings)
    try:
        records = _all_records(con)
    finally:
        con.close()
    if not records:
        raise UserError(
            "aucun annuaire chargé : chargez d'abord les enregistrements de référence "
            "(asr reference load).",
            "no directory loaded: load reference records first (asr reference load).",
        )
    return evaluate(labels, records, settings.name_match_threshold)
