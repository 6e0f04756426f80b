"""Lines in capitals are read case-restored by the model, offset for offset."""

import spacy

from builder.ner import find_names
from builder.recase import has_capitals, in_capitals, mixed_case_forms, recased


def restore(*texts):
    forms = mixed_case_forms(texts)
    return [recased(t, forms) for t in texts]


def test_a_short_line_in_capitals_reads_as_names_with_the_interviews_own_forms():
    header = "CITY FM 9XY – ANNA, TOM & JO\nMORNING SHOW"
    body = "Welcome to the morning show on City FM. The show starts now."
    assert restore(header, body)[0] == "City FM 9XY – Anna, Tom & Jo\nMorning show"


def test_function_words_are_lower_case_and_a_line_starts_with_a_capital():
    assert restore("THE INSTITUTE OF ORBITAL SCIENCE")[0] == "The Institute of Orbital Science"


def test_a_long_line_in_capitals_keeps_only_known_forms_capitalised():
    line = "WE SAW THE NEW PLANT IN OSLO. PRICES WENT UP AGAIN AT NORDFLOW AND IN THE U.S."
    other = "Nordflow opened a plant, said Nordflow."
    # NORDFLOW is written "Nordflow" mid-sentence elsewhere; OSLO is not: lower case.
    assert restore(line, other)[0] == (
        "We saw the new plant in oslo. Prices went up again at Nordflow and in the U.S."
    )


def test_acronyms_the_interview_writes_in_capitals_stay_capitals():
    assert restore("REPORT BY THE NSA AND ACME", "The NSA said no.")[0] == (
        "Report by the NSA and Acme"
    )


def test_mixed_case_and_one_word_lines_are_left_alone():
    assert not in_capitals("BAKU, Azerbaijan, 20 May")
    assert not in_capitals("NASA")
    assert in_capitals("JANE DOE")
    text = "Jane DOE met the IMF.\nNASA"
    assert restore(text)[0] == text


def test_every_restored_text_has_the_same_length_as_the_original():
    texts = ["İSTANBUL MEETING – ÅSA ØSTBY", "STRASSE UND GROẞE", "Ordinary text."]
    assert [len(t) for t in restore(*texts)] == [len(t) for t in texts]


def test_the_model_finds_names_in_capitals_at_their_original_offsets():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": [{"TEXT": "Jane"}, {"TEXT": "Doe"}]}]
    )
    text = "GUESTS\nJANE DOE\nJane Doe said hello."
    (names,) = find_names(nlp, [text])
    assert [(text[n.start : n.end], n.label) for n in names] == [
        ("JANE DOE", "PERSON"),
        ("Jane Doe", "PERSON"),
    ]


def test_only_interviews_with_a_line_in_capitals_need_restoring():
    assert has_capitals(["Intro.\nJANE DOE\nText."])
    assert not has_capitals(["The NASA team met in BAKU, Azerbaijan.\nOK"])
