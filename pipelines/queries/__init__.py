"""Read queries behind the dashboard pages.

Every query takes the reader's :class:`~pipelines.scope.Scope`, aggregates in DuckDB and returns
at most :data:`MAX_ROWS` rows to Python (lines are paginated).
"""

MAX_ROWS = 100_000
