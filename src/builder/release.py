"""A release archive of a built package: ``<name>-<version>.zip`` and ``SHA256SUMS``.

    builder release [PACKAGE] [--out DIST]

The archive holds, under one folder ``<name>-<version>/``, what a reader needs and
nothing of the builder's own: ``datapackage.json``, the documents derived from it
(``croissant.json``, ``CITATION.cff``, ``.zenodo.json``), ``data/``, ``schemas/``,
``sources/``, ``README.md`` and ``LICENSE``. Unpacked, it passes ``builder validate``,
drift check included.
``SHA256SUMS`` beside it is in the format ``sha256sum --check`` reads.

Two runs on the same package write byte-identical files: entries are sorted, and
each has a fixed timestamp (1980-01-01, the earliest a zip can hold), fixed
permissions (0644) and the same compression; :mod:`zipfile` with an explicit
:class:`zipfile.ZipInfo` per entry does all of it, so nothing here is hand-made.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuildError
from builder.metadata import DOCUMENTS

#: Files and folders of a package folder that a release holds.
CONTENTS = ("datapackage.json", *DOCUMENTS, "data", "schemas", "sources", "README.md", "LICENSE")
SUMS = "SHA256SUMS"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


@dataclass(frozen=True)
class Release:
    """What :func:`make_release` wrote."""

    archive: Path
    sums: Path
    members: tuple[str, ...]


def release_files(root: Path) -> list[str]:
    """The package-relative paths a release of ``root`` holds, sorted; fails with one
    line when a part is missing or a link (a release holds regular files only)."""
    out = []
    for entry in CONTENTS:
        top = root / entry
        if not top.exists():
            raise BuildError(
                f"{entry} is missing", root, hint="build the package first (`builder build`)"
            )
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if not p.is_dir())
        for path in paths:
            if path.is_symlink() or not path.is_file():
                raise BuildError(
                    "a release holds regular files only", path, hint="replace the link by a copy"
                )
            out.append(path.relative_to(root).as_posix())
    return sorted(out)


def make_release(root: Path, dist: Path) -> Release:
    """Write ``dist/<name>-<version>.zip`` and ``dist/SHA256SUMS`` for the package at
    ``root`` (replacing earlier ones of the same name)."""
    members = release_files(root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    stem = f"{descriptor['name']}-{descriptor['version']}"
    dist.mkdir(parents=True, exist_ok=True)
    archive = dist / f"{stem}.zip"
    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for rel in members:
            info = zipfile.ZipInfo(f"{stem}/{rel}", date_time=_EPOCH)
            info.external_attr = _MODE
            info.create_system = 3  # Unix, so that the permissions above are read as such
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (root / rel).read_bytes(), compresslevel=9)
    os.replace(tmp, archive)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    sums = dist / SUMS
    sums.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    return Release(archive, sums, tuple(members))
