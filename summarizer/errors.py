"""Exceptions raised by summarizer; the CLI catches only SummarizerError."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "EmptyInputError",
    "InputError",
    "MailError",
    "RenderError",
    "SummarizerError",
]


class SummarizerError(Exception):
    """Base class of every error summarizer raises on purpose."""


class ConfigError(SummarizerError, ValueError):
    """A bad option or configuration file."""


class InputError(SummarizerError, ValueError):
    """An input we cannot read; ``path`` names it and ``reason`` says why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyInputError(SummarizerError):
    """Nothing usable is left to summarise."""


class RenderError(SummarizerError):
    """A template failed to render."""


class MailError(SummarizerError):
    """The digest could not be delivered (refused, unreachable, or login failed)."""
