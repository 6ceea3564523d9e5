"""The extractor's rules, each on its own small article, and the drafts they write.

Every test drafts facts from a few sentences (written for the test, in news style) and
checks what a reviewer would see: which fact, by whom, on which words, by which rule. Drafts
are also read back through the facts loader (kg.extract.draft.draft_facts), so a rule that
drafted a fact the loader cannot find evidence for fails here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.extract import DraftedFact, Lexicon, extract, load_lexicon
from kg.extract.draft import draft_facts
from kg.extract.times import find_times
from kg.loaders import Reference
from kg.model import Article, Mode, Where

PUBLISHED = dt.date(2017, 11, 21)  # a Tuesday


@pytest.fixture(scope="module")
def lexicon(reference: Reference) -> Lexicon:
    return load_lexicon(reference)


def draft(text: str, lexicon: Lexicon, published: dt.date = PUBLISHED) -> list[DraftedFact]:
    article = Article(
        url="https://example.org/news/test",
        title="Test",
        published=published,
        language="en",
        text=text,
        where=Where("test.md"),
    )
    return extract(article, lexicon).facts


def words(text: str, fact: DraftedFact) -> str:
    return text[fact.start : fact.end]


def of(facts: list[DraftedFact], section: str) -> list[DraftedFact]:
    return [f for f in facts if f.section == section]


def quotes(text: str, facts: list[DraftedFact]) -> list[tuple[str, str, str]]:
    """(speaker key, rule, quoted words) of every drafted quotation."""
    return [
        (f.fields["by"], f.rule, words(text, f))
        for f in of(facts, "statements")
        if f.fields.get("mode") in ("direct-quote", "partial-quote")
    ]


# --- quotations and speakers ------------------------------------------------------------


def test_quote_then_he_said_is_the_last_person_named(lexicon: Lexicon) -> None:
    text = (
        "Robert Lighthizer spoke after the round ended. “We will not reach a satisfactory "
        "result this way,” he said."
    )
    assert quotes(text, draft(text, lexicon)) == [
        ("lighthizer", "quote-said-after", "We will not reach a satisfactory result this way,")
    ]


def test_said_then_a_new_person_with_an_appositive(lexicon: Lexicon) -> None:
    text = (
        "“These duties hurt workers on both sides of the border,” said Marianne Beaulieu, "
        "Canada's trade minister, on Wednesday."
    )
    facts = draft(text, lexicon)
    assert quotes(text, facts) == [
        (
            "marianne-beaulieu",
            "quote-said-after",
            "These duties hurt workers on both sides of the border,",
        )
    ]
    person = next(a for f in facts for a in f.actors if a.key == "marianne-beaulieu")
    assert (person.kind, person.name, person.affiliation) == (
        "Person",
        "Marianne Beaulieu",
        "canada",
    )


def test_title_before_the_name_and_told_reporters(lexicon: Lexicon) -> None:
    text = (
        "“These are proposals we simply cannot agree to,” Canadian Foreign Minister "
        "Chrystia Freeland told reporters in Ottawa."
    )
    assert quotes(text, draft(text, lexicon)) == [
        ("freeland", "quote-said-after", "These are proposals we simply cannot agree to,")
    ]


def test_speaker_before_a_colon(lexicon: Lexicon) -> None:
    text = "Jane Roe, the chief negotiator for Canada, told reporters: “We are not there yet.”"
    assert quotes(text, draft(text, lexicon)) == [
        ("jane-roe", "quote-said-before", "We are not there yet.")
    ]


def test_according_to_after_a_quotation(lexicon: Lexicon) -> None:
    text = (
        "“The entry ticket is the whole agreement and there is no menu,” according to "
        "a senior official with knowledge of the talks."
    )
    ((speaker, rule, quoted),) = quotes(text, draft(text, lexicon))
    assert (speaker.startswith("source-"), rule, quoted) == (
        True,
        "quote-said-after",
        "The entry ticket is the whole agreement and there is no menu,",
    )


def test_second_quotation_of_the_paragraph_has_the_same_speaker(lexicon: Lexicon) -> None:
    text = (
        "“We gave our partners every opportunity,” said Tom Oakes, the commerce "
        "secretary. “What we got were proposals that would not protect our security.”"
    )
    assert quotes(text, draft(text, lexicon)) == [
        ("tom-oakes", "quote-said-after", "We gave our partners every opportunity,"),
        (
            "tom-oakes",
            "quote-continued",
            "What we got were proposals that would not protect our security.",
        ),
    ]


def test_quotation_after_a_sentence_where_someone_speaks(lexicon: Lexicon) -> None:
    text = (
        "Lighthizer added that there was still time. “Our teams will be meeting again "
        "next month in Washington.”"
    )
    assert quotes(text, draft(text, lexicon)) == [
        (
            "lighthizer",
            "quote-continued",
            "Our teams will be meeting again next month in Washington.",
        )
    ]


def test_partial_quotation_inside_what_someone_says(lexicon: Lexicon) -> None:
    text = (
        "Trade minister Ana Ruiz said the proposal was “a rewording, not a rethink” and "
        "called the deadline “artificial.”"
    )
    assert quotes(text, draft(text, lexicon)) == [
        ("ana-ruiz", "quote-partial", "a rewording, not a rethink"),
        ("ana-ruiz", "quote-partial", "artificial."),
    ]


def test_pronoun_after_an_unnamed_source(lexicon: Lexicon) -> None:
    text = (
        "A UK government spokesman said London would not take sides. “Each application "
        "is judged on its merits,” he said."
    )
    ((speaker, rule, _),) = quotes(text, draft(text, lexicon))
    assert (speaker, rule) == ("source-a-uk-government-spokesman", "quote-said-after")


def test_one_of_them_is_the_unnamed_source_named_last(lexicon: Lexicon) -> None:
    text = (
        "Several members want more, two officials involved in the talks said. “The "
        "entry ticket is the whole agreement,” one of them said."
    )
    ((speaker, _, _),) = quotes(text, draft(text, lexicon))
    assert speaker == "source-two-officials-involved-in-the-talks"


@pytest.mark.parametrize(("left", "right"), [("‘", "’"), ("'", "'")])
def test_british_single_quotes_and_apostrophes(lexicon: Lexicon, left: str, right: str) -> None:
    text = (
        f"{left}We don{right}t accept Britain{right}s offer on fisheries at all,{right} "
        f"said Margarethe Lindqvist, the EU{right}s deputy chief negotiator. {left}The "
        f"workers{right} jobs matter too.{right}"
    )
    assert [(speaker, rule) for speaker, rule, _ in quotes(text, draft(text, lexicon))] == [
        ("margarethe-lindqvist", "quote-said-after"),
        ("margarethe-lindqvist", "quote-continued"),
    ]
    assert quotes(text, draft(text, lexicon))[0][2] == (
        f"We don{right}t accept Britain{right}s offer on fisheries at all,"
    )


def test_scare_quotes_are_not_statements(lexicon: Lexicon) -> None:
    text = (
        "Officials argued over the so-called “poison pill clause” in the deal. The "
        "rules decide when a product can be labeled as “made in America” at all."
    )
    assert quotes(text, draft(text, lexicon)) == []


def test_a_quotation_with_no_speaker_is_not_drafted(lexicon: Lexicon) -> None:
    text = "The talks ended. “Nothing was agreed on the big issues in this round at all.”"
    assert quotes(text, draft(text, lexicon)) == []


def test_elided_quotation_is_flagged_edited(
    reference: Reference, lexicon: Lexicon, tmp_path: Path
) -> None:
    article = tmp_path / "elided.md"
    article.write_text(
        "---\nurl: https://example.org/news/elided\ntitle: Elided\npublished: 2017-11-21\n"
        "language: en\n---\n“Significant differences remain. … These are proposals we "
        "simply cannot agree to,” Chrystia Freeland told reporters.\n",
        encoding="utf-8",
    )
    facts = draft_facts(article, reference, lexicon)
    statement = next(a for a in facts.acts if a.kind == "Statement")
    assert (statement.reports[0].mode, statement.reports[0].edited) == (Mode.DIRECT_QUOTE, True)


# --- actors -----------------------------------------------------------------------------


def test_demonym_officials_are_their_country_and_two_countries_a_group(lexicon: Lexicon) -> None:
    text = (
        "Canadian officials rejected U.S. demands to add a sunset clause to NAFTA. "
        "Canada and Mexico have been resisting U.S. demands for a radical rewrite."
    )
    objections = of(draft(text, lexicon), "objections")
    assert [o.fields["by"] for o in objections] == ["canada", "canada-and-mexico"]
    group = objections[1].actors[0]
    assert (group.kind, group.members) == ("ActorGroup", ("canada", "mexico"))


def test_the_administration_is_the_one_the_article_names(lexicon: Lexicon) -> None:
    text = (
        "The Biden administration wants Canada to open its dairy quotas. The administration "
        "also is pushing to add a sunset clause to the deal."
    )
    demands = of(draft(text, lexicon), "demands")
    assert [d.fields["by"] for d in demands] == ["biden-administration", "biden-administration"]
    assert demands[0].actors[0].affiliation == "united-states"


def test_an_administration_nobody_named_is_not_guessed(lexicon: Lexicon) -> None:
    text = "The administration also is pushing to add a sunset clause to the deal."
    assert draft(text, lexicon) == []
    with_trump = "President Trump met his advisers. " + text
    assert [d.fields["by"] for d in of(draft(with_trump, lexicon), "demands")] == [
        "trump-administration"
    ]


def test_named_organisation_missing_from_the_reference(lexicon: Lexicon) -> None:
    text = (
        "“Canada's unfair trade practices have to be met with a strong response,” "
        "said a statement from the U.S. Lumber Coalition."
    )
    facts = draft(text, lexicon)
    assert [(a.key, a.kind) for f in facts for a in f.actors] == [
        ("u-s-lumber-coalition", "InterestGroup")
    ]


def test_a_country_s_industry_is_an_interest_group_not_its_government(lexicon: Lexicon) -> None:
    text = "U.S. dairy groups called for quick compliance with the ruling on dairy quotas."
    (demand,) = of(draft(text, lexicon), "demands")
    group = demand.actors[0]
    assert (demand.fields["by"], group.kind, group.affiliation) == (
        "u-s-dairy-groups",
        "InterestGroup",
        "united-states",
    )


# --- demands, proposals, objections, threats, support -------------------------------------


def test_a_passive_verb_has_no_agent(lexicon: Lexicon) -> None:
    text = (
        "A survey by a U.S. business lobby found that member companies had been asked to "
        "transfer technology to Chinese partners."
    )
    assert of(draft(text, lexicon), "proposals") == []


def test_offers_and_proposals_with_a_gerund(lexicon: Lexicon) -> None:
    text = (
        "Chinese officials have offered to shorten the list of sectors closed to foreign "
        "investors. Canada has proposed counting research work toward regional content."
    )
    assert [
        (p.fields["proposer"], words(text, p)) for p in of(draft(text, lexicon), "proposals")
    ] == [
        ("china", "shorten the list of sectors closed to foreign investors"),
        ("canada", "counting research work toward regional content"),
    ]


def test_demand_verb_splits_proposals_and_finds_their_issues(lexicon: Lexicon) -> None:
    text = (
        "President Trump wants a new deal. The administration also is pushing to add an "
        "expiration clause to NAFTA as well as to allow countries to opt out of its "
        "investment dispute settlement system."
    )
    facts = draft(text, lexicon)
    assert [
        (p.fields["proposer"], p.fields.get("issue"), words(text, p))
        for p in of(facts, "proposals")
    ] == [
        ("united-states", "sunset-clause", "add an expiration clause to NAFTA"),
        (
            "united-states",
            "isds",
            "to allow countries to opt out of its investment dispute settlement system",
        ),
    ]
    assert [(d.fields["by"], d.rule) for d in of(facts, "demands")] == [
        ("trump-administration", "demand-verb"),
        ("trump-administration", "demand-verb"),
    ]


def test_demand_noun_and_the_objection_that_targets_it(lexicon: Lexicon) -> None:
    text = (
        "Canada and Mexico have been resisting U.S. demands for a radical rewrite of the 1993 deal."
    )
    facts = draft(text, lexicon)
    (proposal,) = of(facts, "proposals")
    (objection,) = of(facts, "objections")
    assert (proposal.fields["proposer"], proposal.rule) == ("united-states", "demand-noun")
    assert (objection.fields["kind"], objection.fields["proposal"], objection.rule) == (
        "objection",
        proposal.key,
        "objection-verb",
    )


def test_someone_wants_someone_else_to_act(lexicon: Lexicon) -> None:
    text = "Washington wants Canada to open its dairy quotas to more importers."
    (proposal,) = of(draft(text, lexicon), "proposals")
    assert (proposal.fields["proposer"], proposal.fields.get("issue")) == ("united-states", "dairy")


def test_rejection_with_its_reason_and_unnamed_source(lexicon: Lexicon) -> None:
    text = (
        "Canadian and Mexican officials rejected U.S. demands to change the rules of origin, "
        "arguing that the changes would damage the auto industry, according to an "
        "official with knowledge of the talks."
    )
    facts = draft(text, lexicon)
    (rejection,) = of(facts, "objections")
    assert rejection.fields["kind"] == "rejection"
    assert rejection.fields["source"] == "source-an-official-with-knowledge-of-the-talks"
    assert rejection.reason is not None
    r_start, r_end, kind = rejection.reason
    assert (text[r_start:r_end], kind) == (
        "the changes would damage the auto industry",
        "economic-harm",
    )


def test_rejection_inside_a_quotation(lexicon: Lexicon) -> None:
    text = "“These are proposals we simply cannot agree to,” Chrystia Freeland told reporters."
    (rejection,) = of(draft(text, lexicon), "objections")
    assert (rejection.fields["by"], rejection.rule, words(text, rejection)) == (
        "freeland",
        "rejection-quote",
        "These are proposals we simply cannot agree to,",
    )


def test_objection_to_the_idea_targets_the_proposal_before(lexicon: Lexicon) -> None:
    text = (
        "The U.S. has demanded a sunset clause that would end the pact after five years. "
        "Canada and Mexico have both rejected the idea."
    )
    facts = draft(text, lexicon)
    (proposal,) = of(facts, "proposals")
    (objection,) = of(facts, "objections")
    assert objection.fields.get("proposal") == proposal.key


def test_an_objection_in_a_relative_clause_targets_what_comes_before(lexicon: Lexicon) -> None:
    text = (
        "The U.S. is pushing to add an expiration clause to NAFTA, changes Canada and "
        "Mexico also object to."
    )
    facts = draft(text, lexicon)
    (proposal,) = of(facts, "proposals")
    (objection,) = of(facts, "objections")
    assert (
        objection.rule,
        objection.fields["by"],
        objection.fields["proposal"],
        words(text, objection),
    ) == (
        "objection-relative",
        "canada-and-mexico",
        proposal.key,
        "changes Canada and Mexico also object to",
    )


def test_a_measure_is_a_proposal_objections_can_target(lexicon: Lexicon) -> None:
    text = (
        "The United States will impose tariffs of 25 percent on steel from Canada. "
        "Canadian officials criticised the tariffs."
    )
    facts = draft(text, lexicon)
    (proposal,) = of(facts, "proposals")
    assert (proposal.rule, proposal.fields["proposer"]) == ("measure-verb", "united-states")
    assert of(facts, "objections")[0].fields.get("proposal") == proposal.key


def test_threats_by_verb_and_by_noun(lexicon: Lexicon) -> None:
    text = (
        "Canada threatened to impose duties on American steel. President Trump repeated "
        "his earlier threats to pull the U.S. out of the deal."
    )
    assert [
        (t.fields["by"], t.rule, t.fields["action"]) for t in of(draft(text, lexicon), "threats")
    ] == [
        ("canada", "threat-verb", "Impose duties on American steel"),
        ("trump", "threat-noun", "Pull the U.S. out of the deal"),
    ]


def test_support_only_for_a_proposal_or_issue(lexicon: Lexicon) -> None:
    text = (
        "Mexico proposed to drop the sunset clause. Canada supported the proposal. "
        "Farmers supported each other."
    )
    supports = of(draft(text, lexicon), "supports")
    assert [(s.fields["by"], s.rule) for s in supports] == [("canada", "support-verb")]


def test_paraphrase_with_said_that(lexicon: Lexicon) -> None:
    text = "Lighthizer said that there had been some progress on the administration's goals."
    (statement,) = of(draft(text, lexicon), "statements")
    assert (statement.fields["by"], statement.fields["mode"], statement.rule) == (
        "lighthizer",
        "paraphrase",
        "paraphrase-said",
    )


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("Mexico said it would respond with duties on U.S. pork.", "mexico"),
        ("Lighthizer said on Monday the talks had made progress.", "lighthizer"),
        # "that" left out and no clause after the verb: no paraphrase
        ("Lighthizer said nothing.", None),
        # the name is not the one who says it
        ("Trudeau's office said the leaders agreed to meet.", None),
        ("The accord, a treaty signed in Canada, says there must be no border.", None),
    ],
)
def test_paraphrase_without_that(lexicon: Lexicon, text: str, by: str | None) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == ([by] if by else [])


def test_the_outlet_s_own_assessment_of_the_talks(lexicon: Lexicon) -> None:
    text = (
        "The NAFTA renegotiations have been strained. The talks are stalled, officials "
        "said. Relations between the two are now at an impasse, according to diplomats."
    )
    (statement,) = of(draft(text, lexicon), "statements")
    assert (statement.rule, statement.fields, words(text, statement)) == (
        "outlet-voice",
        {},
        "The NAFTA renegotiations have been strained.",
    )


def test_names_wrapped_over_two_lines(lexicon: Lexicon) -> None:
    text = (
        "The softwood quarrel is back.\n\n“Canada's unfair trade practices have to be met "
        "with a\nstrong response,” said a statement from the U.S. Lumber\nCoalition on "
        "Wednesday, and U.S. Trade\nRepresentative Robert Lighthizer agreed."
    )
    assert [(a.key, a.kind) for f in draft(text, lexicon) for a in f.actors] == [
        ("u-s-lumber-coalition", "InterestGroup")
    ]


# --- events and times --------------------------------------------------------------------


def test_events_round_meeting_press_and_deadline(lexicon: Lexicon) -> None:
    text = (
        "Following Tuesday's conclusion of the fifth round of talks, officials left. "
        "Our teams will be meeting again next month in Washington. "
        "Chrystia Freeland told reporters in Ottawa Tuesday. "
        "Both sides hope to reach a deal before the end of the year."
    )
    events = of(draft(text, lexicon), "events")
    assert [
        (e.fields["type"], e.fields["status"], e.when.value if e.when else None) for e in events
    ] == [
        ("NegotiationRound", "occurred", "2017-11-21"),
        ("Meeting", "scheduled", "2017-12"),
        ("PressConference", "occurred", "2017-11-21"),
        ("Milestone", "expected", "2017"),
    ]
    assert events[0].fields["round"] == 5


def test_a_date_that_only_dates_a_statement_is_not_an_event(lexicon: Lexicon) -> None:
    text = "Lighthizer said on Tuesday that the talks were difficult."
    assert of(draft(text, lexicon), "events") == []


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "precision"),
    [
        ("The round ended on Tuesday.", "Tuesday", "2017-11-21", "day"),
        ("They met on Monday.", "Monday", "2017-11-20", "day"),
        ("They will meet on Friday.", "Friday", "2017-11-24", "day"),
        ("They met last Tuesday.", "last Tuesday", "2017-11-14", "day"),
        ("Talks resume next month.", "next month", "2017-12", "month"),
        (
            "A deal is hoped for before the end of the year.",
            "before the end of the year",
            "2017",
            "year",
        ),
        ("The panel ruled on Jan. 15.", "Jan. 15", "2017-01-15", "day"),
        ("The panel will rule on Jan. 15.", "Jan. 15", "2018-01-15", "day"),
        ("The transition ends on 31 December 2020.", "31 December 2020", "2020-12-31", "day"),
        ("Washington filed a complaint in May.", "May", "2017-05", "month"),
        ("The deadline falls in March 2018.", "March 2018", "2018-03", "month"),
        ("Talks collapsed a year ago.", "a year ago", "2016", "year"),
        ("The deal was signed in 1993.", "1993", "1993", "year"),
        ("Talks ended last week.", "last week", "2017-W46", "week"),  # 13 to 19 Nov
        ("They meet again next week.", "next week", "2017-W48", "week"),  # 27 Nov to 3 Dec
        ("A deal is due by the end of April.", "by the end of April", "2018-04", "month"),
        ("The pact took effect at the end of 2018.", "at the end of 2018", "2018", "year"),
        ("Duties apply in the second half of June.", "the second half of June", "2017-06", "month"),
    ],
)
def test_time_phrases_resolve_against_the_publication_date(
    sentence: str, phrase: str, value: str | None, precision: str | None
) -> None:
    found = find_times(sentence, 0, len(sentence), PUBLISHED)
    assert [(t.phrase, t.value, t.precision) for t in found] == [(phrase, value, precision)]


def test_a_week_is_its_iso_week_across_months_and_years() -> None:
    sentence = "Talks ended last week."  # published Tuesday 5 December: 27 Nov to 3 Dec
    found = find_times(sentence, 0, len(sentence), dt.date(2017, 12, 5))
    assert [(t.value, t.precision) for t in found] == [("2017-W48", "week")]
    sentence = "They meet again next week."  # published Friday 28 December 2018: from 31 Dec
    found = find_times(sentence, 0, len(sentence), dt.date(2018, 12, 28))
    assert [(t.value, t.precision) for t in found] == [("2019-W01", "week")]


def test_words_that_look_like_dates_are_not_times() -> None:
    sentence = "We may revisit the 1993 deal, and we will."
    assert find_times(sentence, 0, len(sentence), PUBLISHED) == []


# --- bad input: an empty draft or a clear message, never a crash or a fact without evidence --


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The weather was fine and nothing happened.",
        "“This quotation never ends, said nobody in particular",
        "He said “one” and “two” and “three",
        "\u200f\u202e“مرحبا,” قال الوزير. 😀\u0301",
    ],
)
def test_odd_texts_draft_nothing_or_facts_with_evidence(text: str, lexicon: Lexicon) -> None:
    for fact in draft(text, lexicon):
        assert 0 <= fact.start < fact.end <= len(text)


def test_a_huge_article_is_cut_with_a_note(lexicon: Lexicon) -> None:
    paragraph = "Canada and Mexico have been resisting U.S. demands for a radical rewrite.\n"
    article = Article(
        url="https://example.org/news/huge",
        title="Huge",
        published=PUBLISHED,
        language="en",
        text=paragraph * 150_000,
        where=Where("huge.md"),
    )
    result = extract(article, lexicon)
    assert result.notes == [
        f"the text has {len(article.text):,} characters; only the first 200,000 were read"
    ]
    assert result.facts and all(f.end <= 200_000 for f in result.facts)


@pytest.mark.parametrize(("language", "drafted"), [("fr", False), ("en-GB", True), ("EN", True)])
def test_an_article_in_another_language_is_not_drafted(
    lexicon: Lexicon, language: str, drafted: bool
) -> None:
    article = Article(
        url="https://example.org/news/fr",
        title="Langue",
        published=PUBLISHED,
        language=language,
        text="“We will not accept a sunset clause,” Foreign Minister Chrystia Freeland said.",
        where=Where("fr.md"),
    )
    result = extract(article, lexicon)
    assert bool(result.facts) is drafted
    assert result.notes == (
        []
        if drafted
        else [
            f"the extractor reads English; this article is in '{language}', so nothing was drafted"
        ]
    )


def test_a_run_without_sentence_ends_is_not_read_as_prose(lexicon: Lexicon) -> None:
    # a table flattened into one line: cells of words with no full stop for 2,000+ characters
    table = " ".join(["Canada rejected offer tariff quota Mexico proposed deal"] * 40)
    prose = (
        "“We will not accept a sunset clause,” Canadian Foreign Minister Chrystia Freeland said."
    )
    article = Article(
        url="https://example.org/news/table",
        title="Table",
        published=PUBLISHED,
        language="en",
        text=f"{table} “Canada proposed a quota,” said Freeland.\n\n{prose}\n",
        where=Where("table.md"),
    )
    result = extract(article, lexicon)
    assert result.notes == [
        "1 sentence(s) of more than 2,000 characters were not read: "
        "a table, a list or text without sentence ends, not prose"
    ]
    at = article.text.index(prose)
    assert {(f.section, article.text[f.start : f.end]) for f in result.facts} == {
        ("statements", "We will not accept a sunset clause,"),
        ("objections", "We will not accept a sunset clause,"),
    }
    assert all(f.start >= at for f in result.facts)


def test_every_drafted_fact_loads_with_its_evidence(
    reference: Reference, lexicon: Lexicon, tmp_path: Path
) -> None:
    from kg.resources import sample_dir

    facts = draft_facts(sample_dir() / "nafta-round5.md", reference, lexicon)
    text = facts.article.text
    spans = (
        [r.span for p in facts.proposals for r in p.reports]
        + [r.span for a in facts.acts for r in a.reports]
        + [r.span for e in facts.events for r in e.reports]
    )
    assert spans and all(text[s.start : s.end] == s.exact for s in spans)
    assert all(a.drafted is not None for a in facts.acts)


def _wrapped_sample(tmp_path: Path) -> Path:
    """The sample article as Markdown people write: lines wrapped at 60 characters, blank
    lines between paragraphs."""
    import textwrap

    from kg.resources import sample_dir

    raw = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
    head, body = raw.split("\n---\n", 1)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    wrapped = "\n\n".join(textwrap.fill(p, 60, break_on_hyphens=False) for p in paragraphs)
    path = tmp_path / "nafta-round5.md"
    path.write_text(head + "\n---\n" + wrapped + "\n", encoding="utf-8")
    return path


def test_curated_evidence_is_found_across_line_breaks(reference: Reference, tmp_path: Path) -> None:
    from kg.loaders import load_facts
    from kg.resources import sample_dir

    _wrapped_sample(tmp_path)
    facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
    (tmp_path / "nafta-round5.facts.yaml").write_text(facts, encoding="utf-8")
    loaded = load_facts(tmp_path / "nafta-round5.facts.yaml", reference)
    quote = next(a for a in loaded.acts if a.key == "lighthizer-concerned").reports[0].span
    assert "\n" in quote.exact  # the words run over a line break in the article
    assert loaded.article.text[quote.start : quote.end] == quote.exact


def test_a_hard_wrapped_article_drafts_the_same_facts(
    reference: Reference, lexicon: Lexicon, tmp_path: Path
) -> None:
    from kg.resources import sample_dir

    def summary(path: Path) -> list[tuple[str, str, str, str]]:
        facts = draft_facts(path, reference, lexicon)
        return sorted(
            (
                a.kind,
                a.drafted.rule if a.drafted else "",
                str(a.agent),
                " ".join(a.reports[0].span.exact.split()),
            )
            for a in facts.acts
        )

    assert summary(_wrapped_sample(tmp_path)) == summary(sample_dir() / "nafta-round5.md")


_WORDS = [
    "“",
    "”",
    '"',
    ",",
    ".",
    ":",
    "…",
    "\n",
    "\n\n",
    "said",
    "told reporters",
    "added",
    "according to",
    "Canada",
    "U.S.",
    "Mexico's",
    "Robert Lighthizer",
    "Lighthizer",
    "Trade Representative",
    "Jane Roe",
    "chief negotiator",
    "the",
    "a",
    "an official",
    "with knowledge of the talks",
    "rejected",
    "demands for",
    "is pushing to",
    "wants",
    "to open",
    "its dairy quotas",
    "sunset clause",
    "threatened to",
    "impose tariffs",
    "will",
    "next month",
    "Tuesday",
    "on Jan. 15",
    "last week",
    "by the end of April",
    "he",
    "she",
    "'s",
    "and",
    "Canadian officials",
    "U.S. Lumber Coalition",
    "round",
    "the fifth round of talks",
    "ended",
    "met",
    "é",
    "😀",
    "قال",
    "-",
    "—",
    "(",
    ")",
    "Mr.",
    "Ms. Roe",
    "U.S.A.",
    "Inc.",
    "...",
    "[...]",
    "'",
    "‘",
    "’",
    "so-called",
    "31 December",
    "2019",
    "proposal",
    "the idea",
    "criticised",
    "supported",
    "who",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=60).filter(lambda ws: any(w.strip() for w in ws)))
# a name of 84 characters drafted an actor whose key was no id (found by this test)
@example(words_=["U.S. Lumber Coalition"] * 4 + ["threatened to", "“"])
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_drafts_facts_that_load(
    reference: Reference, lexicon: Lexicon, tmp_path: Path, words_: list[str]
) -> None:
    """Whatever the words, drafting never fails, and every draft loads with its evidence
    found again in the text (the loader raises nothing)."""
    article = tmp_path / "any.md"
    article.write_text(
        "---\nurl: https://example.org/any\ntitle: Any\npublished: 2017-11-21\n"
        "language: en\n---\n" + " ".join(words_) + "\n",
        encoding="utf-8",
    )
    draft_facts(article, reference, lexicon)


@pytest.mark.parametrize(
    ("text", "by"),
    [
        (
            "Trade Minister Lena Moritz met the envoys. Japan wanted further talks on cars, "
            "Moritz said on Monday.",
            "lena-moritz",
        ),
        (
            "Trade Minister Lena Moritz met the envoys. Japan wanted further talks on cars, "
            "she told reporters.",
            "lena-moritz",
        ),
        ("The deal would open Japanese markets to U.S. beef, said Mexico.", "mexico"),
        # not the speaker: someone's spokesman, unnamed officials, a clause too short
        ("The deal would open Japanese markets to U.S. beef, a spokesman for Mexico said.", None),
        ("The deal would open Japanese markets to U.S. beef, officials said.", None),
        ("Talks resumed, Mexico said.", None),
    ],
)
def test_paraphrase_with_its_speaker_after_the_clause(
    lexicon: Lexicon, text: str, by: str | None
) -> None:
    found = [
        s.fields["by"]
        for s in of(draft(text, lexicon), "statements")
        if s.rule == "paraphrase-said-after"
    ]
    assert found == ([by] if by else [])


@pytest.mark.parametrize(
    ("text", "by"),
    [
        (
            "Trade Minister Lena Moritz met the envoys. She said the talks were useful.",
            "lena-moritz",
        ),
        # "he" after a woman named last is nobody the rules know
        ("Trade Minister Lena Moritz met the envoys. He said the talks were useful.", None),
    ],
)
def test_paraphrase_by_a_pronoun(lexicon: Lexicon, text: str, by: str | None) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == ([by] if by else [])


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # the person's own title in commas between the name and the verb
        ("Jane Roe, Canada's deputy trade minister, said the talks were useful.", "jane-roe"),
        (
            "Ursula von der Leyen, the Commission president, said the EU was ready to talk.",
            "ursula-von-der-leyen",
        ),
        # when it was said, between the verb and "that"
        (
            "Foreign ministry spokesman Geng Shuang told a regular briefing on Monday that the "
            "U.S. should correct its mistakes.",
            "geng-shuang",
        ),
        # what stands in commas is no title of the person's: nobody
        ("Jane Roe, who met the envoys, said the talks were useful.", None),
    ],
)
def test_paraphrase_with_a_title_or_a_day_between(
    lexicon: Lexicon, text: str, by: str | None
) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == ([by] if by else [])


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # an unnamed source that says what it says is a paraphrase's source
        (
            "A source familiar with the talks said the two sides were close.",
            "source-a-source-familiar-with-the-talks",
        ),
        ("Local reports said one main point of disagreement was cheese.", "source-local-reports"),
        # "said a ..." with a clause after it
        ("Lighthizer said a deal was close.", "lighthizer"),
        ("Lighthizer said a lot.", None),
    ],
)
def test_paraphrase_by_unnamed_sources_and_with_a_after_said(
    lexicon: Lexicon, text: str, by: str | None
) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == ([by] if by else [])


@pytest.mark.parametrize(
    ("text", "by", "kind"),
    [
        (
            "Unifor, Canada's largest private-sector union, said the deal would cost jobs.",
            "unifor",
            "InterestGroup",
        ),
        (
            "The Global Times, a Chinese state-run tabloid, said Beijing would not back down.",
            "global-times",
            "Organization",
        ),
        # a person described by where they work is no organisation
        (
            "Sam Carter, a consultant for the farm lobby, said the deal would cost jobs.",
            "sam-carter",
            "Person",
        ),
    ],
)
def test_an_organisation_named_with_what_kind_it_is(
    lexicon: Lexicon, text: str, by: str, kind: str
) -> None:
    statements = of(draft(text, lexicon), "statements")
    assert [(s.fields["by"], [a.kind for a in s.actors]) for s in statements] == [(by, [kind])]


def test_an_exchange_or_a_league_is_a_named_organisation(lexicon: Lexicon) -> None:
    text = (
        "The Lima Fruit Exchange asked the Chilean government last week to resume an "
        "investigation into wine imports."
    )
    proposals = of(draft(text, lexicon), "proposals")
    assert [(p.fields["proposer"], [a.kind for a in p.actors]) for p in proposals] == [
        ("lima-fruit-exchange", ["InterestGroup"])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Withdrawal “comes as the White House is trying to shore up support,” said Politico.",
            [("politico", "partial-quote")],
        ),
        (
            "The Wall Street Journal reported that the two sides were close to a deal.",
            [("wall-street-journal", "paraphrase")],
        ),
        # an outlet named but not cited, and a name written in lower case: no actor
        ("A Bloomberg terminal showed the yuan falling.", []),
        ("The guardian of the rules said nothing.", []),
    ],
)
def test_a_news_outlet_cited_as_a_source_speaks(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    statements = of(draft(text, lexicon), "statements")
    assert [(s.fields["by"], s.fields["mode"]) for s in statements] == expected


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("The talks stalled over dairy, according to Bloomberg.", "bloomberg"),
        (
            "According to EU sources, the beef quota will not exceed 99,000 tonnes.",
            "source-eu-sources",
        ),
        (
            "The talks stalled over dairy, according to a person familiar with the talks.",
            "source-a-person-familiar-with-the-talks",
        ),
        # someone the rules do not know, or words about someone rather than by them: nobody
        ("According to Guajardo, the talks were close.", None),
        ("The talks stalled, according to people familiar with Canada's plans.", None),
    ],
)
def test_paraphrase_according_to(lexicon: Lexicon, text: str, by: str | None) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == ([by] if by else [])


def test_a_paraphrase_with_its_speaker_and_a_clause_after(lexicon: Lexicon) -> None:
    text = (
        "LIMA (Example Wire) - Peru will not sign a deal that includes a sunset clause, Trade "
        "Minister Lena Moritz said on Thursday, as talks entered a critical phase."
    )
    (statement,) = [s for s in of(draft(text, lexicon), "statements")]
    assert (statement.fields["by"], words(text, statement)) == (
        "lena-moritz",
        "Peru will not sign a deal that includes a sunset clause, Trade Minister Lena Moritz "
        "said on Thursday, as talks entered a critical phase.",
    )


@pytest.mark.parametrize(
    ("text", "by"),
    [
        (
            "The measures will expire after five years, the European Commission said in a news "
            "release.",
            "european-commission",
        ),
        (
            "The government's top priority will be to protect fishermen, a senior official "
            "with knowledge of the talks said on Wednesday.",
            "source-a-senior-official-with-knowledge-of-the-talks",
        ),
        (
            "Trade Minister Lena Moritz met reporters. There is no talk of visas, she said while "
            "replying to a question.",
            "lena-moritz",
        ),
        ("Lena Moritz told the summit that farmers have stakes in such decisions.", "lena-moritz"),
        (
            "Lena Moritz said after a signing ceremony in Lima that cars were not covered.",
            "lena-moritz",
        ),
    ],
)
def test_paraphrases_as_real_news_writes_them(lexicon: Lexicon, text: str, by: str) -> None:
    found = [s.fields["by"] for s in of(draft(text, lexicon), "statements")]
    assert found == [by]


@pytest.mark.parametrize(
    "credit",
    [
        "Mathews, who leads the Peruvian delegation, told reporters.",
        "said Mathews, who leads the Peruvian delegation.",
        "Mathews, the head of the Chilean delegation, told reporters.",
    ],
)
def test_a_country_in_an_aside_about_someone_unknown_does_not_speak(
    lexicon: Lexicon, credit: str
) -> None:
    # the speaker is a person the rules do not know: no speaker rather than a wrong one
    text = f"Lima named a new negotiator. “We are close,” {credit}"
    assert quotes(text, draft(text, lexicon)) == []


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("Chile's foreign ministry said in a statement: “We will defend our exporters.”",
         "chile-s-foreign-ministry"),
        ("The Chilean foreign ministry said: “We will defend our exporters.”",
         "chilean-foreign-ministry"),
        # the ministry's spokesman is the speaker, not the ministry
        ("Chile's foreign ministry spokesman Juan Perez said: “We will defend our exporters.”",
         "juan-perez"),
    ],
)  # fmt: skip
def test_a_ministry_written_in_lower_case_speaks_for_itself(
    lexicon: Lexicon, text: str, by: str
) -> None:
    assert [q[0] for q in quotes(text, draft(text, lexicon))] == [by]


@pytest.mark.parametrize("verb", ["vowed to", "pledged to", "promised to"])
def test_a_partial_quotation_after_a_pledge_is_the_pledgers(lexicon: Lexicon, verb: str) -> None:
    text = f"Trade Minister Lena Moritz met farmers. She {verb} “protect every job” in the talks."
    assert quotes(text, draft(text, lexicon)) == [
        ("lena-moritz", "quote-partial", "protect every job")
    ]


def test_an_organisation_after_a_preposition_in_a_title_does_not_speak(lexicon: Lexicon) -> None:
    # the speaker is the person the title is about (the title, a comma and the name that
    # ends the sentence), not the WTO
    text = "“We will not back down,” said Canada's ambassador to the WTO, Nadia Okafor."
    assert [q[0] for q in quotes(text, draft(text, lexicon))] == ["nadia-okafor"]
    # with a name the rules cannot read as one: nobody
    text = "“We will not back down,” said Canada's ambassador to the WTO, Okafor."
    assert quotes(text, draft(text, lexicon)) == []
    # "a statement from" the organisation is the organisation speaking
    text = "“We will not back down,” said a statement from the U.S. Lumber Coalition."
    assert [q[0] for q in quotes(text, draft(text, lexicon))] == ["u-s-lumber-coalition"]


def test_a_taoiseach_is_a_title(lexicon: Lexicon) -> None:
    text = "“We will not back down,” Taoiseach Sean Doyle said."
    assert [q[0] for q in quotes(text, draft(text, lexicon))] == ["sean-doyle"]


def test_particles_inside_a_name_after_a_title_do_not_cut_it(lexicon: Lexicon) -> None:
    text = "“Talks continue,” said Peru's deputy trade minister Ana Maria de la Cruz."
    assert [q[0] for q in quotes(text, draft(text, lexicon))] == ["ana-maria-de-la-cruz"]


def test_a_counterpart_is_a_title_and_a_family_name_first_acts_alone(lexicon: Lexicon) -> None:
    text = (
        "Trade Minister Lena Moritz met her Chinese counterpart Zhou Weiming in Lima.\n\n"
        "Zhou urged Peru to drop the duties. “Protectionism harms everyone,” he said."
    )
    facts = draft(text, lexicon)
    assert [(f.fields["by"], words(text, f)) for f in of(facts, "demands")] == [
        ("zhou-weiming", "Zhou urged Peru to drop the duties")
    ]
    assert quotes(text, facts) == [
        ("zhou-weiming", "quote-said-after", "Protectionism harms everyone,")
    ]


def test_the_key_of_a_local_actor_is_always_an_id() -> None:
    """Too long, or in letters beyond a-z: still an id (with the prefix sources get), and two
    such names get two keys."""
    from kg.extract.mentions import slug
    from kg.iris import ID_PATTERN

    names = ["U.S. Lumber Coalition " * 4, "Ολλανδία Trade Office", "北京", "上海", "Jane Smith"]
    keys = [slug(name) for name in names]
    assert all(ID_PATTERN.match(key) and ID_PATTERN.match("source-" + key) for key in keys)
    assert len(set(keys)) == len(keys)
    assert keys[-1] == "jane-smith"


def test_table_rows_are_not_read_and_say_so(lexicon: Lexicon) -> None:
    rows = "Product | Old rate | New rate | Partner\nSteel | 0% | 25% | China rejected\n"
    rows += "Canada\tproposed\ta quota\n"
    prose = "“We will not accept a sunset clause,” Foreign Minister Chrystia Freeland said."
    article = Article(
        url="https://example.org/news/table-rows",
        title="Rates",
        published=PUBLISHED,
        language="en",
        text=f"{rows}\n{prose}\n",
        where=Where("rows.md"),
    )
    result = extract(article, lexicon)
    assert result.notes == [
        "3 line(s) of a table (cells split by '|' or tabs) were not read: "
        "facts are drafted from prose only"
    ]
    # the prose is drafted, the rows are not ("China rejected", "Canada proposed a quota")
    assert {f.section for f in result.facts} == {"objections", "statements"}
    assert all(f.start >= len(rows) for f in result.facts)


def test_a_transcript_says_its_labels_are_not_read_as_speakers(lexicon: Lexicon) -> None:
    text = (
        "MODERATOR: The minister will take questions.\n\n"
        "MINISTER LEBLANC: We will not accept a sunset clause in any form.\n\n"
        "Q: What about dairy?\n\n"
        "A: Supply management is not on the table.\n"
    )
    article = Article(
        url="https://example.org/news/transcript",
        title="Transcript",
        published=PUBLISHED,
        language="en",
        text=text,
        where=Where("transcript.md"),
    )
    result = extract(article, lexicon)
    assert result.notes == [
        "4 paragraphs open with a speaker's label ('NAME:'), as in a transcript; the extractor "
        "does not read such labels, so the words after them were not drafted as anyone's quotes"
    ]
    assert [f for f in result.facts if f.section == "statements"] == []
