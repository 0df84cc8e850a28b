"""Each signal's sentence in French and English: numbers, money, shares and dates in the
reader's language (pipelines.formatting), never raw ratios like « 99.6 % » or « 0.99 »."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.controls.model import LineFilter, Signal, explain, index, money, percent

NB = "\u00a0"  # French figures never wrap


def signal(kind: str, figures: dict[str, str]) -> Signal:
    day = dt.date(2025, 12, 31)
    return Signal(kind, "2025", "s", Decimal(1), Decimal(1), ("O",), figures, LineFilter(day, day))


CASES = [
    (
        "spike",
        {
            "supplier": "ACME",
            "tail_eur": money(Decimal("123456.50")),
            "share": percent(Decimal("0.99634")),
            "expected": percent(Decimal("0.115")),
            "excess_eur": money(Decimal("110000.4")),
            "days": "42",
        },
        f"ACME : 123{NB}457{NB}€ dans les 42 derniers jours de la période, soit 99,6{NB}% de "
        f"l'année contre 11,5{NB}% attendus ; 110{NB}000{NB}€ au-dessus de la saisonnalité.",
        "ACME: €123,457 in the period's last 42 days, 99.6% of the year against 11.5% "
        "expected; €110,000 above seasonality.",
    ),
    (
        "reversal",
        {
            "supplier": "ACME",
            "reversed_eur": money(Decimal("-120000")),
            "closed_eur": money(Decimal("1250000")),
            "last_date": "2026-02-15",
        },
        f"ACME : -120{NB}000{NB}€ d'avoirs après la clôture (jusqu'au 15/02/2026) sur "
        f"1{NB}250{NB}000{NB}€ comptés dans les chiffres clôturés.",
        "ACME: -€120,000 of credit notes after the close (until 2026-02-15) on €1,250,000 "
        "counted in the closed figures.",
    ),
    (
        "concentration",
        {
            "objective": "ACH003-2026",
            "supplier": "LVD",
            "share": percent(Decimal("0.8314")),
            "hhi": index(Decimal("0.6923")),
            "suppliers": "18",
        },
        f"ACH003-2026 : LVD apporte 83,1{NB}% du réalisé (18 fournisseurs, indice de "
        "Herfindahl 0,69).",
        "ACH003-2026: LVD brings 83.1% of the actual (18 suppliers, Herfindahl index 0.69).",
    ),
    (
        "new_gone",
        {
            "supplier": "NEW",
            "first_date": "2025-11-20",
            "spend_eur": money(Decimal("45000")),
            "days": "60",
        },
        f"NEW : premier achat le 20/11/2025, 45{NB}000{NB}€ comptés, aucun achat depuis la fin "
        "de la période.",
        "NEW: first purchase on 2025-11-20, €45,000 counted, no purchase since the period ended.",
    ),
    (
        "self_interest",
        {
            "actor": "acheteur",
            "action": "override.set_kind",
            "object": "526",
            "owners": "ACH002, DIR01",
            "euros": money(Decimal("577620.99")),
            "date": "2026-12-03",
        },
        "acheteur a choisi de fixer le type de structure pour 526 le 03/12/2026 ; cela fait monter "
        f"l'objectif de ACH002, DIR01 (577{NB}621{NB}€).",
        "acheteur decided to set the structure's kind for 526 on 2026-12-03; it raises the "
        "objective of "
        "ACH002, DIR01 (€577,621).",
    ),
    (
        "portfolio",
        {
            "objective": "ACH018-2026",
            "euros": money(Decimal("67412.66")),
            "from": "ACH022",
            "threshold": percent(Decimal("1")),
            "lines": "17",
        },
        f"ACH018-2026 : 17 ligne(s), 67{NB}413{NB}€, réattribuées depuis ACH022 entre deux "
        f"extractions font passer le seuil de 100,0{NB}%.",
        "ACH018-2026: 17 line(s), €67,413, reassigned from ACH022 between two extracts push it "
        "across the 100.0% threshold.",
    ),
]


@pytest.mark.parametrize(("kind", "figures", "fr", "en"), CASES, ids=[c[0] for c in CASES])
def test_sentence_in_both_languages(kind: str, figures: dict[str, str], fr: str, en: str) -> None:
    s = signal(kind, figures)
    assert explain(s, "fr") == fr
    assert explain(s, "en") == en


def test_every_kind_has_a_case() -> None:
    from pipelines.controls.model import KINDS

    assert {c[0] for c in CASES} == set(KINDS)
