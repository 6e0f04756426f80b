"""Page furniture after the last turn: cut off the last answer, kept, never read."""

import pytest

from builder.assemble import extract
from builder.backmatter import is_back_matter
from builder.build import build
from builder.transcript import parse
from builder.validate import validate_package
from repo import SOURCES

TEXT = (
    "Harbour Talks\n"
    "\n"
    "Q: How many ships came in 2010?\n"
    "\n"
    "A: About 1,200 ships.\n"
    "Back to you, Anna.\n"
    "\n"
    "Share\n"
    "Related: Port of Oslo handles 40 ships\n"
    "Tags: ports, Azerbaijan, 2010\n"
    "© 2011 Harbour Weekly. All rights reserved.\n"
)


@pytest.mark.parametrize(
    "line",
    ["Share", "Share this: Twitter Facebook", "Related: Port handles 40 ships",
     "Tags: ports, Azerbaijan", "Topics: energy", "Back to Interviews",
     "© 2011 Harbour Weekly. All rights reserved.", "date 2022-05-23 00:00"],
)  # fmt: skip
def test_back_matter_lines(line):
    assert is_back_matter(line)


@pytest.mark.parametrize(
    "line", ["Back to you, Anna.", "Thank you.", "About 1,200 ships.", "We will share it."]
)
def test_text_lines_are_not_back_matter(line):
    assert not is_back_matter(line)


def test_back_matter_is_cut_off_the_last_answer():
    t = parse(TEXT, "t.txt")
    back = TEXT[slice(*t.back_matter)]
    assert back.startswith("Share\n") and back.endswith("All rights reserved.")
    assert TEXT[t.turns[-1].start : t.turns[-1].end] == "About 1,200 ships.\nBack to you, Anna."


def test_an_answer_of_one_furniture_looking_line_keeps_it():
    text = "Q: And then?\n\nA: Share\n"
    t = parse(text, "t.txt")
    assert t.back_matter is None
    assert text[t.turns[-1].start : t.turns[-1].end] == "Share"


def test_back_matter_is_kept_and_not_read(tmp_path):
    path = tmp_path / "tail.txt"
    path.write_text(TEXT, encoding="utf-8")
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    # Worked out by hand: the question's year and the answer's ships; nothing from the
    # related link (40 ships), the tags (2010) or the copyright line (2011).
    assert [f["text"] for f in tables["figures"]] == ["2010", "About 1,200 ships"]
    assert [m["text"] for m in tables["entity_mentions"]] == []  # Azerbaijan is in a tag
    (interview,) = tables["interviews"]
    assert interview["back_matter"].startswith("Share")
    build(tmp_path / "out", transcript=path, sources_dir=SOURCES)
    assert validate_package(tmp_path / "out") == []
