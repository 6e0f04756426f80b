"""Label conventions of parliaments, press conferences, broadcasters and podcasts, each on
a transcript written for the test: who speaks, and who asks."""

import pytest

from builder.speakers import person_in_label
from builder.transcript import parse


def turns(text, **kw) -> list[tuple[str, str | None]]:
    return [(x.role, x.label) for x in parse(text, "test.txt", **kw).turns]


def test_parliamentary_labels_with_electorate_and_time_stamp_count_once():
    text = (
        "House of Assembly\n"
        "Tuesday, 3 March 2026\n\n"
        "Ms OKAFOR (Riverside) (14:02): My question is to the Minister for Ports. When "
        "will the harbour reopen?\n\n"
        "The SPEAKER: The member for Riverside will come to order. The minister has the "
        "call.\n\n"
        "Mr DALTON (Northgate—Minister for Ports) (14:03): The harbour reopens in May.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker) for x in t.turns] == [
        ("question", "Ms OKAFOR (Riverside) (14:02):", "Ms OKAFOR"),
        ("question", "The SPEAKER:", "The SPEAKER"),  # the chair gives the floor
        ("answer", "Mr DALTON (Northgate—Minister for Ports) (14:03):", "Mr DALTON"),
    ]  # fmt: skip
    assert text[t.turns[0].start : t.turns[0].end].startswith("My question")
    # Party and constituency (``(Lab)``), as another parliament writes them, also count.
    text = text.replace("(14:02)", "(Lab)").replace("(14:03)", "(Con)")
    assert [r for r, _ in turns(text)] == ["question", "question", "answer"]


def test_a_one_off_label_with_one_parenthesis_is_still_text():
    text = "Harbour notes\n\nMs Okafor (Riverside): the harbour reopens in May.\n"
    assert parse(text, "x").turns == []


def test_a_moderator_opening_a_press_conference_asks():
    text = (
        "An interview with:\n\nJANE ROE\n\n"
        "THE MODERATOR: Questions, please.\n\n"
        "Q. Jane, how did the final feel?\n\n"
        "JANE ROE: It felt long.\n\n"
        "Q. And the crowd?\n\n"
        "JANE ROE: Loud.\n"
    )
    assert turns(text) == [
        ("question", "THE MODERATOR:"), ("question", "Q."), ("answer", "JANE ROE:"),
        ("question", "Q."), ("answer", "JANE ROE:"),
    ]  # fmt: skip


def test_the_president_at_a_press_conference_is_no_chair():
    text = (
        "THE PRESIDENT: Good afternoon. I will take questions.\n\n"
        "Q: Will the harbour reopen?\n\n"
        "THE PRESIDENT: In May.\n"
    )
    assert turns(text) == [
        ("answer", "THE PRESIDENT:"), ("question", "Q:"), ("answer", "THE PRESIDENT:"),
    ]  # fmt: skip


def test_a_headline_with_a_colon_is_the_title_not_a_speaker():
    text = (
        "Full Text of Okafor Interview: Bridges Before Budgets\n\n"
        "The mayor spoke to our reporter on Monday.\n\n"
        "Lena Park:  Mayor, thank you for your time!\n\n"
        "Okafor: You are welcome.\n\n"
        "Lena Park:  Why bridges?\n\n"
        "Okafor: Because the river splits the city.\n"
    )
    t = parse(text, "x")
    assert text[t.title[0] : t.title[1]] == text.splitlines()[0]
    assert [(x.role, x.label) for x in t.turns] == [
        ("question", "Lena Park:"), ("answer", "Okafor:"),
    ] * 2  # fmt: skip
    # A speaker's turn in title case with no end punctuation, once the dialogue has
    # started, is still a turn.
    text += "\nLena Park:  Thank You Mayor\n"
    assert turns(text)[-1] == ("question", "Lena Park:")


def test_a_contributors_block_with_a_host_line_over_names_is_not_a_turn():
    text = (
        "THE HARBOUR PODCAST\n\n"
        "CONTRIBUTORS:\n\n"
        "HOST:\n\n"
        "ANNA BERG\n\n"
        "RUI COSTA\n\n"
        "TOMAS LIND\n\n"
        "Author, Ships and Ports\n\n"
        "BERG: Welcome to the Harbour Podcast. I'm Anna Berg. Here's my colleague Rui.\n\n"
        "COSTA: Thanks Anna. Tomas, welcome. Why write about ships?\n\n"
        "LIND: Because trade moves by sea.\n\n"
        "COSTA: And ports?\n\n"
        "LIND: Ports too.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label) for x in t.turns] == [
        ("question", "BERG:"), ("question", "COSTA:"), ("answer", "LIND:"),
        ("question", "COSTA:"), ("answer", "LIND:"),
    ]  # fmt: skip
    intro = " ".join(text[a:b] for a, b in t.intros)
    assert "HOST:" in intro and "ANNA BERG" in intro


def test_a_guest_who_greets_first_still_answers():
    text = (
        "Transcript\n"
        "Ana Lima: Hi, Tom. Great to be here.\n"
        "Tom Reyes: You have had a busy week, with the strike and the budget.\n"
        "Ana Lima: Yes, a very busy one.\n"
    )
    assert turns(text) == [
        ("answer", "Ana Lima:"), ("question", "Tom Reyes:"), ("answer", "Ana Lima:"),
    ]  # fmt: skip
    # A host who is happy to be here to introduce the guest is no guest.
    text = (
        "Tom Reyes: I am happy to be here to introduce my friend Ana Lima.\n"
        "Ana Lima: Thank you, Tom. The strike is over.\n"
        "Tom Reyes: And the budget.\n"
        "Ana Lima: It passed.\n"
    )
    assert [r for r, _ in turns(text)] == ["question", "answer"] * 2


@pytest.mark.parametrize("greeting", ["Rui Costa is on the line. Good morning Rui.", "Morning."])
def test_a_named_host_beside_a_host_label_asks(greeting):
    text = (
        "RADIO INTERVIEW\n"
        f"MAYA: {greeting}\n"
        "RUI COSTA, MINISTER FOR PORTS: Good morning.\n"
        "MAYA: What is on today?\n"
        "COSTA: The harbour. We will shorten the wait for ships.\n"
        "HOST: Will it be close?\n"
        "COSTA: Very close.\n"
    )
    assert turns(text) == [
        ("question", "MAYA:"), ("answer", "RUI COSTA, MINISTER FOR PORTS:"),
        ("question", "MAYA:"), ("answer", "COSTA:"),
        ("question", "HOST:"), ("answer", "COSTA:"),
    ]  # fmt: skip


def test_labels_in_square_brackets_alone_on_their_lines():
    text = (
        "[Mina Cho / Spokesperson]\n"
        "We begin. Please keep your questions short.\n"
        "[Jae Park / Minister]\n"
        "Good afternoon.\n"
        "[Mina Cho / Spokesperson]\n"
        "The first question, please.\n"
        "[Reporter]\n"
        "What about the ports?\n"
        "[Jae Park / Minister]\n"
        "They reopen in May.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker) for x in t.turns] == [
        ("question", "[Mina Cho / Spokesperson]", "Mina Cho"),
        ("answer", "[Jae Park / Minister]", "Jae Park"),
        ("question", "[Mina Cho / Spokesperson]", "Mina Cho"),
        ("question", "[Reporter]", "Reporter"),
        ("answer", "[Jae Park / Minister]", "Jae Park"),
    ]  # fmt: skip
    assert text[t.turns[-1].start : t.turns[-1].end] == "They reopen in May."
    assert person_in_label(t.turns[0].speaker_name) == "Mina Cho"


def test_stage_directions_in_square_brackets_are_no_labels():
    text = "[MUSIC]\nHello there.\n[Applause]\nThank you all.\n[MUSIC]\nGood night.\n"
    assert parse(text, "x").turns == []


def test_one_labelled_speaker_answers_the_unlabelled_questions_before_each_turn():
    text = (
        "The minister's interview\n\n"
        "2025 was hard for ports. Will 2026 be better?\n\n"
        "Minister: Yes. Trade is back.\n\n"
        "Ships are full again.\n\n"
        "What about roads?\n\n"
        "Minister: Roads come next.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, text[x.start : x.end]) for x in t.turns] == [
        ("question", None, "2025 was hard for ports. Will 2026 be better?"),
        ("answer", "Minister:", "Yes. Trade is back.\n\nShips are full again."),
        ("question", None, "What about roads?"),
        ("answer", "Minister:", "Roads come next."),
    ]  # fmt: skip
    # When a labelled turn does not follow a question, the labelled speaker asks and the
    # paragraph after each question answers it, as before.
    text = text.replace("What about roads?", "Roads are next.")
    assert [(r, label) for r, label in turns(text)] == [
        ("question", "Minister:"), ("answer", None), ("question", "Minister:"),
    ]  # fmt: skip


def test_numbered_speakers_of_a_machine_transcript():
    text = (
        "Episode 12\n\n"
        "Speaker 1: Welcome back. Tell us about the harbour.\n\n"
        "Speaker 2: It reopens in May.\n\n"
        "The ships are waiting.\n\n"
        "Speaker 1: Why so late?\n\n"
        "Speaker 2: The cranes broke.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker) for x in t.turns] == [
        ("question", "Speaker 1:", "Speaker 1"), ("answer", "Speaker 2:", "Speaker 2"),
        ("question", "Speaker 1:", "Speaker 1"), ("answer", "Speaker 2:", "Speaker 2"),
    ]  # fmt: skip
    assert person_in_label("Speaker 2") is None  # a number tells speakers apart, no name


@pytest.mark.parametrize("stamp", ["[00:01:15] ", "00:15 ", "(01:02) "])
def test_a_time_code_before_a_label_is_part_of_the_label(stamp):
    text = (
        "Episode 12\n\n"
        f"{stamp}Tom Reyes: Welcome back. Tell us about the harbour.\n\n"
        f"{stamp}Ana Lima: It reopens in May.\n\n"
        "The ships are waiting.\n\n"
        f"{stamp}Tom Reyes: Why so late?\n\n"
        f"{stamp}Ana Lima: The cranes broke.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker) for x in t.turns] == [
        ("question", f"{stamp}Tom Reyes:", "Tom Reyes"),
        ("answer", f"{stamp}Ana Lima:", "Ana Lima"),
    ] * 2  # fmt: skip
    assert text[t.turns[1].start : t.turns[1].end] == "It reopens in May.\n\nThe ships are waiting."


def test_names_alone_on_their_lines_with_a_time_code_after_them():
    text = (
        "Episode 12\n\n"
        "Tom Reyes  0:00\nWelcome back. Tell us about the harbour.\n\n"
        "Ana Lima  0:09\nIt reopens in May.\n\nThe ships are waiting.\n\n"
        "Tom Reyes  0:31\nWhy so late?\n\n"
        "Ana Lima  0:35\nThe cranes broke.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "Tom Reyes"), ("answer", "Ana Lima"),
    ] * 2  # fmt: skip
    assert t.turns[0].label == "Tom Reyes  0:00"


def test_a_hearing_record_closes_its_labels_with_a_period():
    text = (
        "HEARING ON HARBOURS\n\n"
        "Chairman DALTON. The committee will come to order. Mr. Okafor, please begin.\n\n"
        "Mr. OKAFOR. Thank you, Mr. Chairman. The harbour reopens in May.\n\n"
        "The cranes were repaired.\n\n"
        "Senator LIMA. Why so late?\n\n"
        "Mr. OKAFOR. The parts came by sea.\n\n"
        "Chairman DALTON. Thank you.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label) for x in t.turns] == [
        ("question", "Chairman DALTON."), ("answer", "Mr. OKAFOR."),
        ("question", "Senator LIMA."), ("answer", "Mr. OKAFOR."),
        ("question", "Chairman DALTON."),
    ]  # fmt: skip
    # Sentences that open with a name in capitals are no labels when nobody speaks twice.
    text = "Notes\n\nMr. OKAFOR. He spoke.\n\nSenator LIMA. She asked.\n\nDr. REYES. He left.\n"
    assert parse(text, "x").turns == []


def test_a_leader_who_only_adds_to_another_answer_at_a_press_conference_answers():
    text = (
        "Joint press conference\n\n"
        "PRESIDENT ALVES: Good afternoon. We signed the harbour treaty today.\n\n"
        "PRIME MINISTER RUIZ: And we thank our hosts.\n\n"
        "Q: Will the harbour reopen?\n\n"
        "PRESIDENT ALVES: In May.\n\n"
        "PRIME MINISTER RUIZ: Our ships will come first.\n\n"
        "Q: And the rail link?\n\n"
        "PRESIDENT ALVES: Next year.\n"
    )
    assert [r for r, _ in turns(text)] == [
        "answer", "answer", "question", "answer", "answer", "question", "answer",
    ]  # fmt: skip


def test_a_numbered_heading_inside_an_answer_is_no_speaker():
    text = (
        "SMITH: What is the plan?\n\n"
        "JONES: There are steps.\n\n"
        "STEP 1: fix the cranes.\n\n"
        "SMITH: And then?\n\n"
        "JONES: We open.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label) for x in t.turns] == [
        ("question", "SMITH:"), ("answer", "JONES:"), ("question", "SMITH:"), ("answer", "JONES:"),
    ]  # fmt: skip
    assert text[t.turns[1].start : t.turns[1].end].endswith("STEP 1: fix the cranes.")


def test_a_bracket_label_may_hold_an_honorific():
    text = (
        "[Mr. Park / Minister]\nGood afternoon.\n"
        "[Reporter]\nWhat about the ports?\n"
        "[Mr. Park / Minister]\nThey reopen in May.\n"
    )
    assert [r for r, _ in turns(text)] == ["answer", "question", "answer"]


def test_the_interviewer_the_intro_credits_asks():
    text = (
        "Ports in the balance\n"
        "Interview by Tom Reyes\n\n"
        "Ana Lima: The harbour reopens in May.\n"
        "Tom Reyes: Tell us why it closed.\n"
        "Ana Lima: The cranes broke.\n"
        "Tom Reyes: And the rail link.\n"
        "Ana Lima: Next year.\n"
    )
    assert [r for r, _ in turns(text)] == ["answer", "question"] * 2 + ["answer"]
    # Without the credit, neither ends a turn with "?": the opener is taken to ask.
    text = text.replace("Interview by Tom Reyes", "An interview")
    assert [r for r, _ in turns(text)] == ["question", "answer"] * 2 + ["question"]


def test_bracketed_labels_with_the_colon_inside_alone_on_their_lines():
    text = (
        "Coach's press conference after the final\n\n"
        "The coach spoke to reporters after the match in Lagos.\n\n"
        "[Reporter:]\n"
        "How do you feel about the second half?\n"
        "[Maria Okafor:]\n"
        "Proud. We kept our shape until the end.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker) for x in t.turns] == [
        ("question", "[Reporter:]", "Reporter"),
        ("answer", "[Maria Okafor:]", "Maria Okafor"),
    ]
    assert text[t.turns[1].start : t.turns[1].end].strip() == (
        "Proud. We kept our shape until the end."
    )


def test_a_bracketed_note_with_a_colon_is_no_label():
    # The colon is not at the end of the brackets' text: an editor's note, not a label.
    text = (
        "Harbour notes\n\n"
        "[Note: the minister spoke in Portuguese.]\n"
        "The harbour reopens in May, the minister said.\n"
        "[Update: the rail link opens next year.]\n"
        "Works start in June.\n"
    )
    assert turns(text) == []


def test_initials_set_off_by_a_run_of_spaces_are_labels():
    text = (
        "Press briefing on the harbour - 3 March 2026\n\n"
        "00:00:05\n\n"
        "JL          Good morning and welcome. With us is the port director. Director?\n\n"
        "00:01:10\n\n"
        "AMP        Thank you, Jane. The harbour reopens in May.\n\n"
        "JL          Thank you. A question from the floor: when does the rail link open?\n\n"
        "AMP        Next year.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label) for x in t.turns] == [
        ("question", "JL"),
        ("answer", "AMP"),
        ("question", "JL"),
        ("answer", "AMP"),
    ]
    assert text[t.turns[1].start : t.turns[1].end].startswith("Thank you, Jane.")


def test_a_table_with_capitals_and_runs_of_spaces_has_no_labels():
    # Rows of a table (more than one run of spaces on a line) are no labels.
    text = (
        "Port traffic by country\n\n"
        "UK     Containers     1,200\n"
        "USA    Containers     3,400\n"
        "FR     Bulk           800\n"
    )
    assert turns(text) == []
    # One set of initials only (a single abbreviation indented from its text) is no
    # dialogue either.
    text = "Port traffic\n\nNB     The figures are provisional.\n\nNB     Rounded to hundreds.\n"
    assert turns(text) == []


def test_a_hosts_opening_label_alone_on_its_line_before_the_dialogue():
    text = (
        "Town Hall, Channel 9\n\n"
        "JANE REYES:\n\n"
        "Good evening, I'm Jane Reyes. Our guest tonight is the Minister for Ports.\n\n"
        "She took office last year.\n\n"
        "QUESTION:\n\n"
        "When will the harbour reopen?\n\n"
        "MINISTER:\n\n"
        "In May.\n"
    )
    assert turns(text) == [
        ("question", "JANE REYES:"),
        ("question", "QUESTION:"),
        ("answer", "MINISTER:"),
    ]


def test_a_capitals_label_before_a_dialogue_labelled_inline_stays_text():
    # The dialogue's labels share their line with the text: a one-off name in capitals
    # alone on its line before it is a heading, as before.
    text = (
        "Town Hall, Channel 9\n\n"
        "HARBOUR WATCH:\n\n"
        "Our guest tonight is the Minister for Ports.\n\n"
        "QUESTION: When will the harbour reopen?\n\n"
        "MINISTER: In May.\n"
    )
    assert turns(text) == [("question", "QUESTION:"), ("answer", "MINISTER:")]
