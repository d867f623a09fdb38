"""Threads -> topics: which articles a timeline of mixed input is about.

A thread (:mod:`summarizer.threads`) links the stories of one topic while they follow
each other within weeks; a topic is coarser and timeless: threads whose words are alike,
joined by single linkage. Each thread is one TF-IDF vector, made as threads make a
story's (its articles' word counts summed, title words weighted, sublinear term
frequency, L2-normalised) but over all its words, with document frequencies over the
articles given. Two threads are joined when their
cosine similarity is at least ``threshold``; a topic is a connected component.

On the articles of one long story (the oil spill reported for a year) most articles fall
in one topic; on a pile of unrelated stories (a strike, a storm and an election in one
folder) each story is its own topic.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .graph import _chunk_bounds
from .terms import TermNumbers
from .threads import _matrix, _weights

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .stories import Grouping, Member

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

    from .stories import Story

    thread_of = dict(grouping.threads)
    members: dict[str, list[Member]] = {}
    for story in grouping.stories:
        members.setdefault(thread_of.get(story.id, story.id), []).extend(story.members)
    if not members:
        return ()
    names = sorted(members)
    # A thread as one story of all its articles, weighted as threads weigh a story.
    threads = [Story(id=n, members=tuple(members[n]), first=None, last=None) for n in names]
    df = Counter(term for ms in members.values() for m in ms for term, _ in m.terms)
    documents = sum(len(ms) for ms in members.values())
    numbers = TermNumbers()
    weights = _weights(threads, df, documents, sys.maxsize, numbers)
    vectors = _matrix([numbers.numbered(w) for w in weights], len(numbers.names))
    _, labels = connected_components(_links(vectors, threshold), directed=False)
    found: dict[int, list[str]] = {}
    for name, label in zip(names, labels.tolist(), strict=True):
        found.setdefault(label, []).extend(m.id for m in members[name])
    groups = [tuple(sorted(ids)) for ids in found.values()]
    return tuple(sorted(groups, key=lambda ids: (-len(ids), ids[0])))


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
