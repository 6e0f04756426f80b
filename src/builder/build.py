"""Build a package, top to bottom: read, parse, extract, tabulate, write, describe,
validate, publish.

A build writes everything into a temporary folder inside the output folder, validates
it there, and only then moves the new files over the old ones; a build that fails
leaves the previous package untouched. Nothing in a build depends on the clock or on
the machine, so two builds from the same sources are byte-identical.
"""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from builder.candidates import Proposal, write_review
from builder.errors import BuildError
from builder.ner import DEFAULT_MODEL, load_ner
from builder.package import describe, write_schemas
from builder.schemas import ROOT, TABLES
from builder.sources import (
    SOURCES_DIR,
    InterviewSource,
    check_sources,
    read_gazetteer,
    read_manifest,
    read_package_metadata,
    source_for_file,
)
from builder.tables import tabulate
from builder.transcript import parse, read_text
from builder.validate import validate_package
from builder.writers import write_table

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
    ner_model: str | None = DEFAULT_MODEL,
) -> Summary:
    """Build the package into ``out`` (the repository by default) and validate it.

    ``strict`` makes names the gazetteer lacks an error; ``ner_model`` names the
    installed spaCy pipeline that finds them (None: gazetteer and rule proposals only).
    """
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        model = load_ner(ner_model) if ner_model else None
        rows, proposals = assemble(
            tmp, transcript=transcript, encoding=encoding, sources_dir=sources_dir, model=model
        )
        if strict and proposals:
            first = proposals[0]
            raise BuildError(
                f"{len(proposals)} name(s) the gazetteer lacks, first {first.text!r}",
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
    return Summary(out, rows, len(proposals))


def assemble(
    root: Path,
    *,
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    model: Language | None = None,
) -> tuple[dict[str, int], list[Proposal]]:
    """Write a complete package into the empty folder ``root``.

    Returns the rows per table and the names proposed for the gazetteer.
    """
    tables, proposals = extract(
        transcript=transcript, encoding=encoding, sources_dir=sources_dir, model=model
    )
    # write
    for table in TABLES:
        write_table(root, table, tables[table])
    write_schemas(root)
    write_review(root / REVIEW_FILE, proposals)
    metadata = read_package_metadata(SOURCES_DIR if transcript is not None else sources_dir)
    if transcript is not None:
        (root / "sources").mkdir()
        shutil.copyfile(transcript, root / "sources" / transcript.name)
        first = tables["interviews"][0]
        metadata = {**metadata, "name": first["interview_id"], "title": first["title"]}
        metadata["description"] = f'The interview "{first["title"]}" as data.'
    else:
        shutil.copytree(sources_dir, root / "sources")
    # describe
    describe(root, metadata, tables["interviews"])
    return {table: len(rows) for table, rows in tables.items()}, proposals


def extract(
    *,
    transcript: Path | None = None,
    encoding: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    model: Language | None = None,
) -> tuple[dict[str, list[dict]], list[Proposal]]:
    """Read, parse, extract and tabulate: every table's rows, and the names for the
    review file. ``model`` is the NER pipeline (None: gazetteer and rules only)."""
    # read
    if transcript is not None:
        if not transcript.is_file():
            raise BuildError("no such transcript file", transcript)
        interviews = [source_for_file(transcript, encoding or "utf-8")]
        gazetteer = read_gazetteer(SOURCES_DIR)
    else:
        interviews = read_manifest(sources_dir)  # clear messages for the commonest mistakes
        check_sources(sources_dir)  # then every constraint of the sources' Table Schemas
        if encoding:
            interviews = [replace(s, encoding=encoding) for s in interviews]
        gazetteer = read_gazetteer(sources_dir)
    # parse
    parsed = []
    for source in interviews:
        raw = source.path.read_bytes()
        text = read_text(source.path, source.encoding)
        turns = parse(text, source.path, source.title, source.interviewer_speaker)
        package_path = _package_path(source, transcript, sources_dir)
        parsed.append((source, package_path, raw, turns))
    # extract and tabulate
    return tabulate(parsed, gazetteer, model)


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
        assemble(fresh, sources_dir=root / "sources", model=load_ner(DEFAULT_MODEL))
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
