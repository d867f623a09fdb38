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
from .concepts import ConceptMatrix, concept_matrix
from .config import SummarizerConfig
from .copies import wire_copies
from .dates import SentenceDate, date_article, resolve_dates
from .errors import EmptyInputError
from .events import day_events, day_items, event_status, independent_texts, seen_after
from .graph import similarity_graph
from .rank import rank_sentences
from .screens import standalone_reason
from .select import select_sentences
from .split import split_sentences
from .stories import Grouping, StoryState, group_stories
from .types import Article, Briefing, DailyBriefing, EventBriefing, PreviousDaily, Skipped
from .vectorize import SentenceMatrix, content_terms, subset, transform, vectorize

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = ["Analysis", "analyse", "choose", "group_stream", "summarize", "summarize_day"]


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
    cleaning, splitting, vectorising, the similarity graph, clustering, event dates."""
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
    graph = similarity_graph(matrix.vectors, config.graph)
    clusters = cluster_sentences(matrix.sentences, graph, config.cluster)
    passages = transform(matrix, [p.text for a in texts for p in a.passages])
    dates = resolve_dates(texts, matrix.sentences, matrix.vectors, passages)
    concepts = concept_matrix(matrix.sentences, min_texts=config.select.min_concept_texts)
    return Analysis(
        articles=tuple(dated),
        texts=tuple(texts),
        copies=copies,
        matrix=matrix,
        graph=graph,
        clusters=clusters,
        dates=dates,
        concepts=concepts,
        screened=tuple(standalone_reason(s.text) for s in matrix.sentences),
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
