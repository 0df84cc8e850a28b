"""A believable French organisation for the demo: entities, people, suppliers, two years of buys.

Everything is generated from a seed, so the same call gives the same files. Inclusive suppliers are
real SIAE drawn from the shipped sample of "Le marché de l'inclusion" plus generated EA, ESAT, TIH
and ESS suppliers; a share of them reach the ledger with damaged identifiers (no SIRET, another
establishment, a typo in the name) so that the classification cascade has work to do.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from stdnum import luhn

from pipelines.objectives.definitions import OBJECTIVE_COLUMNS
from pipelines.settings import REFERENCE_DIR

ENTITIES = {
    "ACME-IND": {"name": "ACME Industrie", "departments": ["59", "62", "80"]},
    "ACME-SRV": {"name": "ACME Services", "departments": ["75", "93", "92", "94"]},
    "ACME-LOG": {"name": "ACME Logistique", "departments": ["13", "69", "33"]},
}

# category -> (account, NAF prefixes of suppliers that serve it, share of spend, mean line EUR)
CATEGORIES: dict[str, tuple[str, tuple[str, ...], float, float]] = {
    "Nettoyage": ("6283", ("81",), 0.08, 1400.0),
    "Espaces verts": ("6152", ("813", "01"), 0.04, 1100.0),
    "Restauration": ("6257", ("56",), 0.05, 650.0),
    "Intérim": ("6211", ("78",), 0.12, 2300.0),
    "Déchets et recyclage": ("6288", ("38",), 0.04, 900.0),
    "Transport": ("6241", ("49", "52"), 0.12, 1900.0),
    "Informatique": ("6156", ("62", "58"), 0.14, 2600.0),
    "Fournitures de bureau": ("6064", ("46", "47"), 0.05, 420.0),
    "Conseil": ("6226", ("70", "69"), 0.10, 5200.0),
    "Travaux et maintenance": ("6152", ("43", "33"), 0.10, 3100.0),
    "Impression et conditionnement": ("6236", ("18", "82"), 0.04, 800.0),
    "Énergie": ("6061", ("35",), 0.05, 4200.0),
    "Loyers": ("6132", ("68",), 0.04, 9000.0),
    "Matériel (investissement)": ("2183", ("46", "28"), 0.03, 6500.0),
}

#: Which categories each kind of inclusive supplier serves.
INCLUSIVE_CATEGORIES = {
    "EI": ["Nettoyage", "Espaces verts", "Restauration", "Déchets et recyclage", "Transport"],
    "ACI": ["Espaces verts", "Déchets et recyclage", "Nettoyage", "Travaux et maintenance"],
    "AI": ["Nettoyage", "Espaces verts", "Intérim"],
    "ETTI": ["Intérim"],
    "GEIQ": ["Intérim", "Travaux et maintenance"],
    "EA": ["Informatique", "Impression et conditionnement", "Nettoyage", "Transport"],
    "ESAT": ["Impression et conditionnement", "Espaces verts", "Restauration", "Nettoyage"],
    "TIH": ["Conseil", "Informatique"],
    "ESS": ["Restauration", "Conseil", "Fournitures de bureau"],
}

SURNAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "Andre",
    "Lefevre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "Francois",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clement",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
]
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Claire",
    "Anne",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Hugo",
    "Lucas",
    "Thomas",
    "Nicolas",
    "Julien",
    "Antoine",
    "Pierre",
    "Louis",
    "Paul",
    "Marc",
    "Olivier",
    "Laurent",
    "Éric",
    "Karim",
    "Yasmine",
    "Malik",
]
TRADE_WORDS = {
    "Nettoyage": ["Propreté", "Nettoyage", "Services Net", "Clean"],
    "Espaces verts": ["Paysages", "Jardins", "Espaces Verts"],
    "Restauration": ["Traiteur", "Restauration", "Saveurs"],
    "Intérim": ["Intérim", "Emploi", "Travail Temporaire"],
    "Déchets et recyclage": ["Recyclage", "Environnement", "Collecte"],
    "Transport": ["Transports", "Logistique", "Express"],
    "Informatique": ["Informatique", "Digital", "Systèmes", "Data"],
    "Fournitures de bureau": ["Bureautique", "Fournitures", "Papeterie"],
    "Conseil": ["Conseil", "Partners", "Stratégie"],
    "Travaux et maintenance": ["Bâtiment", "Maintenance", "Travaux"],
    "Impression et conditionnement": ["Imprimerie", "Packaging", "Routage"],
    "Énergie": ["Énergie", "Électricité", "Gaz"],
    "Loyers": ["Immobilier", "Foncière", "Patrimoine"],
    "Matériel (investissement)": ["Équipements", "Machines", "Matériel"],
}
LEGAL_FORMS = ["SARL", "SAS", "SA", "EURL", "SASU"]
INCLUSIVE_KINDS = ("EI", "ACI", "AI", "ETTI", "GEIQ", "EA", "ESAT", "TIH")


@dataclass
class DemoFiles:
    folder: Path
    ledgers: list[Path] = field(default_factory=list)
    reference_csv: Path | None = None
    people: Path | None = None
    objectives: Path | None = None
    exclusions: list[tuple[str, str, str]] = field(default_factory=list)
    start: dt.date = dt.date(2025, 1, 1)
    end: dt.date = dt.date(2026, 11, 20)


def luhn_number(rng: np.random.Generator, prefix: str, length: int) -> str:
    body = prefix + "".join(str(d) for d in rng.integers(0, 10, length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def new_siret(rng: np.random.Generator, siren: str | None = None) -> str:
    siren = siren or luhn_number(rng, str(rng.integers(3, 9)), 9)
    return luhn_number(rng, siren + "0", 14)


def _postcode(rng: np.random.Generator, department: str) -> str:
    return department + f"{int(rng.integers(0, 10)) * 100 + int(rng.integers(0, 10)) * 10:03d}"


def _category_of_naf(naf: str) -> str | None:
    best: tuple[int, str] | None = None
    for category, (_, prefixes, _, _) in CATEGORIES.items():
        for prefix in prefixes:
            if naf.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), category)
    return best[1] if best else None


def _damage_name(rng: np.random.Generator, name: str) -> str:
    """A one-letter typo, a dropped legal form or lower case: what buyers type in an ERP."""
    choice = int(rng.integers(0, 3))
    if choice == 0 and len(name) > 6:
        i = int(rng.integers(1, len(name) - 1))
        return name[:i] + name[i + 1 :]
    if choice == 1:
        return name.title()
    return name + " SARL"


def build_people(rng: np.random.Generator) -> pd.DataFrame:
    rows = []

    def person(pid: str, role: str, manager: str | None, entity: str | None) -> None:
        first = FIRST_NAMES[int(rng.integers(0, len(FIRST_NAMES)))]
        last = SURNAMES[int(rng.integers(0, len(SURNAMES)))]
        rows.append(
            {
                "person_id": pid,
                "name": f"{first} {last}",
                "email": f"{pid.lower()}@acme.example",
                "manager_id": manager or "",
                "entity": entity or "",
                "role": role,
            }
        )

    person("DG01", "executive", None, None)
    person("DAF01", "executive", "DG01", None)
    person("ADM01", "admin", "DAF01", None)
    person("ANA01", "analyst", "DAF01", None)
    person("ANA02", "analyst", "DAF01", None)
    buyer_no = 1
    for e_no, entity in enumerate(ENTITIES, start=1):
        director = f"DIR{e_no:02d}"
        person(director, "manager", "DAF01", entity)
        for team in range(2):
            lead = f"RESP{e_no}{team + 1}"
            person(lead, "manager", director, entity)
            for _ in range(5):
                person(f"ACH{buyer_no:03d}", "buyer", lead, entity)
                buyer_no += 1
    return pd.DataFrame(rows)


def _assign_portfolios(rng: np.random.Generator, people: pd.DataFrame) -> dict[str, list[str]]:
    cats = list(CATEGORIES)
    portfolios: dict[str, list[str]] = {}
    for entity in ENTITIES:
        buyers = people[(people.role == "buyer") & (people.entity == entity)].person_id.tolist()
        order = list(rng.permutation(cats))
        for i, category in enumerate(order):
            portfolios.setdefault(buyers[i % len(buyers)], []).append(category)
    return portfolios


def build_suppliers(
    rng: np.random.Generator, n_suppliers: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(suppliers as they appear in the ledger, reference records for generated kinds)."""
    sample = pd.read_csv(REFERENCE_DIR / "lemarche_siae_sample.csv", dtype=str).fillna("")
    departments = [d for spec in ENTITIES.values() for d in spec["departments"]]
    sample = sample[sample.department.isin(departments) & (sample.siret.str.len() == 14)]
    sample = sample.assign(category=sample.naf.map(_category_of_naf))
    rows: list[dict] = []
    reference: list[dict] = []
    siae = sample.sample(n=min(110, len(sample)), random_state=int(rng.integers(0, 2**31)))
    for rec in siae.itertuples():
        cats = INCLUSIVE_CATEGORIES.get(str(rec.kind), ["Nettoyage"])
        category = rec.category if rec.category in cats else cats[int(rng.integers(0, len(cats)))]
        rows.append(
            {
                "name": rec.name,
                "siret": rec.siret,
                "post_code": rec.post_code,
                "category": category,
                "naf": rec.naf,
                "kind": rec.kind,
            }
        )
    generated_kinds = ["EA"] * 30 + ["ESAT"] * 18 + ["TIH"] * 10 + ["ESS"] * 25
    for kind in generated_kinds:
        dep = departments[int(rng.integers(0, len(departments)))]
        cats = INCLUSIVE_CATEGORIES[kind]
        category = cats[int(rng.integers(0, len(cats)))]
        last = SURNAMES[int(rng.integers(0, len(SURNAMES)))]
        word = TRADE_WORDS[category][int(rng.integers(0, len(TRADE_WORDS[category])))]
        name = {
            "EA": f"{word} Adapté {last}",
            "ESAT": f"ESAT {last} {word}",
            "TIH": f"{FIRST_NAMES[int(rng.integers(0, len(FIRST_NAMES)))]} {last} {word}",
            "ESS": f"Coopérative {word} {last}",
        }[kind].upper()
        siret = new_siret(rng)
        pc = _postcode(rng, dep)
        rows.append(
            {
                "name": name,
                "siret": siret,
                "post_code": pc,
                "category": category,
                "naf": "",
                "kind": kind,
            }
        )
        valid_from = dt.date(2019, 1, 1) + dt.timedelta(days=int(rng.integers(0, 1500)))
        valid_to = ""
        if rng.random() < 0.08:  # a convention that ended during the demo period
            valid_to = (dt.date(2025, 6, 30)).isoformat()
        reference.append(
            {
                "siret": "" if kind == "ESS" else siret,
                "siren": siret[:9] if kind == "ESS" else "",
                "name": name,
                "kind": kind,
                "post_code": pc,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to,
                "source": "demo-" + kind.lower(),
            }
        )
    n_ordinary = max(n_suppliers - len(rows), 100)
    categories = list(CATEGORIES)
    weights = np.array([CATEGORIES[c][2] for c in categories])
    chosen = rng.choice(len(categories), size=n_ordinary, p=weights / weights.sum())
    for idx in chosen:
        category = categories[int(idx)]
        dep = departments[int(rng.integers(0, len(departments)))]
        word = TRADE_WORDS[category][int(rng.integers(0, len(TRADE_WORDS[category])))]
        last = SURNAMES[int(rng.integers(0, len(SURNAMES)))]
        form = LEGAL_FORMS[int(rng.integers(0, len(LEGAL_FORMS)))]
        rows.append(
            {
                "name": f"{word} {last} {form}".upper(),
                "siret": new_siret(rng),
                "post_code": _postcode(rng, dep),
                "category": category,
                "naf": "",
                "kind": "",
            }
        )
    suppliers = pd.DataFrame(rows)
    suppliers["supplier_code"] = [f"F{i + 1:05d}" for i in range(len(suppliers))]
    # Popularity: a few large ordinary suppliers, inclusive ones smaller.
    popularity = np.minimum(rng.pareto(1.3, len(suppliers)) + 0.2, 15)
    inclusive = (suppliers.kind != "").to_numpy()
    popularity[inclusive] = np.minimum(popularity[inclusive], 4) * 1.5
    suppliers["weight"] = popularity
    # Damage some inclusive suppliers' identifiers as they appear in the ledger.
    ledger_name = suppliers.name.copy()
    ledger_siret = suppliers.siret.copy()
    for i in suppliers.index[suppliers.kind.isin(["EI", "ACI", "AI", "ETTI", "EA", "ESAT"])]:
        draw = rng.random()
        if draw < 0.10:  # no SIRET in the ERP and a typo in the name: name rule
            ledger_siret[i] = ""
            ledger_name[i] = _damage_name(rng, suppliers.name[i])
        elif draw < 0.18:  # another establishment of the same legal unit: SIREN rule
            ledger_siret[i] = new_siret(rng, suppliers.siret[i][:9])
        elif draw < 0.22 and suppliers.siret[i].startswith("0") is False:
            ledger_siret[i] = suppliers.siret[i][:3] + " " + suppliers.siret[i][3:]
    suppliers["ledger_name"] = ledger_name
    suppliers["ledger_siret"] = ledger_siret
    return suppliers, pd.DataFrame(reference)


def build_ledger(
    rng: np.random.Generator,
    suppliers: pd.DataFrame,
    people: pd.DataFrame,
    portfolios: dict[str, list[str]],
    n_lines: int,
    start: dt.date,
    end: dt.date,
) -> pd.DataFrame:
    buyers = people[people.role == "buyer"].set_index("person_id").entity.to_dict()
    by_category: dict[str, list[str]] = {}
    for buyer, cats in portfolios.items():
        for category in cats:
            by_category.setdefault(category, []).append(buyer)
    n_invoices = max(int(n_lines / 2.4), 1)
    categories = list(CATEGORIES)
    shares = np.array([CATEGORIES[c][2] for c in categories])
    inv_cat = rng.choice(len(categories), size=n_invoices, p=shares / shares.sum())
    days = (end - start).days + 1
    # Invoice dates spread over the period, with a French summer dip (see below).
    day_offsets = rng.integers(0, days, size=n_invoices)
    inv_dates = pd.to_datetime(start) + pd.to_timedelta(day_offsets, unit="D")
    # French summer: about half of August's invoices move to other months.
    august = np.asarray(inv_dates.month == 8) & (rng.random(n_invoices) < 0.5)
    day_offsets[august] = rng.integers(0, days, size=int(august.sum()))
    inv_dates = pd.to_datetime(start) + pd.to_timedelta(day_offsets, unit="D")
    # Year two buys a little more from inclusive suppliers: the objectives start to bite.
    year_two = np.asarray(inv_dates.year > start.year)
    frames = []
    for c_idx, category in enumerate(categories):
        mask = inv_cat == c_idx
        count = int(mask.sum())
        if count == 0:
            continue
        pool = suppliers[suppliers.category == category]
        weights = pool.weight.to_numpy().copy()
        boost = np.where(pool.kind.to_numpy() != "", 1.0, 0.0)
        w1 = weights / weights.sum()
        w2 = weights * (1 + 0.35 * boost)
        w2 = w2 / w2.sum()
        idx_year1 = rng.choice(len(pool), size=count, p=w1)
        idx_year2 = rng.choice(len(pool), size=count, p=w2)
        pick = np.where(year_two[mask], idx_year2, idx_year1)
        chosen = pool.iloc[pick]
        cat_buyers = by_category[category]
        buyer_pick = [cat_buyers[int(i)] for i in rng.integers(0, len(cat_buyers), size=count)]
        frames.append(
            pd.DataFrame(
                {
                    "invoice_date": inv_dates[mask],
                    "category": category,
                    "buyer": buyer_pick,
                    "supplier_code": chosen.supplier_code.to_numpy(),
                    "supplier_name": chosen.ledger_name.to_numpy(),
                    "siret": chosen.ledger_siret.to_numpy(),
                    "post_code": chosen.post_code.to_numpy(),
                    "is_inclusive": chosen.kind.to_numpy() != "",
                }
            )
        )
    invoices = pd.concat(frames, ignore_index=True)
    invoices["entity"] = invoices.buyer.map(buyers)
    invoices = invoices.sort_values("invoice_date", kind="stable").reset_index(drop=True)
    invoices["invoice_id"] = [
        f"FA{d:%y%m}-{i + 1:07d}" for i, d in enumerate(invoices.invoice_date)
    ]
    n_per = rng.integers(1, 5, size=len(invoices))
    scale = n_lines / n_per.sum()
    n_per = np.maximum(1, np.round(n_per * scale).astype(int))
    lines = invoices.loc[invoices.index.repeat(n_per)].reset_index(drop=True)
    lines["line_no"] = lines.groupby("invoice_id").cumcount() + 1
    mean = lines.category.map(lambda c: CATEGORIES[c][3]).to_numpy()
    mean = np.where(lines.is_inclusive.to_numpy(), mean * 0.55, mean)
    amounts = rng.lognormal(mean=np.log(mean) - 0.5, sigma=1.0)
    credit = rng.random(len(lines)) < 0.012
    amounts = np.where(credit, -amounts * 0.5, amounts)
    lines["amount_eur"] = np.round(amounts, 2)
    lines["account"] = lines.category.map(lambda c: CATEGORIES[c][0])
    return lines


def build_objectives(
    rng: np.random.Generator, people: pd.DataFrame, baseline: dict[str, float], years: list[int]
) -> pd.DataFrame:
    """Targets set from the first year's actuals (``baseline``): around them for the first year,
    above them for the second, so that some objectives pay, some fall short, some are at risk."""
    rows = []

    def add(
        year: int,
        objective_id: str,
        owner: str,
        scope_type: str,
        scope_value: str,
        metric: str,
        target: float,
        weight: float,
        pay: int,
        curve: str = "",
    ) -> None:
        rows.append(
            {
                "objective_id": objective_id,
                "owner": owner,
                "scope_type": scope_type,
                "scope_value": scope_value,
                "period_start": f"{year}-01-01",
                "period_end": f"{year}-12-31",
                "metric": metric,
                "target": target,
                "weight": weight,
                "variable_pay_eur": pay,
                "curve": curve,
            }
        )

    for i, year in enumerate(years):
        low, high = (0.85, 1.2) if i == 0 else (1.0, 1.25)

        def target(key: str, floor: int = 5000) -> int:
            factor = rng.uniform(low, high)  # noqa: B023 - read at call time on purpose
            return max(int(round(baseline.get(key, 0.0) * factor, -3)), floor)

        add(
            year,
            f"GRP-{year}-PART",
            "DG01",
            "all",
            "",
            "inclusive_share",
            round(baseline["share"] * rng.uniform(low, high), 3),
            0.15,
            60000,
        )
        add(
            year,
            f"GRP-{year}-HANDI",
            "DAF01",
            "all",
            "",
            "handicap_spend_eur",
            target("handicap_all"),
            0.10,
            40000,
        )
        for e_no, entity in enumerate(ENTITIES, start=1):
            add(
                year,
                f"{entity}-{year}",
                f"DIR{e_no:02d}",
                "entity",
                entity,
                "inclusive_spend_eur",
                target(entity),
                0.15,
                25000,
            )
        for lead in people[people.person_id.str.startswith("RESP")].person_id:
            add(
                year,
                f"{lead}-{year}",
                lead,
                "manager",
                lead,
                "inclusive_spend_eur",
                target(lead),
                0.10,
                12000,
            )
        for buyer in people[people.role == "buyer"].person_id:
            add(
                year,
                f"{buyer}-{year}",
                buyer,
                "buyer",
                buyer,
                "inclusive_spend_eur",
                target(buyer),
                0.10,
                6000,
                "step 0.9:0.5 1.0:1.0 1.1:1.2",
            )
    return pd.DataFrame(rows)[list(OBJECTIVE_COLUMNS)]


def baseline_stats(
    ledger: pd.DataFrame,
    suppliers: pd.DataFrame,
    people: pd.DataFrame,
    year: int,
    excluded_categories: set[str],
) -> dict[str, float]:
    """Inclusive spend (insertion + handicap, clean identifiers) of ``year`` per scope."""
    kinds = suppliers.set_index("supplier_code").kind
    clean = suppliers.set_index("supplier_code").eval("ledger_siret == siret")
    lines = ledger[
        (ledger.invoice_date.dt.year == year) & ~ledger.category.isin(excluded_categories)
    ]
    kind = lines.supplier_code.map(kinds)
    counted = lines[kind.isin(list(INCLUSIVE_KINDS)) & lines.supplier_code.map(clean)]
    stats: dict[str, float] = {}
    stats.update(counted.groupby("entity").amount_eur.sum().to_dict())
    by_buyer = counted.groupby("buyer").amount_eur.sum()
    stats.update(by_buyer.to_dict())
    managers = people.set_index("person_id").manager_id.to_dict()
    for buyer, amount in by_buyer.items():
        lead = managers.get(str(buyer))
        if lead:
            stats[lead] = stats.get(lead, 0.0) + float(amount)
    handicap = counted[counted.supplier_code.map(kinds).isin(["EA", "EATT", "ESAT", "TIH"])]
    stats["handicap_all"] = float(handicap.amount_eur.sum())
    stats["share"] = float(counted.amount_eur.sum() / max(lines.amount_eur.sum(), 1.0))
    return stats


def _fr_amount(series: pd.Series) -> pd.Series:
    return series.map(lambda v: f"{v:,.2f}".replace(",", "\u00a0").replace(".", ","))


def generate(
    folder: Path, *, lines: int = 200_000, suppliers: int = 3_000, seed: int = 42
) -> DemoFiles:
    """Write the demo files into ``folder`` and return their paths."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(folder=folder)
    people = build_people(rng)
    portfolios = _assign_portfolios(rng, people)
    supplier_frame, reference = build_suppliers(rng, suppliers)
    ledger = build_ledger(rng, supplier_frame, people, portfolios, lines, files.start, files.end)

    for entity, part in ledger.groupby("entity", sort=True):
        out = pd.DataFrame(
            {
                "Société": part.entity,
                "N° de facture": part.invoice_id,
                "N° de ligne": part.line_no,
                "Date de facture": part.invoice_date.dt.strftime("%d/%m/%Y"),
                "Code fournisseur": part.supplier_code,
                "Raison sociale fournisseur": part.supplier_name,
                "SIRET fournisseur": part.siret,
                "CP fournisseur": part.post_code,
                "Acheteur": part.buyer,
                "Compte général": part.account,
                "Catégorie d'achat": part.category,
                "Montant HT (EUR)": _fr_amount(part.amount_eur),
                "Devise": "EUR",
            }
        )
        path = folder / f"grand_livre_achats_{str(entity).lower()}.csv"
        # One entity exports from an old Windows ERP: cp1252, like many French exports.
        encoding = "cp1252" if entity == "ACME-LOG" else "utf-8"
        out.to_csv(path, sep=";", index=False, encoding=encoding, quoting=csv.QUOTE_MINIMAL)
        files.ledgers.append(path)

    files.reference_csv = folder / "annuaire_handicap_ess.csv"
    reference.to_csv(files.reference_csv, sep=";", index=False)
    files.people = folder / "personnes.csv"
    people.to_csv(files.people, index=False)

    excluded = {"Loyers", "Énergie"}
    baseline = baseline_stats(ledger, supplier_frame, people, files.start.year, excluded)
    files.objectives = folder / "objectifs.csv"
    years = [files.start.year, files.end.year]
    build_objectives(rng, people, baseline, years).to_csv(files.objectives, index=False)
    files.exclusions = [
        ("category", "Loyers", "Loyers : non adressable"),
        ("category", "Énergie", "Énergie : marchés régulés"),
        ("account_prefix", "635", "Impôts et taxes"),
    ]
    return files
