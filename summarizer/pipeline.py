"""summarize(): the order of the stages, nothing else."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .briefing import assemble_briefing
from .clean import clean_article, off_topic_rows
from .cluster import Clusters, cluster_sentences
from .concepts import BigramAnalyzer, ConceptMatrix, concept_matrix
from .config import BriefingConfig, SummarizerConfig
from .copies import wire_copies
from .dates import SentenceDate, date_article, resolve_dates
from .errors import ConfigError, EmptyInputError
from .events import day_events, day_items, event_status, independent_texts, seen_after
from .graph import similarity_graph
from .rank import rank_sentences
from .screens import standalone_reason
from .select import select_sentences
from .split import split_sentences
from .stories import Grouping, StoryState, group_stories
from .timeline import (
    DateScore,
    assemble_timeline,
    date_rows,
    matching_articles,
    rank_dates,
    text_dates,
    timeline_title,
    window,
)
from .topics import topics
from .types import (
    Article,
    Briefing,
    BriefingItem,
    DailyBriefing,
    EventBriefing,
    PreviousDaily,
    Skipped,
    Timeline,
)
from .vectorize import SentenceMatrix, content_terms, subset, transform, vectorize

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "Analysis",
    "Prepared",
    "analyse",
    "choose",
    "group_stream",
    "prepare",
    "summarize",
    "summarize_day",
    "summarize_timeline",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Prepared:
    """A batch read for summarising: the articles, one per independent text (``texts``;
    ``copies`` maps each to all its wire copies), the kept sentences with their TF-IDF
    rows and the event date of each sentence."""

    articles: tuple[Article, ...]
    texts: tuple[Article, ...]
    copies: Mapping[str, tuple[Article, ...]]
    matrix: SentenceMatrix
    dates: tuple[SentenceDate, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """What the stages before ranking make of a batch: the articles, one per independent
    text (``texts``; ``copies`` maps each to all its wire copies), the kept sentences with
    their TF-IDF rows, the similarity graph, the sentence clusters, the event dates, the
    concepts of every sentence and why each cannot stand on its own (None when it can)."""

    articles: tuple[Article, ...]
    texts: tuple[Article, ...]
    copies: Mapping[str, tuple[Article, ...]]
    matrix: SentenceMatrix
    graph: csr_matrix
    clusters: Clusters
    dates: tuple[SentenceDate, ...]
    concepts: ConceptMatrix
    screened: tuple[str | None, ...]


def analyse(
    articles: Sequence[Article],
    config: SummarizerConfig,
    *,
    today: dt.date | None = None,
    group_copies: bool = True,
) -> Analysis:
    """The stages up to ranking: dating, wire copies (unless the caller grouped them),
    cleaning, splitting, vectorising, event dates, the similarity graph, clustering,
    concepts and sentence screens."""
    ready = prepare(articles, config, today=today, group_copies=group_copies)
    matrix = ready.matrix
    graph = similarity_graph(matrix.vectors, config.graph)
    clusters = cluster_sentences(matrix.sentences, graph, config.cluster)
    concepts = concept_matrix(matrix.sentences, min_texts=config.select.min_concept_texts)
    return Analysis(
        articles=ready.articles,
        texts=ready.texts,
        copies=ready.copies,
        matrix=matrix,
        graph=graph,
        clusters=clusters,
        dates=ready.dates,
        concepts=concepts,
        screened=tuple(standalone_reason(s.text) for s in matrix.sentences),
    )


def prepare(
    articles: Sequence[Article],
    config: SummarizerConfig,
    *,
    today: dt.date | None = None,
    group_copies: bool = True,
    month_days: bool = False,
) -> Prepared:
    """The stages every summary starts with: dating, wire copies (unless the caller
    grouped them), cleaning, splitting, vectorising, dropping off-topic sentences, and
    the event date of each sentence (``month_days``: "on April 20" dates a sentence too).
    """
    reference = config.briefing.date or today  # dates after it are not trusted
    if not articles:
        raise EmptyInputError("no articles to summarise")
    dated = sorted((date_article(a, today=reference) for a in articles), key=lambda a: a.id)
    copies: dict[str, tuple[Article, ...]] = {}
    texts = dated
    if group_copies:
        found = wire_copies(dated, config.events.duplicate)
        texts = [_dated_like_copies(a, found.members[a.id], dated) for a in found.texts]
        by_id = {a.id: a for a in dated}
        copies = {a.id: tuple(by_id[m] for m in found.members[a.id]) for a in texts}
    paragraphs = [p for a in texts for p in clean_article(a, config.clean)]
    sentences = split_sentences(paragraphs, config.split)
    matrix = vectorize(sentences, config.vectorize)
    tails = np.array([s.tail for s in matrix.sentences], dtype=bool)
    off_topic = off_topic_rows(matrix.vectors, tails, config.clean, content=content_terms(matrix))
    matrix = subset(matrix, ~off_topic)
    if not matrix.sentences:
        raise EmptyInputError("no article text left after removing boilerplate")
    passages = transform(matrix, [p.text for a in texts for p in a.passages])
    dates = resolve_dates(texts, matrix.sentences, matrix.vectors, passages, month_days=month_days)
    return Prepared(
        articles=tuple(dated),
        texts=tuple(texts),
        copies=copies,
        matrix=matrix,
        dates=dates,
    )


def summarize(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    today: dt.date | None = None,
    credits: Mapping[str, Sequence[str]] | None = None,
) -> Briefing:
    """Summarise articles about one event into a dated Briefing.

    ``today`` is the caller's clock: publication dates after it (or after the briefing
    date, when the config sets one) are treated as unknown. The library never reads the
    clock itself. ``credits`` (article id -> outlet names) is for callers that have
    grouped wire copies themselves; otherwise they are found here.

    Examples
    --------
    >>> from summarizer import load_paths, summarize, render
    >>> result = load_paths(["samples/al-qaim-2017"])  # doctest: +SKIP
    >>> print(render(summarize(result.articles), "text"))  # doctest: +SKIP
    """
    config = config or SummarizerConfig()
    found = analyse(articles, config, today=today, group_copies=credits is None)
    rows, scores = choose(found, config)
    return assemble_briefing(
        found.articles,
        found.matrix,
        rows,
        scores,
        found.clusters,
        found.dates,
        config.briefing,
        skipped=skipped,
        copies=found.copies,
        credits=credits,
    )


def choose(
    found: Analysis, config: SummarizerConfig
) -> tuple[tuple[int, ...], NDArray[np.float64]]:
    """Ranking and selection: the chosen rows, in the order chosen, and every score."""
    matrix = found.matrix
    scores = rank_sentences(matrix.sentences, found.graph, config.rank)
    rows = select_sentences(
        matrix,
        scores,
        found.clusters,
        found.dates,
        config.select,
        concepts=found.concepts.weighted(config.select.min_concept_texts),
        screened=found.screened,
    )
    return rows, scores


def _dated_like_copies(
    lead: Article, members: Sequence[str], articles: Sequence[Article]
) -> Article:
    """An undated representative of wire copies takes the earliest date of a copy."""
    if lead.published is not None:
        return lead
    dated = [a for a in articles if a.id in members and a.published is not None]
    if not dated:
        return lead
    first = min(dated, key=lambda a: (a.published, a.id))
    return replace(lead, published=first.published, date_basis=first.date_basis)


def group_stream(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    today: dt.date | None = None,
    state: StoryState | None = None,
) -> tuple[Grouping, tuple[Article, ...]]:
    """A stream of articles -> its stories and their threads (continuing ``state`` when
    given), and the articles as grouped: publication dates completed from their text,
    those after ``config.briefing.date`` (if set) left out."""
    config = config or SummarizerConfig()
    # Dates are checked against the clock: an article after the day is left out below,
    # not kept as undated.
    dated = [date_article(a, today=today) for a in articles]
    day = config.briefing.date
    kept = tuple(
        a for a in dated if day is None or a.published is None or a.published.date() <= day
    )
    return group_stories(kept, config.events, state=state, threads=config.threads), kept


def _summarise_event(
    task: tuple[
        list[Article],
        dict[str, list[str]],
        list[Article],
        dict[str, list[str]],
        SummarizerConfig,
        SummarizerConfig,
        dt.date | None,
    ],
) -> tuple[Briefing, Briefing | None]:
    """The day's news of one event, and its earlier background (None without one)."""
    texts, credits, background, background_credits, config, context_config, today = task

    def brief(chosen: list[Article], who: dict[str, list[str]], cfg: SummarizerConfig) -> Briefing:
        try:
            return summarize(chosen, cfg, credits=who, today=today)
        except EmptyInputError:  # only boilerplate: the event is shown without points
            return Briefing(title="", date=cfg.briefing.date, items=())

    main = brief(texts, credits, config)
    context = brief(background, background_credits, context_config) if background else None
    return main, context


def summarize_day(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    today: dt.date | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    previous: PreviousDaily | None = None,
    show_unchanged: bool = False,
) -> DailyBriefing:
    """A daily briefing: the day's most important events, each summarised.

    The day is ``config.briefing.date``, else the latest publication date (not after
    ``today``). Articles published after the day are left out. The articles are grouped
    into stories (continuing the stories of ``previous``, an earlier run, when given);
    an event is shown when its story has articles that day, most independent outlets
    first. Its points are the day's news (the day's articles summarised, wire copies once
    with every outlet credited), newest first, then earlier background marked as
    context; no point is dated after the day. With ``previous``, each event is new,
    updated (only points not shown before are kept) or unchanged (left out unless
    ``show_unchanged``). With ``jobs > 1`` events are summarised in that many processes,
    with the same result. ``progress(done, total, label)`` is called as events are
    summarised.
    """
    config = config or SummarizerConfig()
    if not articles:
        raise EmptyInputError("no articles to summarise")
    # Dates are checked against the clock here: an article after the chosen day is left
    # out below, not kept as undated.
    dated = [date_article(a, today=today) for a in articles]
    days = [a.published.date() for a in dated if a.published is not None]
    day = config.briefing.date or (max(days) if days else None)
    kept = [a for a in dated if day is None or a.published is None or a.published.date() <= day]
    grouping = group_stories(
        kept,
        config.events,
        state=previous.state if previous else None,
        threads=config.threads,
    )
    events = day_events(grouping, kept, config.events, day=day)
    active = [e for e in events if e.day_articles]
    if not active:
        span = (
            f"the dated articles run from {min(days)} to {max(days)}"
            if days
            else "no article has a date"
        )
        raise EmptyInputError(f"no articles published on {day} ({span})")
    seen = {s.story_id: s for s in previous.seen} if previous else {}
    status = {e.id: event_status(e, seen) for e in active} if previous else {}
    unchanged = [e for e in active if status.get(e.id) == "unchanged"]
    listed = [e for e in active if show_unchanged or status.get(e.id) != "unchanged"]
    shown = listed[: config.events.max_events]
    event_config = config.with_options(
        select={"max_words": config.events.max_words_per_event},
        briefing={"title": None, "date": day},
    )
    # Background is chosen among all the event's texts (so that it is about what the
    # day's articles report), then only points of earlier articles are kept.
    context_config = event_config.with_options(
        select={"max_words": config.events.max_words_per_event + config.events.context_words}
    )
    tasks = []
    for event in shown:
        texts, credits = independent_texts(event, event.day_articles)
        earlier = len(event.articles) > len(event.day_articles)
        background, background_credits = (
            independent_texts(event) if earlier and config.events.context_words > 0 else ((), {})
        )
        tasks.append(
            (
                list(texts),
                credits,
                list(background),
                background_credits,
                event_config,
                context_config,
                today,
            )
        )
    results: list[tuple[Briefing, Briefing | None]] = []
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(tasks), os.cpu_count() or 1)  # never more than the work
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(_summarise_event, tasks):
                results.append(result)
                if progress:
                    progress(len(results), len(tasks), "summarising events")
    else:
        for task in tasks:
            results.append(_summarise_event(task))
            if progress:
                progress(len(results), len(tasks), "summarising events")
    briefings = []
    for event, (main, context) in zip(shown, results, strict=True):
        updated = status.get(event.id) == "updated"
        shown_before = seen[event.id].items if updated else ()
        briefings.append(
            EventBriefing(
                headline=event.headline,
                briefing=day_items(
                    main,
                    context,
                    day,
                    shown_before=shown_before,
                    context_words=config.events.context_words,
                ),
                outlets=event.outlets,
                texts=event.texts,
                importance=event.importance,
                story_id=event.id,
                status=status.get(event.id),
                first=event.first,
                articles=tuple(a.id for a in event.articles),
            )
        )
    return DailyBriefing(
        title=config.briefing.title or "Daily briefing",
        date=day,
        events=tuple(briefings),
        remaining=len(listed) - len(shown),
        articles=len(kept),
        skipped=tuple(skipped),
        since=previous.date if previous else None,
        unchanged=len(unchanged) if not show_unchanged else 0,
        state=grouping.state,
        seen=seen_after(previous.seen if previous else (), briefings, grouping.state),
    )


def summarize_timeline(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    today: dt.date | None = None,
) -> Timeline:
    """The timeline of a long-running story: its most important dates, each with the
    sentences that say what happened then, every sentence with its sources.

    Settings are ``config.timeline`` (how many dates and sentences, the window, the
    story or query that chooses the articles, how much a look back counts) and the
    sentence settings of ``config.select``. The articles are those of
    ``config.timeline.story`` (a story id of :func:`group_stream`) or with every word of
    ``config.timeline.query``, else all; with a window, only those published in it.
    Dates are ranked (:func:`summarizer.timeline.rank_dates`); then, most important
    first, each date's sentences are ranked by TextRank among themselves and chosen by
    concept coverage with the sentence screens, leaving out any sentence similar to one
    already shown on another date or that adds no fact not already shown, until
    ``config.timeline.dates`` dates have sentences.

    Examples
    --------
    >>> from summarizer import load_paths, summarize_timeline, render
    >>> result = load_paths(["samples/al-qaim-2017"])  # doctest: +SKIP
    >>> print(render(summarize_timeline(result.articles), "text"))  # doctest: +SKIP
    """
    config = config or SummarizerConfig()
    settings = config.timeline
    if not articles:
        raise EmptyInputError("no articles to summarise")
    chosen = [date_article(a, today=today) for a in articles]
    given, topics = len(chosen), 0
    if settings.story is not None:
        chosen = list(_story_articles(chosen, settings.story, config, today=today))
    elif settings.query is None and not settings.all_articles:
        found = _largest_topic(chosen, config, today=today)
        if len(found) > 1 and len(found[0]) * 2 < given:  # mixed stories: the largest
            members = set(found[0])
            chosen = [a for a in chosen if a.id in members]
            topics = len(found)
    if settings.query is not None:
        chosen = list(matching_articles(chosen, settings.query))
        if not chosen:
            raise EmptyInputError(
                f"no article has every word of the query {settings.query!r} in its title or text"
            )
    windowed = settings.start is not None or settings.end is not None
    kept = [a for a in chosen if not windowed or _in_window(a, settings.start, settings.end)]
    if not kept:
        days = sorted(a.published.date() for a in chosen if a.published is not None)
        span = f"the articles run from {days[0]} to {days[-1]}" if days else "none has a date"
        raise EmptyInputError(
            f"no article published from {settings.start or 'the first'} to "
            f"{settings.end or 'the last'} ({span})"
        )
    ready = prepare(kept, config, today=today, month_days=True)
    timeline = _timeline(ready, config, skipped=skipped)
    return replace(timeline, topics=topics, given=given) if topics else timeline


def _largest_topic(
    articles: Sequence[Article], config: SummarizerConfig, *, today: dt.date | None
) -> tuple[tuple[str, ...], ...]:
    """The topics of the articles (:func:`summarizer.topics.topics` over the threads of
    :func:`group_stream`), the largest first."""
    grouping, _ = group_stream(articles, config, today=today)
    return topics(grouping, config.timeline.topic_threshold)


def _timeline(
    ready: Prepared, config: SummarizerConfig, *, skipped: Sequence[Skipped] = ()
) -> Timeline:
    """Date ranking, then each date's sentences, most important date first."""
    settings = config.timeline
    texts = text_dates(ready.texts, ready.matrix, ready.dates)
    start, end = window(texts, settings.start, settings.end)
    ranked = rank_dates(texts, lookback=settings.lookback, start=start, end=end)
    published = {a.id: a.published.date() if a.published else None for a in ready.texts}
    rows_of = date_rows(
        ready.matrix.sentences,
        ready.dates,
        published,
        lead_sentences=settings.lead_sentences,
    )
    picked: list[tuple[DateScore, int, tuple[BriefingItem, ...]]] = []
    shown: list[int] = []
    covered: set[str] = set()
    bigrams = BigramAnalyzer()  # shared by the dates: each word is stemmed once
    for rank, score in enumerate(ranked):
        if len(picked) >= settings.dates:
            break
        rows, items = _choose_for_date(
            ready, score.date, rows_of.get(score.date, []), shown, covered, config, bigrams
        )
        if items:
            picked.append((score, rank, items))
            shown.extend(rows)
    if not picked:
        raise EmptyInputError(
            f"no date to show: {len(ranked)} date(s) from {start} to {end}, but no "
            "sentence of theirs can stand on its own in a timeline"
        )
    return assemble_timeline(
        picked,
        title=config.briefing.title or timeline_title(ready.texts, ready.matrix, shown),
        start=start,
        end=end,
        articles=ready.articles,
        candidates=len(ranked),
        skipped=skipped,
        story=settings.story,
        query=settings.query,
    )


def _in_window(article: Article, start: dt.date | None, end: dt.date | None) -> bool:
    """Published in the window (an article without a date is not known to be)."""
    if article.published is None:
        return False
    day = article.published.date()
    return (start is None or day >= start) and (end is None or day <= end)


def _story_articles(
    articles: Sequence[Article], story: str, config: SummarizerConfig, *, today: dt.date | None
) -> tuple[Article, ...]:
    """The articles of one story of :func:`group_stream` (the ids of ``summarizer
    events``)."""
    grouping, kept = group_stream(articles, config, today=today)
    found = next((s for s in grouping.stories if s.id == story), None)
    if found is None:
        close = sorted(s.id for s in grouping.stories)[:3]
        raise ConfigError(
            f"no story {story!r} among the {len(grouping.stories)} stories of these articles "
            f"(e.g. {', '.join(close)}); `summarizer events` lists their ids"
        )
    members = {m.id for m in found.members}
    return tuple(a for a in kept if a.id in members)


def _corroborated_leads(
    ready: Prepared, day: dt.date, rows: Sequence[int], min_similarity: float
) -> list[int]:
    """The date's rows, without the next day's leads that are not similar (at least
    ``min_similarity``, an edge of the similarity graph) to any sentence that reports the
    date itself: a lead of the next day tells this day only if this day's own reports
    bear it out (all are kept when the day has no report of its own)."""
    own = [i for i in rows if ready.dates[i].date == day]
    leads = [i for i in rows if ready.dates[i].date != day]
    if not own or not leads:
        return list(rows)
    vectors = ready.matrix.vectors
    sims = (vectors[leads] @ vectors[own].T).tocsr()
    most = np.asarray(sims.max(axis=1).toarray()).ravel()
    kept = {i for i, sim in zip(leads, most, strict=True) if sim >= min_similarity}
    return [i for i in rows if i in kept or ready.dates[i].date == day]


def _choose_for_date(
    ready: Prepared,
    day: dt.date,
    rows: Sequence[int],
    shown: Sequence[int],
    covered: set[str],
    config: SummarizerConfig,
    bigrams: BigramAnalyzer,
) -> tuple[list[int], tuple[BriefingItem, ...]]:
    """A date's sentences: among its rows, those not similar to a sentence ``shown`` on
    another date, ranked by TextRank among themselves and chosen by the concepts they
    add (concepts ``covered`` on other dates count for nothing), screened as for a
    briefing. Returns the chosen rows and their items (none when the date adds nothing).
    Adds the chosen sentences' concepts to ``covered``."""
    matrix = ready.matrix
    select = config.select
    if rows and shown:
        sims = (matrix.vectors[list(rows)] @ matrix.vectors[list(shown)].T).tocsr()
        most = np.asarray(sims.max(axis=1).toarray()).ravel()
        rows = [row for row, sim in zip(rows, most, strict=True) if sim <= select.redundancy]
    rows = _corroborated_leads(ready, day, rows, config.graph.min_similarity)
    if not rows:
        return [], ()
    sub = SentenceMatrix(
        sentences=tuple(matrix.sentences[i] for i in rows),
        vectors=matrix.vectors[list(rows)],
        vectorizer=matrix.vectorizer,
    )
    concepts = concept_matrix(
        sub.sentences, min_texts=select.min_concept_texts, analyzer=bigrams
    ).weighted(select.min_concept_texts)
    if covered and concepts.names:
        seen = np.fromiter((name in covered for name in concepts.names), dtype=bool)
        if concepts.weights.any() and not concepts.weights[~seen].any():
            return [], ()  # every fact of the day was told on another date
        concepts = replace(concepts, weights=np.where(seen, 0.0, concepts.weights))
    graph = similarity_graph(sub.vectors, config.graph)
    clusters = cluster_sentences(sub.sentences, graph, config.cluster)
    scores = rank_sentences(sub.sentences, graph, config.rank)
    k = config.timeline.sentences
    chosen = select_sentences(
        sub,
        scores,
        clusters,
        None,
        replace(
            select,
            max_sentences=k,
            max_words=k * select.max_sentence_words,
            timeline_dates=0,
            overflow=False,
        ),
        concepts=concepts,
        screened=[standalone_reason(s.text) for s in sub.sentences],
    )
    if not chosen:
        return [], ()
    for i in chosen:
        start, end = concepts.incidence.indptr[i], concepts.incidence.indptr[i + 1]
        covered.update(concepts.names[c] for c in concepts.incidence.indices[start:end])
    briefing = assemble_briefing(
        ready.texts,
        sub,
        chosen,
        scores,
        clusters,
        [ready.dates[i] for i in rows],
        BriefingConfig(title="timeline", date=day),
        copies=ready.copies,
    )
    return [rows[i] for i in chosen], briefing.items
