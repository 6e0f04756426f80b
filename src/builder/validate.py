"""Every check a built package must pass, for tests and for ``builder validate``.

1. ``datapackage.json`` and each Table Schema against the official Data Package 2.0
   profiles (offline copies in ``builder/profiles``), with jsonschema.
2. Sizes and ``sha256`` hashes of the files (tables and raw transcripts) equal what
   the descriptor says; every Parquet schema equals the Arrow schema derived from the
   Table Schema; the derived JSON Schemas and ``croissant.json`` on disk are current.
3. Every row of every table in every format against its Table Schema (types, required,
   unique, enum, pattern, minimum, primary and foreign keys), and CSV, JSONL and
   Parquet hold the same rows in the same order: :mod:`builder.checks`, in DuckDB.
4. Provenance: ``source[char_start:char_end] == text`` for every quoted span (text,
   labels, sentences, titles, front matter), against the raw transcript and its recorded sha256.
5. Coverage: every non-whitespace character of every transcript is inside exactly one
   title, front matter, intro, question or answer span or one turn label; every one
   of a title, question or answer is inside exactly one sentence.
6. Drift: a fresh build from the package's own ``sources/`` manifest is byte-identical
   (a package built from one file with default metadata has no manifest to rebuild).

Checks 3 to 5 stream: one transcript and one batch of rows at a time, rows taken in
the interviews' order, so they run in time and memory linear in the package (or
flat). With ``frictionless=True``, frictionless also validates every resource, and
jsonschema every JSONL line against the derived JSON Schema: slow, for small packages.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from bisect import bisect_left
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq

from builder.checks import TableChecks, q
from builder.drift import check_drift
from builder.errors import BuildError
from builder.metadata import CROISSANT, croissant, read_schemas
from builder.package import file_facts, resource_name
from builder.publish import JOURNAL
from builder.schemas import TABLES, arrow_schema, fields, json_schema, to_python
from builder.transcript import line_and_column, read_text
from builder.writers import FORMATS, table_path


def spans(table: str) -> list[tuple[str, str, str]]:
    """(text column, start column, end column) of every quoted span of ``table``, from
    its Table Schema: ``<x>_char_start``/``<x>_char_end`` quote column ``<x>``, and
    ``char_start``/``char_end`` quote ``text`` (that span first, the others in the
    schema's order)."""
    names = {f.name for f in fields(table)}
    out = []
    for f in fields(table):
        if f.name.endswith("char_start"):
            prefix = f.name.removesuffix("char_start")
            text = prefix.removesuffix("_") or "text"
            if text in names and f"{prefix}char_end" in names:
                out.append((text, f.name, f"{prefix}char_end"))
    return sorted(out, key=lambda span: span[1] != "char_start")


#: (text column, start column, end column) of every quoted span, per table.
SPANS = {table: spans(table) for table in TABLES if spans(table)}
#: Tables whose spans (with labels) must tile each transcript's non-whitespace text.
COVERING = ("interviews", "questions", "answers")


def profile(name: str) -> dict:
    """An official Data Package 2.0 profile (offline copy)."""
    text = resources.files("builder").joinpath("profiles", f"{name}.json").read_text("utf-8")
    return json.loads(text)


def validate_package(root: Path, *, drift: bool = True, frictionless: bool = False) -> list[str]:
    """All failures of the package at ``root`` (an empty list when it is valid).

    A check that cannot run (a file missing, unreadable or not of its format) is one
    failure naming the file, never an exception.
    """
    path = root / "datapackage.json"
    if (root / JOURNAL).exists():
        return [
            f"{root / JOURNAL}: a publish was interrupted (run `builder validate` to finish it)"
        ]
    if not path.exists():
        return [f"{path}: missing (run `builder build`)"]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        return [f"datapackage.json: not valid JSON ({_one_line(err)})"]
    except OSError as err:
        return [f"datapackage.json: {_os_reason(err)}"]
    failures = _guarded(check_profiles, root, descriptor)
    if failures:
        return failures
    failures = check_listed_files(root, descriptor)
    if failures:
        return failures
    if frictionless:
        failures += _guarded(check_frictionless, root, descriptor)
        failures += _guarded(check_jsonl, root)
    failures += _guarded(check_files, root, descriptor)
    failures += _guarded(check_derived_schemas, root)
    failures += _guarded(check_croissant, root, descriptor)
    failures += _guarded(check_parquet_schemas, root)
    try:
        checks = TableChecks(root)
    except Exception as err:
        return [*failures, f"data: cannot read: {_reason(err)}"]
    try:
        failures += _guarded(checks.run)
        failures += _guarded(check_provenance, root, checks)
    finally:
        checks.close()
    if drift and not failures:
        failures += _guarded(check_drift, root)
    return failures


def check_listed_files(root: Path, descriptor: dict) -> list[str]:
    """Each resource file and Table Schema ``datapackage.json`` names is on disk."""
    out = []
    for res in descriptor["resources"]:
        for rel in (res["path"], res.get("schema")):
            if isinstance(rel, str) and not (root / rel).is_file():
                out.append(f"{rel}: missing (datapackage.json lists it)")
    return sorted(set(out), key=out.index)


def _guarded(check, *args) -> list[str]:
    """The failures of one check, or one failure saying why it could not run."""
    try:
        return check(*args)
    except Exception as err:
        return [f"{check.__name__}: could not run: {_reason(err)}"]


def _reason(err: Exception) -> str:
    if isinstance(err, OSError):
        return _os_reason(err)
    return f"{type(err).__name__}: {_one_line(err)}"


def _os_reason(err: OSError) -> str:
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or _one_line(err)}"


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def check_profiles(root: Path, descriptor: dict) -> list[str]:
    """``datapackage.json`` and every Table Schema against the official Data Package 2.0
    profiles (offline copies in ``builder/profiles``), with jsonschema."""
    out = [
        f"datapackage.json: {e.json_path}: {e.message}"
        for e in jsonschema.Draft7Validator(profile("datapackage")).iter_errors(descriptor)
    ]
    table_profile = jsonschema.Draft7Validator(profile("tableschema"))
    for table in TABLES:
        schema = json.loads((root / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
        out += [f"schemas/{table}.json: {e.message}" for e in table_profile.iter_errors(schema)]
    return out


def check_frictionless(root: Path, descriptor: dict) -> list[str]:
    """frictionless on every resource, foreign keys included (slow: only with
    ``--frictionless``).

    frictionless 5.21 cannot read an empty JSONL file (a table with no rows); such a
    resource is left to :func:`check_jsonl` and the format comparison instead.
    frictionless is imported here, when asked for: its import alone costs more CPU
    than the checks of a small package.
    """
    from frictionless import Package

    readable = [
        r
        for r in descriptor["resources"]
        if not (r["format"] == "jsonl" and (root / r["path"]).stat().st_size == 0)
    ]
    package = Package({**descriptor, "resources": readable}, basepath=str(root))
    report = package.validate()
    out = [f"datapackage.json: {e.message}" for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            out.append(f"{task.place}: row {getattr(e, 'row_number', '-')}: {e.message}")
    return out


def check_files(root: Path, descriptor: dict) -> list[str]:
    """The size and ``sha256`` hash of every file equal what the descriptor says, and
    every table has a resource in every format."""
    out = []
    for res in descriptor["resources"]:
        size, digest = file_facts(root / res["path"])
        if "bytes" in res and size != res["bytes"]:
            out.append(f"{res['path']}: {size} bytes, descriptor says {res.get('bytes')}")
        if digest != res.get("hash"):
            out.append(f"{res['path']}: hash {digest}, descriptor says {res.get('hash')}")
    names = {res["name"] for res in descriptor["resources"]}
    for table in TABLES:
        for fmt in FORMATS:
            if resource_name(table, fmt) not in names:
                out.append(f"datapackage.json: no resource {resource_name(table, fmt)}")
    return out


def check_derived_schemas(root: Path) -> list[str]:
    """The JSON Schemas of the JSONL tables on disk are the ones derived from the Table
    Schemas."""
    out = []
    for table in TABLES:
        path = root / "schemas" / "jsonl" / f"{table}.schema.json"
        if not path.exists() or json.loads(path.read_text("utf-8")) != json_schema(table):
            out.append(f"{path.relative_to(root)}: not the schema derived from {table}.json")
    return out


def check_croissant(root: Path, descriptor: dict) -> list[str]:
    """``croissant.json`` is the one derived from the descriptor and Table Schemas."""
    path = root / CROISSANT
    expected = croissant(descriptor, read_schemas(root, descriptor))
    if not path.is_file() or json.loads(path.read_text("utf-8")) != expected:
        return [f"{CROISSANT}: not the one derived from datapackage.json (run `builder build`)"]
    return []


def check_jsonl(root: Path) -> list[str]:
    """Every JSONL line against the derived JSON Schema, with jsonschema (slow: only
    with ``--frictionless``)."""
    out = []
    for table in TABLES:
        validator = jsonschema.Draft202012Validator(
            json_schema(table), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        path = table_path("jsonl", table)
        with (root / path).open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                for e in validator.iter_errors(json.loads(line)):
                    out.append(f"{path}:{n}: {e.json_path}: {e.message}")
    return out


def check_parquet_schemas(root: Path) -> list[str]:
    """Each Parquet file's schema is the Arrow schema derived from its Table Schema."""
    out = []
    for table in TABLES:
        path = table_path("parquet", table)
        try:
            actual = pq.read_schema(root / path).remove_metadata()
        except Exception as err:
            out.append(f"{path}: cannot read: {_reason(err)}")
            continue
        if not actual.equals(arrow_schema(table)):
            out.append(f"{path}: Arrow schema {actual} is not the derived {arrow_schema(table)}")
    return out


def load_rows(root: Path, fmt: str, table: str) -> list[dict]:
    """A table's rows from one format, as typed Python values."""
    path = root / table_path(fmt, table)
    cols = fields(table)
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return [{c.name: to_python(c, row[c.name]) for c in cols} for row in csv.DictReader(f)]
    if fmt == "jsonl":
        with path.open(encoding="utf-8") as f:
            raw = [json.loads(line) for line in f]
    else:
        raw = pq.read_table(path).to_pylist()
    out = []
    for row in raw:
        typed = {}
        for c in cols:
            v = row[c.name]
            if v is not None and c.type == "number":
                v = float(v)
            if isinstance(v, str) and c.type == "date":
                v = dt.date.fromisoformat(v)
            typed[c.name] = v
        out.append(typed)
    return out


def _groups(checks: TableChecks, table: str, columns: list[str]) -> Iterator[tuple[Any, list]]:
    """Consecutive rows of ``table`` (CSV) with the same interview: ``(interview_id,
    [(row number, *columns), ...])``, streamed in batches."""
    cursor = checks.con.cursor()
    select = ", ".join(q(c) for c in ["__row", "interview_id", *columns])
    reader = cursor.sql(f"SELECT {select} FROM {q(table + '__csv')}").to_arrow_reader(65536)
    iid: Any = None
    rows: list = []
    for batch in reader:
        data = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for row in zip(*data, strict=True):
            if row[1] != iid:
                if rows:
                    yield iid, rows
                iid, rows = row[1], []
            rows.append((row[0], *row[2:]))
    if rows:
        yield iid, rows


def check_provenance(root: Path, checks: TableChecks) -> list[str]:
    """Offsets and coverage of every interview, one transcript at a time.

    Every table's rows must come in the interviews' order (as builds write them); rows
    that do not are reported, not checked."""
    if any((table, "csv") not in checks.readable for table in SPANS):
        return []  # the CSV errors are reported already
    meta = ["source_path", "source_sha256", "source_encoding"]
    interviews = _groups(checks, "interviews", meta + [c for s in SPANS["interviews"] for c in s])
    others = {t: _groups(checks, t, [c for s in SPANS[t] for c in s]) for t in SPANS}
    del others["interviews"]
    current: dict[str, Any] = {t: next(g, None) for t, g in others.items()}
    out = []
    for iid, group in interviews:
        row_number, path, sha256, encoding, *spans = group[0]  # a duplicate: reported
        text, failures = _source(root, iid, path, sha256, encoding)
        out += failures
        rows = {"interviews": [(row_number, *spans)]}
        for table, groups in others.items():
            if current[table] is not None and current[table][0] == iid:
                rows[table] = current[table][1]
                current[table] = next(groups, None)
        if text is None:
            continue
        for table, table_rows in rows.items():
            out += check_offsets(table, table_rows, text)
        out += check_coverage(iid, rows, text)
        out += check_sentences(iid, rows, text)
    for table, group in current.items():
        if group is not None:
            out.append(
                f"{table_path('csv', table)}:{group[1][0][0]}: rows of {group[0]!r} are not "
                "in the order of the interviews table (or their interview is missing)"
            )
    return out


def _source(root: Path, iid: str, path: str, sha256: str, encoding: str):
    """An interview's decoded transcript (None when missing), checked against its
    recorded sha256."""
    file = root / path
    if not file.is_file():
        return None, [f"{path}: transcript of {iid} is missing"]
    out = []
    if hashlib.sha256(file.read_bytes()).hexdigest() != sha256:
        out.append(f"{path}: sha256 differs from interviews.source_sha256")
    try:
        return read_text(file, encoding), out
    except BuildError as err:
        return None, [*out, str(err)]


def check_offsets(table: str, rows: list[tuple], text: str) -> list[str]:
    """``text[start:end] == quoted`` for every span of the rows of one interview."""
    out = []
    for row_number, *values in rows:
        for i, (col, a, b) in enumerate(SPANS[table]):
            quoted, start, end = values[3 * i : 3 * i + 3]
            if start is None and end is None:
                continue
            if start is None or end is None or text[start:end] != quoted:
                out.append(f"{table} row {row_number}: {col} != source[{a}:{b}]")
    return out


def check_coverage(iid: str, rows: dict[str, list[tuple]], text: str) -> list[str]:
    """Report each run of non-whitespace characters covered by no row, or by several:
    the spans are sorted, then each gap and overlap is looked at once."""
    spans = []
    for table in COVERING:
        for _, *values in rows.get(table, []):
            for i in range(len(SPANS[table])):
                start, end = values[3 * i + 1 : 3 * i + 3]
                if start is not None and end is not None and 0 <= start < end <= len(text):
                    spans.append((start, end))
    spans.sort()
    out = []
    # (start, end, hits) pieces of the text between span boundaries that are not hit once
    pieces, reach = [], 0
    for start, end in spans:
        if start > reach:
            pieces.append((reach, start, 0))
        elif start < reach:
            pieces.append((start, min(reach, end), 2))
        reach = max(reach, end)
    pieces.append((reach, len(text), 0))
    for a, b, hits in pieces:
        run = text[a:b]
        i = a + len(run) - len(run.lstrip())
        if i >= b:
            continue
        line, col = line_and_column(text, i)
        what = "in no row" if hits == 0 else f"in {hits} rows"
        out.append(f"{iid}: line {line}, column {col}: {text[i:b].rstrip()[:60]!r} is {what}")
    return out


def check_sentences(iid: str, rows: dict[str, list[tuple]], text: str) -> list[str]:
    """Report each run of non-whitespace characters of a title, question or answer that
    is in no sentence (that sentences do not overlap, and stay in their turn, is
    checked in DuckDB: :data:`builder.checks.NESTED`)."""
    sentences = sorted((v[1], v[2]) for _, *v in rows.get("sentences", []) if None not in v[1:3])
    starts = [a for a, _ in sentences]
    wholes = [(v[1], v[2]) for _, *v in rows.get("interviews", []) if None not in v[1:3]]
    for table in ("questions", "answers"):
        wholes += [(v[1], v[2]) for _, *v in rows.get(table, []) if None not in v[1:3]]
    out = []
    for start, end in wholes:
        i, reach, gaps = bisect_left(starts, start), start, []
        while i < len(sentences) and sentences[i][0] < end:
            gaps.append((reach, sentences[i][0]))
            reach = max(reach, sentences[i][1])
            i += 1
        for a, b in [*gaps, (reach, end)]:
            run = text[a:b]
            if run.strip():
                line, col = line_and_column(text, a + len(run) - len(run.lstrip()))
                out.append(
                    f"{iid}: line {line}, column {col}: {run.strip()[:60]!r} is in no sentence"
                )
    return out


#: The checks :func:`validate_package` runs, in order, and those ``frictionless=True``
#: adds (``builder docs`` lists them in ``docs/checks.md`` from their docstrings; a test
#: fails when a ``check_*`` function is missing here).
CHECKS = (
    check_profiles,
    check_listed_files,
    check_files,
    check_derived_schemas,
    check_croissant,
    check_parquet_schemas,
    TableChecks.run,
    check_provenance,
    check_offsets,
    check_coverage,
    check_sentences,
    check_drift,
)
SLOW_CHECKS = (check_frictionless, check_jsonl)
