"""Build the labelled evaluation set from the shipped Le marché sample, with realistic damage.

Writes, beside this script:
- ``reference.csv`` — the sample as a canonical directory (source ``eval``); about 4 % of the
  records get a validity that ended on 2022-12-31;
- ``labels.csv`` — ledger-like suppliers (name, SIRET, postcode, invoice date) with the expected
  legal unit, kind and rule.

Damage: SIRET kept (exact), other establishment of the same SIREN, accents dropped, upper case,
legal form added, legal form removed, a one-letter typo (names of 10+ characters), a namesake in
another department (expected: no match), an ended record (expected: no match after its end,
SIRET match before), names not in the directory. Deterministic (seeded).

Run: ``uv run python tests/classify/eval/make_eval_set.py``.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

from stdnum import luhn

from pipelines.classify.normalize import LEGAL_FORM_WORDS, normalize_name
from pipelines.settings import REFERENCE_DIR

HERE = Path(__file__).parent
SEED = 20240601
ENDED_TO = "2022-12-31"
LATE_DATE = "2024-03-15"
EARLY_DATE = "2022-06-30"

LABEL_COLUMNS = (
    "case_id",
    "damage",
    "supplier_name",
    "siret",
    "post_code",
    "invoice_date",
    "expected_rule",
    "expected_siren",
    "expected_kind",
)

OUTSIDE_WORDS = [
    "BOULANGERIE",
    "GARAGE",
    "PLOMBERIE",
    "TRANSPORTS",
    "CABINET",
    "PHARMACIE",
    "IMPRIMERIE",
    "MENUISERIE",
    "ELECTRICITE",
    "BATIMENT",
    "CONSEIL",
    "INFORMATIQUE",
    "NETTOYAGE",
    "TRAITEUR",
    "PEINTURE",
    "COUVERTURE",
    "AMBULANCES",
    "OPTIQUE",
    "FLEURS",
    "LOGISTIQUE",
]
SURNAMES = [
    "MARTIN",
    "BERNARD",
    "THOMAS",
    "PETIT",
    "ROBERT",
    "RICHARD",
    "DURAND",
    "DUBOIS",
    "MOREAU",
    "LAURENT",
    "SIMON",
    "MICHEL",
    "LEFEBVRE",
    "LEROY",
    "ROUX",
    "DAVID",
    "BERTRAND",
    "MOREL",
    "FOURNIER",
    "GIRARD",
    "BONNET",
    "DUPONT",
    "LAMBERT",
    "FONTAINE",
    "ROUSSEAU",
    "VINCENT",
]


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def other_establishment(siret: str, taken: set[str], rng: random.Random) -> str:
    while True:
        body = siret[:9] + f"{rng.randint(1, 998):04d}"
        candidate = body + luhn.calc_check_digit(body)
        if candidate not in taken and candidate[9:12] != "999":
            return candidate


def typo(name: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(positions[1:-1] or positions)
    if rng.random() < 0.5:
        return name[:i] + name[i + 1 :]  # a letter dropped
    letter = rng.choice([c for c in "AEIOURSTNLC" if c != name[i].upper()])
    return name[:i] + (letter if name[i].isupper() else letter.lower()) + name[i + 1 :]


def main() -> None:
    rng = random.Random(SEED)
    with open(REFERENCE_DIR / "lemarche_siae_sample.csv", encoding="utf-8") as handle:
        sample = [r for r in csv.DictReader(handle) if r["kind"] != "OPCS"]
    taken = {r["siret"] for r in sample}
    departments = sorted({r["department"] for r in sample if r["department"]})
    names_by_dept: dict[str, set[str]] = {}
    for r in sample:
        names_by_dept.setdefault(r["department"], set()).add(normalize_name(r["name"]))

    ended = set(rng.sample(range(len(sample)), len(sample) // 25))
    with open(HERE / "reference.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["siret", "siren", "name", "kind", "post_code", "valid_from", "valid_to", "source"]
        )
        for i, r in enumerate(sample):
            writer.writerow(
                [
                    r["siret"],
                    "",
                    r["name"],
                    r["kind"],
                    r["post_code"],
                    "",
                    ENDED_TO if i in ended else "",
                    "eval",
                ]
            )

    labels: list[dict[str, str]] = []

    def add(
        damage: str,
        r: dict[str, str],
        name: str,
        siret: str,
        post_code: str,
        rule: str,
        date: str = LATE_DATE,
    ) -> None:
        match = rule != "none"
        labels.append(
            {
                "case_id": f"c{len(labels) + 1:05d}",
                "damage": damage,
                "supplier_name": name,
                "siret": siret,
                "post_code": post_code,
                "invoice_date": date,
                "expected_rule": rule,
                "expected_siren": r["siret"][:9] if match else "",
                "expected_kind": r["kind"] if match else "",
            }
        )

    # Names shared by two legal units of one department are ambiguous by nature: keep them out.
    seen: dict[tuple[str, str], set[str]] = {}
    for r in sample:
        seen.setdefault((r["department"], normalize_name(r["name"])), set()).add(r["siret"][:9])
    clean = [
        (i, r)
        for i, r in enumerate(sample)
        if len(seen[(r["department"], normalize_name(r["name"]))]) == 1
    ]
    picks = rng.sample(clean, 1500)
    for n, (i, r) in enumerate(picks):
        pc = r["post_code"]
        case = n % 10
        if i in ended:
            # Another listed establishment of the same legal unit still matches (rule 3).
            open_sibling = any(
                j not in ended and o["siret"][:9] == r["siret"][:9] and o["siret"] != r["siret"]
                for j, o in enumerate(sample)
            )
            add("ended_validity", r, r["name"], r["siret"], pc, "siren" if open_sibling else "none")
            add("ended_validity_before_end", r, r["name"], r["siret"], pc, "siret", EARLY_DATE)
        elif case == 0:
            add("exact_siret", r, r["brand"] or r["name"], r["siret"], pc, "siret")
        elif case == 1:
            add(
                "other_establishment",
                r,
                r["name"],
                other_establishment(r["siret"], taken, rng),
                pc,
                "siren",
            )
        elif case == 2:
            add("accents_dropped", r, strip_accents(r["brand"] or r["name"]), "", pc, "name")
        elif case == 3:
            add("upper_case", r, (r["brand"] or r["name"]).upper(), "", pc, "name")
        elif case == 4:
            form = rng.choice(["SARL", "SAS", "Association", "SCOP", "EURL"])
            name = f"{form} {r['name']}" if rng.random() < 0.5 else f"{r['name']} {form}"
            add("legal_form_added", r, name, "", pc, "name")
        elif case == 5:
            words = (r["brand"] or r["name"]).split()
            kept = [
                w for w in words if strip_accents(w).upper().strip(".,") not in LEGAL_FORM_WORDS
            ]
            if kept and len(kept) < len(words):
                add("legal_form_removed", r, " ".join(kept), "", pc, "name")
            else:
                add("legal_form_removed", r, "Association " + r["name"], "", pc, "name")
        elif case == 6:
            name = r["brand"] or r["name"]
            if len(normalize_name(name)) >= 10:
                add("typo", r, typo(name, rng), "", pc, "name")
            else:
                add("upper_case", r, name.upper(), "", pc, "name")
        elif case == 7:
            norm = normalize_name(r["name"])
            others = [
                d
                for d in departments
                if d.isdigit() and d != r["department"] and norm not in names_by_dept.get(d, set())
            ]
            dept = rng.choice(others)
            add(
                "namesake_other_department",
                r,
                r["brand"] or r["name"],
                "",
                (dept + "000")[:5] if len(dept) == 2 else dept + "00",
                "none",
            )
        elif case == 8:
            add("exact_siret", r, r["name"], r["siret"], pc, "siret")
        else:
            name = f"{rng.choice(OUTSIDE_WORDS)} {rng.choice(SURNAMES)}"
            add("not_in_directory", r, name, "", pc, "none")

    with open(HERE / "labels.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=LABEL_COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(labels)
    print(f"{len(labels)} labels, {len(sample)} reference records ({len(ended)} ended)")


if __name__ == "__main__":
    main()
