"""Differential test of the fast checks (DuckDB, streaming) against frictionless: a small
package is damaged in one way at a time; every file frictionless finds at fault, the
fast checks find at fault too, and they also find what frictionless cannot see."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.build import build
from builder.checks import TableChecks
from builder.package import file_facts
from builder.schemas import arrow_schema
from builder.validate import check_frictionless, validate_package
from builder.writers import FORMATS, table_path
from repo import SOURCES

FIXTURE = Path(__file__).parent / "fixtures" / "energy-speakers.txt"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    build(out, transcript=FIXTURE, jobs=1, sources_dir=SOURCES)
    return out


@pytest.fixture
def package(small, tmp_path) -> Path:
    dst = tmp_path / "pkg"
    shutil.copytree(small, dst)
    return dst


def set_cell(root: Path, table: str, row: int, column: str, value, formats=FORMATS) -> None:
    """Set one cell (row counted from 1) in the given formats, each written as the
    builder writes it."""
    if "csv" in formats:
        path = root / table_path("csv", table)
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
        rows[row][rows[0].index(column)] = "" if value is None else str(value)
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(rows)
    if "jsonl" in formats:
        path = root / table_path("jsonl", table)
        lines = path.read_text("utf-8").splitlines()
        obj = json.loads(lines[row - 1])
        obj[column] = value
        lines[row - 1] = json.dumps(obj, ensure_ascii=False)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if "parquet" in formats:
        path = root / table_path("parquet", table)
        rows = pq.read_table(path).to_pylist()
        rows[row - 1][column] = value
        pq.write_table(pa.Table.from_pylist(rows, arrow_schema(table)), path, compression="zstd")


def rehash(root: Path) -> None:
    """Make the descriptor's sizes and hashes true again (a consistent edit)."""
    path = root / "datapackage.json"
    d = json.loads(path.read_text("utf-8"))
    for res in d["resources"]:
        size, digest = file_facts(root / res["path"])
        res["hash"] = digest
        if "bytes" in res:
            res["bytes"] = size
    path.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def frictionless_files(root: Path) -> set[str]:
    d = json.loads((root / "datapackage.json").read_text("utf-8"))
    failures = check_frictionless(root, d)
    return {f.split(":")[0] for f in failures}


def fast(root: Path) -> list[str]:
    return validate_package(root, drift=False)


#: (damage, table, row, column, value, formats where it is made, what the fast checks say)
SEEN_BY_BOTH = [
    ("wrong type", "questions", 1, "seq", "one", ("csv",), "seq: not a valid integer"),
    # (Parquet cannot hold a null in a required column: its schema says so)
    ("missing required", "answers", 2, "text", None, ("csv", "jsonl"),
     "text: required value missing"),
    ("duplicate key", "questions", 2, "question_id", "energy-speakers-q01", FORMATS,
     "question_id: duplicate key"),
    ("orphan foreign key", "entity_mentions", 1, "entity_id", "atlantis", FORMATS,
     "entity_id: foreign key not found in entities.entity_id"),
    ("enum violation", "figures", 1, "kind", "weight", FORMATS, "kind: not one of"),
    ("pattern violation", "interviews", 1, "language", "EN", FORMATS,
     "language: does not match"),
    ("minimum violation", "figures", 1, "char_start", -1, FORMATS, "char_start: minimum is 0"),
]  # fmt: skip


@pytest.mark.parametrize(
    "damage,table,row,column,value,formats,message",
    SEEN_BY_BOTH,
    ids=[case[0] for case in SEEN_BY_BOTH],
)
def test_the_fast_checks_see_every_file_frictionless_faults(
    package, damage, table, row, column, value, formats, message
):
    set_cell(package, table, row, column, value, formats)
    rehash(package)
    by_frictionless = frictionless_files(package)
    failures = fast(package)
    assert by_frictionless, f"frictionless should see the {damage}"
    for path in by_frictionless:
        assert any(f.startswith(path) for f in failures), (path, failures)
    for fmt in formats:
        assert any(f.startswith(table_path(fmt, table)) and message in f for f in failures), (
            fmt,
            failures,
        )


def test_a_hash_mismatch_is_seen_by_both(package):
    path = package / table_path("jsonl", "answers")
    path.write_bytes(path.read_bytes().replace(b"energy-speakers-a01", b"energy-speakers-a99", 1))
    assert table_path("jsonl", "answers") in frictionless_files(package)
    assert any(f.startswith("data/jsonl/answers.jsonl: hash") for f in fast(package))


def test_a_row_changed_in_one_format_only_is_seen_by_the_fast_checks_alone(package):
    set_cell(package, "questions", 1, "n_words", 99, ("jsonl",))
    rehash(package)
    assert frictionless_files(package) == set()
    assert "data/jsonl/questions.jsonl: differs from the CSV at row 1" in fast(package)


def test_a_span_that_does_not_round_trip_is_seen_by_the_fast_checks_alone(package):
    set_cell(package, "answers", 1, "char_start", 3)  # every format: consistent, wrong
    rehash(package)
    assert frictionless_files(package) == set()
    failures = fast(package)
    assert "answers row 1: text != source[char_start:char_end]" in failures
    assert any("is in 2 rows" in f for f in failures)  # the span overlaps its label now


def test_a_schema_constraint_without_a_check_is_an_error(monkeypatch, small):
    from builder import checks

    monkeypatch.setattr(checks, "_KNOWN_CONSTRAINTS", {"required"})
    checks = TableChecks(small)
    with pytest.raises(ValueError, match="no check for"):
        checks.run()
    checks.close()
