"""Evaluation against human summaries: a dataset of clusters, ROUGE scores (the pure-Python
ROUGE-1.5.5 reimplementation of the ``rouge-metric`` package, references pooled per
cluster, Porter stemming, stopwords kept), and runs of our pipeline and the baselines.

A dataset folder holds one folder per cluster with ``docs/*.txt`` (article bodies),
``refs/*.txt`` (human summaries) and optionally ``meta.json`` (``docs: [{doc_id, date,
source}]``), the layout of DUC 2003 as prepared for this project.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import SummarizerConfig
from .errors import InputError
from .load import read_text
from .types import Article

__all__ = [
    "EvalCluster",
    "OurSystem",
    "RougeScores",
    "RougeTokenizer",
    "SystemResult",
    "cut_words",
    "evaluate_systems",
    "load_dataset",
    "load_wordnet_exceptions",
    "ours",
    "rouge",
]

ProgressCallback = Callable[[int, int, str], None]
#: A system maps a cluster and a word budget to summary sentences.
System = Callable[["EvalCluster", int], Sequence[str]]


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalCluster:
    """One cluster: its articles (newest date known from metadata) and references."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[tuple[str, ...], ...]  # each reference: its sentences


@dataclass(frozen=True, slots=True, kw_only=True)
class RougeScores:
    """Averaged over clusters, in percent."""

    r1_recall: float
    r1_f1: float
    r2_recall: float
    r2_f1: float
    rl_recall: float
    rl_f1: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemResult:
    """A system's name, its scores, and its summary of every cluster."""

    name: str
    scores: RougeScores
    summaries: tuple[tuple[str, tuple[str, ...]], ...]  # (cluster id, sentences)


def _cluster_dirs(root: Path) -> list[Path]:
    if not root.is_dir():
        raise InputError(root, "not a folder (expected one folder per cluster)")
    dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not dirs:
        raise InputError(root, "no cluster folders in it (expected CLUSTER/docs/*.txt)")
    return dirs


def _meta_dates(path: Path) -> dict[str, tuple[dt.datetime | None, str | None]]:
    meta = path / "meta.json"
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        out = {}
        for doc in data.get("docs", []):
            date = doc.get("date")
            when = (
                dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC)
                if isinstance(date, str)
                else None
            )
            out[str(doc["doc_id"])] = (when, doc.get("source"))
        return out
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(meta, f"malformed meta.json ({exc})") from exc


def _cluster_articles(path: Path) -> list[Article]:
    """A cluster's documents: ``.txt`` files are article bodies without a headline (the
    dataset convention); other files (HTML, JSON, feeds) go through the common loader."""
    from dataclasses import replace

    from .load import parse_bytes, read_bytes

    meta = _meta_dates(path)
    articles = []
    for doc in sorted(p for p in (path / "docs").iterdir() if not p.name.startswith(".")):
        if doc.suffix.lower() == ".txt":
            found = [Article(id=doc.stem, title=doc.stem, text=read_text(doc), source=doc.stem)]
        else:
            found = list(parse_bytes(doc, read_bytes(doc)).articles)
        for article in found:
            published, source = meta.get(article.id, (None, None))
            if published is not None or source is not None:
                article = replace(
                    article,
                    published=published or article.published,
                    date_basis="stated" if (published or article.published) else "unknown",
                    source=source or article.source,
                )
            articles.append(article)
    return articles


def load_dataset(root: str | Path) -> tuple[EvalCluster, ...]:
    """Read every cluster folder of a dataset.

    ``.txt`` documents have no headline: the whole file is the body; other formats are read
    as everywhere else. Publication dates and sources come from ``meta.json`` when present.
    """
    clusters = []
    for path in _cluster_dirs(Path(root)):
        if not (path / "docs").is_dir():
            raise InputError(path, "no docs/ folder of articles in this cluster")
        refs = sorted((path / "refs").glob("*.txt"))
        articles = _cluster_articles(path)
        if not articles:
            raise InputError(path, "no articles in docs/ in this cluster")
        if not refs:
            raise InputError(path, "no refs/*.txt reference summaries in this cluster")
        references = tuple(
            tuple(line.strip() for line in read_text(ref).splitlines() if line.strip())
            for ref in refs
        )
        clusters.append(EvalCluster(id=path.name, articles=tuple(articles), references=references))
    return tuple(clusters)


def load_wordnet_exceptions(path: str | Path) -> dict[str, str]:
    """ROUGE-1.5.5's WordNet exception list: one ``inflected<TAB>base`` pair per line."""
    out = {}
    for number, line in enumerate(read_text(Path(path)).splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise InputError(path, f"line {number}: expected 'inflected<TAB>base'")
        out[parts[0].strip().lower()] = parts[1].strip().lower()
    return out


class RougeTokenizer:
    """ROUGE-1.5.5 tokens: lower case, non-alphanumerics as spaces, tokens longer than
    three characters mapped through the WordNet exceptions (if given) and Porter-stemmed."""

    def __init__(self, exceptions: Mapping[str, str] | None = None) -> None:
        from nltk.stem.porter import PorterStemmer

        self._stemmer = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
        self._exceptions = dict(exceptions or {})
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        out = []
        for token in re.sub(r"[^a-z0-9]+", " ", text.lower()).split():
            stem = self._cache.get(token)
            if stem is None:
                stem = token
                if len(token) > 3:
                    stem = self._stemmer.stem(self._exceptions.get(token, token))
                self._cache[token] = stem
            out.append(stem)
        return out


def cut_words(sentences: Iterable[str], max_words: int) -> tuple[str, ...]:
    """The sentences cut to their first ``max_words`` words (the last one may be cut)."""
    out: list[str] = []
    left = max_words
    for sentence in sentences:
        words = sentence.split()
        if left <= 0:
            break
        out.append(" ".join(words[:left]))
        left -= len(words[:left])
    return tuple(s for s in out if s)


def rouge(
    summaries: Sequence[Sequence[str]],
    references: Sequence[Sequence[Sequence[str]]],
    tokenizer: RougeTokenizer,
) -> RougeScores:
    """ROUGE-1, -2 and -L (summary-level LCS), references pooled, averaged over clusters."""
    from rouge_metric import PyRouge

    hyps = [[tokenizer(s) for s in summary] for summary in summaries]
    refs = [[[tokenizer(s) for s in ref] for ref in cluster] for cluster in references]
    scores: dict[str, dict[str, float]] = PyRouge(
        rouge_n=(1, 2), rouge_l=True, multi_ref_mode="average", mode="average"
    ).evaluate_tokenized(hyps, refs)
    return RougeScores(
        r1_recall=100 * scores["rouge-1"]["r"],
        r1_f1=100 * scores["rouge-1"]["f"],
        r2_recall=100 * scores["rouge-2"]["r"],
        r2_f1=100 * scores["rouge-2"]["f"],
        rl_recall=100 * scores["rouge-l"]["r"],
        rl_f1=100 * scores["rouge-l"]["f"],
    )


class OurSystem:
    """Our pipeline as an evaluation system: its items in the order selection chose them
    (so the budget cut falls on the last chosen), plain sentences. Picklable, for
    ``jobs > 1``."""

    def __init__(self, config: SummarizerConfig | None = None) -> None:
        self.config = config or SummarizerConfig()

    def __call__(self, cluster: EvalCluster, max_words: int) -> Sequence[str]:
        from .pipeline import summarize

        cfg = self.config.with_options(select={"max_words": max_words, "overflow": True})
        briefing = summarize(cluster.articles, cfg)
        return [item.text for item in sorted(briefing.items, key=lambda it: it.rank)]


def ours(config: SummarizerConfig | None = None) -> System:
    """Our pipeline as an evaluation system (see :class:`OurSystem`)."""
    return OurSystem(config)


def _summarise(task: tuple[System, EvalCluster, int]) -> tuple[str, ...]:
    system, cluster, max_words = task
    return cut_words(system(cluster, max_words), max_words)


def evaluate_systems(
    clusters: Sequence[EvalCluster],
    systems: Mapping[str, System],
    *,
    max_words: int = 100,
    exceptions: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    jobs: int = 1,
) -> tuple[SystemResult, ...]:
    """Summarise every cluster with every system and score the summaries.

    With ``jobs > 1`` the (cluster, system) runs are spread over that many processes;
    the results are the same as with one.
    """
    tasks = [(name, cluster) for cluster in clusters for name in systems]
    outputs: dict[tuple[str, str], tuple[str, ...]] = {}
    total = len(tasks)
    if progress:
        progress(0, total, "")
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(_summarise, (systems[name], cluster, max_words)): (name, cluster.id)
                for name, cluster in tasks
            }
            for done, future in enumerate(as_completed(futures), start=1):
                outputs[futures[future]] = future.result()
                if progress:
                    progress(done, total, " ".join(reversed(futures[future])))
    else:
        for done, (name, cluster) in enumerate(tasks, start=1):
            outputs[(name, cluster.id)] = _summarise((systems[name], cluster, max_words))
            if progress:
                progress(done, total, f"{cluster.id} {name}")
    tokenizer = RougeTokenizer(exceptions)
    refs = [cluster.references for cluster in clusters]
    results = []
    for name in systems:
        summaries = tuple((c.id, outputs[(name, c.id)]) for c in clusters)
        results.append(
            SystemResult(
                name=name,
                scores=rouge([s for _, s in summaries], refs, tokenizer),
                summaries=summaries,
            )
        )
    return tuple(results)


def human_agreement(
    clusters: Sequence[EvalCluster], exceptions: Mapping[str, str] | None = None
) -> RougeScores:
    """Each reference scored against the other references of its cluster, averaged: the
    scale on which system scores can be read."""
    tokenizer = RougeTokenizer(exceptions)
    rows: list[RougeScores] = []
    for k in range(max(len(c.references) for c in clusters)):
        picked = [c for c in clusters if len(c.references) > k and len(c.references) > 1]
        rows.append(
            rouge(
                [c.references[k] for c in picked],
                [c.references[:k] + c.references[k + 1 :] for c in picked],
                tokenizer,
            )
        )
    return RougeScores(
        **{
            field: sum(getattr(r, field) for r in rows) / len(rows)
            for field in RougeScores.__dataclass_fields__
        }
    )


def results_to_dict(results: Sequence[SystemResult], **extra: Any) -> dict[str, Any]:
    """Machine-readable results."""
    return {
        "schema_version": 1,
        **extra,
        "systems": [
            {"name": r.name, **{k: round(v, 2) for k, v in vars_of(r.scores).items()}}
            for r in results
        ],
    }


def vars_of(scores: RougeScores) -> dict[str, float]:
    """The score fields as a dict (slotted dataclasses have no ``__dict__``)."""
    return {f: getattr(scores, f) for f in RougeScores.__dataclass_fields__}
