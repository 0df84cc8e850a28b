"""Public contracts (DECP): the 2019 JSON, the 2022/2024 JSON and the consolidated flat CSV.

Layouts read: ``{"marches": [...]}`` (2019: nested ``acheteur``, ``titulaires``, ``modifications``,
or flat ``"acheteur.id"`` keys), ``{"marches": {"marche": [...]}}`` (2022/2024: ``titulaires`` of
``{"titulaire": {...}}``, ``considerationsSociales`` of ``{"considerationSociale": [...]}``), and
a flat CSV with one row per holder (``uid``, ``id``, ``acheteur.id`` or ``acheteur_id``,
``titulaire.id``...; the data.gouv.fr ``decp.csv`` with ``rootId`` / ``donneesActuelles``).

Identity (DOMAIN.md section 5): a contract is its buyer + id (or the ``uid`` the file gives), plus
what distinguishes records sharing them: object, notification date, amount and holders. Records
sharing buyer and id but differing there are distinct contracts (``uid``, ``uid#2``, ...). A
record equal to another on all of them is the same contract published again: the last one is
kept, the others go to quarantine with that reason. In a flat CSV, rows of one contract that only
differ by holder are its holders. Every record of the file is either in a contract or in
quarantine: ``rows_read = rows_loaded + rows_quarantined``.

The amount of a contract is its amount at notification; its modifications (nested in the record
they belong to) add the holders they name and their last amount is kept apart
(``amount_modified_eur``: the DECP defines it as the new total, real files often carry the
amendment's own amount there). A file replaces every contract of the buyer + id it contains.
DECP files are per buyer and small: parsed in Python, written in one batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import UserError
from pipelines.i18n import t
from pipelines.identifiers import digits_only, normalize_siren, normalize_siret
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.headers import normalize_header
from pipelines.ingest.land import LandCounts
from pipelines.ingest.sniff import read_sample, sniff_text
from pipelines.textinput import parse_date, parse_decimal, read_rows, read_text_file, to_cents

EXPECTED = (
    'des données DECP (JSON {"marches": [...]} ou {"marches": {"marche": [...]}}, ou CSV '
    "consolidé avec id, acheteur.id, montant, dateNotification, titulaire.id)"
)
MAX_AMOUNT = Decimal("1e13")  # above: a placeholder (the DECP has 1e17 "amounts")

#: flat CSV columns (normalised, separators removed) -> contract field
FLAT_COLUMNS = {
    "uid": "uid",
    "id": "contract_id",
    "idmarche": "contract_id",
    "rootid": "root_id",
    "donneesactuelles": "current",
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
    "dureemois": "duration",
}
#: A duration (``dureeMois``) outside 1..this many months is not a duration: ignored, said.
MAX_DURATION_MONTHS = 1200
FALSE_TEXTS = {"false", "faux", "0", "non", "no", "f", "n"}


@dataclass
class Contract:
    row_no: int  # first record (JSON) or row (CSV) of the contract in the file
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
    given_uid: str | None = None
    amount_modified: Decimal | None = None
    modifications: int = 0
    #: ``dureeMois`` of the record (None when absent or unreadable)
    duration_months: int | None = None
    #: records / rows of the file this contract holds
    row_nos: list[int] = field(default_factory=list)
    #: canonical text of the source record (exact duplicates)
    fingerprint: str = ""
    #: contract_uid in the warehouse: base_uid, or base_uid#n for the n-th contract sharing it
    uid: str = ""

    @property
    def base_uid(self) -> str:
        """The DECP uid: the one the file gives, else buyer id + contract id."""
        return self.given_uid or (self.buyer_id or "") + self.contract_id


@dataclass
class Problem:
    row_no: int
    column: str
    value: str | None
    reason: str


def fold_text(value: str | None) -> str:
    from pipelines.reports.decp import fold

    return fold(value or "")


def identity_key(contract: Contract, *, with_holders: bool = True) -> tuple[Any, ...]:
    """What tells apart contracts sharing buyer and id: object, date, amount and holders."""
    holders = tuple(sorted((h or "").strip() for h, _ in contract.holders)) if with_holders else ()
    return (
        contract.base_uid,
        fold_text(contract.object),
        contract.notification_date,
        contract.amount,
        holders,
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _as_list(value: Any, key: str) -> list[Any]:
    """DECP lists come as [..], {key: [..]}, {key: x} or a single value."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get(key, [])
    if isinstance(value, list):
        return value
    return [value]


def _flatten(items: Iterable[Any]) -> list[Any]:
    """Nested lists flattened (real files wrap modification holders in [[...]])."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, list):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _holders(value: Any) -> list[tuple[str | None, str | None]]:
    """(id, type) of each holder: ``[{"titulaire": {...}}]`` (2022) or ``[{...}]`` (2019)."""
    holders = []
    for entry in _flatten(_as_list(value, "titulaire")):
        holder = entry.get("titulaire", entry) if isinstance(entry, dict) else None
        if isinstance(holder, dict) and _text(holder.get("id")):
            holders.append((_text(holder.get("id")), _text(holder.get("typeIdentifiant"))))
    return holders


def _modifications(value: Any) -> list[dict[str, Any]]:
    """Modifications of a record: ``[{...}]`` (2019) or ``[{"modification": {...}}]`` (2022)."""
    mods = []
    for entry in _flatten(_as_list(value, "modification")):
        mod = entry.get("modification", entry) if isinstance(entry, dict) else None
        for item in _flatten(mod if isinstance(mod, list) else [mod]):
            if isinstance(item, dict):
                mods.append(item)
    return mods


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


def duration_months(value: Any) -> int | None:
    """``dureeMois``: a whole number of months from 1 to :data:`MAX_DURATION_MONTHS` (``12``,
    ``12.0``, ``"12"``); None when absent or anything else."""
    text = _text(value)
    if text is None or isinstance(value, bool):
        return None
    try:
        number = parse_decimal(text)
    except ValueError:
        return None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        return None
    months = int(number)
    return months if 1 <= months <= MAX_DURATION_MONTHS else None


def _buyer(m: dict[str, Any]) -> tuple[str | None, str | None]:
    """Buyer id and name: ``"acheteur": {"id", "nom"}`` or the flat ``"acheteur.id"`` keys."""
    buyer = m.get("acheteur")
    if isinstance(buyer, dict):
        buyer_id, name = _text(buyer.get("id")), _text(buyer.get("nom"))
    else:
        buyer_id, name = _text(buyer), None
    buyer_id = buyer_id or _text(m.get("acheteur.id")) or _text(m.get("acheteur_id"))
    name = name or _text(m.get("acheteur.nom")) or _text(m.get("acheteur_nom"))
    return buyer_id, name


def group_contracts(records: list[Contract], *, flat: bool) -> tuple[list[Contract], list[Problem]]:
    """Contracts of a file from its readable records, and the records published again.

    JSON (``flat`` false): records equal on :func:`identity_key` are one contract published
    again; the last one is kept. Flat CSV: rows equal on the key without holders are one
    contract, each row adding its holder; a row repeating a holder is a duplicate row. Contracts
    sharing a base uid get ``uid``, ``uid#2``, ``uid#3``... in the order they first appear.
    """
    by_key: dict[tuple[Any, ...], Contract] = {}
    holder_rows: dict[tuple[Any, ...], int] = {}  # flat CSV: (key, holder) -> its first row
    duplicates: list[Problem] = []
    for record in records:
        key = identity_key(record, with_holders=not flat)
        kept = by_key.get(key)
        if flat:
            holder = record.holders[0] if record.holders else None
            if (key, holder) in holder_rows:
                duplicates.append(
                    Problem(
                        record.row_no,
                        "id",
                        record.contract_id,
                        f"doublon de la ligne {holder_rows[key, holder]} (même marché, même "
                        "titulaire)",
                    )
                )
                continue
            holder_rows[key, holder] = record.row_no
        if kept is None:
            by_key[key] = record
        elif flat:  # another holder of the same contract
            kept.holders.extend(h for h in record.holders if h not in kept.holders)
            kept.row_nos.extend(record.row_nos)
            kept.social.extend(x for x in record.social if x not in kept.social)
        else:
            what = (
                "doublon exact"
                if record.fingerprint == kept.fingerprint
                else "même marché (acheteur, id, objet, date, montant et titulaires) publié à "
                "nouveau"
            )
            duplicates.append(
                Problem(
                    kept.row_nos[0],
                    "id",
                    kept.contract_id,
                    f"{what} à l'enregistrement {record.row_no} ; la dernière publication est "
                    "gardée",
                )
            )
            record.row_no = kept.row_no  # the contract keeps its place in the file
            by_key[key] = record
    contracts = sorted(by_key.values(), key=lambda c: c.row_no)
    seen: dict[str, int] = {}
    for contract in contracts:
        n = seen[contract.base_uid] = seen.get(contract.base_uid, 0) + 1
        contract.uid = contract.base_uid if n == 1 else f"{contract.base_uid}#{n}"
    return contracts, duplicates


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
            records = self._read_json(path)
            self.column_mapping = {"marches[]": "decp_contracts"}
            flat = False
        else:
            records = self._read_csv(path)
            flat = True
        self.contracts, duplicates = group_contracts(records, flat=flat)
        self.problems.extend(duplicates)
        self.problems.sort(key=lambda p: p.row_no)
        self.rows_loaded = sum(len(c.row_nos) for c in self.contracts)
        self.rows_read = self.rows_loaded + len(self.problems)

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
                contract.fingerprint = json.dumps(item, sort_keys=True, ensure_ascii=False)
                contracts.append(contract)
        return contracts

    def _contract(self, idx: int, m: dict[str, Any]) -> Contract | None:
        contract_id = _text(m.get("id"))
        if contract_id is None:
            self.problems.append(Problem(idx, "id", None, "identifiant du marché manquant"))
            return None
        buyer_id, buyer_name = _buyer(m)
        try:
            notified = parse_date(_text(m.get("dateNotification")))
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
            amount = parse_decimal(m.get("montant"))
        except ValueError:
            self.problems.append(
                Problem(idx, "montant", _text(m.get("montant")), "montant illisible")
            )
            return None
        if amount is not None and abs(amount) >= MAX_AMOUNT:
            self.warnings.append(
                t("ingest_note.decp_amount_ignored", contract=contract_id, amount=m.get("montant"))
            )
            amount = None
        holders = _holders(m.get("titulaires"))
        mods = _modifications(m.get("modifications"))
        amount_modified = None
        for position, mod in sorted(
            enumerate(mods),
            key=lambda x: (str(x[1].get("dateNotificationModification") or ""), x[0]),
        ):
            for holder in _holders(mod.get("titulaires")):
                if holder not in holders:
                    holders.append(holder)
            try:
                modified = parse_decimal(mod.get("montant"))
            except ValueError:
                self.warnings.append(
                    t(
                        "ingest_note.decp_modification_ignored",
                        contract=contract_id,
                        position=position + 1,
                        amount=repr(mod.get("montant")),
                    )
                )
                continue
            if modified is not None and abs(modified) < MAX_AMOUNT:
                amount_modified = to_cents(modified)
        social = [
            str(x)
            for x in _flatten(_as_list(m.get("considerationsSociales"), "considerationSociale"))
            if x
        ]
        duration = duration_months(m.get("dureeMois"))
        if duration is None and _text(m.get("dureeMois")) is not None:
            self.warnings.append(
                t(
                    "clauses.ingest.decp_duration_ignored",
                    contract=contract_id,
                    row=idx,
                    value=_text(m.get("dureeMois")),
                    most=MAX_DURATION_MONTHS,
                )
            )
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
            amount=None if amount is None else to_cents(amount),
            social=social,
            holders=holders,
            given_uid=_text(m.get("uid")),
            amount_modified=amount_modified,
            modifications=len(mods),
            duration_months=duration,
            row_nos=[idx],
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
        # any line end, control characters cleaned, a field too large a UserError naming the line
        records = read_rows(read_text_file(path), path.name, delimiter=sniff.delimiter)
        for _ in range(sniff.header_line):
            next(records, None)
        contracts = []
        for row_no, (_, row) in enumerate(records, start=sniff.header_line + 1):
            values = {f: (row[i] if i < len(row) else "") for i, f in columns.items()}
            if not any(v.strip() for v in values.values()):
                continue
            if (values.get("current") or "").strip().lower() in FALSE_TEXTS:
                self.problems.append(
                    Problem(
                        row_no,
                        "donneesActuelles",
                        values.get("current"),
                        "version antérieure du marché "
                        f"{values.get('root_id') or values.get('contract_id')}, remplacée par "
                        "sa modification (donneesActuelles faux)",
                    )
                )
                continue
            root = (values.get("root_id") or "").strip()
            item: dict[str, Any] = {
                "id": root or values.get("contract_id") or values.get("uid"),
                "uid": None if root else values.get("uid"),
                "acheteur": {"id": values.get("buyer_id"), "nom": values.get("buyer_name")},
                "nature": values.get("nature"),
                "objet": values.get("object"),
                "codeCPV": values.get("cpv_code"),
                "procedure": values.get("procedure"),
                "dateNotification": values.get("notification_date"),
                "montant": values.get("amount") or None,
                "dureeMois": values.get("duration") or None,
                "considerationsSociales": _split_labels(values.get("social")),
                "titulaires": [
                    {"id": values.get("holder_id"), "typeIdentifiant": values.get("holder_type")}
                ]
                if values.get("holder_id")
                else [],
            }
            contract = self._contract(row_no, item)
            if contract is not None:
                contracts.append(contract)
        return contracts

    # -- landing -----------------------------------------------------------------------------
    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        from pipelines.ingest.land import ingest_sql
        from pipelines.reports.decp import has_social_consideration, is_reserved_consideration

        contracts = self.contracts
        counts = LandCounts(rows_read=self.rows_read)
        con.execute("create or replace temp table ingest_decp_uids (base_uid varchar)")
        base_uids = sorted({c.base_uid for c in contracts})
        if base_uids:
            con.executemany("insert into ingest_decp_uids values (?)", [[u] for u in base_uids])
        row = con.execute(ingest_sql("decp_replace")).fetchone()
        counts.rows_replaced = int(row[0]) if row else 0
        con.execute(ingest_sql("decp_delete_holders"))
        con.execute(ingest_sql("decp_delete_contracts"))
        if contracts:
            con.executemany(
                ingest_sql("decp_insert_contract"),
                [
                    [
                        load_id,
                        c.uid,
                        c.base_uid,
                        c.contract_id,
                        c.buyer_id,
                        c.buyer_name,
                        c.nature,
                        c.object,
                        c.cpv_code,
                        c.procedure,
                        c.notification_date,
                        c.amount,
                        c.amount_modified,
                        c.modifications,
                        len(c.row_nos),
                        c.social,
                        has_social_consideration(c.social),
                        any(is_reserved_consideration(x) for x in c.social),
                        c.duration_months,
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
                con.executemany(ingest_sql("decp_insert_holder"), holders)
        if self.problems:
            con.executemany(
                ingest_sql("decp_insert_quarantine"),
                [
                    [load_id, file_label, p.row_no, p.column, p.value, p.reason]
                    for p in self.problems
                ],
            )
        counts.rows_quarantined = len(self.problems)
        counts.rows_loaded = self.rows_loaded
        counts.contracts_loaded = len(contracts)
        assert counts.rows_read == counts.rows_loaded + counts.rows_quarantined
        total = sum((c.amount or Decimal(0) for c in contracts), Decimal("0.00"))
        counts.amount_eur = str(total)
        return counts
