"""Contractors' declarations of insertion hours: recorded by hand or from the contractor's file,
corrected by a new row that names the corrected one (never overwritten), each audited.

A participant is a pseudonymous id (letters, digits, ``-`` and ``_``, at least one digit): a
name is refused. A batch is checked whole before anything is written: one bad row and nothing
is recorded, with every problem named by row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.clauses.codes import ELIGIBILITY, MODALITIES, OUTCOMES
from pipelines.clauses.register import find, get
from pipelines.clock import utcnow
from pipelines.errors import UserError
from pipelines.store.audit import record
from pipelines.store.models import ClauseContract, ClauseDeclaration
from pipelines.textinput import (
    DateError,
    NumberError,
    clean_text,
    fold,
    parse_date,
    parse_decimal,
)

PARTICIPANT_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: More than this many hours per calendar day of the period is absurd for one person.
MAX_HOURS_PER_DAY = Decimal(10)
MAX_ERRORS_SHOWN = 20


@dataclass(frozen=True)
class DeclarationInput:
    entity: str | None
    contract_id: str
    period_start: dt.date
    period_end: dt.date
    participant_id: str
    eligibility: str
    modality: str
    hours: Decimal
    employment_contract_signed: bool = False
    outcome_6_months: str | None = None


class Problems:
    """Problems of a batch, each naming its row and column, in French and English."""

    def __init__(self) -> None:
        self.fr: list[str] = []
        self.en: list[str] = []

    def add(self, row: int | None, column: str, value: object, fr: str, en: str) -> None:
        where_fr = f"ligne {row}, " if row is not None else ""
        where_en = f"row {row}, " if row is not None else ""
        self.fr.append(f"{where_fr}colonne {column}, valeur « {value} » : {fr}")
        self.en.append(f"{where_en}column {column}, value {value!r}: {en}")

    def raise_if_any(self, source: str) -> None:
        if not self.fr:
            return
        more = len(self.fr) - MAX_ERRORS_SHOWN
        raise UserError(
            f"{source} : {len(self.fr)} erreur(s), aucune déclaration enregistrée :\n"
            + "\n".join(self.fr[:MAX_ERRORS_SHOWN])
            + (f"\n… et {more} autre(s)." if more > 0 else ""),
            f"{source}: {len(self.en)} error(s), no declaration recorded:\n"
            + "\n".join(self.en[:MAX_ERRORS_SHOWN])
            + (f"\n… and {more} more." if more > 0 else ""),
        )


def check_declaration(
    item: DeclarationInput, contract: ClauseContract | None, row: int | None, problems: Problems
) -> None:
    """Every rule a declaration obeys, against its contract (None = unknown contract)."""
    if contract is None:
        where = f"{item.entity}/" if item.entity else ""
        problems.add(
            row,
            "contract_id",
            f"{where}{item.contract_id}",
            "contrat inconnu du registre des clauses",
            "contract not in the clause register",
        )
    if not PARTICIPANT_PATTERN.fullmatch(item.participant_id) or not any(
        ch.isdigit() for ch in item.participant_id
    ):
        problems.add(
            row,
            "participant",
            item.participant_id,
            "identifiant pseudonyme attendu (lettres, chiffres, - ou _, au moins un chiffre), "
            "jamais un nom",
            "expected a pseudonymous id (letters, digits, - or _, at least one digit), never a "
            "name",
        )
    for column, value, allowed in (
        ("eligibility", item.eligibility, ELIGIBILITY),
        ("modality", item.modality, MODALITIES),
    ):
        if value not in allowed:
            problems.add(
                row,
                column,
                value,
                f"attendu {', '.join(allowed)}",
                f"expected {', '.join(allowed)}",
            )
    if item.outcome_6_months is not None and item.outcome_6_months not in OUTCOMES:
        problems.add(
            row,
            "outcome",
            item.outcome_6_months,
            f"attendu {', '.join(OUTCOMES)}",
            f"expected {', '.join(OUTCOMES)}",
        )
    if item.period_end < item.period_start:
        problems.add(
            row, "period_end", item.period_end, "la fin précède le début", "end is before start"
        )
    elif contract is not None and (
        item.period_start < contract.start_date or item.period_end > contract.end_date
    ):
        problems.add(
            row,
            "period_start" if item.period_start < contract.start_date else "period_end",
            f"{item.period_start} – {item.period_end}",
            f"période hors du contrat ({contract.start_date} – {contract.end_date})",
            f"period outside the contract ({contract.start_date} – {contract.end_date})",
        )
    if item.hours < 0:
        problems.add(row, "hours", item.hours, "heures négatives", "negative hours")
    elif item.period_end >= item.period_start:
        days = (item.period_end - item.period_start).days + 1
        ceiling = MAX_HOURS_PER_DAY * days
        if item.hours > ceiling:
            problems.add(
                row,
                "hours",
                item.hours,
                f"plus de {MAX_HOURS_PER_DAY} h par jour pour une personne ({ceiling} h au plus "
                f"sur {days} jour(s))",
                f"more than {MAX_HOURS_PER_DAY} h a day for one person (at most {ceiling} h over "
                f"{days} day(s))",
            )


def snapshot(d: ClauseDeclaration) -> dict[str, Any]:
    return {
        "declaration_id": d.declaration_id,
        "clause_id": d.clause_id,
        "period_start": d.period_start,
        "period_end": d.period_end,
        "participant_id": d.participant_id,
        "eligibility": d.eligibility,
        "modality": d.modality,
        "hours": d.hours,
        "employment_contract_signed": d.employment_contract_signed,
        "outcome_6_months": d.outcome_6_months,
        "corrects_id": d.corrects_id,
        "source": d.source,
    }


def _contract_of(session: Session, item: DeclarationInput) -> ClauseContract | None:
    if item.entity:
        return find(session, item.entity, item.contract_id)
    found = session.scalars(
        select(ClauseContract).where(ClauseContract.contract_id == item.contract_id)
    ).all()
    return found[0] if len(found) == 1 else None


def record_declarations(
    session: Session,
    items: Sequence[DeclarationInput],
    *,
    actor: str,
    source: str,
    rows: Sequence[int] | None = None,
    now: dt.datetime | None = None,
) -> list[ClauseDeclaration]:
    """Check the whole batch, then record it (one audit event per declaration). ``rows``: the
    file's row number of each item, for the messages."""
    problems = Problems()
    contracts = [_contract_of(session, item) for item in items]
    for i, (item, contract) in enumerate(zip(items, contracts, strict=True)):
        check_declaration(item, contract, rows[i] if rows else None, problems)
    problems.raise_if_any(source)
    at = now or utcnow()
    recorded = []
    for item, contract in zip(items, contracts, strict=True):
        assert contract is not None
        declaration = _row(
            item, contract.clause_id, source=source, recorded_by=actor, recorded_at=at
        )
        session.add(declaration)
        session.flush()
        record(
            session,
            actor=actor,
            action="clause_declaration.add",
            object_type="clause_declaration",
            object_id=str(declaration.declaration_id),
            after=snapshot(declaration),
        )
        recorded.append(declaration)
    return recorded


def _row(item: DeclarationInput, clause_id: int, **extra: Any) -> ClauseDeclaration:
    """The stored row of a checked declaration (recorded, or a correction with ``extra``)."""
    return ClauseDeclaration(
        clause_id=clause_id,
        period_start=item.period_start,
        period_end=item.period_end,
        participant_id=item.participant_id,
        eligibility=item.eligibility,
        modality=item.modality,
        hours=item.hours,
        employment_contract_signed=item.employment_contract_signed,
        outcome_6_months=item.outcome_6_months,
        **extra,
    )


def correct_declaration(
    session: Session,
    declaration_id: int,
    *,
    actor: str,
    reason: str,
    now: dt.datetime | None = None,
    **changes: Any,
) -> ClauseDeclaration:
    """A new row replacing ``declaration_id`` with ``changes`` applied; the old row stays.
    Only the latest version of a declaration can be corrected."""
    if not (reason or "").strip():
        raise UserError(
            "Donnez la raison de la correction (--reason).",
            "Give the reason for the correction (--reason).",
        )
    old = session.get(ClauseDeclaration, declaration_id)
    if old is None:
        raise UserError(
            f"Déclaration n° {declaration_id} introuvable.",
            f"Declaration #{declaration_id} does not exist.",
        )
    newer = session.scalars(
        select(ClauseDeclaration.declaration_id).where(
            ClauseDeclaration.corrects_id == declaration_id
        )
    ).first()
    if newer is not None:
        raise UserError(
            f"La déclaration n° {declaration_id} a déjà été corrigée par la n° {newer} : "
            "corrigez la plus récente.",
            f"Declaration #{declaration_id} was already corrected by #{newer}: correct the "
            "latest one.",
        )
    contract = get(session, old.clause_id)
    base = DeclarationInput(
        entity=contract.entity,
        contract_id=contract.contract_id,
        period_start=old.period_start,
        period_end=old.period_end,
        participant_id=old.participant_id,
        eligibility=old.eligibility,
        modality=old.modality,
        hours=old.hours,
        employment_contract_signed=old.employment_contract_signed,
        outcome_6_months=old.outcome_6_months,
    )
    unknown = set(changes) - set(DeclarationInput.__dataclass_fields__) - {"entity", "contract_id"}
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    item = replace(base, **{k: v for k, v in changes.items() if v is not None})
    problems = Problems()
    check_declaration(item, contract, None, problems)
    problems.raise_if_any(f"déclaration n° {declaration_id}")
    new = _row(
        item,
        old.clause_id,
        corrects_id=old.declaration_id,
        source="correction",
        reason=reason.strip(),
        recorded_by=actor,
        recorded_at=now or utcnow(),
    )
    session.add(new)
    session.flush()
    record(
        session,
        actor=actor,
        action="clause_declaration.correct",
        object_type="clause_declaration",
        object_id=str(new.declaration_id),
        before=snapshot(old),
        after=snapshot(new),
        reason=reason.strip(),
    )
    return new


def current_declarations(session: Session) -> list[ClauseDeclaration]:
    """The declarations in force: every row that no other row corrects."""
    corrected = select(ClauseDeclaration.corrects_id).where(
        ClauseDeclaration.corrects_id.is_not(None)
    )
    return list(
        session.scalars(
            select(ClauseDeclaration)
            .where(ClauseDeclaration.declaration_id.not_in(corrected))
            .order_by(ClauseDeclaration.declaration_id)
        )
    )


# --- the contractor's file -----------------------------------------------------------------

#: canonical column -> accepted header names (folded: lower case, no accents, "_" separators).
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entity": ("entity", "entite", "acheteur"),
    "contract_id": ("contract_id", "contrat", "marche", "numero_marche", "n_contrat"),
    "period_start": ("period_start", "debut", "debut_periode", "date_debut"),
    "period_end": ("period_end", "fin", "fin_periode", "date_fin"),
    "participant": ("participant", "participant_id", "identifiant", "id_participant"),
    "eligibility": ("eligibility", "eligibilite", "public", "categorie"),
    "modality": ("modality", "modalite"),
    "hours": ("hours", "heures", "heures_realisees", "nombre_d_heures"),
    "contract_signed": ("contract_signed", "contrat_de_travail", "contrat_signe", "embauche"),
    "outcome": ("outcome", "sortie", "situation_a_6_mois", "sortie_a_6_mois"),
}
FILE_REQUIRED = (
    "contract_id",
    "period_start",
    "period_end",
    "participant",
    "eligibility",
    "modality",
    "hours",
)
YES = frozenset({"oui", "yes", "o", "y", "1", "true", "vrai", "x"})
NO = frozenset({"non", "no", "n", "0", "false", "faux", ""})


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def parse_declaration_rows(
    rows: list[list[Any]], file: str, first_row: int = 2
) -> tuple[list[DeclarationInput], list[int]]:
    """Items and their row numbers; any problem (layout or values) refuses the whole file."""
    if not rows:
        raise UserError(f"{file} : fichier vide.", f"{file}: empty file.")
    headers = [_cell_text(h) for h in rows[0]]
    lookup = {alias: canon for canon, aliases in FILE_COLUMNS.items() for alias in aliases}
    index: dict[str, int] = {}
    for i, header in enumerate(headers):
        canon = lookup.get(fold(header).replace(" ", "_"))
        if canon is not None and canon not in index:
            index[canon] = i
    missing = [c for c in FILE_REQUIRED if c not in index]
    if missing:
        raise UserError(
            f"{file} : présentation inattendue, colonne(s) absente(s) : {', '.join(missing)}. "
            f"Colonnes trouvées : {', '.join(headers)}.",
            f"{file}: unexpected layout, missing column(s): {', '.join(missing)}. "
            f"Found: {', '.join(headers)}.",
        )
    problems = Problems()
    items: list[DeclarationInput] = []
    numbers: list[int] = []
    for offset, row in enumerate(rows[1:]):
        row_no = first_row + offset
        if all(_cell_text(v) == "" for v in row):
            continue
        cell = {c: _cell_text(row[i] if i < len(row) else None) for c, i in index.items()}
        before = len(problems.fr)
        for column in FILE_REQUIRED:
            if cell[column] == "":
                problems.add(
                    row_no, column, "", "valeur obligatoire manquante", "required value missing"
                )
        dates: dict[str, dt.date] = {}
        for column in ("period_start", "period_end"):
            raw = row[index[column]] if index[column] < len(row) else None
            if cell[column]:
                try:
                    day = parse_date(raw)
                except DateError:
                    day = None
                if day is None:
                    problems.add(
                        row_no,
                        column,
                        cell[column],
                        "date AAAA-MM-JJ attendue",
                        "expected YYYY-MM-DD",
                    )
                else:
                    dates[column] = day
        hours: Decimal | None = None
        if cell["hours"]:
            try:
                hours = parse_decimal(cell["hours"])
            except NumberError:
                hours = None
            if hours is None:
                problems.add(row_no, "hours", cell["hours"], "nombre attendu", "expected a number")
        signed_text = fold(cell.get("contract_signed", ""))
        if signed_text not in YES | NO:
            problems.add(
                row_no,
                "contract_signed",
                cell["contract_signed"],
                "oui ou non attendu",
                "expected yes or no",
            )
        if len(problems.fr) == before and hours is not None and len(dates) == 2:
            items.append(
                DeclarationInput(
                    entity=cell.get("entity") or None,
                    contract_id=cell["contract_id"],
                    period_start=dates["period_start"],
                    period_end=dates["period_end"],
                    participant_id=cell["participant"],
                    eligibility=cell["eligibility"],
                    modality=cell["modality"],
                    hours=hours,
                    employment_contract_signed=signed_text in YES,
                    outcome_6_months=cell.get("outcome") or None,
                )
            )
            numbers.append(row_no)
    problems.raise_if_any(file)
    return items, numbers
