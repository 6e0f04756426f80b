"""The held-out annotations are well formed, and the scorer counts what it claims.

The texts themselves are not committed (benchmarks/heldout/texts/ is git-ignored), so
the offset checks run only where a text is present locally and matches the sha256
recorded in sources.csv.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import sys

import pytest

from repo import ROOT

HELDOUT = ROOT / "benchmarks" / "heldout"
SOURCES = list(csv.DictReader((HELDOUT / "sources.csv").open(encoding="utf-8")))
IDS = [row["id"] for row in SOURCES]


def _enum(table: str, field: str) -> set[str]:
    schema = json.loads((ROOT / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
    (spec,) = [f for f in schema["fields"] if f["name"] == field]
    return set(spec["constraints"]["enum"])


def _annotation(text_id: str) -> dict:
    return json.loads((HELDOUT / "annotations" / f"{text_id}.json").read_text(encoding="utf-8"))


def _scorer():
    """benchmarks/heldout/score.py, imported from its path (it is a script, not a package)."""
    if "heldout_score" in sys.modules:
        return sys.modules["heldout_score"]
    sys.path.insert(0, str(HELDOUT))
    try:
        spec = importlib.util.spec_from_file_location("heldout_score", HELDOUT / "score.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["heldout_score"] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(HELDOUT))
    return module


def test_every_source_has_an_annotation_and_back():
    annotated = sorted(p.stem for p in (HELDOUT / "annotations").glob("*.json"))
    assert annotated == sorted(IDS)
    assert len(IDS) >= 14
    assert all(len(row["sha256"]) == 64 and row["source"] for row in SOURCES)


@pytest.mark.parametrize("text_id", IDS)
def test_annotation_is_well_formed(text_id):
    a = _annotation(text_id)
    types, kinds = _enum("entities", "type"), _enum("figures", "kind")
    qualifiers = _enum("figures", "qualifier")
    assert a["speakers"] and all(s["role"] in ("question", "answer") for s in a["speakers"])
    spans = sorted((e["start"], e["end"]) for e in a["entities"])
    assert all(e["type"] in types and e["start"] < e["end"] for e in a["entities"])
    pairs = zip(spans, spans[1:], strict=False)
    assert all(b[0] >= a_[1] for a_, b in pairs), "entity spans overlap"
    for f in a["figures"]:
        assert f["kind"] in kinds and f["start"] < f["end"]
        assert f["qualifier"] is None or f["qualifier"] in qualifiers
        assert (f["value_max"] is None) == (f["qualifier"] != "range"), f


@pytest.mark.parametrize("text_id", IDS)
def test_offsets_match_the_local_text(text_id):
    path = HELDOUT / "texts" / f"{text_id}.txt"
    if not path.exists():
        pytest.skip("text not collected locally (see sources.csv)")
    (row,) = [r for r in SOURCES if r["id"] == text_id]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    a = _annotation(text_id)
    for item in a["entities"] + a["figures"] + a["furniture"]:
        assert text[item["start"] : item["end"]] == item["text"], item


def test_scorer_counts_exact_loose_and_type():
    score = _scorer()
    gold = [
        {"start": 0, "end": 5, "text": "", "type": "GPE"},
        {"start": 10, "end": 15, "text": "", "type": "PERSON"},
        {"start": 20, "end": 25, "text": "", "type": "ORG"},
    ]
    # exact with the right type, exact with the wrong type, overlapping only, in furniture
    pred = {(0, 5): "GPE", (10, 15): "ORG", (18, 25): "ORG", (40, 44): "GPE"}
    c = score.score_entities(gold, pred, furniture=[(30, 50)])
    assert (c.gold, c.pred, c.exact, c.agree, c.loose, c.furniture_fp) == (3, 4, 2, 1, 3, 1)
    p, r, f = c.prf()
    assert (p, r) == (0.5, 2 / 3) and abs(f - 4 / 7) < 1e-12


def test_scorer_checks_value_and_normalized_on_matched_figures():
    score = _scorer()
    gold = [
        {"start": 0, "end": 9, "value": 9, "value_max": None, "normalized": "P9Y"},
        {"start": 20, "end": 30, "value": 2, "value_max": 3, "normalized": None},
    ]
    pred = {
        (0, 9): {"value": "9.0", "value_max": "", "normalized": "P9Y"},
        (20, 30): {"value": "2", "value_max": "", "normalized": ""},
    }
    c = score.score_figures(gold, pred, furniture=[])
    assert (c.exact, c.agree, c.agree2) == (2, 1, 2)


def test_scorer_compares_turns_with_a_dash_as_no_label(tmp_path):
    score = _scorer()
    csv_dir = tmp_path / "data" / "csv"
    csv_dir.mkdir(parents=True)
    (csv_dir / "questions.csv").write_text("char_start,label\n2,–\n30,Q:\n", encoding="utf-8")
    (csv_dir / "answers.csv").write_text("char_start,label\n10,\n40,SMITH:\n", encoding="utf-8")
    gold = [
        {"role": "question", "label": None},
        {"role": "answer", "label": None},
        {"role": "question", "label": "Q"},
        {"role": "answer", "label": "SMITH"},
    ]
    assert score.compare_turns(gold, tmp_path) == ""
    assert score.compare_turns(gold[:3], tmp_path).startswith("turns: built 2Q/2A, gold 2Q/1A")
