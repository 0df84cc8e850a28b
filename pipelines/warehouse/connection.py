"""Reader connections and the single-writer copy-and-swap transaction."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from pipelines.settings import Settings
from pipelines.warehouse.migrations import apply_migrations, pending_migrations
from pipelines.warehouse.temporaries import remove_stale, warehouse_temp


class WarehouseBusyError(RuntimeError):
    """Another process is writing the warehouse and we were asked not to wait."""


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def writer_lock(settings: Settings, *, wait: bool = True) -> Iterator[None]:
    """Hold the warehouse's writer lock without writing it (e.g. to serialise a store change
    with the writers, as reopening a period does)."""
    with _writer_lock(settings.warehouse_path, wait):
        yield


@contextlib.contextmanager
def _writer_lock(path: Path, wait: bool) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(_lock_path(path), "a+") as handle:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(handle, flags)
        except BlockingIOError as exc:
            raise WarehouseBusyError(f"{path} is being written by another process") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_previous(path: Path, keep: Path) -> Path | None:
    """A second name for the published file (a hard link, else a copy), to put it back."""
    keep.unlink(missing_ok=True)
    if not path.exists():
        return None
    try:
        os.link(path, keep)
    except OSError:
        shutil.copyfile(path, keep)
    return keep


@contextlib.contextmanager
def write_transaction(
    settings: Settings,
    *,
    wait: bool = True,
    after_publish: Callable[[], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection on a private copy; publish it only if the block succeeds.

    ``after_publish`` (e.g. committing the objectives store) runs once the new file is published,
    still under the writer lock; if it fails, the previous file is put back and the error raised,
    so the warehouse and what ``after_publish`` commits change together or not at all.
    """
    path = settings.warehouse_path
    with _writer_lock(path, wait):
        remove_stale(settings.home, path)  # what writers killed mid-load left behind
        tmp = warehouse_temp(path)
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            stale.unlink(missing_ok=True)
        if path.exists():
            shutil.copyfile(path, tmp)
            wal = path.with_name(path.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))
        con = duckdb.connect(str(tmp))
        try:
            apply_migrations(con)
            yield con
            con.execute("checkpoint")
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
            raise
        con.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        previous = None
        if after_publish is not None:
            previous = _keep_previous(path, path.with_name(f".{path.name}.{os.getpid()}.prev"))
        try:
            os.replace(tmp, path)
            if after_publish is not None:
                try:
                    after_publish()
                except BaseException:
                    if previous is not None:
                        os.replace(previous, path)
                    else:
                        path.unlink(missing_ok=True)
                    raise
        finally:
            tmp.unlink(missing_ok=True)
            if previous is not None:
                previous.unlink(missing_ok=True)
            _fsync_dir(path.parent)


def ensure_warehouse(settings: Settings) -> Path:
    """Create the warehouse, or migrate an older one, so that readers find the current schema."""
    from pipelines.marts import marts_are_current, refresh_marts

    path = settings.warehouse_path
    if path.exists():
        con = open_reader(path)
        try:
            if not pending_migrations(con) and marts_are_current(con, settings):
                return path
        finally:
            con.close()
    with write_transaction(settings) as con:
        if not marts_are_current(con, settings):  # another process may have rebuilt them
            refresh_marts(con, settings)
    return path


def open_reader(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the file at ``path`` as it is now.

    The file is attached to a private in-memory database rather than opened with
    ``duckdb.connect(path)``: DuckDB keeps one database instance per path and process, so a plain
    connect after a writer published a new file would return the instance still open on the old
    file (stale figures).
    """
    con = duckdb.connect(":memory:")
    con.execute("attach ? as warehouse (read_only)", [str(path)])
    con.execute("use warehouse")
    return con


def connect_read(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the published warehouse (created and migrated if needed)."""
    return open_reader(ensure_warehouse(settings))


def warehouse_identity(settings: Settings) -> tuple[int, int]:
    """(inode, mtime_ns) of the published file: changes whenever a writer publishes."""
    st = settings.warehouse_path.stat()
    return st.st_ino, st.st_mtime_ns
