"""Tell page furniture from text in the lines before a transcript's first turn.

A web page or a crawler puts lines before an interview that are not part of it: the
date it was fetched or posted (``2011-05-03``, ``3 May 201109:15``, ``Updated 09:15``),
a language switcher (``EN RU AZ``), navigation (``Home > News > Interviews``,
``Share Print``), a byline (``By Sofia Marin, Transport Today``) and a dateline standing
alone (``Oslo. 12 March.``, ``LONDON (Reuters) —``). Each such line is *furniture*: it
is kept in the package (see ``interviews.front_matter``) but is never read as a figure
or an entity.

Two more kinds: a news ticker (headlines run together with bullets ``•``) is
navigation, and a sentence about the text itself (``This transcript has been edited for
clarity.``, ``THIS IS A RUSH TRANSCRIPT.``, a financial site's disclosure) is a
*notice*. Symbols alone (``×``, ``<<``), a field's name alone (``Release Date:``),
advert, newsletter and comment lines and picture credits (``(Getty Images)``) are
navigation. A short line standing between two furniture lines (a site header such as
``Explore the BBC``) is furniture too, and so are repeats, teasers and promotion boxes
(see ``transcript``).

A line is furniture only when the whole line is of one of these forms; a dateline that
opens a paragraph (``HANOI, June 2024 - Our correspondent spoke ...``) is text. The
rules are ours: page-cleaning libraries (trafilatura, readability) work on HTML, and
our input is the text they leave behind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pycountry

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_WEEKDAYS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|"
    "Fri|Sat|Sun"
)
_MONTH = rf"(?:{_MONTHS})\.?"
#: Month and weekday names of the locales a web page's date widget is most often in
#: besides English (Spanish, French, German, Portuguese, Italian): only for furniture.
_FOREIGN_MONTHS = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
    "octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|janeiro|"
    "fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|gennaio|"
    "febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_FOREIGN_WEEKDAYS = (
    "lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|"
    "vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|lunedì|martedì|"
    "mercoledì|giovedì|venerdì|sabato|domenica"
)
#: A year may run straight into a time (``201109:15``): no word boundary after it.
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d(?!\d:))"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_TIME = (
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?-i:UTC|GMT|ET|PT|CT|MT|[A-Z]{2,4}|[+-]\d\d:?\d\d|Z)\b)?"
    r"(?:\s*\((?-i:UTC|GMT)\s*[+-]\d\d:?\d\d\))?"  # 11:22 (UTC +04:00)
)
_DATE = (
    rf"(?:{_YEAR}-[01]\d-[0-3]\d(?:T{_TIME})?"  # ISO 8601
    rf"|[0-3]?\d[./][01]?\d[./](?:{_YEAR}|\d\d)"  # 03.05.2011, 3/5/11
    rf"|{_DAY}\s+{_MONTH},?(?:\s+{_YEAR})?"  # 3 May 2011, 12 March
    rf"|{_MONTH},?\s+{_YEAR}"  # May 2011
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"  # May 3, 2011
    rf"|{_YEAR}/[01]?\d/[0-3]?\d"  # 2011/05/03
    rf"|(?:(?:{_FOREIGN_WEEKDAYS}),?\s+)?(?:{_DAY}\.?\s+(?:de\s+)?(?:{_FOREIGN_MONTHS}|{_MONTHS})"
    rf"(?:\s+(?:de|del)\s+|\s+){_YEAR}"  # 26 de junio de 2020, 26. Juni 2020
    rf"|(?:{_FOREIGN_MONTHS})\s+{_DAY},?\s+{_YEAR}))"  # junio 26, 2020
)
_STAMP = re.compile(rf"(?:(?:{_WEEKDAYS}),?\s+)?{_DATE}|{_TIME}", re.IGNORECASE)
#: Words that introduce a date on a furniture line.
_STAMP_WORDS = re.compile(
    r"\b(?:(?:last\s+)?(?:published|posted|updated|modified|edited)|date[ds]?|retrieved|"
    r"aired|broadcast|recorded|"
    r"accessed|crawled|fetched|archived|downloaded|captured|saved|created|on|at|in)\b",
    re.IGNORECASE,
)
#: Words that say a date is when the text was published (not fetched).
_PUBLISHED = re.compile(r"^\W*(?:published|posted|dated?|aired|broadcast)\b", re.IGNORECASE)
_LANGUAGE_CODES = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
_LANGUAGE_NAMES = {lang.name.lower() for lang in pycountry.languages}
_SEPARATORS = re.compile(r"\s*(?:[|/·•>»›→]|::)\s*|\s+")
_CRUMB = re.compile(r"\s+(?:[>»›→/|])\s+|\s*[»›→]\s*")
#: Words of page navigation and sharing buttons.
_UI_WORDS = {
    "home", "menu", "search", "share", "print", "email", "e-mail", "tweet", "facebook",
    "twitter", "x", "linkedin", "whatsapp", "telegram", "vk", "copy", "link", "subscribe",
    "read", "more", "back", "next", "previous", "top", "close", "login", "log", "sign",
    "in", "skip", "to", "content", "main", "font", "size", "a+", "a-", "listen",
    "comments", "comment", "related", "tags", "news", "save", "download", "pdf", "version",
    "this", "article", "page", "follow", "us", "rss", "feed", "mail", "large", "medium",
    "small", "site", "expand", "collapse", "transcript", "episode", "adjust", "show", "hide",
    "advertisement", "advertising", "sponsored", "newsletter", "newsletters",
}  # fmt: skip
#: Function words among the UI words: they do not make a line a row of buttons.
_UI_GLUE = {"in", "to", "this", "us", "more", "x", "a+", "a-", "log", "sign", "main"}
_PAGE_LINE = re.compile(
    r"(?:read\s+also|read\s+more|also\s+read|see\s+also|related(?:\s+news)?|more\s+on\s+this"
    r"|watch|video|listen|gallery|photos|in\s+pictures)"
    r"\s*:|you\s+are\s+here\s*:|back\s+to\s+\S+(?:\s+\S+){0,4}\s*$"
    r"|leave\s+a\s+(?:comment|reply)\b|(?:sign\s+up|subscribe|register)\b[^.?!]{0,40}\bnewsletters?\b"
    # a picture credit: ``(Getty Images)``, ``AP Photo/Jane Doe``
    r"|\((?:[A-Z][\w&.]*\s+){0,3}(?:Photo|Photos|Images|Pictures)\)\s*$"
    r"|(?:[A-Z][\w&.]*\s+){0,3}(?:Photo|Photos|Images|Pictures)\s*/\s*[A-Z][\w.\-]*"
    r"(?:\s+[A-Z][\w.\-]*){0,3}\s*$"
    r"|(?:find|follow|like|join)\s+us\s+(?:on|at)\b|click\s+(?:here\b|to\b|for\b)"
    r"|(?:views?|comments?|reading\s+time)\s*[:(]?\s*[\d,]+(?:\s*min(?:utes?)?)?\)?\s*$"
    r"|[\d,]+\s+(?:views|comments)\s*$|\d+\s*min(?:ute)?s?\s+read\s*$"
    r"|©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?:By|BY|by|Interview(?:ed)?\s+by|Written\s+by|Reporting\s+by|Text\s+by|Story\s+by|"
    r"Photos?\s+by:?|Author:|Authors:|Text:|Photo:|Source:|Photo\s+credit:|Image:|Picture:|"
    r"Pictured:|Credit:|Image\s+credit:|Illustration:)\s+(?P<names>.+)"
)
_NAME_LINK = {"and", "of", "the", "for", "de", "da", "van", "von", "der", "al", "bin", "in",
              "at", "&", "|", "/", "and/or"}  # fmt: skip
#: A list of headlines run together with bullets (a news ticker or a related-links box).
_TICKER = re.compile(r"(?:[^•\n]+•){3,}[^•\n]*")
#: A row of metadata fields (``Journal : MOFA Date : Author : NA``).
_FIELD = re.compile(r"\b[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s+:")
#: A sentence about the text itself, not part of it (``This transcript has been edited
#: for clarity.``, ``The article has been automatically translated ...``).
_NOTICE = re.compile(
    r"(?:This|The)\s+(?:article|transcript|interview|text|story|material|page|video)\s+"
    r"(?:has\s+been|have\s+been|was|is|will\s+be)\s+(?:\w+\s+)?"
    r"(?:translated|edited|condensed|updated|corrected|published|transcribed|abridged)\b"
    # a transcript's quality warning (``THIS IS A RUSH TRANSCRIPT.``, ``Available
    # transcripts are automatically generated.``) and a financial site's disclosure
    # (``The author(s) may have a position in any stocks mentioned.``)
    r"|(?:this\s+is\s+an?\s+)?rush\s+transcript\b"
    r"|(?:\w+\s+){0,2}transcripts?\s+(?:is|are)\s+(?:automatically|machine|computer)[\s-]generated"
    r"|[^.!?]{1,60}\b(?:may\s+)?(?:has|have|holds?|hold)\s+(?:a\s+|no\s+)?positions?\s+in\s+"
    r"(?:any\s+|the\s+)?(?:of\s+the\s+)?(?:stocks?|shares|securities|companies)\s+mentioned",
    re.IGNORECASE,
)
#: A field's name alone on its line, its value on the next (``Release Date:``,
#: ``Subject(s):``): a metadata row split in two, whose name ends in a field word.
_FIELD_NAME = re.compile(
    r"(?:[A-Z][\w-]*\s+){0,2}(?:date|type|id|subjects?|subject\(s\)|topics?|tags?|category|"
    r"categories|source|keywords?|location|venue|time|duration|language)\s*:",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"(?P<place>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}})\s*[,.]?\s*"
    rf"(?P<agency>\([^()]{{1,40}}\))?\s*[,.]?\s*"
    rf"(?P<date>(?:(?:{_WEEKDAYS}),?\s+)?{_DATE})?\s*[.,]?\s*(?P<dash>[—–-]+)?\s*"
)


@dataclass(frozen=True)
class Furniture:
    """A line of page furniture: its offsets and what it is."""

    start: int
    end: int
    kind: str  # "date", "language", "navigation", "byline", "dateline", "notice", "label",
    # or, from its place in the page (see transcript), "duplicate" or "promotion"


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture a whole line is, or None when it is text."""
    line = line.strip().strip("*_").strip()
    if line and not re.search(r"[^\W_]", line):
        return "navigation"  # symbols alone: a close button ``×``, an arrow ``<<``, a rule
    if _TICKER.fullmatch(line):
        return "navigation"
    if _NOTICE.match(line) and len(line) <= 240:
        return "notice"
    if not line or len(line) > 120 or line.endswith("?"):
        return None
    if _is_stamp(line):
        return "date"
    if _is_languages(line):
        return "language"
    if _is_navigation(line):
        return "navigation"
    if _is_byline(line):
        return "byline"
    if _is_dateline(line):
        return "dateline"
    return None


_FULL_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: A date written out with an English month name, alone: ``Monday, October 16, 2006``,
#: ``23 November 2012``, ``June 18, 2011``, ``March 2019``; no clock time, no field word,
#: no abbreviated weekday (``Mon, 29 May 2023`` is a machine stamp).
_WRITTEN_DATE = re.compile(
    rf"(?:(?:{_FULL_WEEKDAYS}),?\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(?:the\s+)?{_DAY})"
    rf",?(?:\s+{_YEAR})?\.?|(?:{_MONTH}),?\s+{_YEAR}\.?",
    re.IGNORECASE,
)


def written_date(line: str) -> bool:
    """True when the whole line is a date written out in words (see ``_WRITTEN_DATE``).
    Under a title such a line is the interview's own date line, part of the text (its
    date is a figure); a machine stamp (``2011-05-03``, ``3 May 201109:15``, ``Updated:
    ...``) and any date before the title stay furniture."""
    return _WRITTEN_DATE.fullmatch(line.strip().strip("*_").strip()) is not None


def publication_date(line: str, kind: str) -> dt.date | None:
    """The date a dateline (``MOSCOW, 3 May 2011``) or a ``Published ...`` line gives,
    when it names day, month and year; never a guessed year."""
    if kind == "date" and not _PUBLISHED.match(line):
        return None  # a bare date may be when the page was fetched, not published
    if kind not in ("date", "dateline"):
        return None
    m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)-([01]\d)-([0-3]\d)(?!\d)", line)
    if m:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    month_names = [m.lower() for m in _MONTHS.split("|")]
    m = re.search(rf"\b({_DAY})\s+({_MONTHS})\.?,?\s+({_YEAR})", line, re.IGNORECASE)
    if m:
        day, month, year = m[1], m[2], m[3]
    else:
        m = re.search(rf"\b({_MONTHS})\.?\s+({_DAY}),?\s+({_YEAR})", line, re.IGNORECASE)
        if not m:
            return None
        month, day, year = m[1], m[2], m[3]
    number = month_names.index(month.lower())
    number = number + 1 if number < 12 else [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][number - 12]
    return _date(int(year), number, int(re.sub(r"\D", "", day)))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _is_stamp(line: str) -> bool:
    """Only dates, times and the words that introduce them (``Updated: 3 May 2011 09:15``)."""
    rest, n = _STAMP.subn(" ", line)
    if not n:
        return False
    rest = _STAMP_WORDS.sub(" ", rest)
    return re.fullmatch(r"[\W_]*", rest) is not None


def _is_languages(line: str) -> bool:
    """Two or more language codes or names, and nothing else (``EN RU AZ``, ``English |
    Русский`` is not: only names pycountry knows in English)."""
    words = [w for w in _SEPARATORS.split(line) if w]
    if len(words) < 2:
        return False
    codes = all(
        (w.isupper() or len(words) > 2) and w.lower() in _LANGUAGE_CODES and len(w) == 2
        for w in words
    )
    return codes or all(w.lower() in _LANGUAGE_NAMES for w in words)


def _is_navigation(line: str) -> bool:
    """Breadcrumbs (``Home > News > Interviews``, three parts or starting at Home), a row
    of buttons and counters (``Share 12 Tweet Print``), a link to another page
    (``Read also: ...``, ``Back to Interviews``, ``You are here: Home``), social links
    and instructions to click (``Follow us on Twitter``, ``Click here to ...``), a counter
    (``Views: 1,234``, ``5 min read``), a number alone (an id or page number),
    a copyright notice (``© 2011 Trend``), a row of
    metadata fields (``Journal : MOFA Date : Author : NA``) or a short header line that
    is at least half buttons (``BBC Home``, ``Search the Site``)."""
    if _PAGE_LINE.match(line) or len(_FIELD.findall(line)) >= 3 or _FIELD_NAME.fullmatch(line):
        return True
    if re.fullmatch(r"(?:#|№|No\.?)?\s*\d[\d,.]*", line):
        return True  # a number alone: a page's id or page number (``41133``)
    parts = [p for p in _CRUMB.split(line) if p]
    if len(parts) >= 2 and all(len(p.split()) <= 5 and not re.search(r"[.?!]$", p)
                               for p in parts):  # fmt: skip
        if len(parts) >= 3 or parts[0].lower() == "home":
            return True
    words = [w for w in _SEPARATORS.split(line.lower()) if w]
    ui = [w for w in words if w.strip(":") in _UI_WORDS]
    if ui and all(w.strip(":") in _UI_WORDS or w.strip("()").isdigit() for w in words):
        return True
    # A short header line that is half buttons (``BBC Home``, ``Search the Site``).
    strong = [w for w in ui if w.strip(":") not in _UI_GLUE]
    return len(words) <= 8 and 2 * len(strong) >= len(words) and not re.search(r"[.?!,;]", line)


def _is_byline(line: str) -> bool:
    """``By Name[, Name and Name][, Publication]``, an optional date at the end; a site's
    domain counts as a name (``Photo by: kremlin.ru``)."""
    m = _BYLINE.fullmatch(line.rstrip(".:").rstrip())
    if not m:
        return False
    names = _STAMP.sub(" ", m["names"])
    words = [w for w in re.split(r"\s[-–—|]\s|[\s,;]+", names) if w]
    return 0 < len(words) <= 12 and all(
        w[0].isupper() or w.lower() in _NAME_LINK or re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", w)
        for w in words
    )


def _is_dateline(line: str) -> bool:
    """A place, an optional agency and date, then a dash or a full stop, alone on a line:
    ``Oslo. 12 March.``, ``LONDON (Reuters) —``, ``MOSCOW, May 3, 2011``."""
    m = _DATELINE.fullmatch(line)
    if not m:
        return False
    place = m["place"]
    if place.split()[0].lower() in {"by", "the", "a", "an", "in", "on"}:
        return False
    return bool(m["date"] or m["agency"] or (m["dash"] and place.isupper()))
