"""ORM models of the objectives store. Money is Numeric(18, 2); identifiers are text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROLES = ("executive", "manager", "buyer", "analyst", "facilitator", "admin")


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"

    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    manager_id: Mapped[str | None] = mapped_column(String(64), index=True)
    entity: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(200), primary_key=True)
    person_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("people.person_id"))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ApiToken(Base):
    """A token for scripts (``asr users token``): only its SHA-256 is stored, never the token."""

    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(200), ForeignKey("users.username"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(200))


class WebSession(Base):
    """A browser session (pipelines.web_sessions): only SHA-256 hashes of its one-time hand-off
    code and of its cookie token are stored, never the values."""

    __tablename__ = "web_sessions"

    session_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(200), ForeignKey("users.username"), index=True)
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handoff_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SignInThrottle(Base):
    """Failed sign-ins per user name (``user:NAME``) or per client (``client:ADDRESS``).

    Kept in the store, not in a browser session, so that a new tab or a new process starts
    nowhere fresh (see pipelines.sign_in).
    """

    __tablename__ = "sign_in_throttle"

    throttle_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Objective(Base):
    __tablename__ = "objectives"

    objective_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    scope_type: Mapped[str] = mapped_column(String(20))
    scope_value: Mapped[str | None] = mapped_column(String(200))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(64))
    target: Mapped[Decimal] = mapped_column(Numeric(20, 6))
    weight: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    variable_pay_eur: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    curve: Mapped[str | None] = mapped_column(String(500))


class Override(Base):
    """An analyst's decision on a supplier: confirm a match, reject it, or set its kind."""

    __tablename__ = "overrides"

    supplier_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    decision: Mapped[str] = mapped_column(String(20))  # confirm | reject | set_kind
    kind: Mapped[str | None] = mapped_column(String(10))
    record_id: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class PeriodClosing(Base):
    __tablename__ = "period_closings"

    period: Mapped[str] = mapped_column(String(20), primary_key=True)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    closed_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    #: Figures as they were at closing: KPI totals and per-objective results (see
    #: pipelines.objectives.closing). Decimals are stored as strings, exact.
    snapshot: Mapped[dict | None] = mapped_column(JSON)
    reopened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reopened_by: Mapped[str | None] = mapped_column(String(200))
    reopen_reason: Mapped[str | None] = mapped_column(Text)


class ControlReview(Base):
    """A controls signal marked reviewed (pipelines.controls.review): it stays out of the open
    list while its figures keep this fingerprint."""

    __tablename__ = "control_reviews"

    signal_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    reviewed_by: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    payout_at_stake_eur: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))


class AuditEvent(Base):
    """Append-only: the code has no update or delete path for this table.

    Each event carries the hash of the event before it (``prev_hash``) and its own
    (``event_hash``, over its stored fields and ``prev_hash``): see pipelines.store.chain.
    """

    __tablename__ = "audit_log"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    event_hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """One row (id 1): the newest event of the chain. Writers lock it (so the chain never forks)
    and verification compares it with the last event (so deleting events at the end shows)."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_event_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class ClauseContract(Base):
    """A contract (or a tender being prepared) with a social clause: the clause register.

    ``labour_share``, ``hourly_cost_eur`` and ``clause_rate`` are this contract's own planning
    parameters when a facilitator set them (with ``parameters_reason``); None = the dated
    defaults (pipelines/reports/parameters). Codes: pipelines.clauses.codes.
    """

    __tablename__ = "clause_contracts"
    __table_args__ = (UniqueConstraint("entity", "contract_id", name="uq_clause_contract"),)

    clause_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contract_id: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(100), index=True)
    buyer: Mapped[str | None] = mapped_column(String(64), index=True)
    contractor_siret: Mapped[str | None] = mapped_column(String(14))
    contractor_name: Mapped[str | None] = mapped_column(String(200))
    object: Mapped[str | None] = mapped_column(String(500))
    category: Mapped[str | None] = mapped_column(String(100))
    cpv: Mapped[str | None] = mapped_column(String(20))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    notified_on: Mapped[dt.date | None] = mapped_column(Date)
    amount_eur: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    clause_type: Mapped[str] = mapped_column(String(30))
    hours_required: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(30))
    labour_share: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    hourly_cost_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    clause_rate: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    parameters_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ClauseDeclaration(Base):
    """One person's hours on a clause contract over a period, as the contractor declared them.

    Append-only: a correction is a new row whose ``corrects_id`` names the row it replaces
    (pipelines.clauses.declarations); the current declarations are the rows no other row
    corrects. ``participant_id`` is pseudonymous: never a name.
    """

    __tablename__ = "clause_declarations"

    declaration_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clause_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("clause_contracts.clause_id"), index=True
    )
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    participant_id: Mapped[str] = mapped_column(String(64))
    eligibility: Mapped[str] = mapped_column(String(40))
    modality: Mapped[str] = mapped_column(String(40))
    hours: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    employment_contract_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome_6_months: Mapped[str | None] = mapped_column(String(40))
    corrects_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("clause_declarations.declaration_id"), unique=True
    )
    source: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class DeclarationsAreAppendOnly(RuntimeError):
    """Raised when code tries to change or delete a clause declaration (correct it instead)."""


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, flush_context: Any, instances: Any) -> None:
    """No update or delete path for the audit log (the database triggers refuse them too), nor
    for clause declarations (a correction is a new row)."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit_log is append-only: events cannot be changed")
        if isinstance(obj, ClauseDeclaration) and (
            obj in session.deleted or session.is_modified(obj)
        ):
            raise DeclarationsAreAppendOnly(
                "clause_declarations is append-only: record a correction instead"
            )
