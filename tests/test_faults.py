"""Fault suite: one hostile input of random records (nesting depth, sizes, types, dates,
control characters, file names) next to three good articles, through every command and
output format. Whatever the hostile input holds: exit 0 (or 2 with one error line, for a
daily briefing of a day the hostile input alone makes), no traceback, one warning line
per problem, every good article used, no control character on the terminal."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "al-qaim-2017"
GOOD = (
    "abu-dhabi-akashat-captured.txt",
    "ndtv-akashat-captured.txt",
    "allabouttopnews-border-crossing.txt",
)
GOOD_IDS = {Path(name).stem for name in GOOD}
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

NASTY = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b[2J\x1b[H",
        "\x1b]0;owned\x07",
        "\r\n",
        "\r",
        "\n",
        "\u2028",
        "\u2029",
        "\x85",
        "\x9b31m",
        "\ufeff",
        "\u200b",
        "\udce9",
        "\ud83d",
        "\U0001f600",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "`",
        "[x](javascript:alert(1))",
        "&lt;b&gt;",
        "Iraqi forces took the border town of Akashat on Saturday, officials said.",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=10).map("".join)
DATES = st.one_of(
    st.sampled_from(
        [
            "2024-03-12T10:00:00+25:00",
            "2024-03-12T10:00:00-24:30",
            "12",
            "March 2024",
            "9999-12-31T23:00:00-05:00",
            "0001-01-01T00:00:00+05:00",
            "2017-11-03",
            "Sat, 16 Sep 2017 11:51:00 XYZ",
            "",
        ]
    ),
    st.text(max_size=12),
    st.integers(),
    st.floats(),
    st.none(),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": VALUES,
        "title": st.one_of(TEXT, VALUES),
        "text": st.one_of(TEXT, VALUES),
        "source": st.one_of(TEXT, VALUES),
        "url": st.one_of(TEXT, VALUES),
        "published": DATES,
    },
)
#: Whole lines no record generator makes: very deep nesting, over-long integers (by
#: name, so that a failing example prints short).
MONSTER_LINES = {
    "deep": "[" * 100_000 + "]" * 100_000,
    "deep text": '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "long int": '{"text": "x", "id": ' + "9" * 5000 + "}",
    "unterminated": '{"text": "unterminated',
    "none": "",
}
MONSTERS = st.sampled_from(sorted(MONSTER_LINES))
NAMES = st.sampled_from(
    [
        "hostile",
        "with\nnewline",
        "back`tick <img src=x onerror=alert(1)>",
        "caf\udce9",
        "esc\x1b[31mape",
        "-dash",
    ]
)


def _hostile_file(kind: str, records: list[dict[str, object]], monster: str, text: str) -> str:
    if kind == "jsonl":
        return "\n".join([*(json.dumps(r) for r in records), MONSTER_LINES[monster]])
    if kind == "json":
        return json.dumps(records)
    if kind == "html":
        body = "".join(f"<p>{r.get('text', text)}</p>" for r in records) or f"<p>{text}</p>"
        return (
            f"<html><head><title>{text}</title></head><body><article>{body}</article></body></html>"
        )
    if kind == "rss":
        items = "".join(
            f"<item><title>{escape(str(r.get('title', '')))}</title>"
            f"<description>{escape(str(r.get('text', text)))}</description>"
            f"<pubDate>{escape(str(r.get('published', '')))}</pubDate></item>"
            for r in records
        )
        channel = f"<channel><title>{escape(text)}</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return text  # plain text, or no extension: sniffed


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    kind=st.sampled_from(["jsonl", "json", "txt", "html", "rss", ""]),
    records=st.lists(RECORDS, max_size=4),
    monster=MONSTERS,
    text=TEXT,
    name=NAMES,
    command=st.sampled_from(
        [
            ["brief", "-f", "text"],
            ["brief", "-f", "markdown"],
            ["brief", "-f", "html"],
            ["daily", "-f", "text"],
            ["daily", "-f", "markdown"],
        ]
    ),
)
def test_one_hostile_input_never_costs_the_others(
    kind: str,
    records: list[dict[str, object]],
    monster: str,
    text: str,
    name: str,
    command: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for good in GOOD:
            shutil.copy(SAMPLE / good, folder / good)
        content = _hostile_file(kind, records, monster, text)
        filename = name + (f".{kind}" if kind else "")
        (folder / filename).write_bytes(content.encode("utf-8", "surrogatepass"))

        code, out, err = _run(["brief", str(folder), "-f", "json"])
        assert code == 0, err
        assert "Traceback" not in err and "unexpected error" not in err
        assert all(line.startswith("summarizer: warning: ") for line in err.splitlines()), err
        ids = {a["id"] for a in json.loads(out)["articles"]}
        assert ids >= GOOD_IDS

        code, out, err = _run([command[0], str(folder), *command[1:]])
        # A daily briefing is of the newest day: a hostile record may date itself later
        # than the good articles and leave nothing to say about that day (exit 2).
        assert code == 0 or (command[0] == "daily" and code == 2), err
        assert "Traceback" not in err and "unexpected error" not in err
        lines = err.splitlines()
        if code == 2:
            assert lines[-1].startswith("summarizer: error: ")
            lines = lines[:-1]
        assert all(line.startswith("summarizer: warning: ") for line in lines), err
        assert not TERMINAL_CONTROL.search(out)
        out.encode("utf-8")  # strict: nothing undecodable reaches the output
