"""A static site from a published package: an index page and one annotated transcript
page per interview.

    builder site [--out DIR] [PACKAGE]

Everything comes from the package as published (:mod:`builder.published`), so the site
can be made from a downloaded release. Each page is plain HTML with one stylesheet and
one small script next to it; nothing is fetched from anywhere else, the pages read well
with the script off, and two runs write byte-identical files. The text of every title,
intro, question and answer on a page is its transcript's ``source[char_start:char_end]``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from builder.annotate import Span, annotate
from builder.charts import Bar, bar_chart
from builder.errors import BuildError
from builder.metadata import schema_org
from builder.published import SLUG, PublishedPackage

#: Colours of the pages: every pair of text and background here passes WCAG AA (tested).
INK = "#1b1b1b"
PAPER = "#ffffff"
MUTED = "#4d4d4d"
LINK = "#0b4f9c"
PANEL = "#f3f3f0"
RULE = "#767676"
HIGHLIGHT = "#ffd93b"
FIGURE = "#e2ecfa"
OTHER_TYPE = "#e4e4e4"
#: Background of a mention, by OntoNotes type; the type is also written after it.
TYPE_COLOURS = {
    "GPE": "#fddca0",
    "LOC": "#ffcfb3",
    "ORG": "#b9ecec",
    "FAC": "#cde0e1",
    "NORP": "#e6d2fb",
    "PERSON": "#d8d0fd",
    "LAW": "#ffc8d2",
    "EVENT": "#fbeea2",
    "PRODUCT": "#d2f0ca",
    "WORK_OF_ART": "#f3daff",
    "LANGUAGE": "#dcdcdc",
}
TYPE_NAMES = {
    "GPE": "countries, cities, states",
    "LOC": "seas, regions",
    "ORG": "organisations, companies",
    "FAC": "infrastructure",
    "NORP": "nationalities, groups",
    "PERSON": "people",
    "LAW": "treaties, laws",
    "EVENT": "events",
    "PRODUCT": "products",
    "WORK_OF_ART": "works",
    "LANGUAGE": "languages",
}
TOP_ENTITIES = 20
#: Columns of interviews the pages show when present (an older package may lack some).
_OPTIONAL = (
    "title_char_start",
    "title_char_end",
    "intro",
    "intro_char_start",
    "intro_char_end",
    "publisher",
    "source_url",
    "published",
    "language",
    "interviewee_role",
    "interviewee",
    "interviewee_note",
    "interviewer",
)
_COLUMNS = {
    "interviews": ("interview_id", "title", "source_path"),
    "questions": ("question_id", "interview_id", "seq", "text", "char_start", "char_end"),
    "answers": ("answer_id", "interview_id", "seq", "text", "char_start", "char_end"),
    "entities": ("entity_id", "name", "type"),
    "entity_mentions": ("mention_id", "entity_id", "interview_id", "char_start", "char_end"),
    "figures": ("figure_id", "interview_id", "text", "char_start", "char_end", "kind"),
}


@dataclass(frozen=True)
class Turn:
    """A question or an answer as shown: its id is the element's id."""

    id: str
    kind: str
    seq: int
    label: Markup | None
    speaker: str | None
    start: int
    end: int
    html: Markup


@dataclass(frozen=True)
class EntityItem:
    id: str
    name: str
    category: str | None
    iso: str | None
    wikidata: str | None
    count: int
    first: str


@dataclass(frozen=True)
class Group:
    """Entities of one type (or figures of one kind) on a page."""

    key: str
    description: str
    count: int
    entities: tuple[EntityItem, ...] = ()
    figures: tuple[dict, ...] = ()


@dataclass
class InterviewPage:
    row: dict
    file: str
    title_html: Markup
    intro_html: Markup | None
    turns: list[Turn]
    types: list[Group]
    kinds: list[Group]
    n_mentions: int
    n_figures: int
    n_entities: int


@dataclass
class Site:
    """What ``build_site`` wrote."""

    out: Path
    files: list[str]


def build_site(package_dir: Path, out: Path) -> Site:
    """Write the site of the package in ``package_dir`` into ``out``."""
    pkg = PublishedPackage.open(package_dir)
    tables = {t: pkg.table(t, cols) for t, cols in _COLUMNS.items()}
    entities = {e["entity_id"]: e for e in tables["entities"]}
    by_interview: dict[str, dict[str, list[dict]]] = {}
    for name in ("questions", "answers", "entity_mentions", "figures"):
        for r in tables[name]:
            by_interview.setdefault(r["interview_id"], {}).setdefault(name, []).append(r)
    pages = [
        _interview(pkg, row, by_interview.get(row["interview_id"], {}), entities)
        for row in _sorted_interviews(tables, pkg)
    ]
    env = Environment(
        loader=PackageLoader("builder", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    theme = _theme(tables["entities"])
    context = {"package": _package_facts(pkg), "theme": theme}
    files = {
        "site.css": env.get_template("site.css").render(theme=theme),
        "site.js": env.get_template("site.js").render(),
        "index.html": env.get_template("index.html").render(
            pages=pages, charts=_charts(tables, entities, pages), **context
        ),
    }
    for page in pages:
        files[page.file] = env.get_template("interview.html").render(page=page, **context)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        (out / name).write_bytes(text.encode("utf-8"))
    return Site(out, sorted(files))


def _sorted_interviews(tables: dict[str, list[dict]], pkg: PublishedPackage) -> list[dict]:
    for row in tables["interviews"]:
        iid = row["interview_id"]
        if not isinstance(iid, str) or not SLUG.fullmatch(iid) or iid == "index":
            raise BuildError(
                f"interview_id {iid!r} cannot name a page (lower-case letters, digits and "
                "single hyphens, not `index`)",
                pkg.root / "datapackage.json",
                None,
                "rebuild the package with a current `builder build`",
            )
    rows = [{**dict.fromkeys(_OPTIONAL), **r} for r in tables["interviews"]]
    return sorted(rows, key=lambda r: r["interview_id"])


def _css_name(value: object) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(value))


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _entity_tip(e: dict) -> str:
    parts = [f"{e['name']}: {e['type']}" + (f" ({e['category']})" if e.get("category") else "")]
    if e.get("iso_3166_1_alpha_2"):
        parts.append(f"ISO 3166-1 {e['iso_3166_1_alpha_2']}")
    if e.get("wikidata_id"):
        parts.append(f"Wikidata {e['wikidata_id']}")
    return " · ".join(parts)


def _figure_tip(f: dict) -> str:
    value = _number(f.get("value"))
    if f.get("value_max") is not None:
        value += f"–{_number(f['value_max'])}"
    parts = [f"{f['kind']}: {value} {f.get('unit') or ''}".rstrip(" :")]
    if f.get("normalized"):
        parts.append(f"normalized {f['normalized']}")
    if f.get("qualifier"):
        parts.append(f"qualifier {f['qualifier']}")
    return " · ".join(parts)


def _spans(
    mentions: list[dict], figures: list[dict], entities: dict[str, dict], pkg: PublishedPackage
) -> list[Span]:
    spans = []
    for m in mentions:
        e = entities.get(m["entity_id"])
        if e is None:
            raise BuildError(
                f"mention {m['mention_id']} names entity {m['entity_id']!r}, not in entities",
                pkg.root / "datapackage.json",
                None,
                "run `builder validate` on the package",
            )
        kind = _css_name(e["type"])
        spans.append(
            Span(
                m["char_start"],
                m["char_end"],
                (
                    ("id", m["mention_id"]),
                    ("class", f"ent t-{kind}"),
                    ("data-entity-id", m["entity_id"]),
                    ("data-type", kind),
                    ("title", _entity_tip(e)),
                )
                + ((("data-wikidata", e["wikidata_id"]),) if e.get("wikidata_id") else ()),
                (
                    ("class", f"ent t-{kind} part"),
                    ("data-entity-part", m["entity_id"]),
                    ("data-type", kind),
                    ("title", _entity_tip(e)),
                ),
                order=0,
            )
        )
    for f in figures:
        common = (("data-kind", _css_name(f["kind"])), ("title", _figure_tip(f)))
        spans.append(
            Span(
                f["char_start"],
                f["char_end"],
                (("id", f["figure_id"]), ("class", "fig"), ("data-figure-id", f["figure_id"]))
                + common,
                (("class", "fig part"), ("data-figure-part", f["figure_id"])) + common,
                order=1,
            )
        )
    return spans


def _interview(
    pkg: PublishedPackage, row: dict, rows: dict[str, list[dict]], entities: dict[str, dict]
) -> InterviewPage:
    """One interview's page; ``rows`` holds its questions, answers, mentions, figures."""
    iid = row["interview_id"]
    source = pkg.source_text(row)
    mine = {t: rows.get(t, []) for t in ("questions", "answers", "entity_mentions", "figures")}
    turn_rows = [("question", r) for r in mine["questions"]] + [
        ("answer", r) for r in mine["answers"]
    ]
    regions = [(r["char_start"], r["char_end"], r[kind + "_id"]) for kind, r in turn_rows]
    regions += [  # labels too, should mentions ever be found in them (speakers' names)
        (r["label_char_start"], r["label_char_end"], r[kind + "_id"] + "/label")
        for kind, r in turn_rows
        if r.get("label_char_start") is not None and r.get("label_char_end") is not None
    ]
    for key in ("title", "intro"):
        if row.get(f"{key}_char_start") is not None:
            regions.append((row[f"{key}_char_start"], row[f"{key}_char_end"], key))
    quoted = [(r[kind + "_id"], r["char_start"], r["char_end"], r["text"]) for kind, r in turn_rows]
    if row.get("intro_char_start") is not None and row.get("intro") is not None:
        quoted.append(("intro", row["intro_char_start"], row["intro_char_end"], row["intro"]))
    for key, start, end, text in quoted:
        if source[start:end] != text:
            raise BuildError(
                f"{key} of {iid}: text differs from the transcript at {start}-{end}",
                pkg.root / row["source_path"],
                source.count("\n", 0, start) + 1,
                "run `builder validate` on the package",
            )
    regions.sort()
    starts = [r[0] for r in regions]
    by_region: dict[str, list[Span]] = {key: [] for _, _, key in regions}
    for span in _spans(mine["entity_mentions"], mine["figures"], entities, pkg):
        i = bisect.bisect_right(starts, span.start) - 1
        if i < 0 or span.end > regions[i][1] or span.start >= span.end:
            raise BuildError(
                f"{dict(span.attrs)['id']} ({span.start}-{span.end}) is not inside one title, "
                "intro, question, answer or label",
                pkg.root / row["source_path"],
                source.count("\n", 0, span.start) + 1,
                "run `builder validate` on the package",
            )
        by_region[regions[i][2]].append(span)

    def html(start: int, end: int, key: str) -> Markup:
        return annotate(source[start:end], start, by_region[key])

    def label(r: dict, key: str) -> Markup | None:
        if r.get("label_char_start") is not None and r.get("label_char_end") is not None:
            return html(r["label_char_start"], r["label_char_end"], key + "/label")
        return Markup.escape(r["label"]) if r.get("label") else None

    if row.get("title_char_start") is not None:
        title_html = html(row["title_char_start"], row["title_char_end"], "title")
    else:
        title_html = Markup.escape(row["title"])
    intro_html = None
    if row.get("intro_char_start") is not None:
        intro_html = html(row["intro_char_start"], row["intro_char_end"], "intro")
    turns = sorted(
        (
            Turn(
                r[kind + "_id"],
                kind,
                r["seq"],
                label(r, r[kind + "_id"]),
                r.get("speaker"),
                r["char_start"],
                r["char_end"],
                html(r["char_start"], r["char_end"], r[kind + "_id"]),
            )
            for kind, r in turn_rows
        ),
        key=lambda t: (t.start, t.id),
    )
    return InterviewPage(
        row=row,
        file=f"{iid}.html",
        title_html=title_html,
        intro_html=intro_html,
        turns=turns,
        types=_entity_groups(mine["entity_mentions"], entities),
        kinds=_figure_groups(mine["figures"]),
        n_mentions=len(mine["entity_mentions"]),
        n_figures=len(mine["figures"]),
        n_entities=len({m["entity_id"] for m in mine["entity_mentions"]}),
    )


def _entity_groups(mentions: list[dict], entities: dict[str, dict]) -> list[Group]:
    counts = Counter(m["entity_id"] for m in mentions)
    first = {}
    for m in sorted(mentions, key=lambda m: (m["char_start"], m["mention_id"])):
        first.setdefault(m["entity_id"], m["mention_id"])
    by_type: dict[str, list[EntityItem]] = {}
    for eid, n in counts.items():
        e = entities[eid]
        by_type.setdefault(_css_name(e["type"]), []).append(
            EntityItem(
                eid,
                e["name"],
                e.get("category"),
                e.get("iso_3166_1_alpha_2"),
                e.get("wikidata_id"),
                n,
                first[eid],
            )
        )
    groups = [
        Group(
            t,
            TYPE_NAMES.get(t, "other"),
            sum(i.count for i in items),
            tuple(sorted(items, key=lambda i: (-i.count, i.name, i.id))),
        )
        for t, items in by_type.items()
    ]
    return sorted(groups, key=lambda g: (-g.count, g.key))


def _figure_groups(figures: list[dict]) -> list[Group]:
    by_kind: dict[str, list[dict]] = {}
    for f in sorted(figures, key=lambda f: (f["char_start"], f["figure_id"])):
        by_kind.setdefault(_css_name(f["kind"]), []).append({**f, "tip": _figure_tip(f)})
    groups = [Group(k, k, len(fs), figures=tuple(fs)) for k, fs in by_kind.items()]
    return sorted(groups, key=lambda g: (-g.count, g.key))


def _theme(entity_rows: list[dict]) -> dict:
    types = sorted({str(e["type"]) for e in entity_rows} | set(TYPE_COLOURS))
    return {
        "ink": INK,
        "paper": PAPER,
        "muted": MUTED,
        "link": LINK,
        "panel": PANEL,
        "rule": RULE,
        "highlight": HIGHLIGHT,
        "figure": FIGURE,
        "other": OTHER_TYPE,
        "types": {_css_name(t): TYPE_COLOURS.get(t, OTHER_TYPE) for t in types},
    }


def _package_facts(pkg: PublishedPackage) -> dict:
    d = pkg.descriptor
    authors = "; ".join(
        str(c.get("title") or c.get("name") or "")
        for c in d.get("contributors", [])
        if isinstance(c, dict)
    )
    year = str(d.get("created") or "")[:4]
    title = d.get("title") or d.get("name") or "Data package"
    citation = " ".join(
        part
        for part in (
            f"{authors} ({year})." if authors and year else (f"{authors}." if authors else ""),
            f"{title}.",
            f"Version {d['version']}." if d.get("version") else "",
            "Data package.",
        )
        if part
    )
    return {
        "title": title,
        "description": d.get("description"),
        "licenses": [x for x in d.get("licenses", []) if isinstance(x, dict)],
        "sources": [x for x in d.get("sources", []) if isinstance(x, dict)],
        "citation": citation,
        "has_cff": (pkg.root / "CITATION.cff").is_file(),
        "dataset": schema_org(d),
    }


def _charts(
    tables: dict[str, list[dict]], entities: dict[str, dict], pages: list[InterviewPage]
) -> list[tuple[str, Markup]]:
    colours = _theme(tables["entities"])["types"]
    mentions = Counter(m["entity_id"] for m in tables["entity_mentions"])
    top = sorted(mentions.items(), key=lambda kv: (-kv[1], entities[kv[0]]["name"], kv[0]))
    entity_bars = [
        Bar(
            entities[eid]["name"],
            n,
            colours[_css_name(entities[eid]["type"])],
            suffix=f" ({entities[eid]['type']})",
        )
        for eid, n in top[:TOP_ENTITIES]
    ]
    kinds = Counter(str(f["kind"]) for f in tables["figures"])
    kind_bars = [
        Bar(k, n, FIGURE) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    turn_bars = [
        Bar(
            p.row["title"],
            len(p.turns),
            PANEL,
            f"({sum(t.kind == 'question' for t in p.turns)} Q, "
            f"{sum(t.kind == 'answer' for t in p.turns)} A)",
        )
        for p in pages
    ]
    specs = [
        (
            "chart-entities",
            f"Mentions per entity (top {TOP_ENTITIES}, type in brackets)",
            entity_bars,
        ),
        ("chart-figures", "Figures by kind", kind_bars),
        ("chart-turns", "Turns per interview (questions and answers)", turn_bars),
    ]
    return [(title, bar_chart(cid, title, bars, RULE, INK)) for cid, title, bars in specs]
