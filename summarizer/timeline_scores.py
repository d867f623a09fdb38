"""Timeline scores as the field computes them: tilse's ROUGE variants (Martschat and
Markert 2017) with ROUGE-1.5.5 counts, and date F1 as news-tls reports it.

tilse (``TimelineRougeEvaluator`` with its default ``rouge_computation="original"``)
runs the Perl ROUGE-1.5.5 with ``-n 2 -m -s -f A -t 2``: each summary is written as SEE
HTML (tokens split on whitespace, ``^`` written ``&circ;``, a sentence read up to its
first ``<``), lower-cased (ASCII), every character but letters, digits and ``-`` made a
space, stop words of ROUGE's SMART list removed, tokens of more than three characters
stemmed (WordNet exception list first, then ROUGE's own Perl Porter stemmer), and raw
counts returned: hits
clipped per reference and summed, the summary's n-grams times the references, the
references' n-grams. This module computes the same counts in Python; a test holds it to
tilse itself, and ``bench/timeline_gate.py --tilse`` compares the two on real timelines.

``align+ m:1`` (tilse's ``evaluate_align_date_content_costs_many_to_one``, the metric
of news-tls and DATEWISE): every predicted date is matched to the reference date of
least cost ``(1 - 1 / (|days| + 1)) * (1 - approximate ROUGE-1 F1)`` (the approximation
counts raw whitespace tokens that are not ASCII punctuation), and every reference date to
a predicted date the same way; the hits of each pair count ``1 / (|days| + 1)``.
``concat`` compares all sentences of the timeline with all of the reference's.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from .rouge import RougeTokenizer

__all__ = [
    "PRF",
    "RougeCounts",
    "TimelineRouge",
    "align_many_to_one",
    "concat",
    "date_scores",
    "f_score",
    "mean_prf",
]

#: A timeline: date -> its sentences.
TimelineDict = Mapping[dt.date, Sequence[str]]

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NOT_KEPT = re.compile(r"[^A-Za-z0-9\-]")
_KEPT_START = re.compile(r"^[a-z0-9$]")


def _stop_words() -> frozenset[str]:
    text = resources.files("summarizer").joinpath("rouge_stopwords.txt").read_text("ascii")
    return frozenset(line for line in text.split("\n") if line)


@dataclass(frozen=True, slots=True)
class RougeCounts:
    """ROUGE-N raw counts: ``hits`` (clipped per reference, summed), ``peer`` (the
    summary's n-grams times the number of references) and ``model`` (the references'
    n-grams)."""

    hits: int
    peer: int
    model: int


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, as fractions."""

    precision: float
    recall: float
    f1: float


def f_score(precision: float, recall: float) -> float:
    """F1 as tilse computes it (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return float((1 + 1**2) * precision * recall / (1**2 * precision + recall))


class TimelineRouge:
    """ROUGE-1 and ROUGE-2 counts as tilse's Perl ROUGE-1.5.5 call computes them.

    ``exceptions`` is ROUGE's WordNet exception list (``inflected -> base``); without it
    a few irregular forms ("geese") stem differently from the Perl script.

    Examples
    --------
    >>> rouge = TimelineRouge()
    >>> rouge.tokens(["The rig 's blowout preventer failed ."])
    ['rig', 'blowout', 'prevent', 'fail']
    >>> rouge.counts(["The rig sank ."], [["The burning rig sank on Thursday ."]])[1]
    RougeCounts(hits=2, peer=2, model=4)
    """

    def __init__(self, exceptions: Mapping[str, str] | None = None) -> None:
        self._stem = RougeTokenizer(exceptions, perl_porter=True).stem
        self._stop = _stop_words()

    def tokens(self, sentences: Sequence[str]) -> list[str]:
        """The tokens ROUGE counts in a summary (its sentences in order)."""
        lines = []
        for sentence in sentences:
            # tilse splits on whitespace; pyrouge writes each token with ^ as &circ;, and
            # the Perl script reads a sentence up to its first "<" (none if it is empty).
            text = " ".join(token.replace("^", "&circ;") for token in sentence.split())
            text = text.split("<", 1)[0]
            if text:
                lines.append(text.translate(_LOWER))
        text = " ".join(lines).replace("-", " - ")
        out = []
        for token in _NOT_KEPT.sub(" ", text).split():
            if token in self._stop or not _KEPT_START.match(token):
                continue
            out.append(self._stem(token) if len(token) > 3 else token)
        return out

    def counts(
        self, summary: Sequence[str], references: Sequence[Sequence[str]]
    ) -> dict[int, RougeCounts]:
        """ROUGE-1 and ROUGE-2 counts of ``summary`` against ``references`` (each a list
        of sentences; an empty one still counts as a reference)."""
        peer = self.tokens(summary)
        models = [self.tokens(reference) for reference in references]
        out = {}
        for n in (1, 2):
            peer_grams = _ngrams(peer, n)
            peer_total = sum(peer_grams.values())
            hits = peer_count = model_count = 0
            for model in models:
                grams = _ngrams(model, n)
                hits += sum(min(count, peer_grams[g]) for g, count in grams.items())
                model_count += sum(grams.values())
                peer_count += peer_total
            out[n] = RougeCounts(hits=hits, peer=peer_count, model=model_count)
        return out


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _approximate_rouge_1(summary: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """tilse's approximate ROUGE-1 F1 for alignment costs: raw whitespace tokens, those
    that are a piece of ``string.punctuation`` left out, no lower-casing or stemming."""
    pred: Counter[str] = Counter()
    for sentence in summary:
        pred.update(k for k in sentence.split() if k not in string.punctuation)
    refs = []
    for reference in references:
        counts: Counter[str] = Counter()
        for sentence in reference:
            counts.update(k for k in sentence.split() if k not in string.punctuation)
        refs.append(counts)
    match = 0
    for token in pred:
        match += sum(min(pred[token], ref[token]) for ref in refs)
    precision_denominator = len(refs) * sum(pred.values())
    precision = 0.0 if precision_denominator == 0 else match / precision_denominator
    recall_denominator = sum(sum(ref.values()) for ref in refs)
    recall = 0.0 if recall_denominator == 0 else match / recall_denominator
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _at(timeline: TimelineDict, day: dt.date) -> list[str]:
    return [s.strip() for s in timeline.get(day, ())]


def _weight(a: dt.date, b: dt.date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _closest(
    source: dt.date,
    targets: Sequence[dt.date],
    summary_of: dict[dt.date, list[str]],
    references_of: dict[dt.date, list[list[str]]],
    *,
    source_is_predicted: bool,
) -> dt.date:
    """The target date of least alignment cost (the first on ties, as numpy's argmin)."""
    best, best_cost = targets[0], None
    for target in targets:
        date_factor = 1 - _weight(source, target)
        predicted, reference = (source, target) if source_is_predicted else (target, source)
        content_factor = 1 - _approximate_rouge_1(summary_of[predicted], references_of[reference])
        cost = date_factor * content_factor
        if best_cost is None or cost < best_cost:
            best, best_cost = target, cost
    return best


def align_many_to_one(
    predicted: TimelineDict,
    references: Sequence[TimelineDict],
    rouge: TimelineRouge,
) -> dict[int, PRF]:
    """align+ m:1 ROUGE-1 and ROUGE-2 of a timeline against reference timelines (their
    dates pooled, as tilse's ``GroundTruth``).

    Examples
    --------
    >>> day = dt.date(2010, 4, 20)
    >>> s = align_many_to_one({day: ["The rig exploded ."]}, [{day: ["The rig exploded ."]}],
    ...                       TimelineRouge())
    >>> s[1].f1, s[2].f1
    (1.0, 1.0)
    """
    pred_dates = sorted(predicted)
    ref_dates = sorted({d for reference in references for d in reference})
    summary_of = {d: _at(predicted, d) for d in pred_dates}
    references_of = {d: [_at(r, d) for r in references] for d in ref_dates}
    numerators: dict[int, dict[str, list[float]]] = {1: {"p": [], "r": []}, 2: {"p": [], "r": []}}
    denominators: dict[int, dict[str, list[int]]] = {1: {"p": [], "r": []}, 2: {"p": [], "r": []}}
    if pred_dates and ref_dates:
        for day in pred_dates:  # precision: each predicted date to a reference date
            ref = _closest(day, ref_dates, summary_of, references_of, source_is_predicted=True)
            counts = rouge.counts(summary_of[day], references_of[ref])
            for n, c in counts.items():
                numerators[n]["p"].append(_weight(day, ref) * c.hits)
                denominators[n]["p"].append(c.peer)
        for day in ref_dates:  # recall: each reference date to a predicted date
            pred = _closest(day, pred_dates, summary_of, references_of, source_is_predicted=False)
            counts = rouge.counts(summary_of[pred], references_of[day])
            for n, c in counts.items():
                numerators[n]["r"].append(_weight(pred, day) * c.hits)
                denominators[n]["r"].append(c.model)
    out = {}
    for n in (1, 2):
        p_den, r_den = sum(denominators[n]["p"]), sum(denominators[n]["r"])
        precision = 0.0 if p_den == 0 else sum(numerators[n]["p"]) / p_den
        recall = 0.0 if r_den == 0 else sum(numerators[n]["r"]) / r_den
        out[n] = PRF(precision, recall, f_score(precision, recall))
    return out


def concat(
    predicted: TimelineDict,
    references: Sequence[TimelineDict],
    rouge: TimelineRouge,
) -> dict[int, PRF]:
    """concat ROUGE-1 and ROUGE-2: every sentence of the timeline, in date order, against
    every sentence of each reference."""
    summary = [s for d in sorted(predicted) for s in _at(predicted, d)]
    refs = [[s for d in sorted(r) for s in _at(r, d)] for r in references]
    out = {}
    for n, c in rouge.counts(summary, refs).items():
        precision = c.hits / c.peer if c.peer else 0.0
        recall = c.hits / c.model if c.model else 0.0
        out[n] = PRF(precision, recall, f_score(precision, recall))
    return out


def date_scores(predicted: TimelineDict, references: Sequence[TimelineDict]) -> PRF:
    """Date precision, recall and F1: the predicted dates found among the reference
    dates (news-tls ``evaluate_dates``).

    Examples
    --------
    >>> d = [dt.date(2010, 4, k) for k in (20, 21, 22)]
    >>> date_scores({d[0]: ["a"], d[1]: ["b"]}, [{d[1]: ["c"], d[2]: ["d"]}]).f1
    0.5
    """
    pred = set(predicted)
    ref = {d for r in references for d in r}
    shared = len(pred & ref)
    precision = shared / len(pred) if pred else 0.0
    recall = shared / len(ref) if ref else 0.0
    return PRF(precision, recall, f_score(precision, recall))


def mean_prf(scores: Sequence[PRF]) -> PRF:
    """The mean over timelines as news-tls reports it: mean precision, mean recall, and
    the F1 of those two means (not the mean of the F1s)."""
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    return PRF(precision, recall, f_score(precision, recall))
