"""Differential test of the fast checks (DuckDB, streaming) against frictionless: a small
package is damaged in one way at a time; every file frictionless finds at fault, the
fast checks find at fault too, and they also find what frictionless cannot see."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.checks import TableChecks
from builder.package import file_facts
from builder.schemas import arrow_schema
from builder.transcript import read_text
from builder.validate import check_frictionless, validate_package
from builder.writers import FORMATS, table_path

FIXTURE = Path(__file__).parent / "fixtures" / "energy-speakers.txt"


@pytest.fixture(scope="module")
def small(built_once) -> Path:
    """A package built from one transcript (frictionless reads it in seconds)."""
    return built_once(transcript=FIXTURE, jobs=1)


@pytest.fixture
def package(small, scratch) -> Path:
    return scratch(small)


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
    ("orphan sentence key", "figures", 1, "sentence_id", "energy-speakers-s999", FORMATS,
     "sentence_id: foreign key not found in sentences.sentence_id"),
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


def sentence_cells(root: Path, row: int, start: int, end: int) -> None:
    """Give sentence ``row`` the span ``start:end`` of the transcript, consistently."""
    text = read_text(root / "sources" / FIXTURE.name)
    set_cell(root, "sentences", row, "char_start", start)
    set_cell(root, "sentences", row, "char_end", end)
    set_cell(root, "sentences", row, "text", text[start:end])
    rehash(root)


def sentence(root: Path, row: int) -> dict:
    return pq.read_table(root / table_path("parquet", "sentences")).to_pylist()[row - 1]


def test_a_mention_keyed_to_another_sentence_is_seen_by_the_fast_checks_alone(package):
    mention = pq.read_table(package / table_path("parquet", "entity_mentions")).to_pylist()[0]
    other = next(
        s["sentence_id"]
        for s in pq.read_table(package / table_path("parquet", "sentences")).to_pylist()
        if s["sentence_id"] != mention["sentence_id"]
    )
    set_cell(package, "entity_mentions", 1, "sentence_id", other)
    rehash(package)
    assert frictionless_files(package) == set()
    failures = fast(package)
    for fmt in FORMATS:
        path = table_path(fmt, "entity_mentions")
        assert any(f.startswith(f"{path}:1: sentence_id: the span is not inside") for f in failures)


def test_a_sentence_that_leaves_text_out_is_seen_by_the_fast_checks_alone(package):
    first = sentence(package, 4)
    sentence_cells(package, 4, first["char_start"], first["char_end"] - 1)
    assert frictionless_files(package) == set()
    assert any("is in no sentence" in f for f in fast(package)), fast(package)


def test_overlapping_sentences_are_seen_by_the_fast_checks_alone(package):
    first, second = sentence(package, 4), sentence(package, 5)
    assert first["answer_id"] == second["answer_id"]  # the same turn: still inside it
    sentence_cells(package, 5, first["char_end"] - 1, second["char_end"])
    assert frictionless_files(package) == set()
    failures = fast(package)
    for fmt in FORMATS:
        path = table_path(fmt, "sentences")
        assert f"{path}:5: char_start: overlaps or comes before the row above (1 row(s))" in (
            failures
        )


def test_a_sentence_outside_its_turn_is_seen_by_the_fast_checks_alone(package):
    last = sentence(package, 5)
    sentence_cells(package, 5, last["char_start"], last["char_end"] + 3)
    failures = fast(package)
    assert any("sentences.csv:5: answer_id: the span is not inside the answers row" in f
               for f in failures), failures  # fmt: skip


def test_a_schema_constraint_without_a_check_is_an_error(monkeypatch, small):
    from builder import checks

    monkeypatch.setattr(checks, "_KNOWN_CONSTRAINTS", {"required"})
    checks = TableChecks(small)
    with pytest.raises(ValueError, match="no check for"):
        checks.run()
    checks.close()


def test_a_fault_made_in_every_format_is_reported_in_each_at_the_same_row(package):
    set_cell(package, "questions", 2, "question_id", "energy-speakers-q01", FORMATS)
    rehash(package)
    duplicates = [f for f in fast(package) if "duplicate key" in f]
    assert duplicates == [
        f"{table_path(fmt, 'questions')}:2: question_id: duplicate key (1 value(s))"
        for fmt in FORMATS
    ]
