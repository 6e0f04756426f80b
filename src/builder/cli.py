"""The ``builder`` command: a thin layer over :mod:`builder.build` and
:mod:`builder.validate`.

    builder build [FILE.txt] [--out DIR] [--sources DIR] [--encoding ENC] [--strict]
                  [--ner-model NAME] [--jobs N | --dask ADDRESS]
    builder validate [DIR] [--frictionless]
    builder docs

Exit status: 0 on success, 1 when validation fails, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.build import REVIEW_FILE, build
from builder.docs import update_readme
from builder.errors import BuildError
from builder.schemas import ROOT
from builder.validate import validate_package


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="builder", description="Build and validate data packages of interview transcripts."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild the package from sources/ (or from one file)")
    b.add_argument("file", nargs="?", type=Path, help="a transcript to build on its own")
    b.add_argument("--out", type=Path, help="output folder (default: the repository)")
    b.add_argument(
        "--sources",
        type=Path,
        help="build from this sources folder (manifest, gazetteer) instead of sources/",
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
        help="fail when a transcript names something the gazetteer lacks",
    )
    b.add_argument(
        "--ner-model", help="an installed spaCy pipeline (name or path) to propose names too"
    )
    v = sub.add_parser("validate", help="run every check on a built package")
    v.add_argument("dir", nargs="?", type=Path, default=ROOT, help="package folder")
    v.add_argument(
        "--frictionless",
        action="store_true",
        help="also run frictionless on every resource (slow: for small packages)",
    )
    sub.add_parser("docs", help="regenerate the README's column reference from schemas/")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            if args.file is not None and args.out is None:
                print("error: building one file needs --out DIR", file=sys.stderr)
                return 2
            summary = build(
                args.out or ROOT,
                transcript=args.file,
                encoding=args.encoding,
                strict=args.strict,
                ner_model=args.ner_model,
                jobs=args.jobs,
                dask=args.dask,
                **({"sources_dir": args.sources.resolve()} if args.sources else {}),
            )
            counts = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
            print(f"built {summary.out}: {counts}")
            print(
                f"{summary.n_candidates} name(s) the gazetteer lacks: see "
                f"{summary.out / REVIEW_FILE}"
            )
            return 0
        if args.command == "docs":
            print("README.md updated" if update_readme() else "README.md is current")
            return 0
        failures = validate_package(args.dir.resolve(), frictionless=args.frictionless)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for failure in failures:
        print(f"FAIL {failure}")
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print(f"valid: {args.dir.resolve() / 'datapackage.json'}")
    return 0
