"""Baseline summarisers for evaluation: Lead and sumy's LexRank, TextRank, LSA, Luhn,
SumBasic and KL, all on the same sentences as our pipeline (our offline splitter, given
to sumy as its tokenizer, so sumy needs no NLTK data)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .clean import clean_article
from .evaluate import EvalCluster, System
from .split import make_tokenizer, split_sentences

__all__ = [
    "SUMY_SYSTEMS",
    "OfflineSumyTokenizer",
    "SumySystem",
    "baseline_systems",
    "lead",
    "sumy_system",
]

#: Display name -> sumy summarizer class path.
SUMY_SYSTEMS = {
    "LexRank": "sumy.summarizers.lex_rank.LexRankSummarizer",
    "TextRank": "sumy.summarizers.text_rank.TextRankSummarizer",
    "LSA": "sumy.summarizers.lsa.LsaSummarizer",
    "Luhn": "sumy.summarizers.luhn.LuhnSummarizer",
    "SumBasic": "sumy.summarizers.sum_basic.SumBasicSummarizer",
    "KL": "sumy.summarizers.kl.KLSummarizer",
}
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


class OfflineSumyTokenizer:
    """sumy's tokenizer interface over our Punkt splitter; needs no NLTK data."""

    language = "english"

    def __init__(self) -> None:
        self._punkt = make_tokenizer()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of a paragraph."""
        return tuple(self._punkt.tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens of a sentence, punctuation dropped."""
        return tuple(_WORD.findall(sentence))


def _sentences(cluster: EvalCluster) -> list[list[str]]:
    """Each article's sentences, articles in id order: the shared input of all systems."""
    out = []
    for article in sorted(cluster.articles, key=lambda a: a.id):
        out.append([s.text for s in split_sentences(clean_article(article))])
    return out


def lead(cluster: EvalCluster, max_words: int) -> Sequence[str]:
    """The first sentences of the newest article (ties: the last by id)."""
    dated = sorted(
        cluster.articles,
        key=lambda a: (a.published.isoformat() if a.published else "", a.id),
    )
    return [s.text for s in split_sentences(clean_article(dated[-1]))]


def sumy_system(name: str) -> System:
    """A sumy summariser as shipped: its best N sentences in document order, N the
    smallest count that fills the word budget."""
    return SumySystem(name)


class SumySystem:
    """A picklable sumy baseline (see :func:`sumy_system`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, cluster: EvalCluster, max_words: int) -> Sequence[str]:
        """The summary's sentences."""
        from importlib import import_module

        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        module, cls = SUMY_SYSTEMS[self.name].rsplit(".", 1)
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        tokenizer = OfflineSumyTokenizer()
        document = ObjectDocumentModel(
            [
                Paragraph([Sentence(t, tokenizer) for t in article])
                for article in _sentences(cluster)
                if article
            ]
        )
        captured: dict[str, Any] = {}

        def capture(sentences: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> Any:
            captured.update(sentences=sentences, rating=rating, args=args, kwargs=kwargs)
            return ()

        summarizer = getattr(import_module(module), cls)(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        # Every sumy summariser ends in self._get_best_sentences(sentences, count, rating):
        # capture the rating there instead of letting sumy cut to a sentence count.
        summarizer._get_best_sentences = capture
        summarizer(document, len(document.sentences))
        rating = captured["rating"]

        def rate(sentence: Any) -> float:
            if isinstance(rating, dict):
                return float(rating[sentence])
            return float(rating(sentence, *captured["args"], **captured["kwargs"]))

        sentences = list(captured["sentences"])
        ranked = sorted(range(len(sentences)), key=lambda i: (-rate(sentences[i]), i))
        # sumy returns its top N sentences in document order; take the smallest N that
        # fills the budget, as a user asking sumy for a 100-word summary would.
        words, count = 0, len(ranked)
        for k, i in enumerate(ranked, start=1):
            words += len(str(sentences[i]).split())
            if words >= max_words:
                count = k
                break
        return [str(sentences[i]) for i in sorted(ranked[:count])]


def baseline_systems() -> dict[str, System]:
    """Lead and every sumy baseline, by display name."""
    return {"Lead": lead, **{name: sumy_system(name) for name in SUMY_SYSTEMS}}
