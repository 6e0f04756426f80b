"""Find gazetteer entities in text, one stable id per real-world entity.

Every name of an entry (canonical, official, short, acronym, alternative) is a
case-sensitive phrase pattern over spaCy tokens, so matches fall on word boundaries and
a possessive ``’s`` (its own token) stays outside the span. Where names overlap the
longest wins (``OSCE Minsk Group`` is one mention, not also ``OSCE``). Country codes
come from pycountry, looked up by the entry's names, never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from builder.errors import BuildError
from builder.nlp import blank_english
from builder.sources import GazetteerEntry


@dataclass(frozen=True)
class Match:
    """A mention found in a text: offsets relative to that text."""

    start: int
    end: int
    entity_id: str
    form: str


def country_code(entry: GazetteerEntry) -> str | None:
    """ISO 3166-1 alpha-2 of a country entry, from pycountry by any of its names."""
    if entry.category != "country":
        return None
    for name, _, _ in entry.names:
        try:
            return pycountry.countries.lookup(name).alpha_2
        except LookupError:
            continue
    raise BuildError(
        f"country {entry.entity_id!r} is not in pycountry under any of its names",
        "sources/gazetteer.csv",
        hint="add its ISO 3166 name as an `official` alias in sources/gazetteer_aliases.csv",
    )


class EntityFinder:
    """Matches every name of every gazetteer entry in a spaCy Doc. The matcher is built
    once; an alias scoped to one interview counts only in that interview."""

    def __init__(self, gazetteer: list[GazetteerEntry]):
        nlp = blank_english()
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str, str | None]] = {}
        for entry in gazetteer:
            for name, form, scope in entry.names:
                key = f"{entry.entity_id}\t{form}\t{name}\t{scope or ''}"
                self._keys[nlp.vocab.strings.add(key)] = (entry.entity_id, form, scope)
                self._matcher.add(key, [nlp.make_doc(name)])

    def _spans(self, doc: Doc, interview_id: str | None) -> list[Span]:
        """Matched spans in scope, longest first where they overlap, in text order."""
        spans = [
            Span(doc, start, end, label=key)
            for key, start, end in self._matcher(doc)
            if self._keys[key][2] in (None, interview_id)
        ]
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def find(self, doc: Doc, interview_id: str | None = None) -> list[Match]:
        """The mentions in ``doc`` (of interview ``interview_id``) with character
        offsets into its text."""
        out = []
        for span in self._spans(doc, interview_id):
            entity_id, form, _ = self._keys[span.label]
            out.append(Match(span.start_char, span.end_char, entity_id, form))
        return out
