"""summarize(): the order of the stages, nothing else."""

from __future__ import annotations

import datetime as dt
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
from .events import group_events, independent_texts
from .graph import similarity_graph
from .rank import rank_sentences
from .screens import standalone_reason
from .select import select_sentences
from .split import split_sentences
from .types import Article, Briefing, DailyBriefing, EventBriefing, Skipped
from .vectorize import SentenceMatrix, content_terms, subset, transform, vectorize

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = ["Analysis", "analyse", "choose", "summarize", "summarize_day"]


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

        with ProcessPoolExecutor(max_workers=jobs) as pool:
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
