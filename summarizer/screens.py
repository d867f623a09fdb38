"""Sentence screens: can a sentence stand on its own in a briefing?

Small ``str -> bool`` tests composed by :func:`standalone_reason`. A briefing item is
read out of its article, so a sentence is not a candidate when its meaning or its source
lives elsewhere: a quote whose only speaker is a pronoun ("... ," he said.), a sentence
opening with a pronoun or a connective that points back ("He added ...", "But the ..."),
a fragment with no verb, or page furniture that survived cleaning: a photo caption, a
byline or credit line, a reader's comment, a disclaimer or a call to action.

The signals are general patterns of news pages, not lists of known sentences.
"""

from __future__ import annotations

import re

from .clean import untokenize

__all__ = [
    "is_byline",
    "is_caption",
    "is_comment",
    "is_dangling",
    "is_definition",
    "is_disclaimer",
    "is_fragment",
    "is_partial_quote",
    "is_pronoun_quote",
    "standalone_reason",
]

_QUOTES = "\"“”'‘’"
_PRONOUN = r"(?:he|she|they|we|i|it|you)"
_SPEECH = (
    r"(?:said|says|say|added|adds|told|tells|asked|asks|explained|explains|noted|notes|"
    r"insisted|insists|declared|declares|recalled|recalls|warned|warns|wrote|writes|"
    r"continued|continues|argued|argues|stressed|stresses|replied|replies|remarked)"
)
# "... ," he said.  /  "..." said she.  /  ..., they added, ...
_PRONOUN_QUOTE = re.compile(
    rf"[,.?!…—-]\s*[{_QUOTES}]\s*,?\s*(?:{_PRONOUN}\s+{_SPEECH}|{_SPEECH}\s+{_PRONOUN})\b",
    re.IGNORECASE,
)
_PRONOUN_TAIL = re.compile(rf",\s*{_PRONOUN}\s+{_SPEECH}\s*[.!?]?[{_QUOTES}]?\s*$", re.IGNORECASE)
_DANGLING = re.compile(
    rf"^[{_QUOTES}(]?(?:he|she|it|they|his|her|its|their|this|these|those|him|them|"
    r"such|also|and|but|or|so|yet|however|meanwhile|still|instead|then|thus|moreover|"
    r"furthermore|besides|otherwise|nevertheless|nonetheless)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|EPA|Xinhua|File)\b[^)]*(?:Photo|Images|Pool|/)[^)]*\)|"
    r"\b(?:AP|AFP|Reuters|EPA) Photo\b|\bGetty Images\b|"
    r"^(?:photo|photograph|image|picture|file photo|caption|graphic|video)\s*(?:[:/(]|by\b)|"
    r"\b(?:photograph|photo|picture) (?:by|courtesy|credit)\b|"
    r"\((?:pictured|left|right|center|centre|top|above|below|inset)\)|"
    r"\bleft to right\b|\bfrom left\b|\bL-R\b",
    re.IGNORECASE,
)
_BY_NAME = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*(?:,|$|and\b|\|)")
_BYLINE = re.compile(
    r"\b(?:staff|associated press|special|contributing)\s+(?:writer|correspondent)\b|"
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b|"
    r"\b(?:reporting|editing|writing|additional reporting) by\b|"
    r"\bis an? (?:[\w-]+ ){0,3}(?:writer|reporter|correspondent|columnist|editor|contributor)"
    r" (?:for|at|with|of)\b|"
    r"\b(?:contact|e-?mail|reach|follow) (?:him|her|them|the author|us|\w+ at)\b|"
    r"\bfax\b|\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b|\b[\w.-]+@[\w-]+\.[\w.]+|\(at\)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\b(?:opinions|views) expressed\b|\ball rights reserved\b|\bcopyright \d{4}\b|©|"
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b|"
    r"\bclick (?:here|the link)\b|\bsign up (?:for our|to our|here|now|today)\b|"
    r"\bsubscribe (?:to our|now|today|here)\b|\bfollow us\b|"
    r"\b(?:this|the) (?:story|article|report|post) (?:has been|was) (?:updated|corrected)\b|"
    r"\bterms of (?:use|service)\b|\bprivacy policy\b|"
    r"\b(?:donate now|make a donation|support our journalism|become a (?:member|patron))\b",
    re.IGNORECASE,
)
_I = re.compile(r"\bI\b(?!\.)")
_FIRST_PERSON = re.compile(r"\b(?:I'm|I've|I'd|I'll|me|my|myself)\b")
_COMMENT = re.compile(
    r"\b(?:posted by|report abuse|reply|log in to|login to|comments? (?:are|is) closed|"
    r"leave a comment|\d+ (?:likes|replies|comments))\b|(?:^|\s)@\w+",
    re.IGNORECASE,
)
#: Quoted passages, an unclosed quote running to the end of the sentence.
_DEFINITION = re.compile(
    r"^(?:The\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|(?:al|el|ad|as)-[A-Z][\w'’.-]*|al|of|de|du|von|van|bin))*"
    r"(?:,[^,]{3,80},)?\s+(?:is|are)\s+(?:a|an|one of)\b"
)
_WHOLE_QUOTE = re.compile(r"^[\"“][^\"“”]+[\"”]$")
_QUOTED = re.compile(r"[\"“][^\"”]*(?:[\"”]|$)|‘[^’]*(?:’(?!\w)|$)")

_AUX = (
    "is are was were be been being am 's 're has have had having do does did will would "
    "shall should can could may might must won't wouldn't can't couldn't isn't aren't "
    "wasn't weren't hasn't haven't hadn't doesn't don't didn't"
)
_IRREGULAR = (
    "said says say told tells tell took takes take made makes make went goes go came comes "
    "come gave gives give found finds find saw sees see held holds hold left leaves leave "
    "led leads lead won wins win lost loses lose met meets meet paid pays pay sent sends "
    "send spent spends built builds fell falls fought fights hit hits kept keeps knew knows "
    "know put puts ran runs run rose rises rise set sets shot shoots stood stands stand "
    "struck strikes thought thinks think threw throws wrote writes became becomes become "
    "began begins begin brought brings bring bought buys buy caught catches chose chooses "
    "drew draws drove drives flew flies got gets get grew grows heard hears hid hides "
    "laid lays lay meant means mean sold sells sell shook shut slept spoke speaks stole "
    "swore taught teaches tore understood woke wore seek seeks sought face faces want "
    "wants need needs plan plans hope hopes fear fears expect expects believe believes "
    "remain remains seem seems appear appears call calls show shows include includes "
    "continue continues try tries help helps live lives work works move moves urge urges "
    "deny denies allow allows refuse refuses agree agrees claim claims warn warns "
    "oppose opposes support supports accuse accuses kill kills die dies oust ousts"
)
_AUXILIARIES = frozenset(_AUX.split())
_VERBS = frozenset(_IRREGULAR.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_PAST = re.compile(r"^[a-z]{3,}ed$")
#: A word in -s may be a verb ("erodes", "harvests"): a fragment has none.
_THIRD_PERSON = re.compile(r"^[a-z]{3,}s$")
_NOT_VERB_ENDINGS = ("ss", "us", "is", "ics", "ous", "'s")
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})
_BEFORE_NOUNS_TEXT = """
a an the its his her their our my your this that these those some many few several all both
each every no any of in on at for with from by to into over under about and or two three
four five six seven eight nine ten
"""
_BEFORE_NOUNS = frozenset(_BEFORE_NOUNS_TEXT.split())
#: Longer sentences almost always have a verb the small lexicon does not know.
_FRAGMENT_MAX_WORDS = 20


def is_pronoun_quote(text: str) -> bool:
    """A quote whose only speaker is a pronoun: the reader cannot tell who speaks.

    Examples
    --------
    >>> is_pronoun_quote('"There are four agents we know," he said.')
    True
    >>> is_pronoun_quote('"There are four agents we know," the minister said.')
    False
    """
    return bool(_PRONOUN_QUOTE.search(text) or _PRONOUN_TAIL.search(text))


def is_partial_quote(text: str) -> bool:
    """Part of a quotation that runs over several sentences (its quote marks do not pair
    up) or a whole quotation on its own: its speaker is named in another sentence, or
    nowhere.

    Examples
    --------
    >>> is_partial_quote('"Why this plane, and why these people?')
    True
    >>> is_partial_quote('Nobody imagined using it for every fender-bender."')
    True
    >>> is_partial_quote('"The minister said he could confirm it."')
    True
    >>> is_partial_quote('"We will rebuild," the mayor said.')
    False
    """
    curly_open, curly_close = text.count("“"), text.count("”")
    if curly_open or curly_close:
        unbalanced = curly_open != curly_close
    else:
        unbalanced = text.count('"') % 2 == 1
    return unbalanced or bool(_WHOLE_QUOTE.match(text))


def is_dangling(text: str) -> bool:
    """Opens with a pronoun or a connective whose referent is in another sentence.

    Examples
    --------
    >>> is_dangling("He estimated there were 1,500 fighters left.")
    True
    >>> is_dangling("But the offensive stalled at the river.")
    True
    >>> is_dangling("Theodore estimated there were 1,500 fighters left.")
    False
    """
    return bool(_DANGLING.match(text))


def is_definition(text: str) -> bool:
    """Background that defines who or what something is ("The Hashed al-Shaabi are a
    paramilitary force ..."): context, not news, and it reads as filler in a briefing.

    Examples
    --------
    >>> is_definition("The Hashed al-Shaabi are a paramilitary force of Shiite militias.")
    True
    >>> is_definition("Turkey, a NATO member since 1952, is one of the largest armies.")
    True
    >>> is_definition("Turkey is sending troops to the border, officials said on Monday.")
    False
    """
    return bool(_DEFINITION.match(text))


def is_fragment(text: str) -> bool:
    """A short sentence without any verb form: a heading, a list item, a caption.

    Examples
    --------
    >>> is_fragment("A view of the old town square of Akashat near the Syrian border.")
    True
    >>> is_fragment("Iraqi forces captured the old town square of Akashat on Saturday.")
    False
    """
    words = _WORD.findall(text)
    if len(words) > _FRAGMENT_MAX_WORDS:
        return False
    previous = ""
    for word in words:
        lower = word.lower().replace("’", "'")
        stem, _, clitic = lower.partition("'")
        if stem in _AUXILIARIES or clitic in _CLITICS:
            return False
        # Other verb forms are verbs unless a determiner or preposition shows they are an
        # adjective or a noun ("the flooded square", "its three stands").
        if previous not in _BEFORE_NOUNS and (
            stem in _VERBS
            or _PAST.match(lower)
            or (_THIRD_PERSON.match(lower) and not lower.endswith(_NOT_VERB_ENDINGS))
        ):
            return False
        previous = lower
    return True


def is_caption(text: str) -> bool:
    """A photo caption or credit.

    Examples
    --------
    >>> is_caption("Iraqi soldiers patrol near Akashat on Saturday. (AP Photo/Khalid Mohammed)")
    True
    """
    return bool(_CAPTION.search(text))


def is_byline(text: str) -> bool:
    """A byline or a credit line ("By ...", "Reporting by ...", "... contributed to this
    report").

    Examples
    --------
    >>> is_byline("Reporting by Ahmed Rasheed; Editing by Janet Lawrence.")
    True
    """
    return bool(_BY_NAME.match(text) or _BYLINE.search(text))


def is_disclaimer(text: str) -> bool:
    """A disclaimer, a copyright line or a call to action.

    Examples
    --------
    >>> is_disclaimer("The opinions expressed in this commentary are solely his own.")
    True
    """
    return bool(_DISCLAIMER.search(text))


def is_comment(text: str) -> bool:
    """A reader's comment: comment-box furniture, or a writer speaking as "I" outside
    quotation marks (news reports quote people; they do not speak in the first person).

    Examples
    --------
    >>> is_comment("I think the government should have acted years ago, my family agrees.")
    True
    >>> is_comment('"I will not resign," the minister told reporters on Monday.')
    False
    """
    if _COMMENT.search(text):
        return True
    unquoted = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(unquoted):
        return True
    for match in _I.finditer(unquoted):  # "I", not a numeral after a name ("World War I")
        before = unquoted[: match.start()].split()
        if not before or not before[-1][0].isupper() or before[-1][-1] in ",;:":
            return True
    return False


_SCREENS = (
    ("a quote whose speaker is only a pronoun", is_pronoun_quote),
    ("a quote without its speaker", is_partial_quote),
    ("opens with a word that points to another sentence", is_dangling),
    ("a photo caption", is_caption),
    ("a byline or credit", is_byline),
    ("a disclaimer or call to action", is_disclaimer),
    ("a reader's comment", is_comment),
    ("a fragment without a verb", is_fragment),
    ("background that defines who or what something is", is_definition),
)


def standalone_reason(text: str) -> str | None:
    """Why a sentence cannot stand on its own, or None when it can.

    Examples
    --------
    >>> standalone_reason('"If we have to clean, we will clean," he said.')
    'a quote whose speaker is only a pronoun'
    >>> standalone_reason("Iraqi forces captured Akashat, a desert outpost, on Saturday.") is None
    True
    >>> standalone_reason("`` We will clean , '' he said .")  # Penn Treebank tokens
    'a quote whose speaker is only a pronoun'
    """
    text = untokenize(text)  # Penn Treebank quotes and brackets, as characters
    for reason, screen in _SCREENS:
        if screen(text):
            return reason
    return None
