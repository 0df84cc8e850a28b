"""The demo's social clauses: contracts across the three entities (some ended, some running,
one being prepared), monthly declarations per pseudonymous participant up to the demo's last
day, some contracts late, and renewals inside the opportunity horizon. Written through the
product's own audited functions (pipelines.clauses)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from pipelines.clauses.codes import ELIGIBILITY, MODALITIES
from pipelines.clauses.declarations import DeclarationInput, record_declarations
from pipelines.clauses.parameters import planning_parameters
from pipelines.clauses.register import ContractInput, add_contract
from pipelines.clauses.rules import planned_hours
from pipelines.settings import Settings
from pipelines.store.db import session_scope

ACTOR = "facilitateur"


@dataclass(frozen=True)
class DemoClause:
    contract_id: str
    entity: str
    buyer: str
    contractor: str
    siret: str
    object: str
    category: str
    start: dt.date
    end: dt.date
    amount: str
    people: int
    #: share of the expected pace the contractor actually declares (below ~0.8: late)
    pace: float
    status: str = "running"


CLAUSES = (
    DemoClause(
        "IND-2025-NET", "ACME-IND", "ACH002", "Nord Propreté SAS", "48213257900018",
        "Nettoyage des sites de Lille et Arras", "Nettoyage",
        dt.date(2025, 3, 1), dt.date(2027, 2, 28), "420000.00", 4, 1.05,
    ),
    DemoClause(
        "IND-2025-TRX", "ACME-IND", "ACH002", "BTP Artois", "52134679800027",
        "Réfection des toitures de l'usine d'Arras", "Travaux et maintenance",
        dt.date(2025, 6, 1), dt.date(2026, 12, 31), "1000000.00", 5, 0.45,
    ),
    DemoClause(
        "IND-2025-EV", "ACME-IND", "ACH004", "Jardins de la Somme", "39812345600031",
        "Entretien des espaces verts", "Espaces verts",
        dt.date(2025, 1, 1), dt.date(2025, 12, 31), "150000.00", 3, 1.0, "completed",
    ),
    DemoClause(
        "SRV-2025-RES", "ACME-SRV", "ACH012", "Crèches et Cantines", "81234567800045",
        "Restauration collective du siège", "Restauration",
        dt.date(2025, 2, 1), dt.date(2027, 1, 31), "600000.00", 4, 0.95,
    ),
    DemoClause(
        "SRV-2026-DEC", "ACME-SRV", "ACH013", "Recyclage Francilien", "75312468900052",
        "Collecte et tri des déchets de bureau", "Déchets et recyclage",
        dt.date(2026, 1, 1), dt.date(2027, 6, 30), "240000.00", 3, 0.5,
    ),
    DemoClause(
        "LOG-2025-TRA", "ACME-LOG", "ACH021", "Transports du Rhône", "44987612300069",
        "Navettes inter-sites", "Transport",
        dt.date(2025, 4, 1), dt.date(2027, 3, 31), "800000.00", 4, 0.9,
    ),
    DemoClause(
        "LOG-2026-NET", "ACME-LOG", "ACH022", "Propreté Méditerranée", "50123987400073",
        "Nettoyage de l'entrepôt de Marseille", "Nettoyage",
        dt.date(2026, 5, 1), dt.date(2028, 4, 30), "360000.00", 2, 0.35,
    ),
    DemoClause(
        "SRV-2027-EV", "ACME-SRV", "ACH011", "", "",
        "Espaces verts du siège (consultation en préparation)", "Espaces verts",
        dt.date(2027, 3, 1), dt.date(2029, 2, 28), "180000.00", 0, 0.0, "planned",
    ),
)  # fmt: skip

OUTCOMES = (
    "permanent_contract",
    "fixed_term_over_6_months",
    "qualifying_training",
    "short_employment",
    "jobseeking",
)


def _month_starts(start: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def build_clause_demo(settings: Settings, *, last_day: dt.date, seed: int = 42) -> dict[str, int]:
    """Register the demo contracts and their declarations up to ``last_day``; counts."""
    rng = random.Random(seed)
    counts = {"contracts": 0, "declarations": 0}
    with session_scope(settings) as session:
        for c in CLAUSES:
            amount = Decimal(c.amount)
            plan = planned_hours(amount, planning_parameters(c.start, category=c.category))
            add_contract(
                session,
                ContractInput(
                    contract_id=c.contract_id,
                    entity=c.entity,
                    buyer=c.buyer,
                    start_date=c.start,
                    end_date=c.end,
                    status=c.status,
                    contractor_name=c.contractor or None,
                    contractor_siret=c.siret or None,
                    object=c.object,
                    category=c.category,
                    amount_eur=amount,
                    hours_required=plan.rounded,
                ),
                actor=ACTOR,
            )
            counts["contracts"] += 1
            months = _month_starts(c.start, min(c.end, last_day))
            if not months or c.people == 0:
                continue
            # hours per person-month so that the contract runs at ``pace`` of its requirement
            total_months = len(_month_starts(c.start, c.end))
            joins = [rng.randrange(0, max(1, len(months) // 3)) for _ in range(c.people)]
            person_months = sum(len(months) - j for j in joins)
            target = plan.rounded * Decimal(str(c.pace)) * len(months) / total_months
            per_person_month = target / person_months
            items = []
            for n, joined in enumerate(joins):
                pid = f"P-{c.contract_id[-3:]}-{n + 1:02d}"
                eligibility = ELIGIBILITY[rng.randrange(len(ELIGIBILITY))]
                modality = MODALITIES[rng.randrange(len(MODALITIES))]
                signed = rng.random() < 0.5
                for i, month in enumerate(months[joined:], start=joined):
                    end = min(_month_end(month), c.end, last_day)
                    spread = Decimal(str(round(0.9 + rng.random() * 0.2, 2)))
                    hours = (per_person_month * spread).quantize(Decimal("0.5"))
                    outcome = None
                    if (last_day - month).days < 31 and (last_day - months[joined]).days > 183:
                        outcome = OUTCOMES[rng.randrange(len(OUTCOMES))]
                    items.append(
                        DeclarationInput(
                            entity=c.entity,
                            contract_id=c.contract_id,
                            period_start=max(month, c.start),
                            period_end=end,
                            participant_id=pid,
                            eligibility=eligibility,
                            modality=modality,
                            hours=hours,
                            employment_contract_signed=signed and i == joined,
                            outcome_6_months=outcome,
                        )
                    )
            record_declarations(
                session,
                items,
                actor=ACTOR,
                source=f"demo:{c.contract_id}",
                now=dt.datetime.combine(last_day, dt.time(9)),
            )
            counts["declarations"] += len(items)
    return counts
