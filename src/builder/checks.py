"""Row-level checks of every table in every format, generated from the Table Schemas and
run by DuckDB over whole columns: each a scan (or a hash join) of the files, O(rows).

From each field of ``schemas/<table>.json`` this module derives SQL for: the cell's
type in CSV (text that must parse) and JSONL (the JSON type of the property; a
missing or unknown property is an error too); the constraints ``required``,
``unique``, ``enum``, ``pattern``, ``minimum``, ``maximum``, ``minLength``,
``maxLength``; the ``uri`` format; the table's ``primaryKey`` and ``foreignKeys``; and
the equality of the CSV, JSONL and Parquet rows, in order. Two checks a Table Schema
cannot express are declared here: spans inside the span of the row a key names
(:data:`NESTED`: a mention inside its sentence) and spans in order without overlap
(:data:`ORDERED`: the sentences). A constraint this module
does not know is an error, so a schema can never hold a rule that goes unchecked.
Parquet column types are checked against the derived Arrow schema before this runs.

Why not frictionless: it reads every cell through Python (and Parquet through pandas
row by row), about 500 times slower here; it stays available as
``builder validate --frictionless``. Each failure is reported once per check with its
count and first row (rows counted from 1, the header not counted).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from builder.schemas import TABLES, Field, arrow_schema, fields, table_schema
from builder.writers import FORMATS, table_path

_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")
_INTEGER = r"[+-]?[0-9]+"
_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_URI = r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+"
_JSON_TYPES = {
    "integer": ("BIGINT", "UBIGINT"),
    "number": ("BIGINT", "UBIGINT", "DOUBLE"),
    "string": ("VARCHAR",),
    "date": ("VARCHAR",),
    "boolean": ("BOOLEAN",),
}
_SQL_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "date": "DATE", "boolean": "BOOLEAN"}
_KNOWN_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
_KNOWN_CONSTRAINTS |= {"minLength", "maxLength"}
#: Spans that lie inside the span of the row a foreign key names, where a condition
#: holds: (table, key, referenced table, condition, columns both rows agree on). The
#: Table Schema cannot say this; it is the provenance of the ``sentence_id`` keys.
_PLACE = ("interview_id", "role", "question_id", "answer_id")
NESTED = (
    ("entity_mentions", "sentence_id", "sentences", "true", _PLACE),
    ("figures", "sentence_id", "sentences", "true", _PLACE),
    ("sentences", "question_id", "questions", "a.role = 'question'", ("interview_id",)),
    ("sentences", "answer_id", "answers", "a.role = 'answer'", ("interview_id", "question_id")),
)
#: Tables whose rows are disjoint spans in text order within each interview.
ORDERED = ("sentences",)
#: DuckDB's memory for the checks (each file is read once into a typed table; beyond
#: this they spill to a temporary folder, so memory stays flat as packages grow).
MEMORY_LIMIT = "400MB"


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(value) -> str:
    """A SQL literal of a JSON value."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _view(table: str, fmt: str) -> str:
    return q(f"{table}__{fmt}")


def _typed_csv(f: Field) -> tuple[str, str]:
    """(typed value, type is wrong) over a CSV cell (text; missing values are null)."""
    missing = ", ".join(lit(m) for m in f.missing_values)
    v = f"(CASE WHEN {q(f.name)} IN ({missing}) THEN NULL ELSE {q(f.name)} END)"
    if f.type == "string":
        bad = f"NOT regexp_full_match({v}, {lit(_URI)})" if f.format == "uri" else "false"
        return v, bad
    if f.type == "boolean":
        truthy = ", ".join(lit(t) for t in _TRUE)
        allowed = ", ".join(lit(t) for t in _TRUE + _FALSE)
        return f"({v} IN ({truthy}))", f"{v} NOT IN ({allowed})"
    pattern = {"integer": _INTEGER, "number": _NUMBER, "date": _DATE}[f.type]
    typed = f"TRY_CAST({v} AS {_SQL_TYPES[f.type]})"
    bad = f"({v} IS NOT NULL AND (NOT regexp_full_match({v}, {lit(pattern)}) OR {typed} IS NULL))"
    return typed, bad


def _jsonl_source(path: Path, cols: list[Field]) -> str:
    """The lines of a JSONL file, each parsed once: the line, and the JSON type and text
    of every property of the schema, in field order (:func:`_typed_jsonl` reads them)."""
    paths = "[" + ", ".join(lit(f'$."{c.name}"') for c in cols) + "]"
    return (
        f"(SELECT line, json_type(line, {paths}) AS __types, "
        f"json_extract_string(line, {paths}) AS __texts FROM read_json({lit(str(path))}, "
        "format = 'newline_delimited', records = false, columns = {'line': 'JSON'}))"
    )


def _typed_jsonl(f: Field, i: int) -> tuple[str, str]:
    """(typed value, type is wrong) over the JSONL property of field number ``i`` (from
    1, as in :func:`_jsonl_source`; a missing property is wrong)."""
    kind = f"__types[{i}]"
    text = f"__texts[{i}]"
    allowed = ", ".join(lit(t) for t in (*_JSON_TYPES[f.type], "NULL"))
    bad = f"({kind} IS NULL OR {kind} NOT IN ({allowed})"
    if f.type == "date":
        bad += f" OR ({kind} = 'VARCHAR' AND (NOT regexp_full_match({text}, {lit(_DATE)})"
        bad += f" OR TRY_CAST({text} AS DATE) IS NULL))"
    if f.type == "string" and f.format == "uri":
        bad += f" OR NOT regexp_full_match({text}, {lit(_URI)})"
    bad += ")"
    if f.type == "string":
        return text, bad
    return f"TRY_CAST({text} AS {_SQL_TYPES[f.type]})", bad


class TableChecks:
    """The checks of one package's tables, on one DuckDB connection."""

    def __init__(self, root: Path):
        self.root = root
        self._tmp = tempfile.TemporaryDirectory(prefix="builder-checks-")
        self.con = duckdb.connect(
            config={
                "temp_directory": self._tmp.name,
                "threads": os.cpu_count() or 1,
                "memory_limit": MEMORY_LIMIT,  # beyond it, tables spill to a temporary file
                "preserve_insertion_order": True,  # rowid is the row's place in its file
            }
        )
        self.con.execute("SET enable_progress_bar = false")
        self.readable: set[tuple[str, str]] = set()

    def run(self) -> list[str]:
        """Every check; the CSV tables stay loaded (foreign keys point at them, and
        :func:`builder.validate.check_provenance` reads them), the others are dropped
        when checked, so that at most one of them is held at a time.

        The row checks (constraints, keys, spans) of a JSONL or Parquet table whose
        typed rows equal the CSV rows, in order, would find what they find in the CSV,
        at the same rows: such a table gets the CSV's failures under its own path
        instead of a second run of the same queries (its types are checked apart)."""
        out = []
        for table in TABLES:
            out += self._load(table, "csv")
        for table in TABLES:
            csv_failures = None
            for fmt in FORMATS:
                if fmt != "csv":
                    out += self._load(table, fmt)
                if (table, fmt) not in self.readable:
                    continue
                if fmt == "csv":
                    csv_failures = self._row_checks(table, fmt)
                    out += csv_failures
                    continue
                differs = self._formats_equal(table, fmt)
                if differs or csv_failures is None:
                    out += self._row_checks(table, fmt) + differs
                else:
                    prefix = len(table_path("csv", table))
                    out += [table_path(fmt, table) + f[prefix:] for f in csv_failures]
                self.con.execute(f"DROP TABLE {_view(table, fmt)}")
        return out

    def _row_checks(self, table: str, fmt: str) -> list[str]:
        """Constraints, keys and spans of a loaded table: every failure starts with the
        table's path."""
        return self._constraints(table, fmt) + self._keys(table, fmt) + self._spans(table, fmt)

    def close(self) -> None:
        """Close the connection and remove the temporary folder."""
        self.con.close()
        self._tmp.cleanup()

    def _first(self, sql: str) -> tuple:
        row = self.con.execute(sql).fetchone()
        assert row is not None, sql  # an aggregate query returns one row
        return row

    def _failing(self, sql: str, message: str) -> list[str]:
        """One failure when ``sql`` (``SELECT count(*), min(<row>) ...``) counts failing
        rows: ``message`` with ``{count}`` and ``{first}`` (the first such row) filled
        in; none when it counts none."""
        count, first = self._first(sql)
        return [message.format(count=count, first=first)] if count else []

    def _load(self, table: str, fmt: str) -> list[str]:
        """Create the typed view of a table in a format; report type errors."""
        path = self.root / table_path(fmt, table)
        where = table_path(fmt, table)
        cols = fields(table)
        try:
            if fmt == "parquet":
                if not pq.read_schema(path).remove_metadata().equals(arrow_schema(table)):
                    return []  # reported by the Parquet schema check
                source = f"read_parquet({lit(str(path))}, file_row_number = true)"
                select = ", ".join(q(c.name) for c in cols)
                self.con.execute(
                    f"CREATE TABLE {_view(table, fmt)} AS SELECT file_row_number + 1 AS "
                    f"__row, {select} FROM {source}"
                )
                self.readable.add((table, fmt))
                return []
            if fmt == "csv":
                out = self._csv_header(path, where, cols)
                if out:
                    return out
                columns = "{" + ", ".join(f"{lit(c.name)}: 'VARCHAR'" for c in cols) + "}"
                source = (
                    f"read_csv({lit(str(path))}, header = true, auto_detect = false, "
                    f"delim = ',', quote = '\"', escape = '\"', allow_quoted_nulls = false, "
                    f"columns = {columns})"
                )
                typed = [_typed_csv(c) for c in cols]
            else:
                source = _jsonl_source(path, cols)
                typed = [_typed_jsonl(c, i) for i, c in enumerate(cols, start=1)]
            raw = q(f"{table}__{fmt}_raw")
            self.con.execute(f"CREATE TABLE {raw} AS SELECT * FROM {source}")
            numbered = f"(SELECT rowid + 1 AS __row, * FROM {raw})"  # rowid: the file's order
            out = self._type_errors(table, fmt, numbered, cols, typed)
            select = ", ".join(
                f"{value} AS {q(c.name)}" for c, (value, _) in zip(cols, typed, strict=True)
            )
            self.con.execute(
                f"CREATE TABLE {_view(table, fmt)} AS SELECT __row, {select} FROM {numbered}"
            )
            self.con.execute(f"DROP TABLE {raw}")
        except duckdb.Error as err:
            return [f"{where}: cannot be read: {str(err).splitlines()[0]}"]
        self.readable.add((table, fmt))
        return out

    def _csv_header(self, path: Path, where: str, cols: list[Field]) -> list[str]:
        with path.open(encoding="utf-8", newline="") as f:
            header = f.readline().rstrip("\r\n")
        expected = ",".join(c.name for c in cols)
        return [] if header == expected else [f"{where}: header {header!r} is not {expected!r}"]

    def _type_errors(self, table, fmt, numbered, cols, typed) -> list[str]:
        checks = [
            (c.name, bad, f"not a valid {c.type}") for c, (_, bad) in zip(cols, typed, strict=True)
        ]  # noqa: E501
        if fmt == "jsonl":
            names = "[" + ", ".join(lit(c.name) for c in cols) + "]"
            extra = (
                f"len(list_filter(json_keys(line), lambda k: NOT list_contains({names}, k))) > 0"
            )
            checks.append(("(object)", extra, "has properties the schema does not define"))
            checks.append(("(object)", "json_type(line) <> 'OBJECT'", "is not a JSON object"))
        return self._report(table_path(fmt, table), numbered, checks)

    def _report(self, where: str, relation: str, checks: list[tuple[str, str, str]]) -> list[str]:
        """Count the rows failing each (column, predicate, message), in one scan."""
        if not checks:
            return []
        aggs = ", ".join(
            f"count(*) FILTER (WHERE coalesce({pred}, false)), "
            f"min(__row) FILTER (WHERE coalesce({pred}, false))"
            for _, pred, _ in checks
        )
        values = self._first(f"SELECT {aggs} FROM {relation}")
        out = []
        for i, (column, _, message) in enumerate(checks):
            count, first = values[2 * i], values[2 * i + 1]
            if count:
                more = f" (and {count - 1} more row(s))" if count > 1 else ""
                out.append(f"{where}:{first}: {column}: {message}{more}")
        return out

    def _constraints(self, table: str, fmt: str) -> list[str]:
        checks = []
        for f in fields(table):
            c, col = f.constraints, q(f.name)
            unknown = set(c) - _KNOWN_CONSTRAINTS
            if unknown:
                raise ValueError(f"schemas/{table}.json: {f.name}: no check for {sorted(unknown)}")
            if c.get("required"):
                checks.append((f.name, f"{col} IS NULL", "required value missing"))
            if "enum" in c:
                allowed = ", ".join(lit(v) for v in c["enum"])
                checks.append((f.name, f"{col} NOT IN ({allowed})", f"not one of {c['enum']}"))
            if "pattern" in c:
                pred = f"NOT regexp_full_match({col}, {lit(c['pattern'])})"
                checks.append((f.name, pred, f"does not match {c['pattern']!r}"))
            for key, op in (("minimum", "<"), ("maximum", ">")):
                if key in c:
                    checks.append((f.name, f"{col} {op} {lit(c[key])}", f"{key} is {c[key]}"))
            for key, op in (("minLength", "<"), ("maxLength", ">")):
                if key in c:
                    pred = f"length({col}) {op} {c[key]}"
                    checks.append((f.name, pred, f"{key} is {c[key]}"))
        return self._report(table_path(fmt, table), _view(table, fmt), checks)

    def _keys(self, table: str, fmt: str) -> list[str]:
        """Unique fields and the primary key have no duplicates; foreign keys resolve."""
        where, view = table_path(fmt, table), _view(table, fmt)
        schema = table_schema(table)
        keys = [[f.name] for f in fields(table) if f.constraints.get("unique")]
        if schema.get("primaryKey"):
            pk = schema["primaryKey"]
            keys.append([pk] if isinstance(pk, str) else pk)
        out = []
        for key in {tuple(k): k for k in keys}.values():
            cols = ", ".join(q(k) for k in key)
            not_null = " AND ".join(f"{q(k)} IS NOT NULL" for k in key)
            out += self._failing(
                f"SELECT count(*), min(second) FROM (SELECT count(*) AS n, "
                f"arg_min(__row, __row, 2)[2] AS second FROM {view} WHERE {not_null} "
                f"GROUP BY {cols} HAVING count(*) > 1)",
                f"{where}:{{first}}: {'+'.join(key)}: duplicate key ({{count}} value(s))",
            )
        for fk in schema.get("foreignKeys", []):
            own = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            ref = fk["reference"]
            theirs = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            target = ref.get("resource") or table
            if (target, "csv") not in self.readable:
                continue  # the referenced table is the CSV resource, as in frictionless
            on = " AND ".join(f"a.{q(x)} = b.{q(y)}" for x, y in zip(own, theirs, strict=True))
            not_null = " AND ".join(f"a.{q(x)} IS NOT NULL" for x in own)
            out += self._failing(
                f"SELECT count(*), min(a.__row) FROM {view} a ANTI JOIN "
                f"{_view(target, 'csv')} b ON {on} WHERE {not_null}",
                f"{where}:{{first}}: {'+'.join(own)}: foreign key not found in "
                f"{target}.{'+'.join(theirs)} ({{count}} row(s))",
            )
        return out

    def _spans(self, table: str, fmt: str) -> list[str]:
        """Spans of :data:`NESTED` lie inside the row they name and agree with it on
        where they are; rows of :data:`ORDERED` tables do not overlap and come in order."""
        where, view = table_path(fmt, table), _view(table, fmt)
        out = []
        for own, key, target, condition, same in NESTED:
            if own != table or (target, "csv") not in self.readable:
                continue
            agree = " AND ".join(f"a.{q(c)} IS NOT DISTINCT FROM b.{q(c)}" for c in same)
            out += self._failing(
                f"SELECT count(*), min(a.__row) FROM {view} a JOIN {_view(target, 'csv')} b "
                f"ON a.{q(key)} = b.{q(key)} WHERE {condition} AND NOT coalesce(b.char_start "
                f"<= a.char_start AND a.char_end <= b.char_end AND {agree}, false)",
                f"{where}:{{first}}: {key}: the span is not inside the {target} row it "
                f"names, or not in the same place ({', '.join(same)}) ({{count}} row(s))",
            )
        if table in ORDERED:
            out += self._failing(
                f"SELECT count(*), min(__row) FROM (SELECT __row, interview_id, char_start, "
                f"lag(char_end) OVER (ORDER BY __row) AS before, lag(interview_id) OVER "
                f"(ORDER BY __row) AS previous FROM {view}) WHERE previous = interview_id "
                "AND char_start < before",
                f"{where}:{{first}}: char_start: overlaps or comes before the row above "
                "({count} row(s))",
            )
        return out

    def _formats_equal(self, table: str, fmt: str) -> list[str]:
        """The JSONL or Parquet rows equal the CSV rows, in order."""
        if fmt == "csv" or (table, "csv") not in self.readable:
            return []
        same = " AND ".join(
            f"a.{q(f.name)} IS NOT DISTINCT FROM b.{q(f.name)}" for f in fields(table)
        )
        return self._failing(
            f"SELECT count(*), min(coalesce(a.__row, b.__row)) FROM "
            f"(SELECT * FROM {_view(table, 'csv')}) a POSITIONAL JOIN "
            f"(SELECT * FROM {_view(table, fmt)}) b WHERE NOT ({same}) "
            "OR a.__row IS NULL OR b.__row IS NULL",
            f"{table_path(fmt, table)}: differs from the CSV at row {{first}}",
        )
