"""Who speaks each turn: a speaker label that names a person links its turns to that
person's entity.

A label is split at commas and brackets into parts (``JOHN SMITH, HOST``,
``Foreign Minister, Sergey Lavrov``, ``INTERVIEWER (Jane Doe)``). A part whose last word
is a title or role word (``HOST``, ``Trade Minister``) is a role, one whose last word
names an outlet or a show (``Kesh News``, ``Breakfast Show``) no person; the first other part,
without the title words before it (``U.S. SECRETARY OF STATE ANN LEE`` -> ``ANN
LEE``), is the person's name. A name is matched to the
people the interview's text names (case aside), a one-word name to the one full name
it is the first or last word of; a name the text never gives becomes a PERSON entity
of its own, written in title case (``JOHN SMITH`` -> ``John Smith``). A label that
is a role only (``PRIME MINISTER``) names the person the text gives that title
(``Prime Minister Jane Doe``), when exactly one person has it; otherwise nobody.
"""

from __future__ import annotations

import re

from builder.ner import HEAD_TYPES, PORTFOLIOS, TITLES

#: Words that make a label part a role: titles, interviewers' roles, voices.
ROLE_WORDS = TITLES | {
    "question", "answer", "q", "a", "interviewer", "journalist", "audience", "voice",
    "narrator", "caller", "guest", "participant", "unidentified", "male", "female",
    "announcer", "commentator", "analyst", "economist", "professor", "author", "official",
    "minister", "secretary", "president", "interviewee", "respondent",
}  # fmt: skip
_WORD = re.compile(r"[\w’'.\-]+")
#: What separates a label's parts (``JANE DOE, HOST``, ``Jane Doe / Minister``).
_PARTS = re.compile(r"[,/()\[\]]")


def _is_role(words: list[str]) -> bool:
    return bool(words) and words[-1].strip(".").lower() in ROLE_WORDS


def person_in_label(label: str) -> str | None:
    """The person's name a speaker label gives, as written; None for a role only."""
    for part in _PARTS.split(label):
        words = _WORD.findall(part)
        if len(words) > 1 and words[-1].isdigit():
            words = words[:-1]  # a numbered speaker (``Speaker 2``, ``Caller 3``)
        if not words or _is_role(words) or (len(words) > 1 and words[-1].lower() in HEAD_TYPES):
            continue  # a role, or an outlet or a show (``Kesh News (Host Ann Lee)``)
        return " ".join(_after_roles(words))
    return None


def _after_roles(words: list[str]) -> list[str]:
    """The words of a label part after its titles: everything up to the last role word
    (``U.S. SECRETARY OF STATE ANN LEE``, ``Azerbaijani President Ilham Aliyev``), then
    the portfolio after it (``of State``, ``Affairs``), keeping at least one word."""
    roles = [i for i, w in enumerate(words[:-1]) if w.strip(".").lower() in ROLE_WORDS]
    if not roles:
        return words
    words = words[roles[-1] + 1 :]
    while len(words) > 1 and words[0].strip(".").lower() in PORTFOLIOS | {"of", "the"}:
        words = words[1:]
    return words


def role_in_label(label: str) -> tuple[str, ...]:
    """The role words of a label (``PRIME MINISTER`` -> ``("prime", "minister")``)."""
    for part in _PARTS.split(label):
        words = _WORD.findall(part)
        if _is_role(words):
            return tuple(w.strip(".").lower() for w in words)
    return ()


def title_case(name: str) -> str:
    """``JOHN SMITH`` -> ``John Smith``, ``JEAN-PIERRE`` -> ``Jean-Pierre``; a name
    already in mixed case is kept."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), name)
