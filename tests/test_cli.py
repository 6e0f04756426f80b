"""The command line: build one file, validate, and fail clearly."""

import subprocess
import sys

from builder.cli import main
from builder.validate import validate_package


def test_build_one_file_with_default_metadata(tmp_path):
    transcript = tmp_path / "Talk With A Minister.txt"
    transcript.write_text(
        "Talk with a minister\n\nQ: What happened in 2019?\n\n"
        "A: We signed five agreements with Iran.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(transcript), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert validate_package(out) == []
    interviews = (out / "data" / "csv" / "interviews.csv").read_text(encoding="utf-8")
    assert "talk-with-a-minister,Talk with a minister,0,20" in interviews
    assert (out / "sources" / transcript.name).read_bytes() == transcript.read_bytes()


def test_validate_reports_a_missing_package(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "datapackage.json: missing" in capsys.readouterr().out


def test_building_one_file_needs_an_output_folder(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Q: x?\nA: y\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt")]) == 2
    assert "--out" in capsys.readouterr().err


def test_a_package_with_empty_tables_validates(tmp_path):
    transcript = tmp_path / "quiet.txt"
    transcript.write_text("Q: Why so quiet?\n\nA: We rest.\n", encoding="utf-8")
    assert main(["build", str(transcript), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "data" / "jsonl" / "figures.jsonl").read_bytes() == b""
    assert validate_package(tmp_path / "out") == []
