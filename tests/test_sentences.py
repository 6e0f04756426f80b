"""The sentences table: boundaries (abbreviations, paragraphs), coverage of every turn,
and the sentence_id keys of mentions and figures. Expected sentences are written by
hand from the transcripts below."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.assemble import extract
from builder.nlp import blank_english
from builder.tables import Segment, _sentences
from builder.transcript import read_text
from repo import ROOT, SOURCES

FIXTURES = Path(__file__).parent / "fixtures"

ABBREVIATIONS = """\
Talks in Town

Q: Did Mr. Smith meet Dr. Jones in the U.S. on Jan. 5? Tell us.

A: No. They met on Feb. 3 at No. 5 Main St. in Washington. Lt. Col. Brown was there too.

Q: And the report?

A: See Fig. 2 on pp. 10-12, approx. 40 pages in all
and a second line of the same paragraph

Then a paragraph with no full stop

And the last one!
"""

EXPECTED = [
    ("title", "Talks in Town"),
    ("question", "Did Mr. Smith meet Dr. Jones in the U.S. on Jan. 5?"),
    ("question", "Tell us."),
    ("answer", "No."),
    ("answer", "They met on Feb. 3 at No. 5 Main St. in Washington."),
    ("answer", "Lt. Col. Brown was there too."),
    ("question", "And the report?"),
    ("answer", "See Fig. 2 on pp. 10-12, approx. 40 pages in all\n"
               "and a second line of the same paragraph"),
    ("answer", "Then a paragraph with no full stop"),
    ("answer", "And the last one!"),
]  # fmt: skip


def tables_of(tmp_path: Path, text: str) -> dict[str, list[dict]]:
    path = tmp_path / "talks.txt"
    path.write_text(text, encoding="utf-8")
    tables, _ = extract(sources_dir=SOURCES, transcript=path)
    return tables


def test_abbreviations_and_paragraphs(tmp_path):
    tables = tables_of(tmp_path, ABBREVIATIONS)
    assert [(s["role"], s["text"]) for s in tables["sentences"]] == EXPECTED
    ids = [s["sentence_id"] for s in tables["sentences"]]
    assert ids[0] == "talks-s001" and ids[-1] == "talks-s010"
    assert [s["seq"] for s in tables["sentences"]] == list(range(1, 11))
    answers = {a["answer_id"]: a["question_id"] for a in tables["answers"]}
    for s in tables["sentences"]:
        if s["role"] == "answer":
            assert answers[s["answer_id"]] == s["question_id"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Did you go? No. I stayed home.", ["Did you go?", "No.", "I stayed home."]),
        ("It is No. 10 Downing St. now.", ["It is No. 10 Downing St. now."]),
        ("They said no. 5 of them left.", ["They said no. 5 of them left."]),
        ("Mr. and Mrs. Ito came. They left.", ["Mr. and Mrs. Ito came.", "They left."]),
        ("One.\n\n\nTwo", ["One.", "Two"]),
        ("A list\n  \nwith a blank line", ["A list", "with a blank line"]),
    ],
)
def test_sentencizer(text, expected):
    assert [s.text.strip() for s in blank_english()(text).sents] == expected


def test_a_mention_across_a_boundary_joins_the_sentences():
    text = "See Fig. 3. It grew. Then it fell."
    doc = blank_english()(text)
    seg = [Segment("answer", 0, len(text))]
    assert [text[a:b] for a, b, _ in _sentences(text, seg, [doc], [])] == [
        "See Fig. 3.",
        "It grew.",
        "Then it fell.",
    ]
    crossing = (text.index("3"), text.index("grew"))
    assert [text[a:b] for a, b, _ in _sentences(text, seg, [doc], [crossing])] == [
        "See Fig. 3. It grew.",
        "Then it fell.",
    ]


def transcripts() -> list[Path]:
    return [ROOT / "sources" / "cooperation-gains-momentum.txt", *FIXTURES.glob("*.txt")]


@pytest.mark.parametrize("path", transcripts(), ids=lambda p: p.stem)
def test_every_character_of_a_turn_is_in_one_sentence(path):
    tables, _ = extract(sources_dir=SOURCES, transcript=path)
    source = read_text(path)
    sentences = tables["sentences"]
    owner = [0] * len(source)  # how many sentences hold each character
    for s in sentences:
        assert source[s["char_start"] : s["char_end"]] == s["text"]
        assert s["text"] == s["text"].strip()
        for i in range(s["char_start"], s["char_end"]):
            owner[i] += 1
    assert max(owner) == 1
    for turn in tables["questions"] + tables["answers"]:
        for i in range(turn["char_start"], turn["char_end"]):
            assert owner[i] == 1 or source[i].isspace(), (turn["text"], source[i])
        mine = [s for s in sentences if turn["char_start"] <= s["char_start"] < turn["char_end"]]
        assert mine and all(s["char_end"] <= turn["char_end"] for s in mine)
        key = "answer_id" if "answer_id" in turn else "question_id"
        assert {s[key] for s in mine} == {turn[key]}
    assert [s["char_start"] for s in sentences] == sorted(s["char_start"] for s in sentences)


@pytest.mark.parametrize("path", transcripts(), ids=lambda p: p.stem)
def test_mentions_and_figures_are_inside_their_sentence(path):
    tables, _ = extract(sources_dir=SOURCES, transcript=path)
    by_id = {s["sentence_id"]: s for s in tables["sentences"]}
    for table in ("entity_mentions", "figures"):
        for row in tables[table]:
            s = by_id[row["sentence_id"]]
            assert s["char_start"] <= row["char_start"] < row["char_end"] <= s["char_end"]
            for col in ("interview_id", "role", "question_id", "answer_id"):
                assert s[col] == row[col]


def test_every_russia_with_its_sentence(rows):
    # The example query, by hand: "Russia" is mentioned in the seed's sentences.
    by_id = {s["sentence_id"]: s["text"] for s in rows["sentences"]}
    said = [by_id[m["sentence_id"]] for m in rows["entity_mentions"] if m["entity_id"] == "russia"]
    assert said, "the seed mentions Russia"
    assert all("Russia" in s for s in said)
    money = next(f for f in rows["figures"] if f["kind"] == "money")
    assert by_id[money["sentence_id"]] == (
        "Last year, our trade turnover reached a respectable $2.6 billion."
    )
