"""The site in a real browser: headless Chromium (Debian's ``chromium``, see
tests/browser.py) opens every page from file:// and checks what a reader gets.

Run on the committed package and on packages built from other transcripts: two of
tests/fixtures/ (speaker names; bold labels, CRLF and a BOM) and one written here (CRLF,
an intro), into which a figure crossing two mentions is added (its text in the page is
then split into pieces, none lost). Skipped when Chromium is missing, except under CI
(``CI`` set), where that is a failure.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from PIL import Image

from browser import CHROMIUM, chromium
from builder.build import build
from builder.site import build_site
from repo import ROOT, SOURCES
from wcag import contrast

FIXTURES = Path(__file__).parent / "fixtures"
OWN = (
    "Trade Across the Caspian\r\n\r\n"
    "BAKU, 3 March 2024. Our correspondent met the trade envoy.\r\n\r\n"
    "Q: How many Caspian states signed the convention?\r\n\r\n"
    "A: All five signed it in Aktau. Russia and Azerbaijan traded $2.6 billion last year, "
    "almost 32 percent more than in 2017.\r\n\r\n"
    "Q: And the Eurasian Economic Union?\r\n\r\n"
    "A: Two Eurasian Economic Union members were not involved; Russia was.\r\n"
)
TABLES = ("interviews", "questions", "answers", "entity_mentions", "figures")


@dataclass
class Site:
    name: str
    package: Path
    folder: Path
    tables: dict[str, list[dict]]

    def source(self, interview: dict) -> str:
        raw = (self.package / interview["source_path"]).read_bytes()
        return raw.decode(interview["source_encoding"]).removeprefix("\ufeff")

    def rows(self, table: str, interview: dict) -> list[dict]:
        return [r for r in self.tables[table] if r["interview_id"] == interview["interview_id"]]


def _add_crossing_figure(pkg: Path) -> None:
    """A figure from inside `Russia` to inside `Azerbaijan`: it crosses both mentions."""
    mentions = pq.read_table(pkg / "data/parquet/entity_mentions.parquet").to_pylist()
    russia = next(m for m in mentions if m["text"] == "Russia")
    azerbaijan = next(m for m in mentions if m["text"] == "Azerbaijan")
    path = pkg / "data/parquet/figures.parquet"
    table = pq.read_table(path)
    row = {**table.slice(0, 1).to_pylist()[0]}
    row.update(
        figure_id=row["interview_id"] + "-f999",
        char_start=russia["char_start"] + 2,
        char_end=azerbaijan["char_end"] - 3,
        text="crossing",
        kind="count",
    )
    extra = pa.Table.from_pylist([row], schema=table.schema)
    pq.write_table(pa.concat_tables([table, extra]), path)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with chromium() as b:
        yield b


@pytest.fixture(
    scope="session", params=["committed", "energy-speakers", "podcast-bold-crlf", "own"]
)
def site(request, tmp_path_factory) -> Site:
    name = request.param
    if name == "committed":
        pkg = ROOT
    else:
        pkg = tmp_path_factory.mktemp(f"pkg-{name}")
        if name == "own":
            transcript = tmp_path_factory.mktemp("own") / "caspian-trade.txt"
            transcript.write_bytes(OWN.encode("utf-8"))
        else:
            transcript = FIXTURES / f"{name}.txt"
        build(pkg, transcript=transcript, sources_dir=SOURCES)
        if name == "own":
            _add_crossing_figure(pkg)
    folder = tmp_path_factory.mktemp(f"site-{name}")
    build_site(pkg, folder)
    tables = {t: pq.read_table(pkg / f"data/parquet/{t}.parquet").to_pylist() for t in TABLES}
    return Site(name, pkg, folder, tables)


@contextmanager
def opened(browser, path: Path, width: int = 1440, js: bool = True):
    """A page loaded from file://, with the console errors and the requests it made."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page, errors, requests
    finally:
        context.close()


def pages(site: Site) -> list[tuple[dict, Path]]:
    return [(i, site.folder / f"{i['interview_id']}.html") for i in site.tables["interviews"]]


def test_turns_and_marks_match_the_tables(browser, site):
    for interview, path in pages(site):
        with opened(browser, path) as (page, _, _):
            for kind in ("question", "answer"):
                rows = site.rows(kind + "s", interview)
                ids = page.eval_on_selector_all(f".turn.{kind}", "els => els.map(e => e.id)")
                in_text_order = sorted(rows, key=lambda r: r["char_start"])
                assert ids == [r[kind + "_id"] for r in in_text_order]
            mentions = site.rows("entity_mentions", interview)
            marks = page.eval_on_selector_all(
                "[data-entity-id]", "els => els.map(e => [e.id, e.dataset.entityId])"
            )
            assert sorted(marks) == sorted([m["mention_id"], m["entity_id"]] for m in mentions)
            figures = site.rows("figures", interview)
            boxes = page.eval_on_selector_all("[data-figure-id]", "els => els.map(e => e.id)")
            assert sorted(boxes) == sorted(f["figure_id"] for f in figures)


def test_page_text_is_the_source_text(browser, site):
    for interview, path in pages(site):
        source = site.source(interview)
        with opened(browser, path) as (page, _, _):
            shown = dict(
                page.eval_on_selector_all(
                    ".turn", "els => els.map(e => [e.id, e.querySelector('.text').textContent])"
                )
            )
            for table, key in (("questions", "question_id"), ("answers", "answer_id")):
                for r in site.rows(table, interview):
                    assert shown[r[key]] == source[r["char_start"] : r["char_end"]]
            if interview["title_char_start"] is not None:
                title = source[interview["title_char_start"] : interview["title_char_end"]]
                assert page.text_content("h1") == title
            if interview["intro_char_start"] is not None:
                intro = source[interview["intro_char_start"] : interview["intro_char_end"]]
                assert page.text_content(".intro .text") == intro
            for m in site.rows("entity_mentions", interview):
                split = page.locator(f'[data-entity-part="{m["entity_id"]}"]').count()
                if not split:  # a mention crossed by a figure: its entity's parts are mixed
                    assert page.text_content(f'[id="{m["mention_id"]}"]') == m["text"]
            for f in site.rows("figures", interview):
                pieces = page.eval_on_selector_all(
                    f'[id="{f["figure_id"]}"], [data-figure-part="{f["figure_id"]}"]',
                    "els => els.map(e => e.textContent)",
                )
                assert "".join(pieces) == source[f["char_start"] : f["char_end"]]
            if site.name == "own":  # the added figure crosses two mentions: split, not lost
                assert page.locator("[data-figure-part]").count() >= 1
                assert page.locator("[data-entity-part]").count() >= 1


def test_a_click_in_the_panel_highlights_exactly_its_mentions(browser, site):
    for interview, path in pages(site):
        mentions = site.rows("entity_mentions", interview)
        if not mentions:
            continue
        with opened(browser, path) as (page, errors, _):
            for eid in sorted({m["entity_id"] for m in mentions}):
                n = sum(m["entity_id"] == eid for m in mentions)
                button = page.locator(f'button[data-entity="{eid}"]')
                button.click()
                assert button.get_attribute("aria-pressed") == "true"
                lit = page.eval_on_selector_all(
                    ".hl", "els => els.map(e => e.dataset.entityId || e.dataset.entityPart)"
                )
                assert set(lit) == {eid}
                assert page.locator(".hl[data-entity-id]").count() == n
                assert page.locator(f'[data-entity-id="{eid}"]:not(.hl)').count() == 0
                assert str(n) in page.text_content("#status")
            button.click()  # again: cleared
            assert page.locator(".hl").count() == 0
            first = page.locator("button[data-entity]").first
            first.focus()
            page.keyboard.press("Enter")  # the keyboard works too
            assert page.locator(".hl").count() > 0
            page.keyboard.press("Escape")
            assert page.locator(".hl").count() == 0
            page.locator("[data-entity-id]").first.click()  # a mention selects its entity
            assert page.locator("button[aria-pressed=true]").count() == 1
            assert errors == []


def click_start(page, element_id: str) -> None:
    """A real mouse click on the first character of an element (which may wrap lines)."""
    el = page.locator(f'[id="{element_id}"]')
    el.scroll_into_view_if_needed()
    box = el.evaluate("e => { const r = e.getClientRects()[0]; return [r.left, r.top, r.height]; }")
    page.mouse.click(box[0] + 3, box[1] + box[2] / 2)


def test_a_click_on_a_mark_shows_its_details(browser, site):
    entities = {
        e["entity_id"]: e
        for e in pq.read_table(site.package / "data/parquet/entities.parquet").to_pylist()
    }
    for interview, path in pages(site):
        with opened(browser, path) as (page, errors, _):
            for m in site.rows("entity_mentions", interview)[:5]:
                click_start(page, m["mention_id"])
                card = page.locator("#card")
                assert card.is_visible()
                e = entities[m["entity_id"]]
                assert e["name"] in card.text_content() and e["type"] in card.text_content()
                link = card.locator("a")
                if e["wikidata_id"]:
                    assert link.get_attribute("href").endswith("/wiki/" + e["wikidata_id"])
                else:
                    assert not link.is_visible()
                page.keyboard.press("Escape")
                assert not card.is_visible()
            for f in site.rows("figures", interview)[:5]:
                click_start(page, f["figure_id"])
                assert page.locator("#card").is_visible()
                assert f["kind"] in page.text_content("#card .card-text")
                page.locator("#card .card-close").click()
                assert not page.locator("#card").is_visible()
            assert errors == []


def test_filters_hide_what_they_should(browser, site):
    clear = "rgba(0, 0, 0, 0)"
    backgrounds = "els => els.map(e => getComputedStyle(e).backgroundColor)"
    for _, path in pages(site):
        with opened(browser, path) as (page, errors, _):
            for attr, group in (("type", "group-"), ("kind", "kind-")):
                values = page.eval_on_selector_all(
                    f"input[data-filter={attr}]", "els => els.map(e => e.value)"
                )
                for value in values:
                    box = page.locator(f'input[data-filter={attr}][value="{value}"]')
                    box.focus()
                    page.keyboard.press("Space")  # off, from the keyboard
                    assert not box.is_checked()
                    hidden = page.eval_on_selector_all(f'[data-{attr}="{value}"]', backgrounds)
                    assert hidden and set(hidden) == {clear}
                    assert not page.locator(f"#{group}{value}").is_visible()
                    others = f"[data-{attr}]:not([data-{attr}='{value}'])"
                    assert clear not in page.eval_on_selector_all(others, backgrounds)
                    page.keyboard.press("Space")  # back on
                    shown = page.eval_on_selector_all(f'[data-{attr}="{value}"]', backgrounds)
                    assert clear not in shown
                    assert page.locator(f"#{group}{value}").count() == 1
            assert errors == []


def test_no_console_errors_and_no_request_leaves_the_folder(browser, site):
    folder = site.folder.resolve().as_uri() + "/"
    for path in [site.folder / "index.html", *(p for _, p in pages(site))]:
        with opened(browser, path) as (page, errors, requests):
            for link in page.eval_on_selector_all(
                "a[href$='.html']", "els => els.map(e => e.href)"
            ):
                assert link.startswith(folder) and Path(link.removeprefix("file://")).is_file()
        assert errors == []
        assert any(r.endswith("/site.css") for r in requests)
        assert [r for r in requests if not r.startswith(folder)] == []


def test_index_lists_every_interview_with_three_charts(browser, site):
    with opened(browser, site.folder / "index.html") as (page, _, _):
        rows = page.locator("table.interviews tbody tr")
        assert rows.count() == len(site.tables["interviews"])
        assert page.locator("svg.chart").count() == 3
        assert page.locator("svg.chart rect").count() > 0


@pytest.mark.parametrize("width", [375, 1440])
def test_screenshots_have_content_and_fit_the_width(browser, site, width, tmp_path):
    for path in [site.folder / "index.html", *(p for _, p in pages(site))]:
        with opened(browser, path, width=width) as (page, _, _):
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if width == 1440 and path.name != "index.html":
                main, panel = (
                    page.locator("main").bounding_box(),
                    page.locator("#panel").bounding_box(),
                )
                assert panel["x"] >= main["x"] + main["width"]  # side panel beside the text
            png = page.screenshot()
        image = Image.open(io.BytesIO(png)).convert("RGB")
        assert image.size == (width, 900)
        colours = image.getcolors(maxcolors=width * 900)
        assert len(colours) > 20  # text, marks and rules, not one flat colour
        white = max(n for n, c in colours if c == (255, 255, 255))
        assert white < 0.97 * width * 900


EFFECTIVE_COLOURS = """els => els.map(el => {
  let bg = 'rgba(0, 0, 0, 0)';
  for (let e = el; e && bg === 'rgba(0, 0, 0, 0)'; e = e.parentElement) {
    bg = getComputedStyle(e).backgroundColor;
  }
  return [getComputedStyle(el).color, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg];
})"""


def _hex(css: str) -> str:
    r, g, b = (int(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_text_contrast_in_the_browser(browser, site):
    selector = "[data-entity-id], [data-figure-id], .pick, .who, .text, a, .small, .swatch, td, th"
    for path in [site.folder / "index.html", *(p for _, p in pages(site))]:
        with opened(browser, path) as (page, _, _):
            if page.locator("button[data-entity]").count():
                page.locator("button[data-entity]").first.click()  # highlighted marks too
            pairs = page.eval_on_selector_all(selector, EFFECTIVE_COLOURS)
        assert pairs
        for fg, bg in pairs:
            assert contrast(_hex(fg), _hex(bg)) >= 4.5, (path.name, fg, bg)


def test_pages_read_without_javascript(browser, site):
    for interview, path in pages(site):
        with opened(browser, path, js=False) as (page, errors, _):
            n = len(site.rows("entity_mentions", interview))
            assert page.locator("[data-entity-id]").count() == n
            assert not page.locator("form.filters").is_visible()
            assert page.locator(".turn").first.is_visible()
            assert errors == []
