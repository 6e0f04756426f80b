"""The README is the dataset card: its generated parts match the package, its examples
run (and so do those of docs/), and reading the data needs nothing of the builder."""

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from builder.docs import END, START, render_columns, render_readme
from builder.errors import BuildError
from builder.schemas import TABLES
from repo import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"```python\n(.*?)```", flags=re.S)
#: What no reader snippet may import: the NLP stack and the builder itself.
BUILD_ONLY = ("spacy", "thinc", "builder")


def _examples(path: Path) -> list[tuple[str, str]]:
    code = FENCE.findall(path.read_text(encoding="utf-8"))
    return [(f"{path.relative_to(ROOT)}:{i}", snippet) for i, snippet in enumerate(code)]


README_EXAMPLES = _examples(ROOT / "README.md")
DOC_EXAMPLES = [example for path in DOCS for example in _examples(path)]

#: Run before a README snippet: importing a module named in $BLOCKED_MODULES fails, and
#: at exit the names of the imported top-level modules are written to $LOADED_MODULES.
_PRELUDE = textwrap.dedent(
    """
    import atexit, importlib.abc, json, os, sys

    _BLOCKED = frozenset(json.loads(os.environ["BLOCKED_MODULES"]))

    class _Blocked(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in _BLOCKED:
                raise ModuleNotFoundError(f"blocked: {name}", name=name.split(".")[0])

    sys.meta_path.insert(0, _Blocked())

    def _loaded():
        with open(os.environ["LOADED_MODULES"], "w") as out:
            json.dump(sorted({m.split(".")[0] for m in sys.modules}), out)

    atexit.register(_loaded)
    """
)


def _run_reader(code: str, tmp_path: Path, blocked: Iterable[str] = BUILD_ONLY) -> list[str]:
    """Run ``code`` as a data user would, in a fresh interpreter in the package root,
    with the ``blocked`` modules out of reach and Hugging Face offline; the top-level
    modules it imported."""
    loaded = tmp_path / "modules.json"
    env = {
        **os.environ,
        "BLOCKED_MODULES": json.dumps(sorted(blocked)),
        "LOADED_MODULES": str(loaded),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
    }
    done = _run(code, env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(loaded.read_text())


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _PRELUDE + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_generated_parts_match_the_package():
    """Front matter, table of tables, column reference and BibTeX are what
    ``builder docs`` would write now: fails when the README drifts from the package."""
    assert README == render_readme(README, ROOT), "README drifted: run `builder docs`"
    generated = README.split(START, 1)[1].split(END, 1)[0]
    assert generated.strip() == render_columns().strip()


def test_builder_docs_rewrites_a_stale_card_and_refuses_a_readme_without_markers():
    stale = README.replace("size_categories:\n- n<1K", "size_categories:\n- 1K<n<10K")
    stale = stale.replace("| [`answers`](#answers) | ", "| [`answers`](#answers) | 9")
    assert stale != README and render_readme(stale, ROOT) == README
    with pytest.raises(BuildError, match="tables:start"):
        render_readme("# A README without markers\n", ROOT)


def test_table_of_tables_gives_the_row_count_of_every_table():
    import pyarrow.parquet as pq

    section = README.split("## Tables\n", 1)[1].split("\n## ", 1)[0]
    for table in TABLES:
        n_rows = pq.ParquetFile(ROOT / "data" / "parquet" / f"{table}.parquet").metadata.num_rows
        assert f"| [`{table}`](#{table}) | {n_rows:,} |" in section
        assert f"### `{table}`" in README  # the anchor the table of tables links to


def test_example_rows_are_real_rows():
    section = README.split("## Tables\n", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"`(\w+)`:\n\n```json\n(.*?)\n```", section, flags=re.S)
    assert [table for table, _ in shown] == list(TABLES)
    for table, text in shown:
        example = json.loads(text)
        lines = (ROOT / "data" / "jsonl" / f"{table}.jsonl").read_text(encoding="utf-8")
        rows = [json.loads(line) for line in lines.splitlines()]
        assert any(_matches(example, row) for row in rows), table


def _matches(example: dict, row: dict) -> bool:
    if list(example) != list(row):
        return False
    for key, value in example.items():
        if isinstance(value, str) and value.endswith("…") and value != row[key]:
            if not (isinstance(row[key], str) and row[key].startswith(value[:-1])):
                return False
        elif value != row[key]:
            return False
    return True


def test_front_matter_has_one_parquet_config_per_table():
    meta = yaml.safe_load(README.split("---\n", 2)[1])
    assert [c["config_name"] for c in meta["configs"]] == list(TABLES)
    for config in meta["configs"]:
        (split,) = config["data_files"]
        assert split["split"] == "train"
        assert (ROOT / split["path"]).is_file()
        assert split["path"].endswith(f"/{config['config_name']}.parquet")
    assert meta["language"] == ["en"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["license"] == "other" and (ROOT / meta["license_link"]).is_file()
    for key in ("pretty_name", "task_categories", "tags"):
        assert meta[key]


def test_readme_has_one_line_per_tool():
    code = "\n".join(snippet for _, snippet in README_EXAMPLES)
    for needle in (
        "pd.read_parquet(",
        "pl.read_parquet(",
        "duckdb.sql(",
        "pq.read_table(",
        "load_dataset(",
        "read_csv",
        "FROM 'data/parquet/answers.parquet'",
        "JOIN 'data/parquet/questions.parquet'",
        'Package("datapackage.json")',
    ):
        assert needle in code, needle
    assert 'arrow::read_parquet("data/parquet/answers.parquet")' in README


@pytest.mark.parametrize(
    "code", [c for _, c in README_EXAMPLES], ids=[i for i, _ in README_EXAMPLES]
)
def test_readme_example_runs_without_the_builder(code, tmp_path):
    loaded = _run_reader(code, tmp_path)
    assert not set(BUILD_ONLY) & set(loaded)


def test_quick_start_needs_only_pandas_and_pyarrow(tmp_path):
    """The data user's quick start runs with what `pip install pandas pyarrow` brings:
    every module of the environment that belongs to another distribution is blocked."""
    section = README.split("## Quick start: read the data\n", 1)[1].split("\n## ", 1)[0]
    assert "pip install pandas pyarrow" in section
    (code,) = FENCE.findall(section)
    allowed = _closure(["pandas", "pyarrow"])
    blocked = {
        module
        for module, owners in packages_distributions().items()
        if not {_norm(d) for d in owners} & allowed
    }
    assert {"spacy", "builder", "duckdb", "polars", "datasets"} <= blocked
    loaded = _run_reader(code, tmp_path, blocked)
    assert {"pandas", "pyarrow"} <= set(loaded)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(names: list[str]) -> set[str]:
    """The distributions ``names`` install: themselves and their requirements, without
    optional extras."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = _norm(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def test_a_plain_install_is_light_and_the_builder_is_an_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {Requirement(r).name for r in project["dependencies"]}
    build = {Requirement(r).name for r in project["optional-dependencies"]["build"]}
    assert base == {"pandas", "pyarrow"}
    assert {"spacy", "frictionless", "duckdb", "dask"} <= build
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-e '.[build,test]'" in makefile


def test_the_builder_without_its_extra_says_so_in_one_line(tmp_path):
    env = {
        **os.environ,
        "BLOCKED_MODULES": json.dumps(["spacy"]),
        "LOADED_MODULES": str(tmp_path / "modules.json"),
    }
    done = _run("from builder.launch import main; raise SystemExit(main(['validate']))", env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "spacy is not installed" in done.stderr
    assert "pip install 'interview-datasets-builder[build]'" in done.stderr


@pytest.mark.parametrize("code", [c for _, c in DOC_EXAMPLES], ids=[i for i, _ in DOC_EXAMPLES])
def test_docs_example_runs(code, capsys):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, "docs", "exec"), {})
    finally:
        os.chdir(cwd)


def test_building_docs_state_the_guarantees_and_the_readme_warns_spreadsheet_users():
    from builder.publish import JOURNAL, LOCK, MARKER

    building = (ROOT / "docs" / "building.md").read_text(encoding="utf-8")
    section = building.split("## Safety: what the builder guarantees", 1)[1].split("\n## ", 1)[0]
    for needle in (
        f"`{MARKER}`",
        f"`{JOURNAL}`",
        f"`{LOCK}`",
        "| SIGKILL after any step of the publish |",
        "another build is running (pid N)",
    ):
        assert needle in section, needle
    spreadsheet = README.split("### In a spreadsheet", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "starts\nwith `=`, `+`, `-` or `@`",
        "choose the column type *Text*",
        "*Data > From Text/CSV*",
    ):
        assert needle in spreadsheet, needle


def test_readme_and_docs_link_each_other():
    for path in DOCS:
        assert f"(docs/{path.name})" in README, path.name
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (path.parent / target).exists(), f"{path.name}: broken link {target}"
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README):
        assert (ROOT / target).exists(), f"README.md: broken link {target}"
