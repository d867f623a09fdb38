"""Immutable data passed between the pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .stories import StoryState

__all__ = [
    "Article",
    "Briefing",
    "BriefingItem",
    "DailyBriefing",
    "DateBasis",
    "DatedPassage",
    "EventBriefing",
    "EventStatus",
    "Paragraph",
    "PreviousDaily",
    "SeenEvent",
    "Sentence",
    "Skipped",
    "Timeline",
    "TimelineEntry",
]

#: How a date was obtained.
#: ``stated``: printed by the source (a byline date, "Published ...");
#: ``event``: a weekday or "yesterday" in the sentence, resolved against a stated date;
#: ``inferred``: derived from other evidence (another source, a dated related item);
#: ``unknown``: no trustworthy date.
DateBasis = Literal["stated", "event", "inferred", "unknown"]

#: How an event of a daily briefing compares with an earlier run (``--since``).
EventStatus = Literal["new", "updated", "unchanged"]


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
    evidence for dating, never summary material. ``source`` is the outlet (site name, URL
    domain, a record's ``source``); ``outlet_known`` is false when nothing names it and
    ``source`` is only the file name.
    """

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    published: dt.datetime | None = None
    date_basis: DateBasis = "unknown"
    passages: tuple[DatedPassage, ...] = ()
    outlet_known: bool = True

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
    important point is not always the first in date order. ``context`` marks earlier
    background in a daily briefing, as opposed to the day's news.
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
    context: bool = False

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

    ``texts`` counts the day's independent texts (wire copies count once); ``outlets``
    lists the outlets known to have published the story that day; ``importance`` is the
    number of them with a text of their own. ``story_id`` is stable from day to day;
    ``status`` says how the event compares with an earlier run (None without one);
    ``articles`` are the ids of the story's articles up to the day.
    """

    headline: str
    briefing: Briefing
    outlets: tuple[str, ...]
    texts: int
    importance: float
    story_id: str = ""
    status: EventStatus | None = None
    first: dt.date | None = None
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SeenEvent:
    """What the reader of earlier daily briefings was shown of a story: the articles it
    had and the text of the points shown."""

    story_id: str
    articles: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PreviousDaily:
    """An earlier daily run, for ``--since``: its day, its stories and what it showed."""

    date: dt.date | None
    state: StoryState
    seen: tuple[SeenEvent, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DailyBriefing:
    """A day of news: the most important events, and how many active ones were left out.

    ``since`` is the day of the earlier run compared with (``--since``), ``unchanged``
    the number of its events left out because nothing was added to them. ``state`` and
    ``seen`` are what a later run needs to carry on (saved in the JSON output).
    """

    title: str
    date: dt.date | None
    events: tuple[EventBriefing, ...]
    remaining: int
    articles: int
    skipped: tuple[Skipped, ...] = ()
    since: dt.date | None = None
    unchanged: int = 0
    state: StoryState | None = None
    seen: tuple[SeenEvent, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One date of a timeline: what happened then, and why the date was chosen.

    ``items`` are its sentences (each with its sources), in the order the story
    unfolded. ``importance`` is the date's score: ``published`` independent texts that
    day, plus the weighted texts that state the date (``recalled`` of them published
    later, looking back at it). ``rank`` is its place in the order of importance (0 for
    the most important date). ``date_basis`` is ``inferred`` when every sentence of the
    date was dated from other sources' evidence.
    """

    date: dt.date
    date_basis: DateBasis
    items: tuple[BriefingItem, ...]
    importance: float
    published: int
    recalled: int
    rank: int

    def __post_init__(self) -> None:
        _require(bool(self.items), "TimelineEntry.items must not be empty.")
        _require(self.date_basis != "unknown", "TimelineEntry.date_basis must be known.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """The timeline of a long-running story: its dates in order, each with the sentences
    that say what happened then.

    ``start`` and ``end`` are the window the dates were chosen from; ``articles`` the
    articles read (after ``story`` or ``query`` chose them); ``candidates`` the number
    of dates the articles speak of in the window. ``topics`` is the number of topics the
    input held when the timeline is of the largest one (0 when it is of all articles
    or of a named story or query), ``given`` the number of articles given then.
    """

    title: str
    start: dt.date | None
    end: dt.date | None
    entries: tuple[TimelineEntry, ...]
    articles: tuple[Article, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    candidates: int = 0
    story: str | None = None
    query: str | None = None
    topics: int = 0
    given: int = 0

    def __post_init__(self) -> None:
        dates = [entry.date for entry in self.entries]
        _require(dates == sorted(set(dates)), "Timeline.entries must have increasing dates.")
