"""Short interviews we wrote in other styles and domains (tests/fixtures/) each build
into a package that passes every check, with the turns a reader sees."""

import pytest

from builder.assemble import extract
from builder.build import build
from builder.validate import validate_package
from quality import ANNOTATIONS, FIXTURES
from repo import SOURCES


@pytest.mark.parametrize("name", sorted(ANNOTATIONS))
def test_fixture_builds_and_validates(name, tmp_path):
    summary = build(tmp_path / "out", transcript=FIXTURES / name, sources_dir=SOURCES)
    assert validate_package(tmp_path / "out") == []
    assert summary.rows["questions"] == ANNOTATIONS[name]["questions"]
    assert summary.rows["answers"] == ANNOTATIONS[name]["answers"]


@pytest.mark.parametrize("name", sorted(ANNOTATIONS))
def test_fixture_turns_alternate_with_the_right_speakers(name):
    tables, _ = extract(transcript=FIXTURES / name, sources_dir=SOURCES)
    turns = sorted(tables["questions"] + tables["answers"], key=lambda r: r["char_start"])
    assert [("answer_id" in t) for t in turns] == [False, True] * (len(turns) // 2)
    assert [t["speaker"] for t in turns] == ANNOTATIONS[name]["speakers"]
    for answer in tables["answers"]:
        assert answer["question_id"] == answer["answer_id"].replace("-a", "-q")
