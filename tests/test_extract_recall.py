"""Recall that holds on text written the many ways news writes it: dated events and their
status, proposals stated as measures, objections voiced as actions and nouns.

Each test drafts a few sentences written for it and checks the exact facts a reviewer would
see, with a negative case next to each positive one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import DraftedFact, Lexicon, extract, load_lexicon
from kg.extract.times import find_times
from kg.loaders import Reference
from kg.model import Article, Where

PUBLISHED = dt.date(2025, 1, 15)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon(reference: Reference) -> Lexicon:
    return load_lexicon(reference)


def draft(text: str, lexicon: Lexicon, published: dt.date = PUBLISHED) -> list[DraftedFact]:
    article = Article(
        url="https://example.org/news/recall",
        title="Test",
        published=published,
        language="en",
        text=text,
        where=Where("test.md"),
    )
    return extract(article, lexicon).facts


def events(text: str, lexicon: Lexicon, published: dt.date = PUBLISHED) -> list[tuple[object, ...]]:
    """(rule, type, status, date, words) of every drafted event."""
    return [
        (
            f.rule,
            f.fields["type"],
            f.fields["status"],
            f.when.value if f.when else None,
            text[f.start : f.end],
        )
        for f in draft(text, lexicon, published)
        if f.section == "events"
    ]


def times(sentence: str, published: dt.date = PUBLISHED) -> list[tuple[str, str | None]]:
    return [(t.phrase, t.value) for t in find_times(sentence, 0, len(sentence), published)]


# --- which way a date without its year or week goes ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a planned or scheduled thing lies ahead, whatever else the clause says
        (
            "Nobody will confirm that the planned summit on Friday was cancelled.",
            ("Friday", "2025-01-17"),
        ),
        ("The summit on Friday was cancelled.", ("Friday", "2025-01-10")),
        ("The ministerial meeting is scheduled for late March.", ("late March", "2025-03")),
        ("The ministerial meeting was held in late March.", ("late March", "2024-03")),
        ("The chamber asked the ministry last November to act.", ("last November", "2024-11")),
        ("The ministry will answer next February.", ("next February", "2025-02")),
        # an intention in the past tense is for what comes after it
        ("The envoy said he hoped to meet her again on Friday.", ("Friday", "2025-01-17")),
        ("The ministers agreed to meet again in March.", ("March", "2025-03")),
        # "agreed to" a thing, not to do something: the words do not look ahead
        ("The ministers agreed to the deal in March.", ("March", "2024-03")),
        # "be announced" is a participle, not the past tense
        (
            "The accord will be formally announced by the leaders on Monday.",
            ("Monday", "2025-01-20"),
        ),
        # a gerund before the day, a future after it in another clause: the words do not say
        (
            "With a new leader taking office on Tuesday the talks are expected to speed up.",
            ("Tuesday", "2025-01-14"),
        ),
        # Saturday and Sunday in two months are a year, in one month that month
        ("The envoy was in Lima over the weekend.", ("over the weekend", "2025-01")),
        ("Good Friday is a holiday in many countries.", None),
    ],
)
def test_dates_resolve_in_the_direction_the_words_say(
    sentence: str, expected: tuple[str, str] | None
) -> None:
    assert times(sentence) == ([expected] if expected else [])


def test_a_weekend_across_two_months_is_its_year() -> None:
    # published Friday 2 May 2025: the weekend before was 26 and 27 April
    assert times("They met over the weekend.", dt.date(2025, 5, 2)) == [
        ("over the weekend", "2025-04")
    ]
    # published Monday 2 June 2025: the weekend before was 31 May and 1 June
    assert times("They met over the weekend.", dt.date(2025, 6, 2)) == [
        ("over the weekend", "2025")
    ]


# --- events: what happens on a date, and its status ------------------------------------------


def test_an_opening_date_dates_the_clause_after_it(lexicon: Lexicon) -> None:
    text = "Effective March 3, Chile will suspend its quota on imported wheat."
    assert events(text, lexicon) == [
        (
            "event-dated",
            "Milestone",
            "scheduled",
            "2025-03-03",
            "Effective March 3, Chile will suspend its quota on imported wheat",
        )
    ]
    assert events("Effective March 3, the quota stands.", lexicon) == []


def test_a_deadline_given_until_a_day(lexicon: Lexicon) -> None:
    text = "The council had given the regional leaders until Monday to settle the dispute."
    assert events(text, lexicon) == [
        (
            "event-dated",
            "Milestone",
            "occurred",
            "2025-01-13",
            "The council had given the regional leaders until Monday to settle the dispute",
        )
    ]


def test_what_a_statement_reports_as_done_happened_by_its_date(lexicon: Lexicon) -> None:
    text = (
        "Peru and Chile have agreed to drop their duties on copper wire, officials said on Monday."
    )
    assert events(text, lexicon) == [
        (
            "event-reported",
            "Milestone",
            "occurred",
            "2025-01-13",
            "Peru and Chile have agreed to drop their duties on copper wire",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Monday that the talks were difficult.",
        "The trade minister also took to social media Monday to say the talks were difficult.",
        "The Lima Gazette last week reported that the talks were difficult.",
    ],
)
def test_a_date_that_only_dates_a_statement_is_not_an_event(lexicon: Lexicon, text: str) -> None:
    assert events(text, lexicon) == []


def test_an_announcement_is_an_event_of_its_own(lexicon: Lexicon) -> None:
    text = "The ministry announced on Monday that duties on steel would be suspended."
    assert events(text, lexicon) == [
        (
            "event-dated",
            "Milestone",
            "occurred",
            "2025-01-13",
            "The ministry announced on Monday that duties on steel would be suspended",
        )
    ]


def test_a_later_mention_of_a_dated_event_is_the_same_event(lexicon: Lexicon) -> None:
    text = (
        "The appeals panel issued its ruling today in the long dispute over dairy aid.\n\n"
        "“Today’s ruling shows the rules work,” the minister said."
    )
    assert events(text, lexicon) == [
        (
            "event-dated",
            "Milestone",
            "occurred",
            "2025-01-15",
            "The appeals panel issued its ruling today in the long dispute over dairy aid",
        )
    ]


def test_a_week_before_publication_is_over(lexicon: Lexicon) -> None:
    text = "The farmers' union sent a letter to the commissioner last week."
    assert [(e[2], e[3]) for e in events(text, lexicon)] == [("occurred", "2025-W02")]


@pytest.mark.parametrize(
    ("text", "status", "date"),
    [
        ("The new rules will take effect on March 5.", "scheduled", "2025-03-05"),
        ("Lawmakers must vote on the pact by November.", "expected", "2025-11"),
        ("The new rules took effect on January 5.", "occurred", "2025-01-05"),
        # the present of a scheduled happening lies ahead
        ("The transition period ends on Jan. 13.", "scheduled", "2026-01-13"),
        ("The summit opens on Thursday in Lima.", "scheduled", "2025-01-16"),
        # in the plural too, after a past "said" and inside a relative clause
        ("The ministry said the new rates take effect on July 6.", "scheduled", "2025-07-06"),
        ("Talks resume on Monday in Lima, officials said.", "scheduled", "2025-01-20"),
        (
            "Officials said the tariffs, which take effect on Friday, would hurt farmers.",
            "scheduled",
            "2025-01-17",
        ),
        # not after a negation or "to": the words before decide
        ("The tariffs did not take effect on Jan. 5.", "occurred", "2025-01-05"),
        ("The rules were meant to take effect on Jan. 5.", "occurred", "2025-01-05"),
        # what a party "has until" a date to do is a deadline
        ("Peru has until the end of March to answer.", "expected", "2025-03"),
        # a round that "will be held" is not over
        ("The fifth round of talks will be held in Lima on Feb. 3.", "scheduled", "2025-02-03"),
    ],
)
def test_tense_and_modality_decide_the_status(
    lexicon: Lexicon, text: str, status: str, date: str
) -> None:
    assert [(e[2], e[3]) for e in events(text, lexicon)] == [(status, date)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a limit counted from now, dated to the month it ends in (published 2025-01-15)
        (
            "Mexico has 60 days to respond to the complaint.",
            [("event-deadline", "Milestone", "expected", "2025-03", "60 days")],
        ),
        (
            "The panel must rule within 90 days.",
            [("event-deadline", "Milestone", "expected", "2025-04", "within 90 days")],
        ),
        (
            "The ministry set a 30-day deadline for comments.",
            [("event-deadline", "Milestone", "expected", "2025-02", "30-day deadline")],
        ),
        (
            "Under the rules, Washington has thirty days in which to answer.",
            [("event-deadline", "Milestone", "expected", "2025-02", "thirty days")],
        ),
        # the limit, not the talks it is for; months count as months
        (
            "The two sides have six months to conclude the talks.",
            [("event-deadline", "Milestone", "expected", "2025-07", "six months")],
        ),
        # weeks: the ISO week the limit ends in
        (
            "Canada now has two weeks to make a counter-offer.",
            [("event-deadline", "Milestone", "expected", "2025-W05", "two weeks")],
        ),
        # counted from a day the words do not give: no date
        ("China had 60 days to respond but did not.", []),
        ("Exports fell within 90 days of the ruling.", []),
        ("The dispute dragged on for 60 days.", []),
    ],
)
def test_a_limit_in_days_weeks_or_months_is_a_deadline_dated_from_publication(
    lexicon: Lexicon, text: str, expected: list[tuple[object, ...]]
) -> None:
    found = events(text, lexicon)
    assert [(*e[:4], t) for e, t in zip(found, _phrases(text, lexicon), strict=True)] == expected


def _phrases(text: str, lexicon: Lexicon) -> list[str]:
    return [f.when.phrase for f in draft(text, lexicon) if f.section == "events" and f.when]


@pytest.mark.parametrize(
    ("text", "status", "date"),
    [
        ("The deal was initialled in Brussels last month.", "occurred", "2024-12"),
        ("The duties came into effect on Friday.", "occurred", "2025-01-10"),
        ("The duties will go into effect on Friday.", "scheduled", "2025-01-17"),
        ("The WTO authorised tariffs of $7.5 billion on Monday.", "occurred", "2025-01-13"),
        # an irregular past tense dates the past
        ("Britain formally left the bloc on Jan. 31.", "occurred", "2024-01-31"),
        ("Talks broke down on Jan. 31.", "occurred", "2024-01-31"),
        ("Parliament passed the bill in May.", "occurred", "2024-05"),
        ("The duties were extended for five years in June.", "occurred", "2024-06"),
        ("The summit was postponed on Friday.", "occurred", "2025-01-10"),
        ("The deal takes effect on Feb. 1, 2025.", "scheduled", "2025-02-01"),
    ],
)
def test_what_news_says_happens_on_a_date_is_an_event(
    lexicon: Lexicon, text: str, status: str, date: str
) -> None:
    assert [(e[2], e[3]) for e in events(text, lexicon)] == [(status, date)]


def test_a_date_with_no_happening_is_no_event(lexicon: Lexicon) -> None:
    assert events("Farm incomes were low in June.", lexicon) == []


# --- proposals: measures stated as facts -----------------------------------------------------


def acts(text: str, lexicon: Lexicon) -> list[tuple[object, ...]]:
    """(section, rule, who, target proposal, words) of every drafted proposal and objection."""
    out: list[tuple[object, ...]] = []
    for f in draft(text, lexicon):
        if f.section == "proposals":
            out.append((f.section, f.rule, f.fields["proposer"], f.key, text[f.start : f.end]))
        elif f.section == "objections":
            target = f.fields.get("proposal")
            out.append((f.section, f.rule, f.fields["by"], target, text[f.start : f.end]))
    return out


def test_a_measure_already_taken_is_a_proposal_when_others_react_to_it(
    lexicon: Lexicon,
) -> None:
    measure = "Peru in March imposed anti-dumping duties of 40 percent on Chilean wine."
    # a measure taken and nobody reacting: a fact about the past, not a position
    assert acts(measure, lexicon) == []
    text = measure + " Chile said the duties are unfair to its growers."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "peru",
            "anti-dumping-duties",
            "Peru in March imposed anti-dumping duties of 40 percent on Chilean wine",
        ),
        (
            "objections",
            "objection-verdict",
            "chile",
            "anti-dumping-duties",
            "Chile said the duties are unfair to its growers",
        ),
    ]


def test_a_measure_in_progress_is_a_proposal(lexicon: Lexicon) -> None:
    text = "Japan is exempting Korean steel from its tariffs in exchange for a yearly quota."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "japan",
            "steel",
            "Japan is exempting Korean steel from its tariffs in exchange for a yearly quota",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Peru is considering duties on Chilean wine.",
        "Peru said on Monday it is considering duties on Chilean wine.",
        "Peru is weighing duties on Chilean wine.",
    ],
)
def test_a_measure_under_consideration_is_a_proposal(lexicon: Lexicon, text: str) -> None:
    assert [(a[0], a[2]) for a in acts(text, lexicon)] == [("proposals", "peru")]


@pytest.mark.parametrize(
    "text",
    [
        "Peru raised concerns about Chilean wine.",  # no measure named
        "Peru has threatened to impose duties on Chilean wine.",  # a threat, drafted as one
        "Chile objected to the proposed duties on its wine.",  # "proposed" is an adjective
    ],
)
def test_words_that_name_no_measure_taken_are_no_proposal(lexicon: Lexicon, text: str) -> None:
    assert [a for a in acts(text, lexicon) if a[0] == "proposals"] == []


def test_withdrawing_from_an_agreement_is_a_measure(lexicon: Lexicon) -> None:
    text = "Effective June 1, Chile will withdraw from its fruit agreement with Peru."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "chile-will-withdraw-from",
            "Chile will withdraw from its fruit agreement with Peru",
        )
    ]


# --- objections voiced as actions, verdicts and nouns ----------------------------------------


def test_an_appeal_objects_to_the_measure_it_names_even_when_stated_later(
    lexicon: Lexicon,
) -> None:
    text = (
        "Seoul is launching a formal appeal to the World Trade Organization, seeking a review "
        "of Tokyo's decision to impose tariffs on Korean pears.\n\n"
        "Japan in April imposed anti-subsidy duties of 30 percent on Korean pears."
    )
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "japan",
            "countervailing-duties",
            "Japan in April imposed anti-subsidy duties of 30 percent on Korean pears",
        ),
        (
            "objections",
            "objection-legal",
            "south-korea",
            "countervailing-duties",
            "Seoul is launching a formal appeal to the World Trade Organization, seeking a review "
            "of Tokyo's decision to impose tariffs on Korean pears",
        ),
    ]


def test_a_complaint_that_names_nothing_objects_to_nothing(lexicon: Lexicon) -> None:
    text = "Peru has filed a complaint under the WTO's dispute settlement rules."
    assert acts(text, lexicon) == [
        (
            "objections",
            "objection-legal",
            "peru",
            None,
            "Peru has filed a complaint under the WTO's dispute settlement rules",
        )
    ]


def test_a_verdict_on_a_measure_is_an_objection_to_it(lexicon: Lexicon) -> None:
    text = (
        "Chile will impose a tax of 5 percent on Peruvian fruit. "
        "Peru said the new tax is inconsistent with the trade pact."
    )
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "chile-will-impose-tax",
            "Chile will impose a tax of 5 percent on Peruvian fruit",
        ),
        (
            "objections",
            "objection-verdict",
            "peru",
            "chile-will-impose-tax",
            "Peru said the new tax is inconsistent with the trade pact",
        ),
    ]


@pytest.mark.parametrize(
    "verdict",
    [
        "the offer was too low",
        "the offer falls short",
        "the offer did not go far enough",
        "the offer is not good enough",
        "the offer was one-sided",
    ],
)
def test_an_offer_judged_too_small_or_one_sided_is_an_objection_to_it(
    lexicon: Lexicon, verdict: str
) -> None:
    text = f"Chile proposed a quota of 9,000 tonnes for Peruvian sugar. Peru said {verdict}."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "demand-verb",
            "chile",
            "quotas",
            "a quota of 9,000 tonnes for Peruvian sugar",
        ),
        ("objections", "objection-verdict", "peru", "quotas", f"Peru said {verdict}"),
    ]


@pytest.mark.parametrize("verdict", ["the offer was generous", "the offer was a good start"])
def test_an_offer_judged_well_is_no_objection(lexicon: Lexicon, verdict: str) -> None:
    text = f"Chile proposed a quota of 9,000 tonnes for Peruvian sugar. Peru said {verdict}."
    assert [a for a in acts(text, lexicon) if a[0] == "objections"] == []


def test_a_measure_announced_in_the_passive_is_the_announcers(lexicon: Lexicon) -> None:
    text = (
        "Chile's trade ministry announced on Monday that tariffs on Peruvian sugar would be "
        "suspended until May 1, pending talks."
    )
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-said",
            "chile",
            "tariffs",
            "tariffs on Peruvian sugar would be suspended until May 1",
        )
    ]
    # and an objection to it targets it
    text += " Peru said the move was not enough."
    assert [a[3] for a in acts(text, lexicon) if a[0] == "objections"] == ["tariffs"]


@pytest.mark.parametrize(
    "text",
    [
        # nobody's government says so
        "Analysts said tariffs on Peruvian sugar would be raised.",
        # no measure taken: talked about
        "Chile said the tariffs on Peruvian sugar would be discussed next week.",
    ],
)
def test_a_passive_measure_no_party_announces_is_none(lexicon: Lexicon, text: str) -> None:
    assert [a for a in acts(text, lexicon) if a[0] == "proposals"] == []


def test_no_government_objects_to_its_own_measure(lexicon: Lexicon) -> None:
    text = (
        "Chile will impose a tax of 5 percent on Peruvian fruit. "
        "Chile said the new tax is inconsistent with the trade pact."
    )
    assert [a for a in acts(text, lexicon) if a[0] == "objections"] == []


def test_protests_seen_in_a_country_are_not_its_objection(lexicon: Lexicon) -> None:
    text = "Peru has seen massive protests against the proposed pact, from its farmers."
    assert acts(text, lexicon) == []


# --- wants phrased as wanting talks or a deal, proposals in the passive ---------------------


def test_wanting_talks_or_a_deal_is_a_demand(lexicon: Lexicon) -> None:
    text = "Korea wanted further discussions on the rice quota. Japan sought a deal that is fair."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "demand-verb",
            "south-korea",
            "quotas",
            "further discussions on the rice quota",
        ),
        ("proposals", "demand-verb", "japan", "deal-that-is-fair", "a deal that is fair"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Korea wanted a seat at the table.",  # nothing wanted that the words name
        "Japan asked a question about the deal.",  # a question, not a demand
        "Korea sought the presidency of the council.",
    ],
)
def test_wanting_what_is_not_talks_or_a_deal_is_no_demand(lexicon: Lexicon, text: str) -> None:
    assert acts(text, lexicon) == []


def test_as_proposed_by_names_the_proposer(lexicon: Lexicon) -> None:
    text = "Talks stalled over a cut in rice tariffs by next year, as proposed by Korea."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "proposed-by",
            "south-korea",
            "tariffs",
            "Talks stalled over a cut in rice tariffs by next year, as proposed by Korea",
        )
    ]
    assert acts("Talks stalled, as proposed by nobody in particular.", lexicon) == []


def test_we_will_not_in_a_quotation_is_a_rejection_by_its_speaker(lexicon: Lexicon) -> None:
    text = (
        "“We will not sign any deal that hurts our farmers,” Japanese Farm Minister Kenji "
        "Sato said."
    )
    assert [a for a in acts(text, lexicon) if a[0] == "objections"] == [
        (
            "objections",
            "rejection-quote",
            "kenji-sato",
            None,
            "We will not sign any deal that hurts our farmers,",
        )
    ]


def test_a_speakers_today_is_not_an_event(lexicon: Lexicon) -> None:
    text = "“Our decision today sends a clear signal to our partners,” the minister said."
    assert events(text, lexicon) == []
    text = "The ministry published its decision today."
    assert [(e[2], e[3]) for e in events(text, lexicon)] == [("occurred", "2025-01-15")]


# --- objections to a deal, to the one measure an article is about; a body without its country


def test_refusing_to_join_a_deal_led_by_another_party_objects_to_that_deal(
    lexicon: Lexicon,
) -> None:
    text = (
        "Peru on Monday shut the door to joining a Chile-led regional trade deal. "
        "Peru will not join the trade deal, officials said."
    )
    # the restatement is the same objection: drafted once, where it is first stated
    assert acts(text, lexicon) == [
        (
            "proposals",
            "deal-object",
            "chile",
            "chile-led-regional-trade",
            "a Chile-led regional trade deal",
        ),
        (
            "objections",
            "rejection-verb",
            "peru",
            "chile-led-regional-trade",
            "Peru on Monday shut the door to joining a Chile-led regional trade deal",
        ),
    ]


def test_a_deal_that_names_no_other_party_is_no_proposal(lexicon: Lexicon) -> None:
    text = "Peru rejected the trade deal on Monday."
    assert acts(text, lexicon) == [
        ("objections", "rejection-verb", "peru", None, "Peru rejected the trade deal")
    ]


def test_a_complaint_that_names_nothing_objects_to_the_one_measure_of_another_party(
    lexicon: Lexicon,
) -> None:
    measure = "Chile on Tuesday imposed duties of 30 percent on Peruvian fruit. "
    complaint = "Peru has filed a complaint under the WTO's dispute settlement rules."
    assert acts(measure + complaint, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "tariffs",
            "Chile on Tuesday imposed duties of 30 percent on Peruvian fruit",
        ),
        (
            "objections",
            "objection-legal",
            "peru",
            "tariffs",
            "Peru has filed a complaint under the WTO's dispute settlement rules",
        ),
    ]
    # two parties' measures: which one the complaint is about is unsaid
    other = "Bolivia on Wednesday imposed duties of 20 percent on Peruvian fruit. "
    assert [a[3] for a in acts(measure + other + complaint, lexicon) if a[0] == "objections"] == [
        None
    ]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("China rejected the ruling. The Commerce Ministry said it would respond.", "mofcom"),
        ("Commerce Ministry slams the ruling. China said it would respond.", "mofcom"),
        (
            "India rejected the ruling. The Commerce Ministry said it would respond.",
            "india-commerce-ministry",
        ),
        ("Peru rejected the ruling. The Commerce Ministry said it would respond.", None),
    ],
)
def test_a_ministry_named_without_its_country_is_that_of_the_country_named(
    lexicon: Lexicon, text: str, body: str | None
) -> None:
    from kg.extract.names import find_mentions

    found = [
        m.actor.key
        for m in find_mentions(text, lexicon).found
        if "Ministry" in text[m.start : m.end]
    ]
    assert found == ([body] if body else ["commerce-ministry"])


# --- proposals written other ways: "proposed that", "offered X ...", in a quotation -------


def test_proposing_that_is_a_proposal(lexicon: Lexicon) -> None:
    text = "Peru has proposed that small fishing fleets should be exempt from the new limits."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "demand-verb",
            "peru",
            "that-small-fishing-fleets",
            "that small fishing fleets should be exempt from the new limits",
        )
    ]


def test_offering_a_party_something_is_a_proposal_and_offering_words_is_not(
    lexicon: Lexicon,
) -> None:
    text = "The EU had offered India a place in its interim appeal arrangement."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "demand-verb",
            "european-union",
            "india-place-interim-appeal",
            "India a place in its interim appeal arrangement",
        )
    ]
    assert acts("The EU offered no details of the arrangement.", lexicon) == []


def test_a_measure_a_quotation_says_a_named_party_will_take_is_its_proposal(
    lexicon: Lexicon,
) -> None:
    text = (
        "“Unless Lima acts, Chile will have to move forward with countermeasures on Peruvian "
        "products,” Chilean Trade Minister Ana Ruiz said."
    )
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "retaliatory-tariffs",
            "Chile will have to move forward with countermeasures on Peruvian products",
        )
    ]
    # a measure taken, stated in a quotation, with nobody reacting: no position
    taken = "“Chile imposed duties on Peruvian products,” Chilean Trade Minister Ana Ruiz said."
    assert acts(taken, lexicon) == []


def test_a_governments_verdict_in_a_quotation_objects_to_the_measure_it_is_about(
    lexicon: Lexicon,
) -> None:
    measure = "Chile on Tuesday imposed duties of 30 percent on Peruvian fruit. "
    verdict = "“This is protectionism, pure and simple,” Peruvian Trade Minister Ana Ruiz said."
    assert acts(measure + verdict, lexicon)[1:] == [
        (
            "objections",
            "objection-quote-verdict",
            "ana-ruiz",
            "tariffs",
            "This is protectionism, pure and simple",
        )
    ]
    # nothing drafted for it to be about: no objection
    assert acts(verdict, lexicon) == []
    # a company's verdict: which side it takes is unsaid
    company = "“This is protectionism, pure and simple,” Fruta Andina Inc said in a statement."
    assert acts(measure + company, lexicon) == []


def test_a_countrys_measure_named_as_a_thing_is_a_proposal_when_objected_to(
    lexicon: Lexicon,
) -> None:
    text = "Peru on Monday opposed Chile's new duties on Peruvian fruit."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-noun",
            "chile",
            "tariffs",
            "Chile's new duties on Peruvian fruit",
        ),
        (
            "objections",
            "objection-verb",
            "peru",
            "tariffs",
            "Peru on Monday opposed Chile's new duties on Peruvian fruit",
        ),
    ]
    # named and nobody reacting: a fact about the past, not a position
    assert acts("Chilean duties on Peruvian fruit have been in place since 2019.", lexicon) == []
    # stated as taken too: the objection is to the measure where the article states it
    stated = "Chile in May imposed duties of 30 percent on Peruvian fruit. "
    assert [a[2:] for a in acts(stated + text, lexicon)] == [
        ("chile", "tariffs", "Chile in May imposed duties of 30 percent on Peruvian fruit"),
        ("peru", "tariffs", "Peru on Monday opposed Chile's new duties on Peruvian fruit"),
    ]


def test_an_objection_named_as_a_thing_is_its_owners(lexicon: Lexicon) -> None:
    text = (
        "Chile will impose a tax of 5 percent on Peruvian fruit. "
        "Peru's strong opposition to the tax has stalled the talks."
    )
    assert acts(text, lexicon)[1:] == [
        (
            "objections",
            "objection-noun",
            "peru",
            "chile-will-impose-tax",
            "Peru's strong opposition to the tax",
        )
    ]
    # nobody's opposition: no objection
    assert acts("Opposition to the tax has stalled the talks.", lexicon) == []


def test_sinking_a_deal_is_a_rejection(lexicon: Lexicon) -> None:
    text = "Peru on Friday sank a fisheries deal with Chile."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "deal-object",
            "chile",
            "fisheries",
            "a fisheries deal with Chile",
        ),
        (
            "objections",
            "rejection-verb",
            "peru",
            "fisheries",
            "Peru on Friday sank a fisheries deal with Chile",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The U.S. Trade Representative said Monday the tax was unfair.", "ustr"),
        ("U.S. Trade Representative Robert Lighthizer said the tax was unfair.", "lighthizer"),
        # someone who held the post, not its office
        ("A former U.S. Trade Representative said the tax was unfair.", None),
    ],
)
def test_a_post_named_without_its_holder_speaks_for_its_office(
    lexicon: Lexicon, text: str, speaker: str | None
) -> None:
    found = [f.fields["by"] for f in draft(text, lexicon) if f.section == "statements"]
    assert found == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    ("text", "proposer"),
    [
        ("Peru rejected a Chile-Bolivia trade agreement.", "chile"),
        # the objector's own side is not the proposer: the other one is
        ("India on Monday rejected the India-UK trade deal.", "united-kingdom"),
        # a name the reference data does not know: no proposal
        ("Peru rejected a Chile-Narnia trade agreement.", None),
    ],
)
def test_a_deal_named_by_its_two_sides_is_the_other_sides_proposal(
    lexicon: Lexicon, text: str, proposer: str | None
) -> None:
    found = acts(text, lexicon)
    assert [a[2] for a in found if a[0] == "proposals"] == ([proposer] if proposer else [])
    assert [bool(a[3]) for a in found if a[0] == "objections"] == [proposer is not None]


def test_a_summit_named_again_is_one_event(lexicon: Lexicon) -> None:
    text = (
        "A Chile-Peru summit this week to sign the pact is likely off.\n\n"
        "Neither side will say the planned summit on Thursday has been called off.\n\n"
        "Officials should keep working towards a signing summit on Thursday."
    )
    assert events(text, lexicon) == [
        (
            "event-meeting",
            "Meeting",
            "scheduled",
            "2025-01-16",
            "Neither side will say the planned summit on Thursday has been called off",
        )
    ]
    # two meetings on one day, with other people: two events
    two = (
        "The ministers' meeting wrapped up in Lima on Monday. "
        "After meeting with the Chilean envoy on Monday morning, the minister flew home."
    )
    assert [e[3] for e in events(two, lexicon)] == ["2025-01-13", "2025-01-13"]


def test_what_happens_after_a_date_is_not_an_event_on_it(lexicon: Lexicon) -> None:
    assert events("After May 7, the ministry will resume its investigation.", lexicon) == []
    # "until" a date is: the day a suspension ends
    assert [e[3] for e in events("Duties would be suspended until May 1.", lexicon)] == [
        "2025-05-01"
    ]


def test_a_case_against_a_countrys_measure_objects_to_it(lexicon: Lexicon) -> None:
    text = "Peru filed a WTO case against Chilean steel tariffs."
    assert acts(text, lexicon) == [
        ("proposals", "measure-noun", "chile", "steel", "Chilean steel tariffs"),
        (
            "objections",
            "objection-legal",
            "peru",
            "steel",
            "Peru filed a WTO case against Chilean steel tariffs",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # people in a country are not its government
        (
            "Farmers' groups in Ireland have slammed the EU-Mercosur deal.",
            "farmers-groups-in-ireland",
        ),
        (
            "Beef producers from Brazil welcomed it, while dairy farmers in France opposed "
            "the EU-Mercosur deal.",
            "dairy-farmers-in-france",
        ),
        # its officials are
        ("Officials in Canada rejected the EU-Mercosur deal.", "canada"),
    ],
)
def test_people_in_a_country_object_for_themselves(lexicon: Lexicon, text: str, by: str) -> None:
    assert [a[2] for a in acts(text, lexicon) if a[0] == "objections"] == [by]


@pytest.mark.parametrize(
    "text",
    [
        "The United States proposed a sunset clause. Mexico said it could not accept the clause.",
        "The United States proposed a sunset clause. Canada, however, refused to accept it.",
    ],
)
def test_could_not_accept_and_refusing_it_reject_the_proposal_before(
    lexicon: Lexicon, text: str
) -> None:
    assert [(a[0], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "sunset-clause"),
        ("objections", "sunset-clause"),
    ]


def test_accusing_a_party_objects_to_its_measure(lexicon: Lexicon) -> None:
    text = "Chile will impose duties on Peruvian fruit. Peru accused Chile of protectionism."
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "chile", "tariffs"),
        ("objections", "peru", "tariffs"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru is prepared to offer more access to its fruit market.",
            ["more access to its fruit market"],
        ),
        ("Peru wants a carve-out for its fishermen.", ["a carve-out for its fishermen"]),
        ("Peru could not offer anything on subsidies.", []),
        ("Peru offered condolences to the victims.", []),
        # "plans" after a name is a verb: one proposal, the measure
        (
            "Peru plans to impose tariffs on Chilean wine.",
            ["Peru plans to impose tariffs on Chilean wine"],
        ),
    ],
)
def test_offers_and_wants_with_what_is_wanted_named(
    lexicon: Lexicon, text: str, expected: list[str]
) -> None:
    assert [a[4] for a in acts(text, lexicon) if a[0] == "proposals"] == expected


def test_the_tax_a_verdict_names_is_the_last_tax_of_another_party(lexicon: Lexicon) -> None:
    text = (
        "Chile will impose a tax of 5 percent on Peruvian fruit. "
        "Peru said it will impose tariffs on Chilean wine in return. "
        "Peru said the new tax is inconsistent with the trade pact."
    )
    # not Peru's own tariffs, the last proposal before: Chile's tax
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("peru", "chile-will-impose-tax")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The EU insists that Britain must accept a level playing field on state aid.",
            [("proposals", "european-union", "level-playing-field")],
        ),
        # insisting on a view is no demand
        ("The EU insisted that the talks were useful.", []),
    ],
)
def test_insisting_that_someone_must_act_is_a_demand(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon) if a[0] == "proposals"] == expected


def test_an_objection_that_names_a_party_without_measures_targets_no_other_measure(
    lexicon: Lexicon,
) -> None:
    # the duties are Chile's; what Peru refuses is the EU's rules, which the article does
    # not state as a proposal: no target rather than the wrong one
    text = (
        "Chile imposed duties on Peruvian fruit on Monday. Peru condemned the duties. "
        "Peru has refused to accept EU rules on state aid."
    )
    objections = [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"]
    assert objections == [("peru", "tariffs"), ("peru", None)]
    # a complaint filed with a forum targets the one measure the article states
    text = "Chile imposed duties on Peruvian fruit on Monday. Peru filed a complaint with the WTO."
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("peru", "tariffs")
    ]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the duties are the tariffs raised before: the same kind of measure
        (
            "Chile raised tariffs on Peruvian fruit on Monday. Peru said the duties breach the "
            "trade pact.",
            "tariffs",
        ),
        ("Chile raised tariffs on Peruvian fruit on Monday. Peru rejected the move.", "tariffs"),
        # a bill is not the tariffs: no target rather than the wrong one
        ("Chile raised tariffs on Peruvian fruit on Monday. Peru rejected the bill.", None),
    ],
)
def test_the_noun_that_refers_back_names_the_kind_of_measure(
    lexicon: Lexicon, text: str, target: str | None
) -> None:
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == [("peru", target)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington raised tariffs on Chinese goods on Friday. Beijing said it deeply "
            "regrets the decision.",
            [("china", "tariffs")],
        ),
        (
            "Washington raised tariffs on Chinese goods on Friday. Beijing expressed strong "
            "dissatisfaction with the decision.",
            [("china", "tariffs")],
        ),
    ],
)
def test_regret_and_dissatisfaction_object(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == expected


def test_a_bill_published_is_a_measure_when_objected_to(lexicon: Lexicon) -> None:
    measure = "Peru published the Fruit Market Bill on Monday."
    assert acts(measure, lexicon) == []  # a measure taken and nobody reacting
    text = measure + " Chile said the bill breaches the trade pact."
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "peru", "peru-published-fruit-market"),
        ("objections", "chile", "peru-published-fruit-market"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru has pledged to buy more Chilean wine.", [("peru", "buy more Chilean wine")]),
        (
            "Peru wants a Canada-style free trade deal with Chile.",
            [("peru", "a Canada-style free trade deal with Chile")],
        ),
        (
            "Peru's demands include a sunset clause and a quota on wine.",
            [("peru", "Peru's demands include a sunset clause and a quota on wine")],
        ),
        # a list of something other than demands
        ("Peruvian exports include wine and copper.", []),
    ],
)
def test_pledges_styled_deals_and_listed_demands_are_proposals(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[4]) for a in acts(text, lexicon) if a[0] == "proposals"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "she" is the one person named before
        (
            "Chile proposed a sunset clause. Trade Minister Lena Moritz of Peru met reporters. "
            "She rejected the sunset clause.",
            [("lena-moritz", "sunset-clause")],
        ),
        # "he" after a woman named last: nobody
        (
            "Chile proposed a sunset clause. Trade Minister Lena Moritz of Peru met reporters. "
            "He rejected the sunset clause.",
            [],
        ),
        # a verdict on a proposal
        (
            "Chile proposed a sunset clause. Peru said the sunset clause was “a poison pill.”",
            [("peru", "sunset-clause")],
        ),
        (
            "Chile proposed a sunset clause. Peruvian farmers say the clause would destroy "
            "their industry.",
            [("peruvian-farmers", "sunset-clause")],
        ),
    ],
)
def test_objections_by_a_pronoun_and_verdicts_on_a_proposal(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru proposed a price undertaking.", [("peru", "a price undertaking")]),
        ("Peru has proposed its own plan.", [("peru", "its own plan")]),
        # proposing nothing in particular
        ("Peru proposed nothing.", []),
    ],
)
def test_what_is_proposed_or_tabled_is_a_proposal(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[4]) for a in acts(text, lexicon) if a[0] == "proposals"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure named with its owner's initials, a demonym or a possessive
        (
            "Peru has vowed to fight U.S. tariffs on Peruvian copper.",
            [("proposals", "united-states", "tariffs"), ("objections", "peru", "tariffs")],
        ),
        (
            "Peru will challenge Chilean duties on its wine at the WTO.",
            [("proposals", "chile", "tariffs"), ("objections", "peru", "tariffs")],
        ),
        # "hit back at" objects; it backs nothing
        (
            "Peru hit back at Chile's latest tariffs with duties of its own.",
            [("proposals", "chile", "tariffs"), ("objections", "peru", "tariffs")],
        ),
        # the country whose decision it is takes the measure, not the one criticising it
        (
            "Peru criticised Chile's decision to impose tariffs on Peruvian fruit.",
            [("proposals", "chile", "tariffs"), ("objections", "peru", "tariffs")],
        ),
    ],
)
def test_measures_named_as_things_and_their_objectors(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == expected
    assert not [f for f in draft(text, lexicon) if f.section == "supports"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru said on Monday that Chile must stop subsidising its fishing fleet.",
            [("proposals", "peru", "Chile must stop subsidising its fishing fleet")],
        ),
        # one's own side, and "should": no demand
        ("Peru said Peru must stay calm in the talks.", []),
        ("Peru said Chile should stop subsidising its fleet.", []),
    ],
)
def test_saying_another_party_must_act_is_a_demand(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(a[0], a[2], a[4]) for a in acts(text, lexicon) if a[0] == "proposals"] == expected


@pytest.mark.parametrize(
    "objection",
    [
        "Peru has been critical of the sunset clause.",
        "Peru is against the sunset clause.",
        "Peru is unhappy with the sunset clause.",
        "Peruvian negotiators have said no to the sunset clause.",
        "Peruvian negotiators slam the sunset clause.",
        "Peruvian negotiators condemn the sunset clause.",
        "Peru raised objections to the sunset clause.",
        "Peru has reservations about the sunset clause.",
    ],
)
def test_more_ways_of_objecting(lexicon: Lexicon, objection: str) -> None:
    text = "Chile proposed a sunset clause. " + objection
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "chile", "sunset-clause"),
        ("objections", "peru", "sunset-clause"),
    ]


def test_threatening_to_walk_away_is_a_threat_not_a_rejection(lexicon: Lexicon) -> None:
    text = (
        "Chile has proposed a sunset clause. Peru has threatened to walk away from the "
        "treaty unless major changes are made. Peru also opposed the clause."
    )
    drafted = draft(text, lexicon)
    assert [
        (f.section, f.fields.get("by"), f.fields.get("proposal"))
        for f in drafted
        if f.section in ("objections", "threats")
    ] == [
        ("threats", "peru", None),
        ("objections", "peru", "sunset-clause"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru presented counter-proposals on wine.", [("peru", "counter-proposals on wine")]),
        (
            "Peru submitted its own proposal on fishing.",
            [("peru", "its own proposal on fishing")],
        ),
        # presenting something other than a proposal
        ("The panel presented its findings on Monday.", []),
    ],
)
def test_a_proposal_presented_or_submitted(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[4]) for a in acts(text, lexicon) if a[0] == "proposals"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru opposed Chile's plan to end the dispute panels.",
            [
                ("proposals", "chile", "Chile's plan to end the dispute panels"),
                ("objections", "peru", "Peru opposed Chile's plan to end the dispute panels"),
            ],
        ),
        (
            "Chile wants Peru to change its laws. Peru pushed back against the demand that "
            "its commitments be written into law.",
            [
                ("proposals", "chile", "Peru to change its laws"),
                ("proposals", "chile", "demand that its commitments be written into law"),
                (
                    "objections",
                    "peru",
                    "Peru pushed back against the demand that its commitments be written into law",
                ),
            ],
        ),
        # "the demand" with no other side's proposal before it: whose it is is unsaid
        (
            "Peru pushed back against the demand that its commitments be written into law.",
            [
                (
                    "objections",
                    "peru",
                    "Peru pushed back against the demand that its commitments be written into law",
                )
            ],
        ),
        # its own side's plan, and a pronoun's: no proposal of another party
        (
            "Peru criticised the Peruvian plan to end the dispute panels.",
            [("objections", "peru", "Peru criticised the Peruvian plan to end the dispute panels")],
        ),
    ],
)
def test_a_proposal_named_as_what_is_objected_to_is_the_named_partys(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = acts(text, lexicon)
    assert [(a[0], a[2], a[4]) for a in found] == expected
    objections = [a for a in found if a[0] == "objections"]
    proposals = [a for a in found if a[0] == "proposals"]
    assert [o[3] for o in objections] == [proposals[-1][3] if len(proposals) > 0 else None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile wants Peru to drop its wine duties. Peru has refused.",
            [("proposals", "chile", None), ("objections", "peru", "tariffs")],
        ),
        (
            "Chile wants Peru to drop its wine duties. Peru objected, saying the duties save jobs.",
            [("proposals", "chile", None), ("objections", "peru", "tariffs")],
        ),
        # its own side's demand, a demand two sentences back, and "refused to comment"
        (
            "Chile wants Peru to drop its wine duties. Chile refused.",
            [("proposals", "chile", None)],
        ),
        (
            "Chile wants Peru to drop its wine duties. The talks went on for hours. Peru refused.",
            [("proposals", "chile", None)],
        ),
        (
            "Chile wants Peru to drop its wine duties. Peru refused to comment.",
            [("proposals", "chile", None)],
        ),
    ],
)
def test_a_refusal_with_nothing_after_it_is_to_the_other_sides_last_proposal(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = acts(text, lexicon)
    assert [(a[0], a[2], a[3] if a[0] == "objections" else None) for a in found] == expected


def test_a_measure_verb_used_as_a_noun_is_no_measure(lexicon: Lexicon) -> None:
    assert acts("Peru will cut its wine tariffs.", lexicon) == [
        ("proposals", "measure-verb", "peru", "tariffs", "Peru will cut its wine tariffs")
    ]
    assert acts("Peru opposes any cut to its wine tariffs.", lexicon) == [
        ("objections", "objection-verb", "peru", None, "Peru opposes any cut to its wine tariffs")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru criticised the duties imposed by Chile on its wine.",
            [
                ("proposals", "chile", "duties imposed by Chile"),
                ("objections", "peru", "Peru criticised the duties imposed by Chile on its wine"),
            ],
        ),
        (
            "Airbus received loan subsidies from European governments. Peru condemned the "
            "subsidies.",
            [
                ("proposals", "european-union", "subsidies from European governments"),
                ("objections", "peru", "Peru condemned the subsidies"),
            ],
        ),
        # goods from a country are not its measure
        (
            "Peru criticised the tariffs on steel from Chile.",
            [("objections", "peru", "Peru criticised the tariffs on steel from Chile")],
        ),
    ],
)
def test_a_measure_named_before_its_owner_is_the_owners(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = acts(text, lexicon)
    assert [(a[0], a[2], a[4]) for a in found] == expected
    targets = [a[3] for a in found if a[0] == "objections"]
    assert targets == [found[0][3] if found[0][0] == "proposals" else None]


DEAL = "Peru agreed a trade deal with Chile on Friday. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            DEAL + "Ecuador said the deal was a betrayal of its farmers.",
            ("ecuador", "Ecuador said the deal was a betrayal of its farmers"),
        ),
        (
            DEAL + "Ecuador said the deal would damage its beef sector.",
            ("ecuador", "Ecuador said the deal would damage its beef sector"),
        ),
        (
            DEAL + "Ecuador said it would not ratify the deal in its current form.",
            ("ecuador", "Ecuador said it would not ratify the deal in its current form"),
        ),
        # the maker's own side objecting: the deal is the partner's
        (
            DEAL + "Peruvian officials said the deal was a betrayal of their farmers.",
            ("peru", "Peruvian officials said the deal was a betrayal of their farmers"),
        ),
    ],
)
def test_the_deal_a_party_made_is_what_the_deal_refers_to(
    lexicon: Lexicon, text: str, expected: tuple[str, str]
) -> None:
    found = acts(text, lexicon)
    proposals = [a for a in found if a[0] == "proposals"]
    objections = [a for a in found if a[0] == "objections"]
    assert [(o[2], o[4]) for o in objections] == [expected]
    owner = "chile" if expected[0] == "peru" else "peru"
    assert [(p[2], p[4]) for p in proposals] == [(owner, "a trade deal with Chile")]
    assert objections[0][3] == proposals[0][3]


def test_a_deal_nobody_made_before_is_no_target(lexicon: Lexicon) -> None:
    text = "Ecuador said the deal was a betrayal of its farmers."
    assert acts(text, lexicon) == []


@pytest.mark.parametrize(
    "objection",
    [
        "Chile said the tariffs imposed by Peru were unjustified.",
        "Chile will appeal against the tariffs.",
        "Chile took Peru to the WTO over the tariffs.",
    ],
)
def test_more_objections_to_a_measure(lexicon: Lexicon, objection: str) -> None:
    text = "Peru imposed tariffs on Chilean wine. " + objection
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "peru", "tariffs"),
        ("objections", "chile", "tariffs"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru and Chile have long been at odds over Chilean tariffs on wine.", ["peru"]),
        ("Chile and Peru have long been at odds over Chilean tariffs on wine.", ["peru"]),
        ("Peru is at odds with Chile over Chilean tariffs on wine.", ["peru"]),
        # only the owner named: nobody objects to its own measure
        ("Chile has long been at odds over Chilean tariffs on wine.", []),
    ],
)
def test_at_odds_over_a_measure_is_the_other_sides_objection(
    lexicon: Lexicon, text: str, expected: list[str]
) -> None:
    found = acts(text, lexicon)
    assert [a[2] for a in found if a[0] == "objections"] == expected
    assert all(a[3] == "tariffs" for a in found if a[0] == "objections")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru's plan to cut tariffs on wine angered farmers.",
            "Peru's plan to cut tariffs on wine",
        ),
        (
            "Peru's offer of lower tariffs on wine came late in the talks.",
            "Peru's offer of lower tariffs on wine",
        ),
        (
            "Peru has demanded greater access for its fishing fleet.",
            "greater access for its fishing fleet",
        ),
        ("Peru wants market access for its wine.", "market access for its wine"),
    ],
)
def test_plans_offers_and_access_named_as_things_are_proposals(
    lexicon: Lexicon, text: str, expected: str
) -> None:
    assert [(a[2], a[4]) for a in acts(text, lexicon) if a[0] == "proposals"] == [
        ("peru", expected)
    ]


def test_a_plan_as_a_verb_is_no_plan_named_as_a_thing(lexicon: Lexicon) -> None:
    assert [(a[1], a[4]) for a in acts("Peru plans to cut tariffs on wine.", lexicon)] == [
        ("measure-verb", "Peru plans to cut tariffs on wine")
    ]
    assert acts("The plan of the day was to rest.", lexicon) == []


def test_a_measure_named_by_its_imposition_is_the_one_a_ruling_names(lexicon: Lexicon) -> None:
    text = (
        "Chile rejected Peru's final ruling to impose additional tariffs on wine. Peru "
        "announced on Tuesday the end of its inquiry, resulting in the imposition of "
        "definitive duties on Chilean wine."
    )
    assert [(a[0], a[1], a[2], a[4]) for a in acts(text, lexicon)] == [
        (
            "proposals",
            "measure-verb",
            "peru",
            "imposition of definitive duties on Chilean wine",
        ),
        (
            "objections",
            "rejection-verb",
            "chile",
            "Chile rejected Peru's final ruling to impose additional tariffs on wine",
        ),
    ]
    found = acts(text, lexicon)
    assert found[1][3] == found[0][3]
    # taken and nobody reacting: a fact about the past, not a position
    assert acts(text.split(". ", 1)[1], lexicon) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru and Chile met in Lima. The two countries have long been at odds over "
            "Chilean tariffs on wine.",
            [("peru", "tariffs")],
        ),
        (
            "Chile met Peru in Lima. The two sides have long been at odds over Chilean "
            "tariffs on wine.",
            [("peru", "tariffs")],
        ),
        # no measure of either side named, or the owner not among the last two named
        (
            "Peru and Chile met in Lima. The two countries have long been at odds over farm trade.",
            [],
        ),
        (
            "Chile met Peru in Lima. Ecuador watched. The two sides have long been at odds "
            "over Chilean tariffs on wine.",
            [],
        ),
    ],
)
def test_the_two_sides_at_odds_are_the_last_two_named(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == expected


def test_an_unnamed_government_officials_refusal_is_the_governments(lexicon: Lexicon) -> None:
    text = (
        "Peru wants a deal on fishing, a senior government official said on Wednesday. "
        '"We will not undertake any discipline forever," the official said.'
    )
    objections = [f for f in draft(text, lexicon) if f.section == "objections"]
    assert [(f.rule, f.fields["by"]) for f in objections] == [("rejection-quote", "peru")]
    assert objections[0].fields["source"] not in (None, "peru")  # the official, as source
    assert [a.kind for a in objections[0].actors] == ["Country", "UnnamedSource"]
    # someone who is no official speaks for nobody but themselves
    text = 'Peru wants a deal on fishing. "We will not accept it," a farm lobbyist said.'
    assert [f.fields["by"] for f in draft(text, lexicon) if f.section == "objections"] != ["peru"]


@pytest.mark.parametrize(
    ("said", "by"),
    [
        ("Peruvian Trade Minister Juan Perez said", "juan-perez"),
        # someone of the other side saying it: the country named stays the objector
        ("Chilean Trade Minister Juan Perez said", "peru"),
    ],
)
def test_a_countrys_objection_said_by_its_official_is_the_officials(
    lexicon: Lexicon, said: str, by: str
) -> None:
    text = f"Chile imposed duties on wine. Peru rejected the duties, {said}."
    found = acts(text, lexicon)
    assert [(a[0], a[2], a[4]) for a in found if a[0] == "objections"] == [
        ("objections", by, f"Peru rejected the duties, {said}")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru and Chile met in Lima. One main point of disagreement was Chile's 40 percent "
            "tariffs on Peruvian wine.",
            [("proposals", "chile", "tariffs"), ("objections", "peru", "tariffs")],
        ),
        # no measure of either side named: no objector
        ("Peru and Chile met in Lima. The main sticking point is fishing rights.", []),
    ],
)
def test_a_sticking_point_that_is_one_sides_measure_is_the_others_objection(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == expected


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # an adverb between a country and its verb: the country acts, it is no modifier
        ("Chile will impose duties on Peruvian fruit. Peru strongly opposes the duties.", "peru"),
        ("Chile will impose duties on Peruvian fruit. Peru flatly rejected the duties.", "peru"),
        ("Chile will impose duties on Peruvian fruit. Peru repeatedly criticised them.", "peru"),
    ],
)
def test_an_adverb_before_the_verb_keeps_the_country_its_subject(
    lexicon: Lexicon, text: str, by: str
) -> None:
    found = acts(text, lexicon)
    assert [(a[0], a[2], a[3]) for a in found if a[0] == "objections"] == [
        ("objections", by, "tariffs")
    ]


def test_an_adverb_does_not_make_people_in_a_country_its_government(lexicon: Lexicon) -> None:
    text = "Chile will impose duties on Peruvian fruit. Farm groups in Peru strongly oppose them."
    assert [a[2] for a in acts(text, lexicon) if a[0] == "objections"] == ["farm-groups-in-peru"]


@pytest.mark.parametrize(
    "words",
    [
        "decided not to join the deal",
        "decided against signing the deal",
        "opted out of the deal",
        "chose not to sign the deal",
    ],
)
def test_deciding_not_to_join_a_deal_rejects_it(lexicon: Lexicon, words: str) -> None:
    text = f"Chile proposed a regional fishing deal on Monday. Peru {words} on Tuesday."
    found = [(a[0], a[1], a[2]) for a in acts(text, lexicon) if a[0] == "objections"]
    assert found == [("objections", "rejection-verb", "peru")]


@pytest.mark.parametrize(
    "words",
    ["came out against the duties", "lodged a protest against the duties"],
)
def test_coming_out_against_a_measure_objects_to_it(lexicon: Lexicon, words: str) -> None:
    text = f"Chile will impose duties on Peruvian fruit. Peru {words}."
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("objections", "peru", "tariffs")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Talks stalled over a demand by Peru to raise its beef quota.",
        "Talks stalled over a Peruvian proposal to raise its beef quota.",
        "Peru's key demand is a bigger beef quota.",
        "Peru's new proposal to raise its beef quota angered Chile.",
        "Peru requested Chile to raise its beef quota.",
    ],
)
def test_a_demand_named_with_its_owner_after_or_before_it_is_the_owners(
    lexicon: Lexicon, text: str
) -> None:
    found = [(a[0], a[2]) for a in acts(text, lexicon)]
    assert found == [("proposals", "peru")]


@pytest.mark.parametrize(
    "text",
    [
        # a verb between the country and the noun: the country does not own the demand
        "Peru rejected Chilean calls for talks on beef.",
        # "is" after a demand with no possessive owner: no proposal
        "The demand is a bigger beef quota, Peru said.",
    ],
)
def test_a_demand_noun_without_an_owner_before_it_is_no_proposal_of_the_subject(
    lexicon: Lexicon, text: str
) -> None:
    assert ("proposals", "peru") not in [(a[0], a[2]) for a in acts(text, lexicon)]


@pytest.mark.parametrize(
    ("body", "by"),
    [
        ("Peru's parliament", "peru-s-parliament"),
        ("The Peruvian embassy", "peruvian-embassy"),
        ("Peru's foreign ministry", "peru-s-foreign-ministry"),
    ],
)
def test_a_body_of_a_country_in_lower_case_objects_as_itself(
    lexicon: Lexicon, body: str, by: str
) -> None:
    text = f"Chile will impose duties on Peruvian wine. {body} criticised the duties."
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("objections", by, "tariffs")
    ]


@pytest.mark.parametrize(
    "words", ["face fierce opposition from Peru", "have drawn criticism from Peru"]
)
def test_opposition_from_a_party_named_last_is_its_objection(lexicon: Lexicon, words: str) -> None:
    text = f"Chile will impose duties on Peruvian wine. The duties {words}."
    assert [a for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("objections", "objection-noun", "peru", "tariffs", f"The duties {words}")
    ]


def test_what_a_party_refuses_to_do_is_no_measure_of_its_own(lexicon: Lexicon) -> None:
    text = (
        "Talks ended with Peru refusing to lift its quota on Chilean wine. "
        "Peru could not accept Chile's demand to scrap the quota."
    )
    # one proposal, Chile's demand (the "scrap" inside it is no second one), and Peru's
    # refusals target it, not a measure of Peru's own
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [
        ("proposals", "chile", "quotas"),
        ("objections", "peru", "quotas"),
    ]


def test_a_ruling_that_a_countrys_ban_breaks_the_rules_objects_to_the_ban(
    lexicon: Lexicon,
) -> None:
    text = (
        "A WTO panel ruled on Monday that Chile's ban on copper ore exports breaks global "
        "trade rules."
    )
    found = [(a[0], a[2], a[3]) for a in acts(text, lexicon)]
    assert found == [
        ("proposals", "chile", "chile-s-ban-on"),
        ("objections", "wto", "chile-s-ban-on"),
    ]
    # a ban nobody objects to is a fact about the past, not a position
    assert acts("Chile's ban on copper ore exports took effect in 2020.", lexicon) == []


@pytest.mark.parametrize(
    "text",
    [
        "Peru hopes to secure lower tariffs on its beef.",
        "Peru is holding out for lower tariffs on its beef.",
        "Peru is angling for lower tariffs on its beef.",
        "Peru's main ask is lower tariffs on its beef.",
    ],
)
def test_more_ways_of_wanting_a_measure_are_demands(lexicon: Lexicon, text: str) -> None:
    assert [(a[0], a[2], a[3]) for a in acts(text, lexicon)] == [("proposals", "peru", "tariffs")]


@pytest.mark.parametrize(
    "text",
    [
        "The accord was signed on Friday, June 28, after ten years of talks.",
        "The accord was signed on Friday 28 June after ten years of talks.",
    ],
)
def test_a_weekday_before_a_date_is_that_date(lexicon: Lexicon, text: str) -> None:
    # one event, on the date (not on the last Friday before publication), in the past
    assert [(e[2], e[3]) for e in events(text, lexicon)] == [("occurred", "2024-06-28")]


def test_a_weekday_and_a_date_apart_are_two_times() -> None:
    found = times("They met on Friday and again on June 28.")
    assert [t[0] for t in found] == ["Friday", "June 28"]


def test_one_objection_found_twice_in_the_same_words_is_drafted_once(lexicon: Lexicon) -> None:
    text = "Chile will impose duties on Peruvian wine. Peru said the duties were “unjustified”."
    found = [(a[0], a[2], a[3]) for a in acts(text, lexicon) if a[0] == "objections"]
    assert found == [("objections", "peru", "tariffs")]


# --- capitals that stand for their governments ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jakarta objected to the EU's ban on palm oil exports.",
            # the ban named with its owner is the EU's measure, objected to
            [("proposals", "european-union"), ("objections", "indonesia")],
        ),
        ("Pretoria rejected the proposal on Monday.", [("objections", "south-africa")]),
        ("Lima said on Monday it would appeal the ruling.", [("statements", "peru")]),
        # a capital the reference data names already, before a weekday
        ("Washington Monday rejected the proposal.", [("objections", "united-states")]),
        ("Brussels rejected the proposal.", [("objections", "european-union")]),
    ],
)
def test_a_capital_that_acts_is_its_government(
    lexicon: Lexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [
        (f.section, f.fields.get("by", f.fields.get("proposer"))) for f in draft(text, lexicon)
    ] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place: the talks were there, the country did nothing
        ("Ministers from 12 countries met in Lima.", []),
        ("The envoy flew to Jakarta.", []),
        # the first word of a longer name: that name, if anything
        ("The Lima Group met.", ["lima-group"]),
        ("Seoul National University hosted a debate.", []),
    ],
)
def test_a_capital_as_a_place_or_in_a_longer_name_is_no_country(
    lexicon: Lexicon, text: str, expected: list[str]
) -> None:
    from kg.extract.names import find_mentions

    assert [m.actor.key for m in find_mentions(text, lexicon).found] == expected


def test_capitals_given_names_are_left_out(lexicon: Lexicon) -> None:
    """The table's capitals are the country when no given name or reference name says
    otherwise: "Lima" is Peru; "Beijing" keeps the reference entry (China, and the place)."""
    assert lexicon.capitals["Lima"] == "peru"
    assert lexicon.capitals["Beijing"] == "china"
    assert "Victoria" not in lexicon.capitals
    assert [e.key for e in lexicon.lookup("Lima")] == ["peru"]


# --- who asks: not the one written to, not a bloc naming its farmers ------------------------


def test_the_one_written_to_is_not_who_asks(lexicon: Lexicon) -> None:
    # a federation the rules do not know writes to a named minister: nobody they can name
    # asks, and certainly not the minister (nor the EU that only describes the federation)
    text = (
        "Trade Minister Ana Ruiz met the envoys. EU farmers' federation Agrivo sent a letter "
        "to Ms Ruiz last week asking her to lift the quota on sugar."
    )
    assert acts(text, lexicon) == []
    # the one who writes, named before the one written to, asks
    text = "Chile wrote to Peru, asking it to lift the quota."
    assert acts(text, lexicon) == [
        ("proposals", "demand-verb", "chile", "quotas", "it to lift the quota")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bloc naming other people: its lawmakers, its farmers, are not the bloc
        ("European Union lawmakers rejected the proposal.", []),
        ("EU farmers rejected the proposal.", []),
        (
            "The EU rejected the proposal.",
            [("objections", "rejection-verb", "european-union", None, "EU rejected the proposal")],
        ),
    ],
)
def test_a_bloc_as_a_modifier_does_not_act(
    lexicon: Lexicon, text: str, expected: list[tuple[object, ...]]
) -> None:
    assert acts(text, lexicon) == expected


def test_an_objection_then_a_rejection_of_one_measure_are_two_acts(lexicon: Lexicon) -> None:
    measure = "Chile imposed tariffs on Peruvian sugar in May. Peru slammed the tariffs on Monday."
    assert [a for a in acts(measure + " Peru does not accept the tariffs.", lexicon)] == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "tariffs",
            "Chile imposed tariffs on Peruvian sugar in May",
        ),
        ("objections", "objection-verb", "peru", "tariffs", "Peru slammed the tariffs"),
        ("objections", "rejection-verb", "peru", "tariffs", "Peru does not accept the tariffs"),
    ]
    # the same objection said again is one
    assert [a[1] for a in acts(measure + " Peru also criticised the tariffs.", lexicon)] == [
        "measure-verb",
        "objection-verb",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The WTO ruled on Monday that the EU gave illegal subsidies to Airbus.",
            [
                (
                    "proposals",
                    "measure-noun",
                    "european-union",
                    "subsidies",
                    "the EU gave illegal subsidies to Airbus",
                ),
                (
                    "objections",
                    "objection-ruling",
                    "wto",
                    "subsidies",
                    "WTO ruled on Monday that the EU gave illegal subsidies to Airbus",
                ),
            ],
        ),
        # the owner named after the measure ("from U.S. governments"); the Appellate Body by
        # its news name
        (
            "A WTO appeals panel determined that Boeing received improper tax breaks and "
            "subsidies from U.S. governments.",
            [
                (
                    "proposals",
                    "measure-noun",
                    "united-states",
                    "subsidies",
                    "Boeing received improper tax breaks and subsidies from U.S. governments",
                ),
                (
                    "objections",
                    "objection-ruling",
                    "wto-appellate-body",
                    "subsidies",
                    "WTO appeals panel determined that Boeing received improper tax breaks and "
                    "subsidies from U.S. governments",
                ),
            ],
        ),
        (
            "A WTO appeals panel determined that Embraer received improper loan subsidies from "
            "Brazil to launch its jets.",
            [
                (
                    "proposals",
                    "measure-noun",
                    "brazil",
                    "subsidies",
                    "Embraer received improper loan subsidies from Brazil",
                ),
                (
                    "objections",
                    "objection-ruling",
                    "wto-appellate-body",
                    "subsidies",
                    "WTO appeals panel determined that Embraer received improper loan subsidies "
                    "from Brazil to launch its jets",
                ),
            ],
        ),
        # nobody who rules, or no one's measure: nothing
        ("Analysts found that the EU gave illegal subsidies to Airbus.", []),
        ("The WTO found that farmers got illegal subsidies.", []),
    ],
)
def test_a_ruling_that_calls_a_measure_illegal_objects_to_its_owners_measure(
    lexicon: Lexicon, text: str, expected: list[tuple[object, ...]]
) -> None:
    assert acts(text, lexicon) == expected


def test_a_demand_that_another_party_remove_its_measure_objects_to_it(lexicon: Lexicon) -> None:
    measure = "Chile imposed tariffs on Peruvian sugar in May."
    assert acts(measure + " Peru urged Chile to lift the tariffs.", lexicon) == [
        (
            "proposals",
            "measure-verb",
            "chile",
            "tariffs",
            "Chile imposed tariffs on Peruvian sugar in May",
        ),
        ("proposals", "demand-verb", "peru", "tariffs-2", "Chile to lift the tariffs"),
        (
            "objections",
            "objection-demand",
            "peru",
            "tariffs",
            "Peru urged Chile to lift the tariffs",
        ),
    ]
    # no such measure drafted before (a ban the article never states), or none at all: the
    # demand alone
    text = measure + " Peru urged Chile to lift its ban on fishmeal."
    assert [a[1] for a in acts(text, lexicon)] == ["demand-verb"]
    assert [a[1] for a in acts("Peru urged Chile to lift the tariffs.", lexicon)] == ["demand-verb"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # the quotation is the one sentence that rejects: quoted whole, as the statement is
        (
            '"We will not sign a deal that does not deliver for our farmers," Peru\'s '
            "Trade Minister Juan Perez said.",
            "direct-quote",
        ),
        # one sentence of several: a part of the quotation
        (
            '"The talks were long. We will not sign a deal that does not deliver for our '
            "farmers,\" Peru's Trade Minister Juan Perez said.",
            "partial-quote",
        ),
    ],
)
def test_a_rejection_quoted_whole_is_a_direct_quote(lexicon: Lexicon, text: str, mode: str) -> None:
    objections = [f for f in draft(text, lexicon) if f.section == "objections"]
    statements = [f for f in draft(text, lexicon) if f.section == "statements"]
    assert [(f.rule, f.fields["mode"]) for f in objections] == [("rejection-quote", mode)]
    assert [f.fields["mode"] for f in statements] == ["direct-quote"]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (
            "The European Union proposed a beef quota for Australia in Brussels on Wednesday, "
            "EU Trade Commissioner Valdis Dombrovskis said.",
            "A beef quota for Australia in Brussels",
        ),
        (
            "Canada proposed a new dispute panel for dairy, he said.",
            "A new dispute panel for dairy",
        ),
        ("Chile proposed a quota for wine, officials in Santiago said.", "A quota for wine"),
        # no one who speaks: the words stay the proposal's
        (
            "Japan proposed lower tariffs on beef, a cut the farm lobby said.",
            "Lower tariffs on beef, a cut the farm lobby said",
        ),
    ],
)
def test_who_said_a_proposal_is_not_part_of_it(lexicon: Lexicon, text: str, summary: str) -> None:
    proposals = [f for f in draft(text, lexicon) if f.section == "proposals"]
    assert [f.fields["summary"] for f in proposals] == [summary]


# --- forms of the widened tune half (issue 11, second round) -------------------------------


def test_the_publications_own_weekday_is_that_day_unless_next() -> None:
    assert times("The ministers will meet again later on Wednesday.") == [
        ("Wednesday", "2025-01-15")
    ]
    assert times("The ministers will meet again next Wednesday.") == [
        ("next Wednesday", "2025-01-22")
    ]
    assert times("The ministers met on Wednesday.") == [("Wednesday", "2025-01-15")]


def test_days_of_one_month_are_that_month_and_slated_looks_ahead() -> None:
    assert times("a council meeting slated for January 23-24") == [("January 23-24", "2025-01")]
    assert times("a council meeting slated for Friday") == [("Friday", "2025-01-17")]
    # one day, and a past clause: as before
    assert times("a council meeting on January 23") == [("January 23", "2025-01-23")]
    assert times("the council met on Friday") == [("Friday", "2025-01-10")]


def test_pausing_or_leaving_talks_on_a_deal_rejects_the_deal(lexicon: Lexicon) -> None:
    text = "Chile is hitting pause on negotiations for a new trade agreement with Peru."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "deal-object",
            "peru",
            "new-trade-agreement-with",
            "a new trade agreement with Peru",
        ),
        ("objections", "rejection-verb", "chile", "new-trade-agreement-with", text[:-1]),
    ]
    text = (
        "The Chilean government has decided neither to sign nor to continue negotiating an "
        "agreement on fisheries with the European Union."
    )
    assert acts(text, lexicon) == [
        ("proposals", "deal-object", "european-union", "agreement", "an agreement"),
        ("objections", "rejection-verb", "chile", "agreement", text[4:-1]),
    ]
    # a step back from something the words do not name as anyone's: nothing
    assert acts("Chile stepped back from a previous round of negotiations in July.", lexicon) == []


def test_going_to_the_wto_over_a_measure_objects_to_it(lexicon: Lexicon) -> None:
    text = "Peru had gone to the WTO in March over Chile’s anti-dumping duties on sugar."
    assert [a[:3] for a in acts(text, lexicon)] == [
        ("proposals", "measure-noun", "chile"),
        ("objections", "objection-legal", "peru"),
    ]
    # a visit, not a case
    assert acts("Peru’s minister went to the WTO headquarters in Geneva on Monday.", lexicon) == []


def test_a_countrys_top_negotiator_acts_for_it(lexicon: Lexicon) -> None:
    offer = "Chile proposed a larger sugar quota. "
    assert [
        a[:3] for a in acts(offer + "Peru’s chief negotiator rejected the offer.", lexicon)
    ] == [
        ("proposals", "demand-verb", "chile"),
        ("objections", "rejection-verb", "peru"),
    ]
    # a country's exporters are not its government
    assert [a[:3] for a in acts(offer + "Peru’s top exporters rejected the offer.", lexicon)] == [
        ("proposals", "demand-verb", "chile"),
    ]


def test_a_page_heading_drafts_no_act(lexicon: Lexicon) -> None:
    text = "Peru Rejects Chilean Offer\n\nPeru rejected the Chilean offer on sugar quotas."
    assert [a[1] for a in acts(text, lexicon) if a[0] == "objections"] == ["rejection-verb"]
    assert [a[4] for a in acts(text, lexicon) if a[0] == "objections"] == [
        "Peru rejected the Chilean offer on sugar quotas"
    ]
    # a sentence on a line of its own is no heading
    text = "Peru rejected the Chilean offer on sugar quotas.\n\nTalks resume in May."
    assert [a[1] for a in acts(text, lexicon) if a[0] == "objections"] == ["rejection-verb"]


def test_a_source_asking_not_to_be_named_demands_nothing(lexicon: Lexicon) -> None:
    text = (
        "Chile will extend the sugar quota for three months, said two officials, who "
        "requested anonymity to discuss private talks."
    )
    # Chile's measure stays; no demand, and nothing of the officials'
    assert [(f.section, f.rule) for f in draft(text, lexicon) if f.section != "events"] == [
        ("proposals", "measure-verb")
    ]
    assert [
        f.section
        for f in draft("Peru requested a review of the sugar quota.", lexicon)
        if f.section == "demands"
    ] == ["demands"]


# --- measures and deals named as noun phrases, and named again ------------------------------


def test_a_possessive_measure_with_a_participle_is_named_again_by_its_kind(
    lexicon: Lexicon,
) -> None:
    text = (
        "Peru’s trade ministry said on Sunday it will highlight the problems of Chile’s "
        "tightened controls on copper exports at the WTO. On July 9, the South Korean "
        "government took up Chile’s export controls at a meeting in Geneva, criticizing them "
        "as retaliation."
    )
    # "Chile's export controls" is the measure named first; the objection targets it there,
    # and "the South Korean government" is South Korea
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-noun",
            "chile",
            "chile-s-tightened-controls",
            "Chile’s tightened controls on copper",
        ),
        (
            "objections",
            "objection-verb",
            "south-korea",
            "chile-s-tightened-controls",
            text[text.index("South Korean") : -1],
        ),
    ]
    # "the controls" is the measure named before; a country's name before a noun is no owner
    text = (
        "Chile’s tightened controls on copper exports took effect in May. "
        "Peru criticised the controls."
    )
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "measure-noun", "chile", "chile-s-tightened-controls"),
        ("objections", "objection-verb", "peru", "chile-s-tightened-controls"),
    ]
    text = "Chile controls on copper exports took effect in May. Peru criticised the controls."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("objections", "objection-verb", "peru", None),
    ]


def test_a_measure_on_other_goods_is_another_measure(lexicon: Lexicon) -> None:
    text = (
        "Chile’s controls on copper exports and Chile’s controls on wine exports differ. "
        "Peru criticised Chile’s export controls on wine."
    )
    # the controls on wine, not the first ones named
    assert acts(text, lexicon) == [
        ("proposals", "measure-noun", "chile", "chile-s-controls-on-2", "Chile’s controls on wine"),
        (
            "objections",
            "objection-verb",
            "peru",
            "chile-s-controls-on-2",
            "Peru criticised Chile’s export controls on wine",
        ),
    ]
    # a clause before the noun is no name of a measure
    text = "Chile’s wine exports slumped after tariffs were raised. Peru criticised the tariffs."
    assert [a[:4] for a in acts(text, lexicon)] == [("objections", "objection-verb", "peru", None)]


def test_a_deal_with_the_27_nation_bloc_is_the_eus(lexicon: Lexicon) -> None:
    text = "The EU and Chile met. Chile rejected a potential trade deal with the 27-nation bloc."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "deal-object",
            "european-union",
            "potential-trade-deal-with",
            "a potential trade deal with the 27-nation bloc",
        ),
        (
            "objections",
            "rejection-verb",
            "chile",
            "potential-trade-deal-with",
            "Chile rejected a potential trade deal with the 27-nation bloc",
        ),
    ]


def test_a_ruling_on_two_measures_and_a_report_to_the_wto(lexicon: Lexicon) -> None:
    text = (
        "The WTO ruled that Chile’s export ban and domestic processing requirement on copper "
        "ore violates WTO rules."
    )
    assert acts(text, lexicon) == [
        ("proposals", "measure-noun", "chile", "export-controls", "Chile’s export ban"),
        ("objections", "objection-verdict", "wto", "export-controls", text[4:-1]),
    ]
    text = (
        "Peru reported Chile to the World Trade Organizations (WTO) over Chile’s anti-dumping "
        "duties on sugar."
    )
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "measure-noun", "chile", "anti-dumping-duties"),
        ("objections", "objection-legal", "peru", "anti-dumping-duties"),
    ]


def test_the_deal_is_the_one_the_article_names_first(lexicon: Lexicon) -> None:
    # "the deal" with no deal drafted before: the first the article names, by the two sides
    # that hope to sign it
    text = (
        "Chile and the EU hope to sign a free trade agreement this week. Peru rejected the "
        "deal on Monday."
    )
    assert acts(text, lexicon) == [
        (
            "proposals",
            "deal-object",
            "chile+european-union",
            "free-trade-agreement",
            "a free trade agreement",
        ),
        ("objections", "rejection-verb", "peru", "free-trade-agreement", "Peru rejected the deal"),
    ]
    # by the party it is with
    text = (
        "The EU's hopes of signing a free trade deal with Chile this week were dashed. Peru "
        "refused to back the pact."
    )
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "deal-object", "chile", "free-trade-deal-with"),
        ("objections", "rejection-verb", "peru", "free-trade-deal-with"),
    ]
    # an agreement's name: its first mention
    text = "Canada and the EU signed CETA in 2016. Peru will not join CETA."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "deal-object", "canada+european-union", "ceta"),
        ("objections", "rejection-verb", "peru", "ceta"),
    ]
    # no party named for the deal: no proposal guessed, the objection has no target
    text = "Talks on the trade agreement resumed. Peru rejected the deal on Monday."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("objections", "rejection-verb", "peru", None),
    ]
    # initials do not end the sentence that names the two sides
    text = "Chile and the U.S. hope to sign a trade agreement. Peru rejected the deal on Monday."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "deal-object", "chile+united-states", "trade-agreement"),
        ("objections", "rejection-verb", "peru", "trade-agreement"),
    ]
    # the objector's own deal is no deal it objects to
    text = "Peru and Chile hope to sign a trade agreement. Peru rejected the deal on Monday."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("objections", "rejection-verb", "peru", None),
    ]


@pytest.mark.parametrize(
    ("text", "proposal"),
    [
        # the owner before the noun: a body, a possessive capital, a demonym, initials
        (
            "Canada criticised the Trump administration's tariffs on steel.",
            ("measure-noun", "united-states", "Trump administration's tariffs on steel"),
        ),
        (
            "Canada rejected Washington's offer on dairy.",
            ("proposal-named", "united-states", "Washington's offer on dairy"),
        ),
        (
            "Canada rejected the British offer on dairy.",
            ("proposal-named", "united-kingdom", "British offer on dairy"),
        ),
        (
            "Canada rejected the U.S. plan for dairy.",
            ("proposal-named", "united-states", "U.S. plan for dairy"),
        ),
        # inside the noun's first word
        (
            "Canada criticised the U.S.-imposed tariffs on steel and aluminium in 2018.",
            ("measure-noun", "united-states", "U.S.-imposed tariffs on steel"),
        ),
        # after the noun
        (
            "Canada criticised the tariffs imposed by the United States.",
            ("measure-noun", "united-states", "tariffs imposed by the United States"),
        ),
        (
            "Canada criticised the steel tariffs the U.S. imposed in 2018.",
            ("measure-noun", "united-states", "steel tariffs the U.S. imposed"),
        ),
        # named after the noun, the owner wins over a nationality word before it
        (
            "Canada criticised the Chinese steel tariffs imposed by the EU.",
            ("measure-noun", "european-union", "Chinese steel tariffs imposed by the EU"),
        ),
    ],
)
def test_a_measure_or_offer_named_with_its_owner_is_the_owners(
    lexicon: Lexicon, text: str, proposal: tuple[str, str, str]
) -> None:
    found = acts(text, lexicon)
    assert [(a[1], a[2], a[4]) for a in found if a[0] == "proposals"] == [proposal]
    assert [(a[2], a[3]) for a in found if a[0] == "objections"] == [("canada", found[0][3])]


@pytest.mark.parametrize(
    "text",
    [
        # the objector's own, no owner, or a commentator after the noun: no proposal
        "Canada criticised the tariffs.",
        "Canada criticised its own tariffs on steel.",
        "Peru criticised the tariffs Canada says are unfair.",
        # a nationality word before other words names the goods, not who imposed them
        "Germany criticised the Chinese EV tariffs.",
        # the noun is not in the object's first words
        "Canada criticised the decision of the mayor of Lima to study tariffs.",
    ],
)
def test_a_measure_without_another_owner_is_no_proposal(lexicon: Lexicon, text: str) -> None:
    assert [a[0] for a in acts(text, lexicon)] == ["objections"]


def test_the_offer_with_no_owner_is_the_side_the_article_names_most(lexicon: Lexicon) -> None:
    text = (
        "The EU made an offer. EU negotiators met Chile in Lima. Chile stepped back from the "
        "talks, with its minister saying that the offer on agricultural market access wasn’t "
        "enough."
    )
    assert [a for a in acts(text, lexicon) if a[1] != "rejection-verb"] == [
        (
            "proposals",
            "proposal-named",
            "european-union",
            "agriculture",
            "offer on agricultural market access",
        ),
        (
            "objections",
            "objection-verdict",
            "chile",
            "agriculture",
            text[text.index("Chile stepped") : -1],
        ),
    ]
    # two other parties named as often: whose offer it is is unsaid
    text = (
        "The EU and Peru made offers. Chile said that the offer on agricultural market access "
        "wasn’t enough."
    )
    assert [a[0] for a in acts(text, lexicon)] == []


def test_a_ruling_on_what_the_us_gave(lexicon: Lexicon) -> None:
    text = "The WTO ruled on Monday that the U.S. gave Boeing illegal subsidies."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "measure-noun",
            "united-states",
            "subsidies",
            "the U.S. gave Boeing illegal subsidies",
        ),
        ("objections", "objection-ruling", "wto", "subsidies", text[4:-1]),
    ]


def test_a_measure_a_government_is_planning(lexicon: Lexicon) -> None:
    text = (
        "The Peruvian government is planning to extend a tariff-free ethanol import program "
        "for three months."
    )
    assert [a[:3] for a in acts(text, lexicon)] == [("proposals", "measure-verb", "peru")]
    # planning something else: no measure
    assert acts("Peru is planning to hold talks with Chile in March.", lexicon) == []


def test_accused_of_doing_something_objects_to_it(lexicon: Lexicon) -> None:
    text = "Chile accused the U.K. of maintaining barriers to beef imports."
    assert acts(text, lexicon) == [
        (
            "proposals",
            "accused-of",
            "united-kingdom",
            "maintaining-barriers-beef-imports",
            "maintaining barriers to beef imports",
        ),
        (
            "objections",
            "objection-verb",
            "chile",
            "maintaining-barriers-beef-imports",
            text[:-1],
        ),
    ]
    # a fault, not a thing done: no proposal
    assert [a[0] for a in acts("Chile accused Britain of bad faith.", lexicon)] == ["objections"]
    # a noun that ends like a verb's -ing form
    for what in ("nothing unusual", "something worse", "wrongdoing"):
        found = acts(f"Chile accused Britain of {what} in its beef trade.", lexicon)
        assert [a[0] for a in found] == ["objections"]


def test_it_after_said_is_who_said_it(lexicon: Lexicon) -> None:
    text = "Chile said on Monday that it would reject the EU's offer on beef."
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "proposal-named", "european-union", "eu-s-offer-on"),
        ("objections", "rejection-verb", "chile", "eu-s-offer-on"),
    ]
    # "they" after a person's words: not the person
    text = "Jane Roe said on Monday that they would reject the EU's offer on beef."
    assert acts(text, lexicon) == []


def test_a_reference_name_with_a_comma_in_it(lexicon: Lexicon) -> None:
    # "Ministry of Trade, Industry and Energy" after its country's name: the ministry, whose
    # comma does not end the subject of what it says
    text = (
        "South Korea’s Ministry of Trade, Industry and Energy said Sunday it will criticise "
        "Japan’s controls on chip exports."
    )
    assert [a[:4] for a in acts(text, lexicon)] == [
        ("proposals", "measure-noun", "japan", "japan-s-controls-on"),
        ("objections", "objection-verb", "motie", "japan-s-controls-on"),
    ]
    # a list of names is no name: its comma still ends a part of the subject, as before
    text = "Chile, Peru and Mexico criticised Japan’s controls on chip exports."
    assert [a[2] for a in acts(text, lexicon) if a[0] == "objections"] == ["peru-and-mexico"]
    # the comma inside a reference alias is part of it, not a list's: another country's
    # "Ministry of Investment, Trade and Industry" is not Japan's
    text = "Japan’s Ministry of Economy, Trade and Industry criticised the EU’s tariffs on beef."
    assert [(a[2], a[4]) for a in acts(text, lexicon) if a[0] == "objections"] == [
        ("meti", text[:-1])
    ]
    text = "Botswana’s Ministry of Investment, Trade and Industry criticised the EU’s tariffs."
    assert "meti" not in [a[2] for a in acts(text, lexicon)]
