"""The workspace's declared hours, as the ``insertion_hours`` indicator reads them.

The rule (one home: :func:`pipelines.reports.hours.insertion_hours_report` applies it):

- a contract with at least one declaration in force in the workspace (the store) counts the
  hours of those declarations — corrections applied, the latest correction wins, a corrected row
  never counts beside its correction — each spread evenly over the days of its own period;
- a contract with none counts the ``hours_achieved`` of the contracts file
  (``asr contracts load``), spread over the contract's days;
- the spend of a contractor whose hours are declared (either way) is not estimated over the
  contract's days in the contract's entity, so declared and estimated hours are never added for
  the same contract/period;
- a buyer's scope counts the workspace contracts that buyer owns (the contracts file names no
  buyer: its contracts count in entity and organisation scopes only, and in a buyer's scope their
  contractor's spend stays estimated) — never both, never neither.

This module only reads the store; the entry point passes what it returns to the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.clauses.declarations import current_declarations
from pipelines.settings import Settings
from pipelines.store.models import ClauseContract


@dataclass(frozen=True)
class DeclaredPeriod:
    period_start: dt.date
    period_end: dt.date
    hours: Decimal


@dataclass(frozen=True)
class DeclaredContract:
    """A register contract whose hours come from the workspace's declarations."""

    entity: str
    contract_id: str
    #: the buyer who owns the contract (a buyer's objective counts their contracts' hours)
    buyer: str | None
    contractor_siret: str | None
    contractor_name: str | None
    start_date: dt.date
    end_date: dt.date
    amount_eur: Decimal | None
    hours_required: Decimal | None
    declarations: tuple[DeclaredPeriod, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.entity, self.contract_id)

    @property
    def hours_declared(self) -> Decimal:
        return sum((d.hours for d in self.declarations), Decimal(0))


def declared_contracts(session: Session) -> tuple[DeclaredContract, ...]:
    """Register contracts with at least one declaration in force, with those declarations."""
    by_clause: dict[int, list[DeclaredPeriod]] = {}
    for d in current_declarations(session):
        by_clause.setdefault(d.clause_id, []).append(
            DeclaredPeriod(d.period_start, d.period_end, Decimal(d.hours))
        )
    if not by_clause:
        return ()
    contracts = session.scalars(
        select(ClauseContract)
        .where(ClauseContract.clause_id.in_(by_clause))
        .order_by(ClauseContract.entity, ClauseContract.contract_id)
    )
    return tuple(
        DeclaredContract(
            entity=c.entity,
            contract_id=c.contract_id,
            buyer=c.buyer,
            contractor_siret=c.contractor_siret,
            contractor_name=c.contractor_name,
            start_date=c.start_date,
            end_date=c.end_date,
            amount_eur=None if c.amount_eur is None else Decimal(c.amount_eur),
            hours_required=None if c.hours_required is None else Decimal(c.hours_required),
            declarations=tuple(by_clause[c.clause_id]),
        )
        for c in contracts
    )


def read_declared_contracts(settings: Settings) -> tuple[DeclaredContract, ...]:
    """:func:`declared_contracts` in a session of its own (the store the entry point migrated)."""
    from pipelines.store.db import session_scope

    with session_scope(settings) as session:
        return declared_contracts(session)
