"""Write a complete package into an empty folder: read, parse, extract, tabulate,
write, describe. :mod:`builder.build` validates what this writes and publishes it;
:mod:`builder.drift` writes a fresh package to compare with a committed one.

``sources_dir`` is always passed in: the manifest and transcripts of a build from
sources, and for a one-file build the gazetteer and package metadata to use.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from builder.candidates import REVIEW_HEADER, Proposal, review_rows
from builder.entities import EntityFinder
from builder.errors import BuildError
from builder.metadata import write_documents
from builder.names import ModelEntities
from builder.ner import DEFAULT_MODEL
from builder.package import describe, write_schemas
from builder.schemas import TABLES
from builder.sources import (
    GazetteerEntry,
    InterviewSource,
    check_sources,
    read_gazetteer,
    read_manifest,
    read_package_metadata,
    source_for_file,
)
from builder.tables import Extractors, entity_rows
from builder.work import Context, Job, check_sizes, interview, run
from builder.writers import TableWriter, write_table

REVIEW_FILE = "review/entity-candidates.csv"


@dataclass(frozen=True)
class Assembled:
    """What :func:`assemble` wrote: rows per table, the names the gazetteer lacks
    (how many occurrences, and the first), and the transcripts in which no turns were
    recognised (published with their text as intro)."""

    rows: dict[str, int]
    n_candidates: int
    first_candidate: Proposal | None
    no_turns: tuple[Path, ...] = ()


def assemble(
    root: Path,
    *,
    sources_dir: Path,
    transcript: Path | None = None,
    encoding: str | None = None,
    ner_model: str | None = DEFAULT_MODEL,
    jobs: int | None = None,
    dask: str | None = None,
) -> Assembled:
    """Write a complete package into the empty folder ``root``, streaming: each
    interview's rows are appended to the files as its work (on ``jobs`` processes, or
    the Dask scheduler at ``dask``) finishes, in manifest order."""
    todo, gazetteer, metadata = _plan(transcript, encoding, sources_dir)
    writers = {table: TableWriter(root, table) for table in TABLES if table != "entities"}
    counts: Counter = Counter()
    found, speakers = ModelEntities(), set()
    interviews: list[dict] = []  # what the descriptor needs of each: a few short strings
    n_candidates, first = 0, None
    no_turns: list[Path] = []
    (root / REVIEW_FILE).parent.mkdir(parents=True, exist_ok=True)
    with (root / REVIEW_FILE).open("w", encoding="utf-8", newline="") as review_file:
        review = csv.writer(review_file, lineterminator="\r\n")
        review.writerow(REVIEW_HEADER)
        try:
            pieces = run(todo, Context(tuple(gazetteer), ner_model), n_jobs=jobs, dask=dask)
            for job, piece in zip(todo, pieces, strict=True):  # in the order of todo
                for table, chunk in piece.chunks.items():
                    writers[table].add(chunk)
                counts.update(piece.counts)
                found.update(piece.entities)
                speakers |= piece.speakers
                review.writerows(review_rows(piece.proposals))
                n_candidates += len(piece.proposals)
                first = first or next(iter(piece.proposals), None)
                interviews.append({k: piece.interview[k] for k in _DESCRIBED})
                if not piece.interview["n_questions"] and not piece.interview["n_answers"]:
                    no_turns.append(job.source.path)
        finally:
            with ExitStack() as stack:  # every writer closed, even after one fails
                for writer in writers.values():
                    stack.callback(writer.close)
    entities = entity_rows(gazetteer, counts, speakers, found)
    write_table(root, "entities", entities)
    write_schemas(root)
    if transcript is not None:
        (root / "sources").mkdir()
        shutil.copyfile(transcript, root / "sources" / transcript.name)
        first_row = interviews[0]
        metadata = {**metadata, "name": first_row["interview_id"], "title": first_row["title"]}
        metadata["description"] = f'The interview "{first_row["title"]}" as data.'
    else:
        shutil.copytree(sources_dir, root / "sources", symlinks=True)
    # describe
    descriptor = describe(root, metadata, interviews)
    write_documents(root, descriptor, interviews)
    rows = {table: writers[table].n_rows for table in writers}
    rows["entities"] = len(entities)
    return Assembled({t: rows[t] for t in TABLES}, n_candidates, first, tuple(no_turns))


#: The columns of an interview row that the descriptor uses.
_DESCRIBED = (
    "interview_id",
    "title",
    "publisher",
    "source_url",
    "published",
    "source_path",
    "source_encoding",
)


def extract(
    *,
    sources_dir: Path,
    transcript: Path | None = None,
    encoding: str | None = None,
    model: Language | None = None,
) -> tuple[dict[str, list[dict]], list[Proposal]]:
    """Every table's rows in memory, and the names for the review file, all in this
    process (for small inputs and tests; ``model`` is a loaded spaCy NER pipeline, None
    for the gazetteer and rule proposals only)."""
    todo, gazetteer, _ = _plan(transcript, encoding, sources_dir)
    check_sizes(todo)
    extractors = Extractors(gazetteer, EntityFinder(gazetteer), model)
    tables: dict[str, list[dict]] = {table: [] for table in TABLES}
    proposals: list[Proposal] = []
    counts: Counter = Counter()
    found, speakers = ModelEntities(), set()
    for job in todo:
        piece = interview(job, encoded=False, extractors=extractors)
        if piece.error is not None:
            raise piece.error
        for table, rows in piece.tables.items():
            tables[table] += rows
        counts.update(piece.counts)
        found.update(piece.entities)
        speakers |= piece.speakers
        proposals += piece.proposals
    tables["entities"] = entity_rows(gazetteer, counts, speakers, found)
    return tables, proposals


def _plan(
    transcript: Path | None, encoding: str | None, sources_dir: Path
) -> tuple[list[Job], list[GazetteerEntry], dict]:
    """Read and check the inputs: the interviews to process, the gazetteer and the
    package metadata."""
    if transcript is not None:
        if not transcript.is_file():
            raise BuildError("no such transcript file", transcript)
        interviews = [source_for_file(transcript, encoding or "utf-8")]
        gazetteer = read_gazetteer(sources_dir)
        metadata = read_package_metadata(sources_dir)
    else:
        interviews = read_manifest(sources_dir)  # clear messages for the commonest mistakes
        check_sources(sources_dir)  # then every constraint of the sources' Table Schemas
        if encoding:
            interviews = [replace(s, encoding=encoding) for s in interviews]
        gazetteer = read_gazetteer(sources_dir)
        metadata = read_package_metadata(sources_dir)
    todo = [Job(s, _package_path(s, transcript, sources_dir)) for s in interviews]
    return todo, gazetteer, metadata


def _package_path(source: InterviewSource, transcript: Path | None, sources_dir: Path) -> str:
    if transcript is not None:
        return f"sources/{transcript.name}"
    return "sources/" + source.path.relative_to(sources_dir.resolve()).as_posix()
