"""Read a transcript file and split it into title, intro paragraphs and turns.

Offsets are end-exclusive code-point offsets into the decoded text (a leading BOM
dropped, line endings kept as they are), so ``text[start:end]`` is always the span.

How turns are recognised (the first rule that applies to the file wins):

1. **Labels** at the start of a line: question/answer words (``Question:``, ``Q:``,
   ``Q.:``, ``Q.``, ``Answer:``, ``A:``, ``Interviewer:``, ``Host:`` ..., optionally
   numbered such as ``Question 1:`` or ``Q1:``, optionally markdown-bold such as
   ``**Q:**``) and speaker names (``PUTIN:``, ``John Smith:``,
   ``Foreign Minister, Sergey Lavrov:``, ``NAME, ROLE:`` later shortened to
   ``SURNAME:``, with an optional parenthetical before the colon). A name label counts
   when its speaker has at least two turns, or when it is written in capitals and comes
   after the first turn of such a speaker; so a one-off ``Note:`` or ``EDITOR'S NOTE:``
   in the front matter stays text. The text may follow on the next line.
   Question words make a question and answer words an answer. Among named speakers the
   interviewer is the one the manifest names (``interviewer_speaker``), else any whose
   name holds a role word (``HOST``, ``INTERVIEWER (Jane Doe)``), else the one whose
   turns most often contain a question mark; every other speaker answers. Where only
   questions are labelled, the paragraph after each question starts its answer.
2. **Dash turns** (``- ``, ``-``, ``– ``, ``— `` at the start of a line), when the file
   has at least two: they alternate, starting with a question if the first one asks
   one (contains ``?``) and with an answer otherwise.
3. **Numbered questions** (``1. What ...?``): each numbered paragraph that asks
   something is a question, the unnumbered paragraphs after it are its answer.

Unlabeled question/answer paragraphs are refused: there is no rule we trust to tell a
question from an answer that ends in a rhetorical question, and a wrong pairing is
worse than none. Lines that do not start a turn continue the turn before them; lines
before the first turn are front matter: page furniture (dates, language switchers,
navigation, bylines, datelines alone on a line: see ``frontmatter``), the title (the
first other line, when it is the interview's title) and intro paragraphs. The furniture
before the title (or, when there is none, right after it) is the front matter block;
furniture further down stays in the intro, marked as such. Paragraphs are separated
by blank lines, or by single newlines in a file that has no blank line between its
turns.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuildError
from builder.frontmatter import Furniture, furniture_kind

#: Whitespace allowed between a label and its text (including non-breaking spaces).
_SPACE = " \t\u00a0\u2007\u202f"
_QUESTION_WORDS = (
    "Question|QUESTION|Q|Interviewer|INTERVIEWER|Host|HOST|Journalist|JOURNALIST|"
    "Reporter|REPORTER|Correspondent|CORRESPONDENT|Moderator|MODERATOR|"
    "Presenter|PRESENTER|Anchor|ANCHOR"
)
_ANSWER_WORDS = "Answer|ANSWER|A"
_BOLD = r"(?:\*\*|__)?"
_QA_LABEL = re.compile(
    rf"{_BOLD}(?P<word>{_QUESTION_WORDS}|{_ANSWER_WORDS})(?:[ ]?\d{{1,3}})?{_BOLD}"
    rf"(?:\.?{_BOLD}[ \t]?:{_BOLD}|\.{_BOLD}(?=[{_SPACE}]))"
)
_NAME_WORD = (
    r"(?:[A-Z\u00c0-\u00de\u0100-\u017f\u0400-\u042f][\w\u0300-\u036f’'.\-]*"
    r"|of|the|de|la|le|van|von|der|al|bin|and|for)"
)
_SPEAKER_LABEL = re.compile(
    rf"{_BOLD}(?P<name>{_NAME_WORD}(?:,?[ ]{_NAME_WORD}){{0,7}})"
    rf"(?P<paren>[ ]?\([^()\n]{{1,80}}\))?{_BOLD}[ \t]?:{_BOLD}"
)
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
    if len(markers) >= 2 or any(m.kind in ("question", "answer") for m in markers.values()):
        roles = _label_roles(text, lines, markers, interviewer_speaker)
        if set(roles.values()) == {"question"}:
            _add_unlabelled_answers(lines, markers, roles)
    else:
        markers, roles = _dash_markers(text, lines)
        if len(markers) < 2:
            markers, roles = _numbered_markers(text, lines)
    if not markers:
        raise BuildError(
            "no recognisable question/answer turns",
            path,
            lines[0].number,
            "mark each turn at the start of its line with `Q:`/`A:`, a speaker name "
            "such as `SMITH:`, a dash `- `, or number the questions `1. ...?`",
        )
    return _assemble(text, path, lines, markers, roles, title)


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
    for i, line in enumerate(lines):
        head = text[line.start : line.end]
        m = _QA_LABEL.match(head)
        if m and _text_follows(head, m.end()):
            kind = "answer" if re.fullmatch(_ANSWER_WORDS, m["word"]) else "question"
            found[i] = _Marker(kind, line.start, line.start + m.end(), m["word"])
            continue
        m = _SPEAKER_LABEL.match(head)
        if m and _text_follows(head, m.end()):
            found[i] = _Marker("speaker", line.start, line.start + m.end(), None)
            names[i] = m["name"]
            parens[i] = m["paren"] or ""
    # Resolve short forms (SURNAME:, ROLE:) to the full label they abbreviate.
    identities: dict[int, str] = {}
    full: list[tuple[str, set[str]]] = []
    written_full: dict[str, str] = {}
    for i in sorted(names):
        key = _speaker_key(names[i])
        words = set(re.split(r"[ ,]+", key))
        for full_key, full_words in full:
            if words <= full_words:
                key = full_key
                break
        else:
            full.append((key, words))
            written_full[key] = names[i] + parens[i]
        identities[i] = key
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
        owners = [key for key, full_words in full if words <= full_words]
        if len(owners) == 1:
            found[i] = _Marker("speaker", line.start, m.end(), None)
            names[i] = m["name"]
            identities[i] = owners[0]
    turns = Counter(identities.values())
    recurring = [i for i, key in sorted(identities.items()) if turns[key] >= 2]
    for i, key in sorted(identities.items()):
        written = names[i]
        if turns[key] < 2 and not (
            written.isupper() and len(written) > 1 and (not recurring or i > recurring[0])
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


def _text_follows(head: str, end: int) -> bool:
    """A label is followed by whitespace, or ends its line (text on the next line)."""
    return end == len(head) or head[end] in _SPACE


def _label_roles(
    text: str, lines: list[_Line], markers: dict[int, _Marker], interviewer: str | None
) -> dict[int, str]:
    """Question or answer for each labelled line."""
    speakers = {i: m.key for i, m in markers.items() if m.kind == "speaker"}
    identities = set(speakers.values())
    role_words = {w.upper() for w in _QUESTION_WORDS.split("|") if len(w) > 1}
    askers = {k for k in identities if role_words & set(re.split(r"[ ,]+", k))}
    if interviewer:
        askers = {_resolve(_speaker_key(interviewer), identities)}
    elif speakers and not askers and not any(m.kind == "question" for m in markers.values()):
        asked: Counter[str] = Counter()
        spoke: Counter[str] = Counter()
        order = list(dict.fromkeys(speakers.values()))
        for i, key in speakers.items():
            spoke[key] += 1
            asked[key] += "?" in text[lines[i].start : _turn_end(lines, markers, i)]
        askers = {max(order, key=lambda k: (asked[k] / spoke[k], -order.index(k)))}
    roles = {}
    for i, m in markers.items():
        if m.kind == "speaker":
            roles[i] = "question" if m.key in askers else "answer"
        else:
            roles[i] = m.kind
    return roles


def _resolve(key: str, identities: set[str]) -> str:
    """The identity a manifest's interviewer_speaker names (exactly or by its words)."""
    if key in identities:
        return key
    words = set(key.split())
    return next((k for k in sorted(identities) if words <= set(re.split(r"[ ,]+", k))), key)


def _turn_end(lines: list[_Line], markers: dict[int, _Marker], i: int) -> int:
    """Offset where the turn starting at line ``i`` ends (its last line's end)."""
    j = i
    while j + 1 < len(lines) and j + 1 not in markers:
        j += 1
    return lines[j].end


def _dash_markers(text: str, lines: list[_Line]) -> tuple[dict[int, _Marker], dict[int, str]]:
    """Dash turns alternate between interviewer and interviewee."""
    markers = {}
    for i, line in enumerate(lines):
        m = _DASH.match(text, line.start, line.end)
        if m and m.end() < line.end:
            markers[i] = _Marker("dash", line.start, m.end(), None)
    roles: dict[int, str] = {}
    if markers:
        first = min(markers)
        asks = "?" in text[lines[first].start : _turn_end(lines, markers, first)]
        cycle = ("question", "answer") if asks else ("answer", "question")
        for n, i in enumerate(sorted(markers)):
            roles[i] = cycle[n % 2]
    return markers, roles


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
    title_span, front_matter, front, furniture = _front(text, lines[: min(markers)], title)
    intros = [(a.start, b.end) for a, b in _paragraphs(front, blank_separated)]

    turns = []
    starts = sorted(markers)
    for n, i in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(lines)) - 1
        marker = markers[i]
        start = marker.label_end
        while start < len(text) and text[start].isspace():
            start += 1
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
    return Transcript(text, title_span, intros, turns, front_matter, furniture)


def _front(
    text: str, front: list[_Line], title: str | None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, list[_Line], tuple[Furniture, ...]]:
    """Title, front matter block, intro lines and every furniture line before the first
    turn. The front matter block is the page furniture before the title (or, when there
    is none, right after it); furniture further down stays in the intro."""
    kinds = [furniture_kind(text[line.start : line.end]) for line in front]
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
