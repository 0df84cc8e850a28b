"""The FINESS establishments extract (etalab): ``;``, no column header, a first banner line
``finess;etalab;<version>;<date>`` to skip, 32 columns on ``structureet`` lines (other sections,
such as ``geolocalisation``, are ignored). Only ``categetab = 246`` (ESAT) is kept. SIRET may be
empty (then the record matches on name and department). Overseas departments are written
``9A``…``9F``; the postcode comes from ``ligneacheminement`` (``93100 MONTREUIL``).
"""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import make_record, parse_date
from pipelines.textinput import DateError, read_rows, read_text_file
from pipelines.textinput import parse_date as parse_text_date

FIELDS = (
    "section",
    "nofinesset",
    "nofinessej",
    "rs",
    "rslongue",
    "complrs",
    "compldistrib",
    "numvoie",
    "typvoie",
    "voie",
    "compvoie",
    "lieuditbp",
    "commune",
    "departement",
    "libdepartement",
    "ligneacheminement",
    "telephone",
    "telecopie",
    "categetab",
    "libcategetab",
    "categagretab",
    "libcategagretab",
    "siret",
    "codeape",
    "codemft",
    "libmft",
    "codesph",
    "libsph",
    "dateouv",
    "dateautor",
    "datemaj",
    "numuai",
)
ESAT_CATEGORY = "246"
OVERSEAS = {"9A": "971", "9B": "972", "9C": "973", "9D": "974", "9E": "975", "9F": "976"}


def read(path: Path) -> Parsed:
    file = path.name
    out = Parsed()
    for line_no, row in read_rows(read_text_file(path), file, delimiter=";"):
        if not row or not any(c.strip() for c in row):
            continue
        if line_no == 1 and row[0].strip().lower() == "finess":
            if len(row) > 3:
                try:
                    out.as_of = parse_text_date(row[3].strip()[:10])
                except DateError:
                    out.as_of = None
            continue
        if row[0].strip() != "structureet":
            continue
        if len(row) < len(FIELDS):
            raise UserError(
                f"{file}, ligne {line_no} : {len(row)} colonnes, attendu {len(FIELDS)}.",
                f"{file}, line {line_no}: {len(row)} columns, expected {len(FIELDS)}.",
            )
        rec = dict(zip(FIELDS, (c.strip() for c in row), strict=False))
        if rec["categetab"] != ESAT_CATEGORY:
            out.rows_skipped += 1
            continue
        post_code = rec["ligneacheminement"][:5] if rec["ligneacheminement"][:5].isdigit() else ""
        department = OVERSEAS.get(rec["departement"], rec["departement"])
        out.records.append(
            make_record(
                kind="ESAT",
                siret=rec["siret"],
                name=rec["rslongue"] or rec["rs"],
                brand=rec["rs"] if rec["rslongue"] else None,
                naf=rec["codeape"],
                post_code=post_code,
                department=department,
                valid_from=parse_date(rec["dateouv"], file=file, row=line_no, column="dateouv"),
                source_key=rec["nofinesset"],
            )
        )
    return out
