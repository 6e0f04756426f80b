"""Find numeric expressions in text and normalise them, by rule.

A figure is a number written in digits (``2.6``, ``1,200``, ``.4``) or words
(``nine``, ``twenty-five``, ``two and a half``, ``a dozen``, ``three point six``,
``half-a-trillion``) together with what makes it a measurement: a currency (``$``,
``USD``, ``Rb``, ``dollars``), a scale (``billion``, ``bln``), a unit (``percent``,
``%``, ``basis points``, ``times``, ``years``, ``tonnes``, ``bcm``) or the noun it
counts (``five roadmaps``), a rate (``15 tonnes per day``, ``$38 a barrel``), and the
words that hedge it (``almost``, ``more than``, ``up to``, ``between ... and ...``,
``two or three``, ``16 people approximately``). One unit of time is a duration when a
hedge bounds it, ``ago`` measures back with it, ``for`` or a verb that spends time takes
it as object, or it follows other durations in a list (``nearly a year``, ``a week ago``,
``for a year``, ``two years in Oslo and a year in Rome``). Units of time may be abbreviated
in lower case (``41 mins``, ``3 hrs``); a number in words repeated in digits is one figure
(``one (1) hour``); an even split (``50/50``, ``fifty-fifty``) is the fraction 1/2; a line of
scores alone (``6-2, 6-3``) gives one count per number.
A hedge may be glued on (``20-odd years``, ``30-plus``, ``50+``). A number in words with
no noun is a figure when it is a whole answer or clause (``Zero, not in the least``).
Dates are month names (also ``Jan.``, ``Sept``) with or without a day and year
(``August 2018``, ``early September``, ``December the 20th``, each month of ``from March
to June``, ``our April outlook``), weekdays (``on Tuesday``), years whatever word follows
them (``2017``, ``the end of 2018``, ``in 2021 totalled``, ``pre-2015``), years in two
digits (``’21``: the century POSIX ``strptime`` gives ``%y``), decades (``the
1990s``) and days of the month (``today is the 10th``); a date line in capitals
(``TUESDAY, 21 JANUARY 2014``) reads as one in title case. A range of years in digits
(``2015-2018``) is one ISO 8601 interval; in words (``from 2009 to 2015``) each end is
a year. Indian amounts (``Rs 5 lakh``, ``6-7 lakh``, ``₹3 crore``) use the lakh (10^5)
and the crore (10^7). An ordinal spans its article (not a possessive) to the head of the noun it
ranks (``the first interest rate hike``, ``the first time``, ``40th anniversary``).

The counted noun is found by its form, not by a tagger, so that figures do not depend on
the optional spaCy model (``--no-ner``): a
lower-case plural noun (or a singular one after 1) right after the number or after one
or two modifiers, proper adjectives included (``three Baltic states``). A verb, name or
proper adjective is never the unit (``the first Nordic`` is no noun); with no noun the
unit is null rather than a guess. In a line written in capitals (``500,000 BARRELS A
DAY``) the words are read as if in lower case.

Number words are read by text2num; currency codes are checked against ISO 4217 in
pycountry. No library reads the rest (units, hedges, dates without a day, ordinals
before a noun) accurately: quantulum3 gets the exact span of 36% and span and value of
23% of our 101 hand-annotated figures (benchmarks/quantulum3_baseline.py), so these
rules are ours.

Deliberately not figures, because they state no number: ``one of``, pronoun ``one``,
``both``, ``First and foremost`` (an ordinal that orders no noun), ``the first half``
(a period), number words glued to other words (``two-way``), vague amounts (``several
months``, ``a couple of years``, ``dozens``), relative dates (``last year``, ``this
year``, ``next Friday``, ``this April``), clock times (``09:15``), digits in web and
e-mail addresses, and numbers that name (``Part 2``, both numbers of ``part 3 of 3``,
a page marker ``-2-``, ``10 Downing Street``, ``COVID – 19``, ``Tier 2, 3 cities``),
machine date stamps (``2019-01-01``) and a page's field with its number alone on a line
(``Hit : 4592``): page furniture. They stay in the text,
and never get a made-up value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS
from text_to_num import text2num

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "mln": 1e6, "mn": 1e6, "m": 1e6, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trln": 1e12, "tn": 1e12, "lakh crore": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: ISO 8601 weekday numbers (Monday is 1).
_WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
_CURRENCY_SYMBOLS = {
    "US$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "C$": "CAD", "NT$": "TWD",
    "R$": "BRL", "RMB": "CNY", "RM": "MYR", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB",
    "₼": "AZN", "¥": "JPY",
    "Rb": "RUB", "Rbs": "RUB", "Rub": "RUB", "Rs": "INR", "Rs.": "INR", "₹": "INR",
}  # fmt: skip
_SYMBOLS_FOLDED = {s.casefold(): code for s, code in _CURRENCY_SYMBOLS.items()}
_CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "ruble": "RUB", "rouble": "RUB", "manat": "AZN",
    "pound": "GBP", "yuan": "CNY", "lira": "TRY", "tenge": "KZT", "rupee": "INR",
    "yen": "JPY", "renminbi": "CNY", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "hryvnia": "UAH", "shekel": "ILS", "lari": "GEL", "dram": "AMD",
}  # fmt: skip
_DURATION_UNITS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "decade": "Y", "century": "Y",
    "hour": "H", "minute": "M", "second": "S",
}  # fmt: skip
_DURATION_FACTOR = {"decade": 10, "century": 100}
#: Abbreviated units of time, in lower case only (``41 mins``, ``2 hrs``; ``HR`` and
#: ``SEC`` in capitals are acronyms).
_DURATION_ABBREVIATIONS = {
    "min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour", "sec": "second",
    "secs": "second", "yr": "year", "yrs": "year", "wk": "week", "wks": "week",
}  # fmt: skip
_QUANTITY_UNITS = {
    "tonne": "tonne", "ton": "tonne", "tons": "tonne", "t": "tonne", "kg": "kilogram",
    "kilogram": "kilogram", "bcm": "bcm", "tcm": "tcm", "barrel": "barrel", "bpd": "barrel_per_day",
    "km": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre", "mile": "mile",
    "metre": "metre", "meter": "metre", "hectare": "hectare", "mw": "megawatt",
    "megawatt": "megawatt", "gw": "gigawatt", "gigawatt": "gigawatt", "kwh": "kilowatt_hour",
    "cubic metre": "cubic_metre", "cubic meter": "cubic_metre", "square kilometre":
    "square_kilometre", "square kilometer": "square_kilometre", "sq km": "square_kilometre",
    "km2": "square_kilometre", "square metre": "square_metre", "square meter": "square_metre",
    "litre": "litre", "liter": "litre", "degrees celsius": "degree_celsius",
    "degree celsius": "degree_celsius", "degree": "degree",
}  # fmt: skip
#: Nouns after which a number is an identifier, not an amount.
_IDENTIFYING_NOUNS = {
    "article", "section", "chapter", "paragraph", "clause", "item", "number", "no", "page",
    "line", "room", "gate", "flight", "resolution", "point", "level", "phase", "stage",
    "version", "model", "type", "grade", "class", "route", "road", "block", "unit", "part",
    "episode", "season", "volume", "vol",
}  # fmt: skip
_QUALIFIERS = {
    "almost": "almost", "nearly": "almost", "close to": "almost", "about": "approximately",
    "around": "approximately", "approximately": "approximately", "roughly": "approximately",
    "some": "approximately", "an estimated": "approximately", "circa": "approximately",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "less than": "less_than",
    "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "up to": "up_to", "at least": "at_least", "no less than": "at_least",
    "at most": "up_to", "no more than": "up_to",
}  # fmt: skip
_DATE_QUALIFIERS = {
    "early": "early", "early in": "early", "earlier in": "early",
    "late": "late", "late in": "late", "later in": "late",
    "mid": "mid", "mid-": "mid", "the middle of": "mid",
    "the end of": "end", "end of": "end", "the beginning of": "beginning",
    "the start of": "beginning", "beginning of": "beginning",
}  # fmt: skip
_BIG = "hundred|thousand|million|billion|trillion"
#: Words after a number that are not the noun it counts.
_NOT_NOUNS = STOP_WORDS | {"per", "percent", "cent", "times", "dozen"}
_NUMBER_WORDS = set(_UNITS) | set(_ORDINALS) | set(_BIG.split("|"))
#: Plural nouns that do not end in -s, and nouns that count without changing.
_PLURALS = {
    "people", "children", "men", "women", "police", "staff", "personnel", "cattle", "sheep",
    "fish", "deer", "aircraft", "feet", "teeth", "mice", "geese", "data", "media", "criteria",
    "phenomena", "crew", "livestock", "offspring", "poultry", "head", "bacteria", "alumni",
    "youth", "clergy", "militia", "infantry", "cavalry", "swine", "salmon", "trout",
}  # fmt: skip
_W = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT_WORD = "zero|oh|one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:half[\s-]a[\s-](?:dozen|{_BIG})\b"
    rf"|(?:a|one)\s+dozen|(?:(?:a|one)\s+(?:{_BIG})|{_W}|{_BIG})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_W}|{_BIG}))*)"
    rf"(?:\s+and\s+a\s+half|\s+point(?:\s+(?:{_DIGIT_WORD})\b)+)?"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
#: ``3 and a half million``: digits and a half before a scale word.
_DIGITS_HALF = rf"{_DIGITS}\s+and\s+a\s+half(?=\s+(?:{_BIG}|lakh|crore)\b)"
_NUMBER = rf"(?:{_DIGITS_HALF}|{_DIGITS}|{_WORD_NUMBER})"
_CODES = "|".join(sorted(c.alpha_3 for c in pycountry.currencies))
#: ISO 4217 codes that spell English words or other acronyms: after a number they are
#: read as the words (``10 TOP priorities``, ``5 ALL of them``, ``3 PHP developers``).
_WORD_CODES = {"ALL", "BOB", "CAD", "COP", "CUP", "GEL", "MAD", "MOP", "PEN", "PHP", "SOS",
               "TOP", "TRY", "XXX"}  # fmt: skip
_CODES_AFTER = "|".join(
    sorted(c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in _WORD_CODES)
)
_SYMBOLS = "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_CUR_WORDS = "|".join(_CURRENCY_WORDS)
_DUR = "|".join(["centuries", *_DURATION_UNITS])
_DUR_ABBR = "|".join(sorted(_DURATION_ABBREVIATIONS, key=len, reverse=True))
_QTY = "|".join(re.escape(q) for q in sorted(_QUANTITY_UNITS, key=len, reverse=True))
_MONTH = "|".join(m.capitalize() for m in _MONTHS)
_MON = "|".join(a.capitalize() for a in sorted(_MONTH_ABBREVIATIONS, key=len, reverse=True))
_WEEKDAY = "|".join(d.capitalize() for d in _WEEKDAYS)
_DQ = "|".join(re.escape(q) for q in sorted(_DATE_QUALIFIERS, key=len, reverse=True))

_AMOUNT = re.compile(
    rf"(?<![\w.,/])(?<!\w\+)(?<![^\W\d]-)(?:(?P<between>between|from)\s+)?(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:(?P<neg>minus|negative|(?<![^\s(])[-−](?=\d))\s*)?"
    rf"(?:(?P<cur>{_SYMBOLS})\s?|(?-i:(?P<code>{_CODES}))\s)?"
    rf"(?P<num>{_NUMBER})(?:(?<=[a-z])[ \t]*\((?P<rep>\d{{1,3}}(?:,\d{{3}})*)\))?"
    rf"(?:(?P<link>\s*(?:–|—|-|to|and)\s*|\s+or\s+)(?P<cur2>{_SYMBOLS})?(?P<num2>{_NUMBER}))?"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s?(?P<unit>%|of\s+an?\s+(?:percentage\s+point|per\s*cent)\b|"
    rf"percent(?:age points?)?|per\s+cent|pct|(?-i:pc)\b|basis\s+points?|bps|"
    rf"times\b|-?fold\b|(?<=\d)x\b|(?:US\s+)?(?:{_CUR_WORDS})s?\b|(?:{_DUR})s?\b|(?-i:{_DUR_ABBR})\b(?!\.\w)|"
    rf"(?:{_QTY})s?\b|(?-i:(?P<code2>{_CODES_AFTER}))\b(?![\w-])))?"
    rf"(?:-(?P<glued>[a-z]+))?",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_DQ})[\s-]?)?(?:(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?)?"
    rf"(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<dayto>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"\s+(?:of\s+)?)?(?:(?P<month>{_MONTH})|(?P<abbr>{_MON})\.?)"
    rf"(?:\s+(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)))?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:[-–](?P<dayto2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))?"
    rf"(?:,(?=\s+(?:of\s+)?\d{{4}}))?)?"
    rf"(?:(?(day1),?|)\s+(?:of\s+)?(?P<year>\d{{4}}))?(?![\w])"
)
#: Words that introduce a month name as a time (``in March``, ``from March to June``).
_TIME_WORDS = re.compile(
    r"\b(?:in|into|on|since|until|till|by|from|of|before|after|during|between|through|to|for)"
    r"\s+$",
    re.IGNORECASE,
)
#: A month name continues a list or range of dates (``March and April``, ``May-June``).
_DATE_LINK = re.compile(
    rf"(?:{_MONTH}|{_MON}\.?)(?:\s+\d{{1,2}}(?:st|nd|rd|th)?|\s+\d{{4}})?"
    r"\s*(?:,|,?\s*and|,?\s*or|to|through|till|until|–|—|-)\s*$"
)
#: A determiner before a month name that names the month of a thing (``our April
#: outlook``); ``this``, ``last`` and ``next`` make it relative and are not here.
_DETERMINER = re.compile(r"\b(?:the|our|its|their|his|her|your|my)\s+$", re.IGNORECASE)
_WEEKDAY_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<rel>last|next|this|coming|past|every)\s+)?(?P<day>{_WEEKDAY})(?![\w-])",
    re.IGNORECASE,
)
_YEAR = re.compile(
    rf"(?:(?<![\w$€£.,/-])|(?<=\b[Pp]re-)|(?<=\b[Pp]ost-))(?:(?P<the0>the\s+)(?=(?:{_DQ})[\s-]?\d))?(?:(?P<qual>{_DQ})[\s-]?)?"
    r"(?P<the>the\s+)?(?P<year>1[89]\d\d|20\d\d)"
    r"(?P<decade>'?s)?(?![\w%,.]\d|\s*(?:%|percent|per\s+cent))(?!\w)"
)
#: ``/15`` or ``/2015`` after a year: the next year of a fiscal or school year.
_FISCAL = re.compile(r"/(?P<next>\d\d|(?:19|20)\d\d)(?![\w/])")
#: ``’21``, ``'08``: a year written with two digits after an apostrophe.
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’%])(?!\.\d)")
#: ``the 80s``, ``the early '90s``: a decade of the 1900s (``the 20s`` is left: which century?).
_SHORT_DECADE = re.compile(rf"\bthe\s+(?:(?P<qual>{_DQ})[\s-]?)?['’]?(?P<decade>[3-9]0)['’]?s\b")
#: ``'90s`` without ``the`` (``the 1980s and '90s``): the apostrophe makes it a decade.
_APOSTROPHE_DECADE = re.compile(r"(?<![\w'’])['’](?P<decade>[3-9]0)s\b")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD = rf"(?:{'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th))"
#: An ordinal after a determiner may also be tens and an ordinal (``twenty-first``).
_ORD_COMPOUND = rf"(?:{_ORD}|(?:{_TENS})-(?:{'|'.join(_ORDINALS)}))"
_ORDINAL = re.compile(
    rf"(?:\b(?P<det>the|a|this)\s+|\b(?P<poss>its|our|their|his|her|my|your|that|these|those)\s+|(?<=['’]s\s)"
    rf"|(?<![\w-])(?=\d))(?P<ord>{_ORD_COMPOUND})\b(?:-(?P<sup>[a-z]+est)\b)?",
    re.IGNORECASE,
)
#: Ranks without a determiner: ``took first place``, ``ranks third``.
_RANK = re.compile(
    rf"\b(?:(?P<ord>{_ORD})[\s-]place\b|(?:rank(?:s|ed)?|came|comes|finish(?:ed|es)?)"
    rf"\s+(?P<ord2>{_ORD})\b(?![\s-]+place\b))",
    re.IGNORECASE,
)
#: Nouns ending in -est that are no superlatives.
_EST_NOUNS = {
    "interest", "forest", "request", "protest", "contest", "harvest", "test", "west", "quest",
    "conquest", "inquest", "guest", "chest", "nest", "rest", "arrest",
}  # fmt: skip
#: ``the first half`` and ``the third quarter`` are periods, not ranks.
_NOT_RANKED = {"times", "half", "quarter"}
#: Nouns that spaCy lists as stop words but that an ordinal ranks (``the second part``).
_STOP_NOUNS = {"part", "side", "name", "amount", "call", "front", "back", "bottom", "top", "move"}
#: Past tenses that do not end in -ed: the verb after a noun, not a noun of a compound
#: (``the first round went well``).
_IRREGULAR_PAST = {
    "became", "began", "brought", "came", "chose", "did", "drew", "fell", "felt", "found",
    "gave", "got", "grew", "had", "held", "kept", "knew", "led", "left", "lost", "made",
    "meant", "met", "paid", "put", "ran", "rose", "said", "sat", "saw", "sent", "set",
    "shot", "showed", "sold", "spoke", "stood", "struck", "taught", "told", "thought",
    "took", "went", "won", "wrote",
}  # fmt: skip
#: Words after a noun that are adverbs, not the next noun of a compound.
_NOT_COMPOUND = {
    "ago", "ahead", "abroad", "apart", "aside", "away", "forward", "home", "instead",
    "overseas", "today", "tomorrow", "tonight", "yesterday", "round", "running",
}  # fmt: skip
#: Clock times, URLs and e-mail addresses hold digits that are no figures.
_NOT_FIGURES_ADDRESS = r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"
_NOT_FIGURES_NUMBER = (
    r"(?<![\d.,])\d{1,2}:\d\d(?::\d\d)?(?![\d:])(?:\s*[ap]\.?m\.?)?"
    r"|(?<![\d.,])\d{1,2}(?:\.\d\d)?\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)"
    r"|^[ \t]*\d{1,2}[.)](?=[ \t])"  # a list number opening a line (``6. Light ...``)
)
_NOT_FIGURES = re.compile(
    f"{_NOT_FIGURES_ADDRESS}|{_NOT_FIGURES_NUMBER}", re.IGNORECASE | re.MULTILINE
)
#: The same without the addresses, for a text with no ``://``, ``www.`` or ``@`` (where
#: no address can match, so it finds the same): the e-mail alternative scans every
#: word to its end at each of its letters, most of this pattern's cost.
_NOT_FIGURES_NUMBERS = re.compile(_NOT_FIGURES_NUMBER, re.IGNORECASE | re.MULTILINE)
#: Marks and page furniture that a figure found may be part of, checked around each
#: figure (far cheaper than one more scan of every text): an enumerator or a note mark
#: in brackets (``(1)``, ``[3]``), a machine date stamp (``2019-01-01``, ``2022-05-23
#: 00:00``) and a page's field with its number alone on a line (``Hit : 4592``).
_ENUMERATOR = re.compile(r"(?<![\w(\[])[(\[]\d{1,2}[)\]](?![\w(\[])")
_ISO_STAMP = re.compile(
    r"(?<![\w-])(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?:[T ]\d\d:\d\d(?::\d\d)?)?(?![\w-])"
)
_FIELD_LINE = re.compile(
    r"[ \t]*(?:[•·*][ \t]*)?[A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*)?[ \t]*:[ \t]*[\d,.]+[ \t]*"
)
#: Words that follow a verb, not a noun: "(four) buys two", "(three) leads the".
_VERB_OBJECT = re.compile(
    rf"(?:{_W}|the|this|these|those|its|their|our|his|her|my|your)", re.IGNORECASE
)
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([A-Za-z]+(?:['’][a-z]+)?(?:-[A-Za-z]+)*)")
#: ``per day``, ``per barrel``, ``a day``, ``an hour``: the denominator of a rate; after
#: ``a``/``an`` only a unit of time or measure (``$38 a barrel``, not ``5 people a year
#: ago``, which the caller rules out).
_RATE = re.compile(
    r"\s+(?:per\s+(?P<den>[a-z]+(?:-[a-z]+)*)|an?\s+(?P<den2>year|month|week|day|hour|minute|"
    r"barrel|tonne|ton|gallon|litre|liter|kilo|kilogram|head|person|share|unit))\b(?!-)",
    re.IGNORECASE,
)
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL})\s+)?(?:(?P<count>a|one|two|three)[\s-])?"
    r"(?P<part>half|halves|thirds?|quarters?)\b(?P<of>\s+of\b)?",
    re.IGNORECASE,
)
_FRACTION_OF_PERCENT = re.compile(
    r"(?:\s+of)?\s+an?\s+(?P<unit>percentage\s+point|percent|per\s+cent|point)\b", re.IGNORECASE
)
_RATIO = re.compile(
    rf"(?<![\w.,])(?P<a>{_NUMBER})\s+(?:in|out\s+of)\s+(?P<b>{_NUMBER})(?![\w,.]\d)",
    re.IGNORECASE,
)
#: A hedge after the amount: ``Sixteen people approximately``, ``ten years or so`` (not
#: ``roughly``, which after a noun is as often the verb's adverb: ``5 people roughly agree``).
_POSTPOSED = re.compile(r"\s+(?:approximately|or\s+so)\b", re.IGNORECASE)
#: ``nearly a year``, ``less than a month``, ``a week ago``: one unit of time, stated.
_ONE_UNIT = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL})\s+)?an?\s+(?P<unit>{'|'.join(_DURATION_UNITS)})\b"
    r"(?P<ago>\s+ago\b)?",
    re.IGNORECASE,
)
#: What makes a bare ``a year`` a duration: the object of ``for`` or of a verb that
#: spends or takes time (``for a year``, ``spent a year``), or the next of a list of
#: durations (``two years in Oslo and a year in Rome``).
_ONE_UNIT_BEFORE = re.compile(
    r"(?:\b(?:for|within|spent|spend|spends|spending|took|take|takes|taking|lasted|lasts)"
    rf"|\b(?:{_DUR})s?\b[^.;:!?\n]{{0,40}}\b(?:and|or))\s+$",
    re.IGNORECASE,
)
_COUPLE = re.compile(
    rf"(?<![\w-])a\s+couple\s+(?P<unit>{'|'.join(_DURATION_UNITS)})s(?=\s+ago\b)", re.IGNORECASE
)
_TIMES = re.compile(r"\b(?P<word>twice|thrice)\b", re.IGNORECASE)

# Speed (issue 9): the finders' small patterns, compiled once and matched at an offset
# (``p.match(text, pos)``) or in a bounded window, never on ``text[pos:]`` or
# ``text[:pos]``, which copies the rest of the text at every match (quadratic in a
# long turn). Each matches exactly what the slice would: none looks behind its start.
_POSSESSIVE_END = re.compile(r"['’]s\s$")  # the three (four with a final newline) before
_SPACE_CAPITAL = re.compile(r"\s+[A-Z]")
_SPACE_LETTER = re.compile(r"\s+[A-Za-z]")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\]]|$)")
_AGO = re.compile(r"\s+ago\b")
_TWO_CAPITALISED = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]+[A-Z][a-z]+")
_LOWER = re.compile(r"[a-z]")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Figure:
    """A normalised figure: offsets relative to the text it was found in."""

    start: int
    end: int
    kind: str
    value: float | None
    value_max: float | None
    unit: str | None
    normalized: str | None
    qualifier: str | None


#: The only four letters that ``re.IGNORECASE`` takes for ASCII ones (dotted and
#: dotless i, long s, the Kelvin sign), each swapped for a letter it does not take for
#: one: a word the finders match case aside is then always the ASCII word their tables
#: hold (``thırd`` is no ``third``, and no ``KeyError``). One code point for one, so
#: every offset stays the same.
_ASCII_LOOKALIKES = str.maketrans("İıſ\u212a", "Ɩɩʃ\ua7b0")


def find_figures(text: str) -> list[Figure]:
    """All figures in ``text``, in order; where candidates overlap the longest wins."""
    text = text.translate(_ASCII_LOOKALIKES)
    folded = text.casefold()
    titled = _titled(text)
    found = [
        *(_dates(titled) if _has_any(titled, _MONTH_WORDS) else ()),
        *(_weekdays(titled) if _has_any(folded, _WEEKDAYS) else ()),
        *(_years(text) if _YEAR_DIGITS.search(text) else ()),
        *_short_decades(text),
        *_short_years(text),
        *(_ordinals(text) if _has_ordinal(text, folded) else ()),
        *_ratios(text),
        *(_even_split(text) if "50" in text or "fifty" in folded else ()),
        *(_fractions(text) if _has_any(folded, _FRACTION_WORDS) else ()),
        *(_times(text) if _has_any(folded, ("twice", "thrice")) else ()),
        *(_one_unit(text) if _has_any(folded, _DURATION_UNITS) else ()),
        *(_couple(text) if "couple" in folded else ()),
        *_amounts(text),
    ]
    blocked = (
        [(m.start(), m.end()) for m in _not_figures(text, folded).finditer(text)] if found else []
    )
    found = [
        f
        for f in found
        if not any(a < f.end and f.start < b for a, b in blocked) and not _marked(text, f)
    ]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Figure] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


#: A line written in capitals (``TUESDAY, 21 JANUARY 2014``).
_CAPITALS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{3}[^a-z\n]*$", re.MULTILINE)


def _titled(text: str) -> str:
    """``text`` with its lines in capitals written as titles (``Tuesday, 21 January
    2014``), so that the date finders, which know month and weekday names by their
    capital, read a date line in capitals; every offset stays the same."""
    if not _CAPITALS_LINE.search(text):
        return text
    titled = _CAPITALS_LINE.sub(lambda m: _TITLE_WORD.sub(_capitalized, m[0]), text)
    return titled if len(titled) == len(text) else text


#: A word in capitals, or the suffix of an ordinal day (``7TH``).
_TITLE_WORD = re.compile(r"(?P<suffix>(?<=\d)(?:ST|ND|RD|TH)(?![A-Z]))|[A-Z]+")


def _capitalized(word: re.Match) -> str:
    """A word of a line in capitals as a title writes it; an ordinal's suffix in lower
    case (``7TH APRIL`` -> ``7th April``)."""
    return word[0].lower() if word["suffix"] else word[0].capitalize()


def _marked(text: str, f: Figure) -> bool:
    """Whether figure ``f`` is an enumerator, part of a date stamp or a field's number
    (see ``_ENUMERATOR``, ``_ISO_STAMP``, ``_FIELD_LINE``)."""
    a, b = f.start, f.end
    if a and text[a - 1] in "([":
        m = _ENUMERATOR.match(text, a - 1)
        if m and m.end() == b + 1:
            return True
    if "-" in text[max(0, a - 1) : b + 1]:
        for m in _ISO_STAMP.finditer(text, max(0, a - 20), b + 20):
            if m.start() < b and a < m.end():
                return True
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    return (
        ":" in text[line_start:a] and _FIELD_LINE.fullmatch(text, line_start, line_end) is not None
    )


def _not_figures(text: str, folded: str) -> re.Pattern:
    """:data:`_NOT_FIGURES`, or where no address can be, :data:`_NOT_FIGURES_NUMBERS`."""
    if "@" in text or "://" in text or "www." in folded:
        return _NOT_FIGURES
    return _NOT_FIGURES_NUMBERS


#: What ``_DATE`` needs (a month name or abbreviation as written, capitalised) and what
#: ``_YEAR`` needs (its year's digits): a text without them is not scanned for either.
_MONTH_WORDS = (*_MONTH.split("|"), *_MON.split("|"))
_YEAR_DIGITS = re.compile(r"1[89]\d\d|20\d\d")
#: The digits of an ordinal (``\d+(?:st|nd|rd|th)`` in ``_ORD``), for :func:`_has_ordinal`.
_DIGIT_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)


def _has_ordinal(text: str, folded: str) -> bool:
    """Whether ``text`` holds an ordinal (a word of ``_ORDINALS`` or digits and a suffix),
    which both of :func:`_ordinals`' expressions need (``_ORD``): most texts hold none."""
    return _has_any(folded, _ORDINALS) or _DIGIT_ORDINAL.search(text) is not None


def _has_any(folded: str, words) -> bool:
    """Whether the case-folded text holds one of ``words``: a finder whose expression
    needs one of them (case aside) is not run over a text without any (a substring
    test costs far less than a regular expression tried at every position)."""
    return any(w in folded for w in words)


@lru_cache(maxsize=4096)  # the same numbers recur; the value depends only on the words
def parse_number(words: str) -> float | None:
    """The value of a number in digits or English words, or None if it is not one."""
    s = " ".join(words.lower().replace(",", "").split())
    if re.fullmatch(r"\d*\.?\d+", s):
        return float(s)
    s = re.sub(r"^half-a-", "half a ", s)
    if " point " in s:  # "three point six": the digits after "point" one by one
        integer, _, decimals = s.partition(" point ")
        digits = "".join(str(_UNITS.get(d, 0)) for d in decimals.split())
        base = parse_number(integer)
        return None if base is None else float(f"{_fmt(base)}.{digits}")
    if s.startswith("half a "):
        whole = parse_number("a " + s.removeprefix("half a "))
        return whole / 2 if whole else None
    if s.endswith(" trillion"):  # text2num stops at billions
        head = s.removesuffix(" trillion")
        count = 1.0 if head in ("a", "one") else parse_number(head)
        return count * 1e12 if count else None
    half = s.endswith(" and a half")
    s = s.removesuffix(" and a half")
    if half and re.fullmatch(r"\d*\.?\d+", s):
        return float(s) + 0.5  # "3 and a half" (million)
    s = re.sub(r"^(?:a|one) dozen$", "twelve", s)
    s = re.sub(r"^a (hundred|thousand|million|billion)", r"one \1", s)
    try:
        value = float(text2num(s.replace(" and ", " "), "en"))
    except ValueError:
        return None
    return value + 0.5 if half else value


def _is_year(num: str | None) -> bool:
    return num is not None and re.fullmatch(r"1[89]\d\d|20\d\d", num) is not None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _amounts(text: str):
    for m in _AMOUNT.finditer(text):
        num, unit, glued = m["num"], (m["unit"] or "").lower(), m["glued"]
        unit = _DURATION_ABBREVIATIONS.get(unit, unit)  # "41 mins" is 41 minutes
        if unit.startswith("of"):  # "0.2 of a percentage point"
            unit = " ".join(unit.split()[2:])
        code = m["code"] or m["code2"]  # "USD 5 million", "5 million USD"
        if m["code2"]:
            unit = ""
        value = parse_number(num)
        if m["num2"] and m["link"].strip() in ("-", "–", "—") and _score_line(text, m):
            for g in ("num", "num2"):  # "6-2, 6-3" on a line of its own: one count each
                v = float(m[g])
                yield Figure(m.start(g), m.end(g), "count", v, None, None, _fmt(v), None)
            continue
        if value is None or _identifier(_caseless(text, m.start()), m.start("num"), m):
            continue
        if m["rep"] and parse_number(m["rep"]) != value:
            continue  # only a number in words repeated in digits is one: "one (1) hour"
        after = text[m.end("num") : m.end("num") + 3]
        if re.match(r"['’]?s\b", after):
            continue  # a decade or an age ("their 80s"): see _years and _short_decades
        if re.match(r"[/+]\d", after) or (
            re.match(r"[^\W\d_]", after) and not (m["scale"] or m["unit"] or m["glued"])
        ):
            continue  # "24/7", "2+2", "5G", "70th": no amount
        if (
            num.lower() == "one"
            and (m["unit"] or "").lower() == "day"
            and not re.search(
                r"\b(?:in|for|within|per|than|only|just|a|every|each|first|last|single)\s+$",
                text[max(0, m.start() - 10) : m.start()],
                re.IGNORECASE,
            )
        ):
            continue  # "One day, we will meet": some day, no duration
        start, end = m.start(), m.end()
        hedge = None
        if not (glued or unit or m["scale"]) and re.match(r"\+(?![\d+])", text[end : end + 2]):
            hedge, end = "at_least", end + 1  # "50+ countries": 50 or more
            after_unit = _TIME_UNIT_AFTER.match(text, end)
            if after_unit:
                unit, end = after_unit["unit"].lower(), after_unit.end()
        if glued:  # "two-way", "five-year": only a time unit or -fold may be glued on
            if glued in _DURATION_ABBREVIATIONS and not unit:
                unit = _DURATION_ABBREVIATIONS[glued]  # "a 3-yr deal"
            elif glued.rstrip("s") in _DURATION_UNITS and not unit:
                unit = glued
            elif glued in _GLUED_HEDGES and not unit:  # "20-odd years", "30-plus members"
                hedge = _GLUED_HEDGES[glued]
                after_unit = _TIME_UNIT_AFTER.match(text, end)
                if after_unit:
                    unit, end = after_unit["unit"].lower(), after_unit.end()
            elif glued != "fold":
                if re.fullmatch(_DIGITS, num) is None:
                    continue
                end = m.end("num")
                unit = ""
        alternatives = m["link"] and m["link"].strip() == "or" and _is_year(num)
        if m["num2"] and ((m["between"] is None and m["link"].strip() == "and") or alternatives):
            end = m.end("num")  # "two and three" without "between", "2015 or 2016": two
            value2 = None
        else:
            value2 = parse_number(m["num2"]) if m["num2"] else None
            falling = value2 is not None and value2 < value and not _is_year(num)
            if falling and not (unit or m["cur"] or code or m["scale"] or m["between"]):
                continue  # "a 3-0 win": a score, not a range
        scale = _SCALES.get((m["scale"] or "").lower(), 1)
        if m["scale"] and m["scale"].lower() in {"m", "b", "k"} and not (m["cur"] or code):
            if m["scale"] == "m" and _plural_after(text, m.end("scale")):
                pass  # "1m people", "2.5m barrels": millions of a plural noun
            else:
                scale = 1
                end = min(end, m.start("scale"))
        if num.lower() == "one" and not (unit or m["cur"] or code or m["scale"] or value2):
            continue  # pronoun or determiner "one" (but "one or two" is a range)
        plain = not (unit or m["cur"] or code or m["scale"] or m["num2"])
        if plain and _is_year(num) and not (m["qual"] and _counted_noun(text, end, value)):
            continue  # a year, whatever word follows ("in 2021 totalled", "1990 levels")
        qualifier = _QUALIFIERS.get((m["qual"] or "").lower()) or hedge
        if m["between"] or value2 is not None:
            qualifier = "range" if value2 is not None else qualifier
        if m["between"] and value2 is None:
            start = m.start("qual") if m["qual"] else m.start("num") if not m["cur"] else start
        value *= -scale if m["neg"] else scale
        if value2 is not None:
            value2 *= scale
        currency = _currency(m["cur"], code, unit)
        kind, unit_out, normalized = _classify(value, unit, currency)
        if kind == "count" and unit_out is None:
            noun = _counted_noun(_caseless(text, start), end, value)
            if noun is None:
                hedged = m["qual"] or re.search(rf"[\s-](?:{_BIG})$", num)
                alone = _standing_alone(text, start, end)
                if not (re.fullmatch(_DIGITS, num) or hedged or value2 is not None or alone):
                    continue  # a bare number word: "the two", "two of them"
                if not value.is_integer():
                    kind = "quantity"  # a bare 2.5 measures something unnamed
                # else a count whose noun is elided: "more than 12,000", "14 of the 22 piers"
            else:
                unit_out, end = noun
        if kind == "duration":
            normalized = _duration(value, unit)
        rate = (
            _RATE.match(text, end) if unit_out and kind not in ("percent", "multiplier") else None
        )
        if rate and _AGO.match(text, rate.end()):
            rate = None  # "two years a year ago" is no rate
        den = rate and (rate["den"] or rate["den2"]).lower()
        if rate and den not in _NOT_NOUNS:
            kind, unit_out = "quantity", f"{unit_out}_per_{den}"
            normalized, end = _fmt(value), rate.end()
        after_hedge = _POSTPOSED.match(text, end)
        if after_hedge and qualifier is None and kind != "date":
            qualifier, end = "approximately", after_hedge.end()  # "16 people approximately"
        if unit_out is None and value2 is not None and _is_year(num):
            last = m["num2"]
            if re.fullmatch(r"\d\d", last) and int(last) > int(num[2:]):
                last = num[:2] + last  # "2011-12" is 2011 to 2012
                value2 = float(last)
            if _is_year(last) and m["link"].strip() in ("to", "and"):
                continue  # "from 2009 to 2015": two dates, each a year (see _years)
            if _is_year(last):
                kind, unit_out = "date", "year"
                normalized = f"{_fmt(value)}/{last}"  # an ISO 8601 interval of years
                yield Figure(start, end, kind, value, value2, unit_out, normalized, qualifier)
                continue
        if value2 is not None and value2 < value:  # "from 10 to 5 percent": two values
            first = m.start("cur") if m["cur"] else m.start("code") if m["code"] else m.start("num")
            second = m.start("cur2") if m["cur2"] else m.start("num2")
            for a, b, v in ((first, m.end("num"), value), (second, end, value2)):
                norm = _duration(v, unit) if kind == "duration" else _fmt(v)
                yield Figure(a, b, kind, v, None, unit_out, norm, None)
            continue
        if value2 is not None and kind != "date":
            normalized = None  # a range has no single value: see value and value_max
        yield Figure(start, end, kind, value, value2, unit_out, normalized, qualifier)


#: A line of scores alone: ``6-2, 6-3``, ``31 - 28``.
_SCORE = r"\d{1,3}[ \t]*[-–—][ \t]*\d{1,3}"
_SCORE_LINE = re.compile(rf"[ \t]*{_SCORE}(?:[ \t]*[,;][ \t]*{_SCORE})*[ \t]*")


def _score_line(text: str, m: re.Match) -> bool:
    """Whether ``m`` (a number, a dash and a number) is on a line of scores alone, as in a
    match report's result line: each number is then a count, as in ``Europe - 15``."""
    a = text.rfind("\n", 0, m.start()) + 1
    b = text.find("\n", m.end())
    b = len(text) if b < 0 else b
    return not _is_year(m["num"]) and _SCORE_LINE.fullmatch(text, a, b) is not None


#: Punctuation that ends a clause after a number (not a list of numbers: ``nine, ten``).
_NUMBER_CLAUSE_END = re.compile(rf"[ \t]*(?:[.;!?]|,(?![ \t]*(?:\d|(?:{_W})\b))|$)", re.IGNORECASE)
#: A determiner before a bare number word: ``the two.`` is a noun phrase with its noun
#: left out, a pronoun rather than an amount.
_DETERMINED = re.compile(
    r"\b(?:the|these|those|all|both|of|my|our|your|his|her|their|its)[ \t]+$", re.IGNORECASE
)


def _standing_alone(text: str, start: int, end: int) -> bool:
    """A number in words that is a whole answer or clause: ``Zero, not in the least``,
    ``six percent versus four point nine.``: punctuation ends it, no determiner or naming
    word before (``the two.``, ``Part three.``, ``Question three.``)."""
    if _NUMBER_CLAUSE_END.match(text, end) is None:
        return False
    if _DETERMINED.search(text, max(0, start - 8), start):
        return False
    before = re.search(r"([A-Za-z]+)\.?[ \t]+$", text[max(0, start - 20) : start])
    return not (before and _identifier_word(before[1]))  # "Question three."


#: Words glued after a number that hedge it: ``20-odd`` (about 20), ``30-plus`` (30 or more).
_GLUED_HEDGES = {"odd": "approximately", "plus": "at_least"}
#: A unit of time after a hedged number (``20-odd years``).
_TIME_UNIT_AFTER = re.compile(rf"[ \t]+(?P<unit>(?:{_DUR})s?)\b", re.IGNORECASE)


def _caseless(text: str, at: int) -> str:
    """``text`` in lower case when the line around ``at`` is written in capitals (a
    transcript in capitals: ``500,000 BARRELS``), so that its nouns read as nouns."""
    a, b = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[a : b if b >= 0 else len(text)]
    if _LOWER.search(line) or not _TWO_CAPITALS.search(line):
        return text
    lower = text.lower()
    return lower if len(lower) == len(text) else text  # offsets must stay the same


#: A naming word and its numbers so far, before one more: ``Tier 2, `` (``3 cities``).
_LISTED = re.compile(
    r"([A-Za-z]+)\.?[ \t]+\d+(?:[ \t]*(?:,|&|and|or)[ \t]*\d+)*[ \t]*(?:,|&|and|or)[ \t]*$"
)


def _identifier(text: str, start: int, m: re.Match) -> bool:
    """A number that names rather than measures: ``Article 5``, ``Boeing 737``, ``page 3``,
    both numbers of ``part 3 of 3``, a page marker ``-2-``, and a number that opens a
    name (``10 Downing Street``: two capitalised words follow and no noun)."""
    if m["qual"] or m["cur"] or m["code"] or m["between"]:
        return False
    if re.match(r"-\d+-(?!\w)", text[start - 1 : m.end("num") + 1]) and not m["unit"]:
        return True  # "-2-": a page or part marker
    window = text[max(0, start - 30) : start]
    tail = window.rstrip(" \t")  # the two searches below only where they can match
    if (
        tail.endswith(("-", "–", "—"))
        and re.search(r"\b[A-Z]{2,}[ \t]*[-–—][ \t]*$", window)
        and not (m["unit"] or m["scale"])
    ):
        return True  # "COVID – 19", "F - 16": an acronym and its number are one name
    listed = tail.endswith((",", "&", "and", "or")) and _LISTED.search(window)
    if listed and _identifier_word(listed[1]):
        return True  # "Tier 2, 3 cities", "Articles 5 and 6": the list goes on naming
    if _TWO_CAPITALISED.match(text, m.end("num")) and not (m["unit"] or m["scale"] or m["num2"]):
        return True  # "10 News First Breakfast": the number opens a name
    first = re.search(r"([A-Za-z]+)\.?\s+\d+\s+of\s+$", window)
    if first and _identifier_word(first[1]):
        return True  # the second number of "part 3 of 3"
    before = re.search(r"([A-Za-z]+)\.?\s+$", window)
    if not before:
        return False
    if re.search(r"(?:^|[.!?:]\s+)[A-Z][a-z]+\s+$", window) and not re.fullmatch(_DIGITS, m["num"]):
        return False  # "Pick two": a capital that opens a sentence names nothing
    word = before[1]
    if before[0].startswith(f"{word}.") and m["num"][0].isupper():
        return False  # "Africa. Six months ago": a new sentence
    if word.lower() == "no" and not m["num"][0].isdigit():
        return False  # "No. Sixty votes": an answer, then a number
    return _identifier_word(word)


def _identifier_word(word: str) -> bool:
    """A word after which a number names: an identifying noun or a capitalised word."""
    if word.lower() in _IDENTIFYING_NOUNS:
        return True
    return word[0].isupper() and word.lower() not in STOP_WORDS and word.lower() not in _MONTHS


def _currency(symbol: str | None, code: str | None, unit: str) -> str | None:
    if symbol:  # matched case aside: ``RS 5`` in a line in capitals
        return _CURRENCY_SYMBOLS.get(symbol) or _SYMBOLS_FOLDED[symbol.casefold()]
    if code:
        return code.upper()
    word = unit.rstrip("s").split()[-1] if unit else ""
    return _CURRENCY_WORDS.get(word)


def _classify(value: float, unit: str, currency: str | None):
    """kind, unit and normalized value of an amount."""
    u = unit.rstrip("s") if unit not in {"bps", "bcm"} else unit
    if currency:
        return "money", currency, _fmt(value)
    if unit in {"%", "pct", "pc"} or unit.startswith(("percent", "per")):
        if "point" in unit:
            return "percent", "percentage_point", _fmt(value)
        return "percent", "percent", _fmt(value)
    if unit.startswith("basis") or unit == "bps":
        return "percent", "basis_point", _fmt(value)
    if unit in ("times", "x") or unit.endswith("fold"):
        return "multiplier", "times", _fmt(value)
    if u in _DURATION_UNITS or unit == "centuries":
        name = "century" if unit == "centuries" else u
        return "duration", name, "duration"
    if u in _QUANTITY_UNITS or unit in _QUANTITY_UNITS:
        return "quantity", _QUANTITY_UNITS.get(u) or _QUANTITY_UNITS.get(unit), _fmt(value)
    return "count", None, _fmt(value)


def _duration(value: float, unit: str) -> str:
    u = "century" if unit.lower() == "centuries" else unit.lower().rstrip("s")
    amount = value * _DURATION_FACTOR.get(u, 1)
    designator = _DURATION_UNITS[u]
    prefix = "PT" if u in {"hour", "minute", "second"} else "P"
    return f"{prefix}{_fmt(amount)}{designator}"


def _counted_noun(text: str, end: int, value: float) -> tuple[str, int] | None:
    """The noun a number counts and its end: ``five littoral states`` -> states, ``three
    Baltic states`` -> states. The noun must be a noun (plural unless the value is 1), not
    a verb (``2021 totalled``), a name or a proper adjective (``the first Nordic``): with
    no such word within two words, None, never a guess."""
    words = _words_after(text, end, 3)
    if not words:
        return None
    noun = _plural_noun if value != 1 else _singular_noun
    (w1, e1), rest = words[0], words[1:]
    if w1 in ("most", "least") and len(rest) == 2 and rest[0][0].islower() and noun(rest[1][0]):
        return rest[1]  # "the two most important people"
    if rest and _modifier(w1):
        w2, e2 = rest[0]
        if noun(w2) and (not noun(w1) or _adjectival(w1) or w1[0].isupper()):
            return w2, e2  # "five littoral states", "two oil fields", "three Baltic states"
        if len(rest) > 1 and _modifier(w2) and not noun(w1) and noun(rest[1][0]):
            return rest[1]  # "three major new plants"
    if noun(w1) and not (rest and _VERB_OBJECT.fullmatch(rest[0][0])):
        return w1, e1  # but in "a family of four buys two loaves", "buys" is a verb
    return None


def _words_after(text: str, end: int, n: int) -> list[tuple[str, int]]:
    """Up to ``n`` words after ``end``, separated only by spaces, with their ends."""
    out: list[tuple[str, int]] = []
    for m in _WORD_AFTER.finditer(text, end):
        if m.start() != end or len(out) == n:
            break
        out.append((m[1], m.end(1)))
        end = m.end()
    return out


def _plural_noun(word: str) -> bool:
    """A word that can be the plural noun a number counts (``states``, ``people``,
    ``NGOs``, ``Russians``), by its form (see the module docs)."""
    if re.fullmatch(r"[A-Z]{2,}s|[A-Z][a-z]+(?:ans|anis)|[B-HJ-Z]s", word):
        return True  # "five NGOs", "3,000 Russians", "five Cs" (not "As", "Is": words)
    w = word.lower()
    if not word.islower() or w in _NOT_NOUNS or w in _NUMBER_WORDS:
        return False
    if w in _PLURALS:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _singular_noun(word: str) -> bool:
    """A word that can be the noun after ``1`` (``1 vote``): lower case, no stop word,
    no past tense (``-ed``) or adverb (``-ly``)."""
    w = word.lower()
    return (
        word.islower()
        and w not in _NOT_NOUNS
        and w not in _NUMBER_WORDS
        and not w.endswith(("ed", "ly"))
    )


def _modifier(word: str) -> bool:
    """A word that may stand between a number and its noun: an adjective or noun in
    lower case, or a proper adjective or acronym (``Baltic``, ``EU``)."""
    w = word.lower()
    return w not in _NOT_NOUNS and w not in _NUMBER_WORDS and (word.islower() or word[0].isupper())


def _adjectival(word: str) -> bool:
    return word.endswith(("al", "ive", "ic", "ous", "ern", "ful", "ian", "ary", "ing", "ed")) or (
        word in {"new", "big", "major", "main", "large", "small", "other", "more", "key", "old"}
    )


def _dates(text: str):
    """Month names with or without day and year, a weekday before them kept in the span."""
    for m in _DATE.finditer(text):
        month = (
            _MONTHS[m["month"].lower()] if m["month"] else _MONTH_ABBREVIATIONS[m["abbr"].lower()]
        )
        day = m["day1"] or m["day2"]
        year, end = m["year"], m.end()
        if year and "," in text[m.start() : m.start("year")] and _counted_noun(text, end, 2.0):
            year = None  # "on 5 May, 2000 people marched": the number counts people
            end = text.rindex(",", m.start(), m.start("year"))
        dayto = m["dayto"] or m["dayto2"]
        if m["dayto2"] and not int(m["day2"]) < int(m["dayto2"]) <= 31:
            year, dayto, end = None, None, m.end("day2")  # "June 2-0": a score after a date
        bare = not (day or year or m["qual"])
        if bare and (m["abbr"] or not _introduced_as_time(text, m.start(), m["month"])):
            continue  # a bare month name must be introduced as a time ("May I", "March on")
        if year:
            normalized = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            value = float(year)
        else:
            normalized = f"--{month:02d}" + (f"-{int(day):02d}" if day else "")
            value = None
        qualifier = _DATE_QUALIFIERS.get((m["qual"] or "").lower().rstrip())
        if dayto:  # "20-21 March 2019", "June 2-3": an ISO 8601 interval, its end abbreviated
            normalized, qualifier = f"{normalized}/{int(dayto):02d}", "range"
        yield Figure(m.start(), end, "date", value, None, "month", normalized, qualifier)


def _introduced_as_time(text: str, start: int, month: str) -> bool:
    """``in March``, ``from March to June``, ``March and April``; ``May`` only after a
    word that cannot come before the modal verb or the name (not ``to May``)."""
    before = text[max(0, start - 40) : start]
    if _DATE_LINK.search(before):
        return True
    if _DETERMINER.search(before) and _SPACE_LETTER.match(text, start + len(month)):
        return True  # "our April forecast", "the March meeting": the month of a thing
    word = _TIME_WORDS.search(before)
    if not word:
        return False
    return month != "May" or word.group().split()[0].lower() not in ("to", "for", "of", "on")


def _weekdays(text: str):
    """``on Tuesday``: the day of an unknown week, ISO 8601 week-date form ``XXXX-WXX-2``.
    ``last Tuesday``, ``next Friday``, ``every Monday`` are relative or recurring: not
    figures (as ``last year``)."""
    for m in _WEEKDAY_DATE.finditer(text):
        if m["rel"] or not m["day"][0].isupper():
            continue
        number = _WEEKDAYS[m["day"].lower()]
        yield Figure(m.start("day"), m.end(), "date", None, None, "weekday",
                     f"XXXX-WXX-{number}", None)  # fmt: skip


def _years(text: str):
    for m in _YEAR.finditer(text):
        year = m["year"]
        start = m.start()
        qualifier = _DATE_QUALIFIERS.get((m["qual"] or "").lower().rstrip())
        if m["decade"]:
            if m["qual"] is None and m["the"] is None:
                start = m.start("year")
            yield Figure(start, m.end(), "date", float(year), None, "decade", year[:3], qualifier)
            continue
        if m["the"] and m["qual"] is None:
            start = m.start("year")
        fiscal = _FISCAL.match(text, m.end("year"))
        if fiscal and int(fiscal["next"][-2:]) == (int(year) + 1) % 100:
            last = str(int(year) + 1)  # "2014/15", "2014/2015": a fiscal or school year
            yield Figure(start, fiscal.end(), "date", float(year), float(last), "year",
                         f"{year}/{last}", "range")  # fmt: skip
            continue
        yield Figure(start, m.end("year"), "date", float(year), None, "year", year, qualifier)


def _short_years(text: str):
    """``’21``: the century is the one POSIX ``strptime`` gives ``%y`` (69-99 are the
    1900s, 00-68 the 2000s), so that the same text always gives the same year."""
    for m in _SHORT_YEAR.finditer(text):
        after = _words_after(text, m.end(), 1)
        if after and (_plural_noun(after[0][0]) or after[0][0].lower() in ("percent", "per")):
            continue  # "'15 people died'": a quotation that opens with a number
        yy = int(m["yy"])
        year = 1900 + yy if yy >= 69 else 2000 + yy
        yield Figure(m.start(), m.end(), "date", float(year), None, "year", str(year), None)


def _short_decades(text: str):
    apostrophes = _APOSTROPHE_DECADE.finditer(text) if "0s" in text else ()
    for m in (*_SHORT_DECADE.finditer(text), *apostrophes):
        qualifier = _DATE_QUALIFIERS.get((m.groupdict().get("qual") or "").lower().rstrip())
        decade = "19" + m["decade"]
        yield Figure(m.start(), m.end(), "date", float(decade), None, "decade", decade[:3],
                     qualifier)  # fmt: skip


def _ratios(text: str):
    """``one in three``, ``2 out of 5``: a share, normalised as a fraction."""
    for m in _RATIO.finditer(text):
        a, b = parse_number(m["a"]), parse_number(m["b"])
        if a is None or not b or a > b or _is_year(m["b"]):
            continue  # "2 in 2019" is no share
        yield Figure(m.start(), m.end(), "quantity", a / b, None, "ratio",
                     f"{_fmt(a)}/{_fmt(b)}", None)  # fmt: skip


#: ``50/50``, ``50-50``, ``fifty-fifty``: an even split (odds, shares), one half.
_EVEN = re.compile(r"(?<![\w./-])(?:50[ \t]*[/-][ \t]*50|fifty[ \t-]fifty)(?![\w/-]|[.,]\d)", re.I)


def _even_split(text: str):
    """``50/50``: even odds or shares, the fraction one half (not a range from 50 to 50)."""
    for m in _EVEN.finditer(text):
        yield Figure(m.start(), m.end(), "quantity", 0.5, None, "fraction", "1/2", None)


def _fractions(text: str):
    """``a third``, ``two-thirds``, ``more than half``: a share of a whole."""
    for m in _FRACTION.finditer(text):
        part = m["part"].lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        counted = m["count"] and (
            m["count"].lower() not in ("a", "one") or text[m.end("count")] == "-"
        )  # "two thirds", "one-third"; but "a third country" is another one
        count = parse_number(m["count"].replace("a", "one") if m["count"] else "one") or 1.0
        denominator = _FRACTION_WORDS[part]
        end = m.end("part")
        qualifier = _QUALIFIERS.get((m["qual"] or "").lower())
        percent = _FRACTION_OF_PERCENT.match(text, end)
        if percent:  # "half a percent", "a quarter of a percentage point"
            unit = "percentage_point" if "point" in percent["unit"].lower() else "percent"
            value = count / denominator
            yield Figure(m.start(), percent.end(), "percent", value, None, unit, _fmt(value),
                         qualifier)  # fmt: skip
            continue
        if not (counted or m["qual"] or m["of"]) or re.search(r"(first|second)\s+$", before):
            continue  # "the first half" is a period; "a third country" is another one
        yield Figure(m.start(), end, "quantity", count / denominator, None, "fraction",
                     f"{_fmt(count)}/{denominator}", qualifier)  # fmt: skip


def _one_unit(text: str):
    """``nearly a year``, ``less than a month``, ``a week ago``, ``for a year``: a duration
    of one unit when a hedge bounds it, ``ago`` measures back with it, or it is stated as
    a length of time (``_ONE_UNIT_BEFORE``); a bare ``a year`` (``twice a year``, ``a year
    of talks``) is left alone."""
    for m in _ONE_UNIT.finditer(text):
        qualifier = _QUALIFIERS.get((m["qual"] or "").lower())
        if (m["qual"] or "").lower() == "some":
            continue
        if not (qualifier or m["ago"]) and not _ONE_UNIT_BEFORE.search(
            text[max(0, m.start() - 60) : m.start()]
        ):
            continue
        unit = m["unit"].lower()
        yield Figure(m.start(), m.end("unit"), "duration", 1.0, None, unit, _duration(1, unit),
                     qualifier)  # fmt: skip


def _couple(text: str):
    """``a couple days ago``: about two units of time, measured back with ``ago``;
    ``a couple of years`` (with ``of``) is vague, and no figure."""
    for m in _COUPLE.finditer(text):
        unit = m["unit"].lower()
        yield Figure(m.start(), m.end(), "duration", 2.0, None, unit, _duration(2, unit),
                     "approximately")  # fmt: skip


def _times(text: str):
    """``twice``, ``thrice``: multipliers in one word."""
    for m in _TIMES.finditer(text):
        value = 2.0 if m["word"].lower() == "twice" else 3.0
        yield Figure(m.start(), m.end(), "multiplier", value, None, "times", _fmt(value), None)


def _ordinals(text: str):
    """``The fifth roadmap``, ``the first Nordic country``, ``Russia's second-largest
    partner``: a determiner (or possessive), the ordinal and the noun it ranks, past
    proper adjectives and superlatives; with no lower-case noun there is no figure."""
    for m in _ORDINAL.finditer(text):
        word = m["ord"].lower()
        value = _ordinal_value(word)
        noun: tuple[str | None, int] | None = _ranked_noun(text, m.end())
        # "40th anniversary": a digit ordinal alone, without determiner or possessive
        bare = not (
            m["det"] or m["poss"] or _POSSESSIVE_END.search(text, max(0, m.start() - 4), m.start())
        )
        if noun is None and word[0].isdigit() and not bare and _SPACE_CAPITAL.match(text, m.end()):
            noun = (None, m.end())  # "the 19th Party Congress": a name, so no unit
        if noun is None and _day_of_month(text, m, value):
            yield Figure(m.start(), m.end(), "date", None, None, "day", f"---{int(value):02d}",
                         None)  # fmt: skip
            continue
        if noun is None or noun[0] in _NOT_RANKED:
            continue
        before = text[max(0, m.start() - 4) : m.start()]
        if noun[0] == "place" and re.search(r"\b[Ii]n\s+$", before):
            continue  # "in the first place" means "firstly"
        if (m["poss"] or "").lower() == "that" and _plural_after(text, noun[1]):
            continue  # "hope that second round effects": a conjunction, no demonstrative
        if noun[0] is not None and noun[0] != "time":
            noun = _compound(text, noun[0], noun[1])  # "the first interest rate hike"
        start = m.start() if m["det"] else m.start("ord")  # a possessive is left out
        yield Figure(start, noun[1], "ordinal", float(value), None, noun[0], _fmt(value), None)
    for m in _RANK.finditer(text):
        if re.search(r"\b[Ii]n\s+the\s+$", text[max(0, m.start() - 8) : m.start()]):
            continue
        word = (m["ord"] or m["ord2"]).lower()
        value = _ordinal_value(word)
        start = m.start("ord") if m["ord"] else m.start("ord2")
        end = m.end() if m["ord"] else m.end("ord2")
        yield Figure(start, end, "ordinal", float(value), None, "place" if m["ord"] else "rank",
                     _fmt(value), None)  # fmt: skip


def _ordinal_value(word: str) -> float:
    """``first`` 1, ``twenty-first`` 21, ``40th`` 40 (``word`` in lower case)."""
    if word[0].isdigit():
        return float(re.sub(r"\D", "", word))
    tens, _, unit = word.rpartition("-")
    return float(_UNITS.get(tens, 0) + _ORDINALS[unit])


#: A word before ``the 10th`` that makes it a day: ``on the 10th``, ``today is the 10th``.
_DAY_BEFORE = re.compile(
    r"\b(?:on|by|until|till|since|from|before|after|through|between"
    r"|(?:today|tomorrow|yesterday|it|date)(?:\s+(?:is|was)|['’]s))\s+$",
    re.IGNORECASE,
)


def _day_of_month(text: str, m: re.Match, value: float) -> bool:
    """``today is the 10th.``, ``by the 3rd,``: a digit ordinal with ``the`` that ranks no
    noun, after a word of time, is a day of the month (ISO 8601 ``---10``)."""
    if m["det"] is None or m["det"].lower() != "the" or not m["ord"][0].isdigit():
        return False
    if not 1 <= value <= 31 or not _CLAUSE_END.match(text, m.end()):
        return False
    return _DAY_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) is not None


def _plural_after(text: str, end: int) -> bool:
    after = _words_after(text, end, 1)
    return bool(after) and _plural_noun(after[0][0])


def _compound(text: str, noun: str, end: int) -> tuple[str, int]:
    """The head of a compound noun that starts at ``noun``: ``interest rate hike``,
    ``state visit``, ``woman president``. Up to two more singular nouns in lower case
    (no stop word, verb form or adverb) follow the ranked noun; the last is the head."""
    if noun.endswith("s") or noun in _PLURALS:
        return noun, end  # "the first days in office": a plural ends the phrase
    for word, word_end in _words_after(text, end, 2):
        w = word.lower()
        if not (word.islower() and word.isalpha() and len(w) > 2) or w in _NOT_COMPOUND:
            break
        if w in _NOT_NOUNS or w in _NUMBER_WORDS or w in _PLURALS or w in _IRREGULAR_PAST:
            break
        if w.endswith(("s", "ed", "ly", "ing")):
            break  # "the first woman leads", "the first round ended", "... slowly"
        noun, end = word, word_end
    return noun, end


def _ranked_noun(text: str, end: int) -> tuple[str, int] | None:
    """The lower-case noun an ordinal ranks, within three words."""
    words = _words_after(text, end, 4)
    after_most = False
    for n, (word, word_end) in enumerate(words):
        w = word.lower()
        last = n == len(words) - 1
        if after_most:
            after_most = False
            if last or not word.islower():
                return None  # "the second most visited", "the second most I know"
            continue  # "the third most important partner"
        if not word.islower():
            if word[0].isupper() and not last and word != "I":
                continue  # a proper adjective: "the first Nordic country"
            return None
        if w in ("most", "least") or (w.endswith("est") and w not in _EST_NOUNS):
            after_most = w in ("most", "least")
            continue  # "the second largest economy"
        if (w in _NOT_NOUNS and w not in _STOP_NOUNS) or w in _NUMBER_WORDS:
            return None
        following = None if last else words[n + 1][0]
        if _adjectival(w) and following and following.islower() and following not in _NOT_NOUNS:
            continue  # "the first official visit"
        return word, word_end
    return None
