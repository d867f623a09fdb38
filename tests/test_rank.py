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
    sentences, vectors, graph, _ = _setup(sample_articles)
    scores = rank_sentences(sentences, graph)
    assert scores.shape == (len(sentences),)
    assert np.all(np.isfinite(scores)) and np.all(scores >= 0)
    has_terms = np.asarray(vectors.getnnz(axis=1)) > 0
    assert np.all(scores[has_terms] > 0) and np.all(scores[~has_terms] == 0)


def test_fact_reported_by_many_sources_outranks_a_lone_aside(sample_articles) -> None:
    sentences, _, graph, _ = _setup(sample_articles)
    scores = rank_sentences(sentences, graph)
    by_text = {s.text: float(x) for s, x in zip(sentences, scores, strict=True)}
    capture = max(v for t, v in by_text.items() if "captured an ISIL desert outpost" in t)
    aside = max(v for t, v in by_text.items() if "good relations with both Tehran" in t)
    assert capture > 3 * aside


def test_position_prior_favours_the_lead() -> None:
    texts = ["Troops took Akashat on Saturday.", "Troops took Akashat, officials said."]
    sentences = [
        Sentence(article_id=a, position=k, paragraph=0, text=t)
        for a, k, t in [("x", 0, texts[0]), ("y", 5, texts[1])]
    ]
    graph = similarity_graph(vectorize(sentences).vectors, GraphConfig(min_similarity=0.0))
    lead, later = rank_sentences(sentences, graph, RankConfig(position_weight=1.0))
    assert lead / later == pytest.approx((1 + 1 / 1) / (1 + 1 / 6), rel=0.05)
    flat = rank_sentences(sentences, graph, RankConfig(position_weight=0.0))
    assert flat[0] == pytest.approx(flat[1])


def test_iteration_cap_raises_our_error() -> None:
    sentences = [
        Sentence(article_id=str(i), position=i, paragraph=0, text=t)
        for i, t in enumerate(["Troops took Akashat.", "Troops took the town.", "Akashat fell."])
    ]
    vectors = vectorize(sentences).vectors
    graph = similarity_graph(vectors, GraphConfig(min_similarity=0.0))
    with pytest.raises(SummarizerError, match="did not converge within max_iter=1"):
        rank_sentences(sentences, graph, RankConfig(max_iter=1, tol=1e-12))


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
