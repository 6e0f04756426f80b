"""Page furniture before the first turn: recognised, kept, and never read as figures."""

import datetime as dt

import pytest

from builder.assemble import extract
from builder.build import build
from builder.frontmatter import furniture_kind, publication_date
from builder.transcript import parse
from builder.validate import validate_package
from repo import SOURCES

FURNITURE = [
    ("2011-05-03", "date"),
    ("3 May 201109:15", "date"),
    ("Updated: 3 May 2011, 09:15 GMT", "date"),
    ("Tuesday, 3 May 2011", "date"),
    ("12.03.2019 10:15", "date"),
    ("Retrieved 2024-02-01T08:30:00Z", "date"),
    ("09:15", "date"),
    ("Aired Sunday, October 4, 2009 - 10:00 ET", "date"),
    ("March 2019", "date"),
    ("EN RU AZ", "language"),
    ("en | ru | az", "language"),
    ("English | French", "language"),
    ("Home > News > Interviews", "navigation"),
    ("News › Interviews › Energy", "navigation"),
    ("Share Tweet Print", "navigation"),
    ("Share 12 Tweet 3", "navigation"),
    ("Read also: Trade grows 5% in 2019", "navigation"),
    ("Views: 1,234", "navigation"),
    ("5 min read", "navigation"),
    ("© 2011 Trend News Agency. All rights reserved.", "navigation"),
    ("Copyright 2023 CNBC LLC", "navigation"),
    ("Source: TASS", "byline"),
    ("By Sofia Marin, Transport Today", "byline"),
    ("Interview by Ann Lee", "byline"),
    ("Oslo. 12 March.", "dateline"),
    ("LONDON (Reuters) —", "dateline"),
    ("MOSCOW, May 3, 2011", "dateline"),
    ("Last Updated: Sunday, 4 May 2008, 09:17 GMT 10:17 UK", "date"),
    ("2011/05/03 23:53", "date"),
    ("viernes, 26 de junio de 2020", "date"),
    ("viernes, junio 26, 2020", "date"),
    ("26. Juni 2020", "date"),
    ("mardi 3 mai 2011", "date"),
    ("Print Mail Large Medium Small 0", "navigation"),
    ("Search the Site", "navigation"),
    ("Episode Transcript", "navigation"),
    ("CityRadio Home", "navigation"),
    ("You are here: Home", "navigation"),
    ("Back to Interviews", "navigation"),
    ("Journal : Harbour Weekly Date : Author : NA Page No. : 4", "navigation"),
    ("Ports grow 5% • Rail strike ends • Mayor opens bridge: officials • Rates hold", "navigation"),
    ("Photo by: cityradio.example", "byline"),
    ("This transcript has been edited for length and clarity.", "notice"),
    ("The article has been automatically translated into English.", "notice"),
    ("# 4 March 2014 10:05 (UTC +02:00)", "date"),
    ("20417", "navigation"),  # a page id alone on its line
    ("Follow us on CityRadio on Facebook and Twitter", "navigation"),
    ("Find us at Harbour Weekly", "navigation"),
    ("Click here to download the full interview", "navigation"),
    ("Click to go to", "navigation"),
    ("×", "navigation"),  # a close button
    ("<<", "navigation"),
    ("Release Date:", "navigation"),  # a field's name, its value on the next line
    ("Subject(s):", "navigation"),
    ("by Ana Lima, Staff Writer", "byline"),
    ("By Ana Lima - Harbour Weekly:", "byline"),
    ("THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM.", "notice"),
    ("Available transcripts are automatically generated. Accuracy is not guaranteed.", "notice"),
    ("The author(s) may have a position in any stocks mentioned.", "notice"),
    ("Advertisement", "navigation"),
    ("Sign up for our daily newsletter", "navigation"),
    ("Leave a comment", "navigation"),
    ("Watch: Minister on ports", "navigation"),
    ("(Getty Images)", "navigation"),
    ("AP Photo/Jane Doe", "navigation"),
    ("Pictured: Anna Berg in Oslo", "byline"),
]

TEXT = [
    "Building the Bridge",
    "Gas, Grids and the Road Ahead",
    "Cooperation Gains Momentum",
    "Q&A: The Museum That Moved",
    "Brexit | Europe",  # two parts not starting at Home: a title
    "Vision 2030",
    "By the way, we met in May.",
    "ASTANA (Energy Weekly) - Interview by Laura Kim.",
    "HANOI, June 2024 - Our correspondent spoke with the head of the union.",
    "Episode 12, recorded in Taipei.",
    "It is what it is",
    "Copyright Wars and the Music Trade",
    "Comments are welcome, he said.",
    "When did it open on 3 May 2011?",
    "Back to the Future of Ports: why cities still need harbours, and how they pay",
    "The Home Front",
    "Show Me the Money",
    "This interview is the third in our series.",
    "Ports • Rail",
    "Click Bait and the Future of News",
    "Follow the Money: Ports and Power",
    "Date: we met on Monday",  # a field word, then a sentence
    "by the harbour, at dawn",
    "The minister has a position in the cabinet.",
    "Yes.",
    "A",
    "Family Photos",
    "Video games and the new economy",
    "We subscribe to the newsletter idea.",
    "Anna Berg in Oslo on Monday, when the port reopened.",
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", TEXT)
def test_text_lines_are_not_furniture(line):
    assert furniture_kind(line) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("MOSCOW, May 3, 2011", dt.date(2011, 5, 3)),
        ("Oslo, 12 March 2019.", dt.date(2019, 3, 12)),
        ("Posted on 23 January 2019 at 10:15", dt.date(2019, 1, 23)),
        ("Published: 2019-01-23", dt.date(2019, 1, 23)),
        ("Aired Sunday, October 4, 2009 - 10:00 ET", dt.date(2009, 10, 4)),
        ("Oslo. 12 March.", None),  # no year: none is guessed
        ("2011-05-03", None),  # a bare date may be when the page was fetched
        ("3 May 201109:15", None),
        ("LONDON (Reuters) —", None),
    ],
)
def test_publication_date(line, date):
    assert publication_date(line, furniture_kind(line)) == date


CRAWLED = (
    "2011-05-03\n"
    "Home > Azerbaijan > Interviews\n"
    "Harbour Talks\n"
    "3 May 201109:15\n"
    "\n"
    "Baku, 2 May 2011.\n"
    "\n"
    "The minister of ports spoke to us about 40 new berths in Azerbaijan.\n"
    "\n"
    "Share Print\n"
    "\n"
    "Q: How many ships came in 2010?\n"
    "\n"
    "A: About 1,200 ships.\n"
)


def test_front_matter_block_and_title():
    t = parse(CRAWLED, "crawled.txt")
    assert CRAWLED[slice(*t.front_matter)] == "2011-05-03\nHome > Azerbaijan > Interviews"
    assert CRAWLED[slice(*t.title)] == "Harbour Talks"
    assert [CRAWLED[a:b] for a, b in t.intros] == [
        "3 May 201109:15",
        "Baku, 2 May 2011.",
        "The minister of ports spoke to us about 40 new berths in Azerbaijan.",
        "Share Print",
    ]
    assert [(CRAWLED[f.start : f.end], f.kind) for f in t.furniture] == [
        ("2011-05-03", "date"),
        ("Home > Azerbaijan > Interviews", "navigation"),
        ("3 May 201109:15", "date"),
        ("Baku, 2 May 2011.", "dateline"),
        ("Share Print", "navigation"),
    ]


def test_a_written_out_date_under_the_title_is_text_and_a_figure(tmp_path):
    """A date in words alone under the title is the interview's date line: text, read
    for figures; the same date before the title, or a machine stamp, stays furniture."""
    text = (
        "Tuesday, 4 March 2014\nHarbour Talks\nWednesday, 5 March 2014\n2014-03-06\n\n"
        "Q: Why?\n\nA: Because.\n"
    )
    t = parse(text, "t.txt")
    assert text[slice(*t.title)] == "Harbour Talks"
    assert [text[f.start : f.end] for f in t.furniture] == ["Tuesday, 4 March 2014", "2014-03-06"]
    assert [text[a:b] for a, b in t.intros] == ["Wednesday, 5 March 2014\n2014-03-06"]
    path = tmp_path / "dated.txt"
    path.write_text(text, encoding="utf-8")
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    assert [(f["text"], f["normalized"], f["role"]) for f in tables["figures"]] == [
        ("Wednesday, 5 March 2014", "2014-03-05", "intro")
    ]


def test_furniture_after_the_title_is_the_block_when_none_is_before():
    text = "Harbour Talks\n3 May 201109:15\nEN RU AZ\n\nIntro.\n\nQ: Why?\n\nA: Because.\n"
    t = parse(text, "t.txt", title="Harbour Talks")
    assert text[slice(*t.front_matter)] == "3 May 201109:15\nEN RU AZ"
    assert [text[a:b] for a, b in t.intros] == ["Intro."]


def test_furniture_is_kept_but_not_read_as_figures(tmp_path):
    path = tmp_path / "crawled.txt"
    path.write_text(CRAWLED, encoding="utf-8")
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    figures = [(f["text"], f["role"]) for f in tables["figures"]]
    # Worked out by hand: the furniture dates give nothing; the intro, question and
    # answer give their figures.
    assert figures == [
        ("about 40 new berths", "intro"),
        ("2010", "question"),
        ("About 1,200 ships", "answer"),
    ]
    (interview,) = tables["interviews"]
    assert interview["front_matter"] == "2011-05-03\nHome > Azerbaijan > Interviews"
    assert interview["title"] == "Harbour Talks"
    assert interview["published"] == dt.date(2011, 5, 2)  # from the dateline
    # Furniture is not read for entities: neither the navigation nor the dateline.
    mentions = [(m["text"], m["role"]) for m in tables["entity_mentions"]]
    assert mentions == [("Azerbaijan", "intro")]
    build(tmp_path / "out", transcript=path, sources_dir=SOURCES)
    assert validate_package(tmp_path / "out") == []


def test_a_short_line_between_two_furniture_lines_is_page_header():
    text = (
        "Harbour talk\nCityRadio Home\nExplore City Radio\nNews\n"
        "Updated: 3 May 2011\nThe minister spoke to us.\nQ: Ports?\nA: Many.\n"
    )
    t = parse(text, "x")
    assert text[slice(*t.title)] == "Harbour talk"
    assert [text[f.start : f.end] for f in t.furniture] == [
        "CityRadio Home", "Explore City Radio", "News", "Updated: 3 May 2011",
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == ["The minister spoke to us."]
