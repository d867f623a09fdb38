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

__all__ = [
    "RougeScore",
    "RougeTokenizer",
    "cut_words",
    "rouge_n",
    "rouge_porter",
    "score_summary",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# ROUGE-1.5.5's own Porter stemmer (Martin Porter's Perl release 1, with Chin-Yew Lin's
# change of 2004 to step 4), which differs from NLTK's on words such as "agreement"
# ("agreem") and "environmental" ("environ").
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP2_RE = re.compile(
    "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|"
    "iveness|fulness|ousness|aliti|iviti|biliti|logi)$"
)
_STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}
_STEP3_RE = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def rouge_porter(word: str) -> str:
    """A lower-case word stemmed as ROUGE-1.5.5's Perl Porter stemmer stems it.

    Examples
    --------
    >>> [rouge_porter(w) for w in ("agreement", "environmental", "running", "caresses")]
    ['agreem', 'environ', 'run', 'caress']
    """
    if len(word) < 3:
        return word
    w = word
    initial_y = w.startswith("y")
    if initial_y:
        w = "Y" + w[1:]
    # Step 1a
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m.group(1)
    # Step 1b
    if m := re.search("eed$", w):
        if _MGR0.search(w[: m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[: m.start()]
        if _VOWEL_IN.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    # Step 1c
    if (m := re.search("y$", w)) and _VOWEL_IN.search(w[: m.start()]):
        w = w[: m.start()] + "i"
    # Step 2
    if (m := _STEP2_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP2[m.group(1)]
    # Step 3
    if (m := _STEP3_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP3[m.group(1)]
    # Step 4, as changed in 2004: "-ment" and "-ent" are tried after the others too
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if (m := re.search("ment$", w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if m := re.search("ent$", w):
        if _MGR1.search(w[: m.start()]):
            w = w[: m.start()]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[: m.start()] + m.group(1)):
        w = w[: m.start()] + m.group(1)
    # Step 5
    if m := re.search("e$", w):
        stem = w[: m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w


class RougeTokenizer:
    """ROUGE-1.5.5 tokens of a text (see the module docstring); caches stems.

    ``perl_porter``: stem with ROUGE-1.5.5's own Perl Porter stemmer
    (:func:`rouge_porter`) rather than NLTK's original-algorithm Porter, which differs
    on under 1% of words.

    Examples
    --------
    >>> RougeTokenizer({"geese": "goose"})("The geese were flying, 1,500 of them.")
    ['the', 'goose', 'were', 'fly', '1', '500', 'of', 'them']
    """

    def __init__(
        self, exceptions: Mapping[str, str] | None = None, *, perl_porter: bool = False
    ) -> None:
        from nltk.stem.porter import PorterStemmer

        porter = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
        self._stem_word = rouge_porter if perl_porter else porter.stem
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
                stem = str(self._stem_word(token))
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
