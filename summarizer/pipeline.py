"""summarize(): the order of the stages, nothing else."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .briefing import assemble_briefing
from .clean import clean_article, off_topic_rows
from .cluster import cluster_sentences
from .config import SummarizerConfig
from .dates import date_article, resolve_dates
from .errors import EmptyInputError
from .events import group_events, independent_texts
from .graph import similarity_graph
from .rank import rank_sentences
from .select import select_sentences
from .split import split_sentences
from .types import Article, Briefing, DailyBriefing, EventBriefing, Skipped
from .vectorize import subset, transform, vectorize

__all__ = ["summarize", "summarize_day"]


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
    clock itself.

    Examples
    --------
    >>> from summarizer import load_paths, summarize, render
    >>> result = load_paths(["samples/al-qaim-2017"])  # doctest: +SKIP
    >>> print(render(summarize(result.articles), "text"))  # doctest: +SKIP
    """
    config = config or SummarizerConfig()
    reference = config.briefing.date or today  # dates after it are not trusted
    if not articles:
        raise EmptyInputError("no articles to summarise")
    articles = sorted((date_article(a, today=reference) for a in articles), key=lambda a: a.id)
    paragraphs = [p for a in articles for p in clean_article(a, config.clean)]
    sentences = split_sentences(paragraphs, config.split)
    matrix = vectorize(sentences, config.vectorize)
    tails = np.array([s.tail for s in matrix.sentences], dtype=bool)
    matrix = subset(matrix, ~off_topic_rows(matrix.vectors, tails, config.clean))
    if not matrix.sentences:
        raise EmptyInputError("no article text left after removing boilerplate")
    graph = similarity_graph(matrix.vectors, config.graph)
    clusters = cluster_sentences(matrix.sentences, graph, config.cluster)
    scores = rank_sentences(matrix.sentences, matrix.vectors, graph, clusters, config.rank)
    passages = transform(matrix, [p.text for a in articles for p in a.passages])
    dates = resolve_dates(articles, matrix.sentences, matrix.vectors, passages)
    rows = select_sentences(matrix, scores, clusters, dates, config.select)
    return assemble_briefing(
        articles,
        matrix,
        rows,
        scores,
        clusters,
        dates,
        config.briefing,
        skipped=skipped,
        credits=credits,
    )


def _summarise_event(
    task: tuple[list[Article], SummarizerConfig, dict[str, list[str]], dt.date | None],
) -> Briefing:
    articles, config, credits, today = task
    return summarize(articles, config, credits=credits, today=today)


def summarize_day(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    today: dt.date | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> DailyBriefing:
    """A daily briefing: the day's most important events, each summarised.

    The day is ``config.briefing.date``, else the latest publication date (not after
    ``today``). Articles published after the day are left out; an event is shown only if
    it has an article from that day, older and undated articles giving it context. Wire copies are
    summarised once and every outlet is credited. With ``jobs > 1`` events are summarised
    in that many processes, with the same result. ``progress(done, total, label)`` is
    called as events are summarised.
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
    events = group_events(kept, config.events, day=day)
    active = [e for e in events if day is None or e.latest == day]
    if not active:
        span = (
            f"the dated articles run from {min(days)} to {max(days)}"
            if days
            else "no article has a date"
        )
        raise EmptyInputError(f"no articles published on {day} ({span})")
    shown = active[: config.events.max_events]
    event_config = config.with_options(
        select={"max_words": config.events.max_words_per_event}, briefing={"title": None}
    )
    tasks = []
    for event in shown:
        texts, credits = independent_texts(event)
        tasks.append((list(texts), event_config, credits, today))
    briefings: list[Briefing] = []
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(tasks), os.cpu_count() or 1)  # never more than the work
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for briefing in pool.map(_summarise_event, tasks):
                briefings.append(briefing)
                if progress:
                    progress(len(briefings), len(tasks), "summarising events")
    else:
        for task in tasks:
            briefings.append(_summarise_event(task))
            if progress:
                progress(len(briefings), len(tasks), "summarising events")
    return DailyBriefing(
        title=config.briefing.title or "Daily briefing",
        date=day,
        events=tuple(
            EventBriefing(
                headline=event.headline,
                briefing=briefing,
                outlets=tuple(sorted({a.source for a in event.articles})),
                texts=event.texts,
                importance=event.importance,
            )
            for event, briefing in zip(shown, briefings, strict=True)
        ),
        remaining=len(active) - len(shown),
        articles=len(kept),
        skipped=tuple(skipped),
    )
