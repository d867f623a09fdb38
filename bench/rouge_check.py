"""ROUGE check: our scorer must reproduce the scores the participants of DUC received.

For every dataset with a ``peer_scores.tsv`` (each submitted system's ROUGE-1 and ROUGE-2
recall and F1, from a scorer that reproduces the original ROUGE-1.5.5), the submitted
summaries in ``CLUSTER/peers/<system>.txt`` are scored through the code path that scores
our own summaries (`evaluate_systems`), and every figure must agree within the tolerance.

    python bench/rouge_check.py ../shared/eval/duc2006 ../shared/eval/duc2007 \\
        --exceptions ../shared/eval/rouge155_wordnet2.0_exceptions.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from summarizer.evaluate import (
    PeerSystem,
    evaluate_systems,
    load_dataset,
    load_wordnet_exceptions,
)

FIELDS = {"R1_recall": "r1_recall", "R1_F": "r1_f1", "R2_recall": "r2_recall", "R2_F": "r2_f1"}


def check(root: Path, exceptions: dict[str, str] | None, tolerance: float) -> tuple[int, float]:
    """(figures checked, largest difference) for one dataset."""
    dataset = load_dataset(root)
    with open(root / "peer_scores.tsv", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh, delimiter="\t"))
    names = [row["system"] for row in expected]
    clusters = [c for c in dataset.clusters if c.peers]
    systems = {name: PeerSystem(name) for name in names}
    results = {
        r.name: r
        for r in evaluate_systems(
            clusters, systems, max_words=dataset.budget or 100, exceptions=exceptions
        )
    }
    worst = 0.0
    for row in expected:
        mean = results[row["system"]].mean()
        for column, field in FIELDS.items():
            diff = abs(getattr(mean, field) - float(row[column]))
            worst = max(worst, diff)
            if diff > tolerance:
                print(
                    f"{dataset.name} system {row['system']} {column}: ours "
                    f"{getattr(mean, field):.2f}, expected {row[column]}"
                )
    return len(expected) * len(FIELDS), worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    parser.add_argument("--tolerance", type=float, default=0.05)
    args = parser.parse_args()
    exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
    failed = False
    for root in args.datasets:
        if not (root / "peer_scores.tsv").is_file():
            continue
        count, worst = check(root, exceptions, args.tolerance)
        ok = worst <= args.tolerance
        failed |= not ok
        print(
            f"rouge check: {root.name}: {count} figures, largest difference {worst:.3f} "
            f"(tolerance {args.tolerance}) {'ok' if ok else 'FAILED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
