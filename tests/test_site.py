"""The static site without a browser: nested marks keep the text, pages are made from the
published package only (any format, extra columns ignored), byte-identical run to run,
and the colours pass WCAG AA."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import site as site_module
from builder.annotate import Span, annotate
from builder.cli import main
from builder.schemas import ROOT
from builder.site import build_site
from wcag import contrast


class Marks(HTMLParser):
    """Text content of an HTML fragment, and the text inside each element by its
    ``id`` / ``data-*-part`` attribute; fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[dict] = []
        self.by_id: dict[str, list[str]] = {}
        self.n_first: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append({"tag": tag, **a})
        if "id" in a:
            self.n_first[a["id"]] = self.n_first.get(a["id"], 0) + 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1]["tag"] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for el in self.stack:
            key = el.get("id") or el.get("data-part")
            self.by_id.setdefault(key, []).append(data)


def parse(html: str) -> Marks:
    m = Marks()
    m.feed(html)
    m.close()
    assert m.stack == []
    return m


def span(start: int, end: int, key: str, order: int = 0) -> Span:
    return Span(start, end, (("id", key),), (("data-part", key),), order)


TEXT = "Russia and the EAEU\r\nsigned 2.6 billion\u00a0dollars"


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [span(0, 6, "a")],
        [span(0, 19, "outer"), span(15, 19, "inner")],  # nested, same end
        [span(27, 45, "fig", 1), span(27, 45, "men", 0)],  # identical extents
        [span(11, 19, "a"), span(15, 30, "b")],  # crossing
        [span(0, 6, "a"), span(6, 10, "b"), span(10, 19, "c")],  # adjacent
        [span(0, len(TEXT), "all"), span(2, 5, "x"), span(4, 25, "y"), span(20, 40, "z")],
    ],
)
def test_marks_keep_every_character_once(spans):
    html = annotate(TEXT, 0, spans)
    assert "\r" not in html  # written as &#13;, so the HTML parser keeps it
    m = parse(str(html))
    assert "".join(m.text) == TEXT
    for s in spans:
        key = dict(s.attrs)["id"]
        assert m.n_first[key] == 1
        assert "".join(m.by_id[key]) == TEXT[s.start : s.end]


def test_identical_extents_nest_in_order():
    html = str(annotate(TEXT, 0, [span(27, 45, "fig", 1), span(27, 45, "men", 0)]))
    assert html.index('id="men"') < html.index('id="fig"')


def test_offsets_are_source_offsets():
    m = parse(str(annotate("EAEU members", 100, [span(100, 104, "e")])))
    assert "".join(m.by_id["e"]) == "EAEU"
    with pytest.raises(ValueError):
        annotate("EAEU", 100, [span(99, 103, "e")])


@given(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 40), st.integers(0, 1)), max_size=8),
)
def test_any_spans_keep_the_text(text, raw):
    spans = [
        span(a, min(a + n, len(text)), f"s{i}", o)
        for i, (a, n, o) in enumerate(raw)
        if a < len(text)
    ]
    m = parse(str(annotate(text, 0, spans)))
    assert "".join(m.text) == text
    for s in spans:
        key = dict(s.attrs)["id"]
        assert m.n_first[key] == 1
        assert "".join(m.by_id[key]) == text[s.start : s.end]


@pytest.fixture(scope="module")
def committed_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT, out)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_site_has_index_assets_and_one_page_per_interview(committed_site):
    interviews = pq.read_table(ROOT / "data/parquet/interviews.parquet").column("interview_id")
    expected = {"index.html", "site.css", "site.js"} | {f"{i}.html" for i in interviews.to_pylist()}
    assert set(files(committed_site)) == expected
    index = (committed_site / "index.html").read_text(encoding="utf-8")
    assert index.count("<svg ") == 3
    head = index.split("<body")[0]
    data = head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["@type"] == "Dataset"  # JSON-LD is data, not loaded
    assert "https://" not in head.replace(data, "")  # nothing loaded from elsewhere


def test_site_is_byte_identical_run_to_run(committed_site, tmp_path):
    build_site(ROOT, tmp_path / "again")
    assert files(tmp_path / "again") == files(committed_site)


def _copy_package(tmp_path: Path) -> Path:
    dst = tmp_path / "pkg"
    dst.mkdir()
    for name in ("datapackage.json", "CITATION.cff", "data", "schemas", "sources"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst / name)
    return dst


def test_extra_columns_and_tables_are_ignored(committed_site, tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "data/parquet/entities.parquet"
    table = pq.read_table(path)
    pq.write_table(table.append_column("x_curator", pa.array(["ner"] * len(table))), path)
    path = pkg / "data/parquet/questions.parquet"
    table = pq.read_table(path)
    pq.write_table(table.append_column("x_speaker_id", pa.nulls(len(table), pa.string())), path)
    (pkg / "data/parquet/sentences.parquet").write_bytes(b"not read")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(
        {"name": "sentences-parquet", "path": "data/parquet/sentences.parquet", "format": "parquet"}
    )
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    build_site(pkg, tmp_path / "site")
    assert files(tmp_path / "site") == files(committed_site)


def test_csv_alone_gives_the_same_site(committed_site, tmp_path):
    pkg = _copy_package(tmp_path)
    shutil.rmtree(pkg / "data/parquet")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["format"] == "csv"]
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    build_site(pkg, tmp_path / "site")
    assert files(tmp_path / "site") == files(committed_site)


def test_cli_writes_the_site(tmp_path, capsys):
    assert main(["site", "--out", str(tmp_path / "s"), str(ROOT)]) == 0
    assert "index.html" in files(tmp_path / "s")
    assert str(tmp_path / "s") in capsys.readouterr().out


def test_not_a_package_is_one_line(tmp_path, capsys):
    assert main(["site", "--out", str(tmp_path / "s"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "datapackage.json" in err and "Traceback" not in err


def test_a_mention_outside_every_turn_is_refused(tmp_path, capsys):
    pkg = _copy_package(tmp_path)
    path = pkg / "data/parquet/entity_mentions.parquet"
    table = pq.read_table(path)
    starts = table.column("char_start").to_pylist()
    ends = table.column("char_end").to_pylist()
    starts[0], ends[0] = 0, 10**6
    table = table.set_column(
        table.schema.get_field_index("char_start"), "char_start", pa.array(starts)
    )
    table = table.set_column(table.schema.get_field_index("char_end"), "char_end", pa.array(ends))
    pq.write_table(table, path)
    assert main(["site", "--out", str(tmp_path / "s"), str(pkg)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-m001" in err and "not inside" in err


def test_contrast_formula_against_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


def test_colours_pass_wcag_aa():
    s = site_module
    backgrounds = [s.PAPER, s.PANEL, s.HIGHLIGHT, s.FIGURE, s.OTHER_TYPE, *s.TYPE_COLOURS.values()]
    for bg in backgrounds:  # body text, mentions, figures, their type labels
        assert contrast(s.INK, bg) >= 4.5, bg
    for fg in (s.MUTED, s.LINK):  # small print and links, on the page and the panel
        for bg in (s.PAPER, s.PANEL):
            assert contrast(fg, bg) >= 4.5, (fg, bg)
    for bg in (s.PAPER, s.PANEL, s.FIGURE):  # borders of boxes, bars and fields: 3:1
        assert contrast(s.RULE, bg) >= 3, bg


def test_a_turn_whose_text_is_not_the_source_is_refused(tmp_path, capsys):
    pkg = _copy_package(tmp_path)
    path = pkg / "data/parquet/answers.parquet"
    table = pq.read_table(path)
    texts = table.column("text").to_pylist()
    texts[1] = texts[1].upper()
    pq.write_table(
        table.set_column(table.schema.get_field_index("text"), "text", pa.array(texts)), path
    )
    assert main(["site", "--out", str(tmp_path / "s"), str(pkg)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-a02 of" in err and "differs from the transcript" in err
    assert not (tmp_path / "s").exists()  # nothing written


def test_an_older_package_without_optional_columns_still_has_a_site(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "data/parquet/interviews.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["publisher", "interviewer"]), path)
    build_site(pkg, tmp_path / "s")
    page = next(p for p in (tmp_path / "s").glob("*.html") if p.name != "index.html")
    html = page.read_text(encoding="utf-8")
    assert "<dt>Publisher</dt>" not in html and "<dt>Interviewer</dt>" not in html
    assert "<dt>Published</dt>" in html


def test_a_missing_required_column_is_one_line(tmp_path, capsys):
    pkg = _copy_package(tmp_path)
    path = pkg / "data/parquet/figures.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["kind"]), path)
    assert main(["site", "--out", str(tmp_path / "s"), str(pkg)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "table figures lacks column(s) kind" in err


def test_a_mention_in_a_turn_label_is_marked_there(tmp_path):
    """Should a speaker's name in a label ever be a mention, it is marked in the label."""
    pkg = _copy_package(tmp_path)
    question = pq.read_table(pkg / "data/parquet/questions.parquet").to_pylist()[0]
    path = pkg / "data/parquet/entity_mentions.parquet"
    table = pq.read_table(path)
    row = table.slice(0, 1).to_pylist()[0]
    row.update(
        mention_id=row["interview_id"] + "-m999",
        char_start=question["label_char_start"],
        char_end=question["label_char_end"],
        text=question["label"],
    )
    pq.write_table(
        pa.concat_tables([table, pa.Table.from_pylist([row], schema=table.schema)]), path
    )
    build_site(pkg, tmp_path / "s")
    html = (tmp_path / "s" / f"{row['interview_id']}.html").read_text(encoding="utf-8")
    assert f'<span class="tag" title="label as written"><span id="{row["mention_id"]}"' in html
    assert html.count("data-entity-id=") == table.num_rows + 1
