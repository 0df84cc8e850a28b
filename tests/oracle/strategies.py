"""Hypothesis strategies: random small organisations for the differential tests.

Names are drawn from a list of clearly different names; a supplier's written name is a variant
(case, accents, a legal-form word) equal to its directory name after normalisation, so that name
matching is "equal or clearly different" and the oracle need not reimplement fuzzy scores.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from tests.oracle.oracle import (
    FAMILY,
    Line,
    Objective,
    Org,
    Override,
    Person,
    Rec,
    norm_name,
    supplier_key,
)

NAMES = [
    "Atelier du Lac",
    "Jardins d'Émile",
    "Blanchisserie Horizon",
    "Menuiserie Quatre Vents",
    "Traiteur Solidaire Rivoli",
    "Imprimerie Tremplin",
    "Recyclerie Bouclier",
    "Nettoyage Arc-en-Ciel",
]
POST_CODES = ["75011", "69003", "13001"]
ACCOUNTS = ["6061", "6110", "6132", "6226", "2154"]
CATEGORIES = ["Entretien", "Loyers", "Fournitures", "Énergie"]
#: the NAF codes a category's lines carry (written either way: 8121Z or 81.21Z), or none
CATEGORY_NAF = {
    "Entretien": ["8121Z", "81.29A", ""],
    "Loyers": ["6820B", ""],
    "Fournitures": ["4762Z", "47.62Z", ""],
    "Énergie": ["3514Z", ""],
}
RECORD_NAF = ["", "8121Z", "8129B", "47.62Z", "3514Z", "1013A"]
#: inclusive structures of the directory that sell to nobody yet (what suggestions propose)
DIRECTORY_ONLY = ["Esat Les Tilleuls", "Entreprise Adaptée Cap Vert", "Regie Quartier Nord"]
KINDS = sorted(FAMILY)
ENTITIES = ["E1", "E2"]
BUYERS = ["B1", "B2", "B3", "B4"]
YEAR_START = dt.date(2025, 1, 1)
YEAR_DAYS = 730  # 2025 and 2026


def luhn_complete(body: str) -> str:
    """``body`` followed by the digit that makes it pass the Luhn check."""
    for d in "0123456789":
        n = body + d
        total = 0
        for i, c in enumerate(reversed(n)):
            v = int(c) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return n
    raise AssertionError


def siren_for(i: int) -> str:
    return luhn_complete(f"{81234567 + 1111 * i:08d}")


def siret_for(siren: str, nic: int) -> str:
    return luhn_complete(f"{siren}{nic:04d}")


def variant(name: str, how: int) -> str:
    """The same name as a user might type it (equal after normalisation)."""
    if how == 1:
        return name.upper()
    if how == 2:
        return name.lower() + " SARL"
    if how == 3:
        return "Association " + name.replace("É", "E").replace("é", "e")
    return name


def spaced(siret: str) -> str:
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


dates = st.integers(0, YEAR_DAYS - 1).map(lambda d: YEAR_START + dt.timedelta(days=d))


@st.composite
def orgs(draw: st.DrawFn) -> Org:
    managers = {"M1": "CEO", "M2": "CEO", "M3": "M1"}
    people = [Person("CEO", "", "E1", "executive")]
    people += [Person(m, boss, "E1", "manager") for m, boss in managers.items()]
    people += [
        Person(b, draw(st.sampled_from(sorted(managers))), draw(st.sampled_from(ENTITIES)), "buyer")
        for b in BUYERS
    ]

    # suppliers: (name, siret as the ledger writes it, post code, true siret)
    n_suppliers = draw(st.integers(1, 6))
    suppliers = []
    for i in range(n_suppliers):
        siren = siren_for(i)
        true_siret = siret_for(siren, 12)
        mode = draw(st.sampled_from(["clean", "spaced", "other_estab", "missing", "pseudo"]))
        written = {
            "clean": true_siret,
            "spaced": spaced(true_siret),
            "other_estab": siret_for(siren, 27),
            "missing": "",
            "pseudo": siren + "99901",
        }[mode]
        name = NAMES[i]
        pc = draw(st.sampled_from(POST_CODES))
        suppliers.append((name, written, pc, true_siret, draw(st.integers(0, 3))))

    records: list[Rec] = []
    for name, _written, pc, true_siret, _ in suppliers:
        for _ in range(draw(st.integers(0, 2))):
            how = draw(st.sampled_from(["siret", "siren", "other_siret", "name", "name_elsewhere"]))
            kind = draw(st.sampled_from(KINDS))
            start = draw(st.none() | dates)
            end = draw(st.none() | dates)
            if start and end and end < start:
                start, end = end, start
            siret, siren, rec_pc = "", "", pc
            if how == "siret":
                siret = true_siret
            elif how == "siren":
                siren = true_siret[:9]
            elif how == "other_siret":
                siret = siret_for(true_siret[:9], 45)
            elif how == "name_elsewhere":
                rec_pc = next(p for p in POST_CODES if p != pc)
            rec_name = (
                "Maison Zephyr"
                if how == "as_written" and draw(st.booleans())
                else variant(name, draw(st.integers(0, 3)))
            )
            same = (siret, siren, norm_name(rec_name), kind, rec_pc)
            if any(
                (r.siret, r.siren, norm_name(r.name), r.kind, r.post_code) == same for r in records
            ):
                continue  # the loader keeps one record per identity (main, December 2026)
            records.append(
                Rec(
                    len(records),
                    siret,
                    siren,
                    rec_name,
                    kind,
                    rec_pc,
                    start,
                    end,
                    draw(st.sampled_from(RECORD_NAF)),
                )
            )

    # structures of the directory no supplier of the ledger matches (other names and SIRENs)
    for j, name in enumerate(DIRECTORY_ONLY[: draw(st.integers(0, 3))]):
        records.append(
            Rec(
                len(records),
                siret_for(siren_for(50 + j), 12),
                "",
                name,
                draw(st.sampled_from(KINDS)),
                draw(st.sampled_from(POST_CODES)),
                draw(st.none() | dates),
                draw(st.none() | st.none() | dates),
                draw(st.sampled_from(RECORD_NAF[1:])),
            )
        )

    lines = []
    for i in range(draw(st.integers(1, 25))):
        s = draw(st.integers(0, n_suppliers - 1))
        name, written, pc, _, how = suppliers[s]
        cents = draw(st.integers(-50_000, 500_000))
        category = draw(st.sampled_from(CATEGORIES))
        lines.append(
            Line(
                entity=draw(st.sampled_from(ENTITIES)),
                invoice_id=f"F{i:03d}",
                line_no=1,
                day=draw(dates),
                supplier_name=variant(name, how),
                siret=written,
                post_code=pc,
                buyer=draw(st.sampled_from([*BUYERS, "B9", "CEO"])),
                account=draw(st.sampled_from(ACCOUNTS)),
                category=category,
                amount=Decimal(cents) / 100,
                naf=draw(st.sampled_from(CATEGORY_NAF[category])),
            )
        )
    keys = sorted({supplier_key(line) for line in lines})

    def decisions() -> list[Override]:
        out: list[Override] = []
        for key in draw(st.lists(st.sampled_from(keys), max_size=2, unique=True)):
            decision = draw(st.sampled_from(["reject", "set", "confirm"]))
            if decision == "set":
                out.append(Override(key, "set", kind=draw(st.sampled_from(KINDS))))
            elif decision == "reject":
                out.append(Override(key, "reject"))
            else:
                refs = [None, *range(len(records))]
                out.append(Override(key, "confirm", ref=draw(st.sampled_from(refs))))
        return out

    def exclusion_list(max_size: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        kinds = ["account_prefix", "supplier", "category"]
        for kind in draw(st.lists(st.sampled_from(kinds), max_size=max_size, unique=True)):
            if kind == "account_prefix":
                out.append((kind, draw(st.sampled_from(["613", "2", "6226"]))))
            elif kind == "supplier":
                out.append((kind, draw(st.sampled_from(keys))))
            else:
                category = draw(st.sampled_from(CATEGORIES))
                written = draw(st.sampled_from([category, category.upper(), category.lower()]))
                out.append((kind, written))
        return out

    exclusions = exclusion_list(3)
    overrides = decisions()

    objectives = []
    for j in range(draw(st.integers(0, 4))):
        scope = draw(st.sampled_from(["all", "entity", "buyer", "manager"]))
        owner, value = {
            "all": ("CEO", ""),
            "entity": ("CEO", draw(st.sampled_from(ENTITIES))),
            "buyer": (draw(st.sampled_from(BUYERS)), ""),
            "manager": (draw(st.sampled_from(sorted(managers))), ""),
        }[scope]
        metric = draw(
            st.sampled_from(
                [
                    "inclusive_spend_eur",
                    "inclusive_share",
                    "insertion_spend_eur",
                    "handicap_spend_eur",
                    "ess_spend_eur",
                    "inclusive_suppliers",
                    "new_inclusive_suppliers",
                    "spend_eur",
                    "addressable_spend_eur",
                ]
            )
        )
        if metric == "inclusive_share":
            target = Decimal(draw(st.integers(1, 60))) / 100
        elif metric.endswith("suppliers"):
            target = Decimal(draw(st.integers(1, 3)))
        else:
            target = Decimal(draw(st.integers(100, 20_000)))
        year = draw(st.sampled_from([2025, 2026]))
        objectives.append(
            Objective(
                objective_id=f"OBJ{j}",
                owner=owner,
                scope_type=scope,
                scope_value=value,
                start=dt.date(year, 1, 1),
                end=dt.date(year, 12, 31),
                metric=metric,
                target=target,
                weight=Decimal(draw(st.sampled_from(["0.1", "0.15", "0.5", "1"]))),
                pay=Decimal(draw(st.sampled_from(["5000", "12345.67", "20000"]))),
                curve=draw(
                    st.sampled_from(["", "step 0.9:0.5 1.0:1.0 1.1:1.2", "0.5:0.2 1.0:1.0 1.5:2.0"])
                ),
            )
        )
    close = draw(st.booleans())
    return Org(
        lines,
        records,
        overrides,
        exclusions,
        people,
        objectives,
        close_2025=close,
        later_overrides=decisions() if close else [],
        later_exclusions=exclusion_list(1) if close else [],
    )
