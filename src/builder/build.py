"""Build a package, top to bottom: read, parse, extract, tabulate, write, describe,
validate, publish.

A build first checks the output folder (not the sources, not a folder of someone
else's files), takes its lock, writes everything into a staging folder inside it,
validates it there, and only then publishes it over the old package, all or nothing
(:mod:`builder.publish`); a build that fails leaves the previous package untouched.
Nothing in a build depends on the clock or on the machine, so two builds from the same
sources are byte-identical.
"""

from __future__ import annotations

import csv
import filecmp
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from builder.candidates import REVIEW_HEADER, Proposal, review_rows
from builder.entities import EntityFinder
from builder.errors import BuildError
from builder.metadata import DOCUMENTS, write_documents
from builder.names import ModelEntities
from builder.ner import DEFAULT_MODEL, load_ner
from builder.package import describe, write_schemas
from builder.publish import (
    JOURNAL,
    MARKER,
    check_ownership,
    journal_pending,
    lock,
    publish,
    read_marker,
    recover,
    remove_staging,
    stage,
    sweep,
    write_marker,
)
from builder.schemas import ROOT, TABLES
from builder.sources import (
    SOURCES_DIR,
    GazetteerEntry,
    InterviewSource,
    check_links,
    check_sources,
    read_gazetteer,
    read_manifest,
    read_package_metadata,
    source_for_file,
)
from builder.tables import Extractors, entity_rows
from builder.validate import validate_package
from builder.work import Context, Job, check_sizes, interview, run
from builder.writers import TableWriter, write_table

#: What a build publishes into the repository itself (the schemas and sources there are
#: the inputs); a build into another folder also publishes copies of those.
#: The marker comes last: a folder holding it holds a complete package.
PUBLISHED_IN_REPO = ("datapackage.json", "data", "schemas/jsonl", "review", *DOCUMENTS, MARKER)
PUBLISHED_ELSEWHERE = (
    "datapackage.json",
    "data",
    "schemas",
    "review",
    "sources",
    *DOCUMENTS,
    MARKER,
)
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
    ner_model: str | None = DEFAULT_MODEL,
    jobs: int | None = None,
    dask: str | None = None,
) -> Summary:
    """Build the package into ``out`` and publish it there, all or nothing.

    ``out`` equal to the folder holding ``sources_dir`` is a build in place (the
    repository: only the generated entries are replaced); any other ``out`` gets a
    self-contained package. ``strict`` makes names the gazetteer lacks an error;
    ``ner_model`` names the installed spaCy pipeline that finds them (None: gazetteer
    and rule proposals only). Bad input, a folder the builder does not own, a second
    build at the same time and every read or write error raise :class:`BuildError`; see
    :mod:`builder.publish` for how the folder is owned, locked and replaced. The
    interviews are processed by ``jobs`` processes (default: every core), or on the Dask
    scheduler at address ``dask`` (:mod:`builder.work`).
    """
    out = out.resolve()
    in_place = transcript is None and out == sources_dir.resolve().parent
    entries = PUBLISHED_IN_REPO if in_place else PUBLISHED_ELSEWHERE
    try:
        check_out(out, transcript=transcript, sources_dir=sources_dir)
        check_ownership(out, entries, in_place=in_place)  # before writing anything
        if transcript is None:
            check_links(sources_dir)
        if ner_model:
            load_ner(ner_model)  # fail now, with one message, not in every worker
        out.mkdir(parents=True, exist_ok=True)
        with lock(out):
            recover(out)
            sweep(out)
            check_ownership(out, entries, in_place=in_place)
            staging = stage(out)
            try:
                rows, n_candidates = _stage(
                    staging,
                    entries,
                    strict,
                    transcript=transcript,
                    encoding=encoding,
                    sources_dir=sources_dir,
                    ner_model=ner_model,
                    jobs=jobs,
                    dask=dask,
                )
                publish(staging, out, entries)
            finally:
                if staging.exists() and not journal_pending(out):
                    remove_staging(staging)
    except OSError as err:
        raise _io_error(err, out) from None
    return Summary(out, rows, n_candidates)


def _stage(
    staging: Path, entries: tuple[str, ...], strict: bool, **options
) -> tuple[dict[str, int], int]:
    """Write the complete package into ``staging`` (``options`` as for :func:`assemble`)
    and validate it there."""
    done = assemble(staging, **options)
    if strict and done.first_candidate:
        first = done.first_candidate
        raise BuildError(
            f"{done.n_candidates} name(s) the gazetteer lacks, first {first.text!r}",
            first.interview_id,
            first.line,
            f"see {REVIEW_FILE} of a build without --strict; add them to "
            "sources/gazetteer.csv (or as aliases) and build again",
        )
    write_marker(staging, entries)
    failures = validate_package(staging, drift=False)
    if failures:
        raise BuildError(
            "the built package does not validate; nothing was replaced:\n  "
            + "\n  ".join(failures[:20])
        )
    return done.rows, done.n_candidates


def check_out(out: Path, *, transcript: Path | None, sources_dir: Path) -> None:
    """Refuse an output folder a build would damage: a file, the sources or a folder
    inside them, a folder holding the sources it would not build in place, and for a
    one-file build the transcript's folder (or one above it) or a repository."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise BuildError("--out is a file, not a folder", out, hint="give a new or empty folder")
    for folder in (out, *out.parents):
        if folder.name == "sources" and (folder / "interviews.csv").is_file():
            raise BuildError(
                f"--out is inside the sources folder {folder}",
                out,
                hint="build into a folder outside sources/",
            )
    if transcript is None:
        sources = sources_dir.resolve()
        if out.is_relative_to(sources):
            raise BuildError(
                f"--out is inside the sources folder {sources}",
                out,
                hint="build into a folder outside sources/",
            )
        if sources.is_relative_to(out) and out != sources.parent:
            raise BuildError(
                f"--out holds the sources folder {sources}",
                out,
                hint="build in place (no --out) or into a folder outside it",
            )
        return
    if not transcript.is_file():
        raise BuildError("no such transcript file", transcript)
    folder = transcript.resolve().parent
    if folder == out or folder.is_relative_to(out):
        raise BuildError(
            f"--out holds the transcript's own folder {folder}",
            out,
            hint="a build replaces data/, sources/, schemas/ and review/ there: "
            "give a new or empty folder",
        )
    if out == ROOT or (out / "sources" / "interviews.csv").is_file():
        raise BuildError(
            "--out is a repository (it has sources/interviews.csv); a one-file build would "
            "replace its package",
            out,
            hint="give a new or empty folder",
        )


def _io_error(err: OSError, out: Path) -> BuildError:
    """One line for a read or write error: the file (or the output folder), the reason,
    and what became of the package."""
    reason = err.strerror or " ".join(str(err).split()) or type(err).__name__
    where = err.filename if err.filename else out
    if (out / JOURNAL).exists():
        state = "the next build finishes publishing the new package"
    else:
        state = "the previous package is untouched"
    return BuildError(f"cannot read or write: {reason}", where, hint=state)


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
    (root / REVIEW_FILE).parent.mkdir(parents=True, exist_ok=True)
    with (root / REVIEW_FILE).open("w", encoding="utf-8", newline="") as review_file:
        review = csv.writer(review_file, lineterminator="\r\n")
        review.writerow(REVIEW_HEADER)
        try:
            for piece in run(todo, Context(tuple(gazetteer), ner_model), n_jobs=jobs, dask=dask):
                for table, chunk in piece.chunks.items():
                    writers[table].add(chunk)
                counts.update(piece.counts)
                found.update(piece.entities)
                speakers |= piece.speakers
                review.writerows(review_rows(piece.proposals))
                n_candidates += len(piece.proposals)
                first = first or next(iter(piece.proposals), None)
                interviews.append({k: piece.interview[k] for k in _DESCRIBED})
        finally:
            for writer in writers.values():
                writer.close()
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
    return Assembled({t: rows[t] for t in TABLES}, n_candidates, first)


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
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
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


def _package_path(source: InterviewSource, transcript: Path | None, sources_dir: Path) -> str:
    if transcript is not None:
        return f"sources/{transcript.name}"
    return "sources/" + source.path.relative_to(sources_dir.resolve()).as_posix()


def rebuild_matches(root: Path) -> list[str]:
    """Differences between the package at ``root`` and a fresh build of its sources."""
    marker = read_marker(root)
    if marker is not None:
        entries = (*marker["entries"], MARKER)
    else:
        entries = PUBLISHED_IN_REPO if root.resolve() == ROOT else PUBLISHED_ELSEWHERE
        # no marker: a package without the builder's own files, such as an unpacked
        # release; its curators' review file is not part of it either
        entries = tuple(e for e in entries if e not in (MARKER, "review"))
    with tempfile.TemporaryDirectory(prefix=".drift-") as tmp:
        fresh = Path(tmp)
        assemble(fresh, sources_dir=root / "sources")
        write_marker(fresh, entries)
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
