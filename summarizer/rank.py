"""TextRank: PageRank (networkx) over the sentence similarity graph, biased towards
article leads and weighted by how many sources report a sentence's cluster."""

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


def rank_sentences(
    sentences: Sequence[Sentence],
    graph: csr_matrix,
    clusters: Clusters,
    config: RankConfig | None = None,
) -> NDArray[np.float64]:
    """Scores aligned with ``sentences``: mean 1 before the source-support factor.

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> from summarizer.vectorize import vectorize, similarity_graph
    >>> from summarizer.cluster import cluster_sentences
    >>> texts = ["Troops took Akashat.", "Troops took the town of Akashat.", "Rain fell."]
    >>> s = [Sentence(article_id=str(i), position=0, paragraph=0, text=t)
    ...      for i, t in enumerate(texts)]
    >>> g = similarity_graph(vectorize(s).vectors, 0.1)
    >>> scores = rank_sentences(s, g, cluster_sentences(s, g))
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
    return np.asarray(scores * (1.0 + config.support_weight * (support - 1.0)), dtype=float)
