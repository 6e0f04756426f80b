"""Property-based tests: transcripts generated in each style parse back into the turns
they were made from, and every offset round-trips."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.transcript import parse, read_text

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@st.composite
def sentence(draw, ask: bool):
    words = draw(st.lists(WORD, min_size=2, max_size=8))
    text = " ".join(words)
    return text[0].upper() + text[1:] + ("?" if ask else ".")


@st.composite
def paragraph(draw, ask: bool):
    first = draw(st.lists(sentence(False), max_size=2))
    return " ".join([*first, draw(sentence(ask))])


@st.composite
def transcripts(draw):
    style = draw(st.sampled_from(["qa", "alone", "dash", "speaker", "numbered"]))
    opening = style != "numbered" and draw(st.booleans())  # the interviewee speaks first
    n = draw(st.integers(min_value=1, max_value=5))
    roles = (["answer"] if opening else []) + ["question", "answer"] * n
    if draw(st.booleans()):
        roles.append("question")  # cut off with no answer
    multi = style != "numbered"  # numbered questions are one paragraph
    turns = []
    for role in roles:
        count = draw(st.integers(1, 3)) if (role == "answer" or multi) else 1
        turns.append((role, [draw(paragraph(role == "question")) for _ in range(count)]))
    blank = draw(st.booleans())
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    gap = eol * 2 if blank else eol
    space = draw(st.sampled_from([" ", "\t", "\u00a0"]))
    labels = draw(
        st.sampled_from(
            [("Q:", "A:"), ("Question:", "Answer:"), ("Q.:", "A.:"), ("**Q:**", "**A:**")]
        )
    )
    dash = draw(st.sampled_from(["- ", "-", "– ", "— "]))
    title = draw(st.one_of(st.none(), paragraph(False)))
    intros = draw(st.lists(paragraph(False), max_size=2))  # bylines, datelines
    parts, expected = [], []
    if title:
        parts.append(title)
    parts += intros
    seen = {"question": 0, "answer": 0}
    for role, paragraphs in turns:
        body = gap.join(paragraphs)
        seen[role] += 1
        if style in ("qa", "alone"):
            label = labels[0] if role == "question" else labels[1]
            sep = eol if style == "alone" else space
        elif style == "dash":
            label, sep = dash.rstrip(), dash[len(dash.rstrip()) :]
        elif style == "speaker":
            full = "ANNA BERG, HOST" if role == "question" else "TOM LEE, MINISTER"
            short = "BERG" if role == "question" else "LEE"
            label, sep = (full if seen[role] == 1 else short) + ":", space
        else:
            label, sep = (f"{seen['question']}." if role == "question" else ""), space
        parts.append(f"{label}{sep}{body}" if label else body)
        expected.append((role, body, len(paragraphs)))
    return style, title, intros, gap.join(parts) + eol, expected


@given(transcripts())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_parsing_recovers_the_generated_turns(case):
    style, title, intros, text, expected = case
    t = parse(text, "generated.txt", title=title or "A title not in the text")
    got = [(x.role, text[x.start : x.end], x.n_paragraphs) for x in t.turns]
    assert got == expected, style
    if title:
        assert t.title is not None and text[t.title[0] : t.title[1]] == title
    assert [text[a:b] for a, b in t.intros] == intros
    # Every non-whitespace character is in exactly one part.
    hits = [0] * len(text)
    spans = ([t.title] if t.title else []) + t.intros
    spans += [(x.start, x.end) for x in t.turns]
    spans += [(x.label_start, x.label_end) for x in t.turns if x.label_start is not None]
    for a, b in spans:
        for i in range(a, b):
            hits[i] += 1
    assert all(h == 1 for ch, h in zip(text, hits, strict=True) if not ch.isspace())


@given(transcripts(), st.booleans())
@settings(max_examples=50, deadline=None)
def test_offsets_survive_a_bom_and_the_file_system(tmp_path_factory, case, bom):
    _, title, _, text, expected = case
    path = tmp_path_factory.mktemp("t") / "t.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    decoded = read_text(path)
    assert decoded == text
    t = parse(decoded, path, title=title or "A title not in the text")
    assert [decoded[x.start : x.end] for x in t.turns] == [body for _, body, _ in expected]
