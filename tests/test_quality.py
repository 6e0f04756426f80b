"""Floors under the precision and recall measured on hand-annotated interviews in
other domains (see quality.py; run it to print the figures)."""

import pytest

from quality import ANNOTATIONS, Score, entity_scores, figure_score


@pytest.fixture(scope="module")
def scores():
    spans = typed = figures = Score(0, 0, 0)
    for name in ANNOTATIONS:
        s, t = entity_scores(name)
        spans, typed, figures = spans + s, typed + t, figures + figure_score(name)
    return spans, typed, figures


def test_entity_spans(scores):
    spans, _, _ = scores
    assert spans.precision >= 0.95 and spans.recall >= 0.95


def test_entity_types_of_unknown_names_are_mostly_right(scores):
    _, typed, _ = scores
    assert typed.recall >= 0.7


def test_figures(scores):
    _, _, figures = scores
    assert figures.precision >= 0.95 and figures.recall >= 0.95
