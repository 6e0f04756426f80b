"""Write one table as CSV, JSONL and Parquet: same rows, same order, same values.

- CSV: UTF-8, header row, RFC 4180 quoting and CRLF record ends; null is empty.
- JSONL: one object per line, UTF-8 unescaped, ``null`` for missing, dates as ISO text.
- Parquet: the Arrow schema derived from the Table Schema, zstd, no pandas index.

Numbers with no fractional part are written without one (``2600000000``) in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder.schemas import arrow_schema, fields

FORMATS = ("csv", "jsonl", "parquet")


def table_path(fmt: str, table: str) -> str:
    """Package-relative path of a table in a format."""
    ext = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}[fmt]
    return f"data/{fmt}/{table}.{ext}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_table(root: Path, table: str, rows: list[dict]) -> None:
    """Write ``rows`` of ``table`` in all three formats under ``root``."""
    names = [f.name for f in fields(table)]
    for fmt in FORMATS:
        (root / table_path(fmt, table)).parent.mkdir(parents=True, exist_ok=True)
    with (root / table_path("csv", table)).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_cell(row[n]) for n in names] for row in rows)
    with (root / table_path("jsonl", table)).open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            obj = {n: _json_value(row[n]) for n in names}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    arrow = pa.Table.from_pylist([{n: row[n] for n in names} for row in rows], arrow_schema(table))
    pq.write_table(arrow, root / table_path("parquet", table), compression="zstd")
