"""Write the shared field definitions of ``schemas/fields.json`` into every Table Schema.

A field such as ``char_start`` or ``interview_id`` means the same in every table that
has it, so it is defined once, in ``schemas/fields.json``, and copied by this module
into each table schema of ``schemas/`` and ``sources/schemas/`` (as PUDL's
``metadata/fields.py`` does). The table schemas stay complete, valid Table Schemas that
frictionless and any other reader take as they are; ``builder schemas`` rewrites them
after ``fields.json`` changes (or after a table is added with bare ``{"name": ...}``
entries for its shared fields), and a test fails when they drift apart.

Each entry of ``fields.json`` is merged into every field of its name: its keys win,
``constraints`` are merged key by key, and ``{id}`` in a pattern stands for
``patterns.id``. What the entry leaves out (a table's own description, ``required``,
``unique``) stays as the table has it.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.schemas import shared_fields


def expand_field(field: dict, shared: dict) -> dict:
    """``field`` with the shared definition of its name merged in (or as it is)."""
    definition = shared["fields"].get(field["name"])
    if definition is None:
        return field
    out = dict(field)
    for key, value in definition.items():
        if key == "constraints":
            out[key] = {**field.get(key, {}), **_patterns(value, shared["patterns"])}
        else:
            out[key] = value
    return out


def _patterns(constraints: dict, patterns: dict) -> dict:
    if "pattern" not in constraints:
        return constraints
    pattern = constraints["pattern"]
    for name, value in patterns.items():
        pattern = pattern.replace("{" + name + "}", value)
    return {**constraints, "pattern": pattern}


def expand_schema(schema: dict, shared: dict) -> dict:
    """A Table Schema with every shared field definition merged in."""
    return {**schema, "fields": [expand_field(f, shared) for f in schema["fields"]]}


def schema_files(root: Path) -> list[Path]:
    """The Table Schema files of the repository ``root``: its tables' and its sources'."""
    tables = sorted(p for p in (root / "schemas").glob("*.json") if p.name != "fields.json")
    return tables + sorted((root / "sources" / "schemas").glob("*.json"))


def render(path: Path, shared: dict) -> str:
    """The text the Table Schema file ``path`` should have: expanded, two-space JSON."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(expand_schema(schema, shared), indent=2, ensure_ascii=False) + "\n"


def stale(root: Path) -> list[Path]:
    """The Table Schema files of ``root`` that differ from their expansion."""
    shared = shared_fields()
    return [p for p in schema_files(root) if p.read_text(encoding="utf-8") != render(p, shared)]


def expand(root: Path) -> list[Path]:
    """Rewrite each Table Schema file of ``root`` that differs from its expansion, and
    return those."""
    shared = shared_fields()
    changed = stale(root)
    for path in changed:
        path.write_text(render(path, shared), encoding="utf-8")
    return changed
