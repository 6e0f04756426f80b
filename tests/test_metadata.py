"""Machine-readable metadata: Croissant (read by mlcroissant), schema.org, CITATION.cff,
.zenodo.json, the raw transcripts as resources, and the version written once."""

import hashlib
import json
import re
import subprocess
import tomllib

import mlcroissant as mlc
import pytest
import yaml

import builder
from builder.errors import BuildError
from builder.metadata import croissant, schema_org
from builder.schemas import ROOT, TABLES, table_schema
from builder.site import build_site
from builder.sources import read_package_metadata
from builder.validate import validate_package

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
CROISSANT = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
GENERATED = ("datapackage.json", "croissant.json", "CITATION.cff", ".zenodo.json")


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_mlcroissant_validates_croissant_json_and_reads_every_table_from_the_files(rows):
    dataset = mlc.Dataset(jsonld=ROOT / "croissant.json")
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings
    assert [rs.name for rs in dataset.metadata.record_sets] == list(TABLES)
    for table in TABLES:
        key = table_schema(table)["primaryKey"][0]
        records = list(dataset.records(table))
        ids = [r[f"{table}/{key}"].decode("utf-8") for r in records]
        assert ids == [row[key] for row in rows[table]], table


def test_croissant_describes_every_column_file_and_key_as_the_schemas_say():
    types = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float"}
    types |= {"date": "sc:Date", "boolean": "sc:Boolean"}
    record_sets = {rs["name"]: rs for rs in CROISSANT["recordSet"]}
    for table in TABLES:
        schema = table_schema(table)
        fields = record_sets[table]["field"]
        assert [f["name"] for f in fields] == [f["name"] for f in schema["fields"]]
        assert [f["dataType"] for f in fields] == [types[f["type"]] for f in schema["fields"]]
        for f in fields:
            assert f["source"]["fileObject"]["@id"] == f"data/csv/{table}.csv"
        assert record_sets[table]["key"] == [{"@id": f"{table}/{k}"} for k in schema["primaryKey"]]
    mention_fields = {f["name"]: f for f in record_sets["entity_mentions"]["field"]}
    assert mention_fields["entity_id"]["references"] == {"field": {"@id": "entities/entity_id"}}
    files = {f["@id"]: f for f in CROISSANT["distribution"]}
    assert set(files) == {r["path"] for r in DESCRIPTOR["resources"]}
    for path, f in files.items():
        assert f["sha256"] == _sha256(ROOT / path), path
    assert files["data/parquet/figures.parquet"]["sameAs"] == "data/csv/figures.csv"
    assert "sameAs" not in files["data/csv/figures.csv"]
    assert CROISSANT["version"] == builder.__version__


def test_a_new_table_in_the_schemas_becomes_a_record_set():
    schema = {
        "fields": [
            {"name": "thing_id", "type": "string"},
            {"name": "interview_id", "type": "string"},
            {"name": "weight", "type": "number"},
        ],
        "primaryKey": ["thing_id"],
        "foreignKeys": [
            {
                "fields": ["interview_id"],
                "reference": {"resource": "interviews", "fields": ["interview_id"]},
            }
        ],
    }
    resources = [
        {**r, "name": "things", "path": "data/csv/things.csv", "schema": "schemas/things.json"}
        for r in DESCRIPTOR["resources"]
        if r["name"] == "questions"
    ]
    descriptor = {**DESCRIPTOR, "resources": DESCRIPTOR["resources"] + resources}
    schemas = {f"schemas/{t}.json": table_schema(t) for t in TABLES}
    doc = croissant(descriptor, {**schemas, "schemas/things.json": schema})
    things = next(rs for rs in doc["recordSet"] if rs["name"] == "things")
    assert [f["dataType"] for f in things["field"]] == ["sc:Text", "sc:Text", "sc:Float"]
    assert things["field"][1]["references"] == {"field": {"@id": "interviews/interview_id"}}


def test_a_stale_croissant_json_is_reported(package_copy):
    path = package_copy / "croissant.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["recordSet"][0]["field"][0]["dataType"] = "sc:Integer"
    path.write_text(json.dumps(doc), encoding="utf-8")
    failures = validate_package(package_copy, drift=False)
    assert failures == [
        "croissant.json: not the one derived from datapackage.json (run `builder build`)"
    ]


def test_every_raw_transcript_is_a_resource_with_its_hash_and_encoding(rows):
    transcripts = {r["path"]: r for r in DESCRIPTOR["resources"] if r["format"] == "txt"}
    assert set(transcripts) == {row["source_path"] for row in rows["interviews"]}
    for row in rows["interviews"]:
        res = transcripts[row["source_path"]]
        assert res["hash"] == f"sha256:{row['source_sha256']}"
        assert res["hash"] == f"sha256:{_sha256(ROOT / res['path'])}"
        assert res["bytes"] == (ROOT / res["path"]).stat().st_size
        assert (res["mediatype"], res["encoding"]) == ("text/plain", row["source_encoding"])
        assert "type" not in res  # not a table


def test_a_changed_transcript_byte_fails_its_resource_hash(package_copy):
    path = package_copy / "sources" / "cooperation-gains-momentum.txt"
    path.write_bytes(path.read_bytes().replace(b"Baku", b"Baky", 1))
    failures = validate_package(package_copy, drift=False)
    assert any(f.startswith("sources/cooperation-gains-momentum.txt: hash") for f in failures)


def test_the_version_is_written_once_in_pyproject_toml():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    assert builder.__version__ == version
    assert DESCRIPTOR["version"] == version
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["version"] == zenodo["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## \[(\d[^\]]*)\] - (\d{4}-\d\d-\d\d)$", changelog, flags=re.M)
    assert first and first.group(1) == version
    assert first.group(2) == DESCRIPTOR["created"][:10] == str(cff["date-released"])
    assert "## [Unreleased]" in changelog.split(first.group(0))[0]
    # written by hand nowhere else (the generated files and the changelog's history aside)
    token = re.compile(r"(?<![\w.=-])" + re.escape(version) + r"(?![\w.])")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    hand_written = [
        p
        for p in tracked
        if p not in (*GENERATED, "pyproject.toml", "CHANGELOG.md")
        and (p == "Makefile" or (ROOT / p).suffix in (".py", ".json", ".toml", ".md", ".html"))
    ]
    assert len(hand_written) > 20
    # text between generated markers (<!-- x:start ... --> ... <!-- x:end -->) is not by hand
    generated = re.compile(r"<!-- (\w+):start.*?<!-- \1:end -->", flags=re.S)
    texts = {p: generated.sub("", (ROOT / p).read_text("utf-8")) for p in hand_written}
    assert [p for p, text in texts.items() if token.search(text)] == []


def test_the_repository_url_is_written_once_and_carried_into_citation_and_zenodo():
    homepage = json.loads((ROOT / "sources" / "package.json").read_text("utf-8"))["homepage"]
    assert DESCRIPTOR["homepage"] == CROISSANT["url"] == homepage
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["repository-code"] == cff["url"] == homepage
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert {"identifier": homepage, "relation": "isSupplementTo", "scheme": "url"} in zenodo[
        "related_identifiers"
    ]
    for name in ("README.md", "CHANGELOG.md", "pyproject.toml"):
        assert homepage not in (ROOT / name).read_text(encoding="utf-8"), name


def test_citation_cff_cites_the_dataset_and_each_interview(rows):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["cff-version"], cff["type"], cff["license"]) == ("1.2.0", "dataset", "CC-BY-4.0")
    assert cff["title"] == DESCRIPTOR["title"] and cff["authors"]
    references = {r["url"]: r for r in cff["references"]}
    for row in rows["interviews"]:
        ref = references[row["source_url"]]
        assert ref["title"] == row["title"] and ref["date-published"] == row["published"]
        assert ref["authors"] == [{"name": row["publisher"]}]
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert (zenodo["upload_type"], zenodo["license"]) == ("dataset", "cc-by-4.0")
    entry = CROISSANT["citeAs"]
    assert entry.startswith(f"@misc{{{DESCRIPTOR['name']}-{cff['date-released'].year},\n")
    for line in (f"version = {{{cff['version']}}}", f"url = {{{cff['url']}}}"):
        assert f"  {line}" in [x.rstrip(",") for x in entry.splitlines()]


def test_package_metadata_may_not_set_its_own_version(tmp_path):
    metadata = json.loads((ROOT / "sources" / "package.json").read_text("utf-8"))
    (tmp_path / "package.json").write_text(json.dumps({**metadata, "version": "9.9.9"}))
    with pytest.raises(BuildError, match="pyproject.toml"):
        read_package_metadata(tmp_path)


def test_the_site_index_carries_schema_org_dataset_json_ld(tmp_path):
    site = build_site(ROOT, tmp_path / "site")
    html = (site.out / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    doc = json.loads(found.group(1))
    assert doc == schema_org(DESCRIPTOR)
    assert (doc["@context"], doc["@type"]) == ("https://schema.org/", "Dataset")
    assert (doc["name"], doc["version"]) == (DESCRIPTOR["name"], builder.__version__)
    assert doc["license"] == [lic["path"] for lic in DESCRIPTOR["licenses"]]
