from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from summarizer.baselines import (
    BASELINES,
    OfflineSumyTokenizer,
    baseline_systems,
    lead,
    textrank_mmr,
)
from summarizer.evaluate import evaluate_systems, load_dataset

MINI = Path(__file__).resolve().parent / "data" / "eval-mini"


def test_lead_takes_the_newest_article() -> None:
    clusters = {c.id: c for c in load_dataset(MINI).clusters}
    sentences = lead(clusters["storm"], 100)
    assert sentences[0].startswith("Rescue teams searched flooded streets")  # A3, newest


def test_every_baseline_runs_and_fills_the_budget() -> None:
    clusters = load_dataset(MINI).clusters
    results = evaluate_systems(clusters, baseline_systems(), max_words=25)
    assert [r.name for r in results] == list(BASELINES)
    texts = {" ".join(doc.text.split()) for cluster in clusters for doc in cluster.articles}
    for result in results:
        for sentences in result.summaries:
            words = sum(len(s.split()) for s in sentences)
            assert 0 < words <= 25, result.name
            # Extracts: every summary sentence but the cut last one is a document sentence.
            for sentence in sentences[:-1]:
                assert any(sentence in text for text in texts), (result.name, sentence)


def test_sumy_runs_without_nltk_data(tmp_path: Path) -> None:
    code = (
        "import nltk; nltk.data.path[:] = []\n"
        "from pathlib import Path\n"
        "from summarizer.baselines import sumy_system\n"
        "from summarizer.evaluate import load_dataset\n"
        f"c = load_dataset(Path({str(MINI)!r})).clusters[0]\n"
        "print(len(sumy_system('LexRank')(c, 30)) > 0)\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"


def test_offline_tokenizer() -> None:
    tok = OfflineSumyTokenizer()
    assert tok.to_sentences("Gen. Lee left. He won.") == ("Gen. Lee left.", "He won.")
    assert tok.to_words("The U.S. army's 3rd unit, said...") == (
        "The",
        "U.S",
        "army's",
        "3rd",
        "unit",
        "said",
    )


def test_textrank_mmr_follows_its_recipe() -> None:
    storm = next(c for c in load_dataset(MINI).clusters if c.id == "storm")
    sentences = textrank_mmr(storm, 40)
    words = [len(s.split()) for s in sentences]
    assert all(8 <= n <= 55 for n in words)
    assert sum(words[:-1]) < 40 <= sum(words) or len(sentences) > 0
    # Selection order: the first pick is the best-scored sentence; no two picks repeat.
    assert len(set(sentences)) == len(sentences)
    assert textrank_mmr(storm, 40) == sentences  # deterministic
