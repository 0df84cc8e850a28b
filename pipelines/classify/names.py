"""Rule 4: name matching, blocked by department so that a namesake elsewhere never matches.

Names are normalised (:func:`normalize_name`), their words sorted (word order varies between
ledgers and directories), then compared with rapidfuzz's ``ratio`` one department at a time
(``process.cdist`` on the block). A supplier keeps the record(s) with the best score at or above
the threshold whose SIREN does not contradict its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from pipelines.classify.normalize import normalize_name
from pipelines.classify.rules import Record, Supplier, sirens_conflict


def match_key(name_norm: str) -> str:
    """Words sorted: 'TABLE BALUCHON' and 'BALUCHON TABLE' compare equal."""
    return " ".join(sorted(name_norm.split()))


def name_score(a: str, b: str) -> float:
    """Score (0-100) of two raw names, as the matcher computes it."""
    return float(fuzz.ratio(match_key(normalize_name(a)), match_key(normalize_name(b))))


def _choices(records: Sequence[Record]) -> dict[str, tuple[list[str], list[Record]]]:
    blocks: dict[str, tuple[list[str], list[Record]]] = defaultdict(lambda: ([], []))
    for record in records:
        if not record.is_active or not record.department:
            continue
        texts, owners = blocks[record.department]
        seen = set()
        for raw_norm in (record.name_norm, normalize_name(record.brand) if record.brand else None):
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
        rows, cols = np.nonzero(matrix >= max(threshold, 1e-9))
        per_row: dict[int, list[int]] = defaultdict(list)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            per_row[r].append(c)
        for r, cs in per_row.items():
            supplier = items[r][0]
            best: dict[int, tuple[Record, float]] = {}
            for c in cs:
                record = owners[c]
                if sirens_conflict(supplier, record):
                    continue
                score = float(matrix[r, c])
                if record.record_id not in best or best[record.record_id][1] < score:
                    best[record.record_id] = (record, score)
            if not best:
                continue
            top = max(score for _, score in best.values())
            hits[supplier.key] = sorted(
                (hit for hit in best.values() if hit[1] >= top),
                key=lambda h: h[0].record_id,
            )
    return hits
