"""Merge the gazetteer's matches with the model's names into mentions of entities.

Rules, in order (each is tested in ``tests/test_names.py``):

1. **The gazetteer wins.** A gazetteer match is a mention of its entry (its id, type and
   codes). A model name that equals a match, lies inside one, or crosses one is dropped.
2. **A longer name is one span** (OntoNotes): a model name that contains gazetteer
   matches and more capitalised words (``Central Bank of Russia``, ``Indian Ocean``;
   not titles or generic nouns: ``Japanese Government`` stays ``Japanese``) is one
   mention and the matches inside it are dropped; one that joins names with a comma,
   ``and`` or a slash (``Moscow, Russia``) keeps the gazetteer's matches, and its other
   capitalised parts become names of their own (``Moscow``); one that is two
   gazetteer names joined by a hyphen (``U.S.-Russia``, one word to the tokenizer, so
   the gazetteer misses both) is those two names.
3. **One id per person within an interview.** A model name of one word that is the
   first or last word of exactly one full (two or more words) PERSON name in the same
   interview is that person (form ``short``); so is every other capitalised occurrence
   of that person's surname that the model missed, and every occurrence of a full name
   that a speaker label gives (``JANE DOE, HOST:`` makes ``Jane Doe`` in the text a
   person).
   A name that the model finds somewhere in the interview is a mention wherever else it
   is written the same way (OntoNotes marks every occurrence; the model misses some),
   with its most frequent type, longest names first (a one-word name other than a
   person's is repeated too; a person's one word is rule 3's); a model name that is the
   full name of a person the interview names (a speaker label, the gazetteer) is that
   person, whatever type the model gave it.
4. **Headlines and datelines.** Title case says nothing in a headline, so a model name
   in a title-case title counts only where the rest of the transcript writes it too (a
   title in sentence case, such as a dateline paragraph, is read as text); a dateline
   (a place in capitals opening a paragraph of the front matter before a comma, bracket
   or dash: ``HANOI, June 2024 -``, ``ASTANA (Energy Weekly) -``), which the model,
   trained on mixed case, misses, is a GPE.
5. **A common word is no name.** A model name of one word in title case (``Board``,
   ``Healthcare``, ``Interview``) that the same interview also writes in lower case
   (``the board``) is a capitalised common word (a sentence start, a heading, a
   menu), not a name, and is dropped, unless it is the first or last word of a person's
   full name the interview gives (``Rice`` after ``Susan Rice``). Acronyms (``US``
   beside ``us``) are not title case and are kept.
6. **The context types a name** where English grammar settles it:

   - **a language** (``LANGUAGE``, OntoNotes): a one-word name, a demonym of the
     gazetteer too, after ``in``, ``into``, ``speak``, ``translated from`` or ``languages,``
     (also as a later item of a list: ``in French and Portuguese``; ``the languages,
     Arabic, Chinese and Hindi``), or before ``language``, ``-speaking``,
     ``translation`` or ``interpretation``, and not followed by a noun it qualifies
     (``in Russian territory`` is NORP). Its id is the name's slug (``hindi``), with
     ``-language`` where a demonym holds it (``russian-language``).
   - **a government** (``ORG``): a place after ``Government of`` with a capital G
     makes one official name with it (``the Government of Japan``; ``the government of
     Japan`` is the GPE ``Japan`` alone, as in OntoNotes; so is ``France`` in ``Heads of
     State and Government of France``).
   - **a constituency** (``GPE``): a name after ``the member for``, ``MP for``, ``seat
     of``, ``electorate of``, ``riding of`` or ``constituency of`` (``the member for
     Dawson``), which the model often reads as a person.

7. **Stable ids.** A model entity's id is the slug of its name (``John Smith`` ->
   ``john-smith``), the same across the corpus; where that slug is a gazetteer id, the
   type is appended (``jordan-person``). Its type and name in ``entities`` are the most
   frequent among its mentions (ties: alphabetical), so they do not depend on the order
   interviews are processed in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from slugify import slugify
from spacy.lang.en.stop_words import STOP_WORDS

from builder.entities import Match
from builder.ner import TITLES, ModelSpan, in_web_address

_JOINERS = re.compile(r",|\band\b|&|/|;")
_WORD = re.compile(r"[^\W\d_][\w’'\-.]*")
#: Capitalised words that do not make a name longer (``Japanese Government`` is the NORP
#: ``Japanese`` and a common noun, as in OntoNotes).
GENERIC = frozenset({"government", "administration", "side", "people", "authorities",
                     "leadership", "delegation", "officials", "nation", "state"})  # fmt: skip
_STOP = frozenset({"The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or", "To", "I"})


@dataclass(frozen=True)
class Mention:
    """A mention in a transcript: offsets into the whole text."""

    start: int
    end: int
    entity_id: str
    form: str
    type: str
    source: str  # "gazetteer" or "model"


@dataclass
class ModelEntities:
    """What the corpus says about each entity the model found: small state, one counter
    of types and one of written names per entity."""

    types: dict[str, Counter] = field(default_factory=dict)
    names: dict[str, Counter] = field(default_factory=dict)

    def add(self, entity_id: str, name: str | None, type_: str) -> None:
        """Count one finding of ``entity_id``: its type, and its name when it has one."""
        self.types.setdefault(entity_id, Counter())[type_] += 1
        counter = self.names.setdefault(entity_id, Counter())
        if name is not None:
            counter[name] += 1

    def update(self, other: ModelEntities) -> None:
        """Add what another part of the corpus said."""
        for eid, types in other.types.items():
            self.types.setdefault(eid, Counter()).update(types)
        for eid, names in other.names.items():
            self.names.setdefault(eid, Counter()).update(names)

    def type_of(self, entity_id: str) -> str:
        """The most frequent type of the entity's mentions (ties: alphabetical)."""
        return most_common(self.types[entity_id])

    def name_of(self, entity_id: str) -> str:
        """The most frequent full name, preferring one written in running text over one
        in capitals (a speaker label)."""
        names = self.names[entity_id]
        cased = Counter({n: c for n, c in names.items() if not n.isupper()})
        return most_common(cased or names)


def most_common(counter: Counter) -> str:
    """The most frequent key (ties: alphabetical), so no result depends on order."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def entity_id_for(name: str, type_: str, taken: frozenset[str] | set[str]) -> str:
    """The stable id of a model entity (rule 7)."""
    slug = slugify(name) or "entity"
    return f"{slug}-{slugify(type_)}" if slug in taken else slug


def merge(
    text: str, matches: list[Match], names: list[ModelSpan]
) -> tuple[list[Match], list[ModelSpan]]:
    """Rules 1 and 2 over one text: the gazetteer matches kept and the model names kept,
    both in text order."""
    kept = list(matches)
    out: list[ModelSpan] = []
    for name in names:
        inside = [m for m in kept if name.start <= m.start and m.end <= name.end]
        crossing = [m for m in kept if m.start < name.end and name.start < m.end]
        if len(crossing) > len(inside) or any(
            (m.start, m.end) == (name.start, name.end) for m in inside
        ):
            continue
        if not inside:
            out.append(name)
        elif _JOINERS.search(text[name.start : name.end]):
            out += _leftovers(text, name, inside)
        elif any(
            w[0].isupper() and w.strip(".").lower() not in TITLES | GENERIC
            for w in _outside(text, name.start, name.end, inside)
        ):
            kept = [m for m in kept if m not in inside]
            out.append(name)
    return kept, sorted(out, key=lambda n: n.start)


def _outside(text: str, start: int, end: int, inside: list[Match]) -> list[str]:
    """The words of ``text[start:end]`` outside the ``inside`` spans."""
    words, pos = [], start
    for m in sorted(inside, key=lambda m: m.start):
        words += _WORD.findall(text[pos : m.start])
        pos = m.end
    return words + _WORD.findall(text[pos:end])


def _leftovers(text: str, name: ModelSpan, inside: list[Match]) -> list[ModelSpan]:
    """The capitalised parts of a joined model name outside the gazetteer's matches."""
    out, pos = [], name.start
    for m in [*sorted(inside, key=lambda m: m.start), None]:
        stop = m.start if m is not None else name.end
        for part in re.finditer(r"[^,;/&]+", text[pos:stop]):
            piece = re.sub(r"^\s*(?:and\s+)?|(?:\s+and)?\s*$", "", part.group())
            if piece and piece[0].isupper() and piece not in _STOP:
                s = pos + part.start() + part.group().index(piece)
                out.append(ModelSpan(s, s + len(piece), name.label))
        pos = m.end if m is not None else name.end
    return out


#: Short words a title-case headline may leave in lower case.
_MINOR = frozenset({"with", "from", "into", "over", "upon", "onto", "than", "that", "this",
                    "about", "after", "under", "what", "when", "says", "said"})  # fmt: skip


def title_cased(text: str) -> bool:
    """Rule 4: a headline in title case (at most a quarter of its words of four letters
    or more in lower case), where capitals say nothing; not one in sentence case, or a
    dateline paragraph."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", text)[1:]
             if len(w) >= 4 and w.lower() not in _MINOR]  # fmt: skip
    return sum(w[0].islower() for w in words) * 4 <= len(words)


def repeated_spans(text: str, start: int, end: int, names: dict[str, str]) -> list[ModelSpan]:
    """Rule 3b: the occurrences in ``text[start:end]`` of names that the model found
    elsewhere in the interview (as written, with their type), the longest where they
    overlap: OntoNotes marks every occurrence of a name, and the model misses some of
    them. One scan of the text, whatever the number of names; none in a web address."""
    if not names:
        return []
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return [ModelSpan(m.start(), m.end(), names[m.group()])
            for m in pattern.finditer(text, start, end)
            if not in_web_address(text, m.start(), m.end())]  # fmt: skip


def in_body(text: str, names: list[ModelSpan], body: str) -> list[ModelSpan]:
    """Rule 4: the names of a headline ``text`` that the ``body`` also writes."""
    return [
        n for n in names if re.search(rf"(?<!\w){re.escape(text[n.start : n.end])}(?!\w)", body)
    ]


_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,3})(?=[ \t]*[,(–—:-])")


def datelines(text: str) -> list[ModelSpan]:
    """Rule 4: a place in capitals opening a paragraph before a comma, bracket, dash or
    colon."""
    return [ModelSpan(m.start(1), m.end(1), "GPE") for m in _DATELINE.finditer(text)
            if m.group(1).lower() not in TITLES]  # fmt: skip


def with_datelines(text: str, names: list[ModelSpan]) -> list[ModelSpan]:
    """Rule 4: the model's names of a front-matter ``text`` with its datelines. A
    dateline is a GPE where no model name overlaps it, and replaces the model's names
    that lie inside it (``KUALA`` ORG in ``KUALA LUMPUR,``); one before a colon
    (``KUALA LUMPUR:``, a form that many other capitalised line openings share) counts
    only where the model found a name in it."""
    out = list(names)
    for d in datelines(text):
        over = [n for n in out if n.start < d.end and d.start < n.end]
        colon = text[d.end :].lstrip(" \t").startswith(":")
        inside = all(d.start <= n.start and n.end <= d.end for n in over)
        if (not over and not colon) or (over and inside and (d.start, d.end) not in
                                        {(n.start, n.end) for n in over}):  # fmt: skip
            out = [n for n in out if n not in over] + [d]
    return sorted(out, key=lambda n: n.start)


def lower_case_words(text: str) -> set[str]:
    """Rule 5: the words ``text`` writes in lower case."""
    words = re.findall(r"(?<![\w’'\-./@])[^\W\d_]+(?![\w\-]|[./@]\w)", text)
    return {w for w in words if w.islower()}  # not in a web address: "kremlin.ru"


def common_word(written: str, lower: set[str], people_words: set[str]) -> bool:
    """Rule 5: a one-word name in title case that the interview also writes in lower
    case (``lower``), and no word of a person's full name (``people_words``)."""
    return (
        len(written.split()) == 1
        and written[:1].isupper()
        and written[1:].islower()
        and written.lower() in lower
        and written not in people_words
    )


def people_by_word(people: list[tuple[str, str]]) -> dict[str, str]:
    """Rule 3: the first and last word of each full person name (written name, entity
    id), where that word belongs to one person only."""
    owners: dict[str, set[str]] = {}
    for written, entity_id in people:
        words = written.split()
        if len(words) < 2:
            continue
        for w in (words[0], words[-1]):
            owners.setdefault(w, set()).add(entity_id)
    return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}


def name_spans(text: str, start: int, end: int, names: list[str]) -> list[ModelSpan]:
    """Occurrences in ``text[start:end]`` of people's full names known from the speaker
    labels (as written there or in title case), as PERSON names."""
    out = []
    for name in names:
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        for m in re.finditer(pattern, text[start:end], flags=re.IGNORECASE):
            if m.group() in (name, name.upper()):
                out.append(ModelSpan(start + m.start(), start + m.end(), "PERSON"))
    return out


def surname_spans(text: str, start: int, end: int, surnames: set[str]) -> list[ModelSpan]:
    """Rule 3's second half: capitalised occurrences of a known surname in
    ``text[start:end]``, as PERSON names."""
    out = []
    for m in _WORD.finditer(text, start, end):
        word = m.group().rstrip(".")
        if word in surnames and word[0].isupper():
            out.append(ModelSpan(m.start(), m.start() + len(word), "PERSON"))
    return out


#: Words after which a name, or a list of names, is a language (rule 6).
_TO_LANGUAGE = re.compile(
    r"(?i)\b(?:in|into|speaks?|spoke|spoken|speaking|(?:translated|translation|"
    r"translates?)\s+from|languages\s*[,:]?|languages\s+(?:are|were|like|such\s+as))\s+$"
)
#: Only the explicit ones, for a name the model did not read as NORP or LANGUAGE.
_TO_LANGUAGES = re.compile(r"(?i)\blanguages\s*[,:]?\s+$")
_AS_WELL = r"as\s+well\s+as\s+(?:in\s+)?"
_SEP = rf"(?:\s*,\s*(?:and\s+|or\s+|{_AS_WELL})?|\s+(?:and|or)\s+|\s+{_AS_WELL})"
#: A name earlier in a list (``French and``, ``Arabic,``) and a later one (not ``I``).
_LIST_BEFORE = re.compile(rf"(?<![\w’'\-])[A-Z][\w’'\-]+{_SEP}$")
_LIST_AFTER = re.compile(rf"{_SEP}[A-Z][\w’'\-]+(?![\w’'\-])")
#: Words after a name that make it a language (rule 6).
_LANGUAGE_NOUN = re.compile(
    r"(?:\s+(?:language|languages|translation|interpretation|subtitles|speakers)"
    r"|-(?:language|speaking))\b"
)
_NEXT_WORD = re.compile(r"\s+([a-z][\w’'\-]*)")


def language_context(text: str, start: int, end: int, adjective: bool = True) -> bool:
    """Rule 6: the one-word name ``text[start:end]`` is a language here. Only the
    explicit contexts (``languages,`` before it, ``language`` after it) count unless it
    is a word that may be a language (``adjective``: a demonym, or a name the model read
    as NORP or LANGUAGE): ``in Kaliningrad`` is no language."""
    written = text[start:end]
    if len(written.split()) != 1 or not written[:1].isupper() or written.endswith("s"):
        return False
    if _LANGUAGE_NOUN.match(text, end):
        return True
    last = end
    while item := _LIST_AFTER.match(text, last):
        last = item.end()
    nxt = _NEXT_WORD.match(text, last)
    if nxt and nxt.group(1) not in STOP_WORDS:
        return False  # "in Russian territory", "in Russian and Chinese firms": adjectives
    head = text[max(0, start - 200) : start]
    trigger = _TO_LANGUAGE if adjective else _TO_LANGUAGES
    while not trigger.search(head) and (item := _LIST_BEFORE.search(head)):
        head = head[: item.start()]
    return bool(trigger.search(head))


#: Words before a name that make it a constituency (rule 6).
_TO_SEAT = re.compile(
    r"(?i)(?:\b(?:member|mp|mla|mhr|candidate)\s+for|\b(?:seat|electorate|riding|"
    r"constituency)\s+of)\s+(?:the\s+)?$"
)


_HYPHEN_PAIR = re.compile(r"([^\s\-]+)-([^\s\-]+)")


def hyphen_pair(text: str, start: int, end: int) -> tuple[tuple[int, int], ...] | None:
    """Rule 2: the two capitalised halves of a one-word name joined by one hyphen
    (``U.S.-Russia``), as (start, end) pairs; None for any other name."""
    m = _HYPHEN_PAIR.fullmatch(text, start, end)
    if m is None or not (m.group(1)[0].isupper() and m.group(2)[0].isupper()):
        return None
    return (m.start(1), m.end(1)), (m.start(2), m.end(2))


_GOVERNMENT_OF = re.compile(r"(?<![\w’'\-])Government[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")


def government_of(text: str, start: int) -> int | None:
    """Rule 6: where a place starting at ``start`` follows ``Government of``, the
    start of that official name."""
    m = _GOVERNMENT_OF.search(text, max(0, start - 30), start)
    if m is None or re.search(
        r"\b(?:and|or|of)[ \u00a0]+$", text[max(0, m.start() - 8) : m.start()]
    ):
        return None  # "Heads of State and Government of France": a title
    return m.start()


def constituency(text: str, start: int) -> bool:
    """Rule 6: a name starting at ``start`` is a constituency (``the member for``)."""
    return bool(_TO_SEAT.search(text, max(0, start - 40), start))
