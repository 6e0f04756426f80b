"""Every check a built package must pass, for tests and for ``builder validate``.

1. ``datapackage.json`` and each Table Schema against the official Data Package 2.0
   profiles (offline copies in ``builder/profiles``), with jsonschema.
2. frictionless: every resource against its schema, foreign keys included.
3. Sizes and ``sha256`` hashes of the files equal what the descriptor says.
4. Every JSONL line against its derived JSON Schema; every Parquet schema equals the
   Arrow schema derived from the Table Schema; the derived JSON Schemas on disk are
   current.
5. CSV, JSONL and Parquet hold the same rows in the same order with the same values.
6. Provenance: ``source[char_start:char_end] == text`` for every quoted span (text,
   labels, sentences, titles), against the raw transcript and its recorded sha256.
7. Coverage: every non-whitespace character of every transcript is inside exactly one
   title, intro, question or answer span or one turn label.
8. Drift: a fresh build from the package's own ``sources/`` manifest is byte-identical
   (a package built from one file with default metadata has no manifest to rebuild).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
from frictionless import Package

from builder.errors import BuildError
from builder.package import file_facts, resource_name
from builder.publish import JOURNAL
from builder.schemas import TABLES, arrow_schema, fields, json_schema, to_python
from builder.transcript import line_and_column, read_text
from builder.writers import FORMATS, table_path

#: (text column, start column, end column) of every quoted span, per table.
SPANS = {
    "interviews": [
        ("title", "title_char_start", "title_char_end"),
        ("intro", "intro_char_start", "intro_char_end"),
    ],
    "questions": [
        ("text", "char_start", "char_end"),
        ("label", "label_char_start", "label_char_end"),
    ],
    "answers": [
        ("text", "char_start", "char_end"),
        ("label", "label_char_start", "label_char_end"),
    ],
    "entity_mentions": [("text", "char_start", "char_end")],
    "figures": [
        ("text", "char_start", "char_end"),
        ("sentence", "sentence_char_start", "sentence_char_end"),
    ],
}
#: Tables whose spans (with labels) must tile each transcript's non-whitespace text.
COVERING = ("interviews", "questions", "answers")


def profile(name: str) -> dict:
    """An official Data Package 2.0 profile (offline copy)."""
    text = resources.files("builder").joinpath("profiles", f"{name}.json").read_text("utf-8")
    return json.loads(text)


def validate_package(root: Path, *, drift: bool = True) -> list[str]:
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
    failures = _missing_files(root, descriptor)
    if failures:
        return failures
    failures += _guarded(check_frictionless, root, descriptor)
    failures += _guarded(check_files, root, descriptor)
    failures += _guarded(check_derived_schemas, root)
    failures += _guarded(check_jsonl, root)
    failures += _guarded(check_parquet_schemas, root)
    tables = {}
    for t in TABLES:
        tables[t] = {}
        for fmt in FORMATS:
            try:
                tables[t][fmt] = load_rows(root, fmt, t)
            except Exception as err:
                failures.append(f"{table_path(fmt, t)}: cannot read: {_reason(err)}")
    if any(len(by_format) < len(FORMATS) for by_format in tables.values()):
        return failures
    failures += _guarded(check_formats_equal, tables)
    rows = {t: tables[t]["csv"] for t in TABLES}
    try:
        texts, text_failures = load_sources(root, rows["interviews"])
    except Exception as err:
        return [*failures, f"sources: cannot read: {_reason(err)}"]
    failures += text_failures
    failures += _guarded(check_offsets, rows, texts)
    failures += _guarded(check_coverage, rows, texts)
    if drift and not failures:
        failures += _guarded(check_drift, root)
    return failures


def _missing_files(root: Path, descriptor: dict) -> list[str]:
    """Each resource file and Table Schema the descriptor names but the disk lacks."""
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
    """frictionless on every resource, foreign keys included.

    frictionless 5.21 cannot read an empty JSONL file (a table with no rows); such a
    resource is left to :func:`check_jsonl` and the format comparison instead.
    """
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
    out = []
    for table in TABLES:
        path = root / "schemas" / "jsonl" / f"{table}.schema.json"
        if not path.exists() or json.loads(path.read_text("utf-8")) != json_schema(table):
            out.append(f"{path.relative_to(root)}: not the schema derived from {table}.json")
    return out


def check_jsonl(root: Path) -> list[str]:
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
    out = []
    for table in TABLES:
        path = table_path("parquet", table)
        actual = pq.read_schema(root / path).remove_metadata()
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


def check_formats_equal(tables: dict[str, dict[str, list[dict]]]) -> list[str]:
    out = []
    for table, by_format in tables.items():
        for fmt in ("jsonl", "parquet"):
            if by_format[fmt] != by_format["csv"]:
                n = next(
                    (
                        i
                        for i, (a, b) in enumerate(
                            zip(by_format["csv"], by_format[fmt], strict=False)
                        )
                        if a != b
                    ),
                    min(len(by_format["csv"]), len(by_format[fmt])),
                )
                out.append(f"{table_path(fmt, table)}: differs from the CSV at row {n + 1}")
    return out


def load_sources(root: Path, interviews: list[dict]) -> tuple[dict[str, str], list[str]]:
    """Each interview's decoded transcript, checked against its recorded sha256."""
    texts, out = {}, []
    for row in interviews:
        path = root / row["source_path"]
        if not path.is_file():
            out.append(f"{row['source_path']}: transcript of {row['interview_id']} is missing")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != row["source_sha256"]:
            out.append(f"{row['source_path']}: sha256 differs from interviews.source_sha256")
        try:
            texts[row["interview_id"]] = read_text(path, row["source_encoding"])
        except BuildError as err:
            out.append(str(err))
    return texts, out


def check_offsets(rows: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    out = []
    for table, spans in SPANS.items():
        for n, row in enumerate(rows[table], start=1):
            text = texts.get(row["interview_id"])
            if text is None:
                continue
            for col, a, b in spans:
                start, end = row[a], row[b]
                if start is None and end is None:
                    continue
                if start is None or end is None or text[start:end] != row[col]:
                    out.append(f"{table} row {n}: {col} != source[{a}:{b}]")
    return out


def check_coverage(rows: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    """Report each run of non-whitespace characters covered by no row, or by several."""
    out = []
    for iid, text in texts.items():
        hits = [0] * len(text)
        for table in COVERING:
            for row in rows[table]:
                if row["interview_id"] != iid:
                    continue
                for _, a, b in SPANS[table]:
                    if row[a] is not None:
                        for i in range(row[a], row[b]):
                            hits[i] += 1
        i = 0
        while i < len(text):
            if text[i].isspace() or hits[i] == 1:
                i += 1
                continue
            j = i
            while j < len(text) and hits[j] == hits[i] and (hits[j] != 1 or text[j].isspace()):
                j += 1
            run = text[i:j].rstrip()
            line, col = line_and_column(text, i)
            what = "in no row" if hits[i] == 0 else f"in {hits[i]} rows"
            out.append(f"{iid}: line {line}, column {col}: {run[:60]!r} is {what}")
            i = j
    return out


def check_drift(root: Path) -> list[str]:
    """A fresh build from ``root/sources`` must equal the files at ``root``."""
    from builder.build import rebuild_matches

    if not (root / "sources" / "interviews.csv").exists():
        return []
    return rebuild_matches(root)
