"""The use cases the command line and the dashboard pages both perform, written once.

``pipelines/cli/*.py`` and ``dashboard/pages/*.py`` call these and only present the outcome
(text, tables, widgets); they do not assemble steps from the pipelines' internals themselves.
Each function takes the :class:`~pipelines.settings.Settings` its entry point prepared
(:func:`pipelines.wiring.ready`) and, for a change to pay-relevant state, the authenticated
``actor``. Errors a user can act on are :class:`~pipelines.errors.UserError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.classify import ClassifyResult
from pipelines.errors import UserError
from pipelines.ingest.result import LoadResult
from pipelines.settings import Settings

# -- load, then classify --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadOptions:
    """How to read the files of one load (the options of ``asr ingest`` and of Chargements)."""

    entity: str | None = None
    fmt: str = "auto"
    mapping: Path | None = None
    suppliers: Path | None = None
    year: int | None = None
    sheet: str | None = None
    quiet: bool = True


@dataclass
class LoadOutcome:
    """What loading some files did: one result per file read, the files refused, and the
    classification run afterwards (None when no line was loaded or it was not asked for)."""

    results: list[LoadResult] = field(default_factory=list)
    failures: list[tuple[Path, UserError]] = field(default_factory=list)
    classified: ClassifyResult | None = None

    @property
    def rows_loaded(self) -> int:
        return sum(r.rows_loaded for r in self.results if r.status == "loaded")


def preview_file(path: Path, options: LoadOptions, *, settings: Settings) -> LoadResult:
    """Read and check ``path`` as a load would, writing nothing (the dry run)."""
    return _ingest_one(path, options, settings=settings, dry_run=True)


def _ingest_one(
    path: Path, options: LoadOptions, *, settings: Settings, dry_run: bool
) -> LoadResult:
    from pipelines.ingest import ingest_files

    (result,) = ingest_files(
        [Path(path)],
        entity=options.entity,
        fmt=options.fmt,
        mapping=options.mapping,
        suppliers=options.suppliers,
        year=options.year,
        sheet=options.sheet,
        dry_run=dry_run,
        quiet=options.quiet,
        settings=settings,
    )
    return result


def load_and_classify(
    paths: Iterable[Path],
    options: LoadOptions,
    *,
    settings: Settings,
    classify_after: bool = True,
    keep_going: bool = False,
    on_file: Callable[[Path, LoadResult | UserError], None] | None = None,
    before_classify: Callable[[], None] | None = None,
) -> LoadOutcome:
    """Load each file (each all or nothing), then classify the suppliers once if any line was
    loaded, so that new suppliers count in the figures at once.

    ``keep_going``: a refused file is recorded in ``failures`` and the next one is loaded (the
    command line); otherwise its UserError is raised (the dashboard, one file at a time).
    ``on_file`` is told of each file as soon as it is done (to print progress)."""
    from pipelines.classify import classify

    outcome = LoadOutcome()
    for path in paths:
        try:
            result = _ingest_one(path, options, settings=settings, dry_run=False)
        except UserError as exc:
            if not keep_going:
                raise
            outcome.failures.append((Path(path), exc))
            if on_file is not None:
                on_file(Path(path), exc)
            continue
        outcome.results.append(result)
        if on_file is not None:
            on_file(Path(path), result)
    if classify_after and outcome.rows_loaded:
        if before_classify is not None:
            before_classify()
        outcome.classified = classify(settings)
    return outcome


# -- review decisions -----------------------------------------------------------------------------

DECISIONS = ("confirm", "reject", "set_kind")


@dataclass(frozen=True)
class DecisionOutcome:
    """``changed`` is False when the supplier already carried this very decision: nothing was
    written, no audit event, no reclassification."""

    supplier_key: str
    decision: str
    changed: bool
    classified: ClassifyResult | None = None


def decide(
    supplier_key: str,
    decision: str,
    *,
    settings: Settings,
    actor: str,
    reason: str | None = None,
    kind: str | None = None,
    record_id: int | None = None,
) -> DecisionOutcome:
    """An analyst's decision on a supplier: ``confirm`` (its best probable record, or
    ``record_id``), ``reject``, or ``set_kind`` (``kind``). Audited; then reclassified."""
    from pipelines.classify import review

    reason = (reason or "").strip() or None
    if decision == "confirm":
        result = review.confirm(
            supplier_key, record_id, settings=settings, actor=actor, reason=reason
        )
    elif decision == "reject":
        result = review.reject(supplier_key, settings=settings, actor=actor, reason=reason)
    elif decision == "set_kind":
        if not kind:
            raise UserError("Précisez le type (--kind).", "Give the kind (--kind).")
        result = review.set_kind(supplier_key, kind, settings=settings, actor=actor, reason=reason)
    else:
        raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
    return DecisionOutcome(supplier_key, decision, result is not None, result)


# -- objectives and periods -----------------------------------------------------------------------


def load_objectives_file(path: Path, *, settings: Settings, actor: str) -> int:
    """Create or update the objectives of a CSV/XLSX file (audited); how many were loaded."""
    from pipelines.objectives import load_objectives

    return load_objectives(path, settings=settings, actor=actor)


def save_objective_rows(
    rows: Iterable[Mapping[str, Any]], *, settings: Settings, actor: str
) -> int:
    """Save objectives edited as rows (the admin grid): validated exactly as a loaded file is,
    the whole set refused if any row is wrong."""
    from pipelines.objectives import OBJECTIVE_COLUMNS

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "objectifs.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(OBJECTIVE_COLUMNS))
            writer.writeheader()
            for record in rows:
                writer.writerow({c: _cell_text(record.get(c)) for c in OBJECTIVE_COLUMNS})
        return load_objectives_file(path, settings=settings, actor=actor)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN of an empty grid cell
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def load_people_file(path: Path, *, settings: Settings, actor: str) -> int:
    """Load or update people and the org tree (audited); how many were loaded."""
    from pipelines.objectives import load_people

    return load_people(path, settings=settings, actor=actor)


def close_period(period: str, *, reason: str, settings: Settings, actor: str) -> dict[str, Any]:
    """Freeze a period (lines, classification, payouts); admins, with a reason."""
    from pipelines.objectives import close_period as close

    return close(period, reason=reason, settings=settings, actor=actor)


def reopen_period(period: str, *, reason: str, settings: Settings, actor: str) -> dict[str, Any]:
    """Reopen a closed period; admins, with a reason."""
    from pipelines.objectives import reopen_period as reopen

    return reopen(period, reason=reason, settings=settings, actor=actor)


def closing_preview(period: str, *, today: dt.date, settings: Settings, con: Any = None) -> Any:
    """What closing ``period`` now would freeze, with its warnings (read only)."""
    from pipelines.objectives.closing import closing_preview as preview

    return preview(period, today=today, settings=settings, con=con)


# -- exclusions -----------------------------------------------------------------------------------


def add_exclusion(
    exclusion_type: str, value: str, *, reason: str | None, settings: Settings, actor: str
) -> Any:
    """Exclude an account prefix, supplier or category from addressable spend (audited);
    how many lines and euros leave it."""
    from pipelines.exclusions import add_exclusions

    return add_exclusions([(exclusion_type, value, reason)], settings, actor=actor)


def remove_exclusion(
    exclusion_type: str, value: str, *, reason: str | None, settings: Settings, actor: str
) -> bool:
    """Remove an exclusion (audited); False when there was none."""
    from pipelines.exclusions import remove_exclusion as remove

    return remove(exclusion_type, value, settings, actor=actor, reason=reason)
