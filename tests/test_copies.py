from __future__ import annotations

import datetime as dt

from summarizer.copies import wire_copies
from summarizer.pipeline import summarize
from summarizer.types import Article

WIRE = (
    "Rescue teams pulled 40 survivors from the rubble of a school in Adana on Friday after "
    "an earthquake of magnitude 6.2 struck southern Turkey, the governor said. At least "
    "112 people were killed and hundreds more were injured, officials said. The quake hit "
    "at dawn, when most residents were asleep, and brought down 300 buildings."
)
OWN = (
    "Turkey's government sent army units to Adana on Saturday to help rescue teams after "
    "the earthquake, which killed at least 112 people. Engineers said many buildings had "
    "been built without permits. The prime minister promised to rebuild every school."
)


def _article(i: str, source: str, text: str, day: int | None = None) -> Article:
    when = dt.datetime(1998, 6, day, tzinfo=dt.UTC) if day else None
    return Article(
        id=i,
        title="Quake hits Turkey",
        text=text,
        source=source,
        url=f"https://{source.lower()}.example/{i}",
        published=when,
        date_basis="stated" if when else "unknown",
    )


def test_near_copies_are_one_text_with_every_outlet_credited() -> None:
    articles = [
        _article("a", "AP", WIRE, 27),
        _article("b", "Gazette", WIRE + " Local schools will close on Monday.", 27),
        _article("c", "Herald", OWN, 28),
    ]
    copies = wire_copies(articles)
    assert [a.id for a in copies.texts] == ["b", "c"]  # the fullest copy represents
    assert copies.credits["b"] == ("Gazette", "AP")
    assert copies.members["b"] == ("a", "b")


def test_brief_counts_a_wire_story_once_and_credits_every_outlet() -> None:
    articles = [
        _article("a", "AP", WIRE, 27),
        _article("b", "Gazette", WIRE, 27),
        _article("d", "Courier", WIRE + " Schools will close."),  # undated, the fullest
        _article("c", "Herald", OWN, 28),
    ]
    briefing = summarize(articles, today=dt.date(1998, 7, 1))
    rescue = next(i for i in briefing.items if "40 survivors" in i.text)
    assert set(rescue.sources) >= {"AP", "Gazette", "Courier"}
    assert len(rescue.urls) == len(rescue.sources) and all(rescue.urls)
    # The three copies are one text: no point is repeated from another copy.
    assert sum("40 survivors" in i.text for i in briefing.items) == 1
    # The undated fullest copy represents them and takes their date (27 June 1998, a
    # Saturday), so its "on Friday" is 26 June.
    assert rescue.article_id == "d"
    assert rescue.date == dt.date(1998, 6, 26) and rescue.date_basis == "event"


def test_ten_thousand_records_differing_by_a_number_are_one_text(sample_articles) -> None:
    flood = [
        Article(
            id=f"r{k:05d}",
            title="Market update",
            text=f"Shares of the Euphrates Mining Company rose {k} cents in early trading in "
            "Baghdad on Monday, dealers said.",
            source=f"wire{k % 7}",
        )
        for k in range(10_000)
    ]
    copies = wire_copies([*sample_articles, *flood])
    assert len(copies.texts) == len(sample_articles) + 1
    briefing = summarize([*sample_articles, *flood])
    assert sum("Euphrates Mining" in item.text for item in briefing.items) <= 1
    # The flood neither piles up near-identical points nor pushes the real news out.
    assert sum("Qaim" in item.text or "Akashat" in item.text for item in briefing.items) >= 3
