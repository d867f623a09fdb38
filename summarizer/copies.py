"""Wire copies: articles whose texts are near-duplicates (one agency story run by several
outlets, a page saved twice) count as one independent text, and every outlet that ran
it is credited.

Texts equal but for their numbers, case and punctuation (a feed that repeats one item with
a changing figure) are grouped first, by a hash, at linear cost. The remaining texts are
compared by the TF-IDF cosine of their whole texts; those connected by a similarity at or
above ``threshold`` are one text, represented by its fullest version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .types import Article

__all__ = ["Copies", "wire_copies"]

_NOT_WORDS = re.compile(r"[\W\d_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Copies:
    """``texts``: one article per independent text (the fullest copy), in id order.
    ``credits``: for each of them, every outlet that ran the text, its own first.
    ``members``: for each of them, the ids of all its copies."""

    texts: tuple[Article, ...]
    credits: Mapping[str, tuple[str, ...]]
    members: Mapping[str, tuple[str, ...]]


def _shape(article: Article) -> str:
    """The text without numbers, case, punctuation or spacing."""
    return " ".join(_NOT_WORDS.sub(" ", f"{article.title} {article.text}".lower()).split())


def wire_copies(articles: Sequence[Article], threshold: float = 0.8) -> Copies:
    """Group near-duplicate articles.

    Examples
    --------
    >>> from summarizer.types import Article
    >>> story = "Iraqi forces captured the desert town of Akashat on Saturday, officers said."
    >>> arts = [Article(id="a", title="T", text=story, source="AP"),
    ...         Article(id="b", title="T", text=story + " More.", source="Times"),
    ...         Article(id="c", title="U", text="Parliament passed the budget law.", source="AP")]
    >>> copies = wire_copies(arts)
    >>> [a.id for a in copies.texts], copies.credits["b"]
    (['b', 'c'], ('Times', 'AP'))
    """
    from scipy.sparse.csgraph import connected_components

    from .config import GraphConfig, VectorizeConfig
    from .graph import similarity_graph
    from .vectorize import vectorize_texts

    ordered = sorted(articles, key=lambda a: a.id)
    same: dict[str, list[Article]] = {}
    for article in ordered:
        same.setdefault(_shape(article), []).append(article)
    firsts = [group[0] for group in same.values()]
    labels = [0] * len(firsts)
    if len(firsts) > 1:
        vectors = vectorize_texts(
            [f"{a.title}\n{a.text}" for a in firsts], VectorizeConfig(stop_words=True)
        )
        graph = similarity_graph(vectors, GraphConfig(min_similarity=threshold))
        labels = [int(x) for x in connected_components(graph, directed=False)[1]]
    groups: dict[int, list[Article]] = {}
    for first, label in zip(firsts, labels, strict=True):
        groups.setdefault(label, []).extend(same[_shape(first)])
    texts: list[Article] = []
    credits: dict[str, tuple[str, ...]] = {}
    members: dict[str, tuple[str, ...]] = {}
    for group in groups.values():
        lead = min(group, key=lambda a: (-len(a.text), a.id))
        others = sorted({a.source for a in group} - {lead.source})
        texts.append(lead)
        credits[lead.id] = (lead.source, *others)
        members[lead.id] = tuple(sorted(a.id for a in group))
    texts.sort(key=lambda a: a.id)
    return Copies(texts=tuple(texts), credits=credits, members=members)
