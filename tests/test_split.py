from __future__ import annotations

import os
import subprocess
import sys

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
