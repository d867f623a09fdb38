"""Stories -> threads: the stories of one long-running topic, linked over weeks.

A story (:mod:`summarizer.stories`) is local in time: a saga reported again days later is
a new story. A thread links those stories, the way a news site's "full coverage" page
does: a hurricane from landfall to the aid appeals, a budget from the proposal to the
vote. Threads are built day by day, alongside the stories, and never change a story.

Each story is seen as its ``terms`` most weighty TF-IDF terms (its articles' words
summed, title words weighted as for stories, sublinear term frequency), L2-normalised,
computed on each day the story takes articles with the document frequencies the stories
use that day. When a day opens new stories:

1. each new story joins the open thread it is most similar to, if its mean cosine
   similarity to that thread's stories of the last ``window_days`` days, *leaving out
   its single most similar one*, is at least ``threshold`` (for a thread of one story,
   their similarity). Leaving out the best match means one bridge story (a storm and a
   strike in one report) cannot carry a story of another topic into a thread;
2. the new stories that joined no thread found threads among themselves by complete
   linkage: every pair of a new thread at least ``threshold`` similar.

A story keeps the thread it got on the day it opened (its later articles make it a
better match for later stories, but never move it), so thread ids are stable: a thread
is named by the id of the story that began it (the smallest id when several began it
together). Threads never merge. Only stories of the window are compared, so the cost of
a day grows with the window, not with the stream. The stories a thread still needs (those
within ``window_days`` of the day, or still open) travel in the saved story state, so
grouping day by day from saved states gives the same threads as one run.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from .config import ThreadConfig
from .graph import _chunk_bounds
from .linkage import Links, merge_groups, root

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .stories import Story

__all__ = ["ThreadStory", "VectorCache", "expire", "link_stories", "thread_settings"]

#: The thread settings a saved state remembers.
_SETTINGS = ("threshold", "window_days", "terms")


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadStory:
    """A story as its thread remembers it: the story and thread ids, the story's last
    publication date (None when undated) and its vector: its heaviest TF-IDF terms with
    their L2-normalised weights, as of the last day it took articles."""

    story: str
    thread: str
    last: dt.date | None
    vector: tuple[tuple[str, float], ...]


class VectorCache:
    """Story vectors as arrays of term numbers and weights, made once and reused by the
    days of one run; term numbers index ``names`` (first seen first)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self._rows: dict[str, tuple[tuple[tuple[str, float], ...], np.ndarray, np.ndarray]] = {}

    def row(self, key: str, vector: tuple[tuple[str, float], ...]) -> tuple[np.ndarray, np.ndarray]:
        """The term numbers and weights of ``vector`` (remembered under ``key``)."""
        hit = self._rows.get(key)
        if hit is not None and hit[0] is vector:
            return hit[1], hit[2]
        numbers = []
        for term, _ in vector:
            number = self.numbers.get(term)
            if number is None:
                number = self.numbers[term] = len(self.names)
                self.names.append(term)
            numbers.append(number)
        arrays = np.array(numbers, dtype=np.int64), np.array([w for _, w in vector])
        self._rows[key] = (vector, *arrays)
        return arrays

    def retain(self, keys: Collection[str]) -> None:
        """Forget the rows of every key not in ``keys``."""
        self._rows = {k: v for k, v in self._rows.items() if k in keys}


def thread_settings(config: ThreadConfig) -> tuple[tuple[str, float], ...]:
    """The settings a saved state records, as (name, value) pairs."""
    return tuple((name, float(getattr(config, name))) for name in _SETTINGS)


def link_stories(
    remembered: Mapping[str, ThreadStory],
    changed: Sequence[Story],
    opened: Collection[str],
    day: dt.date | None,
    df: Mapping[str, int],
    documents: int,
    config: ThreadConfig,
    *,
    cache: VectorCache | None = None,
) -> dict[str, ThreadStory]:
    """The threads of one day's stories.

    ``remembered`` holds the stories of open threads (story id -> entry) before the day;
    ``changed`` the stories the day opened (ids in ``opened``) or added articles to.
    Returns an entry for each changed story: a story already remembered keeps its thread
    (its vector is updated), a new one joins a thread or begins one. ``day`` None (an
    undated batch) compares with every remembered story. ``cache`` lets the days of a
    run share their vectors' arrays.

    Examples
    --------
    >>> import datetime as dt
    >>> from summarizer.stories import Member, Story
    >>> def story(i, words):
    ...     m = Member(id=i, title="", source="AP", outlet_known=True, published=day,
    ...                digest=i, terms=tuple((w, 1.0) for w in sorted(words.split())))
    ...     return Story(id=i, members=(m,), first=day, last=day)
    >>> day = dt.date(2024, 5, 6)
    >>> new = [story("a", "storm flood coast"), story("b", "storm flood harbour"),
    ...        story("c", "budget vote council")]
    >>> df = {"storm": 2, "flood": 2, "coast": 1, "harbour": 1, "budget": 1, "vote": 1,
    ...       "council": 1}
    >>> links = link_stories({}, new, {"a", "b", "c"}, day, df, 3, ThreadConfig())
    >>> {s: e.thread for s, e in links.items()}
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    ordered = sorted(changed, key=lambda s: s.id)
    weights = _weights(ordered, df, documents, config.terms)
    vectors = dict(zip((s.id for s in ordered), weights, strict=True))
    out: dict[str, ThreadStory] = {}
    fresh: list[Story] = []
    for story in ordered:
        if story.id in opened or story.id not in remembered:
            fresh.append(story)
        else:
            out[story.id] = _entry(story, remembered[story.id].thread, vectors[story.id])
    if not fresh:
        return out
    current = {**remembered, **out}
    candidates = sorted(
        (e for e in current.values() if _in_window(e.last, day, config.window_days)),
        key=lambda e: (e.thread, e.story),
    )
    cache = cache or VectorCache()
    matrix = _matrix(
        [
            *(cache.row(s.id, vectors[s.id]) for s in fresh),
            *(cache.row(e.story, e.vector) for e in candidates),
        ],
        cache.names,
    )
    cache.retain({s.id for s in fresh} | {e.story for e in candidates})
    new, old = matrix[: len(fresh)], matrix[len(fresh) :]
    joined = _best_threads(new, old, [e.thread for e in candidates], config.threshold)
    rest = [i for i, thread in enumerate(joined) if thread is None]
    for story, thread in zip(fresh, joined, strict=True):
        if thread is not None:
            out[story.id] = _entry(story, thread, vectors[story.id])
    for group in _complete_linkage(new[rest], config.threshold):
        members = [fresh[rest[i]] for i in group]
        thread = min(s.id for s in members)
        for story in members:
            out[story.id] = _entry(story, thread, vectors[story.id])
    return out


def expire(
    remembered: Mapping[str, ThreadStory], day: dt.date, window_days: int, keep: Collection[str]
) -> dict[str, ThreadStory]:
    """The entries a later day may still need: dated within ``window_days`` of ``day``,
    or of a story in ``keep`` (stories still open, which may take more articles)."""
    return {
        i: e
        for i, e in remembered.items()
        if i in keep or (e.last is not None and (day - e.last).days <= window_days)
    }


def _in_window(last: dt.date | None, day: dt.date | None, window_days: int) -> bool:
    return day is None or last is None or (day - last).days <= window_days


def _entry(story: Story, thread: str, vector: tuple[tuple[str, float], ...]) -> ThreadStory:
    return ThreadStory(story=story.id, thread=thread, last=story.last, vector=vector)


def _weights(
    stories: Sequence[Story], df: Mapping[str, int], documents: int, terms: int
) -> list[tuple[tuple[str, float], ...]]:
    """Each story's ``terms`` heaviest TF-IDF terms (its articles' counts summed,
    sublinear term frequency; ties to the earlier term), L2-normalised, by term."""
    out = []
    for story in stories:
        counts: dict[str, float] = {}
        for member in story.members:
            for term, count in member.terms:
                counts[term] = counts.get(term, 0.0) + count
        weighted = []
        for term, count in counts.items():
            idf = math.log((documents + 1) / (df.get(term, 0) + 1)) + 1.0
            weight = (1.0 + math.log(count)) * idf if count > 0 else 0.0
            if weight > 0:
                weighted.append((-weight, term))
        top = heapq.nsmallest(terms, weighted)
        norm = math.sqrt(math.fsum(w * w for w, _ in top)) or 1.0
        out.append(tuple(sorted((term, -w / norm) for w, term in top)))
    return out


def _matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]], names: Sequence[str]) -> csr_matrix:
    """Rows of (term numbers, weights) as a sparse matrix, columns in sorted term order
    (so that sums run in the same order whatever the numbering)."""
    from scipy.sparse import csr_matrix

    if not rows:
        return csr_matrix((0, 0))
    numbers, inverse = np.unique(np.concatenate([n for n, _ in rows]), return_inverse=True)
    order = np.argsort(np.array([names[i] for i in numbers.tolist()], dtype=str))
    column = np.empty(len(order), dtype=np.int64)
    column[order] = np.arange(len(order))
    indptr = np.cumsum([0, *(len(n) for n, _ in rows)])
    data = np.concatenate([w for _, w in rows]).astype(np.float64)
    return csr_matrix((data, column[inverse], indptr), shape=(len(rows), len(numbers)))


def _best_threads(
    new: csr_matrix, old: csr_matrix, threads: Sequence[str], threshold: float
) -> list[str | None]:
    """For each new row, the thread whose rows it is most similar to (mean similarity
    without its best match; a thread of one row: that similarity), if at least
    ``threshold``; ties to the smaller thread id. ``old`` rows are sorted by thread."""
    out: list[str | None] = [None] * new.shape[0]
    if not threads or new.shape[0] == 0:
        return out
    names: list[str] = []
    starts: list[int] = []
    for i, thread in enumerate(threads):
        if not names or names[-1] != thread:
            names.append(thread)
            starts.append(i)
    sizes = np.diff([*starts, len(threads)])
    oldt = old.T.tocsr()
    work = np.full(new.shape[0], float(old.shape[0]))
    for start, end in pairwise(_chunk_bounds(work)):
        sims = (new[start:end] @ oldt).toarray()
        total = np.add.reduceat(sims, starts, axis=1)
        best = np.maximum.reduceat(sims, starts, axis=1)
        value = np.where(sizes > 1, (total - best) / np.maximum(sizes - 1, 1), total)
        for row in range(end - start):
            top = int(np.argmax(value[row]))  # the first maximum: the smaller thread id
            if value[row, top] >= threshold:
                out[start + row] = names[top]
    return out


def _complete_linkage(vectors: csr_matrix, threshold: float) -> list[list[int]]:
    """Groups of rows, every pair in a group at least ``threshold`` similar: the most
    similar pair of groups is joined first. Groups are listed by their first row."""
    n = vectors.shape[0]
    if n == 0:
        return []
    links: Links = [{} for _ in range(n)]
    if vectors.shape[1]:
        xt = vectors.T.tocsr()
        binary = vectors.copy()
        binary.data[:] = 1.0
        work = np.asarray(binary @ np.asarray(binary.sum(axis=0)).ravel()).ravel()
        for start, end in pairwise(_chunk_bounds(work)):
            block = (vectors[start:end] @ xt).tocoo()
            rows = block.row.astype(np.int64) + start
            ok = (rows < block.col) & (block.data >= threshold)  # each pair once
            pairs = zip(
                rows[ok].tolist(), block.col[ok].tolist(), block.data[ok].tolist(), strict=True
            )
            for a, c, v in pairs:
                links[a][c] = links[c][a] = [1.0, v]
    size = [1] * n

    def complete(a: int, b: int) -> float:
        count, low = links[a][b]
        return low if count == size[a] * size[b] else -1.0

    parent = merge_groups(links, size, complete, threshold, lambda a, b: (a, b))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(parent, i), []).append(i)
    return [groups[g] for g in sorted(groups)]


# --- saved state -------------------------------------------------------------------


def threads_to_dict(
    entries: Iterable[ThreadStory], settings: Iterable[tuple[str, float]]
) -> dict[str, Any]:
    """The threads part of a saved story state, as plain JSON data."""

    def number(value: float) -> float | int:
        return int(value) if float(value).is_integer() else value

    return {
        "settings": {k: number(v) for k, v in settings},
        "stories": [
            {
                "story": e.story,
                "thread": e.thread,
                "last": e.last.isoformat() if e.last else None,
                "vector": dict(e.vector),
            }
            for e in sorted(entries, key=lambda e: e.story)
        ],
    }


def threads_from_dict(
    doc: Mapping[str, Any],
) -> tuple[tuple[ThreadStory, ...], tuple[tuple[str, float], ...]]:
    """The entries and settings of :func:`threads_to_dict` output; ValueError (or
    KeyError, TypeError) if it is not one."""
    entries = tuple(
        ThreadStory(
            story=str(e["story"]),
            thread=str(e["thread"]),
            last=dt.date.fromisoformat(e["last"]) if e["last"] is not None else None,
            vector=tuple(sorted((str(t), float(w)) for t, w in e["vector"].items())),
        )
        for e in doc["stories"]
    )
    for entry in entries:
        if not all(math.isfinite(w) and 0 <= w <= 1 for _, w in entry.vector):
            raise ValueError(f"thread entry {entry.story!r}: weights must be in [0, 1]")
    settings = tuple((str(k), float(v)) for k, v in doc["settings"].items())
    return tuple(sorted(entries, key=lambda e: e.story)), settings
