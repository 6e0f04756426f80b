"""How well quantulum3 finds and reads the hand-annotated figures, as a baseline for our
rules (src/builder/figures.py). Not a dependency: run it by hand in an environment with
quantulum3 installed, from the repository root:

    pip install quantulum3 && python benchmarks/quantulum3_baseline.py

Measured on 2026-11-28 with quantulum3 0.10.0 over 101 figures (the first interview's
20, counted by hand, and those of tests/fixtures/annotations.json): exact span 0.36,
exact span and right value 0.23.
"""

import json
from pathlib import Path

from quantulum3 import parser

FIXTURES = Path("tests/fixtures")
# The first interview's figures, read by hand from the transcript: (text, normalized).
SEED = [
    ("nine years", "P9Y"), ("two countries", "2"), ("two sides", "2"), ("two sides", "2"),
    ("August 2018", "2018-08"), ("more than 20 years", "P20Y"), ("20 years", "P20Y"),
    ("five littoral states", "5"), ("two countries", "2"), ("early September", "--09"),
    ("100 times", "100"), ("$2.6 billion", "2600000000"), ("five roadmaps", "5"),
    ("the end of 2018", "2018"), ("early in 2019", "2019"), ("almost 32 percent", "32"),
    ("2017", "2017"), ("The fifth roadmap", "5"), ("two countries", "2"),
    ("two countries", "2"),
]  # fmt: skip


def main() -> None:
    annotations = json.loads((FIXTURES / "annotations.json").read_text(encoding="utf-8"))
    seed = Path("sources/cooperation-gains-momentum.txt").read_text(encoding="utf-8")
    cases = [(seed, SEED)]
    for name, a in annotations.items():
        text = (FIXTURES / name).read_bytes().decode("utf-8-sig")
        cases.append((text, [(t, n) for t, _, n in a["figures"]]))
    gold = spans = values = 0
    for text, figures in cases:
        found = {q.span: q for q in parser.parse(text)}
        pos = 0
        for span_text, normalized in figures:
            start = text.index(span_text, pos)
            pos = start + 1
            gold += 1
            q = found.get((start, start + len(span_text)))
            spans += q is not None
            try:
                values += q is not None and abs(q.value - float(normalized)) < 1e-9
            except (TypeError, ValueError):
                pass  # a date or duration: quantulum3 has no such value
    print(f"{gold} figures: exact span {spans / gold:.2f}, span and value {values / gold:.2f}")


if __name__ == "__main__":
    main()
