"""Agglomerative clustering over sparse links, shared by stories and threads.

Groups start as given; the pair with the highest score is joined first, as long as its
score is at least the threshold. Links are kept per pair of groups as ``[count, min]``:
how many similarities of at least the threshold join the two groups and the smallest of
them, so that complete linkage (every pair similar) is ``count == size_a * size_b``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

__all__ = ["Links", "merge_groups", "root"]

#: Per group, the groups it is linked to: other group -> [count, min similarity].
Links = list[dict[int, list[float]]]


def merge_groups(
    links: Links,
    size: list[int],
    score: Callable[[int, int], float],
    threshold: float,
    keeper: Callable[[int, int], tuple[int, int]],
) -> list[int]:
    """Join groups, most similar pair first, while ``score(a, b)`` (``a < b``) is at
    least ``threshold``; ``keeper(a, b)`` says which of the two keeps the joined group
    (``(keep, gone)``). ``links`` and ``size`` are updated in place (``score`` may read
    them). Returns each group's parent: a joined group points to the group that kept it.

    Examples
    --------
    >>> links = [{1: [1.0, 0.5]}, {0: [1.0, 0.5], 2: [1.0, 0.4]}, {1: [1.0, 0.4]}]
    >>> size = [1, 1, 1]
    >>> def complete(a, b):
    ...     count, low = links[a][b]
    ...     return low if count == size[a] * size[b] else -1.0
    >>> merge_groups(links, size, complete, 0.3, lambda a, b: (a, b))
    [0, 0, 2]
    """
    version = [0] * len(size)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        value = score(a, b)
        if value >= threshold:
            heapq.heappush(heap, (-value, a, b, version[a], version[b]))

    for a in range(len(size)):
        for b in links[a]:
            if a < b:
                push(a, b)
    alive = [True] * len(size)
    parent = list(range(len(size)))
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue
        keep, gone = keeper(a, b)
        alive[gone] = False
        size[keep] += size[gone]
        version[keep] += 1
        for other, (count, low) in links[gone].items():
            del links[other][gone]
            if other == keep:
                continue
            link = links[keep].get(other)
            if link is None:
                links[keep][other] = links[other][keep] = [count, low]
            else:
                link[0] += count
                link[1] = min(link[1], low)
        links[gone] = {}
        parent[gone] = keep
        for other in links[keep]:
            push(keep, other)
    return parent


def root(parent: list[int], group: int) -> int:
    """The group that holds ``group`` after :func:`merge_groups` (paths halved)."""
    while parent[group] != group:
        parent[group] = parent[parent[group]]
        group = parent[group]
    return group
