"""Baseline summarisers for evaluation: Lead, the textbook TextRank+MMR recipe, and sumy's
LexRank, TextRank, LSA, Luhn, SumBasic and KL. Lead and sumy's summarisers read the same
cleaned sentences as our pipeline (our offline splitter, given to sumy as its tokenizer,
so sumy needs no NLTK data); TextRank+MMR reads the raw Punkt sentences, as its recipe
says."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from .clean import clean_article
from .config import SummarizerConfig
from .evaluate import EvalCluster, System
from .split import make_tokenizer, split_sentences
from .types import Article

__all__ = [
    "BASELINES",
    "SUMY_SYSTEMS",
    "OfflineSumyTokenizer",
    "SumySystem",
    "baseline_systems",
    "busiest_days",
    "lead",
    "sumy_system",
    "textrank_mmr",
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


def _raw_sentences(cluster: EvalCluster) -> list[tuple[str, int]]:
    """Punkt sentences of every article (articles in id order, no cleaning) with their
    index in the article, counting every sentence from 0."""
    punkt = make_tokenizer()
    out: list[tuple[str, int]] = []
    for article in sorted(cluster.articles, key=lambda a: a.id):
        text = " ".join(article.text.split())
        out.extend((sentence, k) for k, sentence in enumerate(punkt.tokenize(text)))
    return out


class _SnowballTokens:
    """Lower-cased alphanumeric tokens, Snowball-stemmed (picklable)."""

    def __init__(self) -> None:
        from nltk.stem.snowball import SnowballStemmer

        self._stemmer = SnowballStemmer("english")
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        out = []
        for token in re.findall(r"[a-z0-9]+", text.lower()):
            stem = self._cache.get(token)
            if stem is None:
                stem = self._cache[token] = str(self._stemmer.stem(token))
            out.append(stem)
        return out


def textrank_mmr(cluster: EvalCluster, max_words: int) -> Sequence[str]:
    """The textbook recipe, as the floor our system must beat: Punkt sentences of 8 to 55
    words; TF-IDF (sublinear tf, lower-cased alphanumeric tokens, Snowball stems, stop
    words kept) fitted on the cluster; dense cosine similarity with a zero diagonal;
    PageRank (damping 0.85); score times ``1 + 0.5 / (1 + k)``, ``k`` the sentence's index
    in its article; greedy MMR (lambda 0.7) on max-normalised scores, skipping any
    candidate with cosine above 0.5 to a chosen one, until the budget is filled. The
    sentences in selection order."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .rank import pagerank

    sentences = [(s, k) for s, k in _raw_sentences(cluster) if 8 <= len(s.split()) <= 55]
    if not sentences:
        return []
    vectors = TfidfVectorizer(analyzer=_SnowballTokens(), sublinear_tf=True).fit_transform(
        [s for s, _ in sentences]
    )
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    n = len(sentences)
    scores = pagerank(csr_matrix(similarity), np.ones(n), damping=0.85, max_iter=1000)
    scores = scores * (1.0 + 0.5 / (1.0 + np.array([k for _, k in sentences], dtype=float)))
    scores = scores / scores.max()
    chosen: list[int] = []
    left = np.ones(n, dtype=bool)
    words = 0
    while words < max_words and left.any():
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(n)
        value = np.where(left & (redundancy <= 0.5), 0.7 * scores - 0.3 * redundancy, -np.inf)
        best = int(np.argmax(value))  # ties: the first sentence
        if value[best] == -np.inf:
            break
        chosen.append(best)
        left[best] = False
        words += len(sentences[best][0].split())
    return [sentences[i][0] for i in chosen]


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


#: Every baseline's display name, in table order.
BASELINES = ("TextRank+MMR", "Lead", *SUMY_SYSTEMS)


def baseline_systems(names: Sequence[str] | None = None) -> dict[str, System]:
    """The baselines by display name (all of :data:`BASELINES` by default)."""
    every: dict[str, System] = {"TextRank+MMR": textrank_mmr, "Lead": lead}
    every.update({name: sumy_system(name) for name in SUMY_SYSTEMS})
    return {name: every[name] for name in (names or BASELINES)}


def busiest_days(
    articles: Sequence[Article],
    config: SummarizerConfig,
    *,
    dates: int,
    sentences: int,
) -> dict[dt.date, list[str]]:
    """The timeline baseline: the ``dates`` days with the most independent texts
    published (ties: the earlier day), each with the first ``sentences`` sentences of
    its most central text (the one closest, by the cosine of its summed TF-IDF sentence
    rows, to the day's centroid; ties: the first by id). Read as our pipeline reads
    (cleaning, splitting, wire copies once)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    from .pipeline import prepare

    ready = prepare(articles, config)
    texts = [a for a in ready.texts if a.published is not None]
    counts: dict[dt.date, list[Article]] = {}
    for text in texts:
        assert text.published is not None
        counts.setdefault(text.published.date(), []).append(text)
    days = sorted(counts, key=lambda d: (-len(counts[d]), d))[:dates]
    index = {a.id: i for i, a in enumerate(ready.texts)}
    owner = [index[s.article_id] for s in ready.matrix.sentences]
    pick = csr_matrix(
        (np.ones(len(owner)), (owner, np.arange(len(owner)))),
        shape=(len(ready.texts), len(owner)),
    )
    vectors = normalize(pick @ ready.matrix.vectors)
    lead: dict[str, list[str]] = {}
    for sentence in ready.matrix.sentences:  # in article order, by position
        lead.setdefault(sentence.article_id, []).append(sentence.text)
    out: dict[dt.date, list[str]] = {}
    for day in days:
        members = sorted(counts[day], key=lambda a: a.id)
        rows = vectors[[index[a.id] for a in members]]
        centre = np.asarray(rows.mean(axis=0)).ravel()
        closeness = np.asarray(rows @ centre).ravel()
        best = min(range(len(members)), key=lambda i: (-round(float(closeness[i]), 12), i))
        chosen = lead.get(members[best].id, [])[:sentences]
        if chosen:
            out[day] = chosen
    return out
