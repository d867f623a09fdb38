"""Threads -> topics: which articles a timeline of mixed input is about.

A thread (:mod:`summarizer.threads`) links the stories of one topic while they follow
each other within weeks; a topic is coarser and timeless: threads whose words are alike,
joined by single linkage. Each thread is one TF-IDF vector: the word counts of its
articles summed (title words weighted as for stories), sublinear term frequency, document
frequencies over the articles given, L2-normalised. Two threads are joined when their
cosine similarity is at least ``threshold``; a topic is a connected component.

On the articles of one long story (the oil spill reported for a year) most articles fall
in one topic; on a pile of unrelated stories (a strike, a storm and an election in one
folder) each story is its own topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .graph import _chunk_bounds
from .terms import TermNumbers

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .stories import Grouping

__all__ = ["topics"]


def topics(grouping: Grouping, threshold: float) -> tuple[tuple[str, ...], ...]:
    """The article ids of each topic (sorted), the topic with most articles first (ties:
    the smaller first article id).

    >>> from summarizer.stories import Grouping, Member, Story, StoryState
    >>> def story(name, words):
    ...     member = Member(id=name, title="", source="", outlet_known=False,
    ...                     published=None, digest=name, terms=words)
    ...     return Story(id=name, members=(member,), first=None, last=None)
    >>> strike = (("rail", 2.0), ("strike", 1.0), ("union", 1.0))
    >>> stories = (story("a", strike), story("b", strike[:2]),
    ...            story("c", (("flood", 2.0), ("storm", 1.0))))
    >>> state = StoryState(day=None, documents=3, df=(), stories=(), settings=())
    >>> grouping = Grouping(stories=stories, assignment=(), threads=(
    ...     ("a", "a"), ("b", "b"), ("c", "c")), state=state)
    >>> topics(grouping, 0.25)
    (('a', 'b'), ('c',))
    """
    from scipy.sparse.csgraph import connected_components

    thread_of = dict(grouping.threads)
    members: dict[str, list[str]] = {}
    numbers = TermNumbers()
    rows: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for story in grouping.stories:
        thread = thread_of.get(story.id, story.id)
        for member in story.members:
            members.setdefault(thread, []).append(member.id)
            rows.setdefault(thread, []).append(numbers.of(member))
    names = sorted(members)
    if not names:
        return ()
    documents = sum(len(ids) for ids in members.values())
    df = np.zeros(len(numbers.names))
    for arrays in rows.values():
        for terms, _ in arrays:
            df[np.unique(terms)] += 1
    idf = np.log((documents + 1) / (df + 1)) + 1.0
    vectors = _vectors([rows[name] for name in names], idf)
    _, labels = connected_components(_links(vectors, threshold), directed=False)
    found: dict[int, list[str]] = {}
    for name, label in zip(names, labels.tolist(), strict=True):
        found.setdefault(label, []).extend(members[name])
    groups = [tuple(sorted(ids)) for ids in found.values()]
    return tuple(sorted(groups, key=lambda ids: (-len(ids), ids[0])))


def _vectors(
    threads: Sequence[Sequence[tuple[np.ndarray, np.ndarray]]], idf: np.ndarray
) -> csr_matrix:
    """One L2-normalised TF-IDF row per thread (its articles' counts summed)."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    columns: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for arrays in threads:
        terms, inverse = np.unique(np.concatenate([t for t, _ in arrays]), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate([c for _, c in arrays]))
        weight = (1.0 + np.log(np.maximum(counts, 1e-300))) * idf[terms]
        weight = np.where(counts > 0, np.maximum(weight, 0.0), 0.0)
        norm = float(np.sqrt(np.sum(weight * weight))) or 1.0
        columns.append(terms)
        data.append(weight / norm)
        indptr.append(indptr[-1] + len(terms))
    return csr_matrix(
        (np.concatenate(data), np.concatenate(columns), np.array(indptr)),
        shape=(len(threads), len(idf)),
    )


def _links(vectors: csr_matrix, threshold: float) -> csr_matrix:
    """The pairs of threads at least ``threshold`` similar, as a boolean sparse matrix
    (rows compared in chunks of bounded work)."""
    from scipy.sparse import csr_matrix, vstack

    transposed = vectors.T.tocsr()
    work = np.full(vectors.shape[0], float(vectors.shape[0]))
    parts = []
    for start, end in pairwise(_chunk_bounds(work)):
        sims = (vectors[start:end] @ transposed).tocsr()
        sims.data = (sims.data >= threshold).astype(np.float64)
        sims.eliminate_zeros()
        parts.append(sims)
    return csr_matrix(vstack(parts))
