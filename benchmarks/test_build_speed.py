"""Benchmarks (`make bench`): how long the stages of a build take on the seed interview."""

from builder.entities import EntityFinder
from builder.figures import find_figures
from builder.nlp import blank_english
from builder.sources import read_gazetteer
from builder.transcript import parse, read_text
from repo import ROOT, SOURCES

SEED = ROOT / "sources" / "cooperation-gains-momentum.txt"


def test_parse(benchmark):
    text = read_text(SEED)
    benchmark(parse, text, SEED, "Cooperation Gains Momentum")


def test_figures(benchmark):
    text = read_text(SEED)
    benchmark(find_figures, text)


def test_entities(benchmark):
    finder = EntityFinder(read_gazetteer(SOURCES))
    doc = blank_english()(read_text(SEED))
    benchmark(finder.find, doc)


def test_full_build(benchmark, tmp_path):
    from builder.assemble import assemble

    counter = iter(range(10**6))

    def run():
        out = tmp_path / str(next(counter))
        out.mkdir()
        assemble(out, sources_dir=SOURCES)

    benchmark.pedantic(run, rounds=3, iterations=1)
