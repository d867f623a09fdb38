from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.evaluate import (
    Interval,
    PeerSystem,
    bootstrap_interval,
    evaluate_systems,
    human_agreement,
    load_dataset,
    load_wordnet_exceptions,
    ours,
)

MINI = Path(__file__).resolve().parent / "data" / "eval-mini"


def test_load_dataset_reads_docs_refs_and_meta_dates() -> None:
    dataset = load_dataset(MINI)
    assert dataset.name == "eval-mini" and dataset.budget is None
    clusters = {c.id: c for c in dataset.clusters}
    assert sorted(clusters) == ["bridge", "storm"]
    storm = clusters["storm"]
    assert [a.id for a in storm.articles] == ["A1", "A2", "A3"]
    assert storm.articles[2].published == dt.datetime(2003, 9, 10, tzinfo=dt.UTC)
    assert storm.articles[0].source == "APW"
    assert storm.articles[0].text.startswith("MIAMI (AP) -- Hurricane Lena")  # no headline
    assert len(storm.references) == 2 and len(storm.references[0]) == 3
    assert clusters["bridge"].articles[0].published is None


def test_budget_json_and_peers_are_read(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "set")
    (tmp_path / "set/budget.json").write_text('{"max_words": 250}')
    (tmp_path / "set/storm/peers").mkdir()
    (tmp_path / "set/storm/peers/7.txt").write_text("Hurricane Lena struck.\nIt rained.\n")
    (tmp_path / "set/storm/peers/8.txt").write_text("\n")  # submitted nothing
    dataset = load_dataset(tmp_path / "set")
    assert dataset.budget == 250
    storm = next(c for c in dataset.clusters if c.id == "storm")
    assert dict(storm.peers) == {"7": ("Hurricane Lena struck.", "It rained."), "8": ()}
    assert PeerSystem("7")(storm, 100) == ("Hurricane Lena struck.", "It rained.")
    (tmp_path / "set/budget.json").write_text('{"max_words": "many"}')
    with pytest.raises(InputError, match="max_words must be a whole number"):
        load_dataset(tmp_path / "set")


def test_human_agreement_on_identical_references_is_perfect(tmp_path: Path) -> None:
    shutil.copytree(MINI / "bridge", tmp_path / "bridge")
    shutil.copy(tmp_path / "bridge/refs/A.txt", tmp_path / "bridge/refs/B.txt")
    human = human_agreement(load_dataset(tmp_path).clusters)
    assert human.mean().r1_recall == pytest.approx(100.0)


def test_one_reference_per_cluster_leaves_human_agreement_empty(tmp_path: Path) -> None:
    shutil.copytree(MINI / "bridge", tmp_path / "bridge")
    for ref in sorted((tmp_path / "bridge/refs").glob("*.txt"))[1:]:
        ref.unlink()
    clusters = load_dataset(tmp_path).clusters
    assert human_agreement(clusters).scores == ()
    (result,) = evaluate_systems(clusters, {"ours": ours()}, max_words=30)
    assert result.mean().r1_recall > 0


def test_our_summaries_score_and_respect_the_budget() -> None:
    clusters = load_dataset(MINI).clusters
    (result,) = evaluate_systems(clusters, {"ours": ours()}, max_words=30)
    for sentences in result.summaries:
        assert sum(len(s.split()) for s in sentences) <= 30
    assert result.mean().r1_recall > 20
    assert len(result.values("r2_recall")) == 2


def test_references_are_cut_to_the_budget_as_rouge_155_does(tmp_path: Path) -> None:
    shutil.copytree(MINI / "storm", tmp_path / "storm")
    storm = load_dataset(tmp_path).clusters[0]
    first = storm.references[0]
    words = " ".join(first).split()
    # A summary made of the reference's first 10 words recalls all of a 10-word cut.
    system = {"copy": lambda cluster, budget: [" ".join(words[:10])]}
    (cut,) = evaluate_systems([storm], system, max_words=10)
    (whole,) = evaluate_systems([storm], system, max_words=len(words))
    assert cut.scores[0].r1_recall > whole.scores[0].r1_recall


def test_bootstrap_interval_is_stratified_and_deterministic() -> None:
    a, b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([10.0, 12.0])
    iv = bootstrap_interval([a, b])
    assert iv.value == pytest.approx((2.5 + 11.0) / 2)
    assert iv.low < iv.value < iv.high
    assert bootstrap_interval([a, b]) == iv
    assert bootstrap_interval([np.full(5, 3.0)]) == Interval(3.0, 3.0, 3.0)


def test_progress_callback_counts_every_step() -> None:
    seen = []
    evaluate_systems(
        load_dataset(MINI).clusters,
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
    lines = out.splitlines()
    assert lines[0] == "eval-mini: 2 clusters, 30 words (--max-words), ROUGE in percent"
    assert any(line.startswith("summarizer ") for line in lines)
    assert any(line.startswith("Human ") for line in lines)
    assert any(line.startswith("Macro mean over 1 dataset(s) (2 clusters)") for line in lines)
    summary = (tmp_path / "eval-mini/storm.txt").read_text().splitlines()
    assert summary and sum(len(line.split()) for line in summary) <= 30
    assert main(["evaluate", str(MINI), "--json", "--baselines", "Lead"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 2
    (dataset,) = doc["datasets"]
    assert dataset["clusters"] == 2 and dataset["max_words"] == 100
    assert [s["name"] for s in dataset["systems"]] == ["summarizer", "Lead"]
    assert 0 < dataset["systems"][0]["r1_recall"] <= 100
    macro = doc["macro"][0]
    assert macro["name"] == "summarizer"
    low, high = macro["r1_recall_interval"]
    assert low <= macro["r1_recall"] <= high


def test_cli_evaluate_several_datasets_and_the_paired_difference(tmp_path: Path, capsys) -> None:
    from summarizer.cli import main

    shutil.copytree(MINI, tmp_path / "one")
    shutil.copytree(MINI, tmp_path / "two")
    (tmp_path / "two/budget.json").write_text('{"max_words": 20}')
    args = ["evaluate", str(tmp_path / "one"), str(tmp_path / "two"), "--baselines", "Lead"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "one: 2 clusters, 100 words (default)" in out
    assert "two: 2 clusters, 20 words (budget.json)" in out
    assert "Macro mean over 2 dataset(s) (4 clusters)" in out
    assert "summarizer minus the strongest baseline, Lead, paired by cluster: R-1 " in out
    assert main(["evaluate", str(tmp_path / "one"), "--baselines", "Nope"]) == 2
    assert "unknown baseline Nope" in capsys.readouterr().err


def test_cli_evaluate_bad_dataset_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from summarizer.cli import main

    assert main(["evaluate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: ") and "no cluster folders" in err
    assert "Traceback" not in err


def test_jobs_give_the_same_results() -> None:
    from summarizer.baselines import lead

    clusters = load_dataset(MINI).clusters
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
    (storm,) = load_dataset(tmp_path).clusters
    first = storm.articles[0]
    assert (first.id, first.title, first.source) == ("A1", "Lena", "APW")
    assert first.published == dt.datetime(2003, 9, 9, tzinfo=dt.UTC)
