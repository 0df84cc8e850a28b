"""Which pages each role sees (DOMAIN.md §9). Pure: no Streamlit import."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    page_id: str
    path: str  # relative to dashboard/
    title_key: str  # i18n key
    icon: str
    roles: frozenset[str]


ALL_ROLES = frozenset({"executive", "manager", "buyer", "analyst", "facilitator", "admin"})

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "pages/overview.py",
        "page.overview",
        ":material/dashboard:",
        frozenset({"executive", "manager", "analyst", "admin"}),
    ),
    PageSpec(
        "my_objectives",
        "pages/my_objectives.py",
        "page.my_objectives",
        ":material/flag:",
        frozenset({"buyer", "manager", "executive", "admin"}),
    ),
    PageSpec(
        "explorer",
        "pages/explorer.py",
        "page.explorer",
        ":material/table_chart:",
        frozenset({"analyst", "admin", "executive"}),
    ),
    PageSpec(
        "suppliers",
        "pages/suppliers.py",
        "page.suppliers",
        ":material/fact_check:",
        frozenset({"analyst", "admin"}),
    ),
    PageSpec(
        "loads",
        "pages/loads.py",
        "page.loads",
        ":material/upload_file:",
        frozenset({"analyst", "admin"}),
    ),
    PageSpec(
        "clauses",
        "pages/clauses.py",
        "clauses.page.title",
        ":material/handshake:",
        frozenset({"facilitator", "admin", "executive", "manager", "buyer"}),
    ),
    PageSpec(
        "controls",
        "pages/controls.py",
        "controls.title",
        ":material/policy:",
        frozenset({"admin", "executive"}),
    ),
    PageSpec(
        "objectives_admin",
        "pages/objectives_admin.py",
        "page.objectives_admin",
        ":material/tune:",
        frozenset({"admin"}),
    ),
)

PAGES_BY_ID = {p.page_id: p for p in PAGES}


def pages_for(role: str) -> list[PageSpec]:
    """The pages a role may open, in menu order (the first one is the landing page)."""
    return [p for p in PAGES if role in p.roles]


def may_open(role: str, page_id: str) -> bool:
    spec = PAGES_BY_ID.get(page_id)
    return spec is not None and role in spec.roles
