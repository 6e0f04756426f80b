"""The shared spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No statistical model is needed or downloaded: entity spans come from the gazetteer
(PhraseMatcher) and figures from rules, both over these tokens and sentences, and the
``sentences`` table is these sentences.

spaCy's sentencizer ends a sentence after every ``.``, ``!`` or ``?`` token. Its English
tokenizer keeps most abbreviations whole (``Mr.``, ``Dr.``, ``U.S.``, ``Jan.``), so they
end nothing; :func:`mend_boundaries` handles what it splits off and what the sentencizer
does not see: a few abbreviations that are followed by a number (``No. 5``) or a name
(``Lt. Col. Smith``), and paragraph breaks (a blank line ends a sentence even without
a full stop). Written by hand because no spaCy component does this without a
statistical parser, and ``No.`` before a number is an abbreviation while ``No.``
before a word ends an answer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

#: Abbreviations (the word before a split-off ``.``) that end no sentence before a number.
BEFORE_NUMBER = frozenset(
    "No Nos no nos Fig Figs fig figs Vol Vols vol p pp Art art Sec sec Ch ch Para para "
    "ca approx Approx Nr nr".split()
)
#: Titles the tokenizer splits off that end no sentence before a capitalised word.
BEFORE_NAME = frozenset("Lt Col Capt Sgt Maj Cmdr Cdr Amb Hon Pres Supt Insp Brig".split())


_ABBREVIATION = re.compile(
    r"(?<![^\s(\[\"'“‘])(" + "|".join(sorted(BEFORE_NUMBER | BEFORE_NAME)) + r")\.(?=\s)"
)


@Language.component("mend_boundaries")
def mend_boundaries(doc: Doc) -> Doc:
    """Undo sentence ends after :data:`BEFORE_NUMBER` and :data:`BEFORE_NAME`
    abbreviations; start a sentence after a blank line; a sentence starts with a word,
    never with the white space after the last one. Works on the token arrays and
    looks only at white space tokens and abbreviations (a loop over every token in
    Python would cost ten times the tokenizer), and on the Doc's text as
    :func:`doc_of` passed it (``Doc.text`` re-joins a Token object per token)."""
    n = len(doc)
    array = doc.to_array([SENT_START, IDX, IS_SPACE, LENGTH]).astype(np.int64)
    starts, offsets, lengths = array[:, 0].copy(), array[:, 1], array[:, 3]
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
    for i in np.flatnonzero(array[:, 2]).tolist():
        if starts[i] == 1 and i > 0:
            starts[i] = -1
            if i + 1 < n:
                starts[i + 1] = 1
        if i + 1 < n and text.count("\n", offsets[i], offsets[i] + lengths[i]) >= 2:
            starts[i + 1] = 1
    for m in _ABBREVIATION.finditer(text):
        j = int(np.searchsorted(offsets, m.end()))  # the first token after the "."
        while j < n and array[j, 2]:
            j += 1
        if j == n or text[m.end() : offsets[j]].count("\n") >= 2:
            continue
        word, first = m.group(1), text[offsets[j]]
        if first.isdigit() if word in BEFORE_NUMBER else first.isupper():
            starts[j] = -1
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype(np.uint64))  # type: ignore[arg-type]
    return doc


@cache
def blank_english() -> Language:
    """A blank English pipeline with a sentencizer (cached: it is costly to make)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mend_boundaries")
    return nlp


def doc_of(text: str) -> Doc:
    """``text`` through :func:`blank_english`: tokens and sentences. The text is kept
    in the Doc's ``user_data`` for :func:`mend_boundaries`, which would otherwise
    re-join it from the tokens."""
    nlp = blank_english()
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT] = text
    return nlp(doc)


def sentence_span(doc: Doc, start: int) -> tuple[int, int]:
    """Character offsets in ``doc`` of the sentence of a span starting at character
    ``start``: what ``doc.char_span(start, end, alignment_mode="expand").sent`` gives
    (the span's first sentence), looked up by bisection in the token offsets and
    sentence starts, taken from the Doc once, instead of walking spaCy Token objects
    at every lookup."""
    return _index(doc).around(start)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets in ``doc`` of each of its sentences, in order (from the first
    character of its first token to the last of its last token), from the same index
    as :func:`sentence_span`."""
    index = _index(doc)
    firsts, lasts = index.sentences, [*index.sentences[1:], len(index.starts)]
    return [(index.starts[s], index.ends[e - 1]) for s, e in zip(firsts, lasts, strict=True)]


_TEXT = "builder.text"
_SENTENCES = "builder.sentences"


def _index(doc: Doc) -> _SentenceIndex:
    index = doc.user_data.get(_SENTENCES)
    if index is None:
        index = doc.user_data[_SENTENCES] = _SentenceIndex(doc)
    return index


class _SentenceIndex:
    """Token start and end characters of a Doc, and the tokens that start a sentence."""

    def __init__(self, doc: Doc):
        array = doc.to_array([IDX, LENGTH, SENT_START])
        self.starts = array[:, 0].tolist()
        self.ends = (array[:, 0] + array[:, 1]).tolist()
        self.sentences = np.flatnonzero(array[:, 2] == 1).tolist()

    def around(self, start: int) -> tuple[int, int]:
        first = bisect_right(self.starts, start) - 1  # the token holding character start
        if start == self.ends[first]:
            first += 1  # in the white space after a token: the span starts at the next
        k = bisect_right(self.sentences, first)
        s = self.sentences[k - 1] if k > 0 else 0
        e = self.sentences[k] if k < len(self.sentences) else len(self.starts)
        return self.starts[s], self.ends[e - 1]
