"""Mark spans of a text up as nested HTML elements, losing and repeating no character.

Mentions and figures may nest (a figure inside a mention) or even cross. HTML elements
can only nest, so the text is cut at every span boundary and, piece by piece, the open
elements are kept in the order outermost first (earlier start, then later end). Where
two spans cross, the inner one is closed and reopened after the outer one ends: its
first piece carries the span's attributes (its id), the later pieces ``more`` attributes
that name the same span without repeating the id, so every span is exactly one element
with its id. Written by hand because HTML libraries build trees from markup, not markup
from overlapping offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One element to wrap ``[start, end)`` of the source in (source offsets).

    ``order`` breaks ties between spans with the same extent: lower is outer.
    """

    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]
    more: tuple[tuple[str, str], ...]
    order: int = 0
    tag: str = "span"


def text_html(text: str) -> Markup:
    """``text`` escaped for HTML, a carriage return as ``&#13;`` (the HTML parser would
    turn a literal CR LF into LF, so the page's text would differ from the source)."""
    return Markup(str(escape(text)).replace("\r", "&#13;"))


def _open(span: Span, first: bool) -> str:
    attrs = span.attrs if first else span.more
    return f"<{span.tag}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs) + ">"


def annotate(text: str, offset: int, spans: list[Span]) -> Markup:
    """``text`` (which starts at source offset ``offset``) as HTML with every span
    wrapped; the HTML's text content is ``text`` exactly."""
    end = offset + len(text)
    for s in spans:
        if not offset <= s.start < s.end <= end:
            raise ValueError(f"span {s.start}-{s.end} is not a non-empty part of {offset}-{end}")
    cuts = sorted({offset, end, *(s.start for s in spans), *(s.end for s in spans)})
    ranked = sorted(spans, key=lambda s: (s.start, -s.end, s.order))
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        wanted = [s for s in ranked if s.start <= a and b <= s.end]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        for s in reversed(stack[keep:]):
            out.append(f"</{s.tag}>")
        del stack[keep:]
        for s in wanted[keep:]:
            out.append(_open(s, id(s) not in opened))
            opened.add(id(s))
            stack.append(s)
        out.append(text_html(text[a - offset : b - offset]))
    out.extend(f"</{s.tag}>" for s in reversed(stack))
    return Markup("".join(out))
