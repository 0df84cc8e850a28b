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


# -- social clauses -------------------------------------------------------------------------------


def import_clause_declarations(
    path: Path, *, settings: Settings, actor: str, now: dt.datetime, name: str | None = None
) -> int:
    """A contractor's declarations file, checked whole then recorded (each declaration audited);
    one bad row or an unexpected layout and nothing is recorded. How many were recorded."""
    from pipelines.clauses.declarations import parse_declaration_rows, record_declarations
    from pipelines.reports.contracts import read_rows
    from pipelines.store.db import session_scope

    label = name or path.name
    items, rows = parse_declaration_rows(read_rows(path), label)
    with session_scope(settings) as session:
        done = record_declarations(
            session, items, actor=actor, source=f"import:{label}", rows=rows, now=now
        )
    return len(done)


def record_clause_declaration(
    *,
    contract_id: str,
    entity: str | None,
    period_start: dt.date,
    period_end: dt.date,
    participant_id: str,
    eligibility: str,
    modality: str,
    hours: Any,
    employment_contract_signed: bool = False,
    outcome_6_months: str | None = None,
    settings: Settings,
    actor: str,
    now: dt.datetime,
) -> int:
    """One declaration typed by hand (audited); its id."""
    from decimal import Decimal

    from pipelines.clauses.declarations import DeclarationInput, record_declarations
    from pipelines.store.db import session_scope

    item = DeclarationInput(
        entity=entity,
        contract_id=contract_id,
        period_start=period_start,
        period_end=period_end,
        participant_id=participant_id.strip(),
        eligibility=eligibility,
        modality=modality,
        hours=Decimal(str(hours)),
        employment_contract_signed=employment_contract_signed,
        outcome_6_months=outcome_6_months,
    )
    with session_scope(settings) as session:
        (done,) = record_declarations(session, [item], actor=actor, source="manual", now=now)
        return done.declaration_id


def _clause_writer(actor: str, role: str) -> None:
    """Only facilitators and admins plan clauses and record or correct declarations."""
    from pipelines.access import CLAUSE_WRITER_ROLES
    from pipelines.i18n import t

    if role not in CLAUSE_WRITER_ROLES:
        allowed = ", ".join(sorted(CLAUSE_WRITER_ROLES))
        raise UserError(
            t("clauses.denied", "fr", user=actor, role=role, allowed=allowed),
            t("clauses.denied", "en", user=actor, role=role, allowed=allowed),
        )


def _text_or_none(value: str | None) -> str | None:
    return (value or "").strip() or None


def _decimal_or_none(value: Any) -> Any:
    """A number typed in a form (Decimal, int or float, None when left empty) as a Decimal."""
    from decimal import Decimal

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class AddedClause:
    """A register row just created; ``plan``: the estimate that set its required hours, with
    every step (None when the hours were given or there is no amount)."""

    clause_id: int
    plan: Any = None


def add_clause_contract(
    *,
    contract_id: str,
    entity: str,
    start_date: dt.date,
    end_date: dt.date,
    clause_type: str = "insertion_hours",
    status: str = "planned",
    buyer: str | None = None,
    contractor_siret: str | None = None,
    contractor_name: str | None = None,
    object: str | None = None,
    category: str | None = None,
    cpv: str | None = None,
    amount_eur: Any = None,
    hours_required: Any = None,
    settings: Settings,
    actor: str,
    role: str,
) -> AddedClause:
    """A contract or a tender being prepared enters the clause register (audited). Without
    required hours, an insertion-hours clause with an amount requires the estimate."""
    from pipelines.clauses.parameters import planning_parameters
    from pipelines.clauses.register import ContractInput, add_contract
    from pipelines.clauses.rules import planned_hours
    from pipelines.store.db import session_scope

    _clause_writer(actor, role)
    amount = _decimal_or_none(amount_eur)
    hours = _decimal_or_none(hours_required)
    category = _text_or_none(category)
    plan = None
    if hours is None and amount is not None and clause_type == "insertion_hours":
        plan = planned_hours(amount, planning_parameters(start_date, category=category))
        hours = plan.rounded
    item = ContractInput(
        contract_id=contract_id.strip(),
        entity=entity.strip(),
        start_date=start_date,
        end_date=end_date,
        clause_type=clause_type,
        status=status,
        buyer=_text_or_none(buyer),
        contractor_siret=_text_or_none(contractor_siret),
        contractor_name=_text_or_none(contractor_name),
        object=_text_or_none(object),
        category=category,
        cpv=_text_or_none(cpv),
        amount_eur=amount,
        hours_required=hours,
    )
    with session_scope(settings) as session:
        return AddedClause(add_contract(session, item, actor=actor).clause_id, plan)


def set_clause_parameters(
    clause_id: int,
    *,
    reason: str,
    labour_share: Any = None,
    hourly_cost_eur: Any = None,
    clause_rate: Any = None,
    hours_required: Any = None,
    settings: Settings,
    actor: str,
    role: str,
) -> None:
    """Set one contract's own estimate parameters (labour share, hourly cost, clause rate) or
    its required hours; a reason is required and the change is an audit event."""
    from pipelines.clauses.register import set_parameters
    from pipelines.store.db import session_scope

    _clause_writer(actor, role)
    with session_scope(settings) as session:
        set_parameters(
            session,
            clause_id,
            actor=actor,
            reason=reason,
            labour_share=_decimal_or_none(labour_share),
            hourly_cost_eur=_decimal_or_none(hourly_cost_eur),
            clause_rate=_decimal_or_none(clause_rate),
            hours_required=_decimal_or_none(hours_required),
        )


def correct_clause_declaration(
    declaration_id: int,
    *,
    reason: str,
    settings: Settings,
    actor: str,
    role: str,
    now: dt.datetime,
    **changes: Any,
) -> int:
    """Correct a declaration: a new row replaces it (the old one stays), audited; its id.
    ``changes``: fields of the declaration (hours, period_start, ...), None = unchanged."""
    from pipelines.clauses.declarations import correct_declaration
    from pipelines.store.db import session_scope

    _clause_writer(actor, role)
    if "hours" in changes:
        changes["hours"] = _decimal_or_none(changes["hours"])
    with session_scope(settings) as session:
        new = correct_declaration(
            session, declaration_id, actor=actor, reason=reason, now=now, **changes
        )
        return new.declaration_id


# -- controls against gaming the objectives ----------------------------------------------------


def review_control(
    signal_id: str, *, reason: str, settings: Settings, actor: str, role: str
) -> tuple[Any, Any]:
    """Mark the signal ``signal_id`` reviewed at its current figures (``asr controls review``)."""
    from pipelines.controls.service import review_signal

    return review_signal(signal_id, reason=reason, actor=actor, role=role, settings=settings)


def review_control_signal(
    signal: Any, *, reason: str, settings: Settings, actor: str, role: str
) -> Any:
    """Mark a signal the page shows reviewed at the figures shown (audited)."""
    from pipelines.controls.review import mark_reviewed

    return mark_reviewed(signal, reason=reason, actor=actor, role=role, settings=settings)
