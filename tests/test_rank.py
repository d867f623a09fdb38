from __future__ import annotations

import numpy as np
import pytest

from summarizer.cluster import cluster_sentences
from summarizer.config import RankConfig
from summarizer.errors import SummarizerError
from summarizer.rank import rank_sentences
from summarizer.types import Sentence
from summarizer.vectorize import similarity_graph, vectorize


def _setup(sample_articles):
    from summarizer.clean import clean_article
    from summarizer.split import split_sentences

    sentences = split_sentences([p for a in sample_articles for p in clean_article(a)])
    matrix = vectorize(sentences)
    graph = similarity_graph(matrix.vectors, 0.1)
    return sentences, graph, cluster_sentences(sentences, graph)


def test_scores_are_finite_positive_and_aligned(sample_articles) -> None:
    sentences, graph, clusters = _setup(sample_articles)
    scores = rank_sentences(sentences, graph, clusters)
    assert scores.shape == (len(sentences),)
    assert np.all(np.isfinite(scores)) and np.all(scores > 0)


def test_fact_reported_by_many_sources_outranks_a_lone_aside(sample_articles) -> None:
    sentences, graph, clusters = _setup(sample_articles)
    scores = rank_sentences(sentences, graph, clusters)
    by_text = {s.text: float(x) for s, x in zip(sentences, scores, strict=True)}
    capture = max(v for t, v in by_text.items() if "captured an ISIL desert outpost" in t)
    aside = max(v for t, v in by_text.items() if "good relations with both Tehran" in t)
    assert capture > 3 * aside


def test_support_weight_zero_removes_the_source_bonus(sample_articles) -> None:
    sentences, graph, clusters = _setup(sample_articles)
    with_support = rank_sentences(sentences, graph, clusters)
    without = rank_sentences(sentences, graph, clusters, RankConfig(support_weight=0.0))
    multi = [i for i, c in enumerate(clusters.labels) if clusters.support[c] > 1]
    single = [i for i, c in enumerate(clusters.labels) if clusters.support[c] == 1]
    assert np.all(with_support[multi] > without[multi])
    assert np.allclose(with_support[single], without[single])


def test_iteration_cap_raises_our_error() -> None:
    sentences = [
        Sentence(article_id=str(i), position=i, paragraph=0, text=t)
        for i, t in enumerate(["Troops took Akashat.", "Troops took the town.", "Akashat fell."])
    ]
    graph = similarity_graph(vectorize(sentences).vectors, 0.0)
    clusters = cluster_sentences(sentences, graph)
    with pytest.raises(SummarizerError, match="did not converge within max_iter=1"):
        rank_sentences(sentences, graph, clusters, RankConfig(max_iter=1, tol=1e-12))
