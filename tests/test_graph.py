from __future__ import annotations

import numpy as np

from summarizer.clean import clean_article
from summarizer.config import GraphConfig
from summarizer.graph import similarity_graph
from summarizer.split import split_sentences
from summarizer.vectorize import vectorize


def _vectors(sample_articles):
    return vectorize(split_sentences([p for a in sample_articles for p in clean_article(a)]))


def _brute(vectors, min_similarity, k):
    sims = (vectors @ vectors.T).toarray()
    np.fill_diagonal(sims, 0.0)
    keep = np.zeros_like(sims, dtype=bool)
    for i, row in enumerate(sims):
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))
        top = [j for j in order[:k] if row[j] >= min_similarity and j != i]
        keep[i, top] = True
    keep |= keep.T
    return np.where(keep, sims, 0.0)


def test_matches_brute_force_top_k(sample_articles) -> None:
    vectors = _vectors(sample_articles).vectors
    for k in (1, 3, 20):
        graph = similarity_graph(vectors, GraphConfig(min_similarity=0.1, max_neighbors=k))
        assert np.allclose(graph.toarray(), _brute(vectors, 0.1, k))


def test_symmetric_no_diagonal_and_thresholded(sample_articles) -> None:
    vectors = _vectors(sample_articles).vectors
    graph = similarity_graph(vectors, GraphConfig(min_similarity=0.3, max_neighbors=None))
    dense = graph.toarray()
    assert np.allclose(dense, dense.T)
    assert np.all(np.diag(dense) == 0)
    assert np.all((dense == 0) | (dense >= 0.3))
    exact = (vectors @ vectors.T).toarray()
    np.fill_diagonal(exact, 0.0)
    assert np.allclose(dense, np.where(exact >= 0.3, exact, 0.0))


def test_common_terms_are_left_out_of_products(sample_articles) -> None:
    vectors = _vectors(sample_articles).vectors
    full = similarity_graph(vectors, GraphConfig(max_neighbors=None))
    capped = similarity_graph(vectors, GraphConfig(max_neighbors=None, common_terms=3))
    assert capped.nnz < full.nnz
    # Similarities only shrink when terms are left out.
    assert np.all(capped.toarray() <= full.toarray() + 1e-12)


def test_empty_inputs() -> None:
    from scipy.sparse import csr_matrix

    assert similarity_graph(csr_matrix((0, 5))).shape == (0, 0)
    assert similarity_graph(csr_matrix((3, 0))).nnz == 0
