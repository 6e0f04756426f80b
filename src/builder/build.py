"""Build a package and publish it: check the output folder, assemble the package
(:mod:`builder.assemble`), validate it, publish it.

A build first checks the output folder (not the sources, not a folder of someone
else's files), takes its lock, writes everything into a staging folder inside it,
validates it there, and only then publishes it over the old package, all or nothing
(:mod:`builder.publish`); a build that fails leaves the previous package untouched.
Nothing in a build depends on the clock or on the machine, so two builds from the same
sources are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.assemble import REVIEW_FILE, Assembled, assemble
from builder.errors import BuildError
from builder.ner import DEFAULT_MODEL, load_ner
from builder.publish import (
    JOURNAL,
    PUBLISHED_ELSEWHERE,
    PUBLISHED_IN_REPO,
    check_ownership,
    journal_pending,
    lock,
    publish,
    recover,
    remove_staging,
    stage,
    sweep,
    write_marker,
)
from builder.sources import check_links
from builder.transcript import no_turns_error
from builder.validate import validate_package


@dataclass(frozen=True)
class Summary:
    """What a build produced: rows per table, names proposed for the gazetteer, and the
    transcripts in which no turns were recognised."""

    out: Path
    rows: dict[str, int]
    n_candidates: int
    no_turns: tuple[Path, ...] = ()


def build(
    out: Path,
    *,
    sources_dir: Path,
    in_place: bool = False,
    transcript: Path | None = None,
    encoding: str | None = None,
    strict: bool = False,
    ner_model: str | None = DEFAULT_MODEL,
    jobs: int | None = None,
    dask: str | None = None,
) -> Summary:
    """Build the package into ``out`` and publish it there, all or nothing.

    ``in_place`` builds the repository ``out`` from its own ``sources_dir``
    (``out/sources``): only the generated entries are replaced. Otherwise ``out`` gets a
    self-contained package, built from the manifest in ``sources_dir`` or, with
    ``transcript``, from that one file with the gazetteer and metadata of
    ``sources_dir``. ``strict`` makes names the gazetteer lacks, and a transcript with
    no recognisable turns, an error;
    ``ner_model`` names the installed spaCy pipeline that finds them (None: gazetteer
    and rule proposals only). Bad input, a folder the builder does not own, a second
    build at the same time and every read or write error raise :class:`BuildError`; see
    :mod:`builder.publish` for how the folder is owned, locked and replaced. The
    interviews are processed by ``jobs`` processes (default: every core), or on the Dask
    scheduler at address ``dask`` (:mod:`builder.work`).
    """
    out = out.resolve()
    if in_place and (transcript is not None or sources_dir.resolve() != out / "sources"):
        raise BuildError(
            "a build in place builds a repository from its own sources/",
            out,
            hint="build a transcript or other sources into another folder",
        )
    entries = PUBLISHED_IN_REPO if in_place else PUBLISHED_ELSEWHERE
    try:
        check_out(out, transcript=transcript, sources_dir=sources_dir, in_place=in_place)
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
            staging: Path | None = None
            try:
                staging = stage(out)  # inside the try: a signal now still cleans it up
                done = _stage(
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
                if staging is not None and staging.exists() and not journal_pending(out):
                    remove_staging(staging)
    except OSError as err:
        raise _io_error(err, out) from None
    return Summary(out, done.rows, done.n_candidates, done.no_turns)


def _stage(staging: Path, entries: tuple[str, ...], strict: bool, **options) -> Assembled:
    """Write the complete package into ``staging`` (``options`` as for :func:`assemble`)
    and validate it there."""
    done = assemble(staging, **options)
    if strict and done.no_turns:
        raise no_turns_error(done.no_turns[0])
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
    return done


def check_out(
    out: Path, *, transcript: Path | None, sources_dir: Path, in_place: bool = False
) -> None:
    """Refuse an output folder a build would damage: a file, the sources or a folder
    inside them, a folder holding the sources unless the build is ``in_place``, and for
    a one-file build the transcript's folder (or one above it) or a repository."""
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
        if sources.is_relative_to(out) and not in_place:
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
    if (out / "sources" / "interviews.csv").is_file():
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
