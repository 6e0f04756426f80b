"""The curated inputs in ``sources/``: the manifest, the gazetteer and package metadata.

``sources/datapackage.json`` describes the manifest (``interviews.csv``) and the
gazetteer (``gazetteer.csv``, ``gazetteer_aliases.csv``) with Table Schemas of their
own; they are validated with frictionless before every build. A transcript built on
its own (``builder build FILE.txt``) gets default metadata instead of a manifest row.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from frictionless import Package

from builder.errors import BuildError
from builder.schemas import ROOT

SOURCES_DIR = ROOT / "sources"
_SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class InterviewSource:
    """One transcript to publish and what is known about it."""

    interview_id: str
    path: Path  # the file on disk
    title: str | None  # None: take the first line of the transcript
    publisher: str | None = None
    source_url: str | None = None
    published: str | None = None
    language: str | None = None
    interviewee_role: str | None = None
    interviewee: str | None = None
    interviewee_note: str | None = None
    interviewer: str | None = None
    interviewer_speaker: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class GazetteerEntry:
    """One curated entity and the names it goes by: (text, form, scope) triples, where
    scope is the one interview an alias is limited to (None: everywhere)."""

    entity_id: str
    name: str
    type: str
    category: str
    wikidata_id: str | None
    related_entity_id: str | None
    description: str
    names: list[tuple[str, str, str | None]] = field(default_factory=list)


def _rows(path: Path) -> list[tuple[int, dict[str, str | None]]]:
    """CSV rows with their line numbers; empty cells become None."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        out = []
        for row in reader:
            out.append((reader.line_num, {k: (v if v != "" else None) for k, v in row.items()}))
        return out


def check_sources(sources_dir: Path = SOURCES_DIR) -> None:
    """Validate the curated inputs against their Table Schemas (frictionless)."""
    descriptor = sources_dir / "datapackage.json"
    if not descriptor.exists():
        raise BuildError("missing", descriptor, hint="the curated inputs are described here")
    report = Package(str(descriptor)).validate()
    if not report.valid:
        for task in report.tasks:
            for error in task.errors:
                line = getattr(error, "row_number", None)
                raise BuildError(error.message, sources_dir / task.place, line, "fix this row")
        raise BuildError(report.errors[0].message, descriptor)


def check_links(sources_dir: Path = SOURCES_DIR) -> None:
    """Refuse a symbolic link in ``sources_dir`` that leads outside it, is absolute or
    is broken: the folder is copied into packages, and a link must not carry a file
    from elsewhere (``/etc/shadow``) into one. Links inside are copied as links."""
    top = sources_dir.resolve()
    for folder, dirs, names in os.walk(sources_dir):
        for name in sorted(names + dirs):
            link = Path(folder) / name
            if not link.is_symlink():
                continue
            target = os.readlink(link)
            resolved = link.resolve()
            if not resolved.is_relative_to(top):
                problem = f"a symbolic link to {target}, outside {sources_dir}"
            elif os.path.isabs(target):
                problem = f"an absolute symbolic link to {target} (a copy would lead back here)"
            elif not resolved.exists():
                problem = f"a broken symbolic link to {target}"
            else:
                continue
            raise BuildError(problem, link, hint="replace the link with the file itself")


def read_manifest(sources_dir: Path = SOURCES_DIR) -> list[InterviewSource]:
    """The manifest rows, checked for safe unique ids and existing files."""
    path = sources_dir / "interviews.csv"
    seen: dict[str, int] = {}
    out = []
    for line, row in _rows(path):
        iid = row.get("interview_id") or ""
        if not _SAFE_ID.fullmatch(iid):
            raise BuildError(
                f"unsafe interview_id {iid!r}",
                path,
                line,
                "ids become file names and row keys: use lower-case letters, digits and "
                "single hyphens only (no path separators, no `..`)",
            )
        if iid in seen:
            raise BuildError(
                f"duplicate interview_id {iid!r} (first on line {seen[iid]})",
                path,
                line,
                "give each interview its own id",
            )
        seen[iid] = line
        rel = row.get("path") or ""
        file = (sources_dir / rel).resolve()
        if ".." in Path(rel).parts or Path(rel).is_absolute() or not file.is_file():
            raise BuildError(
                f"transcript {rel!r} not found under {sources_dir}",
                path,
                line,
                "put the file in sources/ and give its path relative to sources/",
            )
        if not file.is_relative_to(sources_dir.resolve()):
            raise BuildError(
                f"transcript {rel!r} leads outside {sources_dir} (to {file})",
                path,
                line,
                "put the file itself in sources/, not a link to it",
            )
        out.append(
            InterviewSource(
                interview_id=iid,
                path=file,
                title=row["title"],
                publisher=row.get("publisher"),
                source_url=row.get("source_url"),
                published=row.get("published"),
                language=row.get("language"),
                interviewee_role=row.get("interviewee_role"),
                interviewee=row.get("interviewee"),
                interviewee_note=row.get("interviewee_note"),
                interviewer=row.get("interviewer"),
                interviewer_speaker=row.get("interviewer_speaker"),
                encoding=row.get("encoding") or "utf-8",
            )
        )
    if not out:
        raise BuildError("the manifest lists no transcript", path, hint="add a row per file")
    return out


def source_for_file(path: Path, encoding: str = "utf-8") -> InterviewSource:
    """Default metadata for a transcript built on its own: id from the file name."""
    iid = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not iid:
        raise BuildError("cannot make an id from the file name", path, hint="rename the file")
    return InterviewSource(interview_id=iid, path=path.resolve(), title=None, encoding=encoding)


def read_package_metadata(sources_dir: Path = SOURCES_DIR) -> dict:
    """Package-level metadata (name, title, licenses, homepage, ...) from package.json;
    the version is not there but in ``pyproject.toml``, the one place it is written."""
    path = sources_dir / "package.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    if "version" in metadata:
        raise BuildError(
            "sets a version",
            path,
            hint="remove it: the version is written once, in pyproject.toml",
        )
    return metadata


def read_gazetteer(sources_dir: Path = SOURCES_DIR) -> list[GazetteerEntry]:
    """The gazetteer entries with all their names, canonical name first."""
    path = sources_dir / "gazetteer_aliases.csv"
    aliases: dict[str, list[tuple[str, str, str | None]]] = {}
    seen: dict[tuple[str, str | None], int] = {}
    for line, row in _rows(path):
        key = (row["alias"], row.get("scope"))
        if key in seen:
            raise BuildError(
                f"alias {row['alias']!r} listed twice (first on line {seen[key]})",
                path,
                line,
                "an alias may name one entity only within its scope",
            )
        seen[key] = line
        aliases.setdefault(row["entity_id"], []).append((row["alias"], row["form"], key[1]))
    out = []
    for _, row in _rows(sources_dir / "gazetteer.csv"):
        eid = row["entity_id"]
        out.append(
            GazetteerEntry(
                entity_id=eid,
                name=row["name"],
                type=row["type"],
                category=row["category"],
                wikidata_id=row.get("wikidata_id"),
                related_entity_id=row.get("related_entity_id"),
                description=row["description"],
                names=[(row["name"], "name", None), *aliases.get(eid, [])],
            )
        )
    return out + read_demonyms(sources_dir)


def read_demonyms(sources_dir: Path = SOURCES_DIR) -> list[GazetteerEntry]:
    """Each country's demonym as a NORP gazetteer entry related to the country, with
    all its written forms (``Russian``, ``Russians``), from ``demonyms.csv``."""
    path = sources_dir / "demonyms.csv"
    if not path.exists():
        return []
    entries: dict[str, GazetteerEntry] = {}
    forms: dict[str, list[tuple[str, str, str | None]]] = {}
    first_line: dict[str, int] = {}
    for line, row in _rows(path):
        eid = row["entity_id"]
        first_line.setdefault(eid, line)
        forms.setdefault(eid, []).append((row["demonym"], row["form"], None))
        if row["form"] == "name":
            entries[eid] = GazetteerEntry(
                entity_id=eid,
                name=row["demonym"],
                type="NORP",
                category="nationality",
                wikidata_id=None,
                related_entity_id=row.get("country_id"),
                description=f"{row['demonym']} (nationality or adjective)",
            )
    for eid, line in first_line.items():
        if eid not in entries:
            raise BuildError(
                f"demonym entity {eid!r} has no row with form `name`",
                path,
                line,
                "give each entity_id one row with its adjective and form `name`",
            )
    return [
        replace(entry, names=sorted(forms[eid], key=lambda f: f[1] != "name"))
        for eid, entry in entries.items()
    ]
