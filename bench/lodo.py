"""Choose settings by leave-one-dataset-out, and report the left-out scores.

Every combination of the settings in GRID is run on every cluster of every dataset (the
pipeline's own `analyse` and `choose`, exactly as `summarizer evaluate` runs them: the
dataset's word budget, the last sentence allowed to run over and cut, the timeline off).
Then, five times, settings are chosen on four datasets and scored on the fifth. The score
of a combination on a dataset is its mean ROUGE-1 + ROUGE-2 recall there. A setting is
kept only if it helps on most datasets, and fewer settings are preferred: starting from
the library defaults (the first value of each setting in GRID), one setting at a time is
changed when the change raises the score on a majority of the training datasets and their
mean, the largest such gain first, until no change qualifies. The left-out scores are the
honest estimate of what the settings do on news nobody tuned on; they are reported per
dataset, as a macro mean with a 95% bootstrap interval over clusters, and paired with
TextRank+MMR. Two other rules are reported beside them: the plain best mean over the
training datasets, and the one-standard-error rule (the combination with the fewest
changes among those within one standard error, paired by cluster, of the best).

    E=../shared/eval
    python bench/lodo.py $E/duc2003-dev $E/duc2003-task3 $E/duc2007-update $E/duc2006 \\
        $E/duc2007 --exceptions $E/rouge155_wordnet2.0_exceptions.tsv --jobs 2

It also prints, for the settings chosen on all five datasets, what changing one setting
at a time does on each dataset, so that a setting that only one dataset likes can be seen.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.baselines import textrank_mmr
from summarizer.config import SummarizerConfig
from summarizer.evaluate import (
    EvalCluster,
    bootstrap_interval,
    load_dataset,
    load_wordnet_exceptions,
)
from summarizer.pipeline import analyse, choose
from summarizer.rouge import RougeTokenizer, cut_words, score_summary

#: Setting -> values tried. The first value of each is the library default.
GRID: dict[str, tuple[Any, ...]] = {
    "vectorize.stop_words": (False, True),
    "rank.position_weight": (1.0, 0.5, 2.0),
    "select.centrality": (1.0, 0.0, 2.0, 3.0),
    "select.length_penalty": (0.5, 0.3, 0.7),
    "select.min_concept_texts": (3, 2, 4),
}
#: Settings that change what `analyse` computes (the rest only change ranking/selection).
ANALYSIS = ("vectorize.stop_words",)

Combination = tuple[Any, ...]


def _config(names: Sequence[str], values: Combination) -> SummarizerConfig:
    sections: dict[str, dict[str, Any]] = {"select": {"timeline_dates": 0, "overflow": True}}
    for name, value in zip(names, values, strict=True):
        section, key = name.split(".")
        sections.setdefault(section, {})[key] = value
    return SummarizerConfig().with_options(**sections)


def _run_cluster(
    task: tuple[EvalCluster, int, dict[str, str] | None],
) -> dict[Combination, tuple[float, float]]:
    """R-1 and R-2 recall of one cluster under every combination, and of TextRank+MMR
    (under the key ``()``)."""
    cluster, budget, exceptions = task
    tokenizer = RougeTokenizer(exceptions)
    names = list(GRID)

    def score(sentences: Sequence[str]) -> tuple[float, float]:
        r1, r2 = score_summary(sentences, cluster.references, tokenizer, max_words=budget)
        return 100 * r1.recall, 100 * r2.recall

    out = {(): score(cut_words(textrank_mmr(cluster, budget), budget))}
    analysis_keys = [n for n in names if n in ANALYSIS]
    for fixed in itertools.product(*(GRID[n] for n in analysis_keys)):
        base = dict(zip(analysis_keys, fixed, strict=True))
        found = analyse(cluster.articles, _config(list(base), tuple(base.values())))
        rest = [n for n in names if n not in ANALYSIS]
        for values in itertools.product(*(GRID[n] for n in rest)):
            setting = {**base, **dict(zip(rest, values, strict=True))}
            combination = tuple(setting[n] for n in names)
            config = _config(names, combination).with_options(select={"max_words": budget})
            rows, _ = choose(found, config)
            summary = cut_words([found.matrix.sentences[i].text for i in rows], budget)
            out[combination] = score(summary)
    return out


def _mean(
    per_cluster: dict[str, list[dict[Combination, tuple[float, float]]]],
    name: str,
    combination: Combination,
) -> np.ndarray:
    return np.mean([c[combination] for c in per_cluster[name]], axis=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("datasets", nargs="*", type=Path)
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--save", type=Path, help="write every score to this JSON file")
    parser.add_argument(
        "--load", type=Path, help="report from a file --save wrote instead of running"
    )
    args = parser.parse_args()
    names = list(GRID)
    per_cluster: dict[str, list[dict[Combination, tuple[float, float]]]] = {}
    start = time.perf_counter()
    if args.load:
        saved = json.loads(args.load.read_text())
        for name, clusters in saved["datasets"].items():
            per_cluster[name] = [
                {tuple(json.loads(k)): tuple(v) for k, v in c.items()} for c in clusters
            ]
    else:
        exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
        datasets = [load_dataset(path) for path in args.datasets]
        tasks = [(c, d.budget or 100, exceptions) for d in datasets for c in d.clusters]
        if args.jobs > 1:
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                results = list(pool.map(_run_cluster, tasks, chunksize=1))
        else:
            results = [_run_cluster(task) for task in tasks]
        k = 0
        for dataset in datasets:
            per_cluster[dataset.name] = results[k : k + len(dataset.clusters)]
            k += len(dataset.clusters)
    elapsed = time.perf_counter() - start
    order = list(per_cluster)
    tasks_count = sum(len(v) for v in per_cluster.values())
    combinations = [c for c in per_cluster[order[0]][0] if c]

    def objective(combination: Combination, among: Sequence[str]) -> float:
        return float(np.mean([_mean(per_cluster, n, combination).sum() for n in among]))

    default = tuple(GRID[n][0] for n in names)

    def changes(combination: Combination) -> int:
        return sum(a != b for a, b in zip(combination, default, strict=True))

    def standard_error(a: Combination, b: Combination, among: Sequence[str]) -> float:
        """Standard error of the objective difference a - b, paired by cluster."""
        variance = 0.0
        for n in among:
            d = np.array([sum(c[a]) - sum(c[b]) for c in per_cluster[n]])
            variance += float(d.var(ddof=1)) / len(d) if len(d) > 1 else 0.0
        return float(np.sqrt(variance)) / len(among)

    def pick(among: Sequence[str]) -> tuple[Combination, Combination, Combination]:
        """(the majority choice, the plain best, the one-standard-error choice)."""
        best = max(combinations, key=lambda c: (objective(c, among), str(c)))
        top = objective(best, among)
        close = [
            c for c in combinations if top - objective(c, among) <= standard_error(best, c, among)
        ]
        one_se = min(close, key=lambda c: (changes(c), -objective(c, among), str(c)))
        return majority(among), best, one_se

    def majority(among: Sequence[str]) -> Combination:
        """Change one setting at a time while the change helps most training datasets."""
        current = default
        known = set(combinations)
        while True:
            base = {n: _mean(per_cluster, n, current).sum() for n in among}
            moves = []
            for i, name in enumerate(names):
                for value in GRID[name]:
                    moved = (*current[:i], value, *current[i + 1 :])
                    if moved == current or moved not in known:
                        continue
                    gains = [_mean(per_cluster, n, moved).sum() - base[n] for n in among]
                    if sum(g > 0 for g in gains) * 2 > len(among) and np.mean(gains) > 0:
                        moves.append((float(np.mean(gains)), str(moved), moved))
            if not moves:
                return current
            current = max(moves)[2]

    print(f"{tasks_count} clusters, {len(combinations)} combinations, {elapsed:.0f} s\n")
    print("## Left-out scores (settings chosen on the other datasets)\n")

    def described(combination: Combination) -> str:
        changed = [
            f"{n.split('.')[1]}={v}"
            for n, v, d in zip(names, combination, default, strict=True)
            if v != d
        ]
        return ", ".join(changed) or "the defaults"

    print(
        "| left out | chosen (changes from the defaults) | R-1 | R-2 | TextRank+MMR R-1 | R-2 "
        "| plain best | R-1 / R-2 | one-SE rule | R-1 / R-2 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    left_out: dict[str, np.ndarray] = {}
    plain: dict[str, np.ndarray] = {}
    one_se: dict[str, np.ndarray] = {}
    baseline: dict[str, np.ndarray] = {}
    for name in order:
        train = [n for n in order if n != name]
        chosen, best, careful = pick(train)
        left_out[name] = np.array([c[chosen] for c in per_cluster[name]])
        plain[name] = np.array([c[best] for c in per_cluster[name]])
        one_se[name] = np.array([c[careful] for c in per_cluster[name]])
        baseline[name] = np.array([c[()] for c in per_cluster[name]])
        ours, base = left_out[name].mean(axis=0), baseline[name].mean(axis=0)
        other, third = plain[name].mean(axis=0), one_se[name].mean(axis=0)
        print(
            f"| {name} | {described(chosen)} | {ours[0]:.2f} | {ours[1]:.2f} | "
            f"{base[0]:.2f} | {base[1]:.2f} | {described(best)} | {other[0]:.2f} / "
            f"{other[1]:.2f} | {described(careful)} | {third[0]:.2f} / {third[1]:.2f} |"
        )
    print()
    for k, metric in enumerate(("R-1", "R-2")):
        ours_iv = bootstrap_interval([left_out[n][:, k] for n in order])
        base_iv = bootstrap_interval([baseline[n][:, k] for n in order])
        diff_iv = bootstrap_interval([left_out[n][:, k] - baseline[n][:, k] for n in order])
        plain_iv = bootstrap_interval([plain[n][:, k] for n in order])
        se_iv = bootstrap_interval([one_se[n][:, k] for n in order])
        print(
            f"- {metric} macro mean, left out: {ours_iv.value:.2f} [{ours_iv.low:.2f}, "
            f"{ours_iv.high:.2f}]; TextRank+MMR {base_iv.value:.2f}; difference "
            f"{diff_iv.value:+.2f} [{diff_iv.low:+.2f}, {diff_iv.high:+.2f}]; with the plain "
            f"best {plain_iv.value:.2f}, with the one-SE rule {se_iv.value:.2f}"
        )
    overall, overall_best, _ = pick(order)
    print("\n## Chosen on all five datasets\n")
    print(", ".join(f"`{n} = {v}`" for n, v in zip(names, overall, strict=True)))
    print(
        f"(library defaults: {'the same' if overall == default else default}; "
        f"plain best: {overall_best})\n"
    )
    print("## One setting changed from the defaults: R-1 / R-2 difference per dataset\n")
    print("| setting | " + " | ".join(order) + " | datasets helped |")
    print("|---|" + "---|" * (len(order) + 1))
    base_scores = {n: _mean(per_cluster, n, default) for n in order}
    for i, name in enumerate(names):
        for value in GRID[name][1:]:
            changed = (*default[:i], value, *default[i + 1 :])
            cells, helped = [], 0
            for n in order:
                delta = _mean(per_cluster, n, changed) - base_scores[n]
                helped += int(delta.sum() > 0)
                cells.append(f"{delta[0]:+.2f} / {delta[1]:+.2f}")
            print(f"| {name} = {value} | " + " | ".join(cells) + f" | {helped} of {len(order)} |")
    if args.save:
        doc = {
            "settings": names,
            "datasets": {
                n: [{json.dumps(list(c)): v for c, v in cl.items()} for cl in per_cluster[n]]
                for n in order
            },
        }
        args.save.write_text(json.dumps(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
