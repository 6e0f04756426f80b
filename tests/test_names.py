"""Merging gazetteer matches with model names, one id per person, stable ids."""

from collections import Counter

import pytest

from builder.entities import Match
from builder.names import (
    ModelEntities,
    common_word,
    constituency,
    entity_id_for,
    government_of,
    language_context,
    lower_case_words,
    merge,
    people_by_word,
    repeated_spans,
    surname_spans,
    title_cased,
    with_datelines,
)
from builder.ner import ModelSpan


def match(text, name, entity_id):
    start = text.index(name)
    return Match(start, start + len(name), entity_id, "name")


def span(text, name, label):
    start = text.index(name)
    return ModelSpan(start, start + len(name), label)


def merged(text, matches, names):
    kept, found = merge(text, matches, names)
    return [text[m.start : m.end] for m in kept], [(text[n.start : n.end], n.label) for n in found]


def test_the_gazetteer_wins_where_both_find_the_same_name():
    text = "Russia and Sochi."
    assert merged(text, [match(text, "Russia", "russia")], [span(text, "Russia", "ORG")]) == (
        ["Russia"],
        [],
    )


def test_a_model_name_crossing_a_gazetteer_name_is_dropped():
    text = "the Caspian Sea Basin"
    matches = [match(text, "Caspian Sea", "caspian-sea")]
    assert merged(text, matches, [span(text, "Sea Basin", "LOC")]) == (["Caspian Sea"], [])


def test_a_longer_official_name_is_one_span():
    text = "The Central Bank of Russia and the Indian Ocean."
    matches = [match(text, "Russia", "russia"), match(text, "Indian", "indian")]
    names = [span(text, "Central Bank of Russia", "ORG"), span(text, "Indian Ocean", "LOC")]
    assert merged(text, matches, names) == (
        [],
        [("Central Bank of Russia", "ORG"), ("Indian Ocean", "LOC")],
    )


def test_hyphenated_pairs_of_known_names_stay_two_mentions():
    text = "Russia-Azerbaijan and Russian-Azerbaijani talks"
    matches = [
        match(text, "Russia", "russia"),
        match(text, "Azerbaijan ", "azerbaijan"),
        match(text, "Russian", "russian"),
        match(text, "Azerbaijani", "azerbaijani"),
    ]
    matches[1] = Match(matches[1].start, matches[1].end - 1, "azerbaijan", "name")
    names = [span(text, "Russia-Azerbaijan", "GPE"), span(text, "Russian-Azerbaijani", "NORP")]
    kept, found = merged(text, matches, names)
    assert kept == ["Russia", "Azerbaijan", "Russian", "Azerbaijani"] and found == []


def test_a_joined_model_name_keeps_the_gazetteer_and_its_other_parts():
    text = "He lives in Moscow, Russia and Minsk."
    matches = [match(text, "Russia", "russia")]
    names = [span(text, "Moscow, Russia and Minsk", "GPE")]
    assert merged(text, matches, names) == (["Russia"], [("Moscow", "GPE"), ("Minsk", "GPE")])


def test_titles_around_a_gazetteer_name_do_not_make_a_longer_name():
    text = "the Russian Ambassador"
    matches = [match(text, "Russian", "russian")]
    assert merged(text, matches, [span(text, "Russian Ambassador", "ORG")]) == (["Russian"], [])


def test_first_and_last_names_link_to_the_one_full_name_they_belong_to():
    people = [("John Smith", "john-smith"), ("Jane Smith", "jane-smith"), ("Ana Sousa", "a")]
    assert people_by_word(people) == {"John": "john-smith", "Jane": "jane-smith", "Ana": "a",
                                      "Sousa": "a"}  # fmt: skip


def test_missed_surnames_are_found_as_people():
    text = "Sousa agreed. Then SOUSA and Sousas and sousa and Sousa."
    found = surname_spans(text, 0, len(text), {"Sousa"})
    assert [(text[n.start : n.end], n.label) for n in found] == [("Sousa", "PERSON")] * 2


def test_ids_are_slugs_of_names_and_avoid_gazetteer_ids():
    assert entity_id_for("John Smith", "PERSON", set()) == "john-smith"
    assert entity_id_for("JOHN SMITH", "PERSON", set()) == "john-smith"
    assert entity_id_for("Valparaíso", "GPE", set()) == "valparaiso"
    assert entity_id_for("Jordan", "PERSON", {"jordan"}) == "jordan-person"


def test_type_and_name_do_not_depend_on_the_order_of_interviews():
    a, b = ModelEntities(), ModelEntities()
    a.add("x", "JOHN X", "PERSON")
    a.add("x", "John X", "ORG")
    b.add("x", "John X", "PERSON")
    one, two = ModelEntities(), ModelEntities()
    one.update(a), one.update(b)
    two.update(b), two.update(a)
    assert one.type_of("x") == two.type_of("x") == "PERSON"
    assert one.name_of("x") == two.name_of("x") == "John X"
    tie = ModelEntities()
    tie.add("y", "Y", "ORG")
    tie.add("y", "Y", "GPE")
    assert tie.type_of("y") == "GPE"  # alphabetical on a tie
    assert tie.types["y"] == Counter({"ORG": 1, "GPE": 1})


def test_a_long_name_the_model_found_once_is_a_mention_wherever_it_is_written():
    text = "The Blue Lagoon Trust said so; Blue Lagoon Trustees and the Blue Lagoon Trust agree."
    found = repeated_spans(text, 0, len(text), {"Blue Lagoon Trust": "ORG"})
    assert [(n.start, text[n.start : n.end], n.label) for n in found] == [
        (4, "Blue Lagoon Trust", "ORG"),
        (text.rindex("Blue"), "Blue Lagoon Trust", "ORG"),
    ]  # not inside "Blue Lagoon Trustees"


def test_only_a_headline_in_title_case_is_a_headline():
    assert title_cased("Minister Says Talks With Neighbours Will Resume in Spring")
    assert title_cased("Transcript: Interview With the Governor of the Central Bank")
    assert not title_cased("Minister says talks with neighbours will resume in spring")
    assert not title_cased(
        "OSLO (Wire) — Here is a transcript of an interview on Monday with Ann Lee, head "
        "of the Northern Savings Bank. It has been edited for length."
    )


def test_datelines_in_front_matter_are_places():
    text = "OSLO (Wire) — Here is the interview.\nPORT ALVA: The minister spoke."
    assert [(text[n.start : n.end], n.label) for n in with_datelines(text, [])] == [
        ("OSLO", "GPE")
    ]  # a colon dateline counts only where the model saw a name in it
    port = span(text, "PORT", "ORG")
    assert [(text[n.start : n.end], n.label) for n in with_datelines(text, [port])] == [
        ("OSLO", "GPE"),
        ("PORT ALVA", "GPE"),
    ]
    wire = span(text, "OSLO (Wire", "ORG")  # a model name reaching past it wins
    assert [text[n.start : n.end] for n in with_datelines(text, [wire])] == ["OSLO (Wire"]


def test_a_capitalised_common_word_the_text_also_writes_in_lower_case_is_no_name():
    text = "Healthcare. We fund healthcare, the board and Anna Board. The US told us."
    lower = lower_case_words(text)
    people = {"Anna", "Board"}
    assert common_word("Healthcare", lower, people)
    assert not common_word("Board", lower, people)  # a person's surname
    assert not common_word("US", lower, people)  # an acronym, not title case
    assert not common_word("Tollan", lower, people)  # never written in lower case
    assert not common_word("Health Board", lower, people)  # two words


def in_language_place(text, name, adjective=True):
    start = text.index(name)
    return language_context(text, start, start + len(name), adjective)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We have interpretation in Vantish and Orlish here now.", "Vantish"),
        ("We have interpretation in Vantish and Orlish here now.", "Orlish"),  # a later item
        ("the official languages, Vantish, Orlish and Kesh, as well as in Dorian.", "Kesh"),
        ("the official languages, Vantish, Orlish and Kesh, as well as in Dorian.", "Dorian"),
        ("He translates from Vantish into Orlish as follows:", "Orlish"),
        ("He translates from Vantish into Orlish as follows:", "Vantish"),
        ("They do not understand the Orlish language.", "Orlish"),
        ("a Vantish-speaking town", "Vantish"),
        ("Can you say that in Orlish?", "Orlish"),
    ],
)
def test_a_name_in_a_languages_place_is_a_language(text, name):
    assert in_language_place(text, name)


@pytest.mark.parametrize(
    ("text", "name", "adjective"),
    [
        ("They invest in Orlish territory.", "Orlish", True),  # an adjective before its noun
        ("They invest in Vantish, Orlish and Kesh firms.", "Vantish", True),  # the list's noun
        ("The Orlish side agreed.", "Orlish", True),  # no language word around it
        ("The Orlish were there.", "Orlish", True),
        ("He grew up in Vantmouth.", "Vantmouth", False),  # a place, not a language word
        ("Talks in Vantmouth and Kesh are over.", "Kesh", False),
        ("Many Orlish speak it, in Kesh.", "Kesh", False),
        ("It was said in Orlians.", "Orlians", True),  # a people, in the plural
    ],
)
def test_a_name_elsewhere_is_no_language(text, name, adjective):
    assert not in_language_place(text, name, adjective)


def test_languages_before_a_list_make_any_name_in_it_a_language():
    text = "in four languages, Vantish, Orlish and Hindi."
    assert in_language_place(text, "Hindi", adjective=False)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("My question is to the member for Dawson in his capacity", "Dawson", True),
        ("our candidate in the seat of Griffith is", "Griffith", True),
        ("the MP for Kesh North said", "Kesh North", True),
        ("a member of Dawson's staff", "Dawson", False),
        ("He asked Dawson for it", "Dawson", False),
        ("we voted for Griffith", "Griffith", False),
    ],
)
def test_a_name_in_a_constituencys_place_is_a_gpe(text, name, expected):
    assert constituency(text, text.index(name)) is expected


def test_a_place_after_government_of_with_a_capital_makes_one_official_name():
    text = "The Government of Kesh said so, and the government of Kesh agreed."
    first, second = (i for i in range(len(text)) if text.startswith("Kesh", i))
    assert government_of(text, first) == text.index("Government")
    assert government_of(text, second) is None  # lower case: the place alone
    assert government_of("It told Kesh.", 8) is None
    title = "the Heads of State and Government of Kesh met"
    assert government_of(title, title.index("Kesh")) is None  # a title, not a name


def test_names_the_model_found_are_not_repeated_inside_a_web_address():
    text = "Kesh News said it. Read more on Kesh.com or at web.org/Kesh today."
    assert [text[n.start : n.end] for n in repeated_spans(text, 0, len(text), {"Kesh": "ORG"})] == [
        "Kesh"
    ]
