"""People and the org tree: load from CSV, sync the warehouse's dim_people, walk subtrees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.objectives.tabular import raise_errors, read_table
from pipelines.settings import Settings
from pipelines.sql import load_sql
from pipelines.store import audit
from pipelines.store.db import session_scope
from pipelines.store.models import ROLES, Person

PEOPLE_COLUMNS = ("person_id", "name", "email", "manager_id", "entity", "role")


def _person_dict(p: Person) -> dict[str, Any]:
    return {c: getattr(p, c) for c in PEOPLE_COLUMNS}


def load_people(path: str | Path, *, settings: Settings, actor: str | None = None) -> int:
    """Upsert the people of ``path`` into the store and the warehouse; returns rows loaded.

    Refuses the whole file (naming the rows) on an unknown role, an unknown manager (neither in
    the file nor already in the store) or a management cycle.
    """
    actor = actor or settings.user
    path = Path(path)
    rows = read_table(path, PEOPLE_COLUMNS)
    errors: list[tuple[int, str, str, str, str]] = []
    incoming: dict[str, dict[str, str | None]] = {}
    row_of: dict[str, int] = {}
    for row_no, cells in rows:
        pid = cells["person_id"]
        if not pid:
            errors.append((row_no, "person_id", pid, "identifiant obligatoire", "required"))
            continue
        if pid in row_of:
            errors.append(
                (
                    row_no,
                    "person_id",
                    pid,
                    f"en double (déjà ligne {row_of[pid]})",
                    f"duplicate (already row {row_of[pid]})",
                )
            )
            continue
        if not cells["name"]:
            errors.append((row_no, "name", "", "nom obligatoire", "required"))
        role = cells["role"].lower()
        if role not in ROLES:
            errors.append(
                (
                    row_no,
                    "role",
                    cells["role"],
                    f"rôle attendu parmi {', '.join(ROLES)}",
                    f"expected one of {', '.join(ROLES)}",
                )
            )
        row_of[pid] = row_no
        incoming[pid] = {
            "person_id": pid,
            "name": cells["name"],
            "email": cells["email"] or None,
            "manager_id": cells["manager_id"] or None,
            "entity": cells["entity"] or None,
            "role": role,
        }
    with session_scope(settings) as session:
        existing = {p.person_id: p for p in session.scalars(select(Person))}
        managers = {pid: p.manager_id for pid, p in existing.items()}
        managers.update({pid: rec["manager_id"] for pid, rec in incoming.items()})
        for pid, rec in incoming.items():
            manager = rec["manager_id"]
            if manager is not None and manager not in managers:
                errors.append(
                    (
                        row_of[pid],
                        "manager_id",
                        manager,
                        "responsable inconnu (ni dans le fichier ni dans la base)",
                        "unknown manager (neither in the file nor in the store)",
                    )
                )
        for pid in sorted(_in_cycles(managers) & incoming.keys(), key=row_of.__getitem__):
            errors.append(
                (
                    row_of[pid],
                    "manager_id",
                    str(incoming[pid]["manager_id"]),
                    "cycle hiérarchique (la personne se retrouve sous elle-même)",
                    "management cycle (the person ends up under themselves)",
                )
            )
        errors.sort(key=lambda e: e[0])
        raise_errors(path, errors)
        for pid, rec in incoming.items():
            person = existing.get(pid)
            if person is None:
                session.add(Person(**rec))
                audit.record(
                    session,
                    actor=actor,
                    action="create",
                    object_type="person",
                    object_id=pid,
                    after=rec,
                )
                continue
            before = _person_dict(person)
            if before == rec:
                continue
            for key, value in rec.items():
                setattr(person, key, value)
            audit.record(
                session,
                actor=actor,
                action="update",
                object_type="person",
                object_id=pid,
                before=before,
                after=rec,
            )
    sync_people_to_warehouse(settings)
    return len(incoming)


def _in_cycles(managers: dict[str, str | None]) -> set[str]:
    """People whose chain of managers comes back to them (self-management included)."""
    on_cycle: set[str] = set()
    for start in managers:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in managers and node not in seen:
            seen.append(node)
            node = managers[node]
        if node is not None and node in seen:
            on_cycle.update(seen[seen.index(node) :])
    return on_cycle


def all_people(settings: Settings) -> list[dict[str, Any]]:
    with session_scope(settings) as session:
        people = session.scalars(select(Person).order_by(Person.person_id))
        return [_person_dict(p) for p in people]


def sync_people_to_warehouse(settings: Settings) -> None:
    """Replace the warehouse's dim_people with the store's people, then refresh the marts."""
    from pipelines.marts import refresh_marts
    from pipelines.warehouse import write_transaction

    people = all_people(settings)
    with write_transaction(settings) as con:
        con.execute("delete from dim_people")
        insert = load_sql("objectives/insert_dim_people")
        for person in people:
            con.execute(insert, person)
        refresh_marts(con, settings)


def children_map(session: Session) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for person_id, manager_id in session.execute(select(Person.person_id, Person.manager_id)):
        if manager_id is not None:
            children.setdefault(manager_id, []).append(person_id)
    return children


def subtree(person_id: str, settings: Settings) -> list[str]:
    """Everyone under ``person_id`` at any depth (not the person themselves), sorted."""
    with session_scope(settings) as session:
        children = children_map(session)
    return sorted(_descendants(person_id, children))


def _descendants(person_id: str, children: dict[str, list[str]]) -> set[str]:
    found: set[str] = set()
    stack = list(children.get(person_id, ()))
    while stack:
        node = stack.pop()
        if node in found or node == person_id:
            continue
        found.add(node)
        stack.extend(children.get(node, ()))
    return found


def person_role(username: str, settings: Settings) -> str | None:
    """Role of a user name: the store's users table first, then people (by id or e-mail)."""
    from pipelines.store.models import User

    with session_scope(settings) as session:
        user = session.get(User, username)
        if user is not None and user.is_active:
            return user.role
        person = session.get(Person, username)
        if person is None:
            person = session.scalars(select(Person).where(Person.email == username)).first()
        return person.role if person is not None else None
