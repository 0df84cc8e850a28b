"""Dated parameters (SMIC, OETH multipliers, labour shares, hourly cost): data, not constants.

The shipped table is ``pipelines/reports/parameters/parameters.yaml``; ``ASR_REPORT_PARAMETERS``
points to another file with the same layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.errors import UserError
from pipelines.textinput import DateError, NumberError, parse_date, parse_decimal

DEFAULT_PARAMETERS_FILE = Path(__file__).parent / "parameters" / "parameters.yaml"


@dataclass(frozen=True)
class Version:
    valid_from: dt.date
    value: Any


def _parse_date(text: object, where: str) -> dt.date:
    try:
        day = parse_date(text)
    except DateError as exc:
        day = None
        fr, en = exc.fr, exc.en
    else:
        fr, en = "date vide, attendu AAAA-MM-JJ", "empty date, expected YYYY-MM-DD"
    if day is None:
        raise UserError(f"{where} : « {text} » : {fr}.", f"{where}: {text!r}: {en}.")
    return day


def parse_table(raw: Mapping[str, Any], source: str = "parameters") -> dict[str, list[Version]]:
    """Versions of each parameter, sorted by start date."""
    table: dict[str, list[Version]] = {}
    for name, versions in raw.items():
        if not isinstance(versions, list) or not versions:
            raise UserError(
                f"{source} : le paramètre « {name} » doit être une liste de versions "
                "{from: AAAA-MM-JJ, value: ...}.",
                f"{source}: parameter {name!r} must be a list of {{from, value}} versions.",
            )
        parsed = []
        for i, item in enumerate(versions, start=1):
            where = f"{source}, {name}, version {i}"
            if not isinstance(item, Mapping) or "from" not in item or "value" not in item:
                raise UserError(
                    f"{where} : attendu {{from: AAAA-MM-JJ, value: ...}}.",
                    f"{where}: expected {{from: YYYY-MM-DD, value: ...}}.",
                )
            parsed.append(Version(_parse_date(item["from"], where), item["value"]))
        table[name] = sorted(parsed, key=lambda v: v.valid_from)
    return table


@cache
def _load(path: str) -> dict[str, list[Version]]:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return parse_table(raw, source=Path(path).name)


def parameters_path() -> Path:
    """``ASR_REPORT_PARAMETERS`` when set (see pipelines/settings.py), else the shipped table."""
    from pipelines.settings import load_settings

    override = load_settings().report_parameters
    if override and not Path(override).exists():
        raise UserError(
            f"ASR_REPORT_PARAMETERS : fichier « {override} » introuvable.",
            f"ASR_REPORT_PARAMETERS: file {override!r} not found.",
        )
    return Path(override) if override else DEFAULT_PARAMETERS_FILE


def load_table(path: Path | None = None) -> dict[str, list[Version]]:
    return _load(str(path or parameters_path()))


def version_at(versions: list[Version], at: dt.date) -> Version | None:
    """The version in force at ``at`` (latest start on or before it), or None before the first."""
    current = None
    for version in versions:
        if version.valid_from <= at:
            current = version
        else:
            break
    return current


def value_at(name: str, at: dt.date, table: Mapping[str, list[Version]] | None = None) -> Any:
    table = table if table is not None else load_table()
    if name not in table:
        raise UserError(
            f"Paramètre « {name} » absent de {parameters_path()}.",
            f"Parameter {name!r} missing from {parameters_path()}.",
        )
    version = version_at(table[name], at)
    if version is None:
        first = table[name][0].valid_from
        raise UserError(
            f"Paramètre « {name} » : aucune valeur au {at.isoformat()} (première le {first}).",
            f"Parameter {name!r}: no value at {at.isoformat()} (first from {first}).",
        )
    return version.value


def dec(value: object, where: str = "parameter") -> Decimal:
    """An exact decimal from a parameter value (strings preferred; ints accepted)."""
    try:
        number = parse_decimal(value if isinstance(value, (int, Decimal)) else str(value))
    except NumberError:
        number = None
    if number is None:
        raise UserError(
            f"{where} : « {value} » n'est pas un nombre.", f"{where}: {value!r} is not a number."
        )
    return number


def decimal_at(name: str, at: dt.date, table: Mapping[str, list[Version]] | None = None) -> Decimal:
    return dec(value_at(name, at, table), name)


@dataclass(frozen=True)
class CategoryRates:
    """A rate looked up by supplier SIRET, then purchase category, then a default."""

    default: Decimal
    by_category: dict[str, Decimal]
    by_supplier: dict[str, Decimal]

    @classmethod
    def from_value(cls, value: Mapping[str, Any], where: str) -> CategoryRates:
        return cls(
            default=dec(value["default"], where),
            by_category={
                str(k): dec(v, where) for k, v in (value.get("by_category") or {}).items()
            },
            by_supplier={
                str(k): dec(v, where) for k, v in (value.get("by_supplier") or {}).items()
            },
        )

    def rate(self, category: str | None = None, siret: str | None = None) -> Decimal:
        return self.rate_and_source(category, siret)[0]

    def rate_and_source(
        self, category: str | None = None, siret: str | None = None
    ) -> tuple[Decimal, str]:
        """The rate and where it came from: ``supplier``, ``category`` or ``default``."""
        if siret and siret in self.by_supplier:
            return self.by_supplier[siret], "supplier"
        if category is not None:
            if category in self.by_category:
                return self.by_category[category], "category"
            folded = category.strip().casefold()
            for key, rate in self.by_category.items():
                if key.casefold() == folded:
                    return rate, "category"
        return self.default, "default"


def labour_shares_at(
    at: dt.date, table: Mapping[str, list[Version]] | None = None
) -> CategoryRates:
    return CategoryRates.from_value(value_at("labour_share", at, table), "labour_share")


def hourly_costs_at(at: dt.date, table: Mapping[str, list[Version]] | None = None) -> CategoryRates:
    return CategoryRates.from_value(
        value_at("insertion_hourly_cost_eur", at, table), "insertion_hourly_cost_eur"
    )
