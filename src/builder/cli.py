"""The ``builder`` command: a thin layer over :mod:`builder.build` and
:mod:`builder.validate`.

    builder build [FILE.txt] [--out DIR] [--encoding ENC] [--strict]
                  [--ner-model NAME | --no-ner]
    builder validate [DIR]
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
from builder.ner import DEFAULT_MODEL
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
    b.add_argument("--encoding", help="decode transcripts with this encoding (default utf-8)")
    b.add_argument(
        "--strict",
        action="store_true",
        help="fail when a transcript names something the gazetteer lacks",
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
    v.add_argument("dir", nargs="?", type=Path, default=ROOT, help="package folder")
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
            )
            counts = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
            print(f"built {summary.out}: {counts}")
            what = "published, listed" if args.ner_model else "proposed"
            print(
                f"{summary.n_candidates} name(s) the gazetteer lacks ({what} for review in "
                f"{summary.out / REVIEW_FILE})"
            )
            return 0
        if args.command == "docs":
            print("README.md updated" if update_readme() else "README.md is current")
            return 0
        failures = validate_package(args.dir.resolve())
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
