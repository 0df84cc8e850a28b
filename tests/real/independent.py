"""Independent readings of the real files, written from the formats' specifications.

Nothing here imports from ``pipelines``: these readings are the yardstick the product's figures
are compared with, so they must not share its code. They follow:

- the FEC specification (Livre des procédures fiscales, art. A47 A-1): first line = field names;
  fields separated by a tab or ``|``; amounts with a decimal comma, either ``Debit`` and ``Credit``
  or ``Montant`` and ``Sens`` (``D``/``C`` or ``+1``/``-1``); dates ``AAAAMMJJ``;
- DOMAIN.md section 4 (what counts as spend, FEC entries, opening entries, one supplier per
  entry) and section 5 (a file's rows are all counted);
- the Le marché de l'inclusion purchase template (``Raison sociale du Fournisseur``, ``SIRET``,
  ``Dépense achat (€)``, optional ``Catégorie d'achat`` and ``Entité acheteuse``).

Choices where the contract leaves room, written down so that they can be argued with:

- a line's spend is debit - credit on accounts starting ``60 61 62 20 21 23``, except ``603``
  (variation des stocks: the year-end change of inventory, bought from no one); a line of zero
  spend is not a spend line (neither loaded nor quarantined);
- the numbers of a journal "do not identify balanced entries" when one of its
  ``JournalCode + EcritureNum`` groups does not balance to the cent or spans several dates, or
  holds the ``EcritureNum`` found on more than half of the rows of a file of 20 rows or more;
  that journal then falls back to runs: consecutive lines of the file of one journal and date, a
  run closing as soon as it balances (a run still open when the next line of the file is of
  another journal or date closes unbalanced); other journals keep their numbers;
- an entry is an opening entry when its journal code is one of ``AN ANO RAN AD OUV``, its
  journal label contains "nouveau" (any case, any accents), or any of its lines is on an account
  starting ``10``, ``11`` or ``12`` other than ``108`` (compte de l'exploitant, a sole trader's
  private share, posted in ordinary entries all year); an opening entry's amount is its
  spend-account amount (what would have been counted as spend);
- the supplier of an entry is the ``CompAuxNum`` of its ``401``/``404``/``408`` lines, or the
  account number itself when ``CompAuxNum`` is empty; several distinct codes, or none, put the
  entry's spend lines in quarantine.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SPEND_PREFIXES = ("60", "61", "62", "20", "21", "23")
SUPPLIER_PREFIXES = ("401", "404", "408")
OPENING_JOURNALS = frozenset({"AN", "ANO", "RAN", "AD", "OUV"})
EQUITY_PREFIXES = ("10", "11", "12")
NOT_EQUITY_PREFIXES = ("108",)
NOT_SPEND_PREFIXES = ("603",)
CENT = Decimal("0.01")
MIN_ROWS_ONE_NUMBER = 20

NO_SUPPLIER = "no supplier"
SEVERAL_SUPPLIERS = "several suppliers"

_LINE_END = re.compile(r"\r\r\n|\r\n|\n|\r")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 / ISO 8859-15 as the FEC text allows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fec_amount(text: str) -> Decimal:
    """``1234,56``, ``+000000069,40``, ``0``, empty = 0; rounded half-up to the cent."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned:
        return Decimal("0")
    return Decimal(cleaned).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FecLine:
    row_no: int  # line number in the file, header = 1
    journal: str
    journal_lib: str
    number: str
    date: str  # AAAAMMJJ
    account: str
    aux: str
    amount: Decimal  # debit - credit


def read_fec(path: Path) -> list[FecLine]:
    text = decode(path.read_bytes())
    physical = _LINE_END.split(text)
    header = physical[0]
    sep = "\t" if "\t" in header else "|"
    names = [h.strip().lower() for h in header.split(sep)]
    col = {name: i for i, name in enumerate(names)}
    lines = []
    for row_no, raw in enumerate(physical[1:], start=2):
        if not raw.strip():
            continue
        cells = [c.strip() for c in raw.split(sep)]

        def get(name: str, cells: list[str] = cells) -> str:
            i = col.get(name)
            return cells[i] if i is not None and i < len(cells) else ""

        if "debit" in col:
            amount = fec_amount(get("debit")) - fec_amount(get("credit"))
        else:
            sign = 1 if get("sens").upper() in ("D", "+1", "1") else -1
            amount = sign * fec_amount(get("montant"))
        lines.append(
            FecLine(
                row_no=row_no,
                journal=get("journalcode"),
                journal_lib=get("journallib"),
                number=get("ecriturenum"),
                date=get("ecrituredate"),
                account=get("comptenum"),
                aux=get("compauxnum"),
                amount=amount,
            )
        )
    return lines


def group_entries(lines: list[FecLine]) -> tuple[list[list[FecLine]], bool]:
    """Entries of the file, and whether some numbers had to be replaced by balanced runs."""
    keyed: dict[tuple[str, str], list[FecLine]] = {}
    for line in lines:
        keyed.setdefault((line.journal, line.number), []).append(line)
    top_number, top_rows = Counter(line.number for line in lines).most_common(1)[0]
    weak = {
        journal
        for (journal, number), group in keyed.items()
        if sum(x.amount for x in group) != 0
        or len({x.date for x in group}) > 1
        or (number == top_number and top_rows * 2 > len(lines) >= MIN_ROWS_ONE_NUMBER)
    }
    entries = [group for (journal, _), group in keyed.items() if journal not in weak]
    run: list[FecLine] = []
    balance = Decimal("0")
    previous: tuple[str, str] | None = None
    for line in lines:
        here = (line.journal, line.date)
        if run and here != previous:  # another journal or date: the run ends, balanced or not
            entries.append(run)
            run, balance = [], Decimal("0")
        previous = here
        if line.journal not in weak:
            continue
        run.append(line)
        balance += line.amount
        if balance == 0:
            entries.append(run)
            run = []
    if run:
        entries.append(run)
    return entries, bool(weak)


def is_opening(entry: list[FecLine]) -> bool:
    first = entry[0]
    return (
        first.journal.upper() in OPENING_JOURNALS
        or "nouveau" in fold(first.journal_lib)
        or any(
            x.account.startswith(EQUITY_PREFIXES) and not x.account.startswith(NOT_EQUITY_PREFIXES)
            for x in entry
        )
    )


def is_spend(line: FecLine) -> bool:
    return (
        line.account.startswith(SPEND_PREFIXES)
        and not line.account.startswith(NOT_SPEND_PREFIXES)
        and line.amount != 0
    )


@dataclass
class FecReading:
    rows_read: int
    entries: int
    entry_fallback: bool
    opening_entries: int = 0
    opening_amount_eur: Decimal = Decimal("0")  # spend-account amount of the opening entries
    opening_debit_eur: Decimal = Decimal("0")  # total debit of the opening entries
    rows_loaded: int = 0
    spend_eur: Decimal = Decimal("0")
    spend_by_supplier: dict[str, Decimal] = field(default_factory=dict)
    quarantined_eur: Decimal = Decimal("0")
    loaded_rows: list[int] = field(default_factory=list)
    opening_rows: list[int] = field(default_factory=list)  # spend lines of opening entries
    quarantined_rows_by_reason: dict[str, list[int]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""

    @property
    def quarantined(self) -> dict[str, int]:
        """Reason -> number of spend lines quarantined."""
        return {reason: len(rows) for reason, rows in self.quarantined_rows_by_reason.items()}

    @property
    def quarantined_rows(self) -> list[int]:
        return sorted(r for rows in self.quarantined_rows_by_reason.values() for r in rows)

    @property
    def rows_quarantined(self) -> int:
        return len(self.quarantined_rows)

    @property
    def suppliers(self) -> int:
        return len(self.spend_by_supplier)


def read_fec_spend(path: Path) -> FecReading:
    lines = read_fec(path)
    entries, fallback = group_entries(lines)
    reading = FecReading(rows_read=len(lines), entries=len(entries), entry_fallback=fallback)
    dates = sorted(line.date for line in lines)
    reading.date_from, reading.date_to = dates[0], dates[-1]
    by_supplier: dict[str, Decimal] = defaultdict(Decimal)
    quarantined: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        spend = [x for x in entry if is_spend(x)]
        if is_opening(entry):
            reading.opening_entries += 1
            reading.opening_amount_eur += sum((x.amount for x in spend), Decimal("0"))
            reading.opening_rows.extend(x.row_no for x in spend)
            reading.opening_debit_eur += sum((x.amount for x in entry if x.amount > 0), Decimal(0))
            continue
        if not spend:
            continue
        suppliers = {x.aux or x.account for x in entry if x.account.startswith(SUPPLIER_PREFIXES)}
        if len(suppliers) == 1:
            (supplier,) = suppliers
            for line in spend:
                by_supplier[supplier] += line.amount
                reading.spend_eur += line.amount
                reading.rows_loaded += 1
                reading.loaded_rows.append(line.row_no)
        else:
            reason = NO_SUPPLIER if not suppliers else SEVERAL_SUPPLIERS
            quarantined[reason].extend(x.row_no for x in spend)
            reading.quarantined_eur += sum((x.amount for x in spend), Decimal("0"))
    reading.spend_by_supplier = dict(by_supplier)
    reading.quarantined_rows_by_reason = dict(quarantined)
    return reading


@dataclass
class TemplateReading:
    rows_read: int
    rows_loaded: int
    spend_eur: Decimal
    spend_by_siret: dict[str, Decimal]
    spend_by_entity: dict[str, Decimal]


def read_lemarche_template(path: Path) -> TemplateReading:
    """The Le marché purchase template as CSV: one row per supplier, a yearly amount."""
    text = decode(path.read_bytes())
    sample = text.splitlines()[0]
    delimiter = max(",;\t", key=sample.count)
    rows = list(csv.reader(_LINE_END.split(text), delimiter=delimiter))
    header = [fold(h).strip() for h in rows[0]]

    def find(prefix: str) -> int:
        return next(i for i, h in enumerate(header) if h.startswith(prefix))

    siret_col, amount_col, entity_col = find("siret"), find("depense achat"), find("entite")
    data = [r for r in rows[1:] if any(c.strip() for c in r)]
    by_siret: dict[str, Decimal] = defaultdict(Decimal)
    by_entity: dict[str, Decimal] = defaultdict(Decimal)
    total = Decimal("0")
    for row in data:
        amount = Decimal(row[amount_col].strip().replace(" ", "").replace(",", "."))
        siret = re.sub(r"\D", "", row[siret_col])
        by_siret[siret] += amount
        by_entity[row[entity_col].strip()] += amount
        total += amount
    return TemplateReading(
        rows_read=len(data),
        rows_loaded=len(data),
        spend_eur=total,
        spend_by_siret=dict(by_siret),
        spend_by_entity=dict(by_entity),
    )


# --- Directory of Le marché de l'inclusion (the platform's Django fixture) and matching ---

INSERTION_KINDS = frozenset({"EI", "AI", "ACI", "ETTI", "EITI", "GEIQ", "SEP"})
HANDICAP_KINDS = frozenset({"EA", "EATT", "ESAT", "TIH"})
LA_POSTE_SIREN = "356000000"


def luhn_ok(number: str) -> bool:
    """Luhn check digit (SIREN, SIRET); La Poste's establishments use a digit sum multiple of 5."""
    if not number.isdigit():
        return False
    if len(number) == 14 and number.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in number) % 5 == 0
    total = 0
    for i, char in enumerate(reversed(number)):
        digit = int(char) * (2 if i % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def is_placeholder(siret: str) -> bool:
    """``12345678901234``, one digit repeated (all zeros included): not evidence on its own."""
    return siret == "12345678901234" or len(set(siret)) == 1


@dataclass(frozen=True)
class DirectoryRecord:
    siret: str
    kind: str
    name: str

    @property
    def family(self) -> str:
        return "handicap" if self.kind in HANDICAP_KINDS else "insertion"


def read_lemarche_fixture(path: Path) -> list[DirectoryRecord]:
    import json

    data = json.loads(decode(path.read_bytes()))
    return [
        DirectoryRecord(
            siret=re.sub(r"\D", "", str(item["fields"]["siret"])),
            kind=str(item["fields"]["kind"]),
            name=str(item["fields"]["name"]),
        )
        for item in data
    ]


_LEGAL_FORMS = frozenset(
    {"SARL", "SAS", "SASU", "SA", "EURL", "SCOP", "SCIC", "ASSOCIATION", "ASSOC"}
)


def name_key(name: str) -> str:
    words = re.sub(r"[^A-Z0-9 ]", " ", fold(name).upper()).split()
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


def expected_inclusive(template: Path, directory: list[DirectoryRecord]) -> tuple[Decimal, Decimal]:
    """(certain, probable) inclusive spend of a Le marché template against a directory, by the
    identifier rules of DOMAIN.md sections 3 and 6 (exact SIRET, then SIREN). An exact SIRET
    match is certain only on a number that passes its check digit and is no placeholder, or
    when the names match too; a SIREN match (another establishment) is probable."""
    text = decode(template.read_bytes())
    delimiter = max(",;\t", key=text.splitlines()[0].count)
    rows = list(csv.reader(_LINE_END.split(text), delimiter=delimiter))
    header = [fold(h).strip() for h in rows[0]]
    col = {key: next(i for i, h in enumerate(header) if h.startswith(key))
           for key in ("raison sociale", "siret", "depense achat")}  # fmt: skip
    certain = probable = Decimal("0")
    for row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        siret = re.sub(r"\D", "", row[col["siret"]])
        amount = Decimal(row[col["depense achat"]].strip().replace(",", "."))
        same = [r for r in directory if r.siret == siret]
        if same:
            trusted = luhn_ok(siret) and not is_placeholder(siret)
            names = any(name_key(r.name) == name_key(row[col["raison sociale"]]) for r in same)
            if trusted or names:
                certain += amount
            else:
                probable += amount
        elif any(r.siret[:9] == siret[:9] for r in directory):
            probable += amount
    return certain, probable
