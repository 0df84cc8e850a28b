"""Objective definitions: load from CSV/XLSX (validated, audited), export, read from the store."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pipelines.objectives.curves import CurveError, parse_curve, plain
from pipelines.objectives.metrics import get_metric, metric_keys
from pipelines.objectives.periods import period_of
from pipelines.objectives.tabular import raise_errors, read_table
from pipelines.safe_output import neutralise
from pipelines.settings import Settings
from pipelines.store import audit
from pipelines.store.db import session_scope
from pipelines.store.models import Objective, PeriodClosing, Person
from pipelines.textinput import DateError, NumberError, parse_date, parse_decimal

OBJECTIVE_COLUMNS = (
    "objective_id",
    "owner",
    "scope_type",
    "scope_value",
    "period_start",
    "period_end",
    "metric",
    "target",
    "weight",
    "variable_pay_eur",
    "curve",
)
SCOPE_TYPES = ("all", "entity", "buyer", "manager")


@dataclass(frozen=True)
class ObjectiveSpec:
    """One objective as defined (independent of the ORM, so a closing can freeze it)."""

    objective_id: str
    owner: str
    scope_type: str
    scope_value: str | None
    period_start: dt.date
    period_end: dt.date
    metric: str
    target: Decimal
    weight: Decimal
    variable_pay_eur: Decimal
    curve: str | None

    @property
    def period(self) -> str:
        return period_of(self.period_end)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ObjectiveSpec:
        def day(value: Any) -> dt.date:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

        return cls(
            objective_id=str(data["objective_id"]),
            owner=str(data["owner"]),
            scope_type=str(data["scope_type"]),
            scope_value=data.get("scope_value") or None,
            period_start=day(data["period_start"]),
            period_end=day(data["period_end"]),
            metric=str(data["metric"]),
            target=Decimal(str(data["target"])),
            weight=Decimal(str(data["weight"])),
            variable_pay_eur=Decimal(str(data["variable_pay_eur"])),
            curve=data.get("curve") or None,
        )

    @classmethod
    def from_model(cls, obj: Objective) -> ObjectiveSpec:
        return cls(
            objective_id=obj.objective_id,
            owner=obj.owner,
            scope_type=obj.scope_type,
            scope_value=obj.scope_value,
            period_start=obj.period_start,
            period_end=obj.period_end,
            metric=obj.metric,
            target=plain(Decimal(obj.target)),
            weight=plain(Decimal(obj.weight)),
            variable_pay_eur=Decimal(obj.variable_pay_eur).quantize(Decimal("0.01")),
            curve=obj.curve,
        )


Problem = tuple[int, str, str, str, str]


def _validate_row(
    row_no: int, cells: dict[str, str], people: set[str]
) -> tuple[ObjectiveSpec | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(column: str, fr: str, en: str) -> None:
        problems.append((row_no, column, cells.get(column, ""), fr, en))

    objective_id = cells["objective_id"]
    if not objective_id:
        bad("objective_id", "identifiant obligatoire", "required")
    owner = cells["owner"]
    if owner not in people:
        bad("owner", "personne inconnue (chargez-la avec asr org load)", "unknown person")
    scope_type = cells["scope_type"].lower() or "buyer"
    scope_value: str | None = cells["scope_value"] or None
    if scope_type not in SCOPE_TYPES:
        bad(
            "scope_type",
            f"attendu : {', '.join(SCOPE_TYPES)}",
            f"expected {', '.join(SCOPE_TYPES)}",
        )
    elif scope_type == "all":
        scope_value = None
    elif scope_type == "entity" and not scope_value:
        bad("scope_value", "entité obligatoire pour scope_type=entity", "entity required")
    elif scope_type in ("buyer", "manager"):
        scope_value = scope_value or owner
        if scope_value not in people:
            bad("scope_value", "personne inconnue", "unknown person")
    dates: dict[str, dt.date] = {}
    for column in ("period_start", "period_end"):
        try:
            day = parse_date(cells[column])
        except DateError as exc:
            bad(column, exc.fr, exc.en)
            continue
        if day is None:
            bad(column, "date obligatoire", "date required")
        else:
            dates[column] = day
    if len(dates) == 2 and dates["period_end"] < dates["period_start"]:
        bad("period_end", "antérieure à period_start", "before period_start")
    metric = cells["metric"]
    if get_metric(metric) is None:
        known = ", ".join(metric_keys())
        bad("metric", f"indicateur attendu parmi {known}", f"expected one of {known}")
    numbers: dict[str, Decimal] = {}
    for column in ("target", "weight", "variable_pay_eur"):
        try:
            number = parse_decimal(cells[column])
        except NumberError:
            number = None
        if number is None:
            bad(column, "nombre attendu (ex. 0,25)", "expected a number (e.g. 0.25)")
        else:
            numbers[column] = number
    if "target" in numbers and numbers["target"] <= 0:
        bad("target", "cible strictement positive attendue", "expected a positive target")
    metric_def = get_metric(metric)
    if metric_def is not None and metric_def.unit == "share" and numbers.get("target", 0) > 1:
        bad(
            "target",
            "une part s'écrit en fraction (0.03 pour 3 %)",
            "a share target is a fraction (0.03 for 3 %)",
        )
    if "weight" in numbers and not (0 < numbers["weight"] <= 1):
        bad("weight", "poids attendu entre 0 (exclu) et 1", "expected a weight in (0, 1]")
    pay = numbers.get("variable_pay_eur")
    if pay is not None and (pay < 0 or pay != pay.quantize(Decimal("0.01"))):
        bad("variable_pay_eur", "montant en euros ≥ 0, au centime", "euros >= 0, to the cent")
    curve_text = cells["curve"].strip() or None
    try:
        parse_curve(curve_text)
    except CurveError as exc:
        bad("curve", f"courbe illisible : {exc}", f"cannot read curve: {exc}")
    if problems:
        return None, problems
    spec = ObjectiveSpec(
        objective_id=objective_id,
        owner=owner,
        scope_type=scope_type,
        scope_value=scope_value,
        period_start=dates["period_start"],
        period_end=dates["period_end"],
        metric=metric,
        target=plain(numbers["target"]),
        weight=plain(numbers["weight"]),
        variable_pay_eur=numbers["variable_pay_eur"].quantize(Decimal("0.01")),
        curve=curve_text,
    )
    return spec, []


def closed_periods(settings: Settings) -> set[str]:
    with session_scope(settings) as session:
        query = select(PeriodClosing.period).where(PeriodClosing.is_closed.is_(True))
        return set(session.scalars(query))


def load_objectives(path: str | Path, *, settings: Settings, actor: str | None = None) -> int:
    """Create or update the objectives of ``path`` (same objective_id = update, audited).

    The whole file is refused, every problem named by row and column, if any row is invalid or
    touches a closed period.
    """
    actor = actor or settings.user
    path = Path(path)
    rows = read_table(path, OBJECTIVE_COLUMNS)
    closed = closed_periods(settings)
    with session_scope(settings) as session:
        people = set(session.scalars(select(Person.person_id)))
        existing = {o.objective_id: o for o in session.scalars(select(Objective))}
        problems: list[Problem] = []
        specs: list[ObjectiveSpec] = []
        seen: dict[str, int] = {}
        for row_no, cells in rows:
            spec, row_problems = _validate_row(row_no, cells, people)
            problems.extend(row_problems)
            if spec is None:
                continue
            if spec.objective_id in seen:
                problems.append(
                    (
                        row_no,
                        "objective_id",
                        spec.objective_id,
                        f"en double (déjà ligne {seen[spec.objective_id]})",
                        f"duplicate (already row {seen[spec.objective_id]})",
                    )
                )
                continue
            seen[spec.objective_id] = row_no
            old = existing.get(spec.objective_id)
            touched = {spec.period} | ({period_of(old.period_end)} if old is not None else set())
            if touched & closed:
                period = sorted(touched & closed)[0]
                problems.append(
                    (
                        row_no,
                        "period_end",
                        spec.period_end.isoformat(),
                        f"période {period} clôturée : rouvrez-la d'abord (asr period reopen)",
                        f"period {period} is closed: reopen it first (asr period reopen)",
                    )
                )
                continue
            specs.append(spec)
        raise_errors(path, problems)
        for spec in specs:
            after = spec.to_dict()
            obj = existing.get(spec.objective_id)
            if obj is None:
                session.add(Objective(**after))
                audit.record(
                    session,
                    actor=actor,
                    action="create",
                    object_type="objective",
                    object_id=spec.objective_id,
                    after=after,
                )
                continue
            before = ObjectiveSpec.from_model(obj).to_dict()
            if before == after:
                continue
            for key, value in after.items():
                setattr(obj, key, value)
            audit.record(
                session,
                actor=actor,
                action="update",
                object_type="objective",
                object_id=spec.objective_id,
                before=before,
                after=after,
            )
    return len(specs)


def list_objectives(
    settings: Settings, *, period: str | None = None, owner: str | None = None
) -> list[ObjectiveSpec]:
    with session_scope(settings) as session:
        query = select(Objective).order_by(Objective.objective_id)
        if owner is not None:
            query = query.where(Objective.owner == owner)
        specs = [ObjectiveSpec.from_model(o) for o in session.scalars(query)]
    return [s for s in specs if period is None or s.period == period]


def get_objective(objective_id: str, settings: Settings) -> ObjectiveSpec | None:
    with session_scope(settings) as session:
        obj = session.get(Objective, objective_id)
        return ObjectiveSpec.from_model(obj) if obj is not None else None


def _export_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_rows(settings: Settings) -> list[dict[str, str]]:
    return [
        {c: _export_cell(getattr(spec, c)) for c in OBJECTIVE_COLUMNS}
        for spec in list_objectives(settings)
    ]


def export_objectives(out: str | Path | None = None, *, settings: Settings) -> str:
    """The objectives as CSV (returned, and written to ``out`` if given; ``.xlsx`` writes Excel).

    Text a spreadsheet would run is neutralised (pipelines/safe_output.py)."""
    rows = [
        {c: _export_cell(neutralise(getattr(spec, c))) for c in OBJECTIVE_COLUMNS}
        for spec in list_objectives(settings)
    ]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=OBJECTIVE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    text = buf.getvalue()
    if out is not None:
        out = Path(out)
        if out.suffix.lower() == ".xlsx":
            import openpyxl

            book = openpyxl.Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.append(list(OBJECTIVE_COLUMNS))
            for row in rows:
                sheet.append([row[c] for c in OBJECTIVE_COLUMNS])
            book.save(out)
        else:
            out.write_text(text, encoding="utf-8")
    return text
