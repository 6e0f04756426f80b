"""Turn parsed transcripts, entity matches and figures into the rows of each table.

One dataclass per table; its fields are the table's columns in schema order (a test
checks them against ``schemas/``). Ids are ``<interview_id>-<letter><seq>``, zero-padded
to a width that depends only on the count, so they are stable across rebuilds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from spacy.tokens import Doc

from builder.candidates import CandidateFinder, Proposal, capitalised_words
from builder.entities import EntityFinder, country_code
from builder.figures import find_figures
from builder.nlp import blank_english
from builder.sources import GazetteerEntry, InterviewSource
from builder.transcript import Transcript, count_words, line_and_column


@dataclass
class Interview:
    interview_id: str
    title: str
    title_char_start: int | None
    title_char_end: int | None
    intro: str | None
    intro_char_start: int | None
    intro_char_end: int | None
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
    question_id: str
    interview_id: str
    seq: int
    label: str | None
    speaker: str | None
    label_char_start: int | None
    label_char_end: int | None
    text: str
    char_start: int
    char_end: int
    n_paragraphs: int
    n_words: int


@dataclass
class Answer:
    answer_id: str
    interview_id: str
    question_id: str | None
    seq: int
    label: str | None
    speaker: str | None
    label_char_start: int | None
    label_char_end: int | None
    text: str
    char_start: int
    char_end: int
    n_paragraphs: int
    n_words: int


@dataclass
class Entity:
    entity_id: str
    name: str
    type: str
    category: str
    iso_3166_1_alpha_2: str | None
    wikidata_id: str | None
    related_entity_id: str | None
    description: str
    n_mentions: int


@dataclass
class EntityMention:
    mention_id: str
    entity_id: str
    interview_id: str
    role: str
    question_id: str | None
    answer_id: str | None
    text: str
    form: str
    char_start: int
    char_end: int


@dataclass
class FigureRow:
    figure_id: str
    interview_id: str
    role: str
    question_id: str | None
    answer_id: str | None
    text: str
    char_start: int
    char_end: int
    kind: str
    value: float | None
    value_max: float | None
    unit: str | None
    normalized: str | None
    qualifier: str | None
    sentence: str
    sentence_char_start: int
    sentence_char_end: int


#: The row dataclass of each table.
ROW_TYPES = {
    "interviews": Interview,
    "questions": Question,
    "answers": Answer,
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


def _id(interview_id: str, letter: str, seq: int, count: int, width: int = 2) -> str:
    return f"{interview_id}-{letter}{seq:0{max(width, len(str(count)))}d}"


def interview_tables(
    source: InterviewSource,
    source_path: str,
    raw: bytes,
    parsed: Transcript,
    finder: EntityFinder,
    candidates: CandidateFinder,
) -> tuple[dict[str, list[dict]], list[Proposal]]:
    """The rows of one interview in every table but ``entities`` (source, package path,
    raw bytes, parse), and the proposed names the gazetteer lacks."""
    rows: dict[str, list] = {name: [] for name in ROW_TYPES if name != "entities"}
    segments = _turn_rows(source, parsed, rows)
    rows["interviews"].append(_interview_row(source, source_path, raw, parsed, rows))
    proposals = _extract(source.interview_id, parsed.text, segments, finder, candidates, rows)
    return {name: [vars(r) for r in table] for name, table in rows.items()}, proposals


def entity_rows(gazetteer: list[GazetteerEntry], counts: Counter) -> list[dict]:
    """The ``entities`` table: the entries mentioned (``counts`` per entity id over all
    interviews) and those they relate to."""
    return [
        vars(
            Entity(
                entity_id=entry.entity_id,
                name=entry.name,
                type=entry.type,
                category=entry.category,
                iso_3166_1_alpha_2=country_code(entry),
                wikidata_id=entry.wikidata_id,
                related_entity_id=entry.related_entity_id,
                description=entry.description,
                n_mentions=counts[entry.entity_id],
            )
        )
        for entry in _mentioned(gazetteer, counts)
    ]


def _mentioned(gazetteer: list[GazetteerEntry], counts: Counter) -> list[GazetteerEntry]:
    """The entries the package mentions, and those they relate to, in gazetteer order."""
    by_id = {e.entity_id: e for e in gazetteer}
    keep = set(counts)
    todo = list(keep)
    while todo:
        related = by_id[todo.pop()].related_entity_id
        if related and related not in keep:
            keep.add(related)
            todo.append(related)
    return [e for e in gazetteer if e.entity_id in keep]


def _interview_row(source, source_path, raw, parsed, rows) -> Interview:
    iid = source.interview_id
    text = parsed.text
    intro = (parsed.intros[0][0], parsed.intros[-1][1]) if parsed.intros else None
    title_span = parsed.title
    if title_span:
        title = parsed.text[title_span[0] : title_span[1]]
    else:
        title = source.title or source.path.stem
    return Interview(
        interview_id=iid,
        title=title,
        title_char_start=title_span[0] if title_span else None,
        title_char_end=title_span[1] if title_span else None,
        intro=text[intro[0] : intro[1]] if intro else None,
        intro_char_start=intro[0] if intro else None,
        intro_char_end=intro[1] if intro else None,
        publisher=source.publisher,
        source_url=source.source_url,
        published=dt.date.fromisoformat(source.published) if source.published else None,
        language=source.language,
        interviewee_role=source.interviewee_role,
        interviewee=source.interviewee,
        interviewee_note=source.interviewee_note,
        interviewer=source.interviewer,
        source_path=str(PurePosixPath(source_path)),
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_encoding=source.encoding,
        n_intro_paragraphs=len(parsed.intros),
        n_questions=len(rows["questions"]),  # the rows of this interview only
        n_answers=len(rows["answers"]),
    )


def _turn_rows(source: InterviewSource, parsed: Transcript, rows) -> list[Segment]:
    """Question and answer rows; returns every quotable segment in text order."""
    iid, text = source.interview_id, parsed.text
    segments = []
    if parsed.title:
        segments.append(Segment("title", *parsed.title))
    if parsed.intros:
        segments.append(Segment("intro", parsed.intros[0][0], parsed.intros[-1][1]))
    n_q = sum(t.role == "question" for t in parsed.turns)
    n_a = len(parsed.turns) - n_q
    question_id = None
    seq = {"question": 0, "answer": 0}
    for turn in parsed.turns:
        seq[turn.role] += 1
        common = dict(
            label=turn.label,
            speaker=turn.speaker,
            label_char_start=turn.label_start,
            label_char_end=turn.label_end,
            text=text[turn.start : turn.end],
            char_start=turn.start,
            char_end=turn.end,
            n_paragraphs=turn.n_paragraphs,
            n_words=count_words(text[turn.start : turn.end]),
        )
        if turn.role == "question":
            question_id = _id(iid, "q", seq["question"], n_q)
            rows["questions"].append(Question(question_id, iid, seq["question"], **common))
            segments.append(Segment("question", turn.start, turn.end, question_id=question_id))
        else:
            answer_id = _id(iid, "a", seq["answer"], n_a)
            rows["answers"].append(Answer(answer_id, iid, question_id, seq["answer"], **common))
            segments.append(
                Segment(
                    "answer", turn.start, turn.end, question_id=question_id, answer_id=answer_id
                )
            )
    return segments


def _extract(
    iid, text, segments, finder: EntityFinder, candidates: CandidateFinder, rows
) -> list[Proposal]:
    """Entity mention and figure rows of one interview; returns its name proposals."""
    nlp = blank_english()
    docs: list[Doc] = [nlp(text[seg.start : seg.end]) for seg in segments]
    capitalised = set().union(*(capitalised_words(d) for s, d in zip(segments, docs, strict=True)
                                if s.role != "title"))  # fmt: skip
    mentions, figures, proposals = [], [], []
    for seg, doc in zip(segments, docs, strict=True):
        where = dict(
            interview_id=iid,
            role=seg.role,
            question_id=seg.question_id,
            answer_id=seg.answer_id,
        )
        matches = finder.find(doc, iid)
        known = [(m.start, m.end) for m in matches]
        proposed = []
        if seg.role != "title":
            proposed = candidates.find(doc, known, capitalised, intro=seg.role == "intro")
        for c in proposed:
            a = seg.start + c.start
            sent = doc.char_span(c.start, c.end, alignment_mode="expand").sent
            line, _ = line_and_column(text, a)
            proposals.append(
                Proposal(iid, a, seg.start + c.end, line, c.text, c.suggested_type,
                         sent.text.strip())
            )  # fmt: skip
        for m in matches:
            if any(c.start <= m.start and m.end <= c.end for c in proposed):
                continue  # part of a longer name the gazetteer lacks: "European ... Fund"
            a, b = seg.start + m.start, seg.start + m.end
            mentions.append((a, b, m, where))
        for f in find_figures(doc.text):
            sent = doc.char_span(f.start, f.end, alignment_mode="expand").sent
            s_text = sent.text
            s_start = seg.start + sent.start_char + (len(s_text) - len(s_text.lstrip()))
            s_end = seg.start + sent.start_char + len(s_text.rstrip())
            figures.append((seg.start + f.start, seg.start + f.end, f, where, s_start, s_end))
    for n, (a, b, m, where) in enumerate(mentions, start=1):
        rows["entity_mentions"].append(
            EntityMention(
                mention_id=_id(iid, "m", n, len(mentions), width=3),
                entity_id=m.entity_id,
                text=text[a:b],
                form=m.form,
                char_start=a,
                char_end=b,
                **where,
            )
        )
    for n, (a, b, f, where, s_start, s_end) in enumerate(figures, start=1):
        rows["figures"].append(
            FigureRow(
                figure_id=_id(iid, "f", n, len(figures), width=3),
                text=text[a:b],
                char_start=a,
                char_end=b,
                kind=f.kind,
                value=f.value,
                value_max=f.value_max,
                unit=f.unit,
                normalized=f.normalized,
                qualifier=f.qualifier,
                sentence=text[s_start:s_end],
                sentence_char_start=s_start,
                sentence_char_end=s_end,
                **where,
            )
        )
    return proposals
