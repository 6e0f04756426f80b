"""Read a transcript file and split it into title, intro paragraphs and turns.

Offsets are end-exclusive code-point offsets into the decoded text (a leading BOM
dropped, line endings kept as they are), so ``text[start:end]`` is always the span.

How turns are recognised (the first rule that applies to the file wins):

1. **Labels** at the start of a line: question/answer words (``Question:``, ``Q:``,
   ``Q.:``, ``Q.``, ``Answer:``, ``A:``, ``Interviewer:``, ``Host:`` ..., optionally
   numbered such as ``Question 1:`` or ``Q1:``, optionally markdown-bold such as
   ``**Q:**``) and speaker names (``PUTIN:``, ``John Smith:``,
   ``Foreign Minister, Sergey Lavrov:``, ``NAME, ROLE:`` later shortened to
   ``SURNAME:`` or to initials (``YS:``, ``T-M:``, or given as ``Name (SS):``), with an
   optional parenthetical before the colon). A name label counts when its speaker has
   at least two turns, or when it is written in capitals (honorifics, particles and
   ``Mc`` aside) and comes after the first turn of such a speaker, or when it names
   someone (two words, or ``V.Putin``) and comes after the dialogue started; so a
   one-off ``Note:`` or ``EDITOR'S NOTE:`` in the front matter stays text, and so does a
   dateline opening the first paragraph (``KUALA LUMPUR: The minister ...``). Header
   fields and headline kickers (``WHEN:``, ``Last Updated:``, ``CNBC Exclusive:``),
   cast lines (``Moderator: JANE DOE, Press Officer``) and captions quoting the guest
   before the dialogue are never labels. A known label in capitals after a sentence
   end on the same line starts a turn there. The text may follow on the next line.
   Question words make a question and answer words an answer. Among named speakers the
   interviewer is the one the manifest names (``interviewer_speaker``), else any whose
   name holds a role word (``HOST``, ``INTERVIEWER (Jane Doe)``); else there is one
   interviewee and every other speaker asks (see ``_label_roles``). Where only
   questions are labelled, the paragraph after each question starts its answer; where
   the first labelled turn answers, a host's self-introduction in the intro starts an
   unlabelled question.
   Also labels: a question word with the person in brackets (``Interviewer (Ms. Jane
   Doe):``, later ``Interviewer:``); a one-off label that gives its own initials
   (``Central Banking (CB):``, ``Ana Maria Lima (AL):``); a one-off one-letter label in
   a dialogue of letters (``R:`` after ``M:`` turns); a name in capitals alone on its
   line before the dialogue (``TONY JONES:`` over a host's opening) when the dialogue's
   labels all stand alone on their lines too; a label with its colon inside square
   brackets, alone on its line (``[Reporter:]``); a one-word label that is a word
   of a full name the text gives (``Najib:`` after ``Najib Tun Razak``) inside the
   dialogue or in the run of labelled paragraphs just before it. A cast line naming
   the host (``Host: Tom Clark`` before ``Tom Clark:`` turns) is front matter and
   makes that speaker the interviewer; a programme's voice (``Voice-over:``,
   ``NARRATOR:``) asks but does not make the named speakers answer; a headline
   quoting the guest with a tag after a dash (``Minister: "..." - INTERVIEW``) is no
   turn. Where question labels mark the questions, a named speaker who introduces
   another by name before that one first speaks (``Hamdan: ... I welcome Najib Tun
   Razak.``) is the host and asks; failing that, a named speaker who never speaks right
   after a question (``HOST:``, ``Reporter:``) asks.
   Parliaments, press conferences, broadcasters and recording apps: a parliamentary
   record's labels (``Mr SMITH (Hunter) (15:04):``: a time stamp last, or two
   parentheses) count even once; a chair named by office (``The SPEAKER:``, ``THE
   MODERATOR:``) counts once the dialogue has started and asks, leaving the other
   speakers to the rules above; a headline with a colon before the dialogue (``Full
   Text of the Interview: Missiles At Dawn``) is no label; ``CONTRIBUTORS:`` and a
   ``HOST:`` line over a line of names are a cast block; numbered speakers (``Speaker
   1:``) and a time code before a label (``[00:01:15] Jane Doe:``) are labels. A guest
   who thanks the host for having them in their first turn answers even when they speak
   first; a speaker the intro credits (``Interview by Jane Doe``) asks. Where one named
   speaker is the only one labelled and each of their turns follows an unlabelled
   paragraph ending with ``?``, those paragraphs are questions.
1b. **Labels with no colon**, when no label with a colon is found: labels in square
   brackets alone on their lines (``[Jane Doe / Minister]``, ``[Reporter]``, see
   ``_bracket_markers``); a hearing record's labels closed by a period (``Chairman
   SMITH.``, ``Mr. JONES.``, see ``_period_markers``); else labels alone on their lines
   (``Question`` / ``Johann Wadephul``, or a name over a time code, ``Jane Doe  0:15``):
   short lines, a question/answer word or a name with no end punctuation, each followed
   by text, at least two of them written at least twice, opening blocks in turn, two
   pairs at least (see ``_bare_markers``); before those, initials set off from the text
   by a run of three spaces or more, or a tab (``CL          Hello ...``): two different
   initials at least, and no table row (a second such run on a line) in the file (see
   ``_spaced_markers``).
2. **Dash turns** (``- ``, ``-``, ``– ``, ``— `` at the start of a line), when the file
   has at least two: they alternate, starting with a question if the first one asks
   one (contains ``?``) and with an answer otherwise; when every dash turn asks, the
   dashes mark questions and the paragraphs after each are its answer; when every
   dash turn follows an undashed line ending with ``?``, the dashes mark answers and
   that line's paragraph is the question.
3. **Numbered questions** (``1. What ...?``): each numbered paragraph that asks
   something is a question, the unnumbered paragraphs after it are its answer.
4. **Strictly alternating paragraphs**: one ending in ``?``, one not, each answer a
   single paragraph, two pairs at least (see ``_alternating_markers``).

Other unlabeled question/answer paragraphs get no turns: there is no rule we trust to
tell a question from an answer that ends in a rhetorical question, and a wrong pairing
is worse than none. Such a transcript keeps all its text as title, front matter and
intro (so its names and figures are still read), and the build says so in one line;
``--strict`` refuses it instead (:func:`no_turns_error`). Lines that do not start a turn
continue the turn before them; lines before the first turn are front matter: page
furniture (dates, language switchers, navigation, bylines, datelines alone on a line:
see ``frontmatter``), the title (the first other line, when it is the interview's title)
and intro paragraphs. The furniture before the title (or, when there is none, right
after it) is the front matter block; furniture further down stays in the intro, marked
as such. Furniture is also told by its place in the page: the title repeated right under
itself, the page header between the title line and its repeat, a teaser, a promotion
box (see ``_repeats`` and ``_promotions``). Inside a turn, furniture lines after its
first (an advert, a share bar, a ``Related stories`` list: see ``_in_turn``) stay in the
turn but are listed in ``Transcript.turn_furniture`` and never read. Paragraphs are
separated by blank lines, or by single newlines in a file that has no blank line
between its turns.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from builder.backmatter import back_matter_start, is_back_matter
from builder.errors import BuildError
from builder.frontmatter import Furniture, furniture_kind, written_date

#: Whitespace allowed between a label and its text (including non-breaking spaces).
_SPACE = " \t\u00a0\u2007\u202f"
#: The programme's own voices in a broadcast: on the interviewer's side, so their turns
#: are questions, but they do not make every named speaker an interviewee.
_VOICE_WORDS = "Voice-over|VOICE-OVER|Voiceover|VOICEOVER|Narrator|NARRATOR|Announcer|ANNOUNCER"
_QUESTION_WORDS = (
    "Question|QUESTION|Q|Interviewer|INTERVIEWER|Host|HOST|Journalist|JOURNALIST|"
    "Reporter|REPORTER|Correspondent|CORRESPONDENT|Moderator|MODERATOR|"
    "Presenter|PRESENTER|Anchor|ANCHOR|"
    f"{_VOICE_WORDS}"
)
_ANSWER_WORDS = "Answer|ANSWER|A"
_BOLD = r"(?:\*\*|__)?"
#: A recording's time code before a label (``[00:01:15] Jane Doe:``, ``00:15 Q:``).
_TIME_CODE = r"(?:[\[(]?(?:\d{1,2}:)?\d{1,2}:\d\d(?:[.,]\d{1,3})?[\])]?[ \t]+(?:[-–—|][ \t]+)?)?"
_QA_LABEL = re.compile(
    rf"{_TIME_CODE}{_BOLD}(?P<word>{_QUESTION_WORDS}|{_ANSWER_WORDS})(?:[ ]?\d{{1,3}})?{_BOLD}"
    rf"(?:(?P<paren>[ ]?\([^()\n]{{1,80}}\)){_BOLD}[ \t]?:{_BOLD}"
    rf"|\.?{_BOLD}[ \t]?:{_BOLD}|\.{_BOLD}(?=[{_SPACE}]))"
)
#: A question/answer word alone on its line, with no colon (``Question``, ``A``).
_BARE_QA = re.compile(rf"{_BOLD}(?P<word>{_QUESTION_WORDS}|{_ANSWER_WORDS}){_BOLD}")
#: What may follow a question/answer label's colon with no space (``Q:About ...``).
_GLUED_TEXT = re.compile(r"[A-Z\u00c0-\u00de\"“‘']")
_NAME_WORD = (
    r"(?:[A-Z\u00c0-\u00de\u0100-\u017f\u0400-\u042f][\w\u0300-\u036f’'.\-]*"
    r"|of|the|de|la|le|van|von|der|al|bin|and|for)"
)
_SPEAKER_LABEL = re.compile(
    rf"{_TIME_CODE}{_BOLD}(?P<name>{_NAME_WORD}(?:,?[ ]{_NAME_WORD}){{0,7}}(?:[ ]\d{{1,2}})?)"
    rf"(?P<paren>(?:[ ]?\([^()\n]{{1,80}}\)){{1,2}})?{_BOLD}[ \t]?:{_BOLD}"
)
#: A parliamentary record's time stamp closing a label (``Mr SMITH (Hunter) (15:04):``,
#: ``Ms JONES (2.31 pm):``): the record marks each speech so, even a speaker's only one.
_STAMPED = re.compile(r"\((?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ ]?[ap]\.?m\.?)?\)$", re.IGNORECASE)
#: The chair of a sitting, hearing or press conference, named by office alone (``The
#: SPEAKER:``, ``THE MODERATOR:``, ``Madam CHAIR:``): on the questioners' side (it gives
#: them the floor) and a label even once, but, like a programme's voice, it does not
#: make every named speaker an answerer. ``THE PRESIDENT`` is no chair: at a press
#: conference the president answers.
_CHAIR = re.compile(
    r"(?:the|mr\.?|madam|madame)[ ]+(?:deputy[ ]+|acting[ ]+)?speaker"
    r"|(?:(?:the|mr\.?|madam|madame)[ ]+)?(?:deputy[ ]+|acting[ ]+)?"
    r"(?:chair|chairman|chairwoman|chairperson|moderator|presiding[ ]+officer)",
    re.IGNORECASE,
)
#: A label in square brackets alone on its line (``[Jane Doe / Minister]``).
_BRACKET_LABEL = re.compile(r"\[(?P<inner>[^\[\]\n:?!]{1,80})\]")
#: A label with its colon inside square brackets, alone on its line (``[Reporter:]``,
#: ``[Jane Doe:]``): read as the label inside, the turn's text on the next line.
_BRACKETED_COLON = re.compile(r"\[(?P<inner>[^\[\]\n]{1,80}:)\]")
#: Initials opening a line, then a run of spaces or a tab before the text, as some
#: institutions' transcripts write their labels (``CL          Hello ...``).
_SPACED_INITIALS = re.compile(r"(?P<name>[A-Z]{2,4})(?:[ ]{3,}|[ ]*\t[ \t]*)(?=[A-Z\"“‘'])")
#: A hearing record's label: honorific or office, surname in capitals, a period.
_HEARING_LABEL = re.compile(
    r"(?P<name>(?:Mr|Mrs|Ms|Dr|Miss)\.?[ ](?:[A-Z][A-Z’'\-]+[ ])?[A-Z][A-Z’'\-]+"
    r"|(?:The|Chairman|Chairwoman|Chair|Senator|Representative|Secretary|Ambassador|"
    r"General|Admiral|Governor|Director|Commissioner|Judge|Justice|Mayor)"
    r"[ ](?:[A-Z][A-Z’'\-]+[ ])?[A-Z][A-Z’'\-]+)\.(?:[—–][ ]?)?"
)
#: Words of stage directions in brackets (``[MUSIC]``, ``[Applause]``), never a label.
_STAGE_WORDS = frozenset(
    "music laughter laughs laughing applause inaudible crosstalk unintelligible silence "
    "pause break commercial video videotape clip audio sound noise begin end start cheers "
    "cheering singing sic translation translated interpretation intro outro theme "
    "overlapping talk speaking foreign language".split()
)
#: A name alone on its line, with no colon (``Johann Wadephul``): a label only where it
#: recurs as the first line of alternating blocks (see ``_bare_markers``).
_BARE_NAME = re.compile(rf"{_BOLD}(?P<name>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,4}}){_BOLD}")
#: The same with a time code after it, as recording apps export (``Jane Doe  0:15``).
_BARE_TIMED_NAME = re.compile(rf"{_BARE_NAME.pattern}(?:[ \t]+(?:\d{{1,2}}:)?\d{{1,2}}:\d\d)?")
#: Label words of page headers, headline kickers and notes, never a speaker
#: (``WHEN:``, ``PARTICIPANTS:``, ``Last Updated:``, ``CNBC Exclusive:``, ``Photo:``):
#: a label whose last word is one of them is text.
_HEADER_WORDS = frozenset(
    "when where who what date dated time place location venue participants speakers "
    "present attendees panelists panellists subject topic topics source sources published "
    "updated posted filed tags category photo photos picture caption credit credits note "
    "notes transcript transcripts excerpt excerpts exclusive watch listen video audio "
    "related update breaking keywords duration copyright disclaimer also more "
    "contributors guests hosts moderators panel cast featuring with".split()
)
#: A cast line's text: names and descriptions, comma-separated, with no sentence end
#: (``Moderator: JANE DOE, Communications Officer, IMF``).
_CAST = re.compile(
    r"[A-Z][\w.'’&\-]*(?:(?:,?[ ]+)(?:[A-Z&][\w.'’&\-]*|of|the|and|for|de|du|van|von|al|on|in))*"
    r"(?:,[ ]+[A-Z][\w.'’&\-]*(?:[ ]+(?:[A-Z&][\w.'’&\-]*|of|the|and|for|de|on|in))*)+"
)
#: A whole line of text that is one quotation: a photo caption or pull quote, or a
#: headline quoting the guest with a short tag after a dash (``"..." - INTERVIEW``).
_QUOTATION = re.compile(r"[\"“„«][^\"“”„«»]+[\"”»](?:[ ]+[-–—|][ ]+[^.?!\n]{1,60})?")
#: Honorifics and name particles that stay in mixed case in a name set in capitals
#: (``Mr. RICHARD KYLE``, ``CYNTHIA McFADDEN``, ``Ludwig van BEETHOVEN``).
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame mme mx".split())
#: Words a headline in title case leaves in lower case.
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as vs via into over".split()
)
_PARTICLES = frozenset("of the de la le du da van von der den al el bin ibn and".split())
#: A host introducing themself in a broadcast's opening (``I'm Neal Conan``).
_SELF_INTRODUCTION = re.compile(r"\b(?:I'm|I’m|I am|This is|My name is)[ ]+")
_INTRODUCED = re.compile(r"[A-Z][\w'’\-]*(?:[ ]+[A-Z][\w'’\-]*){0,3}")
#: A guest thanking the host for having them, in their first turn (``Great to be
#: here.``, ``Thanks for having me.``): that speaker is the interviewee.
_GUEST_GREETING = re.compile(
    r"\b(?:(?:great|good|glad|nice|happy|pleased|delighted|a[ ]+pleasure|an[ ]+honou?r)"
    r"[ ]+to[ ]+be[ ]+(?:here|with[ ]+you|on[ ]+(?:the|your)[ ]+(?:show|programme|program|podcast))"
    r"(?:[ ]+(?:today|again|tonight|this[ ]+(?:morning|afternoon|evening)))?[.!]"
    r"|(?:thanks|thank[ ]+you)[ ]+(?:so[ ]+much[ ]+|very[ ]+much[ ]+)?"
    r"for[ ]+(?:having|inviting)[ ]+me\b)",
    re.IGNORECASE,
)
#: An intro's credit of the interviewer (``Interview by Jane Doe``, ``Hosted by ...``).
_CREDIT = re.compile(
    r"\b(?:[Ii]nterview(?:ed)?[ ]+by|[Hh]osted[ ]+by|[Mm]oderated[ ]+by|[Cc]onducted[ ]+by"
    r"|B[Yy])[ ]+(?P<name>[A-Z][\w’'\-]+(?:[ ]+[A-Z][\w’'\-]+){1,3})"
)
#: A turn that ends with a question mark (quotes, brackets and markup after it aside).
_ENDS_WITH_QUESTION = re.compile(r"\?[!?]*[\s\"'“”‘’()\[\]*_]*$")
#: A known speaker's name in capitals closed by a period (``SMITH. So, ...``).
_PERIOD_LABEL = re.compile(r"(?P<name>[A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,3})\.(?=[ \t])")
_DASH = re.compile(r"[-–—](?![-–—])")
_NUMBER = re.compile(r"\d{1,3}[.)]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True)
class Turn:
    """One question or answer: where its label and its text are."""

    role: str  # "question" or "answer"
    start: int
    end: int
    label: str | None
    speaker: str | None
    label_start: int | None
    label_end: int | None
    n_paragraphs: int
    speaker_name: str | None = None  # the speaker's fullest label (``JOHN SMITH, HOST``)


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript: the decoded text and where each part of it is."""

    text: str
    title: tuple[int, int] | None
    intros: list[tuple[int, int]]
    turns: list[Turn]
    front_matter: tuple[int, int] | None = None  # page furniture before or after the title
    furniture: tuple[Furniture, ...] = ()  # every furniture line before the first turn
    back_matter: tuple[int, int] | None = None  # page furniture after the last turn
    turn_furniture: tuple[Furniture, ...] = ()  # furniture lines inside turns (see _in_turn)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character


@dataclass(frozen=True)
class _Marker:
    kind: str  # "question", "answer", "speaker", "dash", "number", or "none" (unlabelled)
    label_start: int
    label_end: int
    speaker: str | None  # the name as written, without markup or punctuation
    key: str | None = None  # the speaker's identity, short forms resolved
    full: str | None = None  # the identity's first label as written, with its parenthesis


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Decode a transcript file, refusing empty, binary and wrongly encoded files."""
    data = path.read_bytes()
    wide = encoding.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if not wide and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BuildError(
            "UTF-16 text (it starts with a UTF-16 byte order mark)",
            path,
            1,
            "re-encode the file as UTF-8, or pass --encoding utf-16",
        )
    if not wide and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BuildError(
            "binary file (contains NUL bytes), not a text transcript",
            path,
            line,
            "export the transcript as plain UTF-8 text",
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BuildError(
            f"not valid {encoding}: byte 0x{data[err.start]:02x} at byte offset {err.start}",
            path,
            line,
            "re-encode the file as UTF-8, or give its encoding with --encoding "
            "(or the manifest's encoding column)",
        ) from None
    except LookupError:
        raise BuildError(f"unknown encoding {encoding!r}", path) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BuildError("empty transcript (no text)", path, 1, "check that the file was saved")
    return text


class LineIndex:
    """1-based line numbers of many offsets into one text, by bisection (not a scan of
    the text per offset)."""

    def __init__(self, text: str):
        self._breaks = [i for i, c in enumerate(text) if c == "\n"]

    def line(self, offset: int) -> int:
        """The 1-based line number of ``offset``."""
        return bisect.bisect_left(self._breaks, offset) + 1


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def count_words(text: str) -> int:
    """Words are runs of letters or digits, joined by inner apostrophes or hyphens."""
    return len(_WORD.findall(text))


def parse(
    text: str,
    path: Path | str,
    title: str | None = None,
    interviewer_speaker: str | None = None,
) -> Transcript:
    """Split ``text`` into title, intro paragraphs and turns (see the module docs)."""
    lines = _lines(text)
    markers = _label_markers(text, lines)
    split = _split_at_inline_labels(text, lines, markers)
    if len(split) > len(lines):
        lines, markers = split, _label_markers(text, split)
    if len(markers) >= 2 or any(m.kind in ("question", "answer") for m in markers.values()):
        hosts = _cast_hosts(text, lines)
        if interviewer_speaker is None and len(set(hosts.values())) == 1:
            interviewer_speaker = next(iter(hosts.values()))
        roles = _label_roles(text, lines, markers, interviewer_speaker)
        if set(roles.values()) == {"question"} and not _answers_after_questions(
            text, lines, markers, roles
        ):
            _add_unlabelled_answers(lines, markers, roles)
        _add_host_opening(text, lines, markers, roles)
    elif bare := (
        _bracket_markers(text, lines)
        or _period_markers(text, lines)
        or _spaced_markers(text, lines)
        or _bare_markers(text, lines)
    ):
        markers = bare
        roles = _label_roles(text, lines, markers, interviewer_speaker)
    else:
        markers, roles = _dash_markers(text, lines)
        if len(markers) < 2:
            markers, roles = _numbered_markers(text, lines)
        if not markers:
            markers, roles = _alternating_markers(text, lines)
    return _assemble(text, path, lines, markers, roles, title)


def no_turns_error(path: Path | str) -> BuildError:
    """The message for a transcript in which :func:`parse` found no turns (``--strict``
    refuses it; otherwise its text is published as the intro)."""
    return BuildError(
        "no recognisable question/answer turns",
        path,
        1,
        "mark each turn at the start of its line with `Q:`/`A:`, a speaker name "
        "such as `SMITH:`, a dash `- `, or number the questions `1. ...?`",
    )


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with the offsets of their first and last non-space characters."""
    out = []
    for number, m in enumerate(_LINE.finditer(text), start=1):
        body = m.group().rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = m.start() + len(body) - len(body.lstrip())
            out.append(_Line(number, start, start + len(stripped)))
        if m.end() == len(text):
            break
    return out


def _speaker_key(name: str) -> str:
    """Normalise a speaker name for comparison: capitals, single spaces, no dots."""
    return " ".join(re.sub(r"[.*_]", "", name).upper().split())


def _label_markers(text: str, lines: list[_Line]) -> dict[int, _Marker]:
    """Question/answer and speaker labels, keyed by line index."""
    found: dict[int, _Marker] = {}
    names: dict[int, str] = {}
    parens: dict[int, str] = {}
    captions: set[int] = set()
    # A header field (``WHEN:``, ``Time:``) appears once; a word written the same way
    # on two lines or more is a speaker, even a header word (``TIME:``, the magazine),
    # but not a headline the page repeats word for word (``CNBC Exclusive: ...`` twice).
    label_lines = Counter(
        m["name"]
        for head in {text[line.start : line.end] for line in lines}
        if (m := _SPEAKER_LABEL.match(head))
    )
    hosts = _cast_hosts(text, lines)
    for i, line in enumerate(lines):
        head = text[line.start : line.end]
        # ``[Reporter:]``: the label inside the brackets, its span with them.
        shift, close = 0, 0
        if bracketed := _BRACKETED_COLON.fullmatch(head):
            head, shift, close = bracketed["inner"], 1, 1
        m = _QA_LABEL.match(head)
        if m and close and m.end() < len(head):
            m = None
        if m and len(m["word"]) > 1 and (_is_cast(head[m.end() :]) or i in hosts):
            continue  # ``Moderator: JANE DOE, Press Officer``: a cast list line
        if m and len(m["word"]) > 1 and m.end() == len(head) and _names_line(text, lines, i + 1):
            continue  # ``HOST:`` over a line of names (``FRED DEWS``): a cast block
        if m and (_text_follows(head, m.end()) or _glued(head, m)):
            kind = "answer" if re.fullmatch(_ANSWER_WORDS, m["word"]) else "question"
            # ``Interviewer (Ms. Jane Doe):`` names the person who asks.
            person = m["word"] + m["paren"] if m["paren"] else None
            end = line.start + shift + m.end() + close
            found[i] = _Marker(kind, line.start, end, m["word"], full=person)
            continue
        m = _SPEAKER_LABEL.match(head)
        if not m or not _text_follows(head, m.end()) or (close and m.end() < len(head)):
            continue
        rest = head[m.end() :].strip()
        if (_is_header(m["name"]) and label_lines[m["name"]] < 2) or _is_cast(rest):
            continue  # a page header field or a cast list line, not a turn
        found[i] = _Marker("speaker", line.start, line.start + shift + m.end() + close, None)
        names[i] = m["name"]
        parens[i] = m["paren"] or ""
        if _QUOTATION.fullmatch(rest) or _is_headline(rest):
            captions.add(i)
    # Photo captions and pull quotes (``Name: "..."``) and headlines with a kicker
    # (``Full Text of the Interview: Missiles At Dawn``) before the dialogue starts.
    first_turn = min((i for i in found if i not in captions), default=len(lines))
    for i in sorted(captions):
        if i < first_turn:
            del found[i], names[i], parens[i]
    # Resolve short forms (SURNAME:, ROLE:, initials) to the full label they abbreviate.
    identities: dict[int, str] = {}
    full: list[tuple[str, set[str], set[str]]] = []  # key, its words, its short forms
    written_full: dict[str, str] = {}
    for i in sorted(names):
        key = _speaker_key(names[i])
        words = set(re.split(r"[ ,]+", key))
        owner = next((k for k, w, short in full if words <= w or key in short), None)
        if owner is None:
            full.append((key, words, _short_forms(names[i], parens[i])))
            written_full[key] = names[i] + parens[i]
        identities[i] = owner or key
    # A known speaker's name in capitals closed by a period is a label too.
    for i, line in enumerate(lines):
        m = _PERIOD_LABEL.match(text, line.start, line.end)
        if (
            i in found
            or not m
            or not _text_follows(text[line.start : line.end], m.end() - line.start)
        ):
            continue
        words = set(m["name"].split())
        owners = [key for key, full_words, _ in full if words <= full_words]
        if len(owners) == 1:
            found[i] = _Marker("speaker", line.start, m.end(), None)
            names[i] = m["name"]
            identities[i] = owners[0]
    turns = Counter(identities.values())
    recurring = [i for i, key in sorted(identities.items()) if turns[key] >= 2]
    asked = [i for i, m in found.items() if m.kind in ("question", "answer")]
    # A parliamentary record's labels (``Mr SMITH (Hunter) (15:04):``) open it too.
    stamped = [i for i in identities if _parliamentary(parens.get(i, ""))]
    dialogue = min(recurring[:1] + asked + stamped, default=None)  # where the dialogue starts
    # One-letter labels (``M:``, ``R:``): a one-off letter inside such a dialogue too.
    letters = any(len(identities[i]) == 1 for i in recurring)
    # A one-word label that is a word of a full name the text gives (``Najib:`` after
    # ``Najib Tun Razak``) counts in the dialogue and in the paragraphs just before it.
    opening = _dialogue_opening(text, lines, set(found), dialogue)
    named = _named_words(text, lines, found) if opening is not None else set()
    # Labels alone on their lines (``TONY JONES:`` over the turn): a name in capitals so
    # written before the dialogue is its host's opening when the dialogue's labels all
    # stand alone on their lines too.
    alone = {k for k, marker in found.items() if marker.label_end == lines[k].end}
    own_lines = dialogue is not None and all(k in alone for k in found if k >= dialogue)
    for i, key in sorted(identities.items()):
        written = names[i]
        # A numbered label (``Speaker 3:``, ``STEP 2:``) counts only when it recurs.
        numbered = re.search(r"[ ]\d+$", written) is not None
        if turns[key] < 2 and (
            numbered
            or not (
                (_in_capitals(written) and (dialogue is None or i > dialogue))
                or (dialogue is not None and i > dialogue and _name_like(written))
                or (dialogue is not None and i > dialogue and letters and len(key) == 1)
                or (opening is not None and i >= opening and written in named)
                or (own_lines and i in alone and _in_capitals(written) and _name_like(written))
                or _declares_initials(written, parens.get(i, ""))
                or _parliamentary(parens.get(i, ""))
                or (dialogue is not None and _CHAIR.fullmatch(written) is not None)
            )
        ):
            # A one-off Title-case "Name:" is more likely text than a turn, and so is a
            # one-off "EDITOR'S NOTE:" before the first speaker who speaks twice.
            del found[i]
            continue
        marker = found[i]
        found[i] = _Marker(
            "speaker", marker.label_start, marker.label_end, written, key, written_full[key]
        )
    return found


def _bare_markers(text: str, lines: list[_Line]) -> dict[int, _Marker]:
    """Labels alone on their lines with no colon (``Question`` / ``Johann Wadephul``): a
    short line that is a question/answer word or a name (capitalised words, no end
    punctuation), followed by a line of text, is a label when at least two such lines,
    each written at least twice, open blocks in turn (no label twice in a row), two
    pairs at least. A name or a heading alone on a line once is text."""
    candidates: dict[int, tuple[str, re.Match[str]]] = {}
    for i, line in enumerate(lines[:-1]):
        head = text[line.start : line.end]
        if not head.rstrip("*_")[-1:].isalnum():
            continue
        m = _BARE_QA.fullmatch(head)
        if m:
            candidates[i] = ("qa", m)
            continue
        m = _BARE_TIMED_NAME.fullmatch(head)
        if m and m["name"][0].isupper():
            candidates[i] = ("name", m)
    for i in list(candidates):
        if i + 1 in candidates:  # a label is followed by its text, not by another label
            del candidates[i]
    keys = {
        i: _speaker_key(m["word"] if kind == "qa" else m["name"])
        for i, (kind, m) in candidates.items()
    }
    counts = Counter(keys.values())
    kept = [i for i in sorted(candidates) if counts[keys[i]] >= 2]
    if (
        len(kept) < 4
        or len({keys[i] for i in kept}) < 2
        or any(keys[a] == keys[b] for a, b in zip(kept, kept[1:], strict=False))
    ):
        return {}
    markers = {}
    for i in kept:
        kind, m = candidates[i]
        line = lines[i]
        if kind == "qa":
            role = "answer" if re.fullmatch(_ANSWER_WORDS, m["word"]) else "question"
            markers[i] = _Marker(role, line.start, line.end, m["word"])
        else:
            name = m["name"]
            markers[i] = _Marker("speaker", line.start, line.end, name, keys[i], name)
    return markers


def _bracket_markers(text: str, lines: list[_Line]) -> dict[int, _Marker]:
    """Labels in square brackets alone on their lines (``[Jane Doe / Minister]``,
    ``[Reporter]``), as broadcasters' transcripts write them: capitalised words, an
    optional role after ``/`` or ``,``, each followed by a line of text. They are labels
    when there are three or more such lines, of two speakers at least, one of them
    written twice; stage directions (``[MUSIC]``, ``[Applause]``) never are. A question
    word in brackets (``[Reporter]``) asks."""
    found: dict[int, tuple[str, str]] = {}  # line index: (the name part, the whole inside)
    for i, line in enumerate(lines[:-1]):
        m = _BRACKET_LABEL.fullmatch(text, line.start, line.end)
        if not m or _BRACKET_LABEL.fullmatch(text, lines[i + 1].start, lines[i + 1].end):
            continue
        inner = " ".join(m["inner"].split())
        words = re.findall(r"[^\s/,&]+", inner)
        if len(words) <= 8 and all(
            (w[0].isupper() or w.lower() in _PARTICLES) and w.lower() not in _STAGE_WORDS
            for w in words
        ):
            found[i] = (re.split(r"[ ]*[/,][ ]*", inner)[0], inner)
    counts = Counter(_speaker_key(name) for name, _ in found.values())
    if not _enough_labels(counts):
        return {}
    markers = {}
    for i, (name, inner) in found.items():
        line = lines[i]
        if _BARE_QA.fullmatch(name):
            role = "answer" if re.fullmatch(_ANSWER_WORDS, name) else "question"
            markers[i] = _Marker(role, line.start, line.end, name)
        else:
            markers[i] = _Marker("speaker", line.start, line.end, name, _speaker_key(name), inner)
    return markers


def _enough_labels(counts: Counter[str]) -> bool:
    """Labels with no colon (turns per speaker in ``counts``) make a dialogue when there
    are three or more, of two speakers at least, one of them written twice."""
    return sum(counts.values()) >= 3 and len(counts) >= 2 and max(counts.values()) >= 2


def _period_markers(text: str, lines: list[_Line]) -> dict[int, _Marker]:
    """Labels of a hearing's record (``Mr. SMITH.``, ``Senator JONES.``, ``The
    CHAIRMAN.``): an honorific or office in title case and a surname in capitals, closed
    by a period, opening a line. They are labels when there are three or more, of two
    speakers at least, one of them written twice."""
    found = {
        i: m
        for i, line in enumerate(lines)
        if (m := _HEARING_LABEL.match(text, line.start, line.end))
        and _text_follows(text[line.start : line.end], m.end() - line.start)
    }
    counts = Counter(_speaker_key(m["name"]) for m in found.values())
    if not _enough_labels(counts):
        return {}
    return {
        i: _Marker("speaker", m.start(), m.end(), m["name"], _speaker_key(m["name"]), m["name"])
        for i, m in found.items()
    }


def _spaced_markers(text: str, lines: list[_Line]) -> dict[int, _Marker]:
    """Initials as labels with no colon, set off from the text by a run of three spaces
    or more, or a tab (``CL          Hello ...``, ``TAG        Thank you.``), as some
    institutions' press transcripts write them. They are labels when two different
    initials open such lines; a line whose text holds another such run is a table row,
    and then the file has none."""
    found: dict[int, re.Match[str]] = {}
    for i, line in enumerate(lines):
        m = _SPACED_INITIALS.match(text, line.start, line.end)
        if not m:
            continue
        if re.search(r"[ ]{3,}|\t", text[m.end() : line.end]):
            return {}  # columns of a table, not a label and its text
        found[i] = m
    if len({m["name"] for m in found.values()}) < 2:
        return {}
    return {
        i: _Marker("speaker", m.start(), m.end("name"), m["name"], m["name"], m["name"])
        for i, m in found.items()
    }


def _dialogue_opening(
    text: str, lines: list[_Line], labelled: set[int], dialogue: int | None
) -> int | None:
    """The first labelled line of the run of single-paragraph labelled turns that ends
    where the dialogue starts (``Hamdan: ... I welcome ...`` just before ``Question:``)."""
    if dialogue is None:
        return None
    start = dialogue
    while True:
        before = [k for k in labelled if k < start]
        if not before:
            return start
        j = max(before)
        if any(_gap_is_blank(lines[k], lines[k + 1]) for k in range(j, start - 1)):
            return start
        start = j


def _named_words(text: str, lines: list[_Line], labels: dict[int, _Marker]) -> set[str]:
    """Words of the full names the text gives outside its labels: runs of two or more
    capitalised words (``Datuk Seri Najib Tun Razak``)."""
    out: set[str] = set()
    for i, line in enumerate(lines):
        start = labels[i].label_end if i in labels else line.start
        for m in re.finditer(r"\b[A-Z][\w’'\-]+(?:[ ]+[A-Z][\w’'\-]+)+", text[start : line.end]):
            out |= set(m.group().split())
    return out


def _cast_hosts(text: str, lines: list[_Line]) -> dict[int, str]:
    """Cast lines that name the interviewer (``Host: Tom Clark`` before ``Tom Clark:``
    turns): a question word such as ``Host`` or ``Moderator`` whose whole text is a name
    that labels turns elsewhere, alone or before a comma (``TOM CLARK, HOST:``), by line
    index."""
    labels = {
        _speaker_key(part)
        for line in lines
        if (m := _SPEAKER_LABEL.match(text, line.start, line.end))
        for part in (m["name"], m["name"].split(",")[0])
    }
    out = {}
    for i, line in enumerate(lines):
        m = _QA_LABEL.match(text, line.start, line.end)
        if not m or len(m["word"]) < 2 or re.fullmatch(_ANSWER_WORDS, m["word"]):
            continue
        rest = text[m.end() : line.end].strip()
        if _BARE_NAME.fullmatch(rest) and _speaker_key(rest) in labels:
            out[i] = rest
    return out


def _glued(head: str, m: re.Match[str]) -> bool:
    """A question/answer word's colon with the text glued to it (``Q:About ...``)."""
    return m.group().endswith(":") and _GLUED_TEXT.match(head, m.end()) is not None


def _is_cast(rest: str) -> bool:
    """The text of a cast list line: a name and a description, comma-separated, short,
    with no sentence in it (``JANE DOE, Director, Research Department``)."""
    rest = rest.strip()
    return (
        len(rest.split()) <= 12
        and not re.search(r"[.?!…](?:\s|$)", rest)
        and _CAST.fullmatch(rest) is not None
    )


def _parliamentary(paren: str) -> bool:
    """A label's parentheses as a parliamentary record writes them: a time stamp last
    (``(Hunter) (15:04)``) or two of them (``(Cardiff North) (Lab)``)."""
    return _STAMPED.search(paren) is not None or paren.count("(") == 2


def _names_line(text: str, lines: list[_Line], i: int) -> bool:
    """Line ``i`` holds only a name of two words or more, or a cast line (``JANE DOE``,
    ``Jane Doe, Director``): no sentence, so no turn's text."""
    if i >= len(lines):
        return False
    line = text[lines[i].start : lines[i].end]
    m = _BARE_NAME.fullmatch(line)
    return bool(m and len(m["name"].split()) >= 2) or _is_cast(line)


def _is_headline(rest: str) -> bool:
    """A label line's text that is a headline, not speech: two words or more in title
    case (every word capitalised but short function words), with no end punctuation
    (``Missiles At Western Targets``)."""
    words = rest.split()
    return (
        len(words) >= 2
        and not re.search(r"[.?!…:;,\"”»)]$", rest)
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)
        and sum(w[0].isupper() for w in words) >= 2
    )


def _is_header(name: str) -> bool:
    """A label that is a page header field or a headline kicker (``WHEN``,
    ``Last Updated``, ``CNBC Exclusive``), by its last word."""
    words = re.findall(r"[\w’']+", name)
    return bool(words) and words[-1].lower() in _HEADER_WORDS


def _declares_initials(name: str, paren: str) -> bool:
    """A label that gives its own initials in brackets (``Ajith Nivard Cabral (AC)``,
    ``Central Banking (CB)``): initials of its words in order, first and last among
    them. Writing them declares a short form, so it is a label even if used once."""
    inner = paren.strip(" ()")
    words = [
        w
        for w in re.findall(r"[^\W\d_]+", name)
        if w.lower() not in _HONORIFICS and w.lower() not in _PARTICLES
    ]
    if len(words) < 2 or not re.fullmatch(r"[A-Z]{2,5}", inner):
        return False
    initials = "".join(w[0].upper() for w in words)
    if inner[0] != initials[0] or inner[-1] != initials[-1]:
        return False
    rest = iter(initials)
    return all(c in rest for c in inner)


def _short_forms(name: str, paren: str) -> set[str]:
    """The initials a full label may later be shortened to (``Yannis Stournaras`` ->
    ``YS``, ``Tshabalala-Msimang`` -> ``T-M`` and ``TM``, ``CYNTHIA McFADDEN`` -> ``CM``),
    and initials given in its parenthesis (``Steve Sedwick (SS)`` -> ``SS``)."""
    words = [
        w
        for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
        if w.lower() not in _HONORIFICS and w.lower() not in _PARTICLES
    ]
    out = set()
    if words:
        out.add("".join(w[0] for w in words).upper())
        out.add("".join(p[0] for w in words for p in w.split("-")).upper())
        out.add(" ".join("-".join(p[0] for p in w.split("-")) for w in words).upper())
        out.add("-".join(p[0] for w in words for p in w.split("-")).upper())
    inner = paren.strip(" ()")
    if re.fullmatch(r"[A-Z][A-Z.\-]{0,5}", inner):
        out.add(_speaker_key(inner))
    return out


def _in_capitals(name: str) -> bool:
    """A name set in capitals, honorifics, particles and ``Mc``/``Mac`` aside
    (``PUTIN``, ``Mr. RICHARD KYLE``, ``CYNTHIA McFADDEN``)."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", name)
    caps = [
        re.sub(r"^(?:Mc|Mac)(?=[A-Z])", "", w)
        for w in words
        if w.lower() not in _HONORIFICS and w.lower() not in _PARTICLES
    ]
    return bool(caps) and all(w.isupper() for w in caps) and max(map(len, caps)) > 1


def _name_like(name: str) -> bool:
    """A label that names someone: two words or more (``Ambassador Qin``) or an initial
    and a surname (``V.Putin``)."""
    return len(name.split()) >= 2 or re.fullmatch(r"[A-Z]\.[ ]?[A-Z]\w+", name) is not None


def _text_follows(head: str, end: int) -> bool:
    """A label is followed by whitespace, or ends its line (text on the next line)."""
    return end == len(head) or head[end] in _SPACE


def _label_roles(
    text: str, lines: list[_Line], markers: dict[int, _Marker], interviewer: str | None
) -> dict[int, str]:
    """Question or answer for each labelled line. With no manifest interviewer, no
    role word and no question label, one speaker is the interviewee and the others ask:
    the speaker who opens asks, unless they never end a turn with a question mark and
    another speaker does (an excerpt that opens on an answer); the interviewee is then
    the other speaker who least often ends a turn with one. A guest who thanks the host
    for having them in their first turn (``Great to be here.``) is the interviewee even
    when they speak first. A chair (``The SPEAKER``, ``THE MODERATOR``) asks, and the
    rules above decide the other speakers."""
    speakers = {i: cast(str, m.key) for i, m in markers.items() if m.kind == "speaker"}
    chairs = {k for k in speakers.values() if _CHAIR.fullmatch(k)}
    speakers = {i: k for i, k in speakers.items() if k not in chairs}
    identities = set(speakers.values())
    role_words = {w.upper() for w in _QUESTION_WORDS.split("|") if len(w) > 1}
    askers = {k for k in identities if role_words & set(re.split(r"[ ,]+", k))}
    if interviewer:
        askers = {_resolve(_speaker_key(interviewer), identities)}
    elif speakers and not askers and not any(_asks(m) for m in markers.values()):
        asked: Counter[str] = Counter()  # turns that end with a question
        spoke: Counter[str] = Counter()
        order = list(dict.fromkeys(speakers[i] for i in sorted(speakers)))
        for i, key in speakers.items():
            turn = _turn_text(text, lines, markers, i)
            spoke[key] += 1
            asked[key] += bool(_ENDS_WITH_QUESTION.search(turn))
        greeted = [
            k
            for k in order
            if _GUEST_GREETING.search(_first_turn(text, lines, markers, speakers, k))
        ]
        credited = _credited_hosts(text, lines, markers, set(order))
        if len(order) == 1:
            askers = set(order)
        elif len(greeted) == 1:
            askers = set(order) - set(greeted)
        elif credited and len(order) > len(credited):
            # The intro credits the interviewer: the interviewee is another speaker.
            rest = [k for k in order if k not in credited]
            ratio = {k: asked[k] / spoke[k] for k in rest}
            askers = set(order) - {min(rest, key=lambda k: (ratio[k], rest.index(k)))}
        else:
            # One interviewee; the speaker who opens asks, unless they never end a turn
            # with a question and another speaker does (an excerpt opening on an answer).
            ratio = {k: asked[k] / spoke[k] for k in order}
            guest = min(order[1:], key=lambda k: (ratio[k], order.index(k)))
            interviewee = order[0] if ratio[order[0]] == 0 < ratio[guest] else guest
            askers = set(order) - {interviewee}
    elif speakers and not askers:
        askers = _introducers(text, lines, markers, speakers) or _not_after_questions(
            text, lines, markers, speakers
        )
    askers |= chairs
    roles = {}
    for i, m in markers.items():
        if m.kind == "speaker":
            roles[i] = "question" if m.key in askers else "answer"
        else:
            roles[i] = m.kind
    return roles


def _credited_hosts(
    text: str, lines: list[_Line], markers: dict[int, _Marker], identities: set[str]
) -> set[str]:
    """Speakers the lines before the first turn credit as the interviewer (``Interview by
    Jane Doe``, ``Hosted by Jane Doe``, ``By JANE DOE``): their label is the name, or its
    last word (``DOE:``)."""
    front = text[lines[0].start : lines[min(markers)].start] if markers else ""
    out = set()
    for m in _CREDIT.finditer(front):
        words = _speaker_key(m["name"]).split()
        for key in identities:
            if key == " ".join(words) or key == words[-1]:
                out.add(key)
    return out


def _first_turn(
    text: str, lines: list[_Line], markers: dict[int, _Marker], speakers: dict[int, str], key: str
) -> str:
    """The text of the first turn of the speaker ``key``."""
    i = min(i for i, k in speakers.items() if k == key)
    return _turn_text(text, lines, markers, i)


def _not_after_questions(
    text: str, lines: list[_Line], markers: dict[int, _Marker], speakers: dict[int, str]
) -> set[str]:
    """Where question labels mark the questions (``Reporter:``, ``HOST:``) and several
    named speakers talk, the ones who speak right after a question answer it; a named
    speaker who never does is on the questioners' side when they open the dialogue (a
    spokesperson who gives the floor) or end a turn with ``?`` (a second host), not when
    they only add to another's answer (a joint press conference). Nothing when no named
    speaker, or every one, follows a question."""
    starts = sorted(markers)
    answerers = {
        speakers[b] for a, b in zip(starts, starts[1:], strict=False)
        if b in speakers and _asks(markers[a])
    }  # fmt: skip
    identities = set(speakers.values())
    if not answerers or answerers == identities:
        return set()
    asking = {speakers[starts[0]]} if starts[0] in speakers else set()
    for i, key in speakers.items():
        turn = _turn_text(text, lines, markers, i)
        if _ENDS_WITH_QUESTION.search(turn):
            asking.add(key)
    return asking - answerers


def _introducers(
    text: str, lines: list[_Line], markers: dict[int, _Marker], speakers: dict[int, str]
) -> set[str]:
    """Where question labels mark the questions, named speakers answer, except one who
    introduces another by name before that speaker first speaks (``Hamdan: ... I welcome
    the Prime Minister, Najib Tun Razak.`` before ``Najib:``): the host."""
    first: dict[str, int] = {}
    for i in sorted(speakers):
        first.setdefault(speakers[i], i)
    hosts = set()
    for key in first:
        for other, other_start in first.items():
            said = " ".join(
                _turn_text(text, lines, markers, i)
                for i in sorted(speakers)
                if speakers[i] == key and i < other_start
            )
            name = cast(str, markers[other_start].speaker).split(",")[0]
            if other != key and _mentions(said, name):
                hosts.add(key)
    return hosts if hosts < set(first) else set()


def _mentions(said: str, name: str) -> bool:
    """``said`` names ``name``, as written or, for a label in capitals, in title case
    (``BILL SHORTEN`` in ``Bill Shorten is on the line``; not the verb ``shorten``)."""
    for m in re.finditer(rf"\b{re.escape(name)}\b", said, re.IGNORECASE):
        if m.group() == name or all(w[0].isupper() for w in m.group().split()):
            return True
    return False


def _asks(marker: _Marker) -> bool:
    """A question label other than a programme's voice (``Voice-over:``)."""
    return marker.kind == "question" and not re.fullmatch(_VOICE_WORDS, marker.speaker or "")


def _resolve(key: str, identities: set[str]) -> str:
    """The identity a manifest's interviewer_speaker names (exactly or by its words)."""
    if key in identities:
        return key
    words = set(key.split())
    return next((k for k in sorted(identities) if words <= set(re.split(r"[ ,]+", k))), key)


def _turn_text(text: str, lines: list[_Line], markers: dict[int, _Marker], i: int) -> str:
    """The text of the turn starting at line ``i``, from the end of its label."""
    return text[markers[i].label_end : _turn_end(lines, markers, i)]


def _turn_end(lines: list[_Line], markers: dict[int, _Marker], i: int) -> int:
    """Offset where the turn starting at line ``i`` ends (its last line's end)."""
    j = i
    while j + 1 < len(lines) and j + 1 not in markers:
        j += 1
    return lines[j].end


def _split_at_inline_labels(
    text: str, lines: list[_Line], markers: dict[int, _Marker]
) -> list[_Line]:
    """Lines cut where a known speaker's label, as written at the start of a line, opens
    a turn after the end of a sentence on the same line (``...about?    RICE: Well``).
    Only labels in capitals or of two words or more: a surname alone is too often text."""
    known = {
        text[m.label_start : m.label_end]
        for m in markers.values()
        if m.kind == "speaker"
        and m.speaker
        and (_in_capitals(m.speaker) or len(m.speaker.split()) >= 2)
        and text[m.label_start : m.label_end].rstrip("*_").endswith(":")
    }
    if not known:
        return lines
    alternatives = "|".join(map(re.escape, sorted(known, key=len, reverse=True)))
    inline = re.compile(rf"(?<=[.?!…\"”’'])[{_SPACE}]+(?:{alternatives})(?=[{_SPACE}])")
    out = []
    for line in lines:
        start = line.start
        for m in inline.finditer(text, line.start, line.end):
            out.append(_Line(line.number, start, m.start()))
            start = m.start() + len(m.group()) - len(m.group().lstrip(_SPACE))
        out.append(_Line(line.number, start, line.end))
    return out


def _add_host_opening(
    text: str, lines: list[_Line], markers: dict[int, _Marker], roles: dict[int, str]
) -> None:
    """A broadcast often opens with the host speaking before any label (``This is TALK
    OF THE NATION. I'm Neal Conan.``): when the first labelled turn answers, the
    paragraph where an interviewer introduces themself by name starts an unlabelled
    question that runs to it."""
    first = min(markers)
    askers = {w for i, m in markers.items() if roles[i] == "question" and m.key for w in
              re.split(r"[ ,]+", m.key)}  # fmt: skip
    if roles[first] != "answer" or markers[first].kind != "speaker" or not askers:
        return
    for i in range(1, first):  # line 0 is the title
        phrases = _SELF_INTRODUCTION.finditer(text, lines[i].start, lines[i].end)
        named = [_INTRODUCED.match(text, m.end(), lines[i].end) for m in phrases]
        if any(m and askers & set(_speaker_key(m.group()).split()) for m in named):
            while i > 1 and not _gap_is_blank(lines[i - 1], lines[i]):
                i -= 1
            markers[i] = _Marker("none", lines[i].start, lines[i].start, None)
            roles[i] = "question"
            return


def _alternating_markers(
    text: str, lines: list[_Line]
) -> tuple[dict[int, _Marker], dict[int, str]]:
    """Unlabelled paragraphs that strictly alternate between one that ends with a
    question mark and one that does not (a page whose bold questions were lost): from
    the first paragraph after the title that ends with a question, at least two pairs,
    every answer one paragraph. Anything else, such as an answer that ends with a
    rhetorical question or runs over two paragraphs, breaks the pattern and nothing is
    taken."""
    blank_separated = any(_gap_is_blank(a, b) for a, b in zip(lines, lines[1:], strict=False))
    paragraphs = _paragraphs(lines[1:], blank_separated)
    asks = [text[b.start : b.end].rstrip("\"'”’)] ").endswith("?") for _, b in paragraphs]
    first = next((k for k, a in enumerate(asks) if a), None)
    if first is None or len(asks) - first < 4:
        return {}, {}
    if any(a != ((k - first) % 2 == 0) for k, a in enumerate(asks[first:], start=first)):
        return {}, {}
    index = {line.start: i for i, line in enumerate(lines)}
    markers, roles = {}, {}
    for k, (a, _) in enumerate(paragraphs[first:], start=first):
        i = index[a.start]
        markers[i] = _Marker("none", a.start, a.start, None)
        roles[i] = "question" if asks[k] else "answer"
    return markers, roles


def _dash_markers(text: str, lines: list[_Line]) -> tuple[dict[int, _Marker], dict[int, str]]:
    """Dash turns alternate between interviewer and interviewee, unless every dash turn
    asks something: then the dashes mark the questions and the paragraphs after each
    one are its answer."""
    markers = {}
    for i, line in enumerate(lines):
        m = _DASH.match(text, line.start, line.end)
        if m and m.end() < line.end:
            markers[i] = _Marker("dash", line.start, m.end(), None)
    roles: dict[int, str] = {}
    questions = _questions_before(text, lines, markers)
    if len(markers) >= 2 and len(questions) == len(markers):
        for i, q in zip(sorted(markers), questions, strict=True):
            markers[q] = _Marker("none", lines[q].start, lines[q].start, None)
            roles[q], roles[i] = "question", "answer"
        return markers, roles
    if len(markers) >= 2 and all("?" in text[lines[i].start : lines[i].end] for i in markers):
        asked, roles = dict(markers), dict.fromkeys(markers, "question")
        _add_unlabelled_answers(lines, asked, roles)
        if "answer" in roles.values():
            return asked, roles
        roles = {}
    if markers:
        first = min(markers)
        asks = "?" in text[lines[first].start : _turn_end(lines, markers, first)]
        cycle = ("question", "answer") if asks else ("answer", "question")
        for n, i in enumerate(sorted(markers)):
            roles[i] = cycle[n % 2]
    return markers, roles


def _answers_after_questions(
    text: str, lines: list[_Line], markers: dict[int, _Marker], roles: dict[int, str]
) -> bool:
    """Where one named speaker is the only one labelled (``Prime Minister:``) and every
    one of their turns follows an unlabelled paragraph ending with ``?`` after the title,
    those paragraphs are the questions and the labelled turns answer them (True); else
    nothing changes (False)."""
    if len({m.key for m in markers.values()}) != 1 or any(
        m.kind != "speaker" for m in markers.values()
    ):
        return False
    questions = _questions_before(text, lines, markers)
    if not questions or questions[0] < 1:
        return False
    for i, q in zip(sorted(markers), questions, strict=True):
        markers[q] = _Marker("none", lines[q].start, lines[q].start, None)
        roles[q], roles[i] = "question", "answer"
    return True


def _questions_before(text: str, lines: list[_Line], dashes: dict[int, _Marker]) -> list[int]:
    """Where every marked turn (a dash, or one speaker's label) follows an unmarked line
    ending with ``?`` (the marks are the answers' only), the first line of each such
    question's paragraph, in order."""
    blank_separated = any(_gap_is_blank(a, b) for a, b in zip(lines, lines[1:], strict=False))
    out, before = [], -1
    for i in sorted(dashes):
        j = i - 1
        if j <= before or not text[lines[j].start : lines[j].end].rstrip("\"'”’)] ").endswith("?"):
            return []
        while blank_separated and j - 1 > before and not _gap_is_blank(lines[j - 1], lines[j]):
            j -= 1
        out.append(j)
        before = i
    return out


def _numbered_markers(text: str, lines: list[_Line]) -> tuple[dict[int, _Marker], dict[int, str]]:
    """A numbered line that asks something is a question; the paragraph after it starts
    its answer."""
    markers: dict[int, _Marker] = {}
    roles: dict[int, str] = {}
    for i, line in enumerate(lines):
        m = _NUMBER.match(text, line.start, line.end)
        if m and text[m.end() : m.end() + 1] in _SPACE and "?" in text[line.start : line.end]:
            markers[i] = _Marker("number", line.start, m.end(), None)
            roles[i] = "question"
    _add_unlabelled_answers(lines, markers, roles)
    return markers, roles


def _add_unlabelled_answers(
    lines: list[_Line], markers: dict[int, _Marker], roles: dict[int, str]
) -> None:
    """Where only questions are marked, the paragraph after each question starts an
    answer that runs to the next question."""
    blank_separated = _blank_line_separated(lines, markers)
    for i in sorted(markers):
        j = i + 1
        while (
            blank_separated
            and j < len(lines)
            and j not in markers
            and (not _gap_is_blank(lines[j - 1], lines[j]))
        ):
            j += 1
        if j < len(lines) and j not in markers:
            markers[j] = _Marker("none", lines[j].start, lines[j].start, None)
            roles[j] = "answer"


def _assemble(
    text: str,
    path: Path | str,
    lines: list[_Line],
    markers: dict[int, _Marker],
    roles: dict[int, str],
    title: str | None,
) -> Transcript:
    blank_separated = _blank_line_separated(lines, markers)
    first_turn = min(markers, default=len(lines))  # no turns: all of it is front matter
    title_span, front_matter, front, furniture = _front(text, lines[:first_turn], title)
    intros = [(a.start, b.end) for a, b in _paragraphs(front, blank_separated)]

    turns = []
    back_matter = None
    in_turns: list[Furniture] = []
    starts = sorted(markers)
    for n, i in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(lines)) - 1
        marker = markers[i]
        start = marker.label_end
        while start < len(text) and text[start].isspace():
            start += 1
        if n + 1 == len(starts):  # page furniture after the last turn: see backmatter
            own = [text[line.start : line.end] for line in lines[i : last + 1]]
            k = i + back_matter_start(own, 1 if start > lines[i].end else 0)
            if k <= last:
                back_matter, last = (lines[k].start, lines[last].end), k - 1
        end = lines[last].end
        if start >= end:
            raise BuildError(
                f"turn label {text[marker.label_start : marker.label_end]!r} has no text",
                path,
                lines[i].number,
                "remove the empty label or add the missing text",
            )
        labelled = marker.label_end > marker.label_start
        body = [_Line(lines[i].number, start, lines[i].end), *lines[i + 1 : last + 1]]
        if start > lines[i].end:  # label alone on its line
            body = lines[i + 1 : last + 1]
        in_turns += _in_turn(text, body)
        turns.append(
            Turn(
                role=roles[i],
                start=start,
                end=end,
                label=text[marker.label_start : marker.label_end] if labelled else None,
                speaker=marker.speaker,
                label_start=marker.label_start if labelled else None,
                label_end=marker.label_end if labelled else None,
                n_paragraphs=len(_paragraphs(body, blank_separated)),
                speaker_name=marker.full,
            )
        )
    return Transcript(
        text, title_span, intros, turns, front_matter, furniture, back_matter, tuple(in_turns)
    )


#: A header over a list of links to other pages (``Related stories``, ``Read more:``).
_LINK_LIST = re.compile(
    r"(?:related|more|recommended|popular|latest|top)(?:\s+(?:stories|articles|news|"
    r"content|links|reading|videos?|on\s+this(?:\s+\w+)?))?|read\s+(?:more|also|next)"
    r"|see\s+also|also\s+read|more\s+from\s+\S+(?:\s+\S+)?",
    re.IGNORECASE,
)


def _in_turn(text: str, body: list[_Line]) -> list[Furniture]:
    """The page furniture among a turn's lines after its first: a whole line of the
    kinds the back matter holds (``Share``, ``Related: ...``, ``Advertisement``, a
    copyright line, a time code; never a line that ends a sentence, nor a date written
    out), and the headlines listed under a ``Related stories`` or ``Read more:`` line
    (lines that end no sentence, up to the first that does). Such lines stay in the
    turn's text but are never read as figures or entities."""
    out: list[Furniture] = []
    listing = False
    for line in body[1:]:
        said = text[line.start : line.end]
        bare = said.strip("*_#•·>-–— ").rstrip(":")
        if _LINK_LIST.fullmatch(bare) or bare.casefold() in _ADVERT_WORDS:
            out.append(Furniture(line.start, line.end, "navigation"))
            listing = _LINK_LIST.fullmatch(bare) is not None
        elif listing and len(said.split()) <= 20 and not _SENTENCE_END.search(said):
            out.append(Furniture(line.start, line.end, "navigation"))
        elif is_back_matter(said) and not written_date(said):
            out.append(Furniture(line.start, line.end, furniture_kind(said) or "navigation"))
            listing = False
        else:
            listing = False
    return out


#: A line that says what the box under it is: an advert or sponsored content.
_ADVERT_WORDS = frozenset({
    "advertisement", "advertising", "advert", "ad", "sponsored", "sponsored content",
    "promoted", "paid content", "story continues below advertisement",
    "article continues below advertisement", "continue reading below",
})  # fmt: skip


def _front(
    text: str, front: list[_Line], title: str | None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, list[_Line], tuple[Furniture, ...]]:
    """Title, front matter block, intro lines and every furniture line before the first
    turn. The front matter block is the page furniture before the title (or, when there
    is none, right after it); furniture further down stays in the intro."""
    kinds = [furniture_kind(text[line.start : line.end]) for line in front]
    heading = next((k for k, kind in enumerate(kinds) if not kind), None)
    for k in range(heading + 1 if heading is not None else len(front), len(front)):
        if kinds[k] == "date" and written_date(text[front[k].start : front[k].end]):
            kinds[k] = None  # the interview's date line under its title is text
    _repeats(text, front, kinds, heading)
    _promotions(text, front, kinds, heading)
    for k in range(1, len(front) - 1):
        # A short line between two furniture lines is part of the same page header,
        # unless it is the title (the first other line, or the manifest's title).
        line = text[front[k].start : front[k].end]
        words = line.split()
        if k == heading or (title is not None and _same(line, title)):
            continue
        if not kinds[k] and kinds[k - 1] and kinds[k + 1] and len(words) <= 5:
            if not re.search(r"[.?!]$", words[-1]):
                kinds[k] = "navigation"
    for k in _unpaired_labels(text, front):
        kinds[k] = kinds[k] or "label"
    furniture = tuple(
        Furniture(line.start, line.end, kind)
        for line, kind in zip(front, kinds, strict=True)
        if kind is not None
    )
    i = 0
    if not (front and title is not None and _same(text[front[0].start : front[0].end], title)):
        while i < len(front) and kinds[i]:
            i += 1
    block = (0, i)
    title_span = None
    if i < len(front) and (title is None or _same(text[front[i].start : front[i].end], title)):
        title_span = (front[i].start, front[i].end)
        i += 1
        if block[0] == block[1]:
            while i < len(front) and kinds[i]:
                i += 1
            block = (block[1] + 1, i)
    front_matter = None
    if block[1] > block[0]:
        front_matter = (front[block[0]].start, front[block[1] - 1].end)
    return title_span, front_matter, front[i:], furniture


def _repeats(text: str, front: list[_Line], kinds: list[str | None], heading: int | None) -> None:
    """Mark the furniture that repetition shows, in ``kinds``. The first line of text
    (``heading``: the page's title) repeated on the next line (its heading, markup and
    end punctuation aside; not a sentence ending with a full stop) is a ``duplicate``;
    so is a teaser that the next line goes on from (``"It's very important that ... I
    thi…"``), below the heading. The lines
    between the heading and its repeat a few lines down (the article's own heading) are
    the page's header (``CNBC News Releases``, a site's motto), unless one of them ends
    a sentence or is a date written out (the interview's date line)."""
    if heading is None:
        return
    keys = [_heading_key(text[line.start : line.end]) for line in front]
    said = text[front[heading].start : front[heading].end]  # a sentence may be said twice
    if heading + 1 < len(front) and keys[heading] and keys[heading + 1] == keys[heading]:
        if not said.rstrip("\"'”’)]*_ ").endswith("."):
            kinds[heading + 1] = kinds[heading + 1] or "duplicate"
    for k in range(heading + 2, len(front)):
        teaser = text[front[k - 1].start : front[k - 1].end]
        if kinds[k - 1] is None and teaser.endswith(("…", "...")) and len(keys[k - 1]) >= 40:
            if keys[k].startswith(keys[k - 1].rstrip(".… ")):
                kinds[k - 1] = "duplicate"
    for j in range(heading + 2, min(len(front), heading + 10)):
        if keys[heading] and keys[j] == keys[heading]:
            lines = {m: text[front[m].start : front[m].end] for m in range(heading + 1, j)}
            if all(kinds[m] or not (re.search(r"[.?!]$", line) or written_date(line))
                   for m, line in lines.items()):  # fmt: skip
                for m in lines:
                    kinds[m] = kinds[m] or "navigation"
            return


#: A call to action closing a promotion box (``Click here to learn about these picks!``).
_CALL = re.compile(
    r"(?:click|tap)\s+(?:here|to|for)\b|(?:sign\s+up|subscribe|register)\s+(?:here|now|today|for|to)\b"
    r"|(?:learn|find\s+out|read)\s+more\s+(?:here|about)\b",
    re.IGNORECASE,
)
#: A call to play the page's own video or audio: its headline and summary are text.
_MEDIA_CALL = re.compile(r"\b(?:watch|listen|play|view|video|audio|podcast)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]*]*$")  # a footnote's star may follow


def _promotions(
    text: str, front: list[_Line], kinds: list[str | None], heading: int | None
) -> None:
    """Mark a promotion box below the heading as furniture, in ``kinds``: a call to
    action (``Click here to learn about these picks!``; not a call to watch or hear the
    page's own video) after one to four lines that end sentences, under a short
    headline that does not (``10 stocks we like better than ...``). The headline, the
    lines and the call are furniture, and so is a footnote opened by a star right after
    the call (``*Returns as of ...``)."""
    if heading is None:
        return
    for c, line in enumerate(front):
        call = text[line.start : line.end].strip("*_@• ")
        if c <= heading + 1 or not _CALL.match(call) or _MEDIA_CALL.search(call):
            continue
        k = c - 1
        while k > heading and k >= c - 4 and kinds[k] is None:
            if not _SENTENCE_END.search(text[front[k].start : front[k].end]):
                break
            k -= 1
        head = text[front[k].start : front[k].end]
        if k <= heading or k == c - 1 or kinds[k] or len(head.split()) > 12:
            continue
        if _SENTENCE_END.search(head) or head.endswith(":"):
            continue
        for m in range(k, c + 1):
            kinds[m] = kinds[m] or "promotion"
        after = text[front[c + 1].start : front[c + 1].end] if c + 1 < len(front) else ""
        if kinds[c + 1 : c + 2] == [None] and re.match(r"\*(?!\*)\w", after):
            kinds[c + 1] = "promotion"


def _heading_key(line: str) -> str:
    """A line as compared for repetition: no markup, case or end punctuation."""
    line = re.sub(r"<[^<>\n]{1,80}>", "", line)
    return " ".join(line.split()).casefold().strip(" .,:;!?*_-–—•")


def _unpaired_labels(text: str, front: list[_Line]) -> list[int]:
    """Speaker labels no turn rule could pair: a name or a question/answer word alone on
    its line (after an optional bullet), the same one three times or more. Such a line
    (``Andrew Bailey`` over each answer, ``Interviewer`` under each question) names who
    speaks, as a label does, so it is furniture, never read as text: the name is not a
    mention of the person at every turn. A name alone on a line once or twice (a
    caption, a byline, a heading) stays text."""
    keys: dict[int, str] = {}
    for k, line in enumerate(front):
        head = text[line.start : line.end].strip().lstrip("•·▪●◦‣-–—*").strip()
        m = _BARE_QA.fullmatch(head) or _BARE_NAME.fullmatch(head)
        if m and head[:1].isupper():
            keys[k] = _speaker_key(head)
    counts = Counter(keys.values())
    return [k for k, key in keys.items() if counts[key] >= 3]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _blank_line_separated(lines: list[_Line], markers: dict[int, _Marker]) -> bool:
    """True when blank lines separate the paragraphs from the first turn on (so a single
    newline is a soft line break inside a paragraph)."""
    first = min(markers, default=0)
    return any(_gap_is_blank(a, b) for a, b in zip(lines[first:], lines[first + 1 :], strict=False))


def _gap_is_blank(a: _Line, b: _Line) -> bool:
    return b.number - a.number > 1


def _paragraphs(lines: list[_Line], blank_separated: bool) -> list[tuple[_Line, _Line]]:
    """Group lines into paragraphs: (first line, last line) of each."""
    out: list[tuple[_Line, _Line]] = []
    for line in lines:
        if out and blank_separated and not _gap_is_blank(out[-1][1], line):
            out[-1] = (out[-1][0], line)
        else:
            out.append((line, line))
    return out
