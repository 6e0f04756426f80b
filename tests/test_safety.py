"""What the builder guarantees a user (issue 10): it replaces only files it wrote, reads
nothing through a link out of sources/, builds the package one stands in, and answers
every failure with one line, never a traceback."""

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import build, check_out
from builder.cli import main
from builder.errors import BuildError
from builder.publish import LOCK, MARKER
from builder.sources import read_manifest
from builder.validate import validate_package
from repo import ROOT, SOURCES

GOOD = "Q: Why?\n\nA: Because.\n"


def cli(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        **kwargs,
    )


def one_line(stderr: str) -> str:
    """The one line of an error message (and that there is no traceback)."""
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1, stderr
    return stderr.strip()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but for the lock (which holds the pid of the last build)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != LOCK
    }


def transcript(folder: Path, name: str = "talk.txt", text: str = GOOD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def repository_copy(dst: Path) -> Path:
    """The repository's sources and schemas, with no package built yet."""
    for name in ("sources", "schemas"):
        shutil.copytree(ROOT / name, dst / name, ignore=shutil.ignore_patterns("jsonl"))
    return dst


# own only what you wrote


def test_a_folder_of_someone_elses_files_is_refused_and_kept(tmp_path):
    out = tmp_path / "mine"
    for rel in ("data/notes.csv", "sources/letter.txt", "schemas/plan.json", "review/r.csv"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(f"my {rel}\n", encoding="utf-8")
    (out / "datapackage.json").write_text("{}\n", encoding="utf-8")
    before = snapshot(out)
    result = cli("build", str(transcript(tmp_path / "in")), "--out", str(out))
    assert result.returncode == 2
    assert "not a package this builder wrote" in one_line(result.stderr)
    assert snapshot(out) == before


def test_a_file_added_to_a_built_package_is_never_deleted(tmp_path):
    talk, out = transcript(tmp_path / "in"), tmp_path / "pkg"
    build(out, transcript=talk, sources_dir=SOURCES)
    assert "data/csv/answers.csv" in json.loads((out / MARKER).read_text("utf-8"))["files"]
    build(out, transcript=talk, sources_dir=SOURCES)  # the builder may replace what it wrote
    (out / "data" / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"data/notes.txt: not written by the builder"):
        build(out, transcript=talk, sources_dir=SOURCES)
    assert (out / "data" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert validate_package(out) == []


def test_out_may_not_be_the_transcripts_own_folder(tmp_path):
    talk = transcript(tmp_path / "work")
    keep = tmp_path / "work" / "data" / "keep.csv"
    keep.parent.mkdir()
    keep.write_text("a,b\n", encoding="utf-8")
    result = cli("build", str(talk), "--out", str(tmp_path / "work"))
    assert result.returncode == 2
    assert "--out holds the transcript's own folder" in one_line(result.stderr)
    assert keep.read_text(encoding="utf-8") == "a,b\n"


def test_out_may_not_hold_the_transcripts_folder(tmp_path):
    talk = transcript(tmp_path / "dir" / "sources")
    other = transcript(tmp_path / "dir" / "sources", "other.txt", "mine")
    result = cli("build", str(talk), "--out", str(tmp_path / "dir"))
    assert result.returncode == 2
    assert "--out holds the transcript's own folder" in one_line(result.stderr)
    assert other.read_text(encoding="utf-8") == "mine"


def test_a_one_file_build_into_a_repository_is_refused(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    built = cli("build", cwd=repo)
    assert built.returncode == 0, built.stderr
    before = snapshot(repo)
    result = cli("build", str(transcript(tmp_path / "in")), "--out", ".", cwd=repo)
    assert result.returncode == 2
    assert "--out is a repository" in one_line(result.stderr)
    assert snapshot(repo) == before
    with pytest.raises(BuildError, match="--out is a repository"):
        check_out(ROOT, transcript=transcript(tmp_path / "in"), sources_dir=ROOT / "sources")


def test_out_may_not_be_the_sources_folder(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    before = snapshot(repo)
    result = cli("build", "--out", "sources", cwd=repo)
    assert result.returncode == 2
    assert "--out is inside the sources folder" in one_line(result.stderr)
    assert snapshot(repo) == before


def test_out_may_not_be_a_folder_holding_the_sources(tmp_path):
    repo = repository_copy(tmp_path / "parent" / "repo")
    with pytest.raises(BuildError, match="--out holds the sources folder"):
        build(tmp_path / "parent", sources_dir=repo / "sources")
    assert sorted(p.name for p in (tmp_path / "parent").iterdir()) == ["repo"]


def test_out_may_not_be_a_file(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("mine\n", encoding="utf-8")
    result = cli("build", str(transcript(tmp_path / "in")), "--out", str(out))
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(f"error: {out}: --out is a file, not a folder")
    assert out.read_text(encoding="utf-8") == "mine\n"


# no links out


def test_a_link_in_sources_to_a_file_outside_is_refused(tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root:secret\n", encoding="utf-8")
    repo = repository_copy(tmp_path / "repo")
    (repo / "sources" / "notes.txt").symlink_to(secret)  # not even in the manifest
    result = cli("build", "--out", str(tmp_path / "out"), cwd=repo)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert f"{repo / 'sources' / 'notes.txt'}: a symbolic link to {secret}, outside" in message
    out = tmp_path / "out"
    assert not any(b"root:secret" in p.read_bytes() for p in out.rglob("*") if p.is_file())


def test_a_manifest_row_whose_file_links_outside_is_refused(tmp_path):
    outside = transcript(tmp_path / "elsewhere")
    repo = repository_copy(tmp_path / "repo")
    (repo / "sources" / "linked.txt").symlink_to(outside)
    with (repo / "sources" / "interviews.csv").open("a", encoding="utf-8") as f:
        f.write("linked-talk,linked.txt,A title,,,,,,,,,,\n")
    with pytest.raises(BuildError, match=r"interviews.csv:3: transcript 'linked.txt' leads out"):
        read_manifest(repo / "sources")
    with pytest.raises(BuildError, match="linked.txt: a symbolic link to .*, outside"):
        build(tmp_path / "out", sources_dir=repo / "sources")


def test_a_link_inside_sources_is_copied_as_a_link(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    (repo / "sources" / "same.txt").symlink_to("cooperation-gains-momentum.txt")
    build(tmp_path / "out", sources_dir=repo / "sources")
    copied = tmp_path / "out" / "sources" / "same.txt"
    assert copied.is_symlink() and os.readlink(copied) == "cooperation-gains-momentum.txt"


# every failure is a message


def test_a_read_only_output_folder_is_one_line(tmp_path):
    talk, out = transcript(tmp_path / "in"), tmp_path / "pkg"
    build(out, transcript=talk, sources_dir=SOURCES)
    before = snapshot(out)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: run without the capabilities that allow it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]
    for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
        folder.chmod(0o555)
    try:
        talk.write_text(GOOD + "\nQ: And?\n\nA: So.\n", encoding="utf-8")
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "builder", "build", str(talk), "--out", str(out)],
            capture_output=True,
            text=True,
        )
    finally:
        for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert message.startswith(f"error: {out}") and "Permission denied" in message
    assert snapshot(out) == before


def test_a_file_size_limit_is_one_line(tmp_path):
    talk, out = transcript(tmp_path / "in", text=(GOOD * 40)), tmp_path / "pkg"

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(talk), "--out", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=limit,
    )
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert message.startswith(f"error: {out}") and "File too large" in message
    assert not (out / "datapackage.json").exists()
    assert not list(out.glob(".build-*"))


def test_an_os_error_names_the_file_and_the_reason(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/talks/a.txt")

    monkeypatch.setattr("builder.build.assemble", fail)
    with pytest.raises(BuildError) as err:
        build(tmp_path / "out", transcript=transcript(tmp_path / "in"), sources_dir=SOURCES)
    assert str(err.value) == (
        "/srv/talks/a.txt: cannot read or write: Permission denied "
        "(the previous package is untouched)"
    )
    assert not list((tmp_path / "out").glob(".build-*"))


def test_an_unknown_ner_model_is_one_line(tmp_path, capsys):
    args = ["build", str(transcript(tmp_path / "in")), "--out", str(tmp_path / "out")]
    assert main([*args, "--ner-model", "no_such_pipeline_xyz"]) == 2
    message = one_line(capsys.readouterr().err)
    assert "spaCy pipeline 'no_such_pipeline_xyz' is not installed" in message


def test_an_unforeseen_exception_is_one_line(tmp_path, capsys, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the unforeseen\nover two lines")

    monkeypatch.setattr("builder.cli.build", fail)
    assert main(["build", str(transcript(tmp_path / "in")), "--out", str(tmp_path / "o")]) == 2
    assert one_line(capsys.readouterr().err) == "error: RuntimeError: the unforeseen over two lines"


def damage_missing_resource(root: Path) -> None:
    (root / "data" / "csv" / "figures.csv").unlink()


def damage_parquet_footer(root: Path) -> None:
    path = root / "data" / "parquet" / "answers.parquet"
    path.write_bytes(path.read_bytes()[:-12])


def damage_descriptor(root: Path) -> None:
    path = root / "datapackage.json"
    path.write_bytes(path.read_bytes()[:500])


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (damage_missing_resource, "FAIL data/csv/figures.csv: missing"),
        (damage_parquet_footer, "FAIL data/parquet/answers.parquet: cannot read"),
        (damage_descriptor, "FAIL datapackage.json: not valid JSON"),
    ],
    ids=["deleted-resource", "parquet-footer", "truncated-descriptor"],
)
def test_validate_reports_a_damaged_package_in_fail_lines(damage, expected, package_copy, capsys):
    damage(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    out, err = capsys.readouterr()
    assert expected in out.splitlines()[0] or expected in out
    assert all(line.startswith("FAIL ") for line in out.splitlines())
    assert "Traceback" not in out + err


# the package you stand in


def test_build_builds_the_package_one_stands_in_and_says_which(tmp_path):
    repo = repository_copy(tmp_path / "other")
    result = cli("build", cwd=repo / "sources")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"package: {repo} ")
    assert validate_package(repo) == []
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    result = cli("build", cwd=nowhere)
    assert result.returncode == 2
    assert "no sources/interviews.csv here or in a folder above" in one_line(result.stderr)


def test_validate_checks_the_package_one_stands_in(tmp_path, monkeypatch, capsys):
    out = tmp_path / "pkg"
    build(out, transcript=transcript(tmp_path / "in"), sources_dir=SOURCES)
    monkeypatch.chdir(out / "data" / "csv")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == f"valid: {out / 'datapackage.json'}\n"


# spreadsheet safety


def test_text_that_looks_like_a_formula_stays_as_it_is(tmp_path):
    answers = ["=SUM(A1:A9) is what we said.", "+7 percent.", "-5 degrees.", "@minister wrote."]
    text = "".join(f"Q: Question {i}?\n\nA: {a}\n\n" for i, a in enumerate(answers, 1))
    out = tmp_path / "out"
    build(out, transcript=transcript(tmp_path / "in", text=text), sources_dir=SOURCES)
    csv_text = (out / "data" / "csv" / "answers.csv").read_text(encoding="utf-8")
    for answer in answers:
        assert f",{answer}," in csv_text or f',"{answer}",' in csv_text
        assert f"'{answer}" not in csv_text
