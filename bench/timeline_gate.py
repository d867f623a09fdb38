"""Timeline quality gate: run `summarizer evaluate --timeline` on timeline17-bpoil and fail
if the mean over its five reference timelines (news-tls protocol; align+ m:1 ROUGE-1 and
ROUGE-2 F1 and date F1, the F1 of the mean precision and recall) falls below the floors
pinned in bench/timeline-floor.json, or below the busiest-days baseline of the same run.

    python bench/timeline_gate.py ../shared/eval [--exceptions FILE] [--jobs N]
                                  [--tilse] [--settings]

``--tilse`` also scores our timelines and the baseline's with tilse itself (its Perl
ROUGE-1.5.5; `pip install tilse`, slow) and fails if any score differs from ours by more
than 1e-9. ``--settings`` prints the mean scores for other values of the two timeline
settings (lookback, lead_sentences), each changed alone, for bench/TIMELINE.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR = Path(__file__).resolve().parent / "timeline-floor.json"
SCORES = {"align_rouge_1": "R-1", "align_rouge_2": "R-2", "date": "date F1"}


def evaluate(
    root: Path, floor: dict, args: argparse.Namespace, *extra: str, out: Path | None = None
) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "summarizer",
        "evaluate",
        "--timeline",
        str(root / floor["dataset"]),
        "--json",
        "--jobs",
        str(args.jobs),
        *extra,
    ]
    if args.exceptions:
        cmd += ["--exceptions", args.exceptions]
    if out is not None:
        cmd += ["--out", str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        raise SystemExit(f"timeline gate: evaluation failed (exit {run.returncode})")
    return json.loads(run.stdout)


def _means(doc: dict) -> dict[str, dict]:
    return {m["system"]: m for m in doc["mean"]}


def check_with_tilse(doc: dict, exceptions: str | None) -> bool:
    """Score every timeline of ``doc`` with tilse and with our scorer, and compare."""
    import datetime as dt

    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    from summarizer.evaluate import load_wordnet_exceptions
    from summarizer.timeline_eval import load_timeline_dataset
    from summarizer.timeline_scores import TimelineRouge, align_many_to_one, concat

    if not exceptions:
        print("timeline gate: --tilse needs --exceptions (tilse's ROUGE-1.5.5 applies them)")
        return False
    ours_rouge = TimelineRouge(load_wordnet_exceptions(exceptions))
    dataset = load_timeline_dataset(doc["_root"])
    references = {r.name: r for r in dataset.references}
    evaluator = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})
    worst = 0.0
    for row in doc["references"]:
        predicted = {dt.date.fromisoformat(d["date"]): d["sentences"] for d in row["timeline"]}
        reference = dict(references[row["reference"]].dates)
        truth = GroundTruth([Timeline(reference)])
        theirs = {
            "align": evaluator.evaluate_align_date_content_costs_many_to_one(
                Timeline(predicted), truth
            ),
            "concat": evaluator.evaluate_concat(Timeline(predicted), truth),
        }
        mine = {
            "align": align_many_to_one(predicted, [reference], ours_rouge),
            "concat": concat(predicted, [reference], ours_rouge),
        }
        for kind in ("align", "concat"):
            for n in (1, 2):
                expected = theirs[kind][f"rouge_{n}"]
                got = mine[kind][n]
                for value, key in ((got.precision, "precision"), (got.recall, "recall")):
                    worst = max(worst, abs(value - expected[key]))
                worst = max(worst, abs(got.f1 - expected["f_score"]))
                # what the evaluation printed is the same score, rounded
                worst_printed = abs(row[f"{kind}_rouge_{n}"]["f1"] - expected["f_score"])
                if worst_printed > 5e-5:
                    print(f"timeline gate: printed {kind} R-{n} differs by {worst_printed}")
                    return False
        print(
            f"timeline gate: tilse {row['reference']} {row['system']}: align R-1 "
            f"{theirs['align']['rouge_1']['f_score']:.6f} R-2 "
            f"{theirs['align']['rouge_2']['f_score']:.6f}, concat R-1 "
            f"{theirs['concat']['rouge_1']['f_score']:.6f} R-2 "
            f"{theirs['concat']['rouge_2']['f_score']:.6f}",
            flush=True,
        )
    ok = worst <= 1e-9
    print(f"timeline gate: largest difference from tilse {worst:.2e} {'ok' if ok else 'DIFFERS'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="folder holding timeline17-bpoil")
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tilse", action="store_true", help="cross-check with tilse")
    parser.add_argument("--settings", action="store_true", help="settings table")
    args = parser.parse_args()
    floor = json.loads(FLOOR.read_text())
    doc = evaluate(args.root, floor, args)
    doc["_root"] = str(args.root / floor["dataset"])
    means = _means(doc)
    ours, base = means["summarizer"], means["busiest days"]
    failed = False
    for row in doc["references"]:
        print(
            f"timeline gate: {row['reference']:<36} {row['system']:<13} "
            + " ".join(f"{label} {row[key]['f1']:.3f}" for key, label in SCORES.items())
        )
    for key, label in SCORES.items():
        value, baseline = ours[key]["f1"], base[key]["f1"]
        ok = value >= floor[key] and value > baseline
        failed |= not ok
        print(
            f"timeline gate: mean {label} {value:.4f} (floor {floor[key]:.3f}, busiest days "
            f"{baseline:.4f}, DATEWISE on all of Timeline17 {floor['datewise'][key]:.3f}) "
            f"{'ok' if ok else 'BELOW'}"
        )
    if args.tilse:
        failed |= not check_with_tilse(doc, args.exceptions)
    if args.settings:
        with tempfile.TemporaryDirectory() as tmp:
            for name, values in (("lookback", (1.0, 3.0, 5.0)), ("lead_sentences", (0, 3, 10))):
                for value in values:
                    config = Path(tmp) / "settings.toml"
                    config.write_text(f"[timeline]\n{name} = {value}\n")
                    m = _means(evaluate(args.root, floor, args, "--config", str(config)))
                    row = m["summarizer"]
                    print(
                        f"timeline gate: {name} = {value}: "
                        + " ".join(f"{lab} {row[k]['f1']:.4f}" for k, lab in SCORES.items())
                    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
