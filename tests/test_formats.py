"""Every input format, on real saved pages and feeds (tests/data/real, not written by us),
plus encodings, JSON records and content sniffing."""

from __future__ import annotations

import datetime as dt
import io
import json
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
    assert second.id == "day-2" and second.source == "day.json"
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
