"""The repository under test: tests know their checkout; the library is given paths."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The curated inputs: the manifest, and the gazetteer one-file builds use.
SOURCES = ROOT / "sources"
