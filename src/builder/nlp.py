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

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

#: Abbreviations (the word before a split-off ``.``) that end no sentence before a number.
BEFORE_NUMBER = frozenset(
    "No Nos no nos Fig Figs fig figs Vol Vols vol p pp Art art Sec sec Ch ch Para para "
    "ca approx Approx Nr nr".split()
)
#: Titles the tokenizer splits off that end no sentence before a capitalised word.
BEFORE_NAME = frozenset("Lt Col Capt Sgt Maj Cmdr Cdr Amb Hon Pres Supt Insp Brig".split())


@Language.component("mend_boundaries")
def mend_boundaries(doc: Doc) -> Doc:
    """Undo sentence ends after :data:`BEFORE_NUMBER` and :data:`BEFORE_NAME`
    abbreviations; start a sentence after a blank line; a sentence starts with a word,
    never with the white space after the last one."""
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        if token.is_space:
            if token.is_sent_start:
                token.is_sent_start = False
                if i + 1 < len(doc):
                    doc[i + 1].is_sent_start = True
        elif prev.is_space and prev.text.count("\n") >= 2:
            token.is_sent_start = True
        elif token.is_sent_start and i >= 2 and prev.text == "." and _abbreviation(doc, i):
            token.is_sent_start = False
    return doc


def _abbreviation(doc: Doc, i: int) -> bool:
    """``doc[i - 2]`` + ``.`` is an abbreviation that does not end a sentence before
    ``doc[i]``."""
    word, token = doc[i - 2], doc[i]
    if word.whitespace_ or (i >= 3 and not doc[i - 3].whitespace_ and not doc[i - 3].is_punct):
        return False  # "No." must be a word of its own
    if word.text in BEFORE_NUMBER:
        return token.text[:1].isdigit()
    return word.text in BEFORE_NAME and token.text[:1].isupper()


@cache
def blank_english() -> Language:
    """A blank English pipeline with a sentencizer (cached: it is costly to make)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mend_boundaries")
    return nlp
