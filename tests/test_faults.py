"""Fault injection: a build killed (SIGKILL) after each step of the publish in turn, two
builds at once, SIGTERM and Ctrl-C; after each, the next run leaves a complete package
that `builder validate` accepts (builder.publish describes the protocol)."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.build import build
from builder.cli import main
from builder.errors import BuildError
from builder.publish import JOURNAL, LOCK, PUBLISHED_ELSEWHERE, STAGING_MARKER, lock
from builder.validate import validate_package
from repo import ROOT, SOURCES

OLD = "Q: Why?\n\nA: Because.\n"
NEW = "A new title\n\nQ: Why now?\n\nA: Because it is 2019.\n\nQ: And?\n\nA: Baku.\n"
#: Long enough that a build is still staging when the test signals it.
LONG = "".join(
    f"Q: Question {i} about trade with Iran in {1990 + i}?\n\n"
    f"A: Answer {i}: it grew by {i} percent, and Baku will host {i + 2} rounds of talks "
    "with the ministers of the five littoral states about the Caspian Sea.\n\n"
    for i in range(60)
)


def run_build(talk: Path, out: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "builder", "build", str(talk), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    """Give the build Ctrl-C's default action even where the tests run in the
    background: a shell starts a background job with SIGINT ignored, its children
    inherit that, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stagings(out: Path) -> list[Path]:
    return sorted(out.glob(".build-*"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != LOCK
    }


def wait_for_staging(out: Path, process: subprocess.Popen) -> None:
    while not stagings(out):
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)


def test_a_kill_after_any_step_of_the_publish_leaves_a_complete_package(tmp_path, capsys):
    talk, out = tmp_path / "in" / "talk.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    versions = [OLD, NEW]
    talk.write_text(OLD, encoding="utf-8")
    build(out, transcript=talk, sources_dir=SOURCES)
    current, swept = 0, set()
    for step in range(100):
        new = 1 - current
        talk.write_text(versions[new], encoding="utf-8")
        result = run_build(talk, out, BUILDER_KILL_AFTER_STEP=str(step))
        result.communicate()
        if result.returncode == 0:  # no step left to kill the build after
            break
        assert result.returncode == -signal.SIGKILL
        assert main(["validate", str(out)]) == 0, capsys.readouterr()  # the next run
        assert capsys.readouterr().out.endswith(f"valid: {out / 'datapackage.json'}\n")
        # killed before the journal: the old package; after it: the new one, complete
        current = current if step == 0 else new
        assert (out / "sources" / "talk.txt").read_text("utf-8") == versions[current]
        assert not (out / JOURNAL).exists()
        # a staging folder outside the journal (killed before it was written, or after
        # it was removed) stays until the next build sweeps it
        left = stagings(out)
        assert len(left) <= 1 and all((s / STAGING_MARKER).is_file() for s in left)
        swept.update(left)
    # staging complete, journal, two renames per entry, journal gone, staging gone
    assert step == 1 + 1 + 2 * len(PUBLISHED_ELSEWHERE) + 2
    assert len(swept) == 2  # staging complete, and journal removed
    assert validate_package(out) == [] and not stagings(out)


def test_the_next_build_finishes_an_interrupted_publish_first(tmp_path):
    talk, out = tmp_path / "in" / "talk.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    talk.write_text(OLD, encoding="utf-8")
    build(out, transcript=talk, sources_dir=SOURCES)
    talk.write_text(NEW, encoding="utf-8")
    killed = run_build(talk, out, BUILDER_KILL_AFTER_STEP="4")  # after data/ went away
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    assert not (out / "data").exists() and (out / JOURNAL).exists()
    summary = build(out, transcript=talk, sources_dir=SOURCES)
    assert summary.rows["answers"] == 2
    assert validate_package(out) == [] and not stagings(out)


def test_a_kill_inside_a_repository_publish_is_finished_by_validate(tmp_path, capsys):
    repo = tmp_path / "repo"
    for name in ("sources", "schemas"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("jsonl"))
    build(repo, sources_dir=repo / "sources", in_place=True)
    before = snapshot(repo)
    killed = subprocess.run(
        [sys.executable, "-m", "builder", "build"],
        cwd=repo,
        capture_output=True,
        env={**os.environ, "BUILDER_KILL_AFTER_STEP": "6"},  # old schemas/jsonl moved away
    )
    assert killed.returncode == -signal.SIGKILL
    assert not (repo / "schemas" / "jsonl").exists()
    assert main(["validate", str(repo)]) == 0
    assert snapshot(repo) == before  # the same sources: the new package equals the old


def test_a_second_build_is_refused_with_the_pid_of_the_first(tmp_path, capsys):
    talk, out = tmp_path / "in" / "talk.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    talk.write_text(OLD, encoding="utf-8")
    out.mkdir()
    with lock(out):
        assert main(["build", str(talk), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {out}: another build is running (pid {os.getpid()}) (wait for it to finish)\n"
    )
    assert not (out / "datapackage.json").exists()


def test_a_second_build_while_one_runs_is_refused(tmp_path):
    talk, out = tmp_path / "in" / "long.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    talk.write_text(LONG, encoding="utf-8")
    first = run_build(talk, out)
    wait_for_staging(out, first)
    with pytest.raises(BuildError, match=rf"another build is running \(pid {first.pid}\)"):
        build(out, transcript=talk, sources_dir=SOURCES)
    assert first.wait() == 0
    assert validate_package(out) == [] and not stagings(out)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_clean_up(sig, code, tmp_path):
    talk, out = tmp_path / "in" / "long.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    talk.write_text(OLD, encoding="utf-8")
    build(out, transcript=talk, sources_dir=SOURCES)
    before = snapshot(out)
    talk.write_text(LONG, encoding="utf-8")
    process = run_build(talk, out)
    wait_for_staging(out, process)
    process.send_signal(sig)
    _, stderr = process.communicate()
    assert process.returncode == code
    assert "Traceback" not in stderr and stderr.count("\n") == 1
    assert stderr.startswith("error: interrupted by")
    assert not stagings(out)
    assert snapshot(out) == before


def test_stale_staging_folders_are_swept_and_other_files_kept(tmp_path):
    talk, out = tmp_path / "in" / "talk.txt", tmp_path / "pkg"
    talk.parent.mkdir()
    talk.write_text(OLD, encoding="utf-8")
    build(out, transcript=talk, sources_dir=SOURCES)
    stale = out / ".build-dead1234"
    (stale / "data" / "csv").mkdir(parents=True)
    (stale / "data" / "csv" / "answers.csv").write_text("x\n", encoding="utf-8")
    (stale / STAGING_MARKER).write_bytes(b"")
    mine = out / ".build-notes"  # looks like ours, but lacks the staging file
    mine.mkdir()
    (mine / "todo.txt").write_text("mine\n", encoding="utf-8")
    build(out, transcript=talk, sources_dir=SOURCES)
    assert not stale.exists()
    assert (mine / "todo.txt").read_text(encoding="utf-8") == "mine\n"
