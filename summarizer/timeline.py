"""Timelines of a long-running story: which dates matter, and what happened on each.

Dates are ranked the way DATEWISE (Gholipour Ghalandari and Ifrim 2020) found that
matters, from the counts our dating stage gives: how many independent texts were
published that day, and how many other texts state the date in a sentence (a full date,
"April 20", a weekday or "yesterday" resolved against the article's date), a later
text looking back at a date counting ``lookback`` times (a busy day that later reports
never mention again ranks below the day they keep coming back to).

A date's sentences are those the dating stage gives that date (sentences that state it,
sentences without a date of their own in articles published that day) and the leads of
the next day's articles that state no date (news reports yesterday's events). They are
ranked and chosen per date by the pipeline (TextRank within the date, concept coverage,
the sentence screens), each date in order of importance, and nothing chosen for one
date may be said again on another (see :func:`summarizer.pipeline.summarize_timeline`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .dates import SentenceDate
from .types import (
    Article,
    BriefingItem,
    DateBasis,
    Sentence,
    Skipped,
    Timeline,
    TimelineEntry,
)
from .vectorize import Analyzer, SentenceMatrix, transform

__all__ = [
    "DateScore",
    "TextDates",
    "assemble_timeline",
    "date_rows",
    "matching_articles",
    "query_terms",
    "rank_dates",
    "text_dates",
    "timeline_title",
    "window",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextDates:
    """One independent text for date ranking: its publication date (None if unknown)
    and the dates its sentences state."""

    id: str
    published: dt.date | None
    mentions: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DateScore:
    """A candidate date and its importance: ``published`` texts that day, ``recalled``
    later texts that state it, ``mentioned`` earlier or undated texts that state it."""

    date: dt.date
    score: float
    published: int
    recalled: int
    mentioned: int


def text_dates(
    texts: Sequence[Article], matrix: SentenceMatrix, dates: Sequence[SentenceDate]
) -> tuple[TextDates, ...]:
    """Each text's publication date and the dates its sentences state (rows of
    ``matrix`` aligned with ``dates``)."""
    stated: dict[str, set[dt.date]] = {a.id: set() for a in texts}
    for sentence, when in zip(matrix.sentences, dates, strict=True):
        if when.explicit and when.date is not None:
            stated[sentence.article_id].add(when.date)
    return tuple(
        TextDates(
            id=a.id,
            published=a.published.date() if a.published else None,
            mentions=tuple(sorted(stated[a.id])),
        )
        for a in texts
    )


def window(
    texts: Sequence[TextDates], start: dt.date | None, end: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The window dates are chosen from: ``start`` and ``end`` where given, else the
    first and last publication date (else the first and last date stated)."""
    days = [t.published for t in texts if t.published is not None]
    if not days:
        days = [d for t in texts for d in t.mentions]
    if not days:
        return start, end
    return start or min(days), end or max(days)


def rank_dates(
    texts: Sequence[TextDates],
    *,
    lookback: float = 2.0,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[DateScore, ...]:
    """Candidate dates from ``start`` to ``end``, most important first.

    A date's score is ``published + lookback * recalled + mentioned``: the texts
    published that day, the later texts that state it, and the earlier or undated texts
    that state it (a text stating its own publication date counts once, as published).
    Ties go to the date more texts look back at, then to the busier day, then to the
    earlier date.

    Examples
    --------
    >>> d = dt.date(2010, 4, 20)
    >>> later = [TextDates(id=f"l{k}", published=d.replace(day=25), mentions=(d,))
    ...          for k in range(3)]
    >>> busy = [TextDates(id=f"b{k}", published=d.replace(day=21)) for k in range(5)]
    >>> [(s.date.day, s.score) for s in rank_dates([*later, *busy])]
    [(20, 6.0), (21, 5.0), (25, 3.0)]
    """
    published: Counter[dt.date] = Counter()
    recalled: Counter[dt.date] = Counter()
    mentioned: Counter[dt.date] = Counter()
    for text in texts:
        if text.published is not None:
            published[text.published] += 1
        for day in set(text.mentions):
            if text.published is None or day > text.published:
                mentioned[day] += 1
            elif day < text.published:
                recalled[day] += 1
    days = {*published, *recalled, *mentioned}
    scores = [
        DateScore(
            date=day,
            score=float(published[day] + lookback * recalled[day] + mentioned[day]),
            published=published[day],
            recalled=recalled[day],
            mentioned=mentioned[day],
        )
        for day in days
        if (start is None or day >= start) and (end is None or day <= end)
    ]
    scores.sort(key=lambda s: (-s.score, -s.recalled, -s.published, s.date))
    return tuple(scores)


def date_rows(
    sentences: Sequence[Sentence],
    dates: Sequence[SentenceDate],
    published: Mapping[str, dt.date | None],
    *,
    lead_sentences: int = 5,
) -> dict[dt.date, list[int]]:
    """The rows (sentences) that may tell each date: those the dating stage gives that
    date, and the first ``lead_sentences`` of an article that state no date of their own
    also tell the day before its publication (news reports yesterday's events; DATEWISE
    reads the first five sentences so). Rows of a date are in order.

    Examples
    --------
    >>> day = dt.date(2010, 5, 2)
    >>> s = [Sentence(article_id="a", position=k, paragraph=0, text="...") for k in range(2)]
    >>> d = [SentenceDate(day, "stated"), SentenceDate(day - dt.timedelta(days=3), "event",
    ...      explicit=True)]
    >>> sorted((k.day, v) for k, v in date_rows(s, d, {"a": day}, lead_sentences=1).items())
    [(1, [0]), (2, [0]), (29, [1])]
    """
    rows: dict[dt.date, list[int]] = {}
    for i, (sentence, when) in enumerate(zip(sentences, dates, strict=True)):
        if when.date is None:
            continue
        rows.setdefault(when.date, []).append(i)
        day = published.get(sentence.article_id)
        if (
            not when.explicit
            and day is not None
            and when.date == day
            and sentence.position < lead_sentences
        ):
            rows.setdefault(day - dt.timedelta(days=1), []).append(i)
    for found in rows.values():
        found.sort()
    return rows


def query_terms(query: str) -> frozenset[str]:
    """The stemmed words of a query, stop words left out.

    Examples
    --------
    >>> sorted(query_terms("the Oil Spills"))
    ['oil', 'spill']
    """
    return frozenset(Analyzer(stop_words=True).words(query))


def matching_articles(articles: Sequence[Article], query: str) -> tuple[Article, ...]:
    """The articles whose title or text has every word of ``query`` (stemmed, case and
    stop words ignored); none when the query has no word left."""
    terms = query_terms(query)
    if not terms:
        return ()
    analyzer = Analyzer(stop_words=True)
    return tuple(a for a in articles if terms <= frozenset(analyzer.words(f"{a.title}\n{a.text}")))


def timeline_title(texts: Sequence[Article], matrix: SentenceMatrix, rows: Sequence[int]) -> str:
    """The headline closest (TF-IDF cosine) to everything the timeline says, among the
    texts that have a headline (not only a file name); "Timeline" when none has."""
    candidates = sorted((a for a in texts if a.title and a.title != a.id), key=lambda a: a.id)
    if not candidates or not rows:
        return "Timeline"
    titles = transform(matrix, [a.title for a in candidates])
    centre = np.asarray(matrix.vectors[list(rows)].mean(axis=0)).ravel()
    closeness = np.asarray(titles @ centre).ravel()
    best = min(range(len(candidates)), key=lambda i: (-round(float(closeness[i]), 12), i))
    return candidates[best].title


def _basis(items: Sequence[BriefingItem]) -> DateBasis:
    """A date the sentences state (``event``) or were published on (``stated``) is
    confident; it is ``inferred`` only when every sentence's date was inferred."""
    kinds = {item.date_basis for item in items}
    if "event" in kinds:
        return "event"
    if "stated" in kinds:
        return "stated"
    return "inferred"


def assemble_timeline(
    chosen: Sequence[tuple[DateScore, int, Sequence[BriefingItem]]],
    *,
    title: str,
    start: dt.date | None,
    end: dt.date | None,
    articles: Sequence[Article],
    candidates: int,
    skipped: Sequence[Skipped] = (),
    story: str | None = None,
    query: str | None = None,
) -> Timeline:
    """The Timeline: one entry per chosen ``(date score, rank, items)``, in date order,
    each item dated to its entry's date."""
    entries = []
    for score, rank, items in chosen:
        dated = tuple(_on(item, score.date) for item in items)
        entries.append(
            TimelineEntry(
                date=score.date,
                date_basis=_basis(dated),
                items=dated,
                importance=score.score,
                published=score.published,
                recalled=score.recalled,
                rank=rank,
            )
        )
    entries.sort(key=lambda e: e.date)
    return Timeline(
        title=title,
        start=start,
        end=end,
        entries=tuple(entries),
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        skipped=tuple(skipped),
        candidates=candidates,
        story=story,
        query=query,
    )


def _on(item: BriefingItem, day: dt.date) -> BriefingItem:
    """The item dated to its entry's date (its own date, or its sources' when the
    sentence's own basis was weaker)."""
    if item.date == day:
        return item
    return replace(item, date=day, date_basis="inferred")
