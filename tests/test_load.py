from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.formats import read_plain_text
from summarizer.load import load_paths


def test_sample_folder_loads_five_articles_with_titles(sample_dir: Path) -> None:
    result = load_paths([sample_dir])
    assert result.skipped == ()
    titles = {a.source: a.title for a in result.articles}
    assert len(titles) == 5
    assert titles["spacedaily-al-obeidi-advance.txt"] == (
        "Iraqi forces advance to edge of final IS bastion Al-Qaim"
    )
    # The page opens with a crawl stamp; the title is the first line that is not a date.
    assert titles["abu-dhabi-akashat-captured.txt"] == (
        "Iraqi forces capture town in new operation to drive ISIL from areas near Syria"
    )


def test_input_order_does_not_change_articles(sample_dir: Path) -> None:
    files = sorted(sample_dir.iterdir())
    forward = load_paths(files).articles
    backward = load_paths(list(reversed(files))).articles
    assert forward == backward


def test_bad_files_are_skipped_with_reasons_and_good_ones_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A title\n\nTroops took the town on Monday, they said.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["image.txt"]
    assert reasons["noise.txt"] == (
        "undecodable bytes: not UTF-8 (byte 0x80 at offset 0) and no other text encoding fits"
    )


def test_empty_folder_and_missing_path_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = load_paths([tmp_path / "empty", tmp_path / "nope.txt"])
    assert result.articles == ()
    reasons = sorted(s.reason for s in result.skipped)
    assert reasons == ["empty folder (no files in it)", "no such file or folder"]


def test_size_limit_refuses_large_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n" + "word " * 1000)
    result = load_paths([big], max_bytes=1000)
    assert result.articles == ()
    assert "1,000-byte limit" in result.skipped[0].reason


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(f"Title {name}\n\nBody of {name} here.\n")
    ids = [a.id for a in load_paths([tmp_path]).articles]
    assert len(set(ids)) == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSome text for the body.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    assert any("symlink loop" in s.reason for s in result.skipped)


def test_parse_text_article_rejects_whitespace_only() -> None:
    with pytest.raises(InputError, match=r"x\.txt: no text"):
        read_plain_text("\n \n", path="x.txt")
