"""Progress from the store: declared vs estimated apart, plausibility flag, counts only unless
the reader sees participants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pipelines.access import ClauseView
from pipelines.clauses.declarations import DeclarationInput, record_declarations
from pipelines.clauses.progress import group_by, load_clause_data, totals
from pipelines.clauses.register import find, set_parameters
from pipelines.store.db import session_scope

D = Decimal
AS_OF = dt.date(2026, 6, 30)


def declare(settings, contract_id, participant, hours, eligibility="rqth", outcome=None):
    with session_scope(settings) as s:
        record_declarations(
            s,
            [
                DeclarationInput(
                    entity=None,
                    contract_id=contract_id,
                    period_start=dt.date(2026, 3, 1),
                    period_end=dt.date(2026, 3, 31),
                    participant_id=participant,
                    eligibility=eligibility,
                    modality="placement",
                    hours=D(hours),
                    outcome_6_months=outcome,
                )
            ],
            actor="fac",
            source="manual",
        )


def test_declared_estimated_and_the_plausibility_flag(register):
    with session_scope(register) as s:
        clause_id = find(s, "ACME-SUD", "C-2026-02").clause_id
        # 600 000 x 0.001 / 27 = 22.2 labour hours: 30 declared hours are implausible
        set_parameters(s, clause_id, actor="fac", reason="test", labour_share=D("0.001"))
    declare(register, "C-2026-02", "P-1", "30")
    declare(register, "T-2026-01", "P-2", "200", "young_under_26", "permanent_contract")
    declare(register, "T-2026-01", "P-3", "100", "young_under_26", "jobseeking")
    data = load_clause_data(register, ClauseView(None, False, False), AS_OF)
    rows = {r.contract_id: r for r in data.contracts}
    creche, works = rows["C-2026-02"], rows["T-2026-01"]
    assert creche.is_implausible and not works.is_implausible
    assert works.hours_declared == D("300") and works.hours_estimated == D("833")
    assert works.people == 2 and works.lasting_outcomes == 1
    t = totals(data.contracts)
    assert t["hours_declared"] == D("330")
    # 833 (works) + 600 000 x 0.001 / 27 x 5 % = 1.11 -> 1 (crèche): estimates never added to
    # declared hours
    assert t["hours_estimated"] == D("834")
    assert t["by_eligibility"] == {"rqth": 1, "young_under_26": 2}
    assert t["implausible"] == 1
    assert data.participants is None


def test_participants_only_for_readers_who_see_them_and_only_their_contracts(register):
    declare(register, "C-2026-02", "P-1", "30")
    declare(register, "T-2026-01", "P-2", "20")
    full = load_clause_data(register, ClauseView(None, True, True), AS_OF)
    assert {p["participant_id"] for p in full.participants} == {"P-1", "P-2"}
    buyer = load_clause_data(register, ClauseView(("B1",), False, False), AS_OF)
    assert [r.contract_id for r in buyer.contracts] == ["T-2026-01"]
    assert buyer.participants is None


def test_a_person_on_two_contracts_counts_once_in_totals(register):
    # P-7 works on both contracts (rqth on the works contract, then declared young_under_26 on
    # the crèche one, later); P-8 only on the works contract.
    declare(register, "T-2026-01", "P-7", "50", "rqth")
    declare(register, "T-2026-01", "P-8", "20", "rqth", "permanent_contract")
    declare(register, "C-2026-02", "P-7", "30", "young_under_26", "permanent_contract")
    rows = load_clause_data(register, ClauseView(None, True, True), AS_OF).contracts
    per_contract = {r.contract_id: r.people for r in rows}
    assert per_contract == {"T-2026-01": 2, "C-2026-02": 1}  # on each contract they count

    # plain computation over what was declared: distinct people, each by their latest line
    declared = [("P-7", "rqth", None), ("P-8", "rqth", "permanent_contract"),
                ("P-7", "young_under_26", "permanent_contract")]  # fmt: skip
    latest = {person: (category, outcome) for person, category, outcome in declared}
    t = totals(rows)
    assert t["people"] == len(latest) == 2
    assert sum(per_contract.values()) == 3  # what adding contracts up would have said
    assert t["by_eligibility"] == {"rqth": 1, "young_under_26": 1}
    assert t["lasting_outcomes"] == sum(o == "permanent_contract" for _, o in latest.values())
    by_entity = {g["entity"]: g["people"] for g in group_by(rows, "entity")}
    assert by_entity == {"ACME": 2, "ACME-SUD": 1}
    assert group_by(rows, "buyer") and all("participant" not in str(k) for k in rows[0].as_row())
