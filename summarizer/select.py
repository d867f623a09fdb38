"""Redundancy-aware selection of top sentences under a word budget: never two sentences
of one cluster, never a pair above the similarity threshold.  With ``timeline`` on, each
distinct event date stated by a sentence first gets its best sentence (the newest date
first, then by importance), so a briefing
about a story that unfolded over weeks says what happened at each step."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .cluster import Clusters
from .config import SelectConfig
from .dates import SentenceDate
from .vectorize import SentenceMatrix

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["is_dangling", "select_sentences"]

_DANGLING = re.compile(
    r"^[\"'“‘(]?(?:he|she|it|they|his|her|its|their|this|these|those|him|them)\b", re.IGNORECASE
)


def is_dangling(text: str) -> bool:
    """True when a sentence opens with a pronoun whose referent is in another sentence.

    Examples
    --------
    >>> is_dangling("He estimated there were 1,500 fighters left.")
    True
    >>> is_dangling("Theodore estimated there were 1,500 fighters left.")
    False
    """
    return bool(_DANGLING.match(text))


def select_sentences(
    matrix: SentenceMatrix,
    scores: NDArray[np.float64],
    clusters: Clusters,
    dates: Sequence[SentenceDate] | None = None,
    config: SelectConfig | None = None,
) -> tuple[int, ...]:
    """Rows of the chosen sentences, in the order they were chosen.

    Candidates are taken in the total order ``(-gain, article_id, position)`` where
    ``gain = score / n_words ** length_penalty``; one is
    kept when its cluster is new, its cosine similarity to every kept sentence is at most
    ``redundancy`` and it fits the remaining word budget.
    """
    config = config or SelectConfig()
    sentences = matrix.sentences
    gain = [
        float(scores[i]) / max(s.n_words, 1) ** config.length_penalty
        for i, s in enumerate(sentences)
    ]
    order = [
        i
        for i in sorted(
            range(len(sentences)),
            key=lambda i: (-gain[i], sentences[i].article_id, sentences[i].position),
        )
        if config.min_sentence_words <= sentences[i].n_words <= config.max_sentence_words
        and not (config.skip_dangling and is_dangling(sentences[i].text))
    ]
    position = {i: k for k, i in enumerate(order)}
    chosen: list[int] = []
    chosen_set: set[int] = set()
    used_clusters: set[int] = set()
    budget = config.max_words

    def full() -> bool:
        if budget <= 0 or (budget < config.min_sentence_words and not config.overflow):
            return True
        return config.max_sentences is not None and len(chosen) >= config.max_sentences

    def accept(i: int) -> bool:
        nonlocal budget
        n_words = sentences[i].n_words
        fits = n_words <= budget or config.overflow
        if clusters.labels[i] in used_clusters or not fits:
            return False
        if chosen:
            sims = (matrix.vectors[chosen] @ matrix.vectors[i].T).toarray().ravel()
            if float(sims.max()) > config.redundancy:
                return False
        chosen.append(i)
        chosen_set.add(i)
        used_clusters.add(clusters.labels[i])
        budget -= n_words
        return True

    if config.timeline_dates and dates is not None:
        by_day: dict[dt.date, list[int]] = {}  # candidates per explicit date, best first
        for i in order:
            day = dates[i].date
            if dates[i].explicit and day is not None:
                by_day.setdefault(day, []).append(i)
        # The newest development leads a briefing; the other dates follow by gain.
        days = sorted(by_day, key=lambda d: position[by_day[d][0]])
        if days:
            newest = max(days)
            days = [newest, *(d for d in days if d != newest)][: config.timeline_dates]
        for day in days:
            if full():
                break
            for i in by_day[day]:
                if accept(i):
                    break
    for i in order:
        if full():
            break
        if i not in chosen_set:
            accept(i)
    return tuple(chosen)
