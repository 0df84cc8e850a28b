"""Row-level scope: which lines a reader may see. Every read query takes one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """``None`` means no restriction on that dimension; an empty tuple means nothing visible."""

    buyers: tuple[str, ...] | None = None
    entities: tuple[str, ...] | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls()

    def params(self) -> dict[str, list[str] | None]:
        return {
            "buyers": list(self.buyers) if self.buyers is not None else None,
            "entities": list(self.entities) if self.entities is not None else None,
        }
