from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from summarizer.errors import RenderError
from summarizer.render import escape_markdown, render
from summarizer.types import Briefing, BriefingItem

HOSTILE = 'Officials said <script>alert("x")</script> & <b>more</b> was found.'


def _briefing(text: str = HOSTILE) -> Briefing:
    item = BriefingItem(
        text=text,
        date=dt.date(2017, 11, 3),
        date_basis="event",
        sources=("a<b>.txt",),
        article_id="a",
        position=0,
        score=1.0,
    )
    return Briefing(title="<i>Title</i>", date=dt.date(2017, 11, 3), items=(item,))


def test_html_escapes_article_text() -> None:
    html = render(_briefing(), "html")
    assert "<script>" not in html and "<b>more" not in html and "<i>Title" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;more" in html
    assert "a&lt;b&gt;.txt" in html


def test_markdown_escapes_markup() -> None:
    md = render(_briefing("Use *bold* and <script>x</script> here."), "markdown")
    assert r"Use \*bold\* and \<script\>x\</script\> here." in md
    assert escape_markdown("a_b [c](d)") == r"a\_b \[c\](d)"


def test_json_has_schema_version_and_plain_data(sample_briefing) -> None:
    doc = json.loads(render(sample_briefing, "json"))
    assert doc["schema_version"] == 1
    assert doc["date"] == "2017-11-03"
    assert [i["text"] for i in doc["items"]] == [i.text for i in sample_briefing.items]
    assert {a["source"] for a in doc["articles"]} >= {"ndtv-akashat-captured"}


def test_text_marks_inferred_dates(sample_briefing) -> None:
    text = render(sample_briefing, "text")
    assert "[~2017-10-31]" in text
    assert "~ marks a date inferred" in text


def test_user_template(tmp_path: Path, sample_briefing) -> None:
    template = tmp_path / "mine.html"
    template.write_text(
        "{% for i in briefing.items %}<p>{{ i.text }} {{ i.date | date }}</p>{% endfor %}"
    )
    out = render(_briefing(), template=template)
    assert out.startswith("<p>Officials said &lt;script&gt;")
    plain = tmp_path / "mine.txt"
    plain.write_text("{{ briefing.title }}|{{ briefing.items | length }}")
    assert render(sample_briefing, template=plain) == (
        f"{sample_briefing.title}|{len(sample_briefing.items)}"
    )


def test_template_errors_are_render_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("{{ briefing.nonexistent }}")
    with pytest.raises(RenderError, match=r"bad\.txt.*template error"):
        render(_briefing(), template=bad)
    broken = tmp_path / "broken.txt"
    broken.write_text("{% for x in %}")
    with pytest.raises(RenderError, match=r"broken\.txt:1: template error"):
        render(_briefing(), template=broken)
    with pytest.raises(RenderError, match="template file not found"):
        render(_briefing(), template=tmp_path / "missing.txt")
    with pytest.raises(RenderError, match="unknown format 'pdf'"):
        render(_briefing(), "pdf")


def test_html_links_each_source_to_its_web_address_only() -> None:
    item = BriefingItem(
        text="Troops took the town.",
        date=dt.date(2017, 11, 3),
        date_basis="stated",
        sources=("AP", "Evil", "Herald"),
        urls=("https://apnews.example/a?x=1&y=2", "javascript:alert(1)", ""),
        article_id="a",
        position=0,
        score=1.0,
    )
    briefing = Briefing(title="T", date=dt.date(2017, 11, 3), items=(item,))
    html = render(briefing, "html")
    assert '<a href="https://apnews.example/a?x=1&amp;y=2">AP</a>' in html
    assert "javascript:" not in html and ">Evil</a>" not in html
    assert "Evil, Herald" in html
    doc = json.loads(render(briefing, "json"))
    assert doc["items"][0]["urls"] == [
        "https://apnews.example/a?x=1&y=2",
        "javascript:alert(1)",
        None,
    ]


def test_markdown_never_turns_a_file_name_into_markup(tmp_path, capsys) -> None:
    import re
    import shutil

    from summarizer.cli import main

    sample = Path(__file__).resolve().parent.parent / "samples" / "al-qaim-2017"
    for p in sample.iterdir():
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "a`b <img src=x onerror=alert(1)> [x](javascript:y) `.txt").write_text("")
    for command in ("brief", "daily"):
        assert main([command, str(tmp_path), "-f", "markdown"]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if "onerror" in x)
        # Every character Markdown reads as markup is backslash-escaped.
        assert not re.search(r"(?<!\\)[`<>\[\]]", line), line
        assert "\\<img src=x onerror=alert(1)\\>" in line


def test_timeline_json_schema(sample_timeline) -> None:
    doc = json.loads(render(sample_timeline, "json"))
    assert list(doc)[:2] == ["schema_version", "kind"]
    assert doc["schema_version"] == 1 and doc["kind"] == "timeline"
    assert set(doc) == {
        "schema_version",
        "kind",
        "title",
        "start",
        "end",
        "story",
        "query",
        "topics",
        "articles_given",
        "candidate_dates",
        "entries",
        "articles",
        "skipped",
    }
    dates = [e["date"] for e in doc["entries"]]
    assert dates == sorted(set(dates)) and doc["start"] <= dates[0] <= dates[-1] <= doc["end"]
    for entry in doc["entries"]:
        assert set(entry) == {
            "date",
            "date_basis",
            "importance",
            "published",
            "recalled",
            "rank",
            "items",
        }
        assert entry["date_basis"] in ("stated", "event", "inferred")
        assert isinstance(entry["importance"], float) and entry["items"]
        for item in entry["items"]:
            assert item["date"] == entry["date"] and item["sources"]
            assert len(item["urls"]) == len(item["sources"])
    assert sorted(e["rank"] for e in doc["entries"]) == sorted({e["rank"] for e in doc["entries"]})


def test_timeline_html_and_markdown_escape_what_they_carry() -> None:
    import datetime as dt

    from summarizer.types import BriefingItem, Timeline, TimelineEntry

    item = BriefingItem(
        text="<script>alert(1)</script> *BP* [link](x) # not a heading",
        date=dt.date(2010, 4, 20),
        date_basis="stated",
        sources=("<b>Outlet</b>",),
        article_id="a",
        position=0,
        score=1.0,
        urls=("javascript:alert(1)",),
    )
    entry = TimelineEntry(
        date=dt.date(2010, 4, 20),
        date_basis="stated",
        items=(item,),
        importance=1.0,
        published=1,
        recalled=0,
        rank=0,
    )
    timeline = Timeline(
        title="<i>Spill</i>",
        start=dt.date(2010, 4, 20),
        end=dt.date(2010, 4, 20),
        entries=(entry,),
    )
    html = render(timeline, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Outlet</b>" not in html and "javascript:" not in html and "<i>Spill" not in html
    markdown = render(timeline, "markdown")
    assert "\\<script\\>" in markdown and "\\*BP\\*" in markdown and "\\[link\\]" in markdown
