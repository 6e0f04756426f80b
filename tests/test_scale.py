"""Scale: the same package whatever runs the per-interview work (one process, a pool,
a Dask cluster), the benchmark runs, and too large a transcript is refused at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.assemble import assemble
from builder.errors import BuildError
from builder.validate import validate_package
from repo import ROOT, SOURCES

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import STYLES, generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A synthetic corpus with one interview in each transcript style."""
    out = tmp_path_factory.mktemp("corpus")
    generate(out, len(STYLES), words=300)
    return out


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jobs1")
    assemble(out, sources_dir=corpus, jobs=1)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_corpus_builds_into_a_valid_package_with_every_style(one_process):
    assert validate_package(one_process, drift=False) == []
    interviews = (one_process / "data" / "csv" / "interviews.csv").read_text("utf-8")
    assert interviews.count("synthetic-") >= len(STYLES)
    questions = (one_process / "data" / "csv" / "questions.csv").read_text("utf-8")
    for i in range(1, len(STYLES) + 1):
        assert f"synthetic-{i:06d}-q01" in questions  # every style parsed into turns


def test_a_pool_of_two_writes_the_same_bytes_as_one_process(corpus, one_process, tmp_path):
    assemble(tmp_path, sources_dir=corpus, jobs=2)
    assert files(tmp_path) == files(one_process)


def test_a_pool_loses_no_interview_beyond_its_window(corpus, one_process, tmp_path, monkeypatch):
    import builder.work

    monkeypatch.setattr(builder.work, "WINDOW", 1)  # 2 in flight, fewer than the interviews
    assemble(tmp_path, sources_dir=corpus, jobs=2)
    assert files(tmp_path) == files(one_process)


def test_results_come_in_order_and_all_of_them_whatever_the_window():
    from concurrent.futures import Future

    from builder.work import _ordered

    def done(value) -> Future:
        future = Future()
        future.set_result(value)
        return future

    for window in (1, 2, 3, 10, 11, 50):
        assert list(_ordered(done, iter(range(10)), window)) == list(range(10))


def test_a_dask_cluster_writes_the_same_bytes_as_one_process(corpus, one_process, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        assemble(tmp_path, sources_dir=corpus, dask=cluster.scheduler_address)
    assert files(tmp_path) == files(one_process)


def test_a_transcript_over_the_limit_is_refused_before_any_work(tmp_path, monkeypatch):
    import builder.work

    big = tmp_path / "big.txt"
    big.write_text("Q: Why?\n\nA: Because.\n" * 1000, encoding="utf-8")
    monkeypatch.setattr(builder.work, "MAX_TRANSCRIPT_BYTES", 1000)
    with pytest.raises(BuildError, match=r"limit is 0 MB per transcript") as err:
        assemble(tmp_path / "out", transcript=big, jobs=1, sources_dir=SOURCES)
    assert err.value.path == big


def test_the_cli_refuses_a_transcript_over_the_real_limit_in_one_line(tmp_path, capsys):
    from builder.cli import main
    from builder.work import MAX_TRANSCRIPT_BYTES

    big = tmp_path / "long interview.txt"
    turn = "Q: Why?\n\nA: Because the figures say so.\n\n"
    big.write_text(turn * (MAX_TRANSCRIPT_BYTES // len(turn) + 1), encoding="utf-8")
    assert big.stat().st_size > MAX_TRANSCRIPT_BYTES
    out = tmp_path / "out"
    assert main(["build", str(big), "--out", str(out), "--no-ner", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "long interview.txt" in err
    assert f"the limit is {MAX_TRANSCRIPT_BYTES / 1e6:.0f} MB per transcript" in err
    assert not (out / "datapackage.json").exists()


def test_the_benchmark_runs_at_a_small_n(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "2", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 2 |")]
    assert rows and all(len(line.split("|")) == 12 for line in rows), result.stdout
    variants = [line.split("|")[2].strip() for line in rows]
    assert {"default", "no-ner", "nlp.pipe ner", "nlp.pipe ner, 1 process"} <= set(variants)
    ratios = [line for line in result.stdout.splitlines() if "the default build takes" in line]
    assert len(ratios) == 2, result.stdout
