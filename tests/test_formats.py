"""Every input format, on real saved pages and feeds (tests/data/real, not written by us),
plus encodings, JSON records and content sniffing."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.formats import decode, detect_format, read_feed, read_html, read_json
from summarizer.load import load_paths, parse_bytes

REAL = Path(__file__).resolve().parent / "data" / "real"

PAGES = [
    (
        "reuters.com.parasite.html",
        "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        dt.date(2020, 1, 20),
        "Reuters",
        "South Korean thriller “Parasite” was the upset winner at the Screen Actors Guild",
        ["Related Coverage", "Factbox: Key winners"],
    ),
    (
        "salon.com.emissions.html",
        "Despite everything, U.S. emissions dipped in 2019",
        dt.date(2020, 1, 10),
        "Salon.com",
        "the first estimate of how much planet-cooking pollution the United States belched",
        ["Related Articles"],
    ),
    (
        "phys.org.tool.html",
        "Flint flake tool partially covered by birch tar adds to evidence of Neanderthal "
        "complex thinking",
        dt.date(2019, 10, 22),
        "Phys.org",
        "has found evidence in small a cutting tool of Neanderthals using birch tar",
        ["Nanotechnology Physics Earth", "Home Other Sciences"],
    ),
    (
        "threatpost.com.android.html",
        "Android Ransomware Spreads Via 'Sex Simulation Game' Links on Reddit, SMS",
        dt.date(2019, 7, 30),
        "Threatpost",
        "Researchers are warning of a new Android ransomware being spread via links",
        ["Write a comment", "virustutal", "InfoSec Insider Podcasts"],
    ),
]


@pytest.mark.parametrize(("name", "title", "date", "site", "body", "junk"), PAGES)
def test_real_news_pages(name, title, date, site, body, junk) -> None:
    article = read_html((REAL / name).read_bytes(), REAL / name)
    assert article.title == title
    assert article.published is not None and article.published.date() == date
    assert article.published.tzinfo is not None and article.date_basis == "stated"
    assert article.source == site
    assert body in article.text
    for text in junk:
        assert text not in article.text, text


def test_real_rss_feed_uses_summaries() -> None:
    parsed = read_feed((REAL / "bbc-world-2017-01-20.rss").read_bytes(), "bbc.rss")
    assert parsed.skipped == ()
    first = parsed.articles[0]
    assert first.title == ("Rigopiano avalanche: Eight found alive in Italy hotel after two days")
    assert first.text == (
        "Two children are among the eight who have spent at least 40 hours buried in snow "
        "and rubble."
    )
    assert first.published == dt.datetime(2017, 1, 20, 12, 55, 28, tzinfo=dt.UTC)
    assert first.source == "BBC News - World"
    assert first.url == "http://www.bbc.co.uk/news/world-europe-38691103"
    assert len(parsed.articles) == 3


def test_real_atom_feed_uses_full_content_without_markup() -> None:
    parsed = read_feed((REAL / "touchnokia.ru.atom").read_bytes(), "touchnokia.ru.atom")
    assert len(parsed.articles) + len(parsed.skipped) == 15
    (entry,) = [a for a in parsed.articles if "ZXLightControl v.1.0.0" in a.title]
    assert "Программа для управления подсветкой экрана" in entry.text
    assert "<" not in entry.text and "style=" not in entry.text
    assert "\n" in entry.text  # paragraphs kept apart
    assert entry.published == dt.datetime(2009, 5, 31, 10, 22, 58, tzinfo=dt.UTC)
    assert entry.url and entry.url.startswith("http://touchnokia.ru/2009/05/")


def test_feed_that_is_not_xml() -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(b"this is { not xml", "broken.rss")


def test_html_without_article_text() -> None:
    page = b"<html><head><title>Menu</title></head><body><nav>Home | About</nav></body></html>"
    with pytest.raises(InputError, match="no article text found in the page"):
        read_html(page, "empty.html")


def test_declared_html_encoding_is_honoured() -> None:
    body = "<p>" + "Le président a annoncé à Paris une réforme très attendue. " * 8 + "</p>"
    page = (
        f'<html><head><meta charset="iso-8859-1"><title>Réforme à Paris</title></head>'
        f"<body><article>{body}</article></body></html>"
    ).encode("latin-1")
    article = read_html(page, "fr.html")
    assert article.title == "Réforme à Paris"
    assert "Le président a annoncé à Paris" in article.text


FRENCH = (
    "Le gouvernement français a présenté mercredi un projet de loi très attendu sur la "
    "réforme des retraites, qui prévoit un relèvement progressif de l'âge légal de départ. "
    "Les syndicats, réunis à Paris, ont aussitôt dénoncé un texte « injuste » et appelé à "
    "une journée de grève la semaine prochaine."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch einen lange erwarteten Gesetzentwurf zur Reform "
    "der Rente vorgestellt. Gewerkschaften kritisierten die Pläne scharf und kündigten für "
    "die kommende Woche Streiks an; die Einsparungen würden fast achtzehn Milliarden Euro "
    "betragen, heißt es in Berlin."
)
RUSSIAN = (
    "Правительство в среду представило долгожданный законопроект о пенсионной реформе. "
    "Профсоюзы резко раскритиковали планы и объявили о забастовках на следующей неделе."
)
JAPANESE = (
    "政府は水曜日、年金制度改革の法案を発表した。労働組合は来週、各地でストライキを行うと表明した。"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH, "latin-1"),
        (GERMAN, "cp1252"),
        (RUSSIAN, "cp1251"),
        (JAPANESE * 3, "shift_jis"),
        (FRENCH, "utf-16"),
    ],
)
def test_text_encodings_are_detected(data: str, expected: str) -> None:
    assert decode(data.encode(expected), "x.txt") == data


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    text = decode(("Caf\u00e9 " * 300).encode() + b"\xff" + b" fin", "x.txt")
    assert text.startswith("Caf\u00e9 Caf\u00e9") and text.endswith("\ufffd fin")


def test_json_array_object_and_lines() -> None:
    records = [
        {
            "id": "a1",
            "title": "Storm",
            "text": "A storm hit the coast.",
            "source": "AP",
            "url": "https://example.org/a1",
            "published": "2021-03-03T10:00:00+02:00",
        },
        {"text": "Rain fell for days, officials said.", "published": "March 4, 2021"},
    ]
    parsed = read_json(json.dumps(records), "day.json")
    first, second = parsed.articles
    assert first.id == "a1" and first.source == "AP" and first.url == "https://example.org/a1"
    assert first.published == dt.datetime(2021, 3, 3, 8, 0, tzinfo=dt.UTC)
    assert second.id == "day-2" and second.source == "day"
    assert second.published == dt.datetime(2021, 3, 4, tzinfo=dt.UTC)
    assert second.title == "Rain fell for days, officials said."
    wrapped = read_json(json.dumps({"articles": records}), "day.json")
    assert wrapped.articles == parsed.articles
    lines = "\n".join(json.dumps(r) for r in records)
    assert read_json(lines, "day.jsonl", lines=True).articles[0].id == "a1"


def test_bad_json_lines_are_skipped_by_line() -> None:
    text = "\n".join(
        [
            json.dumps({"text": "First good article text here."}),
            '{"text": "broken',
            json.dumps({"title": "No text field"}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"text": "Second good one.", "published": "not a date"}),
        ]
    )
    parsed = read_json(text, "feed.jsonl", lines=True)
    assert [a.text for a in parsed.articles] == [
        "First good article text here.",
        "Second good one.",
    ]
    assert parsed.articles[1].published is None
    reasons = {s.path: s.reason for s in parsed.skipped}
    assert reasons["feed.jsonl line 2"].startswith("malformed JSON (Unterminated string")
    assert reasons["feed.jsonl line 3"] == (
        "no 'text' field (expected keys: id, title, text, source, url, published)"
    )
    assert reasons["feed.jsonl line 4"].startswith("not a JSON object")


def test_malformed_json_file() -> None:
    with pytest.raises(InputError, match=r"malformed JSON \(Expecting"):
        read_json('{"text": ', "x.json")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html><head>", "html"),
        (b"Storm hits coast\n\nA storm hit the coast on Monday.", "text"),
    ],
)
def test_content_sniffing_without_extension(head: bytes, expected: str) -> None:
    assert detect_format("download", head) == expected
    assert detect_format("download.xml", head) == expected


def test_extension_decides_when_known() -> None:
    assert detect_format("a.html", b"plain words") == "html"
    assert detect_format("a.TXT", b"<html>") == "text"


def test_stdin_json_lines() -> None:
    stream = io.BytesIO(b'{"title": "T", "text": "Troops took the town on Monday."}\n')
    result = load_paths(["-"], stdin=stream)
    assert [a.title for a in result.articles] == ["T"]
    assert load_paths(["-"]).skipped[0].reason.startswith("'-' given but no standard input")


def test_parse_bytes_dispatches_on_real_files() -> None:
    for name in ("reuters.com.parasite.html", "bbc-world-2017-01-20.rss"):
        parsed = parse_bytes(REAL / name, (REAL / name).read_bytes())
        assert parsed.articles


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (
            b"Storm hits coast\n\nA storm hit the coast on Monday, flooding homes.\n",
            "Storm hits coast",
        ),
        (b'{"title": "T", "text": "Troops took the town on Monday."}\n', "T"),
        (b'[{"title": "T", "text": "Troops took the town on Monday."}]', "T"),
        (
            b"[Reuters] Storm hits coast\n\nA storm hit the coast on Monday.\n",
            "[Reuters] Storm hits coast",
        ),
        (
            b"<!DOCTYPE html><html><head><title>Storm hits coast</title></head><body><article>"
            + b"<p>A storm hit the coast on Monday, flooding hundreds of homes near the port "
            b"and cutting power to the town, officials said on Tuesday evening.</p>"
            * 3
            + b"</article></body></html>",
            "Storm hits coast",
        ),
        ((REAL / "bbc-world-2017-01-20.rss").read_bytes(), None),
    ],
)
def test_stdin_is_sniffed_like_a_file(data: bytes, title: str | None) -> None:
    result = load_paths(["-"], stdin=io.BytesIO(data))
    assert result.skipped == () and result.articles
    if title is not None:
        assert [a.title for a in result.articles] == [title]


DEEP = "[" * 100_000 + "]" * 100_000
LONG = "9" * 5000


@pytest.mark.parametrize(
    ("value", "reason"),
    [(DEEP, "malformed JSON (nested too deeply)"), (LONG, "malformed JSON (Exceeds the limit")],
)
def test_json_too_deep_or_too_long_is_a_skipped_record(value: str, reason: str) -> None:
    good = json.dumps({"id": "g", "text": "Troops took the town on Monday."})
    for line in ('{"text": ' + value + "}", '{"text": "x", "id": ' + value + "}"):
        parsed = read_json(f"{good}\n{line}\n", "day.jsonl", lines=True)
        assert [a.id for a in parsed.articles] == ["g"]
        (skip,) = parsed.skipped
        assert skip.path == "day.jsonl line 2" and skip.reason.startswith(reason)
    with pytest.raises(InputError, match=re.escape(reason)):
        read_json(f"[{good}, {value}]", "deep.json")


@pytest.mark.parametrize(
    "published",
    [
        "2024-03-12T10:00:00+25:00",
        "2024-03-12T10:00:00-24:30",
        "12",
        "March",
        "March 2024",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "x" * 10_000,
        1e300,
        float("inf"),
        -1e18,
    ],
)
def test_impossible_or_partial_dates_are_unknown(published: object) -> None:
    record = {"text": "Troops took the town on Monday.", "published": published}
    (article,) = read_json(json.dumps([record]), "x.json").articles
    assert article.published is None and article.date_basis == "unknown"


def test_full_dates_in_any_form_are_kept() -> None:
    for value, expected in (
        ("2024-03-12", dt.datetime(2024, 3, 12, tzinfo=dt.UTC)),
        ("12 March 2024 10:00 +0100", dt.datetime(2024, 3, 12, 9, 0, tzinfo=dt.UTC)),
        ("Tue, 12 Mar 2024 10:00:00 XYZ", dt.datetime(2024, 3, 12, 10, 0, tzinfo=dt.UTC)),
    ):
        record = {"text": "Troops took the town on Monday.", "published": value}
        (article,) = read_json(json.dumps([record]), "x.json").articles
        assert article.published == expected, value


@pytest.mark.parametrize(
    "text",
    ["\U0001f600\U0001f525 \U0001f4a5\n\U0001f600", "\u200b\u200c\u200d\ufeff\u2060", "12 34 !!"],
)
def test_text_without_a_letter_is_not_an_article(text: str, tmp_path: Path) -> None:
    parsed = read_json(json.dumps([{"text": text}]), "x.json")
    assert parsed.articles == ()
    assert parsed.skipped[0].reason.startswith("no text: not a single letter")
    path = tmp_path / "x.txt"
    path.write_text(f"Title\n{text}\n")
    (skip,) = load_paths([path]).skipped
    assert skip.reason.startswith("no text: not a single letter")


def test_control_characters_and_escape_sequences_never_reach_articles() -> None:
    record = {
        "id": "a\nb",
        "title": "Breaking\r\nBcc: victim@example.org\u2028now\x1b]0;pwned\x07",
        "text": "Troops\x1b[2J\x1b[H took \x9b31mthe town\x07 on Monday.\rMore\x00 text\u2029here.",
        "source": "AP\x1b[31m\n",
        "url": "https://example.org/\x1b[0m",
    }
    (article,) = read_json(json.dumps([record]), "x.json").articles
    assert article.id == "a b"
    assert article.title == "Breaking Bcc: victim@example.org now"
    assert article.text == "Troops took the town on Monday.\nMore text\nhere."
    assert article.source == "AP" and article.url == "https://example.org/"


def test_undecodable_file_names_become_escapes(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Title\n\nTroops took the town on Monday.\n")
    (tmp_path / os.fsdecode(b"bad\xff\nline.txt")).write_text("")
    result = load_paths([tmp_path])
    (article,) = result.articles
    assert article.id == "caf\\xe9" and article.source == "caf\\xe9"
    (skip,) = result.skipped
    assert skip.path.endswith("bad\\xff\\nline.txt") and "\n" not in skip.path
    for text in (article.id, article.source, skip.path):
        text.encode("utf-8")  # strict: no lone surrogates left


def test_feed_entries_with_impossible_dates_keep_their_text() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        b"<item><title>One</title><description>Troops took the town on Monday.</description>"
        b"<pubDate>Mon, 01 Jan 0000 00:00:00 GMT</pubDate></item>"
        b"<item><title>Two</title><description>Rain fell for days, officials said.</description>"
        b"<pubDate>Sat, 31 Dec 2016 23:59:60 GMT</pubDate></item>"
        b"</channel></rss>"
    )
    parsed = parse_bytes(Path("f.rss"), feed)
    assert [a.title for a in parsed.articles] == ["One", "Two"]
    assert parsed.articles[1].published in (
        None,
        dt.datetime(2016, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    )
