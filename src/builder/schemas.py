"""Table Schemas, the one source of truth for every table, and what is derived from them.

``schemas/<table>.json`` (Frictionless Table Schema, Data Package 2.0) defines each
table. From it this module derives, by code, the Arrow schema of the Parquet files and
the JSON Schema (draft 2020-12) of the JSONL files, and the Python value of each cell.

Nullable integer and number fields declare ``missingValues: ["", "NaN", "nan"]``: no
number is ever written as NaN, but frictionless reads Parquet through pandas, which
turns a null integer into NaN, and would otherwise report it as a type error.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyarrow as pa

#: The Table Schemas, shipped with the package (``builder/table_schemas`` is a link to
#: the repository's ``schemas/``, so they are written once).
SCHEMA_DIR = resources.files("builder") / "table_schemas"

#: Tables in the order they are written and described (referenced tables first).
TABLES = (
    "interviews",
    "questions",
    "answers",
    "sentences",
    "entities",
    "entity_mentions",
    "figures",
)

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
    "boolean": pa.bool_(),
}
_JSON_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "date": "string",
    "boolean": "boolean",
}


@dataclass(frozen=True)
class Field:
    """One column of a table, as its Table Schema describes it."""

    name: str
    type: str
    description: str
    required: bool
    constraints: dict
    missing_values: tuple[str, ...]
    format: str | None = None


@cache
def shared_fields() -> dict:
    """``schemas/fields.json``: the field definitions several tables share, and the
    patterns they use (:mod:`builder.expand` writes them into the table schemas)."""
    return json.loads((SCHEMA_DIR / "fields.json").read_text(encoding="utf-8"))


#: The pattern of every id (a slug: lowercase letters and digits joined by hyphens).
ID_PATTERN: str = shared_fields()["patterns"]["id"]


@cache
def table_schema(table: str) -> dict:
    """The Table Schema of ``table`` as stored in ``schemas/``."""
    return json.loads((SCHEMA_DIR / f"{table}.json").read_text(encoding="utf-8"))


def fields(table: str) -> list[Field]:
    """The columns of ``table`` in order."""
    out = []
    for f in table_schema(table)["fields"]:
        constraints = f.get("constraints", {})
        if f["type"] not in _ARROW_TYPES:
            raise ValueError(f"schemas/{table}.json: unsupported field type {f['type']!r}")
        out.append(
            Field(
                name=f["name"],
                type=f["type"],
                description=f.get("description", ""),
                required=bool(constraints.get("required")),
                constraints=constraints,
                missing_values=tuple(f.get("missingValues", [""])),
                format=f.get("format"),
            )
        )
    return out


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of the table's Parquet file, derived from its Table Schema."""
    return pa.schema(
        [pa.field(f.name, _ARROW_TYPES[f.type], nullable=not f.required) for f in fields(table)]
    )


def json_schema(table: str) -> dict:
    """A JSON Schema (draft 2020-12) for one line of the table's JSONL file."""
    properties = {}
    for f in fields(table):
        prop: dict = {"description": f.description}
        base = _JSON_TYPES[f.type]
        prop["type"] = base if f.required else [base, "null"]
        if f.type == "date":
            prop["format"] = "date"
        c = f.constraints
        if "pattern" in c:
            # Table Schema patterns match the whole value; JSON Schema patterns search.
            prop["pattern"] = f"^(?:{c['pattern']})$"
        if "enum" in c:
            prop["enum"] = list(c["enum"]) + ([] if f.required else [None])
        if "minimum" in c:
            prop["minimum"] = c["minimum"]
        properties[f.name] = prop
    names = [f.name for f in fields(table)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{table}.schema.json",
        "title": table,
        "description": table_schema(table).get("description", ""),
        "type": "object",
        "properties": properties,
        "required": names,
        "additionalProperties": False,
    }


def to_python(field: Field, value: str | None):
    """Parse one CSV cell of ``field`` into its Python value (``None`` for empty)."""
    if value is None or value in field.missing_values:
        return None
    if field.type == "integer":
        return int(value)
    if field.type == "number":
        return float(value)
    if field.type == "date":
        return dt.date.fromisoformat(value)
    if field.type == "boolean":
        return value == "true"
    return value
