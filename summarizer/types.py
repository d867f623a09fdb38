"""Immutable data passed between the pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Article",
    "Briefing",
    "BriefingItem",
    "DailyBriefing",
    "DateBasis",
    "DatedPassage",
    "EventBriefing",
    "Paragraph",
    "Sentence",
    "Skipped",
]

#: How a date was obtained.
#: ``stated``: printed by the source (a byline date, "Published ...");
#: ``event``: a weekday or "yesterday" in the sentence, resolved against a stated date;
#: ``inferred``: derived from other evidence (another source, a dated related item);
#: ``unknown``: no trustworthy date.
DateBasis = Literal["stated", "event", "inferred", "unknown"]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True, slots=True, kw_only=True)
class DatedPassage:
    """A passage printed with its own date (a related-links teaser, a photo caption)."""

    date: dt.date
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input document.

    ``published`` is timezone-aware when known; ``date_basis`` says where it came from.
    ``passages`` are dated passages found on the page outside the article body: they are
    evidence for dating, never summary material.
    """

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    published: dt.datetime | None = None
    date_basis: DateBasis = "unknown"
    passages: tuple[DatedPassage, ...] = ()

    def __post_init__(self) -> None:
        _require(bool(self.id), "Article.id must be a non-empty string.")
        _require(
            self.published is None or self.published.tzinfo is not None,
            f"Article {self.id!r}: 'published' must be timezone-aware.",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """A kept line of an article body after cleaning."""

    article_id: str
    index: int
    text: str
    tail: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of one article; ``position`` is its order within the article body."""

    article_id: str
    position: int
    paragraph: int
    text: str
    tail: bool = False

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that was not used, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefingItem:
    """One point of a briefing: a sentence, when it happened, and who reports it.

    ``sources`` are the outlets that report it, first reporter first; ``urls`` holds the
    address of each source's article where one is known ("" otherwise), aligned with
    ``sources``. ``rank`` is the order in which selection chose it (0 first): the most
    important point is not always the first in date order.
    """

    text: str
    date: dt.date | None
    date_basis: DateBasis
    sources: tuple[str, ...]
    article_id: str
    position: int
    score: float
    rank: int = 0
    urls: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(bool(self.sources), "BriefingItem.sources must not be empty.")
        _require(
            not self.urls or len(self.urls) == len(self.sources),
            "BriefingItem.urls must be empty or aligned with sources.",
        )
        _require(
            (self.date is None) == (self.date_basis == "unknown"),
            "BriefingItem.date must be None exactly when date_basis is 'unknown'.",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """A dated briefing: items in event order, the articles used and the inputs skipped."""

    title: str
    date: dt.date | None
    items: tuple[BriefingItem, ...]
    articles: tuple[Article, ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())

    @property
    def n_words(self) -> int:
        """Words in all items."""
        return sum(len(item.text.split()) for item in self.items)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventBriefing:
    """One event of a daily briefing: its headline, its summary and who covered it.

    ``texts`` counts independent texts (wire copies count once); ``outlets`` lists every
    source that published the story.
    """

    headline: str
    briefing: Briefing
    outlets: tuple[str, ...]
    texts: int
    importance: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DailyBriefing:
    """A day of news: the most important events, and how many active ones were left out."""

    title: str
    date: dt.date | None
    events: tuple[EventBriefing, ...]
    remaining: int
    articles: int
    skipped: tuple[Skipped, ...] = ()
