from __future__ import annotations

import pytest

from summarizer.rouge import RougeTokenizer, cut_words, rouge_n, score_summary


def test_tokens_are_lowercased_alphanumerics_stemmed_above_three_letters() -> None:
    tokens = RougeTokenizer()("The gunmen were killed, police said; 1,500 fled.")
    assert tokens == ["the", "gunmen", "were", "kill", "polic", "said", "1", "500", "fled"]


def test_an_exception_maps_to_its_base_form_without_further_stemming() -> None:
    # ROUGE-1.5.5 looks a token up in the WordNet exceptions first and returns the base
    # form as it is; only other tokens go through Porter.
    tok = RougeTokenizer({"leaves": "leaf", "rallies": "rally"})
    assert tok("leaves rallies rallying") == ["leaf", "rally", "ralli"]


def test_references_are_pooled_and_clipped() -> None:
    score = rouge_n(["a", "b", "c", "a"], [["a", "b", "d"], ["a", "a", "x", "y"]], 1)
    # Hits: "a","b" against the first (2 of 3), "a","a" against the second (2 of 4).
    assert score.recall == pytest.approx(4 / 7)
    assert score.precision == pytest.approx(4 / 8)
    assert score.f1 == pytest.approx(2 * (4 / 7) * (4 / 8) / (4 / 7 + 4 / 8))
    assert rouge_n(["a", "b"], [["a", "b", "c"]], 2).recall == pytest.approx(1 / 2)


def test_summary_and_references_are_cut_before_tokenising() -> None:
    assert cut_words(["One two three.", "Four five."], 4) == ("One two three.", "Four")
    assert cut_words(["One two"], None) == ("One two",)
    tok = RougeTokenizer()
    r1, r2 = score_summary(["x y z"], [["x y z w v"]], tok, max_words=3)
    assert r1.recall == pytest.approx(1.0) and r2.recall == pytest.approx(1.0)
    r1, _ = score_summary(["x y z"], [["x y z w v"]], tok, max_words=None)
    assert r1.recall == pytest.approx(3 / 5)


def test_empty_summary_scores_zero() -> None:
    r1, r2 = score_summary([], [["a b c"]], RougeTokenizer(), max_words=100)
    assert (r1.recall, r1.f1, r2.recall) == (0.0, 0.0, 0.0)
