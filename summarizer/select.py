"""Redundancy-aware selection under a word budget, by concept coverage.

Each candidate's gain is the weight of the concepts (:mod:`summarizer.concepts`) it would
add to those already covered, times its TextRank score raised to ``centrality``, divided
by its length raised to ``length_penalty``. The sentence of largest gain is taken first,
then the gains are updated; a repeated fact gains nothing, so redundancy is avoided by the
objective itself, and no chosen pair may exceed the cosine ``redundancy`` threshold either.
Gains only fall as concepts get covered, so a heap evaluated lazily finds the best
sentence without recomputing every gain at every step.

With ``timeline_dates`` on, each distinct event date stated by a sentence first gets its
best sentence (the newest date first, then by gain), so a briefing about a story that
unfolded over weeks says what happened at each step.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .cluster import Clusters
from .concepts import ConceptMatrix
from .config import SelectConfig
from .dates import SentenceDate
from .screens import standalone_reason
from .vectorize import SentenceMatrix

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["select_sentences"]


class _Coverage:
    """Gains of sentences given the concepts covered so far."""

    def __init__(self, concepts: ConceptMatrix | None, prior: NDArray[np.float64]) -> None:
        self.prior = prior
        self.incidence = concepts.incidence if concepts is not None else None
        self.left = concepts.weights.copy() if concepts is not None else np.zeros(0)

    def gain(self, i: int) -> float:
        if self.incidence is None:
            return 0.0
        start, end = self.incidence.indptr[i], self.incidence.indptr[i + 1]
        return float(self.prior[i] * self.left[self.incidence.indices[start:end]].sum())

    def cover(self, i: int) -> None:
        if self.incidence is not None:
            start, end = self.incidence.indptr[i], self.incidence.indptr[i + 1]
            self.left[self.incidence.indices[start:end]] = 0.0


def select_sentences(
    matrix: SentenceMatrix,
    scores: NDArray[np.float64],
    clusters: Clusters,
    dates: Sequence[SentenceDate] | None = None,
    config: SelectConfig | None = None,
    *,
    concepts: ConceptMatrix | None = None,
    screened: Sequence[str | None] | None = None,
) -> tuple[int, ...]:
    """Rows of the chosen sentences, in the order they were chosen.

    Candidates are taken in the total order ``(-gain, -prior, article_id, position)``
    where ``prior = score ** centrality / n_words ** length_penalty`` and ``gain`` is
    ``prior`` times the weight of the concepts the sentence adds (see the module
    docstring); a sentence that adds no concept is filler and is not taken (when the
    batch has no concept at all, candidates are taken by ``prior``). With
    ``standalone`` on, a sentence that cannot stand on its own for a reader
    (:mod:`summarizer.screens`; ``screened`` may hold the reasons already found) is not a
    candidate. One is kept when its cluster is new,
    its cosine similarity to every kept sentence is at most ``redundancy`` and it fits
    the remaining word budget.
    """
    config = config or SelectConfig()
    sentences = matrix.sentences
    n_words = np.array([max(s.n_words, 1) for s in sentences], dtype=float)
    base = np.maximum(np.asarray(scores, dtype=float), 0.0)
    prior = base**config.centrality / n_words**config.length_penalty
    if config.standalone and screened is None:
        screened = [standalone_reason(s.text) for s in sentences]
    candidates = [
        i
        for i, s in enumerate(sentences)
        if config.min_sentence_words <= s.n_words <= config.max_sentence_words
        and not (config.standalone and screened and screened[i])
    ]
    coverage = _Coverage(concepts, prior)
    chosen: list[int] = []
    used_clusters: set[int] = set()
    budget = config.max_words

    def key(i: int, gain: float) -> tuple[float, float, str, int]:
        return (-gain, -float(prior[i]), sentences[i].article_id, sentences[i].position)

    def full() -> bool:
        if budget <= 0 or (budget < config.min_sentence_words and not config.overflow):
            return True
        return config.max_sentences is not None and len(chosen) >= config.max_sentences

    def accept(i: int) -> bool:
        nonlocal budget
        words = sentences[i].n_words
        if clusters.labels[i] in used_clusters or not (words <= budget or config.overflow):
            return False
        if chosen:
            sims = (matrix.vectors[chosen] @ matrix.vectors[i].T).toarray().ravel()
            if float(sims.max()) > config.redundancy:
                return False
        chosen.append(i)
        used_clusters.add(clusters.labels[i])
        coverage.cover(i)
        budget -= words
        return True

    if config.timeline_dates and dates is not None:
        by_day: dict[dt.date, list[int]] = {}  # candidates per explicit date
        for i in candidates:
            day = dates[i].date
            if dates[i].explicit and day is not None:
                by_day.setdefault(day, []).append(i)
        for rows in by_day.values():
            rows.sort(key=lambda i: key(i, coverage.gain(i)))
        # The newest development leads a briefing; the other dates follow by gain.
        days = sorted(by_day, key=lambda d: key(by_day[d][0], coverage.gain(by_day[d][0])))
        if days:
            newest = max(days)
            days = [newest, *(d for d in days if d != newest)][: config.timeline_dates]
        for day in days:
            if full():
                break
            for i in sorted(by_day[day], key=lambda i: key(i, coverage.gain(i))):
                if accept(i):
                    break

    taken = set(chosen)
    heap = [(*key(i, coverage.gain(i)), i) for i in candidates if i not in taken]
    heapq.heapify(heap)
    # With concepts, a sentence that adds none is filler; without any, take by prior.
    needs_gain = concepts is not None and bool(concepts.weights.any())
    while heap and not full():
        entry = heapq.heappop(heap)
        i = entry[-1]
        fresh = (*key(i, coverage.gain(i)), i)
        if heap and fresh > heap[0]:  # its gain fell below the next one's: look again later
            heapq.heappush(heap, fresh)
            continue
        if needs_gain and fresh[0] >= 0.0:
            break
        accept(i)
    return tuple(chosen)
