"""Sentence clusters: one cluster is one fact or sub-event, reported by one or several
articles. Average-linkage agglomerative clustering (scikit-learn) on cosine distance,
run inside each connected component of the sparse similarity graph so no dense
all-pairs matrix over the whole batch is ever built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .config import ClusterConfig
from .types import Sentence

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["Clusters", "cluster_sentences"]

#: Components larger than this are split by single linkage only (memory bound).
_MAX_DENSE = 3000


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
    >>> from summarizer.vectorize import vectorize, similarity_graph
    >>> texts = ["Troops captured the town of Akashat.", "Troops captured Akashat town.",
    ...          "The mayor said families remain."]
    >>> s = [Sentence(article_id=str(i), position=0, paragraph=0, text=t)
    ...      for i, t in enumerate(texts)]
    >>> cluster_sentences(s, similarity_graph(vectorize(s).vectors, 0.1)).labels
    (0, 0, 1)
    """
    from scipy.sparse.csgraph import connected_components

    config = config or ClusterConfig()
    n = len(sentences)
    if n == 0:
        return Clusters(labels=(), support=())
    strong = graph.copy()
    strong.data[strong.data < config.threshold] = 0.0
    strong.eliminate_zeros()
    _, components = connected_components(strong, directed=False)
    raw = np.empty(n, dtype=np.int64)
    next_label = 0
    for component in np.unique(components):
        rows = np.flatnonzero(components == component)
        if len(rows) == 1 or len(rows) > _MAX_DENSE:
            raw[rows] = next_label
            next_label += 1
            continue
        sub = graph[rows][:, rows].toarray()
        distance = 1.0 - sub
        np.fill_diagonal(distance, 0.0)
        labels = _average_linkage(distance, 1.0 - config.threshold)
        raw[rows] = labels + next_label
        next_label += int(labels.max()) + 1
    # Renumber in sentence order so labels do not depend on component numbering.
    mapping: dict[int, int] = {}
    labels_out = tuple(mapping.setdefault(int(label), len(mapping)) for label in raw)
    articles: dict[int, set[str]] = {}
    for sentence, label in zip(sentences, labels_out, strict=True):
        articles.setdefault(label, set()).add(sentence.article_id)
    support = tuple(len(articles[c]) for c in range(len(mapping)))
    return Clusters(labels=labels_out, support=support)


def _average_linkage(distance: np.ndarray, threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=threshold,
    )
    return np.asarray(model.fit_predict(distance), dtype=np.int64)
