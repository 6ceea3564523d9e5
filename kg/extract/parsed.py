"""The parse path (issue 11 item 3): proposals, demands and objections read from a spaCy
dependency parse, in the sentences where the rules of kg.extract.acts drafted none.

Used only when the lexicon has a spaCy pipeline (``--nlp``, ``tradekg[nlp]``): stage 1 parses
the text once and keeps the parse; the acts stage calls ``ParsedActs.sentence`` for each
sentence after the rules, before the finder resolves its open targets, so what the parse finds
goes through the same targets, parties and merging as what the rules find.

- ``parse-objection`` / ``parse-rejection``: the subject of an objection verb ("Farm groups
  slammed the deal", "the plan was rejected by India", "refused to sign the pact") or of "is
  concerned about", "remains wary of", with the verb's object, its clause or the object of its
  particle ("objected to", "balked at") as the words the objection is about;
- ``parse-demand``: the subject of a proposal or demand verb ("proposed to launch a dialogue",
  "called for ...", "urged Brussels to drop its duties", "the plan put forward by Canada"),
  with the object and its clause as the proposal.

The subject is the actor a mention of stage 2 covers; a government, ministry or officials
named with their country ("the Belgian federal government", "officials in Peru") are that
country; "he"/"she" is who the speakers stage is sure of, "it"/"they" the subject of the
sentence before when a mention covers it; otherwise a noun phrase that is clearly an actor
becomes one local to the article: a named organisation ("the farm lobby Agri Norte"), a
collective with modifiers ("Brazil's farm sector", "French-speaking regional authorities"), or
people of a kind ("British farmers", "a group of 28 NGOs") as an unnamed source. Anything else
(a pronoun no one is sure of, "the union" alone, a thing) names nobody, and nothing is
drafted. Negated verbs, questions and participles with no one named draft nothing. A parse is
deterministic: the same text and pipeline give the same draft.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import Any

from kg.extract.acts import ActFinder
from kg.extract.mentions import Actor, Mention, local_actor, slug
from kg.extract.text import Sentence

# lemma -> (kind, particle the verb needs or None): "object to", "balk at"
OBJECTION_VERBS: dict[str, tuple[str, str | None]] = {
    "reject": ("rejection", None),
    "refuse": ("rejection", None),
    "veto": ("rejection", None),
    "rebuff": ("rejection", None),
    "spurn": ("rejection", None),
    "block": ("rejection", None),
    "oppose": ("objection", None),
    "object": ("objection", "to"),
    "criticise": ("objection", None),
    "criticize": ("objection", None),
    "slam": ("objection", None),
    "resist": ("objection", None),
    "balk": ("objection", "at"),
    "baulk": ("objection", "at"),
    "denounce": ("objection", None),
    "condemn": ("objection", None),
    "decry": ("objection", None),
    "protest": ("objection", None),
    "blast": ("objection", None),
    "lambast": ("objection", None),
    "challenge": ("objection", None),
    "contest": ("objection", None),
    "fight": ("objection", None),
    "dismiss": ("rejection", None),
}
# verbs that object with "against": "voted against", "lobbied against", "warned against"
AGAINST_VERBS = frozenset(
    {
        "vote",
        "lobby",
        "campaign",
        "warn",
        "argue",
        "protest",
        "push",
        "rail",
        "speak",
        "fight",
        "appeal",
        "come",
    }
)
# lemma -> particle the verb needs (None: a direct object or a clause)
PROPOSAL_VERBS: dict[str, str | None] = {
    "propose": None,
    "offer": None,
    "table": None,
    "demand": None,
    "seek": None,
    "want": None,
    "urge": None,
    "request": None,
    "recommend": None,
    "suggest": None,
    "advocate": None,
    "unveil": None,
    "float": None,
    "call": "for",
    "push": "for",
    "press": "for",
    "ask": "for",
    "lobby": "for",
    "insist": "on",
}
# words that say someone is against something after "is", "were", "remains": the words
# after which they name it ("concerned about the quota", "wary of the offer")
OBJECTING: dict[str, tuple[str, ...]] = {
    "concerned": ("about", "over"),
    "worried": ("about", "over"),
    "critical": ("of",),
    "opposed": ("to",),
    "unhappy": ("with", "about"),
    "wary": ("of",),
    "sceptical": ("of", "about"),
    "skeptical": ("of", "about"),
    "angry": ("about", "over", "at"),
}

# every form of those verbs, written out (the pipeline runs without its lemmatizer)
FORMS: dict[str, tuple[str, ...]] = {
    "reject": ("rejects", "rejected", "rejecting"),
    "refuse": ("refuses", "refused", "refusing"),
    "veto": ("vetoes", "vetoed", "vetoing"),
    "rebuff": ("rebuffs", "rebuffed", "rebuffing"),
    "spurn": ("spurns", "spurned", "spurning"),
    "block": ("blocks", "blocked", "blocking"),
    "oppose": ("opposes", "opposed", "opposing"),
    "object": ("objects", "objected", "objecting"),
    "criticise": ("criticises", "criticised", "criticising"),
    "criticize": ("criticizes", "criticized", "criticizing"),
    "slam": ("slams", "slammed", "slamming"),
    "resist": ("resists", "resisted", "resisting"),
    "balk": ("balks", "balked", "balking"),
    "baulk": ("baulks", "baulked", "baulking"),
    "denounce": ("denounces", "denounced", "denouncing"),
    "condemn": ("condemns", "condemned", "condemning"),
    "decry": ("decries", "decried", "decrying"),
    "protest": ("protests", "protested", "protesting"),
    "blast": ("blasts", "blasted", "blasting"),
    "lambast": ("lambasts", "lambasted", "lambasting"),
    "challenge": ("challenges", "challenged", "challenging"),
    "contest": ("contests", "contested", "contesting"),
    "fight": ("fights", "fought", "fighting"),
    "dismiss": ("dismisses", "dismissed", "dismissing"),
    "propose": ("proposes", "proposed", "proposing"),
    "offer": ("offers", "offered", "offering"),
    "table": ("tables", "tabled", "tabling"),
    "demand": ("demands", "demanded", "demanding"),
    "seek": ("seeks", "sought", "seeking"),
    "want": ("wants", "wanted", "wanting"),
    "urge": ("urges", "urged", "urging"),
    "request": ("requests", "requested", "requesting"),
    "recommend": ("recommends", "recommended", "recommending"),
    "suggest": ("suggests", "suggested", "suggesting"),
    "advocate": ("advocates", "advocated", "advocating"),
    "unveil": ("unveils", "unveiled", "unveiling"),
    "float": ("floats", "floated", "floating"),
    "call": ("calls", "called", "calling"),
    "push": ("pushes", "pushed", "pushing"),
    "press": ("presses", "pressed", "pressing"),
    "ask": ("asks", "asked", "asking"),
    "lobby": ("lobbies", "lobbied", "lobbying"),
    "insist": ("insists", "insisted", "insisting"),
    "put": ("puts", "putting"),
    "vote": ("votes", "voted", "voting"),
    "campaign": ("campaigns", "campaigned", "campaigning"),
    "warn": ("warns", "warned", "warning"),
    "argue": ("argues", "argued", "arguing"),
    "rail": ("rails", "railed", "railing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "appeal": ("appeals", "appealed", "appealing"),
    "come": ("comes", "came", "coming"),
}
LEMMAS = {form: lemma for lemma, forms in FORMS.items() for form in (lemma, *forms)}

# verbs that ask someone else to act: the one asked, then what ("urged Brussels to drop ...")
ASKING = frozenset({"urge", "ask", "press", "push", "lobby", "call", "want", "request"})
# a phrasal verb's particle is its own word: "put forward" a proposal
PHRASAL = {("put", "forward"): "propose", ("call", "on"): "call"}

# head nouns of a government's own bodies: "the Belgian federal government" is Belgium
GOVERNMENT_HEADS = frozenset(
    {
        "government",
        "administration",
        "ministry",
        "cabinet",
        "authorities",
        "officials",
        "negotiators",
        "negotiator",
        "delegation",
        "side",
        "ministers",
    }
)
# head nouns of a group of people that can object or propose: a new actor by its noun phrase
GROUP_HEADS = frozenset(
    {
        "farmers",
        "farmer",
        "producers",
        "growers",
        "exporters",
        "importers",
        "manufacturers",
        "industry",
        "industries",
        "sector",
        "union",
        "unions",
        "lobby",
        "lobbies",
        "association",
        "federation",
        "council",
        "chamber",
        "group",
        "groups",
        "ngos",
        "campaigners",
        "activists",
        "authorities",
        "lawmakers",
        "legislators",
        "businesses",
        "companies",
        "automakers",
        "carmakers",
        "steelmakers",
        "fishermen",
        "workers",
        "coalition",
        "alliance",
        "parliament",
        "parties",
    }
)
_PRONOUNS = frozenset({"he", "she"})
_OF_HEADS = frozenset({"group", "coalition", "alliance", "representatives", "members"})
# bodies of a government named by their kind: "regional authorities", "the Walloon parliament"
_BODIES = frozenset({"authorities", "parliament"})
# a clause's subject (a passive's is what is done, not who does it)
_SUBJECT_DEPS = ("nsubj", "csubj")


class ParsedActs:
    """Reads a sentence's parse and drafts through an ActFinder (its targets and parties)."""

    def __init__(self, doc: Any, finder: ActFinder) -> None:
        self.doc, self.finder = doc, finder
        self.text = finder.text
        self.mentions = finder.mentions
        self._new: dict[str, Actor] = {}
        # the spans of what the finder has drafted, by start (it only appends until finish())
        self._spans: list[tuple[int, int, str]] = []
        self._seen = (0, 0)
        self._longest = 0

    # --- where the rules drafted nothing -----------------------------------------------
    def _drafted(self, s: Sentence, sections: tuple[str, ...]) -> bool:
        facts, proposals = self.finder.facts, self.finder.proposals
        for f in (*facts[self._seen[0] :], *proposals[self._seen[1] :]):
            insort(self._spans, (f.start, f.end, f.section))
            self._longest = max(self._longest, f.end - f.start)
        self._seen = (len(facts), len(proposals))
        i = bisect_left(self._spans, (s.end,))  # every span that starts before the sentence ends
        while i > 0 and self._spans[i - 1][0] > s.start - self._longest:
            i -= 1
            start, end, section = self._spans[i]
            if section in sections and s.start < end:
                return True
        return False

    def sentence(self, s: Sentence, quote_spans: list[tuple[int, int]]) -> None:
        span = self.doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            return
        objections = not self._drafted(s, ("objections",))
        proposals = not self._drafted(s, ("proposals", "demands"))
        if not (objections or proposals) or self.text[s.start : s.end].rstrip().endswith("?"):
            return  # a question asks what a party will do: it says nothing done
        for token in span:
            if any(a <= token.idx < b for a, b in quote_spans):
                continue  # a quotation's acts are its speaker's (kg.extract.acts.quoted)
            if objections and token.dep_ == "acomp" and token.lower_ in OBJECTING:
                self._objecting(s, token)
                continue
            if not token.tag_.startswith("VB"):
                continue
            lemma = LEMMAS.get(token.lower_)
            if lemma is None or _negated(token):
                continue  # "did not reject", "never proposed": no act
            particle = _particle(token)
            if particle is not None and (lemma, particle.lower_) in PHRASAL:
                lemma = PHRASAL[lemma, particle.lower_]
            if objections and (
                lemma in OBJECTION_VERBS
                or (lemma in AGAINST_VERBS and _particle(token, "against") is not None)
            ):
                self._objection(s, span, token, lemma)
            elif proposals and lemma in PROPOSAL_VERBS:
                self._proposal(s, span, token, lemma)

    # --- the parts of a clause ---------------------------------------------------------
    def _subject(self, verb: Any) -> Any | None:
        """The token that does what ``verb`` says: its subject, the agent of a passive or
        of a participle ("the plan proposed by Canada"), or the subject of the verb it is
        joined to ("slammed the deal and rejected ..."), or the one asked to do it ("urged
        Canada to reject ...")."""
        v = verb
        for _ in range(4):
            for child in v.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return child
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    return objs[0] if objs else None
            if any(c.dep_ in ("nsubjpass", "csubjpass") for c in v.children):
                return None  # a passive with no "by": who did it is unsaid
            if v.dep_ == "conj" and v.head.tag_.startswith(("VB", "MD")):
                v = v.head
                continue
            if v.dep_ == "xcomp":
                asked = [c for c in v.head.children if c.dep_ in ("dobj", "obj")]
                if asked:
                    return asked[0]  # "urged Canada to reject": Canada rejects
                v = v.head  # "refused to sign", "wants to push for"
                continue
            return None
        return None

    def _object(self, verb: Any, particle: str | None) -> tuple[int, int] | None:
        """The words the verb is about: the object of its particle when it needs one, else
        its direct object, clause or the subject of its passive, from their first to last
        word."""
        parts = []
        for child in verb.children:
            if particle is not None:
                if child.dep_ in ("prep", "prt") and child.lower_ == particle:
                    parts += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                continue
            if child.dep_ in ("dobj", "obj", "xcomp", "ccomp", "nsubjpass", "attr"):
                parts.append(child)
        if particle is None and verb.dep_ == "acl" and verb.head.tag_.startswith("NN"):
            # "the plan proposed by Canada": the noun the participle describes
            return _trimmed(self.text, verb.head.left_edge.idx, verb.head.idx + len(verb.head))
        if not parts:
            return None
        start = min(p.left_edge.idx for p in parts)
        last = max(parts, key=lambda p: p.right_edge.i).right_edge
        return _trimmed(self.text, start, last.idx + len(last))

    # --- who ----------------------------------------------------------------------------
    def _actor(self, s: Sentence, token: Any) -> Mention | None:
        """The actor a subject token stands for, or None when it is no clear actor."""
        at = self.mentions.at(token.idx)
        if at is not None and at.actor.kind != "UnnamedSource":
            return at
        lower = token.lower_
        if lower in _PRONOUNS:
            resolved = self.finder.speakers.resolve(token.text, token.idx, max(0, token.idx - 1500))
            if resolved is None or resolved[1] < 0.9:
                return None
            return Mention(token.idx, token.idx + len(token), resolved[0], "pronoun")
        if lower in ("it", "they"):
            return self._last_subject(s, token)
        if token.tag_ in ("PRP", "PRP$", "WP", "WDT", "EX"):
            return None
        # a mention inside the noun phrase: "India's trade ministry", "the Belgian government"
        start, end = token.left_edge.idx, token.idx + len(token)
        inside = self.mentions.within(start, end)
        if lower in GOVERNMENT_HEADS and not inside:
            # "officials in Wellington", "ministers from Poland": the place after them
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of"):
                    last = prep.right_edge
                    inside = self.mentions.within(prep.idx, last.idx + len(last))
                    break
        if lower in GOVERNMENT_HEADS and inside:
            country = [m for m in inside if m.actor.kind == "Country"]
            if len(country) == 1:
                return Mention(country[0].start, end, country[0].actor, country[0].via)
        described = token.left_edge.idx  # "A group of 28 NGOs": an unnamed group's words
        if lower in _OF_HEADS:
            # "a group of 28 NGOs": the NGOs
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            inner = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            if not inner:
                return None
            token = inner[0]
            lower = token.lower_
            at = self.mentions.at(token.idx)
            if at is not None and at.actor.kind != "UnnamedSource":
                return at
            start, end = token.left_edge.idx, token.idx + len(token)
        named = _proper_name(token)
        if named is not None:
            # "the farm lobby Agri Norte", "the Conservative Party": the name
            return self._local(named[0].idx, named[-1].idx + len(named[-1]), "InterestGroup")
        if lower not in GROUP_HEADS:
            return None
        if token.tag_ in ("NNS", "NNPS") and lower not in _BODIES:
            # "British farmers", "a group of 28 NGOs": people of a kind, as the dev sets
            # annotate them, an unnamed source (of the country the words name)
            return self._unnamed(described, end, inside)
        first = token.left_edge
        while first.i < token.i and first.dep_ in ("det", "nummod", "predet", "quantmod"):
            first = self.doc[first.i + 1]
        start = first.idx
        if len(self.text[start:end].split()) < 2:
            return None  # "the union", "the industry": which one is unsaid
        kind = "GovernmentBody" if lower in _BODIES else "InterestGroup"
        return self._local(start, end, kind)

    def _unnamed(self, start: int, end: int, inside: list[Mention]) -> Mention:
        description = " ".join(self.text[start:end].split())
        countries = {m.actor.key for m in inside if m.actor.kind == "Country"}
        actor = self._new.get(description) or Actor(
            "source-" + slug(description)[:48].strip("-"),
            "UnnamedSource",
            description,
            True,
            affiliation=countries.pop() if len(countries) == 1 else None,
            found_by="parse",
        )
        self._new[description] = actor
        return Mention(start, end, actor, "parse")

    def _last_subject(self, s: Sentence, token: Any) -> Mention | None:
        """ "It has proposed ...": the country, bloc or body that is the subject of the
        sentence before (its main verb's), when a mention covers it; else nobody."""
        span = self.doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return None
        before = self.doc[span.start - 1].sent
        root = before.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        m = self.mentions.at(subject.idx)
        if m is None or m.actor.kind not in ("Country", "Organization", "GovernmentBody"):
            return None
        if (token.lower_ == "they") != (subject.tag_ in ("NNS", "NNPS")):
            return None  # "they" for a plural ("the authorities"), "it" for one
        return Mention(token.idx, token.idx + len(token), m.actor, "pronoun")

    def _local(self, start: int, end: int, kind: str) -> Mention:
        name = " ".join(self.text[start:end].split())
        actor = self._new.get(name) or local_actor(kind, name, "parse")
        self._new[name] = actor
        return Mention(start, end, actor, "parse")

    # --- the acts -------------------------------------------------------------------------
    def _objection(self, s: Sentence, span: Any, verb: Any, lemma: str) -> None:
        kind, particle = OBJECTION_VERBS.get(lemma, ("objection", "against"))
        if particle is not None and _particle(verb, particle) is None:
            return
        if verb.dep_ == "amod" or _passive_participle(verb):
            return  # "the rejected plan", "a plan, rejected last year,": no one named
        subject = self._subject(verb)
        if subject is None:
            return
        agent = self._actor(s, subject)
        obj = self._object(verb, particle)
        if agent is None or obj is None:
            return
        v = (verb.idx, verb.idx + len(verb), verb.text)
        rule = "parse-rejection" if kind == "rejection" else "parse-objection"
        self.finder._objection(kind, rule, s, agent, v, obj, None)

    def _objecting(self, s: Sentence, word: Any) -> None:
        """ "British growers were concerned about the quota": the subject of the verb before
        the word objects to what follows its preposition."""
        verb = word.head
        if _negated(verb) or _negated(word):
            return
        obj = self._object(word, next((c.lower_ for c in word.children if c.dep_ == "prep"), ""))
        if obj is None or not any(
            c.dep_ == "prep" and c.lower_ in OBJECTING[word.lower_] for c in word.children
        ):
            return
        subject = self._subject(verb)
        agent = self._actor(s, subject) if subject is not None else None
        if agent is None:
            return
        v = (verb.idx, word.idx + len(word), self.text[verb.idx : word.idx + len(word)])
        self.finder._objection("objection", "parse-objection", s, agent, v, obj, None)

    def _proposal(self, s: Sentence, span: Any, verb: Any, lemma: str) -> None:
        particle = PROPOSAL_VERBS[lemma]
        if particle is not None and _particle(verb, particle) is None:
            if lemma not in ASKING:
                return
            particle = None  # "urged the EU to ...", "pushed to ..."
        if verb.dep_ == "amod":
            return  # "the proposed deal"
        if _passive_participle(verb):
            return  # "Fenwick, asked whether ...": the one asked, not the one who asks
        subject = self._subject(verb)
        if subject is None:
            return
        agent = self._actor(s, subject)
        obj = self._object(verb, particle)
        if agent is None or obj is None or obj[1] - obj[0] < 8:
            return
        if _VAGUE.fullmatch(self.text[obj[0] : obj[1]]):
            return  # "could offer anything": nothing named
        if any(
            c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") for m in c.children)
            for c in verb.children
        ):
            return  # "asked whether a deal was possible": a question, no demand
        if lemma in ASKING and particle is None:
            # what the one asked is to do: "urged Brussels to drop its duties"
            xcomp = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
            if not xcomp and lemma != "want":
                return  # "asked a question", "pushed the bill": no demand
        finder = self.finder
        proposal = finder._proposal(agent.actor, obj[0], obj[1], "parse-demand", 0.65)
        fields: dict[str, object] = {"by": agent.actor.key, "proposal": proposal.key}
        evidence = (min(agent.start, obj[0]), max(agent.end, obj[1]))
        finder._act(
            "demands", proposal.key, "parse-demand", 0.65, evidence, fields, agent.actor, None
        )
        # "urged Manila to lift its ban": an objection to that measure as well
        finder._removal(s, agent, proposal, evidence, None)


def _particle(verb: Any, word: str | None = None) -> Any | None:
    """The verb's particle or preposition (``word`` if given): "objected to", "put forward"."""
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and (word is None or child.lower_ == word):
            if word is None and child.dep_ != "prt":
                continue
            return child
    return None


def _negated(verb: Any) -> bool:
    """ "did not reject", "has never opposed", "does not want to propose"."""
    v = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in v.children):
            return True
        if v.dep_ != "xcomp":
            return False
        v = v.head
    return False


# words that end an organisation's proper name: "the Conservative Party"
_NAME_HEADS = frozenset(
    {
        "party",
        "association",
        "federation",
        "council",
        "chamber",
        "alliance",
        "coalition",
        "union",
        "institute",
        "confederation",
        "forum",
        "league",
        "lobby",
        "caucus",
    }
)


def _proper_name(token: Any) -> list[Any] | None:
    """The proper name a subject gives its group: its own words when it is a capitalised name
    ending in a group's noun ("the Conservative Party"), or the capitalised name in apposition
    to a group's noun ("the farm lobby Agri Norte", "Unifor, the union,")."""
    if token.tag_ == "NNP":
        words = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ == "NNP"]
        if token.lower_ in _NAME_HEADS and words:
            return [*words, token]
        if any(c.dep_ in ("compound", "appos") and c.lower_ in GROUP_HEADS for c in token.children):
            return [*words, token]
        return None
    if token.lower_ in GROUP_HEADS:
        for c in token.children:
            if c.dep_ in ("appos", "compound") and c.tag_ == "NNP" and c.i > token.i:
                return [*(w for w in c.lefts if w.dep_ == "compound" and w.tag_ == "NNP"), c]
    return None


def _passive_participle(verb: Any) -> bool:
    """ "Fenwick, asked whether ...", "the plan, rejected in May,": a past participle with
    no "has" or "is" before it and no "by": what is done to someone, by someone unnamed."""
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "conj":  # "has slammed the deal and rejected the plan"
        return _passive_participle(verb.head)
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    return not any(c.dep_ in ("aux", "nsubj") for c in children)


_VAGUE = re.compile(
    r"(?i)(?:anything|nothing|something|everything|it|them|this|that|more|much|little)"
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end
