"""Speech acts read from verbs and nouns of the lexicon: demands and the proposals they make,
objections and rejections with their target and reason, threats and support.

Rules:

- ``demand-verb``: X demanded / proposed / is pushing to / called for ... (a proposal per
  "to ..." clause, its issue from the issue lexicon)
- ``demand-noun``: X's demand(s)/proposal to|for ...: a proposal by X, and the demand
- ``objection-verb`` / ``rejection-verb``: X resisted / opposed / rejected ...; the target is a
  proposal the words name (a demand noun, or the issue of a proposal already drafted)
- ``rejection-quote``: "... we cannot agree to ..." inside a speaker's quotation
- ``objection-legal``: X launched an appeal / filed a complaint to|with|under ...
- ``objection-verdict``: X concluded it discriminates / said the new tax is inconsistent ...
- ``measure-verb``: X imposed / will impose / is exempting ... tariffs, duties, a quota; X will
  withdraw from an agreement: the measure is X's proposal, for objections to target
- an objection whose words name no proposal drafted before it targets, once the whole text is
  read, the first measure of the party its words name, or the nearest of their issue, or (when
  they name neither) the one earlier proposal of another party that shares two content words
  with them; never a government's own
- ``threat-verb`` / ``threat-noun``: X threatened to ... / X's threats to ...
- ``support-verb``: X supports/backed ..., only when the words name a proposal or an issue
- ``reason-arguing``: ", arguing that ..." / ", saying ..." / "because ..." after an objection
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partialmethod

from kg.extract.facts import DraftedFact
from kg.extract.lexicon import Entry, Lexicon, Phrases
from kg.extract.mentions import POSSESSIVE, Actor, Mention, Mentions, entry_actor
from kg.extract.speakers import Speakers
from kg.extract.text import Sentence

_CLAUSE_END = re.compile(
    r";|(?:,[\"”]?|[\"”],?)?\s+(?:arguing|saying|citing|according\s+to)\b|"
    r",[\"”]?\s+(?:which|who|while|but|as\s+(?!well)|changes|a\s+move|"
    r"in\s+a\s+)\b|,\s+and\s+(?!to\b)|\s+because\b|[.!?]?[\"”]?\s*$"
)
_SPLIT_PROPOSALS = re.compile(r",?\s+as\s+well\s+as\s+(?=to\s)|,?\s+and\s+(?=to\s)|;\s+")
_REASON = re.compile(
    r"(?:,[\"”]?|[\"”],?)\s+(arguing|saying|citing|warning)\s+(?:that\s+)?|"
    r"\s+(because)\s+"
)
_HARM = re.compile(
    r"\b(?:damage|harm|hurt|cost|jobs?|losses|devastat\w*|cripple|undermine)\b", re.IGNORECASE
)
_SOVEREIGNTY = re.compile(r"\bsovereign\w*|\bautonomy\b", re.IGNORECASE)
_LEGAL = re.compile(
    r"\b(?:illegal|unlawful|violat\w+|breach\w*|WTO rules|inconsistent)\b", re.IGNORECASE
)
_ANAPHORIC = re.compile(
    r"^\s*(?:(?:the|that|this|those|these|such|its|their)\s+(?:[a-z.-]+\s+)?"
    r"(?:proposal|proposals|demand|demands|idea|plan|plans|request|offer|"
    r"changes|measure|measures|move|decision|duties|tariffs|rates|clause|"
    r"bill|policy|scheme|tax|taxes|levy|ruling|law|legislation|regime|quota|quotas|ban|"
    r"controls|restrictions|curbs|subsidies|sanctions)|"
    r"it|them)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"(?:[Ww]hich|[Ww]ho|[Ww]hose|[Ww]here|including|however|meanwhile|though|"
    r"too|also|(?:a|an|the)\s+[a-z])\b"
)
_VERBISH = frozenset(
    {
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "said",
        "says",
        "also",
        "and",
        "could",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "on",
        "in",
        "at",
        "to",
        "for",
        "of",
        "as",
        "after",
        "before",
        "plans",
        "plan",
        "planned",
        "intends",
        "aims",
        "hopes",
        "agreed",  # a past tense the _PAST pattern (no "eed") does not take
        "agrees",
        "struck",
        "reached",
        "signed",
        "sealed",
        "clinched",
        "concluded",
    }
)
_MEASURE_FUTURE = re.compile(
    r"\b(?:(?:will|would|could|may|might|must|should)(?:\s+(?:have|need|be\s+forced)\s+to)?|"
    r"(?:has|have|had|need|needs)\s+to|(?:is|are)\s+(?:ready|prepared|poised)\s+to|"
    r"plans?\s+to|intends?\s+to|(?:is|are)\s+(?:planning|preparing|intending)\s+to|is\s+set\s+to|are\s+set\s+to|"
    r"is\s+going\s+to|are\s+going\s+to)\s+$"
)
# what a measure verb acts on: "imposed five years of anti-dumping duties", "is exempting
# South Korea from steel tariffs", "signed legislation in July to apply the new tax"
_MEASURE_OBJECT = re.compile(
    r"\s+(?:[\w$%.,’'“”\"-]+\s+){0,10}?(?:tariffs?|duties|duty|quotas?|levy|levies|tax|taxes|ban|"
    r"bans|sanctions|restrictions|rates|countermeasures|curbs|controls|bill|legislation)\b",
    re.IGNORECASE,
)
_AGREEMENT_OBJECT = re.compile(
    r"\s+(?:the|a|an|its|their)\s+(?:[\w“”\"’'-]+\s+){0,4}?(?:agreement|deal|pact|treaty|"
    r"accord|arrangement)\b",
    re.IGNORECASE,
)
# where a complaint goes, not whose measure it is: "filed a complaint with the WTO"
_FORUM_BEFORE = re.compile(r"\b(?:to|with|at|under|before|in)\s+(?:the\s+)?$", re.IGNORECASE)
# "that Britain must accept ...", "that any deal should include ...": what someone must do
_MUST_CLAIM_WORDS = (
    r"(?:[\w.’'-]+\s+){1,6}?(?:must|should|needs\s+to|need\s+to|has\s+to|have\s+to)\s"
)
_MUST_CLAUSE = re.compile(r"\s+(?:that\s+)?" + _MUST_CLAIM_WORDS)
# "said China must stop ...", "warned that Ottawa has to open ..."
_SAID_MUST = re.compile(
    r"\b(?:said|says|added|stressed|argued|argues|warned|warns)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"\s+(?:that\s+)?"
    r"(?P<clause>(?:[\w.’'-]+\s+){1,4}?(?P<modal>must|needs\s+to|need\s+to|has\s+to|"
    r"have\s+to))\s"
)
# what a country's possessive names as its own doing: "Washington's decision to ..."
_DECISIONS = frozenset(
    {
        "decision",
        "move",
        "plan",
        "plans",
        "bid",
        "attempt",
        "effort",
        "efforts",
        "choice",
        "announcement",
        "intention",
        "refusal",
        "threat",
        "threats",
        "ruling",
    }
)
_DECISION_TO = re.compile(
    r"['’]s?\s+(?:[a-z]+\s+)?(?:decision|move|plan|plans|bid|attempt|threat|ruling)\s+to\s+$"
)
_HIT_BACK = re.compile(
    r"\b(?:hit|hits|hitting|struck|strikes|striking|fight|fights|fought|fighting|push|"
    r"pushes|pushed|pushing|roll|rolls|rolled|scale|scaled|step|stepped|fire|fired|fires)\s+$"
)
_PRESENTED = re.compile(
    r"\s+(?:(?:a|an|the|its|their|his|her|new|own|revised|written|formal|detailed)\s+){0,3}"
    r"(?:counter-?proposals?|proposals?|offers?|plans?|compromises?|draft\s+text)\b",
    re.IGNORECASE,
)
# verbs whose object is a proposal whatever it names
_TABLING = frozenset(
    {
        "proposed",
        "proposes",
        "propose",
        "has proposed",
        "tabled",
        "put forward",
        "puts forward",
        "floated",
        "floats",
        "float",
    }
)
# demand nouns whose contents a list gives: "U.S. demands include a sunset clause ..."
_LISTED = frozenset({"demands", "proposals", "requests", "offers"})
# a pronoun as the whole subject before the verb: "She rejected", "But he has also opposed"
_PRONOUN_SUBJECT = re.compile(
    r"(?:(?:[Bb]ut|[Aa]nd|[Yy]et)\s+)?([Hh]e|[Ss]he|[Tt]hey)"
    r"(?:\s+(?:also|has|had|have|later|then|again|would|will|could|did|does|do|not|never|"
    r"firmly|strongly|flatly|quickly|swiftly|already)){0,3}"
)
# nouns that name one kind of measure: "the bill" is a bill, not the tariffs drafted before
_THING_NOUNS = frozenset(
    {"bill", "law", "legislation", "ruling", "ban", "tax", "taxes", "quota", "quotas"}
)
# words for the same kind of measure: "the duties" after "raised tariffs"
_TARIFF_WORDS = ("tariffs", "tariff", "duties", "duty", "levy", "levies", "rates")
_SAME_KIND = {w: _TARIFF_WORDS for w in _TARIFF_WORDS} | {
    "tax": ("tax", "taxes"),
    "taxes": ("tax", "taxes"),
    "quota": ("quota", "quotas"),
    "quotas": ("quota", "quotas"),
    "law": ("law", "legislation", "bill"),
    "legislation": ("law", "legislation", "bill"),
    "bill": ("law", "legislation", "bill"),
    **{w: ("controls", "restrictions", "curbs") for w in ("controls", "restrictions", "curbs")},
}
_A_CLAIM = re.compile(
    r"\s*(?:the|any|a)\s+(?:idea|notion|suggestion|claim|view|assertion|charge|"
    r"accusation|report|reports)\s+that\b",
    re.IGNORECASE,
)
# a proposal named as the thing objected to: "pushed back against the demand that its
# commitments be enshrined in law", "rejected the U.S. argument that Canada could not ...",
# "opposed Washington's plan to end the panels"
_NOMINAL_PROPOSAL = re.compile(
    r"\s*(?P<det>the|a|an|any|this|that|its|their|his|her)?\s*"
    r"(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:['’]s?)?\s+)?"
    r"(?:(?:new|latest|revised|original|initial|renewed|repeated|key|main|central|"
    r"controversial|proposed|earlier|recent|last|final)\s+)?"
    r"(?P<noun>demands?|proposals?|plans?|offers?|requests?|calls?|bids?|argument|"
    r"insistence|push|counter-?proposals?)\s+(?:that|to|for)\s+(?=[a-z])"
)
_GOVERNMENT_SOURCE = re.compile(
    r"\b(?:government|ministry|official|officials|negotiator|negotiators|diplomat|diplomats)\b",
    re.IGNORECASE,
)
# "..., the Ministry of Commerce said on Wednesday, vowing ...": who says the sentence
_SAID_AFTER = re.compile(
    r",\s+(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of|for|and|the)\s+){1,8}?(?:said|says|told|added)\b"
    r"[^,]*(?:,[^,]*)?[.!?]?\s*$"
)
# a measure named as what the two sides disagree on: "one main point of disagreement was ..."
_STICKING = re.compile(
    r"\b(?:(?:main|key|major|biggest|chief|remaining|last)\s+)?(?:points?\s+of\s+"
    r"(?:disagreement|contention|friction)|sticking\s+points?|bones?\s+of\s+contention|"
    r"stumbling\s+blocks?)\s+(?:was|is|were|are|remains?|has\s+been|have\s+been)\s+",
    re.IGNORECASE,
)
_NO_COMMENT = re.compile(
    r"\s*to\s+(?:comment|elaborate|say|discuss|speculate|give\s+details|provide\s+details|"
    r"confirm|be\s+named|be\s+identified|answer|respond|reply)\b"
)
_PASSIVE = re.compile(r"\b(?:be|been|being|was|were|is|are|by)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
_RELATIVE_HEAD = re.compile(
    r"\b(?:changes?|ideas?|proposals?|plans?|demands?|measures?|offers?|"
    r"moves?|suggestions?)\s+(?:that\s+|which\s+)?$"
)
_WE = re.compile(r"\b(?:[Ww]e|I)\b")
# a verdict on a measure: "concluded it discriminates against U.S. companies", "said the
# new tax is inconsistent with prevailing tax principles", "called the decision unfair"
_VERDICT = re.compile(
    r"\b(?:concluded|found|finds|ruled|determined|said|says|say|saying|argued|argues|argue|arguing|"
    r"believes?|warned|warns|called|calls|described|describes|deemed|considers?)\s+"
    r"(?:on\s+[A-Z][a-z]+day\s+)?(?:that\s+)?"
    r"(?P<target>it|they|(?:the|this|that|its|their|these|those|any|such\s+a|"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s)\s+"
    r"(?:[\w.-]+\s+){0,2}?"
    r"(?:tax|taxes|tariffs|duties|measures?|decision|ruling|move|policy|law|legislation|bans?|"
    r"regime|quota|quotas|ban|plan|proposal|proposals|bill|rates|levy|clause|demands?|"
    r"offer|requirements?|rules|changes|deal|agreement|pact|treaty|accord)"
    # "Indonesia's export ban and domestic processing requirement on nickel ore violates"
    r"(?:(?:\s+and\s+(?:[\w-]+\s+){0,2}?(?:requirements?|rules|measures?|restrictions|"
    r"controls|subsidies|tariffs|duties|quotas?|bans?))?\s+on\s+(?:[\w-]+\s+){0,3}?[\w-]+"
    r"(?=\s+(?:breaks|broke|violates?|violated|is|are|was|were|isn|aren|wasn|weren)\b))?"
    r"(?:\s+(?:imposed|levied|announced|proposed|introduced)\s+by\s+(?:the\s+)?"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)\s+"
    r"(?:(?:is|are|was|were|would\s+be|to\s+be|as)\s+(?:[a-z]+ly\s+)?)?[“\"]?"
    r"(?:discriminat\w*|violat\w*|breach\w*|inconsistent\s+with|unfair\w*|illegal|"
    r"(?:breaks|broke|break)\s+(?:[\w-]+\s+){0,2}?rules|flout\w*|contraven\w*|"
    r"unlawful|unjustified|unwarranted|protectionis\w*|absurd|unacceptable|"
    r"in\s+breach|in\s+violation|a\s+violation|a\s+breach|penali[sz]\w*|"
    r"unfairly\s+target\w*|unworkable|a\s+non-starter|a\s+poison\s+pill|"
    r"a\s+(?:grave|serious|big|huge)?\s*mistake|counterproductive|a\s+betrayal|"
    r"a\s+(?:total\s+|complete\s+)?(?:disaster|sell-?out)|catastroph\w+|"
    r"(?:would|could|will)\s+(?:\w+ly\s+)?(?:destroy|hurt|harm|damage|devastate|cripple|"
    r"undermine|kill)|"
    # an offer or a measure judged by its size or balance: "said the offer was too low",
    # "the proposal falls short", "does not go far enough"
    r"(?:far\s+|much\s+|still\s+)?too\s+(?:low|little|small|high|modest|limited|narrow)\b|"
    r"not\s+(?:nearly\s+)?(?:good\s+)?enough|(?:is|are|was|were)n['’]t\s+(?:good\s+)?enough|"
    r"insufficient|inadequate|disappointing|"
    r"unbalanced|one-sided|lopsided|harmful|damaging|a\s+step\s+backwards?|"
    r"(?:falls?|fell|falling)\s+(?:well\s+|far\s+)?short|"
    r"(?:does|do|did)\s+not\s+go\s+far\s+enough|(?:doesn['’]t|don['’]t|didn['’]t)\s+go\s+far\s+enough)"
)
# what negotiators want without naming an issue: more talks, a deal, a review
_WANTED_THING = re.compile(
    r"\s+(?:(?:a|an|the|further|more|new|fresh|formal|broader|comprehensive|limited|"
    r"greater|better|improved|increased|expanded|full|fair|fairer|duty-free|tariff-free|"
    r"preferential|market|"
    r"bilateral|separate|quick|swift|speedy|early|free\s+trade|[A-Z][\w.]*-style)\s+){1,3}"
    r"(?:talks|discussions|"
    r"negotiations|consultations|deal|agreement|accord|pact|review|investigation|"
    r"compensation|exemptions?|concessions?|carve-outs?|access|quotas?|cuts?|reductions?|"
    r"removal|elimination|guarantees?|safeguards?|waivers?|assurances?)\s+"
    r"(?:that|which|on|over|with|for|to|covering|"
    r"including)\b",  # and says what about: "a new deal" alone is too vague
    re.IGNORECASE,
)
# "the goal of striking a deal by the end of the year, as proposed by the United States"
_PROPOSED_BY = re.compile(r",?\s+as\s+(?:first\s+|originally\s+)?proposed\s+by\s+")
# a deal as the object of an objection: "joining a China-led mega RCEP trade deal", "to sign
# the agreement with Canada", "the pact"
_JOIN = re.compile(
    r"\s*(?:(?:to\s+)?(?:join|joining|sign|signing|ratify|ratifying|approve|approving|"
    r"conclude|concluding|be\s+part\s+of|be\s+bound\s+by)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_DEAL = re.compile(
    r"\s*(?:(?:nor\s+)?(?:to\s+)?(?:continue\s+)?(?:join|joining|sign|signing|ratify|ratifying|"
    r"back|backing|endorse|endorsing|"
    r"approve|approving|conclude|concluding|negotiate|negotiating|be\s+part\s+of|"
    r"be\s+bound\s+by)\s+)?"
    # "hitting pause on negotiations for a new free trade agreement with Canada"
    r"(?:(?:the\s+)?(?:negotiations|talks)\s+(?:for|on|over|towards?)\s+)?"
    r"(?P<deal>(?:(?P<the>the|this|that)|a|an|any)\s+(?:[\w“”\"’'.-]+\s+){0,5}?"
    r"(?:trade\s+)?(?:deal|agreement|pact|treaty|accord)\b"
    r"(?:\s+with\s+(?:the\s+)?(?:\d+-[a-z]+\s+)?[A-Z][\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)?)?)",
    re.IGNORECASE,
)
# the noun of a measure or an offer named as a thing with its owner (ActFinder._owned)
_OWNED_HEAD = re.compile(
    r"\b(?P<head>tariffs|tariff|duties|duty|quotas|quota|bans|ban|controls|restrictions|curbs|"
    r"tax|taxes|levy|levies|subsidies|subsidy|sanctions|measures|measure|offer|offers|"
    r"proposal|proposals|plan|plans)\b"
)
# words that end a name before its noun: a clause, a list or a preposition
_NOT_IN_NAME = re.compile(
    r"[,;:“”\"]|\b(?:that|which|who|of|to|and|or|by|from|with|against|over|on|in|at|for|"
    r"is|are|was|were|has|have|had|will|would|said|says|its|their|his|her|our|my)\b"
)
# "the U.S.-imposed tariffs", "China-backed plan": the owner inside the noun's first word
_HYPHEN_OWNER = re.compile(
    r"\b([A-Z][\w.]*?)-(?:imposed|levied|led|backed|proposed|drafted|sponsored|made)\b"
)
# what a measure or an offer is on: "tariffs on steel", "the offer on agricultural access"
_OWNED_TAIL = re.compile(
    r"\s+(?:on|for|over|against)\s+(?:(?:imports\s+of|imported|the|all)\s+)?"
    r"(?:[A-Z][\w.-]*\s+)?(?P<on>[\w-]+)(?:\s+(?!(?:that|which|who|and|or|in|at|on|from|to|"
    r"for|as|because|since|after|before|by|with|was|were|is|are|would|will|has|have|had|"
    r"this|last|next)\b)[a-z][\w-]*){0,2}"
)
# the owner right after the noun: "tariffs imposed by Washington", "the tariffs the U.S.
# imposed in 2018"
_OWNER_AFTER = re.compile(
    r"\s+(?:(?:imposed|levied|proposed|introduced|offered|announced|tabled|put\s+forward)\s+"
    r"by\s+(?P<by>(?:the\s+)?[A-Z][\w.]*)|(?:that\s+|which\s+)?"
    r"(?P<who>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:imposed|levied|proposed|introduced|offered|announced|tabled|put\s+forward)\b)"
)
# a deal named in the article's words: "a landmark free trade deal with Canada", "the pact"
_DEAL_NP = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?:[\w“”\"’'.-]+\s+){0,4}?(?:trade\s+)?"
    r"(?:deal|agreement|pact|treaty|accord)\b"
    r"(?:\s+with\s+(?:the\s+)?(?:\d+-[a-z]+\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?"
)
# a deal a party made: "agreed a trade deal with Mercosur", "have struck an agreement"
_DEAL_MADE = re.compile(
    r"\b(?:agreed|struck|strike|reached|signed|concluded|sealed|clinched|finalised|finalized|"
    r"initialled|initialed)\s+(?P<deal>(?:a|an|the|their|its)\s+(?:[\w“”\"’'.-]+\s+){0,4}?"
    r"(?:trade\s+)?(?:deal|agreement|pact|treaty|accord)\b"
    r"(?:\s+with\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?)"
)
# a country's measure named as a thing: "Japan's up to 40 percent tariffs on imported cheese",
# "Japanese tariffs on politically sensitive farm products"
_MEASURE_NOUN = re.compile(
    r"\b(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:['’]s)?)\s+"
    r"(?:(?:[a-z$%\d][\w$%.,-]*)\s+){0,6}?(?P<noun>tariffs|duties|quotas|(?:import|export)\s+bans?|bans?(?=\s+on\b)|export\s+(?:restrictions|curbs|controls)|"
    r"levies|subsidies|"
    # after a possessive owner only: "Japan's tightened controls", "Seoul's quota"
    r"(?P<wide>controls|restrictions|curbs|measures|sanctions|tax|taxes|quota|tariff|ban|"
    r"subsidy|levy))\b(?:\s+(?:on|against)(?:\s+(?:imports\s+of\s+|imported\s+)?"
    r"(?:(?:its|their|the|all)\s+)?(?:[A-Z][\w.-]*\s+)?(?P<on>[\w-]+)))?"
)
# one kind of measure under its several names: a party's "duties" are its "tariffs"
_MEASURE_FAMILY = {
    "tariffs": "tariff",
    "tariff": "tariff",
    "duties": "tariff",
    "levies": "tariff",
    "levy": "tariff",
    "controls": "controls",
    "restrictions": "controls",
    "curbs": "controls",
    "bans": "ban",
    "ban": "ban",
    "quotas": "quota",
    "quota": "quota",
    "subsidies": "subsidy",
    "subsidy": "subsidy",
    "tax": "tax",
    "taxes": "tax",
    "sanctions": "sanctions",
}
# words that make what comes before a measure's noun a clause, not its modifiers
_PREPOSITIONS = frozenset(
    {"after", "by", "for", "in", "on", "with", "from", "against", "over", "before", "at"}
)
# a measure whose owner follows it: "duties imposed by Chile", "subsidies from European
# governments" ("tariffs from China" is on goods from China: "from" only for subsidies)
_MEASURE_BY = re.compile(
    r"\b(?:(?P<noun>tariffs|duties|quotas|levies|subsidies|import\s+bans?)\s+"
    r"(?:imposed|levied|granted|given|provided|paid|introduced|applied|set)\s+"
    r"(?:on\s+(?:[\w-]+\s+){0,3}?)?by|(?P<aid>subsidies)\s+from)\s+(?:the\s+)?"
    r"(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?P<govs>\s+governments?)?"
)
# a measure named by its taking: "resulting in the imposition of definitive duties on EVs"
_IMPOSITION = re.compile(
    r"\b(?:imposition|introduction)\s+of\s+(?:[\w$%.,-]+\s+){0,5}?"
    r"(?:tariffs|duties|quotas|levies|taxes|tax|countermeasures)\b"
)
# a measure announced in the passive: "The White House announced on Thursday that tariffs on
# steel from South Korea would be suspended until May 1", "said the duties will be lifted"
_ANNOUNCED_PASSIVE = re.compile(
    r"\b(?:announced|announces|said|says|confirmed|confirms|decided|decides|declared|"
    r"declares|stated|states)\s+(?:(?:on\s+)?[A-Z][a-z]+day\s+)?(?:that\s+)?"
    r"(?P<obj>(?:the|its|their|all|some|new|existing|U\.S\.|[A-Z][a-z]+(?:['’]s)?)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:tariffs?|duties|duty|quotas?|levy|levies|tax|taxes|bans?|"
    r"sanctions|restrictions|curbs|subsidies|countermeasures)\b(?:[^,;:.“”\x22]|"
    r"(?<=\b[A-Z])\.){0,120}?)\s+"
    r"(?:would|will|could|are\s+to|is\s+to|were\s+to|was\s+to)\s+be\s+"
    r"(?:(?:immediately|temporarily|partially|partly|fully|permanently|gradually)\s+)?"
    r"(?P<verb>suspended|lifted|raised|increased|cut|reduced|lowered|extended|imposed|"
    r"removed|eliminated|scrapped|phased\s+out|doubled|halved|waived|reinstated|"
    r"introduced|applied|levied)\b"
)
# a ruling or finding that calls a measure illegal before naming it: "ruled that the EU gave
# illegal subsidies to Airbus", "determined that Airbus received improper loan subsidies from
# European governments", "found that Chile had imposed unfair duties on ..."
_FOUND_ILLEGAL = re.compile(
    r"\b(?:ruled|rules|found|finds|determined|determines|concluded|concludes|confirmed|"
    r"confirms)\s+(?:(?:on\s+)?[A-Z][a-z]+day\s+)?that\s+"
    # a clause that may name "the U.S.": a full stop only after an initial
    r"(?P<clause>(?:[^.;:“”\x22]|(?<=\b[A-Z])\.){0,80}?)\b"
    r"(?:improper|illegal|illegitimate|unlawful|prohibited|unfair|WTO-inconsistent|"
    r"discriminatory|unjustified)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>subsidies|subsidy|state\s+aid|aid|tariffs|duties|quotas?|taxes|tax|bans?|"
    r"restrictions|support)\b"
)
# a demand that another party remove its measure: "to suspend the duties", "to lift its ban"
_REMOVAL = re.compile(
    r"\bto\s+(?:suspend|lift|remove|scrap|drop|withdraw|rescind|repeal|end|eliminate|abolish|"
    r"roll\s+back|reverse)\s+(?P<what>(?:the|its|their|these|those|this|that)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<noun>tariffs?|duties|duty|quotas?|bans?|tax|taxes|levy|levies|"
    r"measures?|restrictions|curbs|sanctions|subsidies))\b",
    re.IGNORECASE,
)
# a preposition right before an actor: the object of an earlier verb, not a subject
# "accusing the U.K. of maintaining barriers": the accused, and what it is said to do
_ACCUSED_OF = re.compile(
    r"\s*(?P<who>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+of\s+"
    # a verb's -ing form, not a noun that ends like one ("accused China of nothing unusual")
    r"(?P<what>(?:[a-z]+ly\s+)?(?!(?:no|some|any|every)thing\b|wrongdoing\b)[a-z]{3,}ing\b)"
)
# "said on Sunday that it will": the subject of what follows is the one who said it
_SAID_IT = re.compile(
    r"\b(?:said|says|added|announced|stated)\s+(?:on\s+)?(?:[A-Z][a-z]+day\s+)?(?:that\s+)?"
    r"(?:it|they)\s+(?:(?:will|would|has|have|had|is|are|was|were|could|may|might|must|also|"
    r"not|never|further|strongly)\s+){0,3}"
)
_OBJECT_OF = re.compile(
    r"\b(?:to|with|from|against|towards?)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$"
)
# words that end the words before a measure's noun: what comes before is a clause
_NOT_MODIFIERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "will",
        "would",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "said",
        "says",
        "that",
        "which",
        "and",
        "or",
        "of",
    }
)
_ED_MODIFIERS = frozenset({"proposed", "planned", "threatened", "combined", "increased"})
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")  # "U.S.", "EU", "UK"
_MEASURE_WORD = re.compile(
    r"tariffs|duties|quotas|levies|subsidies|\b(?:import|export)\s+bans?\b|\bbans?\s+on\b|"
    r"\bexport\s+(?:restrictions|curbs|controls)\b|['’]s\s"
)
# a country's measure as the object of an objection: "a case against U.S. steel tariffs"
_MEASURE_AGAINST = re.compile(
    r"\b(?:against|over|to)\s+(?:the\s+)?(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:['’]s)?)"
    r"\s+(?:(?:[a-z-]+|\d[\w.%$-]*)\s+){0,3}?(?:tariffs|duties|quotas|levies|subsidies)\b"
)
# an objection named as a thing, after its owner: "Wallonia's opposition to the deal"
_OBJECTION_NOUN = re.compile(
    r"(?P<noun>(?:(?:strong|fierce|stiff|continued|vehement|firm|long-standing|staunch)\s+)?"
    r"(?:opposition|objections?|resistance|criticism|rejection)\s+(?:to|of|against)\b)"
)
_REFUSED_TO = re.compile(
    r"\b(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|(?:would|will|could|can)\s*(?:not|n['’]t)|"
    r"cannot|won['’]t)\s+to\s+$|\b(?:would|will|could|can)\s*(?:not|n['’]t)\s+$|"
    r"\b(?:cannot|won['’]t)\s+$"
)
_OBJECTION_FROM = re.compile(
    r"\s(?:faces?|faced|facing|drew|draws|has\s+drawn|have\s+drawn|met\s+with|sparked|"
    r"triggered|prompted)\s+(?:(?:strong|fierce|stiff|growing|widespread|mounting|sharp)\s+)?"
    r"(?:opposition|criticism|objections|protests|resistance)\s+from\s+(?:the\s+)?"
)
_PREDICATE = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|means?|meant|remains?|"
    r"threatens?|threatened|led|leads|forced|forces)\b"
)
_WITNESS = re.compile(r"\b(?:seen|saw|sees|faced|faces|facing|witnessed)\b")
# an objection taken to a court or body: "launching a formal appeal to the WTO", "filed a
# complaint under the WTO's dispute settlement mechanism"
_LEGAL_ACTION = re.compile(
    r"\b(?:launch(?:es|ed|ing)?|fil(?:es|ed|ing)|lodg(?:es|ed|ing)|brought|bring(?:s|ing)?|"
    r"initiat(?:es|ed|ing))\s+(?:a|an)\s+(?:formal\s+|legal\s+|new\s+)?"
    r"(?:[A-Z][A-Za-z.]*\s+)?(?:appeal|"
    r"complaint|challenge|case|dispute)\b|"
    r"\b(?:took|takes|take|taking|hauled|hauls|haul|reported|reports)\s+"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?"
    r"(?=\s+(?:to|before)\s+(?:the\s+)?(?:WTO|World\s+Trade\s+Organi[sz]ations?)\b)|"
    # "The EU had gone to the WTO in November 2019", "Australia went to the WTO over ..."
    r"\b(?:went|gone)(?=\s+to\s+(?:the\s+)?(?:WTO|World\s+Trade\s+Organi[sz]ation)\b"
    r"(?!['’]?s?\s+(?:headquarters|ministerial|meeting|conference|summit|talks|chief|head)\b))"
)
# a verb in the past tense: after a country, the country acts ("Canada opened", "Mexico
# agreed"), it does not name other people as "U.S. lawmakers" does
_PAST = re.compile(r"[a-z]{2,}[^e]ed")
_ADVERB = re.compile(r"[a-z]{3,}ly")
# objection and rejection words that say too little without the proposal they are about
_NEEDS_TARGET = frozenset(
    {
        "pushed back from",
        "pushes back from",
        "stepped back from",
        "steps back from",
        "backed away from",
        "backs away from",
        "decided not to extend",
        "decides not to extend",
        "decided not to renew",
        "decides not to renew",
        "is concerned about",
        "are concerned about",
        "was concerned about",
        "were concerned about",
        "will opt out of",
    }
)
# ranks between a country's possessive and its officials: "Australia's top negotiator"
_RANKS = frozenset(
    {"top", "chief", "lead", "senior", "deputy", "main"}
)  # "strongly", "flatly", "repeatedly"
# a demand noun and what it is for: "Beijing's proposal to ...", "a demand by New Zealand to
# ...", "U.S. demands include ...", "Peru's key demand is ..."
_DEMAND_NOUN = re.compile(
    r"\b([\w’'-]+)\s+(?:by\s+((?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+)?"
    r"(to|for|of|include|includes|included|is|was)\s+"
)
# when something was said, said next to the verb: "on Monday", "last week", "today"
_WHEN = (
    r"(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:last|this|next)\s+(?:week|month|year)|yesterday|today)"
)
_WHEN_AT_START = re.compile(r"\s*" + _WHEN + r"\s+(?=that\s)")
_WHEN_AT_END = re.compile(r",?\s+" + _WHEN + r"$")
# a clause that ends in who said it: ", EU Trade Commissioner X said", ", he told reporters"
_SAID_AT_END = re.compile(
    r",[\"”]?\s+(?P<by>(?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+"
    r"(?:said|says|added|adds|told\s+(?:reporters|journalists|\w+))$"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
REASON_WORDS = 40
# demand nouns that are verbs too: a noun only after a possessive ("the EU's plans to")
# measure verbs that are also nouns: "any cut to", "a hike in", "the increase"
_MEASURE_VERB_NOUNS = frozenset(
    {"cut", "cuts", "increase", "increases", "hike", "hikes", "levy", "levies", "double", "lift"}
)
# objection verbs that may stand alone after a demand: "Washington has refused."
_BARE_VERBS = frozenset(
    {
        "refused",
        "refuses",
        "rejected",
        "rejects",
        "balked",
        "balks",
        "objected",
        "objects",
        "resisted",
        "resists",
    }
)
# the verb of a sentence whose subject is a proposal named as a thing
_MAIN_VERB = re.compile(
    r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|came|comes|drew|draws|met|"
    r"meets|angered|angers|sparked|sparks|triggered|faced|faces|prompted|won|failed)\b"
)
_VERB_TOO = frozenset({"plan", "plans", "offers"})
# what a quotation's words say a party named in them does or will do
QUOTED_KINDS = ("measure", "demand")
_RESTATED = frozenset({"objection-verb", "rejection-verb", "objection-legal", "objection-verdict"})


class ActFinder:
    def __init__(
        self,
        text: str,
        mentions: Mentions,
        lexicon: Lexicon,
        speakers: Speakers,
        sentences: Sequence[Sentence] = (),
    ) -> None:
        self.text, self.mentions, self.lexicon = text, mentions, lexicon
        # the text's sentences, from stage 1 (which knows "U.S." does not end one)
        self._sentences = sorted((s.start, s.end) for s in sentences)
        self.speakers = speakers  # who "his" and "her" stand for
        self.proposals: list[DraftedFact] = []
        self._verbs_first = {
            p.split()[0]
            for name in (
                "say",
                "characterise",
                "demand",
                "demand_object",
                "object",
                "reject",
                "threaten",
                "support",
                "measure",
            )
            for group in lexicon.speech[name].by_length.values()
            for p in group
        }
        # words that are verbs and nouns alike: "U.S. demands", "Canada's support"
        self._nouns = {
            *lexicon.speech["demand_nouns"].by_length.get(1, ()),
            *lexicon.speech["threat_nouns"].by_length.get(1, ()),
            "support",
            "supports",
            "backing",
            "protest",
            "protests",
            "challenge",
            "challenges",
            "fight",
            "push",
            "call",
            "calls",
            "demand",
            "demands",
        }
        self.facts: list[DraftedFact] = []
        # objections whose target was not named before them, with the words they object to
        self._open: list[tuple[DraftedFact, int, int]] = []
        # objections kept only when a target is found for them (id of the fact)
        self._untargeted_dropped: set[int] = set()
        # measures stated as taken ("imposed duties"): proposals only when someone reacts
        self._taken: set[str] = set()
        # measures named as things: their kind and goods; where one is named again
        self._measure_kinds: dict[str, tuple[str, str | None]] = {}
        self._aliases: list[tuple[int, int, DraftedFact]] = []

    # --- helpers -------------------------------------------------------------------------
    def _agent_before(self, start: int, at: int, pronouns: bool = False) -> Mention | None:
        """The subject of a verb: the last actor of the nearest comma-separated part before
        it that is not an aside ("X, which represents ..., urged" -> X; "X, however,
        rejected" -> X). Unnamed sources are reported as sources, not agents. With
        ``pronouns``, "She rejected" is the person the speakers stage is sure "she" is."""
        if re.search(
            r"(?:^|\s)and\s+(?:also\s+)?(?:(?:would|will|could|should|may|might|"
            r"must)\s+)?$",
            self.text[start:at],
        ):
            # "X said Canada should act and urged ...": the subject of the first verb
            first = [
                m
                for m in self.mentions.within(start, at)
                if m.actor.kind != "UnnamedSource" and not self._modifier(m)
            ]
            if first and not re.search(r"[,;]", self.text[first[0].end : first[0].end + 2]):
                return first[0]
        said_it = _SAID_IT.search(self.text, start, at)
        if said_it is not None and said_it.end() == at:
            # "The ministry said Sunday it will criticise ...": "it" is who said so
            sayer = self._agent_before(start, said_it.start())
            if sayer is not None and sayer.actor.kind not in ("Person", "UnnamedSource"):
                return sayer
            return None
        bounds = [start] + [
            m.end()
            for m in re.finditer(r",\s*", self.text[start:at])
            if self.mentions.at(start + m.start()) is None  # "Ministry of Trade, Industry ..."
        ]
        bounds = [start + b if i else start for i, b in enumerate(bounds)]
        ends = bounds[1:] + [at]
        for seg_start, seg_end in reversed(list(zip(bounds, ends, strict=True))):
            words = self.text[seg_start:seg_end].strip()
            found = [
                m
                for m in self.mentions.within(seg_start, seg_end)
                if not self._modifier(m) and not self._reported_by(m)
            ]
            if seg_start != start and _ASIDE.match(words):
                continue
            if found:
                # "Canada sent a letter to Mexico asking it to ...": the one written to is no
                # subject when the words name one before it; in a long clause that names no
                # other ("a federation sent a letter to Ms Malmström asking her to ..."), the
                # subject is someone the words do not name
                free = [
                    m
                    for m in found
                    if not _OBJECT_OF.search(self.text, max(seg_start, m.start - 50), m.start)
                ]
                if free:
                    return free[-1]
                return None if len(words.split()) > 6 else found[-1]
            own = re.match(
                r"([Hh]is|[Hh]er)\s+(?:team|government|negotiators|officials|"
                r"ministry|department|office|administration)\b",
                words,
            )
            if own:
                # "Her team has proposed ...": the person "her" stands for acts for that party
                at = seg_start + (
                    len(self.text[seg_start:seg_end]) - len(self.text[seg_start:seg_end].lstrip())
                )
                person = self.speakers.resolve(own.group(1), at, max(0, seg_start - 1500))
                return Mention(at, at + len(own.group(1)), person[0], "pronoun") if person else None
            pronoun = _PRONOUN_SUBJECT.fullmatch(words) if pronouns else None
            if pronoun:
                # "She rejected the sunset clause": who the speakers stage is sure "she" is
                at = self.text.index(pronoun.group(1), seg_start, seg_end)
                person = self.speakers.resolve(pronoun.group(1), at, max(0, seg_start - 1500))
                if person is None:
                    return None
                return Mention(at, at + len(pronoun.group(1)), person[0], "pronoun")
            if len(words.split()) > 3:
                return None  # a clause of its own with no actor: the subject is not named
        return None

    def _subject(self, start: int, at: int) -> Mention | None:
        """The subject of a sentence's first clause: its first actor, before any verb."""
        first = [
            m
            for m in self.mentions.within(start, at)
            if m.actor.kind != "UnnamedSource" and not self._modifier(m)
        ]
        if not first or len(self.text[start : first[0].start].split()) > 4:
            return None
        return first[0]

    def _act_before(self, start: int, at: int) -> bool:
        """An objection or rejection in the sentence before ``at``."""
        return any(
            self.lexicon.speech[k].find(self.text, start, at) for k in ("object", "reject")
        ) or bool(_LEGAL_ACTION.search(self.text, start, at))

    def _bloc(self, actor: Actor) -> bool:
        """A bloc of countries of the reference data (the EU, Mercosur, ASEAN)."""
        if actor.kind != "Organization" or actor.local:
            return False
        ref = self.lexicon.reference.get("actors", actor.key)
        return ref is not None and bool(getattr(ref, "members", None))

    def _reported_by(self, m: Mention) -> bool:
        """ "according to an official": the source of a report, not an agent."""
        return (
            m.actor.kind == "UnnamedSource"
            and re.search(r"according\s+to\s+$", self.text[max(0, m.start - 14) : m.start])
            is not None
        )

    def _modifier(self, m: Mention) -> bool:
        """ "U.S. lawmakers", "Canadian producers": a country naming other people, who are not
        its government (officials, negotiators, the government are); a bloc of countries too
        ("EU farmers' federation")."""
        if m.via == "demonym" or (m.actor.kind != "Country" and not self._bloc(m.actor)):
            return False
        place = re.search(
            r"\b([a-z][\w-]*)['’]?\s+(?:in|from|across|throughout)\s+(?:the\s+)?$",
            self.text[max(0, m.start - 40) : m.start],
        )
        if place is not None and place.group(1) not in self.lexicon.speech["officials"]:
            return True  # "farmers' groups in Ireland": people there, not its government
        nxt = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", self.text[m.end : m.end + 40])
        if (
            nxt is not None
            and (nxt.group(1) in _DECISIONS or nxt.group(2) in _DECISIONS)
            and re.search(r"['’]s?$", self.text[m.start : m.end])
        ):
            return False  # "Washington's (final) decision to impose tariffs": the country acts
        if (
            nxt is not None
            and nxt.group(1) in _RANKS
            and nxt.group(2) in self.lexicon.speech["officials"]
            and re.search(r"['’]s?$", self.text[m.start : m.end])
        ):
            return False  # "Australia's top negotiator", "China's chief negotiator": its own
        if (
            nxt is not None
            and nxt.group(2) is not None
            and _ADVERB.fullmatch(nxt.group(1))
            and (
                nxt.group(2) in _VERBISH
                or nxt.group(2) in self._verbs_first
                or _PAST.fullmatch(nxt.group(2))
            )
        ):
            return False  # "Colombia strongly opposes", "Peru flatly rejected": the country acts
        return (
            nxt is not None
            and nxt.group(1) not in self.lexicon.speech["officials"]
            and nxt.group(1) not in _VERBISH
            and nxt.group(1) not in self._verbs_first
            and not _PAST.fullmatch(nxt.group(1))  # "The United States opened the round"
        )

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        lead = _WHEN_AT_START.match(self.text, start, end)
        if lead is not None:
            start = lead.end()  # "demanded on Thursday that Japan cut ...": what, not when
        m = _CLAUSE_END.search(self.text, start, end)
        stop = m.start() if m else end
        while stop > start and self.text[stop - 1] in " ,.":
            stop -= 1
        day = _WHEN_AT_END.search(self.text, start, stop)
        if day is not None and day.start() - start >= 8:
            stop = day.start()  # "the EU proposal for an annex on Tuesday": when, not what
        return start, stop

    def _unsaid(self, start: int, end: int) -> int:
        """Where a proposal's words end when the clause ends in who said it: "proposed a quota
        in Brussels on Wednesday, EU Trade Commissioner X said" ends at "in Brussels"."""
        said = _SAID_AT_END.search(self.text, start, end)
        if said is None or said.start() - start < 8:
            return end
        by = said.group("by")
        if not (
            by.lower() in _PRONOUNS
            or self.lexicon.speech["sources"].find(self.text, said.start("by"), said.end("by"))
            or self.mentions.within(said.start(), end)
        ):
            return end
        day = _WHEN_AT_END.search(self.text, start, said.start())
        return day.start() if day is not None and day.start() - start >= 8 else said.start()

    def _with_party(self, start: int, end: int, within_clause: bool = False) -> Actor | None:
        """The first country or organisation between ``start`` and ``end`` right after "with
        (the)": the other side of a deal ("a deal with Japan"); ``within_clause``: with no
        comma or semicolon between ``start`` and it."""
        for x in self.mentions.within(start, end):
            before = self.text[start : x.start]
            if (
                x.actor.kind in ("Country", "Organization")
                and re.search(r"\bwith\s+(?:the\s+)?$", before)
                and not (within_clause and re.search(r"[,;]", before))
            ):
                return x.actor
        return None

    def _issue(self, start: int, end: int) -> str | None:
        issues = self.mentions.issues_in(start, end)
        return issues[0][2] if issues else None

    def _agreement(self, start: int, end: int) -> str | None:
        found = [a for a in self.mentions.agreements if start <= a[0] and a[1] <= end]
        return found[0][2] if found else None

    def _source(self, sentence: Sentence) -> Mention | None:
        m = re.search(r"according\s+to\s+", self.text[sentence.start : sentence.end])
        if m is None:
            return None
        at = sentence.start + m.end()
        found = self.mentions.within(at, sentence.end)
        return found[0] if found and found[0].start - at < 4 else None

    def _party(self, agent: Actor) -> Actor:
        """Who a proposal belongs to: the country (or bloc) an official or ministry acts
        for, else the agent itself."""
        if agent.affiliation is None or agent.kind not in ("Person", "GovernmentBody"):
            return agent
        ref = self.lexicon.reference.get("actors", agent.affiliation)
        if ref is None:
            return agent
        return Actor(ref.key, ref.kind, ref.name, False)

    # --- rules ---------------------------------------------------------------------------
    def sentence(self, s: Sentence, quote_spans: list[tuple[int, int]]) -> None:
        """Paraphrased acts in a sentence (the words outside quotations); none in a heading."""
        if _heading(self.text, s.start, s.end):
            return  # "India Opts Out of Trade Pillar": a page's heading says what follows
        source = self._source(s)
        self._demand_nouns(s, source, quote_spans)
        self._proposed_by(s, quote_spans)
        self._verbs(s, "demand", source, quote_spans)
        self._said_must(s, source, quote_spans)
        self._verbs(s, "measure", source, quote_spans)
        self._measure_nouns(s, quote_spans)
        self._announced_passive(s, quote_spans)
        self._verbs(s, "reject", source, quote_spans)
        self._objection_nouns(s, source, quote_spans)
        self._objections_from(s, source, quote_spans)
        self._sticking_points(s, source, quote_spans)
        self._verbs(s, "object", source, quote_spans)
        self._legal_actions(s, source, quote_spans)
        self._verdicts(s, source, quote_spans)
        self._found_illegal(s, source, quote_spans)
        self._verbs(s, "threaten", source, quote_spans)
        self._threat_nouns(s, source)
        self._verbs(s, "support", source, quote_spans)

    def _said_must(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """ "Lighthizer said China must stop subsidising its state firms": what the speaker
        says another party must do is the speaker's demand (what one's own side must do is
        not; "should" is advice as often as a demand, and is left out)."""
        words = self.text[s.start : s.end]
        if "must" not in words and " to " not in words:
            return  # no "must", "has to", "needs to": one cheap look first
        for m in _SAID_MUST.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans) or any(
                f.start <= m.start("clause") < f.end for f in self.proposals
            ):
                continue
            agent = self._agent_before(s.start, m.start())
            subject = self.mentions.within(m.start("clause"), m.start("modal"))
            if agent is None or len(subject) != 1 or agent.actor.kind == "UnnamedSource":
                continue
            if len(self.text[m.start("clause") : subject[0].start].split()) > 1:
                continue  # "said the chance that Australia should ...": not the subject
            if self._party(subject[0].actor).key == self._party(agent.actor).key:
                continue  # "Canada should be careful", said the Canadian minister
            start = m.start("clause")
            end = self._clause(m.end("modal"), s.end)[1]
            if end - start < 15:
                continue
            proposal = self._proposal(agent.actor, start, end, "demand-said", 0.65)
            fields: dict[str, object] = {"by": agent.actor.key, "proposal": proposal.key}
            self._act(
                "demands",
                proposal.key,
                "demand-said",
                0.65,
                (agent.start, end),
                fields,
                agent.actor,
                source,
            )

    def _objection_nouns(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """ "Wallonia's opposition to the deal", "India's objections to the text": an
        objection by the owner, to what follows."""
        for m in _OBJECTION_NOUN.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans) or any(
                f.section == "objections" and f.start <= m.start() < f.end for f in self.facts
            ):
                continue
            owner = [
                x
                for x in self.mentions.within(max(s.start, m.start() - 40), m.start() + 3)
                if x.actor.kind != "UnnamedSource"
                and re.fullmatch(r"(?:['’]s?)?\s+", self.text[x.end : m.start("noun")])
            ]
            if not owner:
                continue
            obj = self._clause(m.end(), s.end)
            predicate = _PREDICATE.search(self.text, obj[0], obj[1])
            if predicate is not None:  # "... to the tax has stalled the talks": what, not then
                obj = (obj[0], predicate.start())
            if obj[1] - obj[0] < 4:
                continue
            verb = (m.start("noun"), m.end(), m.group(0))
            self._objection("objection", "objection-noun", s, owner[-1], verb, obj, source)

    def _objections_from(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """ "The deal faces opposition from France", "the plan drew criticism from Peru": an
        objection by whom the words name after "from", to what the sentence is about."""
        for m in _OBJECTION_FROM.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans):
                continue
            end = self._clause(m.end(), s.end)[1]
            named = [
                x for x in self.mentions.within(m.end(), end) if x.actor.kind != "UnnamedSource"
            ]
            if not named or named[0].start - m.end() > 4 or m.start() - s.start < 4:
                continue
            verb = (m.start(), m.end(), m.group(0))
            self._objection(
                "objection", "objection-noun", s, named[0], verb, (s.start, m.start()), source
            )

    def _measure_nouns(self, s: Sentence, quote_spans: list[tuple[int, int]]) -> None:
        """ "Japan's up to 40 percent tariffs on imported cheese", "Chinese anti-dumping duties
        on Australian barley": a measure a country has in place, drafted as its proposal only
        when an objection, support or demand in the article targets it (as a measure stated
        as taken is)."""
        if not _MEASURE_WORD.search(self.text, s.start, s.end):
            return  # most sentences name no tariff, duty or quota: one cheap look first
        found = [(m, False) for m in _MEASURE_NOUN.finditer(self.text, s.start, s.end)] + [
            (m, True) for m in _MEASURE_AGAINST.finditer(self.text, s.start, s.end)
        ]
        for m, against in found:
            start = m.start("owner")
            if self._inside(start, quote_spans) or any(
                p.start <= start < p.end for p in self.proposals
            ):
                continue
            gap = [] if against else self.text[m.end("owner") : m.start("noun")].split()
            possessive = POSSESSIVE.search(m.group("owner")) is not None
            if not against and m.group("wide") and (not possessive or len(gap) > 2):
                continue  # "Japan's tightened controls"; "Japan controls" is no name
            if any(
                w in _NOT_MODIFIERS
                or w in self.lexicon.speech["officials"]
                or (
                    w.endswith("ed")
                    and w not in _ED_MODIFIERS
                    # "Japan's tightened controls": a participle right before the noun
                    and not (possessive and i == len(gap) - 1)
                )
                or (possessive and w in _PREPOSITIONS)
                for i, w in enumerate(w.lower() for w in gap)
            ):
                continue  # "Canadian officials criticised the tariffs": a clause, not a name
            if not against and _OWNER_AFTER.match(self.text, m.end(), s.end):
                continue  # "the Chinese steel tariffs imposed by the EU": the owner comes after
            owner = POSSESSIVE.sub("", m.group("owner"))
            key = self.lexicon.demonyms.get(owner) or next(
                (e.key for e in self.lexicon.lookup(owner) if e.kind == "Country"), None
            )
            ref = self.lexicon.reference.get("actors", key) if key else None
            if ref is None or (
                not against
                and owner == m.group("owner")
                and owner not in self.lexicon.demonyms
                and not _INITIALS.fullmatch(owner)
            ):
                continue  # "Japan tariffs": a country name as a modifier is too loose; "U.S.
                # tariffs", "Chinese duties", "Beijing's tariffs" are the country's
            party = Actor(ref.key, ref.kind, ref.name, False)
            noun = m.group(0).split()[-1] if against else m.group("noun").split()[-1]
            family = _MEASURE_FAMILY.get(noun.lower(), "measures")
            on = m.group("on").lower() if not against and m.group("on") else None
            same = self._same_measure(party.key, family, on)
            if same is not None:
                # "Japan's export controls" after "Japan's tightened controls on chip
                # materials": the measure named again, which objections to it target
                self._aliases.append((start, m.end(), same))
                continue
            proposal = self._proposal(party, start, m.end(), "measure-noun", 0.6)
            if proposal.rule == "measure-noun":
                self._taken.add(proposal.key)
                self._measure_kinds[proposal.key] = (family, on)
        for m in _IMPOSITION.finditer(self.text, s.start, s.end):
            # "The Commission announced ..., resulting in the imposition of definitive
            # duties on EVs": the measure of the sentence's subject, stated as taken
            if self._inside(m.start(), quote_spans) or any(
                p.start <= m.start() < p.end for p in self.proposals
            ):
                continue
            subject = self._subject(s.start, m.start())
            if subject is None or subject.actor.kind == "UnnamedSource":
                continue
            end = self._clause(m.end(), s.end)[1]
            proposal = self._proposal(
                subject.actor, m.start(), max(end, m.end()), "measure-verb", 0.6
            )
            if proposal.rule == "measure-verb":
                self._taken.add(proposal.key)
        for m in _MEASURE_BY.finditer(self.text, s.start, s.end):
            start = m.start("noun") if m.group("noun") else m.start("aid")
            if self._inside(start, quote_spans) or any(
                p.start <= start < p.end for p in self.proposals
            ):
                continue
            owner = m.group("owner")
            if owner in ("European", "EU") and (m.group("govs") or owner == "EU"):
                key = "european-union"  # "European governments": the EU's
            else:
                key = self.lexicon.demonyms.get(owner) if m.group("govs") else None
                key = key or next(
                    (e.key for e in self.lexicon.lookup(owner) if e.kind == "Country"), None
                )
            ref = self.lexicon.reference.get("actors", key) if key else None
            if ref is None:
                continue
            party = Actor(ref.key, ref.kind, ref.name, False)
            proposal = self._proposal(party, start, m.end(), "measure-noun", 0.6)
            if proposal.rule == "measure-noun":
                self._taken.add(proposal.key)

    def _same_measure(self, party: str, family: str, on: str | None) -> DraftedFact | None:
        """The measure of ``party`` named before as a thing, of the same kind (tariffs and
        duties are one kind; "measures" is any) and on the same goods when both names say
        what goods ("tariffs on wine" and "tariffs on barley" are two)."""
        for p in self.proposals:
            kind = self._measure_kinds.get(p.key)
            if kind is None or p.fields["proposer"] != party:
                continue
            if family != kind[0] and "measures" not in (family, kind[0]):
                continue
            if on is not None and kind[1] is not None and on != kind[1]:
                continue
            return p
        return None

    def _announced_passive(self, s: Sentence, quote_spans: list[tuple[int, int]]) -> None:
        """ "The White House announced that tariffs on steel would be suspended until May
        1": a measure in the passive, announced by the verb's subject, is that party's
        measure (announced, not taken): its words from the measure's noun to the end of the
        clause."""
        if " be " not in self.text[s.start : s.end]:
            return  # one cheap look first
        for m in _ANNOUNCED_PASSIVE.finditer(self.text, s.start, s.end):
            start = m.start("obj")
            if self._inside(m.start(), quote_spans) or any(
                p.start <= start < p.end or start <= p.start < m.end() for p in self.proposals
            ):
                continue
            agent = self._agent_before(s.start, m.start())
            if agent is None or agent.actor.kind not in ("Country", "GovernmentBody", "Person"):
                continue  # "analysts said tariffs would be raised": no party's measure
            if agent.actor.kind == "Person" and self._party(agent.actor) is agent.actor:
                continue  # a person who acts for no party
            comma = self.text.find(", ", m.end(), s.end)  # "..., pending talks": not what
            end = self._clause(m.end(), comma if comma != -1 else s.end)[1]
            self._proposal(self._party(agent.actor), start, max(end, m.end()), "measure-said", 0.6)

    def _noun_use(self, start: int, at: int) -> bool:
        before = self.text[start:at].rstrip()
        if re.search(
            r"\b(?:the|a|an|its|their|his|her|our|these|those|such|any|new)$", before, re.IGNORECASE
        ):
            return True
        last = re.search(r"\b([A-Z][a-z]+)$", before)
        if last is not None and last.group(1) in self.lexicon.demonyms:
            return True  # "rejected Chilean calls for talks": a noun, Chile's
        owner = self.mentions.within(max(start, at - 40), at)
        return (
            bool(owner)
            and owner[-1].end >= len(before) + start - 2
            and self.text[owner[-1].end : at].strip() in ("", "'s", "’s")
        )

    def _inside(self, at: int, quote_spans: list[tuple[int, int]]) -> bool:
        return any(a <= at < b for a, b in quote_spans)

    def _report(
        self, fields: dict[str, object], source: Mention | None, actors: list[Actor]
    ) -> None:
        """ "..., according to an official": the act is that source's report of it."""
        if source is not None:
            fields["source"] = source.actor.key
            fields["mode"] = "paraphrase"
            fields["verb"] = "according to"
            actors.append(source.actor)

    def _act(
        self,
        section: str,
        key: str,
        rule: str,
        confidence: float,
        span: tuple[int, int],
        fields: dict[str, object],
        agent: Actor,
        source: Mention | None,
    ) -> DraftedFact:
        """A speech act by ``agent`` (as ``source`` reports it, if given), drafted and kept."""
        actors = [agent]
        self._report(fields, source, actors)
        fact = DraftedFact(section, key, rule, confidence, *span, fields, actors=tuple(actors))
        self.facts.append(fact)
        return fact

    def _proposal(
        self, agent: Actor, start: int, end: int, rule: str, confidence: float
    ) -> DraftedFact:
        issue = self._issue(start, end)
        for existing in self.proposals:
            if (existing.rule == "measure-verb") != (rule == "measure-verb"):
                continue  # a measure taken and a demand on the same issue are two things
            if existing.fields["proposer"] == self._party(agent).key and (
                (issue and existing.fields.get("issue") == issue)
                or self.text[existing.start : existing.end] == self.text[start:end]
            ):
                return existing
        party = self._party(agent)
        fields: dict[str, object] = {
            "proposer": party.key,
            "summary": _summary(self.text[start:end]),
        }
        if issue:
            fields["issue"] = issue
        agreement = self._agreement(start, end)
        if agreement:
            fields["agreement"] = agreement
        key = issue or _key_words(self.text[start:end])
        taken = {p.key for p in self.proposals}
        key = next(
            k for k in (key if n == 1 else f"{key}-{n}" for n in range(1, 999)) if k not in taken
        )
        drafted = DraftedFact(
            "proposals", key, rule, confidence, start, end, fields, actors=(party,)
        )
        self.proposals.append(drafted)
        return drafted

    def _proposed_by(self, s: Sentence, quote_spans: list[tuple[int, int]]) -> None:
        """ "..., as proposed by X": the words before are X's proposal."""
        for m in _PROPOSED_BY.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans):
                continue
            after = self.mentions.within(m.end(), min(s.end, m.end() + 60))
            if not after or after[0].start > m.end() + 4 or after[0].actor.kind == "UnnamedSource":
                continue
            start = s.start
            for boundary in re.finditer(r"[,;:—–]\s", self.text[s.start : m.start()]):
                start = s.start + boundary.end()
            if len(self.text[start : m.start()].split()) < 3:
                continue
            self._proposal(after[0].actor, start, after[0].end, "proposed-by", 0.7)

    def _demand_nouns(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        nouns = self.lexicon.speech["demand_nouns"]
        for m in _DEMAND_NOUN.finditer(self.text, s.start, s.end):
            at = m.start(1)
            if m.group(1).lower() not in nouns or self._inside(at, quote_spans):
                continue
            if m.group(3) == "of" and m.group(1).lower() not in ("offer", "offers"):
                continue  # "India's offer of lower tariffs"; "the call of duty" is none
            if m.group(3).startswith("include") and m.group(1).lower() not in _LISTED:
                continue  # "U.S. demands include a sunset clause ...": what is demanded
            owner = [
                x
                for x in self.mentions.within(max(s.start, at - 30), at)
                if (x.end >= at - 4 or self._possessive_before(x, at))
                and x.actor.kind != "UnnamedSource"
            ]
            if m.group(2):  # "a demand by New Zealand to ...": the owner named after it
                owner = [
                    x
                    for x in self.mentions.within(m.start(2), m.end(2))
                    if x.actor.kind != "UnnamedSource"
                ][:1]
            elif not owner:  # "a Chilean proposal to ...": the country of the demonym before
                owner = self._demonym_owner(at)
            linking = m.group(3) in ("is", "was")
            possessive = r"['’]s?\s+(?:\w+\s+)?$"
            owned = bool(owner) and re.search(possessive, self.text[owner[-1].start : at])
            if linking and not owned:
                continue  # "Peru's (key) demand is ...": only with its owner's possessive
            if not owner:
                continue
            agent = owner[-1]
            if m.group(1).lower() in _VERB_TOO and not re.search(
                r"['’]s?\s+$", self.text[agent.start : at]
            ):
                continue  # "the EU plans to impose": a verb; "the EU's plans to" a noun
            start, end = self._clause(m.end(), s.end)
            main = _MAIN_VERB.search(self.text, start, end)
            if main is not None and agent.start - s.start < 12:
                end = main.start()  # "Peru's plan to cut tariffs angered farmers": the plan
            if end - start < 8:
                continue
            evidence_start = agent.start
            proposal = self._proposal(agent.actor, evidence_start, end, "demand-noun", 0.75)
            fields: dict[str, object] = {"by": agent.actor.key, "proposal": proposal.key}
            self._act(
                "demands",
                proposal.key,
                "demand-noun",
                0.75,
                (evidence_start, end),
                fields,
                agent.actor,
                source,
            )

    def _possessive_before(self, x: Mention, at: int) -> bool:
        """ "Peru's key demand": a possessive and one word before the noun at ``at`` (not
        "Peru rejected calls")."""
        return bool(
            re.fullmatch(r"(?:['’]s?)?\s+[a-z]+\s+", self.text[x.end : at])
            and (
                re.search(r"['’]s?$", self.text[x.start : x.end]) is not None
                or self.text[x.end : x.end + 1] in ("'", "’")
            )
        )

    def _demonym_owner(self, at: int) -> list[Mention]:
        """ "a Chilean proposal": Chile, as the owner of the noun at ``at``."""
        word = re.search(r"\b([A-Z][a-z]+)\s+$", self.text[max(0, at - 30) : at])
        if word is None or word.group(1) not in self.lexicon.demonyms:
            return []
        key = self.lexicon.demonyms[word.group(1)]
        actor = self.mentions.actors.get(key) or entry_actor(
            Entry("actors", key, "Country"), self.lexicon
        )
        start = at - len(word.group(0))
        return [Mention(start, start + len(word.group(1)), actor, "demonym")]

    def _verbs(
        self, s: Sentence, kind: str, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        phrases: Phrases = self.lexicon.speech[kind]
        at = s.start
        while True:
            verb = phrases.find(self.text, at, s.end)
            if verb is None:
                return
            at = verb[1]
            if self._inside(verb[0], quote_spans):
                continue
            first = verb[2].lower().split()[0]
            if first in self._nouns and self._noun_use(s.start, verb[0]):
                continue  # "U.S. demands for ...", "the proposal": a noun, drafted above
            if (
                kind == "measure"
                and first in _MEASURE_VERB_NOUNS
                and re.search(
                    r"\b(?:the|a|an|any|no|its|their|his|her|this|that|further|deep|deeper|"
                    r"big|sharp|steep)\s+$",
                    self.text[max(s.start, verb[0] - 10) : verb[0]],
                    re.IGNORECASE,
                )
            ):
                continue  # "opposes any cut to its rice tariffs": a noun, no measure taken
            if first.endswith("ed") and re.search(
                r"\b(?:the|a|an|its|their|his|her|this|that|these|those)\s+$",
                self.text[max(s.start, verb[0] - 8) : verb[0]],
                re.IGNORECASE,
            ):
                continue  # "the proposed deal", "its planned duties": an adjective
            if kind == "demand" and not self._demand_object(verb, s):
                continue  # "demanded" alone: what was demanded is unclear
            if kind == "support" and _HIT_BACK.search(
                self.text, max(s.start, verb[0] - 12), verb[0]
            ):
                continue  # "hit back at", "pushed back against": no backing
            before = self.text[max(s.start, verb[0] - 4) : verb[0]]
            if first.endswith("ing") and re.search(r",[\"”’']?\s*$", before):
                # ", seeking ...": what the clause before does, said again (an appeal
                # "seeking a review"), by the clause's subject, not its last name
                if kind == "demand" and self._act_before(s.start, verb[0]):
                    continue
                agent = self._subject(s.start, verb[0])
            else:
                agent = self._agent_before(s.start, verb[0], kind in ("object", "reject"))
            if agent is None and verb[2].lower().startswith("at odds"):
                agent = self._two_sides(s, verb)
            if agent is None:
                continue
            if kind in ("object", "reject") and _WITNESS.search(self.text[agent.end : verb[0]]):
                continue  # "India has seen protests against ...": others object, not India
            if kind in ("object", "reject") and re.search(
                r"\bthreat\w*\s+(?:to\s+)?$", self.text[agent.end : verb[0]]
            ):
                continue  # "threatened to walk away from the treaty": a threat, drafted as one
            if (
                first != "at"
                and not first.endswith("ing")
                and _PASSIVE.search(self.text[max(s.start, verb[0] - 20) : verb[0]])
            ):
                continue  # passive: "was rejected by ...", "had been asked to ..."
            obj = self._clause(verb[1], s.end)
            if kind in ("object", "reject") and self._relative(s, agent, verb, kind, source):
                continue
            if obj[1] - obj[0] < 4 and not (
                kind in ("object", "reject")
                and re.fullmatch(r"\s*(?:it|them)", self.text[obj[0] : obj[1]])
            ):
                # "refused to accept it": "it" is the proposal named before
                if kind in ("object", "reject") and obj[1] == obj[0]:
                    self._bare(s, agent, verb, kind, source)
                continue
            getattr(self, "_" + kind)(s, agent, verb, obj, source)

    def _bare(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        kind: str,
        source: Mention | None,
    ) -> None:
        """ "Canada wants the U.S. to drop its tariffs. Washington has refused.": a refusal or
        objection with nothing after it is to the last proposal of another party, when one
        ends in the sentence or the one before; nothing is drafted otherwise."""
        if verb[2].lower() not in _BARE_VERBS:
            return
        earlier = self._others(agent.actor, [p for p in self.proposals if p.end <= agent.start])
        before = self.text[max(0, s.start - 400) : s.start]
        last_stop = max(before.rfind(". ", 0, len(before) - 2), before.rfind("\n"))
        window = max(0, s.start - 400) + last_stop + 1
        if not earlier or earlier[-1].end < window:
            return
        target = earlier[-1]
        fields: dict[str, object] = {
            "kind": "rejection" if kind == "reject" else "objection",
            "by": agent.actor.key,
            "proposal": target.key,
        }
        self._act(
            "objections",
            target.key,
            "objection-bare",
            0.6,
            (agent.start, verb[1]),
            fields,
            agent.actor,
            source,
        )

    def _said_by(self, s: Sentence, agent: Mention) -> Mention:
        """ "China does not accept the ruling, the Ministry of Commerce said on Wednesday":
        the body or official of the country the sentence's subject is who says so; else the
        subject."""
        if agent.actor.kind != "Country":
            return agent
        tail = _SAID_AFTER.search(self.text, agent.end, s.end)
        if tail is None:
            return agent
        said = [
            m
            for m in self.mentions.within(tail.start(), tail.end())
            if m.actor.kind in ("GovernmentBody", "Person")
            and self._party(m.actor).key == agent.actor.key
        ]
        return said[0] if len(said) == 1 else agent

    def _two_sides(self, s: Sentence, verb: tuple[int, int, str]) -> Mention | None:
        """ "The two countries have long been at odds over Japanese tariffs": a mention of
        the two sides the article named before, as a group the at-odds rule splits (the
        side whose measure it is not objects); None when the words are not "the two ..."
        or the last two parties named before are not two."""
        words = self.text[s.start : verb[0]]
        pair = re.match(
            r"\s*(?:But\s+|And\s+)?(?:the|both)\s+(?:two\s+)?(?:countries|sides|nations|"
            r"governments|neighbours|neighbors|partners)\b",
            words,
            re.IGNORECASE,
        )
        if pair is None:
            return None
        seen = self._last_two(s.start)
        if seen is None:
            return None
        group = Actor("+".join(sorted(seen)), "ActorGroup", "the two sides", True, tuple(seen))
        return Mention(s.start + pair.start(), s.start + pair.end(), group, "name")

    def _last_two(self, before: int) -> list[str] | None:
        """The last two parties named before ``before`` (within 800 characters), or None."""
        seen: list[str] = []
        for m in reversed(self.mentions.within(max(0, before - 800), before)):
            if m.actor.kind not in (
                "Country",
                "Organization",
                "GovernmentBody",
                "Person",
                "ActorGroup",
            ):
                continue
            for key in m.actor.members[::-1] or (self._party(m.actor).key,):
                if key not in seen:
                    seen.append(key)
            if len(seen) >= 2:
                break
        return seen if len(seen) == 2 else None

    def _sticking_points(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """ "One main point of disagreement was Japan's tariffs on cheese": the measure of one
        of the two sides the article named last is what the other side objects to; nothing
        when the words name no measure of either."""
        for m in _STICKING.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans):
                continue
            start, end = self._clause(m.end(), s.end)
            named = [p for p in self.proposals if start <= p.start < end]
            owners = {p.fields["proposer"] for p in named}
            sides = self._last_two(s.start) if len(owners) == 1 else None
            if sides is None or not owners & set(sides):
                continue
            other = next(k for k in sides if k not in owners)
            ref = self.lexicon.reference.get("actors", other)
            if ref is None:
                continue
            objector = Actor(ref.key, ref.kind, ref.name, False)
            fields: dict[str, object] = {
                "kind": "objection",
                "by": objector.key,
                "proposal": named[0].key,
            }
            self._act(
                "objections",
                named[0].key,
                "objection-sticking-point",
                0.55,
                (m.start(), end),
                fields,
                objector,
                source,
            )

    def _relative(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        kind: str,
        source: Mention | None,
    ) -> bool:
        """ "..., changes Canada and Mexico also object to", "an idea a senior official
        dismissed as ...": the thing objected to comes before its objector."""
        head = _RELATIVE_HEAD.search(self.text[max(s.start, agent.start - 40) : agent.start])
        if head is None:
            return False
        at = max(s.start, agent.start - 40) + head.start()
        targets = [p for p in self.proposals if s.start <= p.start < at] or [
            p for p in self.proposals if p.end <= s.start
        ][-1:]
        fields: dict[str, object] = {
            "kind": "rejection" if kind == "reject" else "objection",
            "by": agent.actor.key,
        }
        if len(targets) == 1:
            fields["proposal"] = targets[0].key
        elif targets:
            fields["proposals"] = [t.key for t in targets]
        key = targets[0].key if targets else "objection"
        self._act(
            "objections",
            key,
            "objection-relative",
            0.65,
            (at, verb[1]),
            fields,
            agent.actor,
            source,
        )
        return True

    def _demand_object(self, verb: tuple[int, int, str], s: Sentence) -> bool:
        """What is demanded is clear: "to ..."/"for ..." follows, or the words name an issue
        ("demanded a sunset clause"), or the verb takes someone "to" do something ("wants
        Canada to open ...")."""
        after = self.text[verb[1] : s.end]
        if re.match(r"\s+(?:anything|nothing|no|little|something)\b", after):
            return False  # "could offer anything on subsidies": nothing in particular
        if re.match(r"\s+(?:anonymity|not\s+to\s+be\s+(?:named|identified))\b", after):
            return False  # "sources, who requested anonymity": a source's condition, no demand
        if verb[2].lower() in ("insist", "insists", "insisted", "insisting"):
            # "insists that Britain must accept ...": a demand; "insisted that the talks
            # were useful", "insisted it would ...": a view
            return bool(_MUST_CLAUSE.match(after))
        if re.match(r"\s+(?:for|to)\b", after) or verb[2].lower().split()[-1] in ("for", "to"):
            return True
        end = self._clause(verb[1], s.end)[1]
        if verb[2].lower() in self.lexicon.speech["demand_object"] and re.match(
            r"\s+(?:[\w.’'$%,-]+\s+){1,16}?to\s+[a-z]", self.text[verb[1] : end]
        ):
            return True  # "wants Canada to open ...", "wants half of the value ... to come"
        if re.match(r"\s+[a-z]+ing\b", after) and verb[2].lower().split()[-1].startswith("propos"):
            return True  # "proposed counting the value of ..."
        if re.match(r"\s+that\s", after) and verb[2].lower().split()[-1].startswith(
            ("propos", "demand", "recommend", "insist", "urg", "advocat")
        ):
            return True  # "has proposed that developing countries should be allowed ..."
        if verb[2].lower().startswith("offer"):
            # "offered India a place in its appeal arrangement": an offer to someone
            taker = self.mentions.within(verb[1], min(s.end, verb[1] + 40))
            if taker and taker[0].start - verb[1] <= 2 and taker[0].end < end:
                return True
        if verb[2].lower() in ("presented", "presents", "submitted", "submits"):
            # "presented counter-proposals on autos": only a proposal presented is one
            return bool(_PRESENTED.match(after))
        if verb[2].lower() in _TABLING and re.match(
            r"\s+(?:a|an|its|their|his|her|new)\s+(?:[\w-]+\s+){0,3}?[a-z]+s?\b", after
        ):
            return True  # "Beijing proposed a price undertaking": what is tabled is a proposal
        if _WANTED_THING.match(after) and verb[2].lower() not in ("asked", "asks", "asking"):
            return True  # "wanted further discussions", "sought a deal that is fair"
        # "demanded a sunset clause", "wanted “concrete” commitments on technology transfer"
        near = _clip_words(self.text, verb[1], end, 10)
        return bool(self.mentions.issues_in(verb[1], near))

    def _demand(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        obj: tuple[int, int],
        source: Mention | None,
    ) -> None:
        start, end = obj[0], self._unsaid(*obj)
        pieces = _SPLIT_PROPOSALS.split(self.text[start:end])
        offset = start
        for piece in pieces:
            p_start = self.text.index(piece.strip(), offset)
            p_end = p_start + len(piece.strip().rstrip(" ,."))
            offset = p_end
            if p_end - p_start < 8:
                continue
            first = piece is pieces[0]
            ev_start = agent.start if first else p_start
            proposal = self._proposal(agent.actor, p_start, p_end, "demand-verb", 0.8)
            fields: dict[str, object] = {"by": agent.actor.key, "proposal": proposal.key}
            self._act(
                "demands",
                proposal.key,
                "demand-verb",
                0.8,
                (ev_start, p_end),
                fields,
                agent.actor,
                source,
            )
            self._removal(s, agent, proposal, (ev_start, p_end), source)

    def _removal(
        self,
        s: Sentence,
        agent: Mention,
        demand: DraftedFact,
        span: tuple[int, int],
        source: Mention | None,
    ) -> None:
        """ "urged the Biden administration to suspend the duties": a demand that another
        party remove its measure is an objection to that measure too (the last one drafted
        before of another party, with the words' noun or on their issue)."""
        m = _REMOVAL.search(self.text, demand.start, demand.end)
        if m is None:
            return
        earlier = self._others(
            agent.actor, [p for p in self.proposals if p is not demand and p.end <= demand.start]
        )
        issue = self._issue(m.start("what"), m.end())
        nouns = _SAME_KIND.get(m.group("noun").lower(), (m.group("noun").lower(),))
        # the last one with the same noun ("the duties" after "set the new duty rates"), else
        # on the same issue
        same = [
            p
            for p in earlier
            if any(
                re.search(rf"\b{re.escape(n)}\b", self.text[p.start : p.end], re.I) for n in nouns
            )
        ] or [p for p in earlier if issue and p.fields.get("issue") == issue]
        if not same:
            return
        target = same[-1]
        fields: dict[str, object] = {
            "kind": "objection",
            "by": agent.actor.key,
            "proposal": target.key,
        }
        self._act(
            "objections", target.key, "objection-demand", 0.6, span, fields, agent.actor, source
        )

    def _measure(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        obj: tuple[int, int],
        source: Mention | None,
    ) -> None:
        """X will impose / imposed / is exempting ... tariffs, duties, a quota, a tax; X will
        withdraw from an agreement: a measure, recorded as X's proposal so that objections
        and support can target it, whether announced or already taken."""
        start, end = obj
        words = self.text[start:end]
        lead = self.text[max(s.start, verb[0] - 30) : verb[0]]
        if re.search(r"\bthreat", self.text[agent.end : verb[0]]):
            return  # "threatened to raise tariffs": a threat, drafted as one
        if _REFUSED_TO.search(self.text, max(agent.end, verb[0] - 30), verb[0]):
            return  # "Seoul refusing to lift its quota": what it will not do is no measure
        if any(p.rule.startswith("demand") and p.start <= verb[0] < p.end for p in self.proposals):
            return  # "Canada's demand to scrap the quota": the demand, drafted already
        future = re.search(_MEASURE_FUTURE, lead)
        if verb[2].lower().split()[0] in (
            "withdraw",
            "withdraws",
            "withdrew",
            "pull",
            "pulls",
            "pulled",
        ):
            if not _AGREEMENT_OBJECT.match(words):
                return
        elif not _MEASURE_OBJECT.match(words) and not (
            future and self.mentions.issues_in(start, min(end, start + 60))
        ):
            return  # "raised concerns", "set up a panel": no measure named
        if _DECISION_TO.search(self.text, agent.start, verb[0]):
            # "Beijing's decision to impose tariffs": the measure named as a thing, which is
            # the one the article states ("China in May imposed duties") when it does
            proposal = self._proposal(agent.actor, agent.start, end, "measure-noun", 0.6)
            if proposal.rule == "measure-noun":
                self._taken.add(proposal.key)
            return
        proposal = self._proposal(agent.actor, agent.start, end, "measure-verb", 0.7)
        announced = (
            future
            or re.search(r"\b(?:is|are)\s+$", lead)  # "is exempting", "are considering"
            # "announced", "is considering": the lexicon's phrase may hold the "is"
            or verb[2].lower().split()[-1].startswith(("announc", "consider", "weigh", "mull"))
        )
        if not announced:
            self._taken.add(proposal.key)

    def _targets(self, start: int, end: int, agent: Actor | None = None) -> list[DraftedFact]:
        """The proposals the words name: drafted inside them, of their issue, or ("the new
        tax", "it") the last one before them, of another party than ``agent``'s when it is
        given, and the last whose words have the same noun ("tax") when one has."""
        named = [
            p
            for p in self.proposals
            if start <= p.start < end or (p.start <= start and end <= p.end)
        ]
        for a_start, a_end, p in self._aliases:
            if (start <= a_start < end or (a_start <= start and end <= a_end)) and p not in named:
                named.append(p)
        if named:
            return named
        issue = self._issue(start, end)
        if issue:
            same = [p for p in self.proposals if p.fields.get("issue") == issue][-1:]
            if same:
                return same
        anaphor = _ANAPHORIC.match(self.text[start:end])
        if (
            anaphor
            and self.proposals
            and not re.match(r"\s+(?:that|of|to)\b", self.text[start + anaphor.end() :])
        ):
            earlier = [p for p in self.proposals if p.end <= start]
            if agent is not None:
                earlier = self._others(agent, earlier)
            noun = anaphor.group(0).split()[-1].lower()
            nouns = _SAME_KIND.get(noun, (noun,))
            same_noun = [
                p
                for p in earlier
                if any(
                    re.search(rf"\b{re.escape(n)}\b", self.text[p.start : p.end], re.I)
                    for n in nouns
                )
            ]
            if noun in _THING_NOUNS:
                # "the bill", "the ruling": a thing of that kind, not whatever came last
                return same_noun[-1:]
            return (same_noun or earlier)[-1:]
        return []

    def _nominal(self, agent: Actor, start: int, end: int) -> list[DraftedFact]:
        """ "pushed back against the demand that ...", "rejected the U.S. argument that ...":
        the proposal the object names, drafted there, by the party the words name ("the U.S.
        argument", "Washington's plan") or, for "the demand" that names none, by the party
        of the last proposal of another side drafted before; none when the owner is a
        pronoun, the objector's own side, or unknown."""
        m = _NOMINAL_PROPOSAL.match(self.text, start, end)
        if m is None or any(start <= p.start < end for p in self.proposals):
            return []  # not a proposal named as a thing, or one drafted inside it already
        own = self._party(agent).key
        owner: Actor | None = None
        if m.group("owner"):
            named = [
                x
                for x in self.mentions.within(m.start("owner"), m.end("owner"))
                if x.actor.kind in ("Country", "Organization", "GovernmentBody", "Person")
            ]
            if not named:
                return []
            owner = named[0].actor
        elif m.group("det") in (None, "its", "their", "his", "her") or m.group("noun") in (
            "argument",
            "insistence",
        ):
            return []  # whose it is the words do not say
        else:
            earlier = self._others(agent, [p for p in self.proposals if p.end <= start])
            if not earlier:
                return []
            owner = earlier[-1].actors[0]
        if self._party(owner).key == own:
            return []
        p_start = m.start("owner") if m.group("owner") else m.start("noun")
        p_end = self._clause(m.end(), end)[1]
        if p_end - m.end() < 8:
            return []
        return [self._proposal(owner, p_start, p_end, "proposal-named", 0.65)]

    def _others(self, agent: Actor, proposals: list[DraftedFact]) -> list[DraftedFact]:
        """Proposals a government (or its official) may object to: not its own. Lawmakers,
        industries and unnamed sources do object to their own government's."""
        if agent.kind not in ("Country", "Organization", "GovernmentBody", "Person"):
            return proposals
        own = self._party(agent).key
        return [p for p in proposals if p.fields["proposer"] != own]

    def _verdicts(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """X concluded it discriminates / said the new tax is inconsistent with ...: an
        objection by X to the measure the words refer back to."""
        for m in _VERDICT.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans):
                continue
            agent = self._agent_before(s.start, m.start())
            if agent is None:
                continue
            t_start = m.start("target")
            targets = (
                self._others(agent.actor, self._targets(t_start, m.end(), agent.actor))
                or self._deal(agent.actor, t_start, m.end())
                or self._owned(agent.actor, t_start, m.end())
            )
            if not targets:
                continue  # a verdict on something no proposal names
            end = self._clause(m.end(), s.end)[1]
            fields: dict[str, object] = {
                "kind": "objection",
                "by": agent.actor.key,
                "proposal": targets[-1].key,
            }
            start = m.start() if agent.end < m.start() - 60 else agent.start
            self._act(
                "objections",
                targets[-1].key,
                "objection-verdict",
                0.65,
                (start, end),
                fields,
                agent.actor,
                source,
            )

    def _found_illegal(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """ "The WTO ruled that the EU gave illegal subsidies to Airbus": an objection by the
        one who rules to the measure, which is its owner's (named after it, "subsidies from
        European governments", or the clause's subject, "the EU gave"): drafted as that
        party's proposal, the words from the clause's start."""
        for m in _FOUND_ILLEGAL.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans):
                continue
            agent = self._agent_before(s.start, m.start())
            if agent is None or agent.actor.kind == "UnnamedSource":
                continue
            c_start = m.start("clause")
            end = self._clause(m.end("noun"), s.end)[1]
            targets = [p for p in self.proposals if c_start <= p.start < max(end, m.end())]
            if not targets:
                # the clause's subject: "the EU gave illegal subsidies"
                first = self.mentions.within(c_start, m.start("noun"))
                owner = first[0] if first else None
                if (
                    owner is None
                    or owner.actor.kind not in ("Country", "Organization")
                    or len(self.text[c_start : owner.start].split()) > 1
                ):
                    continue
                proposal = self._proposal(
                    owner.actor, c_start, max(end, m.end()), "measure-noun", 0.6
                )
                if proposal.rule == "measure-noun":
                    self._taken.add(proposal.key)
                targets = [proposal]
            target = targets[0]
            if target.fields["proposer"] == self._party(agent.actor).key:
                continue  # no one rules against their own measure
            if target.rule == "measure-noun" and target.start > c_start:
                target.start = c_start  # "Airbus received improper loan subsidies from ...":
                # the measure, as the finding states it
            fields: dict[str, object] = {
                "kind": "objection",
                "by": agent.actor.key,
                "proposal": target.key,
            }
            self._act(
                "objections",
                target.key,
                "objection-ruling",
                0.65,
                (agent.start, max(end, m.end())),
                fields,
                agent.actor,
                source,
            )

    def _legal_actions(
        self, s: Sentence, source: Mention | None, quote_spans: list[tuple[int, int]]
    ) -> None:
        """X launched an appeal / filed a complaint (at the WTO, against ...): an objection
        by X to the measure the words, or the rest of the article, name."""
        for m in _LEGAL_ACTION.finditer(self.text, s.start, s.end):
            if self._inside(m.start(), quote_spans) or any(
                f.rule.startswith("objection") and f.start <= m.start() < f.end for f in self.facts
            ):
                continue
            agent = self._agent_before(s.start, m.start())
            if agent is None or _WITNESS.search(self.text[agent.end : m.start()]):
                continue
            end = self._clause(m.end(), s.end)[1]
            if not re.match(
                r"\s+(?:to|with|at|under|against|before|over)\b", self.text[m.end() : end]
            ):
                continue  # "a new case" of some other kind: where or against what is unsaid
            obj_end = s.end
            while obj_end > m.end() and self.text[obj_end - 1] in " .":
                obj_end -= 1
            self._objection(
                "objection",
                "objection-legal",
                s,
                agent,
                (m.start(), m.end(), m.group(0)),
                (m.end(), obj_end),
                source,
            )

    def finish(self) -> None:
        """Objections whose words name no proposal drafted before them: the measure of the
        actor they name ("a review of Beijing's decision to impose tariffs" -> China's
        duties), or of the issue they name, wherever the article states it; when they name
        neither, the one earlier proposal of another party that shares their words."""
        for fact, start, end in self._open:
            if "proposal" in fact.fields or "proposals" in fact.fields:
                continue
            own = {fact.fields["by"], *(self._party(a).key for a in fact.actors)}
            owners = {
                self._party(m.actor).key
                for m in self.mentions.within(start, end)
                if m.actor.kind != "UnnamedSource"
            } - own
            issues = {i[2] for i in self.mentions.issues_in(start, end)}
            candidates = [
                p
                for p in self.proposals
                if p.fields["proposer"] in owners
                or (issues and not owners and p.fields.get("issue") in issues)
            ]
            if fact.actors:
                candidates = self._others(fact.actors[0], candidates)
            if owners:  # the first a party is said to do is what the article is about
                candidates.sort(key=lambda p: p.start)
            else:
                candidates.sort(key=lambda p: abs(p.start - start))
            confidence = 0.65
            if not candidates and not owners and not issues:
                candidates, confidence = self._same_words(fact, start, end), 0.6
            forums = {
                self._party(m.actor).key
                for m in self.mentions.within(start, end)
                if _FORUM_BEFORE.search(self.text, max(0, m.start - 12), m.start)
            }
            anaphor = _ANAPHORIC.match(self.text[start:end])
            thing = anaphor is not None and anaphor.group(0).split()[-1].lower() in _THING_NOUNS
            if not candidates and fact.actors and not owners - forums and not thing:
                # the words name no measure ("filed a complaint at the WTO", "slams the
                # move"): the measure another party takes, the one the article is about
                candidates, confidence = self._main_measure(fact.actors[0]), 0.55
            if candidates:
                fact.fields["proposal"] = candidates[0].key
                fact.key = candidates[0].key
                fact.confidence = confidence
        self._to_stated_measures()
        self.facts = [
            f for f in self.facts if id(f) not in self._untargeted_dropped or "proposal" in f.fields
        ]
        # an actor's objection to a proposal said again in the outlet's words ("India will
        # not join the trade deal" after "India shut the door to joining the deal") is one
        # objection, drafted where the article first states it
        # (an objection and a rejection are two: "slams the move", then "does not accept
        # the ruling")
        seen: set[tuple[object, object, object]] = set()
        kept: list[DraftedFact] = []
        for f in self.facts:
            target = f.fields.get("proposal")
            if f.section == "objections" and target is not None:
                if (f.fields["by"], target, f.fields.get("kind")) in seen and (
                    f.rule in _RESTATED
                    # the same objection found twice in the same words ("said the duties
                    # were “unjustified”": a verdict, and a verdict in a quotation)
                    or any(
                        k.section == "objections"
                        and (k.fields["by"], k.fields.get("proposal")) == (f.fields["by"], target)
                        and k.start < f.end
                        and f.start < k.end
                        for k in kept
                    )
                ):
                    continue
                seen.add((f.fields["by"], target, f.fields.get("kind")))
            kept.append(f)
        self.facts = kept
        # a measure already taken is drafted as a proposal when an objection, support or
        # demand in the article targets it; else it is a fact about the past, not a position
        targeted = {
            key
            for f in self.facts
            for key in (f.fields.get("proposal"), *(f.fields.get("proposals") or ()))
            if key
        }
        self.proposals = [
            p for p in self.proposals if p.key not in self._taken or p.key in targeted
        ]

    def _deal(self, agent: Actor, start: int, end: int) -> list[DraftedFact]:
        """ "refused to join the RCEP trade deal", "rejected the agreement": the deal is the
        proposal objected to. A deal the article drafted before (by its agreement, or "the
        deal" for the last one); else a new one, proposed by the party the words name as
        leading it or as the other side ("a China-led deal", "a deal with Canada"), never by
        the objector's own side; none when they name no such party."""
        m = _DEAL.match(self.text, start, end)
        if m is None:
            # "will not be joining the RCEP": an agreement the reference data names
            join = _JOIN.match(self.text, start, end)
            named = [a for a in self.mentions.agreements if join and a[0] == join.end()]
            if not named:
                return []
            same = [p for p in self.proposals if p.fields.get("agreement") == named[0][2]]
            return same[:1] or self._first_deal(agent, named[0][0], named[0][2])
        d_start, d_end = m.start("deal"), m.end()
        agreement = self._agreement(d_start, d_end)
        deals = [p for p in self.proposals if p.rule == "deal-object"]
        if agreement is not None:
            same = [p for p in deals if p.fields.get("agreement") == agreement]
            if same:
                return same[:1]
        elif m.group("the") and deals:
            return deals[-1:]  # "the deal": the one named before
        elif m.group("the"):
            made = self._deal_made(agent, d_start)
            if made is not None:
                return [made]
            first = self._first_deal(agent, d_start)
            if first:
                return first
        own = self._party(agent).key
        leader = None
        led = re.search(r"\b([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)-led\b", self.text[d_start:d_end])
        if led is not None:  # "a China-led deal": the name is inside the word
            entry = next(
                (e for e in self.lexicon.lookup(led.group(1)) if e.kind == "Country"), None
            )
            ref = self.lexicon.reference.get("actors", entry.key) if entry else None
            leader = Actor(ref.key, ref.kind, ref.name, False) if ref else None
        if leader is None:
            leader = self._with_party(d_start, d_end)
        if leader is None:
            # "an institutional agreement on relations with the European Union"
            # ("a deal with the 27-nation bloc": the name may start inside the deal's words)
            leader = self._with_party(d_start, end, within_clause=True)
        if leader is None:
            leader = self._other_side(d_start, d_end, own)
        if leader is None or self._party(leader).key == own:
            return []
        return [self._proposal(leader, d_start, d_end, "deal-object", 0.6)]

    def _first_deal(
        self, agent: Actor, before: int, agreement: str | None = None
    ) -> list[DraftedFact]:
        """ "Canada and the EU hope to sign a free trade deal this week. ... Wallonia rejected
        the deal": the deal "the deal" (or an agreement's name) stands for is the one the
        article names first, before ``before`` (the agreement's first name, when given), as
        the proposal of the party its words or its sentence name: the one leading it ("a
        China-led deal"), the one it is with ("a deal with Canada"), the two its name joins
        ("the EU-Canada deal"), or the one side, or the group of sides, of its sentence's
        subject ("Canada and the EU hope to sign ..."); none of the objector's own side, and
        none when the article names no deal before or no party for it."""
        if agreement is not None:
            firsts = [(a[0], a[1]) for a in self.mentions.agreements if a[2] == agreement]
        else:
            found = _DEAL_NP.search(self.text, 0, before)
            firsts = [(found.start(), found.end())] if found else []
            firsts += [(a[0], a[1]) for a in self.mentions.agreements if a[0] < before]
        firsts = sorted(f for f in firsts if f[0] <= before)
        if not firsts:
            return []
        d_start, d_end = firsts[0]
        s_start, s_end = self._sentence_at(d_start)
        own = self._party(agent).key
        leader = self._with_party(d_start, s_end, within_clause=True) or self._other_side(
            d_start, d_end, own
        )
        if leader is None:
            sides = [
                x
                for x in self.mentions.within(s_start, d_start)
                if x.actor.kind in ("Country", "Organization", "ActorGroup")
                and not _OBJECT_OF.search(self.text, max(s_start, x.start - 50), x.start)
            ]
            parties = {x.actor.key: x.actor for x in sides}
            if len(parties) == 1 and not self._modifier(sides[0]):
                leader = next(iter(parties.values()))
            elif len(parties) == 2 and re.fullmatch(
                r"\s+and\s+(?:the\s+)?", self.text[sides[0].end : sides[1].start]
            ):
                keys = tuple(sorted(self._party(x.actor).key for x in sides))
                leader = Actor("+".join(keys), "ActorGroup", "the two sides", True, keys)
        if leader is None or self._party(leader).key == own or own in leader.members:
            return []
        return [self._proposal(leader, d_start, d_end, "deal-object", 0.55)]

    def _owned(self, agent: Actor, start: int, end: int) -> list[DraftedFact]:
        """ "criticised the Trump administration's tariffs on steel", "rejected the
        Commission's offer on beef", "the U.S.-imposed tariffs", "the steel tariffs the U.S.
        imposed": a measure or an offer named as a thing with the party it belongs to (before
        its noun, in its noun's first word, or in the words right after it), drafted as that
        party's proposal where the object names it (a measure named before by its kind is
        that one); none when the words name no such owner, or the objector's own side."""
        o_start = start + len(self.text[start:end]) - len(self.text[start:end].lstrip())
        c_end = self._clause(o_start, end)[1]
        head = _OWNED_HEAD.search(self.text, o_start, c_end)
        if head is None:
            return []
        before = self.text[o_start : head.start()]
        if len(before.split()) > 5 or _NOT_IN_NAME.search(before):
            return []  # the noun is not in the object's first words: another clause's
        own = self._party(agent).key
        owners = [
            x.actor
            for x in self.mentions.within(o_start, head.start())
            if x.actor.kind in ("Country", "Organization", "GovernmentBody", "Person")
        ]
        hyphen = _HYPHEN_OWNER.search(before)
        if hyphen is not None:
            owners += self._countries(hyphen.group(1))
        demonym = re.search(r"\b([A-Z][a-z]+)\s+$", before)
        if demonym is not None and demonym.group(1) in self.lexicon.demonyms:
            # "the British offer"; not "the Chinese EV tariffs", where it names the goods
            owners += self._countries(demonym.group(1))
        n_end = head.end()
        tail = _OWNED_TAIL.match(self.text, head.end(), c_end)
        if tail is not None:
            n_end = tail.end()
        after = _OWNER_AFTER.match(self.text, n_end, c_end)
        if after is not None:  # named after the noun, the owner is said outright
            group = "by" if after.group("by") else "who"
            at = after.start(group) + (4 if after.group(group).startswith("the ") else 0)
            named = self.mentions.within(after.start(group), c_end)
            if named and named[0].start in (after.start(group), at):
                owners = [named[0].actor]
                verb = re.match(r"\s+(?:[a-z]+\s+)?[a-z]+ed\b", self.text[named[0].end : c_end])
                # "the tariffs imposed by Washington", "the tariffs the U.S. imposed"
                n_end = named[0].end + (verb.end() if verb else 0)
        det = re.match(r"(?:the|a|an|this|that|these|those)\s+", before, re.IGNORECASE)
        noun = head.group("head").lower()
        if (
            not owners
            and det is not None
            and det.group(0).lower().startswith(("the", "this"))
            and noun in ("offer", "offers", "proposal", "proposals", "plan", "plans")
        ):
            # "said that the offer on market access wasn't enough": an offer the words give
            # no owner is the other side's, when the article names one other party more
            # than any other
            owners = self._other_party(own)
        parties = {self._party(a).key: a for a in owners}
        if len(parties) != 1:
            return []
        owner = next(iter(parties.values()))
        if self._party(owner).key == own:
            return []
        p_start = o_start + (det.end() if det else 0)
        if noun in _MEASURE_FAMILY or noun in ("measures", "measure", "duty"):
            family = _MEASURE_FAMILY.get(noun, "measures" if noun != "duty" else "tariff")
            on = tail.group("on").lower() if tail is not None else None
            same = self._same_measure(self._party(owner).key, family, on)
            if same is not None:
                return [same]
            proposal = self._proposal(owner, p_start, n_end, "measure-noun", 0.6)
            if proposal.rule == "measure-noun":
                self._taken.add(proposal.key)
                self._measure_kinds[proposal.key] = (family, on)
            return [proposal]
        return [self._proposal(owner, p_start, n_end, "proposal-named", 0.6)]

    def _sentence_at(self, at: int) -> tuple[int, int]:
        """The start and end of the sentence of stage 1 that holds offset ``at``; ``(at, at)``
        when it is in none (a sentence too long to read), so that nothing around it is read."""
        i = bisect_right(self._sentences, (at, len(self.text) + 1)) - 1
        if i >= 0 and self._sentences[i][0] <= at < self._sentences[i][1]:
            return self._sentences[i]
        return at, at

    def _other_party(self, own: str) -> list[Actor]:
        """The country or bloc, not ``own``, the article names most often (its officials
        and bodies count for it), when it names it at least twice and more often than any
        other; else none."""
        counts: dict[str, int] = {}
        actors: dict[str, Actor] = {}
        for x in self.mentions.found:
            party = self._party(x.actor)
            if party.kind not in ("Country", "Organization") or party.key == own:
                continue
            counts[party.key] = counts.get(party.key, 0) + 1
            actors[party.key] = party
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return []
        return [actors[ranked[0][0]]]

    def _accused_of(
        self, agent: Actor, verb: tuple[int, int, str], start: int, end: int
    ) -> list[DraftedFact]:
        """ "accusing the U.K. of maintaining market access barriers": what the accused party
        is said to do ("maintaining ...", a verb's -ing form) is its proposal, objected to;
        none for a fault without a verb ("accused Britain of bad faith") or one's own side."""
        if not verb[2].lower().startswith("accus"):
            return []
        m = _ACCUSED_OF.match(self.text, start, end)
        if m is None:
            return []
        named = self.mentions.within(m.start("who"), m.end("who"))
        if (
            len(named) != 1
            or named[0].actor.kind not in ("Country", "Organization", "GovernmentBody")
            or self._party(named[0].actor).key == self._party(agent).key
        ):
            return []
        w_end = self._clause(m.start("what"), end)[1]
        if w_end - m.start("what") < 15:
            return []
        return [self._proposal(named[0].actor, m.start("what"), w_end, "accused-of", 0.6)]

    def _countries(self, name: str) -> list[Actor]:
        key = self.lexicon.demonyms.get(name) or next(
            (e.key for e in self.lexicon.lookup(name) if e.kind in ("Country", "Organization")),
            None,
        )
        ref = self.lexicon.reference.get("actors", key) if key else None
        return [Actor(ref.key, ref.kind, ref.name, False)] if ref else []

    def _deal_made(self, agent: Actor, before: int) -> DraftedFact | None:
        """ "The Commission agreed a trade deal with Mercosur on Friday. ... the deal": the
        last deal the article says a party agreed, struck or signed before ``before``, as
        that party's proposal (or the party it was made with, when the objector is on the
        first one's side); None when no deal was made before or the maker is unknown."""
        found = list(_DEAL_MADE.finditer(self.text, 0, before))
        if not found:
            return None
        m = found[-1]
        stop = self.text.rfind(". ", 0, m.start())
        s_start = max(stop + 2 if stop != -1 else 0, self.text.rfind("\n", 0, m.start()) + 1)
        maker = self._agent_before(s_start, m.start())
        if maker is None:
            return None
        own = self._party(agent).key
        party = maker.actor
        if self._party(party).key == own:
            partner = next(
                (
                    x.actor
                    for x in self.mentions.within(m.start("deal"), m.end())
                    if x.actor.kind in ("Country", "Organization")
                ),
                None,
            )
            if partner is None or self._party(partner).key == own:
                return None
            party = partner
        return self._proposal(party, m.start("deal"), m.end(), "deal-object", 0.55)

    def _other_side(self, start: int, end: int, own: str) -> Actor | None:
        """ "the EU-Mercosur deal", "an India-UK trade agreement": the first of the two
        parties its name joins that is not the objector's side; None when the name joins no
        two parties the reference data knows."""
        pair = re.search(
            r"\b([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)[-–]([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\b",
            self.text[start:end],
        )
        if pair is None:
            return None
        sides = []
        for name in pair.groups():
            entry = next(
                (e for e in self.lexicon.lookup(name) if e.kind in ("Country", "Organization")),
                None,
            )
            ref = self.lexicon.reference.get("actors", entry.key) if entry else None
            if ref is None:
                return None
            sides.append(Actor(ref.key, ref.kind, ref.name, False))
        return next((a for a in sides if self._party(a).key != own), None)

    def _to_stated_measures(self) -> None:
        """A measure named as a thing ("Beijing's tariffs on barley") that the article also
        states as taken or announced ("China in May imposed duties on barley") is that
        measure: what targets the one targets the other, where it is stated."""
        by_key = {p.key: p for p in self.proposals}
        for f in self.facts:
            named = by_key.get(str(f.fields.get("proposal")))
            if named is None or named.rule != "measure-noun":
                continue
            stated = [
                p
                for p in self.proposals
                if p.rule == "measure-verb" and p.fields["proposer"] == named.fields["proposer"]
            ]
            stated.sort(key=lambda p: p.start)  # the first the party is said to do
            if stated:
                f.fields["proposal"] = f.key = stated[0].key

    def _main_measure(self, agent: Actor) -> list[DraftedFact]:
        """The first measure of another party than ``agent``'s, when one party's measures
        are all the article states (two parties' measures: which one is meant is unsaid)."""
        measures = self._others(agent, [p for p in self.proposals if p.rule == "measure-verb"])
        if len({p.fields["proposer"] for p in measures}) != 1:
            return []
        return measures[:1]

    def _same_words(self, fact: DraftedFact, start: int, end: int) -> list[DraftedFact]:
        """The one proposal of another party, drafted before the objection, whose words share
        at least two content words with what the objection is to ("would not accept an
        agreement that could expire every five years" after "a clause that would end the pact
        after five years"); none when no proposal or more than one does."""
        words = _content_words(self.text[start:end])
        earlier = [p for p in self.proposals if p.end <= start]
        if fact.actors:
            earlier = self._others(fact.actors[0], earlier)
        shared = [
            p for p in earlier if len(words & _content_words(self.text[p.start : p.end])) >= 2
        ]
        return shared if len(shared) == 1 else []

    def _objection(
        self,
        kind: str,
        rule: str,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        obj: tuple[int, int],
        source: Mention | None,
    ) -> None:
        start, end = obj
        if _A_CLAIM.match(self.text[start:end]):
            return  # "rejected the idea that ...": a claim disputed, not a proposal opposed
        if _NO_COMMENT.match(self.text, start, end):
            return  # "refused to comment": no position at all
        said_by = self._said_by(s, agent)
        if said_by is not agent:
            # the body or official of that country who says so is the objector
            agent = Mention(agent.start, agent.end, said_by.actor, said_by.via)
        # a demand noun inside the object ("rejected U.S. demands to ...") was drafted first
        targets = (
            self._nominal(agent.actor, start, end)
            or self._targets(start, end, agent.actor)
            or self._deal(agent.actor, start, end)
            or self._owned(agent.actor, start, end)
            or self._accused_of(agent.actor, verb, start, end)
        )
        if verb[2].lower().startswith("at odds") and agent.actor.name == "the two sides":
            owners = {t.fields["proposer"] for t in targets}
            if not owners & set(agent.actor.members):
                return  # "the two countries are at odds over farm trade": no one objector
        if verb[2].lower().startswith("at odds") and targets:
            # "The EU and Japan are at odds over Japanese tariffs": the side whose measure
            # it is not objects to it; when the words name no other side, nobody does
            owners = {t.fields["proposer"] for t in targets}
            rest = [k for k in agent.actor.members if k not in owners]
            if owners & set(agent.actor.members):
                # "Peru and Chile are at odds over Chilean tariffs": Peru objects
                ref = self.lexicon.reference.get("actors", rest[0]) if len(rest) == 1 else None
                if ref is None:
                    return
                other_side = Actor(ref.key, ref.kind, ref.name, False)
                agent = Mention(agent.start, agent.end, other_side, agent.via)
            elif self._party(agent.actor).key in owners:
                other = [
                    x
                    for x in self.mentions.within(s.start, agent.start)
                    if not self._modifier(x) and self._party(x.actor).key not in owners
                ]
                if not other:
                    return
                agent = other[-1]
        if not targets and verb[2].lower() in _NEEDS_TARGET:
            return  # "stepped back from a previous round": from what, and whose, is unsaid
        fields: dict[str, object] = {"kind": kind, "by": agent.actor.key}
        if targets:
            fields["proposal"] = targets[0].key if len(targets) == 1 else None
            if len(targets) > 1:
                del fields["proposal"]
                fields["proposals"] = [t.key for t in targets]
        drafted = self._act(
            "objections",
            (targets[0].key if targets else _key_words(self.text[start:end])),
            rule,
            0.8 if targets else 0.7,
            (min(agent.start, start), max(end, agent.end)),  # the objector may come last
            fields,
            agent.actor,
            source,
        )
        if not targets:
            self._open.append((drafted, start, end))
        reason = _REASON.search(self.text, end, s.end)
        if reason and reason.start() - end < 3:
            r_start = reason.end() if reason.group(1) != "citing" else reason.start(1)
            r_end = self._clause(reason.end(), s.end)[1]
            r_end = _clip_words(self.text, r_start, r_end, REASON_WORDS)
            if r_end - r_start > 10:
                drafted.reason = (r_start, r_end, _reason_kind(self.text[r_start:r_end]))

    # the verbs of the lexicon's "object" and "reject" lists
    _object = partialmethod(_objection, "objection", "objection-verb")
    _reject = partialmethod(_objection, "rejection", "rejection-verb")

    def _threaten(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        obj: tuple[int, int],
        source: Mention | None,
    ) -> None:
        start, end = obj
        to = re.match(r"\s*to\s+", self.text[start:end])
        if to is None:
            return
        fields: dict[str, object] = {
            "by": agent.actor.key,
            "action": _summary(self.text[start + to.end() : end]),
        }
        self._act(
            "threats",
            _key_words(self.text[start:end]),
            "threat-verb",
            0.8,
            (agent.start, end),
            fields,
            agent.actor,
            source,
        )

    def _threat_nouns(self, s: Sentence, source: Mention | None) -> None:
        nouns = self.lexicon.speech["threat_nouns"]
        for m in re.finditer(
            r"\b(his|her|its|their|[\w.’'-]+)\s+(?:earlier\s+|repeated\s+|"
            r"latest\s+|new\s+)?([\w]+)\s+to\s+",
            self.text[s.start : s.end],
        ):
            if m.group(2).lower() not in nouns:
                continue
            at = s.start + m.start(1)
            owner_word = m.group(1).lower()
            agent: Actor | None = None
            if owner_word in ("his", "her"):
                resolved = self.speakers.resolve(owner_word, at, max(0, at - 1500))
                agent = resolved[0] if resolved else None
            else:
                owner = [
                    x
                    for x in self.mentions.within(max(s.start, at - 30), at + len(m.group(1)))
                    if x.end >= at - 1
                ]
                agent = owner[-1].actor if owner else None
            if agent is None:
                continue
            start, end = self._clause(s.start + m.end(), s.end)
            if end - start < 8:
                continue
            fields: dict[str, object] = {"by": agent.key, "action": _summary(self.text[start:end])}
            self._act(
                "threats",
                _key_words(self.text[start:end]),
                "threat-noun",
                0.7,
                (at, end),
                fields,
                agent,
                source,
            )

    def _support(
        self,
        s: Sentence,
        agent: Mention,
        verb: tuple[int, int, str],
        obj: tuple[int, int],
        source: Mention | None,
    ) -> None:
        start, end = obj
        targets = self._targets(start, end)
        if not targets:
            return
        fields: dict[str, object] = {"by": agent.actor.key, "proposal": targets[0].key}
        self._act(
            "supports",
            targets[0].key,
            "support-verb",
            0.7,
            (agent.start, end),
            fields,
            agent.actor,
            source,
        )

    def quoted(self, speaker: Actor, q_start: int, q_end: int, mode: str, verb: str) -> None:
        """ "... we cannot agree to ..." in a quotation: a rejection by its speaker; "the
        United States will have to move forward with countermeasures": a measure of the party
        the quotation names as acting."""
        at = q_start
        for stop in [*(m.end() for m in re.finditer(r"[.!?]\s+", self.text[q_start:q_end])), None]:
            end = q_end if stop is None else q_start + stop
            if self.mentions.within(at, end):  # no one named in it: no one to act
                for kind in QUOTED_KINDS:
                    self._verbs(Sentence(at, end, -1), kind, None, [])
            at = end
        for kind, rule in (("reject", "rejection-quote"), ("object", "objection-quote")):
            hit = self.lexicon.speech[kind].find(self.text, q_start, q_end)
            if hit is None or not _WE.search(self.text, max(q_start, hit[0] - 40), hit[0]):
                continue
            stop = self.text.rfind(". ", q_start, hit[0])
            s_start = stop + 2 if stop != -1 else q_start
            while s_start < hit[0] and not self.text[s_start].isalnum():
                s_start += 1
            s_end = self.text.find(". ", hit[1], q_end)
            s_end = q_end if s_end == -1 else s_end + 1
            fields: dict[str, object] = {
                "kind": "rejection" if kind == "reject" else "objection",
                "by": speaker.key,
                # the whole quotation is the rejection: quoted as the statement is
                "mode": mode if (s_start, s_end) == (q_start, q_end) else "partial-quote",
                "verb": verb,
            }
            agent = self._government_of(speaker, q_start)
            if agent is not speaker:
                fields["by"], fields["source"] = agent.key, speaker.key
            targets = self._targets(hit[1], s_end) or self._deal(agent, hit[1], s_end)
            if targets:
                fields["proposal"] = targets[0].key
            fact = self._act(
                "objections",
                agent.key + "-" + kind,
                rule,
                0.7,
                (s_start, s_end),
                fields,
                agent,
                None,
            )
            if agent is not speaker:
                fact.actors = (agent, speaker)
            return
        self._disapproval(speaker, q_start, q_end, verb)

    def _government_of(self, speaker: Actor, at: int) -> Actor:
        """ "We will not ...," the official said: an unnamed official of a government speaks
        for it — the country its words name ("a senior Indian official"), else, for "a
        government official", the country named last before ``at``; anyone else speaks for
        themselves."""
        if speaker.kind != "UnnamedSource" or not _GOVERNMENT_SOURCE.search(speaker.name):
            return speaker
        key = speaker.affiliation
        if key is None:
            countries = [
                m for m in self.mentions.within(max(0, at - 1500), at) if m.actor.kind == "Country"
            ]
            key = countries[-1].actor.key if countries else None
        ref = self.lexicon.reference.get("actors", key) if key else None
        if ref is None or ref.kind != "Country":
            return speaker
        return Actor(ref.key, ref.kind, ref.name, False)

    def _disapproval(self, speaker: Actor, q_start: int, q_end: int, verb: str) -> None:
        """ "This is protectionism, pure and simple", "We respectfully disagree with the
        panel's reasoning": a speaker's verdict against something, an objection to the
        proposal the words name or, failing that, to the measure of another party the article
        is about; dropped when there is none (a verdict on nothing drafted)."""
        party = self._party(speaker)
        if party.kind != "Country" and (party.kind != "Organization" or party.local):
            return  # a company's or a group's verdict: which side it takes is unsaid
        hit = _DISAPPROVAL.search(self.text, q_start, q_end)
        if hit is None:
            return
        stop = max(self.text.rfind(m, q_start, hit.start()) for m in (". ", "? ", "! "))
        s_start = stop + 2 if stop != -1 else q_start
        ends = [
            i for i in (self.text.find(m, hit.end(), q_end) for m in (". ", "? ", "! ")) if i != -1
        ]
        s_end = min(ends) + 1 if ends else q_end
        while s_end > s_start and self.text[s_end - 1] in " ,.\n":
            s_end -= 1
        fields: dict[str, object] = {
            "kind": "objection",
            "by": speaker.key,
            "mode": "partial-quote",
            "verb": verb,
        }
        targets = self._others(speaker, self._targets(s_start, s_end, speaker))
        if targets:
            fields["proposal"] = targets[0].key
        drafted = self._act(
            "objections",
            targets[0].key if targets else speaker.key + "-verdict",
            "objection-quote-verdict",
            0.6,
            (s_start, s_end),
            fields,
            speaker,
            None,
        )
        if not targets:
            self._open.append((drafted, s_start, s_end))
            self._untargeted_dropped.add(id(drafted))


# a speaker's verdict against a measure, a ruling or a position
_DISAPPROVAL = re.compile(
    r"\b(?:protectionis[mt]\w*|absurd|unacceptable|unjustifi\w+|unwarranted|"
    r"discriminat\w+|illegal|unlawful|bully\w*|blackmail|(?:a\s+)?(?:grave|serious|big)\s+mistake|"
    r"(?:respectfully\s+|strongly\s+|firmly\s+)?disagree|deeply\s+disappoint\w*|"
    r"regrettable|(?:strongly|firmly|resolutely)\s+oppose[sd]?|in\s+breach\s+of|"
    r"a\s+betrayal|a\s+(?:total\s+|complete\s+)?(?:disaster|sell-?out)|"
    r"violat(?:es|ed|ion\s+of)|trade\s+barriers?)\b",
    re.IGNORECASE,
)


_CONTENT = re.compile(r"[a-z]{4,}")
_NOT_CONTENT = frozenset(
    {"that", "this", "with", "from", "would", "could", "should", "will", "have", "been",
     "their", "them", "they", "unless", "which", "into", "than", "only", "also", "more",
     "deal", "agreement", "trade", "talks", "said", "says"}
)  # fmt: skip


def _heading(text: str, start: int, end: int) -> bool:
    """A heading within a page: a paragraph of its own of at most ten words, most of them
    capitalised, that does not end like a sentence ("India Opts Out of Trade Pillar")."""
    if text[end:].lstrip(" ")[:1] not in ("\n", "") or text[:start].rstrip(" ")[-1:] not in (
        "\n",
        "",
    ):
        return False
    words = text[start:end].split()
    if not words or len(words) > 10 or words[-1][-1] in '.!?:;"”’)]':
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper * 2 > len(words)


def _content_words(words: str) -> set[str]:
    return {w for w in _CONTENT.findall(words.lower()) if w not in _NOT_CONTENT}


def _summary(words: str) -> str:
    words = " ".join(words.split()).strip(" ,.;")
    words = words[:1].upper() + words[1:]
    return words if len(words) <= 200 else words[:199] + "…"


def _key_words(words: str) -> str:
    picked = [
        w
        for w in re.findall(r"[a-z0-9]+", words.lower())
        if w not in ("the", "a", "an", "to", "of", "and", "its", "their", "for", "in")
    ]
    return "-".join(picked[:4]) or "fact"


def _clip_words(text: str, start: int, end: int, limit: int) -> int:
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= limit:
        return end
    return start + words[limit - 1].end()


def _reason_kind(words: str) -> str | None:
    if _HARM.search(words):
        return "economic-harm"
    if _SOVEREIGNTY.search(words):
        return "sovereignty"
    if _LEGAL.search(words):
        return "legal"
    return None
