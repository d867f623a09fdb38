from __future__ import annotations

import numpy as np
import pytest

from summarizer.cluster import cluster_sentences
from summarizer.config import GraphConfig, RankConfig
from summarizer.errors import SummarizerError
from summarizer.graph import similarity_graph
from summarizer.rank import rank_sentences
from summarizer.types import Sentence
from summarizer.vectorize import vectorize


def _setup(sample_articles):
    from summarizer.clean import clean_article
    from summarizer.split import split_sentences

    sentences = split_sentences([p for a in sample_articles for p in clean_article(a)])
    matrix = vectorize(sentences)
    graph = similarity_graph(matrix.vectors, GraphConfig(min_similarity=0.1))
    return sentences, matrix.vectors, graph, cluster_sentences(sentences, graph)


def test_scores_are_finite_positive_and_aligned(sample_articles) -> None:
    sentences, vectors, graph, clusters = _setup(sample_articles)
    scores = rank_sentences(sentences, vectors, graph, clusters)
    assert scores.shape == (len(sentences),)
    assert np.all(np.isfinite(scores)) and np.all(scores >= 0)
    has_terms = np.asarray(vectors.getnnz(axis=1)) > 0
    assert np.all(scores[has_terms] > 0) and np.all(scores[~has_terms] == 0)


def test_fact_reported_by_many_sources_outranks_a_lone_aside(sample_articles) -> None:
    sentences, vectors, graph, clusters = _setup(sample_articles)
    scores = rank_sentences(sentences, vectors, graph, clusters)
    by_text = {s.text: float(x) for s, x in zip(sentences, scores, strict=True)}
    capture = max(v for t, v in by_text.items() if "captured an ISIL desert outpost" in t)
    aside = max(v for t, v in by_text.items() if "good relations with both Tehran" in t)
    assert capture > 3 * aside


def test_support_weight_zero_removes_the_source_bonus(sample_articles) -> None:
    sentences, vectors, graph, clusters = _setup(sample_articles)
    with_support = rank_sentences(sentences, vectors, graph, clusters)
    without = rank_sentences(sentences, vectors, graph, clusters, RankConfig(support_weight=0.0))
    multi = [i for i, c in enumerate(clusters.labels) if clusters.support[c] > 1]
    single = [i for i, c in enumerate(clusters.labels) if clusters.support[c] == 1]
    assert np.all(with_support[multi] > without[multi])
    assert np.allclose(with_support[single], without[single])


def test_iteration_cap_raises_our_error() -> None:
    sentences = [
        Sentence(article_id=str(i), position=i, paragraph=0, text=t)
        for i, t in enumerate(["Troops took Akashat.", "Troops took the town.", "Akashat fell."])
    ]
    vectors = vectorize(sentences).vectors
    graph = similarity_graph(vectors, GraphConfig(min_similarity=0.0))
    clusters = cluster_sentences(sentences, graph)
    with pytest.raises(SummarizerError, match="did not converge within max_iter=1"):
        rank_sentences(sentences, vectors, graph, clusters, RankConfig(max_iter=1, tol=1e-12))


def test_word_support_favours_words_many_articles_use() -> None:
    from summarizer.rank import word_support

    texts = [
        ("a", "Troops captured Akashat town."),
        ("b", "Troops captured Akashat."),
        ("c", "Troops entered Akashat."),
        ("c", "Poets admired sunsets."),
    ]
    sentences = [
        Sentence(article_id=a, position=i, paragraph=0, text=t) for i, (a, t) in enumerate(texts)
    ]
    ws = word_support(sentences, vectorize(sentences).vectors)
    # Shares of the 3 articles: troop 3/3, akashat 3/3, captur 2/3, the rest 1/3.
    assert np.allclose(
        ws, [(1 + 2 / 3 + 1 + 1 / 3) / 4, (1 + 2 / 3 + 1) / 3, (1 + 1 / 3 + 1) / 3, 1 / 3]
    )


def test_pagerank_matches_networkx(sample_articles) -> None:
    import networkx as nx

    from summarizer.rank import pagerank

    sentences, _, graph, _ = _setup(sample_articles)
    prior = 1.0 + 1.0 / (1.0 + np.array([s.position for s in sentences], dtype=float))
    ours = pagerank(graph, prior, damping=0.85, tol=1e-10, max_iter=500)
    g = nx.from_scipy_sparse_array(graph)
    g.add_nodes_from(range(len(sentences)))
    p = dict(enumerate(prior / prior.sum()))
    theirs = nx.pagerank(g, alpha=0.85, personalization=p, dangling=p, tol=1e-10, max_iter=500)
    assert np.allclose(ours, [theirs[i] for i in range(len(sentences))], atol=1e-9)
    assert ours.sum() == pytest.approx(1.0)
