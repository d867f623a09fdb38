from __future__ import annotations

import datetime as dt

from summarizer.config import EventConfig
from summarizer.events import group_events
from summarizer.types import Article

STORM = (
    "Hurricane Lena struck the Florida coast near Miami, flooding hundreds of homes and "
    "cutting power to two million people as the storm surge rose."
)
STORM_LATER = (
    "Rescue teams searched flooded Florida streets after Hurricane Lena, as power "
    "returned to half of the two million homes the storm left in the dark."
)
BUDGET = (
    "The city council approved the budget for the coming school year after a long "
    "debate over teacher salaries and the cost of new buses."
)


def _a(i: str, text: str, day: str | None, source: str = "AP", title: str = "") -> Article:
    return Article(
        id=i,
        title=title or text[:40],
        text=text,
        source=source,
        published=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC) if day else None,
        date_basis="stated" if day else "unknown",
    )


def test_two_stories_of_one_day_stay_apart_and_a_story_stays_together() -> None:
    events = group_events(
        [
            _a("s1", STORM, "2021-09-01"),
            _a("s2", STORM_LATER, "2021-09-03", source="Reuters"),
            _a("b1", BUDGET, "2021-09-03"),
        ],
        day=dt.date(2021, 9, 3),
    )
    groups = sorted(sorted(a.id for a in e.articles) for e in events)
    assert groups == [["b1"], ["s1", "s2"]]
    storm = next(e for e in events if len(e.articles) == 2)
    assert storm.latest == dt.date(2021, 9, 3) and storm.outlets == 2 and storm.texts == 2
    assert events[0] is storm  # two independent sources outrank one


def test_wire_copies_are_one_text_but_every_outlet_counts() -> None:
    events = group_events(
        [
            _a("w1", STORM, "2021-09-01", source="AP", title="Lena hits Florida"),
            _a("w2", STORM, "2021-09-01", source="Miami Herald", title="Lena hits Florida"),
            _a("w3", STORM, "2021-09-01", source="Tampa Bay Times", title="Lena hits Florida"),
            _a("b1", BUDGET, "2021-09-01"),
            _a(
                "b2",
                "After a long debate over teacher salaries and new buses, the city council "
                "approved next school year's budget on Wednesday.",
                "2021-09-01",
                source="Gazette",
            ),
        ]
    )
    storm = next(e for e in events if "w1" in {a.id for a in e.articles})
    assert storm.copies == (("w1", "w2", "w3"),)
    assert storm.texts == 1 and storm.outlets == 3
    assert storm.headline == "Lena hits Florida"  # the title most articles share
    budget = next(e for e in events if e is not storm)
    assert budget.texts == 2 and budget.outlets == 2
    # Two independent texts outrank one text copied by three outlets.
    assert budget.importance > storm.importance
    assert events[0] is budget


def test_recency_ranks_events() -> None:
    events = group_events(
        [
            _a("s1", STORM, "2021-08-01"),
            _a("b1", BUDGET, "2021-09-03"),
        ],
        day=dt.date(2021, 9, 3),
    )
    assert [e.articles[0].id for e in events] == ["b1", "s1"]


def test_input_order_does_not_matter() -> None:
    articles = [
        _a("s1", STORM, "2021-09-01"),
        _a("b1", BUDGET, "2021-09-03"),
        _a("s2", STORM_LATER, "2021-09-03"),
    ]
    assert group_events(articles) == group_events(list(reversed(articles)))


def test_undated_articles_are_grouped_by_text() -> None:
    events = group_events([_a("s1", STORM, None), _a("s2", STORM_LATER, None)], EventConfig())
    assert len(events) == 1 and events[0].latest is None
