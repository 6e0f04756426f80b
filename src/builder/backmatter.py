"""Tell page furniture from text in the lines after a transcript's last turn.

A web page puts lines after an interview that are not part of it: a share bar
(``Share``, ``Share this: Twitter Facebook``), links to other pages (``Related: ...``,
``Back to Interviews``), a copyright line (``© 2011 Trend``), tags (``Tags: gas,
Turkey``) and a date stamp (``date 2022-05-23 00:00``). Without a label to end it, the
last answer would run on over them and they would be read as its figures and names.

The *back matter* is the run of such lines at the very end of the text, each a whole line
of page furniture (:func:`builder.frontmatter.furniture_kind`, or a line of tags); it
is cut off the last turn, kept in ``interviews.back_matter`` with its offsets (counted
in the coverage check like the front matter) and never read as figures or entities.
The turn's own first line is never back matter, and a line of text stops the run: a
furniture-looking line above the last line of text stays in the answer.
"""

from __future__ import annotations

import re

from builder.frontmatter import furniture_kind

#: ``Tags: gas, Turkey, energy``, ``Topics: ...``: the page's index words.
_TAGS = re.compile(r"(?:tags?|topics?|keywords?|filed\s+under)\s*:.*", re.IGNORECASE)


_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\s", re.IGNORECASE)


def is_back_matter(line: str) -> bool:
    """True when a whole line after the last turn is page furniture. A line that ends a
    sentence (``Back to you, John.``) is what someone said, unless it is a copyright
    notice (``© 2011 Trend. All rights reserved.``)."""
    line = line.strip()
    if _TAGS.fullmatch(line):
        return True
    if furniture_kind(line) is None:
        return False
    return not re.search(r"[.!?]$", line) or _COPYRIGHT.search(line) is not None


def back_matter_start(lines: list[str], first: int) -> int:
    """Index of the first line of the back matter among ``lines`` (the non-blank lines
    of the last turn, in order), or ``len(lines)`` when there is none; ``lines[:first +
    1]`` are never back matter (the turn keeps its first line of text)."""
    k = len(lines)
    while k - 1 > first and is_back_matter(lines[k - 1]):
        k -= 1
    return k
