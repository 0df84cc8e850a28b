"""SIAE conventions of "Les emplois de l'inclusion", with their financial annexes.

One row per annex (CSV ``;`` or ``,``, or JSON), or JSON conventions holding a
``financial_annexes`` list. Validity windows come from the active annexes (states VALIDE and
PROVISOIRE; archived, closed or cancelled annexes are ignored); touching annexes merge into one
window. A convention signed by another establishment (``siret_signature``) matches on that SIRET
too. Dates may carry a time and a time zone (``2024-01-01T00:00:00+01:00``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipelines.errors import UserError
from pipelines.identifiers import normalize_siret
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import kind_or_error, make_record, parse_date
from pipelines.reference.windows import Window, merge_windows
from pipelines.textinput import fold, read_rows, read_text_file

ACTIVE_STATES = frozenset({"VALIDE", "PROVISOIRE"})

SYNONYMS = {
    "start_at": ("annex_start_at", "af_start_at", "date_debut", "start_date"),
    "end_at": ("annex_end_at", "af_end_at", "date_fin", "end_date"),
    "state": ("annex_state", "af_state", "etat"),
    "siret_signature": ("convention_siret_signature",),
    "name": ("siae_name", "raison_sociale", "nom"),
    "post_code": ("code_postal", "siae_post_code"),
}


def _canon(item: dict[str, Any]) -> dict[str, Any]:
    out = {fold(str(k)).replace(" ", "_"): v for k, v in item.items()}
    for field, synonyms in SYNONYMS.items():
        if field not in out:
            for syn in synonyms:
                if syn in out:
                    out[field] = out[syn]
                    break
    return out


def _rows(text: str, file: str) -> list[tuple[int, dict[str, Any]]]:
    if text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(
                f"{file} : JSON illisible (ligne {exc.lineno}) : {exc.msg}.",
                f"{file}: invalid JSON (line {exc.lineno}): {exc.msg}.",
            ) from None
        if isinstance(data, dict):
            data = data.get("results") or data.get("conventions") or []
        rows: list[tuple[int, dict[str, Any]]] = []
        for i, conv in enumerate(data, start=1):
            annexes = conv.get("financial_annexes") or conv.get("annexes")
            base = {k: v for k, v in conv.items() if k not in ("financial_annexes", "annexes")}
            if annexes is None:
                rows.append((i, _canon(base)))
            for annex in annexes or []:
                rows.append((i, _canon({**base, **annex})))
        return rows
    reader = read_rows(text, file, candidates=(";", ","))
    header = next(reader, (0, []))[1]
    return [(n, _canon(dict(zip(header, row, strict=False)))) for n, row in reader if any(row)]


def read(path: Path) -> Parsed:
    file = path.name
    out = Parsed()
    windows: dict[tuple[str, str], list[Window]] = defaultdict(list)
    info: dict[tuple[str, str], dict[str, Any]] = {}
    for line_no, row in _rows(read_text_file(path), file):
        for required in ("kind", "siret", "state"):
            if required not in row:
                raise UserError(
                    f"{file}, ligne {line_no} : champ « {required} » absent.",
                    f"{file}, line {line_no}: field {required!r} missing.",
                )
        kind = kind_or_error(str(row.get("kind") or ""), file=file, row=line_no)
        state = str(row.get("state") or "").strip().upper()
        if kind is None or state not in ACTIVE_STATES:
            out.rows_skipped += 1
            continue
        start = parse_date(row.get("start_at"), file=file, row=line_no, column="start_at")
        end = parse_date(row.get("end_at"), file=file, row=line_no, column="end_at")
        if start and end and end < start:
            raise UserError(
                f"{file}, ligne {line_no} : end_at {end} antérieure à start_at {start}.",
                f"{file}, line {line_no}: end_at {end} is before start_at {start}.",
            )
        sirets = {
            normalize_siret(row.get("siret")) or str(row.get("siret") or "").strip(),
            normalize_siret(row.get("siret_signature")),
        }
        for siret in sorted(s for s in sirets if s):
            windows[(siret, kind)].append((start, end))
            info.setdefault((siret, kind), row)
    for (siret, kind), spans in windows.items():
        row = info[(siret, kind)]
        for start, end in merge_windows(spans):
            out.records.append(
                make_record(
                    kind=kind,
                    siret=siret,
                    name=row.get("name"),
                    brand=row.get("brand"),
                    post_code=row.get("post_code"),
                    department=row.get("department"),
                    valid_from=start,
                    valid_to=end,
                    source_key=f"{siret}|{kind}|{start or ''}",
                )
            )
    return out
