"""Differential tests: random small organisations loaded through the ``asr`` commands, every
figure compared with the independent oracle (tests/oracle/oracle.py).

``ASR_HYPOTHESIS=long`` runs many more examples (profiles in tests/oracle/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.oracle import oracle
from tests.oracle.build import asr, asr_json, load_org
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
    settings = load_settings()
    con = connect_read(settings)
    try:
        for by in BY:
            args = ["report", "kpi", "--from", start.isoformat(), "--to", end.isoformat()]
            if cli and by in (None, "manager"):  # the command itself, twice (it is slower)
                got_report = asr_json(*args, *(["--by", by] if by else []))
            else:
                got_report = kpi_report(con, start, end, by=by, settings=settings)
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


def check_overview(org: Org, start: dt.date, end: dt.date) -> None:
    """The overview's breakdowns (``pipelines.queries.overview.spend_by``, from the monthly
    marts) for every dimension, for everything and for one entity."""
    from pipelines.queries.overview import spend_by, top_suppliers
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    period = Period.months(start, end)
    all_rows = oracle.in_window(oracle.facts(org), start, end)
    con = connect_read(load_settings())
    try:
        for scope, rows in (
            (Scope(), all_rows),
            (Scope(entities=("E1",)), [f for f in all_rows if f.line.entity == "E1"]),
        ):
            for by in BY:
                got = spend_by(con, period, scope, settings, by=by)
                if by is None:
                    if rows:
                        assert_kpi(got[0], oracle.kpi(rows), f"overview {scope}")
                    continue
                expected = oracle.kpi_by(org, rows, by)
                assert {r[by] for r in got} == set(expected), ("overview", by)
                for row in got:
                    assert_kpi(row, expected[row[by]], f"overview {scope} {by}={row[by]}")
            top = top_suppliers(con, period, scope, settings, limit=1000)
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
    or probable to confirm) that count, i.e. addressable ones."""
    from pipelines.queries.explorer import COUNTED_LINES, lines
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    start, end = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
    expected = [
        f
        for f in oracle.in_window(oracle.facts(org), start, end)
        if f.addressable
        and f.verdict.status in ("certain", "probable")
        and f.family in oracle.INCLUSIVE
    ]
    con = connect_read(load_settings())
    try:
        frame, total = lines(
            con, Period.months(start, end), Scope(), COUNTED_LINES, page_size=100_000
        )
    finally:
        con.close()
    assert total == len(expected), ("counted invoices", total, len(expected))
    got = sum((Decimal(str(a)) for a in frame["amount_eur"]), Decimal(0))
    assert got == sum((f.line.amount for f in expected), Decimal(0))


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
    for o in org.objectives:
        got = asr_json("objectives", "whatif", o.objective_id)
        expected = oracle.whatif(org, o)
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


def run(org: Org) -> None:
    current = org.current()  # later decisions (after a closing) applied
    with fresh_home() as folder:
        load_org(org, folder)
        check_kpi(current, dt.date(2025, 1, 1), dt.date(2026, 12, 31), cli=True)
        check_kpi(current, dt.date(2025, 3, 1), dt.date(2025, 8, 31))
        check_overview(current, dt.date(2025, 1, 1), dt.date(2026, 12, 31))
        check_overview(current, dt.date(2025, 3, 1), dt.date(2025, 8, 31))
        check_attainment(org)
        check_whatif(current)
        check_review_queue(current)
        check_counted_invoices(current)
        check_confirmation_effect(current, closed=(2025,) if org.close_2025 else ())


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
