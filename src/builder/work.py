"""One interview's work, and where it runs: in this process, in a local process pool, or
on a Dask cluster.

The work of an interview (read, parse, extract, tabulate, encode) is one function,
:func:`interview`, which needs only the interview's source and a :class:`Context` (the
gazetteer and the NER model's name) shared by all interviews. The same function is
mapped over the interviews by :mod:`concurrent.futures` (``--jobs N``) or by a
``dask.distributed`` client (``--dask ADDRESS``); results are taken in the manifest's
order, so the output is the same whichever runs it. At most :data:`WINDOW` interviews
per worker are in flight, so memory does not grow with the number of interviews.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context

from tqdm import tqdm

from builder.candidates import Proposal
from builder.entities import EntityFinder
from builder.errors import BuildError
from builder.names import ModelEntities
from builder.ner import load_ner
from builder.schemas import TABLES
from builder.sources import GazetteerEntry, InterviewSource
from builder.tables import Extractors, interview_tables
from builder.transcript import parse, read_text
from builder.writers import Chunk, encode

#: A transcript larger than this is refused before any work starts: one transcript is
#: one task, and its extraction holds about 300 times its size in memory (measured: a
#: 2 MB transcript, 640 MB peak, 30 s of CPU).
MAX_TRANSCRIPT_BYTES = 5_000_000
#: Interviews in flight per worker (submitted and not yet taken in order).
WINDOW = 8


@dataclass(frozen=True)
class Job:
    """One interview to process, and where its source goes in the package."""

    source: InterviewSource
    package_path: str


@dataclass(frozen=True)
class Context:
    """What every interview's work needs besides its own file (sent once per worker)."""

    gazetteer: tuple[GazetteerEntry, ...]
    model: str | None = None  # the installed spaCy NER pipeline (None: --no-ner)
    key: str = field(init=False, default="")

    def __post_init__(self):
        digest = hashlib.sha256(repr((self.gazetteer, self.model)).encode()).hexdigest()
        object.__setattr__(self, "key", digest)


@dataclass
class Piece:
    """The output of one interview: rows (or, encoded, chunks) of every table but
    ``entities``, the mentions per entity, the names the gazetteer lacks, what it says of
    the entities the model found, and the entities that speak in it."""

    interview: dict  # the interview's row (small: metadata and counts)
    n_bytes: int
    tables: dict[str, list[dict]]  # empty when encoded
    chunks: dict[str, Chunk]  # empty when not encoded
    counts: Counter
    proposals: list[Proposal]
    entities: ModelEntities = field(default_factory=ModelEntities)
    speakers: set[str] = field(default_factory=set)
    error: BuildError | None = None


_EXTRACTORS: dict[str, Extractors] = {}


def _extractors(ctx: Context) -> Extractors:
    """The matchers and model of a context, built once per process."""
    if ctx.key not in _EXTRACTORS:
        gazetteer = list(ctx.gazetteer)
        model = load_ner(ctx.model) if ctx.model else None
        _EXTRACTORS[ctx.key] = Extractors(gazetteer, EntityFinder(gazetteer), model)
    return _EXTRACTORS[ctx.key]


_CONTEXT: Context | None = None


def _set_context(ctx: Context) -> None:
    """Process-pool initializer: the context every task of this worker uses."""
    global _CONTEXT
    _CONTEXT = ctx


def interview(
    job: Job, ctx: Context | None = None, *, encoded: bool = True, extractors=None
) -> Piece:
    """Read, parse, extract and tabulate one interview (and encode its rows when
    ``encoded``). ``ctx`` defaults to the worker's; ``extractors`` overrides its
    matchers and model."""
    ctx = ctx or _CONTEXT
    source = job.source
    try:
        raw = source.path.read_bytes()
        text = read_text(source.path, source.encoding)
        parsed = parse(text, source.path, source.title, source.interviewer_speaker)
    except BuildError as err:
        return Piece({}, 0, {}, {}, Counter(), [], error=_portable(err))
    if extractors is None:
        assert ctx is not None, "the worker was not initialised"
        extractors = _extractors(ctx)
    out = interview_tables(source, job.package_path, raw, parsed, extractors)
    tables = out.tables
    counts = Counter(m["entity_id"] for m in tables["entity_mentions"])
    row = tables["interviews"][0]
    if not encoded:
        return Piece(row, len(raw), tables, {}, counts, out.proposals, out.entities, out.speakers)
    chunks = {name: encode(name, rows) for name, rows in tables.items()}
    return Piece(row, len(raw), {}, chunks, counts, out.proposals, out.entities, out.speakers)


def _portable(err: BuildError) -> BuildError:
    """A BuildError that survives pickling (a dataclass exception has no ``args``)."""
    err.args = (err.message, err.path, err.line, err.hint)
    return err


def check_sizes(jobs: list[Job]) -> None:
    """Refuse, before any work, a transcript over :data:`MAX_TRANSCRIPT_BYTES`."""
    for job in jobs:
        size = job.source.path.stat().st_size
        if size > MAX_TRANSCRIPT_BYTES:
            raise BuildError(
                f"transcript of {size / 1e6:.1f} MB; the limit is "
                f"{MAX_TRANSCRIPT_BYTES / 1e6:.0f} MB per transcript",
                job.source.path,
                hint="split the interview into parts of at most that size, one manifest row each",
            )


def run(
    jobs: list[Job], ctx: Context, *, n_jobs: int | None = None, dask: str | None = None
) -> Iterator[Piece]:
    """Each job's encoded piece, in order: on the Dask scheduler at ``dask``, in a pool
    of ``n_jobs`` processes (default: every core), or in this process (``n_jobs=1``)."""
    check_sizes(jobs)
    total = sum(job.source.path.stat().st_size for job in jobs)
    with _Progress(len(jobs), total) as progress:
        for piece in _pieces(jobs, ctx, n_jobs, dask):
            if piece.error is not None:
                raise piece.error
            progress.update(piece.n_bytes)
            yield piece


def _pieces(jobs, ctx, n_jobs, dask) -> Iterator[Piece]:
    if dask:
        from dask.distributed import Client

        with Client(dask) as client:
            shared = client.scatter(ctx, broadcast=True)
            window = WINDOW * max(1, len(client.scheduler_info()["workers"]))
            yield from _ordered(lambda job: client.submit(interview, job, shared), jobs, window)
        return
    n_jobs = min(n_jobs or os.cpu_count() or 1, len(jobs))
    if n_jobs <= 1:
        _set_context(ctx)
        yield from (interview(job) for job in jobs)
        return
    _prepare(ctx)  # once, here: the forked workers inherit it
    with ProcessPoolExecutor(
        n_jobs, mp_context=get_context("fork"), initializer=_set_context, initargs=(ctx,)
    ) as pool:
        try:
            yield from _ordered(lambda job: pool.submit(interview, job), jobs, WINDOW * n_jobs)
        finally:
            pool.shutdown(cancel_futures=True)


def _prepare(ctx: Context) -> None:
    """Make in this process what every worker would otherwise make for itself: the
    matchers, tokenizer and model of the context, and what pyarrow imports on its first
    conversion (pandas: about half a CPU second). Called before a pool forks, so that
    its workers start with them instead of paying for them each."""
    _extractors(ctx)
    for table in TABLES:
        encode(table, [])


def _ordered(submit: Callable[[Job], Future], jobs: Iterable[Job], window: int) -> Iterator:
    """Results of ``submit(job)`` in the order of ``jobs``, at most ``window`` in flight."""
    todo = iter(jobs)
    pending = deque(submit(job) for job in islice(todo, window))
    while pending:
        result = pending.popleft().result()
        nxt = next(todo, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield result


class _Progress:
    """Interviews done, MB/s and time left on stderr when it is a terminal; otherwise
    one summary line at the end."""

    def __init__(self, n: int, total_bytes: int):
        self._tty = sys.stderr.isatty()
        self._bar = tqdm(total=n, unit="interview", file=sys.stderr, disable=not self._tty)
        self._n, self._bytes, self._total = 0, 0, total_bytes
        self._start = time.perf_counter()

    def __enter__(self):
        return self

    def update(self, n_bytes: int) -> None:
        self._n += 1
        self._bytes += n_bytes
        elapsed = max(time.perf_counter() - self._start, 1e-9)
        self._bar.set_postfix_str(f"{self._bytes / 1e6 / elapsed:.2f} MB/s", refresh=False)
        self._bar.update(1)

    def __exit__(self, *exc):
        self._bar.close()
        if exc[0] is None and not self._tty:
            elapsed = max(time.perf_counter() - self._start, 1e-9)
            print(
                f"extracted {self._n} interview(s), {self._bytes / 1e6:.1f} MB in "
                f"{elapsed:.1f} s ({self._bytes / 1e6 / elapsed:.2f} MB/s)",
                file=sys.stderr,
            )
        return False
