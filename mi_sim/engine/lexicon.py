"""Word lists and compiled patterns used by the utterance coder.

Everything here is built once at import. Patterns run on *normalised* text (see
`mi_sim.engine.segmenter.normalise`): lower case, straight apostrophes, common contractions
expanded ("you're" -> "you are", "it's" -> "it is", "i'm" -> "i am"), fillers like "um" and "uh"
removed. Negative contractions stay as written ("don't", "can't").

The lists describe *linguistic cues* (wh-words, auxiliary inversion, frames, modal verbs of
obligation, feeling words), never whole example sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from mi_sim.engine.gated import Gated


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _alt(words: str) -> str:
    """A non-capturing alternation from a space-separated list ('_' stands for a space)."""
    return "(?:" + "|".join(w.replace("_", " ") for w in words.split()) + ")"


# --------------------------------------------------------------------------- normalisation

CONTRACTIONS: Final[dict[str, str]] = {
    "you're": "you are", "youre": "you are", "you've": "you have", "youve": "you have",
    "you'll": "you will", "youll": "you will", "you'd": "you would", "youd": "you would",
    "we're": "we are", "we've": "we have", "we'll": "we will", "we'd": "we would",
    "they're": "they are", "they've": "they have", "theyre": "they are",
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'd": "i would",
    "i'll": "i will", "it's": "it is", "its": "it is", "that's": "that is", "thats": "that is",
    "what's": "what is", "whats": "what is", "how's": "how is", "hows": "how is",
    "where's": "where is", "wheres": "where is", "who's": "who is", "whos": "who is",
    "there's": "there is", "theres": "there is",
    "here's": "here is", "he's": "he is", "she's": "she is", "let's": "let us", "lets": "let us",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't",
    "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
    "havent": "haven't", "hasnt": "hasn't", "wouldnt": "wouldn't", "couldnt": "couldn't",
    "shouldnt": "shouldn't", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "ok": "okay", "o.k.": "okay", "kinda": "kind of", "sorta": "sort of", "cuz": "because",
    "'cause": "because", "cos": "because", "y'know": "you know", "ya": "you",
    "it'd": "it would", "that'd": "that would", "there'd": "there would", "what'd": "what would",
    "how'd": "how would", "who'd": "who would", "where'd": "where would",
    "what're": "what are", "how're": "how are", "where're": "where are", "who're": "who are",
    "what've": "what have", "how've": "how have", "mustn't": "must not", "needn't": "need not",
    "must've": "must have", "should've": "should have", "would've": "would have",
    "could've": "could have", "might've": "might have", "y'all": "you",
    # chat spelling, as trainees type it
    "u": "you", "ur": "your", "r": "are", "uve": "you have", "u've": "you have", "ud": "you would",
    "u'd": "you would", "u're": "you are", "u'll": "you will",
    "wud": "would", "cud": "could", "shud": "should", "wat": "what", "wot": "what", "thx": "thanks",
    "pls": "please", "plz": "please", "tbh": "to be honest", "idk": "i don't know",
    "dunno": "don't know", "abt": "about", "coz": "because", "bc": "because", "ppl": "people",
    "thru": "through", "tho": "though", "rn": "right now", "smth": "something",
    "sth": "something", "b4": "before", "2day": "today", "tmrw": "tomorrow", "tmr": "tomorrow",
    "yr": "your", "yrs": "years", "hrs": "hours", "mins": "minutes", "wk": "week", "wks": "weeks",
    "gf": "girlfriend", "bf": "boyfriend", "bro": "brother", "sis": "sister", "xmas": "christmas",
    "w": "with", "n": "and",
}
# Chat "ur" before what only follows "you are" ("ur not", "ur overreacting", "ur the one").
UR_ARE_RX: Final = re.compile(
    r"(?<![\w'])ur (?=(?:a|an|the|not|so|just|really|being|going|doing|right|wrong|fine|ok|okay|"
    r"here|there|welcome|"
    r"too|very|still|always|never|only|clearly|obviously|definitely|probably|gonna|literally|"
    r"basically|\w+ing|\w+ed|\w+ful|\w+ive|\w+ous)\b)")
# Chat "b" after a subject or a modal is "be" ("would u b up for it", "it'll b fine").
B_BE_RX: Final = re.compile(r"\b(u|you|i|we|they|it|that|to|will|would|wud|could|cud|might|"
                            r"should|shud|can|cant|can't|won't|wont|gonna|'ll|'d) b (?=\w)")
# Chat "yr" after a number or "a" is a year ("a yr ago", "3 yr"); elsewhere "your".
YR_YEAR_RX: Final = re.compile(r"\b(a|one|two|\d+|last|this|next|per) yr\b")
# Disfluencies removed before analysis (kept in the segment text shown to people).
DISFLUENCY_PARTS: Final = (
    r"(?:(?<=\s)|^)(?:u+m+|u+h+m*|e+r+m*|a+h+|h+m+|mm+)(?=[\s,.!?]|$)[,.]?",
    r",\s*(?:you know|i mean)\s*(?=,|$)",
    r"^(?:you know|i mean)\s*,",
    r"\b(?:you know|i mean)\s*$",
    r"(?:^|,\s*)(?:as you know|just so you know|as i said|as i say|like i said|to be honest|"
    r"honestly|look|listen|you see|let me see|let us see|if anything)\s*,",
)
# Phrases without which a part cannot match (checked with `in`, much faster than the regex).
ASIDE_PHRASES: Final = ("as you know", "just so you know", "as i said", "as i say", "like i said",
                        "to be honest", "honestly", "look", "listen", "you see", "let me see",
                        "let us see", "if anything")


@lru_cache(maxsize=32)
def disfluency_rx(parts: tuple[bool, ...]) -> re.Pattern[str]:
    """The disfluency parts joined, keeping only those that can match a given text (the same
    result: a part that matches nowhere in the text takes no part in the substitution)."""
    return re.compile("|".join(p for p, on in zip(DISFLUENCY_PARTS, parts, strict=True) if on))


REPEAT_RX: Final = _rx(r"\b(\w+(?:'\w+)?)(?:\s+\1\b)+")

# Cheap pre-checks so that normalising a line runs only the rewrites it needs (each rewrite pass
# costs a few microseconds on a sentence; most lines need one or two of them).
# A token that may be a contraction key ("you're", "'cause", "o.k.").
CONTRACTION_TOKEN_RX: Final = _rx(r"'cause|o\.k\.|[a-z]+(?:'[a-z]+)?")
# One compiled rewrite per contraction, run only when its token occurs (no key's expansion is
# itself a key, so applying them one after another equals the single pass).
# Written word-first ("you're" then "not after a letter") so the search jumps to the word.
CONTRACTION_ONE: Final[dict[str, re.Pattern[str]]] = {
    k: re.compile(re.escape(k) + r"(?<![\w']" + re.escape(k) + r")(?![\w'])") for k in CONTRACTIONS
}
HESITATION_RX: Final = _rx(r"(?<![a-z'])(?:u+m+|u+h+m*|e+r+m*|a+h+|h+m+|mm+)(?![a-z'])")
# The same hesitations as a set of tokens up to eight letters ("um", "uhh", "erm", "hmm"...);
# a longer token is checked with the regex.
HESITATIONS: Final = frozenset(
    w for n in range(2, 9) for w in (
        ["u" * i + "m" * (n - i) for i in range(1, n)]
        + ["u" * i + "h" * j + "m" * (n - i - j) for i in range(1, n) for j in range(1, n - i + 1)]
        + ["e" * i + "r" * j + "m" * (n - i - j) for i in range(1, n) for j in range(1, n - i + 1)]
        + ["a" * i + "h" * (n - i) for i in range(1, n)]
        + ["h" * i + "m" * (n - i) for i in range(1, n)]
        + ["m" * n]
    )
)
# A word said twice in a row (possessive, so it fails fast); REPEAT_RX then collapses it.
REPEAT_CHECK_RX: Final = _rx(r"\b(\w++(?:'\w++)?+) \1\b")

# --------------------------------------------------------------------------- fillers

# Whole-segment fillers: facilitate.
FILLER_WORDS: Final = (
    "okay alright all_right right mm-hmm mm-hm mhm mm_hmm mmhmm mm uh-huh uh_huh uhhuh yeah yes "
    "yep yup sure i_see got_it gotcha oh ah wow hmm huh great good fine cool so well now and "
    "absolutely exactly indeed really sure_sure okay_okay true that_is_true go_on i_hear_you "
    "i_understand understood interesting no nope uh um ooh aha ahh ha really? thank_you thanks "
    "gosh goodness dear blimey jeez geez my_goodness oh_no oh_dear oh_my of_course fair_enough "
    "take_your_time go_ahead carry_on that_is_right it_does that_does it_is it_did you_are "
    "i_know mm_hm hm hmm-hmm ok_then okay_then right_then uh_oh mm-mm"
)
FILLER_SEG_RX: Final = _rx(
    r"^(?:(?:" + _alt(FILLER_WORDS) + r")\b[\s,.!?-]*)+$"
)
# Leading fillers peeled off a longer segment ("Okay. So, ..." / "yeah so um ...").
LEAD_FILLER_RX: Final = _rx(
    r"^(?:(?:okay|ok|alright|all right|mm-?hmm|mhm|mm hmm|uh-?huh|yeah|yep|yup|you know|i mean|so|"
    r"and|but|anyway|um+|uh+|hmm+)\b[\s,.!-]*|(?:right|yes|sure|oh|ah|wow|i see|got it|great|"
    r"good|cool|well|now|absolutely|exactly|okay|fair enough|of course|thank you|thanks)"
    r"\s*[,.!-]+\s*)+"
)
# Leading discourse markers ignored for the syntax of the rest.
LEAD_MARKER_RX: Final = _rx(r"^(?:(?:so|and|but|well|now|then|also|plus|or|because|like)\b[\s,]*)+")

# --------------------------------------------------------------------------- question syntax

WH = r"(?:what|how|why|where|when|who|whom|whose|which)"
AUX = (
    r"(?:do|does|did|don't|doesn't|didn't|are|is|was|were|aren't|isn't|wasn't|weren't|have|has|"
    r"had|haven't|hasn't|hadn't|can|could|can't|couldn't|will|would|won't|wouldn't|should|"
    r"shouldn't|shall|may|might|must|am)"
)
SUBJ = (
    r"(?:you|we|i|it|that|this|there|they|he|she|your|yours|anyone|anybody|anything|someone|"
    r"somebody|something|everything|everyone|people|the|any|these|those|my|his|her|their|our|"
    r"a|an|some|one|things|drinking|smoking|alcohol)"
)
# Auxiliary inversion at the start: "do you", "are you", "is it", "would that" ...
AUX_INV_RX: Final = _rx(
    r"^(?:" + AUX + r"\s+" + SUBJ + r"\b|(?:do|does|did|is|are|was|were|has|have|isn't|aren't|"
    r"doesn't|didn't|wasn't|weren't|hasn't|haven't)\s+(?!not\b)[a-z])"
)
# A wh-word that opens a question: followed by an auxiliary, a verb-ish word or a noun phrase,
# but not by a bare pronoun subject ("what you are saying is ..." is a statement).
WH_Q_RX: Final = _rx(
    r"^(?:" + WH + r"(?:\s+else)?\b(?!\s+(?:you|i|we|they|he|she)\b)|in what (?:way|ways|sense)|"
    r"to what (?:extent|degree)|for what reason|with whom|how come)"
)
WH_PRONOUN_RX: Final = _rx(r"^" + WH + r"\s+(?:you|i|we|they|he|she)\b")
# Pseudo-cleft statements: "what you are saying is", "what i hear is", "how you feel is".
WH_STATEMENT_RX: Final = _rx(
    r"^" + WH + r"\s+(?:you|i|we)\b[^?]*?\b(?:is|are|was|seems|sounds)\b"
    r"|^what i (?:am )?hear(?:ing)?\b|^what (?:you|i) (?:are |am )?(?:saying|said|hear|heard)\b"
    r"|^what (?!" + AUX + r"\b)\w+(?: \w+){0,5} (?:is|was|are) (?!it\b|that\b|there\b|this\b"
    r"|you\b|he\b|she\b|they\b)[^?]*$"
)
# Verbs that can follow a wh-word that is the subject of a question ("what goes through your
# mind", "what happened then").
WH_SUBJECT_VERBS = (
    r"(?:makes|made|happens|happened|brings|brought|helps|helped|gets|got|keeps|kept|stops|"
    r"stopped|worries|worried|concerns|matters|mattered|goes|went|comes|came|runs|ran|stands|"
    r"stood|sits|springs|pops|crosses|strikes|struck|works|worked|changes|changed|leads|led|"
    r"drives|drove|bothers|bothered|scares|scared|frightens|excites|appeals|surprises|surprised|"
    r"sticks|stuck|tends|usually|typically|normally|gives|gave|holds|held|tells|told|seems|"
    r"feels|felt|sets|triggers|triggered|starts|started)"
)
# Positions where a new clause might start a question: after a comma or a linking word.
# "Which" after a comma usually opens a relative clause ("..., which takes real strength"), so it
# starts a question only with a noun and an inverted auxiliary ("which one would you pick").
# Each separator starts with a literal character (the word boundary is checked after the word,
# "and(?<!\\wand)" = "\\band"), so the regex engine can skip straight to candidate positions.
CLAUSE_Q_SPLIT_RX: Final = _rx(
    r"(?:,|;|:|-(?<=\s-)(?=\s)|and(?<!\wand)(?!\s+do (?:that|this|it)\b)|so(?<!\wso)|"
    r"but(?<!\wbut)|okay(?<!\wokay)|"
    r"right(?<!\wright)|yeah(?<!\wyeah)|now(?<!\wnow))\s+(?!(?:do|would|did) you "
    r"(?:think|reckon|say|suppose|guess)\s*[?.]?$)(?=(?:(?!which)" + WH + r"(?:'s|'re|'d|'ll)|"
    r"(?!which)" + WH + r"\s+(?:" + AUX + r"|else|about|kind|sort|type|would|could|might|"
    + WH_SUBJECT_VERBS + r"|much|many|often|long|far|come)\b|"
    r"what (?!(?:you|we|i|they|he|she)\b)\w+ (?:of|do|does|did|would|could|are|is|have|has|can|"
    r"will|might)\b|which (?:one|ones|of|part|\w+ " + AUX
    + r" (?:you|we|it|that|this|they))\b|" + AUX + r"\s+(?:you|we|i|it|that|this|there|they)"
    r"\b|tell me (?:more|a bit|a little|about)\b|(?:talk|walk) me through\b))"
    r"|:\s+(?=(?:" + AUX + r")\s+[a-z]+\s+\w)"  # "I meant the hob at night: has Sue noticed?"
    r"|:\s+(?=what if (?:you|we)\b|how about (?:you|we)\b)"  # "a thought before you go: what
    # if you wrote to the committee?"
)
# Elliptical / fragment questions that ask for more: "and then?", "like what?", "such as?".
ELLIPTIC_OPEN_RX: Final = _rx(
    r"^(?:and then|then what|like what|such as|for example|for instance|meaning|in what way|"
    r"how so|what else|because|which is|and|and what|what about|how about|what then|or)\b"
    r"[^?]{0,30}\?$"
)
ELLIPTIC_CLOSED_RX: Final = _rx(
    r"^(?:anything else|any(?:thing|one|body|way)?|ever|still|never|often|at all|yet|every day|"
    r"daily|really|seriously|true|no|not even|none)\b[^?]{0,25}\?$"
    r"|^any (?:red flags|of (?:these|those|the following)|\w+,|\w+ \w+,)[^?.]{0,100}\?$"
)
# Open question frames that look like yes/no: "can you tell me", "could you say more".
OPEN_INVITE_RX: Final = _rx(
    r"^(?!(?:can|could|would|will) you (?:please )?tell me (?:if|whether)\b)"
    r"(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|say|describe|explain|talk|"
    r"share|walk|expand|elaborate|give me (?:an |some )?(?:example|idea|sense)|help me "
    r"understand|fill me in|paint)\b"
    r"|(?:would|do)\s+you\s+(?:mind\s+)?(?:telling|saying|describing|explaining|sharing|"
    r"talking)\b|(?:are|would) you (?:willing|able) to (?:tell|say|describe|share|talk)\b"
    r"|(?:(?:so|and|maybe|perhaps|okay|i suppose|i wonder if)[,\s-]+)*you (?:could|might) "
    r"(?:start by |begin by |just )?(?:tell|telling|describe|describing|explain|explaining|"
    r"talk(?:ing)? me|walk(?:ing)? me|say(?:ing)? a (?:bit|little)|fill(?:ing)? me in|share|"
    r"sharing)\b)"
)
IMPERATIVE_OPEN_RX: Final = _rx(
    r"^(?:please\s+)?(?:tell me|describe|explain|walk me through|talk (?:to me )?about|"
    r"say (?:a (?:bit|little) )?more|help me understand|give me (?:an |some )?(?:example|idea|"
    r"sense)|fill me in|share (?:with me|more|a bit|a little)|paint me a picture|go on and|"
    r"keep going|let me hear|i would (?:like|love) to (?:hear|know|understand) (?:more|about|"
    r"what|how|why))"
    r"|^i (?:am |was )?(?:just |really )?(?:wonder(?:ing)?|curious) (?:more |rather )?(?:about|"
    r"what|how|why)\b"
    r"|^i would (?:like|love) (?:to hear|to know|to understand) (?:more|about|what|how|why)\b"
)
INDIRECT_CLOSED_RX: Final = _rx(
    r"^i (?:am |was )?(?:just )?(?:wonder(?:ing)?|curious) (?:if|whether) you (?:would|could|"
    r"might|have|had|ever|did|do|are)\b(?!\s+(?:feel|feeling|worried|afraid|scared))"
)
# Wh-questions that ask for a fact or a number: closed by MISC.
WH_CLOSED_RX: Final = _rx(
    r"^(?:how (?:many|much|often|long|old|far|soon|frequently)|when|where|who|whom|whose|which|"
    r"what (?:time|day|year|age|number|kind|type|sort|brand|dose|medication|percentage)|"
    r"what (?:is|was|are) your (?:name|age|job|address|number|dose|weight|height)|"
    r"what (?:does|did) (?:it|that) say)\b"
)
# ... but some of those open up: "when you think about ...", "where do you see yourself".
WH_CLOSED_OPENERS_RX: Final = _rx(
    r"^(?:where (?:do|does|did|would|could|might|will) (?:\w+ ){1,3}(?:fit|come in|stand|"
    r"leave|go from|come from|see)\b|where (?:are|is) (?:you|things|that) (?:at|now|with)\b|"
    r"where (?:do|would|could) you (?:see|want|like|go from)|where (?:does|did) that leave|"
    r"where (?:would|do) you (?:like to|want to) (?:start|begin|go)|which (?:part|parts|of "
    r"these|one matters)|when you think about)"
)
EITHER_OR_RX: Final = _rx(r"\bor\b(?!\s+(?:not|anything|something|so|whatever|what))")
# A question that checks a reflection: "is that right?", "did i get that right?".
CHECK_Q_RX: Final = _rx(
    r"^(?:is (?:that|this|it) (?:about |more or less |roughly |kind of |sort of |pretty much )?"
    r"(?:right|correct|accurate|fair|true|close|it)|am i (?:right|getting "
    r"(?:that|this|it) right|close|on track)|(?:did|have) i (?:get|got|understand|hear) (?:that|"
    r"this|it|you) (?:right|correctly)|(?:did|have) i (?:miss|missed|leave out|left out|forget|"
    r"forgotten) (?:anything|something)(?: (?:important|out|there|at all))?|(?:is there|was there) "
    r"anything (?:i (?:have )?(?:missed|left out)|i missed)|anything (?:i have |i've )?(?:missed|"
    r"left out)|"
    r"(?:does|would) (?:that|this) (?:sound|seem) (?:right|"
    r"about right|accurate|fair|correct)|right|correct|yeah|no|is it|fair enough|true)\b"
    r"[^?]{0,15}\??$"
)
TAG_Q_RX: Final = _rx(
    r",?\s+(?:right|is that right|isn't it|aren't you|don't you|didn't you|doesn't it|wasn't it|"
    r"haven't you|correct|yeah|huh|no|yes|okay|true)\s*\?$"
)

# --------------------------------------------------------------------------- flags & frames

PERMISSION_RX: Final = Gated(
    r"\b(?:would|will|is|would it be|is it)\s+(?:it|that)?\s*(?:be\s+)?(?:okay|alright|all "
    r"right|fine|ok)\s+(?:with you\s+)?(?:if|for me|to|that)\b"
    r"|\bwould it be (?:okay|alright|all right|fine|helpful|useful)\b"
    r"|\b(?:may|can|could|might) i (?:share|tell|offer|give|make|suggest|mention|add|provide|"
    r"explain|talk|say|ask you|run|throw|bring|show|describe|point|pass)\b"
    r"|\bdo you mind if (?:i|we)\b|\bmind if (?:i|we)\b"
    r"|\bwould you (?:like|want|be interested in|be open to|be willing to|be okay with) "
    r"(?:me to|to hear|to know|hearing|some (?:information|ideas|suggestions|advice|feedback)|"
    r"(?:a|some) (?:few )?(?:ideas|suggestions|tips|information)|what (?:i|other|some)|"
    r"(?:to|me) (?:share|tell|go over|talk about|look at|discuss))"
    r"|\b(?:are|would) you (?:be )?(?:interested|open) (?:in|to) (?:hearing|knowing|learning|"
    r"some|what|a few|talking|discussing|looking)\b"
    r"|\bwith your permission\b|\bare you (?:okay|alright|all right|happy|comfortable) (?:with|"
    r"if) (?:us|me|we)\b|\bif you (?:would|'d) like,? i (?:can|could) (?:tell|share|give|go|"
    r"explain|run)\b|\bif (?:it is|that is) (?:okay|alright|all right) (?:with you)?"
    r"|\bi (?:have|have got) (?:some|a few|an?) (?:information|ideas|thoughts|suggestions|"
    r"concerns?)[^?]*\?|\bcan we (?:talk|look|spend|go)\b|\bcould we (?:talk|look|spend)\b"
    r"|\bwould you like to (?:talk|discuss|look|spend|hear)\b"
)
# Advice framed so the patient can decline: persuade with permission.
_PWP_FRAME_PATTERN: Final = (
    r"\bif you (?:are|were|would be) (?:interested|open|curious|willing)\b|\bif you (?:would|'d)? "
    r"?(?:like|want)(?:ed)?\b(?!\s+to\s+(?:keep|continue))|\bup to you,? but\b|\byour (?:choice|"
    r"decision|call),? but\b|\bmay or may not\b|\bmight or might not\b|\btake (?:it|what you "
    r"like) or leave it\b|\bsee (?:what you think|if (?:it|any of (?:it|this|these)) (?:fits|"
    r"works|makes sense))\b|\bsee how (?:that|it|this) (?:fits|sits|sounds)\b|\bi do not know "
    r"if (?:this|that|it) (?:would|will|might) (?:work|fit|apply)\b|\bi don't know if (?:this|"
    r"that|it) (?:would|will|might) (?:work|fit|apply)\b|\bthis may not (?:fit|apply|work)\b|"
    r"\byou (?:can|could) (?:decide|choose) (?:whether|if)\b|\bone option (?:might|could|would)"
    r"\b|\bone (?:idea|thing) (?:some people|others)\b|\bif (?:it is|that is|it would be|"
    r"it might be) (?:useful|helpful|of (?:any )?use|of interest)\b|\bif you are (?:up for|okay "
    r"with|happy to hear)\b|\bi (?:do not|don't) know if (?:this|that|it) is (?:something|"
    r"anything)\b|\b(?:might|may) not (?:suit|fit|work for|be for|be right for) you\b|\bmight "
    r"not like\b|\btake it or leave it\b|\bup to you,? (?:though|of course|obviously)\b|"
    r"\bsee if (?:that|it|this|any of (?:it|that)) (?:appeals|suits|fits|helps|works)\b|"
    r"\bsince you (?:are asking|ask|asked)\b|\byou asked\b|\bfor what it is worth\b|"
    r"\bthat is (?:fine|okay|alright) (?:too|if not)\b|\band that is (?:fine|okay)\b"
    r"|\bit is (?:really )?up to you\b.*\b(?:"
    r"option|try|could|might)\b|\bwhatever you decide\b.*\b(?:option|try|could|might)\b"
)
AUTONOMY_RX: Final = Gated(
    r"\b(?:you can|feel free to|do) tell me if (?:it|that|this|any of (?:it|that)) (?:does not|"
    r"doesn't) (?:fit|apply|sound right|ring true|suit you)\b|"
    r"\b(?:it is|that is|this is|it will be|it would be|that would be)\s+(?:(?:really|entirely|"
    r"totally|completely|ultimately|all|always|still)\s+)*(?:up to you|your (?:choice|decision|"
    r"call|life|body)|you who (?:decides|gets to decide))"
    r"|\byou(?: are| would be)? (?:the )?(?:(?:real |only )?expert|best judge|one who (?:knows|"
    r"decides|gets to decide|can decide|has to decide))\b"
    r"|\b(?:only|ultimately,?) you (?:can|will|get to|are the one to) (?:decide|know|choose|"
    r"make)\b|\byou (?:get to|can|will) (?:decide|choose|make (?:that|the|this) (?:call|choice|"
    r"decision))\b(?![^?]*\?)"
    r"|\byou are (?:in charge|in control|the boss|free to)\b|\bwhatever you (?:decide|choose)\b"
    r"|\bno one (?:can|is going to) (?:make|force) you\b|\byou (?:do not|don't) have to\b"
    r"|\b(?:nobody|no one|no-one) (?:else )?can (?:make|force|decide)\b[^.]*\bfor you\b"
    r"|\b(?:your|the) (?:choice|decision|call) is (?:yours|entirely yours|up to you)\b"
    r"|\b(?:choice|decision) (?:you are|that you are|is yours) (?:allowed|free|entitled)\b"
    r"|\bin your (?:hands|court)\b|\byou (?:get to|can|will) (?:design|set|decide|choose|pick|"
    r"shape|plan)\b(?![^?]*\?)|\byou are (?:in|the one in) the (?:driving|driver's|driver) "
    r"seat\b|\byou will know what is (?:right|best)\b|\bunless you want to\b|\bif and when "
    r"you\b|\bwhether (?:or not )?you\b[^?]*\b(?:up to you|your (?:call|choice|decision))\b"
    r"|\b(?:completely|entirely|totally|really|all|always|ultimately) (?:up to you|your (?:own )?"
    r"(?:call|choice|decision))\b|\b(?:means|mean) you have to\b|\byou might decide\b[^?]*"
    r"\b(?:fine|okay|alright)\b|\bnot (?:here|going) to (?:tell you what|make you|force you)\b"
    r"|^(?:and )?(?:it is |that is |but )?(?:entirely |completely |totally |still |always )?"
    r"(?:your|the) (?:own )?(?:choice|call|decision)\b|\bup to you\b(?![^?]*\?)"
    r"|\bnobody can (?:make|force|decide for) you\b|\bi am not (?:here|going) to (?:tell you "
    r"what to do|make you|force you|judge)\b|\b(?:your|the) (?:choice|decision) is (?:yours|"
    r"entirely yours|up to you)\b|\bit is (?:completely |entirely )?your (?:own )?(?:choice|call)"
    r"\b|\byou know yourself (?:best|better)\b|\bi (?:respect|trust) (?:your|that you|whatever)\b"
    r"|\b(?:it is|that is) your (?:decision|choice) to make\b|\byou decide\b"
)
COLLAB_RX: Final = Gated(
    r"\b(?:what|where|how) (?:do|would|should|could|shall) (?:you think )?(?:we|us) (?:focus|"
    r"start|begin|do|talk|look|go|work|tackle|put)\b|\bwhat do you think we\b"
    r"|\b(?:we|us) (?:could|can|might|should)? ?(?:figure|work|look|think|sort|map) (?:this |it "
    r"|that |things )?(?:out |through |at |into )?(?:together)\b|\btogether\b.*\b(?:figure|work|"
    r"look|plan|come up|decide|think)\b|\blet us (?:figure|work|look|think|put our heads|"
    r"brainstorm|come up|explore|see what|talk about what)\b"
    r"|\bhow does (?:that|this|it) (?:fit|sit|sound|feel) (?:for|to|with) you\b|\bdoes (?:that|"
    r"this|it) (?:fit|sit right|work for you|make sense (?:to|for) you|sound (?:okay|good|like "
    r"a plan|reasonable|doable))\b|\bhow does that sound\b|\b(?:want|like) us to\b"
    r"|\bfor us to\b|\bshould we\b|"
    r"\b(?:what|how|where) (?:else )?(?:can|could|shall|should|might) we\b|\bcan we\b"
    r"|\b(?:does|do|did) (?:any of )?(?:that|this|it|these|those) (?:fit|match|sit|ring true|"
    r"work for you|feel right)\b|\b(?:match|matches|fit|fits) (?:with )?what you\b"
    r"|\bhow do you want to (?:shape|do|go about|handle|approach|plan|play|tackle|set up|run)\b"
    r"|\bwhat would (?:a|the|your) plan look like\b|\bwhat would be (?:more |most |really )?"
    r"(?:useful|helpful) (?:to|for) you\b|\b(?:useful|helpful) to you\b[^?]*\?|\bchange tack"
    r"\b|\blet us (?:brainstorm|park|run with|put|see|figure|work|look|think|try|come up|"
    r"plan|decide)\b|\bbetween us\b|\bi (?:am )?wonder(?:ing)? if we (?:could|might|can)\b"
    r"|\bwith me\b[^?]*\bwe (?:can|could)\b|\byou know (?:your|yourself)\b[^.]*\b(?:better "
    r"than i|more than i)\b|\bwhat would you (?:want|like) us to\b|\bwhat (?:do|would) you "
    r"(?:want|like) to (?:do|focus on|work on) (?:next|instead|today|first)\b|\bthat is your idea"
    r"\b"
    r"|\bwhat (?:would|do) you (?:like|want) to (?:talk about|focus on|start with|work on) "
    r"(?:today|first|next)\b|\bwhere would you like to (?:start|begin)\b"
    r"|\bwhat (?:ideas|suggestions|thoughts) do you have\b|\bwhat would you suggest\b"
    r"|\bi would (?:like|love) to hear your (?:ideas|thoughts|take)\b|\byou (?:know|are the "
    r"expert on) (?:yourself|your life)\b.*\bi\b.*\b(?:know|information)\b"
    r"|\bwhat (?:do you think|would you say) (?:about|of) (?:the ideas|that plan|this plan|"
    r"what i (?:said|shared|mentioned|suggested))\b|\bwe can (?:decide|choose|figure) "
    r"together\b|\bwork (?:on this |on it )?together\b"
)
_CONFRONT_PATTERN: Final = (
    r"\byou are (?:just |only |simply |really |clearly )?(?:making excuses|in denial|"
    r"overreacting|exaggerating|kidding yourself|fooling yourself|lying(?! (?:there|here|in|on|"
    r"down|awake|flat|still|back|next|beside|with|at|under|about (?:in|on))\b)|being (?:ridiculous|"
    r"silly|stubborn|unreasonable|irrational|dramatic|difficult|childish|defensive|paranoid|"
    r"lazy|selfish|irresponsible))\b"
    r"|\byou are an? (?:alcoholic|addict|drunk|junkie|hypochondriac)\b|\byou have an? (?:\w+ )?"
    r"(?:drinking|drug|alcohol|gambling|eating|weight) problem\b"
    r"|\b(?:that|this) is (?:just )?(?:ridiculous|nonsense|not true|an excuse|silly|crazy|"
    r"absurd|irresponsible|not an excuse|no excuse)\b"
    r"|\b(?:don't|do not) you (?:want|care|think|realize|realise|see|know|understand|agree|"
    r"love|feel)\b|\b(?:aren't|are not) you (?:worried|concerned|afraid|scared|ashamed|"
    r"embarrassed|tired of)\b|\bhow (?:can|could) you (?:not|say|think|do|let|possibly)\b|"
    r"\bwhat were you thinking\b(?! (?:while|when|during|at the time|in that|just before|about|"
    r"on the|as it|then|at that))|\bwhy (?:would|do|did) you (?:keep|even|still|ever|continue)\b|"
    r"\bwhy can't you (?:just)?\b|\byou are not (?:really )?(?:trying|listening|taking (?:this|it) "
    r"seriously|being honest)\b|\byou know (?:very well|better|full well)\b|\bthe problem is "
    r"(?:that )?you\b|\bthat is your problem\b|\bisn't it (?:obvious|clear)\b|(?:^|\b(?:oh|ah|aw|"
    r"but|well|now),? )come on(?=[,.!?]|$| now\b| then\b| you\b)"
    r"|\byou (?:need to|have to|must|should) (?:admit|face (?:the facts|facts|it|reality)|"
    r"accept (?:that|it)|stop (?:making excuses|lying|denying|kidding))\b"
    r"|\b(?:we|i) have (?:been over|talked about|told you|said) (?:this|that|it) (?:so many|"
    r"many|a hundred|a million|before|already|loads of)\b|\bhow many times (?:do|have|must|"
    r"should|will) (?:i|we) (?:have to |got to |need to )?(?:tell|say|ask|remind|explain|go "
    r"over)\b|\bhow many times (?:are you going to|will you|must you|do you have to) "
    r"(?:do|say|make|keep|tell)\b"
    r"|(?<!that )(?<!which )(?<!would )(?<!might )\b(?:says?|suggests?|shows?|tells? (?:me|us)) "
    r"otherwise\b|\bthat is what (?:everyone|"
    r"everybody|they all|you all|people always|you always) (?:says?|said)\b|\byou (?:always|"
    r"never|keep) (?:say|saying|said|tell|telling|promise|promising)\b(?!,? (?:is|are|do|did|"
    r"does|was|were|have|has|whether|if|what|who|how|when|where|which|though|tho)\b)(?<!never "
    r"said(?=\W*$))|\byou "
    r"(?:said|told me) "
    r"(?:that|the same(?: thing)?) (?:last|before|the last|every|a month|a year)\b|\byou told "
    r"me (?:last time|before|earlier) (?:it was|that it was|you)\b|\bi am (?:the doctor|the "
    r"professional|the expert)\b|\bi am telling you\b|\b(?:silly|stupid|foolish|ridiculous|"
    r"lazy|crazy|irresponsible|reckless|selfish|pathetic|dumb) (?:thing|idea|excuse|decision|"
    r"choice|move)\b|\byou (?:just )?(?:refuse|refused) (?:not )?to\b"
    r"|\byou(?<!if you)(?<!whether you) "
    r"(?:just )?(?:choose|chose) not to\b|\byou (?:just )?chose to (?:ignore|keep|carry|"
    r"continue|drink|smoke|skip)\b|\byou "
    r"(?:just )?(?:don't|do not) want to (?:hear|admit|see|face|listen)\b|\bthat is not "
    r"(?:really )?(?:a thing|how (?:it|this) works|true|right|the point|an excuse)\b"
    r"|\bstill (?:too many|too much|not enough)\b"
    r"|(?<!\bi am )(?<!\bwe are )(?<!\bi was )\bnot (?:even )?(?:trying|bothered|serious)\b"
    r"|\bno (?:excuse|excuses)\b"
    r"|\bthat (?:was|is) (?:a )?(?:silly|stupid|foolish|ridiculous|crazy|irresponsible|"
    r"reckless|selfish|bad) (?:thing|idea|decision|choice|move)?\b|\byou (?:can't|cannot) "
    r"(?:deny|argue with)\b|\bwhat (?:kind of|sort of) (?:a )?(?:mother|father|parent|example)\b"
    r"|\bwhy (?:are|were) you (?:so|being so|still so|this) (?:against|resistant|negative|"
    r"defensive|stubborn|opposed|set against|anti|closed|dismissive|down on)\b"
)
# Rhetorical "don't you think you should ..." is persuasion wrapped in a question.
RHETORICAL_ADVICE_RX: Final = Gated(
    r"\b(?:don't|do not) you think (?:you|it)\b[^?]*\b(?:should|need|ought|would be (?:better|"
    r"good|wise|smart)|time)\b|\bwouldn't it be (?:better|good|wise|smart|a good idea)\b"
    r"|\bisn't it time\b|\bwouldn't it be (?:worth|easier|simpler) (?:just )?\w+ing\b"
    r"|\bhave you (?:thought about|considered) (?:just |simply )?(?:trying|going|cutting|stopping|"
    r"taking|doing|using|getting|giving|switching|joining|quitting)\b"
)
# "Have you tried yoga? It usually helps." - a suggestion put as a question, then a claim that it
# works: advice without permission, whatever the question mark says.
TRIED_Q_RX: Final = Gated(
    r"^(?:and |so |but |well,? |ok,? |okay,? )?(?:have|did) you (?:ever )?(?:tried|thought "
    r"(?:about|of)|considered|looked into|heard of)\b")
EFFICACY_RX: Final = Gated(
    r"^(?:(?:honestly|really|seriously|trust me|i find|i think),? )?(?:it|they|that|those|this|"
    r"these|(?:it|that|this) one)(?: (?:usually|really|often|normally|generally|always|actually|"
    r"honestly|definitely|tends to|tend to|can|could|might|will|would|should|do|does))? "
    r"(?:help|helps|work|works|does wonders|do wonders|makes? (?:a |all the )?"
    r"(?:big |huge |real )?difference|"
    r"sorts? (?:it|things) out)\b"
    r"|\b(?:works|helps) (?:for|with) (?:most|a lot of|loads of|lots of|many|nearly everyone)\b"
    r"|^(?:most|a lot of|loads of|lots of|many|plenty of)(?: of)? (?:my |the )?(?:people|"
    r"patients|clients|folk|folks)(?: (?:i|we) (?:see|work with))? (?:find|say|swear by|get)\b"
    r"|\bswear by (?:it|them)\b")
_LABEL_PATTERN: Final = (
    r"\b(?:all|just|only|it is|that is|this is|is|are) (?:all )?in your (?:head|mind)\b"
    r"|\byour (?:health anxiety|anxiety|worry|worrying|panic|depression|addiction|nerves|stress) "
    r"(?:talking|speaking|again|playing up|at work)\b|\bpsychosomatic\b"
    r"|\bnothing (?:physically |medically )?"
    r"wrong with you\b|\byou are imagining (?:it|things|this)\b"
    r"|\b(?:it is|that is|this is|this sounds like|it sounds like|sounds like|it could be|it "
    r"might be|it must be|they are|these are|those are|it is all|that is all|this is all|"
    r"(?:(?:the|your) )?(?:pain|symptoms?|problem|fatigue|tiredness|chest pain|headaches?|"
    r"dizziness|palpitations|stomach|heart racing|racing heart|tingling)(?: like yours)?(?: is| "
    r"are))"
    r"\s+(?:just |only |all |really |probably |prob |clearly |purely |simply |likely |basically |"
    r"often |usually |typically |commonly |generally |"
    r"nothing but |mostly |obviously |definitely |most likely |actually )+(?:your )?(?:anxiety|"
    r"stress|nerves|panic|psychological|mental|emotional|depression|worry|worrying|in your)\b"
    r"|\b(?:it is|this is|that is|it is all|that is all|this is all|it is probably|it is "
    r"clearly|this is clearly|it is really|sounds|they are|it is likely) (?:a )?(?:purely )?"
    r"(?:psychological|psychiatric|mental(?! health)|all (?:anxiety|stress|nerves))\b"
    r"|\byou are (?:just|only|simply|really just|probably just|clearly) (?:stressed|anxious|"
    r"worried|nervous|panicking|depressed|imagining|overthinking|worrying)\b"
    r"|\b(?:the |your )?(?:pain|symptoms?|problem|fatigue|tiredness|headaches?|dizziness) "
    r"(?:is|are) (?:caused by|due to|coming from|because of|from) (?:anxiety|stress|your "
    r"(?:nerves|mind|anxiety|worry|worrying|head|emotions))\b"
    r"|\baccept (?:that )?(?:it is|this is|it is all|they are) (?:just |only |all )?(?:anxiety|"
    r"stress|psychological|nerves|panic|mental|in your head)\b"
    r"|\b(?:it is|this is|that is|these are) (?:just )?(?:a |an )?(?:panic attacks?|anxiety "
    r"attacks?|anxiety disorder|health anxiety|somatic symptom disorder|hypochondria)\b"
    r"|\byou have (?:an? )?(?:anxiety|panic|somatic|health anxiety|hypochondria)"
    r"(?: disorder)?\b"
    r"|\b(?:could|might|can|would) (?:it|this|that|these|they) (?:all )?(?:just )?be (?:a |an )?"
    r"(?:health anxiety|social anxiety|anxiety|panic(?: attacks?| disorder)?|stress|nerves|"
    r"psychological|in your head|depression|somatic|hypochondria)\b"
    r"|\bsounds? (?:a (?:bit|little) |kind of |quite |very |really |to me )?like (?:classic |"
    r"textbook |typical )?(?:health anxiety|social anxiety|generali[sz]ed anxiety|anxiety|panic "
    r"attacks?|panic disorder|depression|ocd|hypochondria)\b"
)
LABEL_WORDS_RX: Final = _rx(
    r"\b(?:anxiety|stress|nerves|panic|psycholog\w*|mental|emotional|depression|worry|head|"
    r"mind|imagin\w*)\b"
)
_PERSUADE_PATTERN: Final = (
    r"\byou (?:(?:really|just|definitely|seriously|absolutely|probably|still|do|will|would|"
    r"honestly|also|first|now) )*(?:should|need to|have to|must(?! (?:be|have been|feel|get|"
    r"find)\b)|ought to|have got to|got to|"
    r"had better|would better|better|need (?:a|an|some|proper|more|less|real))\b"
    r"(?!\s+(?:decide|choose)\b.*\byourself)"
    r"|\bi (?:(?:would|really|strongly|do|honestly|just|definitely|also|still|genuinely) )*"
    r"(?:recommend|suggest|advise|urge|encourage|prescribe|want you to|would like you to|"
    r"think you should|think you need|think you ought|believe you should|consider)\b"
    r"|\b(?:if i were you|in your (?:shoes|position)),? i\b|^i would (?:(?:really|honestly|"
    r"definitely|probably|just) )*(?:try|start|hold off|go for|pick|stick|avoid|cut|get|take|do|"
    r"focus|aim|think about|look at|look into|book|swap|switch|leave|skip|stop|keep)\b"
    r"|\bi (?:really |honestly |do |genuinely )?think (?:that )?(?:\w+ ){1,4}(?:would|will|"
    r"could) (?:really |definitely )?(?:help|be (?:good|best|better|the best|a good))\b"
    r"|\b(?:it|that|this|which) (?:might|could|would|may) be worth (?:a try|trying|"
    r"considering|looking|thinking|a go|a shot)\b|\bone thing (?:that )?(?:you could|you "
    r"might|might|could|would|that might|that could) (?:try|help|be worth|do)\b"
    r"|\b(?:what|something) (?:that )?(?:would|might|could) help (?:more|most)? ?is\b"
    r"|\bwhat about (?:trying|cutting|stopping|switching|going|getting|taking|using)\b|"
    r"\bhow about (?:you|trying|cutting|stopping|switching|going|getting|taking|using)\b"
    r"|\bmy (?:advice|recommendation|suggestion) (?:is|would be)\b"
    r"|\bthe (?:best|right|only|smart|sensible) (?:thing|way|option|choice|plan|approach|move)"
    r"\b[^?]*\b(?:is|would be|for you)\b|\b(?:it|that) (?:is|would be|might be|will be) "
    r"(?:a (?:good|great|smart) idea|best|better|wise|important|essential|crucial|smart|"
    r"worth) (?:for you )?(?:to|if you|that you)\b|\bit is (?:really |very )?important (?:that|"
    r"for) you\b|\bwhy (?:don't|do not) you\b|\bwhy not (?:just )?(?:try|give|cut|stop|quit|go|"
    r"start|get|do|take|see|make|talk|call|join|use|switch)\b"
    r"|\bif you (?:keep|carry on|continue|don't|do not|stop|quit|cut|lost|lose|just)\b[^?]*"
    r"\b(?:you|your)\b[^?]{0,12}\b(?:will|would|could|might|are going to|won't|will not|"
    r"wouldn't)\b(?! (?:be able to decide))"
    r"|\b(?<!have )(?<!had )(?:end up|ends up) (?:in (?:hospital|a&e|the er|intensive care)|on "
    r"(?:insulin|dialysis|the transplant)|with (?:a stroke|cancer|diabetes|amputation|heart))\b"
    r"|\byou (?:will|would|are going to) (?:feel|be|do|sleep|look) (?:so much |a lot |much )?"
    r"(?:better|healthier|great)\b|\byou are going to (?:die|kill|lose|end up|get sick|damage|"
    r"ruin|hurt)\b|\byou (?:can't|cannot) (?:keep|go on|continue|carry on)\b"
    r"|\bwhat you (?:need|should|have) (?:to do )?(?:is|to do)\b|\b(?:maybe|perhaps) (?:we|"
    r"you) (?:could|can|should|might) (?:try|practi[cs]e|start|aim|set|work on|cut|swap|"
    r"switch|book|get|look into)\b"
    r"|\byou (?:might|may|could) (?:want to|wish to) (?:try|consider|think about|look into|"
    r"cut|start|stop|go|get|see|talk)\b|(?<!thing )(?<!things )(?<!step )(?<!steps )"
    r"(?<!anything )\b(?:you could|could you|you might|maybe you could|"
    r"maybe you should|perhaps you could) (?:just |always |also )?(?!(?:start|begin) (?:by|with) "
    r"(?:describing|telling|explaining|saying|talking|walking))(?:try|start|begin|cut|switch|"
    r"swap|consider|use|take|set|pick|aim|practi[cs]e|think about|look into|go|get|do|stop|"
    r"ask|book|join|keep|put|write|make|leave|turn|switch off|have a go)\b|\bmaybe (?:you )?"
    r"(?:need|needs) (?:to|a|an|some|better)\b"
)
# Bare imperatives of advice at the start of a clause ("Try the patch.", "Cut down first.").
IMPERATIVE_ADVICE_RX: Final = Gated(
    r"^(?:please\s+)?(?:just\s+)?(?:try|stop|quit|cut (?:down|back|out)|avoid|start (?:by|"
    r"with|taking|using|going|cutting|walking|exercising)|make sure|be sure|(?:don't|do not)(?! "
    r"(?:worry|mind|rush|apologi[sz]e|be sorry|feel you have to|feel rushed)\b)|never|"
    r"drink (?:less|more|water)|eat (?:less|more)|exercise|book|join|switch|throw (?:away|out)|"
    r"give (?:it|them|yourself)|limit|reduce|consider|set (?:a|an|up|yourself|the)|schedule|"
    r"ignore|skip|replace|swap|get rid|(?:put|keep|take|write|leave|bring|use|have|ring|call|"
    r"eat|drink|walk|go|get|check|ask|stick|do|make|remember) (?:your|yourself|it|them|a|an|"
    r"some|more|less|the|to|down|up|off|out|away|with|on|in)\b)\b"
    r"(?!\s+(?:me|us|your time|care)\b)"
)
# Content that makes an imperative or a "could" statement clearly advice about behaviour.
_INFO_PATTERN: Final = (
    r"\b(?:research|studies|study|evidence|data|statistics|surveys?) (?:shows?|suggests?|"
    r"has shown|have shown|found|tells? us|indicates?)\b|\bwe know (?:that|from)\b"
    r"|\b(?:the )?(?:recommended|guidelines?|recommendation|safe|low-risk|daily|weekly) "
    r"(?:limit|amount|intake|guidelines?|levels?|is|are|says?)\b|\bper (?:cent|week|day)\b"
    r"|\bpercent\b|%|\b\d+(?:\.\d+)?\s*(?:mg|milligrams|units|drinks|minutes|hours|weeks|days|"
    r"months|years|times|pounds|kilos|kg|calories|cigarettes|percent|out of)\b"
    r"|\b(?:alcohol|nicotine|smoking|drinking|exercise|caffeine|sugar|the medication|this "
    r"medication|the medicine|the patch|the gum|withdrawal|cravings?|insulin|metformin|"
    r"blood pressure|cholesterol|the liver|your liver|the body|your body|the brain|your brain|"
    r"the heart|your heart|panic attacks?|anxiety|adrenaline|sleep|weight|tobacco|"
    r"cigarettes?|vaping|e-cigarettes|a (?:drink|standard drink|unit))"
    r"\s+(?:is|are|can|could|may|might|will|causes?|increases?|raises?|reduces?|lowers?|"
    r"affects?|damages?|takes?|tends? to|peaks?|works?|helps?|has|have|leads? to|contributes?|"
    r"stays?|releases?|interferes?|interacts?|makes?|puts?|counts? as)\b"
    r"|\b(?:your|the) (?:test|tests|results?|scan|scans|blood work|bloodwork|labs?|lab results|"
    r"x-ray|ecg|ekg|levels?|numbers|a1c|readings?|liver function|blood tests?)\b[^?]*\b(?:"
    r"show|showed|shows|came back|were|was|are|is|look|looked)\b"
    r"|\b(?:a lot|lots|most|many|some|loads) of (?:them|my (?:other )?(?:patients|clients))\b"
    r"|\b(?:is|are|was|were) (?:about |around |roughly |nearly )?(?:twice|double|half|three "
    r"times|within|above|below|outside|inside) (?:the )?(?:normal|upper|lower|limit|range|"
    r"target|what)\b|\b(?:normal|healthy|target) range\b|\bupper limit\b"
    r"|\b(?:many|most|some|lots of|a lot of|other) (?:people|patients|folks|clients|smokers|"
    r"drinkers|women|men)\b(?! you)[^?]*\b(?:find|found|say|said|experience|notice|report|"
    r"have|feel|get|use|try|tried|struggle|benefit|do|are|who)\b"
    r"|\bthere (?:are|is) (?:a (?:number|lot|variety|range) of|several|many|lots of|some|"
    r"different|a few|a couple of|various|other)\b[^?]*\b(?:options|ways|treatments|"
    r"medications|programs|programmes|groups|things|services|approaches|resources|methods|"
    r"strategies|aids|products|choices|classes|support)\b"
    r"|\b(?:it|this|that) (?:is|can be) (?:very |really |quite |pretty |fairly )?(?:common|"
    r"normal|typical|usual) (?:for|to|among|in)\b|\bis a (?:common|normal|known) \w+\b"
    r"|\bit (?:takes|usually takes|can take) (?:about |around )?(?:a |an |\d|one|two|three|"
    r"several|a few)\b|\bwhat happens (?:is|when)\b|\bthe (?:good|bad) news is\b"
    r"|\b(?:is|are) (?:linked|associated|connected|related) (?:to|with)\b|\bincreases? (?:the|"
    r"your) (?:risk|chance|chances)\b|\b(?:risk|risks) of\b|\bside effects?\b"
    r"|\byou (?:can|could) (?:get|call|pick up|buy|find|access|sign up|join|contact|book|"
    r"order|download|ask (?:your|the))\b[^?]*\b(?:pharmacy|clinic|number|website|online|"
    r"doctor|gp|nurse|service|group|program|line|app|free|prescription)\b"
    r"|\b(?:the|this|a) (?:program|programme|group|service|clinic|class|course|app|website|"
    r"patch|gum|medication|treatment|therapy|inhaler) (?:is|runs|meets|offers|helps|works|"
    r"costs|lasts|can)\b|\b(?:my|our) (?:job|role) (?:is|here)\b"
    r"|\b(?:about|around|roughly|nearly|almost|up to|at least|over|under|within|less than|more "
    r"than) (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
    r"fifty|a hundred|half|a third|a quarter|a couple of) ?(?:\w+ )?(?:minutes?|hours?|days?|"
    r"weeks?|months?|years?|teaspoons?|grams?|units?|drinks?|cigarettes?|calories|percent|times|"
    r"people|in (?:\d+|ten|five|three|four))\b|\b(?:was|is|were|are) \d+|\bup from\b|\bdown from"
    r"\b|\bworks by\b|\bdepends (?:on|how)\b|\bon prescription\b|\b(?:is|are) (?:free|"
    r"available|weekly|daily|covered|safe to)\b|\bthe (?:results?|letter|report) (?:go|goes|"
    r"will go|is sent|are sent)\b|\b(?:has|have|contains?) (?:about|around|roughly) \w+\b"
)
# The patient asked for advice or information: what the clinician offers next is invited.
ASKED_FOR_ADVICE_RX: Final = Gated(
    r"\bwhat (?:should|would|could|can|do) (?:i|you|other people|others|people)\b[^?]*(?:do|"
    r"try|suggest|recommend|think)\b|\btell me what (?:to do|you think|i should)\b|\bany "
    r"(?:ideas|suggestions|tips|advice)\b|\bi am (?:open|willing) to (?:suggestions|ideas|"
    r"hear|hearing|anything)\b|\bi would be (?:willing|happy|glad|interested) to hear\b|"
    r"\bwhat do you (?:suggest|recommend|advise)\b|\bgo on then\b|\bwhat would you do\b|"
    r"\bis there anything (?:that|i|you)\b|\bwhat can i do\b|\bwhat do (?:other people|"
    r"others|people) do\b|\byou tell me\b|\bi would try anything\b|\bi will try anything\b"
    r"|\bwhat are my options\b|\bhow (?:do|can|could|should) i\b|\bwhat else can i\b"
)
# The patient asked a question of fact: a plain statement after it is most likely information.
ASKED_FACT_RX: Final = _rx(
    r"\?\s*$|^(?:what|how|why|when|where|which|who|is|are|does|do|did|can|could|will|would|"
    r"should)\b.*\b(?:it|that|this|the|my|a|an|these|those|they|there)\b"
)
# Administrative requests ("could you sign here") are not questions about the patient.
REQUEST_RX: Final = _rx(
    r"^(?:can|could|would|will) you (?:please |just )?(?:mind )?(?:sign|fill|pop|step|hop|"
    r"pass|hand|come|wait|bring|confirm|spell|take a seat|sit|roll|lie|stand|hold|turn|speak up|"
    r"repeat|close|open)\b"
)
_AFFIRM_PATTERN: Final = (
    r"\byou (?:have |had )?(?:really |clearly |obviously |already |certainly )?(?:worked "
    r"(?:so |really |very )?hard|done (?:a (?:great|good|lot|fantastic|wonderful)|so much|"
    r"really well|well|great|amazing|brilliant)|made (?:a lot of|real|great|good|some|huge|big|"
    r"a (?:big|huge|great|real|good)) (?:progress|effort|changes?|steps?|strides)|shown "
    r"(?:a lot of |real |great )?(?:courage|strength|commitment|determination|resilience)|"
    r"managed to|taken (?:a (?:big|huge|real|brave|first|great|good|important)) step|been "
    r"(?:very |really |so |incredibly )?(?:brave|honest|open|committed|courageous|strong|"
    r"persistent|resourceful|determined|patient|thoughtful)|put (?:a lot of|so much) "
    r"(?:effort|work|thought)|stuck with|kept (?:at it|going|trying)|come (?:a long way|so far)|"
    r"succeeded|did (?:it|great|well|really well|a great job|a good job))\b"
    r"|\b(?:that|this|it) (?:took|takes|must have taken|must take|shows|showed) (?:a lot of |"
    r"real |some |great |so much )?(?:courage|strength|guts|determination|commitment|"
    r"effort|bravery|honesty|insight|maturity)\b"
    r"|\byou are (?:clearly |really |obviously |very |so |such |a )*(?:strong|resourceful|"
    r"determined|committed|caring|brave|courageous|honest|thoughtful|resilient|persistent|"
    r"capable|smart|insightful|dedicated|motivated|good (?:mom|dad|mother|father|parent|friend|"
    r"person)|loving|devoted|hard-?working|hard worker|survivor|fighter)\b"
    r"|\byou (?:clearly|obviously|really|genuinely|truly|so|certainly) (?:care|love|value)\b"
    r"|(?<!\bbe )(?<!be really )(?<!be so )(?<!be very )\b(?:good|great|nice|well) (?:job|for "
    r"you|done|work)\b"
    r"|\b(?:that|this|it) is (?:a |an )?(?:really |very |so |pretty |quite )?(?:great|"
    r"wonderful|fantastic|impressive|amazing|excellent|terrific|huge|big|important|brilliant|"
    r"remarkable|admirable|awesome) (?:step|achievement|accomplishment|deal|change|progress|"
    r"effort|start|idea|insight|plan|thing to do|success)\b"
    r"|\b(?:that|this|it) is (?:really |very |so |pretty |quite )?(?:great|wonderful|"
    r"fantastic|impressive|amazing|excellent|terrific|brilliant|remarkable|admirable|awesome)\b"
    r"(?:\s*[.!]?\s*$|\s+that you\b)"
    r"|\bi (?:really |truly |do )?(?:appreciate|admire|respect|value) (?:your|you|that you|how "
    r"you|the way you|what you)\b|\bthank you for (?:being|sharing|your (?:honesty|openness)|"
    r"telling|trusting|opening)\b|\bi am (?:really |so |very )?(?:impressed|proud)\b"
    r"|\byou should be (?:really |very |so )?proud\b|\bit is (?:great|good|wonderful|impressive|"
    r"encouraging) (?:that|to see|to hear) (?:you|how)\b|\b(?:great|good|excellent|nice) "
    r"(?:idea|point|question|insight|plan|thinking)\b|\bthat is a (?:good|great|excellent) "
    r"(?:idea|point|question|insight|plan)\b|\bwell done\b|(?<!\bbe )(?<!be really )(?<!be so )"
    r"(?<!be very )\bgood for you\b"
    r"|\b(?:that is|that was|this is|it is|it was|that shows|this shows|that takes|real|such|"
    r"so much|a lot of|that is real|that is some|that is true) (?:real |true |a lot of |some "
    r"|such |serious |genuine |great )?(?:dedication|commitment|determination|persistence|"
    r"courage|bravery|guts|grit|strength|resilience|progress|effort|initiative|willpower|"
    r"self-control|discipline)\b|\b(?:good|well done|nice one|fair play) (?:on|to) you\b"
    r"|\bsays (?:a lot|something|so much) (?:about|for) you\b|\bnot nothing\b|\byou "
    r"(?:really |actually |still )?(?:held out|stuck with it|stayed with it|kept it going|kept it "
    r"up|kept at it|followed through|pulled it off|made (?:it|that) happen|did it|are doing it|"
    r"stuck to it|came through|got through it|are on top of|have been on top of|worked (?:it|"
    r"that|this) out)\b|\b(?:and|but) you (?:made it|did it|are doing it|still did|went "
    r"anyway|kept going|stuck with it)\b|\b(?:was|were|that was|it was) (?:really |so |very )?"
    r"(?:honest|brave|courageous|a brave|a big step)\b|\byou are (?:clearly |really |obviously )?"
    r"(?:someone|a person|the kind "
    r"of person) who\b[^?]*\b(?:sticks|keeps|follows|gets|finds|cares|does not give up|doesn't "
    r"give up|works|tries)\b|\byou are (?:really |so )?(?:on top of|good at|great at)\b"
    r"|\bthank you for (?:being so|being|your) (?:open|honest|frank|candid)\b"
    r"|\byou (?:have|had) (?:a lot of|real|great|so many) (?:strengths?|courage|skills|"
    r"determination|insight)\b|\byour (?:commitment|determination|courage|honesty|strength|"
    r"effort|persistence|hard work) (?:is|really|shows|has)\b"
)
GREETING_RX: Final = Gated(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening|to see you)|welcome|nice to (?:meet|"
    r"see) you|pleased to meet you|thanks? "
    r"(?:you )?(?:so much |very much )?(?:for (?:coming|being here|taking|meeting|talking|your "
    r"time|joining|making)|again)|thank you|thanks|my name is|i am (?:dr|doctor|nurse|the)|see "
    r"you|bye|goodbye|take care|have a (?:good|great|nice)|i will see you|we (?:have|have got) "
    r"(?:about |around )?(?:\d+|a few|twenty|thirty|fifteen|ten|an hour)|let us (?:start|begin|"
    r"get started|get going|move on|go ahead|take a look)|before we (?:start|begin|finish|end)|"
    r"today (?:i|we) (?:would|will|want|are|am|have)|i would (?:like|love) to (?:start|begin|"
    r"spend|talk|go over|check in|ask you (?:a few|some))|the (?:purpose|reason|plan) (?:of|for) "
    r"(?:today|this|our)|i am going to (?:ask|start|give you)|let me (?:start|begin|explain what|"
    r"tell you (?:a bit )?about (?:what|how|myself))|i (?:just )?want(?:ed)? to (?:check in|"
    r"start|begin|let you know|make sure)|i see (?:here|that you)|so (?:we are|today)|"
    r"(?:sorry|excuse me|pardon)|come (?:in|on in)|have a seat|please (?:sit|have a seat)|"
    r"we are (?:almost|nearly) (?:out of|done)|our time is|last time we (?:met|talked|spoke)|how "
    r"are you(?: doing| today| keeping)?(?=\s*[?.!]*$)|how have you been(?: keeping)?"
    r"(?=\s*[?.!]*$)|bless you|where were we)\b"
)
VALIDATION_RX: Final = _rx(
    r"^(?:that|it) (?:makes|made) (?:a lot of |total |complete |perfect )?sense\.?$|^(?:that "
    r"is|it is) (?:understandable|fair|fair enough|true|interesting|okay|fine|natural|normal|"
    r"totally understandable|completely understandable|very understandable)\.?$"
    r"|^i (?:understand|hear you|get (?:it|that)|see(?: what you mean)?|know|can imagine|"
    r"appreciate that)\.?$|^(?:fair enough|of course|no problem|no worries|sure thing|i see)\.?$"
    # sympathy without saying back what the patient said
    r"|^i am (?:so |really |very |truly )?sorry (?:to hear|about|that|for your|for what)\b"
)

# Reflection frames: "it sounds like", "you are feeling", "i am hearing", "what i hear is".
REFLECT_FRAME_RX: Final = Gated(
    r"\b(?:it |that |this )?(?:sounds|seems|looks|feels) (?:like|as if|as though|that|to me "
    r"like|to me that)\b|\bi (?:am )?(?:hear|hearing|sense|sensing|get the (?:sense|feeling|"
    r"impression)|guess|imagine|gather|notice|noticed)\b(?!\s+(?:that you (?:should|need)))"
    r"|\bwhat i (?:am )?(?:hear|hearing|heard)\b|\bit is (?:almost )?(?:as if|as though|like)\b"
    r"|\byou are (?:feeling|saying|wondering|thinking|telling me|not (?:sure|ready|convinced)|"
    r"starting|beginning|coming to|"
    r"unsure|torn|worried|concerned|afraid|scared|frightened|frustrated|angry|upset|tired|"
    r"fed up|sick of|struggling|finding|realizing|realising|noticing|considering|hoping|"
    r"looking|someone who|really|pretty|quite|kind of|sort of|a little|somewhat|also|still|"
    r"no longer|ready|willing|able|clear|confident|certain|happy|okay with|comfortable)\b"
    r"|\byou (?:feel|felt|think|thought|believe|want|wanted|wish|hope|wonder|worry|fear|"
    r"don't want|do not want|would like|would rather|need|needed|miss|enjoy|enjoyed|like|love|"
    r"hate|can't|cannot|could not|couldn't|have been|had|did|tried|noticed|know|knew|said|"
    r"mentioned|told me|found|figured|see|saw|value|care|get|got|keep|kept|used to|never|"
    r"always|really|just|also|still|already|seem|sound|might|may|would|could|will|are|were|"
    r"was|have|has|had|do|don't|didn't|gave|went|started|stopped|quit|cut|drink|smoke|eat)\b"
    r"|\bpart of you\b|\bfor you\b|\bto you\b|\byour (?:concern|worry|fear|sense|feeling|"
    r"hope|goal|worries|fears|hopes|main|biggest|family|kids|children|wife|husband|partner|"
    r"health|life|job|work|mother|father|mom|dad|son|daughter|friends|drinking|smoking|"
    r"weight|body|pain)\b|\bso you\b|\bthat (?:must|would|could|might) (?:be|have been|feel)\b"
    r"|\bmust (?:be|have been|feel)\b|\byou must\b"
    r"|\b(?:that|it|this) is (?:a lot|a huge amount|so much|such a lot|a great deal|quite a lot|"
    r"an awful lot|loads|a heavy load) to (?:carry|deal with|manage|cope with|hold|juggle|take "
    r"on|live with|go through)\b"
)
SECOND_PERSON_SUBJ_RX: Final = _rx(r"^(?:so |and |but |then |now )?(?:you|your)\b")
YOU_RX: Final = Gated(r"\b(?:you|your|yourself|yours)\b")
I_START_RX: Final = _rx(r"^(?:i|we|my|our|me)\b")
# Simple-restatement frames: quoting back.
SIMPLE_FRAME_RX: Final = Gated(
    r"\byou (?:said|mentioned|told me|are saying|say|have said|just said)\b|\bin other words\b"
)
DOUBLE_SIDED_RX: Final = Gated(
    r"\bpart of you\b.*\b(?:another|other|the other|a different|also|at the same time|part)\b"
    r"|\bon (?:the )?one hand\b|\bon the other (?:hand|side)\b|\bat the same time\b"
    r"|\b(?:and|but) (?:yet|also|then again)\b.*\byou\b|\bon one side\b"
    r"|\byou (?:like|enjoy|love|want|value|need)\b[^.]*\b(?:but|and yet|though|although|while)"
    r"\b[^.]*\b(?:you(?: are| also)?|it|that) (?:also |really )?(?:worr|concern|don't|do not|"
    r"are not|can't|cannot|not sure|scared|afraid|know|see|wonder|wish|want)"
)
SUMMARY_FRAME_RX: Final = Gated(
    r"\blet me (?:see if i can |try to |just )?(?:summari[sz]e|sum (?:that |this |it )?up|pull "
    r"(?:that|this|these|it|things) together|recap|make sure i (?:have|got|understand))"
    r"|\bto (?:sum|summari[sz]e|recap)\b|\bin summary\b|\bso far (?:you|we|i)\b"
    r"|\byou have (?:told me|mentioned|said) (?:a (?:few|couple|number)|several|some) "
    r"(?:things|reasons)\b|\bwhat i have heard (?:so far|today)\b|\bjust to recap\b"
    r"|\bwe have talked about\b.*\band\b|\blet me (?:just )?check (?:that )?i (?:have|"
    r"got|am|understand|heard)\b|\bif i (?:put|pull) (?:all )?(?:that|this|it|these) "
    r"together\b|\bfirst\b.*\bsecond\b|\bon (?:the )?(?:list|one side)\b"
)
_EVOKING_PATTERN: Final = (
    r"\bwhy (?:might|would|do|did) you (?:want|like|consider|think about|choose|decide)\b"
    r"|\bwhat (?:does|would|do) (?:the (?:rest|other (?:part|side|bit)) of you|the other part|your "
    r"heart) (?:say|want|think|reckon)\b"
    r"|\bwhat would (?:be |it be )?(?:different|better|change|happen|your life|things|it be "
    r"like|you gain|you lose|be the (?:benefits|good|best|advantages))\b"
    r"|\bwhat (?:matters|is important|would be important|is most important|do you value|"
    r"are your (?:values|hopes|goals|reasons)|are some of the reasons|reasons)\b"
    r"|\bhow (?:important|confident|ready|committed|willing|motivated|sure|likely)\b"
    r"|\bwhat (?:worries|concerns|bothers|scares|frightens) you\b|\bwhat (?:are|is) the "
    r"(?:good|not so good|less good|downside|downsides|upside|benefits?|costs?|advantages?|"
    r"disadvantages?|pros|cons)\b|\bwhat (?:do you|would you) (?:like|dislike|not like|enjoy) "
    r"about\b|\bwhat might\b|\bwhat would it take\b|\bwhat (?:would|could) (?:help|you do|be "
    r"a first step|make it|need to)\b|\bhow would you like\b(?! (?:us )?to (?:go about|approach|"
    r"proceed|handle|tackle|use|spend|start|do (?:this|it|that)))|\bwhat do you want\b"
    r"|\b(?:a|one|two|five|ten|few) (?:year|years|months?|weeks?) from now\b|\bin (?:a|one|two|"
    r"five|ten|\d+) (?:years?|months?)(?: time)?\b|\bimagine\b|\blooking (?:back|ahead|forward)"
    r"\b|\bbefore (?:the|this|all this|you started|it started)\b|\bused to be\b|\bif (?:things|"
    r"you) (?:were|went|could|did|decided|had|made)\b|\bwhat (?:do you|would you) (?:hope|see "
    r"yourself|want for)\b|\bwhat (?:has|have) (?:worked|helped)\b|\bhow (?:has|have|did|"
    r"might|would|could) (?:this|that|it|drinking|smoking|your \w+) (?:affect|affected|change|"
    r"changed|get in the way|gotten in the way|impact)\b|\bwhat (?:could|can|would) you do\b"
    r"|\bwhy (?:is it|is that|are you) (?:a|an|at) (?:\d+|one|two|three|four|five|six|seven|"
    r"eight|nine|ten)\b|\bnot (?:a )?(?:lower|zero|higher)\b"
)
SCALE_RX: Final = Gated(
    r"\bscale (?:of|from|between)\b|\b(?:zero|one)(?: to |-|–| through )(?:10|ten)\b"
    r"|\b[01](?: to |-|–| through )(?:10|ten)\b"
    r"|\bon a scale\b|\bwhy (?:a|an|at) (?:\d+|one|two|three|four|five|six|seven|eight|nine)\b"
    r"[^?]*\b(?:not|rather than|instead of)\b"
    r"|\bif (?:0|zero|1|one|10|ten) (?:is|was|means|were)\b|(?<!the )(?<!no )(?<!any)(?<!every)"
    r"(?<!this )(?<!that )\b(?:0|zero|1|one|10|ten) being\b"
    r"|\bout of (?:10|ten)\b|\bwhat number\b"
)

# --------------------------------------------------------------------------- righting reflex

# What a psychological label names: a diagnosis or a psychological cause.
_LABEL_TERM = (
    r"(?:health anxiety|an? anxiety disorder|anxiety disorder|anxiety|panic disorder|a panic "
    r"disorder|panic attacks?|generali[sz]ed anxiety|depression|depressed|psychological|"
    r"psychosomatic|psychiatric|somatic|somati[sz]ation|a functional (?:disorder|problem)|"
    r"stress-related|stress|your nerves|nerves|mental(?! health (?:team|service|services|nurse))|"
    r"emotional|hypochondria|hypochondriac|in your head|in your mind|catastrophi[sz]ing|ocd|"
    r"obsessive)"
)
# What the label is said of: the problem, the symptoms, "a lot of this".
_LABEL_SUBJECT = (
    r"(?:it|this|that|these|they|a lot of (?:this|it|that|what you are \w+)|some of (?:this|it|"
    r"that)|much of (?:this|it)|part of (?:this|it)|all of (?:this|it|that)|what you are "
    r"(?:feeling|experiencing|describing|going through)|(?:the|your|these|those) (?:pain|pains|"
    r"symptoms?|problems?|fatigue|tiredness|exhaustion|headaches?|dizziness|palpitations|chest "
    r"pains?|tingling|sleep problems?|stomach (?:problems|issues|pains?|aches?)|racing heart|"
    r"heart racing|attacks?|episodes?|turns|spells|aches|worries|tests? results?))"
)
# Labelling, in words the coder reads as a claim: subject + (modal) copula + label.
_LABEL_CLAIM_PATTERN: Final = (
    r"\b" + _LABEL_SUBJECT + r" (?:is|are|was|could be|might be|may be|must be|would be|can be|"
    r"sounds like|seems like|looks like|could well be|is probably|are probably|is likely|is "
    r"more likely|is really|is basically|are all|is all|comes? from|is coming from|is down to|"
    r"is caused by|are caused by|is due to|are due to|is related to|is linked to) (?:(?:just|"
    r"only|all|really|probably|clearly|purely|simply|likely|most|basically|mostly|obviously|"
    r"definitely|actually|partly|largely|more|from|caused by|due to|down to|related to|linked "
    r"to|a|an|some|kind of|sort of|a bit of|your|a form of|a type of|a sign of|signs of) )*"
    + _LABEL_TERM + r"\b"
    # the person as the label: "you're quite an anxious person", "you're catastrophising"
    r"|\byou (?:are|seem|sound|come across as|strike me as)(?: like)? (?:(?:quite|very|a bit|"
    r"rather|such|really|just|an?|the|of|someone who is) )*(?:(?:anxious|nervous|worried|"
    r"depressed|obsessive|neurotic|highly strung|sensitive|worrying) (?:person|type|sort|"
    r"individual|kind of person|sort of person)|worrier|worry-wart|worrywart|hypochondriac|"
    r"catastrophi[sz]er|catastrophi[sz]ing|somati[sz]ing)\b"
    # the diagnosis given to the person: "you might be depressed", "you have health anxiety"
    r"|\byou (?:(?:might|may|could|must|probably|clearly|obviously|definitely|have|are|just|"
    r"still|also) )*(?:be|have|are|got|suffering from|suffer from) (?:(?:just|probably|a bit|"
    r"some|an?|from) )*"
    r"(?:depressed|depression|health anxiety|an anxiety disorder|anxiety disorder|panic "
    r"disorder|generali[sz]ed anxiety|hypochondria|somatic symptom disorder|ocd)\b"
)
# Uninvited psychological attribution: "I think stress is a big part of this" (persuade+label).
ATTRIBUTION_RX: Final = Gated(
    r"\b(?:stress|anxiety|worry|worrying|your nerves|nerves|tension|depression|your mood|your "
    r"emotions|emotions|your thoughts|your thinking|the way you think|psychological factors|"
    r"your mind|the mind) (?:is|are|could be|might be|may be|is probably|plays?|is playing|"
    r"could play|might play|can play|has|has got) (?:(?:a|an|the|big|large|major|huge|real|"
    r"significant|probably|really|definitely|likely|some|part|bigger|massive|lot) )*(?:part "
    r"(?:of|in)|role|factor|behind|causing|driving|contributing|the cause|the reason|making "
    r"(?:it|this|them|things|everything) worse|to do with)\b"
)
# Deciding for the patient: "I'm going to book you in", "I'll refer you".
DECIDE_FOR_RX: Final = Gated(
    r"\b(?:i am going to|i will|i would like to|i want to|we are going to|we will|let me|"
    r"i have|i am|we have) (?:just |go ahead and |also |now )?(?:book|booked|booking|refer|"
    r"referred|referring|put|sign|signed|enrol|enroll|start|started|prescribe|prescribed|"
    r"arrange|arranged|set|increase|switch|change) you\b"
    r"|\b(?:i am going to|i will|we will|we are going to|let me) (?:just |go ahead and )?"
    r"(?:book|refer|arrange|prescribe|order|request) (?:an?|the|some|you|another|more) "
    r"(?!\w+ (?:if|when|whenever) you)"
)
# Advice and pressure the older lists missed.
_PRESSURE_PATTERN: Final = (
    r"\byou (?:are going to|will|would|are gonna|will just) (?:have|need) to\b"
    r"|\bi (?:don't|do not) think (?:that )?(?:\w+ ){0,4}(?:is|would be|will be|are|will) "
    r"(?:a good idea|a great idea|wise|necessary|needed|helpful|going to help|the answer|the "
    r"way|help|right for you)\b"
    r"|\b(?:more|another|further|extra|other) (?:\w+ )?(?:tests?|scans?|checks?|reassurance|"
    r"searching|googling|appointments?|investigations?|opinions?|referrals?) (?:won't|will not|"
    r"aren't going to|is not going to|are not going to|isn't going to|don't|do not|doesn't|"
    r"does not|can't|cannot|never) (?:\w+ )?(?:help|reassure|fix|change|make|give|solve|find|"
    r"settle|show)\b"
    r"|\byou (?:would|will|could|might) (?:really |definitely |probably |honestly |genuinely )?"
    r"benefit (?:from|a lot from|hugely from)\b"
    r"|\bunless you (?:change|do|stop|start|make|try|get|take|cut|quit|deal|address|face|see|"
    r"go|accept|let)\b"
    r"|\b(?:is|are) (?:not|never) going to (?:get|go|be) (?:better|away|any better|easier)\b"
    r"|\b(?:won't|will not|will never) (?:get|go) (?:better|away|any better|easier)\b"
    r"|\b(?:antidepressants?|medication|medicine|tablets|pills|therapy|cbt|counselling|"
    r"counseling|a psychologist|the psychologist|talking therapy|talking therapies|exercise|the "
    r"gym|mindfulness|meditation|yoga|a support group|the group|the patches?|the gum|"
    r"treatment|it|this|that) (?:can|could|will|would|does|do|should) (?:really|definitely|"
    r"honestly|genuinely|absolutely|truly|massively|hugely) (?:help|work|make a (?:real |big |"
    r"huge )?difference|change things|sort (?:this|it|you) out|fix)\b"
    r"|\b(?:will|would|is going to|can) (?:really |definitely |honestly )?(?:help|sort|fix) you"
    r"\b(?! (?:decide|think|figure|work out|make up your mind))"
    r"|\b(?:is|are) (?:slowly |literally |really )?killing you\b|\byou are (?:slowly |"
    r"literally |really )?killing yourself\b|\b(?:is|are) going to kill you\b"
    r"|\bi (?:really |honestly |genuinely |do )?think (?:that )?(?:you|it|this) (?:need|needs|"
    r"should|ought|must|have to)\b"
)
# Disagreeing, dismissing or arguing, often quietly.
_DISPUTE_PATTERN: Final = (
    r"\byou are (?:just |only |simply |really |clearly |probably |definitely )?(?:overthinking|"
    r"overanalysing|overanalyzing|worrying too much|making (?:too much|a big deal|a mountain)|"
    r"blowing (?:this|it|things) (?:up|out of proportion)|your own worst enemy|worrying about "
    r"nothing|making it worse|being too hard on)\b"
    r"|\byou (?:worry|think|overthink|obsess) (?:far |way )?too much\b"
    r"|\b(?:doesn't|does not|don't|do not|won't|will not|isn't|is not|can't|cannot) (?:actually|"
    r"really) (?:keep|keeps|make|help|protect|work|change|prevent|stop|do|mean|matter|"
    r"achieve|solve)\b(?=[^?]*$)"
    r"|\b(?:nobody|no one|no-one|people are not|people aren't) (?:is |are |really |actually )?"
    r"(?:looking|watching|judging|noticing|thinking about you|staring)\b"
    r"|\b(?:as much|as badly|as often|as closely|as bad|as serious|as dangerous|as big|as "
    r"obvious|as noticeable) as you (?:think|believe|imagine|fear|say|feel)\b"
    r"|\b(?:has|have|had) (?:got )?nothing to do with (?:you|your|this|it)\b"
    r"|\bsurely\b|\bbe (?:realistic|honest with yourself|reasonable)\b|\blet us be (?:honest|"
    r"realistic)\b"
    r"|\b(?:that|it|this) (?:is|was) not (?:that|so|really that) (?:bad|hard|difficult|"
    r"serious|big a deal|complicated)\b|\bit (?:can't|cannot) be that (?:bad|hard)\b"
    r"|\b(?:plenty of|lots of|most|other) (?:people|others|patients)\b[^?]*\b(?:manage|cope|do "
    r"it|get on with it|get through it)\b"
    r"|\bbecause that (?:has|is) (?:worked|working|gone|going) (?:so |really )?well\b"
    r"|\b(?:that|this|it) (?:has|is) (?:worked|working|gone|going) (?:out )?(?:so |really )?"
    r"well(?: for you)?,? (?:hasn't it|has it not|isn't it)\b"
    r"|\byou (?:can't|cannot|couldn't|could not) (?:really |honestly |seriously )?expect\b"
    # judging the amount, shaming, pointing at the gap between words and deeds
    r"|\byou (?:drink|smoke|eat|use|spend|worry|check) (?:way |far |much |a lot |a bit )?too "
    r"(?:much|many|often)\b|\b(?:that|it|this) is (?:way |far |much |a bit |really |just )?too "
    r"(?:much|many)\b|\b(?:your|the) (?:kids|children|family|wife|husband|partner|son|"
    r"daughter) (?:deserve|deserves) (?:better|more)\b"
    r"|\byou (?:say|said|keep saying|tell me|told me) (?:you|that)\b[^.?]*\bbut (?:you are "
    r"not|you have not|you haven't|you don't|you do not|you keep|you never|nothing|you still|"
    r"you are still)\b"
    r"|\b(?:that|it|this) is not (?:going to|gonna) (?:work|help|happen|change anything)\b"
    r"|\b(?:that|it|this) (?:won't|will not|will never) work\b"
    r"|\b(?:that|it|this) is not (?:a )?(?:good enough|real|valid|proper) (?:reason|excuse)\b"
    r"|\bnot (?:a )?good enough (?:reason|excuse)\b"
    r"|\bjust get on with it\b|\bif you (?:really|truly) (?:wanted|cared|loved|meant)\b"
    r"|\bthe (?:numbers|tests|results|scales|facts|evidence|figures|bloods|readings) (?:don't|"
    r"do not|doesn't|does not|never) lie\b"
    r"|\byou are (?:seriously |really |honestly )?(?:telling me|trying to tell me|saying) "
    r"(?:that )?you (?:have )?(?:only|never|not once)\b"
    r"|\b(?:i am not sure|i do not think|i don't think|i doubt) (?:that )?you are being "
    r"(?:completely |totally |entirely |fully |really |quite )?(?:honest|straight|truthful|"
    r"realistic)\b|\byou (?:only|just) have "
    r"yourself to blame\b|\bi (?:don't|do not) (?:think|believe) (?:that is|that|it is|this is) "
    r"(?:true|right|the case|fair|accurate|how it works|really true)\b|\bi am not (?:sure|"
    r"convinced) (?:that is|that|it is) (?:true|right|the case|really true)\b|\bwith (?:all due "
    r")?respect\b|\byou can't have it both ways\b|\b(?:that is|it is) (?:a bit of )?an "
    r"exaggeration\b|\byou are not (?:going to|gonna) (?:die|drop dead|collapse)\b"
)
# Questions about fears of the change itself invite sustain talk, not change talk.
SUSTAIN_TOPIC_RX: Final = Gated(
    r"\b(?:treatment|therapy|medication|tablets|pills|side effects?|trying it|changing|stopping|"
    r"quitting|giving up|the plan|the referral|exposure|the psychologist|the group|what (?:it|"
    r"that|this|treatment|therapy) (?:might|would|could) (?:involve|mean|be like)|(?:might|would|"
    r"could) go wrong)\b"
)
# Agenda-setting and asking for the patient's ideas: seeking collaboration.
COLLAB_MORE_RX: Final = Gated(
    r"\bwhat (?:would|do) you (?:like|want) (?:us )?to (?:talk about|focus on|start with|work on|"
    r"look at|cover|get out of|come away with|do about|spend)\b"
    r"|\bhow (?:would|do) you (?:like|want) (?:us )?to (?:go about|approach|proceed|handle|"
    r"tackle|use|spend|start|do (?:this|it|that))\b"
    r"|\b(?:which|what) (?:of (?:these|those|them|the)|one|ones|option|options|part|parts|bit|"
    r"area|areas|thing) (?:\w+ )?(?:would|do|might|shall) (?:you|we) (?:like|want|prefer|choose|"
    r"start|focus|look|talk|go|begin|pick)\b"
    r"|\bis there anything (?:else )?(?:you would like|you want|you would want) (?:us )?to "
    r"(?:add|talk|cover|discuss|focus|look|go over|make sure)\b"
    r"|\bwhat (?:do you think|would you say) (?:would|might|could) (?:work|help|be (?:helpful|"
    r"useful|realistic|doable|manageable|best)) (?:for you|best|here|now)\b"
    r"|\bwhat (?:ideas|thoughts|suggestions) (?:have you got|do you have|come to mind)\b"
    r"|\bwhat (?:are|would be) your (?:thoughts|ideas) (?:on|about) (?:that|this|these|those|the "
    r"idea|the plan|how)\b"
    r"|\bwould it (?:help|be helpful|be useful|make sense|be okay) (?:if|for) (?:we|us)\b"
    r"|\b(?:we|us) (?:could|can|might) (?:look at|think about|work on|explore|brainstorm|come "
    r"up with|talk through|map out|figure out|try to work out)\b"
    r"|\bwhat (?:would|do) you (?:like|want) to do (?:with|about|next|now|from here)\b"
    r"|\bwhere (?:would|do) you (?:like|want) (?:us )?to go (?:from here|next|with this|now)\b"
    r"|\bhow (?:would|do) you feel about (?:us|me|talking|looking|spending|going over)\b"
    r"|\bwhat ideas have you (?:had|got)\b"
    r"|\bi (?:am )?wonder(?:ing)? (?:what you think|how you feel|what you would think) (?:about|"
    r"of)\b|\bwhat do you (?:make|think) of (?:that|this|the) (?:idea|plan|suggestion|option)\b"
)
# Softer, declinable framings of advice: persuade with permission.
_DECLINABLE_PATTERN: Final = (
    r"\bfeel free\b|\bno pressure\b|\bjust an idea\b|\bonly if (?:it|that|you) (?:feels? "
    r"right|suits? you|works? for you|want)\b|\bif (?:it|that) (?:feels|sounds) (?:right|okay|"
    r"alright|useful|helpful)\b|\byou (?:would|will|might) know (?:best|better)\b|\bsomething "
    r"to (?:think about|consider|mull over)\b|\bsee if (?:it|that|any of (?:it|that|this)) "
    r"(?:resonates|rings true|sits|fits)\b|\bif you (?:want|wanted|feel like|felt like|fancy|"
    r"are up for) (?:it|to|that)\b|\bin your own time\b|\bif (?:and when|when) you (?:feel|are) "
    r"ready\b|\bthere is no (?:right|wrong) (?:answer|way)\b|\byou could always\b|\bmight be "
    r"worth (?:thinking about|considering|a thought)\b|\bno (?:rush|obligation)\b|\bi (?:don't|"
    r"do not) know (?:if|whether) (?:this|that|it) (?:is|would be|will be) (?:for you|"
    r"something you|of interest|useful|helpful)\b|\bwhat (?:do|would) you think (?:about|of) "
    r"(?:trying|doing|going|starting|using|cutting|taking|giving|having|booking|seeing|keeping)"
    r"\b|\b(?:up to you|your call|your choice|your decision) (?:whether|if)\b"
)
# More ways to appreciate effort or strength.
_AFFIRM_MORE_PATTERN: Final = (
    r"\b(?:that|this|it|which|what you did|doing that|coming here|coming in|talking about (?:it|"
    r"this|that)|telling me) (?:took|takes|must have taken|must take|shows?|showed|says?|said|"
    r"reflects?|demonstrates?|speaks to) (?:(?:a lot of|real|some|great|so much|genuine|such|"
    r"serious|a lot|a great deal of|a kind of|something of) )?(?:courage|strength|guts|"
    r"determination|commitment|effort|bravery|honesty|insight|maturity|grit|resilience|"
    r"persistence|character|something|a lot|guts|backbone|heart|self-awareness|care)\b"
    r"|\byou(?: have| had)? (?:kept|keep|been|managed|carried on|stuck|held|got|gotten|pushed|"
    r"pulled|still|come|made it|kept on|hung in|shown up|turned up|showed up) (?:going|working|"
    r"trying|at it|on|through|in|up|here|coming|turning up|showing up)\b[^?]*\b(?:through (?:all|"
    r"everything|it all)|despite|even (?:though|when|with|on)|all of this|every (?:week|day|"
    r"time)|not (?:missed|given up)|never (?:missed|gave up|given up))\b"
    r"|\byou (?:have|'ve)? ?(?:really |clearly |obviously )?(?:worked out|figured out|found|come "
    r"up with|built|put together|set up) (?:what|a (?:way|system|routine|plan)|how|your own)\b"
    r"|\byou are (?:really |clearly |obviously |genuinely |so )?(?:looking out for|taking care "
    r"of|protecting|thinking (?:ahead|about (?:your|the) (?:kids|children|family)))\b"
    r"|\byou are (?:really |clearly )?(?:doing (?:the best|your best|really well|so well|well|"
    r"great|brilliantly)|a (?:good|great|caring|loving|devoted) (?:mum|mom|dad|parent|mother|"
    r"father|friend|partner))\b|\bi am (?:really |so )?(?:struck|impressed|moved) (?:by|that|"
    r"with)\b|\bwhat strikes me\b[^?]*\byou\b|\byou (?:clearly |obviously |really )?(?:know "
    r"yourself (?:well|really well)|have (?:a lot of|real|great) insight)\b|\byou (?:have )?"
    r"(?:clearly |obviously |really |actually )?(?:thought (?:about this|this through|hard|a "
    r"lot|carefully)|done your homework)\b|\byou (?:should|can) be (?:really |very |so )?proud\b"
    r"|\bthank you for (?:being so|being|your) (?:open|honest|frank|candid|patient)\b"
    r"|\b(?:that|this|it) (?:tells|shows|told|showed) me (?:how much|how (?:committed|determined|"
    r"serious|important)|that you (?:care|really|are (?:serious|committed|determined)))\b"
    r"|\byou(?: are)? still (?:here|going|trying|standing|showing up|coming|turning up)\b"
    r"[^?]*$|\byou (?:handled|managed|dealt with|coped with|did) (?:that|it|this|things|all of "
    r"that) (?:really |so |very |incredibly |pretty )?(?:well|brilliantly|amazingly)\b"
    r"|^(?:that|this|it) is (?:really |so |pretty |just )?(?:huge|brilliant|amazing|fantastic|"
    r"great|wonderful|impressive|excellent|massive)\s*,"
    r"|\bthat (?:is|was) (?:a )?(?:real |big |huge |great )?(?:achievement|accomplishment|"
    r"strength|win|success)\b|\b(?:you|your) (?:came|come|kept coming|still came|turned up|"
    r"showed up) (?:back |in |here )?(?:anyway|again|even though|despite)\b"
)
# Information: results of tests, and how the body or a treatment behaves in general.
_INFO_MORE_PATTERN: Final = (
    # how the body works, told to explain: "when your brain senses danger, it releases
    # adrenaline", "that over-breathing is what causes the tingling", "a healthy heart copes"
    r"\badrenaline\b|\bover-?breathing\b|\bhyperventilat\w*|\b(?:a|your) healthy heart\b"
    r"|\b(?:your|the) (?:brain|body|nervous system|alarm system|amygdala) (?:\w+ )?(?:senses|"
    r"releases|reacts|responds|treats|floods|produces|pumps|interprets)\b|\bis what causes\b|"
    r"\b(?:your|the) (?:colonoscopy|endoscopy|mri|ct|ct scan|ultrasound|biopsy|ecg|ekg|echo|"
    r"x-ray|xray|mammogram|smear|bloods|blood count|examination|exam|check-up|checkup|"
    r"investigations?|heart tracing|holter|angiogram|scan results|results) (?:\w+ ){0,4}(?:was|"
    r"were|came back|showed?|is|are|looked) (?:all |completely |totally |entirely |perfectly )?"
    r"(?:normal|clear|fine|negative|positive|unremarkable|okay|reassuring|within|healthy|good)\b"
    r"|\b(?:it|they|this|that|which|glands?|muscles?|nerves?|the (?:\w+ )?(?:body|skin|gland|"
    r"glands|muscle|muscles|joint|joints|gut|stomach|heart|lungs?|brain|liver|tablets|pills|"
    r"medication|medicine|dose|drug|symptoms?|pain|swelling|side effects?|patch|gum|scan|test|"
    r"procedure|treatment)) (?:can|may|might|often|usually|tends? to|will often|sometimes|will "
    r"usually|normally|typically) (?:get|become|cause|lead|take|last|settle|happen|show|swell|"
    r"flare|wear off|kick in|come back|go away|settle down|build up|work|react|feel (?:sore|"
    r"tender|stiff|tight)|make you (?:feel )?(?:a bit |slightly |quite )?(?:sick|sleepy|drowsy|"
    r"dizzy|nauseous|tired|hungry|thirsty)|give you (?:a )?(?:headaches?|a dry mouth|"
    r"indigestion))\b"
    r"|\b(?:come|comes|are available|is available) in (?:different|various|a range of|several|"
    r"two|three|lots of) (?:strengths|doses|sizes|forms|flavours|flavors|types)\b"
    r"|\b(?:appointment|review|follow-up|follow up|scan|test|results?|next visit|check-up|"
    r"checkup|referral) (?:is|will be|are|should be|comes?|has been) (?:on|at|in|booked|due|"
    r"next|for)\b"
    # what the service will do next: "the clinic will send you a letter"
    r"|\b(?:the|a|your) (?:clinic|hospital|team|nurse|doctor|gp|pharmacy|pharmacist|service|"
    r"receptionist|surgery|practice|consultant|specialist|lab|physio|physiotherapist|dietitian|"
    r"letter|results) (?:will|can|should|would|is going to|are going to|usually|normally) "
    r"(?:send|call|ring|contact|see|give|book|write|text|email|phone|be in touch|let you know|"
    r"come|arrive|go)\b"
)
# Statements about changing how one feels or sees things: complex reflection cues.
MEANING_MORE_RX: Final = Gated(
    r"\b(?:makes?|made|making) (?:\w+ ){0,4}(?:feel|seem|harder|easier|impossible|dangerous|"
    r"risky|scary|frightening|unbearable)\b|\bstays with you\b|\bcarries (?:the|a|so much)\b"
    r"|\bno wonder\b|\bwhich is why\b|\bthat is why\b|\b(?:starting|beginning) to (?:feel|see|"
    r"wonder|think|notice|believe|trust)\b|\b(?:in charge|in control) of\b|\byou (?:sound|seem)"
    r"(?: like)?\b|\bmore (?:than|like) (?:just|a)\b"
)
_EVOKE_MORE_PATTERN: Final = (
    r"\bwhat (?:might|could|would) (?:be )?(?:a|the|one|your) (?:small |first |next |good |"
    r"realistic )*(?:step|steps|thing|change|start)\b|\bif you (?:did|were to|chose to|decided "
    r"to) (?:\w+ ){0,4}(?:what|how)\b|\bwhat (?:are you|would you be) (?:hoping|willing|ready|"
    r"prepared)\b|\bwhy (?:would|is|might) (?:it|that|this) (?:be )?(?:important|matter|worth)\b"
    r"|\bwhat (?:makes|made) you (?:think|feel) you (?:could|can|might)\b|\bhow would your "
    r"(?:life|day|week|family|health|kids)\b|\bwhat would you (?:like|want) (?:to be|to see|to "
    r"change|instead|to have|for yourself)\b"
)

# The righting reflex in the forms trainees use (issue 11): corrections, dismissals, appeals to
# authority and tag disputes; advice as "what you need is", "the best treatment", "no reason not
# to". Written from MI practice and checked on the dev half of bench/data/coder/righting.jsonl.
_CORRECTION_PATTERN: Final = (
    r"^(?:(?:well|look|honestly|but|i mean|listen|trust me|again),? )*(?:there is|there's) "
    r"nothing (?:physically |medically |actually |really )?wrong with (?:your|you)\b"
    r"|\byou (?:do not|don't|dont) need (?:it|that|them|this|another|any more|more|a scan|the "
    r"scan|tablets|a referral|a cardiologist|a specialist|reassurance)\b|"
    r"\b(?:it is|that is|this is|they are|it was) not (?:really |actually |just )?(?:\w+ ){1,2}?"
    r"(?:,|-)? ?(?:it is|that is|this is|they are|it was|just|but) (?:just |really |actually )?"
    r"(?:compulsive|compulsion|avoidance|avoiding|anxiety|panic|nerves|stress|adrenaline|"
    r"psychological|an excuse|excuses|habit|a habit|addiction|denial|fear|your weight|your "
    r"anxiety|what is going in|in your head)\b"
    r"|\byou are not (?:really |actually |just )?(?:an? )?(?!sure|certain|ready|keen|able|"
    r"convinced|happy|comfortable|alone|bothered|fussed)\w+,? you are\b"
    r"|\b(?:a|the|that is a|it is a|that is just a) (?:cop[- ]?out|myth|excuse)\b|\bcop[- ]?out\b"
    r"|\bnothing more\b|\bthat is on you\b|\ba bit rich\b|\bnot good enough\b"
    r"|\bnot (?:really )?cutting down\b"
    r"|\b(?:is not|isn't|aren't|are not) (?:really )?'?only'?\b(?! (?:about|for|because|that|the|"
    r"a|an|your|you|when|in|on|at|to)\b)"
    r"|\bpretty textbook\b|\btextbook\b|\bclassic (?:\w+ )?(?:anxiety|panic|avoidance|denial|"
    r"worrier|catastrophi[sz]ing|hypochondria)\b|\blet us call it what it is\b|\bsugar-?coat\b"
    r"|\bmedically speaking\b|\bas a (?:clinician|doctor|professional|nurse|gp|health "
    r"professional),? i\b|\bi have seen (?:a hundred|hundreds|loads|plenty|dozens|this (?:a "
    r"hundred times|before|so many times))\b|\balways is with you\b|\bthe honest truth\b"
    r"|\b(?:they|he|she) (?:are|is) not wrong\b|\byou are the one (?:who is )?(?:underreacting|"
    r"overreacting|making (?:it|this|that|things) (?:worse|harder|up))\b|\bunderreacting\b"
    r"|\b(?:it is|that is) not (?:that )?hard\b"
    r"|\b(?:being|are) so (?:difficult|stubborn|negative|dramatic|defensive)\b"
    r"|(?<!not )(?<!n't )\bbecause you (?:don't|do not|won't|will not|never|keep)\b"
    r"|\byou have got yourself into\b"
    r"|\b(?:it is|that is) (?:just|only|simply) (?:adrenaline|nerves|stress|anxiety|a panic "
    r"attack|worry|in your head)\b|\byou can,? you just\b|\byou (?:just )?(?:have not|haven't|"
    r"don't|do not) (?:really )?wanted? to\b"
    r"|\b(?:doesn't|does not|isn't|is not|wasn't|was not|don't|do not|didn't|did not)\b[^?]{3,60}"
    r"\b(?:though|tho),? (?:does|is|was|do|did|are|were|has|have) (?:it|he|she|that|they|you)\b"
    r"|\b(?:wasn't|was not|isn't|is not) (?:fine|okay|ok|true|right),? (?:though|tho)\b"
)
# Minimising, comparing, sarcasm and authority: the righting reflex's other voices (from MI
# practice, not from any set): "I'm sure it's nothing", "other people manage", "yeah, right",
# "trust me".
_DISMISS_PATTERN: Final = (
    r"\b(?:i am|i'm) sure (?:it is|it's|that is|that's|you are|you're) (?:nothing|fine|okay|ok|"
    r"just)\b|\bnothing to worry about\b|\b(?:you )?(?:really |honestly |honestly really )?"
    r"(?:do not|don't|dont) (?:really )?(?:need|have) to worry(?: about (?:it|that|this|the "
    r"(?:lump|heart|pain|tests?|results?|scan)|your (?:heart|lump|health|stomach)))?\W*$"
    r"|\bno need to worry\W*$|(?<!not to say )(?<!not saying )(?<!not that )(?<!said )(?<!says )"
    r"(?<!told you )(?<!if )\byour (?:heart|lump|"
    r"stomach|body|head)(?:'s| is) (?:probably |"
    r"almost certainly |definitely )?"
    r"(?:fine|healthy|okay|ok|normal)\b|\byou (?:will|'ll) be (?:fine|okay|ok|alright|all "
    r"right)\b|\bcould be (?:a lot |much |far )?worse\b|\bat least (?:it is|it's) not\b"
    r"|\b(?:other|most|plenty of|lots of) people (?:manage|cope|deal with|get on with|do it|have "
    r"it (?:worse|harder))\b"
    r"|\b(?:yeah|oh) right\b|\bsurprise,? surprise\b|\bhow convenient\b"
    r"|\btrust me\b|\btake it from me\b|\bi know what i am talking about\b|\b(?:the )?"
    r"doctors? (?:know|knows) best\b|\byou are (?:just |only |being )?(?:a bit )?(?:lazy|"
    r"weak|silly|paranoid|dramatic|hysterical|ridiculous|neurotic|obsessed|catastrophi[sz]ing|"
    r"avoiding (?:it|things|people|the problem)|in denial|kidding yourself)\b"
    r"|^(?:(?:just|so|look|oh|honestly|seriously),? )*(?:stop|quit) (?:being|worrying|googling|"
    r"checking|making|overthinking)\b"
)
_PUSH_PATTERN: Final = (
    r"\bwhat you (?:actually |really |honestly )?need (?:is|to do is)\b|\bis what you (?:actually "
    r"|really |honestly )?need\b|\bthat is what you (?:actually |really )?need\b"
    r"|\bthe (?:best|only|most effective|gold standard) (?:treatment|thing|way|option|cure|fix)\b"
    r"|\bthe only (?:way|thing) (?:that )?(?:works|will work|helps)\b|\bthe (?:research|evidence) "
    r"is (?:really |very )?(?:clear|overwhelming)\b|\bi would (?:really )?push you\b"
    r"|\bi would (?:go back on|stick with|get back on|give (?:it|them) another)\b|\bthat is how "
    r"you (?:beat|fix|sort|get over|deal with) (?:it|this|that)\b|\b(?:there is )?no reason not "
    r"to\b|\bnothing to lose\b|\bevery (?:week|day|month|year) you (?:wait|leave it|put it off)\b"
    r"|\bthe longer you (?:leave|wait|put)\b|\bbefore it is too late\b|^(?:so,? )?start now\b"
    r"|,? otherwise (?:you|it|that|things|your)\b[^?]{0,30}\b(?:will|would|could|is going to|"
    r"are going to)\b"
    r"|\b(?:could|can) you not just\b|\byou (?:just )?(?:didn't|did not|haven't|have not) give "
    r"(?:it|them) (?:long enough|enough time|a (?:proper )?chance|a fair)\b|\bmy advice\b"
    r"|\bwhat you (?:want|ought|should) to do (?:instead )?is\b|\bjust go cold turkey\b|\bcold "
    r"turkey is\b|\bhas to be\b[^?]{0,30}\bfor you\b|\b(?:therapy|cbt|exposure|medication|a "
    r"group|groups|counselling) (?:is|are) (?:what|the (?:answer|way|thing))\b"
)
# Corrections with authority and arguing with facts, as clinicians say them in real sessions
# (from MI practice: "you can't just stop a tablet because you feel fine", "the numbers are the
# numbers", "that's the dependence talking", "it only works if you take it").
_AUTHORITY_PATTERN: Final = (
    r"\byou (?:can't|cannot|can not) just\b|\byou (?:can't|cannot|can not) (?:believe|trust) "
    r"everything\b|\b(?:well,? )?you (?:don't|do not) know that\b|\bthe (?:numbers|facts|figures|"
    r"results|readings) are the (?:numbers|facts|figures|results|readings)\b|\bthat is (?:actually "
    r"|really |just )?(?:the|your) (?:\w+ )?talking\b|\bthat is (?:not|hardly) (?:casual|normal|"
    r"moderate|social|recreational|occasional)\b|\bthat is (?:a )?(?:dependence|addiction|"
    r"withdrawal|dependency)\b|\bthere is no point (?:me |you |us |in )?\w+ing\b[^?]{0,40}\bif\b"
    r"|\bit only works if you\b|\byou (?:won't|will not) (?:fail|regret)\b"
    r"|\byou know (?:that )?(?:the|this|that|a|another) (?:\w+ )?(?:will not|won't|wont|is not "
    r"going to|isn't going to) (?:find|show|change|help|fix)\b"
)
# Arguing for the change without being asked: "it's really worth stopping", "I'd just go for
# it", "you might need to think about who you spend time with", "so you can see why I'm worried".
_ARGUE_PATTERN: Final = (
    r"\bit is (?:really |definitely |so |well |totally )?worth (?:\w+ing|a (?:go|try|shot))\b"
    r"|\bi would (?:just |really |definitely |honestly )?(?:go for it|give it a (?:go|try|shot))\b"
    r"|\bi would (?:really |definitely )(?:go|do it|try)\b"
    r"|\byou might (?:need|want|have) to (?:think about|consider|look at|rethink)\b"
    r"|\bso you can see why (?:i am|we are|i'm|we're) (?:worried|concerned)\b"
    r"|\bthe evidence (?:for|behind) (?:\w+ ){1,3}is (?:pretty |very |really |quite )?(?:weak|poor|"
    r"thin|limited|shaky)\b|\b(?:is not|isn't) going to (?:do|work) (?:what|like|as well as)\b"
)
# Each older cue list joined with the cues added from play-testing: one search each.
# "sounds like nerves tbh", "sounds like stress to me": a diagnosis in a reflection's clothes
# (the patient's own word said back is a reflection: the coder checks that).
_SOUNDS_LIKE_LABEL: Final = (
    r"\bsounds like (?:it is |it might be |it could be |a bit of |just )?(?:nerves|stress|anxiety|"
    r"panic|social anxiety|health anxiety|depression|a worrier|psychological)\b"
    r"(?= to me| to be honest| tbh| honestly| really|[.,!?]|$)"
)
LABEL_RX: Final = Gated(_LABEL_PATTERN + "|" + _LABEL_CLAIM_PATTERN + "|" + _SOUNDS_LIKE_LABEL)
# Arguing, scolding and comparing, as trainees type and speak them: "and you know it", "lots of
# people have it worse", "at least you can still work", "do you really think another scan…",
# "funny how…", "that doesn't make it ok", "that's just negative thinking".
_SCOLD_PATTERN: Final = (
    r"\b(?:deep down|and),? you know (?:it|that)\b|\byou know (?:it|that) (?:yourself|really)\b"
    r"|\b(?:that is|it is|thats|its) (?:absolutely |just |simply |completely |totally |really )?"
    r"not true\b|\b(?:lots|loads|plenty|a lot) of people (?:have (?:got )?it|are|manage|cope)"
    r"(?: (?:a lot|much|far|way))? worse\b|\bpeople with (?:far |much |a lot |way )?worse\b"
    r"|\bat least you (?:can|still|have|are|do|got)\b|\bsurely (?:that|this|you|it|there)\b"
    r"|\bdo you (?:really|honestly|seriously) (?:think|believe|expect|reckon)\b|\bfunny how\b"
    r"|\b(?:strikes|striking) again\b|\byou are not your (?:dad|mum|father|mother|grandad|nan|"
    r"brother|sister)\b|\b(?:that is|thats|it is|its) (?:just|only|all) (?:negative thinking|"
    r"catastrophi[sz]ing|an excuse|excuses|the (?:anxiety|worry|panic) talking)\b"
    r"|\b(?:does not|doesn't|doesnt) (?:mean|prove) (?:anything|a thing)\b"
    r"|\b(?:that|it) (?:does not|doesn't|doesnt) make it (?:ok|okay|right|better|fine|alright)\b"
    r"|\bhow would you (?:even )?know\b(?! (?:if|whether|that|when|it|the|your|something|"
    r"anything|things?)\b)"
    r"|\bwhat (?:else )?would you call it\b|\bbecause i (?:do not|don't|dont)\W*$"
    r"|\byou (?:do not|don't|dont) (?:sound|look|seem) (?:fine|okay|ok|alright|all right)\b"
    r"|\blet us be honest\b|\bbe honest with yourself\b|\bcome off it\b|\bget real\b"
)
# Arguing for the change: "it's a no-brainer", "the sooner you start…", "one of the worst things
# you can do", "stick with it", "it'd be so good for you", "I'd try…", "it might be an idea to…".
_ARGUE_MORE_PATTERN: Final = (
    r"\bno-? ?brainer\b|\bthe sooner you\b|\bthe longer you (?:leave|wait|put|go)\b"
    r"|\b(?:one of )?the (?:worst|best) things? (?:you|u) (?:can|could) do\b|\bstick (?:with|at) "
    r"it\b|\b(?:it|itd|that|thatd|which|this) (?:would |might |could |will )?(?:really |honestly )?"
    r"be (?:so |really |very |super )?(?:good|great|helpful) for (?:you|u)\b"
    r"|\b(?:it would|itd) (?:really )?be worth\b|\bit might be an idea to\b|\bi would (?:try|"
    r"go for|start with|do that|do this|get|book|ring|stop)\b"
    r"|^i (?:would not|wouldn't|wouldnt)(?:,|\W*$)"
    r"|\bwhat is (?:stopping|holding) you\W*$|\byou (?:just )?need to (?:give|stick|push|get)\b"
)
# Doubting and disputing what the patient just said: "Are you, though?", "have you really
# tried, though?", "I don't really buy that", "that's not a proper trial", "that's just physics",
# "there's no 'only' about it", "that's avoidance", "that is binge drinking, by definition",
# "you're in a bit of denial", "Dr Hale and I both think…", "with respect, maybe what you're
# doing isn't working", "you do fuss".
_DOUBT_PATTERN: Final = (
    r"(?:^|(?<=[,;.!?] )|(?<=\bbut )|(?<=\band ))(?:are|is|do|does|did|have|has|was|were) (?:you|"
    r"it|they|that|he|she)(?: \w+){0,4},? (?:though|tho)\b(?!,? or\b)[^.!]{0,40}\?|\b(?:really|"
    r"honestly),? though\b"
    r"|(?<!to )(?<!will )\bbe honest\W*$"
    r"|\bi (?:do not|don't|dont) (?:really |quite )?(?:buy|believe) (?:that|it|this)\b"
    r"|\b(?:that is|that's|thats|it is|its|this is) (?:not|n't) (?:a |really a )?(?:real|proper|"
    r"fair|good) (?:argument|trial|go|try|reason|excuse)\b|\bnot a (?:real|proper) (?:argument|"
    r"trial|go|try)\b|\b(?:that is|that's|thats|it is|its) just (?:physics|maths|biology|how it "
    r"works|a story)\b|\bthere is no '?(?:only|just)'? about it\b|\bno such thing as\b"
    r"|\b(?:does not|doesn't|doesnt) really hold up\b|\ba (?:bit of a )?story (?:people|you) "
    r"tell\b|\b(?:that is|that's|thats|this is|it is|it's|its) (?:actually |really |just |"
    r"classic |textbook |pretty much |basically )?(?:what )?(?:avoidance|binge drinking|"
    r"dependence|addiction|denial|catastrophi[sz]ing)\b|\bwhat (?:dependence|addiction|"
    r"avoidance) looks like\b|\bby definition\b|\bin (?:a bit of |some )?denial\b"
    r"|\b(?:dr \w+|the team|we) and i (?:have )?both (?:think|agree|feel)\b|\bwe both think\b"
    r"|\bwith (?:the greatest |all due |great )?respect\b[^.?]{0,60}\b(?:is not|isn't|not|"
    r"wrong|working)\b|\bwhat you(?:'re| are) doing (?:is not|isn't) working\b"
    r"|\b(?:you|u) do (?:fuss|worry too much|overthink|exaggerate)\b|\b(?:\w+) has got a point\b"
    r"|\bhow is that working out\b|\bis the problem,? not the solution\b"
    r"|\b(?:gave|give|giving) up on it before\b|\byou are choosing not to\b"
    r"|^(?:(?:yeah|okay|ok|mm|right),? )?i hear (?:you|that|what you are saying)\W+but\b"
    r"|\b(?:it is|it's|its) (?:all )?about priorities\b|\ba funny sort of\b"
    r"|\b(?:everybody|everyone) is busy,? though\b"
)
# Warning and advising without being asked: "if you keep drinking like this you're looking at
# cirrhosis", "your stroke risk doubles", "better to get used to the idea", "maybe it's time to
# find new mates", "I'd give it a go", "the thing to do is…", "stopping would be better for your
# liver", "there's honestly no downside", "shall I just put you down for it anyway?", "think of
# Maya and Sam, though".
_WARN_PATTERN: Final = (
    r"\bif (?:you|u) (?:keep|carry on|continue|stop|do not|don't|dont)\b[^.?]{0,50}\b(?:you are|"
    r"you're|youre|ur|you will|you'll|youll) (?:looking at|going to|gonna|heading for|risking|at "
    r"risk)\b|\b(?:your|ur|the) (?:\w+ )?risk (?:basically |roughly |nearly )?(?:doubles|triples|"
    r"goes up|shoots up)\b|\bbetter to get used to\b|\bmaybe (?:it is|it's|its) time (?:to|you)\b"
    r"|\b(?:i would|i'd|id) (?:really )?(?:give it a go|stick with (?:it|them)|keep (?:taking|"
    r"going))\b|\bthe thing to do (?:is|with)\b|\bwould be (?:much |way |a lot |far )?better for "
    r"(?:your|ur|you)\b|\bthere is (?:honestly |really |literally )?no downside\b|\bshall i "
    r"(?:just )?put you down for (?:it|that|one)\b[^?]{0,30}\banyway\b|\bthink of (?:your |the )?"
    r"(?:kids|children|family|grandkids|\w+ and \w+),? though\b|\b(?:they|she|he) (?:needs?|need) "
    r"you (?:present|around|well|here|healthy)\b|\bmight be worth (?:just )?(?:signing|trying|"
    r"giving|booking|going)\b|\b(?:i would|i'd|id) (?:just )?(?:stay away from|steer clear of|"
    r"ask (?:dr|your))\b|\beven so,? (?:you would|you'd) want to\b"
    r"|(?:^|\b(?:honestly|trust me|seriously),? )(?:you would|you'd|you will|you'll) (?:totally |"
    r"honestly |really )?be (?:fine|ok|okay|alright|all right|grand)\b(?! (?:with|if|to|once|"
    r"about|for)\b)|\beveryone gets (?:nervous|anxious|stressed|worried),? "
    r"(?:you (?:just|only)|it is normal|it's normal|that is normal|that's normal)\b"
)
# The clinician's own stance against the patient's account, whatever the warmth around it: "I'm
# not sure I'd call that 'only'", "I don't think that's the patches", "it doesn't quite add up",
# "that's not how asthma works", "we've been over this", "that's classic avoidance".
_STANCE_PATTERN: Final = (
    r"\bi (?:do not|don't|dont) think (?:that is|it is|this is|that was|it was|that|it|this) "
    r"(?:\w+ ){0,2}?(?:the (?!only\b)|really|just|quite|what|how|because|true|right|fair|enough)\b"
    r"|\bi am not (?:sure|convinced) (?:i would|that is|it is|that|it) (?:\w+ )?(?:call|quite|"
    r"really|true|the case|right|adds? up|fair)\b"
    r"|\b(?:does not|doesn't|dont|don't) (?:quite |really |exactly )?add up\b"
    r"|\b(?:is not|isn't|isnt) exactly (?:a |the )?(?:high|low|lot|much|huge|great|big|hard)\b"
    r"|\bbeing (?:quite |very |a bit |rather |pretty )?generous\b"
    r"|\bnot how (?:\w+ ){1,2}works\b"
    r"|\b(?:a bit|quite|very|rather|pretty|bit) convenient\b"
    r"|\bship (?:has|is) sailed\b|\bships sailed\b"
    r"|\bgoing (?:round|around) in circles\b|\b(?:we have|we've|weve) been (?:over|through) "
    r"(?:this|that|it)\b|\bwe went (?:over|through) (?:this|that|it)\b"
    r"|\barguing with (?:the|your|a|an)\b"
    r"|\b(?:that is|it is|this is) (?:a )?classic\b|\bclassic (?:avoidance|anxiety|health anxiety|"
    r"panic|central sensitisation|catastrophi[sz]ing|safety behaviou?r|reassurance seeking)\b"
    r"|^(?:sorry,? but |but |no,? |honestly,? )?the [\w-]+ (?:is|are) the (?:real )?problem\b"
    r"|(?<!any time, )(?<!anytime, )(?<!you like, )(?<!you want, )(?<!you need to, )\b(?:that is|"
    r"it is|this is) the whole point\b|\bbecause of the [\w-]+\b[^.?]{0,20}\bthe "
    r"whole point\b"
    r"|\bsounds (?:a lot |much |a bit )?more like (?:your|the|an?) (?:anxiety|worry|worrying|panic|"
    r"nerves|habit|avoidance|health anxiety)\b"
    r"|\bhow come there (?:are|is|were|was)\b"
    r"|^(?:and |so |but )?(?:or|or is it|or was it) (?:because|cos|cause) (?:you|of)\b"
    r"|\b(?:you would|you'd) really (?:let|throw|risk|give up|walk away|turn down)\b"
    r"|\bi think we can (?:say|agree)\b"
    r"|\b(?:hurts|matters|costs) (?:a lot|a hell of a lot|far) more\b[^?]{0,20}\b(?:does not|"
    r"doesn't|isn't|is not) it\b"
)
# Advice and arguing for the change without being asked, dressed as information or warmth:
# "I'd start with…", "the easiest win is…", "research is pretty clear", "it'll make a big
# difference", "so the next step is…", "what you really want to do is…".
_ADVICE_MORE_PATTERN: Final = (
    r"\b(?:i would|i'd|id)(?: honestly| really| definitely| probably| personally| just)* (?:not )?"
    r"(?:start (?:with|by)|try|cut|download|hold off|wait|stick (?:with|to)|switch|swap|avoid|skip|"
    r"go for|aim for|get (?:a|an|some|yourself)|put (?:the|your)|keep (?:the|your|it))\b"
    r"|\b(?:the )?(?:easiest|quickest|best|simplest|biggest) (?:win|first step|place to start)\b"
    r"|\bso (?:the )?(?:next|first|obvious) step (?:is|would be|is just)\b"
    r"|\b(?:studies|research|the research|the evidence|evidence|science)(?: (?:actually|really|"
    r"is|are|all))* (?:shows?|says|suggests|is (?:pretty |really |very |quite )?clear)\b"
    r"|\b(?:it will|it'll|itll|that will|that'll|this will) (?:make|help)\b[^.?]{0,25}\b(?:big|"
    r"huge|real|massive|such a) ?differ"
    r"|\bworth (?:working|trying|reconsidering|a (?:go|try|shot)|doing)\b"
    r"(?![^.?]{0,30}\bif (?:it|you|that)\b)[^.]{0,30}(?:now|\?|$)"
    r"|\bwhat you (?:really |actually )?(?:want|need) to do is\b"
    r"|\b(?:is|are) (?:actually |really |usually |honestly )?(?:what|the thing that) (?:would "
    r"|will |really |actually )?(?:help|helps|work|works|makes? (?:a|the) (?:big |real )?"
    r"difference)\b"
    r"|\b(?:usually|actually|really) (?:what )?(?:helps|works|makes (?:a|the) (?:big |real )?"
    r"difference)\b"
    r"|\bmost (?:people|ppl|folk|patients)(?: (?:who|with|in|i see))?\b[^.?]{0,50}\b(?:find|"
    r"say|lose|end up|do better|feel better|get better)\b[^.?]{0,60}\b(?:so|worth|i would|i'd|"
    r"id)\b"
    r"|\bthe thing is,? (?:\w+ ){0,4}(?:actually|makes?|keeps?|feeds?|is what)\b"
    r"|\bif (?:you|u) (?:do not|don't|dont) (?:get|bring|sort)\b[^.?]{0,40}\b(?:you will|you'll|"
    r"u'll|ull|youll) (?:end up|need|be)\b"
)
CONFRONT_RX: Final = Gated(_CONFRONT_PATTERN + "|" + _DISPUTE_PATTERN + "|" + _CORRECTION_PATTERN
                        + "|" + _DISMISS_PATTERN + "|" + _AUTHORITY_PATTERN + "|" + _SCOLD_PATTERN
                        + "|" + _DOUBT_PATTERN + "|" + _STANCE_PATTERN)
PERSUADE_RX: Final = Gated(_PERSUADE_PATTERN + "|" + _PRESSURE_PATTERN + "|" + _PUSH_PATTERN
                        + "|" + _ARGUE_PATTERN + "|" + _ARGUE_MORE_PATTERN + "|" + _WARN_PATTERN
                        + "|" + _ADVICE_MORE_PATTERN)
AFFIRM_RX: Final = Gated(_AFFIRM_PATTERN + "|" + _AFFIRM_MORE_PATTERN)
INFO_RX: Final = Gated(_INFO_PATTERN + "|" + _INFO_MORE_PATTERN)
EVOKING_RX: Final = Gated(_EVOKING_PATTERN + "|" + _EVOKE_MORE_PATTERN)
PWP_FRAME_RX: Final = Gated(_PWP_FRAME_PATTERN + "|" + _DECLINABLE_PATTERN)

# --------------------------------------------------------------------------- lexicons

FEELINGS: Final = frozenset(
    ["worried", "worry", "worries", "worrying", "anxious", "anxiety", "scared", "scary", "afraid",
        "fear", "fears", "frightened", "frightening", "nervous", "stressed", "stress",
        "stressful", "frustrated", "frustrating", "frustration", "angry", "anger", "mad", "upset",
        "sad", "sadness", "depressed", "down", "lonely", "alone", "isolated", "hopeless",
        "helpless", "overwhelmed", "overwhelming", "exhausted", "drained", "fed", "tired",
        "weary", "stuck", "torn", "ambivalent", "embarrassed", "embarrassing", "ashamed", "shame",
        "guilty", "guilt", "hurt", "hurting", "disappointed", "disappointing", "annoyed",
        "annoying", "irritated", "relieved", "relief", "proud", "happy", "excited", "hopeful",
        "hope", "confident", "determined", "discouraged", "concerned", "concern", "uneasy",
        "uncomfortable", "unsure", "uncertain", "confused", "trapped", "desperate", "resentful",
        "pressured", "pressure", "judged", "dismissed", "ignored", "misunderstood", "unheard",
        "hard", "difficult", "tough", "struggle", "struggling", "burden", "burdened", "dread",
        "dreading", "panicky", "terrified", "terrifying", "shocked", "surprised", "disheartened",
        "defeated", "demoralised", "demoralized", "insecure", "vulnerable", "powerless",
        "fragile", "heartbroken", "grief", "grieving", "loss", "miserable", "unhappy", "content",
        "satisfied", "pleased", "glad", "worthless", "useless", "failure", "fail", "failing",
        "doubt", "doubts", "skeptical", "sceptical", "suspicious", "mistrust", "distrust",
        "reluctant", "hesitant", "resistant", "ready", "motivated", "committed", "fearful",
        "tense", "restless", "irritable", "bored", "lost", "empty", "numb", "jealous", "envious",
        "betrayed", "rejected", "abandoned", "unsupported", "supported", "safe", "unsafe",
        "threatened", "exposed", "attacked", "blamed", "criticised", "criticized", "lectured",
        "nagged", "pushed", "controlled", "cornered", "rushed", "impatient", "eager", "curious",
        "conflicted", "fed-up", "sick", "wary", "cautious"]
)
VALUE_RX: Final = Gated(
    r"\b(?:important|importance|matters?|mattered|meaningful|value|values|valued|care about|"
    r"cares about|priority|priorities|means a lot|means so much|mean a lot|role|identity|"
    r"independence|independent|freedom|family|kids|children|being there|a good (?:mom|dad|"
    r"parent|father|mother|example|role model)|self-respect|respect|dignity|future|dream|"
    r"dreams|goal|goals)\b"
)
METAPHOR_RX: Final = Gated(
    r"\b(?:like a|like an|like you are|like you were|as if|as though|almost like|kind of like|"
    r"sort of like|a bit like|roller coaster|rollercoaster|vicious (?:circle|cycle)|trap|trapped|"
    r"stuck in|"
    r"weight on|carrying|juggling|battle|fighting|fight|war|wall|crossroads|storm|tug of war|"
    r"tug-of-war|rock and a hard place|walking on eggshells|crutch|lifeline|safety net|"
    r"band-aid|bandaid|escape|prison|cage|running on empty|end of your rope|at the end of)\b"
)
AMPLIFY_RX: Final = Gated(
    r"\b(?:never|always|completely|totally|at all|absolutely|entirely|nothing|everything|"
    r"every single|no one|nobody|anymore|any more|whatsoever|constantly|all the time|"
    r"so much|the only|the last thing|can't stand|no way|utterly)\b"
)
MEANING_RX: Final = Gated(
    r"\b(?:because|which means|so that|that means|means that|in a way|kind of|sort of|the "
    r"real|underneath|deep down|what (?:really|actually) matters|really about|more about|"
    r"not so much|it is not that|it is not just|the thing is|what you want is|what you need "
    r"is|wondering (?:if|whether)|not sure (?:if|whether|how)|if only|and yet|even though|"
    r"although|despite|instead|rather than|as long as|unless|at least|worth it|on your own|"
    r"by yourself|for yourself|yourself)\b|^(?:and|because|even though|which|unless|so that)\b"
)
HEDGE_RX: Final = Gated(
    r"\b(?:sounds like|seems like|it seems|it sounds|i get the sense|i sense|i am guessing|"
    r"i guess|i imagine|maybe|perhaps|i wonder if|it is as if|almost like|i suspect|"
    r"my guess is|probably|you feel like|you feel that|you are feeling like|you must)\b"
)

STOPWORDS: Final = frozenset(
    ["a", "an", "the", "and", "or", "but", "so", "if", "then", "than", "that", "this", "these",
        "those", "there", "here", "it", "its", "it's", "is", "are", "was", "were", "be", "been",
        "being", "am", "do", "does", "did", "done", "doing", "have", "has", "had", "having", "i",
        "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "we", "us", "our",
        "ours", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "not", "no",
        "nor", "don't", "didn't", "doesn't", "can't", "won't", "isn't", "aren't", "wasn't",
        "weren't", "haven't", "hasn't", "would", "could", "should", "will", "shall", "may",
        "might", "must", "can", "to", "of", "in", "on", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below",
        "from", "up", "down", "out", "off", "over", "under", "again", "further", "once", "all",
        "any", "both", "each", "few", "more", "most", "other", "some", "such", "only", "own",
        "same", "too", "very", "just", "also", "really", "now", "well", "okay", "yeah", "right",
        "oh", "um", "uh", "like", "know", "mean", "get", "got", "go", "going", "gone", "thing",
        "things", "kind", "sort", "lot", "lots", "bit", "little", "much", "many", "say", "said",
        "tell", "told", "think", "thought", "feel", "felt", "sounds", "sound", "seems", "seem",
        "hear", "hearing", "one", "something", "anything", "everything", "nothing", "even",
        "still", "yes", "yep", "sure", "way", "ever", "because", "as", "let", "let's", "us",
        "want", "back", "make", "made", "see", "saw", "come", "came", "take", "took", "been",
        "being", "i'm", "you're", "it", "is", "that's", "what's"]
)
LEMMAS: Final[dict[str, str]] = {
    "drank": "drink", "drunk": "drink", "ate": "eat", "eaten": "eat", "felt": "feel",
    "thought": "think", "went": "go", "gone": "go", "said": "say", "told": "tell",
    "children": "child", "kids": "kid", "wife": "wife", "smoked": "smok", "smokes": "smok",
    "smoking": "smok", "smoke": "smok", "smoker": "smok", "cigarettes": "cigarett",
    "cigarette": "cigarett", "worse": "bad", "worst": "bad", "better": "good", "best": "good",
    "lost": "lose", "slept": "sleep", "sleeping": "sleep", "tired": "tire", "tiredness": "tire",
    "anxious": "anxi", "anxiety": "anxi", "worried": "worr", "worry": "worr", "worries": "worr",
    "worrying": "worr", "scared": "scar", "scary": "scar", "frightened": "fright",
    "stressed": "stress", "stressful": "stress", "frustrated": "frustrat",
    "frustrating": "frustrat", "frustration": "frustrat", "hurt": "hurt", "pains": "pain",
    "painful": "pain", "weighed": "weigh", "weight": "weigh", "doctors": "doctor",
    "meds": "medic", "medication": "medic", "medications": "medic", "medicine": "medic",
}
SUFFIXES: Final = ("ingly", "edly", "ness", "ment", "ing", "ies", "ied", "ed", "es", "ly", "s")
WORD_RX: Final = _rx(r"[a-z][a-z'-]*")
LATIN_RX: Final = _rx(r"[A-Za-z]")
