"""The ``builder`` command: a thin layer over :mod:`builder.build` and
:mod:`builder.validate`.

The paths are worked out here, once, and passed to the library: the package repository
is ``--root`` or else the one the current directory is in (the nearest folder upward
holding ``sources/interviews.csv``). Without ``--out`` a build builds that repository in
place and says which; the full reference is ``docs/cli.md`` (``builder docs`` writes it
from this parser).

Exit status: 0 on success, 1 when validation fails, 2 on bad input or any other error
(always one line, never a traceback), 130 and 143 when interrupted by SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.assemble import REVIEW_FILE
from builder.build import build
from builder.docs import update_docs
from builder.errors import BuildError
from builder.expand import expand
from builder.ner import DEFAULT_MODEL
from builder.publish import MARKER, journal_pending, lock, recover
from builder.release import make_release
from builder.site import build_site
from builder.transcript import no_turns_error
from builder.validate import validate_package

_ROOT_HELP = (
    "the package repository (default: the one you stand in, the nearest folder upward "
    "holding sources/interviews.csv)"
)


def make_parser() -> argparse.ArgumentParser:
    """The command line parser of ``builder`` (``docs/cli.md`` is generated from it)."""
    parser = argparse.ArgumentParser(
        prog="builder", description="Build and validate data packages of interview transcripts."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild the package from sources/ (or from one file)")
    b.add_argument("file", nargs="?", type=Path, help="a transcript to build on its own")
    b.add_argument("--root", type=Path, help=_ROOT_HELP)
    b.add_argument(
        "--out",
        type=Path,
        help="output folder (default: build the repository in place)",
    )
    b.add_argument(
        "--sources",
        type=Path,
        help="build from this sources folder (manifest, gazetteer) instead of ROOT/sources "
        "(for one file: take the gazetteer and metadata from it)",
    )
    b.add_argument(
        "--jobs", type=int, help="processes for the per-interview work (default: every core)"
    )
    b.add_argument(
        "--dask", metavar="ADDRESS", help="run the per-interview work on this Dask scheduler"
    )
    b.add_argument("--encoding", help="decode transcripts with this encoding (default utf-8)")
    b.add_argument(
        "--strict",
        action="store_true",
        help="fail when a transcript names something the gazetteer lacks, or has no "
        "recognisable question/answer turns",
    )
    ner = b.add_mutually_exclusive_group()
    ner.add_argument(
        "--ner-model",
        default=DEFAULT_MODEL,
        help=f"the installed spaCy pipeline (name or path) that finds names the gazetteer "
        f"lacks (default: {DEFAULT_MODEL}, pinned)",
    )
    ner.add_argument(
        "--no-ner",
        dest="ner_model",
        action="store_const",
        const=None,
        help="no NER model: publish gazetteer names only, propose others for review",
    )
    v = sub.add_parser("validate", help="run every check on a built package")
    v.add_argument(
        "dir", nargs="?", type=Path, help="package folder (default: the one you stand in)"
    )
    v.add_argument(
        "--frictionless",
        action="store_true",
        help="also run frictionless on every resource (slow: for small packages)",
    )
    d = sub.add_parser(
        "docs",
        help="regenerate the README's card facts and column reference, docs/cli.md and "
        "docs/checks.md",
    )
    d.add_argument("--root", type=Path, help=_ROOT_HELP)
    e = sub.add_parser(
        "schemas", help="write the shared fields of schemas/fields.json into every table schema"
    )
    e.add_argument("--root", type=Path, help=_ROOT_HELP)
    s = sub.add_parser("site", help="write a static site (index and transcript pages)")
    s.add_argument(
        "dir", nargs="?", type=Path, help="package folder (default: the one you stand in)"
    )
    s.add_argument("--out", type=Path, help="output folder (default: PACKAGE/site)")
    r = sub.add_parser(
        "release", help="write the release archive <name>-<version>.zip and SHA256SUMS"
    )
    r.add_argument(
        "dir", nargs="?", type=Path, help="package folder (default: the one you stand in)"
    )
    r.add_argument("--out", type=Path, help="output folder (default: PACKAGE/dist)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``builder`` with ``argv`` (default: the process's arguments); the exit status."""
    args = make_parser().parse_args(argv)
    with _sigterm_raises():
        try:
            if args.command == "build":
                return _build(args)
            if args.command == "docs":
                root = args.root or find_package(Path.cwd())
                changed = update_docs(root, make_parser())
                print(f"updated {', '.join(changed)}" if changed else "the docs are current")
                return 0
            if args.command == "schemas":
                schemas = expand(args.root or find_package(Path.cwd()))
                print(f"updated {len(schemas)} table schema(s)" if schemas else "schemas current")
                return 0
            if args.command == "site":
                root = (args.dir or _package_here(Path.cwd())).resolve()
                site = build_site(root, args.out or root / "site")
                print(f"wrote {len(site.files)} files to {site.out}")
                return 0
            if args.command == "release":
                root = (args.dir or _package_here(Path.cwd())).resolve()
                done = make_release(root, args.out or root / "dist")
                print(f"wrote {done.archive} ({len(done.members)} files) and {done.sums}")
                return 0
            return _validate(args.dir, frictionless=args.frictionless)
        except BuildError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        except (KeyboardInterrupt, _Terminated) as err:
            name = "SIGTERM" if isinstance(err, _Terminated) else "SIGINT"
            print(
                f"error: interrupted by {name}; no half-written package or temporary "
                "folder is left",
                file=sys.stderr,
            )
            return 143 if name == "SIGTERM" else 130
        except Exception as err:  # the last resort: one line, never a traceback
            print(f"error: {type(err).__name__}: {_one_line(err)}", file=sys.stderr)
            return 2


def _build(args: argparse.Namespace) -> int:
    if args.file is not None or args.sources is not None:
        if args.out is None:
            what = "one file" if args.file is not None else "from --sources"
            print(f"error: building {what} needs --out DIR", file=sys.stderr)
            return 2
        sources = args.sources or (args.root or find_package(Path.cwd())) / "sources"
        out, sources_dir, in_place = args.out, sources.resolve(), False
    else:
        root = (args.root or find_package(Path.cwd())).resolve()
        out, sources_dir, in_place = args.out or root, root / "sources", args.out is None
        print(f"package: {root} (sources/interviews.csv)")
    summary = build(
        out,
        sources_dir=sources_dir,
        in_place=in_place,
        transcript=args.file,
        encoding=args.encoding,
        strict=args.strict,
        ner_model=args.ner_model,
        jobs=args.jobs,
        dask=args.dask,
    )
    counts = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
    print(f"built {summary.out}: {counts}")
    what = "published, listed" if args.ner_model else "proposed"
    print(
        f"{summary.n_candidates} name(s) the gazetteer lacks ({what} for review in "
        f"{summary.out / REVIEW_FILE})"
    )
    for path in summary.no_turns:
        err = no_turns_error(path)
        print(
            f"warning: {err.path}:{err.line}: {err.message}: its text is published as the "
            f"intro, with no questions or answers ({err.hint}; --strict refuses it)",
            file=sys.stderr,
        )
    return 0


def _validate(folder: Path | None, *, frictionless: bool = False) -> int:
    root = (folder or _package_here(Path.cwd())).resolve()
    try:
        if root.is_dir() and journal_pending(root):
            with lock(root):
                if recover(root):
                    print(f"finished the interrupted publish in {root}")
        failures = validate_package(root, frictionless=frictionless)
    except BuildError as err:
        failures = [str(err)]
    except OSError as err:
        failures = [f"{err.filename or root}: {err.strerror or _one_line(err)}"]
    for failure in failures:
        print(f"FAIL {failure}")
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print(f"valid: {root / 'datapackage.json'}")
    return 0


def find_package(start: Path) -> Path:
    """The package repository one stands in: the nearest folder, from ``start`` up,
    holding ``sources/interviews.csv``."""
    for folder in (start, *start.parents):
        if (folder / "sources" / "interviews.csv").is_file():
            return folder
    raise BuildError(
        "no sources/interviews.csv here or in a folder above",
        start,
        hint="run the builder inside a package repository, or name one with --root DIR",
    )


def _package_here(start: Path) -> Path:
    """The package ``builder validate`` checks by default: the nearest folder, from
    ``start`` up, holding a package the builder wrote (else a repository, else ``start``)."""
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    try:
        return find_package(start)
    except BuildError:
        return start


class _Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C so that a build cleans up as it unwinds."""


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(_signum, _frame):
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or "(no message)"
