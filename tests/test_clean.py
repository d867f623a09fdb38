from __future__ import annotations

import numpy as np

from summarizer.clean import clean_article, is_boilerplate, off_topic_rows, strip_dateline
from summarizer.split import split_sentences
from summarizer.vectorize import content_terms, vectorize

# Web junk copied from the sample pages: none of it may survive cleaning.
JUNK = [
    "Track Latest News Live on NDTV.com",
    "Share on Facebook",
    "Read more",
    "Related Links",
    "Popular posts from this blog",
    "Moadh Al Dulaimi / AFP",
    "Billed Once",
    "Discuss This Article",
    "Other reports by AllAboutTopnews",
    "Let's block ads",
    "http://ift.tt",
    "Friday 23 August 2019",
    "Published 16.09.2017",
    "Katrina Barker",
    "IRAQ WARS",
    "Oryx Handbook",
]


def _kept_sentences(articles):
    """What cleaning lets through to ranking: prose lines, minus off-topic sentences."""
    matrix = vectorize(split_sentences([p for a in articles for p in clean_article(a)]))
    tails = np.array([s.tail for s in matrix.sentences])
    off = off_topic_rows(matrix.vectors, tails)
    return [s.text for s, o in zip(matrix.sentences, off, strict=True) if not o]


def test_sample_junk_lines_are_removed(sample_articles) -> None:
    texts = _kept_sentences(sample_articles)
    for junk in JUNK:
        assert not [t for t in texts if junk in t], junk
    # ... while the news itself is kept.
    assert any("pushed from Qaim on Friday" in t for t in texts)
    assert any("battled up to the edge of Al-Qaim" in t for t in texts)


def test_repeated_paragraphs_are_kept_once(sample_articles) -> None:
    (ndtv,) = [a for a in sample_articles if a.source.startswith("ndtv")]
    texts = [p.text for p in clean_article(ndtv)]
    assert ndtv.text.count("The capture of Akashat, a former mining town") == 2
    assert sum("The capture of Akashat, a former mining town" in t for t in texts) == 1
    assert len(texts) == len(set(texts))


def test_caption_printed_twice_is_dropped(sample_articles) -> None:
    (page,) = [a for a in sample_articles if a.source.startswith("abu-dhabi")]
    assert not [p for p in clean_article(page) if "outside the town of Akashat" in p.text]


def test_donation_appeal_is_tail_and_off_topic(sample_articles) -> None:
    paragraphs = [p for a in sample_articles for p in clean_article(a)]
    appeal = [p for p in paragraphs if "revenues have never been harder" in p.text]
    assert appeal and all(p.tail for p in appeal)
    matrix = vectorize(split_sentences(paragraphs))
    tails = np.array([s.tail for s in matrix.sentences])
    off = off_topic_rows(matrix.vectors, tails, content=content_terms(matrix))
    dropped = {s.text for s, o in zip(matrix.sentences, off, strict=True) if o}
    assert any("SpaceDaily news network" in t for t in dropped)
    assert not any("Akashat" in t or "Al-Qaim" in t for t in dropped)


def test_is_boilerplate_signals() -> None:
    assert is_boilerplate("Death toll in bombing in southern Iraq climbs to 84")
    assert is_boilerplate("Habbaniyah, Iraq (AFP) Oct 26, 2017")
    assert is_boilerplate(
        "Iraqi forces on Thursday recaptured several bases as the K ... read more"
    )
    assert is_boilerplate("1762. Mauritius Commemorates Historic Post Office Building.")
    assert not is_boilerplate('"They had arms caches and production lines for making explosives."')


def test_strip_dateline_keeps_text_without_one() -> None:
    assert strip_dateline("DOI INTHANON, Thailand (AP) -- Stargazers sought high ground.") == (
        "Stargazers sought high ground."
    )
    text = "Iraq's Joint Operations Command said troops captured the village."
    assert strip_dateline(text) == text


# Text tokenised the Penn Treebank way, and stamps run into the lead (Timeline17 pages).


def test_untokenize_reads_penn_treebank_text_as_ordinary_text() -> None:
    from summarizer.clean import untokenize

    assert (
        untokenize("`` We do n't know , '' BP 's chief said -LRB- Reuters -RRB- .")
        == "“We don't know,” BP's chief said (Reuters)."
    )
    plain = "Troops took the town on Monday, officials said."
    assert untokenize(plain) == plain


def test_a_penn_treebank_line_ending_in_a_closing_quote_is_prose() -> None:
    line = "`` We will make this right , '' BP 's chief executive said on Sunday ."
    assert not is_boilerplate(line)


def test_date_and_time_stamps_run_into_the_lead_are_removed() -> None:
    from summarizer.clean import strip_stamp

    line = (
        "HOUSTON | Sun Sep 19 , 2010 3:58 pm EDT HOUSTON -LRB- Reuters -RRB- - With a "
        "final shot of cement , BP Plc permanently `` killed '' its well ."
    )
    assert strip_dateline(strip_stamp(line)).startswith("With a final shot of cement")
    line = "Friday , May 21 , 2010 ; 8:38 PM Crews looking for injured wildlife found more ."
    assert strip_stamp(line) == "Crews looking for injured wildlife found more ."
    dated = "May 21 , 2010 was the day the crews found more injured wildlife ."
    assert strip_stamp(dated) == dated  # a date without a time is not a stamp
    assert strip_dateline("-LRB- Reuters -RRB- - BP said on Monday it would pay.") == (
        "BP said on Monday it would pay."
    )
