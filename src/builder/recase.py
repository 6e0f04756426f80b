"""Case-restore lines written in capitals before the model reads them.

The statistical model was trained on mixed-case text, so it misses most names in a line
set in capitals (a header ``RADIO INTERVIEW``, a participants block ``JANE DOE``, a
programme line ``CITY FM – ANNA, TOM & JO``) or reads them as one organisation. Such a
line is handed to the model case-restored, with every word the same length, so each
offset the model gives is an offset into the original text (spans and provenance keep
the capitals as written):

- a word the same interview writes elsewhere in mixed case outside a sentence start
  takes that form (its most frequent one, ties alphabetical): ``BRISBANE`` ->
  ``Brisbane`` where the text says ``Brisbane``, ``INTERVIEW`` -> ``interview`` where it
  says ``interview``, ``NSA`` stays ``NSA`` where the text writes ``NSA``;
- an English function word (spaCy's English stop-word list) is lower case;
- any other word is capitalised in a short line (a header or a list of names, where
  capitals stand for names), and lower case in a long one (running text set in
  capitals, where most words are not names);
- the first word of the line, and of each sentence, starts with a capital.

A word holding a digit or a dot (``4KQ``, ``U.S.``) is kept as written. Written by hand:
no library restores case offset for offset with the interview's own forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

#: A line in capitals of at most this many words is a header or a list of names.
SHORT_LINE = 8
_WORD = re.compile(r"(?<![\w’'])[^\W_][\w’'\-.]*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|[\"“(]\s*)$")


def in_capitals(line: str) -> bool:
    """A line whose cased letters (four or more) are all capitals, with two or more
    words of two letters or more."""
    cased = [c for c in line if c.isupper() or c.islower()]
    words = [w for w in _WORD.findall(line) if len(w) >= 2]
    return len(cased) >= 4 and all(c.isupper() for c in cased) and len(words) >= 2


#: A candidate line in capitals: no ASCII lower-case letter, two capitals or more.
_CAPS_LINE = re.compile(r"(?m)^(?=[^\n]*[A-Z][^\n]*[A-Z])[^a-z\n]+$")


def has_capitals(texts: Iterable[str]) -> bool:
    """Whether any line of ``texts`` is in capitals (most interviews have none, and
    then nothing needs restoring)."""
    return any(in_capitals(m.group()) for t in texts for m in _CAPS_LINE.finditer(t))


def mixed_case_forms(texts: Iterable[str]) -> dict[str, str]:
    """Each word's usual form in the mixed-case lines of ``texts`` (keyed in lower
    case), leaving out capitalised words at a sentence start, which say nothing."""
    seen: dict[str, Counter] = {}
    for text in texts:
        for found in _LINE.finditer(text):
            line = found.group()
            if in_capitals(line):
                continue
            for m in _WORD.finditer(line):
                word = m.group().rstrip(".’'-")
                if not word or (word[0].isupper() and _sentence_start(line, m.start())):
                    continue
                seen.setdefault(word.lower(), Counter())[word] += 1
    return {w: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for w, c in seen.items()}


def recased(text: str, forms: dict[str, str]) -> str:
    """``text`` with each line in capitals case-restored (same length, see above)."""
    if not any(c.isupper() for c in text):
        return text
    return _LINE.sub(lambda m: _line(m.group(), forms) if in_capitals(m.group()) else m.group(),
                     text)  # fmt: skip


def _line(line: str, forms: dict[str, str]) -> str:
    short = len(_WORD.findall(line)) <= SHORT_LINE
    out, pos = [], 0
    for m in _WORD.finditer(line):
        out.append(line[pos : m.start()])
        word = m.group()
        new = _word(word, forms, short)
        if _sentence_start(line, m.start()):
            new = new[:1].upper() + new[1:]
        out.append(new if len(new) == len(word) else word)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def _sentence_start(line: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens the line or a sentence (a few characters back
    are enough to tell)."""
    return pos == 0 or bool(_SENTENCE_START.search(line, max(0, pos - 8), pos))


def _word(word: str, forms: dict[str, str], short: bool) -> str:
    if any(c.isdigit() for c in word) or "." in word.rstrip("."):
        return word
    bare = word.rstrip(".’'-")
    form = forms.get(bare.lower())
    if form is not None:
        return form + word[len(bare) :]
    if word.lower() in STOP_WORDS or not short:
        return word.lower()
    return "-".join(part.capitalize() for part in word.split("-"))
