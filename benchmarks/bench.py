"""The corpus benchmark (`make bench`): build and validate synthetic corpora of N
interviews and print one table of wall times, throughput and peak memory.

    python benchmarks/bench.py [N ...] [--jobs J] [--work DIR]

For each N a corpus is generated (benchmarks/corpus.py, cached under the work folder),
then for each build variant that this `builder` offers: `builder build --sources ...
--out ...` is timed, then the validation of what it built (`validate_package`, without
the drift check, which is a second build). After the default build, the model's own
`nlp.pipe` over the same transcripts (`pipe_reference.py`: the pipeline the build runs,
in as many processes and in one; with `--full-model` the whole model too) is timed the
same way, and the default build's time over each is printed. Peak RSS is the largest
sum of the resident memory of the command and all its child processes (pool workers
included), sampled from /proc every 200 ms. CPU seconds (user + system, children
included) are given too: on a shared machine they move less than wall times.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

#: The build variants: a name and the extra `builder build` options. A variant runs only
#: when `builder build --help` offers all its options.
VARIANTS = {"default": [], "no-ner": ["--no-ner"]}
BUILDER = Path(sys.executable).with_name("builder")
PIPE = Path(__file__).resolve().with_name("pipe_reference.py")
#: The references: a name and the `pipe_reference.py` options (None: the build's --jobs);
#: the whole model (tagger, parser, lemmatizer too) only with `bench.py --full-model`.
REFERENCES = {"nlp.pipe ner": [], "nlp.pipe ner, 1 process": ["--jobs", "1"]}
FULL_MODEL = {"nlp.pipe full model": ["--full"]}
RATIOS: list[str] = []  # the default build's time over each reference, printed at the end
VALIDATE = (
    "import sys; from pathlib import Path; from builder.validate import validate_package; "
    "f = validate_package(Path(sys.argv[1]), drift=False); print(*f[:5], sep='\\n'); "
    "sys.exit(1 if f else 0)"
)


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the command and its children (pool workers)
    peak_rss: int  # bytes


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run(cmd: list[str]) -> Run:
    """Run ``cmd``, failing loudly if it fails; its wall time and peak tree RSS."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}")
    return Run(seconds, cpu, peak)


def variants() -> dict[str, list[str]]:
    """The variants whose options this `builder build` offers."""
    help_text = subprocess.run(
        [str(BUILDER), "build", "--help"], capture_output=True, text=True, check=True
    ).stdout
    return {name: opts for name, opts in VARIANTS.items() if all(o in help_text for o in opts)}


def rows_of(out: Path) -> int:
    """Rows in all tables of a built package (lines of its CSVs minus headers)."""
    return sum(sum(1 for _ in p.open("rb")) - 1 for p in (out / "data" / "csv").glob("*.csv"))


def bench(
    ns: list[int],
    work: Path,
    jobs: int | None,
    words: int,
    only: list[str] | None = None,
    references: dict[str, list[str]] = REFERENCES,
) -> list[dict]:
    results = []
    for n in ns:
        corpus = work / f"corpus-{n}-{words}"
        if not (corpus / "interviews.csv").exists():
            shutil.rmtree(corpus, ignore_errors=True)
            generate(corpus, n, words=words)
        mb = sum(p.stat().st_size for p in (corpus / "transcripts").iterdir()) / 1e6
        for name, opts in variants().items():
            if only and name not in only:
                continue
            out = work / f"out-{n}-{name}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [str(BUILDER), "build", "--sources", str(corpus), "--out", str(out), *opts]
            if jobs is not None:
                cmd += ["--jobs", str(jobs)]
            b = run(cmd)
            v = run([sys.executable, "-c", VALIDATE, str(out)])
            rows = rows_of(out)
            results.append(
                {
                    "N": n,
                    "variant": name,
                    "MB": f"{mb:.1f}",
                    "build s": f"{b.seconds:.1f}",
                    "build CPU s": f"{b.cpu_seconds:.1f}",
                    "validate s": f"{v.seconds:.1f}",
                    "validate CPU s": f"{v.cpu_seconds:.1f}",
                    "MB/s": f"{mb / b.seconds:.2f}",
                    "rows/s": f"{rows / b.seconds:,.0f}",
                    "peak RSS MB": f"{max(b.peak_rss, v.peak_rss) / 1e6:,.0f}",
                }
            )
            print(_table(results[-1:], header=len(results) == 1), flush=True)
            if name == "default":
                results += reference(corpus, n, mb, jobs, b, references)
    return results


def reference(
    corpus: Path, n: int, mb: float, jobs: int | None, build: Run, references: dict
) -> list[dict]:
    """The model's own `nlp.pipe` over ``corpus`` (in the build's number of processes
    unless the options say otherwise), one row per reference, with the default
    ``build``'s time over each."""
    rows = []
    for name, opts in references.items():
        procs = ["--jobs", str(jobs or os.cpu_count())]
        r = run([sys.executable, str(PIPE), str(corpus), *procs, *opts])
        rows.append(
            {
                "N": n,
                "variant": name,
                "MB": f"{mb:.1f}",
                "build s": f"{r.seconds:.1f}",
                "build CPU s": f"{r.cpu_seconds:.1f}",
                "validate s": "",
                "validate CPU s": "",
                "MB/s": f"{mb / r.seconds:.2f}",
                "rows/s": "",
                "peak RSS MB": f"{r.peak_rss / 1e6:,.0f}",
            }
        )
        print(_table(rows[-1:], header=False), flush=True)
        RATIOS.append(
            f"N = {n}: the default build takes {build.seconds / r.seconds:.2f}x the wall "
            f"time and {build.cpu_seconds / r.cpu_seconds:.2f}x the CPU time of {name}"
        )
    return rows


def _table(rows: list[dict], header: bool = True) -> str:
    cols = list(rows[0])
    lines = []
    if header:
        lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--jobs", type=int, help="pass --jobs to builder build")
    parser.add_argument("--work", type=Path, default=Path("build/bench"))
    parser.add_argument("--words", type=int, default=1800, help="words per interview")
    parser.add_argument(
        "--variant",
        action="append",
        choices=sorted(VARIANTS),
        help="run only this build variant (repeatable; default: every one)",
    )
    parser.add_argument(
        "--full-model",
        action="store_true",
        help="also time nlp.pipe of the whole model (tagger, parser, lemmatizer, ner)",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}", flush=True)
    references = {**REFERENCES, **(FULL_MODEL if args.full_model else {})}
    bench(args.n, args.work.resolve(), args.jobs, args.words, args.variant, references)
    print(*RATIOS, sep="\n")
    print(f"load average now {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
