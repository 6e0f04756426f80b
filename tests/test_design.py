"""The code stays easy to change (issue 14): no import circles, one definition per
field, documentation generated from the code and current."""

import ast
import json
import re
from pathlib import Path

import pytest

import builder
from builder import validate
from builder.cli import make_parser
from builder.docs import generated
from builder.expand import expand_schema, render, schema_files, stale
from builder.schemas import ID_PATTERN, TABLES, fields, shared_fields
from builder.sources import _SAFE_ID
from repo import ROOT

PACKAGE = Path(builder.__file__).parent


def _imports(path: Path) -> set[str]:
    """The builder modules a module imports, at any depth (functions included)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "builder":
                out |= {f"builder.{a.name}" for a in node.names}
            elif node.module.startswith("builder."):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("builder.")}
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (a path that comes back to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node, [])):
            return found
    return None


def test_the_builder_modules_import_no_circle():
    graph = {
        f"builder.{p.stem}": {m for m in _imports(p) if m != f"builder.{p.stem}"}
        for p in PACKAGE.glob("*.py")
    }
    assert _cycle(graph) is None, "import circle: " + " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) is not None
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_library_finds_no_path_of_its_own():
    """Paths come in from the caller; no module works out the repository from its own
    location."""
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"__file__|parents\[|\bROOT\s*=", text), path.name


# one definition per field


def _all_fields() -> dict[str, list[tuple[str, dict]]]:
    """Every field of every Table Schema of the repository, by name: (file, field)."""
    out: dict[str, list[tuple[str, dict]]] = {}
    for path in schema_files(ROOT):
        for field in json.loads(path.read_text(encoding="utf-8"))["fields"]:
            out.setdefault(field["name"], []).append((str(path.relative_to(ROOT)), field))
    return out


def test_the_table_schemas_hold_the_shared_field_definitions():
    assert stale(ROOT) == [], "run `builder schemas`: these differ from schemas/fields.json"


@pytest.mark.parametrize("name", sorted(_all_fields()))
def test_same_named_fields_agree_across_tables(name):
    """Type, format and pattern of a column name mean one thing in every table (the
    description, and whether it is required or a key, may differ)."""
    seen = {
        where: (f.get("type"), f.get("format"), f.get("constraints", {}).get("pattern"))
        for where, f in _all_fields()[name]
    }
    assert len(set(seen.values())) == 1, f"{name} differs: {seen}"


def test_a_shared_definition_fills_a_new_tables_bare_fields():
    """Adding a table: name the shared fields, `builder schemas` writes the rest."""
    bare = {"fields": [{"name": "interview_id"}, {"name": "char_start"}, {"name": "x"}]}
    shared = shared_fields()
    expanded = expand_schema(bare, shared)["fields"]
    assert expanded[0]["constraints"]["pattern"] == ID_PATTERN
    assert expanded[1] == {"name": "char_start", **shared["fields"]["char_start"]}
    assert expanded[2] == {"name": "x"}


def test_a_table_keeps_what_the_shared_definition_leaves_out(tmp_path):
    schema = {"fields": [{"name": "interview_id", "description": "Mine.", "constraints": {}}]}
    schema["fields"][0]["constraints"]["unique"] = True
    path = tmp_path / "t.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    (field,) = json.loads(render(path, shared_fields()))["fields"]
    assert field["description"] == "Mine."
    assert field["constraints"] == {"unique": True, "pattern": ID_PATTERN}


def test_the_code_takes_the_id_pattern_from_the_schemas():
    interviews = json.loads((ROOT / "sources/schemas/interviews.json").read_text("utf-8"))
    (key,) = [f for f in interviews["fields"] if f["name"] == "interview_id"]
    assert _SAFE_ID.pattern == ID_PATTERN == key["constraints"]["pattern"]


def test_the_spans_are_derived_from_the_schemas():
    """Every ``*char_start`` has its ``*char_end`` and the column it quotes, and each
    such pair is a span the provenance check checks."""
    for table in TABLES:
        names = [f.name for f in fields(table)]
        starts = [n for n in names if n.endswith("char_start")]
        for start in starts:
            prefix = start.removesuffix("char_start")
            assert f"{prefix}char_end" in names, (table, start)
            assert (prefix.removesuffix("_") or "text") in names, (table, start)
        assert len(validate.SPANS.get(table, [])) == len(starts), table
    assert ("text", "char_start", "char_end") in validate.SPANS["questions"]
    assert ("title", "title_char_start", "title_char_end") in validate.SPANS["interviews"]


# generated documentation


@pytest.mark.parametrize("name", ["README.md", "docs/cli.md", "docs/checks.md"])
def test_the_generated_docs_are_current(name):
    expected = generated(ROOT, make_parser())[name]
    actual = (ROOT / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} is stale: run `builder docs`"


def test_the_cli_reference_lists_every_option():
    text = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    for option in ("--root", "--out", "--sources", "--ner-model", "--no-ner", "--frictionless"):
        assert option in text


def test_every_check_is_listed_and_documented():
    listed = {c.__name__ for c in (*validate.CHECKS, *validate.SLOW_CHECKS)}
    defined = {name for name in dir(validate) if re.fullmatch(r"check_\w+", name)}
    assert defined <= listed, f"not in validate.CHECKS: {sorted(defined - listed)}"
    text = (ROOT / "docs/checks.md").read_text(encoding="utf-8")
    assert all(f"`{c.__qualname__}`" in text for c in validate.CHECKS)
    assert all(c.__doc__ for c in (*validate.CHECKS, *validate.SLOW_CHECKS))
