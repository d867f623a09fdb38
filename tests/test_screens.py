"""Each screen on sentences written for these tests in the style of wire news."""

from __future__ import annotations

import pytest

from summarizer.screens import (
    is_byline,
    is_caption,
    is_comment,
    is_dangling,
    is_definition,
    is_disclaimer,
    is_fragment,
    is_partial_quote,
    is_pronoun_quote,
    standalone_reason,
)

STANDALONE = [
    "The International Olympic Committee expelled six members on Sunday over bribes paid "
    "to win the 2002 Winter Games for Salt Lake City.",
    '"There are four agents we know of," FBI spokesman Tom Lee said on Tuesday.',
    "Former President P.W. Botha refused to appear before the Truth and Reconciliation "
    "Commission, his lawyer said.",
    "The university will award $400,000 in scholarships to students from the flooded towns.",
    "World War I veterans gathered at the memorial, where the mayor laid a wreath.",
    'Prime Minister Hun Sen said the vote was "free and fair" and rejected the complaints.',
    "By nightfall Thursday, rescuers had pulled 40 survivors from the rubble of the school.",
    "The uranium mine at Jabiluka is on land that aboriginal owners say is sacred.",
]


@pytest.mark.parametrize("text", STANDALONE)
def test_news_sentences_stand_alone(text: str) -> None:
    assert standalone_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        '"If we have to clean, we will clean," he said.',
        '"There are four agents we know," she told reporters.',
        "Under current rules, all committee members have a vote, they said.",
        '"We will not give up the fight for our homes," said he.',
    ],
)
def test_quotes_whose_speaker_is_only_a_pronoun(text: str) -> None:
    assert is_pronoun_quote(text)
    assert standalone_reason(text) == "a quote whose speaker is only a pronoun"


@pytest.mark.parametrize(
    "text",
    [
        '"We came here with nothing, and we leave with nothing.',
        'We never thought the water would reach the second floor."',
        "“The army will hold the line until the last man,” the general said, “and beyond.",
        '"The prime minister said he could confirm that no agent acted on our soil."',
    ],
)
def test_quotes_without_their_speaker(text: str) -> None:
    assert is_partial_quote(text)
    assert standalone_reason(text) == "a quote without its speaker"


@pytest.mark.parametrize(
    "text",
    [
        "He said more than three hundred families were still living in the town.",
        "They brought in arms and ammunition over the border, the report said.",
        "But the offensive stalled at the river after two days of fighting.",
        "Such a stand hints at the credentials he adopted when his party took over.",
    ],
)
def test_sentences_that_point_back(text: str) -> None:
    assert is_dangling(text)


@pytest.mark.parametrize(
    "text",
    [
        "A view of the flooded main square of the town from the church tower at dawn.",
        "AT A GLANCE -- Fact box on the new stadium and its three stands.",
        "Answer key for the quiz on the history of the Olympic movement and its founders.",
    ],
)
def test_fragments_without_a_verb(text: str) -> None:
    assert is_fragment(text)


def test_verbs_the_lexicon_does_not_list_still_count() -> None:
    assert not is_fragment("With no trees left, the soil erodes from the hillsides each year.")
    assert not is_fragment("We're hoping to keep this issue in front of the whole country.")


@pytest.mark.parametrize(
    "text",
    [
        "Rescue workers search the rubble of the school in Adana on Friday. (AP Photo/Murad Sezer)",
        "Photo: Villagers wade through the flooded market of the town on Monday.",
        "The minister (pictured) told parliament that the budget would be balanced.",
    ],
)
def test_captions(text: str) -> None:
    assert is_caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "By Maria Gonzalez, Associated Press Writer",
        "Reporting by Ahmed Rasheed; Editing by Janet Lawrence and Tom Brown.",
        "The Associated Press contributed to this report from Madrid and Lisbon.",
        "Dana Smith is a staff writer for the Daily Planet in Metropolis.",
        "The night editor is Tom Duncan, 404-555-0182, tduncan(at)example.com.",
    ],
)
def test_bylines_and_contact_lines(text: str) -> None:
    assert is_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "The opinions expressed in this commentary are solely those of the author.",
        "Copyright 2017 The Daily Planet. All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Click here to sign up for our morning newsletter on the war.",
        "Support our journalism: donate now and keep independent reporting alive.",
    ],
)
def test_disclaimers_and_calls_to_action(text: str) -> None:
    assert is_disclaimer(text)


@pytest.mark.parametrize(
    "text",
    [
        "I think the council should have acted years ago, and my neighbours agree.",
        "Posted by riverwatcher at 10:32 pm, 14 likes, report abuse.",
        "To my eye, the new bridge looks like a coat hanger dropped in the river.",
    ],
)
def test_reader_comments_and_first_person(text: str) -> None:
    assert is_comment(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Hashed al-Shaabi are a paramilitary force made up mostly of Shiite militias.",
        "The Popular Front, a coalition of leftist parties, is one of the oldest movements.",
        "Ziyi is a coastal fishing village on the south coast of the island.",
    ],
)
def test_background_definitions(text: str) -> None:
    assert is_definition(text)
    assert standalone_reason(text) == "background that defines who or what something is"


def test_penn_treebank_quotes_are_screened_like_ordinary_ones() -> None:
    assert standalone_reason("`` We will clean it all up , '' he said .") == (
        "a quote whose speaker is only a pronoun"
    )
    assert standalone_reason("`` Why this well , and why now ?") == "a quote without its speaker"
    assert standalone_reason("`` We will clean it all up , '' the governor said .") is None


def test_a_photograph_credit_is_a_caption() -> None:
    assert is_caption("Photograph: AP BP engineers trying to stop the flow of oil worked on.")
