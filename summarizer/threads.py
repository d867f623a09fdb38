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
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from .config import ThreadConfig
from .graph import _chunk_bounds
from .linkage import Links, merge_groups, root
from .terms import TermNumbers

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .stories import Story

__all__ = ["ThreadStory", "expire", "link_stories", "thread_settings"]

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
    terms: TermNumbers | None = None,
) -> dict[str, ThreadStory]:
    """The threads of one day's stories.

    ``remembered`` holds the stories of open threads (story id -> entry) before the day;
    ``changed`` the stories the day opened (ids in ``opened``) or added articles to.
    Returns an entry for each changed story: a story already remembered keeps its thread
    (its vector is updated), a new one joins a thread or begins one. ``day`` None (an
    undated batch) compares with every remembered story. ``terms`` lets the days of a
    run share their numbered terms.

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
    terms = terms or TermNumbers()
    ordered = sorted(changed, key=lambda s: s.id)
    weights = _weights(ordered, df, documents, config.terms, terms)
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
    matrix = _matrix(
        [
            *(terms.row(s.id, vectors[s.id]) for s in fresh),
            *(terms.row(e.story, e.vector) for e in candidates),
        ],
        len(terms.names),
    )
    terms.retain_rows({s.id for s in fresh} | {e.story for e in candidates})
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
    stories: Sequence[Story],
    df: Mapping[str, int],
    documents: int,
    keep: int,
    terms: TermNumbers,
) -> list[tuple[tuple[str, float], ...]]:
    """Each story's ``keep`` heaviest TF-IDF terms (its articles' counts summed,
    sublinear term frequency; ties to the earlier term), L2-normalised, by term."""
    names = terms.names
    out = []
    for story in stories:
        arrays = [terms.of(m) for m in story.members]
        numbers, inverse = np.unique(np.concatenate([n for n, _ in arrays]), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate([c for _, c in arrays]))
        frequency = np.array([df.get(names[i], 0) for i in numbers.tolist()], dtype=float)
        idf = np.log((documents + 1) / (frequency + 1)) + 1.0
        weight = (1.0 + np.log(np.maximum(counts, 1e-300))) * idf
        chosen = np.flatnonzero(weight > 0)
        if len(chosen) > keep:  # the heaviest, ties at the cut to the earlier term
            cut = np.partition(weight[chosen], len(chosen) - keep)[len(chosen) - keep]
            above = chosen[weight[chosen] > cut]
            tied = sorted(chosen[weight[chosen] == cut].tolist(), key=lambda i: names[numbers[i]])
            chosen = np.concatenate([above, tied[: keep - len(above)]]).astype(np.int64)
        pairs = sorted((names[numbers[i]], float(weight[i])) for i in chosen.tolist())
        norm = math.sqrt(math.fsum(w * w for _, w in pairs)) or 1.0
        # Six decimals: a short saved state, the same vectors whether saved or not.
        out.append(tuple((term, round(w / norm, 6)) for term, w in pairs))
    return out


def _matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]], width: int) -> csr_matrix:
    """Rows of (term numbers, weights) as a sparse matrix, a column per term number.
    Each row keeps its terms in term order, and a sparse product adds a row's terms in
    the order they are stored, so similarities do not depend on how terms were numbered
    (by the days of this run)."""
    from scipy.sparse import csr_matrix

    indptr = np.cumsum([0, *(len(n) for n, _ in rows)])
    if not rows or not indptr[-1]:
        return csr_matrix((len(rows), width))
    columns = np.concatenate([n for n, _ in rows])
    data = np.concatenate([w for _, w in rows])
    return csr_matrix((data, columns, indptr), shape=(len(rows), width))


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
