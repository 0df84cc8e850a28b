"""The DuckDB warehouse: one file, many readers, one writer at a time.

DuckDB lets one process write a database file and no other process open it meanwhile. So writers
never touch the published file: :func:`write_transaction` copies it, writes the copy, checkpoints
it and atomically renames it over the published path. Readers (the dashboard, reports) keep the
file they opened and see the new state when they reopen. A writer that dies leaves only stray
temporary files, named after its process: the published warehouse is exactly as before, and the
next writer removes them (warehouse/temporaries.py).
"""

from pipelines.warehouse.connection import (
    WarehouseBusyError,
    connect_read,
    ensure_warehouse,
    write_transaction,
    writer_lock,
)

__all__ = [
    "WarehouseBusyError",
    "connect_read",
    "ensure_warehouse",
    "write_transaction",
    "writer_lock",
]
