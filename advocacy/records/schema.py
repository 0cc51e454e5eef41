"""Read the Table Schema in data/datapackage.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Field:
    """One column of a data file, as the Table Schema describes it."""

    name: str
    type: str = "string"
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)
    description: str = ""

    @classmethod
    def from_descriptor(cls, descriptor: dict[str, Any]) -> Field:
        """Build a field from its Table Schema descriptor."""
        constraints = descriptor.get("constraints", {})
        enum = constraints.get("enum")
        return cls(
            name=descriptor["name"],
            type=descriptor.get("type", "string"),
            required=constraints.get("required", False),
            unique=constraints.get("unique", False),
            enum=tuple(enum) if enum else None,
            pattern=constraints.get("pattern"),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            true_values=tuple(descriptor.get("trueValues", ("true",))),
            false_values=tuple(descriptor.get("falseValues", ("false",))),
            description=descriptor.get("description", ""),
        )


@dataclass(frozen=True)
class Resource:
    """One data file: its name, path and columns."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = field(default=())

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def load_resources(package_path: Path) -> list[Resource]:
    """Read every resource of a data package descriptor."""
    package = json.loads(package_path.read_text(encoding="utf-8"))
    resources = []
    for descriptor in package["resources"]:
        schema = descriptor["schema"]
        key = schema.get("primaryKey", [])
        resources.append(
            Resource(
                name=descriptor["name"],
                path=descriptor["path"],
                fields=tuple(Field.from_descriptor(f) for f in schema["fields"]),
                primary_key=tuple([key] if isinstance(key, str) else key),
            )
        )
    return resources
