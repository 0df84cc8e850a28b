"""Plant a few cases of gaming in the demo organisation, for the page « Contrôles » to find.

Before the 2025 closing: invoices of one inclusive supplier pulled into December 2025 (a spike),
a new inclusive supplier bought from only in December 2025 (new and gone), one order of 2026
concentrated on one supplier for the buyer furthest from target, and the demo buyer
("acheteur") declaring one of their own suppliers inclusive (a self-interested decision).
A newer 2026 extract moves invoices of one buyer to another just under a payout threshold (a
portfolio move). After the closing: most of the December invoices credited back in January 2026
(a reversal).

The planted invoices go through the product's own ingestion, as a ledger file would.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipelines.kpi import inclusive_families
from pipelines.settings import Settings
from pipelines.sql import load_sql

#: The demo buyer's person (pipelines.demo.DEMO_USERS["acheteur"]).
DEMO_BUYER = "ACH002"
SPIKE_INVOICES = 6
SPIKE_EUR = Decimal("25000")
CREDIT_EUR = Decimal("-60000")
NEW_GONE_EUR = Decimal("30000")

HEADER = (
    "Société",
    "N° de facture",
    "N° de ligne",
    "Date de facture",
    "Code fournisseur",
    "Raison sociale fournisseur",
    "SIRET fournisseur",
    "CP fournisseur",
    "Acheteur",
    "Compte général",
    "Catégorie d'achat",
    "Montant HT (EUR)",
    "Devise",
)


@dataclass
class Planted:
    """What was planted: the suppliers each planted signal is about."""

    suppliers: dict[str, str] = field(default_factory=dict)  # supplier_key -> case
    spike_row: dict[str, Any] | None = None


def _candidates(settings: Settings, year: int) -> list[dict[str, Any]]:
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        cur = con.execute(
            load_sql("controls/demo_candidates"),
            {
                "year": year,
                "inclusive_families": inclusive_families(settings),
                "buyers": None,
                "entities": None,
            },
        )
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        unused = con.execute(
            load_sql("controls/demo_unused_siae"),
            {"inclusive_families": inclusive_families(settings)},
        ).fetchone()
    finally:
        con.close()
    if unused is not None:
        rows.append({"unused": unused})
    return rows


def _line(row: dict[str, Any], invoice: str, day: dt.date, amount: Decimal) -> list[str]:
    return [
        str(row["entity"]),
        invoice,
        "1",
        day.strftime("%d/%m/%Y"),
        str(row["supplier_code"] or ""),
        str(row["supplier_name"] or ""),
        str(row["siret"] or ""),
        str(row["post_code"] or ""),
        str(row["buyer"]),
        str(row["account"] or ""),
        str(row["category"] or ""),
        f"{amount:.2f}".replace(".", ","),
        "EUR",
    ]


def _write(path: Path, lines: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(lines)
    return path


def _ingest(path: Path, settings: Settings) -> None:
    from pipelines.classify import classify
    from pipelines.ingest import ingest_files

    list(ingest_files([path], settings=settings, quiet=True))
    classify(settings=settings)


def _lowest_buyer_objective(settings: Settings, period: str, buyers: set[str]) -> Any:
    from pipelines.objectives import compute_attainment

    results = [
        r
        for r in compute_attainment(period, settings=settings)
        if r.spec is not None
        and r.spec.scope_type == "buyer"
        and r.owner != DEMO_BUYER
        and r.owner in buyers
    ]
    if not results:
        return None
    return min(results, key=lambda r: (r.attainment, r.owner))


def plant_before_close(
    settings: Settings, folder: Path, say: Callable[[str], None] = print
) -> Planted:
    """Plant the cases that must be in the figures when 2025 closes."""
    from pipelines.classify.review import set_kind

    say("Contrôles : cas de contournement plantés dans la démo…")
    planted = Planted()
    rows_2025 = _candidates(settings, 2025)
    unused = next((r["unused"] for r in rows_2025 if "unused" in r), None)
    counted = [r for r in rows_2025 if "unused" not in r and r["is_counted"]]
    rows_2026 = [r for r in _candidates(settings, 2026) if "unused" not in r]
    # a supplier still counted in 2026 (its directory record still valid for the credits)
    lasting = {r["supplier_key"] for r in rows_2026 if r["is_counted"]}
    counted = [r for r in counted if r["supplier_key"] in lasting] or counted
    lines: list[list[str]] = []
    if counted:
        spike = counted[0]
        planted.spike_row = spike
        planted.suppliers[spike["supplier_key"]] = "spike"
        for i in range(SPIKE_INVOICES):
            day = dt.date(2025, 12, 1) + dt.timedelta(days=3 * i)
            lines.append(_line(spike, f"CTRL-PIC-{i + 1:02d}", day, SPIKE_EUR))
        host = next((r for r in counted if r["buyer"] != spike["buyer"]), spike)
        if unused is not None:
            siret, name, post_code, _kind = unused
            new = {
                **host,
                "supplier_code": "CTRL-NEW",
                "supplier_name": name,
                "siret": siret,
                "post_code": post_code,
            }
            planted.suppliers[str(siret)] = "new_gone"
            for i, day in enumerate((dt.date(2025, 12, 8), dt.date(2025, 12, 16))):
                lines.append(_line(new, f"CTRL-NEW-{i + 1:02d}", day, NEW_GONE_EUR))
    # not the spike's buyer: the January credits will weigh on their 2026
    spike_buyer = planted.spike_row["buyer"] if planted.spike_row else None
    low = _lowest_buyer_objective(
        settings,
        "2026",
        {str(r["buyer"]) for r in rows_2026 if r["is_counted"] and r["buyer"] != spike_buyer},
    )
    theirs = [
        r for r in rows_2026 if low is not None and r["buyer"] == low.owner and r["is_counted"]
    ]
    if theirs:
        total = sum((Decimal(r["amount_eur"]) for r in theirs), Decimal("0"))
        big = theirs[0]
        planted.suppliers[big["supplier_key"]] = "concentration"
        # one order that takes the buyer past target, and brings over 80 % of their actual
        amount = max(low.target * Decimal("1.15") - low.actual, total * 4, Decimal("60000"))
        amount = amount.quantize(Decimal("1"))
        # dated like the supplier's last counted invoice: its directory record is valid then
        lines.append(_line(big, "CTRL-CONC-01", big["last_date"], amount))
    folder.mkdir(parents=True, exist_ok=True)
    _ingest(_write(folder / "grand_livre_controles_2025.csv", lines), settings)
    plant_portfolio_move(
        settings,
        folder,
        planted,
        {DEMO_BUYER, low.owner if low is not None else "", str(spike_buyer)},
    )
    own = [
        r
        for r in rows_2026
        if r["buyer"] == DEMO_BUYER and not r["is_counted"] and r["is_addressable"]
    ]
    if own:
        chosen = own[0]
        planted.suppliers[chosen["supplier_key"]] = "self_interest"
        set_kind(
            chosen["supplier_key"],
            "EA",
            actor="acheteur",
            reason="Démo : fournisseur déclaré entreprise adaptée par l'acheteur lui-même",
            settings=settings,
        )
    return planted


def _buyer_invoices(settings: Settings, year: int, buyer: str) -> list[dict[str, Any]]:
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        cur = con.execute(
            load_sql("controls/demo_buyer_invoices"),
            {
                "year": year,
                "buyer": buyer,
                "inclusive_families": inclusive_families(settings),
                "buyers": None,
                "entities": None,
            },
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def plant_portfolio_move(
    settings: Settings, folder: Path, planted: Planted, avoid: set[str]
) -> None:
    """A newer 2026 extract gives a buyer under their curve's first point invoices of another
    buyer, enough to reach their target (the re-extract keeps every line of those invoices)."""
    from pipelines.objectives import compute_attainment
    from pipelines.objectives.curves import parse_curve

    results = [
        r
        for r in compute_attainment("2026", settings=settings)
        if r.spec is not None and r.spec.scope_type == "buyer" and r.owner not in avoid
    ]
    for r in sorted(results, key=lambda r: (-r.attainment, r.owner)):
        assert r.spec is not None
        threshold = parse_curve(r.spec.curve).threshold
        if not (threshold - Decimal("0.6") <= r.attainment < threshold):
            continue
        # to the target itself: crossing the first point alone moves less than the 500 EUR floor
        needed = r.target - r.actual
        donors = sorted(
            (x for x in results if x.owner != r.owner), key=lambda x: (-x.actual, x.owner)
        )
        for donor in donors:
            lines = _buyer_invoices(settings, 2026, donor.owner)
            chosen: list[dict[str, Any]] = []
            moved = Decimal("0")
            seen: set[tuple[str, str]] = set()
            for line in lines:
                key = (line["entity"], line["invoice_id"])
                if key not in seen:
                    if moved >= needed * Decimal("1.1"):
                        break
                    seen.add(key)
                    moved += Decimal(line["invoice_eur"])
                chosen.append(line)
            if moved < needed:
                continue
            rows = [
                [
                    str(x["entity"]),
                    str(x["invoice_id"]),
                    str(x["line_no"]),
                    x["invoice_date"].strftime("%d/%m/%Y"),
                    str(x["supplier_code"] or ""),
                    str(x["supplier_name"] or ""),
                    str(x["siret"] or ""),
                    str(x["post_code"] or ""),
                    r.owner,
                    str(x["account"] or ""),
                    str(x["category"] or ""),
                    f"{Decimal(x['amount_eur']):.2f}".replace(".", ","),
                    "EUR",
                ]
                for x in chosen
            ]
            for x in chosen:
                planted.suppliers.setdefault(str(x["supplier_key"]), "portfolio")
            _ingest(_write(folder / "grand_livre_reextraction_2026.csv", rows), settings)
            return


def plant_after_close(
    settings: Settings, folder: Path, planted: Planted, say: Callable[[str], None] = print
) -> None:
    """Credit back most of the December invoices in January 2026, after the closing."""
    row = planted.spike_row
    if row is None:
        return
    lines = [
        _line(
            row, f"CTRL-AV-{i + 1:02d}", dt.date(2026, 1, 12) + dt.timedelta(days=7 * i), CREDIT_EUR
        )
        for i in range(2)
    ]
    _ingest(_write(folder / "grand_livre_controles_2026.csv", lines), settings)
