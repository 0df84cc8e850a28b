import datetime as dt
from decimal import Decimal

import duckdb
import pytest

from pipelines.reports.decp import (
    NEGATION_PATTERN,
    SOCIAL_PATTERN,
    decp_report,
    fold,
    has_social_consideration,
    is_reserved_consideration,
    is_social_consideration,
    target_sentence,
)
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction

D = Decimal

LABELS = [
    ("Clause sociale", True, False),
    ("clauses sociales", True, False),
    ("Critère social", True, False),
    ("Critères sociaux", True, False),
    ("criteres_sociaux", True, False),
    ("Marché réservé", True, True),
    ("Marchés réservés", True, True),
    ("marche_reserve", True, True),
    ("Réservé aux SIAE", True, True),
    ("Pas de considération sociale", False, False),
    ("Aucune clause sociale", False, False),
    ("Clause environnementale", False, False),
    ("", False, False),
]


@pytest.mark.parametrize(("label", "social", "reserved"), LABELS)
def test_social_consideration_labels(label: str, social: bool, reserved: bool) -> None:
    assert is_social_consideration(label) is social
    assert is_reserved_consideration(label) is reserved


@pytest.mark.parametrize(("label", "social", "reserved"), LABELS)
def test_sql_reads_labels_like_python(label: str, social: bool, reserved: bool) -> None:
    sql = (
        "select regexp_matches(x, $s) and not regexp_matches(x, $n) from (select "
        "trim(regexp_replace(lower(strip_accents($label)), '[^a-z0-9]+', ' ', 'g')) as x)"
    )
    con = duckdb.connect()
    row = con.execute(sql, {"s": SOCIAL_PATTERN, "n": NEGATION_PATTERN, "label": label}).fetchone()
    assert row is not None and row[0] is social
    assert (
        fold(label)
        == con.execute(
            "select trim(regexp_replace(lower(strip_accents($l)), '[^a-z0-9]+', ' ', 'g'))",
            {"l": label},
        ).fetchone()[0]
    )  # type: ignore[index]


def test_has_social_consideration() -> None:
    assert has_social_consideration(["Pas de considération sociale", "Clause sociale"])
    assert not has_social_consideration(["Pas de considération sociale"])
    assert not has_social_consideration(None)


CONTRACTS = [
    # uid, buyer, date, amount, considerations, is_reserved
    ("c1", "B1", dt.date(2024, 2, 1), D("100000.00"), ["Clause sociale"], False),
    ("c2", "B1", dt.date(2024, 3, 1), D("50000.00"), ["Pas de considération sociale"], False),
    ("c3", "B1", dt.date(2024, 4, 1), D("30000.00"), ["Marché réservé"], True),
    ("c4", "B1", dt.date(2024, 5, 1), D("20000.00"), [], False),
    ("c5", "B2", dt.date(2024, 6, 1), D("10000.00"), ["Critère social", "Clause sociale"], False),
    ("c6", "B1", dt.date(2023, 6, 1), D("99.00"), ["Clause sociale"], False),
    ("c7", "B2", dt.date(2024, 7, 1), D("75000.00"), [], False),
]
HOLDERS = [
    ("c1", "44306184100047"),  # EI record valid from 2024-01-01
    ("c3", "80746931700099"),  # other establishment of an ESAT: SIREN match
    ("c4", "55208131766522"),  # ETTI whose record ended 2023-12-31
    ("c5", "40483304800022"),  # classic
    ("c7", "12345678901234"),  # a placeholder, equal to a record's placeholder: no evidence
]
RECORDS = [
    (1, "EI", "insertion", "44306184100047", dt.date(2024, 1, 1), None),
    (2, "ESAT", "handicap", "80746931700018", None, None),
    (3, "ETTI", "insertion", "55208131766522", None, dt.date(2023, 12, 31)),
    (4, "ESS", "ess", "40483304800022", None, None),  # ESS is not inclusive
    (5, "EA", "handicap", "12345678901234", None, None),
]


@pytest.fixture
def decp(settings: Settings) -> Settings:
    with write_transaction(settings) as con:
        for uid, buyer, date, amount, labels, reserved in CONTRACTS:
            con.execute(
                "insert into decp_contracts (load_id, contract_uid, contract_id, buyer_id, "
                "buyer_name, notification_date, amount_eur, social_considerations, is_reserved) "
                "values (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                [uid, uid, buyer, "Ville " + buyer, date, amount, labels, reserved],
            )
        for uid, siret in HOLDERS:
            con.execute(
                "insert into decp_holders (contract_uid, holder_id, id_type, siret, siren) "
                "values (?, ?, 'SIRET', ?, ?)",
                [uid, siret, siret, siret[:9]],
            )
        for rid, kind, family, siret, start, end in RECORDS:
            con.execute(
                "insert into reference_records (record_id, ref_load_id, source, kind, family, "
                "siret, siren, name, valid_from, valid_to) values (?, 1, 't', ?, ?, ?, ?, ?, ?, ?)",
                [rid, kind, family, siret, siret[:9], f"REC {rid}", start, end],
            )
    return settings


def test_decp_shares_by_buyer_and_year(decp: Settings) -> None:
    con = connect_read(decp)
    try:
        report = decp_report(con, year=2024)
        everything = decp_report(con)
    finally:
        con.close()
    rows = {r["buyer_id"]: r for r in report["rows"]}
    b1 = rows["B1"]
    # B1 2024: 4 contracts, social c1 + c3 = 2 -> 50 %; amount 130 000 / 200 000 = 65 %
    assert (b1["count_contracts"], b1["count_social"]) == (4, 2)
    assert b1["social_share_count"] == D("0.5")
    assert b1["amount_eur"] == D("200000.00") and b1["amount_social_eur"] == D("130000.00")
    assert b1["social_share_amount"] == D("0.65")
    assert b1["target_share"] == D("0.30") and b1["meets_target"] is True
    assert b1["count_reserved"] == 1
    # inclusive holders: c1 (EI by SIRET) and c3 (ESAT by SIREN); c4's record had ended
    assert b1["count_inclusive_holder"] == 2
    assert b1["amount_inclusive_holder_eur"] == D("130000.00")
    b2 = rows["B2"]
    assert (b2["count_social"], b2["count_inclusive_holder"]) == (1, 0)  # not c7's placeholder
    awards = {a["contract_uid"]: a for a in report["inclusive_awards"]}
    assert set(awards) == {"c1", "c3"}
    assert awards["c1"]["rule"] == "siret" and awards["c3"]["rule"] == "siren"
    assert awards["c3"]["kind"] == "ESAT"
    assert {(r["buyer_id"], r["year"]) for r in everything["rows"]} == {
        ("B1", 2023),
        ("B1", 2024),
        ("B2", 2024),
    }


def test_decp_empty(settings: Settings) -> None:
    con = connect_read(settings)
    try:
        assert decp_report(con, year=2024)["rows"] == []
    finally:
        con.close()


def test_years_before_the_national_target_have_shares_without_a_target(decp: Settings) -> None:
    with write_transaction(decp) as con:
        con.execute(
            "insert into decp_contracts (load_id, contract_uid, contract_id, buyer_id, "
            "notification_date, amount_eur, social_considerations) "
            "values (1, 'old1', 'old1', 'B1', date '2019-05-01', 400, ['Clause sociale']), "
            "(1, 'old2', 'old2', 'B1', date '2019-06-01', 600, [])"
        )
    con = connect_read(decp)
    try:
        report = decp_report(con)
        only_2024 = decp_report(con, year=2024)
    finally:
        con.close()
    rows = {(r["buyer_id"], r["year"]): r for r in report["rows"]}
    old = rows[("B1", 2019)]
    assert (old["social_share_count"], old["social_share_amount"]) == (D("0.5"), D("0.4"))
    assert old["target_share"] is None and old["meets_target"] is None
    assert rows[("B1", 2024)]["target_share"] == D("0.30")
    (note,) = report["notes"]
    assert note["fr"].startswith("Pas de cible nationale pour 2019 :")
    assert "01/01/2022" in note["fr"] and "30 %" in note["fr"]
    assert "2022-01-01" in note["en"]
    assert only_2024["notes"] == []


@pytest.mark.parametrize(
    ("versions", "year", "target"),
    [
        ([("2022-01-01", "0.30")], 2021, None),
        ([("2022-01-01", "0.30")], 2022, D("0.30")),
        ([("2022-01-01", "0.30"), ("2026-01-01", "0.40")], 2026, D("0.40")),
    ],
)
def test_target_share_at(versions: list[tuple[str, str]], year: int, target: D | None) -> None:
    from pipelines.reports.decp import target_share_at
    from pipelines.reports.parameters import parse_table

    table = parse_table(
        {"decp_social_target_share": [{"from": f, "value": v} for f, v in versions]}
    )
    got, first = target_share_at(year, table)
    assert got == target and first.valid_from == dt.date(2022, 1, 1)


@pytest.mark.parametrize(
    ("report", "lang", "expected"),
    [
        ({"rows": [{"target_share": Decimal("0.30")}], "notes": []}, "fr",
         "Objectif national : 30 % des marchés avec une considération sociale."),
        ({"rows": [{"target_share": Decimal("0.30")}], "notes": []}, "en",
         "National target: 30 % of contracts with a social consideration."),
        ({"rows": [{"target_share": None}], "notes": [{"fr": "Pas de cible", "en": "No target"}]},
         "fr", "Pas de cible"),
        ({"rows": [], "notes": []}, "fr", ""),
    ],
)  # fmt: skip
def test_target_sentence(report: dict, lang: str, expected: str) -> None:
    """The annual report states the target in force, or why there is none (never 30 % in 2019)."""
    assert target_sentence(report, lang) == expected
