"""Wire copies: articles whose texts are near-duplicates (one agency story run by several
outlets, a page saved twice) count as one independent text, and every outlet that ran
it is credited.

Articles are compared by the TF-IDF cosine of their whole texts; those connected by a
similarity at or above ``threshold`` are one text, represented by its fullest version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .types import Article

__all__ = ["Copies", "wire_copies"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Copies:
    """``texts``: one article per independent text (the fullest copy), in id order.
    ``credits``: for each of them, every outlet that ran the text, its own first.
    ``members``: for each of them, the ids of all its copies."""

    texts: tuple[Article, ...]
    credits: Mapping[str, tuple[str, ...]]
    members: Mapping[str, tuple[str, ...]]


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
    if len(ordered) < 2:
        return Copies(
            texts=tuple(ordered),
            credits={a.id: (a.source,) for a in ordered},
            members={a.id: (a.id,) for a in ordered},
        )
    vectors = vectorize_texts(
        [f"{a.title}\n{a.text}" for a in ordered], VectorizeConfig(stop_words=True)
    )
    graph = similarity_graph(vectors, GraphConfig(min_similarity=threshold, max_neighbors=None))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[Article]] = {}
    for article, label in zip(ordered, labels, strict=True):
        groups.setdefault(int(label), []).append(article)
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
