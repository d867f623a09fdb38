"""TextRank: PageRank over the sentence similarity graph, biased towards
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

__all__ = ["pagerank", "rank_sentences", "word_support"]


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


def pagerank(
    graph: csr_matrix,
    personalization: NDArray[np.float64],
    *,
    damping: float = 0.85,
    tol: float = 1.0e-8,
    max_iter: int = 200,
) -> NDArray[np.float64]:
    """PageRank by power iteration on a sparse weighted graph.

    The same computation as ``networkx.pagerank(G, alpha=damping, personalization=p,
    dangling=p, weight="weight")`` (tests hold it to networkx), without building a
    networkx graph: at 50,000 sentences that conversion took longer than all the rest of
    the pipeline. Stops when the L1 change is below ``n * tol``; raises SummarizerError
    after ``max_iter`` iterations.
    """
    from scipy.sparse import diags

    n = graph.shape[0]
    p = np.asarray(personalization, dtype=float)
    p = p / p.sum()
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    transition = (diags(inverse) @ graph).T.tocsr()
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        x = damping * (transition @ x + previous[dangling].sum() * p) + (1.0 - damping) * p
        if np.abs(x - previous).sum() < n * tol:
            return np.asarray(x, dtype=float)
    raise SummarizerError(
        f"TextRank did not converge within max_iter={max_iter} iterations "
        f"(tol={tol}); raise RankConfig.max_iter or tol."
    )


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
    >>> from summarizer.vectorize import vectorize
    >>> from summarizer.graph import similarity_graph
    >>> from summarizer.cluster import cluster_sentences
    >>> texts = ["Troops took Akashat.", "Troops took the town of Akashat.", "Rain fell."]
    >>> s = [Sentence(article_id=str(i), position=0, paragraph=0, text=t)
    ...      for i, t in enumerate(texts)]
    >>> v = vectorize(s).vectors
    >>> g = similarity_graph(v)
    >>> scores = rank_sentences(s, v, g, cluster_sentences(s, g))
    >>> bool(scores[0] > scores[2])
    True
    """
    config = config or RankConfig()
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    positions = np.array([s.position for s in sentences], dtype=float)
    prior = 1.0 + config.position_weight / (1.0 + positions)
    scores = (
        pagerank(graph, prior, damping=config.damping, tol=config.tol, max_iter=config.max_iter) * n
    )
    support = np.array([clusters.support[c] for c in clusters.labels], dtype=float)
    scores = scores * (1.0 + config.support_weight * (support - 1.0))
    if config.word_support > 0:
        ws = word_support(sentences, vectors)
        mean = float(ws.mean())
        if mean > 0:
            scores = scores * (ws / mean) ** config.word_support
    return np.asarray(scores, dtype=float)
