"""Precision and recall of entities and figures against hand annotations.

The annotations in ``fixtures/annotations.json`` were written by hand for the short
interviews in ``fixtures/`` (other domains than the seed). Run ``python tests/quality.py``
to print the measured figures; ``test_quality.py`` asserts floors under them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from builder.assemble import extract
from builder.ner import load_ner
from builder.transcript import read_text
from repo import SOURCES

FIXTURES = Path(__file__).parent / "fixtures"
ANNOTATIONS = json.loads((FIXTURES / "annotations.json").read_text(encoding="utf-8"))


@dataclass
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


def _label_spans(tables) -> set[int]:
    chars = set()
    for table in ("questions", "answers"):
        for row in tables[table]:
            if row["label_char_start"] is not None:
                chars.update(range(row["label_char_start"], row["label_char_end"]))
    return chars


def entity_scores(name: str, ner: bool = True) -> tuple[Score, Score]:
    """(span score, span-and-type score) of the published mentions (with ``ner``, the
    default build) or of gazetteer mentions plus rule proposals (``--no-ner``)."""
    path = FIXTURES / name
    text = read_text(path)
    tables, proposals = extract(
        transcript=path, model=load_ner() if ner else None, sources_dir=SOURCES
    )
    types = {e["entity_id"]: e["type"] for e in tables["entities"]}
    predicted = {(m["char_start"], m["char_end"]): types[m["entity_id"]]
                 for m in tables["entity_mentions"]}  # fmt: skip
    if not ner:
        predicted.update({(p.start, p.end): p.suggested_type for p in proposals})
    labels = _label_spans(tables)
    gold = {}
    for span_text, kind in ANNOTATIONS[name]["entities"]:
        for m in re.finditer(rf"(?<!\w){re.escape(span_text)}(?!\w)", text):
            if m.start() not in labels:
                gold[(m.start(), m.end())] = kind
    # A name inside a longer gold name ("Lagos" in "Lagos State Government") is no mention.
    gold = {k: v for k, v in gold.items()
            if not any(a <= k[0] and k[1] <= b and (a, b) != k for a, b in gold)}  # fmt: skip
    hits = predicted.keys() & gold.keys()
    typed = sum(predicted[k] == gold[k] for k in hits)
    return Score(len(hits), len(predicted), len(gold)), Score(typed, len(predicted), len(gold))


def figure_score(name: str) -> Score:
    """A figure counts when its span, kind and normalized value are all right."""
    path = FIXTURES / name
    text = read_text(path)
    tables, _ = extract(transcript=path, sources_dir=SOURCES)
    predicted = {(f["char_start"], f["char_end"], f["kind"], f["normalized"])
                 for f in tables["figures"]}  # fmt: skip
    gold, pos = set(), 0
    for span_text, kind, normalized in ANNOTATIONS[name]["figures"]:
        start = text.index(span_text, pos)
        gold.add((start, start + len(span_text), kind, normalized))
        pos = start + 1
    return Score(len(predicted & gold), len(predicted), len(gold))


def main(ner: bool = True) -> None:
    total_spans = total_typed = total_figures = Score(0, 0, 0)
    for name in ANNOTATIONS:
        spans, typed = entity_scores(name, ner)
        figures = figure_score(name)
        total_spans, total_typed = total_spans + spans, total_typed + typed
        total_figures += figures
        print(
            f"{name}: entities P {spans.precision:.2f} R {spans.recall:.2f} "
            f"(typed R {typed.recall:.2f}); figures P {figures.precision:.2f} "
            f"R {figures.recall:.2f}"
        )
    print(
        f"all: entities P {total_spans.precision:.3f} R {total_spans.recall:.3f} "
        f"typed R {total_typed.recall:.3f} ({total_spans.gold} gold spans); "
        f"figures P {total_figures.precision:.3f} R {total_figures.recall:.3f} "
        f"({total_figures.gold} gold figures)"
    )


if __name__ == "__main__":
    import sys

    main(ner="--no-ner" not in sys.argv)
