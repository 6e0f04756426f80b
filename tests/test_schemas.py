"""The Table Schemas are the one source of truth; everything else is derived from them."""

import dataclasses
import json

import jsonschema
import pyarrow as pa
import pytest

from builder.schemas import SCHEMA_DIR, TABLES, arrow_schema, fields, json_schema, table_schema
from builder.tables import ROW_TYPES
from builder.validate import profile


@pytest.mark.parametrize("table", TABLES)
def test_row_dataclass_matches_the_schema(table):
    assert [f.name for f in dataclasses.fields(ROW_TYPES[table])] == [f.name for f in fields(table)]


@pytest.mark.parametrize("table", TABLES)
def test_schema_follows_the_official_profile(table):
    schema = json.loads((SCHEMA_DIR / f"{table}.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(profile("tableschema")).validate(schema)


@pytest.mark.parametrize("table", TABLES)
def test_every_field_is_described(table):
    assert all(f.description.strip() for f in fields(table))


def test_arrow_types_follow_the_table_schema_types():
    schema = arrow_schema("interviews")
    assert schema.field("n_questions").type == pa.int64()
    assert schema.field("published").type == pa.date32()
    assert schema.field("title").type == pa.string()
    assert not schema.field("interview_id").nullable
    assert schema.field("interviewee").nullable
    assert arrow_schema("figures").field("value").type == pa.float64()


def test_json_schema_lets_only_optional_fields_be_null():
    schema = json_schema("answers")
    validator = jsonschema.Draft202012Validator(schema)
    row = {f.name: None for f in fields("answers")}
    errors = {e.path[0] for e in validator.iter_errors(row) if e.path}
    assert errors == {f.name for f in fields("answers") if f.required}


def test_json_schema_patterns_match_the_whole_value():
    validator = jsonschema.Draft202012Validator(json_schema("entities"))
    good = {
        "entity_id": "osce-minsk-group",
        "name": "OSCE Minsk Group",
        "type": "ORG",
        "category": "organisation",
        "source": "gazetteer",
        "iso_3166_1_alpha_2": None,
        "wikidata_id": None,
        "related_entity_id": "osce",
        "description": "x",
        "n_mentions": 3,
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "entity_id": "../etc"})
    assert not validator.is_valid({**good, "type": "COUNTRY"})
    assert not validator.is_valid({**good, "source": "guess"})
    assert not validator.is_valid({**good, "wikidata_id": "Q12x"})


def test_foreign_keys_point_at_primary_keys():
    for table in TABLES:
        for fk in table_schema(table).get("foreignKeys", []):
            target = fk["reference"].get("resource", table)
            assert fk["reference"]["fields"] == table_schema(target)["primaryKey"]
