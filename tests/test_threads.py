from __future__ import annotations

import datetime as dt
import json
import logging
import random
from pathlib import Path

import pytest
from test_stories import _a  # the same small article factory

from summarizer.cli import main
from summarizer.config import ThreadConfig
from summarizer.errors import InputError
from summarizer.stories import Grouping, group_stories, read_state, state_from_dict, state_to_dict

# One long-running topic: the closure of the Kestrel Bridge, its repair contract three
# weeks later and its reopening three weeks after that. Each is its own story (weeks
# apart), all three one thread.
BRIDGE = [
    _a(
        "bridge-closed-1",
        "Kestrel Bridge closed after cracks found in its steel girders",
        "Engineers closed the Kestrel Bridge over the Alder estuary on Monday after "
        "inspectors found cracks in two of its steel girders. Traffic is diverted "
        "through the harbour tunnel, adding forty minutes to journeys.",
        "2024-03-04",
        "Gazette",
    ),
    _a(
        "bridge-closed-2",
        "Cracked girders shut Kestrel Bridge",
        "The Kestrel Bridge across the Alder estuary was shut on Monday when inspectors "
        "discovered cracked steel girders; drivers face long diversions via the harbour "
        "tunnel.",
        "2024-03-04",
        "Wire",
    ),
    _a(
        "bridge-contract-1",
        "Repair contract for Kestrel Bridge girders awarded",
        "The council awarded a contract to replace the cracked steel girders of the "
        "Kestrel Bridge, closed since early March. Work on the estuary crossing starts "
        "next week and should take a month.",
        "2024-03-25",
        "Gazette",
    ),
    _a(
        "bridge-contract-2",
        "Council picks firm to repair Kestrel Bridge",
        "A firm will replace the cracked girders of the Kestrel Bridge over the Alder "
        "estuary under a contract the council awarded on Monday; the repair should take "
        "a month.",
        "2024-03-25",
        "Wire",
    ),
    _a(
        "bridge-reopens-1",
        "Kestrel Bridge reopens with new girders",
        "The Kestrel Bridge over the Alder estuary reopened to traffic on Monday after "
        "its cracked steel girders were replaced, ending seven weeks of diversions "
        "through the harbour tunnel.",
        "2024-04-15",
        "Gazette",
    ),
    _a(
        "bridge-reopens-2",
        "Traffic returns to repaired Kestrel Bridge",
        "Drivers crossed the Kestrel Bridge again on Monday as the estuary crossing "
        "reopened with new steel girders after seven weeks.",
        "2024-04-15",
        "Wire",
    ),
]

# Two topics weeks apart that share only the town's vocabulary.
MUSEUM = [
    _a(
        "museum-1",
        "Maritime museum reopens after restoration",
        "The maritime museum on the Port Alder quays reopened on Saturday after a two-year "
        "restoration of its Victorian galleries, with a new hall for the lifeboat "
        "collection and a model of the old whaling fleet.",
        "2024-03-09",
        "Gazette",
    ),
    _a(
        "museum-2",
        "Restored maritime museum welcomes visitors",
        "Visitors queued on Saturday as the restored maritime museum opened its Victorian "
        "galleries again, including a new lifeboat hall and whaling fleet models.",
        "2024-03-09",
        "Wire",
    ),
]
SCHOOL = [
    _a(
        "school-1",
        "Teachers vote to strike over class sizes",
        "Teachers at Port Alder's secondary schools voted to strike over class sizes and "
        "workload, their union said on Thursday, with walkouts planned before the exams.",
        "2024-04-04",
        "Gazette",
    ),
    _a(
        "school-2",
        "Port Alder teachers back strike action",
        "Secondary school teachers in Port Alder backed strikes over class sizes and "
        "workload in a union ballot announced on Thursday.",
        "2024-04-04",
        "Wire",
    ),
]

# A storm, a strike, and one report about both between them, each more than a story
# window (7 days) from the next.
STORM = [
    _a(
        "storm-1",
        "Storm Mara floods harbour district",
        "Storm Mara flooded the harbour district on Tuesday and hundreds of residents were "
        "evacuated to the sports hall as the surge breached the sea wall.",
        "2024-05-07",
        "Gazette",
    ),
    _a(
        "storm-2",
        "Hundreds evacuated as Storm Mara surge breaches sea wall",
        "The surge from Storm Mara breached the sea wall and flooded the harbour district "
        "on Tuesday; hundreds of residents spent the night in the sports hall.",
        "2024-05-07",
        "Wire",
    ),
]
BRIDGE_REPORT = _a(
    "both-1",
    "After Storm Mara, rail strike leaves flooded district cut off",
    "Residents of the harbour district flooded by Storm Mara, whose surge breached the sea "
    "wall, were cut off on Friday as the rail strike halted trains and commuters crowded "
    "onto buses; the union said pickets would stay until the operator improves its pay "
    "offer.",
    "2024-05-16",
    "Gazette",
)
STRIKE = [
    _a(
        "strike-1",
        "Rail strike halts trains as pay talks fail",
        "The rail strike halted trains for a second week on Monday and commuters crowded "
        "onto buses; the union said pickets would stay until the operator improves its pay "
        "offer.",
        "2024-05-24",
        "Wire",
    ),
    _a(
        "strike-2",
        "Commuters pack buses as rail walkout goes on",
        "Commuters packed buses on Monday as the rail walkout over pay went on, with union "
        "pickets at every station and no talks with the operator planned.",
        "2024-05-24",
        "Gazette",
    ),
]


def _threads(grouping: Grouping) -> list[list[str]]:
    """Each thread's article ids, sorted."""
    story_of = dict(grouping.assignment)
    thread_of = dict(grouping.threads)
    by_thread: dict[str, list[str]] = {}
    for article, story in story_of.items():
        by_thread.setdefault(thread_of[story], []).append(article)
    return sorted(sorted(ids) for ids in by_thread.values())


def _stories(grouping: Grouping) -> list[list[str]]:
    return sorted(sorted(m.id for m in s.members) for s in grouping.stories)


def test_a_topic_reported_again_weeks_later_is_one_thread_of_several_stories() -> None:
    grouping = group_stories(BRIDGE)
    assert len(grouping.stories) == 3  # three developments, weeks apart
    assert _threads(grouping) == [sorted(a.id for a in BRIDGE)]
    # The thread is named by the story that began it.
    first = min(grouping.stories, key=lambda s: s.first or dt.date.min)
    assert {t for _, t in grouping.threads} == {first.id}


def test_two_topics_weeks_apart_stay_two_threads() -> None:
    grouping = group_stories([*MUSEUM, *SCHOOL])
    assert _threads(grouping) == [["museum-1", "museum-2"], ["school-1", "school-2"]]
    # And a topic's stories keep to their thread among other topics.
    grouping = group_stories([*BRIDGE, *MUSEUM, *SCHOOL])
    assert _threads(grouping) == [
        sorted(a.id for a in BRIDGE),
        ["museum-1", "museum-2"],
        ["school-1", "school-2"],
    ]


def test_one_bridge_story_cannot_chain_two_topics() -> None:
    # Alone, the report about both would take the strike into its thread.
    alone = group_stories([BRIDGE_REPORT, *STRIKE])
    assert _threads(alone) == [["both-1", "strike-1", "strike-2"]]
    # After the storm it joins the storm's thread, which the strike then does not join.
    grouping = group_stories([*STORM, BRIDGE_REPORT, *STRIKE])
    assert _stories(grouping) == [["both-1"], ["storm-1", "storm-2"], ["strike-1", "strike-2"]]
    assert _threads(grouping) == [["both-1", "storm-1", "storm-2"], ["strike-1", "strike-2"]]


def test_incremental_threads_equal_one_shot_through_saved_json() -> None:
    articles = [*BRIDGE, *MUSEUM, *SCHOOL, *STORM, BRIDGE_REPORT, *STRIKE]
    one_shot = group_stories(articles)
    state = None
    assignment: dict[str, str] = {}
    threads: dict[str, str] = {}
    for day in sorted({a.published.date() for a in articles if a.published}):
        todays = [a for a in articles if a.published and a.published.date() == day]
        grouping = group_stories(todays, state=state)
        assignment.update(grouping.assignment)
        threads.update(grouping.threads)
        text = json.dumps(state_to_dict(grouping.state))
        state = state_from_dict(json.loads(text))
    assert assignment == dict(one_shot.assignment)
    assert {s: threads[s] for s in assignment.values()} == dict(one_shot.threads)
    assert state is not None
    assert state_to_dict(state) == state_to_dict(one_shot.state)
    # On 24 May the bridge's last story (15 April) is closed, but its thread is still
    # open (60 days): the state carries it.
    reopening = dict(one_shot.assignment)["bridge-reopens-1"]
    assert reopening not in {s.id for s in state.stories}
    assert reopening in {e.story for e in state.threads}
    assert {e.story for e in state.threads} >= {s.id for s in state.stories}


def test_thread_ids_do_not_depend_on_input_order() -> None:
    articles = [*BRIDGE, *MUSEUM, *SCHOOL, *STORM, BRIDGE_REPORT, *STRIKE]
    first = group_stories(articles)
    for seed in range(3):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        again = group_stories(shuffled)
        assert again.threads == first.threads
        assert again == first
    story_ids = {s.id for s in first.stories}
    assert {t for _, t in first.threads} <= story_ids  # named by a story of their own


def test_the_thread_window_closes_threads() -> None:
    short = ThreadConfig(window_days=14)
    grouping = group_stories(BRIDGE, threads=short)
    assert len(_threads(grouping)) == 3  # three weeks apart: beyond a 14-day window
    assert len(_threads(group_stories(BRIDGE, threads=ThreadConfig(window_days=21)))) == 1


def test_undated_stories_are_linked_without_a_window() -> None:
    undated = [_a(a.id, a.title, a.text, None, a.source) for a in [*BRIDGE, *MUSEUM]]
    grouping = group_stories(undated)
    assert _threads(grouping) == [sorted(a.id for a in BRIDGE), ["museum-1", "museum-2"]]
    assert grouping.state.threads == ()  # nothing undated is carried to another day


def test_a_state_saved_before_threads_still_reads(caplog) -> None:  # type: ignore[no-untyped-def]
    day1 = group_stories(BRIDGE[:2])
    doc = state_to_dict(day1.state)
    del doc["threads"]
    old = state_from_dict(doc)
    assert old.threads == () and old.thread_settings == ()
    grouping = group_stories(BRIDGE[2:], state=old)
    assert len(grouping.stories) == 2 and len(dict(grouping.threads)) == 2
    # Other thread settings than the saved ones are used, with a warning.
    with caplog.at_level(logging.WARNING, logger="summarizer.stories"):
        group_stories(BRIDGE[2:], state=day1.state, threads=ThreadConfig(threshold=0.2))
    assert "other settings (threshold=0.1" in caplog.text


def test_malformed_thread_state_is_an_input_error(tmp_path: Path) -> None:
    doc = state_to_dict(group_stories(BRIDGE[:2]).state)
    doc["threads"]["stories"][0]["vector"] = {"kestrel": 7.5}
    path = tmp_path / "state.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="weights must be in"):
        read_state(path)
    doc["threads"]["stories"][0].pop("vector")
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="malformed story state"):
        read_state(path)


def test_thread_config_errors() -> None:
    from summarizer.errors import ConfigError

    with pytest.raises(ConfigError, match="'threshold' parameter of ThreadConfig"):
        ThreadConfig(threshold=0)
    with pytest.raises(ConfigError, match="'terms' parameter of ThreadConfig"):
        ThreadConfig(terms=0)


STREAM = Path(__file__).resolve().parent.parent / "samples" / "stream"


def test_cli_events_tsv_threads_column(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["events", str(STREAM), "-f", "tsv"]) == 0
    plain = capsys.readouterr().out
    assert main(["events", str(STREAM), "-f", "tsv", "--threads"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert all(len(row) == 3 for row in rows)
    # The first two columns are the plain output, byte for byte.
    assert "".join(f"{a}\t{s}\n" for a, s, _ in rows) == plain
    thread = {a: t for a, _, t in rows}
    story = {a: s for a, s, _ in rows}
    # The rail ballot and Wednesday's walkout: two stories, one thread.
    assert story["times-rail-strike"] != story["times-rail-ballot"]
    assert thread["times-rail-strike"] == thread["times-rail-ballot"] == story["times-rail-ballot"]
    assert thread["wire-storm-floods"] == thread["wire-storm-warning"]
    assert thread["wire-storm-floods"] != thread["times-rail-ballot"]


def test_cli_events_json_and_text_show_threads(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "events.json"
    assert main(["events", str(STREAM), "-f", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    stories = {s["id"]: s for s in doc["stories"]}
    assert all(s["thread"] in stories for s in doc["stories"])
    listed = {t["id"]: t for t in doc["threads"]}
    assert set(listed) == {s["thread"] for s in doc["stories"]}
    for thread in listed.values():
        assert thread["story_ids"] and all(
            stories[i]["thread"] == thread["id"] for i in thread["story_ids"]
        )
    assert main(["events", str(STREAM)]) == 0
    text = capsys.readouterr().out
    assert "  Thread: " in text
    assert "--threads" not in text
    assert main(["events", str(STREAM), "--threads"]) == 2
    assert "--threads" in capsys.readouterr().err
