"""Property tests (hypothesis) of the pipeline's invariants, on real sample text."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.config import SummarizerConfig
from summarizer.load import load_paths
from summarizer.pipeline import summarize
from summarizer.render import render
from summarizer.types import Article
from summarizer.vectorize import Analyzer

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "al-qaim-2017"
ARTICLES = load_paths([SAMPLE]).articles
PARAGRAPHS = [(a, [line for line in a.text.splitlines() if line.strip()]) for a in ARTICLES]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def batches(draw):
    """Subsets of the sample articles, each cut to a random subset of its lines."""
    chosen = draw(
        st.lists(st.sampled_from(range(len(PARAGRAPHS))), min_size=1, max_size=5, unique=True)
    )
    out = []
    for k in chosen:
        article, lines = PARAGRAPHS[k]
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        text = "\n".join(line for line, flag in zip(lines, keep, strict=True) if flag)
        out.append(Article(id=article.id, title=article.title, text=text, source=article.source))
    return out


def _run(articles, **select):
    config = SummarizerConfig().with_options(select=select)
    try:
        return summarize(articles, config)
    except Exception as exc:  # only "nothing left" is an acceptable failure
        from summarizer.errors import EmptyInputError

        assert isinstance(exc, EmptyInputError), exc
        return None


@SETTINGS
@given(batches(), st.integers(min_value=15, max_value=200))
def test_output_sentences_are_input_sentences_within_budget(articles, budget) -> None:
    briefing = _run(articles, max_words=budget)
    if briefing is None:
        return
    texts = {a.id: " ".join(a.text.split()) for a in articles}
    for item in briefing.items:
        assert item.text in texts[item.article_id]
        assert np.isfinite(item.score)
    assert briefing.n_words <= budget


@SETTINGS
@given(batches())
def test_no_two_chosen_sentences_are_near_duplicates(articles) -> None:
    briefing = _run(articles, max_words=300)
    if briefing is None:
        return
    analyzer = Analyzer()
    for a, b in itertools.combinations(briefing.items, 2):
        x, y = set(analyzer(a.text)), set(analyzer(b.text))
        assert len(x & y) / max(len(x | y), 1) < 0.6, (a.text, b.text)


@SETTINGS
@given(batches(), st.randoms(use_true_random=False))
def test_shuffling_the_input_changes_nothing(articles, rnd: random.Random) -> None:
    first = _run(articles)
    shuffled = articles[:]
    rnd.shuffle(shuffled)
    second = _run(shuffled)
    if first is None:
        assert second is None
        return
    assert second is not None
    assert render(first, "json") == render(second, "json")
