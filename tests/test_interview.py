"""Facts about the first interview, checked by hand against sources/README.md and the
transcript itself (not copied from the builder's output)."""

from repo import ROOT


def test_thirteen_question_answer_pairs(rows):
    assert len(rows["questions"]) == 13
    assert len(rows["answers"]) == 13
    assert [a["question_id"] for a in rows["answers"]] == [
        q["question_id"] for q in rows["questions"]
    ]


def test_answers_four_and_five_have_two_paragraphs(rows):
    paragraphs = [a["n_paragraphs"] for a in rows["answers"]]
    assert paragraphs == [1, 1, 1, 2, 2] + [1] * 8
    assert "\n\n" in rows["answers"][3]["text"] and "\n\n" in rows["answers"][4]["text"]


def test_labels_as_written(rows):
    assert rows["questions"][0]["label"] == "Question:"
    assert rows["answers"][0]["label"] == "Answer:"
    assert {q["label"] for q in rows["questions"][1:]} == {"Q.:"}
    assert {a["label"] for a in rows["answers"][1:]} == {"A.:"}


def test_text_excludes_the_label(rows):
    assert rows["questions"][0]["text"].startswith("Azerbaijan and Russia have a long history")
    assert rows["answers"][12]["text"].endswith("move our relations to a new level.")


def test_title_is_the_first_line(rows, seed_text):
    interview = rows["interviews"][0]
    assert interview["title"] == "Cooperation Gains Momentum"
    assert (interview["title_char_start"], interview["title_char_end"]) == (0, 26)
    assert interview["intro"] is None


def test_metadata_from_the_manifest(rows):
    interview = rows["interviews"][0]
    assert interview["published"].isoformat() == "2019-01-23"
    assert interview["language"] == "en"
    assert interview["source_path"] == "sources/cooperation-gains-momentum.txt"
    assert "Inferred" in interview["interviewee_note"]


def test_raw_source_hash(rows):
    import hashlib

    data = (ROOT / "sources" / "cooperation-gains-momentum.txt").read_bytes()
    assert rows["interviews"][0]["source_sha256"] == hashlib.sha256(data).hexdigest()


def test_ids_are_prefixed_with_the_interview(rows):
    assert rows["questions"][0]["question_id"] == "cooperation-gains-momentum-q01"
    assert rows["answers"][12]["answer_id"] == "cooperation-gains-momentum-a13"


def test_mentions_inside_answers_carry_the_question_too(rows):
    for table in ("entity_mentions", "figures"):
        for row in rows[table]:
            if row["role"] == "answer":
                assert row["answer_id"] and row["question_id"]
                n = int(row["answer_id"][-2:])
                assert row["question_id"].endswith(f"q{n:02d}")
