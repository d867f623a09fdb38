"""Chosen sentences -> a dated Briefing: each item with its event date and the sources
that report it (its own article plus the other articles of its cluster)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .cluster import Clusters
from .config import BriefingConfig
from .dates import SentenceDate
from .types import Article, Briefing, BriefingItem, Skipped
from .vectorize import SentenceMatrix, transform

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["assemble_briefing"]

_CONFIDENT = ("stated", "event")


def _corroborated(
    row: int, dates: Sequence[SentenceDate], clusters: Clusters, matrix: SentenceMatrix
) -> SentenceDate:
    """A sentence without a confident date takes the date its cluster's other sources
    state with confidence (the most common one; ties to the earliest)."""
    own = dates[row]
    if own.basis in _CONFIDENT:
        return own
    article = matrix.sentences[row].article_id
    peers = Counter(
        (dates[j].date, dates[j].basis)
        for j in clusters.members(clusters.labels[row])
        if matrix.sentences[j].article_id != article
        and dates[j].basis in _CONFIDENT
        and dates[j].date is not None
    )
    if not peers:
        return own
    (date, basis), _ = min(peers.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    return SentenceDate(date, basis)


def _title(articles: Sequence[Article], matrix: SentenceMatrix, rows: Sequence[int]) -> str:
    """The article title closest to what the chosen sentences say."""
    if not rows:
        return articles[0].title
    titles = transform(matrix, [a.title for a in articles])
    centre = np.asarray(matrix.vectors[list(rows)].mean(axis=0)).ravel()
    sims = np.asarray(titles @ centre).ravel()
    best = min(range(len(articles)), key=lambda i: (-round(float(sims[i]), 12), articles[i].id))
    return articles[best].title


def assemble_briefing(
    articles: Sequence[Article],
    matrix: SentenceMatrix,
    rows: Sequence[int],
    scores: NDArray[np.float64],
    clusters: Clusters,
    dates: Sequence[SentenceDate],
    config: BriefingConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    credits: Mapping[str, Sequence[str]] | None = None,
) -> Briefing:
    """Build the Briefing; items are ordered by event date (unknown last), then score.

    ``credits`` maps an article id to every outlet that published the same text (wire
    copies), all of whom are named as sources.
    """
    config = config or BriefingConfig()
    by_id = {a.id: a for a in articles}

    def outlets(article_id: str) -> list[str]:
        if credits and article_id in credits:
            return list(credits[article_id])
        return [by_id[article_id].source]

    items = []
    for rank, row in enumerate(rows):
        sentence = matrix.sentences[row]
        date = _corroborated(row, dates, clusters, matrix)
        own = outlets(sentence.article_id)
        others = sorted(
            {
                name
                for j in clusters.members(clusters.labels[row])
                for name in outlets(matrix.sentences[j].article_id)
            }
            - set(own)
        )
        items.append(
            BriefingItem(
                text=sentence.text,
                date=date.date,
                date_basis=date.basis,
                sources=(*own, *others),
                article_id=sentence.article_id,
                position=sentence.position,
                score=round(float(scores[row]), 6),
                rank=rank,
            )
        )
    items.sort(
        key=lambda it: (
            it.date is None,
            it.date or dt.date.min,
            -it.score,
            it.article_id,
            it.position,
        )
    )
    known = [it.date for it in items if it.date is not None]
    return Briefing(
        title=config.title or _title(articles, matrix, rows),
        date=config.date or (max(known) if known else None),
        items=tuple(items),
        articles=tuple(articles),
        skipped=tuple(skipped),
    )
