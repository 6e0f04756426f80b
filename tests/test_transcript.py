"""Transcript styles that publishers really write, parsed into the right turns."""

import unicodedata

import pytest

from builder.errors import BuildError
from builder.transcript import Transcript, no_turns_error, parse


def turns(text, **kw) -> list[tuple[str, str | None, str]]:
    t = parse(text, "test.txt", **kw)
    return [(x.role, x.label, text[x.start : x.end]) for x in t.turns]


def covered(t: Transcript) -> str:
    """The source with every title, intro, turn and label span blanked out."""
    chars = list(t.text)
    spans = [t.title] if t.title else []
    spans += [t.front_matter] if t.front_matter else []
    spans += t.intros
    for x in t.turns:
        spans.append((x.start, x.end))
        if x.label_start is not None:
            spans.append((x.label_start, x.label_end))
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars).strip()


def test_question_answer_labels_mixed_in_one_file():
    text = "Question: One?\nAnswer: Yes.\nQ: Two?\nA: No.\nQ.: Three?\nA.: Maybe.\n"
    assert turns(text) == [
        ("question", "Question:", "One?"), ("answer", "Answer:", "Yes."),
        ("question", "Q:", "Two?"), ("answer", "A:", "No."),
        ("question", "Q.:", "Three?"), ("answer", "A.:", "Maybe."),
    ]  # fmt: skip


def test_numbered_labels():
    text = "Question 1: Why?\nAnswer 1: Because.\nQ2: When?\nA2: Now.\n"
    assert turns(text) == [
        ("question", "Question 1:", "Why?"), ("answer", "Answer 1:", "Because."),
        ("question", "Q2:", "When?"), ("answer", "A2:", "Now."),
    ]  # fmt: skip


def test_markdown_bold_labels():
    text = "**Q:** Why?\n\n**A:** Because.\n\n**Q**: And?\n\n**A**: So.\n"
    assert turns(text) == [
        ("question", "**Q:**", "Why?"), ("answer", "**A:**", "Because."),
        ("question", "**Q**:", "And?"), ("answer", "**A**:", "So."),
    ]  # fmt: skip


def test_label_alone_on_its_line():
    text = "Q:\nWhat now?\n\nA:\nWe wait.\n\nThen we act.\n"
    t = parse(text, "x")
    assert [(x.role, text[x.start : x.end], x.n_paragraphs) for x in t.turns] == [
        ("question", "What now?", 1),
        ("answer", "We wait.\n\nThen we act.", 2),
    ]


@pytest.mark.parametrize("dash", ["- ", "-", "– ", "— "])
def test_dash_turns_alternate(dash):
    text = f"{dash}Where were you?\n{dash}At home.\n{dash}Why?\n{dash}It rained.\n"
    assert [(r, b) for r, _, b in turns(text)] == [
        ("question", "Where were you?"), ("answer", "At home."),
        ("question", "Why?"), ("answer", "It rained."),
    ]  # fmt: skip


def test_speaker_names_with_roles_shortened_later():
    text = (
        "JOHN SMITH, BBC: Minister, why now?\n\n"
        "SERGEY LAVROV, FOREIGN MINISTER: Because it is time.\n\n"
        "SMITH: And next?\n\n"
        "FOREIGN MINISTER: We shall see.\n\n"
        "LAVROV (laughing): Truly.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "JOHN SMITH, BBC"), ("answer", "SERGEY LAVROV, FOREIGN MINISTER"),
        ("question", "SMITH"), ("answer", "FOREIGN MINISTER"), ("answer", "LAVROV"),
    ]  # fmt: skip
    assert t.turns[4].label == "LAVROV (laughing):"


def test_title_case_names_need_two_turns():
    text = (
        "Note: this was edited.\n\nAnna Berg: Why?\n\nTom Lee: Because.\n\n"
        "Anna Berg: Sure?\n\nTom Lee: Yes.\n"
    )
    t = parse(text, "x", title="Berg and Lee")
    assert [x.speaker for x in t.turns] == ["Anna Berg", "Tom Lee", "Anna Berg", "Tom Lee"]
    assert t.intros == [(0, 22)]


def test_a_one_off_capitals_label_in_front_matter_is_text():
    text = (
        "EDITOR'S NOTE: Edited for length.\n\nANNA: Why?\n\nBOB: Because.\n\n"
        "AUDIENCE MEMBER: And me?\n\nBOB: You too.\n\nANNA: Thanks?\n"
    )
    t = parse(text, "x", title="Talk")
    assert [text[a:b] for a, b in t.intros] == ["EDITOR'S NOTE: Edited for length."]
    assert [x.speaker for x in t.turns] == ["ANNA", "BOB", "AUDIENCE MEMBER", "BOB", "ANNA"]


def test_title_then_name_labels_and_parenthetical():
    text = (
        "Foreign Minister, Sergey Lavrov: Welcome.\n\n"
        "HOST: What brings you here?\n\n"
        "PRIME MINISTER (from earlier press conference): Trade.\n\n"
        "HOST: Thank you?\n\n"
        "Lavrov: Thank you.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("answer", "Foreign Minister, Sergey Lavrov"), ("question", "HOST"),
        ("answer", "PRIME MINISTER"), ("question", "HOST"), ("answer", "Lavrov"),
    ]  # fmt: skip


def test_interviewer_from_the_manifest_wins():
    text = "ANNA: Tell me.\n\nBOB: What?\n\nANNA: Everything.\n\nBOB: Fine?\n"
    assert [x.role for x in parse(text, "x").turns] == ["answer", "question"] * 2
    assert [x.role for x in parse(text, "x", interviewer_speaker="ANNA").turns] == [
        "question", "answer",
    ] * 2  # fmt: skip


def test_numbered_questions_with_unlabelled_answers():
    text = "1. Why?\n\nBecause.\n\nAlso this.\n\n2. When?\n\nNow.\n"
    t = parse(text, "x")
    assert [(x.role, x.label, text[x.start : x.end]) for x in t.turns] == [
        ("question", "1.", "Why?"), ("answer", None, "Because.\n\nAlso this."),
        ("question", "2.", "When?"), ("answer", None, "Now."),
    ]  # fmt: skip


def test_only_questions_labelled():
    text = "Q: Why?\n\nBecause.\n\nQ: When?\n\nNow.\n\nLater too.\n"
    assert turns(text) == [
        ("question", "Q:", "Why?"), ("answer", None, "Because."),
        ("question", "Q:", "When?"), ("answer", None, "Now.\n\nLater too."),
    ]  # fmt: skip


def test_unlabelled_paragraphs_get_no_turns_and_stay_as_intro():
    text = "Title\n\nWhy did you come?\n\nFor the sea.\n"
    t = parse(text, "talk.txt")
    assert t.turns == []
    assert [text[a:b] for a, b in t.intros] == ["Why did you come?", "For the sea."]
    assert covered(t) == ""
    err = no_turns_error("talk.txt")  # what --strict says instead
    assert str(err).startswith("talk.txt:1: no recognisable question/answer turns")
    assert "mark each turn" in str(err)


def test_front_matter_is_kept_as_title_and_intro():
    text = (
        "Home | News | Interviews\n"
        "A Talk About Ports\n\n"
        "BAKU, 3 May (Trend) - By Ann Lee.\n\n"
        "The minister spoke to us.\n\n"
        "Q: Ports?\n\nA: Many.\n"
    )
    t = parse(text, "x", title="A Talk About Ports")
    assert t.front_matter == (0, 24)  # navigation: page furniture, before the title
    assert t.title == (25, 43)
    assert [text[a:b] for a, b in t.intros] == [
        "BAKU, 3 May (Trend) - By Ann Lee.",
        "The minister spoke to us.",
    ]
    assert covered(t) == ""
    t = parse("A Talk\n\nIntro.\n\nQ: Ports?\n\nA: Many.\n", "x", title="a  talk")
    assert t.title == (0, 6)


def test_interviewee_speaks_first_and_question_cut_off():
    text = "A: Let me begin.\n\nQ: Good. Why?\n\nA: Trade.\n\nQ: And the last one?\n"
    assert [x.role for x in parse(text, "x").turns] == ["answer", "question", "answer", "question"]


def test_single_newline_paragraphs_crlf_bom_nbsp_and_tabs():
    text = "Q:\u00a0First?\r\nA:\tOne.\r\nTwo.\r\nQ: Second?\r\nA: Three.\r\n"
    t = parse(text, "x")
    assert [(text[x.start : x.end], x.n_paragraphs) for x in t.turns] == [
        ("First?", 1), ("One.\r\nTwo.", 2), ("Second?", 1), ("Three.", 1),
    ]  # fmt: skip


def test_soft_wrapped_lines_inside_blank_line_paragraphs():
    text = "Q: A long\nquestion?\n\nA: A long\nanswer.\n\nMore.\n"
    t = parse(text, "x")
    assert [x.n_paragraphs for x in t.turns] == [1, 2]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_are_code_points_of_the_text_as_given(form):
    text = unicodedata.normalize(
        form,
        "JOSÉ GARCÍA: ¿Qué tal?\n\nRENÉE: Très bien, café.\n\nJOSÉ GARCÍA: ¿Y?\n\nRENÉE: Voilà.\n",
    )
    t = parse(text, "x")
    assert [x.role for x in t.turns] == ["question", "answer"] * 2
    assert text[t.turns[1].start : t.turns[1].end] == unicodedata.normalize(
        form, "Très bien, café."
    )
    assert covered(t) == ""


def test_empty_label_is_an_error_naming_the_line():
    with pytest.raises(BuildError, match=r"x:3: turn label 'A:' has no text"):
        parse("Q: Why?\n\nA:\n", "x")


def test_a_line_index_agrees_with_counting_line_breaks():
    from builder.transcript import LineIndex, line_and_column

    text = "Title\r\n\nQ: One?\nA: Two.\n\n\nQ: Three?\n"
    index = LineIndex(text)
    assert [index.line(i) for i in range(len(text) + 1)] == [
        line_and_column(text, i)[0] for i in range(len(text) + 1)
    ]
    assert index.line(text.index("Three")) == 7


def test_names_in_capitals_keep_honorifics_and_mc_in_mixed_case():
    text = (
        "Trade talk\n\n"
        "ANNA McBRIDE: Why now?\n\n"
        "Dr. OTTO van DAM (Chief Economist, North Bank): Because rates fell.\n\n"
        "McBRIDE: And then?\n\n"
        "VAN DAM: We wait.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "ANNA McBRIDE"), ("answer", "Dr. OTTO van DAM"),
        ("question", "McBRIDE"), ("answer", "VAN DAM"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "short_q", "short_a"),
    [
        ("Ruth Okafor:", "Lars Brenner-Holm:", "RO:", "L B-H:"),
        ("Ruth Okafor (RO):", "Lars Brenner-Holm (LB):", "RO:", "LB:"),
        ("RUTH OKAFOR:", "Lars Brenner-Holm:", "RO:", "LBH:"),
        ("Ruth:", "Lars:", "R:", "L:"),
    ],
)
def test_initials_shorten_a_full_label(first, second, short_q, short_a):
    text = (
        f"Ports\n\n{first} Why ports?\n\n{second} Trade.\n\n"
        f"{short_q} And roads?\n\n{short_a} Later.\n"
    )
    t = parse(text, "x")
    assert [x.role for x in t.turns] == ["question", "answer"] * 2
    assert [x.speaker_name for x in t.turns] == [first.rstrip(":"), second.rstrip(":")] * 2


def test_page_header_fields_and_headline_kickers_are_not_speakers():
    text = (
        "Radio Exclusive: Minister Talks Ports\n\n"
        "WHEN: Today, Monday\n\n"
        "WHERE: Morning Show\n\n"
        "Last Updated: Monday\n\n"
        "Photo: The minister\n\n"
        "ANNA BERG: Why ports?\n\n"
        "TOM LEE: Trade.\n\n"
        "BERG: Roads?\n\n"
        "LEE: Later.\n"
    )
    t = parse(text, "x")
    assert [x.speaker for x in t.turns] == ["ANNA BERG", "TOM LEE", "BERG", "LEE"]
    assert text[t.title[0] : t.title[1]] == "Radio Exclusive: Minister Talks Ports"
    assert len(t.intros) == 4 and covered(t) == ""


def test_a_header_word_that_labels_several_turns_is_a_speaker():
    # An outlet named by a header word (a magazine called TIME) asking every question.
    text = (
        "Talking Ports\n\n"
        "Time: 10 a.m., Monday\n\n"
        "TIME: Why ports?\n\n"
        "Trade, mostly.\n\n"
        "TIME: And roads?\n\n"
        "Later.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "TIME"),
        ("answer", None),
        ("question", "TIME"),
        ("answer", None),
    ]
    assert covered(t) == ""


def test_a_cast_list_is_front_matter_not_turns():
    text = (
        "Press briefing\n\n"
        "PARTICIPANTS:\n\n"
        "Speaker: JANE DOE, Director, Research Department\n\n"
        "Moderator: TOM LEE, Press Officer\n\n"
        "MR. LEE: Good morning. Jane, the floor is yours.\n\n"
        "MS. DOE: Thank you. Growth is slowing.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "MR. LEE"), ("answer", "MS. DOE"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros][0] == "PARTICIPANTS:"


def test_photo_captions_quoting_the_guest_before_the_dialogue_are_text():
    text = (
        "Interview with the governor\n\n"
        'Governor Ana Sousa: "We will not move."\n\n'
        "MAGAZINE: Will rates rise?\n\n"
        'Sousa: "Not this year," I said then, and I say it now.\n\n'
        "MAGAZINE: Why?\n\n"
        "Sousa: Prices are stable.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "MAGAZINE"), ("answer", "Sousa"),
        ("question", "MAGAZINE"), ("answer", "Sousa"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == ['Governor Ana Sousa: "We will not move."']


def test_question_label_glued_to_its_text():
    text = "Q:About the ports.\n\nA: They grow.\n\nQ:“And roads?”\n\nA: Later.\n\nNote:a:b\n"
    assert [(r, label) for r, label, _ in turns(text)] == [
        ("question", "Q:"), ("answer", "A:"), ("question", "Q:"), ("answer", "A:"),
    ]  # fmt: skip


def test_a_one_off_name_label_inside_the_dialogue_is_a_turn():
    text = (
        "Talk\n\nNote: edited.\n\nM.Kelly: Thank you for this.\n\nWe start with news.\n\n"
        "V.Putin: Please.\n\nM.Kelly: Why now?\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "M.Kelly"), ("answer", "V.Putin"), ("question", "M.Kelly"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == ["Note: edited."]
    text = "Talk\n\nQuestion: Why DC?\n\nAmbassador Qin: A good starter.\n"
    assert [(x.role, x.speaker) for x in parse(text, "x").turns] == [
        ("question", "Question"), ("answer", "Ambassador Qin"),
    ]  # fmt: skip


def test_the_speaker_who_opens_asks_and_everyone_else_but_the_guest_too():
    text = (
        "ANNA BERG: Welcome. Tell us about the strike.\n\n"
        "TOM LEE: It ended.\n\n"
        "ANNA BERG: Gauge the damage for us.\n\n"
        "TOM LEE: Small. Why do you ask? Anyway.\n\n"
        "EVA ROS: And next year?\n\n"
        "TOM LEE: Growth.\n"
    )
    assert [x.role for x in parse(text, "x").turns] == [
        "question", "answer", "question", "answer", "question", "answer",
    ]  # fmt: skip


def test_an_excerpt_that_opens_on_an_answer():
    text = (
        "TOM LEE: It is a turbulent time.\n\n"
        "ANNA BERG: Will prices fall?\n\n"
        "LEE: They may.\n\n"
        "LEE: And costs too.\n"
    )
    assert [x.role for x in parse(text, "x").turns] == [
        "answer", "question", "answer", "answer",
    ]  # fmt: skip


def test_a_known_label_after_a_sentence_end_on_the_same_line_opens_a_turn():
    text = (
        "ANNA BERG: Welcome.\n\nTOM LEE: Thanks.\n\n"
        "ANNA BERG: What went wrong?    TOM LEE: Nothing. LEE: said the sign.\n\n"
        "ANNA BERG: Really? TOM LEE: Really.\n"
    )
    assert turns(text)[2:] == [
        ("question", "ANNA BERG:", "What went wrong?"),
        ("answer", "TOM LEE:", "Nothing. LEE: said the sign."),
        ("question", "ANNA BERG:", "Really?"),
        ("answer", "TOM LEE:", "Really."),
    ]


def test_a_hosts_unlabelled_opening_is_a_question():
    text = (
        "The view from abroad\n\n"
        "A standfirst about the show.\n\n"
        "This is THE MORNING HOUR. I'm Ada Lund.\n\n"
        "Tom Lee joins us. Mr. Lee, welcome.\n\n"
        "Mr. TOM LEE (Correspondent): Glad to be here.\n\n"
        "LUND: What happened?\n"
    )
    t = parse(text, "x")
    assert turns(text) == [
        ("question", None, "This is THE MORNING HOUR. I'm Ada Lund.\n\n"
                           "Tom Lee joins us. Mr. Lee, welcome."),
        ("answer", "Mr. TOM LEE (Correspondent):", "Glad to be here."),
        ("question", "LUND:", "What happened?"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == ["A standfirst about the show."]


def test_unlabelled_paragraphs_that_strictly_alternate_question_and_answer():
    text = (
        "Minister: growth is not enough\n"
        "Is growth enough?\nNo. It must reach people.\n"
        "Should we look north?\nYes, north.\n"
    )
    assert turns(text) == [
        ("question", None, "Is growth enough?"), ("answer", None, "No. It must reach people."),
        ("question", None, "Should we look north?"), ("answer", None, "Yes, north."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        "Is growth enough?\nNo. Why would it be?\nShould we look north?\nYes.\n",
        "Is growth enough?\nNo.\nIt must reach people.\nShould we look north?\nYes.\n",
        "Is growth enough?\nNo.\n",
    ],
)
def test_unlabelled_paragraphs_that_break_the_pattern_give_no_turns(body):
    assert parse("Title\n" + body, "x").turns == []


def test_dashes_that_only_ask_mark_questions_with_unlabelled_answers():
    text = "Title\n\n– Can you help?\n\nYes.\n\nAnd more.\n\n–          Why now?\n\nBecause.\n"
    assert turns(text) == [
        ("question", "–", "Can you help?"), ("answer", None, "Yes.\n\nAnd more."),
        ("question", "–", "Why now?"), ("answer", None, "Because."),
    ]  # fmt: skip


def test_labels_alone_on_their_lines_without_a_colon():
    text = (
        "Talking about harbours\n"
        "Question\n"
        "Minister, why harbours?\n"
        "Ana Lima\n"
        "Trade moves by sea.\n"
        "Most of it.\n"
        "Question\n"
        "And roads?\n"
        "Ana Lima\n"
        "Later.\n"
    )
    assert turns(text) == [
        ("question", "Question", "Minister, why harbours?"),
        ("answer", "Ana Lima", "Trade moves by sea.\nMost of it."),
        ("question", "Question", "And roads?"),
        ("answer", "Ana Lima", "Later."),
    ]
    t = parse(text, "x")
    assert [x.speaker_name for x in t.turns] == [None, "Ana Lima"] * 2
    assert covered(t) == ""
    # Two named speakers and no question word: the one who opens asks.
    named = text.replace("Question", "Rui Costa")
    assert [r for r, _, _ in turns(named)] == ["question", "answer"] * 2


@pytest.mark.parametrize(
    "body",
    [
        # a name alone on a line once is text, not a label
        "Question\nWhy?\nAna Lima\nTrade.\n",
        # labels must alternate: the same label twice in a row is no pattern
        "Question\nWhy?\nQuestion\nWhen?\nAna Lima\nNow.\nAna Lima\nYes.\n",
        # a line ending with a full stop is a sentence, not a label
        "Question.\nWhy?\nAna Lima.\nTrade.\nQuestion.\nWhen?\nAna Lima.\nNow.\n",
    ],
)
def test_bare_lines_that_do_not_alternate_as_labels_give_no_turns(body):
    assert parse("Title\n" + body, "x").turns == []


def test_a_label_that_gives_its_own_initials_counts_once():
    text = (
        "Harbour News\n\n"
        "Harbour News (HN): You have led the port for a year. What changed?\n\n"
        "Ana Maria Lima (AL): The cranes, mostly.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker_name) for x in t.turns] == [
        ("question", "Harbour News (HN):", "Harbour News (HN)"),
        ("answer", "Ana Maria Lima (AL):", "Ana Maria Lima (AL)"),
    ]
    # brackets that are not the label's initials do not make a one-off label
    assert parse(text.replace("(AL)", "(FT)").replace("(HN)", "(Lisbon)"), "x").turns == []


def test_a_role_label_with_the_person_in_brackets():
    text = (
        "Minister's interview\n\n"
        "Interviewer (Ms. Rita Sousa): Welcome. What is new?\n\n"
        "Trade Minister (Mr. Tomas Berg): Ports.\n\n"
        "Interviewer: And roads?\n\n"
        "Trade Minister: Later.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label, x.speaker_name) for x in t.turns] == [
        ("question", "Interviewer (Ms. Rita Sousa):", "Interviewer (Ms. Rita Sousa)"),
        ("answer", "Trade Minister (Mr. Tomas Berg):", "Trade Minister (Mr. Tomas Berg)"),
        ("question", "Interviewer:", None),
        ("answer", "Trade Minister:", "Trade Minister (Mr. Tomas Berg)"),
    ]
    assert t.intros == []


def test_a_cast_line_naming_the_host_is_front_matter_and_says_who_asks():
    text = (
        "Sunday politics, episode 3\n\n"
        "Host: Rui Costa\n\n"
        "Guests: Ana Lima, Tom Berg\n\n"
        "Location: Lisbon\n\n"
        "Voice-over: This week, the harbour strike.\n\n"
        "Rui Costa: Ana Lima joins me. Welcome.\n\n"
        "Ana Lima: Thank you, Rui.\n\n"
        "Rui Costa: Will it end soon.\n\n"
        "Ana Lima: It will, I hope?\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "Voice-over"),
        ("question", "Rui Costa"), ("answer", "Ana Lima"),
        ("question", "Rui Costa"), ("answer", "Ana Lima"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == [
        "Host: Rui Costa", "Guests: Ana Lima, Tom Berg", "Location: Lisbon",
    ]  # fmt: skip
    # Without the cast line, a programme's voice does not make the named speakers answer.
    text = text.replace("Host: Rui Costa\n\n", "")
    roles = [x.role for x in parse(text.replace("It will, I hope?", "It will."), "x").turns]
    assert roles == ["question"] + ["question", "answer"] * 2


def test_a_cast_line_names_the_host_whose_labels_add_a_role():
    text = (
        "Harbour hour\n\n"
        "Host: Rui Costa\n\n"
        "RUI COSTA, HOST: Will the strike end?\n\n"
        "ANA LIMA, MAYOR: Soon.\n\n"
        "COSTA: When?\n\n"
        "LIMA: In May.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("question", "RUI COSTA, HOST"), ("answer", "ANA LIMA, MAYOR"),
        ("question", "COSTA"), ("answer", "LIMA"),
    ]  # fmt: skip
    assert [text[a:b] for a, b in t.intros] == ["Host: Rui Costa"]


def test_a_headline_quoting_the_guest_with_a_tag_is_not_a_turn():
    text = (
        "Trade Minister: “Ports are the future” - INTERVIEW\n"
        "Trade Minister: “Ports are the future” | <b>INTERVIEW</b>\n"
        "- Will ports grow this year?\n"
        "- They will.\n"
        "- And the railways, when?\n"
        "- Next year.\n"
    )
    t = parse(text, "x")
    assert [r for r, _, _ in turns(text)] == ["question", "answer"] * 2
    assert t.title == (0, text.index("\n"))


def test_dashes_that_mark_only_answers_after_unlabelled_questions():
    text = (
        "The harbour\n\n"
        "Minister Berg on trade\n\n"
        "Mr. Berg, why ports?\n"
        "- Trade moves by sea. Why else?\n"
        "And it is cheap.\n\n"
        "Are roads next?\n"
        "- Later.\n"
    )
    assert turns(text) == [
        ("question", None, "Mr. Berg, why ports?"),
        ("answer", "-", "Trade moves by sea. Why else?\nAnd it is cheap."),
        ("question", None, "Are roads next?"),
        ("answer", "-", "Later."),
    ]


def test_a_one_off_letter_label_in_a_dialogue_of_letters():
    text = "M: Welcome. Questions?\n\nM: You, in front?\n\nR: I will answer briefly.\n"
    assert turns(text) == [
        ("question", "M:", "Welcome. Questions?"),
        ("question", "M:", "You, in front?"),
        ("answer", "R:", "I will answer briefly."),
    ]


def test_short_names_of_people_the_intro_names_and_a_host_who_introduces_the_guest():
    text = (
        "The harbour interview\n\n"
        "Minister Tomas Berg spoke to Rita Sousa on the evening show.\n\n"
        "Rita: Good evening. Tonight I welcome Minister Tomas Berg.\n\n"
        "Question: Why ports?\n\n"
        "Tomas: Trade moves by sea.\n"
    )
    assert [(r, label) for r, label, _ in turns(text)] == [
        ("question", "Rita:"), ("question", "Question:"), ("answer", "Tomas:"),
    ]  # fmt: skip
    # One-word labels that name nobody the text names stay text.
    text = text.replace("Rita Sousa", "a reporter").replace("Tomas Berg", "Berg")
    assert turns(text) == [
        ("question", "Question:", "Why ports?"),
        ("answer", None, "Tomas: Trade moves by sea."),
    ]


def test_a_headline_the_page_repeats_word_for_word_is_not_a_speaker():
    headline = "Radio Exclusive: Minister Talks Ports Today"
    text = (
        f"{headline}\n\n{headline}\n\n"
        "ANNA BERG: It is a turbulent time.\n\n"
        "TOM LEE: Will prices fall?\n\n"
        "BERG: They may.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("answer", "ANNA BERG"), ("question", "TOM LEE"), ("answer", "BERG"),
    ]  # fmt: skip
    # The repeat right under the title is a duplicate: page furniture (see frontmatter).
    assert text[slice(*t.title)] == headline and t.intros == []
    assert text[slice(*t.front_matter)] == headline


@pytest.mark.parametrize(
    ("ask", "answer"), [("Question:", "Tomas Berg:"), ("ANNA BERG:", "TOMAS BERG:")]
)
def test_a_dateline_opening_the_first_paragraph_is_not_a_speaker(ask, answer):
    text = (
        "Minister on ports\n\n"
        "LISBON: The trade minister on Thursday answered questions on the harbour strike.\n\n"
        f"{ask} Will it end?\n\n{answer} Soon.\n\n{ask} And roads?\n\n{answer} Later.\n"
    )
    t = parse(text, "x")
    assert [(x.role, x.label) for x in t.turns] == [("question", ask), ("answer", answer)] * 2
    assert [text[a:b] for a, b in t.intros] == [text.split("\n\n")[1]]


def test_a_name_alone_on_its_line_three_times_is_an_unpaired_label_not_text():
    # No rule pairs these turns (each question comes before its labels), but a name or
    # a question word alone on its line three times names who speaks: furniture.
    body = "".join(
        f"{q}\nInterviewer\nAna Lima\n{a}\n"
        for q, a in [("Why ports?", "Trade."), ("And rail?", "Later."), ("Costs?", "Low.")]
    )
    text = "Port Talk\n" + body
    t = parse(text, "x")
    assert t.turns == []
    labels = [text[f.start : f.end] for f in t.furniture if f.kind == "label"]
    assert labels == ["Interviewer", "Ana Lima"] * 3
    assert covered(t) == ""
    # Twice is not enough (a caption and a byline may repeat a name), nor is a sentence.
    text = "Port Talk\nAna Lima\nShe runs the port.\nAna Lima\nAna Lima spoke.\nAna Lima spoke.\n"
    assert [f.kind for f in parse(text, "x").furniture] == []
