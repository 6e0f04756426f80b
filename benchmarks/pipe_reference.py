"""The reference for the default build's speed: the NER model's own ``nlp.pipe`` over
the same transcripts, in the same number of processes.

    python benchmarks/pipe_reference.py SOURCES_DIR [--jobs J] [--full]

Every transcript of the sources folder's manifest is read whole and cut into the model's
pieces (:func:`builder.ner.chunks`: lines of at most 20,000 characters, as the build
feeds it) and run through ``nlp.pipe(..., n_process=J)``. The pipeline is the one the
build runs (:func:`builder.ner.load_ner`: the model with only what its entity
recogniser needs), or with ``--full`` the whole installed model (tagger, parser,
lemmatizer too) as ``spacy.load`` gives it. ``bench.py`` times this script as it times a
build (wall and CPU seconds of the process and its children, imports and model loading
included in both), so the ratio of the two is the build's cost over the model's.
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

import spacy

from builder.ner import DEFAULT_MODEL, chunks, load_ner


def texts(sources: Path) -> list[str]:
    """The transcripts of a sources folder's manifest, in its order."""
    with (sources / "interviews.csv").open(encoding="utf-8", newline="") as f:
        paths = [row["path"] for row in csv.DictReader(f)]
    return [(sources / p).read_text(encoding="utf-8") for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="n_process")
    parser.add_argument("--full", action="store_true", help="the whole model, every component")
    args = parser.parse_args()
    nlp = spacy.load(DEFAULT_MODEL) if args.full else load_ner()
    pieces = [text[a:b] for text in texts(args.sources) for a, b in chunks(text)]
    n = sum(len(doc.ents) for doc in nlp.pipe(pieces, n_process=args.jobs))
    print(f"{len(pieces)} pieces, {n} entities ({', '.join(nlp.pipe_names)})")


if __name__ == "__main__":
    main()
