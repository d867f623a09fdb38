"""Start-up: `brief` loads only what it uses. NLTK's package __init__ (which imports its
collocations, SciPy's statistics and scikit-learn's classifiers) never runs; clustering
is SciPy's average linkage, so neither sklearn.cluster nor sklearn.metrics (which imports
all of SciPy's statistics) is loaded; packages deferred this way still work in full for
whoever uses them afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "al-qaim-2017"
WATCHED = (
    "nltk.collocations",
    "nltk.metrics",
    "nltk.classify",
    "nltk.parse",
    "scipy.stats._stats_py",
    "sklearn.cluster._kmeans",
    "sklearn.cluster._agglomerative",
    "sklearn.metrics._ranking",
)


def _loaded_after(argv: list[str], cwd: Path) -> set[str]:
    code = (
        "import contextlib, io, json, sys\n"
        "from summarizer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
        f"print(json.dumps([m for m in {WATCHED!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_brief_without_clustering_loads_none_of_the_heavy_modules(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Storm hits coast\n\nA storm hit the northern coast on Monday, flooding homes.\n"
        "The national parliament passed the annual budget after a long debate.\n"
    )
    assert _loaded_after(["brief", str(tmp_path)], tmp_path) == set()


def test_brief_on_the_sample_clusters_without_the_heavy_modules(tmp_path: Path) -> None:
    # The sample has facts reported by three articles: clustering is needed, and runs
    # without sklearn.cluster, sklearn.metrics or scipy.stats.
    code = (
        "import contextlib, io, sys\n"
        "import summarizer.cluster as c\n"
        "calls = []\n"
        "real = c.average_linkage\n"
        "c.average_linkage = lambda *a: calls.append(1) or real(*a)\n"
        "from summarizer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['brief', {str(SAMPLE)!r}]) == 0\n"
        "assert calls, 'the sample needs clustering'\n"
        f"print([m for m in {WATCHED!r} if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.splitlines()[-1] == "[]"


def test_daily_on_the_feed_needs_no_clustering_library(tmp_path: Path) -> None:
    feed = ROOT / "samples" / "feeds"
    assert _loaded_after(["daily", str(feed)], tmp_path) == set()


FIRST_USES = [
    "import nltk\nassert nltk.FreqDist('aab').most_common(1) == [('a', 2)]",
    "import nltk\nassert nltk.corpus.reader.PlaintextCorpusReader",
    "import nltk.stem.snowball as s\nassert s.SnowballStemmer('english').stem('running') == 'run'",
    "from nltk import *\nassert FreqDist('ab') and word_tokenize",
    "from nltk.tokenize import wordpunct_tokenize\nassert wordpunct_tokenize('a, b')[1] == ','",
    "import nltk.tokenize.punkt\nimport nltk\n"
    "assert nltk.tokenize.punkt.PunktSentenceTokenizer is nltk.PunktSentenceTokenizer",
    "import sumy.nlp.stemmers, sumy.summarizers.lex_rank\n"
    "from summarizer.baselines import baseline_systems\nassert baseline_systems()",
    "import scipy.stats\nassert scipy.stats.mode([1, 1, 2]).mode == 1",
    "from scipy.stats import rankdata\nassert list(rankdata([2, 1])) == [2.0, 1.0]",
    "import sklearn.cluster\nm = sklearn.cluster.KMeans(n_clusters=1, n_init=1)\n"
    "assert m.fit([[0.0], [1.0]]).labels_.max() == 0",
    "from sklearn.cluster import DBSCAN\nassert DBSCAN().fit([[0.0], [1.0]]).labels_ is not None",
]


@pytest.mark.parametrize("first_use", FIRST_USES)
def test_deferred_packages_still_work_in_full_afterwards(tmp_path: Path, first_use: str) -> None:
    code = (
        "import contextlib, io\n"
        "from summarizer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['brief', {str(SAMPLE)!r}]) == 0\n"
        f"{first_use}\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == "ok"


def test_a_deferred_package_runs_its_init_only_when_asked(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text(
        "import sys\nsys.ran = getattr(sys, 'ran', 0) + 1\nfrom pkg.leaf import VALUE\n"
        "from pkg.sub import THING\n__all__ = ['VALUE', 'THING', 'extra']\nextra = 3\n"
    )
    (package / "leaf.py").write_text("from pkg import sub\nVALUE = 1\n")
    (package / "sub" / "__init__.py").write_text("THING = 2\n")
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from summarizer._imports import defer_packages\n"
        "defer_packages(['pkg', 'missing_package_xyz'], light=['pkg.leaf'])\n"
        "from pkg.leaf import VALUE\n"
        "assert VALUE == 1 and getattr(sys, 'ran', 0) == 0, 'init ran too early'\n"
        "import pkg\n"
        "assert pkg.extra == 3 and sys.ran == 1\n"
        "from pkg import *\n"
        "assert (VALUE, THING, extra) == (1, 2, 3) and sys.ran == 1\n"
        "assert type(pkg) is type(sys)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["brief", "--help"]])
def test_help_and_version_defer_nothing(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from summarizer.cli import main\n"
        f"main({argv!r})\n"
        "print('DEFERRED', 'summarizer._imports' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "DEFERRED False" in out.stdout
