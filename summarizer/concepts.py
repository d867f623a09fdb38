"""Sentences -> concepts: the stemmed word bigrams a sentence contains, each weighted by
the number of independent texts (articles, wire copies counted once) that use it.

A fact that several sources report is told in the same pairs of words ("captured
Akashat", "the border"), so the bigrams many texts share are the facts a summary should
cover. Selection (:mod:`summarizer.select`) maximises the weight of the concepts its
sentences cover, so a second sentence that repeats covered facts gains nothing. Bigrams
of two stop words ("of the") are not concepts; a bigram needs ``min_texts`` texts (fewer
when the batch has fewer texts) to count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .types import Sentence

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = ["BigramAnalyzer", "ConceptMatrix", "concept_matrix"]

_TOKEN = re.compile(r"[a-z0-9]+")


class BigramAnalyzer:
    """Text -> stemmed word bigrams, stop-word pairs left out. Caches stems.

    Examples
    --------
    >>> BigramAnalyzer()("Troops captured the town of Akashat.")
    ['troop captur', 'captur the', 'the town', 'town of', 'of akashat']
    """

    def __init__(self) -> None:
        from nltk.stem.porter import PorterStemmer
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        self._stop = ENGLISH_STOP_WORDS
        self._stemmer = PorterStemmer()
        self._cache: dict[str, tuple[str, bool]] = {}

    def _token(self, token: str) -> tuple[str, bool]:
        found = self._cache.get(token)
        if found is None:
            found = (str(self._stemmer.stem(token)), token in self._stop)
            self._cache[token] = found
        return found

    def __call__(self, text: str) -> list[str]:
        tokens = [self._token(t) for t in _TOKEN.findall(text.lower())]
        pairs = pairwise(tokens)
        return [f"{a} {b}" for (a, a_stop), (b, b_stop) in pairs if not (a_stop and b_stop)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConceptMatrix:
    """``incidence[i, c]`` is 1 when sentence i contains concept c; ``texts[c]`` is the
    number of independent texts using c; ``weights[c]`` is what covering c is worth: that
    number, or 0 below the threshold. Rows follow the sentences they were built from;
    ``n_texts`` is the number of texts in the batch; ``names`` the concepts' bigrams,
    aligned with the columns."""

    incidence: csr_matrix
    texts: NDArray[np.float64]
    weights: NDArray[np.float64]
    n_texts: int
    names: tuple[str, ...] = ()

    def weighted(self, min_texts: int) -> ConceptMatrix:
        """The same concepts, counting those used by ``min(min_texts, n_texts)`` texts or
        more."""
        threshold = min(min_texts, self.n_texts)
        return ConceptMatrix(
            incidence=self.incidence,
            texts=self.texts,
            weights=np.where(self.texts >= threshold, self.texts, 0.0),
            n_texts=self.n_texts,
            names=self.names,
        )


def concept_matrix(
    sentences: Sequence[Sentence],
    *,
    min_texts: int = 3,
    text_of: Mapping[str, str] | None = None,
    analyzer: BigramAnalyzer | None = None,
) -> ConceptMatrix:
    """Concepts of ``sentences`` and their weights (see :meth:`ConceptMatrix.weighted`).

    ``text_of`` maps an article id to its independent text (wire copies share one); by
    default every article is its own text. ``analyzer`` may be shared between calls on
    parts of one batch, so that each word is stemmed once.

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> s = [Sentence(article_id=a, position=0, paragraph=0, text=t) for a, t in
    ...      [("a", "Troops captured Akashat."), ("b", "Iraqi troops captured Akashat."),
    ...       ("c", "Rain fell.")]]
    >>> m = concept_matrix(s, min_texts=2)
    >>> m.incidence.shape[0], sorted(m.weights[m.weights > 0].tolist())
    (3, [2.0, 2.0])
    """
    from scipy.sparse import csr_matrix as sparse
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(sentences)
    texts = [(text_of or {}).get(s.article_id, s.article_id) for s in sentences]
    groups = {g: k for k, g in enumerate(sorted(set(texts)))}
    vectorizer = CountVectorizer(
        analyzer=analyzer or BigramAnalyzer(), binary=True, dtype=np.float64
    )
    try:
        incidence = vectorizer.fit_transform([s.text for s in sentences]).tocsr()
    except ValueError:  # no bigram in any sentence (scikit-learn: empty vocabulary)
        empty = np.zeros(0)
        return ConceptMatrix(
            incidence=sparse((n, 0)), texts=empty, weights=empty, n_texts=len(groups)
        )
    owners = sparse(
        (np.ones(n), ([groups[t] for t in texts], np.arange(n))), shape=(len(groups), n)
    )
    used = (owners @ incidence).tocsr()
    used.data[:] = 1.0
    counts = np.asarray(used.sum(axis=0), dtype=np.float64).ravel()
    raw = ConceptMatrix(
        incidence=incidence,
        texts=counts,
        weights=counts,
        n_texts=len(groups),
        names=tuple(str(name) for name in vectorizer.get_feature_names_out()),
    )
    return raw.weighted(min_texts)
