"""Run the cascade over many suppliers at once (plain values in, candidate rows out)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from pipelines.classify.names import name_candidates
from pipelines.classify.rules import (
    Match,
    OverrideDecision,
    Record,
    Supplier,
    cascade,
    needs_name_rule,
)


def match_all(
    suppliers: Sequence[Supplier],
    id_records: Iterable[Record],
    name_records: Sequence[Record],
    overrides: dict[str, OverrideDecision],
    threshold: float,
) -> dict[str, list[Match]]:
    """supplier key -> its candidate rows (best first)."""
    by_siren: dict[str, list[Record]] = defaultdict(list)
    by_id: dict[int, Record] = {}
    for record in id_records:
        by_id[record.record_id] = record
        if record.siren:
            by_siren[record.siren].append(record)
    first_pass: dict[str, list[Match]] = {}
    for supplier in suppliers:
        siren = supplier.siren
        first_pass[supplier.key] = cascade(
            supplier, by_siren.get(siren, []) if siren else [], threshold=threshold
        )
    need_names = [s for s in suppliers if needs_name_rule(first_pass[s.key])]
    hits = name_candidates(need_names, name_records, threshold)
    out: dict[str, list[Match]] = {}
    for supplier in suppliers:
        siren = supplier.siren
        override = overrides.get(supplier.key)
        name_hits = hits.get(supplier.key, [])
        if override is None and not name_hits:
            out[supplier.key] = first_pass[supplier.key]
            continue
        chosen = by_id.get(override.record_id) if override and override.record_id else None
        if chosen is not None and override is not None and chosen.kind != override.kind:
            chosen = None  # the id now names another record (warehouse rebuilt): keep the kind
        out[supplier.key] = cascade(
            supplier,
            by_siren.get(siren, []) if siren else [],
            name_hits,
            override,
            chosen,
            threshold=threshold,
        )
    return out
