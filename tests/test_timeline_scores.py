"""Timeline scores: hand-computed examples, and equality with tilse itself (the field's
scorer, which runs the Perl ROUGE-1.5.5) on timelines written for these tests."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from summarizer.timeline_scores import (
    PRF,
    TimelineRouge,
    align_many_to_one,
    concat,
    date_scores,
    f_score,
    mean_prf,
)

D = [dt.date(2010, 4, 20) + dt.timedelta(days=k) for k in range(40)]


def test_rouge_tokens_follow_rouge_1_5_5_with_stop_words_removed() -> None:
    rouge = TimelineRouge({"geese": "goose"})
    # Lower-cased, punctuation and SMART stop words ("the", "of", "s", "well", "on",
    # "may") gone, "-" splits, tokens over three letters stemmed, an exception word
    # mapped, "^" read as "&circ;".
    assert rouge.tokens(["The geese of BP 's well-head flew on 2 May ^"]) == [
        "goose",
        "bp",
        "head",
        "flew",
        "2",
        "circ",
    ]
    # A sentence is read up to its first "<"; an empty one is no sentence.
    assert rouge.tokens(["Oil <b>spill</b>", ""]) == ["oil"]


def test_counts_clip_hits_per_reference_and_count_the_summary_per_reference() -> None:
    rouge = TimelineRouge()
    counts = rouge.counts(["oil oil spill"], [["oil spill"], ["oil"]])
    assert counts[1].hits == 2 + 1  # clipped per reference: oil+spill, then oil
    assert counts[1].peer == 3 * 2  # the summary's unigrams, once per reference
    assert counts[1].model == 2 + 1
    assert counts[2].hits == 1 and counts[2].peer == 2 * 2 and counts[2].model == 1


def test_align_weights_hits_by_the_distance_between_aligned_dates() -> None:
    rouge = TimelineRouge()
    # One predicted date a day off the reference date: same words, half the credit.
    scores = align_many_to_one({D[1]: ["Rig sinks"]}, [{D[0]: ["Rig sinks"]}], rouge)
    assert scores[1] == PRF(0.5, 0.5, 0.5)
    exact = align_many_to_one({D[0]: ["Rig sinks"]}, [{D[0]: ["Rig sinks"]}], rouge)
    assert exact[1] == PRF(1.0, 1.0, 1.0)


def test_many_to_one_lets_several_predicted_dates_share_a_reference_date() -> None:
    rouge = TimelineRouge()
    predicted = {D[0]: ["Rig explodes"], D[1]: ["Rig explodes"]}
    scores = align_many_to_one(predicted, [{D[0]: ["Rig explodes"]}], rouge)
    # precision: 2 hits of 2 on D0 (weight 1) and 2 of 2 on D1 (weight 1/2) -> 3 / 4
    assert scores[1].precision == pytest.approx(0.75)
    assert scores[1].recall == 1.0


def test_concat_and_date_scores() -> None:
    rouge = TimelineRouge()
    predicted = {D[0]: ["Rig explodes"], D[5]: ["Leak capped"]}
    joined = concat(predicted, [{D[9]: ["Leak capped"]}], rouge)
    assert joined[1] == PRF(0.5, 1.0, f_score(0.5, 1.0))
    dates = date_scores({D[0]: ["a"], D[1]: ["b"], D[2]: ["c"]}, [{D[2]: ["x"], D[3]: ["y"]}])
    assert dates == PRF(1 / 3, 0.5, f_score(1 / 3, 0.5))


def test_the_mean_is_the_f1_of_mean_precision_and_recall() -> None:
    mean = mean_prf([PRF(1.0, 0.0, 0.0), PRF(0.0, 1.0, 0.0)])
    assert mean == PRF(0.5, 0.5, 0.5)  # not the mean of the F1s (0.0)


# Equality with tilse. The sentences are written for this test in the style of the
# Timeline17 references (Penn Treebank tokens, quotes, brackets, numbers, hyphens) with
# the characters the Perl script treats specially.
TEXT = (
    "The Deepwater Horizon rig explodes , killing 11 workers . BP 's well leaks oil into "
    "the Gulf of Mexico -LRB- Reuters -RRB- `` We do n't know , '' said Obama on Tuesday "
    "April 20 , 2010 . Geese running ran flies relief-well cement seal dispersants "
    "fishermen beaches Louisiana $ 20 billion fund hearings testified Hayward resigns "
    "moratorium lifted capped 4.9 million barrels 1990s U.S. ^ <b> café Über x-ray "
    "spilling spilled spills oiled marshes goose fly woman women children child "
    "agreement environmental congressional yesterday yelling documented commissioners"
)
WORDS = TEXT.split()


def _tilse_evaluator():  # type: ignore[no-untyped-def]
    rouge = pytest.importorskip("tilse.evaluation.rouge", reason="tilse is not installed")
    if shutil.which("perl") is None:
        pytest.skip("tilse's ROUGE needs perl")
    return rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})


def _tilse_exceptions() -> dict[str, str]:
    """The WordNet exceptions of the ROUGE-1.5.5 tilse runs (its Berkeley DB, via Perl)."""
    import pyrouge  # installed with tilse

    db = Path(pyrouge.__file__).parent / "tools" / "ROUGE-1.5.5" / "data" / "WordNet-2.0.exc.db"
    script = (
        'use DB_File; tie %h, "DB_File", $ARGV[0], O_RDONLY, 0644, $DB_HASH or die; '
        'for (sort keys %h) { print "$_\\t$h{$_}\\n" }'
    )
    out = subprocess.run(["perl", "-e", script, str(db)], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot read ROUGE's exception database: {out.stderr.strip()}")
    return dict(line.split("\t", 1) for line in out.stdout.splitlines())


def _written_timeline(rng: random.Random, dates: int) -> dict[dt.date, list[str]]:
    days = rng.sample(D, dates)
    return {
        day: [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 16)))
            for _ in range(rng.randint(1, 3))
        ]
        for day in days
    }


def test_scores_equal_tilse_on_written_timelines(capfd: pytest.CaptureFixture[str]) -> None:
    evaluator = _tilse_evaluator()
    from tilse.data.timelines import GroundTruth, Timeline

    ours = TimelineRouge(_tilse_exceptions())
    rng = random.Random(12)
    for _ in range(12):
        predicted = _written_timeline(rng, rng.randint(1, 6))
        references = [_written_timeline(rng, rng.randint(1, 6)) for _ in range(rng.randint(1, 2))]
        truth = GroundTruth([Timeline(r) for r in references])
        theirs_align = evaluator.evaluate_align_date_content_costs_many_to_one(
            Timeline(predicted), truth
        )
        theirs_concat = evaluator.evaluate_concat(Timeline(predicted), truth)
        mine_align = align_many_to_one(predicted, references, ours)
        mine_concat = concat(predicted, references, ours)
        for n in (1, 2):
            for theirs, mine in ((theirs_align, mine_align), (theirs_concat, mine_concat)):
                expected = theirs[f"rouge_{n}"]
                assert mine[n].precision == pytest.approx(expected["precision"], abs=1e-12)
                assert mine[n].recall == pytest.approx(expected["recall"], abs=1e-12)
                assert mine[n].f1 == pytest.approx(expected["f_score"], abs=1e-12)
    capfd.readouterr()  # the Perl script's "empty text" notes


def test_the_porter_stemmer_is_rouge_s_own(tmp_path: Path) -> None:
    """ROUGE-1.5.5's Perl Porter stemmer, run on words of every suffix class, against
    our port (NLTK's Porter differs on words like these)."""
    pyrouge = pytest.importorskip("pyrouge", reason="tilse (which ships ROUGE-1.5.5) is absent")
    if shutil.which("perl") is None:
        pytest.skip("needs perl")
    from summarizer.rouge import rouge_porter

    script = Path(pyrouge.__file__).parent / "tools" / "ROUGE-1.5.5" / "ROUGE-1.5.5.pl"
    source = script.read_text(encoding="latin-1")
    porter = source[source.index("# Porter stemmer in Perl") :]
    program = tmp_path / "porter.pl"
    program.write_text(
        porter + '\ninitialise();\nwhile (<STDIN>) { chomp; print stem($_), "\\n"; }\n'
    )
    words = sorted(
        {w.lower() for w in TEXT.split() if w.isalpha() and len(w) > 3}
        | {
            "agreement",
            "argument",
            "environmental",
            "congressional",
            "relational",
            "conditional",
            "rational",
            "valenci",
            "hesitanci",
            "digitizer",
            "conformabli",
            "radicalli",
            "differentli",
            "vileli",
            "analogousli",
            "vietnamization",
            "predication",
            "operator",
            "feudalism",
            "decisiveness",
            "hopefulness",
            "callousness",
            "formaliti",
            "sensitiviti",
            "sensibiliti",
            "triplicate",
            "formative",
            "formalize",
            "electriciti",
            "electrical",
            "hopeful",
            "goodness",
            "revival",
            "allowance",
            "inference",
            "airliner",
            "gyroscopic",
            "adjustable",
            "defensible",
            "irritant",
            "replacement",
            "adjustment",
            "dependent",
            "adoption",
            "homologou",
            "communism",
            "activate",
            "angulariti",
            "homologous",
            "effective",
            "bowdlerize",
            "probate",
            "rate",
            "cease",
            "controll",
            "roll",
            "yellow",
            "yield",
            "caresses",
            "ponies",
            "ties",
            "cats",
            "feed",
            "agreed",
            "plastered",
            "bled",
            "motoring",
            "sing",
            "conflated",
            "troubled",
            "sized",
            "hopping",
            "tanned",
            "falling",
            "hissing",
            "fizzed",
            "failing",
            "filing",
            "happy",
            "sky",
            "1990s",
            "ecology",
            "chronology",
            "apology",
            "documentation",
            "element",
            "basement",
        }
    )
    out = subprocess.run(
        ["perl", str(program)], input="\n".join(words) + "\n", capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert [rouge_porter(w) for w in words] == out.stdout.split("\n")[: len(words)]
