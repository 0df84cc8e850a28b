"""Differential tests: random small organisations loaded through the ``asr`` commands, every
figure compared with the independent oracle (tests/oracle/oracle.py).

``ASR_HYPOTHESIS=long`` runs many more examples (profiles in tests/oracle/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.oracle import oracle
from tests.oracle.build import asr, asr_json, load_org
from tests.oracle.open_disagreements import OPEN
from tests.oracle.oracle import Org
from tests.oracle.regressions import REGRESSIONS
from tests.oracle.strategies import orgs

BY = (None, "entity", "buyer", "manager", "family", "kind", "month")
AMOUNTS = (
    "spend_eur",
    "addressable_spend_eur",
    "inclusive_spend_eur",
    "insertion_spend_eur",
    "handicap_spend_eur",
    "ess_spend_eur",
    "probable_spend_eur",
)


_TEMPLATE: list[Path] = []
_TOKEN: list[str] = []


def _template_home() -> Path:
    """An empty, migrated ASR_HOME (warehouse and SQLite store), built once per session: each
    example copies it instead of running the migrations again."""
    if not _TEMPLATE:
        home = Path(tempfile.mkdtemp(prefix="asr-oracle-template-")) / "home"
        home.mkdir()
        os.environ["ASR_HOME"] = str(home)
        asr("init")
        # pay-relevant commands run as an authenticated store user: the oracle's admin, by token
        from pipelines.settings import load_settings
        from pipelines.tokens import issue_token
        from pipelines.users import add_user

        settings = load_settings()
        add_user("oracle", "admin", settings=settings, actor="test-setup")
        _TOKEN.append(
            issue_token("oracle", actor="test-setup", settings=settings, now=dt.datetime.now())
        )
        _TEMPLATE.append(home)
    return _TEMPLATE[0]


@contextmanager
def fresh_home() -> Iterator[Path]:
    """A new ASR_HOME and SQLite store for one example (Hypothesis reuses the test's fixtures)."""
    saved = {
        k: os.environ.get(k) for k in ("ASR_HOME", "ASR_DATABASE_URL", "ASR_USER", "ASR_TOKEN")
    }
    with tempfile.TemporaryDirectory(prefix="asr-oracle-") as tmp:
        os.environ.pop("ASR_DATABASE_URL", None)
        os.environ["ASR_USER"] = "oracle"
        home = Path(tmp) / "home"
        shutil.copytree(_template_home(), home)
        os.environ["ASR_HOME"] = str(home)
        os.environ["ASR_TOKEN"] = _TOKEN[0]
        try:
            yield Path(tmp)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def six(value: Decimal) -> Decimal:
    """A ratio as the product shows it: six decimals, rounded half-up."""
    return value.quantize(oracle.SIX, ROUND_HALF_UP)


def dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def assert_kpi(product: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    for key in AMOUNTS:
        assert dec(product[key]) == expected[key], (where, key, product[key], expected[key])
    share = expected["inclusive_share"]
    if share is None:
        assert product["inclusive_share"] is None, (where, product["inclusive_share"])
    else:
        assert abs(Decimal(product["inclusive_share"]) - share) <= Decimal("0.0000005"), (
            where,
            "inclusive_share",
        )
    assert int(product["inclusive_suppliers"]) == expected["inclusive_suppliers"], (
        where,
        "inclusive_suppliers",
        product["inclusive_suppliers"],
        expected["inclusive_suppliers"],
    )
    got_kinds = {k: Decimal(v) for k, v in (product["by_kind"] or {}).items()}
    assert got_kinds == expected["by_kind"], (where, "by_kind", got_kinds, expected["by_kind"])


def check_kpi(org: Org, start: dt.date, end: dt.date, *, cli: bool = False) -> None:
    """Every ``--by`` of ``report kpi``: through the command when ``cli`` (the total and
    ``--by manager``), else through the function it calls (``pipelines.kpi.kpi_report``) on one
    read connection (faster)."""
    from pipelines.kpi import kpi_report
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    rows = oracle.in_window(oracle.facts(org), start, end)
    con = connect_read(load_settings())
    try:
        for by in BY:
            args = ["report", "kpi", "--from", start.isoformat(), "--to", end.isoformat()]
            if cli and by in (None, "manager"):  # the command itself, twice (it is slower)
                got_report = asr_json(*args, *(["--by", by] if by else []))
            else:
                got_report = kpi_report(con, start, end, by=by, settings=load_settings())
            if by is None:
                assert_kpi(got_report, oracle.kpi(rows), "total")
                continue
            got = got_report["rows"]
            expected = oracle.kpi_by(org, rows, by)
            got_dims = {row[by] for row in got}
            assert got_dims == set(expected), (by, got_dims, set(expected))
            for row in got:
                assert_kpi(row, expected[row[by]], f"{by}={row[by]}")
    finally:
        con.close()


def as_read(org: Org, start: dt.date, end: dt.date) -> Org:
    """The organisation a window's figures show: as its closing froze it when the window lies
    within the closed year (2025 when ``close_2025``), else as it is today."""
    if org.close_2025 and start.year == end.year == 2025:
        return org.at_closing()
    return org.current()


def check_overview(org: Org, start: dt.date, end: dt.date) -> None:
    """The overview's breakdowns (``pipelines.queries.overview.spend_by``, from the monthly
    marts, or from the frozen lines for a window within a closed year) for every dimension, for
    everything and for one entity."""
    from pipelines.queries.overview import frozen_period_of, spend_by, top_suppliers
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    period = Period.months(start, end)
    source = as_read(org, start, end)
    frozen = frozen_period_of(period, settings)
    assert (frozen is not None) == (org.close_2025 and start.year == end.year == 2025)
    all_rows = oracle.in_window(oracle.facts(source), start, end)
    con = connect_read(load_settings())
    try:
        for scope, rows in (
            (Scope(), all_rows),
            (Scope(entities=("E1",)), [f for f in all_rows if f.line.entity == "E1"]),
        ):
            for by in BY:
                got = spend_by(con, period, scope, settings, by=by, frozen_period=frozen)
                if by is None:
                    if rows:
                        assert_kpi(got[0], oracle.kpi(rows), f"overview {scope}")
                    continue
                expected = oracle.kpi_by(source, rows, by)
                assert {r[by] for r in got} == set(expected), ("overview", by)
                for row in got:
                    assert_kpi(row, expected[row[by]], f"overview {scope} {by}={row[by]}")
            top = top_suppliers(con, period, scope, settings, limit=1000, frozen_period=frozen)
            expected_top = oracle.top_suppliers(rows)
            assert [(t["supplier_key"], Decimal(t["spend_eur"])) for t in top] == [
                (k, v) for k, v, _ in expected_top
            ], "top suppliers"
            for t, (_, _, share) in zip(top, expected_top, strict=True):
                assert abs(Decimal(str(t["share"])) - share) < Decimal("1e-9"), "share"
    finally:
        con.close()


def check_counted_invoices(org: Org) -> None:
    """Mes objectifs, « les factures qui comptent »: the lines of inclusive suppliers (certain,
    or probable to confirm) that count, i.e. addressable ones — over both years as they are
    today, and over the closed year (2025 when ``close_2025``) as its closing froze them."""
    from dataclasses import replace

    from pipelines.queries.explorer import COUNTED_LINES, lines
    from pipelines.queries.overview import frozen_period_of
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    windows = [(dt.date(2025, 1, 1), dt.date(2026, 12, 31))]
    if org.close_2025:
        windows.append((dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    settings = load_settings()
    con = connect_read(settings)
    try:
        for start, end in windows:
            period = Period.months(start, end)
            expected = [
                f
                for f in oracle.in_window(oracle.facts(as_read(org, start, end)), start, end)
                if f.addressable
                and f.verdict.status in ("certain", "probable")
                and f.family in oracle.INCLUSIVE
            ]
            counted = replace(COUNTED_LINES, frozen_period=frozen_period_of(period, settings))
            frame, total = lines(con, period, Scope(), counted, page_size=100_000)
            assert total == len(expected), ("counted invoices", start, total, len(expected))
            got = sum((Decimal(str(a)) for a in frame["amount_eur"]), Decimal(0))
            assert got == sum((f.line.amount for f in expected), Decimal(0)), ("invoices", start)
    finally:
        con.close()


def check_attainment(org: Org) -> None:
    """Open years against today's data; a closed year (2025 when ``close_2025``) keeps the
    figures of its closing, with today's beside them as a restatement."""
    current = org.current()
    for year in (2025, 2026):
        closed = org.close_2025 and year == 2025
        got = asr_json("report", "attainment", "--period", str(year))["objectives"]
        expected = oracle.attainment(org.at_closing() if closed else current, year)
        assert {o["objective_id"] for o in got} == set(expected)
        for o in got:
            e = expected[o["objective_id"]]
            where = o["objective_id"]
            assert o["status"] == ("closed" if closed else "open"), where
            assert Decimal(o["actual"]) == e["actual"], (where, "actual", o["actual"], e["actual"])
            assert Decimal(o["probable_actual"]) == e["probable_actual"], (where, "probable")
            # six decimals, half-up like every rounding of the product (0.0403125 -> 0.040313)
            assert Decimal(o["attainment"]) == six(e["attainment"]), where
            assert Decimal(o["payout_rate"]) == six(e["payout_rate"]), where
            assert Decimal(o["payout_eur"]) == e["payout_eur"], (where, "payout")
            if not closed:
                continue
            now = oracle.attainment(current, year)[o["objective_id"]]
            r = o["restatement"]
            assert Decimal(r["closed_actual"]) == e["actual"], (where, "closed_actual")
            assert Decimal(r["current_actual"]) == now["actual"], (where, "current_actual")
            assert Decimal(r["actual_difference"]) == now["actual"] - e["actual"], where
            assert Decimal(r["closed_payout_eur"]) == e["payout_eur"], where
            assert Decimal(r["current_payout_eur"]) == now["payout_eur"], (where, "restated pay")
            assert Decimal(r["payout_difference_eur"]) == now["payout_eur"] - e["payout_eur"]


def check_whatif(org: Org) -> None:
    """``asr objectives whatif`` on every objective: today's data, or for an objective of the
    closed year the organisation as its closing froze it (today's actual beside it)."""
    for o in org.objectives:
        got = asr_json("objectives", "whatif", o.objective_id)
        closed = org.close_2025 and o.end.year == 2025
        expected = oracle.whatif(org.at_closing() if closed else org.current(), o)
        assert ("closed" in got) == closed, o.objective_id
        if closed:
            today = oracle.whatif(org.current(), o)["actual"]
            assert Decimal(got["closed"]["current_actual"]) == today, o.objective_id
        assert Decimal(got["actual"]) == expected["actual"], o.objective_id
        for level in got["levels"]:
            e = expected["levels"][level["level"]]
            where = (o.objective_id, level["level"])
            assert Decimal(level["metric_value"]) == e["metric_value"], where
            assert Decimal(level["gap"]) == e["gap"], where
            assert dec(level["gap_eur"]) == e["gap_eur"], (where, "gap_eur")
            assert level["reached"] == e["reached"], where
            assert Decimal(level["payout_rate"]) == six(e["payout_rate"]), where
            assert Decimal(level["payout_eur"]) == e["payout_eur"], (where, "payout_eur")


def check_review_queue(org: Org) -> None:
    from pipelines.classify.review import review_queue
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        got = [
            (r["supplier_key"], r["status"], Decimal(r["to_review_eur"]))
            for r in review_queue(con, limit=10_000)
        ]
    finally:
        con.close()
    assert got == oracle.review_queue(org)


def check_confirmation_effect(org: Org, closed: tuple[int, ...] = ()) -> None:
    """« Effet sur les objectifs si confirmé » for every supplier in the queue as probable."""
    from pipelines.access import Access
    from pipelines.queries.objectives import objective_views
    from pipelines.queries.operations import confirmation_effect
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    admin = Access("oracle", "admin", None, Scope(), None)
    probable = [key for key, status, _ in oracle.review_queue(org) if status == "probable"]
    if not probable or not org.objectives:
        return
    con = connect_read(load_settings())
    try:
        for year in (2025, 2026):
            views = objective_views(con, year, admin, settings)
            for key in probable:
                got = {
                    e["objective_id"]: Decimal(e["spend_eur"])
                    for e in confirmation_effect(con, key, views, settings, admin)
                }
                expected = oracle.confirmation_effect(org, key, year, closed=year in closed)
                assert got == expected, (key, year)
    finally:
        con.close()


#: the day the directory records must be valid on for a suggestion
SUGGESTIONS_AS_OF = dt.date(2026, 6, 30)


def check_suggestions(org: Org, closed: tuple[int, ...] = ()) -> None:
    """Mes objectifs, « Fournisseurs inclusifs à solliciter », for every open objective: read by
    an admin (the objective's scope) and, for a company or entity objective, by a reader whose
    scope is one buyer (the scope narrowed as the page narrows it)."""
    from pipelines.access import Access, intersect
    from pipelines.queries.objectives import objective_views
    from pipelines.queries.suggestions import suggestions
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    admin = Access("oracle", "admin", None, Scope(), None)
    con = connect_read(load_settings())
    try:
        for year in (2025, 2026):
            if year in closed:
                continue
            views = {v.spec.objective_id: v for v in objective_views(con, year, admin, settings)}
            for o in org.objectives:
                if o.end.year != year:
                    continue
                view = views[o.objective_id]
                readers: list[set[str] | None] = [None]
                if o.scope_type in ("all", "entity"):
                    readers.append({"B1"})
                for buyers in readers:
                    scope = intersect(
                        Scope(buyers=tuple(buyers) if buyers else None),
                        buyers=view.scope.buyers,
                        entities=view.scope.entities,
                    )
                    got = suggestions(con, view, scope, settings, admin, as_of=SUGGESTIONS_AS_OF)
                    expected = oracle.suggestions(org, o, SUGGESTIONS_AS_OF, buyers=buyers)
                    where = (o.objective_id, buyers)
                    assert {
                        c["category"]: Decimal(c["ordinary_spend_eur"]) for c in got["categories"]
                    } == expected["categories"], (where, "categories")
                    assert (got["level"] or {}).get("level") == expected["level"], (where, "level")
                    assert [
                        (
                            s["category"],
                            s["name"],
                            s["kind"],
                            Decimal(s["coverable_eur"]),
                            Decimal(s["new_payout_eur"]),
                        )
                        for s in got["suggestions"]
                    ] == expected["suggestions"], (where, "suggestions")
    finally:
        con.close()


#: (headcount, beneficiaries, direct rate given) of the OETH estimates compared: no obligation,
#: each headcount band, a direct rate given above 3 %, more beneficiaries than required
OETH_INPUTS = [
    (Decimal(15), Decimal(0), None),
    (Decimal(25), Decimal(0), None),  # one missing: a small cap the deduction often reaches
    (Decimal(60), Decimal(3), None),  # none missing: nothing to deduct from
    (Decimal(120), Decimal(2), Decimal("0.035")),
    (Decimal(300), Decimal(5), None),
    (Decimal(900), Decimal(60), None),
]
OETH_FIELDS = (
    "required_beneficiaries",
    "missing_beneficiaries",
    "multiplier",
    "gross_contribution_eur",
    "oeth_spend_eur",
    "labour_eur",
    "deduction_eur",
    "cap_eur",
    "capped_deduction_eur",
    "net_contribution_eur",
)


def assert_hours(got: dict[str, Any], expected: dict[str, Any], where: object) -> None:
    assert Decimal(got["declared_hours"]) == expected["declared_hours"], where
    assert Decimal(got["estimated_hours"]) == expected["estimated_hours"], (where, "hours")
    assert Decimal(got["insertion_hours"]) == expected["estimated_hours"], where
    assert Decimal(got["estimated_spend_eur"]) == expected["estimated_spend_eur"], where
    assert got["parameters"]["labour_share_defaulted_categories"] == expected["defaulted"], where
    rows = {
        r["category"]: {
            k: r[k]
            for k in (
                "spend_eur",
                "labour_share",
                "labour_share_source",
                "hourly_cost_eur",
                "hours",
            )
        }
        for r in got["estimate"]
    }
    assert rows == expected["by_category"], (where, "estimate rows")


def check_hours_and_oeth(org: Org, cli: bool) -> None:
    """``report hours`` (the function behind it; the command too when ``cli``) for each year,
    everything and one entity; ``report oeth`` (its function; the command when ``cli``) for
    several inputs."""
    from pipelines.reports.hours import insertion_hours_report
    from pipelines.reports.oeth import OethParameters, estimate_oeth, oeth_for_year, oeth_spend
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    rows = oracle.facts(org)
    if cli:  # the commands themselves (slower: half the examples)
        start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
        got = asr_json("report", "hours", "--from", start.isoformat(), "--to", end.isoformat())
        assert_hours(got, oracle.insertion_hours(rows, start, end), "asr report hours")
        got = asr_json(
            "report", "oeth", "--year", "2026", "--headcount", "300", "--beneficiaries", "5"
        )
        expected_oeth = oracle.oeth(rows, 2026, Decimal(300), Decimal(5))
        for k in OETH_FIELDS:
            assert Decimal(got[k]) == expected_oeth[k], ("asr report oeth", k)
    con = connect_read(load_settings())
    try:
        for year in (2025, 2026):
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            for entities in (None, {"E2"}):
                scope = Scope(entities=tuple(entities)) if entities else Scope()
                assert_hours(
                    insertion_hours_report(con, start, end, scope=scope),
                    oracle.insertion_hours(rows, start, end, entities),
                    (year, entities),
                )
            # the first input through oeth_for_year, the others on the same spend (one query)
            spend = oeth_spend(con, start, end)
            for i, (headcount, beneficiaries, rate) in enumerate(OETH_INPUTS):
                if i == 0:
                    estimate = oeth_for_year(
                        con,
                        year,
                        headcount=headcount,
                        beneficiaries=beneficiaries,
                        direct_rate=rate,
                    )
                else:
                    estimate = estimate_oeth(
                        year=year,
                        headcount=headcount,
                        beneficiaries=beneficiaries,
                        spend=spend,
                        parameters=OethParameters.for_year(year),
                        direct_rate=rate,
                    )
                est = estimate.as_dict()
                expected = oracle.oeth(rows, year, headcount, beneficiaries, rate)
                for k in OETH_FIELDS:
                    assert Decimal(est[k]) == expected[k], (year, headcount, k, est[k], expected[k])
    finally:
        con.close()


def check_annual(org: Org, years: tuple[int, ...]) -> None:
    """The annual report's figures (``pipelines.reports.annual.annual_data``, what the PDF and
    XLSX print): KPIs of the year, the year before and with probable spend, months, entities,
    top inclusive suppliers, lines, hours, OETH deduction, the objectives table. A closed year
    reads as its closing froze it (headline, months, entities, top suppliers)."""
    from pipelines.reports.annual import TOP_SUPPLIERS, annual_data
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    current = org.current()
    rows = oracle.facts(current)
    settings = load_settings()
    con = connect_read(load_settings())
    try:
        for year in years:
            data = annual_data(con, year, settings=settings)
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            in_year = oracle.in_window(rows, start, end)
            before = oracle.in_window(rows, dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))
            closed = org.close_2025 and year == 2025
            # A closed year's headline is what the closing froze (DOMAIN.md §8), today's beside it.
            headline = (
                oracle.in_window(oracle.facts(org.at_closing()), start, end) if closed else in_year
            )
            assert_kpi(data["kpi"], oracle.kpi(headline), f"annual {year}")
            assert_kpi(data["kpi_current"], oracle.kpi(in_year), f"annual {year} current")
            assert_kpi(data["kpi_previous"], oracle.kpi(before), f"annual {year} previous")
            assert_kpi(
                data["kpi_with_probable"],
                oracle.kpi(headline, ("certain", "probable")),
                f"annual {year} with probable",
            )
            # ... and so are its months, entities and top suppliers
            source = org.at_closing() if closed else current
            for by, got_rows in (("month", data["months"]), ("entity", data["entities"])):
                expected = oracle.kpi_by(source, headline, by)
                assert {r[by] for r in got_rows} == set(expected), ("annual", year, by)
                for r in got_rows:
                    assert_kpi(r, expected[r[by]], f"annual {year} {by}={r[by]}")
            assert [
                (t["supplier_key"], Decimal(t["spend_eur"])) for t in data["top_suppliers"]
            ] == [(k, v) for k, v, _ in oracle.top_suppliers(headline)[:TOP_SUPPLIERS]], (
                "annual top suppliers",
                year,
            )
            assert data["quality"]["count_lines"] == len(in_year), ("annual lines", year)
            assert data["has_data"] == bool(in_year)
            assert_hours(data["hours"], oracle.insertion_hours(rows, start, end), ("annual", year))
            _, labour = oracle.oeth_labour(rows, year)
            deduction = (Decimal("0.30") * labour.quantize(oracle.CENT, ROUND_HALF_UP)).quantize(
                oracle.CENT, ROUND_HALF_UP
            )
            assert data["oeth"]["deduction_before_cap_eur"] == deduction, ("annual oeth", year)
            expected_obj = oracle.objectives_summary(org, year, closed)
            got_obj = data["objectives"]
            assert got_obj["count"] == sum(m["count"] for m in expected_obj.values())
            assert {
                m["metric"]: {k: m[k] for k in expected_obj.get(m["metric"], m)}
                for m in got_obj["by_metric"]
            } == expected_obj, ("annual objectives", year)
    finally:
        con.close()


def check_headline(org: Org) -> None:
    """Overview tiles (``pipelines.queries.overview``): the year, the same months of the year
    before (like for like), with probable spend; months with cumulative inclusive spend; the
    share of inclusive spend of the ten largest inclusive suppliers. A closed year reads as its
    closing froze it, with today's figures beside (``today``)."""
    from pipelines.queries.overview import (
        concentration,
        frozen_period_of,
        headline,
        monthly,
        top_suppliers,
    )
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    today_rows = oracle.facts(org.current())
    last = max(f.line.day for f in today_rows).replace(day=1) if today_rows else None
    settings = load_settings()
    con = connect_read(load_settings())
    try:
        for year in (2025, 2026):
            period = Period.year(year)
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            source = as_read(org, start, end)
            in_year = oracle.in_window(oracle.facts(source), start, end)
            tiles = headline(con, period, Scope(), settings)
            assert_kpi(tiles.current, oracle.kpi(in_year), f"tiles {year}")
            if org.close_2025 and year == 2025:
                assert tiles.today is not None
                assert_kpi(
                    tiles.today,
                    oracle.kpi(oracle.in_window(today_rows, start, end)),
                    f"tiles {year} today",
                )
            else:
                assert tiles.today is None
            prev_from, prev_to = oracle.like_for_like_previous(year, last)
            assert (tiles.previous_period.start, tiles.previous_period.end) == (prev_from, prev_to)
            assert_kpi(
                tiles.previous,
                oracle.kpi(
                    oracle.in_window(
                        oracle.facts(as_read(org, prev_from, prev_to)), prev_from, prev_to
                    )
                ),
                f"tiles {year} previous",
            )
            assert_kpi(
                tiles.with_probable,
                oracle.kpi(in_year, ("certain", "probable")),
                f"tiles {year} with probable",
            )
            frozen = frozen_period_of(period, settings)
            cumulative = Decimal(0)
            by_month = oracle.kpi_by(source, in_year, "month")
            for m in monthly(con, period, Scope(), settings, frozen_period=frozen):
                key = m["month_start"].strftime("%Y-%m")
                spent = by_month[key]["inclusive_spend_eur"] if key in by_month else Decimal(0)
                cumulative += spent
                assert Decimal(m["inclusive_spend_eur"]) == spent, ("monthly", key)
                assert Decimal(m["cumulative_inclusive_eur"]) == cumulative, ("cumulative", key)
            top = oracle.top_suppliers(in_year)[:10]
            got = concentration(
                top_suppliers(con, period, Scope(), settings, limit=10, frozen_period=frozen)
            )
            if not top:
                assert got is None
            else:
                assert abs(Decimal(str(got)) - sum(s for _, _, s in top)) < Decimal("1e-9")
    finally:
        con.close()


#: seconds spent in each step over the session (``ASR_ORACLE_TIMING=1`` prints them at the end)
TIMING: dict[str, float] = {}


def _timed(name: str, check: Callable[[], None]) -> None:
    began = time.perf_counter()
    try:
        check()
    finally:
        TIMING[name] = TIMING.get(name, 0.0) + time.perf_counter() - began


def run(org: Org) -> None:
    current = org.current()  # later decisions (after a closing) applied
    closed = (2025,) if org.close_2025 else ()
    full, part = (
        (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2025, 3, 1), dt.date(2025, 8, 31)),
    )
    with fresh_home() as folder:
        _timed("load", lambda: load_org(org, folder))
        _timed("kpi", lambda: check_kpi(current, *full, cli=True))
        _timed("kpi", lambda: check_kpi(current, *part))
        _timed("overview", lambda: check_overview(org, *full))
        _timed("overview", lambda: check_overview(org, *part))
        _timed("attainment", lambda: check_attainment(org))
        _timed("whatif", lambda: check_whatif(org))
        _timed("review", lambda: check_review_queue(current))
        _timed("invoices", lambda: check_counted_invoices(org))
        _timed("effect", lambda: check_confirmation_effect(current, closed=closed))
        _timed("suggestions", lambda: check_suggestions(current, closed=closed))
        # one annual report per example: the closed year when there is one, else either year
        annual_year = 2025 if org.close_2025 or len(org.lines) % 2 else 2026
        _timed("hours_oeth", lambda: check_hours_and_oeth(current, cli=org.close_2025))
        _timed("annual", lambda: check_annual(org, (annual_year,)))
        _timed("headline", lambda: check_headline(org))


@pytest.fixture(scope="module", autouse=True)
def _print_timing() -> Iterator[None]:
    yield
    if os.environ.get("ASR_ORACLE_TIMING"):
        total = sum(TIMING.values())
        for name, seconds in sorted(TIMING.items(), key=lambda kv: -kv[1]):
            print(f"\n{name:12} {seconds:7.1f} s {seconds / total:6.1%}", end="")


@given(orgs())
def test_product_agrees_with_oracle(org: Org) -> None:
    run(org)


def test_oracle_imports_nothing_from_the_product() -> None:
    """The oracle is independent: no ``pipelines``, no DuckDB."""
    import ast

    tree = ast.parse((Path(__file__).parent / "oracle.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    assert not names & {"pipelines", "duckdb", "dashboard", "rapidfuzz", "stdnum"}, names


@pytest.mark.parametrize(
    "org", [case for _, _, case in REGRESSIONS], ids=[name for name, _, _ in REGRESSIONS]
)
def test_regression_cases(org: Org) -> None:
    run(org)


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="an open disagreement (tests/oracle/open_disagreements.py)",
)
@pytest.mark.parametrize("org", [case for _, _, case in OPEN], ids=[name for name, _, _ in OPEN])
def test_open_disagreements(org: Org) -> None:
    run(org)
