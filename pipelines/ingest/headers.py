"""Which source column is which ledger field: header synonyms and YAML mapping files.

Headers are compared after :func:`normalize_header` (lower case, no accents, no punctuation, no
units in brackets, no filler words), so "N° de facture", "numero_facture" and "Invoice No." all
land on ``invoice_id``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipelines.errors import UserError
from pipelines.textinput import fold

#: Canonical ledger fields, in output order.
LEDGER_FIELDS = (
    "entity",
    "invoice_id",
    "line_no",
    "invoice_date",
    "posting_date",
    "supplier_code",
    "supplier_name",
    "siret",
    "post_code",
    "buyer",
    "account",
    "category",
    "naf",
    "amount_eur",
    "currency",
    "description",
)

#: Fields a ledger cannot do without (besides a supplier name or code).
REQUIRED_FIELDS = ("invoice_id", "invoice_date", "amount_eur")

_FILLER = {
    "de", "du", "des", "la", "le", "les", "l", "d", "the", "of", "en", "a",
    "eur", "euro", "euros", "e",
}  # fmt: skip
_UNITS = re.compile(r"\([^)]*\)|\[[^\]]*\]|€")
_SPELLED = re.compile(r"\b[a-z](?: [a-z]\b)+")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "entity": (
        "entity", "entite", "societe", "company", "company code", "code societe", "legal entity",
        "entite juridique", "filiale", "bukrs", "etablissement", "entite acheteuse",
        "organisation", "organization",
    ),
    "invoice_id": (
        "invoice id", "invoice", "invoice no", "invoice number", "invoice num", "invoice ref",
        "numero facture", "no facture", "num facture", "facture", "ref facture",
        "reference facture", "n facture", "piece", "numero piece", "no piece", "piece ref",
        "pieceref", "document number", "doc no", "belnr", "document", "invoice_id",
    ),
    "line_no": (
        "line no", "line", "line number", "line num", "numero ligne", "no ligne", "ligne",
        "n ligne", "num ligne", "position", "poste", "buzei", "item",
    ),
    "invoice_date": (
        "invoice date", "date facture", "date", "date piece", "document date", "bldat",
        "date document", "date emission", "piecedate",
    ),
    "posting_date": (
        "posting date", "date comptable", "date comptabilisation", "date ecriture",
        "budat", "gl date", "accounting date",
    ),
    "supplier_code": (
        "supplier code", "supplier id", "vendor", "vendor code", "vendor id", "vendor number",
        "code fournisseur", "fournisseur code", "numero fournisseur", "no fournisseur",
        "n fournisseur", "id fournisseur", "lifnr", "compte fournisseur", "compte auxiliaire",
        "compauxnum", "code tiers", "tiers",
    ),
    "supplier_name": (
        "supplier name", "supplier", "vendor name", "raison sociale fournisseur",
        "raison sociale", "fournisseur", "nom fournisseur", "libelle fournisseur",
        "fournisseur nom", "name1", "raison sociale du fournisseur", "compauxlib",
        "denomination", "nom", "name", "nom tiers",
    ),
    "siret": (
        "siret", "siret fournisseur", "supplier siret", "numero siret", "no siret", "n siret",
        "vendor siret", "siret du fournisseur", "stcd1", "siret titulaire",
    ),
    "post_code": (
        "post code", "postcode", "postal code", "zip", "zip code", "code postal", "cp",
        "cp fournisseur", "code postal fournisseur", "supplier post code", "pstlz",
    ),
    "buyer": (
        "buyer", "acheteur", "purchaser", "buyer id", "code acheteur", "nom acheteur",
        "gestionnaire", "requester", "demandeur", "ekgrp", "portefeuille",
    ),
    "account": (
        "account", "compte", "compte general", "compte comptable", "gl account", "numero compte",
        "no compte", "comptenum", "hkont", "account number", "nature comptable",
    ),
    "category": (
        "category", "categorie", "categorie achat", "purchase category", "famille",
        "famille achat", "famille d achat", "categorie d achat", "spend category",
        "commodity", "segment", "secteur", "matkl",
    ),
    "naf": ("naf", "code naf", "ape", "code ape", "naf code", "naf ape"),
    "amount_eur": (
        "amount", "amount eur", "montant", "montant ht", "amount excl vat", "net amount",
        "montant hors taxes", "montant hors taxe", "montant net", "amount net", "ht",
        "depense", "depense achat", "spend", "montant eur", "valeur", "dmbtr", "wrbtr",
        "amount_eur",
    ),
    "currency": ("currency", "devise", "monnaie", "currency code", "code devise", "waers"),
    "description": (
        "description", "libelle", "designation", "label", "text", "texte", "libelle ligne",
        "sgtxt", "objet",
    ),
}  # fmt: skip


def normalize_header(header: object) -> str:
    """Lower case, accents and units removed, words separated by one space, filler words dropped."""
    text = str(header or "").lower()
    text = text.replace("n°", "numero ").replace("nº", "numero ").replace("°", " ")
    text = fold(_UNITS.sub(" ", text))
    text = _SPELLED.sub(lambda m: m.group(0).replace(" ", ""), text)  # "h t" -> "ht", "c p" -> "cp"
    words = [w for w in text.split() if w not in _FILLER]
    return " ".join(words)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for field_name, names in _SYNONYMS.items():
        for name in names:
            index.setdefault(normalize_header(name), field_name)
        index.setdefault(normalize_header(field_name), field_name)
    # "numero facture" and "no facture" are the same thing once normalised
    for key, value in list(index.items()):
        for prefix in ("numero ", "no ", "num ", "n "):
            if key.startswith(prefix):
                index.setdefault(key[len(prefix) :], value)
    return index


_INDEX = _build_index()


def field_for_header(header: object, synonyms: Mapping[str, str] | None = None) -> str | None:
    """The ledger field a header names, or None. ``synonyms`` (normalised header -> field) first."""
    key = normalize_header(header)
    if not key:
        return None
    if synonyms and key in synonyms:
        return synonyms[key]
    if key in _INDEX:
        return _INDEX[key]
    for prefix in ("numero ", "no ", "num ", "n "):
        if key.startswith(prefix) and key[len(prefix) :] in _INDEX:
            return _INDEX[key[len(prefix) :]]
    return None


def load_mapping(path: Path | None) -> dict[str, str]:
    """Read a YAML mapping ``{field: source column}`` (or ``{columns: {...}}``).

    Returns normalised source header -> field.
    """
    if path is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(
            f"{path} : fichier de correspondance introuvable.", f"{path}: mapping file not found."
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(
            f"{path} : fichier de correspondance illisible, attendu du YAML "
            f"« champ: colonne » ({exc.__class__.__name__}).",
            f"{path}: cannot read the mapping file, expected YAML 'field: column' "
            f"({exc.__class__.__name__}).",
        ) from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict):
        raise UserError(
            f"{path} : attendu un dictionnaire YAML « champ: colonne source ».",
            f"{path}: expected a YAML dictionary 'field: source column'.",
        )
    known = set(LEDGER_FIELDS)
    result: dict[str, str] = {}
    for key, value in data.items():
        field_name, column = str(key), value
        if field_name not in known and str(value) in known:  # written the other way round
            field_name, column = str(value), key
        if field_name not in known:
            raise UserError(
                f"{path} : champ « {key} » inconnu ; "
                f"champs possibles : {', '.join(LEDGER_FIELDS)}.",
                f"{path}: unknown field {key!r}; expected one of {', '.join(LEDGER_FIELDS)}.",
            )
        columns = column if isinstance(column, list) else [column]
        for col in columns:
            result[normalize_header(col)] = field_name
    return result


def map_headers(
    headers: Sequence[str], synonyms: Mapping[str, str] | None = None
) -> dict[int, str]:
    """Column index -> field, the first column naming a field wins."""
    taken: dict[str, int] = {}
    for idx, header in enumerate(headers):
        field_name = field_for_header(header, synonyms)
        if field_name and field_name not in taken:
            taken[field_name] = idx
    # a "Fournisseur" column next to a "Code fournisseur" one is the name; alone, it is ambiguous
    return {idx: f for f, idx in taken.items()}


def missing_required(fields: set[str], *, need_entity: bool = False) -> list[str]:
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    if "supplier_name" not in fields and "supplier_code" not in fields and "siret" not in fields:
        missing.append("supplier_name|supplier_code")
    if need_entity and "entity" not in fields:
        missing.append("entity")
    return missing


FIELD_LABELS_FR = {
    "entity": "Société",
    "invoice_id": "N° de facture",
    "line_no": "N° de ligne",
    "invoice_date": "Date de facture",
    "posting_date": "Date comptable",
    "supplier_code": "Code fournisseur",
    "supplier_name": "Raison sociale fournisseur",
    "siret": "SIRET fournisseur",
    "post_code": "CP fournisseur",
    "buyer": "Acheteur",
    "account": "Compte général",
    "category": "Catégorie d'achat",
    "naf": "Code NAF",
    "amount_eur": "Montant HT (EUR)",
    "currency": "Devise",
    "description": "Libellé",
    "supplier_name|supplier_code": "Raison sociale ou code fournisseur",
}
