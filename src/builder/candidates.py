"""Propose names the gazetteer lacks, so that a new transcript never goes unseen.

Rules over spaCy's blank English pipeline (tokenizer, sentencizer, Matcher): a
candidate is a run of capitalised tokens (``Sergey Lavrov``, ``Asian Development
Bank``), possibly joined by ``of``/``the``/``for`` or a hyphen (not ``and``, which
more often joins two names than sits inside one), or an acronym
(``OPEC``). Not candidates: stop words and sentence-initial words that the transcript
never capitalises mid-sentence (``Moreover``; a possessive ``Rembrandt's`` proves a
name), month and day names, ``I``, titles on
their own (``Ambassador``), anything the gazetteer already matches, and headlines
(title case says nothing there), ISO 4217 currency codes (``USD``) and units after a
number (``2 GW``). A title
before a name makes it a PERSON and, as in OntoNotes, stays out of the span
(``Foreign Minister Sergey Lavrov`` proposes ``Sergey Lavrov``).

The suggested type comes from the head word (``... Bank`` ORG, ``... Corridor`` FAC,
``... Sea`` LOC, ``... Treaty`` LAW), the shape (an acronym: ORG; a demonym ending:
NORP). These rules serve the ``--no-ner`` build, where no statistical model runs; their
candidates are written to ``review/entity-candidates.csv`` for curators (not
published), who add them to the gazetteer. The default build publishes the names its
NER model finds instead (:mod:`builder.ner`), and lists those in the same file.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

import pycountry
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from builder.ner import TITLES
from builder.nlp import blank_english

_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight",
}  # fmt: skip
_HEADS = {
    "ORG": {
        "union", "organization", "organisation", "group", "company", "bank", "ministry",
        "council", "committee", "agency", "association", "corporation", "inc", "ltd",
        "fund", "institute", "university", "party", "commission", "parliament", "assembly",
        "office", "embassy", "club", "federation", "alliance", "forum", "board", "court",
        "authority", "service", "department", "foundation", "airlines", "bureau", "team",
        "weekly", "daily", "times", "news", "post", "journal", "magazine", "observer",
        "herald", "gazette", "radio", "tv", "television", "press", "museum", "gallery",
        "theatre", "theater", "library", "hospital", "school", "academy", "college",
    },
    "FAC": {
        "corridor", "pipeline", "route", "railway", "road", "highway", "bridge", "port",
        "airport", "station", "plant", "dam", "canal", "tunnel", "terminal", "stadium",
    },
    "LOC": {
        "sea", "ocean", "river", "lake", "mountains", "mountain", "valley", "region", "gulf",
        "bay", "delta", "peninsula", "desert", "island", "islands", "strait", "coast", "basin",
        "plateau", "steppe",
    },
    "LAW": {"treaty", "convention", "agreement", "act", "charter", "accord", "protocol"},
    "EVENT": {
        "summit", "war", "games", "olympics", "olympiad", "cup", "championship", "conference",
        "festival", "expo", "election", "elections", "revolution", "crisis",
    },
}  # fmt: skip
#: The head words long enough to end a longer word (``Agribank``), per type.
_HEAD_ENDINGS = {label: tuple(h for h in heads if len(h) >= 4) for label, heads in _HEADS.items()}
_OPENERS = {"-", "–", "—", ":", "(", "[", '"', "“", "‘", "'"}
_CURRENCIES = {c.alpha_3 for c in pycountry.currencies}
_NAME = {"TEXT": {"REGEX": r"^[A-Z][\w’'.]*$"}}
_PATTERNS = [
    [dict(_NAME, OP="+")],
    [dict(_NAME, OP="+"), {"LOWER": {"IN": ["of", "the", "for"]}}, dict(_NAME, OP="+")],
    [dict(_NAME, OP="+"), {"LOWER": "of"}, {"LOWER": "the"}, dict(_NAME, OP="+")],
    [dict(_NAME, OP="+"), {"ORTH": {"IN": ["-", "–"]}}, dict(_NAME, OP="+")],
]


@dataclass(frozen=True)
class Candidate:
    """A proposed name: offsets relative to the text it was found in."""

    start: int
    end: int
    text: str
    suggested_type: str | None


@dataclass(frozen=True)
class Proposal:
    """A candidate placed in a transcript, for the review file."""

    interview_id: str
    start: int
    end: int
    line: int
    text: str
    suggested_type: str | None
    sentence: str
    entity_id: str | None = None  # the entity it is published as (model names)
    source: str = "rules"  # "rules" (proposed only) or "model" (published)


class CandidateFinder:
    """Rule-based proposals for names the gazetteer lacks (the ``--no-ner`` build)."""

    def __init__(self):
        self._nlp = blank_english()
        self._matcher = Matcher(self._nlp.vocab)
        self._matcher.add("NAME", _PATTERNS, greedy="LONGEST")

    def find(
        self, doc: Doc, known: list[tuple[int, int]], capitalised: set[str], intro: bool = False
    ) -> list[Candidate]:
        """Candidates in ``doc`` outside the ``known`` (gazetteer) character spans.

        ``capitalised`` holds the words the whole transcript writes capitalised in the
        middle of a sentence; a sentence-initial word is a name only if it is there.
        ``intro`` says that ``doc`` is front matter, where datelines stand.
        """
        starts = doc.to_array("IDX").tolist()  # token offsets, increasing
        taken = {i for start, end in known
                 for i in range(bisect_left(starts, start), bisect_left(starts, end))}  # fmt: skip
        spans = [doc[s:e] for _, s, e in self._matcher(doc)]
        out = {}
        for found in filter_spans(spans):
            span = _trim(found, capitalised)
            if span is None or all(t.i in taken for t in span):
                continue
            if span.start > 0 and doc[span.start - 1].like_num:
                continue  # a unit or a label after a number: "2 GW", "Q3 2020"
            rest = [t for t in span if t.i not in taken]
            if all(t.lower_ in TITLES or t.is_punct for t in rest):
                continue
            kind = suggest_type(span, intro)
            if kind == "PERSON":
                span = _without_titles(span)
            out[(span.start_char, span.end_char)] = Candidate(
                span.start_char, span.end_char, span.text, kind
            )
        return [out[k] for k in sorted(out)]


def _initial(tok) -> bool:
    """At the start of a sentence, or after a dash, colon or opening bracket or quote."""
    return tok.is_sent_start or (tok.i > 0 and tok.doc[tok.i - 1].text in _OPENERS)


def capitalised_words(doc: Doc, text: str | None = None) -> set[str]:
    """Words written capitalised other than at the start of a sentence (or where
    :func:`_initial` holds), read from the Doc's text (``text``, when the caller has it)
    and token arrays rather than through a Token object per word."""
    text = doc.text if text is None else text
    starts = doc.to_array("IDX").tolist()
    ends = [a + n for a, n in zip(starts, doc.to_array("LENGTH").tolist(), strict=True)]
    sentence_start = doc.to_array("SENT_START").tolist()
    return {
        text[a:b]
        for i, (a, b) in enumerate(zip(starts, ends, strict=True))
        if b > a
        and text[a].isupper()
        and sentence_start[i] != 1
        and not (i > 0 and text[starts[i - 1] : ends[i - 1]] in _OPENERS)
    }


def _trim(span: Span, capitalised: set[str]) -> Span | None:
    """Drop leading stop words, and a sentence-initial word that the transcript never
    capitalises elsewhere when it stands alone or before a title (``Yesterday Foreign
    Minister ...``); None if nothing is left."""
    start = span.start
    doc = span.doc
    while start < span.end:
        tok = doc[start]
        common = (
            tok.is_stop or tok.lower_ in _CALENDAR or tok.text == "I" or tok.text in _CURRENCIES
        )
        possessive = (
            start + 1 < len(doc)
            and doc[start + 1].lower_ in ("'s", "’s")
            and tok.lower_ != "let"  # "Let’s" is "let us"
        )
        proven = tok.text in capitalised or tok.is_upper or possessive
        initial = _initial(tok) and not proven
        before_title = start + 1 < span.end and doc[start + 1].lower_.rstrip(".") in TITLES
        if common or (initial and (start + 1 == span.end or before_title)):
            start += 1
            continue
        break
    while span.end > start and doc[span.end - 1].is_punct:
        span = doc[span.start : span.end - 1]
    if start >= span.end:
        return None
    trimmed = doc[start : span.end]
    if len(trimmed) == 1 and (trimmed[0].lower_ in _CALENDAR or trimmed[0].text == "I"):
        return None
    return trimmed


def _dateline(tok) -> bool:
    """A capitalised place opening a paragraph before a comma, bracket or dash
    (``HANOI, June 2024 -``, ``MOSCOW (TASS) -``): the journalist's dateline."""
    start = tok.i == 0 or "\n" in tok.doc[tok.i - 1].text
    follows = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in {",", "(", "-", "–", "—"}
    return start and follows


def _without_titles(span: Span) -> Span:
    """A person's name without the titles before it (OntoNotes PERSON spans)."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in TITLES:
        start += 1
    return span.doc[start : span.end]


def suggest_type(span: Span, intro: bool = False) -> str:
    """A type for a proposed name, from its head word and shape (and, in front matter,
    its place as a dateline)."""
    words = [t for t in span if not t.is_punct]
    lowered = [t.lower_ for t in words]
    # The head of "Ministry of Agriculture" is "Ministry", of "Asian Development Bank" "Bank".
    head = lowered[lowered.index("of") - 1] if "of" in lowered[1:] else lowered[-1]
    for label, heads in _HEADS.items():
        if head in heads or head.endswith(_HEAD_ENDINGS[label]):
            return label  # "Rijksmuseum", "Agribank" end in a head word
    if any(t.lower_.rstrip(".") in TITLES for t in words[:-1]):
        return "PERSON"
    if intro and len(words) == 1 and words[0].is_upper and _dateline(words[0]):
        return "GPE"
    if len(words) == 1 and words[0].is_upper and len(words[0]) > 1:
        return "ORG"
    if len(words) == 1 and head.endswith(("ian", "ean", "ese", "ish", "ani", "ic")):
        return "NORP"
    return "PERSON" if len(words) > 1 else "GPE"


#: The columns of the review file.
REVIEW_HEADER = [
    "interview_id",
    "text",
    "suggested_type",
    "source",
    "entity_id",
    "n_occurrences",
    "first_char_start",
    "first_char_end",
    "first_line",
    "sentence",
]


def review_rows(proposals: list[Proposal]) -> list[list]:
    """One row per distinct name per interview (per entity for model names), first
    occurrence first (interviews in the order given)."""
    groups: dict[tuple[str, str], list[Proposal]] = defaultdict(list)
    order: dict[str, int] = {}
    for p in proposals:
        groups[(p.interview_id, p.entity_id or p.text)].append(p)
        order.setdefault(p.interview_id, len(order))
    out = []
    for (iid, _), items in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[1][0].start)):
        first = items[0]
        out.append(
            [iid, first.text, first.suggested_type or "", first.source, first.entity_id or "",
             len(items), first.start, first.end, first.line, first.sentence]
        )  # fmt: skip
    return out
