"""The dataset card's generated parts, read from a built package.

The README is the package's dataset card. Three parts of it state facts about the data
and so are generated here, never typed by hand: the Hugging Face front matter (one
``configs`` entry per table, pointing at its Parquet file, plus licence, language and
size), the table of tables with row counts and one real example row each, and the
BibTeX entry. :mod:`builder.docs` writes them into README.md and
a test fails when the README and the package disagree.

The tables are those of ``schemas/`` (:data:`builder.schemas.TABLES`); rows are read
from the package's JSONL files, which hold the same rows as the other formats (checked
by ``builder validate``). YAML is written and read with PyYAML.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from builder.metadata import bibtex
from builder.schemas import TABLES, table_schema

#: Example strings longer than this are cut, with an ellipsis, to keep the card short.
MAX_EXAMPLE_CHARS = 80
#: Hugging Face's size categories: (upper bound of the row count, category).
_SIZE_CATEGORIES = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
)


def parquet_path(table: str) -> str:
    """Where a table's Parquet file is, relative to the package root."""
    return f"data/parquet/{table}.parquet"


def rows(root: Path, table: str) -> list[dict]:
    """The rows of ``table`` in the package at ``root``, as published in JSONL."""
    path = root / "data" / "jsonl" / f"{table}.jsonl"
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def size_category(n_rows: int) -> str:
    """Hugging Face's ``size_categories`` value for a table of ``n_rows`` rows."""
    for bound, category in _SIZE_CATEGORIES:
        if n_rows < bound:
            return category
    return "n>1B"


def front_matter(root: Path) -> dict:
    """The card's metadata for the Hugging Face Hub and ``datasets``.

    Every table is a config of its own with one ``train`` split read from its Parquet
    file: with ``configs`` given, ``datasets`` reads those files only, never guessing
    splits from file names (which would take ``tests/test_*.py`` for a test split). The
    size category is that of the largest table. The licence is ``other``: our
    annotations are CC-BY-4.0 but the interview texts in the ``text`` columns are their
    publishers' (the LICENSE file and the card's licence section say so).
    """
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    counts = {table: len(rows(root, table)) for table in TABLES}
    languages = sorted({r["language"] for r in rows(root, "interviews") if r.get("language")})
    licences = "-".join(lic["name"].lower() for lic in descriptor.get("licenses", []))
    return {
        "pretty_name": descriptor["title"],
        "license": "other",
        "license_name": f"{licences}-annotations-texts-of-publishers",
        "license_link": "LICENSE",
        "language": languages,
        "multilinguality": ["monolingual"],
        "language_creators": ["found"],
        "annotations_creators": ["machine-generated"],
        "source_datasets": ["original"],
        "size_categories": [size_category(max(counts.values()))],
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["-".join(k.lower().split()) for k in descriptor.get("keywords", [])],
        "configs": [
            {"config_name": t, "data_files": [{"split": "train", "path": parquet_path(t)}]}
            for t in TABLES
        ],
    }


def render_front_matter(root: Path) -> str:
    """The YAML block that opens the README, ``---`` lines included."""
    body = yaml.safe_dump(front_matter(root), sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{body}---\n"


def example_row(table_rows: list[dict]) -> dict:
    """One row to show: the first with the fewest empty fields, long strings cut."""
    best = min(table_rows, key=lambda row: sum(v is None for v in row.values()))
    return {k: _cut(v) for k, v in best.items()}


def _cut(value):
    if isinstance(value, str) and len(value) > MAX_EXAMPLE_CHARS:
        return value[: MAX_EXAMPLE_CHARS - 1] + "…"
    return value


def render_tables(root: Path) -> str:
    """Markdown: the table of tables (rows, what a row is) and an example row of each."""
    parts = [
        "| table | rows | a row is | Parquet file |",
        "| --- | ---: | --- | --- |",
    ]
    examples = []
    for table in TABLES:
        table_rows = rows(root, table)
        summary = table_schema(table)["description"].split(". ")[0].rstrip(".")
        path = parquet_path(table)
        parts.append(f"| [`{table}`](#{table}) | {len(table_rows):,} | {summary} | `{path}` |")
        if table_rows:
            row = json.dumps(example_row(table_rows), ensure_ascii=False, indent=1)
            examples.append(f"`{table}`:\n\n```json\n{row}\n```\n")
    parts += [
        "",
        "One real row of each table, as published in `data/jsonl/` (the first row with "
        f"the fewest empty fields; strings over {MAX_EXAMPLE_CHARS} characters are cut "
        "here, marked `…`):",
        "",
        *examples,
    ]
    return "\n".join(parts).strip() + "\n"


def render_bibtex(root: Path) -> str:
    """The package's BibTeX entry (:func:`builder.metadata.bibtex`, the one Croissant's
    ``citeAs`` carries), fenced."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return f"```bibtex\n{bibtex(descriptor)}\n```\n"
