from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evaluate import (
    RougeTokenizer,
    cut_words,
    evaluate_systems,
    human_agreement,
    load_dataset,
    load_wordnet_exceptions,
    ours,
    rouge,
)

MINI = Path(__file__).resolve().parent / "data" / "eval-mini"


def test_load_dataset_reads_docs_refs_and_meta_dates() -> None:
    clusters = {c.id: c for c in load_dataset(MINI)}
    assert sorted(clusters) == ["bridge", "storm"]
    storm = clusters["storm"]
    assert [a.id for a in storm.articles] == ["A1", "A2", "A3"]
    assert storm.articles[2].published == dt.datetime(2003, 9, 10, tzinfo=dt.UTC)
    assert storm.articles[0].source == "APW"
    assert storm.articles[0].text.startswith("MIAMI (AP) -- Hurricane Lena")  # no headline
    assert len(storm.references) == 2 and len(storm.references[0]) == 3
    assert clusters["bridge"].articles[0].published is None


def test_rouge_tokenizer_stems_long_words_and_applies_exceptions() -> None:
    plain = RougeTokenizer()
    assert plain("The gunmen were killed, police said.") == [
        "the",
        "gunmen",
        "were",
        "kill",
        "polic",
        "said",
    ]
    assert RougeTokenizer({"gunmen": "gunman"})("gunmen") == ["gunman"]


def test_rouge_pools_references() -> None:
    tok = RougeTokenizer()
    # Hypothesis "a b c"; references "a b d" and "a x y z": pooled unigram recall is
    # (2 + 1) / (3 + 4).
    scores = rouge([["a b c"]], [[["a b d"], ["a x y z"]]], tok)
    assert scores.r1_recall == pytest.approx(100 * 3 / 7)
    assert scores.r2_recall == pytest.approx(100 * 1 / 5)  # "a b" of 2 + 3 bigrams


def test_cut_words() -> None:
    assert cut_words(["one two three", "four five", "six"], 4) == ("one two three", "four")
    assert cut_words(["one two"], 10) == ("one two",)


def test_human_agreement_on_identical_references_is_perfect(tmp_path: Path) -> None:
    shutil.copytree(MINI / "bridge", tmp_path / "bridge")
    shutil.copy(tmp_path / "bridge/refs/A.txt", tmp_path / "bridge/refs/B.txt")
    scores = human_agreement(load_dataset(tmp_path))
    assert scores.r1_recall == pytest.approx(100.0)


def test_our_summaries_score_and_respect_the_budget() -> None:
    clusters = load_dataset(MINI)
    (result,) = evaluate_systems(clusters, {"ours": ours()}, max_words=30)
    for _, sentences in result.summaries:
        assert sum(len(s.split()) for s in sentences) <= 30
    assert result.scores.r1_recall > 20


def test_progress_callback_counts_every_step() -> None:
    seen = []
    evaluate_systems(
        load_dataset(MINI),
        {"ours": ours()},
        max_words=20,
        progress=lambda done, total, label: seen.append((done, total)),
    )
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ({}, "no cluster folders"),
        ({"c/docs/a.txt": "Some text here."}, "no refs/"),
        ({"c/refs/a.txt": "A summary."}, "no docs/ folder"),
        (
            {"c/docs/a.txt": "Some text.", "c/refs/r.txt": "A summary.", "c/meta.json": "{"},
            "malformed meta.json",
        ),
        ({"c/docs/a.txt": "", "c/refs/r.txt": "A summary."}, "empty file"),
    ],
)
def test_bad_datasets_raise_input_errors(tmp_path: Path, layout, message) -> None:
    for name, text in layout.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=message):
        load_dataset(tmp_path)


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        load_dataset(tmp_path / "missing")


def test_wordnet_exceptions_file(tmp_path: Path) -> None:
    path = tmp_path / "exc.tsv"
    path.write_text("went\tgo\nmice\tmouse\n")
    assert load_wordnet_exceptions(path) == {"went": "go", "mice": "mouse"}
    path.write_text("went go\n")
    with pytest.raises(InputError, match="line 1: expected"):
        load_wordnet_exceptions(path)


def test_cli_evaluate_table_json_and_out(tmp_path: Path, capsys) -> None:
    from summarizer.cli import main

    assert main(["evaluate", str(MINI), "--max-words", "30", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2 clusters, 30 words, ROUGE in percent"
    assert any(line.startswith("summarizer ") for line in out.splitlines())
    assert any(line.startswith("Human ") for line in out.splitlines())
    lines = (tmp_path / "storm.txt").read_text().splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 30
    assert main(["evaluate", str(MINI), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 1 and doc["clusters"] == 2
    assert [s["name"] for s in doc["systems"]] == ["summarizer"]
    assert 0 < doc["systems"][0]["r1_recall"] <= 100


def test_cli_evaluate_bad_dataset_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from summarizer.cli import main

    assert main(["evaluate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: ") and "no cluster folders" in err
    assert "Traceback" not in err


def test_jobs_give_the_same_results() -> None:
    from summarizer.baselines import lead

    clusters = load_dataset(MINI)
    systems = {"ours": ours(), "Lead": lead}
    one = evaluate_systems(clusters, systems, max_words=30)
    two = evaluate_systems(clusters, systems, max_words=30, jobs=2)
    assert one == two


def test_cluster_documents_in_other_formats(tmp_path: Path) -> None:
    shutil.copytree(MINI / "storm", tmp_path / "storm")
    (tmp_path / "storm/docs/A1.txt").unlink()
    (tmp_path / "storm/docs/A1.jsonl").write_text(
        json.dumps(
            {"id": "A1", "title": "Lena", "text": "Hurricane Lena struck the Florida coast."}
        )
    )
    (storm,) = load_dataset(tmp_path)
    first = storm.articles[0]
    assert (first.id, first.title, first.source) == ("A1", "Lena", "APW")
    assert first.published == dt.datetime(2003, 9, 9, tzinfo=dt.UTC)
