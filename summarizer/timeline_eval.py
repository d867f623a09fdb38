"""Evaluation of timelines against human ones, with the field's protocol and metrics.

A timeline dataset is a folder of source folders (``timeline17-bpoil/bpoil_bbc/`` ...),
each with ``docs/*`` articles (dates from ``meta.json`` or file names) and
``refs/<id>.json`` human timelines (a list of ``{"date", "sentences"}``). The articles of
all source folders are pooled as one topic, and each reference timeline is scored on its
own (the news-tls protocol of Gholipour Ghalandari and Ifrim 2020): the system reads only
the articles published from the reference's first to its last date, and makes a
timeline with as many dates as the reference and, per date, the reference's mean number
of sentences (rounded as Python rounds). Scores (:mod:`summarizer.timeline_scores`):
align+ m:1 ROUGE-1 and ROUGE-2, date F1 and concat ROUGE; the mean over timelines is
the F1 of the mean precision and mean recall, as news-tls reports it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import SummarizerConfig
from .errors import InputError
from .load import read_text
from .timeline_scores import (
    PRF,
    TimelineRouge,
    align_many_to_one,
    concat,
    date_scores,
    mean_prf,
)
from .types import Article

__all__ = [
    "BusiestDays",
    "OurTimeline",
    "ReferenceTimeline",
    "TimelineDataset",
    "TimelineResult",
    "TimelineSystem",
    "TimelineTask",
    "evaluate_timelines",
    "load_timeline_dataset",
    "mean_row",
    "results_to_dict",
    "task_for",
]

#: A system maps the task's articles and sizes to a timeline (date -> sentences).
TimelineSystem = Callable[["TimelineTask"], Mapping[dt.date, Sequence[str]]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceTimeline:
    """One human timeline: ``name`` is ``<source folder>/<file stem>``; ``dates`` maps
    each date to its sentences (a date given twice keeps its last entry, as tilse and
    news-tls read it)."""

    name: str
    dates: Mapping[dt.date, tuple[str, ...]]

    @property
    def sentences_per_date(self) -> int:
        """The mean number of sentences per date, rounded (Python's ``round``)."""
        return round(sum(len(s) for s in self.dates.values()) / len(self.dates))


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineDataset:
    """The pooled articles of a timeline dataset and its reference timelines."""

    name: str
    articles: tuple[Article, ...]
    references: tuple[ReferenceTimeline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineTask:
    """What a system is given for one reference: the articles in its window, its first
    and last date, how many dates and sentences per date."""

    articles: tuple[Article, ...]
    start: dt.date
    end: dt.date
    dates: int
    sentences: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineResult:
    """One system's timeline for one reference, and its scores."""

    system: str
    reference: str
    timeline: Mapping[dt.date, tuple[str, ...]]
    articles: int
    rouge_1: PRF
    rouge_2: PRF
    dates: PRF
    concat_1: PRF
    concat_2: PRF


def _reference(path: Path, name: str) -> ReferenceTimeline:
    try:
        data = json.loads(read_text(path))
        dates: dict[dt.date, tuple[str, ...]] = {}
        for entry in data:
            sentences = entry["sentences"]
            if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
                raise TypeError("'sentences' must be a list of strings")
            dates[dt.date.fromisoformat(str(entry["date"])[:10])] = tuple(sentences)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            path, f'not a timeline ({exc}); expected [{{"date": "YYYY-MM-DD", "sentences": [...]}}]'
        ) from exc
    if not dates:
        raise InputError(path, "an empty timeline")
    return ReferenceTimeline(name=name, dates=dates)


def load_timeline_dataset(root: str | Path) -> TimelineDataset:
    """Read a timeline dataset: every source folder's articles (pooled; ids prefixed
    with the folder's name, the folder's name as their source) and every reference
    timeline."""
    from .evaluate import _cluster_articles

    root = Path(root)
    if not root.is_dir():
        raise InputError(root, "not a folder (expected SOURCE/docs/* and SOURCE/refs/*.json)")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    articles: list[Article] = []
    references: list[ReferenceTimeline] = []
    for folder in folders:
        if not (folder / "docs").is_dir():
            raise InputError(folder, "no docs/ folder of articles in this source folder")
        for article in _cluster_articles(folder):
            articles.append(replace(article, id=f"{folder.name}/{article.id}", source=folder.name))
        for path in sorted((folder / "refs").glob("*.json")):
            references.append(_reference(path, f"{folder.name}/{path.stem}"))
    if not references:
        raise InputError(root, "no SOURCE/refs/*.json reference timelines in it")
    undated = [a.id for a in articles if a.published is None]
    if undated:
        raise InputError(root, f"{len(undated)} article(s) without a date, e.g. {undated[0]}")
    return TimelineDataset(
        name=root.resolve().name, articles=tuple(articles), references=tuple(references)
    )


def task_for(dataset: TimelineDataset, reference: ReferenceTimeline) -> TimelineTask:
    """The protocol: the articles published from the reference's first to last date,
    its number of dates and its mean sentences per date."""
    days = sorted(reference.dates)
    start, end = days[0], days[-1]
    articles = tuple(
        a
        for a in dataset.articles
        if a.published is not None and start <= a.published.date() <= end
    )
    return TimelineTask(
        articles=articles,
        start=start,
        end=end,
        dates=len(days),
        sentences=reference.sentences_per_date,
    )


class OurTimeline:
    """Our pipeline as a timeline system (picklable, for ``jobs > 1``)."""

    def __init__(self, config: SummarizerConfig | None = None) -> None:
        self.config = config or SummarizerConfig()

    def __call__(self, task: TimelineTask) -> dict[dt.date, list[str]]:
        from .pipeline import summarize_timeline

        config = self.config.with_options(
            timeline={
                "dates": task.dates,
                "sentences": task.sentences,
                "start": task.start,
                "end": task.end,
                "all_articles": True,  # the protocol: the whole pool is the topic
            }
        )
        timeline = summarize_timeline(task.articles, config)
        return {e.date: [item.text for item in e.items] for e in timeline.entries}


class BusiestDays:
    """The baseline (:func:`summarizer.baselines.busiest_days`) as a timeline system."""

    def __init__(self, config: SummarizerConfig | None = None) -> None:
        self.config = config or SummarizerConfig()

    def __call__(self, task: TimelineTask) -> dict[dt.date, list[str]]:
        from .baselines import busiest_days

        return busiest_days(task.articles, self.config, dates=task.dates, sentences=task.sentences)


def _run(args: tuple[TimelineSystem, TimelineTask]) -> dict[dt.date, tuple[str, ...]]:
    system, task = args
    return {day: tuple(sentences) for day, sentences in system(task).items()}


def evaluate_timelines(
    dataset: TimelineDataset,
    systems: Mapping[str, TimelineSystem],
    rouge: TimelineRouge,
    *,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[TimelineResult, ...]:
    """Every system's timeline for every reference, scored; results by reference, then
    system, in the order given. With ``jobs > 1`` the runs are spread over processes,
    with the same results."""
    tasks = [(ref, task_for(dataset, ref)) for ref in dataset.references]
    runs = [(name, ref, task) for ref, task in tasks for name in systems]
    outputs: list[dict[dt.date, tuple[str, ...]]] = []
    if progress:
        progress(0, len(runs), "")
    if jobs > 1 and len(runs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(runs))) as pool:
            work = [(systems[name], task) for name, _, task in runs]
            for done, output in enumerate(pool.map(_run, work), start=1):
                outputs.append(output)
                if progress:
                    progress(done, len(runs), runs[done - 1][1].name)
    else:
        for done, (name, ref, task) in enumerate(runs, start=1):
            outputs.append(_run((systems[name], task)))
            if progress:
                progress(done, len(runs), f"{ref.name} {name}")
    results = []
    for (name, ref, task), timeline in zip(runs, outputs, strict=True):
        gold = [dict(ref.dates)]
        aligned = align_many_to_one(timeline, gold, rouge)
        joined = concat(timeline, gold, rouge)
        results.append(
            TimelineResult(
                system=name,
                reference=ref.name,
                timeline=timeline,
                articles=len(task.articles),
                rouge_1=aligned[1],
                rouge_2=aligned[2],
                dates=date_scores(timeline, gold),
                concat_1=joined[1],
                concat_2=joined[2],
            )
        )
    return tuple(results)


_SCORES = ("rouge_1", "rouge_2", "dates", "concat_1", "concat_2")
#: Each score's key in the JSON results.
_KEYS = {
    "rouge_1": "align_rouge_1",
    "rouge_2": "align_rouge_2",
    "dates": "date",
    "concat_1": "concat_rouge_1",
    "concat_2": "concat_rouge_2",
}


def mean_row(results: Sequence[TimelineResult]) -> dict[str, PRF]:
    """Each score's mean over reference timelines, as news-tls reports it (the F1 of the
    mean precision and recall)."""
    return {field: mean_prf([getattr(r, field) for r in results]) for field in _SCORES}


def results_to_dict(
    dataset: TimelineDataset, results: Sequence[TimelineResult], **extra: Any
) -> dict[str, Any]:
    """Machine-readable results: per reference and system the scores (precision, recall,
    F1) and the timeline, and per system the mean."""

    def prf(value: PRF) -> dict[str, float]:
        return {
            "precision": round(value.precision, 4),
            "recall": round(value.recall, 4),
            "f1": round(value.f1, 4),
        }

    systems = list(dict.fromkeys(r.system for r in results))
    by_ref = {ref.name: ref for ref in dataset.references}
    return {
        "schema_version": 1,
        "kind": "timeline-evaluation",
        **extra,
        "dataset": dataset.name,
        "references": [
            {
                "reference": r.reference,
                "system": r.system,
                "reference_dates": len(by_ref[r.reference].dates),
                "sentences_per_date": by_ref[r.reference].sentences_per_date,
                "articles": r.articles,
                **{_KEYS[field]: prf(getattr(r, field)) for field in _SCORES},
                "timeline": [
                    {"date": day.isoformat(), "sentences": list(r.timeline[day])}
                    for day in sorted(r.timeline)
                ],
            }
            for r in results
        ],
        "mean": [
            {
                "system": name,
                **{
                    _KEYS[field]: prf(value)
                    for field, value in mean_row([r for r in results if r.system == name]).items()
                },
            }
            for name in systems
        ],
    }
