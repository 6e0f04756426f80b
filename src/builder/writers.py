"""Write one table as CSV, JSONL and Parquet: same rows, same order, same values.

- CSV: UTF-8, header row, RFC 4180 quoting and CRLF record ends; null is empty.
- JSONL: one object per line, UTF-8 unescaped, ``null`` for missing, dates as ISO text.
- Parquet: the Arrow schema derived from the Table Schema, zstd, no pandas index.

A ``number`` is written as a float in every format: ``2600000000.0`` in CSV and JSONL
(Python's shortest round-trip form, so ``2.5``, or ``1e+16`` from 10^16 on), a double in
Parquet; so readers that guess types from text (pandas, polars, DuckDB) read a float,
never an integer, whatever the values (see docs/types.md).

Rows are encoded per interview (:func:`encode`) and appended as they come
(:class:`TableWriter`), so no table is ever held whole in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder.schemas import arrow_schema, fields

FORMATS = ("csv", "jsonl", "parquet")
#: Rows per Parquet row group (at most; the last group of a table holds the rest).
ROW_GROUP_ROWS = 65536


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
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class Chunk:
    """Consecutive rows of one table, encoded in every format (done where the rows are
    made, in a worker, so that the writing process only appends)."""

    n_rows: int
    csv: str
    jsonl: str
    arrow: pa.RecordBatch


#: Values that the csv module and the JSON encoder write as :func:`_cell` and
#: :func:`_json_value` would (``None`` is an empty CSV cell and JSON ``null``).
_AS_IS = frozenset({str, int, type(None)})


def encode(table: str, rows: list[dict]) -> Chunk:
    """``rows`` of ``table`` as CSV records (no header), JSONL lines and an Arrow batch.

    Column by column: each value is converted only where its type needs it, and the
    Arrow batch is made from typed columns."""
    schema = arrow_schema(table)
    names = schema.names
    numbers = {f.name for f in fields(table) if f.type == "number"}
    # A number is a float, even when the code that made it gave an int.
    columns = [
        [row[n] if row[n] is None or n not in numbers else float(row[n]) for row in rows]
        for n in names
    ]
    kinds = [set(map(type, col)) for col in columns]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        zip(*(col if k <= _AS_IS else [v if type(v) in _AS_IS else _cell(v) for v in col]
              for col, k in zip(columns, kinds, strict=True)), strict=True)
    )  # fmt: skip
    to_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per row
    jsonl = _jsonl(names, columns, kinds, to_json)
    arrow = pa.RecordBatch.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)],
        schema=schema,
    )
    return Chunk(len(rows), text.getvalue(), jsonl, arrow)


def _jsonl(names: list[str], columns: list[list], kinds: list[set], to_json) -> str:
    """The JSONL lines of the rows in ``columns`` (``kinds``: each column's value types),
    as ``to_json`` writes each row's object: every value is encoded once, a column of
    text or integers without a call per value to the encoder, and each line is one
    format string of its encoded values (about half the time of encoding one dict per
    row, which the encoder cannot do faster: it writes each key again at every row)."""
    template = "{" + ", ".join(to_json(n).replace("%", "%%") + ": %s" for n in names) + "}\n"
    cells = []
    for col, k in zip(columns, kinds, strict=True):
        if k <= {str, type(None)}:
            cells.append(["null" if v is None else encode_basestring(v) for v in col])
        elif k <= {int, type(None)}:
            cells.append(["null" if v is None else int.__repr__(v) for v in col])
        else:
            cells.append([to_json(_json_value(v)) for v in col])
    return "".join([template % row for row in zip(*cells, strict=True)])


class TableWriter:
    """Appends chunks of one table to its three files as they come.

    Parquet rows are buffered up to :data:`ROW_GROUP_ROWS` and written as one row group,
    so memory stays bounded however many rows the table gets; row groups depend only on
    the rows, never on how they were computed, so the files are byte-identical. The
    buffered rows wait in an Arrow IPC stream in an anonymous temporary file, one
    record batch per chunk, not in memory: thousands of small batches held in memory
    cost about five times their data (measured: 317 MB for the 64 MB of 3,000
    interviews). They are read back as the same batches, which the Parquet pages
    depend on.
    """

    def __init__(self, root: Path, table: str):
        self.table = table
        self.n_rows = 0
        for fmt in FORMATS:
            (root / table_path(fmt, table)).parent.mkdir(parents=True, exist_ok=True)
        self._csv = (root / table_path("csv", table)).open("w", encoding="utf-8", newline="")
        csv.writer(self._csv, lineterminator="\r\n").writerow([f.name for f in fields(table)])
        self._jsonl = (root / table_path("jsonl", table)).open("w", encoding="utf-8", newline="\n")
        self._parquet = pq.ParquetWriter(
            root / table_path("parquet", table), arrow_schema(table), compression="zstd"
        )
        self._spill = tempfile.TemporaryFile()
        self._stream = pa.ipc.new_stream(self._spill, arrow_schema(table))
        self._buffered = 0
        self._groups = 0

    def add(self, chunk: Chunk) -> None:
        """Append one chunk of rows to the three files."""
        self._csv.write(chunk.csv)
        self._jsonl.write(chunk.jsonl)
        if chunk.n_rows:
            self._stream.write_batch(chunk.arrow)
            self._buffered += chunk.n_rows
            self.n_rows += chunk.n_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        self._stream.close()
        self._spill.seek(0)
        batches = list(pa.ipc.open_stream(self._spill))
        table = pa.Table.from_batches(batches, arrow_schema(self.table))
        self._parquet.write_table(table, row_group_size=max(len(table), 1))
        self._spill.seek(0)
        self._spill.truncate()
        self._stream = pa.ipc.new_stream(self._spill, arrow_schema(self.table))
        self._buffered = 0
        self._groups += 1

    def close(self) -> None:
        """Write what is buffered and close the files. Every file is closed even when
        writing fails (the first error is raised), so none is left for the garbage
        collector, whose failure at exit would print a traceback."""
        with ExitStack() as stack:  # callbacks run last first: stream, spill, Parquet ...
            stack.callback(self._jsonl.close)
            stack.callback(self._csv.close)
            stack.callback(self._close_parquet)
            stack.callback(self._spill.close)
            stack.callback(lambda: self._stream.close())  # the stream _flush made last
            if self._buffered or not self._groups:
                self._flush()  # an empty table is one empty row group, as pyarrow writes it

    def _close_parquet(self) -> None:
        try:
            self._parquet.close()
        finally:
            self._parquet.is_open = False  # else pyarrow's __del__ retries a failed close


def write_table(root: Path, table: str, rows: list[dict]) -> None:
    """Write ``rows`` of ``table`` in all three formats under ``root``."""
    writer = TableWriter(root, table)
    try:
        writer.add(encode(table, rows))
    finally:
        writer.close()  # its files closed even when writing fails, as in assemble()
