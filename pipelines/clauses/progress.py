"""Progress of clause contracts: hours required vs declared vs estimated, people reached,
pace; computed from the register and the declarations in force, filtered by what the reader
may see (pipelines.access.ClauseView: counts only unless the reader sees participants)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from pipelines.access import ClauseView
from pipelines.clauses.codes import LASTING_OUTCOMES, POSITIVE_OUTCOMES
from pipelines.clauses.declarations import current_declarations
from pipelines.clauses.parameters import on_track_tolerance, planning_parameters
from pipelines.clauses.rules import (
    PlannedHours,
    fte,
    is_implausible,
    pace,
    planned_hours,
    plausible_ceiling,
)
from pipelines.reports.parameters import Version
from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseContract, ClauseDeclaration

ZERO = Decimal("0")


@dataclass(frozen=True)
class ContractProgress:
    clause_id: int
    contract_id: str
    entity: str
    buyer: str | None
    contractor: str
    object: str | None
    category: str | None
    clause_type: str
    status: str
    start_date: dt.date
    end_date: dt.date
    amount_eur: Decimal | None
    hours_required: Decimal | None
    hours_declared: Decimal
    #: amount x labour share / hourly cost x clause rate (None without an amount)
    estimate: PlannedHours | None
    fte_declared: Decimal
    people: int
    contracts_signed: int
    lasting_outcomes: int
    positive_outcomes: int
    pace_status: str
    progress: Decimal | None
    elapsed: Decimal
    ceiling_hours: Decimal | None
    is_implausible: bool
    by_eligibility: dict[str, int] = field(default_factory=dict)
    by_modality: dict[str, int] = field(default_factory=dict)
    #: why a facilitator set this contract's own parameters (None: the dated parameters)
    parameters_reason: str | None = None
    #: each person's latest declaration here (pseudonymous id -> it), so that totals count a
    #: person on several contracts once; never shown (as_row has counts only)
    latest_by_person: Mapping[str, ClauseDeclaration] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def hours_estimated(self) -> Decimal | None:
        return None if self.estimate is None else self.estimate.rounded

    def as_row(self) -> dict[str, Any]:
        """A flat row (counts only: never a participant)."""
        params = self.estimate.parameters if self.estimate else None
        return {
            "clause_id": self.clause_id,
            "contract_id": self.contract_id,
            "entity": self.entity,
            "buyer": self.buyer,
            "contractor": self.contractor,
            "clause_type": self.clause_type,
            "status": self.status,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "amount_eur": self.amount_eur,
            "hours_required": self.hours_required,
            "hours_declared": self.hours_declared,
            "hours_estimated": self.hours_estimated,
            "labour_share": params.labour_share if params else None,
            "hourly_cost_eur": params.hourly_cost_eur if params else None,
            "clause_rate": params.clause_rate if params else None,
            "parameters_reason": self.parameters_reason,
            "fte_declared": self.fte_declared,
            "people": self.people,
            "contracts_signed": self.contracts_signed,
            "lasting_outcomes": self.lasting_outcomes,
            "pace": self.pace_status,
            "progress": None if self.progress is None else round(self.progress, 4),
            "elapsed": round(self.elapsed, 4),
            "implausible": self.is_implausible,
        }


def contract_name(c: ClauseContract) -> str:
    return c.contractor_name or c.contractor_siret or ""


def progress_of(
    contract: ClauseContract,
    declarations: Sequence[ClauseDeclaration],
    as_of: dt.date,
    table: Mapping[str, list[Version]] | None = None,
) -> ContractProgress:
    """One contract's figures from its declarations in force (periods starting by ``as_of``)."""
    counted = [d for d in declarations if d.period_start <= as_of]
    declared = sum((Decimal(d.hours) for d in counted), ZERO)
    params = planning_parameters(
        contract.start_date,
        category=contract.category,
        siret=contract.contractor_siret,
        labour_share=contract.labour_share,
        hourly_cost_eur=contract.hourly_cost_eur,
        clause_rate=contract.clause_rate,
        table=table,
    )
    estimate = ceiling = None
    if contract.amount_eur is not None:
        estimate = planned_hours(Decimal(contract.amount_eur), params)
        ceiling = plausible_ceiling(
            Decimal(contract.amount_eur), params.labour_share, params.hourly_cost_eur
        )
    people: dict[str, ClauseDeclaration] = {}
    for d in counted:  # a person's latest declaration says their category and outcome
        people[d.participant_id] = d
    signed = {d.participant_id for d in counted if d.employment_contract_signed}
    step = pace(
        declared,
        None if contract.hours_required is None else Decimal(contract.hours_required),
        contract.start_date,
        contract.end_date,
        as_of,
        on_track_tolerance(as_of, table),
    )
    return ContractProgress(
        clause_id=contract.clause_id,
        contract_id=contract.contract_id,
        entity=contract.entity,
        buyer=contract.buyer,
        contractor=contract_name(contract),
        object=contract.object,
        category=contract.category,
        clause_type=contract.clause_type,
        status=contract.status,
        start_date=contract.start_date,
        end_date=contract.end_date,
        amount_eur=contract.amount_eur,
        hours_required=contract.hours_required,
        hours_declared=declared,
        estimate=estimate,
        fte_declared=fte(declared),
        people=len(people),
        contracts_signed=len(signed),
        lasting_outcomes=sum(p.outcome_6_months in LASTING_OUTCOMES for p in people.values()),
        positive_outcomes=sum(p.outcome_6_months in POSITIVE_OUTCOMES for p in people.values()),
        pace_status=step.status,
        progress=step.progress,
        elapsed=step.elapsed,
        ceiling_hours=ceiling,
        is_implausible=is_implausible(declared, ceiling),
        by_eligibility=dict(Counter(p.eligibility for p in people.values())),
        by_modality=dict(Counter(p.modality for p in people.values())),
        parameters_reason=contract.parameters_reason,
        latest_by_person=people,
    )


@dataclass(frozen=True)
class ClauseData:
    """What a reader may see of the register at a date."""

    contracts: list[ContractProgress]
    #: per-person declarations (pseudonymous), only for readers who see participants
    participants: list[dict[str, Any]] | None


def visible(contracts: Iterable[ClauseContract], view: ClauseView) -> list[ClauseContract]:
    return [c for c in contracts if view.may_see_contract(c.buyer)]


def load_clause_data(
    settings: Settings,
    view: ClauseView,
    as_of: dt.date,
    *,
    table: Mapping[str, list[Version]] | None = None,
) -> ClauseData:
    with session_scope(settings) as session:
        contracts = visible(
            session.scalars(
                select(ClauseContract).order_by(ClauseContract.entity, ClauseContract.contract_id)
            ),
            view,
        )
        declarations = current_declarations(session)
    by_contract: dict[int, list[ClauseDeclaration]] = {}
    for d in declarations:
        by_contract.setdefault(d.clause_id, []).append(d)
    rows = [progress_of(c, by_contract.get(c.clause_id, []), as_of, table) for c in contracts]
    participants = None
    if view.sees_participants:
        names = {c.clause_id: (c.entity, c.contract_id) for c in contracts}
        participants = [
            {
                "declaration_id": d.declaration_id,
                "entity": names[d.clause_id][0],
                "contract_id": names[d.clause_id][1],
                "participant_id": d.participant_id,
                "period_start": d.period_start,
                "period_end": d.period_end,
                "eligibility": d.eligibility,
                "modality": d.modality,
                "hours": d.hours,
                "employment_contract_signed": d.employment_contract_signed,
                "outcome_6_months": d.outcome_6_months,
                "corrects_id": d.corrects_id,
            }
            for d in declarations
            if d.clause_id in names
        ]
    return ClauseData(rows, participants)


def totals(rows: Sequence[ContractProgress]) -> dict[str, Any]:
    """Headline figures: declared and estimated hours apart (never added up), pace. People are
    distinct pseudonymous ids: a person declared on two contracts counts once here (on each in
    the contract rows), by their latest declaration (category, modality, outcome)."""
    people: dict[str, ClauseDeclaration] = {}
    for r in rows:
        for person, d in r.latest_by_person.items():
            if person not in people or d.declaration_id > people[person].declaration_id:
                people[person] = d
    declared = sum((r.hours_declared for r in rows), ZERO)
    return {
        "contracts": len(rows),
        "hours_required": sum((r.hours_required or ZERO for r in rows), ZERO),
        "hours_declared": declared,
        "hours_estimated": sum((r.hours_estimated or ZERO for r in rows), ZERO),
        "fte_declared": fte(declared),
        "people": len(people),
        "contracts_signed": sum(r.contracts_signed for r in rows),
        "lasting_outcomes": sum(d.outcome_6_months in LASTING_OUTCOMES for d in people.values()),
        "late": sum(r.pace_status == "late" for r in rows),
        "implausible": sum(r.is_implausible for r in rows),
        "by_eligibility": dict(sorted(Counter(d.eligibility for d in people.values()).items())),
        "by_modality": dict(sorted(Counter(d.modality for d in people.values()).items())),
    }


def group_by(rows: Sequence[ContractProgress], key: str) -> list[dict[str, Any]]:
    """Totals per ``entity``, ``contractor`` or ``buyer``."""
    groups: dict[str, list[ContractProgress]] = {}
    for r in rows:
        groups.setdefault(str(getattr(r, key) or ""), []).append(r)
    out = []
    for name, members in sorted(groups.items()):
        t = totals(members)
        out.append(
            {
                key: name,
                **{k: v for k, v in t.items() if not k.startswith("by_")},
            }
        )
    return out
