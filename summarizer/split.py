"""Article paragraphs -> Sentences, with NLTK's Punkt and no downloaded data.

Punkt's parameters are built in code from a curated list of news abbreviations; every
line break is a hard boundary (headlines and datelines stay apart from the lead). Punkt's
pieces are then repaired where news text fools it:

- a piece that starts in lower case, or a number after "No." or "p.", is joined back to
  the one before (Punkt splits after an unknown abbreviation too eagerly);
- initials ("P.W. Botha", "J.K. Rowling") never end a sentence before a name;
- an abbreviation that is not a title ("Co.", "U.S.", "a.m.", an initial) ends a sentence
  when the next word is one that opens sentences ("It", "The", "How");
- a title abbreviation ("Sen.", "Gen.") ends a sentence when the article also uses the
  word without a period, as a name ("Hun Sen. Hun Sen complained").
"""

from __future__ import annotations

import re
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
#: Abbreviations that stand before a name: they never end a sentence, unless the article
#: uses the same word as a name.
_TITLES_TEXT = """
gen lt col brig maj capt cmdr cdr adm sgt cpl pvt gov sen rep rev fr mr mrs ms dr prof
pres supt insp det gens st mt ft
"""
_TITLES = frozenset(_TITLES_TEXT.split())
#: Words that open sentences and seldom follow an abbreviation inside one.
_OPENERS_TEXT = """
he she it they we i you the this that these those there here but and so yet how what when
where why who which its his her their our my your a an as if after before while in on at
for with from by to did do does is are was were can could will would
"""
_OPENERS = frozenset(_OPENERS_TEXT.split())
#: Abbreviations after which a number belongs to the same sentence.
_NUMBERED = frozenset(("no", "nos", "p", "pp", "vol", "fig", "art", "sec", "ch"))
_INITIALS = re.compile(r"(?:\b[A-Z]\.){1,3}$")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ABBREVIATION_GAP = re.compile(r"\b([A-Za-z][A-Za-z.]*)\.\s+([A-Z][\w'’]*)")


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


def _joins_previous(previous: str, piece: str) -> bool:
    """Punkt split too early: ``piece`` continues ``previous``."""
    if _starts_lower(piece):
        return True
    last = _LAST_WORD.search(previous)
    if last is None:
        return False
    word = last.group(1).lower()
    if piece[:1].isdigit() and word in _NUMBERED:
        return True
    first = piece.split()[0].strip("\"'“‘(").lower() if piece.split() else ""
    return bool(_INITIALS.search(previous)) and first not in _OPENERS and len(word) <= 5


def _name_words(text: str) -> frozenset[str]:
    """Title abbreviations the text also uses as bare capitalised words ("Hun Sen said")."""
    return frozenset(
        word.lower()
        for word in re.findall(r"\b([A-Z][a-z]{1,4})\b(?!\.)", text)
        if word.lower() in _TITLES
    )


def _split_gaps(piece: str, abbreviations: frozenset[str], names: frozenset[str]) -> list[str]:
    """Split a piece after an abbreviation that ends a sentence (see the module docstring)."""
    out = []
    start = 0
    for match in _ABBREVIATION_GAP.finditer(piece):
        word, following = match.group(1).lower(), match.group(2)
        initials = bool(_INITIALS.search(piece[: match.end(1) + 1]))
        if word in _TITLES:
            ends = word in names
        elif word in abbreviations or initials:
            ends = following.lower() in _OPENERS
        else:
            continue
        if ends:
            out.append(piece[start : match.end(1) + 1].strip())
            start = match.end(1) + 1
    out.append(piece[start:].strip())
    return [p for p in out if p]


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
    paragraphs = list(paragraphs)
    tokenizer = make_tokenizer(config)
    abbreviations = frozenset(tokenizer._params.abbrev_types)
    texts: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        texts.setdefault(paragraph.article_id, []).append(paragraph.text)
    names = {article: _name_words("\n".join(lines)) for article, lines in texts.items()}
    out: list[Sentence] = []
    positions: dict[str, int] = {}
    for paragraph in paragraphs:
        pieces: list[str] = []
        for piece in tokenizer.tokenize(paragraph.text):
            piece = piece.strip()
            if not piece:
                continue
            if pieces and _joins_previous(pieces[-1], piece):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        pieces = [
            part
            for piece in pieces
            for part in _split_gaps(piece, abbreviations, names[paragraph.article_id])
        ]
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
