"""Shared fixtures: the committed package, and fresh builds into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.schemas import TABLES
from builder.validate import load_rows
from repo import ROOT, SOURCES

SEED = ROOT / "sources" / "cooperation-gains-momentum.txt"


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
