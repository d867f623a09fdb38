"""Article paragraphs -> Sentences, with NLTK's Punkt and no downloaded data.

Punkt's parameters are built in code from a curated list of news abbreviations; every
line break is a hard boundary (headlines and datelines stay apart from the lead); a
piece that starts in lower case is joined back to the one before (Punkt splits after
an unknown abbreviation such as "Lt." or "No." too eagerly).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .config import SplitConfig
from .types import Paragraph, Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["NEWS_ABBREVIATIONS", "make_tokenizer", "split_sentences"]

# Grouped: titles and ranks; places and organisations; months and weekdays; the rest.
_ABBREVIATIONS_TEXT = """
gen lt col brig maj capt cmdr cdr adm sgt cpl pvt gov sen rep rev fr sr jr mr mrs ms dr
prof pres supt insp det gens lt.gen maj.gen brig.gen lt.col
u.s u.n u.k u.s.a e.u d.c l.a n.y
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
neb nev okla ore pa tenn tex va vt wash wis wyo
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
a.m p.m no nos vol fig st ave blvd rd mt ft inc corp co ltd bros dept est approx vs etc
"""
#: Lower case, without the final period, as Punkt stores them.
NEWS_ABBREVIATIONS: frozenset[str] = frozenset(_ABBREVIATIONS_TEXT.split())


def make_tokenizer(config: SplitConfig | None = None) -> PunktSentenceTokenizer:
    """A fresh Punkt tokenizer (no shared state) with the news abbreviations."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    config = config or SplitConfig()
    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS) | {
        a.lower().rstrip(".") for a in config.abbreviations
    }
    return PunktSentenceTokenizer(params)


def _starts_lower(piece: str) -> bool:
    first = next((ch for ch in piece if ch.isalnum()), "")
    return first.islower()


def split_sentences(
    paragraphs: Iterable[Paragraph], config: SplitConfig | None = None
) -> tuple[Sentence, ...]:
    """Split paragraphs into sentences numbered by their position in the article.

    Examples
    --------
    >>> from summarizer.types import Paragraph
    >>> p = Paragraph(article_id="a", index=0,
    ...               text="Brig. Gen. Rasool spoke at 9 a.m. on Monday. He left.")
    >>> [s.text for s in split_sentences([p])]
    ['Brig. Gen. Rasool spoke at 9 a.m. on Monday.', 'He left.']
    """
    tokenize = make_tokenizer(config).tokenize
    out: list[Sentence] = []
    positions: dict[str, int] = {}
    for paragraph in paragraphs:
        pieces: list[str] = []
        for piece in tokenize(paragraph.text):
            piece = piece.strip()
            if not piece:
                continue
            if pieces and _starts_lower(piece):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        for piece in pieces:
            position = positions.get(paragraph.article_id, 0)
            positions[paragraph.article_id] = position + 1
            out.append(
                Sentence(
                    article_id=paragraph.article_id,
                    position=position,
                    paragraph=paragraph.index,
                    text=piece,
                    tail=paragraph.tail,
                )
            )
    return tuple(out)
