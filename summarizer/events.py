"""Stories -> the events of a day, for daily briefings.

An event is a story (:mod:`summarizer.stories`) seen from one day: the articles it has
up to that day, which of them are that day's, the wire copies among them (near-duplicate
texts that count as one text, every outlet that ran them credited), its headline that day
and how many independent outlets covered it that day, which is what orders a briefing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .clean import strip_dateline
from .config import EventConfig, GraphConfig, VectorizeConfig
from .errors import InputError
from .graph import similarity_graph
from .stories import Grouping, StoryState, group_stories, read_json_file, state_in
from .titles import clean_headline, is_headline
from .types import (
    Article,
    Briefing,
    BriefingItem,
    EventBriefing,
    EventStatus,
    PreviousDaily,
    SeenEvent,
)
from .vectorize import vectorize_texts

if TYPE_CHECKING:
    from pathlib import Path

    from scipy.sparse import csr_matrix

__all__ = [
    "Event",
    "day_events",
    "day_items",
    "event_status",
    "group_events",
    "independent_texts",
    "read_previous",
    "seen_after",
    "story_titles",
]

#: A fallback headline made from an article's first sentence has at most this many words.
_FALLBACK_WORDS = 16
#: A background point sharing this share of its words with a point of the day repeats it.
_REPEAT = 0.7


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One story as seen on a day.

    ``articles``: the story's articles given (by date, then id); ``day_articles``: the ids
    of those published on the day (all of them when there is no day). ``copies`` groups
    article ids whose texts are near-duplicates. ``texts`` counts the independent texts of
    the day, ``outlets`` names the outlets known to have published the day's articles, and
    ``importance`` is the number of those outlets with a text of their own.
    """

    id: str
    articles: tuple[Article, ...]
    day_articles: tuple[str, ...]
    copies: tuple[tuple[str, ...], ...]
    headline: str
    first: dt.date | None
    latest: dt.date | None
    texts: int
    outlets: tuple[str, ...]
    importance: float


def group_events(
    articles: Sequence[Article],
    config: EventConfig | None = None,
    *,
    day: dt.date | None = None,
    state: StoryState | None = None,
) -> tuple[Event, ...]:
    """Group articles into stories and return them as events of ``day``, most covered
    that day first (stories without an article that day come after them).

    Examples
    --------
    >>> import datetime as dt
    >>> from summarizer.types import Article
    >>> day = dt.datetime(2021, 9, 1, tzinfo=dt.UTC)
    >>> def a(i, text, source):
    ...     return Article(id=i, title=text, text=text, source=source, published=day)
    >>> events = group_events([a("1", "Storm floods coast homes", "AP"),
    ...                        a("2", "Storm floods homes on the coast", "Reuters"),
    ...                        a("3", "Parliament passes budget law", "AP")])
    >>> [([x.id for x in e.articles], e.outlets) for e in events]
    [(['1', '2'], ('AP', 'Reuters')), (['3'], ('AP',))]
    """
    config = config or EventConfig()
    return day_events(group_stories(articles, config, state=state), articles, config, day=day)


def day_events(
    grouping: Grouping,
    articles: Sequence[Article],
    config: EventConfig | None = None,
    *,
    day: dt.date | None = None,
) -> tuple[Event, ...]:
    """The stories of ``grouping`` that hold some of ``articles``, as events of ``day``.

    Ordered by the number of independent outlets that covered the story on the day, then
    independent texts, then articles that day, then the newest first, then story id.
    """
    config = config or EventConfig()
    by_id = {a.id: a for a in articles}
    members: dict[str, list[Article]] = {}
    for article_id, story_id in grouping.assignment:
        if article_id in by_id:
            members.setdefault(story_id, []).append(by_id[article_id])
    events = []
    for story in grouping.stories:
        group = sorted(
            members.get(story.id, []),
            key=lambda a: (a.published is None, _day(a) or dt.date.min, a.id),
        )
        if group:
            events.append(_event(story.id, group, day, config))
    events.sort(key=_order)
    return tuple(events)


def story_titles(
    grouping: Grouping, articles: Sequence[Article], config: EventConfig | None = None
) -> dict[str, str]:
    """Each story's title: the headline of its most central article on its last day
    (from the articles' text where given, else the best remembered title)."""
    config = config or EventConfig()
    by_id = {a.id: a for a in articles}
    titles = {}
    for story in grouping.stories:
        group = [by_id[m.id] for m in story.members if m.id in by_id]
        last = [a for a in group if _day(a) == story.last]
        if last:
            titles[story.id] = _event(story.id, last, story.last, config).headline
            continue
        remembered = [m for m in story.members if m.published == story.last] or list(story.members)
        cleaned = [clean_headline(m.title) for m in remembered]
        titles[story.id] = next((t for t in cleaned if t), remembered[0].title)
    return titles


def _order(event: Event) -> tuple[float, int, int, int, str]:
    return (
        -event.importance,
        -event.texts,
        -len(event.day_articles),
        -(event.latest or dt.date.min).toordinal(),
        event.id,
    )


def _day(article: Article) -> dt.date | None:
    return article.published.date() if article.published else None


def _event(story_id: str, group: list[Article], day: dt.date | None, config: EventConfig) -> Event:
    texts = [a.text if a.title == a.id else f"{a.title}\n{a.text}" for a in group]
    vectors = vectorize_texts(texts, VectorizeConfig(stem=True))
    graph = similarity_graph(vectors, GraphConfig(min_similarity=0.0, max_neighbors=None))
    copies = _copies(group, graph, config.duplicate)
    on_day = [i for i, a in enumerate(group) if day is None or _day(a) == day]
    day_ids = {group[i].id for i in on_day}
    centrality = np.asarray(graph.sum(axis=1)).ravel()
    leads = []  # one article per wire-copy group with an article that day
    for copy in copies:
        today = [i for i in copy if i in day_ids]
        if today:
            leads.append(today[0])
    by_id = {a.id: a for a in group}
    known = sorted({by_id[i].source for i in day_ids if by_id[i].outlet_known})
    independent = {by_id[i].source for i in leads if by_id[i].outlet_known}
    dates = [d for d in (_day(a) for a in group) if d is not None]
    return Event(
        id=story_id,
        articles=tuple(group),
        day_articles=tuple(sorted(day_ids)),
        copies=copies,
        headline=_headline(group, on_day or list(range(len(group))), centrality),
        first=min(dates) if dates else None,
        latest=max(dates) if dates else None,
        texts=len(leads),
        outlets=tuple(known),
        importance=float(len(independent)),
    )


def independent_texts(
    event: Event, ids: Sequence[str] | None = None
) -> tuple[tuple[Article, ...], dict[str, list[str]]]:
    """One article per wire-copy group (the fullest text) among the articles ``ids`` (all
    of the event's by default), and for each the outlets to credit: its own source first,
    then the others that ran the same text."""
    wanted = set(ids) if ids is not None else None
    by_id = {a.id: a for a in event.articles}
    chosen: list[Article] = []
    credits: dict[str, list[str]] = {}
    for group in event.copies:
        members = [by_id[i] for i in group if wanted is None or i in wanted]
        if not members:
            continue
        lead = min(members, key=lambda a: (-len(a.text), a.id))
        chosen.append(lead)
        credits[lead.id] = [lead.source, *sorted({m.source for m in members} - {lead.source})]
    return tuple(sorted(chosen, key=lambda a: a.id)), credits


def _copies(
    group: Sequence[Article], graph: csr_matrix, duplicate: float
) -> tuple[tuple[str, ...], ...]:
    """Near-duplicate groups (connected by similarity >= ``duplicate``)."""
    from scipy.sparse.csgraph import connected_components

    strong = graph.copy()
    strong.data[strong.data < duplicate] = 0.0
    strong.eliminate_zeros()
    _, labels = connected_components(strong, directed=False)
    groups: dict[int, list[str]] = {}
    for article, label in zip(group, labels, strict=True):
        groups.setdefault(int(label), []).append(article.id)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


def _headline(group: Sequence[Article], rows: Sequence[int], centrality: np.ndarray) -> str:
    """The cleaned headline of the most central article of the day that has one (never a
    caption, byline or disclaimer); else the first sentence of the most central article,
    without its wire dateline."""
    ranked = sorted(rows, key=lambda i: (-round(float(centrality[i]), 9), group[i].id))
    for i in ranked:
        article = group[i]
        if article.title and article.title != article.id and not article.title.endswith("…"):
            headline = clean_headline(strip_dateline(article.title))
            if headline:
                return headline
    for i in ranked:
        for line in group[i].text.splitlines():
            first = strip_dateline(line.strip()).split(". ")[0]
            words = first.split()
            if len(words) > _FALLBACK_WORDS:
                first = " ".join(words[:_FALLBACK_WORDS]) + " …"
            headline = clean_headline(first)
            if headline and is_headline(headline):
                return headline
    return group[ranked[0]].title


# --- the day's points and what changed since an earlier run ------------------------


def event_status(event: Event, seen: dict[str, SeenEvent]) -> EventStatus:
    """``new`` if the reader was never shown the story, ``updated`` if it has articles
    the reader was not shown, else ``unchanged``."""
    before = seen.get(event.id)
    if before is None:
        return "new"
    return "updated" if {a.id for a in event.articles} - set(before.articles) else "unchanged"


def _words(text: str) -> set[str]:
    return {w for w in (t.strip(".,;:!?\"'()“”‘’").lower() for t in text.split()) if w}


def _repeats(text: str, others: Sequence[str]) -> bool:
    words = _words(text)
    for other in others:
        theirs = _words(other)
        if words and theirs and len(words & theirs) >= _REPEAT * min(len(words), len(theirs)):
            return True
    return False


def day_items(
    main: Briefing,
    context: Briefing | None,
    day: dt.date | None,
    *,
    shown_before: Sequence[str] = (),
    context_words: int = 30,
) -> Briefing:
    """One event's points for ``day``: the day's news (``main``: the day's articles
    summarised) newest first, then background marked as context, newest first: points of
    the day's articles dated before the day before, and up to ``context_words`` words of points
    ``context`` (all the event's articles summarised) takes from articles other than the
    day's. Nothing dated after the day; no background point that repeats a point of the
    day; no point whose text is in ``shown_before``."""
    from dataclasses import replace

    def usable(item: BriefingItem) -> bool:
        late = day is not None and item.date is not None and item.date > day
        return not late and item.text not in shown_before

    # A day's article reports the day before too ("on Friday", published on Saturday);
    # what it says of earlier days is background.
    since = day - dt.timedelta(days=1) if day is not None else None
    items = [
        replace(item, context=since is not None and item.date is not None and item.date < since)
        for item in main.items
        if usable(item)
    ]
    news = [item.text for item in items]
    if context is not None:
        day_ids = {a.id for a in main.articles}
        budget = context_words
        for item in sorted(context.items, key=lambda it: it.rank):
            words = len(item.text.split())
            if item.article_id in day_ids or words > budget:
                continue
            if usable(item) and not _repeats(item.text, news):
                items.append(replace(item, context=True))
                budget -= words
    items.sort(
        key=lambda it: (
            it.context,
            it.date is None,
            -(it.date or dt.date.min).toordinal(),
            it.rank,
            it.article_id,
            it.position,
        )
    )
    return Briefing(
        title=main.title,
        date=day if day is not None else main.date,
        items=tuple(items),
        articles=(*main.articles, *(context.articles if context else ())),
    )


def seen_after(
    previous: Sequence[SeenEvent], shown: Sequence[EventBriefing], state: StoryState
) -> tuple[SeenEvent, ...]:
    """What the reader has been shown of the stories still open in ``state``, after a run
    that showed ``shown``."""
    open_ids = {story.id for story in state.stories}
    seen = {s.story_id: s for s in previous if s.story_id in open_ids}
    for event in shown:
        if event.story_id not in open_ids:
            continue
        before = seen.get(event.story_id)
        articles = sorted({*(before.articles if before else ()), *event.articles})
        items = list(before.items if before else ())
        items.extend(it.text for it in event.briefing.items if it.text not in items)
        seen[event.story_id] = SeenEvent(
            story_id=event.story_id, articles=tuple(articles), items=tuple(items)
        )
    return tuple(seen[k] for k in sorted(seen))


def read_previous(path: str | Path) -> PreviousDaily:
    """An earlier run for ``--since``: the JSON of ``summarizer daily -f json`` (its day,
    stories and what it showed), or of ``summarizer events -f json`` (stories only)."""
    doc = read_json_file(path)
    state = state_in(doc, path)
    seen = []
    try:
        if doc.get("kind") == "daily":
            for s in doc.get("seen", []):
                seen.append(
                    SeenEvent(
                        story_id=str(s["story_id"]),
                        articles=tuple(str(a) for a in s["articles"]),
                        items=tuple(str(t) for t in s["items"]),
                    )
                )
        day = doc.get("date") if doc.get("kind") in ("daily", "stories") else None
        date = dt.date.fromisoformat(day) if isinstance(day, str) else state.day
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(path, f"malformed 'seen' list in the daily JSON ({exc})") from None
    return PreviousDaily(date=date, state=state, seen=tuple(seen))
