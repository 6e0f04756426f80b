"""Describe a built package: ``datapackage.json`` (Data Package 2.0) and the derived
JSON Schemas of the JSONL tables.

Package-level metadata (name, title, created, licenses, homepage, ...) is data, kept in
``sources/package.json``; the version is the project's one version (``pyproject.toml``,
read back as :data:`builder.__version__`); ``sources`` lists each interview's publisher
page. Each table is three resources, one per format, all sharing
``schemas/<table>.json``: the CSV one is named after the table and is the one foreign
keys point at; the others are ``<table>-jsonl`` and ``<table>-parquet``. Data Package
2.0 has no way to say that resources are the same table in other formats (tools such
as ``frictionless describe`` list all of them); their names and descriptions say so,
and ``croissant.json`` marks them ``sameAs`` the CSV file. Each raw transcript is a
resource too, ``transcript-<interview_id>`` (plain text, with its encoding, size and
hash), not a table.

Parquet resources carry ``hash`` but no ``bytes``: frictionless 5.21 reads Parquet
through pyarrow without counting bytes and reports any declared ``bytes`` as a
mismatch. ``builder validate`` checks the size and hash of every file itself.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from builder import __version__
from builder.schemas import TABLES, json_schema, table_schema
from builder.writers import FORMATS, table_path

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_MEDIATYPES = {
    "csv": "text/csv",
    "jsonl": "application/jsonl",
    "parquet": "application/vnd.apache.parquet",
}
_FORMAT_NAMES = {"csv": "CSV", "jsonl": "JSONL", "parquet": "Parquet"}


def resource_name(table: str, fmt: str) -> str:
    """The resource name of a table in a format."""
    return table if fmt == "csv" else f"{table}-{fmt}"


def write_json(path: Path, obj: dict) -> None:
    """Pretty, stable JSON with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_schemas(root: Path) -> None:
    """The Table Schemas and, derived from them, the JSON Schema of each JSONL table."""
    for table in TABLES:
        write_json(root / "schemas" / f"{table}.json", table_schema(table))
        write_json(root / "schemas" / "jsonl" / f"{table}.schema.json", json_schema(table))


def file_facts(path: Path) -> tuple[int, str]:
    """Size in bytes and ``sha256:<hex>`` of a file."""
    data = path.read_bytes()
    return len(data), "sha256:" + hashlib.sha256(data).hexdigest()


def describe(root: Path, metadata: dict, interviews: list[dict]) -> dict:
    """Write ``datapackage.json`` for the tables already written under ``root``."""
    resources = []
    for table in TABLES:
        for fmt in FORMATS:
            path = table_path(fmt, table)
            size, digest = file_facts(root / path)
            resource = {
                "name": resource_name(table, fmt),
                "type": "table",
                "path": path,
                "format": fmt,
                "mediatype": _MEDIATYPES[fmt],
                **({"encoding": "utf-8", "bytes": size} if fmt != "parquet" else {}),
                "hash": digest,
                "description": _table_description(table, fmt),
                "schema": f"schemas/{table}.json",
            }
            resources.append(resource)
    resources += transcript_resources(root, interviews)
    seen = set()
    sources = []
    for row in interviews:
        if row["source_url"] and row["source_url"] not in seen:
            seen.add(row["source_url"])
            sources.append(
                {
                    "title": f"{row['title']}, {row['publisher'] or 'publisher unknown'}",
                    "path": row["source_url"],
                }
            )
    descriptor = {
        "$schema": PROFILE,
        **metadata,
        "version": __version__,
        "sources": sources,
        "resources": resources,
    }
    write_json(root / "datapackage.json", descriptor)
    return descriptor


def _table_description(table: str, fmt: str) -> str:
    text = table_schema(table)["description"]
    if fmt == "csv":
        return f"{text} (CSV)"
    return f"{text} (the rows of `{table}` in {_FORMAT_NAMES[fmt]}: a copy, not another table)"


def transcript_resources(root: Path, interviews: list[dict]) -> list[dict]:
    """One resource per raw transcript the interviews quote, in the interviews' order."""
    out, seen = [], set()
    for row in interviews:
        path = row["source_path"]
        if path in seen:
            continue
        seen.add(path)
        size, digest = file_facts(root / path)
        out.append(
            {
                "name": f"transcript-{row['interview_id']}",
                "path": path,
                "format": "txt",
                "mediatype": "text/plain",
                "encoding": row["source_encoding"],
                "bytes": size,
                "hash": digest,
                "description": f'The raw transcript of "{row["title"]}" as published, '
                "the text every char_start and char_end of the tables counts code points "
                "of. Text copyright of its publisher; no rights in it are granted.",
            }
        )
    return out
