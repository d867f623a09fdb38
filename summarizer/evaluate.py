"""Evaluation against human summaries: datasets of clusters, ROUGE scores per cluster (our
ROUGE-1.5.5 reimplementation, :mod:`summarizer.rouge`), runs of our pipeline and of the
baselines, macro means over datasets and bootstrap intervals over clusters.

A dataset folder holds one folder per cluster with ``docs/*`` (article bodies),
``refs/*.txt`` (human summaries, one sentence a line) and optionally ``meta.json``
(``docs: [{doc_id, date, source}]``), the layout of the DUC data as prepared for this
project; ``budget.json`` at its root gives the word budget (``{"max_words": 100}``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .config import SummarizerConfig
from .errors import InputError
from .load import read_text
from .rouge import RougeTokenizer, cut_words, score_summary
from .types import Article

__all__ = [
    "ClusterScores",
    "Dataset",
    "EvalCluster",
    "Interval",
    "OurSystem",
    "PeerSystem",
    "RougeTokenizer",
    "SystemResult",
    "bootstrap_interval",
    "cut_words",
    "evaluate_systems",
    "human_agreement",
    "load_dataset",
    "load_wordnet_exceptions",
    "macro_mean",
    "ours",
]

ProgressCallback = Callable[[int, int, str], None]
#: A system maps a cluster and a word budget to summary sentences.
System = Callable[["EvalCluster", int], Sequence[str]]
#: Word budget of a dataset without budget.json (the DUC generic-summary budget).
DEFAULT_BUDGET = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalCluster:
    """One cluster: its articles (dates and sources from metadata) and references."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[tuple[str, ...], ...]  # each reference: its sentences
    #: Summaries submitted by evaluation participants (``peers/<system>.txt``), by system.
    peers: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Dataset:
    """A folder of clusters and its word budget (``budget.json``, else None)."""

    name: str
    budget: int | None
    clusters: tuple[EvalCluster, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterScores:
    """ROUGE-1 and ROUGE-2 of one summary, recall and F1 in percent."""

    r1_recall: float
    r1_f1: float
    r2_recall: float
    r2_f1: float


_FIELDS = ("r1_recall", "r1_f1", "r2_recall", "r2_f1")


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemResult:
    """A system's summary of every cluster of a dataset and their scores."""

    name: str
    clusters: tuple[str, ...]
    scores: tuple[ClusterScores, ...]  # aligned with ``clusters``
    summaries: tuple[tuple[str, ...], ...]  # aligned with ``clusters``

    def mean(self) -> ClusterScores:
        """Scores averaged over clusters."""
        return ClusterScores(
            **{f: float(np.mean([getattr(s, f) for s in self.scores])) for f in _FIELDS}
        )

    def values(self, field: str) -> np.ndarray:
        """One score field of every cluster."""
        return np.array([getattr(s, field) for s in self.scores], dtype=float)


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate and its bootstrap interval."""

    value: float
    low: float
    high: float


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


def _budget(root: Path) -> int | None:
    path = root / "budget.json"
    if not path.is_file():
        return None
    try:
        budget = json.loads(path.read_text(encoding="utf-8"))["max_words"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            path, f'malformed budget.json ({exc}); expected {{"max_words": N}}'
        ) from exc
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        raise InputError(path, f"max_words must be a whole number >= 1, got {budget!r}")
    return budget


def _lines(path: Path) -> tuple[str, ...]:
    return tuple(line.strip() for line in read_text(path).splitlines() if line.strip())


def load_dataset(root: str | Path) -> Dataset:
    """Read every cluster folder of a dataset, and its budget.

    ``.txt`` documents have no headline: the whole file is the body; other formats are read
    as everywhere else. Publication dates and sources come from ``meta.json`` when present.
    """
    root = Path(root)
    clusters = []
    for path in _cluster_dirs(root):
        if not (path / "docs").is_dir():
            raise InputError(path, "no docs/ folder of articles in this cluster")
        refs = sorted((path / "refs").glob("*.txt"))
        articles = _cluster_articles(path)
        if not articles:
            raise InputError(path, "no articles in docs/ in this cluster")
        if not refs:
            raise InputError(path, "no refs/*.txt reference summaries in this cluster")
        peers = tuple(  # a participant that submitted nothing has an empty file
            (peer.stem, _lines(peer) if peer.read_bytes().strip() else ())
            for peer in sorted((path / "peers").glob("*.txt"))
        )
        clusters.append(
            EvalCluster(
                id=path.name,
                articles=tuple(articles),
                references=tuple(_lines(ref) for ref in refs),
                peers=peers,
            )
        )
    return Dataset(name=root.resolve().name, budget=_budget(root), clusters=tuple(clusters))


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


class OurSystem:
    """Our pipeline as an evaluation system: its items in the order selection chose them
    (so the budget cut falls on the last chosen), plain sentences. Picklable, for
    ``jobs > 1``."""

    def __init__(self, config: SummarizerConfig | None = None) -> None:
        # References are generic summaries, not timelines: the timeline is off unless the
        # caller's config says otherwise.
        self.config = config or SummarizerConfig().with_options(select={"timeline_dates": 0})

    def __call__(self, cluster: EvalCluster, max_words: int) -> Sequence[str]:
        from .pipeline import summarize

        cfg = self.config.with_options(select={"max_words": max_words, "overflow": True})
        briefing = summarize(cluster.articles, cfg)
        return [item.text for item in sorted(briefing.items, key=lambda it: it.rank)]


class PeerSystem:
    """A participant's submitted summaries (``peers/<name>.txt``) as a system, so that
    they are scored by exactly the code path our summaries take."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, cluster: EvalCluster, max_words: int) -> Sequence[str]:
        return dict(cluster.peers).get(self.name, ())


def ours(config: SummarizerConfig | None = None) -> System:
    """Our pipeline as an evaluation system (see :class:`OurSystem`)."""
    return OurSystem(config)


def _summarise(task: tuple[System, EvalCluster, int]) -> tuple[str, ...]:
    system, cluster, max_words = task
    return cut_words(system(cluster, max_words), max_words)


def _scores(
    summary: Sequence[str],
    references: Sequence[Sequence[str]],
    tokenizer: RougeTokenizer,
    max_words: int,
) -> ClusterScores:
    r1, r2 = score_summary(summary, references, tokenizer, max_words=max_words)
    return ClusterScores(
        r1_recall=100 * r1.recall, r1_f1=100 * r1.f1, r2_recall=100 * r2.recall, r2_f1=100 * r2.f1
    )


def evaluate_systems(
    clusters: Sequence[EvalCluster],
    systems: Mapping[str, System],
    *,
    max_words: int = DEFAULT_BUDGET,
    exceptions: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    jobs: int = 1,
) -> tuple[SystemResult, ...]:
    """Summarise every cluster with every system and score the summaries (summary and
    references cut to ``max_words``, as ROUGE-1.5.5's ``-l``).

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

        with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
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
    results = []
    for name in systems:
        summaries = tuple(outputs[(name, c.id)] for c in clusters)
        results.append(
            SystemResult(
                name=name,
                clusters=tuple(c.id for c in clusters),
                scores=tuple(
                    _scores(summary, c.references, tokenizer, max_words)
                    for summary, c in zip(summaries, clusters, strict=True)
                ),
                summaries=summaries,
            )
        )
    return tuple(results)


def human_agreement(
    clusters: Sequence[EvalCluster],
    *,
    max_words: int = DEFAULT_BUDGET,
    exceptions: Mapping[str, str] | None = None,
) -> SystemResult:
    """Each reference scored against the other references of its cluster, averaged per
    cluster: the scale on which system scores can be read. Clusters with a single
    reference are left out."""
    tokenizer = RougeTokenizer(exceptions)
    kept = [c for c in clusters if len(c.references) > 1]
    scores = []
    for cluster in kept:
        refs = cluster.references
        each = [
            _scores(refs[k], refs[:k] + refs[k + 1 :], tokenizer, max_words)
            for k in range(len(refs))
        ]
        scores.append(
            ClusterScores(**{f: float(np.mean([getattr(s, f) for s in each])) for f in _FIELDS})
        )
    return SystemResult(
        name="Human",
        clusters=tuple(c.id for c in kept),
        scores=tuple(scores),
        summaries=tuple(c.references[0] for c in kept),
    )


def macro_mean(per_dataset: Sequence[np.ndarray]) -> float:
    """The mean over datasets of each dataset's mean over clusters."""
    return float(np.mean([values.mean() for values in per_dataset]))


def bootstrap_interval(
    per_dataset: Sequence[np.ndarray],
    *,
    samples: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> Interval:
    """The macro mean of per-cluster values and its percentile bootstrap interval.

    Clusters are resampled with replacement within each dataset (a stratified bootstrap),
    so every resample keeps the datasets' sizes; the same seed gives the same interval.
    For a paired difference, pass the per-cluster differences.

    Examples
    --------
    >>> import numpy as np
    >>> iv = bootstrap_interval([np.array([1.0, 2.0, 3.0]), np.array([10.0, 10.0])])
    >>> iv.value, iv.low <= iv.value <= iv.high
    (6.0, True)
    """
    rng = np.random.default_rng(seed)
    means = np.zeros(samples)
    for values in per_dataset:
        picks = rng.integers(0, len(values), size=(samples, len(values)))
        means += values[picks].mean(axis=1)
    means /= len(per_dataset)
    tail = (1.0 - confidence) / 2
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return Interval(macro_mean(per_dataset), float(low), float(high))


def results_to_dict(
    datasets: Sequence[tuple[Dataset, int, Sequence[SystemResult]]],
    **extra: Any,
) -> dict[str, Any]:
    """Machine-readable results: per dataset each system's mean scores, and per system
    the macro mean over datasets with bootstrap intervals for R-1 and R-2 recall."""
    names = [r.name for r in datasets[0][2]] if datasets else []
    out: dict[str, Any] = {"schema_version": 2, **extra, "datasets": [], "macro": []}
    for dataset, max_words, results in datasets:
        out["datasets"].append(
            {
                "name": dataset.name,
                "clusters": len(dataset.clusters),
                "max_words": max_words,
                "systems": [
                    {"name": r.name, **{f: round(getattr(r.mean(), f), 2) for f in _FIELDS}}
                    for r in results
                ],
            }
        )
    for name in names:
        row: dict[str, Any] = {"name": name}
        for f in ("r1_recall", "r2_recall"):
            values = [next(r for r in rs if r.name == name).values(f) for _, _, rs in datasets]
            iv = bootstrap_interval(values)
            row[f] = round(iv.value, 2)
            row[f"{f}_interval"] = [round(iv.low, 2), round(iv.high, 2)]
        out["macro"].append(row)
    return out
