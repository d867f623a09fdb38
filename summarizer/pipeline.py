"""summarize(): the order of the stages, nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from .briefing import assemble_briefing
from .clean import clean_article, off_topic_rows
from .cluster import cluster_sentences
from .config import SummarizerConfig
from .dates import date_article, resolve_dates
from .errors import EmptyInputError
from .graph import similarity_graph
from .rank import rank_sentences
from .select import select_sentences
from .split import split_sentences
from .types import Article, Briefing, Skipped
from .vectorize import subset, transform, vectorize

__all__ = ["summarize"]


def summarize(
    articles: Sequence[Article],
    config: SummarizerConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    today: dt.date | None = None,
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
        articles, matrix, rows, scores, clusters, dates, config.briefing, skipped=skipped
    )
