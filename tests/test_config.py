from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.config import RankConfig, SelectConfig, SummarizerConfig
from summarizer.errors import ConfigError


def test_validation_message_format() -> None:
    with pytest.raises(
        ConfigError,
        match=r"The 'damping' parameter of RankConfig must be a "
        r"float in \(0.0, 1.0\)\. Got 1.5 instead\.",
    ):
        RankConfig(damping=1.5)
    with pytest.raises(ConfigError, match="'max_words' parameter of SelectConfig"):
        SelectConfig(max_words=0)
    with pytest.raises(ConfigError, match="max_sentence_words"):
        SelectConfig(min_sentence_words=10, max_sentence_words=5)


def test_configs_are_frozen() -> None:
    config = SummarizerConfig()
    with pytest.raises(AttributeError):
        config.select.max_words = 3  # type: ignore[misc]


def test_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[select]\nmax_words = 80\n[briefing]\ndate = "2017-11-03"\n'
        '[split]\nabbreviations = ["Gov"]\n'
    )
    config = SummarizerConfig.from_toml(path)
    assert config.select.max_words == 80
    assert config.briefing.date == dt.date(2017, 11, 3)
    assert config.split.abbreviations == ("Gov",)
    assert config.rank == RankConfig()


def test_unknown_key_lists_valid_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[select]\nmax_word = 80\n")
    with pytest.raises(
        ConfigError,
        match=r"c.toml: Unknown key\(s\) 'max_word' in section "
        r"\[select\]; valid keys: max_words, ",
    ):
        SummarizerConfig.from_toml(path)
    path.write_text("[selection]\nmax_words = 80\n")
    with pytest.raises(ConfigError, match="valid sections: load, clean, split"):
        SummarizerConfig.from_toml(path)


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[select\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        SummarizerConfig.from_toml(path)
    with pytest.raises(ConfigError, match="cannot read config file"):
        SummarizerConfig.from_toml(tmp_path / "missing.toml")
    path.write_text('[briefing]\ndate = "03/11/2017"\n')
    with pytest.raises(ConfigError, match="'date' parameter of BriefingConfig"):
        SummarizerConfig.from_toml(path)


def test_config_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes("[select]\nmax_words = 80  # café\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"c\.toml: not UTF-8 \(byte 0xe9 at offset 30\)"):
        SummarizerConfig.from_toml(path)


def test_briefing_date_written_as_a_toml_datetime(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[briefing]\ndate = 2017-11-05T10:00:00\n")
    with pytest.raises(ConfigError, match=r"must be a date \(YYYY-MM-DD, without a time\)"):
        SummarizerConfig.from_toml(path)
    path.write_text("[briefing]\ndate = 2017-11-05\n")
    assert SummarizerConfig.from_toml(path).briefing.date == dt.date(2017, 11, 5)
