"""Page furniture found from a line's place in the page: a heading repeated, the page
header between the title line and its repeat, a promotion box before the interview,
and advert, share and related-link lines between turns (kept, never read)."""

from builder.assemble import extract
from builder.build import build
from builder.transcript import parse
from builder.validate import validate_package
from repo import SOURCES


def _furniture(text: str) -> list[str]:
    t = parse(text, "t.txt")
    return [text[f.start : f.end] for f in t.furniture]


def test_a_heading_repeated_on_the_next_line_is_a_duplicate():
    text = (
        "Harbour chief: 'Ports must grow'\n\n"
        "Harbour chief: <b>'Ports must grow'</b>\n\n"
        "Anna Berg runs the port of Oslo.\n\nQ: Why?\n\nA: Trade.\n"
    )
    t = parse(text, "t.txt")
    assert text[slice(*t.title)] == "Harbour chief: 'Ports must grow'"
    assert _furniture(text) == ["Harbour chief: <b>'Ports must grow'</b>"]
    assert [text[a:b] for a, b in t.intros] == ["Anna Berg runs the port of Oslo."]


def test_a_sentence_said_twice_at_the_top_is_not_a_duplicate():
    text = "Ports must grow.\n\nPorts must grow.\n\nQ: Why?\n\nA: Trade.\n"
    assert _furniture(text) == []


def test_a_repeated_line_below_the_heading_is_text():
    """Only the heading's own repeat is a duplicate: a caption quoted twice, or a place
    named twice, further down is what the page says."""
    text = (
        "Harbour Talks\n\nOslo, Norway\n\nOslo, Norway\n\n"
        "The minister spoke to us.\n\nQ: Why?\n\nA: Trade.\n"
    )
    assert _furniture(text) == []


def test_the_header_between_the_title_line_and_its_repeat_is_furniture():
    text = (
        "Harbour Talks with Anna Berg\n\nCityRadio Releases\n\n"
        "News for Bergen, Oslo and the Whole Coast\n\n"
        "Harbour Talks with Anna Berg\n\nThe minister spoke to us in 2019.\n\n"
        "Q: Why?\n\nA: Trade.\n"
    )
    t = parse(text, "t.txt")
    assert _furniture(text) == ["CityRadio Releases", "News for Bergen, Oslo and the Whole Coast"]
    assert [text[a:b] for a, b in t.intros] == [
        "Harbour Talks with Anna Berg",  # the article's heading stays text
        "The minister spoke to us in 2019.",
    ]


def test_a_sentence_or_a_date_line_between_title_and_repeat_keeps_them_text():
    sentence = "Anna Berg\n\nThe minister spoke to us.\n\nAnna Berg\n\nQ: Why?\n\nA: Trade.\n"
    assert _furniture(sentence) == []
    dated = (
        "Anna Berg\n\nMonday, October 16, 2006\n\nSpeaker\n\nAnna Berg\n\nQ: Why?\n\nA: Trade.\n"
    )
    assert _furniture(dated) == []


def test_a_teaser_the_next_paragraph_goes_on_from_is_furniture():
    text = (
        "An interview with Anna Berg\n\n"
        "“Ports are where a country meets the world, and we have to keep them open…\n\n"
        "“Ports are where a country meets the world, and we have to keep them open for "
        "trade,” she says.\n\nQ: Why?\n\nA: Trade.\n"
    )
    assert _furniture(text) == [
        "“Ports are where a country meets the world, and we have to keep them open…"
    ]


PROMOTED = (
    "Harbour Talks\n\n"
    "Anna Berg joins us to talk about ports.\n\n"
    "5 ports we like better than Oslo\n"
    "Our analysts have picked the best ports for 2019. They beat the market.*\n\n"
    "Click here to learn about these picks!\n\n"
    "*Returns as of January 2, 2019\n\n"
    "Q: How did Oslo do in 2019?\n\nA: It grew by 5 percent.\n"
)


def test_a_promotion_box_before_the_interview_is_furniture(tmp_path):
    assert _furniture(PROMOTED) == [
        "5 ports we like better than Oslo",
        "Our analysts have picked the best ports for 2019. They beat the market.*",
        "Click here to learn about these picks!",
        "*Returns as of January 2, 2019",
    ]
    path = tmp_path / "promoted.txt"
    path.write_text(PROMOTED, encoding="utf-8")
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    # Worked out by hand: only the question and the answer give figures.
    assert [(f["text"], f["role"]) for f in tables["figures"]] == [
        ("2019", "question"),
        ("5 percent", "answer"),
    ]


def test_a_call_to_watch_the_pages_own_video_keeps_its_headline():
    text = (
        "Harbour Talks\n\nAnna Berg joins us.\n\nPorts and power\n"
        "The minister talked about ports.\n\nClick to watch the video\n\n"
        "Q: Why?\n\nA: Trade.\n"
    )
    assert _furniture(text) == ["Click to watch the video"]


BETWEEN = (
    "Ports and Power\n\n"
    "Q: How did the harbour grow in 2019?\n\n"
    "A: It grew by 5 percent, mostly thanks to trade with Norway.\n\n"
    "Advertisement\n\n"
    "Related stories\n"
    "Rail strike ends in Norway after 12 days\n"
    "Mayor of Oslo opens new bridge\n\n"
    "Q: And next year?\n\n"
    "A: Yes.\n"
    "Share\n"
    "Thank you.\n"
    "00:14:05\n"
    "Azerbaijan is the next stop, said Anna Berg, in 2020.\n"
)


def test_furniture_between_turns_stays_in_the_turn_but_is_not_read(tmp_path):
    t = parse(BETWEEN, "t.txt")
    assert [BETWEEN[f.start : f.end] for f in t.turn_furniture] == [
        "Advertisement",
        "Related stories",
        "Rail strike ends in Norway after 12 days",
        "Mayor of Oslo opens new bridge",
        "Share",
        "00:14:05",
    ]
    first = BETWEEN[t.turns[1].start : t.turns[1].end]
    assert first.endswith("Mayor of Oslo opens new bridge")  # kept in the answer
    last = BETWEEN[t.turns[-1].start : t.turns[-1].end]
    assert last.startswith("Yes.\nShare\nThank you.")
    path = tmp_path / "between.txt"
    path.write_text(BETWEEN, encoding="utf-8")
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    # Worked out by hand: nothing from the advert or the related headlines.
    assert [f["text"] for f in tables["figures"]] == ["2019", "5 percent", "2020"]
    # The gazetteer knows Norway and Azerbaijan: Norway in the related headline is not read.
    assert [m["text"] for m in tables["entity_mentions"]] == ["Norway", "Azerbaijan"]
    # The furniture is in the answer's sentences (coverage) and the package validates.
    sentences = [s["text"] for s in tables["sentences"]]
    assert "Advertisement" in sentences and "Share" in sentences
    build(tmp_path / "out", transcript=path, sources_dir=SOURCES)
    assert validate_package(tmp_path / "out") == []


def test_short_answers_and_sentences_between_turns_are_read():
    text = (
        "Q: Is it open?\n\nA: Yes.\n\nQ: And Oslo?\n\nA: Thank you.\nMore on that later.\n"
        "Related to that, Oslo grew.\n"
    )
    t = parse(text, "t.txt")
    assert t.turn_furniture == ()
