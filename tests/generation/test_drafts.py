"""Draft questions: verified by the bank's validator, covering the seeds' key facts, general beyond the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.bank.parsing import parse_question
from app.bank.types.checks import mentions
from app.bank.validation import check_question
from app.generation.context import SourceArticle
from app.generation.drafts import generate_drafts
from app.yaml_lines import LineMap
from tests.generation.eval_drafts import coverage, fact_files, load_facts, seed_sources

ARTICLES = Path(__file__).parent / "articles"
MIN_COVERAGE = 0.6


def invented(name: str, publisher: str = "The Coastal Courier", published: str = "2024-05") -> SourceArticle:
    from app.text.cleaning import clean_article_text

    raw = (ARTICLES / name).read_text(encoding="utf-8")
    title = raw.splitlines()[0]
    return SourceArticle(
        name.removesuffix(".txt"), clean_article_text(raw, title=title).text, title, publisher, published
    )


@pytest.fixture(scope="module")
def seed_generations(nlp):
    return {slug: generate_drafts(source, nlp) for slug, source in seed_sources().items()}


@pytest.fixture(scope="module")
def invented_generations(nlp):
    return {p.name: generate_drafts(invented(p.name), nlp) for p in sorted(ARTICLES.glob("drafts-*.txt"))}


def all_generations(seed_generations, invented_generations):
    return [*seed_generations.values(), *invented_generations.values()]


def by_prompt(generation, pattern: str):
    return [d for d in generation.drafts if re.search(pattern, d.item["prompt"])]


@pytest.mark.parametrize("slug", ["everyone-who-can-leave-will-leave", "the-lukashenko-factor"])
def test_drafts_cover_the_seeds_key_facts(seed_generations, slug):
    generation = seed_generations[slug]
    facts = load_facts(fact_files()[slug], generation.source.text)
    share, missed = coverage(generation.drafts, facts)
    assert share >= MIN_COVERAGE, [f.statement for f in missed]


def test_gold_facts_are_enough_and_verbatim(seed_generations):
    counts = {
        slug: len(load_facts(path, seed_generations[slug].source.text)) for slug, path in fact_files().items()
    }
    assert counts["everyone-who-can-leave-will-leave"] >= 15
    assert counts["the-lukashenko-factor"] >= 10


def test_every_draft_passes_the_bank_validator(seed_generations, invented_generations):
    for generation in all_generations(seed_generations, invented_generations):
        texts = {generation.source.slug: generation.source.text}
        assert generation.drafts
        for draft in generation.drafts:
            spec, problems = parse_question(draft.item, LineMap(), (), "generated", None)
            assert spec is not None, problems
            checked, problems = check_question(spec, texts)
            assert checked is not None, [str(p) for p in problems]


def test_drafts_are_well_formed(seed_generations, invented_generations):
    for generation in all_generations(seed_generations, invented_generations):
        keys = [d.key for d in generation.drafts]
        assert len(keys) == len(set(keys))
        for draft in generation.drafts:
            item, prompt = draft.item, draft.item["prompt"]
            assert (item["status"], item["origin"]) == ("draft", "generated")
            assert item["id"].startswith(generation.source.slug[:20])
            assert prompt[0].isupper(), prompt
            assert prompt.endswith("." if item["type"] == "true_false" else "?"), prompt
            assert "  " not in prompt and " ," not in prompt and ".?" not in prompt, prompt
            assert 0 < draft.confidence <= 1 and draft.reason
            assert item["explanation"] and item["tags"] and item["difficulty"] in ("easy", "medium", "hard")


def test_prompts_are_self_contained(seed_generations):
    generation = seed_generations["everyone-who-can-leave-will-leave"]
    for draft in generation.drafts:
        assert "The Moscow Times" in draft.item["prompt"], draft.item["prompt"]
        assert not re.search(r"^(In|According to) [^,]*, (he|she|they|it) ", draft.item["prompt"])


def test_every_generator_contributes(seed_generations, invented_generations):
    kinds = {d.generator for g in all_generations(seed_generations, invented_generations) for d in g.drafts}
    assert {"numbers", "companies", "places", "roles", "true_false"} <= kinds
    answers = {
        d.item["answer"]
        for g in invented_generations.values()
        for d in g.drafts
        if d.generator == "true_false"
    }
    assert answers == {True, False}


def test_numbers_ask_what_the_number_counts(invented_generations):
    wind = invented_generations["drafts-harbour-wind-farm.txt"]
    turbines = by_prompt(wind, r"how many turbines will the project place")
    assert [d.item["answer"] for d in turbines] == [48]
    assert turbines[0].item["unit"] == "turbines" and turbines[0].item["tolerance"] == 0
    assert (
        turbines[0].item["prompt"].startswith("According to The Coastal Courier’s 2024 article on Norway, ")
    )
    share = by_prompt(wind, r"what percentage of Norway’s electricity")
    assert [(d.item["answer"], d.item["unit"]) for d in share] == [(30, "%")]
    year = by_prompt(wind, r"by which year did the government expect")
    assert [d.item["answer"] for d in year] == [2040]
    clinic = invented_generations["drafts-river-clinic.txt"]
    petition = by_prompt(clinic, r"more than how many people had signed a petition")
    assert [d.item["answer"] for d in petition] == [9000]
    assert petition[0].item["tolerance"] == "2%"  # a large figure: a few percent either way
    assert "According to Seamus Doyle in" in petition[0].item["prompt"]


def test_pronoun_subjects_are_named_and_flagged(seed_generations):
    drafts = by_prompt(seed_generations["everyone-who-can-leave-will-leave"], r"how many firms in the Park")
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft.item["prompt"].startswith("According to Alexei Kuzmenkov in The Moscow Times’ 2020 article")
    assert draft.item["answer"] == 50
    assert "“He” was taken to mean Alexei Kuzmenkov" in draft.reason and draft.confidence < 0.8


def test_people_and_roles(invented_generations, seed_generations):
    wind = invented_generations["drafts-harbour-wind-farm.txt"]
    mayor = by_prompt(wind, r"who is the mayor of Vestby\?")
    assert [(d.item["answer"], d.item["accepted_answers"]) for d in mayor] == [
        ("Ingrid Halvorsen", ["Halvorsen"])
    ]
    described = by_prompt(wind, r"describe Tore Lunde\?")
    assert described[0].item["answer"] == "chairman of the Vestby Fishermen’s Association"
    assert len(described[0].item["choices"]) == 4
    seed = seed_generations["everyone-who-can-leave-will-leave"]
    glod = by_prompt(seed, r"describe Katia Glod\?")[0]
    assert glod.item["answer"] == "non-resident fellow at the Center for European Policy Analysis (CEPA)"


def test_companies_and_places_have_same_kind_distractors(invented_generations, seed_generations):
    for generation in [*invented_generations.values(), *seed_generations.values()]:
        for draft in generation.drafts:
            if draft.generator in ("companies", "places") and draft.item["type"] == "multiple_choice":
                sentence = draft.checked.evidence[0].text
                wrong = [c for c in draft.item["choices"] if c != draft.item["answer"]]
                assert wrong and not any(mentions(sentence, c) for c in wrong), draft.item
    clinic = invented_generations["drafts-river-clinic.txt"]
    galway = by_prompt(clinic, r"to which place will expectant mothers have to travel")
    assert [d.item["answer"] for d in galway] == ["Galway"]


def test_a_person_is_not_a_company(seed_generations):
    seed = seed_generations["everyone-who-can-leave-will-leave"]
    for draft in seed.drafts:
        if draft.generator == "companies":
            assert draft.item["answer"] not in ("Franak Viacorka", "Anton", "Twitter")


def test_false_statements_swap_in_a_plausible_item_from_the_article(invented_generations):
    for generation in invented_generations.values():
        text = generation.source.text
        for draft in generation.drafts:
            if draft.generator == "true_false":
                sentence = draft.checked.evidence[0].text
                statement = draft.item["prompt"].split(", ", 1)[1]
                same = statement.rstrip(".").lower() in sentence.lower()
                assert same == draft.item["answer"], draft.item
                if not draft.item["answer"]:
                    swapped = re.search(r"putting the \w+ (.+)$", draft.reason.split("; ")[-1]).group(1)
                    assert swapped in text


def test_ids_are_stable(nlp):
    source = invented("drafts-river-clinic.txt")
    first = [d.key for d in generate_drafts(source, nlp).drafts]
    again = [d.key for d in generate_drafts(source, nlp).drafts]
    assert first == again
    edited = SourceArticle(source.slug, source.text + "\n\nA spokesperson declined to comment.", source.title,
                           source.publisher, source.published)  # fmt: skip
    assert set(first) <= {d.key for d in generate_drafts(edited, nlp).drafts}


def test_near_duplicates_are_merged():
    from types import SimpleNamespace

    from app.generation.dedupe import merged

    def fake_draft(key, prompt, answer, confidence):
        item = {"id": key, "type": "numeric", "prompt": prompt, "answer": answer}
        return SimpleNamespace(key=key, item=item, confidence=confidence)

    one = fake_draft("a", "In the 2024 article, how many jobs will the plant create?", 650, 0.8)
    twin = fake_draft("b", "In the 2024 article, how many jobs will the new plant create?", 650, 0.6)
    other = fake_draft("c", "In the 2024 article, how many jobs will the new plant create?", 40, 0.6)
    assert [d.key for d in merged([twin, one, other])] == ["a", "c"]


def test_an_article_without_metadata_is_named_by_its_title(nlp):
    source = SourceArticle(
        "ferry", invented("drafts-harbour-wind-farm.txt").text, "Ferry Strike Ends After Nine Days"
    )
    drafts = generate_drafts(source, nlp).drafts
    assert drafts
    assert any("the article “Ferry Strike Ends After Nine Days”" in d.item["prompt"] or "article on" in d.item["prompt"]
               for d in drafts)  # fmt: skip


def test_who_said_drafts_on_seed_000(seed_generations):
    seed = seed_generations["everyone-who-can-leave-will-leave"]
    drafts = [d for d in seed.drafts if d.generator == "who_said"]
    assert len(drafts) >= 10
    speakers = {d.item["answer"] for d in drafts}
    assert {"Katia Glod", "Darya Miskevich", "Daniel Krutzinna", "Alex Kokcharov"} <= speakers
    for draft in drafts:
        item = draft.item
        assert not any(mentions(item["prompt"], part) for part in item["answer"].split()), item["prompt"]
        assert set(item.get("choices", [])) <= speakers | {"Anton", "Alexei Kuzmenkov", "Franak Viacorka"}
        assert item["role"]
    ninja = by_prompt(seed, r"who said firms were moving staff “ninja-style”\?")
    assert [d.item["answer"] for d in ninja] == ["Anton"]


def test_datelines_stay_out_of_prompts(nlp):
    """ "PORT HALVEY — Councillors …": where a story was filed is not part of the question."""
    generation = generate_drafts(invented("port-halvey-sea-wall.txt"), nlp)
    assert generation.drafts
    assert not [d.item["prompt"] for d in generation.drafts if "PORT HALVEY" in d.item["prompt"]]
    dateline = "LONDON (Reuters) - The bank raised rates by 0.5 percentage points on Thursday, its third rise this year."
    source = SourceArticle(
        "rates", f"Bank raises rates\n\n{dateline}", "Bank raises rates", "Wire", "2024-05"
    )
    for draft in generate_drafts(source, nlp).drafts:
        assert "LONDON (Reuters)" not in draft.item["prompt"]
