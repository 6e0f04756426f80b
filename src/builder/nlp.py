"""The shared spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No statistical model is needed or downloaded: entity spans come from the gazetteer
(PhraseMatcher) and figures from rules, both over these tokens and sentences.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language


@cache
def blank_english() -> Language:
    """A blank English pipeline with a sentencizer (cached: it is costly to make)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
