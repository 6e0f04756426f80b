"""Own, lock, stage and publish a package folder: all or nothing, even under SIGKILL.

A package folder (the output folder of a build) holds these files of the builder's own
besides the package:

- ``.builder-package.json``, the *marker*: the entries the builder publishes there and
  every file it wrote under them. A build replaces a folder's entries only when the
  folder is new, empty, or holds this marker and nothing under the entries that the
  marker does not list; so it never deletes a file it did not write.
- ``.builder.lock``: a build holds ``fcntl.flock`` on it (the OS releases it when the
  process dies, even by SIGKILL) and writes its pid there for the message a second
  build gets.
- ``.build-*/``: a staging folder, recognised as the builder's by the file
  ``.builder-staging`` inside it; the next build removes those a dead build left.
- ``.builder-journal.json``: the journal of a publish in progress.

Publishing protocol. The complete new package is first written and validated in a
staging folder inside the output folder (same file system, so renames are atomic).
Then:

1. the journal, naming the staging folder and the entries, is written to a temporary
   file, flushed to disk and renamed into place: from here on the new package wins;
2. for each entry in turn, the old entry (if any) is renamed into ``<staging>/.old/``
   and the new one renamed into its place;
3. the journal is removed, then the staging folder with the old entries (its
   ``.builder-staging`` file last).

Step 2 is idempotent: an entry still in the staging folder has not been moved in yet,
and whatever stands at its place then is the old one. So whichever step a process dies
after, the next ``builder build`` or ``builder validate`` on the folder finds the journal
and, before anything else, runs step 2 and 3 again (:func:`recover`): the folder then
holds the new package, complete. A process that dies before step 1 leaves the old
package as it was, plus a staging folder the next build removes. SIGINT and SIGTERM
during steps 1-3 are held back until the publish is done. The protocol guards against
the death of the process, not against losing power: data files are not fsync'ed.

For tests, the environment variable ``BUILDER_KILL_AFTER_STEP=k`` makes the process
SIGKILL itself after step ``k`` of a publish (0: the staging folder is complete, 1: the
journal is written, then one step per rename, and the two removals).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.errors import BuildError
from builder.metadata import DOCUMENTS

MARKER = ".builder-package.json"
LOCK = ".builder.lock"
JOURNAL = ".builder-journal.json"
STAGING_PREFIX = ".build-"
STAGING_MARKER = ".builder-staging"
_OLD = ".old"

#: What a build publishes into a repository built in place (its schemas and sources are
#: the inputs); a build into another folder also publishes copies of those.
#: The marker comes last: a folder holding it holds a complete package.
PUBLISHED_IN_REPO = ("datapackage.json", "data", "schemas/jsonl", "review", *DOCUMENTS, MARKER)
PUBLISHED_ELSEWHERE = (
    "datapackage.json",
    "data",
    "schemas",
    "review",
    "sources",
    *DOCUMENTS,
    MARKER,
)
_KILL_ENV = "BUILDER_KILL_AFTER_STEP"


def is_control(name: str) -> bool:
    """Whether a top-level name in a package folder is one of the builder's own files."""
    return name in (MARKER, LOCK, JOURNAL, JOURNAL + ".tmp") or name.startswith(STAGING_PREFIX)


# ownership


def read_marker(out: Path) -> dict | None:
    """The marker of the package at ``out``, or None when there is none."""
    path = out / MARKER
    if not path.is_file():
        return None
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(marker.get("entries"), list) and isinstance(marker.get("files"), list):
            return marker
    except (ValueError, AttributeError):
        pass
    raise BuildError(
        "not a marker this builder wrote",
        path,
        hint="delete the folder yourself or build elsewhere",
    )


def write_marker(root: Path, entries: tuple[str, ...]) -> None:
    """Write the marker listing ``entries`` and every file under them (sorted)."""
    files = sorted(f for entry in entries if entry != MARKER for f in _files(root, entry))
    marker = {
        "written_by": "builder (interview-datasets-builder)",
        "note": "the builder replaces only the entries and files listed here; do not edit",
        "entries": [e for e in entries if e != MARKER],
        "files": files,
    }
    text = json.dumps(marker, indent=2, ensure_ascii=False) + "\n"
    (root / MARKER).write_text(text, encoding="utf-8")


def _files(root: Path, entry: str) -> Iterator[str]:
    """Package-relative paths of the files (and links) under ``root/entry``."""
    top = root / entry
    if not _lexists(top):
        return
    if top.is_symlink() or not top.is_dir():
        yield entry
        return
    for folder, dirs, names in os.walk(top):
        here = Path(folder)
        for name in names + [d for d in dirs if (here / d).is_symlink()]:
            yield (here / name).relative_to(root).as_posix()


def check_ownership(out: Path, entries: tuple[str, ...], *, in_place: bool) -> None:
    """Refuse to publish into ``out`` unless every file the publish would replace was
    written by the builder.

    Without a marker, a folder qualifies when it is empty (but for the builder's own
    files) or, for a build in place, when it holds none of ``entries`` yet.
    """
    if not out.exists():
        return
    if not out.is_dir():
        raise BuildError("--out is not a folder", out, hint="give a new or empty folder")
    marker = read_marker(out)
    if marker is None:
        if in_place:
            present = [e for e in entries if _lexists(out / e)]
        else:
            present = sorted(p.name for p in out.iterdir() if not is_control(p.name))
        if present:
            hint = "build into a new or empty folder; the builder replaces only what it wrote"
            if in_place:
                hint = "if an older builder wrote them, delete " + ", ".join(entries[:-1])
            raise BuildError(
                f"holds {present[0]!r} and no {MARKER}: not a package this builder wrote",
                out,
                hint=hint,
            )
        return
    written = set(marker["files"])
    for entry in entries:
        if entry == MARKER:
            continue
        for rel in _files(out, entry):
            if rel not in written:
                raise BuildError(
                    f"not written by the builder ({MARKER} does not list it)",
                    out / rel,
                    hint="move it out of the package folder: a build replaces "
                    + ", ".join(e for e in entries if e != MARKER),
                )


def _lexists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


# one build at a time


@contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold the package folder's lock, or fail with the pid of the build holding it."""
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise BuildError(
                f"another build is running (pid {pid})", out, hint="wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def sweep(out: Path) -> list[Path]:
    """Remove staging folders dead builds left in ``out`` (call under the lock, after
    :func:`recover`); a ``.build-*`` folder without the staging file is not ours."""
    removed = []
    for path in sorted(out.glob(STAGING_PREFIX + "*")):
        if path.is_dir() and not path.is_symlink() and (path / STAGING_MARKER).is_file():
            remove_staging(path)
            removed.append(path)
    return removed


def stage(out: Path) -> Path:
    """A new, empty staging folder in ``out`` (empty but for its staging file)."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        (staging / STAGING_MARKER).write_bytes(b"")
    except BaseException:  # interrupted before the caller holds it: remove it here
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def remove_staging(staging: Path) -> None:
    """Remove a staging folder, its staging file last (so a kill midway leaves it
    recognisable to :func:`sweep`)."""
    for child in staging.iterdir():
        if child.name == STAGING_MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    (staging / STAGING_MARKER).unlink(missing_ok=True)
    staging.rmdir()


# publishing


def publish(staging: Path, out: Path, entries: tuple[str, ...]) -> None:
    """Move the complete package in ``staging`` over the old one in ``out`` (see the
    module docstring for the protocol)."""
    step = _Steps()
    with _signals_held():
        step()
        journal = {"staging": staging.name, "entries": list(entries)}
        tmp = out / (JOURNAL + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(journal, f)
            f.flush()
            os.fsync(f.fileno())
        tmp.rename(out / JOURNAL)
        _fsync_dir(out)
        step()
        _finish(out, staging, entries, step)


def recover(out: Path) -> bool:
    """Finish a publish a dead process left half done (call under the lock). Returns
    whether there was one."""
    (out / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    path = out / JOURNAL
    if not path.exists():
        return False
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        staging = out / journal["staging"]
        entries = tuple(journal["entries"])
    except (ValueError, KeyError, TypeError):
        raise BuildError(
            "the journal of an interrupted publish is unreadable",
            path,
            hint="compare the folder with a fresh build, then delete the journal",
        ) from None
    if not staging.is_dir() or not staging.name.startswith(STAGING_PREFIX):
        raise BuildError(f"the journal names a missing staging folder {staging.name}", path)
    with _signals_held():
        _finish(out, staging, entries, lambda: None)
    return True


def journal_pending(out: Path) -> bool:
    """Whether a publish into ``out`` was interrupted and not yet finished."""
    return (out / JOURNAL).exists()


def _finish(out: Path, staging: Path, entries: tuple[str, ...], step) -> None:
    for entry in entries:
        new, old, trash = staging / entry, out / entry, staging / _OLD / entry
        if _lexists(new):  # not moved in yet: what stands at ``old`` is the old entry
            if _lexists(old):
                trash.parent.mkdir(parents=True, exist_ok=True)
                old.rename(trash)
            step()
            old.parent.mkdir(parents=True, exist_ok=True)
            new.rename(old)
            step()
    _fsync_dir(out)
    (out / JOURNAL).unlink()
    _fsync_dir(out)
    step()
    remove_staging(staging)
    step()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Steps:
    """Counts the steps of a publish; kills the process after the step named by
    ``BUILDER_KILL_AFTER_STEP`` (fault-injection tests only)."""

    def __init__(self) -> None:
        value = os.environ.get(_KILL_ENV, "")
        self.kill_after = int(value) if value.isdigit() else None
        self.done = -1

    def __call__(self) -> None:
        self.done += 1
        if self.done == self.kill_after:
            os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block ends, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)
