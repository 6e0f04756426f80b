"""Speakers are people: labels link turns to PERSON entities."""

import pytest

from builder.assemble import extract
from builder.ner import load_ner
from builder.speakers import person_in_label, role_in_label, title_case
from builder.transcript import parse
from repo import SOURCES

RADIO = """\
Tariffs, grain and the long road to Lisbon

MARIA OKONJO, HOST: Good evening. Joining me is Trade Minister Daniel Brenner. Minister \
Brenner, welcome.

DANIEL BRENNER, TRADE MINISTER: Thank you, Maria. It's good to be back on the radio.

OKONJO: Your government signed the grain accord with Portugal. Is that right?

BRENNER: Yes. Governor Ana Sousa told me on Friday that the board agreed. Sousa has \
been very supportive.

OKONJO. So, these tariffs will stay in place for Chilean wheat?

BRENNER: For now. The Chile-Argentina corridor remains open.
"""

ROLES = """\
A talk with the premier

Prime Minister Jane Doe spoke to us in her office.

INTERVIEWER: What comes next?

PRIME MINISTER: A budget.

INTERVIEWER: When?

PRIME MINISTER: In spring.
"""


@pytest.mark.parametrize(
    ("label", "person", "role"),
    [
        ("JOHN SMITH, HOST", "JOHN SMITH", ("host",)),
        ("Foreign Minister, Sergey Lavrov", "Sergey Lavrov", ("foreign", "minister")),
        ("INTERVIEWER (Jane Doe)", "Jane Doe", ("interviewer",)),
        ("PRIME MINISTER", None, ("prime", "minister")),
        ("Trade Minister", None, ("trade", "minister")),
        ("Minister Brenner", "Brenner", ()),
        ("SMITH", "SMITH", ()),
        ("Q", None, ("q",)),
        ("Mr. TOM LEE (Chief Correspondent, City Radio)", "TOM LEE", ("chief", "correspondent")),
        ("Ruth Okafor (RO)", "Ruth Okafor", ()),
        ("CYNTHIA McFADDEN", "CYNTHIA McFADDEN", ()),
        ("U.S. SECRETARY OF STATE ANN LEE", "ANN LEE", ()),
        ("Kesh President Bo Kim", "Bo Kim", ()),
        ("Secretary of the Treasury Bo Kim", "Bo Kim", ()),
        ("Minister of Foreign Affairs Bo Kim", "Bo Kim", ()),
        ("Kesh News (Host Ann Lee)", "Ann Lee", ()),
        ("Kesh News", None, ()),
        ("Ann News", None, ()),  # a surname that names outlets: read as an outlet
    ],
)
def test_a_label_gives_a_person_or_a_role(label, person, role):
    assert person_in_label(label) == person
    assert role_in_label(label) == role


def test_names_in_capitals_are_written_in_title_case():
    assert title_case("JOHN SMITH") == "John Smith"
    assert title_case("JEAN-PIERRE DUPONT") == "Jean-Pierre Dupont"
    assert title_case("Ana de Sousa") == "Ana de Sousa"


def test_a_known_speaker_with_a_period_is_still_a_label():
    turns = parse(RADIO, "radio.txt").turns
    assert [t.label for t in turns] == [
        "MARIA OKONJO, HOST:", "DANIEL BRENNER, TRADE MINISTER:", "OKONJO:", "BRENNER:",
        "OKONJO.", "BRENNER:",
    ]  # fmt: skip
    assert [t.role for t in turns] == ["question", "answer"] * 3


def test_a_period_after_an_unknown_capital_word_is_text():
    text = "T\n\nSMITH: Yes?\n\nJONES: No.\n\nSMITH: Why?\n\nJONES: NATO. It said no.\n"
    assert [t.label for t in parse(text, "t.txt").turns] == ["SMITH:", "JONES:"] * 2


@pytest.fixture(scope="module")
def radio(tmp_path_factory):
    path = tmp_path_factory.mktemp("radio") / "radio.txt"
    path.write_text(RADIO, encoding="utf-8")
    tables, _ = extract(transcript=path, model=load_ner(), sources_dir=SOURCES)
    return tables


def test_every_turn_of_a_named_speaker_links_to_one_person(radio):
    assert [q["speaker_entity_id"] for q in radio["questions"]] == ["maria-okonjo"] * 3
    assert [a["speaker_entity_id"] for a in radio["answers"]] == ["daniel-brenner"] * 3


def test_first_names_and_surnames_link_to_the_full_name(radio):
    mentions = [(m["text"], m["entity_id"], m["form"]) for m in radio["entity_mentions"]]
    assert ("Maria", "maria-okonjo", "short") in mentions  # the host's name is in her label
    assert ("Brenner", "daniel-brenner", "short") in mentions
    assert ("Sousa", "ana-sousa", "short") in mentions
    entities = {e["entity_id"]: e for e in radio["entities"]}
    assert entities["daniel-brenner"]["type"] == "PERSON"
    assert entities["maria-okonjo"]["name"] == "Maria Okonjo"
    assert "trade" not in entities  # "Trade" in "Trade Minister" is part of the title


def test_interviewer_and_interviewee_come_from_the_labels(radio):
    (row,) = radio["interviews"]
    assert (row["interviewer"], row["interviewee"]) == ("Maria Okonjo", "Daniel Brenner")


def test_a_role_label_names_the_person_the_text_gives_that_title(tmp_path):
    path = tmp_path / "premier.txt"
    path.write_text(ROLES, encoding="utf-8")
    tables, _ = extract(transcript=path, model=load_ner(), sources_dir=SOURCES)
    assert [a["speaker_entity_id"] for a in tables["answers"]] == ["jane-doe"] * 2
    assert [q["speaker_entity_id"] for q in tables["questions"]] == [None] * 2
    assert tables["interviews"][0]["interviewee"] == "Jane Doe"


def test_a_speaker_the_text_never_names_is_an_entity_from_the_label(tmp_path):
    path = tmp_path / "quiet.txt"
    path.write_text(
        "Quiet\n\nLENA VOSS, HOST: Are you well?\n\nOTTO KRAUSE: I am.\n\n"
        "VOSS: Good?\n\nKRAUSE: Yes.\n",
        encoding="utf-8",
    )
    tables, _ = extract(transcript=path, model=load_ner(), sources_dir=SOURCES)
    entities = {e["entity_id"]: e for e in tables["entities"]}
    assert entities["otto-krause"]["source"] == "speaker_label"
    assert entities["otto-krause"]["n_mentions"] == 0
    assert entities["otto-krause"]["name"] == "Otto Krause"


def test_a_turn_under_initials_names_the_full_labels_person():
    text = "Ports\n\nRuth Okafor (RO): Why?\n\nTom Lee: Trade.\n\nRO: More?\n\nTL: No.\n"
    people = [person_in_label(t.speaker_name) for t in parse(text, "x").turns]
    assert people == ["Ruth Okafor", "Tom Lee", "Ruth Okafor", "Tom Lee"]
