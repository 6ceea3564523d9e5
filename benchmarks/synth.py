"""A deterministic synthetic corpus of trade-negotiation news articles with their facts files.

    python benchmarks/synth.py OUTDIR --articles N [--seed S]

writes ``OUTDIR/<k>.md`` (an article: YAML front matter, then news-style paragraphs) and
``OUTDIR/<k>.facts.yaml`` (its curated facts) for k = 0 .. N-1.

The text is generated *from* the facts, so every ``evidence``, ``phrase`` and unnamed-source
``description`` is exact words of the article; when a quoted string happens to occur more
than once, the facts file says which occurrence is meant (``occurrence: N``). Each article is
generated from its own random stream (seed, k), so article k is the same whatever N is: the
first 1,000 articles of a 10,000-article corpus are the 1,000-article corpus.

The articles share one world: the NAFTA renegotiation of ``data/reference/``, its rounds
(round r ended on a fixed day in a fixed city, so round numbers follow time and every article
names the same shared round), a pool of recurring proposals and threats (threads: each issue
has a new proposal every eight weeks with a fixed proposer, each threat type one every sixteen
weeks; an article names the thread current at its publication, and later articles of a thread
report its dated status changes: revised, withdrawn, agreed, lapsed, carried out), and people
who recur: the reference people, four negotiators and thirty analysts that articles define as
local ``type: Person`` actors under the same name, named in full first and by surname after.
The threads not in the reference data are in ``OUTDIR/reference.yaml``, which ingest and
validate take with ``--reference`` (article k and this file do not depend on N).

The mix per article: two proposals, two demands, two objections (one or two with reasons), three
statements (a direct quote, a paraphrase, the outlet's own voice), in ~60 % two statements of an
analyst, in ~35 % a rejection of the quoted statement (``about:``), status changes of the
proposals' and threat's threads that happened before publication, a threat in about 40 % of
articles (with a deadline), and three or four events (the negotiation, the round that ended last
with a day, the next round with a month, sometimes a milestone with a year).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

GENERATOR_VERSION = "2"  # bump when the output changes, so cached corpora are regenerated
REFERENCE = "reference.yaml"  # OUTDIR/reference.yaml: pass it with --reference

# -- the shared world (ids of data/reference/) ---------------------------------------------

NAMES = {  # how the text names a reference actor: (first mention, later mentions)
    "united-states": ("the United States", "the U.S."),
    "canada": ("Canada", "Ottawa"),
    "mexico": ("Mexico", "Mexico City"),
    "lighthizer": ("U.S. Trade Representative Robert Lighthizer", "Lighthizer"),
    "freeland": ("Canadian Foreign Minister Chrystia Freeland", "Freeland"),
    "trump": ("President Donald Trump", "Trump"),
    "trump-administration": ("the Trump administration", "the administration"),
    "ustr": ("the Office of the U.S. Trade Representative", "USTR"),
}
US_SIDE = ["united-states", "trump-administration", "ustr", "lighthizer"]
US_SPEAKERS = ["lighthizer", "trump"]
PARTNERS = ["canada", "mexico", "freeland"]
PLACES = {"ottawa": "Ottawa", "washington": "Washington", "mexico-city": "Mexico City"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
]
PUBLISHERS = [
    "Northern Wire",
    "Continental Press",
    "The Trade Ledger",
    "Border Dispatch",
    "Capital Business Daily",
    "Pacific Rim Report",
]

# issue id -> (noun phrase for a proposal, short name, demand quote, detail clause)
ISSUES: dict[str, tuple[str, str, str, str]] = {
    "rebalancing": (
        "a radical rewrite of the deal to cut the U.S. trade deficit",
        "rebalancing",
        "We cannot sign an agreement that does not rebalance our trade",
        "a change the other two countries say would tilt the pact toward Washington",
    ),
    "rules-of-origin": (
        "tighter rules of origin for cars, with half of each vehicle made in America",
        "rules of origin",
        "Cars sold duty-free here must be built with far more American parts",
        "which automakers warn would raise the cost of every vehicle",
    ),
    "sunset-clause": (
        "a sunset clause that would end the pact after five years unless renewed",
        "the sunset clause",
        "An agreement that must be renewed every five years keeps everyone honest",
        "a provision that business groups say would freeze investment",
    ),
    "isds": (
        "letting countries opt out of investor-state dispute settlement",
        "investor-state dispute settlement",
        "Our courts, not foreign tribunals, should hear these claims",
        "the system that lets companies sue governments before arbitration panels",
    ),
    "dairy": (
        "wider access to the protected Canadian dairy market",
        "dairy",
        "Our dairy farmers deserve a fair shot at that market",
        "which Canadian farm groups have vowed to resist",
    ),
    "tariffs": (
        "lifting the steel and aluminum tariffs in exchange for export quotas",
        "tariffs",
        "The tariffs stay until we see real concessions",
        "an idea that steel producers on both sides of the border dislike",
    ),
    "dispute-settlement": (
        "scrapping the Chapter 19 panels that settle anti-dumping disputes",
        "dispute settlement",
        "Chapter 19 panels have overruled our trade laws for too long",
        "panels that Ottawa has called a red line",
    ),
}
REASONS = [  # (reason kind, evidence clause, summary)
    (
        "economic-harm",
        "arguing that the change would cost thousands of jobs in the auto sector",
        "The change would cost jobs in the auto sector.",
    ),
    (
        "economic-harm",
        "warning that it would disrupt supply chains spread across the continent",
        "It would disrupt continental supply chains.",
    ),
    (
        "sovereignty",
        "saying that no country should give up control over its own courts",
        "It would weaken national control over courts.",
    ),
    (
        "legal",
        "noting that the proposal would break commitments made at the WTO",
        "It conflicts with WTO commitments.",
    ),
    (
        "imbalance",
        "complaining that it would give Washington all the gains and none of the costs",
        "It would benefit only the United States.",
    ),
    (
        "procedural",
        "insisting that the idea was tabled too late in the talks to be considered",
        "The proposal came too late in the talks.",
    ),
]
OUTCOMES = [  # outlet-voice lede clause, summary
    (
        "with little sign of a breakthrough on the toughest issues",
        "The round ended without a breakthrough on the hardest issues.",
    ),
    (
        "after progress on several technical chapters but not on the hardest ones",
        "Technical chapters advanced; the hard issues did not.",
    ),
    (
        "amid growing doubts that a deal can be reached this year",
        "Doubts grow that a deal can be reached this year.",
    ),
    (
        "as negotiators traded blame over stalled proposals",
        "The round ended with negotiators blaming each other.",
    ),
]
QUOTES = [  # a direct-quote statement: text, summary
    (
        "We have made real progress, but there is a lot of work left to do",
        "Real progress, much work left.",
    ),
    (
        "I am not going to pretend that we are close to a deal",
        "The parties are not close to a deal.",
    ),
    (
        "Our partners need to come to the table with serious offers",
        "The partners must bring serious offers.",
    ),
    (
        "We are prepared to keep talking for as long as it takes",
        "Ready to keep talking as long as needed.",
    ),
    ("Nobody should expect miracles in the next round", "No miracles expected in the next round."),
]
PARAPHRASES = [  # a paraphrased statement: clause, summary
    ("the talks had entered a difficult phase", "The talks are in a difficult phase."),
    ("negotiators had closed two more chapters this week", "Two more chapters were closed."),
    ("there was still time to reach an agreement", "There is still time for an agreement."),
    ("the pace of the talks was too slow", "The talks are moving too slowly."),
]
OBJECTION_QUOTES = [
    "These are proposals we simply cannot agree to",
    "We will not accept a deal that hurts our workers",
    "This is a non-starter for us and our partners know it",
]
UNNAMED = [  # an unnamed source: the article's words for it (used once in the text)
    "an official with knowledge of the talks",
    "a senior negotiator who asked not to be named",
    "a person familiar with the negotiations",
    "two officials briefed on the discussions",
]
THREATS = [  # action, condition, text
    (
        "Withdraw the United States from NAFTA.",
        "Canada and Mexico reject a better deal.",
        "pull the United States out of the agreement if Canada and Mexico do not accept a "
        "better deal",
    ),
    (
        "Impose tariffs on cars imported from Canada and Mexico.",
        "The talks fail.",
        "put tariffs on imported cars if the talks fail",
    ),
]
TITLES = [
    "{Agr} talks end {ordinal} round with {issue} unresolved",
    "Negotiators clash over {issue} as {Agr} round closes",
    "{Agr} partners dig in on {issue} after {ordinal} round",
]


# -- the world every article shares: rounds, threads, people ----------------------------------

START = dt.date(2017, 8, 20)  # the first round ended that day; publication dates follow it
DAYS = 480  # publication dates run over this many days
NEGOTIATION = "nafta-renegotiation"  # data/reference/negotiations.yaml
ROUND_EVERY = 42  # round r ended on START + 42 (r - 1) days
HOSTS = ["washington", "mexico-city", "ottawa"]  # round r was held in HOSTS[(r - 1) % 3]
PROPOSAL_EVERY = 56  # a new proposal (thread) on each issue every eight weeks
THREAT_EVERY = 112  # a new threat of each type every sixteen weeks
# the threads of the reference data, for the first window of their issue or threat type
REFERENCE_THREADS = {
    "sunset-clause": "nafta-sunset-clause",
    "rules-of-origin": "nafta-rules-of-origin",
    "isds": "nafta-isds-opt-out",
    "rebalancing": "nafta-rebalancing",
    "threat-0": "nafta-withdrawal-threat",
}
PROPOSERS = ["united-states", "trump-administration", "ustr"]
TERMINAL = ["withdrawn", "agreed", "lapsed", "revised"]
CHANGE_WORDS = {  # how the text says a status change
    "revised": "revised",
    "withdrawn": "withdrawn",
    "agreed": "agreed to",
    "lapsed": "allowed to lapse",
    "carried-out": "carried out",
}


def round_end(r: int) -> dt.date:
    return START + dt.timedelta(days=ROUND_EVERY * (r - 1))


@dataclass(frozen=True)
class Thread:
    id: str
    proposer: str
    start: dt.date
    changes: tuple[tuple[str, dt.date], ...]  # (status, day), in time order


def proposal_thread(issue: str, day: dt.date) -> Thread:
    """The proposal on ``issue`` current on ``day``: one thread per issue and window."""
    i = list(ISSUES).index(issue)
    j = (day - START).days // PROPOSAL_EVERY
    start = START + dt.timedelta(days=PROPOSAL_EVERY * j)
    changes: list[tuple[str, dt.date]] = []
    if (i + j) % 2 == 0:
        changes.append(("revised", start + dt.timedelta(days=20)))
    changes.append((TERMINAL[(3 * i + j) % 4], start + dt.timedelta(days=42)))
    tid = REFERENCE_THREADS.get(issue) if j == 0 else None
    return Thread(tid or f"synth-{issue}-{j + 1}", PROPOSERS[(i + j) % 3], start, tuple(changes))


def threat_thread(kind: int, day: dt.date) -> Thread:
    j = (day - START).days // THREAT_EVERY
    start = START + dt.timedelta(days=THREAT_EVERY * j)
    status = "lapsed" if kind == 0 or j % 2 == 0 else "carried-out"
    tid = REFERENCE_THREADS.get(f"threat-{kind}") if j == 0 else None
    return Thread(
        tid or f"synth-threat-{kind}-{j + 1}",
        "trump",
        start,
        ((status, start + dt.timedelta(days=84)),),
    )


def reference_data(people: str = "local") -> dict[str, Any]:
    """The threads of the world that data/reference/ does not list (OUTDIR/reference.yaml),
    and with ``people="reference"`` its people."""
    threads = []
    last = START + dt.timedelta(days=DAYS)
    for issue, (_phrase, short, _quote, _detail) in ISSUES.items():
        day = START
        while day < last:
            t = proposal_thread(issue, day)
            if t.id.startswith("synth-"):
                n = t.id.rsplit("-", 1)[1]
                agreement = "usmca" if t.start >= dt.date(2018, 10, 1) else "nafta"
                threads.append(
                    {
                        "id": t.id,
                        "name": f"Proposal {n} on {short} (synthetic)",
                        "agreement": agreement,
                        "issue": issue,
                    }
                )
            day += dt.timedelta(days=PROPOSAL_EVERY)
    for kind in range(len(THREATS)):
        day = START
        while day < last:
            t = threat_thread(kind, day)
            if t.id.startswith("synth-"):
                n = t.id.rsplit("-", 1)[1]
                threads.append({"id": t.id, "name": f"Trump threat {kind + 1}.{n} (synthetic)"})
            day += dt.timedelta(days=THREAT_EVERY)
    if people != "reference":
        return {"threads": threads}
    actors: list[dict[str, Any]] = [
        {"id": key, "type": "Person", "name": full, "affiliation": affiliation}
        for key, (_first, full, _surname, affiliation) in NEGOTIATORS.items()
    ]
    actors += [
        {"id": f"analyst-{a + 1}", "type": "Person", "name": full}
        for a, (full, _surname, _role) in enumerate(ANALYSTS)
    ]
    return {"actors": actors, "threads": threads}


# people who recur: (id, first mention, surname, affiliation, from)
NEGOTIATORS = {
    "melle": ("chief U.S. negotiator John Melle", "John Melle", "Melle", "united-states"),
    "verheul": ("Canada's chief negotiator Steve Verheul", "Steve Verheul", "Verheul", "canada"),
    "guajardo": (
        "Mexican Economy Minister Ildefonso Guajardo",
        "Ildefonso Guajardo",
        "Guajardo",
        "mexico",
    ),
    "seade": (
        "Jesús Seade, the negotiator of Mexico's incoming government,",
        "Jesús Seade",
        "Seade",
        "mexico",
    ),
}
SEADE_FROM = dt.date(2018, 7, 15)
HOME = {
    "freeland": "ottawa",
    "verheul": "ottawa",
    "guajardo": "mexico-city",
    "seade": "mexico-city",
}
_FIRST = [
    "Maria",
    "David",
    "Laura",
    "Ahmed",
    "Sofia",
    "Daniel",
    "Hannah",
    "Carlos",
    "Emily",
    "Kenji",
]
_LAST = [  # one surname each: a parameter may name an analyst by surname alone
    "Gutiérrez",
    "Okafor",
    "Lindqvist",
    "Brennan",
    "Moreau",
    "Castillo",
    "Nakamura",
    "Feldman",
    "Oduya",
    "Kowalski",
    "Haddad",
    "Ferreira",
    "Novak",
    "Sørensen",
    "Achebe",
    "Delacroix",
    "Whitfield",
    "Yamada",
    "Petrov",
    "Ibáñez",
    "Mbeki",
    "Lorenzen",
    "Quintero",
    "Abernathy",
    "Szabo",
    "Rinaldi",
    "Eriksen",
    "Tanaka",
    "Obuya",
    "Villeneuve",
]
_ROLES = [
    "an economist at the Border Trade Institute",
    "a trade lawyer in Washington",
    "a senior fellow at the Continental Policy Centre",
    "chief economist at a large Canadian bank",
    "a professor of international trade",
    "a consultant to auto parts makers",
]
ANALYSTS = [  # (full name, surname, role): 30 people
    (f"{_FIRST[i % 10]} {last}", last, _ROLES[i % 6]) for i, last in enumerate(_LAST)
]
ANALYST_QUOTES = [
    "Both sides are still far apart on the issues that matter",
    "Investors hate this kind of uncertainty",
    "A deal is possible, but not on this timetable",
    "The auto sector has the most to lose",
    "Nobody wants to be the one who walks away first",
]
ANALYST_CLAUSES = [
    ("markets had so far shrugged off the talks", "Markets have shrugged off the talks."),
    (
        "the proposals on the table would be hard to ratify",
        "The proposals would be hard to ratify.",
    ),
    ("companies were delaying investment decisions", "Companies delay investment."),
    ("a bilateral deal was becoming more likely", "A bilateral deal is more likely."),
]
REBUTTALS = [  # an objection to a quoted statement: words, reason kind, reason clause, summary
    (
        "rejected that assessment",
        "other",
        "saying that the gaps were narrowing",
        "The gaps are narrowing.",
    ),
    (
        "disputed that account of the talks",
        "procedural",
        "saying that Washington had not answered the partners' counter-proposals",
        "Washington has not answered the counter-proposals.",
    ),
]

# -- building a text whose offsets we know ---------------------------------------------------

_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
)  # as kg.loaders.evidence folds them


@dataclass
class Text:
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    length: int = 0  # characters so far, separators included

    def add(self, sentence: str) -> int:
        """Append a sentence to the current paragraph; returns its offset in the text."""
        if self.paragraphs[-1]:
            self.length += 1  # the space between sentences
        offset = self.length
        self.paragraphs[-1].append(sentence)
        self.length += len(sentence)
        return offset

    def new_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])
            self.length += 1  # the newline

    def render(self) -> str:
        return "\n".join(" ".join(p) for p in self.paragraphs if p) + "\n"


@dataclass
class Quote:
    """Words of the text at a known offset, to become `evidence` (or a description)."""

    words: str
    offset: int


def evidence(sentence: str, offset: int, words: str) -> Quote:
    at = sentence.index(words)
    return Quote(words, offset + at)


def _resolve_quotes(obj: Any, text: str, folded: str | None = None) -> Any:
    """Turn Quote objects into strings, adding ``occurrence`` where the words recur."""
    if folded is None:
        folded = text.translate(_FOLD)
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        occurrence = None
        for key, value in obj.items():
            if isinstance(value, Quote):
                assert text[value.offset : value.offset + len(value.words)] == value.words, value
                needle = value.words.translate(_FOLD)
                hits, at = [], folded.find(needle)
                while at != -1:
                    hits.append(at)
                    at = folded.find(needle, at + 1)
                if len(hits) > 1 and key == "evidence":
                    occurrence = hits.index(value.offset) + 1
                elif len(hits) > 1 and key == "description":
                    raise AssertionError(f"description occurs {len(hits)} times: {value.words}")
                out[key] = value.words
            else:
                out[key] = _resolve_quotes(value, text, folded)
        if occurrence is not None:
            out["occurrence"] = occurrence
        return out
    if isinstance(obj, list):
        return [_resolve_quotes(v, text, folded) for v in obj]
    return obj


# -- one article -------------------------------------------------------------------------------


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def day_words(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def article(
    k: int, seed: int, own_threads: bool = True, people: str = "local"
) -> tuple[str, dict[str, Any]]:
    """The article file (front matter + text) and the facts document of article ``k``.

    Without ``own_threads`` only the threads of data/reference/ are named (the corpus then
    loads without OUTDIR/reference.yaml). With ``people="reference"`` the negotiators and
    analysts are actors of OUTDIR/reference.yaml instead of local ``type: Person`` actors of
    each article (the same text and facts otherwise)."""
    rng = random.Random(f"tradekg-synth/{seed}/{k}")
    published = START + dt.timedelta(days=rng.randrange(0, DAYS))
    usmca = published >= dt.date(2018, 10, 1)
    agreement = "usmca" if usmca else "nafta"
    agr = "USMCA" if usmca else "NAFTA"
    round_no = (published - START).days // ROUND_EVERY + 1  # the last round that ended
    host = HOSTS[(round_no - 1) % 3]
    next_host = HOSTS[round_no % 3]
    ended = round_end(round_no)
    on_day = day_words(ended)
    next_month = round_end(round_no + 1)
    issues = rng.sample(list(ISSUES), 2)
    unnamed = rng.choice(UNNAMED)
    speaker = rng.choice(["lighthizer", "trump", "melle"])
    partners = ["freeland", "verheul", "guajardo"] + (["seade"] if published >= SEADE_FROM else [])
    partner_speaker = rng.choice(partners) if rng.random() < 0.7 else None
    t = Text()
    facts: dict[str, Any] = {"article": f"{k}.md"}
    facts["actors"] = [
        {"id": "unnamed-source", "type": "UnnamedSource", "description": None},
        {
            "id": "canada-and-mexico",
            "type": "ActorGroup",
            "name": "Canada and Mexico",
            "members": ["canada", "mexico"],
        },
    ]
    proposals: list[dict[str, Any]] = []
    demands: list[dict[str, Any]] = []
    objections: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    threats: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    mentioned: set[str] = set()

    def name(actor: str) -> str:
        if actor in NEGOTIATORS:
            first, full, later, affiliation = NEGOTIATORS[actor]
            if actor not in mentioned and people == "local":
                facts["actors"].append(
                    {"id": actor, "type": "Person", "name": full, "affiliation": affiliation}
                )
        else:
            first, later = NAMES[actor]
        if actor in mentioned:
            return later
        mentioned.add(actor)
        return first

    def named(thread: Thread) -> str | None:
        return thread.id if own_threads or not thread.id.startswith("synth-") else None

    def report_changes(of: str, thread: Thread, what: str) -> None:
        """The status changes of ``thread`` before publication, each with a chance of 60 %."""
        for status, day in thread.changes:
            if day >= published or rng.random() >= 0.6:
                continue
            words = f"{what} was {CHANGE_WORDS[status]} on {day_words(day)}"
            at = t.add(words + ".")
            change: dict[str, Any] = {
                "id": f"{of.split('/')[-1]}-{status}",
                "of": of,
                "status": status,
            }
            if status == "withdrawn":
                change["by"] = thread.proposer
            change["evidence"] = evidence(words, at, words)
            change["when"] = {"phrase": day_words(day), "date": day.isoformat()}
            changes.append(change)

    # 1. the lede: a round ended (event, day precision) in a place; the outlet's verdict
    outcome, outcome_summary = rng.choice(OUTCOMES)
    talks = f"the talks to {'renegotiate' if not usmca else 'finalize'} {agr}"
    round_words = f"the {ORDINALS[round_no - 1]} round of {talks}"
    s = (
        f"Negotiators from the United States, Canada and Mexico wrapped up {round_words} "
        f"in {PLACES[host]} on {on_day}, {outcome}."
    )
    mentioned.update({"united-states", "canada", "mexico"})
    at = t.add(s)
    events.append(
        {
            "id": "negotiation",
            "type": "Negotiation",
            "negotiation": NEGOTIATION,
            "name": f"{agr} {'renegotiation' if not usmca else 'negotiation'}",
            "agreement": agreement,
            "participants": ["united-states", "canada", "mexico"],
            "status": "occurred",
            "evidence": evidence(s, at, talks),
        }
    )
    events.append(
        {
            "id": f"round-{round_no}",
            "type": "NegotiationRound",
            "name": f"Round {round_no} of the {agr} talks",
            "round": round_no,
            "part_of": "negotiation",
            "participants": ["united-states", "canada", "mexico"],
            "where": host,
            "status": "occurred",
            "evidence": evidence(s, at, f"wrapped up {round_words} in {PLACES[host]} on {on_day}"),
            "when": {"phrase": on_day, "date": ended.isoformat()},
        }
    )
    statements.append(
        {
            "id": "outlet-outcome",
            "summary": outcome_summary,
            "evidence": evidence(
                s, at, f"wrapped up {round_words} in {PLACES[host]} on {on_day}, {outcome}"
            ),
        }
    )

    # 2. the two proposals (the threads current at publication), each demanded (one in a
    # quote, one according to an unnamed source), and what became of them so far
    t.new_paragraph()
    for n, issue in enumerate(issues):
        phrase, short, demand_quote, detail = ISSUES[issue]
        thread = proposal_thread(issue, published)
        proposer = thread.proposer
        who = name(proposer)
        s = f"{cap(who)} has proposed {phrase}, {detail}."
        at = t.add(s)
        proposals.append(
            {
                "id": issue,
                "thread": named(thread),
                "proposer": proposer,
                "issue": issue,
                "agreement": agreement,
                "summary": f"{cap(NAMES[proposer][0])} proposes a change on {short}.",
                "evidence": evidence(s, at, f"{cap(who)} has proposed {phrase}"),
            }
        )
        if n == 0:
            sp = name(speaker)
            s = f"\u201c{demand_quote},\u201d {sp} said on {on_day}."
            at = t.add(s)
            demands.append(
                {
                    "id": issue,
                    "by": speaker,
                    "proposal": issue,
                    "summary": f"{sp.split()[-1]} insists on {short}.",
                    "mode": "direct-quote",
                    "verb": "said",
                    "evidence": evidence(s, at, demand_quote),
                    "when": {"phrase": on_day, "date": ended.isoformat()},
                }
            )
        else:
            by = rng.choice(US_SIDE)
            who = name(by)
            s = f"{cap(who)} is insisting on {short} in any new deal, according to {unnamed}."
            at = t.add(s)
            facts["actors"][0]["description"] = evidence(s, at, unnamed)
            demands.append(
                {
                    "id": issue,
                    "by": by,
                    "proposal": issue,
                    "source": "unnamed-source",
                    "mode": "paraphrase",
                    "verb": "according to",
                    "evidence": evidence(
                        s, at, f"{cap(who)} is insisting on {short} in any new deal"
                    ),
                }
            )
        report_changes(f"proposal/{issue}", thread, f"The proposal on {short}")

    # 3. objections: the partners as a group (with a reason), and one partner (quote or reason)
    t.new_paragraph()
    reasons = rng.sample(REASONS, 2)
    p0, p1 = proposals[0]["id"], proposals[1]["id"]
    kind, clause, summary = reasons[0]
    s = f"Canada and Mexico have rejected the proposal on {ISSUES[p0][1]}, {clause}."
    at = t.add(s)
    objections.append(
        {
            "id": f"{p0}-group",
            "kind": "rejection",
            "by": "canada-and-mexico",
            "proposal": p0,
            "summary": f"Canada and Mexico reject the proposal on {ISSUES[p0][1]}.",
            "evidence": evidence(
                s, at, f"Canada and Mexico have rejected the proposal on {ISSUES[p0][1]}"
            ),
            "reason": {"summary": summary, "kind": kind, "evidence": evidence(s, at, clause)},
        }
    )
    if partner_speaker:
        quote = rng.choice(OBJECTION_QUOTES)
        sp = name(partner_speaker)
        place = HOME[partner_speaker]
        s = f"\u201c{quote},\u201d {sp} told reporters in {PLACES[place]} on {on_day}."
        at = t.add(s)
        objections.append(
            {
                "id": f"{p1}-{partner_speaker}",
                "by": partner_speaker,
                "proposal": p1,
                "summary": f"{sp.split()[-1]} objects to the proposal on {ISSUES[p1][1]}.",
                "mode": "direct-quote",
                "verb": "told reporters",
                "evidence": evidence(s, at, quote),
                "when": {"phrase": on_day, "date": ended.isoformat()},
                "where": place,
            }
        )
    else:
        objector = rng.choice(["canada", "mexico"])
        kind, clause, summary = reasons[1]
        who = name(objector)
        s = f"{cap(who)} also objected to {ISSUES[p1][1]}, {clause}."
        at = t.add(s)
        objections.append(
            {
                "id": f"{p1}-{objector}",
                "by": objector,
                "proposal": p1,
                "summary": f"{NAMES[objector][0]} objects to {ISSUES[p1][1]}.",
                "evidence": evidence(s, at, f"{cap(who)} also objected to {ISSUES[p1][1]}"),
                "reason": {"summary": summary, "kind": kind, "evidence": evidence(s, at, clause)},
            }
        )

    # 4. statements: a direct quote (sometimes rejected by a partner) and a paraphrase;
    # sometimes an analyst; sometimes a threat
    t.new_paragraph()
    quote, summary = rng.choice(QUOTES)
    sp = name(speaker)
    s = f"\u201c{quote},\u201d {sp} told reporters."
    at = t.add(s)
    statements.append(
        {
            "id": f"{speaker}-quote",
            "by": speaker,
            "summary": summary,
            "mode": "direct-quote",
            "verb": "told reporters",
            "evidence": evidence(s, at, quote),
        }
    )
    if rng.random() < 0.35:
        rebutter = rng.choice(partners)
        words, kind, clause, summary = rng.choice(REBUTTALS)
        who = name(rebutter)
        s = f"{cap(who)} {words}, {clause}."
        at = t.add(s)
        objections.append(
            {
                "id": f"{speaker}-quote-{rebutter}",
                "kind": "rejection",
                "by": rebutter,
                "about": f"{speaker}-quote",
                "summary": f"{who.split()[-1]} rejects what {sp.split()[-1]} said.",
                "evidence": evidence(s, at, f"{cap(who)} {words}"),
                "reason": {"summary": summary, "kind": kind, "evidence": evidence(s, at, clause)},
            }
        )
    clause, summary = rng.choice(PARAPHRASES)
    para_speaker = rng.choice(["lighthizer", "trump", "melle", *partners])
    sp = name(para_speaker)
    s = f"{cap(sp)} said that {clause}."
    at = t.add(s)
    statements.append(
        {
            "id": f"{para_speaker}-paraphrase",
            "by": para_speaker,
            "summary": summary,
            "mode": "paraphrase",
            "verb": "said",
            "evidence": evidence(s, at, f"said that {clause}"),
        }
    )
    if rng.random() < 0.6:
        a = rng.randrange(len(ANALYSTS))
        full, surname, role = ANALYSTS[a]
        analyst = f"analyst-{a + 1}"
        if people == "local":
            facts["actors"].append({"id": analyst, "type": "Person", "name": full})
        quote = rng.choice(ANALYST_QUOTES)
        s = f"\u201c{quote},\u201d said {full}, {role}."
        at = t.add(s)
        statements.append(
            {
                "id": f"{analyst}-quote",
                "by": analyst,
                "summary": f"{quote}.",
                "mode": "direct-quote",
                "verb": "said",
                "evidence": evidence(s, at, quote),
            }
        )
        clause, summary = rng.choice(ANALYST_CLAUSES)
        s = f"{surname} added that {clause}."
        at = t.add(s)
        statements.append(
            {
                "id": f"{analyst}-paraphrase",
                "by": analyst,
                "summary": summary,
                "mode": "paraphrase",
                "verb": "added",
                "evidence": evidence(s, at, f"{surname} added that {clause}"),
            }
        )
    if rng.random() < 0.4:
        kind_no = rng.randrange(len(THREATS))
        action, condition, words = THREATS[kind_no]
        thread = threat_thread(kind_no, published)
        status, due = thread.changes[-1]
        due_month = MONTHS[due.month - 1]
        sp = name("trump")
        s = f"{cap(sp)} has repeatedly threatened to {words} by {due_month}."
        at = t.add(s)
        threats.append(
            {
                "id": "trump-threat",
                "thread": named(thread),
                "by": "trump",
                "action": action,
                "condition": condition,
                "summary": "Trump threatens to act if the talks do not go his way.",
                "evidence": evidence(s, at, f"threatened to {words}"),
                "when": {"phrase": "repeatedly"},
                "deadline": {"phrase": due_month, "date": f"{due:%Y-%m}"},
            }
        )
        report_changes("threat/trump-threat", thread, "That threat")

    # 5. what comes next: the next round (month precision), sometimes a milestone (year)
    t.new_paragraph()
    month = MONTHS[next_month.month - 1]
    s = (
        f"The next round is scheduled to take place in {PLACES[next_host]} in {month}, "
        f"{name('lighthizer')} said."
    )
    at = t.add(s)
    events.append(
        {
            "id": f"round-{round_no + 1}",
            "type": "NegotiationRound",
            "name": f"Round {round_no + 1} of the {agr} talks",
            "round": round_no + 1,
            "part_of": "negotiation",
            "participants": ["united-states", "canada", "mexico"],
            "where": next_host,
            "status": "scheduled",
            "source": "lighthizer",
            "mode": "paraphrase",
            "verb": "said",
            "evidence": evidence(
                s,
                at,
                f"The next round is scheduled to take place in {PLACES[next_host]} in {month}",
            ),
            "when": {"phrase": month, "date": f"{next_month:%Y-%m}"},
        }
    )
    if rng.random() < 0.5:
        s = (
            "Officials on all sides said they still hope to conclude a deal before the end of "
            "the year."
        )
        at = t.add(s)
        events.append(
            {
                "id": "deal-by-year-end",
                "type": "Milestone",
                "name": "A deal hoped for before the end of the year",
                "part_of": "negotiation",
                "participants": ["united-states", "canada", "mexico"],
                "status": "expected",
                "evidence": evidence(
                    s, at, "they still hope to conclude a deal before the end of the year"
                ),
                "when": {"phrase": "before the end of the year", "date": str(published.year)},
            }
        )

    text = t.render()
    for section, items in (
        ("proposals", proposals),
        ("demands", demands),
        ("objections", objections),
        ("statements", statements),
        ("threats", threats),
        ("changes", changes),
        ("events", events),
    ):
        if items:
            facts[section] = items
    for fact in (*proposals, *threats):
        if fact["thread"] is None:
            del fact["thread"]
    facts = _resolve_quotes(facts, text)
    title = rng.choice(TITLES).format(
        Agr=agr, ordinal=ORDINALS[round_no - 1], issue=ISSUES[issues[0]][1]
    )
    header = {
        "url": f"https://news.example.org/{published:%Y/%m/%d}/trade-talks-{k}",
        "title": cap(title),
        "publisher": rng.choice(PUBLISHERS),
        "published": published,
        "language": "en",
    }
    front = yaml.dump(header, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{text}", facts


def write_corpus(
    out: Path,
    n: int,
    seed: int = 0,
    start: int = 0,
    own_threads: bool = True,
    people: str = "local",
) -> None:
    """Articles ``start`` .. ``n - 1`` and OUTDIR/reference.yaml (see ``article`` for
    ``own_threads``)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / REFERENCE).write_text(
        "# the threads of the synthetic corpus that data/reference/ does not list "
        "(benchmarks/synth.py)\n"
        + yaml.dump(
            reference_data(people), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000
        ),
        encoding="utf-8",
    )
    for k in range(start, n):
        text, facts = article(k, seed, own_threads, people)
        (out / f"{k}.md").write_text(text, encoding="utf-8")
        (out / f"{k}.facts.yaml").write_text(
            "# synthetic facts (benchmarks/synth.py)\n"
            + yaml.dump(facts, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000),
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--articles", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--people",
        choices=("local", "reference"),
        default="local",
        help="negotiators and analysts as local Person actors of each article (as articles "
        "met for the first time are), or as actors of OUTDIR/reference.yaml [local]",
    )
    args = parser.parse_args(argv)
    write_corpus(args.outdir, args.articles, args.seed, people=args.people)
    print(
        f"wrote {args.articles} articles (seed {args.seed}) to {args.outdir}; "
        f"ingest with --reference {args.outdir / REFERENCE}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
