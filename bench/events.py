"""Event grouping quality: the nine DUC 2003 development clusters mixed into one pile,
grouped by `group_events`, compared with the true clusters (adjusted Rand index and
purity, scikit-learn).

    python bench/events.py ../shared/eval/duc2003-dev [--grid]
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from summarizer.config import EventConfig
from summarizer.evaluate import load_dataset
from summarizer.events import group_events


def scores(articles, truth, config: EventConfig) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from sklearn.metrics import adjusted_rand_score
    from sklearn.metrics.cluster import contingency_matrix

    events = group_events(articles, config)
    found = {a.id: k for k, e in enumerate(events) for a in e.articles}
    pred = [found[a.id] for a in articles]
    table = contingency_matrix(truth, pred)
    purity = float(np.sum(np.amax(table, axis=0)) / np.sum(table))
    return float(adjusted_rand_score(truth, pred)), purity, len(events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--grid", action="store_true", help="also try nearby settings")
    parser.add_argument(
        "--min-ari", type=float, help="exit 1 if the default settings score below this ARI"
    )
    args = parser.parse_args()
    clusters = load_dataset(args.dataset)
    articles = [a for c in clusters for a in c.articles]
    truth = [c.id for c in clusters for _ in c.articles]
    print(f"{len(articles)} articles from {len(clusters)} clusters")
    print("| threshold | window_days | ARI | purity | events |")
    print("|---|---|---|---|---|")
    default_ari, _, _ = scores(articles, truth, EventConfig())
    settings = [EventConfig()]
    if args.grid:
        settings += [
            EventConfig(threshold=t, window_days=w)
            for w in (30.0, 90.0, 3650.0)
            for t in (0.06, 0.08, 0.1, 0.12, 0.15)
        ]
    for config in settings:
        ari, purity, n = scores(articles, truth, config)
        print(f"| {config.threshold} | {config.window_days:g} | {ari:.3f} | {purity:.3f} | {n} |")
    if args.min_ari is not None and default_ari < args.min_ari:
        print(f"event grouping gate: ARI {default_ari:.3f} below the floor {args.min_ari}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
