"""Types that survive every reader: docs/types.md's reader options give each table the
column types its table of types documents, from every format, in pandas, polars and
DuckDB; the three formats give the same values; and readers that guess read a
``number`` as a float."""

from __future__ import annotations

import os
import re

import duckdb
import pandas as pd
import polars as pl
import pytest

from builder.schemas import TABLES, fields
from builder.writers import FORMATS, table_path
from repo import ROOT

DOC = (ROOT / "docs" / "types.md").read_text(encoding="utf-8")
TOOLS = ("pandas", "polars", "duckdb")


def documented_types() -> dict[str, dict[str, str]]:
    """{tool: {Table Schema type: the type docs/types.md says the tool reads}}."""
    rows = re.findall(r"^\| `(\w+)` \| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$",
                      DOC, flags=re.M)  # fmt: skip
    assert rows, "docs/types.md has its table of types"
    return {tool: {r[0]: r[2 + i] for r in rows} for i, tool in enumerate(TOOLS)}


@pytest.fixture(scope="module")
def readers() -> dict:
    """The reader functions the documentation's examples define (run from the package
    root, as a user would)."""
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for code in re.findall(r"```python\n(.*?)```", DOC, flags=re.S):
            exec(compile(code, "docs/types.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    return {tool: namespace[f"read_{tool}"] for tool in TOOLS}


def read(readers, tool: str, table: str, fmt: str):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        frame = readers[tool](table, fmt)
        return (frame, values(tool, frame)) if tool == "duckdb" else frame
    finally:
        os.chdir(cwd)


def types_of(tool: str, frame) -> dict[str, str]:
    if tool == "pandas":
        return {name: str(t) for name, t in frame.dtypes.items()}
    if tool == "polars":
        return {name: str(t) for name, t in frame.schema.items()}
    return dict(zip(frame.columns, map(str, frame.types), strict=True))


def values(tool: str, frame) -> list[tuple]:
    if tool == "pandas":
        return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(False)]
    if tool == "polars":
        return frame.rows()
    return frame.fetchall()


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("table", TABLES)
def test_every_format_reads_with_the_documented_types(readers, tool, table):
    expected = {f.name: documented_types()[tool][f.type] for f in fields(table)}
    read_back = {}
    for fmt in FORMATS:
        frame = read(readers, tool, table, fmt)
        if tool == "duckdb":  # a relation: fetched while the folder is the package's
            frame, read_back[fmt] = frame
        else:
            read_back[fmt] = values(tool, frame)
        assert types_of(tool, frame) == expected, (tool, table, fmt)
    assert read_back["csv"] == read_back["jsonl"] == read_back["parquet"]


def test_the_seed_has_all_null_columns_to_test():
    # The types test above means most where a column is empty in every row.
    interviews = pd.read_parquet(ROOT / table_path("parquet", "interviews"))
    figures = pd.read_parquet(ROOT / table_path("parquet", "figures"))
    assert interviews["intro"].isna().all() and figures["value_max"].isna().all()


def test_readers_that_guess_read_numbers_as_floats():
    numbers = [(t, f.name) for t in TABLES for f in fields(t) if f.type == "number"]
    assert numbers
    for table, column in numbers:
        csv, jsonl = ROOT / table_path("csv", table), ROOT / table_path("jsonl", table)
        if pd.read_parquet(ROOT / table_path("parquet", table))[column].isna().all():
            continue  # nothing to guess from
        assert pd.read_csv(csv)[column].dtype == "float64"
        assert pd.read_json(jsonl, lines=True)[column].dtype == "float64"
        assert pl.read_csv(csv).schema[column] == pl.Float64
        assert pl.read_ndjson(jsonl).schema[column] == pl.Float64
        for source in (f"read_csv('{csv}')", f"read_json('{jsonl}')"):
            kind = duckdb.sql(f"SELECT {column} FROM {source}").types[0]
            assert str(kind) == "DOUBLE", (source, kind)
