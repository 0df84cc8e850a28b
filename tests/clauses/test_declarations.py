"""Declarations: recorded whole or not at all, corrected by new rows, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pipelines.clauses.declarations import (
    DeclarationInput,
    correct_declaration,
    current_declarations,
    parse_declaration_rows,
    record_declarations,
)
from pipelines.clauses.register import ContractInput, add_contract, find, set_parameters
from pipelines.errors import UserError
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseDeclaration, DeclarationsAreAppendOnly

D = Decimal
NOW = dt.datetime(2026, 6, 15, 9, 0)


def item(**changes):
    base = dict(
        entity="ACME",
        contract_id="T-2026-01",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        participant_id="P-001",
        eligibility="rqth",
        modality="direct_hire",
        hours=D("120"),
    )
    base.update(changes)
    return DeclarationInput(**base)


def count(settings) -> int:
    with session_scope(settings) as s:
        return s.scalar(select(func.count()).select_from(ClauseDeclaration)) or 0


def test_contract_add_is_audited_and_a_duplicate_refused(register):
    with session_scope(register) as s:
        events = list_events(s, object_type="clause_contract")
        assert [e.action for e in events] == ["clause_contract.add"] * 2
        assert events[0].after["amount_eur"] == "1000000.00" and events[0].actor == "fac"
        with pytest.raises(UserError, match="déjà au registre"):
            add_contract(
                s,
                ContractInput("T-2026-01", "ACME", dt.date(2026, 1, 1), dt.date(2026, 2, 1)),
                actor="fac",
            )


def test_parameters_need_a_reason_and_keep_the_old_values(register):
    with session_scope(register) as s:
        clause_id = find(s, "ACME", "T-2026-01").clause_id
        with pytest.raises(UserError, match="raison"):
            set_parameters(s, clause_id, actor="fac", reason=" ", labour_share=D("0.4"))
        set_parameters(s, clause_id, actor="fac", reason="devis", labour_share=D("0.4"))
        event = list_events(s, object_type="clause_contract")[-1]
        assert event.before["labour_share"] is None and event.after["labour_share"] == "0.4"
        assert event.reason == "devis"


def test_record_audits_each_declaration(register):
    with session_scope(register) as s:
        done = record_declarations(
            s, [item(), item(participant_id="P-002")], actor="fac", source="manual", now=NOW
        )
        assert [d.hours for d in done] == [D("120"), D("120")]
        events = list_events(s, object_type="clause_declaration")
        assert len(events) == 2 and events[0].after["participant_id"] == "P-001"


@pytest.mark.parametrize(
    "bad, column, words",
    [
        (dict(contract_id="NOPE"), "contract_id", "contrat inconnu"),
        (dict(period_start=dt.date(2025, 12, 1)), "period_start", "hors du contrat"),
        (dict(period_end=dt.date(2027, 1, 31)), "period_end", "hors du contrat"),
        (dict(period_end=dt.date(2026, 2, 1)), "period_end", "la fin précède"),
        (dict(hours=D("-1")), "hours", "négatives"),
        (dict(hours=D("311")), "hours", "10 h par jour"),  # 31 days x 10 h = 310
        (dict(participant_id="Jean Dupont"), "participant", "jamais un nom"),
        (dict(eligibility="chomeur"), "eligibility", "attendu"),
        (dict(modality="cdi"), "modality", "attendu"),
        (dict(outcome_6_months="super"), "outcome", "attendu"),
    ],
)
def test_bad_declaration_names_row_and_column_and_records_nothing(register, bad, column, words):
    with session_scope(register) as s:
        record_declarations(s, [item()], actor="fac", source="manual", now=NOW)
    with pytest.raises(UserError) as err, session_scope(register) as s:
        record_declarations(
            s, [item(participant_id="P-009"), item(**bad)], actor="fac", source="f.csv", rows=[2, 3]
        )
    assert f"ligne 3, colonne {column}" in err.value.fr and words in err.value.fr
    assert "row 3" in err.value.en
    assert count(register) == 1


def test_correction_is_a_new_row_and_the_old_one_stays(register):
    with session_scope(register) as s:
        (first,) = record_declarations(s, [item()], actor="fac", source="manual", now=NOW)
        new = correct_declaration(
            s, first.declaration_id, actor="fac", reason="erreur de saisie", hours=D("100"), now=NOW
        )
        assert new.corrects_id == first.declaration_id and new.hours == D("100")
        assert [d.declaration_id for d in current_declarations(s)] == [new.declaration_id]
        event = list_events(s, object_type="clause_declaration")[-1]
        assert event.action == "clause_declaration.correct"
        assert (event.before["hours"], event.after["hours"]) == ("120", "100")
        with pytest.raises(UserError, match="déjà été corrigée"):
            correct_declaration(s, first.declaration_id, actor="fac", reason="x", hours=D("1"))
        with pytest.raises(UserError, match="hors du contrat"):
            correct_declaration(
                s, new.declaration_id, actor="fac", reason="x", period_end=dt.date(2027, 5, 1)
            )
    assert count(register) == 2


def test_declarations_cannot_be_overwritten(register):
    with session_scope(register) as s:
        record_declarations(s, [item()], actor="fac", source="manual", now=NOW)
    with pytest.raises(DeclarationsAreAppendOnly), session_scope(register) as s:
        s.scalars(select(ClauseDeclaration)).one().hours = D("1")
        s.flush()


def test_contractor_file_rows():
    rows = [
        ["Marché", "Début", "Fin", "Participant", "Public", "Modalité", "Heures", "Embauche"],
        ["T-2026-01", "01/03/2026", "31/03/2026", "P-001", "rqth", "direct_hire", "120,5", "oui"],
        ["", "", "", "", "", "", "", ""],
        ["T-2026-01", "2026-04-01", "2026-04-30", "P-002", "rsa", "training", "80", "non"],
    ]
    items, numbers = parse_declaration_rows(rows, "f.csv")
    assert numbers == [2, 4]
    assert items[0].hours == D("120.5") and items[0].employment_contract_signed
    assert items[0].period_start == dt.date(2026, 3, 1) and items[0].entity is None


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ["T", "2026-13-01", "2026-03-31", "P1", "rqth", "training", "1", "oui"],
            "ligne 2, colonne period_start",
        ),
        (
            ["T", "2026-03-01", "2026-03-31", "P1", "rqth", "training", "dix", "oui"],
            "ligne 2, colonne hours",
        ),
        (
            ["T", "2026-03-01", "2026-03-31", "P1", "rqth", "training", "1", "peut-être"],
            "ligne 2, colonne contract_signed",
        ),
        (
            ["T", "2026-03-01", "2026-03-31", "", "rqth", "training", "1", "oui"],
            "ligne 2, colonne participant",
        ),
    ],
)
def test_contractor_file_bad_values(row, message):
    header = ["contrat", "debut", "fin", "participant", "public", "modalite", "heures", "embauche"]
    with pytest.raises(UserError) as err:
        parse_declaration_rows([header, row], "f.csv")
    assert message in err.value.fr


def test_contractor_file_unexpected_layout():
    with pytest.raises(UserError) as err:
        parse_declaration_rows([["nom", "prénom", "heures"]], "f.xlsx")
    assert "présentation inattendue" in err.value.fr and "participant" in err.value.fr
