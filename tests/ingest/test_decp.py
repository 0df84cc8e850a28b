"""DECP identity (DOMAIN.md section 5): records sharing buyer and id but differing are distinct
contracts, modifications stay with their record, republished records are quarantined with a
reason, and every record of a file is loaded or quarantined."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipelines.ingest import ingest_files
from pipelines.ingest.base import IngestOptions
from pipelines.ingest.decp import DecpFile
from pipelines.settings import Settings
from tests.ingest.conftest import query

D = Decimal
BUYER = "21040049500011"


def record(rid: str, objet: str, montant: float, holder: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "acheteur": {"id": BUYER, "nom": "Commune"},
        "objet": objet,
        "dateNotification": "2018-12-20",
        "montant": montant,
        "titulaires": [{"typeIdentifiant": "SIRET", "id": holder, "denominationSociale": "X"}],
        "modifications": [],
        **extra,
    }


def write_json(tmp_path: Path, records: list[dict[str, Any]], name: str = "decp.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"marches": records}, ensure_ascii=False), encoding="utf-8")
    return path


def prepared(path: Path) -> DecpFile:
    return DecpFile(path, path.parent, IngestOptions())


@pytest.mark.parametrize(
    ("item", "uid", "buyer"),
    [
        ({"id": "A1", "acheteur": {"id": "B"}}, "BA1", "B"),
        ({"id": "A1", "acheteur.id": "B", "acheteur.nom": "Ville"}, "BA1", "B"),
        ({"id": "A1", "acheteur_id": "B"}, "BA1", "B"),
        ({"id": "A1", "acheteur": {"id": "B"}, "uid": "B-A1-given"}, "B-A1-given", "B"),
        ({"id": "A1"}, "A1", None),
    ],
)
def test_buyer_and_uid_layouts(tmp_path: Path, item: dict[str, Any], uid: str, buyer: str) -> None:
    (contract,) = prepared(write_json(tmp_path, [item])).contracts
    assert (contract.uid, contract.base_uid, contract.buyer_id) == (uid, uid, buyer)


def test_lots_sharing_buyer_and_id_are_distinct_contracts(
    settings: Settings, tmp_path: Path
) -> None:
    mod = {"montant": 120, "dateNotificationModification": "2019-01-10",
           "titulaires": [{"typeIdentifiant": "SIRET", "id": "44306184100047"}]}  # fmt: skip
    path = write_json(
        tmp_path,
        [
            record("20181101", "Lot 1 gros oeuvre", 100, "50283891500010", modifications=[mod]),
            record("20181101", "Lot 2 charpente", 200, "75349326100014"),
            record("20181101", "Lot 3 couverture", 300, "75349326100014"),
            record("20181101", "Lot 3 couverture", 300, "75349326100014"),  # exact duplicate
            record("20181101", "Lot 2 charpente.", 200, "75349326100014", source="again"),
        ],
    )
    (result,) = ingest_files([path], settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (5, 3, 2)
    assert result.contracts_loaded == 3
    uid = BUYER + "20181101"
    rows = query(
        settings,
        "select contract_uid, object, amount_eur, amount_modified_eur, modifications_count "
        "from decp_contracts order by amount_eur",
    )
    assert rows == [
        (uid, "Lot 1 gros oeuvre", D("100.00"), D("120.00"), 1),
        (uid + "#2", "Lot 2 charpente.", D("200.00"), None, 0),  # the last publication is kept
        (uid + "#3", "Lot 3 couverture", D("300.00"), None, 0),
    ]
    # the modification's new holder belongs to lot 1 only
    holders = query(settings, "select contract_uid, holder_id from decp_holders order by 1, 2")
    assert holders == [
        (uid, "44306184100047"),
        (uid, "50283891500010"),
        (uid + "#2", "75349326100014"),
        (uid + "#3", "75349326100014"),
    ]
    reasons = dict(query(settings, "select row_no, reason from quarantine order by row_no"))
    assert set(reasons) == {2, 3}
    assert reasons[3].startswith("doublon exact à l'enregistrement 4")
    assert "publié à nouveau à l'enregistrement 5" in reasons[2]


def test_a_newer_file_replaces_every_contract_of_its_buyer_and_id(
    settings: Settings, tmp_path: Path
) -> None:
    old = write_json(
        tmp_path,
        [
            record("X1", "Lot 1", 100, "50283891500010"),
            record("X1", "Lot 2", 200, "75349326100014"),
        ],
        "old.json",
    )
    new = write_json(tmp_path, [record("X1", "Lot 1", 150, "50283891500010")], "new.json")
    ingest_files([old], settings=settings)
    (result,) = ingest_files([new], settings=settings)
    assert result.rows_replaced == 2
    assert query(settings, "select count(*), sum(amount_eur) from decp_contracts") == [
        (1, D("150.00"))
    ]
    assert query(settings, "select count(*) from decp_holders") == [(1,)]
    (again,) = ingest_files([new], settings=settings)
    assert again.status == "unchanged"


FLAT = """\
uid,id,acheteur.id,objet,dateNotification,montant,titulaire.id,titulaire.typeIdentifiant,donneesActuelles,rootId
B1X1,X1,B1,Voirie,2024-03-01,1000,50283891500010,SIRET,true,X1
B1X1,X1,B1,Voirie,2024-03-01,1000,75349326100014,SIRET,true,X1
B1X1,X1,B1,Voirie,2024-03-01,1000,75349326100014,SIRET,true,X1
B1X1,X1,B1,Voirie,2024-04-01,2500,75349326100014,SIRET,true,X1
B1X201,X201,B1,Eclairage,2024-05-01,700,44306184100047,SIRET,false,X2
B1X202,X202,B1,Eclairage,2024-05-01,700,44306184100047,SIRET,true,X2
"""


def test_flat_csv_rows_per_holder_duplicates_and_versions(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "decp.csv"
    path.write_text(FLAT, encoding="utf-8")
    (result,) = ingest_files([path], fmt="decp", settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (6, 4, 2)
    rows = query(
        settings,
        "select contract_uid, contract_id, amount_eur, source_rows from decp_contracts order by 1",
    )
    assert rows == [
        ("B1X1", "X1", D("1000.00"), 2),  # two holders of one contract
        ("B1X1#2", "X1", D("2500.00"), 1),  # same uid, another date and amount
        ("B1X2", "X2", D("700.00"), 1),  # the current version of X2, named by rootId
    ]
    assert query(settings, "select count(*) from decp_holders where contract_uid = 'B1X1'") == [
        (2,)
    ]
    reasons = dict(query(settings, "select row_no, reason from quarantine order by row_no"))
    assert reasons[4] == "doublon de la ligne 3 (même marché, même titulaire)"
    assert "donneesActuelles" in reasons[6]


LOTS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["A1", "A2"]),
        "objet": st.sampled_from(["Lot 1", "Lot 1.", "Lot 2"]),
        "montant": st.sampled_from([100, 250.5, None]),
        "holder": st.sampled_from(["50283891500010", "75349326100014"]),
        "date": st.sampled_from(["2019-01-01", "2019-02-01", "bad"]),
    }
)


@given(lots=st.lists(LOTS, max_size=12), flat=st.booleans())
@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_record_vanishes(tmp_path: Path, lots: list[dict[str, Any]], flat: bool) -> None:
    """Whatever repeats, every record is in one contract or in quarantine, never both."""
    if flat:
        path = tmp_path / "decp.csv"
        lines = ["id,acheteur.id,objet,dateNotification,montant,titulaire.id"] + [
            f"{x['id']},{BUYER},{x['objet']},{x['date']},{x['montant'] or ''},{x['holder']}"
            for x in lots
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        first = 2
    else:
        records = [
            {
                **record(x["id"], x["objet"], x["montant"], x["holder"]),
                "dateNotification": x["date"],
            }
            for x in lots
        ]
        path = write_json(tmp_path, records)
        first = 1
    if not lots and flat:
        return  # a header alone: no contract id to read, nothing to check
    prepared_file = prepared(path)
    loaded = [n for c in prepared_file.contracts for n in c.row_nos]
    quarantined = [p.row_no for p in prepared_file.problems]
    assert sorted(loaded + quarantined) == list(range(first, first + len(lots)))
    assert prepared_file.rows_read == len(lots)
    assert len({c.uid for c in prepared_file.contracts}) == len(prepared_file.contracts)
