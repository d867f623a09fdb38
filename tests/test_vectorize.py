from __future__ import annotations

import numpy as np

from summarizer.config import GraphConfig, VectorizeConfig
from summarizer.graph import similarity_graph
from summarizer.types import Sentence
from summarizer.vectorize import Analyzer, content_terms, subset, transform, vectorize


def _sentences(*texts: str) -> list[Sentence]:
    return [
        Sentence(article_id=str(i), position=0, paragraph=0, text=t) for i, t in enumerate(texts)
    ]


def test_stemming_matches_word_forms() -> None:
    analyzer = Analyzer(stop_words=True)
    assert analyzer("Forces captured the towns") == analyzer("force capturing a town")
    assert Analyzer(stem=False)("captured towns") == ["captured", "towns"]
    assert Analyzer(stop_words=False)("Forces captured the towns") == [
        "forc",
        "captur",
        "the",
        "town",
    ]


def test_rows_are_unit_vectors_and_similar_texts_are_close() -> None:
    matrix = vectorize(
        _sentences(
            "Iraqi forces captured the town of Akashat.",
            "The town of Akashat was captured by Iraqi forces.",
            "The mayor said three hundred families remain.",
        )
    )
    norms = np.sqrt(np.asarray(matrix.vectors.multiply(matrix.vectors).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    sims = (matrix.vectors @ matrix.vectors.T).toarray()
    assert sims[0, 1] > 0.75
    assert sims[0, 2] < 0.15
    assert sims[0, 1] > 5 * sims[0, 2]


def test_content_terms_leave_out_stop_words() -> None:
    matrix = vectorize(_sentences("The town of Akashat was taken.", "It is in the desert."))
    names = matrix.vectorizer.get_feature_names_out()
    content = {n for n, c in zip(names, content_terms(matrix), strict=True) if c}
    assert content == {"town", "akashat", "taken", "desert"}


def test_stop_words_only_batch_gives_empty_vocabulary() -> None:
    config = VectorizeConfig(stop_words=True)
    matrix = vectorize(_sentences("It was the one.", "And so it is."), config)
    assert matrix.vectors.shape == (2, 0)
    assert transform(matrix, ["Anything at all."]).shape == (1, 0)


def test_similarity_graph_thresholds_and_drops_diagonal() -> None:
    matrix = vectorize(
        _sentences("Troops took Akashat.", "Troops took Akashat town.", "Rain fell in Paris.")
    )
    graph = similarity_graph(matrix.vectors, GraphConfig(min_similarity=0.2)).toarray()
    assert np.all(np.diag(graph) == 0)
    assert graph[0, 1] > 0.2 and graph[0, 2] == 0


def test_subset_keeps_rows_aligned() -> None:
    matrix = vectorize(_sentences("Troops took Akashat.", "Rain fell.", "Troops left."))
    small = subset(matrix, [True, False, True])
    assert [s.text for s in small.sentences] == ["Troops took Akashat.", "Troops left."]
    assert small.vectors.shape[0] == 2
    assert (small.vectors[1] != matrix.vectors[2]).nnz == 0


def test_bigrams_when_asked() -> None:
    assert "iraqi forc" in Analyzer(max_ngram=2)("Iraqi forces")
    matrix = vectorize(_sentences("Iraqi forces advanced."), VectorizeConfig(max_ngram=2))
    assert matrix.vectors.shape[1] == 5  # iraqi, forc, advanc and two bigrams
