"""Chosen sentences -> a dated Briefing: each item with its event date and the sources
that report it (its own article plus the other articles of its cluster, wire copies
credited to every outlet that ran them), items in the order the story unfolded, and a
title that says what the briefing is about as of its date."""

from __future__ import annotations

import datetime as dt
import re
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
#: A title at least this similar (TF-IDF cosine) to an item only repeats it.
_COPY_OF_ITEM = 0.8
_LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)


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


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _title(
    articles: Sequence[Article],
    matrix: SentenceMatrix,
    rows: Sequence[int],
    items: Sequence[BriefingItem],
) -> str:
    """The headline that says what the briefing is about as of its newest item: among the
    articles that report the newest dated items (all articles when nothing is dated), the
    title closest to what the chosen sentences say, skipping titles that repeat an item
    or are no headline at all (a file name)."""
    by_id = {a.id: a for a in articles}
    known = [it.date for it in items if it.date is not None]
    newest = [it for it in items if known and it.date == max(known)]
    pool = sorted({it.article_id for it in newest}) or sorted(by_id)
    item_keys = {_key(it.text) for it in items}

    def usable(article: Article) -> bool:
        return article.title != article.id and _key(article.title) not in item_keys

    for ids in (pool, sorted(by_id)):
        candidates = [by_id[i] for i in ids if usable(by_id[i])]
        if not candidates or not rows:
            continue
        titles = transform(matrix, [a.title for a in candidates])
        chosen = matrix.vectors[list(rows)]
        centre = np.asarray(chosen.mean(axis=0)).ravel()
        closeness = np.asarray(titles @ centre).ravel()
        copies = np.asarray((titles @ chosen.T).max(axis=1).toarray()).ravel()
        ranked = sorted(
            range(len(candidates)),
            key=lambda i: (-round(float(closeness[i]), 12), candidates[i].id),
        )
        for i in ranked:
            if copies[i] < _COPY_OF_ITEM:
                return candidates[i].title
    return articles[0].title


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
    copies: Mapping[str, Sequence[Article]] | None = None,
    credits: Mapping[str, Sequence[str]] | None = None,
) -> Briefing:
    """Build the Briefing.

    Items are ordered by event date (unknown last); within a date, as the story unfolded:
    the earliest-published article first, then the sentence's position in it. ``copies``
    maps an article id to all the articles that ran the same text (wire copies);
    ``credits`` maps an article id to outlet names to credit as well (copies known only by
    name). Sources are listed first reporter first, in one order for the whole briefing.
    """
    config = config or BriefingConfig()
    by_id = {a.id: a for a in articles}
    runs = {a.id: list((copies or {}).get(a.id, (a,))) for a in articles}
    # One order of outlets for the whole briefing: the first to publish first.
    first_seen: dict[str, dt.datetime] = {}
    for article in (m for group in runs.values() for m in group):
        when = article.published or _LATEST
        if article.source not in first_seen or when < first_seen[article.source]:
            first_seen[article.source] = when
    for names in (credits or {}).values():
        for name in names:
            first_seen.setdefault(name, _LATEST)

    def outlets(article_id: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for member in runs.get(article_id, [by_id[article_id]]):
            if member.source not in found or (not found[member.source] and member.url):
                found[member.source] = member.url or ""
        for name in (credits or {}).get(article_id, ()):
            found.setdefault(name, "")
        return found

    items = []
    for rank, row in enumerate(rows):
        sentence = matrix.sentences[row]
        date = _corroborated(row, dates, clusters, matrix)
        named: dict[str, str] = {}
        for j in (row, *clusters.members(clusters.labels[row])):
            for name, url in outlets(matrix.sentences[j].article_id).items():
                if name not in named or (not named[name] and url):
                    named[name] = url
        order = sorted(named, key=lambda name: (first_seen[name], name))
        items.append(
            BriefingItem(
                text=sentence.text,
                date=date.date,
                date_basis=date.basis,
                sources=tuple(order),
                urls=tuple(named[name] for name in order),
                article_id=sentence.article_id,
                position=sentence.position,
                score=round(float(scores[row]), 6),
                rank=rank,
            )
        )

    # Within a date, as the story unfolded: where the first article to publish the fact
    # (the item's sentence or one of its cluster) tells it.
    told: dict[int, tuple[dt.datetime, str, int]] = {}
    for item, row in zip(items, rows, strict=True):
        told[item.rank] = min(
            (
                by_id[matrix.sentences[j].article_id].published or _LATEST,
                matrix.sentences[j].article_id,
                matrix.sentences[j].position,
            )
            for j in (row, *clusters.members(clusters.labels[row]))
        )
    items.sort(key=lambda it: (it.date is None, it.date or dt.date.min, *told[it.rank]))
    known = [it.date for it in items if it.date is not None]
    return Briefing(
        title=config.title or _title(articles, matrix, rows, items),
        date=config.date or (max(known) if known else None),
        items=tuple(items),
        articles=tuple(articles),
        skipped=tuple(skipped),
    )
