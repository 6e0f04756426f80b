"""The shared spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No statistical model is needed or downloaded: entity spans come from the gazetteer
(PhraseMatcher) and figures from rules, both over these tokens and sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@cache
def blank_english() -> Language:
    """A blank English pipeline with a sentencizer (cached: it is costly to make)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_span(doc: Doc, start: int) -> tuple[int, int]:
    """Character offsets in ``doc`` of the sentence of a span starting at character
    ``start``: what ``doc.char_span(start, end, alignment_mode="expand").sent`` gives
    (the span's first sentence), looked up by bisection in the token offsets and
    sentence starts, taken from the Doc once, instead of walking spaCy Token objects
    at every lookup."""
    index = doc.user_data.get(_SENTENCES)
    if index is None:
        index = doc.user_data[_SENTENCES] = _SentenceIndex(doc)
    return index.around(start)


_SENTENCES = "builder.sentences"


class _SentenceIndex:
    """Token start and end characters of a Doc, and the tokens that start a sentence."""

    def __init__(self, doc: Doc):
        self.starts = doc.to_array("IDX").tolist()
        lengths = doc.to_array("LENGTH").tolist()
        self.ends = [a + n for a, n in zip(self.starts, lengths, strict=True)]
        self.sentences = [i for i, s in enumerate(doc.to_array("SENT_START").tolist()) if s == 1]

    def around(self, start: int) -> tuple[int, int]:
        first = bisect_right(self.starts, start) - 1  # the token holding character start
        if start == self.ends[first]:
            first += 1  # in the white space after a token: the span starts at the next
        k = bisect_right(self.sentences, first)
        s = self.sentences[k - 1] if k > 0 else 0
        e = self.sentences[k] if k < len(self.sentences) else len(self.starts)
        return self.starts[s], self.ends[e - 1]
