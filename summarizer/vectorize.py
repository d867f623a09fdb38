"""Sentences -> SentenceMatrix: TF-IDF vectors (scikit-learn) over stemmed words (NLTK),
fitted on this batch."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .config import VectorizeConfig
from .types import Sentence

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "Analyzer",
    "SentenceMatrix",
    "content_terms",
    "subset",
    "transform",
    "vectorize",
    "vectorize_texts",
]

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


class Analyzer:
    """Text -> stemmed content words (and n-grams). Picklable; caches stems per instance."""

    def __init__(self, *, stem: bool = True, max_ngram: int = 1, stop_words: bool = True) -> None:
        from nltk.stem.porter import PorterStemmer
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        self.stem = stem
        self.max_ngram = max_ngram
        self._stop = ENGLISH_STOP_WORDS if stop_words else frozenset()
        self._stemmer = PorterStemmer()
        self._cache: dict[str, str] = {}

    def words(self, text: str) -> list[str]:
        """Lower-cased, stop words removed, possessives dropped, stemmed."""
        out = []
        cache = self._cache
        for token in _WORD.findall(text.lower()):
            stem = cache.get(token)
            if stem is None:
                stem = self._normalize(token)
                cache[token] = stem
            if stem:
                out.append(stem)
        return out

    def _normalize(self, token: str) -> str:
        """A token's stem, or "" for stop words and one-letter tokens."""
        if token.endswith(("'s", "’s")):
            token = token[:-2]
        if token in self._stop or len(token) < 2:
            return ""
        return str(self._stemmer.stem(token)) if self.stem else token

    def stop_terms(self) -> frozenset[str]:
        """The terms that stop words become when they are kept (none when removed)."""
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        if self._stop:
            return frozenset()
        return frozenset(filter(None, (self._normalize(w) for w in ENGLISH_STOP_WORDS)))

    def __call__(self, text: str) -> list[str]:
        words = self.words(text)
        grams = list(words)
        for n in range(2, self.max_ngram + 1):
            grams.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return grams


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceMatrix:
    """Sentences and their L2-normalised TF-IDF rows, kept aligned; ``vectorizer`` is
    the fitted scikit-learn TfidfVectorizer, for transforming other texts."""

    sentences: tuple[Sentence, ...]
    vectors: csr_matrix
    vectorizer: Any

    def __post_init__(self) -> None:
        if self.vectors.shape[0] != len(self.sentences):
            raise ValueError("SentenceMatrix rows must match its sentences.")


def vectorize(
    sentences: Sequence[Sentence], config: VectorizeConfig | None = None
) -> SentenceMatrix:
    """Fit TF-IDF on the batch's sentences.

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> s = [Sentence(article_id="a", position=i, paragraph=i, text=t)
    ...      for i, t in enumerate(["Troops captured the town.", "The town was captured."])]
    >>> vectorize(s).vectors.shape[0]
    2
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    config = config or VectorizeConfig()
    vectorizer = TfidfVectorizer(
        analyzer=Analyzer(
            stem=config.stem, max_ngram=config.max_ngram, stop_words=config.stop_words
        ),
        sublinear_tf=config.sublinear_tf,
        norm="l2",
        dtype=np.float64,
    )
    texts = [s.text for s in sentences]
    try:
        vectors = vectorizer.fit_transform(texts).tocsr()
    except ValueError as exc:  # scikit-learn: "empty vocabulary; perhaps ... stop words"
        if "empty vocabulary" not in str(exc):
            raise
        from scipy.sparse import csr_matrix

        return SentenceMatrix(
            sentences=tuple(sentences), vectors=csr_matrix((len(texts), 0)), vectorizer=None
        )
    return SentenceMatrix(sentences=tuple(sentences), vectors=vectors, vectorizer=vectorizer)


def vectorize_texts(texts: Sequence[str], config: VectorizeConfig | None = None) -> csr_matrix:
    """L2-normalised TF-IDF rows of whole texts (articles), fitted on them."""
    from scipy.sparse import csr_matrix

    sentences = [
        Sentence(article_id=str(i), position=0, paragraph=0, text=t) for i, t in enumerate(texts)
    ]
    vectors = vectorize(sentences, config).vectors
    return csr_matrix(vectors)


def content_terms(matrix: SentenceMatrix) -> NDArray[np.bool_]:
    """Which columns of the matrix are content words (not stop words such as "the").

    Examples
    --------
    >>> from summarizer.types import Sentence
    >>> s = [Sentence(article_id="a", position=0, paragraph=0, text="The town was taken.")]
    >>> m = vectorize(s)
    >>> sorted(t for t, c in zip(m.vectorizer.get_feature_names_out(), content_terms(m)) if c)
    ['taken', 'town']
    """
    import numpy as np

    if matrix.vectorizer is None:
        return np.ones(matrix.vectors.shape[1], dtype=bool)
    stop = matrix.vectorizer.analyzer.stop_terms()
    names = matrix.vectorizer.get_feature_names_out()
    return np.array([any(w not in stop for w in name.split()) for name in names], dtype=bool)


def subset(matrix: SentenceMatrix, keep: Sequence[bool] | NDArray[np.bool_]) -> SentenceMatrix:
    """The rows where ``keep`` is true, still aligned with their sentences."""
    import numpy as np

    rows = np.flatnonzero(np.asarray(keep, dtype=bool))
    return SentenceMatrix(
        sentences=tuple(matrix.sentences[i] for i in rows),
        vectors=matrix.vectors[rows],
        vectorizer=matrix.vectorizer,
    )


def transform(matrix: SentenceMatrix, texts: Sequence[str]) -> csr_matrix:
    """TF-IDF rows of other texts (titles, dated passages) in the batch's vocabulary."""
    from scipy.sparse import csr_matrix

    if matrix.vectorizer is None or not texts:
        return csr_matrix((len(texts), matrix.vectors.shape[1]))
    return matrix.vectorizer.transform(list(texts)).tocsr()
