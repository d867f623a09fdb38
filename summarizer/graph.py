"""The sentence similarity graph: sparse cosine similarities, thresholded and cut to each
sentence's nearest neighbours, built chunk by chunk so cost and memory grow linearly with
the number of sentences rather than with its square.

Terms used by very many sentences (over ``GraphConfig.common_terms`` of them) are left
out of the products: they carry the least TF-IDF weight, and they are what would make the
product quadratic. With the cap constant, the work per sentence is bounded.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .config import GraphConfig

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["similarity_graph"]

#: Upper bound on the candidate pairs computed per chunk of rows (memory bound).
_CHUNK_WORK = 4_000_000


def _chunk_bounds(work: np.ndarray) -> list[int]:
    """Row boundaries so that each chunk's estimated candidate pairs stay bounded."""
    cumulative = np.cumsum(work)
    bounds = [0]
    while bounds[-1] < len(work):
        start = bounds[-1]
        base = cumulative[start - 1] if start else 0.0
        end = int(np.searchsorted(cumulative, base + _CHUNK_WORK, side="right"))
        bounds.append(max(end, start + 1))
    return bounds


def _top_k(
    r: np.ndarray, c: np.ndarray, v: np.ndarray, n_rows: int, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``k`` largest values (ties to the lower column), vectorised.

    A histogram of quantised values per row first finds a level that leaves at least
    ``k`` entries in every row, so the exact sort only sees about ``k`` entries a row.
    """
    levels = 256
    q = np.minimum((v * levels).astype(np.int32), levels - 1)
    hist = np.bincount(r.astype(np.int32) * levels + q, minlength=n_rows * levels).reshape(
        n_rows, levels
    )
    at_least = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]
    level = np.maximum((at_least >= k).sum(axis=1) - 1, 0)
    near = q >= level[r]
    r, c, v = r[near], c[near], v[near]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    within = np.arange(len(r)) - np.searchsorted(r, r, side="left")
    top = within < k
    return r[top], c[top], v[top]


def similarity_graph(vectors: csr_matrix, config: GraphConfig | None = None) -> csr_matrix:
    """Symmetric sparse graph of cosine similarities between rows (L2-normalised TF-IDF).

    An edge is kept when its similarity is at least ``min_similarity`` and it is among the
    ``max_neighbors`` most similar rows of one of its ends; the diagonal is empty.

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> from summarizer.vectorize import vectorize
    >>> s = [Sentence(article_id="a", position=i, paragraph=0, text=t) for i, t in
    ...      enumerate(["Troops took Akashat.", "Troops took the town.", "Rain fell."])]
    >>> similarity_graph(vectorize(s).vectors).nnz
    2
    """
    from scipy.sparse import coo_matrix, csr_matrix, diags

    config = config or GraphConfig()
    x = vectors.tocsr()
    n = x.shape[0]
    if n == 0 or x.shape[1] == 0:
        return csr_matrix((n, n))
    df = np.bincount(x.indices, minlength=x.shape[1])
    limit = config.common_terms
    keep = (df <= limit).astype(float)
    xs = (x @ diags(keep)).tocsr()
    xs.eliminate_zeros()
    xt = xs.T.tocsr()
    binary = xs.copy()
    binary.data[:] = 1.0
    work = np.asarray(binary @ df.astype(float)).ravel()
    bounds = _chunk_bounds(work)
    rows, cols, vals = [], [], []
    for start, end in pairwise(bounds):
        block = (xs[start:end] @ xt).tocsr()
        kept = np.flatnonzero(block.data >= config.min_similarity)
        r = (np.searchsorted(block.indptr, kept, side="right") - 1 + start).astype(np.int32)
        c = block.indices[kept]
        v = block.data[kept]
        off_diagonal = r != c
        r, c, v = r[off_diagonal], c[off_diagonal], v[off_diagonal]
        if config.max_neighbors is not None and len(v):
            r, c, v = _top_k(r - start, c, v, end - start, config.max_neighbors)
            r = r + start
        rows.append(r)
        cols.append(c)
        vals.append(v)
    graph = coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    ).tocsr()
    return csr_matrix(graph.maximum(graph.T))
