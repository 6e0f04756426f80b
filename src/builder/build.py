"""Build a package, top to bottom: read, parse, extract, tabulate, write, describe,
validate, publish.

A build writes everything into a temporary folder inside the output folder, validates
it there, and only then moves the new files over the old ones; a build that fails
leaves the previous package untouched. Nothing in a build depends on the clock or on
the machine, so two builds from the same sources are byte-identical.
"""

from __future__ import annotations

import csv
import filecmp
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from builder.candidates import REVIEW_HEADER, CandidateFinder, Proposal, load_model, review_rows
from builder.entities import EntityFinder
from builder.errors import BuildError
from builder.package import describe, write_schemas
from builder.schemas import ROOT, TABLES
from builder.sources import (
    SOURCES_DIR,
    GazetteerEntry,
    InterviewSource,
    check_sources,
    read_gazetteer,
    read_manifest,
    read_package_metadata,
    source_for_file,
)
from builder.tables import entity_rows
from builder.validate import validate_package
from builder.work import Context, Job, check_sizes, interview, run
from builder.writers import TableWriter, write_table

#: What a build publishes into the repository itself (the schemas and sources there are
#: the inputs); a build into another folder also publishes copies of those.
PUBLISHED_IN_REPO = ("datapackage.json", "data", "schemas/jsonl", "review")
PUBLISHED_ELSEWHERE = ("datapackage.json", "data", "schemas", "review", "sources")
REVIEW_FILE = "review/entity-candidates.csv"


@dataclass(frozen=True)
class Summary:
    """What a build produced: rows per table, and names proposed for the gazetteer."""

    out: Path
    rows: dict[str, int]
    n_candidates: int


def build(
    out: Path = ROOT,
    *,
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    strict: bool = False,
    ner_model: str | None = None,
    jobs: int | None = None,
    dask: str | None = None,
) -> Summary:
    """Build the package into ``out`` (the repository by default) and validate it.

    ``strict`` makes names the gazetteer lacks an error; ``ner_model`` names an
    installed spaCy pipeline whose entities are added to those proposals. The
    interviews are processed by ``jobs`` processes (default: every core), or on the
    Dask scheduler at address ``dask``.
    """
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        if ner_model:
            load_model(ner_model)  # fail now, not in every worker
        done = assemble(
            tmp,
            transcript=transcript,
            encoding=encoding,
            sources_dir=sources_dir,
            ner_model=ner_model,
            jobs=jobs,
            dask=dask,
        )
        if strict and done.first_candidate:
            first = done.first_candidate
            raise BuildError(
                f"{done.n_candidates} name(s) the gazetteer lacks, first {first.text!r}",
                first.interview_id,
                first.line,
                f"see {REVIEW_FILE} of a build without --strict; add them to "
                "sources/gazetteer.csv (or as aliases) and build again",
            )
        failures = validate_package(tmp, drift=False)
        if failures:
            raise BuildError(
                "the built package does not validate; nothing was replaced:\n  "
                + "\n  ".join(failures[:20])
            )
        _publish(tmp, out, PUBLISHED_IN_REPO if out == ROOT else PUBLISHED_ELSEWHERE)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Summary(out, done.rows, done.n_candidates)


@dataclass(frozen=True)
class Assembled:
    """What :func:`assemble` wrote: rows per table, and the names the gazetteer lacks
    (how many occurrences, and the first)."""

    rows: dict[str, int]
    n_candidates: int
    first_candidate: Proposal | None


def assemble(
    root: Path,
    *,
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    ner_model: str | None = None,
    jobs: int | None = None,
    dask: str | None = None,
) -> Assembled:
    """Write a complete package into the empty folder ``root``, streaming: each
    interview's rows are appended to the files as its work (on ``jobs`` processes, or
    the Dask scheduler at ``dask``) finishes, in manifest order."""
    todo, gazetteer, metadata = _plan(transcript, encoding, sources_dir)
    writers = {table: TableWriter(root, table) for table in TABLES if table != "entities"}
    counts: Counter = Counter()
    interviews: list[dict] = []  # what the descriptor needs of each: a few short strings
    n_candidates, first = 0, None
    (root / REVIEW_FILE).parent.mkdir(parents=True, exist_ok=True)
    with (root / REVIEW_FILE).open("w", encoding="utf-8", newline="") as review_file:
        review = csv.writer(review_file, lineterminator="\r\n")
        review.writerow(REVIEW_HEADER)
        try:
            for piece in run(todo, Context(tuple(gazetteer), ner_model), n_jobs=jobs, dask=dask):
                for table, chunk in piece.chunks.items():
                    writers[table].add(chunk)
                counts.update(piece.counts)
                review.writerows(review_rows(piece.proposals))
                n_candidates += len(piece.proposals)
                first = first or next(iter(piece.proposals), None)
                interviews.append({k: piece.interview[k] for k in _DESCRIBED})
        finally:
            for writer in writers.values():
                writer.close()
    entities = entity_rows(gazetteer, counts)
    write_table(root, "entities", entities)
    write_schemas(root)
    if transcript is not None:
        (root / "sources").mkdir()
        shutil.copyfile(transcript, root / "sources" / transcript.name)
        first_row = interviews[0]
        metadata = {**metadata, "name": first_row["interview_id"], "title": first_row["title"]}
        metadata["description"] = f'The interview "{first_row["title"]}" as data.'
    else:
        shutil.copytree(sources_dir, root / "sources")
    # describe
    describe(root, metadata, interviews)
    rows = {table: writers[table].n_rows for table in writers}
    rows["entities"] = len(entities)
    return Assembled({t: rows[t] for t in TABLES}, n_candidates, first)


#: The columns of an interview row that the descriptor uses.
_DESCRIBED = ("interview_id", "title", "publisher", "source_url")


def extract(
    *,
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    model=None,
) -> tuple[dict[str, list[dict]], list[Proposal]]:
    """Every table's rows in memory, and the name proposals, all in this process (for
    small inputs and tests; ``model`` is a loaded spaCy NER pipeline)."""
    todo, gazetteer, _ = _plan(transcript, encoding, sources_dir)
    check_sizes(todo)
    finders = EntityFinder(gazetteer), CandidateFinder(model)
    tables: dict[str, list[dict]] = {table: [] for table in TABLES}
    proposals: list[Proposal] = []
    counts: Counter = Counter()
    for job in todo:
        piece = interview(job, encoded=False, finders=finders)
        if piece.error is not None:
            raise piece.error
        for table, rows in piece.tables.items():
            tables[table] += rows
        counts.update(piece.counts)
        proposals += piece.proposals
    tables["entities"] = entity_rows(gazetteer, counts)
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
        gazetteer = read_gazetteer(SOURCES_DIR)
        metadata = read_package_metadata(SOURCES_DIR)
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


def _publish(tmp: Path, out: Path, entries: tuple[str, ...]) -> None:
    """Move the built entries over the old ones."""
    trash = tmp / ".old"
    trash.mkdir()
    for n, entry in enumerate(entries):
        new, old = tmp / entry, out / entry
        if old.exists():
            old.rename(trash / str(n))
        old.parent.mkdir(parents=True, exist_ok=True)
        new.rename(old)


def rebuild_matches(root: Path) -> list[str]:
    """Differences between the package at ``root`` and a fresh build of its sources."""
    entries = PUBLISHED_IN_REPO if root.resolve() == ROOT else PUBLISHED_ELSEWHERE
    with tempfile.TemporaryDirectory(prefix=".drift-") as tmp:
        fresh = Path(tmp)
        assemble(fresh, sources_dir=root / "sources")
        out = []
        for entry in entries:
            if entry == "sources":
                continue
            out += _differences(fresh / entry, root / entry, entry)
        return out


def _differences(fresh: Path, committed: Path, name: str) -> list[str]:
    if fresh.is_file():
        if not committed.is_file() or not filecmp.cmp(fresh, committed, shallow=False):
            return [f"{name}: differs from a fresh build (run `builder build`)"]
        return []
    new = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    old = {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()}
    out = [f"{name}/{p}: not produced by a fresh build" for p in sorted(old - new)]
    for p in sorted(new):
        out += _differences(fresh / p, committed / p, f"{name}/{p}")
    return out
