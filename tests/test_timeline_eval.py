"""Timeline evaluation: the protocol (window, number of dates, sentences per date) and
the baseline, on the written dataset tests/data/timeline-mini."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.config import SummarizerConfig
from summarizer.errors import InputError
from summarizer.timeline_eval import (
    BusiestDays,
    ReferenceTimeline,
    load_timeline_dataset,
    task_for,
)

MINI = Path(__file__).resolve().parent / "data" / "timeline-mini"


def test_articles_are_pooled_and_references_read() -> None:
    dataset = load_timeline_dataset(MINI)
    assert len(dataset.articles) == 8
    assert {a.source for a in dataset.articles} == {"gazette", "radio"}
    assert all(a.id.split("/")[0] == a.source for a in dataset.articles)
    assert [r.name for r in dataset.references] == ["gazette/gazette", "radio/radio"]


def test_the_protocol_reads_the_reference_s_window_and_sizes() -> None:
    dataset = load_timeline_dataset(MINI)
    task = task_for(dataset, dataset.references[1])  # radio: March 4 and March 20
    assert (task.start, task.end) == (dt.date(2024, 3, 4), dt.date(2024, 3, 20))
    assert all(task.start <= a.published.date() <= task.end for a in task.articles if a.published)
    assert len(task.articles) == 7  # the gazette's March 25 article is after the window
    assert (task.dates, task.sentences) == (2, 2)


@pytest.mark.parametrize(("counts", "expected"), [((1, 2), 2), ((1, 2, 2, 1), 2), ((2, 3), 2)])
def test_sentences_per_date_is_the_mean_rounded_as_python_rounds(
    counts: tuple[int, ...], expected: int
) -> None:
    days = [dt.date(2010, 4, 20) + dt.timedelta(days=k) for k in range(len(counts))]
    reference = ReferenceTimeline(
        name="r", dates={d: ("s",) * n for d, n in zip(days, counts, strict=True)}
    )
    assert reference.sentences_per_date == expected  # round(1.5) == 2, round(2.5) == 2


def test_the_baseline_gives_the_busiest_days_the_lead_of_their_central_article() -> None:
    dataset = load_timeline_dataset(MINI)
    task = task_for(dataset, dataset.references[0])
    timeline = BusiestDays(SummarizerConfig())(task)
    assert {dt.date(2024, 3, 4), dt.date(2024, 3, 8)} <= set(timeline)  # two texts each
    assert "collapsed" in timeline[dt.date(2024, 3, 4)][0]  # a lead, not a later sentence
    assert len(timeline) == task.dates
    for sentences in timeline.values():
        assert len(sentences) == task.sentences


def test_a_dataset_without_references_or_docs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outlet" / "docs").mkdir(parents=True)
    with pytest.raises(InputError, match=r"no SOURCE/refs/\*\.json"):
        load_timeline_dataset(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no docs/ folder"):
        load_timeline_dataset(tmp_path)
