from __future__ import annotations

import datetime as dt

from summarizer.events import group_events, independent_texts
from summarizer.titles import clean_headline
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
BUDGET_2 = (
    "After a long debate over teacher salaries and new buses, the city council "
    "approved next school year's budget on Wednesday."
)
DAY = dt.date(2021, 9, 3)


def _a(
    i: str,
    text: str,
    day: str | None,
    source: str = "AP",
    title: str = "",
    known: bool = True,
) -> Article:
    return Article(
        id=i,
        title=title or text[:40],
        text=text,
        source=source,
        outlet_known=known,
        published=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC) if day else None,
        date_basis="stated" if day else "unknown",
    )


def test_an_event_is_seen_from_its_day() -> None:
    events = group_events(
        [
            _a("s1", STORM, "2021-09-02"),
            _a("s2", STORM_LATER, "2021-09-03", source="Reuters"),
            _a("b1", BUDGET, "2021-09-03", source="Gazette"),
            _a("b2", BUDGET_2, "2021-09-03", source="Herald"),
        ],
        day=DAY,
    )
    groups = sorted(sorted(a.id for a in e.articles) for e in events)
    assert groups == [["b1", "b2"], ["s1", "s2"]]
    budget, storm = events  # two outlets that day before one
    assert budget.outlets == ("Gazette", "Herald") and budget.importance == 2
    assert storm.day_articles == ("s2",) and storm.outlets == ("Reuters",)
    assert storm.first == dt.date(2021, 9, 2) and storm.latest == DAY and storm.texts == 1


def test_wire_copies_are_one_text_but_every_outlet_is_credited() -> None:
    events = group_events(
        [
            _a("w1", STORM, "2021-09-03", source="AP", title="Lena hits Florida coast"),
            _a("w2", STORM, "2021-09-03", source="Miami Herald", title="Lena hits Florida"),
            _a("w3", STORM, "2021-09-03", source="Tampa Bay Times", title="Lena hits Florida"),
            _a("b1", BUDGET, "2021-09-03", source="Gazette"),
            _a("b2", BUDGET_2, "2021-09-03", source="Herald"),
        ],
        day=DAY,
    )
    budget, storm = events  # two independent outlets outrank one text copied by three
    assert storm.copies == (("w1", "w2", "w3"),)
    assert storm.texts == 1 and storm.importance == 1
    assert storm.outlets == ("AP", "Miami Herald", "Tampa Bay Times")
    texts, credits = independent_texts(storm)
    assert [a.id for a in texts] == ["w1"]
    assert credits["w1"] == ["AP", "Miami Herald", "Tampa Bay Times"]
    assert budget.texts == 2 and budget.importance == 2


def test_outlets_come_from_metadata_never_from_file_names() -> None:
    events = group_events(
        [
            _a("f1", BUDGET, "2021-09-03", source="council-1.txt", known=False),
            _a("f2", BUDGET_2, "2021-09-03", source="council-2.txt", known=False),
            _a("s1", STORM, "2021-09-03", source="AP"),
        ],
        day=DAY,
    )
    storm, budget = events  # one known outlet before two files of unknown outlets
    assert budget.outlets == () and budget.importance == 0 and budget.texts == 2
    assert storm.outlets == ("AP",)


def test_headline_is_the_central_article_title_never_a_caption_or_disclaimer() -> None:
    events = group_events(
        [
            _a("a1", STORM, "2021-09-03", title="The opinions expressed are his own ."),
            _a("a2", STORM, "2021-09-03", title="A flooded street in Miami (AP Photo/J. Doe)"),
            _a("a3", STORM_LATER, "2021-09-03", title="By JANE DOE Associated Press"),
        ],
        day=DAY,
    )
    (event,) = events
    assert event.headline == (
        "Hurricane Lena struck the Florida coast near Miami, flooding hundreds of homes "
        "and cutting power to …"
    )
    events = group_events(
        [
            _a("a1", STORM, "2021-09-03", title="Photo: Hurricane Lena"),
            _a("a2", STORM_LATER, "2021-09-03", title="Lena leaves Florida in the dark - Reuters"),
        ],
        day=DAY,
    )
    assert events[0].headline == "Lena leaves Florida in the dark"


def test_clean_headline() -> None:
    assert (
        clean_headline("It is BP 's fault , officials say .") == "It is BP's fault, officials say."
    )
    assert clean_headline("Posted by admin") is None
    assert clean_headline("Copyright 2021 Gazette Media") is None
    assert clean_headline("Storm") is None  # too short to be a headline


def test_input_order_does_not_matter() -> None:
    articles = [
        _a("s1", STORM, "2021-09-01"),
        _a("b1", BUDGET, "2021-09-03"),
        _a("s2", STORM_LATER, "2021-09-03"),
    ]
    assert group_events(articles, day=DAY) == group_events(list(reversed(articles)), day=DAY)


def test_undated_articles_are_grouped_by_text() -> None:
    events = group_events([_a("s1", STORM, None), _a("s2", STORM_LATER, None)])
    assert len(events) == 1 and events[0].latest is None
    assert events[0].id.startswith("undated-")
