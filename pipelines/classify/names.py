"""Rule 4: name matching, blocked by department so that a namesake elsewhere never matches.

Names are normalised (:func:`normalize_name`), their words sorted (word order varies between
ledgers and directories), then compared with rapidfuzz's ``ratio`` one department at a time
(``process.cdist`` on the block). A supplier keeps the record(s) with the best score at or above
the threshold whose SIREN does not contradict its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from pipelines.classify.normalize import match_key, name_score, normalize_name
from pipelines.classify.rules import Record, Supplier
from pipelines.identifiers import is_valid_siren

__all__ = ["match_key", "name_candidates", "name_score"]


@lru_cache(maxsize=262_144)
def _siren_number(siren: str | None) -> int:
    """The SIREN as a number when it is well formed (Luhn), else 0 (unknown: no conflict)."""
    return int(siren) if siren and siren.isdigit() and is_valid_siren(siren) else 0


def _choices(records: Sequence[Record]) -> dict[str, tuple[list[str], list[Record]]]:
    blocks: dict[str, tuple[list[str], list[Record]]] = defaultdict(lambda: ([], []))
    for record in records:
        if not record.is_active or not record.department:
            continue
        texts, owners = blocks[record.department]
        seen = set()
        # Normalised again here (cached): records loaded by an older version compare alike.
        for raw_norm in (
            normalize_name(record.name) if record.name else record.name_norm,
            normalize_name(record.brand) if record.brand else None,
        ):
            if not raw_norm:
                continue
            key = match_key(raw_norm)
            if key and key not in seen:
                seen.add(key)
                texts.append(key)
                owners.append(record)
    return blocks


def name_candidates(
    suppliers: Sequence[Supplier],
    records: Sequence[Record],
    threshold: float,
    *,
    workers: int = 1,
) -> dict[str, list[tuple[Record, float]]]:
    """supplier key -> best name hits (same top score) in the supplier's department."""
    blocks = _choices(records)
    queries: dict[str, list[tuple[Supplier, str]]] = defaultdict(list)
    for supplier in suppliers:
        if not supplier.department or not supplier.name or supplier.department not in blocks:
            continue
        key = match_key(normalize_name(supplier.name))
        if key:
            queries[supplier.department].append((supplier, key))
    hits: dict[str, list[tuple[Record, float]]] = {}
    for department, items in queries.items():
        texts, owners = blocks[department]
        matrix = process.cdist(
            [q for _, q in items],
            texts,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=np.float32,
            workers=workers,
        )
        # Two well-formed, different SIRENs are two legal units: such pairs never match.
        s_siren = np.array([_siren_number(s.siren) for s, _ in items], dtype=np.int64)
        r_siren = np.array([_siren_number(r.siren) for r in owners], dtype=np.int64)
        if s_siren.any() and r_siren.any():
            conflict = (
                (s_siren[:, None] > 0) & (r_siren[None, :] > 0) & (s_siren[:, None] != r_siren)
            )
            matrix[conflict] = 0
        best = matrix.max(axis=1)
        for r in np.flatnonzero((best >= threshold) & (best > 0)).tolist():
            top = float(best[r])
            chosen: dict[int, Record] = {}
            for c in np.flatnonzero(matrix[r] == best[r]).tolist():
                chosen.setdefault(owners[c].record_id, owners[c])
            hits[items[r][0].key] = [(rec, top) for _, rec in sorted(chosen.items())]
    return hits
