"""The drift check: a fresh build from a package's own ``sources/`` must equal the
package, byte for byte.

It lives apart from :mod:`builder.validate` (which runs it) and :mod:`builder.build`
(which validates what it builds) so that neither imports the other.
"""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

from builder.publish import MARKER, PUBLISHED_IN_REPO, read_marker, write_marker


def check_drift(root: Path) -> list[str]:
    """A fresh build from ``root/sources`` must equal the files at ``root`` (a package
    built from one file with default metadata has no manifest to rebuild)."""
    if not (root / "sources" / "interviews.csv").exists():
        return []
    return rebuild_matches(root)


def rebuild_matches(root: Path) -> list[str]:
    """Differences between the package at ``root`` and a fresh build of its sources."""
    marker = read_marker(root)
    if marker is not None:
        entries = (*marker["entries"], MARKER)
    else:
        # no marker: a package without the builder's own files, such as an unpacked
        # release; compare what a build writes wherever it publishes, but the curators'
        # review file (not part of such a package either)
        entries = tuple(e for e in PUBLISHED_IN_REPO if e not in (MARKER, "review"))
    from builder.assemble import assemble  # here: `builder validate` without the drift
    # check never needs the extraction (spaCy and the matchers: seconds of imports)

    with tempfile.TemporaryDirectory(prefix=".drift-") as tmp:
        fresh = Path(tmp)
        assemble(fresh, sources_dir=root / "sources")
        write_marker(fresh, entries)
        out = []
        for entry in entries:
            if entry == "sources":
                continue
            out += _differences(fresh / entry, root / entry, entry)
        return out


def _differences(fresh: Path, committed: Path, name: str) -> list[str]:
    if fresh.is_file():
        if not committed.is_file() or not filecmp.cmp(fresh, committed, shallow=False):
            return [f"{name}: differs from a fresh build (run `builder build`)"]
        return []
    new = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    old = {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()}
    out = [f"{name}/{p}: not produced by a fresh build" for p in sorted(old - new)]
    for p in sorted(new):
        out += _differences(fresh / p, committed / p, f"{name}/{p}")
    return out
