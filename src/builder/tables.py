"""Turn parsed transcripts, entity matches and figures into the rows of each table.

One dataclass per table; its fields are the table's columns in schema order (a test
checks them against ``schemas/``). Ids are ``<interview_id>-<letter><seq>``, zero-padded
to a width that depends only on the count, so they are stable across rebuilds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from builder.candidates import CandidateFinder, Proposal, capitalised_words
from builder.entities import EntityFinder, Match, country_code
from builder.figures import find_figures
from builder.frontmatter import publication_date
from builder.names import (
    ModelEntities,
    common_word,
    constituency,
    entity_id_for,
    government_of,
    hyphen_pair,
    in_body,
    language_context,
    lower_case_words,
    merge,
    most_common,
    name_spans,
    people_by_word,
    repeated_spans,
    surname_spans,
    title_cased,
    with_datelines,
)
from builder.ner import ModelSpan, find_names, titles_before
from builder.nlp import doc_of, sentence_span, sentence_spans
from builder.sources import GazetteerEntry, InterviewSource
from builder.speakers import person_in_label, role_in_label, title_case
from builder.transcript import LineIndex, Transcript, count_words


@dataclass
class Interview:
    """A row of the interviews table."""

    interview_id: str
    title: str
    title_char_start: int | None
    title_char_end: int | None
    intro: str | None
    intro_char_start: int | None
    intro_char_end: int | None
    front_matter: str | None
    front_matter_char_start: int | None
    front_matter_char_end: int | None
    back_matter: str | None
    back_matter_char_start: int | None
    back_matter_char_end: int | None
    publisher: str | None
    source_url: str | None
    published: dt.date | None
    language: str | None
    interviewee_role: str | None
    interviewee: str | None
    interviewee_note: str | None
    interviewer: str | None
    source_path: str
    source_sha256: str
    source_encoding: str
    n_intro_paragraphs: int
    n_questions: int
    n_answers: int


@dataclass
class Question:
    """A row of the questions table."""

    question_id: str
    interview_id: str
    seq: int
    label: str | None
    speaker: str | None
    speaker_entity_id: str | None
    label_char_start: int | None
    label_char_end: int | None
    text: str
    char_start: int
    char_end: int
    n_paragraphs: int
    n_words: int


@dataclass
class Answer:
    """A row of the answers table."""

    answer_id: str
    interview_id: str
    question_id: str | None
    seq: int
    label: str | None
    speaker: str | None
    speaker_entity_id: str | None
    label_char_start: int | None
    label_char_end: int | None
    text: str
    char_start: int
    char_end: int
    n_paragraphs: int
    n_words: int


@dataclass
class Sentence:
    """A row of the ``sentences`` table."""

    sentence_id: str
    interview_id: str
    question_id: str | None
    answer_id: str | None
    role: str
    seq: int
    text: str
    char_start: int
    char_end: int


@dataclass
class Entity:
    """A row of the entities table."""

    entity_id: str
    name: str
    type: str
    category: str
    source: str
    iso_3166_1_alpha_2: str | None
    wikidata_id: str | None
    related_entity_id: str | None
    description: str
    n_mentions: int


@dataclass
class EntityMention:
    """A row of the entity_mentions table."""

    mention_id: str
    entity_id: str
    interview_id: str
    role: str
    question_id: str | None
    answer_id: str | None
    sentence_id: str
    text: str
    form: str
    char_start: int
    char_end: int


@dataclass
class FigureRow:
    """A row of the figures table."""

    figure_id: str
    interview_id: str
    role: str
    question_id: str | None
    answer_id: str | None
    sentence_id: str
    text: str
    char_start: int
    char_end: int
    kind: str
    value: float | None
    value_max: float | None
    unit: str | None
    normalized: str | None
    qualifier: str | None


#: The row dataclass of each table.
ROW_TYPES = {
    "interviews": Interview,
    "questions": Question,
    "answers": Answer,
    "sentences": Sentence,
    "entities": Entity,
    "entity_mentions": EntityMention,
    "figures": FigureRow,
}


@dataclass(frozen=True)
class Segment:
    """A quotable part of a transcript and the rows it belongs to."""

    role: str
    start: int
    end: int
    question_id: str | None = None
    answer_id: str | None = None
    furniture: bool = False  # page furniture inside a turn: in its sentences, never read


def _id(interview_id: str, letter: str, seq: int, count: int, width: int = 2) -> str:
    return f"{interview_id}-{letter}{seq:0{max(width, len(str(count)))}d}"


@dataclass
class Extractors:
    """What finds entities and figures in every interview of a build (made once per
    process), and what it derives from the gazetteer once."""

    gazetteer: list[GazetteerEntry]
    finder: EntityFinder
    ner: Language | None  # None: gazetteer and rule proposals only (--no-ner)
    candidates: CandidateFinder = field(default_factory=CandidateFinder)

    @cached_property
    def taken(self) -> frozenset[str]:
        """The gazetteer's ids, which a model entity's id must not take."""
        return frozenset(e.entity_id for e in self.gazetteer)

    @cached_property
    def types(self) -> dict[str, str]:
        """The gazetteer's type of each of its entities."""
        return {e.entity_id: e.type for e in self.gazetteer}

    @cached_property
    def people(self) -> dict[str, str]:
        """The gazetteer's PERSON entities by each of their names (case aside)."""
        return {_key(n): e.entity_id for e in self.gazetteer if e.type == "PERSON"
                for n, _, _ in e.names}  # fmt: skip


@dataclass
class InterviewRows:
    """One interview's output: its rows in every table but ``entities``, the names for
    the review file, what it says of model entities, and the entities that speak."""

    tables: dict[str, list[dict]]
    proposals: list[Proposal]
    entities: ModelEntities
    speakers: set[str]


def interview_tables(
    source: InterviewSource, source_path: str, raw: bytes, parsed: Transcript, ex: Extractors
) -> InterviewRows:
    """The rows of one interview (source, package path, raw bytes, parse); the model's
    names are published, or with ``ex.ner`` None proposed by rules for review."""
    registry = ModelEntities()  # what this interview says of the model's entities
    rows: dict[str, list] = {name: [] for name in ROW_TYPES if name != "entities"}
    segments, turn_rows = _turn_rows(source, parsed, rows)
    labels = _label_people(parsed)
    found, people = _extract(source.interview_id, parsed.text, segments, labels, ex, registry, rows)
    named = _link_speakers(parsed, turn_rows, people, ex, registry)
    speakers = {r.speaker_entity_id for r in turn_rows if r.speaker_entity_id}
    rows["interviews"].append(_interview_row(source, source_path, raw, parsed, turn_rows, named))
    tables = {name: [vars(r) for r in table] for name, table in rows.items()}
    return InterviewRows(tables, found, registry, speakers)


def entity_rows(
    gazetteer: list[GazetteerEntry], counts: Counter, speakers: set[str], found: ModelEntities
) -> list[dict]:
    """The ``entities`` table, sorted by id: the gazetteer entries mentioned (``counts``
    per entity id over all interviews) or speaking, those they relate to, and the
    entities the model found (``found``, over all interviews)."""
    out = []
    for entry in _mentioned(gazetteer, set(counts) | speakers):
        out.append(
            Entity(
                entity_id=entry.entity_id,
                name=entry.name,
                type=entry.type,
                category=entry.category,
                source="gazetteer",
                iso_3166_1_alpha_2=country_code(entry),
                wikidata_id=entry.wikidata_id,
                related_entity_id=entry.related_entity_id,
                description=entry.description,
                n_mentions=counts[entry.entity_id],
            )
        )
    for eid in found.types:
        type_ = found.type_of(eid)
        mentioned = counts[eid] > 0
        out.append(
            Entity(
                entity_id=eid,
                name=found.name_of(eid),
                type=type_,
                category="person" if type_ == "PERSON" else "other",
                source="model" if mentioned else "speaker_label",
                iso_3166_1_alpha_2=None,
                wikidata_id=None,
                related_entity_id=None,
                description=(
                    "Not in the gazetteer: found by the NER model (not yet curated)."
                    if mentioned
                    else "Not in the gazetteer: named by a speaker label (not yet curated)."
                ),
                n_mentions=counts[eid],
            )
        )
    return [vars(e) for e in sorted(out, key=lambda e: e.entity_id)]


def _mentioned(gazetteer: list[GazetteerEntry], used: set[str]) -> list[GazetteerEntry]:
    """The entries the package uses, and those they relate to, in gazetteer order."""
    by_id = {e.entity_id: e for e in gazetteer}
    keep = {eid for eid in used if eid in by_id}
    todo = list(keep)
    while todo:
        related = by_id[todo.pop()].related_entity_id
        if related and related not in keep:
            keep.add(related)
            todo.append(related)
    return [e for e in gazetteer if e.entity_id in keep]


def _interview_row(source, source_path, raw, parsed, turn_rows, named) -> Interview:
    """The interview's row; ``named`` gives the interviewer and interviewee the speaker
    labels name, used where the manifest names nobody."""
    iid = source.interview_id
    text = parsed.text
    intro = (parsed.intros[0][0], parsed.intros[-1][1]) if parsed.intros else None
    title_span = parsed.title
    if title_span:
        title = parsed.text[title_span[0] : title_span[1]]
    else:
        title = source.title or source.path.stem
    front, back = parsed.front_matter, parsed.back_matter
    published = dt.date.fromisoformat(source.published) if source.published else None
    for line in parsed.furniture:
        published = published or publication_date(text[line.start : line.end], line.kind)
    return Interview(
        interview_id=iid,
        title=title,
        title_char_start=title_span[0] if title_span else None,
        title_char_end=title_span[1] if title_span else None,
        intro=text[intro[0] : intro[1]] if intro else None,
        intro_char_start=intro[0] if intro else None,
        intro_char_end=intro[1] if intro else None,
        front_matter=text[front[0] : front[1]] if front else None,
        front_matter_char_start=front[0] if front else None,
        front_matter_char_end=front[1] if front else None,
        back_matter=text[back[0] : back[1]] if back else None,
        back_matter_char_start=back[0] if back else None,
        back_matter_char_end=back[1] if back else None,
        publisher=source.publisher,
        source_url=source.source_url,
        published=published,
        language=source.language,
        interviewee_role=source.interviewee_role,
        interviewee=source.interviewee or named.get("answer"),
        interviewee_note=source.interviewee_note,
        interviewer=source.interviewer or named.get("question"),
        source_path=str(PurePosixPath(source_path)),
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_encoding=source.encoding,
        n_intro_paragraphs=len(parsed.intros),
        n_questions=sum(isinstance(r, Question) for r in turn_rows),
        n_answers=sum(isinstance(r, Answer) for r in turn_rows),
    )


def _turn_rows(
    source: InterviewSource, parsed: Transcript, rows
) -> tuple[list[Segment], list[Question | Answer]]:
    """Question and answer rows; returns every quotable segment in text order, and the
    interview's turn rows in turn order."""
    iid, text = source.interview_id, parsed.text
    segments = _front_segments(parsed)
    n_q = sum(t.role == "question" for t in parsed.turns)
    n_a = len(parsed.turns) - n_q
    question_id = None
    seq = {"question": 0, "answer": 0}
    turn_rows: list[Question | Answer] = []
    for turn in parsed.turns:
        seq[turn.role] += 1
        common: dict[str, Any] = dict(
            label=turn.label,
            speaker=turn.speaker,
            speaker_entity_id=None,
            label_char_start=turn.label_start,
            label_char_end=turn.label_end,
            text=text[turn.start : turn.end],
            char_start=turn.start,
            char_end=turn.end,
            n_paragraphs=turn.n_paragraphs,
            n_words=count_words(text[turn.start : turn.end]),
        )
        answer_id = None
        if turn.role == "question":
            question_id = _id(iid, "q", seq["question"], n_q)
            turn_rows.append(Question(question_id, iid, seq["question"], **common))
        else:
            answer_id = _id(iid, "a", seq["answer"], n_a)
            turn_rows.append(Answer(answer_id, iid, question_id, seq["answer"], **common))
        for a, b, furniture in _turn_pieces(parsed, turn.start, turn.end):
            segments.append(Segment(turn.role, a, b, question_id, answer_id, furniture))
    for row in turn_rows:
        rows["questions" if isinstance(row, Question) else "answers"].append(row)
    return segments, turn_rows


@dataclass
class People:
    """The people an interview's text names: full names (case aside) and their entity,
    the one-word forms that name one of them, their titles, and display names."""

    by_name: dict[str, str] = field(default_factory=dict)
    by_word: dict[str, str] = field(default_factory=dict)
    by_title: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def _label_people(parsed: Transcript) -> list[str]:
    """The full names (two words or more) the speaker labels give, in title case."""
    out = []
    for turn in parsed.turns:
        person = person_in_label(turn.speaker_name) if turn.speaker_name else None
        if person and len(person.split()) >= 2 and title_case(person) not in out:
            out.append(title_case(person))
    return out


def _front_segments(parsed: Transcript) -> list[Segment]:
    """Title and intro segments in text order. Page furniture (the front matter block,
    and furniture lines inside the intro) is kept but never read."""
    segments = [Segment("title", *parsed.title)] if parsed.title else []
    if parsed.intros:
        start, end = parsed.intros[0][0], parsed.intros[-1][1]
        for line in parsed.furniture:
            if start <= line.start < end:
                if parsed.text[start : line.start].strip():
                    segments.append(Segment("intro", *_trim(parsed.text, start, line.start)))
                start = line.end
        if parsed.text[start:end].strip():
            segments.append(Segment("intro", *_trim(parsed.text, start, end)))
    return segments


def _turn_pieces(parsed: Transcript, start: int, end: int) -> list[tuple[int, int, bool]]:
    """A turn's text cut around its page furniture lines: (start, end, is furniture)."""
    out, text = [], parsed.text
    for line in parsed.turn_furniture:
        if start <= line.start < end:
            if text[start : line.start].strip():
                out.append((*_trim(text, start, line.start), False))
            out.append((line.start, line.end, True))
            start = line.end
    if text[start:end].strip() or not out:
        out.append((*_trim(text, start, end), False))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of ``text[start:end]`` without its surrounding whitespace."""
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())


def _extract(
    iid: str,
    text: str,
    segments: list[Segment],
    labels: list[str],
    ex: Extractors,
    registry: ModelEntities,
    rows,
) -> tuple[list[Proposal], People]:
    """Entity mention and figure rows of one interview; returns the names for the
    review file and the people the text names (or its speaker labels: ``labels``).
    What the interview says of the model's entities goes into ``registry``. Segments
    of page furniture are in the sentences but are not read."""
    every = segments
    all_docs: list[Doc] = [doc_of(text[seg.start : seg.end]) for seg in every]
    segments = [s for s in every if not s.furniture]
    docs = [d for s, d in zip(every, all_docs, strict=True) if not s.furniture]
    wheres: list[dict[str, Any]] = [
        dict(interview_id=iid, role=s.role, question_id=s.question_id, answer_id=s.answer_id)
        for s in segments
    ]
    if ex.ner is None:
        mentions, proposals = _gazetteer_and_rules(iid, text, segments, docs, ex)
        people = People()
    else:
        mentions, proposals, people = _gazetteer_and_model(
            iid, text, segments, docs, labels, ex, registry
        )
    figures = [
        (seg.start + f.start, seg.start + f.end, f, k)
        for k, (seg, doc) in enumerate(zip(segments, docs, strict=True))
        for f in find_figures(text[seg.start : seg.end])
    ]
    spans = [(a, b) for a, b, *_ in mentions] + [(a, b) for a, b, *_ in figures]
    sentences = _sentences(text, every, all_docs, spans)
    starts = [a for a, _, _ in sentences]
    sentence_ids = [_id(iid, "s", n, len(sentences), width=3) for n in range(1, len(sentences) + 1)]
    for n, ((a, b, k), sid) in enumerate(zip(sentences, sentence_ids, strict=True), start=1):
        seg = every[k]
        rows["sentences"].append(
            Sentence(
                sentence_id=sid,
                seq=n,
                text=text[a:b],
                char_start=a,
                char_end=b,
                interview_id=iid,
                role=seg.role,
                question_id=seg.question_id,
                answer_id=seg.answer_id,
            )
        )
    for n, (a, b, eid, form, k) in enumerate(mentions, start=1):
        rows["entity_mentions"].append(
            EntityMention(
                mention_id=_id(iid, "m", n, len(mentions), width=3),
                entity_id=eid,
                sentence_id=sentence_ids[bisect_right(starts, a) - 1],
                text=text[a:b],
                form=form,
                char_start=a,
                char_end=b,
                **wheres[k],
            )
        )
    for n, (a, b, f, k) in enumerate(figures, start=1):
        rows["figures"].append(
            FigureRow(
                figure_id=_id(iid, "f", n, len(figures), width=3),
                sentence_id=sentence_ids[bisect_right(starts, a) - 1],
                text=text[a:b],
                char_start=a,
                char_end=b,
                kind=f.kind,
                value=f.value,
                value_max=f.value_max,
                unit=f.unit,
                normalized=f.normalized,
                qualifier=f.qualifier,
                **wheres[k],
            )
        )
    return proposals, people


def _sentences(
    text: str, segments: list[Segment], docs: list[Doc], spans: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """The sentences of every segment of ``text`` in text order, as (start, end,
    segment index): the pipeline's sentences (see :mod:`builder.nlp`) without the white
    space around them, where two or more that a mention or figure in ``spans`` crosses
    are one."""
    out: list[tuple[int, int, int]] = []
    for k, (seg, doc) in enumerate(zip(segments, docs, strict=True)):
        for a, b in sentence_spans(doc):
            a, b = _trim(text, seg.start + a, seg.start + b)
            if a < b:
                out.append((a, b, k))
    starts = [a for a, _, _ in out]
    joined = [False] * len(out)  # joined[i]: sentence i goes on in sentence i + 1
    for a, b in spans:
        first, last = bisect_right(starts, a) - 1, bisect_left(starts, b) - 1
        for i in range(first, last):
            joined[i] = True
    merged: list[tuple[int, int, int]] = []
    for i, (a, b, k) in enumerate(out):
        if i and joined[i - 1]:
            merged[-1] = (merged[-1][0], b, k)
        else:
            merged.append((a, b, k))
    return merged


def _sentence(text: str, doc: Doc, offset: int, start: int) -> tuple[int, int]:
    """Offsets into the transcript ``text`` of the sentence of a span starting at
    character ``start`` of ``doc`` (made of the text from ``offset`` on), without the
    white space around it."""
    a, b = sentence_span(doc, start)
    s_text = text[offset + a : offset + b]
    s_start = offset + a + (len(s_text) - len(s_text.lstrip()))
    return s_start, offset + a + len(s_text.rstrip())


#: A mention before it has an id: (start, end, entity id, form, segment index).
_Found = tuple[int, int, str, str, int]


def _gazetteer_and_rules(iid, text, segments, docs, ex: Extractors):
    """The --no-ner path: gazetteer mentions, and rule proposals for the review file."""
    capitalised = set().union(*(capitalised_words(d, text[s.start : s.end])
                                for s, d in zip(segments, docs, strict=True)
                                if s.role != "title"))  # fmt: skip
    mentions: list[_Found] = []
    proposals = []
    lines = LineIndex(text)
    for k, (seg, doc) in enumerate(zip(segments, docs, strict=True)):
        matches = ex.finder.find(doc, iid)
        known = [(m.start, m.end) for m in matches]
        proposed = []
        if seg.role != "title":
            proposed = ex.candidates.find(doc, known, capitalised, intro=seg.role == "intro")
        for c in proposed:
            a = seg.start + c.start
            s_start, s_end = _sentence(text, doc, seg.start, c.start)
            line = lines.line(a)
            proposals.append(
                Proposal(iid, a, seg.start + c.end, line, c.text, c.suggested_type,
                         text[s_start:s_end])
            )  # fmt: skip
        for m in matches:
            if any(c.start <= m.start and m.end <= c.end for c in proposed):
                continue  # part of a longer name the gazetteer lacks: "European ... Fund"
            mentions.append((seg.start + m.start, seg.start + m.end, m.entity_id, m.form, k))
    return mentions, proposals


def _gazetteer_and_model(
    iid, text, segments, docs, labels, ex: Extractors, registry: ModelEntities
):
    """Gazetteer matches merged with the model's names (see :mod:`builder.names`)."""
    types = ex.types
    taken = ex.taken
    lines = LineIndex(text)
    seg_texts = [text[s.start : s.end] for s in segments]  # each Doc's text, not re-joined
    assert ex.ner is not None  # this path is taken only with a model
    model = find_names(ex.ner, seg_texts)
    gaz: list[_Found] = []
    names: list[tuple[int, int, str, int]] = []  # (start, end, label, segment)
    body = "\n".join(t for s, t in zip(segments, seg_texts, strict=True) if s.role != "title")
    for k, (seg, doc, seg_text) in enumerate(zip(segments, docs, seg_texts, strict=True)):
        headline = seg.role == "title" and title_cased(seg_text)
        if headline:
            model[k] = in_body(seg_text, model[k], body)
        if seg.role == "intro" or (seg.role == "title" and not headline):
            model[k] = with_datelines(seg_text, model[k])
        kept, found = merge(seg_text, ex.finder.find(doc, iid), model[k])
        kept, found = _hyphen_pairs(seg_text, kept, found, ex, iid)
        gaz += [(seg.start + m.start, seg.start + m.end, m.entity_id, m.form, k) for m in kept]
        names += [(seg.start + n.start, seg.start + n.end, n.label, k) for n in found]
    gaz, names = _typed_by_context(text, gaz, names, types)
    # People: full names from the model and the gazetteer, then their one-word forms.
    lower = lower_case_words(text)
    people_words = set()
    for written in [text[a:b] for a, b, label, _ in names if label == "PERSON"] + labels:
        if len(words := written.split()) >= 2:
            people_words |= {words[0], words[-1]}
    names = [n for n in names if not common_word(text[n[0] : n[1]], lower, people_words)]
    full = [
        (text[a:b], entity_id_for(text[a:b], "PERSON", taken))
        for a, b, label, _ in names
        if label == "PERSON" and len(text[a:b].split()) >= 2
    ]
    full += [(text[a:b], eid) for a, b, eid, _, _ in gaz
             if types[eid] == "PERSON" and len(text[a:b].split()) >= 2]  # fmt: skip
    for name in labels:
        full.append((name, _person_id(name, ex)))
        if full[-1][1] not in taken:
            registry.add(full[-1][1], name, "PERSON")
    by_word = people_by_word(full)
    by_name = {_key(w): eid for w, eid in full}
    surnames = {w.split()[-1] for w, _ in full} & set(by_word)
    occupied = [(a, b) for a, b, *_ in gaz] + [(a, b) for a, b, *_ in names]
    seen: dict[str, Counter] = {}
    for a, b, label, _ in names:  # a person's one word is found by surname_spans
        if len(text[a:b].split()) >= 2 or (label != "PERSON" and text[a:b][0].isupper()):
            seen.setdefault(text[a:b], Counter())[label] += 1
    repeated = {n: most_common(c) for n, c in seen.items()}
    for k, seg in enumerate(segments):
        for n in name_spans(text, seg.start, seg.end, labels) + repeated_spans(
            text, seg.start, seg.end, repeated
        ):  # longest first
            if not any(a < n.end and n.start < b for a, b in occupied):
                names.append((n.start, n.end, n.label, k))
                occupied.append((n.start, n.end))
        for n in surname_spans(text, seg.start, seg.end, surnames):
            if not any(a < n.end and n.start < b for a, b in occupied):
                names.append((n.start, n.end, "PERSON", k))
    mentions = list(gaz)
    proposals = []
    person_ids = set()
    for a, b, label, k in names:
        written = text[a:b]
        if len(written.split()) == 1 and written in by_word:
            eid, form, type_ = by_word[written], "short", "PERSON"
        elif _key(written) in by_name:
            eid, form, type_ = by_name[_key(written)], "name", "PERSON"
        else:
            eid, form, type_ = entity_id_for(written, label, taken), "name", label
        mentions.append((a, b, eid, form, k))
        if type_ == "PERSON":
            person_ids.add(eid)
        if eid in taken:
            continue
        registry.add(eid, written if form == "name" else None, type_)
        s_start, s_end = _sentence(text, docs[k], segments[k].start, a - segments[k].start)
        line = lines.line(a)
        proposals.append(
            Proposal(iid, a, b, line, written, type_, text[s_start:s_end], eid, "model")
        )
    people = People(by_name={_key(w): eid for w, eid in full}, by_word=by_word)
    for w, eid in sorted(full, key=lambda f: f[0].isupper()):  # running text first
        people.names.setdefault(eid, w)
    for a, b, eid, _, _ in sorted(mentions):
        if eid in person_ids or types.get(eid) == "PERSON":
            people.names.setdefault(eid, text[a:b])
            if role := titles_before(text, a):
                people.by_title.setdefault(role, set()).add(eid)
    return sorted(mentions), proposals, people


def _hyphen_pairs(
    text: str, kept: list[Match], found: list[ModelSpan], ex: Extractors, iid: str
) -> tuple[list[Match], list[ModelSpan]]:
    """A model name that is two gazetteer names joined by a hyphen (``U.S.-Russia``,
    which the tokenizer keeps as one word, so the gazetteer misses both) is those two
    names (OntoNotes)."""
    names = []
    for n in found:
        pair = hyphen_pair(text, n.start, n.end)
        parts = [_whole_match(text, a, b, ex, iid) for a, b in pair] if pair else []
        if parts and all(parts):
            kept += [m for m in parts if m is not None]
        else:
            names.append(n)
    return sorted(kept, key=lambda m: m.start), names


def _whole_match(text: str, start: int, end: int, ex: Extractors, iid: str) -> Match | None:
    """The gazetteer's match of all of ``text[start:end]``, if it is one of its names."""
    matches = ex.finder.find(doc_of(text[start:end]), iid)
    if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, end - start):
        return Match(start, end, matches[0].entity_id, matches[0].form)
    return None


def _typed_by_context(
    text: str, gaz: list[_Found], names: list[tuple[int, int, str, int]], types: dict
) -> tuple[list[_Found], list[tuple[int, int, str, int]]]:
    """Rule 6 of :mod:`builder.names`: a demonym of the gazetteer or a model name in a
    language's place is a language (a model entity of its own), a place after
    ``Government of`` part of that ORG, a model name in a constituency's place a GPE."""
    kept = []
    for found in gaz:
        a, b, eid, _, k = found
        if types[eid] == "NORP" and language_context(text, a, b):
            names.append((a, b, "LANGUAGE", k))
        elif types[eid] == "GPE" and (g := government_of(text, a)) is not None:
            names.append((g, b, "ORG", k))
        else:
            kept.append(found)
    out = []
    for a, b, label, k in names:
        if language_context(text, a, b, adjective=label in ("NORP", "LANGUAGE")):
            label = "LANGUAGE"
        elif label == "GPE" and (g := government_of(text, a)) is not None:
            a, label = g, "ORG"
        elif constituency(text, a):
            label = "GPE"
        out.append((a, b, label, k))
    return kept, sorted(out)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _link_speakers(
    parsed: Transcript, turn_rows, people: People, ex: Extractors, registry: ModelEntities
) -> dict:
    """Set each turn's ``speaker_entity_id`` from its label (see :mod:`builder.speakers`);
    returns the one person who asks and the one who answers, where there is one."""
    by_role: dict[str, set[str]] = {"question": set(), "answer": set()}
    for turn, row in zip(parsed.turns, turn_rows, strict=True):
        if not turn.speaker_name:
            continue
        eid = _speaker_entity(turn.speaker_name, people, ex, registry)
        row.speaker_entity_id = eid
        if eid:
            by_role[turn.role].add(eid)
    return {
        role: people.names[next(iter(ids))]
        for role, ids in by_role.items()
        if len(ids) == 1 and people.names.get(next(iter(ids)))
    }


def _person_id(name: str, ex: Extractors) -> str:
    """The gazetteer's id of a person by any of its names, else the model's slug id."""
    return ex.people.get(_key(name)) or entity_id_for(name, "PERSON", ex.taken)


def _speaker_entity(
    label: str, people: People, ex: Extractors, registry: ModelEntities
) -> str | None:
    person = person_in_label(label)
    if person is None:
        ids = set()
        role = role_in_label(label)
        for title, owners in people.by_title.items():
            if role and title[-len(role) :] == role:
                ids |= owners
        return next(iter(ids)) if len(ids) == 1 else None
    if _key(person) in people.by_name:
        return people.by_name[_key(person)]
    if len(person.split()) == 1 and person in people.by_word:
        return people.by_word[person]
    for word, eid in people.by_word.items():
        if len(person.split()) == 1 and word.casefold() == person.casefold():
            return eid
    written = title_case(person)
    eid = _person_id(written, ex)
    if eid not in ex.taken:
        registry.add(eid, written, "PERSON")
    people.names.setdefault(eid, written)
    return eid
