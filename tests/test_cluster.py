from __future__ import annotations

import random

import numpy as np
import pytest

from summarizer.cluster import cluster_sentences
from summarizer.config import ClusterConfig, GraphConfig
from summarizer.graph import similarity_graph
from summarizer.types import Sentence
from summarizer.vectorize import vectorize

FACTS = [
    (
        "a",
        "Iraqi forces on Saturday captured a desert outpost of the ISIS group near the "
        "Syrian border.",
    ),
    (
        "b",
        "Iraqi forces attacked a desert outpost of Daesh terrorists near the Syrian border "
        "Saturday.",
    ),
    ("c", "Iraqi forces on Saturday captured an ISIL desert outpost near the Syrian border."),
    (
        "d",
        "ISIS was pushed from Qaim on Friday, according to the office of Prime Minister "
        "Haider al-Abadi.",
    ),
    (
        "b",
        "In August, Iraqi Prime Minister Haider al-Abadi declared victory over the group "
        "in Tal Afar.",
    ),
]


def _cluster(facts, config=None):
    sentences = [
        Sentence(article_id=a, position=i, paragraph=i, text=t) for i, (a, t) in enumerate(facts)
    ]
    graph = similarity_graph(vectorize(sentences).vectors, GraphConfig(min_similarity=0.1))
    return cluster_sentences(sentences, graph, config)


def test_one_fact_from_three_sources_is_one_cluster() -> None:
    clusters = _cluster(FACTS)
    assert clusters.labels[0] == clusters.labels[1] == clusters.labels[2]
    assert clusters.support[clusters.labels[0]] == 3


def test_sentences_sharing_only_a_name_stay_apart() -> None:
    clusters = _cluster(FACTS)
    assert clusters.labels[3] != clusters.labels[4]
    assert clusters.labels[3] != clusters.labels[0]


def test_threshold_controls_granularity() -> None:
    loose = _cluster(FACTS, ClusterConfig(threshold=0.05))
    strict = _cluster(FACTS, ClusterConfig(threshold=0.95))
    assert len(set(loose.labels)) < len(set(strict.labels)) == len(FACTS)


def test_partition_does_not_depend_on_order() -> None:
    def groups(facts):
        clusters = _cluster(facts)
        out: dict[int, set[str]] = {}
        for (_, text), label in zip(facts, clusters.labels, strict=True):
            out.setdefault(label, set()).add(text)
        return sorted(sorted(g) for g in out.values())

    shuffled = FACTS[:]
    random.Random(3).shuffle(shuffled)
    assert groups(FACTS) == groups(shuffled)


def test_empty_input() -> None:
    assert _cluster([]).labels == ()


def test_same_partition_as_one_denseaverage_linkage(sample_articles) -> None:
    from summarizer.clean import clean_article
    from summarizer.cluster import average_linkage
    from summarizer.split import split_sentences

    sentences = split_sentences([p for a in sample_articles for p in clean_article(a)])
    graph = similarity_graph(vectorize(sentences).vectors, GraphConfig(max_neighbors=None))
    ours = cluster_sentences(sentences, graph)
    distance = 1.0 - graph.toarray()
    np.fill_diagonal(distance, 0.0)
    reference = average_linkage(distance, 1.0 - ClusterConfig().threshold)

    def partition(labels):
        groups: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(int(label), []).append(i)
        return sorted(groups.values())

    assert partition(ours.labels) == partition(reference)
    assert len(set(ours.labels)) < len(sentences)  # the sample does repeat facts


def test_a_chain_longer_than_a_dense_block_is_split() -> None:
    from scipy.sparse import diags

    from summarizer.cluster import _MAX_DENSE

    n = _MAX_DENSE + 500
    chain = diags([np.full(n - 1, 0.5), np.full(n - 1, 0.5)], [1, -1], format="csr")
    sentences = [Sentence(article_id=str(i), position=0, paragraph=0, text="x") for i in range(n)]
    clusters = cluster_sentences(sentences, chain, ClusterConfig(threshold=0.45))
    assert max(np.bincount(clusters.labels)) <= _MAX_DENSE
    assert len(clusters.labels) == n


@pytest.mark.parametrize("seed", range(8))
def testaverage_linkage_matches_scikit_learn(seed: int) -> None:
    from sklearn.cluster import AgglomerativeClustering

    from summarizer.cluster import average_linkage

    rng = np.random.default_rng(seed)
    points = rng.random((40, 5))
    distance = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    for threshold in (0.2, 0.5, 0.8):
        ours = average_linkage(distance, threshold)
        theirs = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        ).fit_predict(distance)
        pairs_ours = ours[:, None] == ours[None, :]
        pairs_theirs = theirs[:, None] == theirs[None, :]
        assert (pairs_ours == pairs_theirs).all()
