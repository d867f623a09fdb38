from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.config import SplitConfig
from summarizer.split import split_sentences
from summarizer.types import Paragraph


def _split(text: str, config: SplitConfig | None = None) -> list[str]:
    paragraphs = [
        Paragraph(article_id="a", index=i, text=line)
        for i, line in enumerate(text.splitlines())
        if line.strip()
    ]
    return [s.text for s in split_sentences(paragraphs, config)]


def test_news_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Brig. Gen. Yehia Rasool met Lt. Col. Ahmed in the U.S. capital on Sept. 5 at "
        "9 a.m. local time. The U.N. envoy was there too."
    )
    assert _split(text) == [
        "Brig. Gen. Yehia Rasool met Lt. Col. Ahmed in the U.S. capital on Sept. 5 at "
        "9 a.m. local time.",
        "The U.N. envoy was there too.",
    ]


def test_line_breaks_are_hard_boundaries() -> None:
    assert _split("Iraqi forces advance to edge of Al-Qaim\nBaghdad:\nTroops advanced.") == [
        "Iraqi forces advance to edge of Al-Qaim",
        "Baghdad:",
        "Troops advanced.",
    ]


def test_lower_case_piece_is_joined_back() -> None:
    # "approx." is not in the list; Punkt splits after it, the join repairs it.
    config = SplitConfig()
    assert _split("The town lies approx. twelve miles away. It is small.", config) == [
        "The town lies approx. twelve miles away.",
        "It is small.",
    ]
    assert _split("He met Insp. Clouseau and Supt. Smith today.", config) == [
        "He met Insp. Clouseau and Supt. Smith today."
    ]


def test_positions_count_per_article() -> None:
    paragraphs = [
        Paragraph(article_id="a", index=0, text="One. Two here."),
        Paragraph(article_id="b", index=0, text="Three."),
        Paragraph(article_id="a", index=1, text="Four."),
    ]
    out = [(s.article_id, s.position) for s in split_sentences(paragraphs)]
    assert out == [("a", 0), ("a", 1), ("b", 0), ("a", 2)]


def test_splitting_needs_no_nltk_data(tmp_path) -> None:
    code = (
        "import nltk; nltk.data.path[:] = []\n"
        "from summarizer.types import Paragraph\n"
        "from summarizer.split import split_sentences\n"
        "p = Paragraph(article_id='a', index=0, text='Gen. Smith left. He was sad.')\n"
        "print(len(split_sentences([p])))\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "2"


GOLDEN = json.loads((Path(__file__).parent / "data" / "golden_rules_en.json").read_text())
#: Golden rules our splitter does not meet, and why they matter little for news prose.
KNOWN_MISSES = {
    17: "'6 P.M. Mr. Smith': an abbreviation followed by a title is left joined",
    30: "enumerated list items are not news prose",
    31: "enumerated list items are not news prose",
    32: "enumerated list items are not news prose",
    34: "enumerated list items are not news prose",
    35: "enumerated list items are not news prose",
    36: "enumerated list items are not news prose",
    37: "enumerated list items are not news prose",
    38: "enumerated list items are not news prose",
    39: "'N°.' followed by a dotted number",
    42: "spaced ellipses (literary quotation)",
    44: "spaced ellipses (literary quotation)",
    45: "an ellipsis that ends a sentence",
    46: "spaced ellipses (literary quotation)",
    47: "spaced ellipses (literary quotation)",
}


@pytest.mark.parametrize("number", range(len(GOLDEN["rules"])))
def test_golden_rules(number: int) -> None:
    """The English Golden Rules of the Pragmatic Segmenter (see the data file's source)."""
    rule = GOLDEN["rules"][number]
    got = [s.text for s in split_sentences([Paragraph(article_id="a", index=0, text=rule["text"])])]
    if number in KNOWN_MISSES:
        # A known miss that starts passing should be moved out of the list.
        assert got != rule["sentences"], f"rule {number} passes now: {KNOWN_MISSES[number]}"
    else:
        assert got == rule["sentences"]


def test_golden_rules_pass_count() -> None:
    assert len(GOLDEN["rules"]) - len(KNOWN_MISSES) == 33


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Talks were attended by former President P.W. Botha and his wife.",
            ["Talks were attended by former President P.W. Botha and his wife."],
        ),
        (
            "Author J.K. Rowling spoke. She left early.",
            ["Author J.K. Rowling spoke.", "She left early."],
        ),
        (
            "The vote angered strongman Hun Sen. Hun Sen complained of fraud.",
            ["The vote angered strongman Hun Sen.", "Hun Sen complained of fraud."],
        ),
        (
            "Democratic Sen. John Kerry spoke. Rep. Ann Lee and Gov. Tom Ray agreed.",
            ["Democratic Sen. John Kerry spoke.", "Rep. Ann Lee and Gov. Tom Ray agreed."],
        ),
        (
            "The deal was signed with Pitt & Co. It closed in the U.S. on Monday.",
            ["The deal was signed with Pitt & Co.", "It closed in the U.S. on Monday."],
        ),
        ("The No. 1 seed lost, see p. 55 of it.", ["The No. 1 seed lost, see p. 55 of it."]),
    ],
)
def test_news_names_titles_and_initials(text: str, expected: list[str]) -> None:
    assert _split(text) == expected
