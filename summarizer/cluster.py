"""Sentence clusters: one cluster is one fact or sub-event, reported by one or several
articles. Average-linkage agglomerative clustering (SciPy's, as scikit-learn runs it) on
cosine distance, run inside the connected components of the sparse similarity graph (edges
at the threshold or above), so no dense all-pairs matrix over the whole batch is ever
built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .config import ClusterConfig
from .types import Sentence

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["Clusters", "average_linkage", "cluster_graph", "cluster_sentences"]

#: Largest dense distance matrix built (rows); larger components are split first.
_MAX_DENSE = 2000
#: Distance between sentences of different components in a batch (cosine distance <= 1).
_APART = 4.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Clusters:
    """``labels[i]`` is the cluster of sentence i; ``support[c]`` the number of distinct
    articles with a sentence in cluster c. Clusters are numbered in sentence order."""

    labels: tuple[int, ...]
    support: tuple[int, ...]

    def members(self, label: int) -> tuple[int, ...]:
        """Rows of the sentences in cluster ``label``."""
        return tuple(i for i, c in enumerate(self.labels) if c == label)


def cluster_sentences(
    sentences: Sequence[Sentence],
    graph: csr_matrix,
    config: ClusterConfig | None = None,
) -> Clusters:
    """Cluster sentences given their sparse similarity ``graph`` (cosine, no diagonal).

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> from summarizer.vectorize import vectorize
    >>> from summarizer.graph import similarity_graph
    >>> texts = ["Troops captured the town of Akashat.", "Troops captured Akashat town.",
    ...          "The mayor said families remain."]
    >>> s = [Sentence(article_id=str(i), position=0, paragraph=0, text=t)
    ...      for i, t in enumerate(texts)]
    >>> cluster_sentences(s, similarity_graph(vectorize(s).vectors)).labels
    (0, 0, 1)
    """
    config = config or ClusterConfig()
    labels = cluster_graph(graph, config.threshold)
    articles: dict[int, set[str]] = {}
    for sentence, label in zip(sentences, labels, strict=True):
        articles.setdefault(label, set()).add(sentence.article_id)
    support = tuple(len(articles[c]) for c in range(len(articles)))
    return Clusters(labels=labels, support=support)


def cluster_graph(graph: csr_matrix, threshold: float) -> tuple[int, ...]:
    """Average-linkage clusters of the rows of a sparse similarity graph: rows end up
    together when their average similarity reaches ``threshold``. Labels are numbered in
    row order."""
    n = graph.shape[0]
    raw = np.full(n, -1, dtype=np.int64)
    next_label = 0
    small: list[np.ndarray] = []
    for rows in _components(graph, np.arange(n), threshold):
        # One or two rows joined by an edge above the threshold are one cluster.
        if len(rows) <= 2:
            raw[rows] = next_label
            next_label += 1
        else:
            small.append(rows)
    # Components are clustered in batches: one block-diagonal distance matrix per batch,
    # blocks kept apart by a distance no average can fall under the threshold from.
    for batch in _batches(small):
        rows = np.concatenate(batch)
        sub = graph[rows][:, rows].toarray()
        distance = np.full((len(rows), len(rows)), _APART)
        offset = 0
        for block in batch:
            end = offset + len(block)
            distance[offset:end, offset:end] = 1.0 - sub[offset:end, offset:end]
            offset = end
        np.fill_diagonal(distance, 0.0)
        labels = average_linkage(distance, 1.0 - threshold)
        raw[rows] = labels + next_label
        next_label += int(labels.max()) + 1
    # Renumber in row order so labels do not depend on component numbering.
    mapping: dict[int, int] = {}
    return tuple(mapping.setdefault(int(label), len(mapping)) for label in raw)


def _components(graph: csr_matrix, rows: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Connected components of the edges at or above ``threshold`` among ``rows``.

    A component too large for a dense distance matrix is one a chain of similar
    sentences has strung together, not one fact: it is split by raising the threshold.
    """
    from scipy.sparse.csgraph import connected_components

    strong = graph[rows][:, rows].tocsr() if len(rows) < graph.shape[0] else graph.copy()
    strong.data[strong.data < threshold] = 0.0
    strong.eliminate_zeros()
    _, labels = connected_components(strong, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    out: list[np.ndarray] = []
    for part in np.split(order, bounds):
        if len(part) > _MAX_DENSE and threshold < 0.99:
            out.extend(_components(graph, rows[part], min(0.99, threshold + 0.05)))
        else:
            out.append(rows[part])
    return out


def _batches(components: list[np.ndarray]) -> list[list[np.ndarray]]:
    """Components packed, in order, into batches of at most ``_MAX_DENSE`` rows."""
    batches: list[list[np.ndarray]] = []
    size = _MAX_DENSE
    for rows in components:
        if size + len(rows) > _MAX_DENSE:
            batches.append([])
            size = 0
        batches[-1].append(rows)
        size += len(rows)
    return batches


def average_linkage(distance: np.ndarray, threshold: float) -> np.ndarray:
    """Flat clusters of average linkage on a dense distance matrix: rows stay together
    while the merge distance is below ``threshold``.

    The same partition as scikit-learn's ``AgglomerativeClustering(metric="precomputed",
    linkage="average", distance_threshold=threshold)``, which builds its tree with this
    very SciPy call (a test holds the two equal); calling SciPy directly spares the start-up
    of ``sklearn.metrics``, which imports all of ``scipy.stats``.

    Examples
    --------
    >>> d = np.array([[0.0, 0.1, 0.9], [0.1, 0.0, 0.8], [0.9, 0.8, 0.0]])
    >>> average_linkage(d, 0.5).tolist()
    [0, 0, 1]
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = distance.shape[0]
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    # 1 - cosine can come out a hair below zero; a distance cannot.
    condensed = np.maximum(squareform(distance, checks=False), 0.0)
    tree = linkage(condensed, method="average")
    # fcluster keeps merges at or below t; scikit-learn keeps those below the threshold.
    flat = fcluster(tree, np.nextafter(threshold, -np.inf), criterion="distance")
    return np.asarray(flat, dtype=np.int64) - 1
