"""Cleaning received article text into paragraphs: the seed articles, and small general cases."""

from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.cleaning import CleanText, Paragraph, clean_article_text

SEEDS = Path(__file__).parent.parent / "seeds"
MOSCOW = "000_9c5ba6eb5ac01bd5.txt"
HINT = "004_16c4a5b8d4805f23.txt"
BODY = "This body paragraph is long enough to count as ordinary running text."


@cache
def titles() -> dict[str, str]:
    return {
        name: meta["title"] for name, meta in yaml.safe_load((SEEDS / "sources.yaml").read_text()).items()
    }


@cache
def cleaned(name: str) -> CleanText:
    return clean_article_text((SEEDS / name).read_text(encoding="utf-8"), title=titles()[name])


def texts(clean: CleanText) -> list[str]:
    return [clean.text[p.start : p.end] for p in clean.paragraphs]


def kinds(clean: CleanText) -> dict[str, str]:
    return {clean.text[p.start : p.end]: p.kind for p in clean.paragraphs}


def clean(raw: str, title: str | None = "Unused Title") -> list[str]:
    return texts(clean_article_text(raw, title=title))


@pytest.mark.parametrize(
    "paragraph",
    [
        "He knew the country’s strongman president Alexander Lukashenko was no liberal, but having protested"
        " at the Bolotnaya Square demonstrations in Moscow in 2011-12 against Vladimir Putin’s return to the"
        " Russian presidency and seen the police suppression there, he thought he was prepared for anything.",
        "But relocations in the IT sector are accelerating, and if Lukashenko holds onto power many are"
        " likely to become permanent, said Alexei Kuzmenkov, co-founder of Dutch-Belarusian medtech startup"
        " Deepdee, which has an office in Minsk’s famous Hi-Tech Park.",
        "Two weeks ago he decided to go home to Russia after seeing many of his friends in the IT sector"
        " beaten, threatened and detained in a brutal crackdown against tens of thousands of protesters who"
        " took to streets after Lukashenko claimed a landslide victory in disputed presidential elections.",
        "The internet blackouts, repression in the wake of the vote and Lukashenko’s own anti-business"
        " rhetoric have prompted many young professionals, business owners and entrepreneurs to consider a"
        " permanent departure from Belarus, analysts and insiders say.",
        "“I believe in this country. My family and I will buy accommodation there and invest in businesses"
        " there. And I know lots of people who will do the same,” said Miskevich.",
        "“If the regime changes, Belarus has a really good chance of becoming a great IT country and a place"
        " of reform. But if nothing changes, it will be very painful for businesses.”",
    ],
)
def test_moscow_times_paragraphs(paragraph):
    assert paragraph in texts(cleaned(MOSCOW))


@pytest.mark.parametrize(
    "paragraph",
    [
        "Since 2022, many Belarusian exiles have chosen to relocate to Poland, where the government’s Poland"
        " Business Harbor program has welcomed the Belarusian IT sector.",
        "It is clear innovators who dare to speak out are no safer outside the country. Several"
        " Belarusian-American tech entrepreneurs have reported coming under increased pressure after refusing"
        " to meet Lukashenko’s demands. Three years ago, Mikita Mikado, the founder of San Francisco-based"
        " software developer PandaDoc, reported a raid on his Minsk office after he supported those who"
        " protested the regime. Andrey Borisevich, CEO at FlyDreams aircraft group, chose to leave Belarus,"
        " claiming he was repeatedly penalized by the authorities when he refused to do their bidding.",
        "No surprise, then, that Sam Altman thought of Warsaw in considering Eastern Europe’s hi-tech"
        " potential. Belarus, meanwhile, will continue to suffer from a brain drain as long as Lukashenko’s"
        " regime deems it full of rebellious children.",
    ],
)
def test_next_hint_paragraphs(paragraph):
    assert paragraph in texts(cleaned(HINT))


def test_standfirst_comes_first_and_title_is_gone():
    moscow, hint = texts(cleaned(MOSCOW)), texts(cleaned(HINT))
    assert moscow[0] == (
        "Young professionals have been at the forefront of protests in Belarus."
        " Their future now hinges on whether Lukashenko stays or goes."
    )
    assert titles()[MOSCOW] not in moscow
    assert not any("Everyone Who Can Leave, Will Leave’:" in p for p in moscow)
    assert titles()[HINT] not in cleaned(HINT).text
    assert hint[0].startswith("From Silicon Valley to Singapore")
    assert hint[-1].endswith("full of rebellious children.")


@pytest.mark.parametrize("name", [MOSCOW, HINT])
@pytest.mark.parametrize(
    "furniture",
    ["http", "www.", "Related article", "Image:", "Tut.By via AP", "Subscribe", "Please wait", "notified"],
)
def test_furniture_is_dropped(name, furniture):
    assert furniture not in cleaned(name).text


def test_headings_and_indented_quote():
    moscow = cleaned(MOSCOW)
    assert kinds(moscow)["“Ninja-style”"] == "heading"
    assert kinds(moscow)["Statist policies"] == "heading"
    assert [p.kind for p in moscow.paragraphs].count("heading") == 2
    assert {p.kind for p in cleaned(HINT).paragraphs} == {"text"}
    assert any(p.startswith("“I believe in this country.") for p in texts(moscow))


@pytest.mark.parametrize("name", [MOSCOW, HINT])
def test_paragraphs_address_the_text(name):
    result = cleaned(name)
    assert result.text == "\n\n".join(texts(result))
    assert "\n\n\n" not in result.text
    for paragraph in texts(result):
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph
        assert "\n" not in paragraph
        assert "\u00a0" not in paragraph


@pytest.mark.parametrize("name", [MOSCOW, HINT])
def test_deterministic(name):
    raw = (SEEDS / name).read_text(encoding="utf-8")
    assert clean_article_text(raw, title=titles()[name]) == clean_article_text(raw, title=titles()[name])


def test_characters_are_kept():
    text = cleaned(MOSCOW).text
    assert "Putin’s" in text
    assert "“ninja-style.”" in text
    assert "cares … Power" in text


def test_empty_and_blank_input():
    assert clean_article_text("") == CleanText("", ())
    assert clean_article_text(" \n\t\n\ufeff\n") == CleanText("", ())


def test_only_furniture_gives_nothing():
    raw = (
        "https://example.com/news/1\n\nwww.example.com\n\nAdvertisement\n\n3\n\nPage 2 of 5\n\n4/5\n\n"
        "Share Tweet Email\n\nPhoto: Jane Doe / Reuters\n\n© 2024 Example News. All rights reserved.\n\n"
        "Read more: Something else happened\n\n9/14/2020, 10:23 AM\n\nSubscribe us\n\nPlease wait..."
    )
    assert clean_article_text(raw, title="Anything") == CleanText("", ())


def test_windows_newlines_bom_tabs_and_nbsp():
    raw = "\ufeffThe first line of a hard\twrapped\r\nparagraph\u00a0 ends here.\r\n\r\nSecond one.\r\n"
    result = clean_article_text(raw, title="Headline")
    assert result.text == "The first line of a hard wrapped paragraph ends here.\n\nSecond one."
    assert result.paragraphs == (Paragraph(0, 53, "text"), Paragraph(55, 66, "text"))


def test_hyphenated_line_break_keeps_hyphen():
    assert clean("The anti-\nbusiness mood of the Dutch-\nBelarusian founder is well -\nknown.") == [
        "The anti-business mood of the Dutch-Belarusian founder is well - known."
    ]


def test_sentence_mentioning_a_newsletter_is_kept():
    body = "Readers of our newsletter heard about the plan first, the council said on Monday."
    assert clean(f"{BODY}\n\n{body}\n\nSign up for our newsletter") == [BODY, body]


def test_promo_trailer_is_dropped():
    trailer = "Want to be notified when our article is published? Enter your email address below."
    assert clean(f"{BODY}\n\nSubscribe us\n\nPlease wait...\n{trailer}") == [BODY]


def test_heading_is_not_merged_across_furniture():
    result = clean_article_text(f"Crosshead\n\nhttps://example.com/x\n\n{BODY}", title="Headline")
    assert texts(result) == ["Crosshead", BODY]
    assert [p.kind for p in result.paragraphs] == ["heading", "text"]


def test_lowercase_continuation_is_merged_without_furniture():
    raw = "The mayor said the plan would be\n\nput to a vote next week."
    assert clean(raw) == ["The mayor said the plan would be put to a vote next week."]


def test_sentence_split_by_page_furniture_is_healed():
    raw = "Protesters gathered in the main square of the capital to oppose\n\n12\nwww.example.com\n\nPutin."
    assert clean(raw) == ["Protesters gathered in the main square of the capital to oppose Putin."]


def test_finished_paragraph_is_not_merged_across_furniture():
    first = "The mayor said the plan would be put to a vote."
    assert clean(f"{first}\n\nhttps://example.com/related\n\nCouncillors disagreed.") == [
        first,
        "Councillors disagreed.",
    ]


def test_title_is_inferred_when_not_given():
    raw = f"Mayor Unveils Plan\n\n{BODY}\n\nMayor Unveils Plan\n\nAnother paragraph follows here."
    assert clean(raw, title=None) == [BODY, "Another paragraph follows here."]


def test_title_is_not_inferred_from_a_sentence():
    raw = f"The mayor unveiled a plan on Monday.\n\n{BODY}"
    assert clean(raw, title=None) == ["The mayor unveiled a plan on Monday.", BODY]


def test_wrapped_title_and_page_headers_are_dropped():
    header = "MAYOR UNVEILS PLAN | Example News"
    raw = f"Mayor Unveils\nPlan\nStandfirst sentence here.\n\n{BODY}\n\n{header}\n\nEnd."
    assert clean(raw, title="Mayor Unveils Plan") == ["Standfirst sentence here.", BODY, "End."]


def test_caption_with_agency_credit_is_dropped():
    raw = f"{BODY}\n\n Protesters march in Minsk on Sunday. Sergei Grits / AP\n\nOther people said so."
    assert clean(raw) == [BODY, "Other people said so."]


def test_wrapped_prose_lines_are_not_taken_for_furniture():
    raw = (
        "Officers were filmed beating protesters, and the\nvideo of the arrests spread quickly, which is\n"
        "what the committee\nrecommended – a full inquiry."
    )
    assert clean(raw) == [
        "Officers were filmed beating protesters, and the video of the arrests spread quickly, which is"
        " what the committee recommended – a full inquiry."
    ]


def test_lines_repeated_three_times_are_dropped():
    raw = f"Example Gazette\n{BODY}\n\nExample Gazette\n\nMore text.\n\nExample Gazette\n\nLast text."
    assert clean(raw) == [BODY, "More text.", "Last text."]


def test_file_without_blank_lines():
    hard_wrapped = (
        "First paragraph line one that is fairly long and wraps around here\nand ends here.\n"
        "Second paragraph starts here and it is long enough to wrap to the\nnext line."
    )
    assert clean(hard_wrapped) == [
        "First paragraph line one that is fairly long and wraps around here and ends here.",
        "Second paragraph starts here and it is long enough to wrap to the next line.",
    ]
    web = f"{BODY * 3}\nA Crosshead\n{BODY * 2}"
    result = clean_article_text(web, title="Headline")
    assert texts(result) == [BODY * 3, "A Crosshead", BODY * 2]
    assert [p.kind for p in result.paragraphs] == ["text", "heading", "text"]


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *["a", "B", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\f", "-", ".", "’", "“", "…", ":"],
                *["3", "https://x.org", "Photo: ", "via AP", "Subscribe", "Related: ", "\ufeff", "word "],
            ]
        ),
        max_size=60,
    ).map("".join),
    st.sampled_from([None, "", "B a", "Title"]),
)
def test_any_input_gives_well_formed_output(raw, title):
    result = clean_article_text(raw, title=title)
    assert result == clean_article_text(raw, title=title)
    assert result.text == "\n\n".join(texts(result))
    for paragraph in result.paragraphs:
        body = result.text[paragraph.start : paragraph.end]
        assert body
        assert body == body.strip()
        assert "  " not in body
        assert not any(char.isspace() and char != " " for char in body)
        assert paragraph.kind in {"text", "heading"}
