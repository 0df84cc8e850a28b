"""The clause register: contracts with a social clause, created by hand, from ``asr contracts
load`` or from DECP contracts with a social consideration. Every write is made by an
authenticated user and leaves an audit event (pipelines.store.audit.record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.clauses.codes import CLAUSE_TYPES, STATUSES
from pipelines.errors import UserError
from pipelines.identifiers import normalize_siret
from pipelines.store.audit import record
from pipelines.store.models import ClauseContract

#: A DECP record without a readable duration (``dureeMois``): the contract is taken to run one
#: year from its notification until someone edits it.
DECP_ASSUMED_MONTHS = 12


@dataclass(frozen=True)
class ContractInput:
    contract_id: str
    entity: str
    start_date: dt.date
    end_date: dt.date
    clause_type: str = "insertion_hours"
    status: str = "running"
    buyer: str | None = None
    contractor_siret: str | None = None
    contractor_name: str | None = None
    object: str | None = None
    category: str | None = None
    cpv: str | None = None
    notified_on: dt.date | None = None
    amount_eur: Decimal | None = None
    hours_required: Decimal | None = None


def snapshot(contract: ClauseContract) -> dict[str, Any]:
    """The audited form of a register row."""
    names = [f.name for f in fields(ContractInput)] + [
        "clause_id",
        "source",
        "labour_share",
        "hourly_cost_eur",
        "clause_rate",
        "parameters_reason",
    ]
    return {name: getattr(contract, name) for name in names}


def check(item: ContractInput) -> ContractInput:
    """Refuse an inconsistent contract with a sentence naming the field and the value."""

    def bad(field: str, value: object, fr: str, en: str) -> UserError:
        return UserError(
            f"Contrat « {item.contract_id} », {field} « {value} » : {fr}.",
            f"Contract {item.contract_id!r}, {field} {value!r}: {en}.",
        )

    if not item.contract_id.strip() or not item.entity.strip():
        raise UserError(
            "Un contrat a besoin d'un numéro et d'une entité.",
            "A contract needs an id and an entity.",
        )
    if item.clause_type not in CLAUSE_TYPES:
        raise bad(
            "type",
            item.clause_type,
            f"attendu {', '.join(CLAUSE_TYPES)}",
            f"expected {', '.join(CLAUSE_TYPES)}",
        )
    if item.status not in STATUSES:
        raise bad(
            "statut",
            item.status,
            f"attendu {', '.join(STATUSES)}",
            f"expected {', '.join(STATUSES)}",
        )
    if item.end_date < item.start_date:
        raise bad("fin", item.end_date, "la fin précède le début", "end is before start")
    if item.amount_eur is not None and item.amount_eur < 0:
        raise bad("montant", item.amount_eur, "montant négatif", "negative amount")
    if item.hours_required is not None and item.hours_required < 0:
        raise bad("heures", item.hours_required, "heures négatives", "negative hours")
    if item.contractor_siret is not None and normalize_siret(item.contractor_siret) is None:
        raise bad("SIRET", item.contractor_siret, "14 chiffres attendus", "expected 14 digits")
    return item


def find(session: Session, entity: str, contract_id: str) -> ClauseContract | None:
    return session.scalars(
        select(ClauseContract).where(
            ClauseContract.entity == entity, ClauseContract.contract_id == contract_id
        )
    ).one_or_none()


def get(session: Session, clause_id: int) -> ClauseContract:
    contract = session.get(ClauseContract, clause_id)
    if contract is None:
        raise UserError(
            f"Contrat à clause n° {clause_id} introuvable.",
            f"Clause contract #{clause_id} does not exist.",
        )
    return contract


def add_contract(
    session: Session, item: ContractInput, *, actor: str, source: str = "manual"
) -> ClauseContract:
    """Create a register row; an existing (entity, contract id) is refused."""
    check(item)
    if find(session, item.entity, item.contract_id) is not None:
        raise UserError(
            f"Le contrat « {item.contract_id} » de l'entité « {item.entity} » est déjà au "
            "registre.",
            f"Contract {item.contract_id!r} of entity {item.entity!r} is already registered.",
        )
    values = {f.name: getattr(item, f.name) for f in fields(ContractInput)}
    if values["contractor_siret"]:
        values["contractor_siret"] = normalize_siret(values["contractor_siret"])
    contract = ClauseContract(**values, source=source, created_by=actor)
    session.add(contract)
    session.flush()
    record(
        session,
        actor=actor,
        action="clause_contract.add",
        object_type="clause_contract",
        object_id=str(contract.clause_id),
        after=snapshot(contract),
    )
    return contract


def upsert_contract(
    session: Session, item: ContractInput, *, actor: str, source: str
) -> tuple[ClauseContract, bool]:
    """Create the row, or update the fields a source gives (never the facilitator's own
    parameters, type, buyer or object when the source leaves them empty). (row, created)."""
    check(item)
    existing = find(session, item.entity, item.contract_id)
    if existing is None:
        return add_contract(session, item, actor=actor, source=source), True
    before = snapshot(existing)
    for f in fields(ContractInput):
        value = getattr(item, f.name)
        if value is not None and f.name not in ("clause_type", "status"):
            setattr(existing, f.name, value)
    after = snapshot(existing)
    if after != before:
        record(
            session,
            actor=actor,
            action="clause_contract.update",
            object_type="clause_contract",
            object_id=str(existing.clause_id),
            before=before,
            after=after,
            reason=f"source {source}",
        )
    return existing, False


def set_parameters(
    session: Session,
    clause_id: int,
    *,
    actor: str,
    reason: str,
    labour_share: Decimal | None = None,
    hourly_cost_eur: Decimal | None = None,
    clause_rate: Decimal | None = None,
    hours_required: Decimal | None = None,
) -> ClauseContract:
    """Set this contract's own planning parameters (or its required hours): a reason is
    required, the previous values go to the audit log."""
    if not (reason or "").strip():
        raise UserError(
            "Donnez la raison du changement de paramètres (--reason).",
            "Give the reason for changing the parameters (--reason).",
        )
    for name, value, upper in (
        ("labour_share", labour_share, Decimal(1)),
        ("clause_rate", clause_rate, Decimal(1)),
        ("hourly_cost_eur", hourly_cost_eur, None),
        ("hours_required", hours_required, None),
    ):
        if value is not None and (value < 0 or (upper is not None and value > upper)):
            raise UserError(
                f"{name} « {value} » : attendu entre 0 et {upper or '∞'}.",
                f"{name} {value!r}: expected between 0 and {upper or 'infinity'}.",
            )
    if hourly_cost_eur is not None and hourly_cost_eur == 0:
        raise UserError("Le coût horaire doit être positif.", "The hourly cost must be positive.")
    contract = get(session, clause_id)
    before = snapshot(contract)
    if labour_share is not None:
        contract.labour_share = labour_share
    if hourly_cost_eur is not None:
        contract.hourly_cost_eur = hourly_cost_eur
    if clause_rate is not None:
        contract.clause_rate = clause_rate
    if hours_required is not None:
        contract.hours_required = hours_required
    contract.parameters_reason = reason.strip()
    record(
        session,
        actor=actor,
        action="clause_contract.parameters",
        object_type="clause_contract",
        object_id=str(clause_id),
        before=before,
        after=snapshot(contract),
        reason=reason.strip(),
    )
    return contract


def from_loaded_contracts(contracts: Iterable[Any]) -> list[ContractInput]:
    """Register inputs from ``asr contracts load`` (pipelines.reports.contracts.Contract)."""
    return [
        ContractInput(
            contract_id=c.contract_id,
            entity=c.entity,
            start_date=c.start_date,
            end_date=c.end_date,
            contractor_siret=c.supplier_siret,
            contractor_name=c.supplier_name,
            amount_eur=c.amount_eur,
            hours_required=c.hours_required,
        )
        for c in contracts
    ]


def from_decp_rows(rows: Iterable[dict[str, Any]]) -> list[ContractInput]:
    """Register inputs from DECP contracts with a social consideration (pipelines.reports.decp
    decides what counts); reserved contracts get the type ``reserved``. A contract runs from its
    notification for its DECP duration (``duration_months``, ``dureeMois``), else one year."""
    from pipelines.clauses.rules import last_day_of_term
    from pipelines.reports.decp import is_social_consideration

    items = []
    for row in rows:
        labels = [x for x in (row.get("social_considerations") or []) if x]
        if not (row.get("is_reserved") or any(is_social_consideration(x) for x in labels)):
            continue
        notified = row["notification_date"]
        if notified is None:
            continue
        reserved = bool(row.get("is_reserved")) or any(
            "reserv" in (x or "").lower() for x in labels
        )
        items.append(
            ContractInput(
                contract_id=str(row["contract_uid"]),
                entity=str(row.get("buyer_name") or row.get("buyer_id") or "DECP"),
                start_date=notified,
                end_date=last_day_of_term(
                    notified, row.get("duration_months") or DECP_ASSUMED_MONTHS
                ),
                notified_on=notified,
                clause_type="reserved" if reserved else "insertion_hours",
                contractor_siret=row.get("siret"),
                object=row.get("object"),
                cpv=row.get("cpv_code"),
                amount_eur=row.get("amount_eur"),
            )
        )
    return items
