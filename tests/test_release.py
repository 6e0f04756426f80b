"""`builder release`: the archive of the package, byte-identical from run to run."""

import hashlib
import json
import shutil
import subprocess
import zipfile

import pytest

from builder.cli import main
from builder.errors import BuildError
from builder.release import make_release
from builder.schemas import ROOT, TABLES
from builder.validate import validate_package

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
STEM = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return make_release(ROOT, tmp_path_factory.mktemp("dist"))


def test_two_releases_are_byte_identical(release, tmp_path):
    again = make_release(ROOT, tmp_path)
    assert again.archive.name == release.archive.name == f"{STEM}.zip"
    assert again.archive.read_bytes() == release.archive.read_bytes()
    assert again.sums.read_bytes() == release.sums.read_bytes()


def test_the_archive_holds_the_package_files_as_they_are(release):
    with zipfile.ZipFile(release.archive) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith(f"{STEM}/") for n in names)
        inside = {n.removeprefix(f"{STEM}/") for n in names}
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            rel = info.filename.removeprefix(f"{STEM}/")
            assert zf.read(info) == (ROOT / rel).read_bytes(), rel
    top = {"datapackage.json", "croissant.json", "CITATION.cff", ".zenodo.json"}
    assert top | {"README.md", "LICENSE"} <= inside
    assert {r["path"] for r in DESCRIPTOR["resources"]} <= inside
    assert {f"schemas/{t}.json" for t in TABLES} <= inside
    assert {"sources/interviews.csv", "sources/package.json"} <= inside
    assert not [n for n in inside if n.startswith(("review/", "src/", "tests/", ".builder"))]


def test_sha256sums_checks_with_sha256sum(release):
    digest = hashlib.sha256(release.archive.read_bytes()).hexdigest()
    assert release.sums.read_text(encoding="utf-8") == f"{digest}  {STEM}.zip\n"
    check = subprocess.run(
        ["sha256sum", "--check", release.sums.name],
        cwd=release.sums.parent,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and check.stdout == f"{STEM}.zip: OK\n"


def test_an_unpacked_release_validates_with_the_drift_check(release, tmp_path):
    with zipfile.ZipFile(release.archive) as zf:
        zf.extractall(tmp_path)
    assert validate_package(tmp_path / STEM) == []


def test_release_command_and_a_folder_lacking_a_part(built_copy, tmp_path, capsys):
    assert main(["release", str(ROOT), "--out", str(tmp_path / "dist")]) == 0
    assert f"{STEM}.zip" in capsys.readouterr().out
    assert (tmp_path / "dist" / "SHA256SUMS").is_file()
    assert main(["release", str(built_copy), "--out", str(tmp_path / "more")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "README.md is missing" in err
    assert not (tmp_path / "more").exists()


def test_a_link_inside_the_package_is_refused(built_copy, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built_copy, pkg)
    for name in ("README.md", "LICENSE"):
        (pkg / name).write_bytes((ROOT / name).read_bytes())
    assert make_release(pkg, tmp_path / "ok").members  # complete, as long as there is no link
    (pkg / "sources" / "link.txt").symlink_to(pkg / "LICENSE")
    with pytest.raises(BuildError, match="regular files only"):
        make_release(pkg, tmp_path / "dist")
