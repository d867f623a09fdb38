from __future__ import annotations

import datetime as dt

import pytest

from summarizer.dates import (
    date_article,
    find_dates,
    is_date_line,
    resolve_weekday,
    temporal_ref,
)
from summarizer.types import Article


def _dated(articles, fragment):
    (article,) = [date_article(a) for a in articles if fragment in a.source]
    return article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 16.09.2017 11:51", "2017-09-16T11:51:00+00:00"),
        ("Updated: September 16, 2017 09:12 PM", "2017-09-16T21:12:00+00:00"),
        ("November 4, 2017", "2017-11-04T00:00:00+00:00"),
        ("Abu Dhabi, UAEFriday 23 August 2019", "2019-08-23T00:00:00+00:00"),
        ("Habbaniyah, Iraq (AFP) Oct 26, 2017", "2017-10-26T00:00:00+00:00"),
        ("posted 2017-10-31", "2017-10-31T00:00:00+00:00"),
    ],
)
def test_find_dates_formats(text: str, expected: str) -> None:
    assert [d.isoformat() for _, _, d in find_dates(text)] == [expected]
    assert is_date_line(text)


def test_impossible_and_ancient_dates_are_ignored() -> None:
    assert find_dates("31.02.2017") == []
    assert find_dates("March 3, 1066") == []


def test_sentences_are_not_date_lines() -> None:
    assert not is_date_line("Iraqi forces outside Akashat on September 15, 2017 prepared.")


def test_labelled_publication_date(sample_articles) -> None:
    article = _dated(sample_articles, "akashat-offensive-launched")
    assert article.published == dt.datetime(2017, 9, 16, 11, 51, tzinfo=dt.UTC)
    assert article.date_basis == "stated"


def test_crawl_stamp_loses_to_the_page_date(sample_articles) -> None:
    article = _dated(sample_articles, "abu-dhabi")
    assert article.published is not None
    assert article.published.date() == dt.date(2017, 9, 16)


def test_unlabelled_crawl_stamp_far_after_the_body_is_ignored() -> None:
    text = (
        "Friday 23 August 2019\n\n"
        "Troops prepared outside the town on September 15, 2017, officials said at length.\n"
    )
    article = date_article(Article(id="a", title="T", text=text, source="s"))
    assert article.published is None
    assert article.date_basis == "unknown"


def test_byline_date(sample_articles) -> None:
    article = _dated(sample_articles, "allabouttopnews")
    assert article.published is not None
    assert article.published.date() == dt.date(2017, 11, 4)


def test_related_link_date_is_a_passage_not_the_publication_date(sample_articles) -> None:
    article = _dated(sample_articles, "spacedaily")
    assert article.published is None
    assert [p.date for p in article.passages] == [dt.date(2017, 10, 26)]
    assert "on Thursday" in article.passages[0].text


@pytest.mark.parametrize(
    ("reference", "weekday", "direction", "expected"),
    [
        (dt.date(2017, 11, 4), 4, "past", dt.date(2017, 11, 3)),  # Friday before a Saturday
        (dt.date(2017, 9, 16), 5, "past", dt.date(2017, 9, 16)),  # the same day
        (dt.date(2017, 9, 16), 5, "strict_past", dt.date(2017, 9, 9)),  # "last Saturday"
        (dt.date(2017, 10, 26), 1, "future", dt.date(2017, 10, 31)),
        (dt.date(2017, 10, 31), 1, "strict_future", dt.date(2017, 11, 7)),
    ],
)
def test_resolve_weekday(reference, weekday, direction, expected) -> None:
    assert resolve_weekday(reference, weekday, direction) == expected


def test_temporal_ref_kinds() -> None:
    assert temporal_ref("Forces captured the town on Saturday.").kind == "weekday"
    assert temporal_ref("The vote will be held on Sunday.").direction == "future"
    assert temporal_ref("He resigned last Monday.").direction == "strict_past"
    assert temporal_ref("Troops arrived yesterday.").offset == -1
    assert temporal_ref("In July, Iraq retook control of Mosul.").kind == "background"
    assert temporal_ref("Troops massed on September 15, 2017.").date == dt.date(2017, 9, 15)
    assert temporal_ref("The mayor spoke to reporters.").kind == "none"


def test_sample_event_dates(sample_briefing) -> None:
    by_text = {item.text: item for item in sample_briefing.items}
    (obeidi,) = [i for t, i in by_text.items() if "edge of Al-Qaim" in t]
    assert (obeidi.date, obeidi.date_basis) == (dt.date(2017, 10, 31), "inferred")
    (fall,) = [i for t, i in by_text.items() if "pushed from Qaim" in t]
    assert (fall.date, fall.date_basis) == (dt.date(2017, 11, 3), "event")


def test_undated_article_without_evidence_stays_unknown() -> None:
    from summarizer.pipeline import summarize

    articles = [
        Article(
            id="a",
            title="Storm hits coast",
            source="a.txt",
            text="A storm hit the coast on Tuesday, flooding dozens of homes near the port.",
        ),
        Article(
            id="b",
            title="Council meets",
            source="b.txt",
            text="The city council met to discuss the budget for the coming school year.",
        ),
    ]
    briefing = summarize(articles)
    assert briefing.items
    assert all(item.date is None and item.date_basis == "unknown" for item in briefing.items)
    assert briefing.date is None


def test_future_and_ancient_metadata_dates_are_not_trusted() -> None:
    future = Article(
        id="f",
        title="T",
        text="Body text here.",
        source="s",
        published=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        date_basis="stated",
    )
    dated = date_article(future, today=dt.date(2021, 3, 1))
    assert dated.published is None and dated.date_basis == "unknown"
    assert date_article(future).published is not None  # no reference date: kept
    old = Article(
        id="o",
        title="T",
        text="Body.",
        source="s",
        published=dt.datetime(1985, 5, 1, tzinfo=dt.UTC),
        date_basis="stated",
    )
    assert date_article(old).published is None


def test_future_dated_record_is_used_with_an_unknown_date(tmp_path, capsys) -> None:
    import json

    from summarizer.cli import main

    record = {
        "title": "Storm",
        "published": "2999-01-01",
        "text": "A storm hit the coast on Monday, flooding hundreds of homes near the port.",
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(record))
    assert main(["brief", str(tmp_path), "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["articles"][0]["published"] is None
    assert doc["items"] and all(item["date"] is None for item in doc["items"])


def test_a_future_word_elsewhere_does_not_move_the_weekday_forward() -> None:
    text = (
        "Parasite was the upset winner at the awards on Sunday, cementing its role as "
        "frontrunner at the Oscars next month."
    )
    assert temporal_ref(text).direction == "past"
    assert temporal_ref("The talks will resume on Sunday in Geneva.").direction == "future"


# Text tokenised the Penn Treebank way (Timeline17) and days of a month without a year.


def test_a_full_date_tokenised_the_penn_treebank_way_is_found() -> None:
    (found,) = find_dates("The rig exploded on April 20 , 2010 , killing 11 .")
    assert found[2].date() == dt.date(2010, 4, 20)


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("The rig exploded on April 20 , killing 11 workers .", 4, 20),
        ("The well has leaked since the 20 April explosion.", 4, 20),
        ("On Sept. 19 the well was declared dead.", 9, 19),
        ("BP will testify on June 17.", 6, 17),
    ],
)
def test_a_day_of_a_month_without_its_year_is_a_reference_when_asked(
    text: str, month: int, day: int
) -> None:
    ref = temporal_ref(text, month_days=True)
    assert (ref.kind, ref.month, ref.day) == ("monthday", month, day)
    assert temporal_ref(text).kind != "monthday"  # briefings are unchanged by default


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose in May 2010.",  # a month of a year: background
        "Officials said it may 5 times exceed the estimate.",  # the verb
        "In April 1,000 barrels a day leaked.",  # a number, not a day
        "The fund stood at $ 20 billion on February 30.",  # no such day
    ],
)
def test_what_is_not_a_day_of_a_month(text: str) -> None:
    assert temporal_ref(text, month_days=True).kind != "monthday"


@pytest.mark.parametrize(
    ("reference", "month", "day", "expected"),
    [
        (dt.date(2010, 10, 5), 4, 20, dt.date(2010, 4, 20)),  # looking back half a year
        (dt.date(2011, 1, 3), 12, 28, dt.date(2010, 12, 28)),  # across the new year
        (dt.date(2010, 6, 1), 6, 17, dt.date(2010, 6, 17)),  # an announced hearing
        (dt.date(2010, 4, 21), 4, 20, dt.date(2010, 4, 20)),
        (dt.date(2011, 3, 1), 2, 29, dt.date(2012, 2, 29)),  # the only 29 February near
    ],
)
def test_resolve_month_day(reference: dt.date, month: int, day: int, expected: dt.date) -> None:
    from summarizer.dates import resolve_month_day

    assert resolve_month_day(reference, month, day) == expected
