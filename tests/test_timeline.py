"""Timelines: date ranking on written examples, the whole stage on a written saga and on
the real sample."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pytest

from summarizer.config import SummarizerConfig
from summarizer.errors import ConfigError, EmptyInputError
from summarizer.pipeline import summarize_timeline
from summarizer.render import render
from summarizer.timeline import TextDates, matching_articles, query_terms, rank_dates, window
from summarizer.types import Article
from summarizer.vectorize import Analyzer

DAY = dt.date(2024, 3, 4)


def _on(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


# Date ranking on written counts.


def test_a_date_later_articles_look_back_at_outranks_a_busy_day_with_nothing_new() -> None:
    texts = [
        TextDates(id="collapse", published=DAY),
        *(TextDates(id=f"later{k}", published=_on(10 + k), mentions=(DAY,)) for k in range(3)),
        *(TextDates(id=f"council{k}", published=_on(4)) for k in range(5)),
    ]
    ranked = rank_dates(texts)
    assert [s.date for s in ranked[:2]] == [DAY, _on(4)]
    assert (ranked[0].published, ranked[0].recalled, ranked[0].score) == (1, 3, 7.0)
    assert (ranked[1].published, ranked[1].recalled, ranked[1].score) == (5, 0, 5.0)
    # Without the look-back weight the busy day would win: the weight is what decides.
    assert rank_dates(texts, lookback=1.0)[0].date == _on(4)


def test_a_text_stating_its_own_date_counts_once_and_a_forward_mention_once() -> None:
    texts = [
        TextDates(id="a", published=DAY, mentions=(DAY, _on(3))),  # "today", "on Thursday"
        TextDates(id="b", published=None, mentions=(_on(3),)),  # undated: a plain mention
    ]
    scores = {s.date: s for s in rank_dates(texts)}
    assert (scores[DAY].score, scores[DAY].published) == (1.0, 1)
    assert (scores[_on(3)].score, scores[_on(3)].mentioned, scores[_on(3)].recalled) == (2.0, 2, 0)


def test_dates_outside_the_window_are_no_candidates_and_ties_are_deterministic() -> None:
    texts = [TextDates(id=str(k), published=_on(k)) for k in range(6)]
    ranked = rank_dates(texts, start=_on(2), end=_on(4))
    assert [s.date for s in ranked] == [_on(2), _on(3), _on(4)]  # equal scores: earlier first
    assert rank_dates(list(reversed(texts)), start=_on(2), end=_on(4)) == ranked
    assert window(texts, None, _on(3)) == (_on(0), _on(3))


def test_query_terms_and_matching() -> None:
    assert query_terms("the Bridges") == frozenset({"bridg"})
    articles = [
        Article(id="a", title="Bridge collapse", text="The bridge fell.", source="s"),
        Article(id="b", title="Council", text="The council met about the harbour.", source="s"),
    ]
    assert [a.id for a in matching_articles(articles, "bridges collapsed")] == ["a"]
    assert matching_articles(articles, "the of") == ()


# The whole stage on a written saga: a bridge collapses on a Monday (two reports that day,
# a follow-up the next day, three later articles that look back at "March 4"), and a busy
# Friday of council news that nobody mentions again.

_SAGA = [
    (
        0,
        "gazette",
        "Harbour Bridge collapses into the estuary",
        "Part of the Harbour Bridge in Port Alder collapsed into the estuary on Monday morning, "
        "sending two lorries into the water and injuring nine people, the fire service said.\n"
        "Divers from the coastguard searched the water until nightfall for a missing van driver.",
    ),
    (
        0,
        "radio",
        "Nine hurt as Port Alder bridge falls",
        "The Harbour Bridge collapsed on Monday, injuring nine people and sending two lorries "
        "into the estuary, firefighters said.\n"
        "Ferries were added to the crossing while the road to the north shore stays closed.",
    ),
    (
        1,
        "gazette",
        "Engineers inspect what is left of the bridge",
        "Engineers began inspecting the remains of the Harbour Bridge on Tuesday as divers "
        "recovered the missing van from the estuary.\n"
        "The county engineer said the southern span had shown no warning signs at its last check.",
    ),
    *(
        (
            4,
            outlet,
            f"Council sets parking budget ({outlet})",
            f"The town council agreed a parking budget of {k + 2} million pounds for the harbour "
            f"district at its meeting on Friday, the {outlet} reported.\n"
            "Councillors also voted to repaint the market hall and to extend library hours.",
        )
        for k, outlet in enumerate(("gazette", "radio", "times", "wire"))
    ),
    (
        11,
        "times",
        "Inquiry blames corroded cables",
        "The inquiry into the March 4 collapse of the Harbour Bridge found that corroded cables "
        "had failed under the weight of two lorries, its chair said on Friday.\n"
        "The report asks the county to inspect every cable of the other estuary bridges.",
    ),
    (
        16,
        "radio",
        "Ferries carry record numbers",
        "Since the Harbour Bridge collapsed on March 4, ferries have carried a record 40,000 "
        "passengers across the estuary, the operator said.\n"
        "The operator will add two night crossings from next month.",
    ),
    (
        21,
        "gazette",
        "Bridge to be rebuilt by 2026",
        "The county will rebuild the Harbour Bridge, which collapsed on March 4, by the summer of "
        "2026 at a cost of 80 million pounds, officials announced.\n"
        "A temporary footbridge for cyclists and walkers will open in June.",
    ),
]


def _saga() -> list[Article]:
    out = []
    for days, outlet, title, text in _SAGA:
        published = dt.datetime.combine(_on(days), dt.time(9), tzinfo=dt.UTC)
        slug = title.lower().replace(" ", "-")[:30]
        out.append(
            Article(
                id=f"{_on(days).isoformat()}-{outlet}-{slug}",
                title=title,
                text=text,
                source=outlet.title(),
                published=published,
                date_basis="stated",
            )
        )
    return out


def _config(**timeline: object) -> SummarizerConfig:
    return SummarizerConfig().with_options(timeline=timeline)


def test_the_collapse_the_later_articles_look_back_at_comes_first() -> None:
    timeline = summarize_timeline(_saga(), _config(dates=1))
    (entry,) = timeline.entries
    assert entry.date == DAY and entry.rank == 0 and entry.recalled == 3
    assert "collapsed" in entry.items[0].text
    assert set(entry.items[0].sources) >= {"Gazette", "Radio"}  # both reports of the day


def test_dates_in_order_each_with_its_own_facts_and_sources() -> None:
    timeline = summarize_timeline(_saga(), _config(dates=4, sentences=2))
    dates = [e.date for e in timeline.entries]
    assert dates == sorted(dates) and len(dates) == 4
    assert DAY in dates and _on(4) in dates  # the collapse, then the busiest day
    analyzer = Analyzer()
    items = [item for e in timeline.entries for item in e.items]
    assert all(len(e.items) <= 2 for e in timeline.entries)
    assert all(item.sources for item in items)
    for a, b in itertools.combinations(items, 2):  # no fact twice, on one date or two
        bag_a, bag_b = set(analyzer(a.text)), set(analyzer(b.text))
        assert len(bag_a & bag_b) / len(bag_a | bag_b) < 0.5, (a.text, b.text)
    texts = {s for _, _, _, body in _SAGA for s in body.split("\n")}
    assert all(item.text in texts for item in items)  # extractive: sentences as written


def test_the_same_articles_in_any_order_give_the_same_timeline() -> None:
    articles = _saga()
    first = render(summarize_timeline(articles, _config(dates=5)), "json")
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    assert render(summarize_timeline(shuffled, _config(dates=5)), "json") == first


def test_window_and_query_choose_the_articles() -> None:
    timeline = summarize_timeline(_saga(), _config(start=_on(1), end=_on(12)))
    assert all(_on(1) <= e.date <= _on(12) for e in timeline.entries)
    assert {a.published.date() for a in timeline.articles if a.published} <= {
        _on(1),
        _on(4),
        _on(11),
    }
    about = summarize_timeline(_saga(), _config(query="bridge"))
    assert all("council" not in a.title.lower() for a in about.articles)
    assert _on(4) not in [e.date for e in about.entries]
    assert json.loads(render(about, "json"))["query"] == "bridge"


def test_what_cannot_make_a_timeline_says_why() -> None:
    with pytest.raises(EmptyInputError, match="no article published from 2025-01-01"):
        summarize_timeline(_saga(), _config(start=dt.date(2025, 1, 1)))
    with pytest.raises(EmptyInputError, match="every word of the query 'volcano'"):
        summarize_timeline(_saga(), _config(query="volcano"))
    with pytest.raises(ConfigError, match=r"no story 'nope'.*summarizer events"):
        summarize_timeline(_saga(), _config(story="nope"))
    with pytest.raises(EmptyInputError):
        summarize_timeline([])
    with pytest.raises(ConfigError, match="'end' parameter of TimelineConfig"):
        _config(start=_on(5), end=_on(1))


def test_a_story_of_summarizer_events_is_timelined_alone() -> None:
    from summarizer.pipeline import group_stream

    grouping, _ = group_stream(_saga())
    council = next(s for s in grouping.stories if "council" in s.members[0].id)
    timeline = summarize_timeline(_saga(), _config(story=council.id))
    assert {a.id for a in timeline.articles} == {m.id for m in council.members}
    assert timeline.story == council.id


# The real sample: the offensive from Akashat to the fall of Al-Qaim.


def test_the_sample_timeline_lists_the_offensive_s_steps_with_their_sources(
    sample_articles,
) -> None:
    timeline = summarize_timeline(sample_articles)
    by_date = {e.date: e for e in timeline.entries}
    for day in ("2017-09-16", "2017-10-26", "2017-10-31", "2017-11-03"):
        assert dt.date.fromisoformat(day) in by_date, day
    assert "captured a desert outpost" in by_date[dt.date(2017, 9, 16)].items[0].text
    assert len(by_date[dt.date(2017, 9, 16)].items[0].sources) == 3
    assert "launched the offensive" in by_date[dt.date(2017, 10, 26)].items[0].text
    assert by_date[dt.date(2017, 10, 31)].date_basis == "inferred"  # the article has no date
    assert "pushed from Qaim" in by_date[dt.date(2017, 11, 3)].items[0].text
    sources = {a.source for a in sample_articles}
    assert all(set(i.sources) <= sources for e in timeline.entries for i in e.items)


# Mixed input: the timeline of its largest topic, unless every article is asked for.

_STREAM = Path(__file__).resolve().parent.parent / "samples" / "stream"


def test_a_mixed_stream_is_timelined_as_its_largest_topic() -> None:
    from summarizer.load import load_paths

    articles = load_paths([str(_STREAM)]).articles
    timeline = summarize_timeline(articles)
    # The sample stream mixes a storm, a rail strike and smaller stories over three days.
    assert timeline.given == len(articles) == 20 and timeline.topics > 1
    assert len(timeline.articles) < len(articles) / 2
    assert all("storm" in a.text.lower() or "flood" in a.text.lower() for a in timeline.articles)
    assert not any("strike" in i.text.lower() for e in timeline.entries for i in e.items)
    assert "9 of 20 articles (the largest of" in render(timeline, "text")
    everything = summarize_timeline(articles, _config(all_articles=True))
    assert len(everything.articles) == 20 and everything.topics == 0
    assert any("strike" in i.text.lower() for e in everything.entries for i in e.items)


def test_one_story_is_timelined_whole(sample_articles) -> None:
    timeline = summarize_timeline(sample_articles)
    assert len(timeline.articles) == len(sample_articles) and timeline.topics == 0
    saga = summarize_timeline(_saga())  # the bridge saga with a council story beside it
    assert len(saga.articles) == len(_SAGA)


def test_the_timeline_benchmark_reads_every_article_of_a_mixed_pool() -> None:
    from summarizer.load import load_paths
    from summarizer.timeline_eval import OurTimeline, TimelineTask

    articles = load_paths([str(_STREAM)]).articles
    task = TimelineTask(
        articles=articles,
        start=dt.date(2024, 5, 6),
        end=dt.date(2024, 5, 8),
        dates=3,
        sentences=2,
    )
    told = " ".join(s for day in OurTimeline()(task).values() for s in day).lower()
    assert "strike" in told and "flood" in told
