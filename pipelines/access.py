"""What a signed-in user may see (DOMAIN.md §9), as a :class:`~pipelines.scope.Scope`.

executive, analyst, admin: everything. manager: the buyers of their subtree (themselves and
everyone below them through ``Person.manager_id``). buyer: themselves only. A user with no
linked person, or an unknown role, sees nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import Person, User

SEE_ALL_ROLES = frozenset({"executive", "analyst", "admin"})
NOTHING = Scope(buyers=(), entities=())
#: Roles that may see individual pay: an owner (buyer or manager) their own and their subtree's,
#: executives and admins everyone's. Analysts and facilitators see attainment, never pay (§9).
PAY_ROLES = frozenset({"executive", "admin", "manager", "buyer"})
#: Fields (of objective results, specs, what-if levels, restatements, review effects) that
#: carry an individual's pay: variable pay at 100 %, payout rate, payouts (closed, current,
#: estimated, with probable spend, after a review decision).
PAY_FIELDS = frozenset(
    {
        "variable_pay_eur",
        "payout_rate",
        "payout_eur",
        "probable_payout_eur",
        "new_payout_eur",
        "closed_payout_eur",
        "current_payout_eur",
        "payout_difference_eur",
        "payout_gain_eur",
    }
)

T = TypeVar("T")


@dataclass(frozen=True)
class Access:
    """A signed-in user's identity and what they may read."""

    username: str
    role: str
    person_id: str | None
    scope: Scope
    #: Owners whose objectives (and pay) the user may see; None = every owner.
    objective_owners: tuple[str, ...] | None

    @property
    def sees_everything(self) -> bool:
        return self.scope.buyers is None and self.scope.entities is None

    def may_see_owner(self, owner: str | None) -> bool:
        return self.objective_owners is None or owner in self.objective_owners

    def may_see_pay(self, owner: str | None) -> bool:
        return may_see_pay(self, owner)


def may_see_pay(access: Access, owner: str | None) -> bool:
    """The one rule of DOMAIN.md §9 on pay: ``owner``'s pay is visible to the owner, the owner's
    managers (a manager's visible owners are their subtree), executives and admins; never to
    analysts, facilitators or anyone who may not see the owner's objectives."""
    return access.role in PAY_ROLES and access.may_see_owner(owner)


def without_pay(value: T) -> T:
    """``value`` with every pay field (:data:`PAY_FIELDS`) set to None, through nested
    dataclasses, dicts, lists and tuples. Only attainment-side figures remain."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            current = getattr(value, f.name)
            if f.name in PAY_FIELDS:
                changes[f.name] = None
            else:
                stripped = without_pay(current)
                if stripped is not current:
                    changes[f.name] = stripped
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, Mapping):
        return {  # type: ignore[return-value]
            k: None if k in PAY_FIELDS else without_pay(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [without_pay(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(without_pay(v) for v in value)  # type: ignore[return-value]
    return value


def pay_for(access: Access, owner: str | None, value: T) -> T:
    """``value`` (an objective row of ``owner``) as ``access`` may read it: whole, or without
    its pay fields."""
    return value if may_see_pay(access, owner) else without_pay(value)


def subtree_of(person_id: str, managers: Mapping[str, str | None]) -> tuple[str, ...]:
    """``person_id`` and everyone who reports to them, directly or not (cycle-safe), sorted."""
    children: dict[str, list[str]] = {}
    for person, manager in managers.items():
        if manager is not None:
            children.setdefault(manager, []).append(person)
    seen = {person_id}
    todo = [person_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return tuple(sorted(seen))


def scope_for_role(
    role: str, person_id: str | None, managers: Mapping[str, str | None]
) -> tuple[Scope, tuple[str, ...] | None]:
    """Pure rule: (line scope, visible objective owners) for a role and person."""
    if role in SEE_ALL_ROLES:
        return Scope.everything(), None
    if person_id is None:
        return NOTHING, ()
    if role == "manager":
        people = subtree_of(person_id, managers)
        return Scope(buyers=people), people
    if role == "buyer":
        return Scope(buyers=(person_id,)), (person_id,)
    return NOTHING, ()


def load_managers(settings: Settings) -> dict[str, str | None]:
    with session_scope(settings) as session:
        rows = session.execute(select(Person.person_id, Person.manager_id)).all()
    return {person: manager for person, manager in rows}


def access_for(username: str, role: str, person_id: str | None, settings: Settings) -> Access:
    managers = load_managers(settings) if role not in SEE_ALL_ROLES and person_id else {}
    scope, owners = scope_for_role(role, person_id, managers)
    return Access(username, role, person_id, scope, owners)


def access_of_user(username: str, settings: Settings) -> Access | None:
    """The access of ``username`` as the store says now; None when the user is missing or
    disabled. Read at every dashboard interaction, so a disabled user or a changed role or
    org chart takes effect at the next click."""
    with session_scope(settings) as session:
        user = session.get(User, username)
        if user is None or not user.is_active:
            return None
        role, person_id = user.role, user.person_id
        managers: dict[str, str | None] = {}
        if role == "manager" and person_id:
            rows = session.execute(select(Person.person_id, Person.manager_id)).all()
            managers = {person: manager for person, manager in rows}
    scope, owners = scope_for_role(role, person_id, managers)
    return Access(username, role, person_id, scope, owners)


def intersect(
    scope: Scope, *, buyers: Iterable[str] | None = None, entities: Iterable[str] | None = None
) -> Scope:
    """Narrow ``scope`` by user-chosen filters; never widens it."""

    def meet(
        allowed: tuple[str, ...] | None, chosen: Iterable[str] | None
    ) -> tuple[str, ...] | None:
        if chosen is None:
            return allowed
        chosen = tuple(chosen)
        if allowed is None:
            return tuple(sorted(set(chosen)))
        return tuple(sorted(set(allowed) & set(chosen)))

    return Scope(buyers=meet(scope.buyers, buyers), entities=meet(scope.entities, entities))
