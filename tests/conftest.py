"""Shared fixtures: the committed package, and fresh builds into temporary folders."""

from __future__ import annotations

import inspect
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.build import build
from builder.schemas import TABLES
from builder.validate import load_rows
from repo import ROOT, SOURCES

SEED = ROOT / "sources" / "cooperation-gains-momentum.txt"

#: Test modules that are slow throughout: property-based tests, the browser, processes
#: killed and signalled, corpus builds, the held-out set.
SLOW_MODULES = {"test_properties", "test_site_browser", "test_faults", "test_safety"}
SLOW_MODULES |= {"test_scale", "test_heldout"}
#: Calls that build a package, start a process or run frictionless over a package.
SLOW_CALLS = re.compile(
    r"(?<![\w.])(build|cli|run_build)\(|subprocess\.|main\(\[\s*\"build\""
    r"|validate_package\((?![^)]*drift=False)"  # the drift check is a whole build
    r"|check_frictionless\(|frictionless=True"
    r"|@given\("  # property-based
)


def _sources(item: pytest.Item) -> list[str]:
    """The source of a test function and of every fixture it uses, transitively."""
    function = getattr(item, "function", None)
    out = [inspect.getsource(function)] if function is not None else []
    info = getattr(item, "_fixtureinfo", None)  # pytest's, no public equivalent
    for name in getattr(item, "fixturenames", ()):
        for definition in info.name2fixturedefs.get(name, ()) if info else ():
            if definition.baseid:  # a fixture of these tests, not one of pytest's own
                out.append(inspect.getsource(definition.func))
    return out


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tier (``make test-fast`` leaves it out): a test in a slow module,
    or whose body or fixtures build a package, start a process or run frictionless;
    ``@pytest.mark.slow`` marks any other."""
    for item in items:
        module = getattr(item, "module", None)
        if (module is not None and module.__name__ in SLOW_MODULES) or any(
            SLOW_CALLS.search(source) for source in _sources(item)
        ):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def rows() -> dict[str, list[dict]]:
    """The committed package's tables (CSV), as typed rows."""
    return {t: load_rows(ROOT, "csv", t) for t in TABLES}


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_once(tmp_path_factory) -> Callable[..., Path]:
    """``built_once(**options)``: a fresh, self-contained build with the repository's
    gazetteer and metadata (``builder.build.build`` options, such as ``transcript=``),
    made once per session for each set of options."""
    done: dict[tuple, Path] = {}

    def get(**options) -> Path:
        key = tuple(sorted(options.items()))
        if key not in done:
            done[key] = tmp_path_factory.mktemp("pkg")
            build(done[key], sources_dir=SOURCES, **options)
        return done[key]

    return get


@pytest.fixture(scope="session")
def built_copy(built_once) -> Path:
    """A fresh, self-contained build of the repository's sources in a temporary folder."""
    return built_once()


@pytest.fixture
def scratch(tmp_path) -> Callable[[Path], Path]:
    """``scratch(package)``: a copy of a built package that a test may damage."""

    def copy(package: Path) -> Path:
        dst = tmp_path / "pkg"
        shutil.copytree(package, dst)
        return dst

    return copy


@pytest.fixture
def package_copy(built_copy, scratch) -> Path:
    """A scratch copy of the build of the repository's sources."""
    return scratch(built_copy)


def pytest_assertrepr_compare(op: str, left: object, right: object) -> list[str] | None:
    """Say what differs between two big dicts (file snapshots, rows by key) or lists
    (rows), instead of printing both whole."""
    if op != "==":
        return None
    if isinstance(left, dict) and isinstance(right, dict) and len(left) + len(right) > 8:
        keys = sorted(set(left) | set(right), key=repr)
        only_left = [k for k in keys if k not in right]
        only_right = [k for k in keys if k not in left]
        differ = [k for k in keys if k in left and k in right and left[k] != right[k]]
        return [
            f"dicts of {len(left)} and {len(right)} entries differ:",
            f"  only left: {only_left[:10]}",
            f"  only right: {only_right[:10]}",
            f"  different values under: {differ[:10]}",
        ]
    if isinstance(left, list) and isinstance(right, list) and len(left) + len(right) > 20:
        pairs = zip(left, right, strict=False)
        first = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(left), len(right)))
        shown = [
            f"lists of {len(left)} and {len(right)} items first differ at index {first}:",
        ]
        for side, items in (("left", left), ("right", right)):
            item = repr(items[first]) if first < len(items) else "(none)"
            shown.append(f"  {side}: {item[:300]}")
        return shown
    return None
