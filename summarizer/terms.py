"""Terms as integer numbers for the days of one run, shared by stories and threads."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .stories import Member

__all__ = ["TermNumbers"]

#: (term, value) pairs sorted by term: an article's word counts, a story's vector.
Pairs = tuple[tuple[str, float], ...]


class TermNumbers:
    """Terms as integer numbers (``names[number]`` is the term; first seen first), and
    each article's word counts and each story vector as arrays of numbers and values,
    made once and reused by the days of one run."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self._counts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._rows: dict[str, tuple[Pairs, np.ndarray, np.ndarray]] = {}

    def numbered(self, pairs: Pairs) -> tuple[np.ndarray, np.ndarray]:
        """The numbers of the terms of ``pairs`` and their values, in the same order."""
        numbers = []
        for term, _ in pairs:
            number = self.ids.get(term)
            if number is None:
                number = self.ids[term] = len(self.names)
                self.names.append(term)
            numbers.append(number)
        return (
            np.array(numbers, dtype=np.int64),
            np.array([value for _, value in pairs], dtype=np.float64),
        )

    def of(self, member: Member) -> tuple[np.ndarray, np.ndarray]:
        """An article's word counts (numbered once per run)."""
        key = f"{member.id}\0{member.digest}"
        arrays = self._counts.get(key)
        if arrays is None:
            arrays = self._counts[key] = self.numbered(member.terms)
        return arrays

    def row(self, key: str, vector: Pairs) -> tuple[np.ndarray, np.ndarray]:
        """A story vector (remembered under ``key`` while it is the same object)."""
        hit = self._rows.get(key)
        if hit is not None and hit[0] is vector:
            return hit[1], hit[2]
        arrays = self.numbered(vector)
        self._rows[key] = (vector, *arrays)
        return arrays

    def retain_rows(self, keys: Collection[str]) -> None:
        """Forget the story vectors of every key not in ``keys``."""
        self._rows = {k: v for k, v in self._rows.items() if k in keys}
