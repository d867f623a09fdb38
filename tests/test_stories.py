from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.config import EventConfig
from summarizer.errors import InputError
from summarizer.stories import (
    group_stories,
    read_state,
    state_from_dict,
    state_to_dict,
)
from summarizer.types import Article


def _a(i: str, title: str, text: str, day: str | None, source: str = "AP") -> Article:
    return Article(
        id=i,
        title=title,
        text=text,
        source=source,
        published=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC) if day else None,
        date_basis="stated" if day else "unknown",
    )


# Two stories of one topic (a pay dispute on the railways) three days apart, each
# covered by two outlets, plus an unrelated story: the same words, a different story.
STRIKE_VOTE = [
    _a(
        "v1",
        "Rail workers vote to strike over pay",
        "Rail workers voted to strike over pay on Monday after the union rejected the "
        "operator's offer of a three per cent rise. The union said ballot turnout was 71 "
        "per cent and that dates would be announced within days.",
        "2024-05-06",
        "Northshore Times",
    ),
    _a(
        "v2",
        "Union ballot backs rail strike as pay offer rejected",
        "Members of the rail union backed strike action in a ballot on Monday, rejecting a "
        "three per cent pay offer from the operator. Turnout was 71 per cent, the union "
        "said, and strike dates will follow.",
        "2024-05-06",
        "National Wire",
    ),
]
STRIKE_BEGINS = [
    _a(
        "b1",
        "Rail strike halts trains across the region",
        "No trains ran across the region on Thursday as rail workers walked out in the "
        "dispute over pay. Commuters crowded onto buses and roads into the city were "
        "jammed; the operator said it would not improve its offer.",
        "2024-05-09",
        "Northshore Times",
    ),
    _a(
        "b2",
        "Trains stand still on first day of rail walkout",
        "Trains stood still on Thursday, the first day of the rail walkout over pay, and "
        "commuters queued for buses. The operator said its offer stood; the union said "
        "pickets would stay until talks resume.",
        "2024-05-09",
        "National Wire",
    ),
]
MUSEUM = _a(
    "m1",
    "Maritime museum reopens after restoration",
    "The maritime museum reopened on Thursday after a two-year restoration of its "
    "Victorian galleries, with a new hall for the lifeboat collection.",
    "2024-05-09",
    "Gazette",
)


def _groups(grouping) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return sorted(sorted(m.id for m in s.members) for s in grouping.stories)


def test_a_story_is_not_merged_with_one_of_the_same_topic_three_days_later() -> None:
    grouping = group_stories([*STRIKE_VOTE, *STRIKE_BEGINS, MUSEUM])
    assert _groups(grouping) == [["b1", "b2"], ["m1"], ["v1", "v2"]]
    # The dates are what keeps them apart: undated, the four strike articles are one.
    undated = [_a(a.id, a.title, a.text, None) for a in [*STRIKE_VOTE, *STRIKE_BEGINS]]
    assert _groups(group_stories(undated)) == [["b1", "b2", "v1", "v2"]]


def test_a_straggler_the_next_day_joins_its_story() -> None:
    late = _a(
        "v3",
        "Rail union ballot backs strike after pay offer",
        "A day after the ballot, the rail union confirmed its members had voted to "
        "strike, rejecting the operator's three per cent pay offer on a 71 per cent "
        "turnout.",
        "2024-05-07",
        "Coastline Radio",
    )
    grouping = group_stories([*STRIKE_VOTE, late])
    assert _groups(grouping) == [["v1", "v2", "v3"]]
    (story,) = grouping.stories
    assert story.first == dt.date(2024, 5, 6) and story.last == dt.date(2024, 5, 7)
    # Further away in time the same text no longer joins.
    later = _a(late.id, late.title, late.text, "2024-05-20", late.source)
    assert _groups(group_stories([*STRIKE_VOTE, later])) == [["v1", "v2"], ["v3"]]


def test_one_bridge_article_cannot_chain_two_stories() -> None:
    storm = _a(
        "s1",
        "Storm floods harbour district",
        "Storm Mara flooded the harbour district on Tuesday and hundreds of residents "
        "were evacuated to the sports hall.",
        "2024-05-07",
    )
    bridge = _a(
        "x1",
        "Storm and strike leave city at a standstill",
        "Storm Mara flooded the harbour district and the rail strike halted trains: "
        "residents were evacuated to the sports hall while commuters crowded onto buses.",
        "2024-05-07",
        "Gazette",
    )
    strike = _a(
        "k1",
        "Rail strike halts trains",
        "The rail strike halted trains on Tuesday and commuters crowded onto buses into the city.",
        "2024-05-07",
        "Reuters",
    )
    groups = _groups(group_stories([storm, bridge, strike]))
    assert ["k1", "s1", "x1"] not in groups
    assert not any({"k1", "s1"} <= set(g) for g in groups)


def test_incremental_grouping_equals_one_shot_through_saved_json() -> None:
    articles = [*STRIKE_VOTE, *STRIKE_BEGINS, MUSEUM]
    late = _a(
        "v3",
        "Rail union ballot backs strike after pay offer",
        "A day after the ballot the rail union confirmed its members voted to strike, "
        "rejecting the three per cent pay offer on a 71 per cent turnout.",
        "2024-05-07",
        "Coastline Radio",
    )
    articles.append(late)
    one_shot = group_stories(articles)
    state = None
    assignment: dict[str, str] = {}
    for day in sorted({a.published.date() for a in articles if a.published}):
        todays = [a for a in articles if a.published and a.published.date() == day]
        grouping = group_stories(todays, state=state)
        assignment.update(grouping.assignment)
        text = json.dumps(state_to_dict(grouping.state))
        state = state_from_dict(json.loads(text))
    assert assignment == dict(one_shot.assignment)
    assert state_to_dict(state) == state_to_dict(one_shot.state)


def test_same_inputs_in_any_order_give_identical_stories() -> None:
    articles = [*STRIKE_VOTE, *STRIKE_BEGINS, MUSEUM]
    first = group_stories(articles)
    for seed in range(3):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        again = group_stories(shuffled)
        assert again == first
    ids = [s.id for s in first.stories]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(("2024-05-06-", "2024-05-09-")) for i in ids)


def test_articles_already_in_the_state_keep_their_story() -> None:
    day1 = group_stories(STRIKE_VOTE)
    again = group_stories([*STRIKE_VOTE, *STRIKE_BEGINS], state=day1.state)
    story = dict(day1.assignment)["v1"]
    assert dict(again.assignment)["v1"] == story == dict(again.assignment)["v2"]
    assert story in {s.id for s in again.stories}
    # The same id with another text is another article.
    changed = _a("v1", "Something else", "Entirely different text about a harbour.", "2024-05-09")
    (renamed,) = dict(group_stories([changed], state=day1.state).assignment)
    assert renamed.startswith("v1~") and renamed != "v1~"


def test_old_stories_leave_the_state_after_the_window() -> None:
    grouping = group_stories([*STRIKE_VOTE, *STRIKE_BEGINS], EventConfig(window_days=2))
    assert [s.members[0].id for s in grouping.state.stories] == ["b1"]
    assert grouping.state.day == dt.date(2024, 5, 9)
    assert grouping.state.documents == 4


def test_read_state_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not JSON"):
        read_state(bad)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"kind": "event", "items": []}))
    with pytest.raises(InputError, match="expected the JSON output of 'summarizer events'"):
        read_state(other)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"kind": "story-state", "schema_version": 99}))
    with pytest.raises(InputError, match="schema_version 99 is not supported"):
        read_state(newer)
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"state": state_to_dict(group_stories(STRIKE_VOTE).state)}))
    assert len(read_state(good).stories) == 1


STREAM = Path(__file__).resolve().parent.parent / "samples" / "stream"


def test_cli_events_tsv_one_row_per_article(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["events", str(STREAM), "-f", "tsv"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 20 and all(len(row) == 2 for row in rows)
    story = dict(rows)
    assert story["times-rail-ballot"] == story["wire-rail-ballot"] == story["coastline-rail-ballot"]
    assert story["times-rail-strike"] != story["times-rail-ballot"]  # same topic, days later
    assert story["wire-storm-floods"] == story["times-storm-floods"] != story["wire-storm-warning"]


def test_cli_events_json_and_since_keep_story_ids(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    day1 = tmp_path / "day1.json"
    assert main(["events", str(STREAM / "2024-05-06.jsonl"), "-f", "json", "-o", str(day1)]) == 0
    doc = json.loads(day1.read_text())
    assert doc["kind"] == "stories" and doc["state"]["schema_version"] == 1
    rail = next(s for s in doc["stories"] if "times-rail-ballot" in s["article_ids"])
    assert rail["title"] and rail["first"] == rail["last"] == "2024-05-06"
    assert rail["outlets"] == ["National Wire", "Northshore Times"]
    argv = ["events", str(STREAM / "2024-05-07.jsonl"), "--since", str(day1), "-f", "tsv"]
    assert main(argv) == 0
    story = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert story["coastline-rail-ballot"] == rail["id"]
    # The same as grouping both days in one run.
    both = [str(STREAM / "2024-05-06.jsonl"), str(STREAM / "2024-05-07.jsonl")]
    assert main(["events", *both, "-f", "tsv"]) == 0
    one_run = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert {k: one_run[k] for k in story} == story


def test_cli_events_text_and_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["events", str(STREAM), "--date", "2024-05-06"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 stories, 7 articles") and "Outlets: " in out
    assert main(["events", str(STREAM), "--since", str(tmp_path / "none.json")]) == 2
    assert "none.json" in capsys.readouterr().err
    assert main(["events", str(tmp_path / "nothing")]) == 2
    assert capsys.readouterr().err.startswith("summarizer: ")


def test_a_folder_of_many_days_given_again_with_a_state_keeps_its_stories() -> None:
    from summarizer.load import load_paths

    articles = load_paths([STREAM]).articles
    config = EventConfig(window_days=0)  # Monday's stories are closed by Tuesday's state
    one_shot = dict(group_stories(articles, config).assignment)
    until_tuesday = [a for a in articles if a.published and a.published.day <= 7]
    state = group_stories(until_tuesday, config).state
    assert all(s.last == dt.date(2024, 5, 7) for s in state.stories)
    again = group_stories(articles, config, state=state)
    # Monday's articles (unknown to the state, older than its open stories) are grouped
    # among themselves, not into Tuesday's stories: the same stories as one run.
    assert dict(again.assignment) == one_shot
    assert {s.id for s in again.state.stories} <= {s.id for s in again.stories}
