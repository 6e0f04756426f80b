"""Bad input gets a message naming the file and line, a non-zero exit, and leaves the
previous package untouched."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import build
from builder.errors import BuildError
from repo import ROOT, SOURCES

MANIFEST_HEADER = (ROOT / "sources" / "interviews.csv").read_text(encoding="utf-8").splitlines()[0]
GOOD = "Q: Why?\n\nA: Because.\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def package(built_copy, tmp_path):
    out = tmp_path / "pkg"
    shutil.copytree(built_copy, out)
    return out


def sources_with(tmp_path: Path, rows: list[str], files: dict[str, bytes]) -> Path:
    """A sources folder: the repository's, with these manifest rows and files added."""
    folder = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", folder)
    with (folder / "interviews.csv").open("a", encoding="utf-8") as f:
        f.writelines(row + "\n" for row in rows)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def row(interview_id: str, path: str) -> str:
    return f"{interview_id},{path},A title,,,,,,,,,,"


BAD_FILES = {
    "empty": (b"", "empty transcript"),
    "blank": (b"  \n\t\n", "empty transcript"),
    "binary": (b"Q: a\x00b?\nA: c\n", "binary file"),
    "latin-1": (
        "Q: Café?\n\nA: Oui.\n".encode("latin-1"),
        "not valid utf-8: byte 0xe9 at byte offset 6",
    ),
    "utf-16": ("Q: Why?\nA: So.\n".encode("utf-16"), "UTF-16 text.*--encoding utf-16"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_transcript_in_the_manifest(name, package, tmp_path):
    data, message = BAD_FILES[name]
    sources = sources_with(tmp_path, [row("bad-one", "bad.txt")], {"bad.txt": data})
    before = snapshot(package)
    with pytest.raises(BuildError, match=message) as err:
        build(package, sources_dir=sources)
    assert str(err.value).startswith(str(sources / "bad.txt"))
    assert snapshot(package) == before


def test_utf16_reads_with_its_encoding(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Q: Why?\n\nA: Ça va.\n".encode("utf-16"))
    summary = build(tmp_path / "out", transcript=path, encoding="utf-16", sources_dir=SOURCES)
    assert summary.rows["answers"] == 1
    answers = (tmp_path / "out" / "data" / "csv" / "answers.csv").read_text(encoding="utf-8")
    assert "Ça va." in answers


def test_not_utf8_says_the_line_and_offers_encoding(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Q: Why?\n\nA: Café.\n".encode("cp1252"))
    with pytest.raises(BuildError) as err:
        build(tmp_path / "out", transcript=path, sources_dir=SOURCES)
    assert str(err.value).startswith(f"{path}:3: not valid utf-8")
    assert "--encoding" in str(err.value)
    summary = build(tmp_path / "out", transcript=path, encoding="cp1252", sources_dir=SOURCES)
    assert summary.rows["answers"] == 1


@pytest.mark.parametrize(
    ("rows", "files", "message", "line"),
    [
        ([row("cooperation-gains-momentum", "x.txt")], {"x.txt": GOOD.encode()},
         "duplicate interview_id 'cooperation-gains-momentum' (first on line 2)", 3),
        ([row("../evil", "x.txt")], {"x.txt": GOOD.encode()}, "unsafe interview_id '../evil'", 3),
        ([row("a/b", "x.txt")], {"x.txt": GOOD.encode()}, "unsafe interview_id 'a/b'", 3),
        ([row("Upper", "x.txt")], {"x.txt": GOOD.encode()}, "unsafe interview_id 'Upper'", 3),
        ([row("missing", "nowhere.txt")], {}, "transcript 'nowhere.txt' not found", 3),
        ([row("escape", "../README.md")], {}, "transcript '../README.md' not found", 3),
    ],
    ids=["duplicate", "dotdot", "slash", "uppercase", "missing", "outside"],
)  # fmt: skip
def test_bad_manifest_rows(rows, files, message, line, package, tmp_path):
    sources = sources_with(tmp_path, rows, files)
    before = snapshot(package)
    with pytest.raises(BuildError) as err:
        build(package, sources_dir=sources)
    assert str(err.value).startswith(f"{sources / 'interviews.csv'}:{line}: {message}")
    assert snapshot(package) == before


def test_a_schema_violation_in_the_manifest_names_the_row(package, tmp_path):
    sources = sources_with(
        tmp_path, ["ok-id,x.txt,Title,,,not-a-date,,,,,,,"], {"x.txt": b"Q: a?\nA: b\n"}
    )
    with pytest.raises(BuildError, match=r"interviews.csv:3: .*published"):
        build(package, sources_dir=sources)


def test_two_interviews_build_into_one_package(tmp_path):
    sources = sources_with(
        tmp_path, [row("second-talk", "second.txt")], {"second.txt": GOOD.encode()}
    )
    out = tmp_path / "out"
    summary = build(out, sources_dir=sources)
    assert summary.rows["interviews"] == 2
    assert summary.rows["questions"] == 14
    questions = (out / "data" / "csv" / "questions.csv").read_text(encoding="utf-8")
    assert "second-talk-q01,second-talk,1," in questions


def test_the_command_line_exits_non_zero_with_the_message(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}:1: empty transcript")
    assert not (tmp_path / "o" / "datapackage.json").exists()


def test_a_transcript_without_turns_is_published_as_intro_with_a_warning(tmp_path):
    talk = tmp_path / "talk.txt"
    talk.write_text("Ports\n\nWhy did Ana Lima come to Lisbon?\n\nFor the sea, in 2019.\n", "utf-8")
    out = tmp_path / "o"
    command = [sys.executable, "-m", "builder", "build", str(talk), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {talk}:1: no recognisable question/answer turns: its text is published "
        "as the intro, with no questions or answers (mark each turn at the start of its "
        "line with `Q:`/`A:`, a speaker name such as `SMITH:`, a dash `- `, or number the "
        "questions `1. ...?`; --strict refuses it)"
    ]
    interviews = (out / "data" / "csv" / "interviews.csv").read_text(encoding="utf-8")
    assert "Why did Ana Lima come to Lisbon?\n\nFor the sea, in 2019." in interviews
    figures = (out / "data" / "csv" / "figures.csv").read_text(encoding="utf-8")
    assert ",intro,,,talk-s003,2019," in figures  # its figures are read
    # --strict refuses it, and the package built before stays as it was
    before = snapshot(out / "data")
    result = subprocess.run([*command, "--strict"], capture_output=True, text=True)
    assert result.returncode == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"error: {talk}:1: no recognisable question/answer turns")
    assert snapshot(out / "data") == before
