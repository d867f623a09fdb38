"""ROUGE-N as the original ROUGE-1.5.5 computes it, in pure Python.

The settings of the DUC evaluations (``-n 2 -m -l N -f A``): the summary and every
reference are cut to their first N words (whitespace-separated, before tokenising),
lower-cased, every character that is not a letter or digit becomes a space, tokens longer
than three characters are stemmed (a token in the WordNet exception list maps to its base
form, any other goes through the original Porter algorithm), stopwords are kept. A
cluster's references are pooled: recall is the clipped n-gram hits summed over the
references divided by their n-grams summed, precision the hits divided by the summary's
n-grams times the number of references. Scores are averaged over clusters.

The evaluation's quality gate reproduces the scores NIST's participants received
(``peer_scores.tsv`` of the development data) from their submitted summaries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["RougeScore", "RougeTokenizer", "cut_words", "rouge_n", "score_summary"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class RougeTokenizer:
    """ROUGE-1.5.5 tokens of a text (see the module docstring); caches stems.

    Examples
    --------
    >>> RougeTokenizer({"geese": "goose"})("The geese were flying, 1,500 of them.")
    ['the', 'goose', 'were', 'fly', '1', '500', 'of', 'them']
    """

    def __init__(self, exceptions: Mapping[str, str] | None = None) -> None:
        from nltk.stem.porter import PorterStemmer

        self._stemmer = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
        self._exceptions = {k.lower(): v.lower() for k, v in (exceptions or {}).items()}
        self._cache: dict[str, str] = {}

    def stem(self, token: str) -> str:
        """The stem ROUGE-1.5.5 uses for one lower-case token."""
        stem = self._cache.get(token)
        if stem is None:
            if len(token) <= 3:
                stem = token
            elif token in self._exceptions:
                stem = self._exceptions[token]
            else:
                stem = str(self._stemmer.stem(token))
            self._cache[token] = stem
        return stem

    def __call__(self, text: str) -> list[str]:
        return [self.stem(t) for t in _NON_ALNUM.sub(" ", text.lower()).split()]


def cut_words(sentences: Iterable[str], max_words: int | None) -> tuple[str, ...]:
    """The sentences cut to their first ``max_words`` words (the last one may be cut).

    Examples
    --------
    >>> cut_words(["One two three.", "Four five."], 4)
    ('One two three.', 'Four')
    """
    out: list[str] = []
    left = max_words
    for sentence in sentences:
        words = sentence.split()
        if left is not None:
            if left <= 0:
                break
            words = words[:left]
            left -= len(words)
        if words:
            out.append(" ".join(words))
    return tuple(out)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True, kw_only=True)
class RougeScore:
    """ROUGE-N of one summary against its pooled references, as fractions."""

    recall: float
    precision: float
    f1: float


def rouge_n(summary: Sequence[str], references: Sequence[Sequence[str]], n: int) -> RougeScore:
    """ROUGE-N of token lists, references pooled (ROUGE-1.5.5's ``-f A``).

    Examples
    --------
    >>> s = rouge_n(["a", "b", "c"], [["a", "b", "d"], ["a", "x", "y"]], 1)
    >>> round(s.recall, 3), round(s.precision, 3)
    (0.5, 0.5)
    """
    peer = _ngrams(summary, n)
    peer_total = sum(peer.values())
    hits = base = 0
    for reference in references:
        grams = _ngrams(reference, n)
        hits += sum(min(count, peer[gram]) for gram, count in grams.items())
        base += sum(grams.values())
    recall = hits / base if base else 0.0
    precision = hits / (peer_total * len(references)) if peer_total and references else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return RougeScore(recall=recall, precision=precision, f1=f1)


def score_summary(
    summary: Sequence[str],
    references: Sequence[Sequence[str]],
    tokenizer: RougeTokenizer,
    *,
    max_words: int | None,
    orders: Sequence[int] = (1, 2),
) -> tuple[RougeScore, ...]:
    """ROUGE-N for each order of one summary (its sentences) against its references
    (each a sequence of sentences), all cut to ``max_words`` words first."""
    peer = tokenizer(" ".join(cut_words(summary, max_words)))
    refs = [tokenizer(" ".join(cut_words(ref, max_words))) for ref in references]
    return tuple(rouge_n(peer, refs, n) for n in orders)
