"""Public contracts (DECP): the 2024 JSON format and the consolidated flat CSV.

Each contract lands in ``decp_contracts`` (uid = buyer id + contract id, as in the DECP), each
holder in ``decp_holders`` (SIRET, or the SIREN of a shorter identifier). A contract loaded again
(same uid) is replaced. Unreadable contracts go to quarantine with their position in the file.
DECP files are per buyer and small: parsed in Python, written in one batch.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import UserError
from pipelines.identifiers import digits_only, normalize_siren, normalize_siret
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.headers import normalize_header
from pipelines.ingest.land import LandCounts
from pipelines.ingest.sniff import detect_encoding, read_sample, sniff_text

EXPECTED = (
    'des données DECP (JSON {"marches": {"marche": [...]}} ou CSV consolidé avec id, '
    "acheteur.id, montant, dateNotification, titulaires)"
)
MAX_AMOUNT = Decimal("1e13")  # above: a placeholder (the DECP has 1e17 "amounts")

#: flat CSV columns (normalised, separators removed) -> contract field
FLAT_COLUMNS = {
    "uid": "uid",
    "id": "contract_id",
    "idmarche": "contract_id",
    "acheteurid": "buyer_id",
    "acheteursiret": "buyer_id",
    "acheteurnom": "buyer_name",
    "nature": "nature",
    "objet": "object",
    "codecpv": "cpv_code",
    "procedure": "procedure",
    "datenotification": "notification_date",
    "montant": "amount",
    "considerationssociales": "social",
    "considerationsociale": "social",
    "titulaireid": "holder_id",
    "titulairesid": "holder_id",
    "titulaireidentifiant": "holder_id",
    "titulairetypeidentifiant": "holder_type",
    "titulairestypeidentifiant": "holder_type",
}


@dataclass
class Contract:
    row_no: int
    contract_id: str
    buyer_id: str | None
    buyer_name: str | None
    nature: str | None
    object: str | None
    cpv_code: str | None
    procedure: str | None
    notification_date: dt.date | None
    amount: Decimal | None
    social: list[str] = field(default_factory=list)
    holders: list[tuple[str | None, str | None]] = field(default_factory=list)  # (id, type)

    @property
    def uid(self) -> str:
        return (self.buyer_id or "") + self.contract_id


@dataclass
class Problem:
    row_no: int
    column: str
    value: str | None
    reason: str


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any) -> dt.date | None:
    text = _text(value)
    if text is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _amount(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation(str(value))
    return amount


def _as_list(value: Any, key: str) -> list[Any]:
    """DECP lists come as [..], {key: [..]}, {key: x} or a single value."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get(key, [])
    if isinstance(value, list):
        return value
    return [value]


def _split_labels(text: str | None) -> list[str]:
    if not text:
        return []
    for sep in ("|", ";", ","):
        if sep in text:
            return [p.strip() for p in text.split(sep) if p.strip()]
    return [text.strip()]


def _holder_identifiers(
    holder_id: str | None, holder_type: str | None
) -> tuple[str | None, str | None]:
    """(siret, siren) of a holder: only SIRET-like identifiers count."""
    if not holder_id or (holder_type and normalize_header(holder_type) not in ("siret", "siren")):
        return None, None
    digits = digits_only(holder_id)
    siret = normalize_siret(digits) if len(digits) in (13, 14) else None
    siren = siret[:9] if siret else normalize_siren(digits) if len(digits) in (8, 9) else None
    return siret, siren


class DecpFile(Prepared):
    target = "decp"

    def __init__(self, path: Path, workdir: Path, options: IngestOptions) -> None:
        super().__init__()
        self.fmt = "decp"
        self.path = path
        self.entity = options.entity
        self.problems: list[Problem] = []
        sample, at_eof = read_sample(path)
        if not sample.strip():
            raise UserError(
                f"{path} : fichier vide, attendu {EXPECTED}.", f"{path}: empty file, expected DECP."
            )
        head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith((b"{", b"[")):
            self.encoding = "utf-8"
            self.contracts = self._read_json(path)
            self.column_mapping = {"marches.marche[]": "decp_contracts"}
        else:
            self.contracts = self._read_csv(path)
        self.rows_read = len(self.contracts) + len(self.problems)

    # -- readers ---------------------------------------------------------------------------
    def _read_json(self, path: Path) -> list[Contract]:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                data = json.load(handle)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise UserError(
                f"{path} : JSON illisible ({exc.__class__.__name__}), attendu {EXPECTED}.",
                f"{path}: unreadable JSON ({exc.__class__.__name__}), expected DECP JSON.",
            ) from None
        marches: Any = data
        if isinstance(data, dict):
            marches = data.get("marches", data)
            if isinstance(marches, dict):
                marches = marches.get("marche", marches.get("marches"))
        if not isinstance(marches, list):
            raise UserError(
                f'{path} : liste des marchés introuvable (clé "marches" > "marche"), '
                f"attendu {EXPECTED}.",
                f'{path}: no contract list ("marches" > "marche"), expected DECP JSON.',
            )
        contracts = []
        for idx, item in enumerate(marches, start=1):
            if not isinstance(item, dict):
                self.problems.append(Problem(idx, "marche", str(item)[:200], "marché illisible"))
                continue
            contract = self._contract(idx, item)
            if contract is not None:
                contracts.append(contract)
        return contracts

    def _contract(self, idx: int, m: dict[str, Any]) -> Contract | None:
        contract_id = _text(m.get("id"))
        if contract_id is None:
            self.problems.append(Problem(idx, "id", None, "identifiant du marché manquant"))
            return None
        buyer = m.get("acheteur") or {}
        buyer_id = _text(buyer.get("id")) if isinstance(buyer, dict) else _text(buyer)
        buyer_name = _text(buyer.get("nom")) if isinstance(buyer, dict) else None
        try:
            notified = _date(m.get("dateNotification"))
        except ValueError:
            self.problems.append(
                Problem(
                    idx,
                    "dateNotification",
                    _text(m.get("dateNotification")),
                    "date illisible, attendu AAAA-MM-JJ",
                )  # fmt: skip
            )
            return None
        try:
            amount = _amount(m.get("montant"))
        except (InvalidOperation, ValueError):
            self.problems.append(
                Problem(idx, "montant", _text(m.get("montant")), "montant illisible")
            )
            return None
        if amount is not None and abs(amount) >= MAX_AMOUNT:
            self.warnings.append(f"marché {contract_id} : montant {m.get('montant')} ignoré")
            amount = None
        holders = []
        for entry in _as_list(m.get("titulaires"), "titulaire"):
            holder = entry.get("titulaire", entry) if isinstance(entry, dict) else {}
            if isinstance(holder, dict):
                holders.append((_text(holder.get("id")), _text(holder.get("typeIdentifiant"))))
        social = [
            str(x) for x in _as_list(m.get("considerationsSociales"), "considerationSociale") if x
        ]
        return Contract(
            row_no=idx,
            contract_id=contract_id,
            buyer_id=buyer_id,
            buyer_name=buyer_name,
            nature=_text(m.get("nature")),
            object=_text(m.get("objet")),
            cpv_code=_text(m.get("codeCPV")),
            procedure=_text(m.get("procedure")),
            notification_date=notified,
            amount=None if amount is None else amount.quantize(Decimal("0.01")),
            social=social,
            holders=holders,
        )

    def _read_csv(self, path: Path) -> list[Contract]:
        sniff = sniff_text(path, expected=EXPECTED)
        self.encoding, self.delimiter = sniff.encoding, sniff.delimiter
        keys = [normalize_header(h).replace(" ", "") for h in sniff.header]
        columns = {i: FLAT_COLUMNS[k] for i, k in enumerate(keys) if k in FLAT_COLUMNS}
        self.column_mapping = {sniff.header[i]: f for i, f in columns.items()}
        found = set(columns.values())
        if "contract_id" not in found and "uid" not in found:
            raise UserError(
                f"{path} : colonne id (identifiant du marché) introuvable ; colonnes trouvées : "
                f"{' | '.join(sniff.header)}. Attendu {EXPECTED}.",
                f"{path}: no contract id column; columns found: {' | '.join(sniff.header)}.",
            )
        sample, at_eof = read_sample(path)
        encoding = detect_encoding(sample, at_eof=at_eof)
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            text = handle.read()
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sniff.delimiter)
        next(reader, None)
        by_uid: dict[str, Contract] = {}
        for row_no, row in enumerate(reader, start=2):
            values = {f: (row[i] if i < len(row) else "") for i, f in columns.items()}
            if not any(v.strip() for v in values.values()):
                continue
            item: dict[str, Any] = {
                "id": values.get("contract_id") or values.get("uid"),
                "acheteur": {"id": values.get("buyer_id"), "nom": values.get("buyer_name")},
                "nature": values.get("nature"),
                "objet": values.get("object"),
                "codeCPV": values.get("cpv_code"),
                "procedure": values.get("procedure"),
                "dateNotification": values.get("notification_date"),
                "montant": values.get("amount") or None,
                "considerationsSociales": _split_labels(values.get("social")),
                "titulaires": [
                    {"id": values.get("holder_id"), "typeIdentifiant": values.get("holder_type")}
                ]
                if values.get("holder_id")
                else [],
            }
            contract = self._contract(row_no, item)
            if contract is None:
                continue
            previous = by_uid.get(contract.uid)
            if previous is not None:  # one row per holder: merge
                for holder in contract.holders:
                    if holder not in previous.holders:
                        previous.holders.append(holder)
            else:
                by_uid[contract.uid] = contract
        return list(by_uid.values())

    # -- landing -----------------------------------------------------------------------------
    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        from pipelines.reports.decp import has_social_consideration, is_reserved_consideration

        contracts = list({c.uid: c for c in self.contracts}.values())
        uids = [c.uid for c in contracts]
        counts = LandCounts(rows_read=self.rows_read)
        con.execute("create or replace temp table ingest_uids (uid varchar)")
        if uids:
            con.executemany("insert into ingest_uids values (?)", [[u] for u in uids])
        row = con.execute(
            "select count(*) from decp_contracts "
            "where contract_uid in (select uid from ingest_uids)"
        ).fetchone()
        counts.rows_replaced = int(row[0]) if row else 0
        con.execute("delete from decp_holders where contract_uid in (select uid from ingest_uids)")
        con.execute(
            "delete from decp_contracts where contract_uid in (select uid from ingest_uids)"
        )
        if contracts:
            con.executemany(
                "insert into decp_contracts (load_id, contract_uid, contract_id, buyer_id, "
                "buyer_name, nature, object, cpv_code, procedure, notification_date, amount_eur, "
                "social_considerations, has_social_consideration, is_reserved) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        load_id,
                        c.uid,
                        c.contract_id,
                        c.buyer_id,
                        c.buyer_name,
                        c.nature,
                        c.object,
                        c.cpv_code,
                        c.procedure,
                        c.notification_date,
                        c.amount,
                        c.social,
                        has_social_consideration(c.social),
                        any(is_reserved_consideration(x) for x in c.social),
                    ]
                    for c in contracts
                ],  # fmt: skip
            )
            holders = [
                [c.uid, holder_id, holder_type, *_holder_identifiers(holder_id, holder_type)]
                for c in contracts
                for holder_id, holder_type in c.holders
            ]
            if holders:
                con.executemany(
                    "insert into decp_holders (contract_uid, holder_id, id_type, siret, siren) "
                    "values (?, ?, ?, ?, ?)",
                    holders,
                )
        if self.problems:
            con.executemany(
                "insert into quarantine (load_id, file, row_no, column_name, value, reason) "
                "values (?, ?, ?, ?, ?, ?)",
                [
                    [load_id, file_label, p.row_no, p.column, p.value, p.reason]
                    for p in self.problems
                ],
            )
        counts.rows_quarantined = len(self.problems)
        counts.rows_loaded = len(contracts)
        counts.contracts_loaded = len(contracts)
        total = sum((c.amount or Decimal(0) for c in contracts), Decimal("0.00"))
        counts.amount_eur = str(total)
        return counts
