"""Shared fixtures: the committed package, and fresh builds into temporary folders."""

from __future__ import annotations

import inspect
import re
import shutil
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
def built_copy(tmp_path_factory) -> Path:
    """A fresh, self-contained build of the repository's sources in a temporary folder."""
    out = tmp_path_factory.mktemp("pkg")
    build(out, sources_dir=SOURCES)
    return out


@pytest.fixture
def package_copy(built_copy, tmp_path) -> Path:
    """A scratch copy of a built package that a test may damage."""
    dst = tmp_path / "pkg"
    shutil.copytree(built_copy, dst)
    return dst
