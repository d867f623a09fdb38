from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "al-qaim-2017"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_articles():
    from summarizer.load import load_paths

    return load_paths([SAMPLE]).articles


@pytest.fixture(scope="session")
def sample_briefing(sample_articles):
    from summarizer.pipeline import summarize

    return summarize(sample_articles)


@pytest.fixture(scope="session")
def sample_timeline(sample_articles):
    from summarizer.pipeline import summarize_timeline

    return summarize_timeline(sample_articles)


def sample_file(fragment: str) -> Path:
    """The sample article whose file name contains ``fragment``."""
    (match,) = [p for p in SAMPLE.iterdir() if fragment in p.name]
    return match


@pytest.fixture
def pool_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The max_workers of every ProcessPoolExecutor created during the test."""
    import concurrent.futures

    real = concurrent.futures.ProcessPoolExecutor
    asked: list[int] = []

    def recording(max_workers: int, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(max_workers)
        return real(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    return asked
