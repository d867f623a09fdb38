"""The whole pipeline on the real sample: what the briefing must show."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from summarizer.config import SummarizerConfig
from summarizer.errors import EmptyInputError
from summarizer.pipeline import summarize
from summarizer.render import render
from summarizer.types import Article
from summarizer.vectorize import Analyzer


def _find(briefing, fragment):
    found = [item for item in briefing.items if fragment in item.text]
    assert len(found) == 1, (fragment, [i.text for i in briefing.items])
    return found[0]


def test_covers_the_three_stages_in_date_order(sample_briefing) -> None:
    akashat = [
        i for i in sample_briefing.items if "Akashat" in i.text or "desert outpost" in i.text
    ]
    assert akashat and all(i.date == dt.date(2017, 9, 16) for i in akashat)
    obeidi = _find(sample_briefing, "edge of Al-Qaim")
    fall = _find(sample_briefing, "pushed from Qaim")
    assert obeidi.date == dt.date(2017, 10, 31)
    assert fall.date == dt.date(2017, 11, 3)
    dates = [i.date for i in sample_briefing.items if i.date is not None]
    assert dates == sorted(dates)
    assert sample_briefing.date == dt.date(2017, 11, 3)


def test_every_item_names_its_sources(sample_briefing, sample_articles) -> None:
    sources = {a.source for a in sample_articles}
    by_id = {a.id: a.source for a in sample_articles}
    order: list[str] = []  # one order of outlets across the briefing: first reporter first
    for item in sample_briefing.items:
        assert item.sources and set(item.sources) <= sources
        assert by_id[item.article_id] in item.sources
        assert len(set(item.sources)) == len(item.sources)
        order += [s for s in item.sources if s not in order]
    for item in sample_briefing.items:
        assert list(item.sources) == sorted(item.sources, key=order.index)
    capture = _find(sample_briefing, "desert outpost")
    assert len(capture.sources) == 3  # reported by all three September articles


def test_no_two_items_state_the_same_fact(sample_briefing) -> None:
    analyzer = Analyzer()
    bags = [set(analyzer(i.text)) for i in sample_briefing.items]
    for a, b in itertools.combinations(bags, 2):
        assert len(a & b) / len(a | b) < 0.5


def test_budget_and_no_junk(sample_briefing) -> None:
    assert sample_briefing.n_words <= SummarizerConfig().select.max_words
    text = render(sample_briefing, "text")
    for junk in ("Share on", "Read more", "NDTV", "SpaceDaily", "paypal", "AFP\n", "2019"):
        assert junk not in text


def test_input_order_gives_identical_output(sample_articles) -> None:
    forward = render(summarize(sample_articles), "json")
    for perm in itertools.islice(itertools.permutations(sample_articles), 1, 6):
        assert render(summarize(list(perm)), "json") == forward


def test_date_option_and_title_option(sample_articles) -> None:
    config = SummarizerConfig().with_options(
        briefing={"date": dt.date(2017, 11, 5), "title": "Al-Qaim offensive"}
    )
    briefing = summarize(sample_articles, config)
    assert briefing.date == dt.date(2017, 11, 5)
    assert briefing.title == "Al-Qaim offensive"


def test_max_words_budget(sample_articles) -> None:
    for budget in (30, 60, 200):
        config = SummarizerConfig().with_options(select={"max_words": budget})
        assert summarize(sample_articles, config).n_words <= budget


def test_nothing_to_summarise() -> None:
    with pytest.raises(EmptyInputError, match="no articles"):
        summarize([])
    junk = Article(id="a", title="Menu", text="Share on Facebook\nRead more\nHome", source="a")
    with pytest.raises(EmptyInputError, match="no article text left"):
        summarize([junk])


def test_title_says_what_the_story_is_about_as_of_its_date(sample_briefing) -> None:
    # The newest item (the fall of Al-Qaim, 3 November) comes from the article headed
    # "Iraqi forces seize strategic border crossing with Syria": not a September headline,
    # and not a copy of an item.
    assert sample_briefing.title == "Iraqi forces seize strategic border crossing with Syria"
    assert all(sample_briefing.title != item.text for item in sample_briefing.items)


def test_a_date_opens_with_the_event_itself_and_has_no_filler(sample_briefing) -> None:
    september = [i for i in sample_briefing.items if i.date == dt.date(2017, 9, 16)]
    assert "captured a desert outpost" in september[0].text
    assert not any("series of military setbacks" in i.text for i in sample_briefing.items)
