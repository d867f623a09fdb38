"""TextRank: PageRank (networkx) over the sentence similarity graph, biased towards
article leads, then weighted by source support: how many sources report the sentence's
cluster, and how many of the articles use the sentence's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .cluster import Clusters
from .config import RankConfig
from .errors import SummarizerError
from .types import Sentence

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = ["rank_sentences"]


def word_support(sentences: Sequence[Sentence], vectors: csr_matrix) -> NDArray[np.float64]:
    """For each sentence, the mean share of articles that use each of its terms.

    A sentence made of words that most sources use says what the sources agree on.
    """
    from scipy.sparse import csr_matrix as sparse

    n = len(sentences)
    if n == 0 or vectors.shape[1] == 0:
        return np.zeros(n)
    ids = sorted({s.article_id for s in sentences})
    index = {a: k for k, a in enumerate(ids)}
    owner = sparse(
        (np.ones(n), ([index[s.article_id] for s in sentences], np.arange(n))),
        shape=(len(ids), n),
    )
    present = vectors.copy()
    present.data[:] = 1.0
    share = np.asarray(((owner @ present) > 0).sum(axis=0)).ravel() / len(ids)
    counts = np.asarray(present.sum(axis=1)).ravel()
    totals = np.asarray(present @ share).ravel()
    return np.asarray(np.divide(totals, counts, out=np.zeros(n), where=counts > 0), dtype=float)


def rank_sentences(
    sentences: Sequence[Sentence],
    vectors: csr_matrix,
    graph: csr_matrix,
    clusters: Clusters,
    config: RankConfig | None = None,
) -> NDArray[np.float64]:
    """Scores aligned with ``sentences`` (rows of ``vectors`` and of ``graph``).

    ``pagerank * n * (1 + support_weight * (sources - 1)) * (ws / mean ws) ** word_support``
    where ``ws`` is :func:`word_support`.

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> from summarizer.vectorize import vectorize, similarity_graph
    >>> from summarizer.cluster import cluster_sentences
    >>> texts = ["Troops took Akashat.", "Troops took the town of Akashat.", "Rain fell."]
    >>> s = [Sentence(article_id=str(i), position=0, paragraph=0, text=t)
    ...      for i, t in enumerate(texts)]
    >>> v = vectorize(s).vectors
    >>> g = similarity_graph(v, 0.1)
    >>> scores = rank_sentences(s, v, g, cluster_sentences(s, g))
    >>> bool(scores[0] > scores[2])
    True
    """
    import networkx as nx

    config = config or RankConfig()
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    edges = graph.copy()
    edges.data[edges.data < config.edge_threshold] = 0.0
    edges.eliminate_zeros()
    positions = np.array([s.position for s in sentences], dtype=float)
    prior = 1.0 + config.position_weight / (1.0 + positions)
    prior /= prior.sum()
    g = nx.from_scipy_sparse_array(edges)
    g.add_nodes_from(range(n))
    try:
        pr = nx.pagerank(
            g,
            alpha=config.damping,
            personalization=dict(enumerate(prior)),
            dangling=dict(enumerate(prior)),
            max_iter=config.max_iter,
            tol=config.tol,
            weight="weight",
        )
    except nx.PowerIterationFailedConvergence as exc:
        raise SummarizerError(
            f"TextRank did not converge within max_iter={config.max_iter} iterations "
            f"(tol={config.tol}); raise RankConfig.max_iter or tol."
        ) from exc
    scores = np.array([pr[i] for i in range(n)], dtype=float) * n
    support = np.array([clusters.support[c] for c in clusters.labels], dtype=float)
    scores = scores * (1.0 + config.support_weight * (support - 1.0))
    if config.word_support > 0:
        ws = word_support(sentences, vectors)
        mean = float(ws.mean())
        if mean > 0:
            scores = scores * (ws / mean) ** config.word_support
    return np.asarray(scores, dtype=float)
