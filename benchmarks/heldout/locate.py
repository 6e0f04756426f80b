"""Turn a hand-written annotation (mentions listed in text order) into offsets.

The annotator reads a held-out text and writes, in reading order, every entity
mention as ``(surface, TYPE)`` and every figure as ``(surface, kind, value,
value_max, unit, normalized, qualifier)``, plus one ``(label, role, person)``
per turn. This module only finds where each listed surface sits: the next
whole-word occurrence after the previous one of the same list, skipping
speaker labels (``LABEL:`` at a line start or after a run of spaces) and the
lines marked as page furniture. It
decides nothing about what is a mention; that is the annotator's job.

It also prints, for the annotator to review, every surface that occurs more
often in the text (outside labels) than it was listed, so repeated mentions
are not forgotten. Written by hand because it is a few lines of bookkeeping
over ``str.find`` that no library does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
ANNOTATIONS = HERE / "annotations"


def read(text_id: str) -> str:
    """The text as the builder sees it: UTF-8, a leading BOM dropped."""
    raw = (TEXTS / f"{text_id}.txt").read_bytes().decode("utf-8")
    return raw[1:] if raw.startswith("\ufeff") else raw


def label_spans(text: str, labels: list[str]) -> list[tuple[int, int]]:
    """Spans of speaker labels (with their colon) that open a turn."""
    spans = []
    for label in {lab for lab in labels if lab}:
        pattern = r"(?:^|(?<=\s\s)|(?<=\n))[ \t]*(" + re.escape(label) + r")[ \t]*:"
        for m in re.finditer(pattern, text, flags=re.MULTILINE):
            spans.append((m.start(1), m.end()))
    return sorted(spans)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def occurrences(
    text: str, surface: str, skip: list[tuple[int, int]], loose: bool = False
) -> list[int]:
    out, i = [], text.find(surface)
    while i >= 0:
        j = i + len(surface)
        inside = any(a <= i and j <= b for a, b in skip)
        if (loose or _bounded(text, i, j)) and not inside:
            out.append(i)
        i = text.find(surface, i + 1)
    return out


def place(text: str, surfaces: list[str], skip: list[tuple[int, int]]) -> list[int]:
    """Start offset of each listed surface, in order.

    A surface written with a leading ``~`` may touch letters on either side (a
    name run together with the word before it on the page, ``MsNguyen``).
    """
    starts, cursor = [], 0
    for i, surface in enumerate(surfaces):
        loose = surface.startswith("~")
        surface = surface[1:] if loose else surface
        surfaces[i] = surface
        found = [i for i in occurrences(text, surface, skip, loose) if i >= cursor]
        if not found:
            raise SystemExit(f"not found after {cursor}: {surface!r}")
        starts.append(found[0])
        cursor = found[0] + len(surface)
    return starts


def furniture_span(text: str, item: str | list) -> dict:
    """Where a furniture line sits: the first place it occurs as a whole line (or the
    n-th, written ``[line, n]``, for a line the page repeats), else the first place it
    occurs at all (furniture that shares its line with text)."""
    line, n = (item, 1) if isinstance(item, str) else (item[0], item[1])
    whole = r"^[ \t]*(" + re.escape(line) + r")[ \t]*$"
    found = [m.start(1) for m in re.finditer(whole, text, flags=re.MULTILINE)]
    start = found[n - 1] if len(found) >= n else text.find(line)
    assert start >= 0, line
    return {"start": start, "end": start + len(line), "text": line}


def build(text_id: str, spec: dict) -> dict:
    text = read(text_id)
    speakers = [
        {"label": lab, "role": role, "person": person} for lab, role, person in spec["speakers"]
    ]
    furniture = [furniture_span(text, item) for item in spec.get("furniture", [])]
    # nothing is annotated inside speaker labels or page furniture
    skip = label_spans(text, [s["label"] for s in speakers])
    skip += [(f["start"], f["end"]) for f in furniture]
    # strings the annotator ruled out wherever they occur (web addresses such as CNBC.com)
    for ignored in spec.get("ignore", []):
        skip += [(m.start(), m.end()) for m in re.finditer(re.escape(ignored), text)]
    ents = spec["entities"]
    surfaces = [e[0] for e in ents]
    starts = place(text, surfaces, skip)
    entities = [
        {"start": s, "end": s + len(surface), "text": surface, "type": e[1]}
        for s, surface, e in zip(starts, surfaces, ents, strict=True)
    ]
    figs = spec["figures"]
    surfaces = [f[0] for f in figs]
    starts = place(text, surfaces, skip)
    figures = []
    for s, surface, (_, kind, value, value_max, unit, normalized, qualifier) in zip(
        starts, surfaces, figs, strict=True
    ):
        figures.append(
            {
                "start": s,
                "end": s + len(surface),
                "text": surface,
                "kind": kind,
                "value": value,
                "value_max": value_max,
                "unit": unit,
                "normalized": normalized,
                "qualifier": qualifier,
            }
        )
    for group in (entities, figures):
        for row in group:
            assert text[row["start"] : row["end"]] == row["text"], row
    listed: dict[str, int] = {}
    for e in entities:
        listed[e["text"]] = listed.get(e["text"], 0) + 1
    covered = [(e["start"], e["end"]) for e in entities]
    for surface, n in listed.items():
        hits = occurrences(text, surface, skip)
        longer = [(a, b) for a, b in covered if b - a > len(surface)]
        m = sum(1 for i in hits if not any(a <= i and i + len(surface) <= b for a, b in longer))
        if m != n:
            print(f"  review {text_id}: {surface!r} listed {n}, occurs {m}", file=sys.stderr)
    return {
        "id": text_id,
        "speakers": speakers,
        "furniture": furniture,
        "entities": entities,
        "figures": figures,
        "notes": spec.get("notes", ""),
    }


def write(text_id: str, spec: dict) -> None:
    data = build(text_id, spec)
    ANNOTATIONS.mkdir(exist_ok=True)
    path = ANNOTATIONS / f"{text_id}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{text_id}: {len(data['speakers'])} turns, {len(data['entities'])} entities, "
        f"{len(data['figures'])} figures"
    )
