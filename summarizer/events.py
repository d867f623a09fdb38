"""Articles -> events, for daily briefings.

Articles are grouped by TF-IDF cosine similarity of their text (title and body),
weakened by the distance between their dates, with the same sparse graph and average
linkage as sentence clusters (:mod:`summarizer.graph`, :mod:`summarizer.cluster`): the
articles of one story that drift in wording over weeks stay together through the many
articles they share words with, while two stories of one day stay apart. Inside an event,
near-duplicate articles (wire copies) form one text whose outlets are all credited.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .cluster import cluster_graph
from .config import EventConfig, GraphConfig, VectorizeConfig
from .graph import similarity_graph
from .types import Article
from .vectorize import vectorize_texts

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["Event", "group_events", "independent_texts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One story: its articles (by id), wire-copy groups, headline and importance.

    ``copies`` groups article ids whose texts are near-duplicates; ``texts`` is their
    number (independent texts), ``outlets`` the number of distinct sources.
    """

    articles: tuple[Article, ...]
    copies: tuple[tuple[str, ...], ...]
    headline: str
    latest: dt.date | None
    texts: int
    outlets: int
    importance: float


def _day(article: Article) -> dt.date | None:
    return article.published.date() if article.published else None


def _time_weights(
    articles: Sequence[Article], rows: np.ndarray, cols: np.ndarray, window: float
) -> np.ndarray:
    """1 / (1 + days apart / window) per pair; 1 where a date is unknown."""
    days = np.array([a.published.timestamp() / 86400 if a.published else np.nan for a in articles])
    gap = np.abs(days[rows] - days[cols])
    return np.where(np.isnan(gap), 1.0, 1.0 / (1.0 + np.nan_to_num(gap) / window))


def group_events(
    articles: Sequence[Article],
    config: EventConfig | None = None,
    *,
    day: dt.date | None = None,
) -> tuple[Event, ...]:
    """Group articles into events, most important first.

    Importance is ``(texts + outlet_weight * (outlets - texts)) / (1 + age)``: independent
    texts count fully, extra outlets of the same wire copy a little, and ``age`` is the
    number of days from the event's latest article to ``day``.

    Examples
    --------
    >>> import datetime as dt
    >>> from summarizer.types import Article
    >>> def a(i, text):
    ...     return Article(id=i, title=text, text=text, source=i)
    >>> events = group_events([a("1", "Storm floods coast homes"),
    ...                        a("2", "Storm floods homes on the coast"),
    ...                        a("3", "Parliament passes budget law")])
    >>> [[x.id for x in e.articles] for e in events]
    [['1', '2'], ['3']]
    """
    config = config or EventConfig()
    articles = sorted(articles, key=lambda a: a.id)
    if not articles:
        return ()
    # Raw term counts: an article's recurring words are what its story is about.
    vectors = vectorize_texts(
        [a.text if a.title == a.id else f"{a.title}\n{a.text}" for a in articles],
        VectorizeConfig(stem=True, sublinear_tf=False, stop_words=True),
    )
    graph = similarity_graph(
        vectors, GraphConfig(min_similarity=config.min_similarity, max_neighbors=30)
    ).tocoo()
    weights = _time_weights(articles, graph.row, graph.col, config.window_days)
    from scipy.sparse import coo_matrix

    weighted = coo_matrix((graph.data * weights, (graph.row, graph.col)), shape=graph.shape).tocsr()
    labels = cluster_graph(weighted, config.threshold)
    members: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        members.setdefault(label, []).append(row)
    dense_graph = graph.tocsr()
    events = []
    for rows in members.values():
        group = [articles[i] for i in rows]
        copies = _copies(rows, dense_graph, articles, config.duplicate)
        dates = [d for d in (_day(a) for a in group) if d is not None]
        latest = max(dates) if dates else None
        age = (day - latest).days if day is not None and latest is not None else 0
        texts = len(copies)
        outlets = len({a.source for a in group})
        importance = (texts + config.outlet_weight * max(outlets - texts, 0)) / (1 + max(age, 0))
        events.append(
            Event(
                articles=tuple(group),
                copies=copies,
                headline=_headline(group, rows, dense_graph),
                latest=latest,
                texts=texts,
                outlets=outlets,
                importance=round(importance, 6),
            )
        )
    events.sort(
        key=lambda e: (-e.importance, -(e.latest or dt.date.min).toordinal(), e.articles[0].id)
    )
    return tuple(events)


def independent_texts(event: Event) -> tuple[tuple[Article, ...], dict[str, list[str]]]:
    """One article per wire-copy group (the fullest text), and for each the outlets to
    credit: its own source first, then the others that ran the same text."""
    by_id = {a.id: a for a in event.articles}
    chosen: list[Article] = []
    credits: dict[str, list[str]] = {}
    for group in event.copies:
        members = [by_id[i] for i in group]
        lead = min(members, key=lambda a: (-len(a.text), a.id))
        chosen.append(lead)
        credits[lead.id] = [lead.source, *sorted({m.source for m in members} - {lead.source})]
    return tuple(chosen), credits


def _copies(
    rows: list[int], graph: csr_matrix, articles: Sequence[Article], duplicate: float
) -> tuple[tuple[str, ...], ...]:
    """Near-duplicate groups (connected by similarity >= ``duplicate``) within an event."""
    from scipy.sparse.csgraph import connected_components

    sub = graph[rows][:, rows].tocsr()
    sub.data[sub.data < duplicate] = 0.0
    sub.eliminate_zeros()
    _, labels = connected_components(sub, directed=False)
    groups: dict[int, list[str]] = {}
    for row, label in zip(rows, labels, strict=True):
        groups.setdefault(int(label), []).append(articles[row].id)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


def _headline(group: list[Article], rows: list[int], graph: csr_matrix) -> str:
    """The title most articles share, else the title of the most central article."""
    counts = Counter(a.title for a in group)
    title, count = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if count > 1:
        return title
    sub = graph[rows][:, rows]
    centrality = np.asarray(sub.sum(axis=1)).ravel()
    best = min(range(len(group)), key=lambda i: (-round(float(centrality[i]), 9), group[i].id))
    return group[best].title
