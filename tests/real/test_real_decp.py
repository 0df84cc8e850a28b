"""Real public DECP files (tests/real/decp/README.md) loaded with ``asr ingest --format decp``.

The expected figures come from an independent reading of each file written here from the DECP
formats (plain json/csv, nothing imported from ``pipelines``):

* a contract is identified by its buyer + id (or the ``uid`` the file gives) and what
  distinguishes records sharing them: object, notification date, amount and holders (a JSON
  record lists its holders; a flat CSV has one row per holder of a contract);
* a record equal to another on all of these is the same contract published again;
* the amount is the ``montant`` at notification (amounts of 1e13 and more are placeholders);
* a contract has a social consideration when one of its labels reads as a social clause, a
  social criterion or a reserved contract (and not "Pas de ...").
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.settings import Settings

REAL = Path(__file__).parent / "decp"
runner = CliRunner()
PLACEHOLDER = Decimal("1e13")


def fold(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def social(labels: list[str]) -> bool:
    for label in labels:
        folded = fold(label)
        if re.match(r"(pas|aucun|aucune|sans|non)\b", folded):
            continue
        if re.search(r"clauses? soci|criteres? soci|marches? reserv|^reserv", folded):
            return True
    return False


def money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return None if abs(amount) >= PLACEHOLDER else amount


def unwrap_list(value: Any, key: str) -> list[Any]:
    if isinstance(value, dict):
        value = value.get(key, [])
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def holder_ids(record: dict[str, Any]) -> tuple[str, ...]:
    ids = []
    for entry in unwrap_list(record.get("titulaires"), "titulaire"):
        holder = entry.get("titulaire", entry) if isinstance(entry, dict) else None
        if isinstance(holder, dict) and holder.get("id"):
            ids.append(str(holder["id"]).strip())
    return tuple(sorted(ids))


def read_json(path: Path) -> tuple[int, dict[tuple[Any, ...], tuple[Decimal | None, bool]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    records = data["marches"]
    if isinstance(records, dict):
        records = records["marche"]
    contracts = {}
    for record in records:
        buyer = record.get("acheteur") or {}
        buyer_id = buyer.get("id") if isinstance(buyer, dict) else None
        buyer_id = buyer_id or record.get("acheteur.id") or ""
        base = record.get("uid") or buyer_id + record["id"]
        labels = unwrap_list(record.get("considerationsSociales"), "considerationSociale")
        key = (
            base,
            fold(record.get("objet")),
            str(record.get("dateNotification") or "")[:10],
            money(record.get("montant")),
            holder_ids(record),
        )
        contracts[key] = (money(record.get("montant")), social([str(x) for x in labels]))
    return len(records), contracts


def read_flat_csv(path: Path) -> tuple[int, dict[tuple[Any, ...], tuple[Decimal | None, bool]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    contracts = {}
    for row in rows:
        base = row.get("uid") or row["acheteur_id"] + row["id"]
        key = (base, fold(row.get("objet")), row["dateNotification"][:10], money(row["montant"]))
        labels = re.split(r"[|;,]", row.get("considerationsSociales") or "")
        contracts[key] = (money(row["montant"]), social(labels))
    return len(rows), contracts


FILES = {
    "decp_2019_e-marchespublics.json": read_json,
    "decp_2019_pes_uid.json": read_json,
    "decp_2024_maximilien.json": read_json,
    "decp_2024_maximilien_flux_list.json": read_json,
    "decp_travaux_2024h2_flat.csv": read_flat_csv,
}


def expected(name: str) -> dict[str, Any]:
    records, contracts = FILES[name](REAL / name)
    amounts = [a or Decimal(0) for a, _ in contracts.values()]
    socials = [a or Decimal(0) for a, s in contracts.values() if s]
    return {
        "records": records,
        "contracts": len(contracts),
        "amount": sum(amounts, Decimal("0.00")),
        "count_social": len(socials),
        "amount_social": sum(socials, Decimal("0.00")),
    }


def ingest(name: str) -> dict[str, Any]:
    out = runner.invoke(app, ["ingest", str(REAL / name), "--format", "decp", "--quiet"])
    assert out.exit_code == 0, out.output
    loads = runner.invoke(app, ["loads", "list", "--format", "json"])
    assert loads.exit_code == 0, loads.output
    (load,) = json.loads(loads.output)
    return load


def report() -> dict[str, Any]:
    out = runner.invoke(app, ["report", "decp", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)["rows"]
    return {
        "contracts": sum(r["count_contracts"] for r in rows),
        "amount": sum((Decimal(str(r["amount_eur"])) for r in rows), Decimal("0.00")),
        "count_social": sum(r["count_social"] for r in rows),
        "amount_social": sum((Decimal(str(r["amount_social_eur"])) for r in rows), Decimal(0)),
    }


@pytest.mark.parametrize("name", sorted(FILES))
def test_real_decp_figures_match_an_independent_reading(settings: Settings, name: str) -> None:
    want = expected(name)
    ingest(name)
    got = report()
    assert got["contracts"] == want["contracts"]
    assert got["amount"] == want["amount"]
    assert (got["count_social"], got["amount_social"]) == (
        want["count_social"],
        want["amount_social"],
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_real_decp_no_record_vanishes(settings: Settings, name: str) -> None:
    want = expected(name)
    load = ingest(name)
    assert load["rows_read"] == want["records"]
    assert load["rows_read"] == load["rows_loaded"] + load["rows_quarantined"]
    quarantine = runner.invoke(app, ["loads", "quarantine", "--format", "json"])
    assert quarantine.exit_code == 0, quarantine.output
    rows = json.loads(quarantine.output)
    assert len(rows) == load["rows_quarantined"]
    assert all(r["reason"] and r["row_no"] for r in rows)


def test_real_decp_reload_changes_nothing(settings: Settings) -> None:
    name = "decp_2019_e-marchespublics.json"
    ingest(name)
    first = report()
    runner.invoke(app, ["ingest", str(REAL / name), "--format", "decp", "--quiet"])
    assert report() == first


def test_report_decp_before_the_national_target_says_why(settings: Settings) -> None:
    ingest("decp_2019_e-marchespublics.json")
    out = runner.invoke(app, ["report", "decp", "--year", "2018"])
    assert out.exit_code == 0, out.output
    assert "Pas de cible nationale pour 2018" in out.output
    body = json.loads(runner.invoke(app, ["report", "decp", "--format", "json"]).output)
    assert {r["year"] for r in body["rows"]} == {2018, 2019}
    assert all(r["target_share"] is None for r in body["rows"])
