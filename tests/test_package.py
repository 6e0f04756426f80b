"""The published package: valid by every standard tool, and each check can fail."""

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from builder.schemas import TABLES
from builder.validate import validate_package
from repo import ROOT


def test_the_committed_package_passes_every_check_including_drift():
    assert validate_package(ROOT) == []


def test_frictionless_command_line_reports_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[:2000]
    n_transcripts = len(list((ROOT / "sources").glob("*.txt")))
    assert len(report["tasks"]) == 3 * len(TABLES) + n_transcripts  # CSV, JSONL, Parquet


def test_descriptor_has_the_required_metadata():
    d = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "title", "description", "version", "created", "keywords", "licenses"):
        assert d[key]
    assert d["sources"][0]["path"].startswith("http://azeriobserver.az/")
    assert "publisher" in d["licenses"][0]["title"]
    for res in d["resources"]:
        assert res["hash"].startswith("sha256:") and len(res["hash"]) == 7 + 64
        if res["format"] != "txt":  # a table (the raw transcripts are the others)
            assert res["schema"] == f"schemas/{res['name'].split('-')[0]}.json"


def test_a_fresh_build_is_byte_identical(built_copy):
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            assert (built_copy / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), path


def test_a_changed_byte_fails_the_hash_and_drift_checks(package_copy):
    path = package_copy / "data" / "csv" / "answers.csv"
    path.write_bytes(path.read_bytes().replace(b"Baku", b"Baky", 1))
    failures = validate_package(package_copy)
    assert any("answers.csv: hash" in f for f in failures)
    assert any("text != source" in f for f in failures)


def test_a_broken_foreign_key_is_reported_by_frictionless(package_copy):
    path = package_copy / "data" / "csv" / "entity_mentions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",russia,", ",russland,", 1), "utf-8")
    d = json.loads((package_copy / "datapackage.json").read_text())
    from builder.package import file_facts

    for res in d["resources"]:
        res["bytes"], res["hash"] = file_facts(package_copy / res["path"])
        if res["format"] == "parquet":
            del res["bytes"]
    (package_copy / "datapackage.json").write_text(json.dumps(d))
    failures = validate_package(package_copy, drift=False)
    assert any("entity_mentions" in f and "foreign key" in f.lower() for f in failures)


def test_a_parquet_file_with_another_schema_is_reported(package_copy):
    path = package_copy / "data" / "parquet" / "questions.parquet"
    table = pq.read_table(path)
    table = table.set_column(2, "seq", table["seq"].cast(pa.int32()))
    pq.write_table(table, path)
    failures = validate_package(package_copy, drift=False)
    assert any("questions.parquet: Arrow schema" in f for f in failures)


def test_a_jsonl_line_breaking_its_schema_is_reported(package_copy):
    path = package_copy / "data" / "jsonl" / "figures.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["kind"] = "weight"
    lines[0] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failures = validate_package(package_copy, drift=False)
    assert any(f.startswith("data/jsonl/figures.jsonl:1: kind: not one of") for f in failures)
    assert any("figures.jsonl: differs from the CSV at row 1" in f for f in failures)


def test_uncovered_source_text_is_reported_with_line_and_column(package_copy):
    source = package_copy / "sources" / "cooperation-gains-momentum.txt"
    data = source.read_bytes() + b"\nStray words.\n"
    source.write_bytes(data)
    failures = validate_package(package_copy, drift=False)
    assert "cooperation-gains-momentum: line 62, column 1: 'Stray words.' is in no row" in failures


def test_the_parquet_writer_writes_a_row_group_once_enough_rows_wait(tmp_path, monkeypatch):
    import builder.writers as writers

    monkeypatch.setattr(writers, "ROW_GROUP_ROWS", 3)
    rows = pq.read_table(ROOT / "data" / "parquet" / "questions.parquet").to_pylist()[:7]
    writer = writers.TableWriter(tmp_path, "questions")
    for chunk in (rows[0:2], rows[2:4], rows[4:5], rows[5:7]):  # 2 + 2 >= 3, 1 + 2 >= 3
        writer.add(writers.encode("questions", chunk))
    writer.close()
    written = pq.ParquetFile(tmp_path / "data" / "parquet" / "questions.parquet")
    sizes = [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)]
    assert sizes == [4, 3]
    assert written.read().to_pylist() == rows
