"""Entities: one stable id per real-world entity, every mention found, nothing else."""

import csv

import pytest
import spacy

from builder.assemble import extract
from builder.build import build
from builder.candidates import CandidateFinder, capitalised_words
from builder.entities import EntityFinder, country_code
from builder.errors import BuildError
from builder.ner import load_ner
from builder.nlp import blank_english
from builder.sources import GazetteerEntry, read_gazetteer
from repo import SOURCES


@pytest.fixture(scope="module")
def finder():
    return EntityFinder(read_gazetteer(SOURCES))


def found(finder, text, interview_id=None):
    doc = blank_english()(text)
    return [(text[m.start : m.end], m.entity_id, m.form) for m in finder.find(doc, interview_id)]


def test_possessive_is_outside_the_span(finder):
    assert found(finder, "What are Russia’s current initiatives? Iran's too.") == [
        ("Russia", "russia", "name"),
        ("Iran", "iran", "name"),
    ]


def test_longest_name_wins_where_names_nest(finder):
    assert found(finder, "co-chairs of the OSCE Minsk Group and the OSCE") == [
        ("OSCE Minsk Group", "osce-minsk-group", "name"),
        ("OSCE", "osce", "name"),
    ]


def test_all_forms_share_one_id(finder):
    text = (
        "The Eurasian Economic Union (EAEU) and the Minsk Group; the Republic of "
        "Azerbaijan, that is Azerbaijan."
    )
    assert found(finder, text) == [
        ("Eurasian Economic Union", "eurasian-economic-union", "name"),
        ("EAEU", "eurasian-economic-union", "acronym"),
        ("Minsk Group", "osce-minsk-group", "short"),
        ("Republic of Azerbaijan", "azerbaijan", "official"),
        ("Azerbaijan", "azerbaijan", "name"),
    ]


def test_names_match_on_word_boundaries_and_case(finder):
    assert found(finder, "Russians, Russian, RUSSIA, Prussia, eu, EUR") == [
        ("Russians", "russian", "alternative"),
        ("Russian", "russian", "name"),
    ]


def test_scoped_alias_applies_only_in_its_interview(finder):
    text = "The Embassy is in permanent contact."
    assert found(finder, text, "cooperation-gains-momentum") == [
        ("Embassy", "russian-embassy-in-azerbaijan", "short")
    ]
    assert found(finder, text, "another-interview") == []
    assert found(finder, text) == []


def test_country_codes_come_from_pycountry():
    by_id = {e.entity_id: e for e in read_gazetteer(SOURCES)}
    assert country_code(by_id["russia"]) == "RU"
    assert country_code(by_id["iran"]) == "IR"
    assert country_code(by_id["baku"]) is None
    fake = GazetteerEntry("atlantis", "Atlantis", "GPE", "country", None, None, "x",
                          [("Atlantis", "name", None)])  # fmt: skip
    with pytest.raises(BuildError, match="not in pycountry"):
        country_code(fake)


def test_seed_mentions(rows):
    mentions = rows["entity_mentions"]
    by_entity = {}
    for m in mentions:
        by_entity.setdefault(m["entity_id"], []).append(m["text"])
    # Counted by hand in the transcript (word-boundary, case-sensitive).
    assert by_entity["collective-security-treaty-organization"] == [
        "Collective Security Treaty Organization", "CSTO",
        "Collective Security Treaty Organization", "CSTO",
    ]  # fmt: skip
    assert by_entity["eurasian-economic-union"] == [
        "Eurasian Economic Union", "EAEU", "Eurasian Economic Union", "EAEU"
    ]  # fmt: skip
    assert by_entity["osce-minsk-group"] == ["OSCE Minsk Group", "Minsk Group", "Minsk Group"]
    # grep -ow Russia / Azerbaijan on the transcript: 35 and 32 (one is "Republic of ...").
    assert len(by_entity["russia"]) == 35 and len(by_entity["azerbaijan"]) == 32
    assert "osce" not in by_entity
    assert len(by_entity["iran"]) == 1 and len(by_entity["iranian"]) == 1
    texts = {m["text"] for m in mentions}
    assert not texts & {"Q", "A", "Question", "Answer", "August", "September", "First"}


def test_entity_counts_agree_with_mentions(rows):
    counts = {}
    for m in rows["entity_mentions"]:
        counts[m["entity_id"]] = counts.get(m["entity_id"], 0) + 1
    for e in rows["entities"]:
        assert e["n_mentions"] == counts.get(e["entity_id"], 0)


def test_entities_are_those_mentioned_and_those_they_relate_to(rows):
    mentioned = {m["entity_id"] for m in rows["entity_mentions"]}
    listed = {e["entity_id"] for e in rows["entities"]}
    related = {e["related_entity_id"] for e in rows["entities"]} - {None}
    assert listed == mentioned | related
    assert "armenia" in listed and "georgia" not in listed


def test_demonyms_are_norp_entities_linked_to_their_place(rows):
    entities = {e["entity_id"]: e for e in rows["entities"]}
    assert entities["russian"]["type"] == "NORP"
    assert entities["russian"]["related_entity_id"] == "russia"
    assert entities["azerbaijani"]["related_entity_id"] == "azerbaijan"


def test_every_sovereign_country_has_a_demonym_as_data():
    from builder.sources import read_demonyms

    demonyms = read_demonyms(SOURCES)
    related = {e.related_entity_id for e in demonyms}
    countries = {e.entity_id for e in read_gazetteer(SOURCES) if e.category == "country"}
    assert related - {None} <= countries
    assert len(related & countries) >= 193  # the UN's members, and territories with one
    for must in ("united-states", "china", "france", "germany", "nigeria", "brazil", "russia"):
        assert must in related
    forms = {name: e.entity_id for e in demonyms for name, _, _ in e.names}
    assert forms["Russians"] == forms["Russian"] == "russian"
    assert forms["Azeri"] == "azerbaijani"
    assert all(e.type == "NORP" and e.names[0][1] == "name" for e in demonyms)


def test_a_demonym_row_without_its_adjective_is_refused(tmp_path):
    import shutil

    from builder.sources import read_demonyms
    from repo import ROOT

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    with (sources / "demonyms.csv").open("a", encoding="utf-8") as f:
        f.write("martian,Martians,alternative,\n")
    with pytest.raises(BuildError, match=r"demonyms.csv:\d+: .*martian"):
        read_demonyms(sources)


def propose(text):
    doc = blank_english()(text)
    known = [(m.start, m.end) for m in EntityFinder(read_gazetteer(SOURCES)).find(doc)]
    found = CandidateFinder().find(doc, known, capitalised_words(doc))
    return [(c.text, c.suggested_type) for c in found]


def test_candidates_are_names_the_gazetteer_lacks():
    text = (
        "Yesterday Foreign Minister Sergey Lavrov met the Islamic Development Bank in Tbilisi. "
        "Moreover, Russia and IRENA spoke. The Trans-Anatolian Pipeline opens in May."
    )
    assert propose(text) == [
        ("Sergey Lavrov", "PERSON"),
        ("Islamic Development Bank", "ORG"),
        ("Tbilisi", "GPE"),
        ("IRENA", "ORG"),
        ("Trans-Anatolian Pipeline", "FAC"),
    ]


def test_head_word_of_a_name_with_of_and_inside_a_word():
    assert propose("We wrote to the Ministry of Agriculture and to Agribank.") == [
        ("Ministry of Agriculture", "ORG"),
        ("Agribank", "ORG"),
    ]


def test_a_possessive_proves_a_sentence_initial_name():
    assert [text for text, _ in propose("Rembrandt's drawings came. Let’s see.")] == ["Rembrandt"]


def test_sentence_initial_word_is_a_candidate_only_if_capitalised_elsewhere():
    assert propose("Frankly, it works.") == []
    assert propose("Kyiv is large. We went to Kyiv.") == [("Kyiv", "GPE"), ("Kyiv", "GPE")]


CHESS = "Chess talk\n\nQ: Did Magnus Carlsen play in Baku?\n\nA: Yes, he won there in May.\n"


def test_without_ner_the_review_file_proposes_unknown_names_and_strict_refuses(tmp_path):
    transcript = tmp_path / "chess.txt"
    transcript.write_text(CHESS.replace("won there", "won at the Baku Olympiad"), "utf-8")
    out = tmp_path / "out"
    summary = build(out, transcript=transcript, ner_model=None, sources_dir=SOURCES)
    assert summary.n_candidates == 2
    with (out / "review" / "entity-candidates.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["text"], r["suggested_type"], r["source"], r["first_line"]) for r in rows] == [
        ("Magnus Carlsen", "PERSON", "rules", "3"),
        ("Baku Olympiad", "EVENT", "rules", "5"),
    ]
    with (out / "data" / "csv" / "entities.csv").open(encoding="utf-8") as f:
        assert [r["entity_id"] for r in csv.DictReader(f)] == ["baku"]
    before = (out / "datapackage.json").read_bytes()
    with pytest.raises(BuildError, match="2 name.*Magnus Carlsen"):
        build(out, transcript=transcript, strict=True, ner_model=None, sources_dir=SOURCES)
    assert (out / "datapackage.json").read_bytes() == before


def test_model_names_are_published_listed_for_review_and_strict_refuses(tmp_path):
    transcript = tmp_path / "chess.txt"
    transcript.write_text(CHESS, "utf-8")
    out = tmp_path / "out"
    summary = build(out, transcript=transcript, sources_dir=SOURCES)
    assert summary.n_candidates == 1
    with (out / "review" / "entity-candidates.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # The type is the model's (measured on the held-out set, not asserted here).
    assert [(r["text"], r["source"], r["entity_id"]) for r in rows] == [
        ("Magnus Carlsen", "model", "magnus-carlsen")
    ]
    with (out / "data" / "csv" / "entities.csv").open(encoding="utf-8") as f:
        entities = {r["entity_id"]: r for r in csv.DictReader(f)}
    assert entities["magnus-carlsen"]["source"] == "model"
    assert entities["baku"]["source"] == "gazetteer"
    with pytest.raises(BuildError, match="1 name.*Magnus Carlsen"):
        build(out, transcript=transcript, strict=True, sources_dir=SOURCES)


@pytest.mark.slow
def test_a_curated_name_takes_the_gazetteer_id_and_type(tmp_path):
    import shutil

    from repo import ROOT

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    (sources / "chess.txt").write_text(CHESS, "utf-8")
    with (sources / "interviews.csv").open("a", encoding="utf-8") as f:
        f.write("chess,chess.txt,Chess talk" + "," * 10 + "\n")
    with (sources / "gazetteer.csv").open("a", encoding="utf-8") as f:
        f.write("carlsen,Magnus Carlsen,PERSON,person,Q106807,,Norwegian chess player\n")
    tables, proposals = extract(sources_dir=sources, model=load_ner())
    mentions = [m for m in tables["entity_mentions"] if m["interview_id"] == "chess"]
    assert [(m["text"], m["entity_id"]) for m in mentions] == [
        ("Magnus Carlsen", "carlsen"),
        ("Baku", "baku"),
    ]
    assert not [p for p in proposals if p.interview_id == "chess"]
    carlsen = next(e for e in tables["entities"] if e["entity_id"] == "carlsen")
    assert (carlsen["type"], carlsen["source"]) == ("PERSON", "gazetteer")


def test_another_installed_spacy_pipeline_can_find_the_names(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "EVENT", "pattern": "World Cup"}])
    nlp.to_disk(tmp_path / "tiny-model")
    transcript = tmp_path / "sport.txt"
    transcript.write_text("Sport\n\nQ: And the World Cup?\n\nA: Russia hosted it.\n", "utf-8")
    model = load_ner(str(tmp_path / "tiny-model"))
    tables, proposals = extract(transcript=transcript, model=model, sources_dir=SOURCES)
    assert [(p.text, p.suggested_type, p.entity_id) for p in proposals] == [
        ("World Cup", "EVENT", "world-cup")
    ]
    assert [m["entity_id"] for m in tables["entity_mentions"]] == ["world-cup", "russia"]


def test_a_pipeline_without_ner_is_refused(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "empty")
    with pytest.raises(BuildError, match="no ner"):
        load_ner(str(tmp_path / "empty"))


def test_a_model_that_is_not_installed_is_a_message_not_a_download():
    with pytest.raises(BuildError, match="'no-such-model' is not installed"):
        load_ner("no-such-model")


def test_a_bad_gazetteer_row_names_its_file_and_line(tmp_path):
    import shutil

    from repo import ROOT

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    path = sources / "gazetteer.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",GPE,", ",COUNTRY,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"gazetteer.csv:3: .*COUNTRY"):
        build(tmp_path / "out", sources_dir=sources)


def test_model_names_are_repeated_typed_by_speakers_and_read_in_a_sentence_title(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Ann Lee"},  # a person the model types ORG
            # found only before a full stop: the model misses the other occurrences
            {"label": "ORG", "pattern": [{"TEXT": t} for t in ("Blue", "Lagoon", "Trust", ".")]},
        ]
    )
    nlp.to_disk(tmp_path / "ruler")
    transcript = tmp_path / "lagoon.txt"
    transcript.write_text(
        "OSLO (Wire) — Here is a transcript of an interview on Monday with Ann Lee, head of "
        "the Blue Lagoon Trust. It has been edited for length.\n\n"
        "Q: What does the Blue Lagoon Trust do?\n\n"
        "ANN LEE: It keeps the lagoon clean.\n",
        "utf-8",
    )
    tables, _ = extract(transcript=transcript, model=load_ner(str(tmp_path / "ruler")),
                        sources_dir=SOURCES)  # fmt: skip
    types = {e["entity_id"]: e["type"] for e in tables["entities"]}
    assert [(m["text"], types[m["entity_id"]]) for m in tables["entity_mentions"]] == [
        ("OSLO", "GPE"),  # a dateline: the title is a sentence, not a title-case headline
        ("Ann Lee", "PERSON"),  # the label says she is a person
        ("Blue Lagoon Trust", "ORG"),
        ("Blue Lagoon Trust", "ORG"),  # found once by the model, a mention everywhere
    ]


def test_a_demonym_in_a_languages_place_is_a_language_and_a_seat_a_place(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Dawson"}])
    nlp.to_disk(tmp_path / "ruler")
    transcript = tmp_path / "seat.txt"
    transcript.write_text(
        "Q: Do you speak Russian?\n\n"
        "A: I speak Russian and I love Russian films. The member for Dawson agrees.\n",
        "utf-8",
    )
    tables, _ = extract(transcript=transcript, model=load_ner(str(tmp_path / "ruler")),
                        sources_dir=SOURCES)  # fmt: skip
    types = {e["entity_id"]: e["type"] for e in tables["entities"]}
    assert [(m["text"], m["entity_id"], types[m["entity_id"]])
            for m in tables["entity_mentions"]] == [
        ("Russian", "russian-language", "LANGUAGE"),
        ("Russian", "russian-language", "LANGUAGE"),
        ("Russian", "russian", "NORP"),  # an adjective before its noun
        ("Dawson", "dawson", "GPE"),  # a seat, though the model says PERSON
    ]  # fmt: skip


def test_two_gazetteer_names_joined_by_a_hyphen_are_two_mentions(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [
            {"label": "PERSON", "pattern": "U.S.-Russia"},
            {"label": "PERSON", "pattern": "Ann Vell-Orta"},
            {"label": "GPE", "pattern": "Russia-Kesh"},
        ]  # fmt: skip
    )
    nlp.to_disk(tmp_path / "ruler")
    transcript = tmp_path / "pair.txt"
    transcript.write_text(
        "Q: What about U.S.-Russia talks?\n\nA: Ann Vell-Orta spoke of Russia-Kesh trade.\n",
        "utf-8",
    )
    tables, _ = extract(transcript=transcript, model=load_ner(str(tmp_path / "ruler")),
                        sources_dir=SOURCES)  # fmt: skip
    assert [(m["text"], m["entity_id"]) for m in tables["entity_mentions"]] == [
        ("U.S.", "united-states"),
        ("Russia", "russia"),
        ("Ann Vell-Orta", "ann-vell-orta"),  # no gazetteer names: one name
        ("Russia-Kesh", "russia-kesh"),  # only one half is a gazetteer name
    ]
