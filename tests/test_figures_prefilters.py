"""The figure finders' prefilters change speed, never figures.

``find_figures`` skips a finder over a text that lacks what the finder's expression
needs (a month name, a year's digits, an ordinal, a unit of time ...) and leaves the
address alternatives out of the clock and address filter where no address can be.
Each skip is exact only while the prefilter and the expression agree; a rule added to
an expression but not to its prefilter would lose figures silently. Here every text
the tests know is read with the prefilters on and with them all forced open: the
figures must be the same.
"""

import re

import pytest

from builder import figures
from quality import FIXTURES
from repo import SOURCES
from test_figures import CASES

TEXTS = [sentence for sentence, _ in CASES] + [
    path.read_text(encoding="utf-8")
    for path in sorted([*FIXTURES.glob("*.txt"), *SOURCES.glob("*.txt")])
]


def _open(monkeypatch) -> None:
    """Every prefilter says yes: each finder runs over every text."""
    monkeypatch.setattr(figures, "_has_any", lambda folded, words: True)
    monkeypatch.setattr(figures, "_has_ordinal", lambda text, folded: True)
    monkeypatch.setattr(figures, "_YEAR_DIGITS", re.compile(""))
    monkeypatch.setattr(figures, "_not_figures", lambda text, folded: figures._NOT_FIGURES)


def test_prefilters_skip_something():
    """The prefilters are not always open (else the test below proves nothing)."""
    folded = "no figure here".casefold()
    assert not figures._has_ordinal("no figure here", folded)
    assert not figures._has_any(folded, figures._MONTH_WORDS)
    assert figures._YEAR_DIGITS.search("no figure here") is None
    assert figures._not_figures("at 9:30", "at 9:30") is figures._NOT_FIGURES_NUMBERS


@pytest.mark.parametrize("case", ["as written", "upper", "lower", "paragraphs"])
def test_same_figures_without_prefilters(monkeypatch, case):
    texts = {
        "as written": TEXTS,
        "upper": [t.upper() for t in TEXTS],
        "lower": [t.lower() for t in TEXTS],
        "paragraphs": [p for t in TEXTS for p in t.split("\n\n") if p.strip()],
    }[case]
    filtered = [figures.find_figures(t) for t in texts]
    _open(monkeypatch)
    unfiltered = [figures.find_figures(t) for t in texts]
    assert sum(map(len, unfiltered)) > 0
    for text, a, b in zip(texts, filtered, unfiltered, strict=True):
        assert a == b, text[:200]
