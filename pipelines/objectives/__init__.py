"""Objectives and variable pay: people, objective definitions, attainment, what-if, closing."""

from pipelines.objectives.attainment import (
    ObjectiveResult,
    Restatement,
    buyers_in_scope,
    compute_attainment,
)
from pipelines.objectives.closing import (
    PeriodState,
    close_period,
    is_closed,
    list_periods,
    period_restatement,
    period_state,
    reopen_period,
)
from pipelines.objectives.curves import (
    DEFAULT_CURVE,
    DEFAULT_CURVE_TEXT,
    Curve,
    CurveError,
    parse_curve,
    payout_eur,
    payout_rate,
)
from pipelines.objectives.definitions import (
    OBJECTIVE_COLUMNS,
    ObjectiveSpec,
    export_objectives,
    get_objective,
    list_objectives,
    load_objectives,
)
from pipelines.objectives.metrics import Metric, MetricContext, metric_keys, register_metric
from pipelines.objectives.people import (
    PEOPLE_COLUMNS,
    all_people,
    load_people,
    person_role,
    subtree,
)
from pipelines.objectives.whatif import whatif

__all__ = [
    "DEFAULT_CURVE",
    "DEFAULT_CURVE_TEXT",
    "OBJECTIVE_COLUMNS",
    "PEOPLE_COLUMNS",
    "Curve",
    "CurveError",
    "Metric",
    "MetricContext",
    "ObjectiveResult",
    "ObjectiveSpec",
    "PeriodState",
    "Restatement",
    "all_people",
    "buyers_in_scope",
    "close_period",
    "compute_attainment",
    "export_objectives",
    "get_objective",
    "is_closed",
    "list_objectives",
    "list_periods",
    "load_objectives",
    "load_people",
    "metric_keys",
    "parse_curve",
    "payout_eur",
    "payout_rate",
    "period_restatement",
    "period_state",
    "person_role",
    "register_metric",
    "reopen_period",
    "subtree",
    "whatif",
]
