from __future__ import annotations

import datetime as dt

import numpy as np

from summarizer.cluster import Clusters
from summarizer.concepts import concept_matrix
from summarizer.config import SelectConfig
from summarizer.dates import SentenceDate
from summarizer.select import select_sentences
from summarizer.types import Sentence
from summarizer.vectorize import vectorize

# Six outlets' sentences about one offensive (written for these tests).
TEXTS = [
    "Iraqi forces captured the desert town of Akashat near the Syrian border on Saturday.",
    "Iraqi forces captured Akashat, a desert town near the Syrian border, on Saturday.",
    "The mayor of Rutba said the militants had turned the desert town into an arms hub.",
    "He said more than three hundred civilian families were still living in the town.",
    "Commanders estimate the group still has more than 1,500 fighters near the Syrian border.",
    "Iraqi forces battled up to the edge of Al-Qaim on Tuesday after capturing a village.",
]


def _matrix():
    return vectorize(
        [Sentence(article_id=f"a{i}", position=0, paragraph=0, text=t) for i, t in enumerate(TEXTS)]
    )


def _clusters(labels):
    return Clusters(labels=tuple(labels), support=tuple(1 for _ in set(labels)))


def _concepts(matrix, min_texts=2):
    return concept_matrix(matrix.sentences, min_texts=min_texts)


def test_budget_and_max_sentences_hold() -> None:
    matrix = _matrix()
    scores = np.linspace(2.0, 1.0, len(TEXTS))
    clusters = _clusters(range(len(TEXTS)))
    for budget in (10, 16, 40, 80, 200):
        rows = select_sentences(
            matrix, scores, clusters, config=SelectConfig(max_words=budget), concepts=None
        )
        assert sum(matrix.sentences[i].n_words for i in rows) <= budget
    rows = select_sentences(
        matrix, scores, clusters, config=SelectConfig(max_words=500, max_sentences=2)
    )
    assert len(rows) == 2


def test_covered_facts_gain_nothing_so_the_copy_is_not_chosen() -> None:
    texts = [
        "Iraqi forces captured the desert town of Akashat near the border on Saturday.",
        "On Saturday Iraqi forces captured the desert town of Akashat near the border.",
        "Commanders estimate that 1,500 fighters remain in the enclave around Al-Qaim.",
        "About 1,500 fighters remain in the enclave around Al-Qaim, commanders estimate.",
        "The weather was mild and a light wind blew over the river valley all week.",
    ]
    matrix = vectorize(
        [Sentence(article_id=f"a{i}", position=0, paragraph=0, text=t) for i, t in enumerate(texts)]
    )
    config = SelectConfig(max_words=500, redundancy=1.0, centrality=0.0)
    rows = select_sentences(
        matrix, np.ones(5), _clusters(range(5)), config=config, concepts=_concepts(matrix)
    )
    # One report of each shared fact; the copy adds no concept, nor does the aside.
    assert len(rows) == 2
    assert len({0, 1} & set(rows)) == 1 and len({2, 3} & set(rows)) == 1


def test_centrality_weighs_the_textrank_score() -> None:
    matrix = _matrix()
    scores = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 50.0])
    config = SelectConfig(max_words=15, centrality=2.0)
    rows = select_sentences(
        matrix, scores, _clusters(range(6)), config=config, concepts=_concepts(matrix)
    )
    assert rows == (5,)
    flat = SelectConfig(max_words=15, centrality=0.0)
    rows = select_sentences(
        matrix, scores, _clusters(range(6)), config=flat, concepts=_concepts(matrix)
    )
    assert rows != (5,)


def test_no_near_duplicates_and_one_sentence_per_cluster() -> None:
    matrix = _matrix()
    scores = np.array([3.0, 2.0, 1.0, 1.0, 1.0, 1.0])
    rows = select_sentences(matrix, scores, _clusters(range(6)), config=SelectConfig(max_words=500))
    assert 0 in rows and 1 not in rows  # near-duplicate of the better one
    rows = select_sentences(
        matrix,
        scores,
        _clusters([0, 1, 2, 3, 4, 2]),
        config=SelectConfig(max_words=500, redundancy=0.99),
    )
    assert not {2, 5} <= set(rows)


def test_a_sentence_that_cannot_stand_alone_is_not_chosen() -> None:
    matrix = _matrix()
    scores = np.array([1.0, 1.0, 1.0, 9.0, 1.0, 1.0])
    rows = select_sentences(matrix, scores, _clusters(range(6)))
    assert 3 not in rows  # "He said ..."
    rows = select_sentences(
        matrix, scores, _clusters(range(6)), config=SelectConfig(standalone=False)
    )
    assert rows[0] == 3


def test_timeline_gives_each_event_date_a_sentence() -> None:
    matrix = _matrix()
    scores = np.array([5.0, 4.0, 3.0, 1.0, 2.5, 0.5])
    dates = (
        [SentenceDate(dt.date(2017, 9, 16), "event", explicit=True)] * 2
        + [SentenceDate(dt.date(2017, 9, 16), "stated")] * 3
        + [SentenceDate(dt.date(2017, 10, 31), "event", explicit=True)]
    )
    config = SelectConfig(max_words=32)
    rows = select_sentences(matrix, scores, _clusters(range(6)), dates, config)
    assert rows[0] == 5  # the newest development first, despite its low score
    off = select_sentences(
        matrix, scores, _clusters(range(6)), dates, SelectConfig(max_words=32, timeline_dates=0)
    )
    assert 5 not in off
