from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.config import SummarizerConfig
from summarizer.errors import EmptyInputError
from summarizer.events import read_previous
from summarizer.load import load_paths
from summarizer.pipeline import summarize_day
from summarizer.render import render

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "samples" / "feeds" / "bbc-world-2017-01-20.rss"
SAMPLE = ROOT / "samples" / "al-qaim-2017"


def _articles():
    return load_paths([SAMPLE, FEED]).articles


def test_one_event_per_story_of_the_day() -> None:
    daily = summarize_day(load_paths([FEED]).articles)
    assert daily.date == dt.date(2017, 1, 20)
    assert sorted(e.headline for e in daily.events) == [
        "Gambia crisis: Jammeh given last chance to resign as troops close in",
        "Rigopiano avalanche: Eight found alive in Italy hotel after two days",
        "Syria: IS destroys part of Palmyra's Roman Theatre",
    ]
    assert daily.remaining == 0
    for event in daily.events:
        assert event.outlets == ("BBC News - World",)
        assert event.briefing.items


def test_date_selects_the_day_and_leaves_out_later_articles() -> None:
    articles = _articles()
    config = SummarizerConfig().with_options(briefing={"date": dt.date(2017, 1, 20)})
    daily = summarize_day(articles, config)
    assert daily.date == dt.date(2017, 1, 20)
    # The dated Al-Qaim articles (September to November) are later: left out. The two
    # undated ones are kept as possible context but form no event of that day.
    assert daily.articles == 5
    assert all("Qaim" not in e.headline for e in daily.events)
    late = summarize_day(articles, config.with_options(briefing={"date": dt.date(2017, 11, 4)}))
    assert len(late.events) == 1  # the BBC stories of January are not active that day
    assert late.articles == 8
    headline_items = late.events[0].briefing.items
    assert any("pushed from Qaim" in item.text for item in headline_items)


def test_max_events_counts_the_rest() -> None:
    config = SummarizerConfig().with_options(events={"max_events": 2})
    daily = summarize_day(load_paths([FEED]).articles, config)
    assert len(daily.events) == 2 and daily.remaining == 1
    assert "1 more events of the day are not shown" in render(daily, "text")


def test_word_budget_per_event() -> None:
    config = SummarizerConfig().with_options(events={"max_words_per_event": 30})
    daily = summarize_day(load_paths([SAMPLE]).articles, config)
    assert all(e.briefing.n_words <= 30 for e in daily.events)


def test_wire_copies_summarised_once_with_every_outlet_credited(tmp_path: Path) -> None:
    story = (SAMPLE / "allabouttopnews-border-crossing.txt").read_text()
    for outlet in ("ap", "herald", "tribune"):
        (tmp_path / f"{outlet}.txt").write_text(story)
    daily = summarize_day(load_paths([tmp_path]).articles)
    (event,) = daily.events
    # Text files name no outlet: none is claimed, but every file is credited.
    assert event.texts == 1 and event.outlets == ()
    for item in event.briefing.items:
        assert set(item.sources) == {"ap", "herald", "tribune"}


def test_jobs_give_identical_output() -> None:
    articles = _articles()
    one = render(summarize_day(articles), "json")
    assert render(summarize_day(articles, jobs=2), "json") == one
    assert render(summarize_day(list(reversed(articles))), "json") == one


def test_nothing_before_the_date() -> None:
    config = SummarizerConfig().with_options(briefing={"date": dt.date(2000, 1, 1)})
    with pytest.raises(
        EmptyInputError,
        match="no articles published on 2000-01-01 "
        r"\(the dated articles run from 2017-01-20 to 2017-11-04\)",
    ):
        summarize_day(_articles(), config)


def test_cli_daily_formats(tmp_path: Path, capsys) -> None:
    assert main(["daily", str(FEED), "-f", "json", "--max-events", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "daily" and doc["remaining_events"] == 1
    assert len(doc["events"]) == 2 and doc["events"][0]["items"]
    target = tmp_path / "day.html"
    assert (
        main(
            [
                "daily",
                str(SAMPLE),
                str(FEED),
                "--date",
                "2017-01-20",
                "-f",
                "html",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    html = target.read_text()
    assert "Rigopiano avalanche" in html and "<script" not in html
    shutil.rmtree(tmp_path)
    assert main(["daily", str(FEED), "--max-words-per-event", "0"]) == 2


def test_a_date_with_only_undated_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Storm\n\nA storm hit the coast, flooding homes near the port.")
    config = SummarizerConfig().with_options(briefing={"date": dt.date(2021, 1, 1)})
    with pytest.raises(EmptyInputError, match=r"\(no article has a date\)"):
        summarize_day(load_paths([tmp_path]).articles, config)
    daily = summarize_day(load_paths([tmp_path]).articles)  # no day asked: all shown
    assert daily.date is None and len(daily.events) == 1


STREAM = ROOT / "samples" / "stream"


def _day_json(tmp_path: Path, day: str, since: Path | None = None) -> Path:
    out = tmp_path / f"{day}.json"
    argv = ["daily", str(STREAM), "--date", day, "-f", "json", "-o", str(out)]
    assert main(argv + (["--since", str(since)] if since else [])) == 0
    return out


def test_date_leaves_later_news_out_of_an_earlier_day(capsys) -> None:
    # The Al-Obeidi article (no date of its own, its points inferred to October 31)
    # must not reach the briefing of September 16.
    assert main(["daily", str(SAMPLE), "--date", "2017-09-16", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    dates = [item["date"] for event in doc["events"] for item in event["items"]]
    assert dates and all(d is not None and d <= "2017-09-16" for d in dates)


def test_since_marks_new_updated_and_unchanged_on_consecutive_days(tmp_path: Path) -> None:
    day1 = _day_json(tmp_path, "2024-05-06")
    first = json.loads(day1.read_text())
    assert {e["status"] for e in first["events"]} == {None}
    rail = next(e for e in first["events"] if "strike" in e["headline"].lower())

    day2 = _day_json(tmp_path, "2024-05-07", since=day1)
    doc = json.loads(day2.read_text())
    assert doc["since"] == "2024-05-06"
    status = {e["story_id"]: e["status"] for e in doc["events"]}
    assert status[rail["story_id"]] == "updated"  # the same story id from day to day
    assert sorted(status.values()) == ["new", "new", "updated"]
    updated = next(e for e in doc["events"] if e["status"] == "updated")
    shown_before = {item["text"] for item in rail["items"]}
    assert updated["items"] and not shown_before & {i["text"] for i in updated["items"]}
    storm = next(e for e in doc["events"] if "Storm Mara" in e["headline"])
    assert storm["status"] == "new" and storm["outlets"] == [
        "Coastline Radio",
        "National Wire",
        "Northshore Times",
        "Port Alder Gazette",
    ]
    assert storm["texts"] == 3  # the National Wire copy run by the Northshore Times counts once

    # The same day again: nothing was added, so every event is unchanged and left out.
    again = json.loads(_day_json(tmp_path, "2024-05-07", since=day2).read_text())
    assert again["events"] == [] and again["unchanged_events"] == 3
    listed = summarize_day(
        load_paths([STREAM]).articles,
        SummarizerConfig().with_options(briefing={"date": dt.date(2024, 5, 7)}),
        previous=read_previous(day2),
        show_unchanged=True,
    )
    assert [e.status for e in listed.events] == ["unchanged"] * 3
    assert all(e.briefing.items for e in listed.events)


def test_since_text_has_the_new_since_yesterday_section(tmp_path: Path, capsys) -> None:
    day1 = _day_json(tmp_path, "2024-05-06")
    capsys.readouterr()
    assert main(["daily", str(STREAM), "--date", "2024-05-07", "--since", str(day1)]) == 0
    out = capsys.readouterr().out
    assert "Since yesterday: 2 new, 1 updated, 0 unchanged" in out
    assert out.index("== New since yesterday ==") < out.index("== Updated since yesterday ==")
    eml = tmp_path / "digest.eml"
    argv = ["email", str(STREAM), "--daily", "--date", "2024-05-07", "--since", str(day1)]
    assert main([*argv, "--to", "a@example.org", "--from", "b@example.org", "--eml", str(eml)]) == 0
    assert "New since yesterday" in eml.read_text()


def test_items_are_the_days_news_newest_first_then_background() -> None:
    config = SummarizerConfig().with_options(briefing={"date": dt.date(2024, 5, 8)})
    daily = summarize_day(load_paths([STREAM]).articles, config)
    assert [e.importance for e in daily.events] == sorted(
        (e.importance for e in daily.events), reverse=True
    )
    for event in daily.events:
        items = event.briefing.items
        news = [i for i in items if not i.context]
        assert news and items[: len(news)] == tuple(news)  # background comes last
        dates = [i.date for i in news if i.date]
        assert dates == sorted(dates, reverse=True)
        assert all(i.date is None or i.date <= dt.date(2024, 5, 8) for i in items)


def test_since_errors_are_one_clear_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "yesterday.json"
    bad.write_text('{"kind": "event", "items": []}')
    assert main(["daily", str(STREAM), "--since", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"summarizer: error: {bad}: ") and err.count("\n") == 1
    assert main(["daily", str(STREAM), "--since", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_jobs_never_exceed_the_events(pool_sizes, monkeypatch) -> None:
    from summarizer.pipeline import summarize_day

    monkeypatch.setattr("os.cpu_count", lambda: 64)
    articles = load_paths([FEED]).articles
    day = summarize_day(articles, jobs=1000)
    assert len(day.events) == 3 and pool_sizes == [3]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_digest_says_only_what_informs(fmt: str) -> None:
    from summarizer.pipeline import summarize_day

    day = summarize_day(load_paths([FEED]).articles)
    out = render(day, fmt)
    assert all(e.texts == 1 and len(e.outlets) == 1 for e in day.events)
    assert "1 outlet" not in out and "independent report" not in out
    # The digest's date is said once, in its header, not again on every item.
    assert out.count("2017-01-20") == (2 if fmt == "html" else 1)
    assert len(day.events) == 3


def test_coverage_and_item_dates_where_they_differ() -> None:
    from summarizer.render import coverage, item_date
    from summarizer.types import Briefing, BriefingItem, EventBriefing

    def event(outlets: int, texts: int) -> EventBriefing:
        names = tuple(f"o{i}" for i in range(outlets))
        empty = Briefing(title="t", date=None, items=())
        return EventBriefing(headline="h", briefing=empty, outlets=names, texts=texts, importance=1)

    assert coverage(event(1, 1)) == ""
    assert coverage(event(3, 3)) == "3 outlets: o0, o1, o2"
    assert coverage(event(3, 1)) == "3 outlets: o0, o1, o2 · 1 independent report"
    assert coverage(event(1, 2)) == "1 outlet: o0 · 2 independent reports"
    day = dt.date(2017, 1, 20)

    def item(date: dt.date, basis: str) -> BriefingItem:
        return BriefingItem(
            text="x", date=date, date_basis=basis, sources=("s",), article_id="a", position=0,
            score=1.0,
        )  # fmt: skip

    assert item_date(item(day, "stated"), day) == ""
    assert item_date(item(day, "inferred"), day) == "~2017-01-20"
    assert item_date(item(dt.date(2017, 1, 19), "event"), day) == "2017-01-19"
    assert item_date(item(day, "stated")) == "2017-01-20"
