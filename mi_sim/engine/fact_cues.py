"""The English that asks about each kind of fact, for any persona.

    kinds_asked("how long have you had the headaches", Slot.HOW_LONG)
    → [(FactKind.DURATION, 2.0)]

A *noun* kind names what is asked about (work, sleep, alcohol, a partner) and outranks an
*aspect* kind (onset, duration, frequency, triggers…), which asks about the complaint itself:
"how often do you drink?" asks about alcohol, "how often do the attacks come?" about
frequency. A slot the kind is usually asked with adds a little ("who" for the household).
Lines that ask for feelings or values about a subject ("what do you love about your work?")
are not factual. A persona's fact sheet adds its own keywords (names, tests, places) on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from mi_sim.engine.reading import Slot
from mi_sim.engine.segmenter import sentence_before
from mi_sim.engine.vocabulary import FactKind as K

# "What were you like as a mum?" asks about the patient in the role, not about their mother.
_NOT_ROLE: Final = r"(?<!as a )(?<!being a )(?<!good )(?<!bad )(?<!new )(?<!single )"

NOUN: Final = 2.5
ASPECT: Final = 1.5
SLOT_BONUS: Final = 0.5


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# What the complaint is called in a question ("what's the pain like?"; "what's the team like?"
# asks about the team).
# The body and its parts: "what does your stomach do on those mornings?" asks about the
# symptoms, not someone's view.
_BODY: Final = (r"(?:stomach|tummy|gut|body|heart|chest|head|skin|face|neck|back|legs?|hands?|"
                r"breathing|pain)\b")
_COMPLAINT_WORD: Final = (r"(?:attacks?|pain|panic attacks?|headaches?|symptoms?|flare-?ups?|"
                          r"flares?|episodes?|stomach|aches?|cramps?|tingling|lump|sensations?|"
                          r"feelings?|bad ones?|bad days?|bad nights?|nights?|mornings?|worst "
                          r"ones?)")


# What a question asks about, kind by kind: (kind, weight, slots it is usually asked with,
# phrases). Each phrase is a regex matched as whole words on `reading.plain` text.
# "living with it" is the problem, not who is at home.
_NOT_IT: Final = r"(?! (?:it|this|that|the pain|pain|them|the attacks|the symptoms)\b)"
# "what would make it easier to say yes?" weighs a decision, not what eases the symptoms.
_NOT_A_DECISION: Final = (r"(?! to (?:say yes|go|come|start|try|book|agree|give it a go|take it|"
                          r"do it)\b)")
_TABLE: Final[tuple[tuple[K, float, frozenset[Slot], tuple[str, ...]], ...]] = (
    (K.NAME, NOUN, frozenset({Slot.WHAT}), (
        r"your (?:name|first name|full name|surname)",
        r"(?:should|shall|do|can|would you like (?:me )?to|would you prefer (?:me to|i)) (?:i "
        r")?call(?:ed)? you",
        r"called you", r"what do (?:people|they|friends) call you", r"go by",
        r"shorten (?:it|your name)", r"nickname", r"prefer to be called",
        r"rather i call(?:ed)? you",
        r"(?:and )?it is (?!the |a |an |not |so |all |just |really |quite |very )[a-z]+,? "
        r"(?:yes|yeah|right|is it|is not it|correct)(?=[?.!]*$|,)",
    )),
    (K.AGE, NOUN, frozenset({Slot.HOW_MANY, Slot.WHAT, Slot.WHEN}), (
        r"how old are you", r"how old did you say",
        r"how old were you(?! when| at the time| then| back then)(?=[^,?.]*\w)",
        r"your age", r"what age are you", r"your birthday",
        r"date of birth", r"you are (?:\d+|twenty|thirty|forty|fifty|sixty)\b",
        r"^(?:\d\d|(?:twenty|thirty|forty|fifty|sixty)(?:-[a-z]+)?),? (?:yes|yeah|right|is it|was "
        r"it|is that right|correct)", r"late twenties",
        r"(?:got you down as|(?:has|have) you (?:down )?as|put) (?:\d\d|(?:twenty|thirty|forty|"
        r"fifty|sixty)(?:-[a-z]+)?)(?! (?:minutes|hours|days|weeks|months|times|pounds|quid|a "
        r"week|years ago|percent|per cent))\b",
        r"(?:early|mid|late) (?:twenties|thirties|forties|fifties|sixties)", r"twenties",
        r"thirties", r"forties", r"fifties",
    )),
    (K.HOUSEHOLD, NOUN, frozenset({Slot.WHO, Slot.HOW_MANY}), (
        r"live with" + _NOT_IT, r"living with" + _NOT_IT, r"lives with" + _NOT_IT, r"live alone",
        r"living alone",
        r"who (?:are you|do you) (?:look(?:ing)? out for|look(?:ing)? after|caring for|care for)",
        r"live on your own", r"living on your own", r"live by yourself", r"at home with you",
        r"who is at home", r"who else is at home", r"anyone (?:else )?at home", r"home life",
        r"household", r"who do you live", r"share (?:a|the|your) (?:house|flat|home|place)",
        r"live together", r"(?:at|back) home,? who", r"is there anyone at home",
        r"on your own at home", r"who is around at home", r"who else is there",
        r"in the house with you", r"just you,", r"living in the house",
        r"at home,? (?:is it|it is|is that) just you\b", r"(?:got|have|with) a flatmate",
        r"who (?:\w+ ){0,4}at home", r"just you (?:and|at)", r"who is (?:there )?with you(?=\W*$)",
        r"at home (?:\w+ ){0,3}who is there", r"how many of you", r"living at home",
        r"lives at home", r"at home besides", r"anyone else (?:living|at home|in the house)",
        r"who is in your family", r"anyone (?:else )?there with you",
    )),
    (K.PARTNER, NOUN, frozenset({Slot.WHO, Slot.HOW_LONG, Slot.WHEN}), (
        r"partner", r"boyfriend", r"girlfriend", r"husband", r"wife", r"spouse", r"marr?ied",
        r"marriage", r"fiance", r"fiancee", r"other half", r"significant other", r"relationship",
        r"single", r"dating", r"your bf", r"your gf", r"anyone special", r"someone special",
        r"been together", r"are you seeing (?:anyone|someone)",
    )),
    (K.CHILDREN, NOUN, frozenset({Slot.HOW_MANY, Slot.WHO, Slot.WHERE}), (
        r"kids", r"children", r"child", r"son", r"sons", r"daughter", r"daughters", r"grandchild",
        r"grandchildren", r"grandson", r"granddaughter", r"grandkids", r"little ones",
        r"a family of your own", r"baby", r"babies", r"any family of your own",
    )),
    (K.PARENTS, NOUN, frozenset({Slot.WHO, Slot.WHERE}), (
        r"parents", _NOT_ROLE + r"(?:mum|mom|mother|mam|dad|father)", r"step-?dad",
        r"step-?mum", r"mum and dad", r"folks",
        r"what about your (?:mum|dad|mother|father|parents)",
        r"family (?:nearby|near(?: you| here)?|close by|around|in the area|locally|round here)",
        r"(?:any|much) family (?:near|close|around|locally|round here)",
        r"(?:see|visit|seeing|visiting) (?:much of )?your family\b", r"your family much\b",
    )),
    (K.SIBLINGS, NOUN, frozenset({Slot.HOW_MANY, Slot.WHO, Slot.WHERE}), (
        r"brothers?", r"sisters?", r"siblings?", r"only child",
    )),
    (K.FRIENDS, NOUN, frozenset({Slot.WHO, Slot.HOW_LONG, Slot.HOW_MANY}), (
        r"friends?", r"mates?", r"pals?", r"best friend", r"mate", r"people you can (?:talk|turn)",
        r"friends (?:outside|away from|apart from) (?:of )?work",
        r"who (?:is|are) (?:around|there) for you",
        r"who (?:are|is) the (?:important|main|key|closest|special) (?:people|person)",
        r"important people (?:in your life|for you|to you)",
        r"who is (?:in your life|around you)", r"who (?:is|are) the people (?:in your life|"
        r"around you)", r"who do you (?:see|spend time with|hang out "
        r"with|go out with)", r"who (?:have|has) you got", r"anyone you see",
        r"anyone you can (?:talk|turn|lean|rely)", r"someone you can (?:talk|turn)",
        r"who (?:do |would |could |can )?you (?:talk|turn|lean|confide)", r"support network",
        r"who (?:holds|props|keeps|picks) you up", r"who (?:supports|helps|looks after|cares "
        r"for) you", r"(?:who is|who's) in your corner", r"who do you (?:have|rely on|count on)",
        r"who (?:is|are) there for you",
        r"who (?:else )?(?:could|might|would|can) (?:help|support|back) you\b",
        r"who (?:else )?(?:could|might|would|can)(?: be able to)? (?:help|support)\b",
        r"who(?:'s| is) on your side",
        r"social circle", r"(?:people|who) (?:do )?you miss(?: most| the most)?",
        r"who (?:looks after|takes care of|checks on|is there for) you",
        r"(?:who|one) (?:in particular )?(?:you'?d|you would|do you|would you) (?:ring|call|phone|"
        r"text|turn to|talk to)",
        r"close to anyone", r"who supports you", r"who can you talk to", r"anyone to talk to",
        r"support around you", r"lean on", r"anyone (?:\w+ ){0,4}you can (?:talk|turn)",
        r"talk to about", r"confide", r"confide in",
        r"who (?:\w+ ){0,4}do you (?:talk|turn|confide|lean)", r"how long have you known",
    )),
    (K.PETS, NOUN, frozenset({Slot.WHAT, Slot.HOW_MANY}), (
        r"pets?", r"dogs?", r"cats?", r"animals? at home", r"any animals", r"hamster", r"rabbit",
        r"anything with a pulse",
    )),
    (K.HOME, NOUN, frozenset({Slot.WHERE, Slot.HOW_LONG}), (
        r"where do you live", r"where you live", r"whereabouts do you live",
        r"where are you based", r"live in a (?:house|flat)",
        r"your (?:house|flat|home|place|area|neighbou?rhood|street)",
        r"which (?:area|part of town)", r"(?<!going )(?<!gone )(?<!went )(?<!goes )live in\b",
        r"live near", r"far from here",
        r"live locally", r"live round here", r"live around here", r"what is home like",
        r"where is home", r"rent or", r"renting", r"own your home", r"moved (?:here|house)",
        r"where are you living", r"living in", r"a house", r"a flat", r"house or", r"flat or",
        r"whereabouts is home", r"how long have you lived",
        r"how long have you been in (?:the|your|this|that)(?: \w+)? (?:house|flat|home|area|"
        r"place)",
    )),
    (K.WORK, NOUN, frozenset({
        Slot.WHAT, Slot.WHERE, Slot.HOW_LONG, Slot.WHEN, Slot.HOW_MANY, Slot.WHO,
    }), (
        r"(?<!outside )(?<!outside of )(?<!away from )(?<!apart from )(?<!does that )"
        r"(?<!would that )(?<!will that )(?<!does this )(?<!would this )(?<!that would )"
        r"(?<!might )(?<!it would )(?<!not )(?<!n't )(?<!it )(?<!that )(?<!this )(?<!will )"
        r"(?<!would )(?<!could )(?<!week )(?<!day )(?<!time )"
        r"work(?! for you| out\b| best\b| (?:it|them|the (?:plot|allotment|garden|land|soil|"
        r"ground|clock|movement))\b)(?!(?:ed|s)? for (?:(?:the|your) (?:pain|headaches?|"
        r"stomach|attacks|sleep|symptoms|nerves)|it|you|me|them)\b)", r"job(?! in (?:the|your) "
        r"(?:family|house|home)| at home| as (?:a|the) (?:dad|mum|father|mother|parent|husband|"
        r"wife))", r"jobs",
        r"working", r"employed", r"employer", r"occupation", r"career",
        r"for a living", r"profession", r"studying", r"student", r"(?<!of )(?<!in due )course",
        r"college", r"university", r"uni", r"school", r"placement",
        r"(?<!with your )(?<!around your )(?<!round your )(?<!between )shifts?", r"boss",
        r"manager",
        r"colleagues", r"office", r"retired", r"unemployed",
        r"what do you do(?: for (?:a living|work|money))?\??$", r"what line of", r"do for a job",
        r"what do you (?:do|actually do),? (?:day to day|day-to-day|all day|during the day)"
        r"(?! (?:to|for|about|with) (?:keep|stop|manage|cope|help|deal|it|the|your|that|this)\b)",
        r"your role", r"workplace", r"the depot", r"day job", r"payroll", r"company",
        r"(?:job|role|work|shift|post|position|course|placement) (?:actually )?involves?",
        r"firm", r"your trade", r"business", r"how long have you (?:worked|been working) there",
        r"worked (?:there|at|for(?! (?:the|your) (?:pain|headaches?|stomach|attacks|sleep|"
        r"symptoms|nerves)\b| (?:it|you|me|them)\b))", r"(?:the|your) team\b", r"off sick",
        r"sick (?:leave|note|days?)", r"sickness absence", r"absences?",
    )),
    (K.DAY, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.HOW_MANY, Slot.HOW_LONG}), (
        # the way in: "how do you get to college?", "how far is your drive?"
        r"how (?:do|did|are|will) you (?:get|getting|travel|travelling) (?:in(?:to)? |to )?(?:work|"
        r"college|uni|school|the \w+|placement|there)",
        r"(?:your|the) (?:drive|commute|journey|walk|bus ride) (?:to|in|into|there)",
        r"how far (?:is|away is) (?:the|your|it)",
        r"(?:walk|walked|walking|drive|drove|driving|cycle|cycled|bike)\b[^.!]{0,40}\bhow far\b",
        r"how (?:do )?you (?:go|get|travel|come) (?:in(?:to)? |to )?(?:work|college|uni|school|the "
        r"\w+|placement|there)",
        r"(?:do|did) you (?:walk|drive|cycle|bike|get the bus|take the bus|get a lift)(?: there|"
        r" in| to \w+)?\W*$",
        r"how long does it take (?:you )?to (?:get|drive|walk)", r"commute",
    )),
    (K.DAY, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.WHEN}), (
        r"what time do you (?:(?:usually|normally|actually|have to|need to|tend to) )*(?:get up|"
        r"wake(?! (?:up )?(?:in|during|through|at) (?:the )?night)|leave|set off|get home|get in|"
        r"finish|start|clock)",
        r"what hours (?:are|do) you (?:\w+ )?(?:work(?:ing)?|do(?:ing)?)\b",
        r"how many hours (?:are|do|did|a week do) you (?:\w+ )?(?:work(?:ing)?|do(?:ing)?|"
        r"put in)\b",
        r"last night", r"yesterday", r"(?:last|this past) (?:evening|weekend)",
        r"(?:(?:saturday|sunday|weekend)(?: and (?:saturday|sunday))? )just gone",
        r"after (?:you got|you get|getting) home",
        r"start to finish", r"get in and leave", r"hours (?:a|per) (?:day|week) (?:do|are) you",
        r"get up for", r"alarm go(?:es)? off",

        r"(?:normal|typical|usual|average|ordinary|regular|good|bad) (?:(?:pain|headache|stomach|"
        r"flare|work|shift|meeting|checking|panic|worry|worrying) )?"
        r"(?:day|week|weekday|morning|evening)",
        r"(?:what are|how are|how do|how does|what is|what(?:'s| is) it like) (?:the |your )?"
        r"mornings?(?: \w+)?(?: (?:like|go|look))?",
        r"(?:when|once) the alarm goes", r"getting (?:up|yourself up|washed|dressed|out the door|"
        r"everyone up)",
        r"(?:once|after|when) the (?:kids|children) (?:are|go|have gone) (?:in bed|to bed|down|"
        r"off)", r"of an evening",
        r"day look like", r"week look like", r"daily routine", r"routine", r"your days",
        r"spend your (?:days|day|time|evenings|weekends)", r"a day in your life", r"weekends?",
        r"(?:saturday|sunday)s?", r"days? off",
        r"from when you (?:get|wake) up", r"workday", r"working day",
        r"typical (?:day|week|weekday|morning|evening|saturday|sunday|weekend)",
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)s? look like",
    )),
    (K.HOBBIES, NOUN, frozenset({Slot.WHAT, Slot.WHERE, Slot.HOW_OFTEN}), (
        r"hobby", r"hobbies", r"free time", r"spare time", r"for fun", r"do you enjoy",
        r"(?:do|did|doing) (?:\w+ ){0,3}(?:just|only) for you\b",
        r"switch(?:es)? (?:your head|your mind|you) off",
        r"enjoy doing", r"like doing", r"to relax", r"relax", r"interests", r"pastimes?",
        r"downtime", r"outside (?:of )?work(?!,? (?:you|do you|are you|who|where|how|what|is|"
        r"have)\b)", r"for yourself", r"switch off", r"unwind",
        r"what (?:do )?you (?:like|love|enjoy) (?:to do|doing)", r"into anything", r"get up to",
        r"spend your (?:evenings|free)", r"(?:play|played|playing) (?:the )?(?:guitar|piano|drums|"
        r"bass|music)",
    )),
    (K.MONEY, NOUN, frozenset({Slot.HOW, Slot.HOW_MANY}), (
        r"money", r"finances", r"financial", r"financially", r"afford", r"bills", r"debts?",
        r"income", r"mortgage", r"rent", r"savings", r"cash", r"skint", r"benefits", r"sick pay",
        r"paid", r"salary", r"wages",
        r"how much (?:is|does|do|are|did|has|have) (?:that|it|this|they|those|these|the \w+|each "
        r"\w+|a \w+)(?: been)? (?:cost|costing|set you back)", r"how much (?:do|did) you spend",
        r"what (?:does|did) (?:that|it|each one|a \w+) cost(?! you\b| u\b)",
    )),
    (K.PLANS, NOUN, frozenset({Slot.WHAT, Slot.WHEN}), (
        r"plans", r"(?<!keeps )(?<!kept )(?<!one )(?<!it )(?<!that )(?<!this )coming up",
        r"upcoming", r"anything planned", r"holiday", r"holidays",
        r"wedding", r"trip", r"next few (?:weeks|months)", r"looking forward to", r"big event",
        r"this summer", r"any events", r"going away", r"special occasion", r"moving out",
        r"move out", r"exams", r"vacations?", r"trips?", r"planned", r"on the horizon",
    )),
    (K.SYMPTOMS, ASPECT, frozenset({Slot.HOW, Slot.WHAT}), (
        r"tell me (?:a bit |a little |some )?(?:more )?about (?:the|your) " + _COMPLAINT_WORD
        + r"(?: trouble| problems?| side of things)?\W*$",
        r"^(?:and|so|what about|how about) (?:the|your) " + _COMPLAINT_WORD + r"\W*$",
        r"how(?: is| are| has| have) (?:the|your) " + _COMPLAINT_WORD + r"(?: been)?(?: then| "
        r"there| on those days| at (?:the )?weekends?| in the evenings?| at home| at night)?\W*$",
        r"how (?:bad|severe|strong|intense|painful) (?:is|are|was|were|has|have|does|do|gets?) "
        r"(?:the|your) " + _COMPLAINT_WORD,
        r"(?:does|do|did|is|are) (?:the|your) " + _COMPLAINT_WORD + r" (?:play up|flare|act up|"
        r"bother you|kick off|get bad|still come)\b",
        r"symptoms?", r"what happens? (?:when|during|in|to you|in your body)",
        r"what (?:one of )?(?:these|the|your|an?) (?:panic )?" + _COMPLAINT_WORD + r"s?(?: is| are|"
        r" was| were| feels?|'s) (?:actually |really )?like",  # "tell me what one of these
        # attacks is actually like", "what an attack's like"
        r"what (?:is|are|was|were) (?:it|they|(?:the|an?) " + _COMPLAINT_WORD + r"|one of them) "
        r"(?:like|actually like)(?! (?:when|after|if|once|whenever) (?:a|the|your) )"
        r"(?! (?:with|for|around|being|having|living)\b)",
        r"what (?:it|they|the " + _COMPLAINT_WORD + r")(?:'s| is| are| was| were) (?:really |"
        r"actually )?like",
        r"(?<!then )(?<!and then )what (?:actually |exactly )?happens\b(?! (?:then|next|after)\b)"
        r"(?! (?:for you |to you )?if (?!(?:you|u) (?:have|"
        r"get|feel)\b|(?:it|one|an attack|a flare) (?:starts|comes|happens)\b))",
        r"(?:what|how) (?:do|does|did) (?:they|it|the \w+|an? \w+) feel(?: like)?",
        r"describ(?:e|ing) (?:the|an?|what|them|it|how|your)", r"feel like (?:when|during|in)",
        r"what do you (?:feel|notice|experience|get(?! up to))",
        r"what(?: has|'s| is) been (?:going on|happening) with (?:the|your) (?:attacks?|pain|"
        r"symptoms?|stomach|flare-?ups?|headaches?|worry|worrying|episodes?)",
        r"(?:what|which) (?:kind|sort|kinds|sorts) of (?:things|sensations|feelings) do you "
        r"(?:feel|notice|experience|get)", r"(?:notice|feel) in your body",
        r"what does (?:it|the [\w-]+|an? [\w-]+) feel like",
        r"what (?:do|does|did) (?:they|the [\w-]+) (?:actually |really )?feel like",
        r"what goes on (?:in|when)", r"(?:what|which) (?:sensations|physical)",
        r"talk me through (?:one|an?|the last|what happens)",
        r"what (?:is|are) the main (?:problem|symptoms?)",
        r"what does (?:the \w+|it|that|an? \w+) (?:actually |really )?feel like", r"dizzy",
        r"tingly", r"tingling", r"light-?headed", r"breathless", r"sweaty", r"sweating",
        r"nause(?:a|ous)", r"churning", r"heavy limbs", r"foggy", r"numb(?:ness)?",
        r"palpitations", r"(?:what|which) time of (?:the )?day", r"cramps?", r"cramping",
        r"rush(?:ing)? to the (?:loo|toilet|bathroom)", r"bloat(?:ed|ing)", r"what it feels like",
        r"when do (?:they|the \w+|it) (?:tend to |usually )?(?:come on|start|kick in|build)",
    )),
    (K.SYMPTOMS, NOUN, frozenset({Slot.WHAT, Slot.HOW}), (
        r"(?:happening|happened|going on|went on|happens) in (?:your|the|my) body",
        r"(?:how|what) (?:does|did|do|would) (?:the|your|my) " + _BODY + r" (?:react|respond|"
        r"feel)\b",
        r"what (?:is|are|was|were) (?:the|your|my) " + _BODY + r" doing\b",
        r"(?:first|main) (?:thing|things|sign|signs) (?:that )?you (?:notice|feel|get)\b",
        r"what do you (?:notice|feel) first\b",
        r"what (?:does|did|do) (?:the|your|my) (?:stomach|pain|heart|chest|body|gut|head|tummy|"
        r"skin|face) do\b",
        r"(?:hear|know|understand|learn) (?:more )?about (?:the|your) (?:pain|symptoms|attacks|"
        r"headaches|stomach|flare-?ups)\b", r"your (?:pain|symptoms|attacks|headaches) (?:is|are) "
        r"real\b[^?]{0,40}\b(?:hear|know|understand) (?:more )?about (?:it|them)\b",
        r"(?:getting on|get on|coping|managing|living|doing) with (?:the|your) (?:stomach|pain|"
        r"attacks|headaches?|symptoms|tummy|gut|flare-?ups|aches?)\b",
        r"what(?:'s| is) (?:one of )?(?:the|an|your) (?:attacks?|flares?|episodes?|headaches?) "
        r"(?:\w+ )?like\b",
    )),
    (K.SYMPTOMS, ASPECT, frozenset({Slot.WHEN, Slot.WHAT}), (
        # the time of day: "what time of day do they usually start?", "…start in the day?"
        r"(?:what|which) time of (?:the )?day (?:do|does|did) (?:they|it|the \w+) (?:\w+ )?"
        r"(?:start|come on|begin|kick in)", r"(?:start|come on|begin|kick in|build)s? (?:in|"
        r"during) the day", r"when in the day", r"what time of (?:the )?day\b",
        r"when (?:do|does) (?:they|the \w+|it|your \w+) (?:usually |normally |tend to |"
        r"typically )?(?:come on|start|kick in|build|begin|get going)",
    )),
    (K.ONSET, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.WHEN, Slot.WHERE}), (  # "when was the
        # very first one, where were you?" asks the first, not where they happen
        r"(?:the )?very first (?:one|time|attack|episode|flare|panic attack)",
        r"the (?:one|attack|time) that started (?:it all|all this|everything|it)",
    )),
    (K.ONSET, ASPECT, frozenset({Slot.HOW, Slot.WHAT, Slot.WHEN}), (
        r"when did (?:[\w'-]+ ){1,6}(?:start|begin|first|kick off|come on|get bad)",
        r"(?:it|they|this) first (?:came|started|began|happened|appeared)",
        r"first (?:came|started|began|appeared) on",
        r"(?<!with you )(?<!with you the )(?<!with u the )(?<!go the )(?<!try it the )"
        r"(?<!with u )(?<!go )(?<!try it )(?<!do it )(?:the )?first (?:time(?! "
        r"(?:you (?:try|go|do)|round|out))|one|attack|episode|sign|signs|noticed?|started|began|"
        r"flare)",
        r"when (?:it|this|they|all this|the \w+|your \w+) (?:first )?(?:started|began)",
        r"how did (?:it|this|they|all this|the \w+) (?:all )?(?:start|begin)",
        r"how (?:it|this|they|all this|the \w+|your \w+) (?:all )?(?:first )?(?:started|began)",
        r"since when",
        r"what was (?:happening|going on) (?:when|at the time)", r"when was the first",
        r"when did you first", r"start(?:ed)? happening", r"how far back (?:does|did|do|can)",
        r"how long ago did (?:it|this|they) (?:start|begin)",
        r"how did (?:it|this|they|the \w+|all this) (?:first )?(?:start|begin|come on)",
        r"come on (?:suddenly|gradually|slowly|all at once)",
        r"came on (?:suddenly|gradually|slowly|all at once)", r"creep up", r"crept up",
        r"suddenly or gradually",
        r"what (?:was|were) (?:going on|happening)(?: for you| in your life| at home| at work)? "
        r"(?:in|around|back in|at the time|then|when|just before)\b[^?]{0,60}\b(?:started|began|"
        r"first (?:came|started))\b",
        r"\b(?:used to|you were) (?:cope|coping|manage|managing|deal|dealing|be|do|doing) "
        r"(?:\w+ ){0,3}better\b[^?]{0,30}\bwhat changed\b",
        r"what (?:was|were) (?:going on|happening)(?: for you| in your life| at home| at work)? "
        r"(?:in|around|back in) (?:january|february|march|april|may|june|july|august|september|"
        r"october|november|december|\d{4})\b",
        r"what happened (?:around|in|back in|last|that|at the time|at|just before) (?:the "
        r")?(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december|spring|summer|autumn|winter|christmas|time it started|start)",
    )),
    (K.DURATION, ASPECT, frozenset({Slot.HOW_LONG, Slot.WHEN, Slot.HOW_MANY}), (

        r"how long (?:has|have|had) (?:it|this|that|these|they|the \w+|your \w+|all "
        r"this|all of this)",
        r"how long (?:have|had) you (?:had|been (?:having|getting|feeling|waking|struggling|"
        r"dealing|suffering|living with|off|like this|on|unwell|ill|in pain|worried|worrying|"
        r"anxious|checking|avoiding|awake|bad|tired|exhausted|sleeping|noticing|blushing))",
        r"how long (?:has|have) (?!you\b)(?:\w+ ){0,3}been",
        r"how long (?:ago|now|in total|altogether)",
        r"for how long", r"how many (?:years|months|weeks) (?:has|have|now)",
        r"(?<!what has )(?<!what is )(?<!what.s )"
        r"been going on",
        r"been (?:dealing|living|struggling|suffering|putting up) with (?:it|this|them)(?: for)?",
        r"had (?:it|this|them) (?:long|for long)",
        r"(?:it|this|that) (?:is|has) been (?:about |around |nearly |over |almost )?\w+ "
        r"(?:years?|months?|weeks?)",
        r"for years", r"more recent", r"how recent",
        r"(?:about |roughly |nearly |over |almost )?(?:a|one|two|three|four|five|six) "
        r"(?:years?|months?) (?:of this|now|altogether|in total)",

        r"been going (?:on )?(?:for )?(?:about |roughly )?(?:a|one|two|three|four|five) "
        r"(?:years?|months?)",
        r"how long(?: is| has|'s) (?:it|this|that) been", r"how long is it been",
        r"how many (?:months|years|weeks) (?:has|have|had|is|now|since|ago)",
        r"for how many (?:months|years|weeks)",
    )),
    (K.EPISODE_LENGTH, NOUN, frozenset({Slot.HOW_LONG}), (  # "one attack, minutes or hours?"
        r"how long (?:it|they|one|an attack|each one|a flare) (?:lasts?|goes on|takes)\b",
        r"(?:each one|one|each|it|they|an attack|each attack|a flare|the pain) (?:lasts?|goes on) "
        r"(?:for )?how long\b",
        r"(?:seconds|minutes),? or (?:minutes|hours)\b", r"\b(?:seconds|minutes)\W{1,3}(?:or )?"
        r"(?:minutes|hours)\b", r"\bthe how long (?:part|bit|question)\b",
    )),
    (K.EPISODE_LENGTH, ASPECT, frozenset({Slot.HOW_LONG}), (

        r"how long (?:do|does|did|will|would|can) (?!(?:the |that |any )?(?:relief|reassurance|"
        r"calm|good feeling)\b)(?:[\w'-]+ ){1,6}(?:last|go on|keep "
        r"going|take to (?:pass|settle|go)|hang around|stick around|stay|linger)",
        r"how long (?:is|are|was) (?:an?|each|one|the) (?:\w+ )?(?:attack|episode|flare|one)",
        r"how long does (?:the |your |all the )?(?:checking|check|search|searching|routine) take",
        r"last for",
        r"how long (?:until|before) (?:it|they) (?:passes|pass|settle|settles|go|goes|wears?)",
        r"how long (?:is|are) (?:it|they) (?:for|there)",
        r"how long (?:until|till|before) (?:it|they|one) "
        r"(?:passes|pass|settles?|goes|calms?|stops?|eases?)",
        r"how long does it keep hold",
        r"how long does (?:it|one|a \w+) take to (?:pass|settle|go)",
    )),
    (K.FREQUENCY, NOUN, frozenset({Slot.HOW}), (  # "how have the attacks been since we last
        # spoke?": how many and how bad, lately (an aspect still: the last row of a kind
        # sets it)
        r"how (?:have|has|are|is) (?:the|your) (?:panic )?(?:attacks?|pain|symptoms?|stomach|"
        r"headaches?|flare-?ups?|flares?|episodes?|worrying|checking|worries|aches?)(?: been)?"
        r"(?: \w+){0,2} (?:since (?:we|i|you|last|then|the)|lately|recently|these days|at the "
        r"moment|this (?:week|month|past)|(?:the|these) (?:last|past) (?:few |couple of )?(?:days|"
        r"weeks?|fortnight|months?))",
        r"how (?:have|has) (?:things|it|everything|it all) been(?: going)?(?: for you)? (?:since "
        r"(?:we|i|you|last|then|the)|lately|recently|these (?:last|past) (?:few )?(?:days|weeks))",
    )),
    (K.FREQUENCY, NOUN, frozenset({Slot.HOW, Slot.WHAT}), (  # better or worse: how it has gone
        r"(?:getting|got|been getting|become|becoming|gone|going) (?:any |a bit |much )?(?:better|"
        r"worse)", r"(?:getting|been|got|is it|are they|has it|have they|gone|going)\b[^?]{0,30}"
        r"\bbetter,? (?:or )?worse", r"(?:worse|better) (?:now )?than (?:in|before|last|"
        r"when|a year|it was)", r"(?:are|is) (?:they|it|the \w+) (?:any )?(?:worse|better) now",
        r"staying (?:about )?the same",
    )),
    (K.FREQUENCY, ASPECT, frozenset({Slot.HOW_MANY, Slot.HOW_OFTEN}), (
        r"how often", r"how frequently",
        r"how many (?:times|attacks|episodes|days|nights|a week|a day|flares|headaches)",
        r"times a (?:day|week|month)", r"(?:every|each) (?:day|week|night)\??$", r"how regular",
        r"how much of the time", r"daily\??$", r"most days", r"a lot of the time\?",
        r"how many [\w-]+ (?:would|do|did|a|in|per|each|have)", r"(?:a|per) (?:week|month|day)\b",
        r"weekly", r"every (?:\w+ )?day",
        r"how many (?:[\w-]+ ){1,2}(?:would|do|did|a|in|per|each|have)",
        r"in a (?:normal|typical|usual|average) (?:week|month|day)",
    )),
    (K.WHERE, ASPECT, frozenset({Slot.WHERE, Slot.WHICH}), (
        r"(?:does|do|did) (?:it|that|this|the same(?: thing)?) (?:also |ever |still )?(?:happen|"
        r"come on|start|kick in) (?:on|at|in|when|during|with)",

        r"where (?:does|do|did|is|are|was|were) (?:it|they|the \w+|that|this|you(?:r "
        r"\w+)?) (?:\w+ )?(?:happen|start|hurt|come "
        r"on|come|tend|strike|get|feel|usually|mostly|normally|most)",
        r"where (?:does|is) it (?:hurt|sore|worst)", r"which part(?:s)? of (?:your|the) body",
        r"where in (?:your|the) body", r"where (?:are|were) you when (?:it|they|one|that|this|the "
        r"(?:attack|pain|panic|worry|flare|headache|lump|symptoms?|first one)|you (?:had|have|"
        r"get|got|felt|noticed|checked|found))\b", r"what places",
        r"where do you (?:get|feel|notice)", r"which places", r"whereabouts is",
        r"where is the (?:pain|ache|lump)", r"where (?:exactly|about)",
        r"w?h?erea?bouts (?:in|on|do|does|is|are|about)", r"where in (?:your|the) \w+",
        r"which side", r"places where", r"particular places",
        r"where else (?:does |do |did |would )?(?:it|they|this|that|the \w+) (?:happens?|comes? on|"
        r"starts?|shows? up|kicks? off|hits?|flares? up)",
        r"(?:is|was) (?:that|it|this) where (?:they|it|the \w+) (?:mostly |usually |tend to |"
        r"always )?(?:happen|come|start|hit|kick)",
        r"where (?:are|were) (?:they|you) (?:mostly|usually)",
        r"where is the (?:pain|ache|lump|tingling|headache|cramp|worst|tightness|sore)\w*",
        r"other places", r"places", r"where is it(?! you\b)",
        r"where (?:is|are) (?:it|they)(?! you\b)",
        r"where (?:the|your) (?:pain|ache|aches|lump|tingling|headaches?|cramps?) (?:is|are)\b",
    )),
    (K.TRIGGERS, ASPECT, frozenset({Slot.WHAT, Slot.WHEN}), (
        r"\bsets? (?:(?:a|the|an|it|them|things|your|one) )?(?:flare-?ups?|flares?|attacks?|it|"
        r"them|headaches?|pain) off\b",
        r"when (?:does|do) (?:it|they|the [\w-]+|your [\w-]+) (?:usually |normally |tend to |"
        r"mostly )?(?:kick off|start|come on|come|hit|happen|flare)\b",
        r"what (?:days|times|days or times) (?:does|do) (?:it|they) (?:happen|come|kick off)",
        r"triggers?", r"triggered", r"sets? (?:it|them) off", r"set off",
        r"(?:when|what) (?:does|do|makes) (?:the |your |it |they )?(?:\w+ )?(?:tend to )?"
        r"flares? up",
        r"tends? to (?:hit|flare)", r"particular days",
        r"brings? (?:it|them|one|an? \w+) on", r"makes? (?:it|them) worse", r"worse when",
        r"what starts", r"(?:cause|causes) (?:an?|the) (?:attack|flare|episode)", r"what leads to",
        r"anything (?:that )?(?:makes|sets)(?! (?:it|them|things|the \w+|your \w+) (?:any )?"
        r"(?:better|easier)\b)", r"what sparks", r"what kicks (?:it|them) off",
        r"what situations", r"worse (?:when|if|after)", r"predictable",
        r"what (?:kind of |sort of )?things make (?:it|one|them|an? \w+) (?:more "
        r"likely|worse|start)",
        r"sets? (?:a |the )?\w+ off", r"bring (?:it|them|the \w+|one) on",
        r"what (?:usually )?(?:starts|sparks) (?:it|them|one|an? \w+)",
        r"makes? (?:the |your )?\w+ worse",
        r"what makes (?:it|them|the \w+|your \w+) (?:worse|flare|start|kick)",
        r"brings? (?:it|them|the \w+) on",
    )),
    # "what have you tried for the sleep?" asks what helped it, not about the sleep
    (K.RELIEF, NOUN, frozenset({Slot.WHAT}), (
        r"what (?:have|did) you (?:tried|try) (?:for|to help|with|so far)",
        r"(?:had a go at|tried|done|used) anything (?:else )?for (?:the|your|ur) "
        r"(?:sleep|nerves|worry|worrying)\b",
        r"what(?:'s| has| have) (?:worked|helped) (?:for|with) (?:the|your|it)\b",
        r"anything (?:you )?take (?:for (?:it|the|them)|at all)\b|anything you take\W*$",
        r"how much (?:difference|good) does (?:it|that|this|the \w+) (?:make|do)",
        r"(?:has|have) (?:anything|something) (?:ever )?(?:worked|helped)\b",
        r"what(?:'s| has| have)? (?:ever )?(?:worked|helped)(?: before| in the past)?\W*$",
        r"(?:the thing|anything|something) that helps\b", r"helped (?:your head|you) (?:settle|"
        r"calm|quieten)", r"(?:quieten|settle|calm) your (?:head|mind)",
        r"gets? you back (?:to sleep|off)", r"helps? you (?:get back off|get back to sleep)",
        r"(?:result|test|scan|ultrasound|blood test)s? (?:comes?|came|come) back (?:normal|clear|"
        r"fine|okay|ok)",
        r"(?:felt|feel|feels|stayed|stay) (?:good|better|okay|ok|reassured|relieved|settled) for "
        r"how long",
        r"how long (?:does|did|would) (?:the|that) (?:relief|reassurance|good feeling|calm)",
        r"(?:the|that) (?:feeling of )?(?:relief|reassurance)(?: last| lasts|,| after| from)",
        r"(?:the|that) feeling of (?:relief|reassurance)",
    )),
    (K.FEAR, NOUN, frozenset({Slot.WHAT, Slot.WHY}), (  # the feared outcome: what they are
        # most afraid would happen ("if you couldn't get out, what would happen?")
        r"worst (?:that )?you (?:picture|imagine|see) (?:happening|could happen|would happen)",
        r"what(?:'s| is| would be) the (?:scary|scariest|frightening|worrying) (?:bit|part|thing)"
        r"(?=(?:,? for (?:you|u))?(?:\W*$|,? (?:when|if|about (?:not|stopping|leaving|going|being|"
        r"it)\b)))",
        r"\bwhat(?:'s| is)? (?:gets|getting|got|stands|stood) in the way of (?:applying|going|"
        r"doing it|asking|telling|trying|saying|speaking|presenting)\b",
        r"\b(?:bit|part|thing) (?:you'?re|ur|you are|u r) (?:most )?dreading\b",
        r"(?:^|[.?!] )(?:[a-z']+ )?(?:frightened|scared|afraid|terrified|worried) of what\b"
        r"(?:,? (?:exactly|then|though))?\W*$",
        r"what do you (?:picture|imagine) (?:happening|would happen)\b",
        r"(?:imagine|think|worry|worried|afraid|scared) (?:that )?(?:the )?(?:others|other people|"
        r"people|everyone|they|the room) (?:are |would |will |might )?(?:be )?(?:thinking|think|"
        r"see|notice|say)\b",
        r"(?:worried|afraid|scared|frightened|concerned) (?:that )?(?:it|they|this|the \w+) "
        r"(?:might|could|may|would) be\b", r"(?:anything|something) (?:about (?:it|them|this|these "
        r"\w+|the \w+) )?that (?:concerns|worries|frightens|scares) you",
        r"(?:most )?(?:afraid|scared|frightened|terrified|worried) (?:would|will|might|could|is "
        r"going to|was going to|of what might) happen",
        r"(?:other )?(?:people or things|things or people|people|things) (?:that )?you (?:find "
        r"yourself |tend to |also )?(?:worry|worrying|fret|fretting) about",
        r"what (?:sorts? of |kinds? of )?(?:things? )?(?:is|does) (?:it|your (?:head|mind)) "
        r"(?:busy with|full of|go round)",
        r"what(?:'s| is) (?:going round in|going round|on) your (?:head|mind) (?:at|when|these "
        r"days|most)",
        r"what(?:'s| is| has) been (?:worrying|bothering|scaring|frightening) you (?:about|most|"
        r"the most)\b",
        r"what else (?:do you (?:worry|fret) about|tends to (?:occupy|worry)|(?:is|goes) on your "
        r"mind|keeps you (?:up|awake))",
        r"what(?:'s| is| was) (?:the |your )?(?:worst|scariest) (?:thing )?(?:that )?(?:could|"
        r"might|would) happen", r"worst(?:-| )case", r"(?:your|the) (?:biggest|worst|deepest|"
        r"real) (?:fear|dread)", r"what (?:are|were) you (?:most )?(?:afraid|scared|frightened|"
        r"terrified) of\b", r"what do you (?:fear|dread) (?:most|would|might|will)\b",
        r"what (?:would|might|could) happen if (?:you|it|they|that|the)\b",
        r"what (?:do you think )?(?:would|might|could) have happened if (?:you|you'd|u)\b",
        r"which (?:one |of (?:them|those|these) )?(?:scares|worries|frightens|bothers) you "
        r"(?:the )?most", r"what (?:scares|worries|frightens) you (?:the )?most",
        r"(?:^|[.?!,:] |\b(?:so|and|but|then|now|ok|okay) )what(?:'s| is| has been) (?:worrying|"
        r"scaring|frightening|bothering) you (?:the )?most",
        r"\bwhat(?:'s| is) the (?:thing|bit|part) (?:that(?:'s| is) |that )?(?:worrying|scaring|"
        r"frightening|bothering|worries|scares|frightens|bothers) you (?:the )?most",
        r"(?:worried|afraid|scared|frightened) (?:that )?(?:it|they|(?:the|an?) [\w ]{1,30}?) "
        r"(?:would|might|will|could|may) (?:find|show)\b",
        r"\b(?:downside|down side|risk|danger) (?:of|in) (?:stopping|not checking|giving (?:it|"
        r"that|them) up|cutting (?:it |that )?(?:down|back)|letting (?:it|that) go|not doing "
        r"(?:it|that))\b",
        r"(?:what|the thing|the bit|which bit|what part) (?:are )?you(?:'re| are)? (?:most|more) "
        r"(?:worried|scared|afraid|frightened|anxious) (?:of|about)\b",
        r"what (?:are|were) you (?:most|more) (?:worried|scared|afraid|frightened) (?:of|about)\b",
        r"(?:your|the) (?:biggest|main|greatest) (?:worry|concern)\b(?! (?:about )?(?:the |your )?"
        r"(?:tablets|medication|treatment|programme|therapy|referral))",
        r"\bif (?:you|i) [^?]{2,80}, what (?:do you think )?(?:would|might|could|will) happen",
    )),
    (K.SAFETY, NOUN, frozenset({Slot.WHAT, Slot.HOW, Slot.WHERE}), (  # what they do to feel
        # safe or to stop the feared thing: exits, the seat by the door, water, checking
        r"what (?:sort of |kind of )?(?:things )?do you (?:usually |normally |tend to )?check\b",
        r"(?:to|help you|helps you|make you|makes you) (?:feel|stay|keep) (?:a (?:bit|little) )?"
        r"(?:safe|safer|in control|on top of it)",
        r"safety (?:behaviou?rs?|nets?|blankets?|things?)",
        r"\bdo (?:you do )?to,? (?:like,? )?keep yourself safe\b", r"(?:check|checking|look for|"
        r"looking for|clock|clocking|know where|find|finding) (?:the |where the |for the |for )?"
        r"(?:exits?|doors?|toilets?|loos?|way out)",
        r"(?:sit|sitting|stand|standing) (?:near|by|next to|close to) (?:the )?(?:door|exit|aisle|"
        r"window|end)", r"(?:an?|your) (?:escape route|exit plan|way out)",
        r"(?:carry|carrying|take|bring|keep) (?:\w+ ){0,2}(?:with you|just in case|in your bag|on "
        r"you)", r"just in case", r"(?:always|never) (?:have|take|carry|go without)\b",
        r"(?:stop|prevent|head off) (?:an? )?(?:attack|one|it|the \w+) (?:from )?(?:happening|"
        r"coming|starting)",
        r"what do you do (?:as soon as|when|the moment) you (?:walk|go|get|arrive|come) (?:in|into|"
        r"somewhere|anywhere)",
        r"(?:make|making) sure (?:you(?:'re| are)? (?:can|could|ok|okay|safe|near)|nothing)",
    )),
    (K.RELIEF, ASPECT, frozenset({Slot.HOW, Slot.WHAT, Slot.HOW_LONG}), (
        r"what helps", r"what(?:'s| is| has) helped", r"anything (?:that )?helps?",
        r"does anything help",
        r"(?:what|anything)\b[^?]{0,30}\b(?:has|have) helped", r"brings? (?:it|them|the \w+) down",
        r"takes? the edge off", r"(?:calms?|settles?) (?:it|you|them|things) down",
        r"makes? (?:it|them) (?:better|easier)" + _NOT_A_DECISION, r"eases?", r"ease it",
        r"relieves?",
        r"what do you do (?:when|to|if|about)(?! (?!you\b|i\b|it\b)(?:your )?\w+(?:'s)?(?: is|"
        r" are)? (?:out|away|driving|late|working|gone)\b)", r"have you tried "
        r"(?:anything|to)",
        r"makes? (?:it|them|things|the \w+|your \w+) (?:any )?(?:better|easier)(?:,? or worse)?"
        + _NOT_A_DECISION,
        r"what do you (?:usually|normally|tend to|generally|then) do\b",
        r"what (?:would|will|could) you do (?:if|when) (?:you (?:had|have|get|got|felt|feel) )?"
        r"(?:one|an attack|a flare|a bad one|a panic attack|the pain|it|they)\b",
        r"have you (?:ever )?tried (?:just )?(?:not )?(?:\w+ing|a|an|the|some|any|doing)\b",
        r"did you (?:ever )?try (?:\w+ing|a|an|the|some|any)\b",
        r"have you given (?:\w+ ){1,3}a (?:go|try)",
        r"what have you tried", r"cope", r"coping", r"manage (?:it|them|the \w+)", r"what works",
        r"(?:made|make|makes) (?:any|much|a|some|a real) (?:real )?difference",
        r"\b(?:has|did|does|have) (?:the|that|it|your|those|these) (?:\w+ )?(?:helped|help)\b",
        r"get through (?:it|them|one)", r"calm (?:yourself|down)", r"settle (?:it|yourself)",
        r"any tricks", r"what gets you through", r"settles? (?:it|them|things|your|you)",
        r"found anything", r"what (?:have you found |has )?helps?",
        r"calms? (?:it|you|things|yourself) down",
        r"what do you do (?:that|which) (?:helps|calms|settles|eases)",
        r"(?:what|anything) (?:you have|have you) (?:already |ever )?tried",
        r"what you have tried", r"relief",
        r"reassurance (?:last|lasts|wear|wears)", r"reassured for",
    )),
    (K.WORST, ASPECT, frozenset({Slot.WHAT, Slot.WHEN, Slot.WHICH}), (
        r"worst", r"the hardest (?:part|time|bit|thing)", r"the toughest",
        r"(?:part|bit|thing) (?:that )?you (?:dread|fear|hate)(?: most| the most)?",
        r"most difficult (?:part|time)", r"bad(?:dest)? one", r"the scariest",
        r"(?:is|are) (?:it|they|that|the \w+) (?:worse|more|mostly|mainly|usually) (?:in|at|during|"
        r"on|first thing)",
        r"worse (?:in the|at) (?:morning|evening|night|day)", r"peak", r"at its worst",
        r"at their worst", r"at it is worst",
        r"when (?:does|do|is|are) (?:it|they|the \w+) (?:\w+ ){0,3}?(?:play|plays|act|acts|flare|"
        r"flares|kick|kicks) up (?:the )?most", r"when (?:does|do|is|are) (?:it|they|the \w+) "
        r"(?:\w+ ){0,2}?(?:bother|bothers|trouble|troubles|hit|hits) you (?:the )?most",
    )),
    (K.SLEEP, NOUN, frozenset({Slot.HOW, Slot.HOW_MANY, Slot.HOW_LONG, Slot.WHEN}), (
        r"sleep", r"sleeping", r"slept", r"asleep", r"insomnia", r"wake up", r"waking",
        r"(?:when|what time) do you (?:wake|get off|drop off|nod off|go off|go to bed)\b",
        r"(?:a |your )?typical night\b",
        r"wakes you", r"in bed", r"bedtime", r"go to bed", r"get to bed", r"tired in the morning",
        r"rest well", r"nap", r"naps", r"get back off", r"drop off", r"nod off", r"hours a night",
        r"hours are you (?:getting|sleeping|managing|having)",
        r"how many hours (?:do you|of sleep|a night|sleep)",
        r"hours (?:do you )?(?:get|sleep)", r"bad night", r"good night",
        r"lie (?:there )?awake", r"lying (?:there )?awake", r"(?:the|your|those) nights\b(?! out)",
        r"(?:feel|are you|is it) (?:like )?(?:the )?next morning", r"the morning after",
        r"what (?:are|were) (?:the |your )?nights like", r"awake (?:for|at|from)",
        r"(?:when|if|after|once) you (?:wake|woke|are awake)",
        r"(?:wake|woke|waking) (?:up )?(?:at|around|about) (?:\d|one|two|three|four|five|six)",
        r"(?:wake|wakes|waking|woke|awake|lie|lying) (?:up )?(?:in|during|through|in the middle "
        r"of) the night",
        r"what (?:happens|goes on|is it like|'s it like) (?:at|in the|during the) night",
    )),
    (K.APPETITE, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.HOW_MANY}), (
        r"eat", r"eating", r"appetite", r"food", r"weight", r"meals?", r"diet", r"hungry",
        r"lost weight", r"put on weight", r"breakfast", r"lunch", r"dinner", r"snack",
        r"managing breakfast", r"off (?:your|their) food",
    )),
    (K.TESTS, NOUN, frozenset({
        Slot.WHAT, Slot.WHICH, Slot.WHEN, Slot.WHERE, Slot.HOW_OFTEN, Slot.HOW_MANY,
    }), (
        r"tests?", r"tested", r"testing", r"scans?", r"scanned", r"mri", r"ct", r"x-?rays?",
        r"ultrasound", r"bloods", r"blood tests?", r"blood work", r"ecgs?", r"ekgs?",
        r"investigations?", r"results?", r"monitor", r"colonoscopy", r"endoscopy",
        r"checked (?:out|over)", r"check-?ups?", r"examined", r"examination", r"biopsy",
        r"thyroid", r"stool", r"blood pressure",
        r"(?:did|does) (?:it|that|the \w+(?: \w+)?) (?:show|find|say)",
        r"(?:did|has|have|had|when|it|they|results?|tests?|that|everything) (?:\w+ ){0,2}c[oa]me "
        r"back", r"came back",
        r"what did they find",
    )),
    (K.DOCTORS, NOUN, frozenset({
        Slot.HOW_MANY, Slot.WHO, Slot.HOW_LONG, Slot.WHEN, Slot.WHERE, Slot.HOW_OFTEN,
    }), (
        r"gp", r"gps", r"doctors?", r"dr", r"specialists?", r"consultants?", r"hospital", r"a&e",
        r"a and e", r"er", r"emergency", r"ambulance", r"appointments?",
        r"seen (?:anyone|someone|a doctor)", r"referral", r"referred", r"cardiologist",
        r"rheumatologist", r"neurologist", r"gastroenterologist", r"dermatologist", r"surgery",
        r"clinic", r"nurse", r"111", r"walk-in", r"who have you seen",
        r"have you seen (?:anyone|someone|a|the|any)",
    )),
    (K.MEDICATION, NOUN, frozenset({
        Slot.WHAT, Slot.WHICH, Slot.HOW_LONG, Slot.HOW_MANY, Slot.HOW_OFTEN,
    }), (
        r"medications?", r"medicines?", r"meds", r"tablets?", r"pills?", r"prescribed",
        r"prescriptions?", r"taking anything", r"on anything", r"antidepressants?",
        r"what (?:are )?you(?: are)? taking\b(?! (?:away|from|with|in|on board|part|time|the "
        r"(?:bus|train|car|dog|kids)))",
        r"how (?:many|much|often) (?:do|did) you take\b",
        r"how (?:often|many (?:times|days|nights)(?: a| per)?(?: week| day| month)?) (?:are|do|did|"
        r"would) you (?:take|taking|use|using|need|needing|reach for)\b",
        r"(?:what|anything) (?:do|did|have) you (?:take|taken) (?:for|when|to)\b",
        r"(?:what|anything) (?:do|did|have) you (?:use|used) for\b",
        r"what (?:are|were) you on(?: now| at the moment| currently)?(?! (?:the|a|about|with|"
        r"your|my|his|her|their)\b)",
        r"what (?:have|did) they (?:got|get|put|have) you on",
        r"painkillers?", r"amitriptyline", r"sertraline", r"propranolol", r"beta.?blockers?",
        r"ssris?", r"inhaler", r"dose", r"drugs? (?:for|from the doctor)",
        r"anything for (?:it|the \w+)", r"something for (?:it|the \w+)", r"prescribe",
        r"what are you taking", r"taking (?:anything )?for",
    )),
    (K.THERAPY, NOUN, frozenset({
        Slot.WHAT, Slot.WHO, Slot.WHEN, Slot.HOW_LONG, Slot.HOW_OFTEN, Slot.HOW_MANY,
    }), (
        r"therapy", r"therapist", r"counselling", r"counseling", r"counsellor", r"counselor",
        r"psychologist", r"psychiatrist", r"cbt", r"talking therap(?:y|ies)", r"support group",
        r"mental health (?:team|services?|support|help)",
        r"talked to (?:anyone|someone|a professional)",
        r"seen (?:anyone|someone) (?:about|for) (?:this|your "
        r"(?:mental|nerves|stress|anxiety|worry))",
        r"psychological (?:help|support)", r"professional help", r"professionally",
        r"a professional", r"sought help", r"got help", r"talking therapy", r"psychology",
        r"on the psychology side", r"seeing someone (?:about|for|on)", r"into therapy",
        r"tried therapy",
    )),
    (K.FAMILY_HISTORY, NOUN, frozenset({Slot.WHO, Slot.WHEN, Slot.HOW_LONG}), (
        r"family history", r"runs in (?:the|your) family",
        r"anyone (?:else )?in (?:the|your) family", r"family members? (?:had|with|have)",
        r"does anyone in your family", r"in your family (?:had|have|has|got)",
        r"similar in (?:the|your) family", r"(?:relatives?|family) (?:with|who had|who has)",
        r"hereditary", r"inherited", r"genetic",
        r"(?:illness|illnesses|cancer|heart (?:trouble|problems?|disease)|health (?:problems?|"
        r"issues)|conditions?|anxiety|depression|nerves) in (?:the|your) family",
        r"(?:your|his|her) "
        r"(?:dad|father|mum|mother|nan|gran|grandad|grandfather|grandmother) (?:\w+ "
        r"){0,3}(?:diagnosed|died|had cancer|cancer|illness|passed)",
        r"diagnosed", r"runs? in (?:the|your) family",
        r"(?:your|his|her) (?:dad|father|mum|mother|nan|gran|grandad)'?s "
        r"(?:cancer|illness|diagnosis|heart|condition)",

        r"(?:did|has|since) (?:he|she|your "
        r"(?:dad|mum|father|mother|nan|gran|grandad|granddad)) (?:die|died|pass|passed)",
        r"passed away", r"(?:when|since) (?:he|she) died",
        r"how (?:did|old was) (?:he|she|your dad|your mum) (?:die|when (?:he|she) died)",
        r"what did (?:he|she|your dad|your mum) die of",
        r"(?:died|passed away|death|lost him|lost her)\b[^?]{0,100}\bhow old were you",
        r"(?:was|is) it (?:\w+ )?cancer (?:he|she|they) (?:had|has|died)",
        r"(?:what|which) (?:kind of |sort of |type of )?cancer (?:did|was|had)",
    )),
    (K.ALCOHOL, NOUN, frozenset({Slot.HOW_MANY, Slot.HOW_OFTEN, Slot.WHEN, Slot.WHERE}), (
        r"drink", r"drinks", r"drinking", r"drinker", r"alcohol", r"booze", r"wine", r"beer",
        r"pints?", r"units", r"pub", r"spirits", r"glass of", r"lager", r"cider", r"vodka", r"gin",
        r"whisky", r"sober", r"drank",
    )),
    (K.SMOKING, NOUN, frozenset({Slot.HOW_MANY, Slot.HOW_OFTEN, Slot.HOW_LONG}), (
        r"smoke", r"smokes", r"smoking", r"smoker", r"cigarettes?", r"cigs?", r"vape", r"vapes",
        r"vaping", r"tobacco", r"roll-?ups", r"nicotine", r"smoked", r"vaped",
    )),
    (K.CAFFEINE, NOUN, frozenset({Slot.HOW_MANY, Slot.HOW_OFTEN, Slot.WHEN}), (
        r"caffeine", r"coffees?", r"teas?", r"energy drinks?", r"red bull", r"monster", r"cola",
        r"coke", r"espresso", r"cups? of", r"cuppa", r"brews?", r"how many (?:cups|mugs)\b",
        r"(?:cups|mugs) (?:a|per) day\b",
    )),
    (K.DRUGS, NOUN, frozenset({Slot.HOW_OFTEN}), (
        r"recreational", r"cannabis", r"weed", r"marijuana", r"cocaine", r"coke", r"ecstasy",
        r"mdma", r"pills recreationally", r"street drugs", r"illegal drugs", r"illicit",
        r"substances?", r"take drugs", r"use drugs", r"any drugs", r"drugs at all", r"smoke weed",
        r"party drugs", r"dabbled", r"other drugs", r"drugs", r"drug use",
        r"anything recreational",
    )),
    (K.EXERCISE, NOUN, frozenset({Slot.HOW_OFTEN, Slot.WHAT, Slot.HOW_LONG, Slot.HOW_MANY}), (
        r"exercise", r"exercising", r"gym", r"workouts?", r"work out", r"jogging", r"walking",
        r"get out and (?:move|about|walk)", r"get moving", r"keep active",
        r"parkruns?", r"(?:the|your) running\b(?! (?:around|about|after|round))",
        r"(?:the|your) swimming\b",
        r"walks", r"sport", r"sports", r"active", r"activity", r"fitness", r"physical activity",
        r"swim", r"swimming", r"go running", r"run much", r"do you run", r"cycling", r"bike",
        r"(?:did|do|does|would) you (?:last |still |ever |used to )?play\b(?! (?:anything|an? |"
        r"the |music|guitar|piano|drums|bass|in (?:a|the|your) band|an instrument|instruments|"
        r"at (?:the |your )?gigs?))",
        r"when did you (?:last )?play\b",
        r"football", r"five-a-side", r"yoga", r"keep fit", r"move much", r"get out and about",
        r"how active",
    )),
    (K.BELIEF, NOUN, frozenset({Slot.WHAT, Slot.WHY}), (
        r"\bmake of why\b",
        r"(?:do|did) you (?:think|reckon) (?:it is|it's|its|this is|they are) [^?]{1,40}\bor "
        r"(?:could it be|is it|might it be|maybe|something)\b",
        r"(?:what|which) do you (?:yourself |personally |honestly )?(?:think|reckon|believe|feel) "
        r"(?:is |might be |could be |'s )?(?:causing|behind|driving|at the root of|the cause of)",
        r"what do you (?:yourself |personally )?(?:think|reckon) (?:it is|it's|is going on)\b",
        r"(?:think|reckon|feel|suspect)(?: is| might be| could be)? (?:really )?behind "
        r"(?:the |your )?(?:pain|attacks|symptoms|stomach|headaches|it|this|all this)",
        r"what do you (?:already |happen to )?(?:know|understand|make of|think)(?: already)? about "
        r"(?:how |what |the way |the link between )?(?:stress|anxiety|nerves|worry|worrying|fear|"
        r"the mind|emotions|"
        r"your mind|the body|the nervous system|adrenaline|panic)",

        r"what (?:do you (?:already )?know|have you (?:already )?(?:heard|read|been told))(?:,? or "
        r"(?:have )?(?:heard|read|been told),?)? about (?:how |what )?(?:stress|anxiety|nerves|"
        r"worry|worrying|panic|health anxiety|chronic pain|pain|ibs|functional)",
        r"what do you (?:understand|take) (?:by|from) (?:it|that|the word|the term|panic|anxiety|"
        r"functional|psychological)", r"what did you (?:take|understand) (?:that|it|the word) "
        r"(?:to mean|by)\b",
        r"what do you (?:think|reckon|believe) (?:is|it is|might be|could be|has been|'s) "
        r"(?:causing|behind|going on|wrong|the cause|happening)",
        r"what do you (?:think|reckon) (?:causes|caused|is causing)",
        r"what do you (?:think|reckon)'s (?:causing|behind|going on|wrong|happening)",
        r"what (?:are you|you are) (?:scared|afraid|frightened|worried) (?:it|the \w+|this|that) "
        r"(?:might be|"
        r"could be|is|will be)\b", r"what(?:'s| is) the worry,? deep down",
        r"what did you think (?:it|this|that) (?:might|could|would|was|must) (?:be|have been)",
        r"what (?:did|do) you (?:think|reckon|believe|fear|imagine) (?:was|is|were|might be|could "
        r"be) (?:happening|going on|wrong)",  # "in the queue, what did you think was happening?"
        r"what (?:do|did) you (?:fear|think|worry|reckon|suppose|imagine) (?:it|this|that|they) "
        r"(?:means?|meant|might mean|could mean)(?! about| for)",  # "what do you fear it means?"
        r"what (?:are|were) you (?:afraid|scared|frightened|worried) (?:is|was|might be) "
        r"(?:happening|going on|wrong)",
        r"(?:is|are|was|were|could be|might be|be) (?:all )?(?:connected|linked|related)\b",
        r"(?:any|a|the) (?:link|connection) between", r"(?:connected|linked) (?:to|with) (?:the|"
        r"your|what|how|work|stress)",
        r"why do you think (?:it|this|they|that|you)",
        r"\b(?:part of|some of|any of|the) (?:the )?reason (?:why )?(?:the|your|you|it)\b",
        r"\bpart of why\b", r"\bis that (?:partly )?why (?:the|your|you)\b",
        r"\bwhere (?:do you think )?(?:that|this|it|the|your) (?:\w+ ){0,5}?(?:comes?|came) from\b",
        r"(?:playing|play|plays|played) (?:any|a|some|much of a|a big|a small) (?:part|role) in "
        r"(?:the|your|it|how|why)\b",
        r"(?:has|have|had|having) (?:got )?(?:anything|something|much|a lot|any part|a part) "
        r"(?:at all )?to do with (?:the|your|it|how|why|what)\b",
        r"\b(?:a )?separate thing\b[^?]{0,40}\bor (?:are they |is it )?(?:connected|linked|"
        r"related)",
        r"(?:worry|worrying|checking|the checking|the worry|the list) (?:really )?(?:helps? "
        r"(?:to )?keep|helps?|keeps?|protects?) (?:them|you|everyone|people|the family|things) "
        r"(?:safe|safer|ok|okay)",
        r"your (?:own )?(?:theory|explanation|view|take|idea|sense of what)", r"what is causing",
        r"what (?:you think|do you make of what) (?:it is|is happening)",
        r"what is your (?:understanding|theory|view) of (?:what|why)",
        r"what do you put (?:it|this|them) down to", r"put it down to", r"what do you think it is",
        r"think is (?:the cause|wrong|going on)", r"explanation for",
        r"what are you (?:most )?worried it (?:is|might be|could be)",
        r"what (?:illness|disease|condition) (?:are you|you are|do you) (?:\w+ )?(?:worried|scared|"
        r"afraid|frightened|think)", r"(?:the )?(?:illness|disease|condition) (?:you are|you're) "
        r"(?:worried|scared|afraid|frightened)", r"what (?:are you|you are) (?:\w+ )?(?:scared|"
        r"afraid|frightened|worried) (?:you might|you will|you would|you could|they might|they will"
        r"|they would|they could) (?:find|discover|see|pick up|miss)",
        r"what is it about (?:your|the) \w+ (?:that is|that's|that) (?:worrying|scaring|"
        r"frightening|bothering) you",
        r"put (?:it|the \w+|them) down to", r"down to the \w+",
    )),
    (K.OTHERS_VIEW, NOUN, frozenset({Slot.WHAT, Slot.WHO}), (
        r"what (?:was|is|'s) (?:that|it) like for (?:her|him|them|your \w+)",
        r"(?:does|do|did) anyone (?:[\w']+ ){1,4}know\b",
        r"(?:does|do|did) (?:she|he|they) (?:\w+ )?(?:get|understand) (?:it|why|what)\b",
        r"what do you think (?!she |he |they )\w+ (?:means|meant) by (?:that|it)",
        r"what(?:'s| is| was) it like with (?!the |your (?:pain|symptoms))",
        r"how (?:does|did|do|has|have) (?:he|she|they|\w+) (?:been )?(?:treat|treated|treating) "
        r"you",
        # a person's view asked about directly ("what do you think Ella notices about you?", "has
        # Ella ever said anything about the worrying?", "if Phil were sitting here, what would he
        # want me to understand?", "what's the part he doesn't see?")
        r"what do you think (?!you\b|it\b|that\b|this\b|is\b|might\b|would\b|will\b|could\b|"
        r"about\b|of\b|i\b)\w+ (?:notices|sees|thinks|makes of|knows|would say|would want|wants)",
        r"(?:has|have|does|did|do) (?!you\b|it\b|that\b|this\b)\w+ (?:ever )?(?:said|say|mentioned|"
        r"noticed|commented|asked) (?:anything|something)",
        r"\bif (?:\w+|your \w+) (?:were|was) (?:sitting |here |in the room|with us|listening)",
        r"(?:he|she|they|(?!i\b|you\b|we\b)\w+) (?:does not|doesn't|do not|don't|never) (?:see|"
        r"know|notice)",  # ("I don't think I know about the wedding" is the clinician)
        r"what do you keep from", r"(?:for|between) (?:the two of you|you both|you two)",
        r"what do you think (?:she|he|they)(?:'d| would) want (?:me|us) to (?:know|understand|"
        r"hear)",
        r"what(?:'s| is| has been) it like (?:for|between) you (?:both|two|and \w+)",

        r"(?:what|how) (?:does|do|did|would) (?:your|they|he|she|(?!(?:you|it|that|this)\b)\w+) "
        r"(?:\w+ )?(?:(?:think|feel|say|reckon) (?:about|of|when)|makes? of)",
        r"what (?:does|do|did) (?:she|he|they|your (?:mum|dad|wife|husband|partner|family)) "
        r"(?:think|reckon|say)\W*$",
        # what someone in their life says, does or how they react ("what would Jean say about all
        # this?", "what does your mum do when you have one?", "how does Theo react?")
        r"what (?:would|does|did|will) (?:your )?(?!(?:you|it|that|this|i)\b)\w+ (?:say|think)\b",
        r"how (?:does|did|do|would) (?:your )?(?!(?:you|it|that|this|i)\b|" + _BODY + r")\w+ "
        r"(?:react|respond|take it|handle it|cope with it)\b",
        r"what (?:does|did|do|would) (?:your )?(?!(?:you|it|that|this|i)\b|" + _BODY + r")\w+ do "
        r"(?:when|on|if|during|while|after|about)\b",
        r"(?:does|did) (?:your|anyone|anybody|\w+) (?:\w+ )?know (?:about|that|what|how|you|any "
        r"of|anything|much|it|this)\b",
        r"what (?:does |is |do )?(?:your )?(?!you\b)\w+ make of (?:it|this|that|all)\b",
        r"what (?:do you think |is it you think )?(?:she|he|they)(?: has| have|'s|'ve| had| is)? "
        r"(?:noticed|picked up "
        r"on|picked up|spotted|worked out|seen)\b",
        r"(?:does|do|did) (?:your \w+|(?!(?:you|it|that|this|i)\b)\w+) know(?=\W*$)",
        r"do (?:they|your \w+|people|others) know", r"have you told", r"has anyone noticed",
        r"who knows (?:about|that)", r"anyone (?:else )?know", r"told anyone",
        r"who notices (?:when|if|that|how)",
        r"how (?:does|do|did) (?!(?:you|u|i|it|that|this)\b)(?:your \w+|\w+) make sense of\b",
        r"(?:does|do|did|has|have) (?!(?:you|u|i|it|that|this)\b)(?:the \w+|your \w+|\w+)(?: \w+)? "
        r"(?:ever )?(?:notice|noticed|pick up on|picked up on|spot|spotted)\b",
        r"how (?:does|do|did|has|have|is) (?:the|this|your|all|that) (?:\w+ )?(?:touch|touched|"
        r"touching|affect|affected|affecting|land on|weigh on|rub off on) (?:them|him|her|the kids|"
        r"the children|your (?:kids|children|family|wife|husband|partner|son|daughter|mum|dad|"
        r"brother|sister|friends?))\b",
        r"how do (?:they|the kids|the children|\w+ and \w+) see (?:it|the \w+|this|that|you|all)\b",
        r"who (?:at home|in your family|at work|else) knows\b",
        r"how (?:are|is|has|have) (?:the kids|the children|your (?:mum|mom|dad|mother|father|"
        r"partner|wife|husband|kids|children|son|daughter|family|sister|brother|nan|gran|boss|"
        r"manager|friends?|girlfriend|boyfriend|fianc[ée]e?|mates?|colleagues|team|other half)|he|"
        r"she|they|(?!(?:you|it|that|this|things|life|everything|work|the|your|sleep|eating|"
        r"appetite|pain|mood)\b)\w+)(?: been| taken it| doing)? (?:with|"
        r"about) (?:it all|all (?:of )?(?:this|that|it)|it|this|that)\b",
        r"(?:how (?:are|is) (?:things|it|life|everything)|getting on|coping|managing) (?:\w+ ){0,4}"
        r"at home\b",
        r"(?:does|do|has|have|did) (?:anyone|anybody|people|they)(?: at work| there| else)?(?: "
        r"ever)? (?:say|said|comment|commented|mention|mentioned|notice|noticed|ask|asked) "
        r"(?:anything|something)",
        r"how (?:has|have) (?:your|they) (?:\w+ )?(?:reacted|taken it)",
        r"what (?:do|does) (?:your|the) (?:\w+ "
        r")?(?:family|partner|husband|wife|friends|mum|kids) (?:think|say|make)",

        r"(?:what|how) (?:does|do|did|would) (?:your |the )?(?!you\b)(?:\w+ "
        r"){1,3}(?:(?:think|feel|say|reckon) (?:about|of|when)|makes? of)",
        r"does (?:she|he|they) know",
        r"how (?:has|have|is|are) (?:your (?!(?:mood|sleep|sleeping|pain|appetite|stomach|back|"
        r"head|neck|health|work|job|energy|eating)\b)\w+|she|he|they) (?:been|doing|coping|"
        r"taken it) (?:with|about) (?:all )?(?:of )?(?:this|it|that)",
        r"what does (?:she|he|your \w+) make of",
        r"(?:have|has|did|do|does) (?:they|he|she|the kids|the children|your \w+) "
        r"(?:noticed|picked up on|realised|twigged|clocked)",
        r"(?:what|how) (?:does|do|did|would) (?:your \w+|(?!you\b)\w+) (?:think|reckon|believe) "
        r"(?:is going on|is happening|it is|is wrong|is causing)",
        r"what is (?:her|his|their|your \w+'s|\w+'s) (?:take|view|opinion|theory|explanation)",
        r"how (?:does|do|did) (?:your \w+|(?!you\b)\w+) see (?:it|this|all this|things|you)",
        r"(?<!\bi )(?:does|do|did) (?!not\b)(?:your |the )?(?:\w+ ){1,4}know about "
        r"(?:the|your|it|this|all|them)",
        r"(?:does|do|did) (?:your \w+|(?!(?:you|it|that|this|anyone|anybody)\b)\w+) (?:know|"
        r"realise|realize) (?:why|what|how|that|it|about)\b",
        r"\bwhat(?:'s| is| has) (?:that|it|this|all this) (?:been )?like for (?:her|him|them|your "
        r"\w+)\b",
        r"\bwhat(?:'s| is| does) (?:your (?:mum|mom|dad|partner|wife|husband|sister|brother|"
        r"family)|he|she|they|(?!(?:it|that|this|there|you|i)\b)[a-z]+) (?:think|reckon|make of)"
        r"\b",
        r"^(?:and |so )?(?:she|he|they) (?:know|knows) about\b", r"^(?:and |so )?what (?:she|he|"
        r"they) (?:think|thinks|reckon|reckons|say|says)\b",
        r"(?:do you think |would you say )?(?:they|she|he|the kids|the children|your kids|your "
        r"children) (?:pick|picks|picked) up on\b", r"how much (?:of (?:this|it|that) )?(?:do you "
        r"think )?(?:they|she|he|the kids|the children|your kids) (?:notice|pick up on|see|know|"
        r"understand)\b", r"(?:do you think |would you say )?(?:they|the kids|the children|your "
        r"kids) (?:notice|see) (?:anything|it|that|much|you)\b",
        r"(?:does|do|did) (?:she|he|they|your \w+) (?:think|reckon|believe) (?:it is|you|that|"
        r"there is)",
        # the person and the patient around the problem: what they would want them to see, what
        # they say to each other, do together, how things are between them
        r"(?:want|like|wish|need|hope) (?:your \w+|him|her|them|"
        r"(?!(?:you|it|that|this|to|me|us|hard|easy|able)\b)\w+) to "
        r"(?:know|see|understand|notice|realise|realize|say|think|get)\b",
        r"what (?:sort|kind) of (?:things?|stuff) (?:does|did|do|would) (?:she|he|they|your \w+|"
        r"(?!you\b)\w+) (?:say|do)\b",
        r"(?:has|have|did|does|do) (?:your \w+|(?!(?:you|it|that|this|anyone|anybody)\b)\w+) "
        r"(?:ever )?(?:noticed?|seen|spotted|picked up on)\b",
        r"(?:what|how) (?:did|do|would|will|could) you (?:want to |like to |need to )?(?:say|said|"
        r"tell|explain|answer)\w* (?:to )?"
        r"(?:him|her|them|your \w+|(?!(?:that|it|this|me|us|yourself|them)\b)[a-z]+)(?=\W*$|,? "
        r"(?:when|after|if|about|that time)\b)",
        r"(?:made|make|makes) you stop telling\b|\b(?:why|how come) did you stop telling\b",
        r"(?:do|did|does) (?:you two|the two of you|you both|you and (?:your )?\w+) (?:\w+ )?"
        r"(?:do|used to do)\b(?! (?:on|at|in|last|this|when) )",
        r"(?:used to )?do together\b", r"are you (?:two |both )?close\b",
        r"(?:get on|getting on|get along) with (?:him|her|them|your (?!(?:work|job|day|life|course|"
        r"studies|placement)\b)\w+|(?!(?:you|it|that|this|work|things|everything|stuff|life|school|"
        r"college|uni|all|the)\b)\w+)\b",
        r"how (?:are|is|were) (?:things|it) (?:with|between) (?:you and |you two|the two of you|"
        r"them|him|her|your (?:mum|mom|dad|mother|father|partner|wife|husband|kids|children|son|"
        r"daughter|family|sister|brother|nan|gran|boss|manager|friends?|girlfriend|boyfriend|"
        r"mates?|colleagues|team|other half|parents)|(?!you\b|your\b|the\b|work\b|money\b)\w+)",
    )),
    (K.VISIT_GOAL, NOUN, frozenset({Slot.WHAT, Slot.WHY}), (
        r"what (?:brings|brought) you(?! (?:the )?(?:most )?(?:fear|worry|joy|comfort|peace|"
        r"stress|anxiety|pleasure|relief|hope))",
        r"why (?:are|did|have) you (?:come|here|came|agreed)",
        r"what (?:are you hoping|do you (?:want|hope|need)|would you like|would be "
        r"(?:helpful|useful)|would make) (?:to get )?(?:from|to get|out of|for|from) "
        r"(?:today|this|our|coming|the session|the appointment|me|us)",
        r"what made you (?:come|decide|agree|book)", r"hoping for (?:today|from)",
        r"(?:hoping|hope|hoped|wanting|want|like|expecting) (?:would |might |will |to )?(?:come|"
        r"get) out of (?:today|this|the appointment|today's|coming)",
        r"(?:this|today|today's|the) (?:appointment|session|visit|meeting|time)(?: today)? (?:to )?"
        r"(?:feel |be )?worth(?:while| it| coming)", r"worth (?:your while )?coming\b",
        r"(?:make|made) (?:coming|today|this) worth",
        r"(?:want|like|hope for|be looking for) from (?:a |the )?(?:treatment|therapy|tablets)",
        r"if (?:a|the) treatment could",
        r"what would be (?:most |the most )?(?:useful|helpful) (?:to talk about|for us to (?:talk "
        r"about|focus on)|to focus on)",
        r"what (?:were|are) you hoping (?:we|i) (?:might|could|would) do",
        r"(?:we|i) (?:might|could|can) do for you",
        r"worth your while", r"make (?:it|this|today|coming(?: in)?) worth",
        r"reason for (?:your|today|the visit|coming)",
        r"what (?:you|would you) (?:want|like) (?:from|out of) (?:today|this)",
        r"why (?:now|today)", r"what would (?:make|count as) (?:today|this|coming)",
        r"what you are hoping (?:for|to get)",
        r"what would you like to (?:talk about|focus on|get)",
        r"what do you want to (?:talk about|get out of)", r"what are you here for",
        r"what has brought you", r"come away with",
        r"hoping (?:\w+ ){0,3}(?:get|achieve|come away)", r"get out of (?:today|this|coming|our)",
        r"want out of (?:coming|today|this|here|our)", r"out of coming here",
        r"what is brought you", r"what is made you (?:come|decide)",
    )),
    (K.ONLINE, NOUN, frozenset({Slot.HOW_OFTEN, Slot.WHAT, Slot.HOW_LONG}), (
        r"online", r"internet", r"google", r"googling", r"googled", r"search(?:ing|es|ed)?",
        r"screens?", r"screen time", r"(?:time|do|doing) on (?:your|the|ur) (?:phone|laptop|"
        r"tablet|ipad)", r"(?:your|ur) phone (?:in the|at) (?:evening|evenings|night)",
        r"looked (?:it|this|them|that|things|symptoms) up",
        r"look(?:ed|ing)? up (?:your|the|my|any|what|symptoms)", r"read (?:about|up on)",
        r"forums?", r"websites?", r"dr google", r"symptom checkers?", r"nhs website", r"web",
        r"sites", r"reading up", r"read up", r"(?:have|had|did) you read\b", r"read anything\b",
        r"(?:read|looked up) or (?:been )?told\b",
        r"what (?:are|were) you (?:reading|looking (?:up|at)|searching)",
        r"what do you (?:look at|look up|read|search|google|check) on (?:your|the|ur) (?:phone|"
        r"laptop|tablet|ipad)", r"on (?:your|the|ur) phone at night", r"(?:end up|ending up) "
        r"(?:looking|reading|searching)", r"(?:reading|looking at) on (?:your|the) phone",
        r"what (?:do|did) you (?:look up|search|google|read)", r"reading about",
        r"(?:things|stuff) (?:do |did )?you (?:look up|search|google|read)", r"tabs (?:open|about)",
        r"(?:the|those|forty|\w+ty) tabs",
        r"look(?:ed|ing)? (?:the |your |my |those |these "
        r")?(?:symptoms?|things|it|them|stuff|that) up",
    )),
    # life before the complaint, and when they last felt well ("think back to before the first
    # attack: what was a week like?")
    # the most recent episode, told as a story: "when was the last attack?", "where were you the
    # last time it hit?", "what about yesterday, did you have one?"
    (K.LAST_EPISODE, NOUN, frozenset({Slot.WHEN, Slot.WHERE, Slot.WHAT, Slot.WHO, Slot.HOW}), (
        r"(?:the|your) (?:last|latest|most recent) (?:proper |big |bad )?(?:attack|one|episode|"
        r"flare(?:-?up)?|bad (?:one|spell|patch|day|night)|panic attack|headache|spiral)\b",
        r"(?:the )?(?:last|most recent|latest) time (?:that )?you (?:found|noticed|felt|checked|"
        r"had (?:one|a bad|an attack|a flare)|got (?:bad|worried|scared|panicky)|searched|looked "
        r"it up)\b", r"(?:take|think (?:back )?(?:about|to)|pick|go back to) (?:the )?(?:last|most "
        r"recent|latest) time\b",
        r"(?:the )?last time (?:it|one|that|this|you had one|an attack|the pain|things) "
        r"(?:happened|hit|came on|started|kicked off|flared|got (?:really |very |that |so |"
        r"properly )?(?:bad|worse|too much|on top of you)|was (?:really |very |that |properly )?"
        r"bad)\b",
        r"when did you last have (?:one|an attack|a flare|an? (?:really |very |proper |properly "
        r"|particularly )?bad (?:one|day|night|spell|week|patch))\b",
        r"when (?:was|did) (?:you|it) last (?:have |get |got )?(?:really |very |properly )?(?:bad|"
        r"awful|rough)\b",
        r"walk me through (?:the last|last|your last) (?:one|attack|flare|\w+day|night|week)\b",
        r"tell me about (?:the last|a recent|the most recent) (?:one|time|attack|flare|bad day|"
        r"bad night)\b",
        r"(?:did|have) you (?:had|have) (?:one|an attack|a bad one|a flare) (?:yesterday|today|"
        r"this week|recently|lately|since)\b",
        r"yesterday\W+(?:\w+ ){0,3}(?:did|have) you (?:have|had) (?:one|an attack|a bad one)\b",
        r"what (?:happened|went on|was going on) (?:\w+ )?(?:tonight|today|this (?:evening|morning|"
        r"afternoon))", r"(?:take|walk|talk) me through (?:what happened )?(?:tonight|today|this "
        r"(?:evening|morning|afternoon))", r"(?:made|make) you (?:ring|call|phone) (?:us|999|"
        r"the ambulance)",
    )),
    (K.ALLERGIES, NOUN, frozenset({Slot.WHAT, Slot.WHICH}), (
        r"allerg\w*", r"(?:react|reacted|reaction|reactions) (?:badly )?to (?:any )?(?:medicines?|"
        r"medication|tablets|drugs|antibiotics|penicillin|food)", r"intoleran\w+",
    )),
    # the present: how they are right now, who is around tonight, what they have taken today
    # ("how are you feeling at the moment?", "is your mum home tonight?", "any painkillers
    # today?"); a time of today that frames a question outranks the person or thing it names
    (K.TODAY, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.WHERE, Slot.WHO}), (
        r"(?<!like )tonight", r"(?<!like )this (?:evening|afternoon)",
        r"(?:where|who)(?:'s| is| are)\b[^?]{0,30}\b"
        r"(?:right|just) now", r"(?:right|just) now,? (?:is|are|how|what|where|who)\b",
        r"how (?:are|do|have|'re) you(?: (?:feeling|doing|feel|been|holding up|bearing up|getting "
        r"on))?(?: in yourself)?,? (?:at the moment|(?:right |just )?now|today|this morning)",
        r"how(?:'s| is| are) (?:it|things|the \w+|your \w+|that) (?:at the moment|(?:right |just )"
        r"?now|today|this morning)\b",
        r"(?:taken|had|eaten|used|needed) (?:any|anything)(?: [\w-]+){0,4} today",
        r"still (?:\w+ ){0,3}(?:now|at the moment)\?", r"(?:easier|better|worse|settled|"
        r"calmer|eased(?: off)?) (?:now|than (?:it was )?(?:an hour|earlier|before we|when we))",
    )),
    (K.RISK, NOUN, frozenset({Slot.WHAT, Slot.WHEN, Slot.HOW_OFTEN}), (  # the risk check every
        # assessment asks: "have you had thoughts of harming yourself?"
        r"harm(?:ing)? yourself", r"hurt(?:ing)? yourself", r"self[- ]?harm(?:ing)?",
        r"suicid\w*", r"(?:end|ending|ended) (?:your (?:own )?life|it all|things)",
        r"take your (?:own )?life", r"kill(?:ing)? yourself",
        r"(?:not|n't) (?:wanting|want|wanted) to (?:be (?:here|alive|around)|go on|wake up)",
        r"better off (?:dead|without you|not here)", r"(?:life|it) (?:is not|isn't|was not|wasn't|"
        r"is no longer) worth (?:living|it)", r"thoughts? (?:of|about) (?:death|dying|ending)",
        r"wish(?:ed)? you (?:were|was) dead",
        r"(?<!to )(?<!like, )(?<!help you )(?<!helps you )(?<!make you )(?<!makes you )(?:feel|"
        r"feeling|keep yourself|are you) safe\b",
        r"thoughts? like that", r"any thoughts? of (?:hurting|harming|not)",
    )),
    (K.BETTER_TIMES, NOUN, frozenset({Slot.WHAT, Slot.WHEN, Slot.HOW}), (  # the exceptions:
        # when it has been a bit better lately, and what was different then
        r"(?:last|most recent) time (?:it|they|things|the \w+|an? \w+|you|your \w+) (?:was|were|"
        r"felt|had been|went) (?:a (?:bit|little|tiny bit) |any |slightly |even slightly )?"
        r"(?:better|easier|milder|calmer|less bad|lighter)\b",
        r"what(?:'s| is| was) (?:different|it like) (?:about|on|in) (?:a |the )?(?:good|better|"
        r"easier|calmer) (?:days?|weeks?|nights?|mornings?|ones?)\b",
        r"(?:on|in) (?:a |the )?(?:good|better|easier) (?:days?|weeks?|nights?)\b[^?]{0,40}\bwhat"
        r"(?:'s| is| was) different\b",
        r"(?:any|some) (?:days|nights|times|mornings|weeks|evenings) (?:lately |recently |at all )?"
        r"(?:when|where) (?:you|it|they|the \w+) (?:did ?n[o']?t|were ?n[o']?t|was ?n[o']?t|"
        r"felt (?:a bit |a little )?(?:better|ok|okay)|was (?:a bit )?(?:better|easier))",
        r"(?:a|one|the) (?:day|time|night|week) (?:recently |lately )?(?:when (?:it|you|the \w+|"
        r"things) |that |which )(?:was|were|felt|went) (?:a bit |a little )?(?:better|easier|well|"
        r"ok|okay|milder)\b", r"times? when (?:it|the \w+|you|things) (?:is|are|was|were|felt) "
        r"(?:a bit |a little )?(?:better|easier|less|milder|ok|okay)\b",
        r"\bexceptions?\b", r"when (?:it|the \w+|they) (?:is|are|was|were) (?:not as bad|less "
        r"bad|not so bad|at (?:its|their) (?:best|mildest))",
    )),
    (K.FAITH, NOUN, frozenset({Slot.WHAT, Slot.HOW, Slot.WHO}), (  # religion, faith, church
        r"religion", r"religious", r"faith", r"church", r"chapel", r"mosque", r"temple",
        r"synagogue", r"gurdwara", r"pray", r"prayer", r"praying", r"spiritual", r"spirituality",
        r"believe in god", r"believer", r"(?<!oh )(?<!my )(?<!thank )(?<!for )god\b(?! knows| "
        r"forbid| help)",
    )),
    (K.CONTROL, NOUN, frozenset({Slot.HOW, Slot.HOW_MANY, Slot.WHAT}), (  # how much say they
        # feel they have over it
        r"how much (?:control|say|power|influence)\b", r"\bin control of (?:it|this|them|the|your)",
        r"(?:control|influence|(?:a|any|much|no|more|less|the|some|little) say) over (?:it|this|"
        r"them|the|your|how|when|whether)",
        r"(?:anything|something) you (?:can|could) do to (?:make it|stop it|change it|ease it|"
        r"affect it|control it|make (?:the|your) \w+ (?:better|worse))",
        r"can you (?:influence|control|affect) (?:it|them|the|how|when)", r"feel in control",
        r"(?:in|within|out of) your control", r"who(?:'s| is) in charge",
    )),
    (K.OUTLOOK, NOUN, frozenset({Slot.HOW_LONG, Slot.WHAT, Slot.HOW}), (  # how long they expect
        # it to go on, and whether it will get better
        r"how long do you (?:think|expect|imagine|reckon|see)(?: (?:it|this|them|they|the \w+|"
        r"things))?(?: (?:will|would|might|is going to|are going to))? (?:go on|last|carry on|"
        r"continue|be around|stay|be like this)",
        r"how long do you expect\b",
        r"(?:do you think|do you expect|will) (?:it|this|they|the \w+)(?: will|'ll)? (?:ever )?"
        r"(?:get better|go away|improve|clear up|settle down|pass)\b",
        r"where do you see (?:this|it|things) (?:going|heading)",
        r"what do you (?:think|expect) will happen (?:with|to) (?:it|this|them|the)\b",
    )),
    (K.CONVINCE, NOUN, frozenset({Slot.WHAT}), (  # what would change their mind
        r"what would (?:it take|have to happen|need to happen|you need(?: to see| to hear)?)"
        r"(?: for you)?(?: to| for you to)? (?:believe|accept|feel (?:sure|reassured|confident|"
        r"safe)|see (?:it|things|(?:the|this|that|your) \w+|this|that) (?:differently|as)|"
        r"change your mind|be convinced|trust|be sure|think (?:it|this|differently))",
        r"what would (?:change|shift) your (?:mind|view|thinking)", r"what would convince you",
        r"what would (?:reassure|settle) you\b", r"what would make you (?:believe|feel sure|feel "
        r"reassured|think differently|see it differently|change your mind)",
    )),
    (K.UPSIDE, NOUN, frozenset({Slot.WHAT, Slot.WHY}), (  # the good side of things as they
        # are, in a decisional balance
        r"what(?:'s| is| are| would be| might be| could be) (?:the )?(?:good|positive|upside|"
        r"benefits?|pluses?|advantages?)(?: things| side| bits?)? (?:about|of|in|to) (?:things "
        r"(?:staying|as they are|the way they are)|staying|keeping|not going|not doing|avoiding|"
        r"the way things are|how things are|leaving things|carrying on|going on as|the checking|"
        r"the worrying|the avoiding|checking|worrying|searching|"
        r"googling|ringing|planning ahead|thinking ahead|pushing through)",
        r"(?:is|was) (?:that|it) (?:the )?(?:upside|up side|benefit|plus|good bit|good side|"
        r"pay-?off)\b",
        r"what (?:do|does) (?:the \w+|it|avoiding|checking|worrying|staying away|searching) "
        r"(?:give you|do for you|get you)\b",
        r"what do you get out of (?:it|checking|worrying|avoiding|staying (?:away|in|home)|"
        r"searching|the (?:checking|worrying|avoiding|searching|googling|planning))\b",
        r"\b(?:upside|up side|pay-?off|good side|plus side) (?:of|to) (?:it|avoiding|the \w+|"
        r"checking|worrying|staying|keeping|pushing)\b", r"\bwhat(?:'s| is) in it for you\b",
    )),
    (K.COPING, NOUN, frozenset({Slot.HOW, Slot.WHAT}), (  # how they have kept going
        r"how (?:have|do|did|'ve|are) you (?:kept|keep|been keeping|keeping) (?:going|yourself "
        r"going|on top)\b",
        r"what(?:'s| is| has| keeps| kept| else has| else keeps)? (?:kept )?you going\b",
        r"how (?:have|do|'ve) you (?:managed|manage|coped|cope)(?: so far| all "
        r"this time| with (?:it|all (?:this|that)))?\W*$", r"how do you (?:carry on|keep it "
        r"together|get through (?:the days|each day|the week))\b",
        r"what (?:helps|has helped) you (?:cope|keep going)\b",
    )),
    (K.LAST_WELL, NOUN, frozenset({Slot.WHAT, Slot.WHEN, Slot.HOW}), (
        r"think back", r"thinking back", r"looking back", r"look back", r"back then",
        r"back when (?:you|i|we|things)",
        r"before (?:all )?(?:this|that|it)(?: all)? (?:started|began|kicked off|took hold|got bad|"
        r"came on|happened)", r"before all (?:this|that)",
        r"before (?:the|that|your|those|these|all the) (?:very )?(?:first )?(?:attacks?|pain|"
        r"symptoms?|worry|worrying|checking|flare-?ups?|headaches?|stomach (?:trouble|problems?)|"
        r"blushing|tiredness|fatigue|anxiety|panic|scans?|lump|illness)(?: (?:started|began|took "
        r"hold|kicked off|got bad|came on))?(?! (?:crept|came|comes|creeps|crawled|crawls|"
        r"started|starts|kicked|kicks|was|is) (?:back|again|in again|up again))",
        r"life (?:was )?like before", r"(?:what|how) (?:was|were) (?:life|things|you|your \w+) "
        r"(?:like )?before\b",
        r"last (?:felt|feel|felt really|feel really|felt properly|time you felt) (?:well|calm|"
        r"happy|okay|ok|good|yourself|like yourself|relaxed|at ease|comfortable|safe)",
        r"(?:felt|feel) (?:properly |really )?(?:calm|at ease|comfortable|like yourself|relaxed)",
        r"(?:at ease|comfortable) (?:with|around) people",
        # a better time: "has there been a time when you coped better?", "when were things
        # easier?", "what was different then?"
        r"(?:coped|coping|managed|managing|dealt|dealing) (?:with (?:it|this|things|them) )?"
        r"(?:a (?:lot |bit )?)?better", r"(?:a time|times|a period|a spell) when (?:it|this|"
        r"things|life|you) (?:was|were|felt) (?:a (?:lot |bit )?)?(?:easier|better|calmer|"
        r"different|okay|ok|good)",
        r"when (?:was|were) (?:it|things|life) (?:last )?(?:a (?:lot |bit )?)?(?:easier|better|"
        r"calmer|good)", r"what was different (?:then|back then|about that time)",
        r"(?:a time|times|a period|a spell|a stretch)[^?]{0,50}\bwhen (?:the |your )?(?:worry|"
        r"worrying|pain|attacks?|checking|headaches?|symptoms?|stomach|it|things)[^?]{0,15}\b"
        r"(?:went quiet|eased|let up|lifted|settled|stopped|calmed|(?:was|were|got) (?:better|"
        r"quieter|easier)|went away|disappeared)",
    )),
    (K.IMPACT, NOUN, frozenset({Slot.HOW, Slot.WHAT, Slot.HOW_MANY}), (
        r"\bwhat(?:'s| is| has| have)? (?:[\w']+ ){0,5}(?:do |would )?you miss (?:the )?most",
        r"\bwhich (?:of (?:those|these|them|the) )?(?:losses |things )?(?:stings?|hurts?) (?:you )?"
        r"(?:the )?most\b",
        r"(?:have|did|has) (?:you|u) (?:had to )?(?:stopped|stop|given up|give up|dropped) "
        r"(?:anything|doing anything|things)\b",
        r"dropped out of (?:your life|it)",
        r"been for (?:you (?:all|both|as a family)|the (?:whole )?family|your family)",

        r"(?:affect|affected|affecting|affects|impact|impacted|impacting) (?:on "
        r")?(?:your|you|the way|things|life|day|work|home)",
        r"(?:been|be|is) like,? living with (?:it|this|the pain|them|the attacks)\b",
        r"stopped you", r"stop you (?:from|doing)", r"stopping you",
        r"get in the way(?! of (?:applying|going|doing|asking|telling|trying|saying|speaking|"
        r"presenting|getting)\b)",
        r"(?:had to )?(?:stop|stopped|give up|given up) doing\b", r"what(?:'s| has) got harder\b",
        r"(?:things|tasks|jobs|chores|what) (?:that )?(?:have |has )?(?:got|become|gotten) "
        r"(?:a lot |much |a bit |so much )?harder",
        r"harder to (?:do|manage)", r"(?:tasks|jobs|chores) (?:around|about|in) the house",
        r"had to let go of", r"(?:can not|cannot|can't) do (?:anymore|any more|now)",
        r"what (?:does|did|has|is) (?:that|it|this|the pain) (?:do|done|doing) to you\b",
        r"what (?:else )?(?:has|'s) changed (?:for you |in your life |at home |at work )?since",
        r"gets in the way", r"getting in the way", r"got in the way", r"cost you", r"costs you",
        r"costing you", r"cost (?:the|your) (?:family|kids|children|marriage)",
        r"(?:the )?(?:not so good|not-so-good|less good|downside|down side|bad) (?:side|things|"
        r"bits?)(?: of (?:it|that|staying|avoiding|keeping|carrying on))?\W*$",
        r"(?:got|gotten|become|getting|grown) smaller\b", r"\bsmaller how\b",
        r"missing out", r"miss out", r"given up", r"had to give up",
        r"what do you miss(?: (?:most|the most|about|doing))?\b",
        r"can not do (?:any ?more|now)", r"no longer do",
        r"what has (?:it|this) (?:stopped|taken|changed)",
        r"how (?:has|have) (?:all )?(?:this|it|that|they|the \w+) changed (?:what|how|your|the "
        r"way)\b",
        r"(?:taken|took) (?:off|from|away from) you",
        r"what else has (?:it|this|the \w+|they) taken",
        r"what (?:do|did) you (?:avoid|stop doing)", r"avoid(?:ing)?",
        r"changed (?:for you|in your life)", r"difference (?:has|does) it make", r"time off",
        r"off sick", r"sick leave",
        r"(?:happened|changed|missed|lost|stopped|given up|gave up|had to)\b[^?]{0,40}\bbecause "
        r"of (?:the|your|it|this|that|them|these|those|all)\b",
    )),
)
CUES: Final[tuple[tuple[K, float, re.Pattern[str], frozenset[Slot]], ...]] = tuple(
    (kind, weight, _rx(r"\b(?:" + "|".join(phrases) + r")(?!\w)"), slots)
    for kind, weight, slots, phrases in _TABLE
)
# Things no fact sheet holds ("what's your blood group?"): answered with "I don't know".
UNKNOWN_RX: Final = _rx(
    r"\b(?:blood (?:group|type)|maiden name|password|pin number|postcode|post code|zip code|nhs "
    r"number|national insurance|social security|registration|number plate|shoe size|star sign|"
    r"were you born|time of day you were born|birth weight|first (?:teacher|pet|car)|favou?rite "
    r"(?:colou?r|film|movie|song|band|book|food)|(?:next-door )?neighbou?r(?:'s)? (?:called|"
    r"name)|to the penny|off the top of your head|(?:what|who) (?:was|is) (?:the|your) \w+ "
    r"(?:\w+ )?called|what mark did you|what grade|what (?:was|is) the name of|pin|what time "
    r"(?:of day )?(?:was|were) (?:you|he|she) born|what make|what (?:is|are|was|were) (?:they|he|"
    r"she|it) called|the \w+'s name|reference number|extension|exact (?:figures|numbers)|"
    r"(?:what|which) table|what (?:the|your|his|her) (?:\w+ ){1,8}(?:was|is|were) called"
    r"|(?:remember"
    r"|recall|know) (?:what|the) (?:exact )?(?:your |the |his |her )?(?:blood pressure|pulse|heart "
    r"rate|temperature|oxygen|sats|readings?|levels?|numbers?) (?:was|were|reading|at|on|during)"
    r"|(?:name|names) of (?:the|your) (?:radiologist|consultant|nurse|doctor|registrar|"
    r"sonographer|technician|paramedic|receptionist|surgeon|specialist)s?)\b"
)
# Questions about feelings, values or wishes around a subject: not factual.
NOT_FACTUAL_RX: Final = _rx(
    r"\bhow did (?:that|it|this) (?:land|feel|sit)\b|\b(?:any |a bit |much )?(?:less|more) "
    r"(?:worrying|worried|frightening|scary|frightened|scared)\b|"
    r"\bwhat (?:might|would|could|will) you (?:say|write|tell|text|put)(?! (?:has|have|is|was|"
    r"are|were|helps|works|made|makes)\b) (?:to|in|back)?\b|"
    r"\bwhat matters (?:the )?(?:most )?to you\b|\bwhat is (?:most |really )?important to you\b|"
    r"\bhow (?:was|is|has) (?:that|it|this)(?: been)? for you\b|\bhow did you find (?:that|it|"
    r"them|those)\b|\bwhat (?:do |did )?you (?:love|like|enjoy|miss|value|hate|dislike|dread|"
    r"fear) (?:most )?about\b|\bhow (?:do|did|does|would) (?:you|that|it) (?:feel|make you "
    r"feel)\b|\b(?:what|anything|something|anything that|something that) "
    r"(?:worries|scares|concerns|bothers|frightens|upsets|would worry) you\b(?! (?:the )?most\b)|"
    r"\bwhat (?:does|would) (?:it|that|this|\w+) mean (?:to|for) you\b|"
    r"\bhow (?:important|confident|ready|willing|sure|"
    r"motivated|committed)\b|\bwhat (?:matters|is important)\b|\bwhy (?:does|is) (?:that|it|"
    r"this) (?:matter|important)\b|\bwhat would (?:you|it) (?:take|need)\b|\bwhat (?:are|is) "
    r"(?:your|the) (?:hopes?|fears?|worries|concerns?|goals?)\b|\bhow (?:do|are) you feel(?:ing)? "
    r"about\b"
    r"|\bwhat would you (?:want|like|hope|wish)(?: to)? (?:be |to )?(?:different|change|happen)"
    r"|\bhow (?:has|have|is|does|did) (?:all )?(?:this|that|it|the \w+) (?:affected|affecting|"
    r"affect|impacted|hit|been for) (?:the kids|the children|your (?:kids|children|family|wife|"
    r"husband|partner|son|daughter|mum|dad|marriage|relationship)|them|him|her|[a-z]+ and [a-z]+)"
    r"|\bwhat do you (?:make|think) of (?:that|this|it|all that|all this)\b(?! all yourself| "
    r"yourself)"
    r"|\bmeant (?:to|for) you\b|\bwhat would \w+ (?:have )?mean\b|\b(?:are"
    r"|were) you thinking (?:of|"
    r"about)\b|\bwhat (?:are|were) you thinking\b"
    # the inner life, not a fact: "what goes through your mind at four?", "what would happen
    # inside you?", "what do you imagine she's picking up on?", "what's kept you out of the shed?"
    r"|\bthrough your (?:mind|head)\b|\b(?:inside|in) you\b(?! know)|\bwhat (?:do|would|did) "
    r"you (?:imagine|picture|guess|suppose|tell yourself|say to yourself)\b(?! (?:would |might |"
    r"could |will )?happen)|\bwhat (?:is|has) "
    r"(?:kept|stopped|held) you\b(?! going)|\bwhat (?:keeps|stops|stopped|kept|holds|held) "
    r"you\b(?! going)|\bwhat "
    r"made you (?:stop|change|give up|keep|start|think|want)\b"
    # how something is for them: "what's that like for you, lying there?", "what does it say
    # about you?"
    r"|\bhow (?:worried|anxious|scared|frightened|upset|bothered|concerned) (?:are|were|do|did) "
    r"you\b|\bhow much does (?:that|it|this) (?:worry|bother|upset|scare|frighten) you\b"
    r"|\bwhat (?:does|would|did) (?:[\w']+ ){1,5}mean (?:to|for) you\b|\bwhat (?:was|is) it "
    r"about (?:the |your |that |this )?\w+(?: \w+)? that\b"
    r"|\bwhat(?: is| was| has)? (?:that|it|this)(?: been)? like for you\b|\bwhat (?:was|is) that "
    r"(?:time )?like for you\b|\bwhat (?:does|did) (?:it|that|this) say about you\b|\bwhat is it "
    r"like,? (?:being|living|hearing|knowing|lying|having|watching|carrying)\b"
)
# A wh-question about something of the patient's that no sheet holds ("what's your blood group?").
ATTRIBUTE_RX: Final = _rx(
    r"\b(?:what|which) (?:is|was|are|were) your (?!(?:sense|view|feeling|take|thought|thinking|"
    r"worry|concern|fear|hope|goal|plan|reason|priority|main|biggest|own|understanding|"
    r"experience|impression|gut|idea|opinion)\b)(?:\w+ ){0,2}\w+\b|\bwhat (?:was|is) (?:the "
    r"name of )?your \w+ called\b|\bdo you know your\b|\bwhat (?:colour|color|size|number|"
    r"model|make|brand) (?:is|was)\b"
)


_SPECIFIC_SLOTS: Final = frozenset({Slot.HOW_MANY, Slot.HOW_OFTEN, Slot.HOW_LONG, Slot.WHEN,
                                    Slot.WHO, Slot.WHERE})
_WEIGHT: Final = {kind: weight for kind, weight, _p, _s in CUES}
_SUBORDINATE_BEFORE: Final = _rx(
    r"(?<!been )(?<!worked )(?<!lived )(?<!stayed )"  # "been at your job": the job is asked
    r"\b(?:before|after|at|on|when|while|during|around) (?:(?:a|an|the|"
    r"your|my|that|this|any|work|being) ){0,2}$")
_HEAD: Final = _rx(r"(?<=\s)(?:what|how|who|where|which|why)\b")
EARLY: Final = 0.012  # per character: among near equals, what is named first is what is asked
LONGER: Final = 0.1  # per extra word of a noun's cue (at most 3): "working day" beats "working"


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the cues of a question sit, so that any word found in it (a kind's cue or a
    persona's keyword) can be weighed by its place: what is named first, in the main clause and
    before the examples, is what is asked."""

    text: str
    first: int  # the first cue
    head: int  # the main wh-word after a leading clause (0: none)
    aspect_before_comma: bool  # an aspect cue before the first comma
    comma: int
    cues: int  # how many kinds the text cues

    def penalty(self, start: int, noun: bool) -> float:
        out = EARLY * max(0, start - self.first)
        if noun and self.cues > 1 and _SUBORDINATE_BEFORE.search(self.text[:start]):
            out += 1.5  # "…upset before work": work is where, not what
        if start < self.head and self.cues > 1:
            out += 1.0  # "when you're not studying, what do you do for fun?"
        if noun and self.aspect_before_comma and 0 <= self.comma < start:
            out += 0.6  # "what makes it worse, is it certain shifts…": shifts are examples
        return out


@lru_cache(maxsize=2048)
def layout_of(text: str) -> tuple[Layout, list[tuple[K, float, re.Match[str], frozenset[Slot]]]]:
    matches = [(kind, weight, m, slots) for kind, weight, pattern, slots in CUES
               if (m := pattern.search(text)) is not None]
    head = _HEAD.search(text)
    head_at = head.start() if head is not None else 0
    if not any(m.start() >= head_at for _k, _w, m, _s in matches):
        head_at = 0
    comma = text.find(",")
    layout = Layout(
        text=text,
        first=min((m.start() for _k, _w, m, _s in matches), default=0),
        head=head_at,
        aspect_before_comma=any(w == ASPECT and m.start() < comma for _k, w, m, _s in matches),
        comma=comma,
        cues=len(matches),
    )
    return layout, matches


@lru_cache(maxsize=2048)
def kinds_asked(text: str, slot: Slot | None) -> tuple[tuple[K, float], ...]:
    """The kinds of fact a question asks about, best first (empty when not factual)."""
    if NOT_FACTUAL_RX.search(text) or is_unknown(text):
        return ()
    layout, matches = layout_of(text)
    found: list[tuple[K, float]] = []
    kinds = {kind for kind, _w, _m, _s in matches}
    for kind, weight, match, slots in matches:
        if slot is Slot.WHY and kind not in (K.BELIEF, K.VISIT_GOAL):
            continue
        fit = SLOT_BONUS if slot in slots else -SLOT_BONUS if slot in _SPECIFIC_SLOTS else 0.0
        score = (weight + fit - layout.penalty(match.start(), weight == NOUN)
                 + (LONGER * min(3, match.group(0).count(" ")) if weight == NOUN else 0.0))
        if weight == NOUN and _FRONTED_SETTING.search(text[:match.start()]) and (
                _SETTING_ENDS.match(text[match.end():])) and _COMPLAINT_RX.search(
                    text, match.end()):
            continue  # "and at work, when do the flare-ups come?": where, not what is asked
        if kind is K.CHILDREN and _AS_A_CHILD.search(text):
            continue  # "where was home when you were a child?": then, not their children
        if kind is K.SYMPTOMS and "in your body" in text:
            score += 1.5  # "what happens in your body in the stand-up?": the symptoms there
        if kind is K.DOCTORS and _REPORTER.match(text, match.end()) and not _ASKING_BEFORE.search(
                text[max(text.rfind(". ", 0, match.start()), 0):match.start()]):
            continue  # "…dr hale said it's upset before work, what's that like?": who said it,
            # not what is asked about
        if kind is K.DOCTORS:
            score -= 0.3  # "did Dr Hale prescribe…" asks about what the doctor did
        if kind is K.ALCOHOL and match.group(0) in ("drink", "drinks") and K.CAFFEINE in kinds:
            score -= 1.0  # "what do you drink during the day, tea, coffee"
        if kind is K.LAST_WELL and match.group(0) == "looking back" and K.ONSET in kinds:
            continue  # "Looking back, what was happening in October, when it started?": a frame
        if kind is K.OTHERS_VIEW and _SAID_OF_A_TEST.search(text, match.start()) and (
                _CLINICIANS.search(match.group(0))):
            continue  # "what did the doctors say about the results?": the results
        if kind is K.OTHERS_VIEW:
            score += 0.6  # "what does Tom think" asks for Tom's view, not who Tom is
        if kind in (K.CONTROL, K.OUTLOOK, K.CONVINCE, K.UPSIDE):
            score += 1.5  # "how much control do you have over the pain?", "how long do you
            # expect the pain to go on?": their view of it, not the pain again
        if kind is K.FAITH:
            score += 2.0  # "does religion or faith play any part…?", "some people lean on
            # faith or church…": the faith, not what they believe causes it or who they lean on
        if kind is K.EPISODE_LENGTH and K.RELIEF in kinds and _RELIEF_LASTS.search(text):
            continue  # "how long does it last, that feeling of relief?": the relief
        if kind is K.CAFFEINE and match.group(0) in ("tea", "teas") and (
                _TEA_THE_MEAL.search(text, 0, match.start()) or _TEA_TIME.match(text, match.end())):
            continue  # "who picks them up and does tea?": the evening meal, not a drink
        if kind is K.DAY and text[:match.start()].endswith(("on a ", "in a ")) and (
                _COMPLAINT_RX.search(text, 0, match.start()) or _HOW_BAD.search(
                    text, 0, match.start())):
            continue  # "what's the pain like, where is it and how bad on a normal day?": the
            # pain on such a day, not the day
        if kind is K.DAY and _DAY_OF_EATING.match(text, match.end()):
            continue  # "what does a normal day of eating look like?": the eating
        if kind is K.ALCOHOL and (_NOT_ALCOHOL.match(text, match.end()) or _SOFT_BEFORE.search(
                text, 0, match.start())):
            continue  # "how much water do you drink?", "do you drink enough?"
        if kind is K.DAY and re.match(r"(?:'s| is) \w+", text[match.end():]) and any(
                w == NOUN and k is not K.DAY and m.start() > match.end()
                for k, w, m, _s in matches):
            continue  # "what does a normal day's eating look like?": the eating
        if kind is K.DAY and K.LAST_EPISODE in kinds and _PAST_DAY.search(match.group(0)):
            continue  # "what about yesterday, did you have one?": the episode, not the day
        if kind is K.DAY and _PAST_DAY.search(text) and K.LAST_EPISODE not in kinds:
            score += 1.5  # "what did you and the family do last weekend?": that weekend
        if kind is K.LAST_WELL and K.LAST_EPISODE in kinds and _FROM_BEFORE.search(text):
            continue  # "take me through what happened tonight, from before it started"
        if kind is K.TODAY and K.LAST_EPISODE in kinds:
            continue  # "what happened tonight?": tonight's attack, told as a story
        if kind is K.TODAY:
            score += 1.5  # "is Phil home this evening?": tonight, not who Phil is
        if kind is K.LAST_WELL and kinds <= _NOW | {K.LAST_WELL}:
            score += 1.2  # "before the first attack, what was a week like?": life before it
        found.append((kind, score))
    found.sort(key=lambda pair: -pair[1])
    best: dict[K, float] = {}
    for kind, score in found:  # a kind named twice ("a normal weekday… the walk in") counts once,
        best.setdefault(kind, score)  # by its better cue
    return tuple(best.items())


# A place set before a question about the complaint ("and at work, when do the flare-ups
# come?") is where the thing asked happens, not what is asked.
_TEA_THE_MEAL: Final = re.compile(r"\b(?:do|does|did|doing|done|makes?|making|made|cooks?|cooking|"
                                  r"cooked|sorts?|sorting|for|get|gets|getting|eat|eats|eating|"
                                  r"after|before|at|over)(?: the| your| their)? $")
_TEA_TIME: Final = re.compile(r" ?time\b|time\b")
_RELIEF_LASTS: Final = re.compile(r"\b(?:feeling of |the |that )(?:relief|reassurance)\b")
_DAY_OF_EATING: Final = re.compile(r"(?:'s)? (?:of )?(?:eating|food|meals)\b")
_NOT_ALCOHOL: Final = re.compile(r" (?:enough|water|fluids?|tea|coffee|squash|juice)\b")
_SOFT_BEFORE: Final = re.compile(r"\b(?:water|fluids?|squash|juice)\b[^.?!,]{0,20}$")
_FRONTED_SETTING: Final = re.compile(r"(?:^|[.?!] )(?:(?:and|so|but|ok|okay|right|um|now),? )*"
                                     r"(?:at|in|on|during|around|over) (?:the |your |a |an )?$")
_COMPLAINT_RX: Final = re.compile(r"\b" + _COMPLAINT_WORD + r"\b")
_SETTING_ENDS: Final = re.compile(r"\w*\s*(?:,|-|—|–|\.\.\.)\s*(?:what|how|who|where|which|why|"
                                  r"when|do|does|did|is|are|was|were|have|has|can|could|would|"
                                  r"will)\b")
_AS_A_CHILD: Final = re.compile(r"\b(?:as an? (?:child|kid)|when you were (?:a )?(?:child|kid|"
                                r"little|small|young)|growing up)\b")
_FROM_BEFORE: Final = re.compile(r"\b(?:from|starting|start) (?:just |right )?before\b")
_PAST_DAY: Final = re.compile(r"last night|yesterday|last (?:evening|weekend)|this past|just gone")
_SENTENCE_END: Final = re.compile(r"(?<!\.)[.?!] (?=\S)")


def question_kinds(unit: str, whole: str, slot: Slot | None) -> list[tuple[K, float]]:
    """The kinds asked by the deciding unit, or by the whole line when the unit names none
    ("Your brother's eleven, isn't he? What's he like?"), or the subject named just before a
    short question about one of its aspects ("Energy drinks, coffee... how many a day?")."""
    kinds = list(kinds_asked(unit, slot))
    at = whole.find(unit[:20])
    if kinds and kinds[0][0] is K.ONSET and _WHEN_IT_STARTED.search(unit):
        return kinds  # "Looking back, what was happening in October, when the headaches
        # started?" asks what happened then, in its own words
    if whole != unit and at > 0 and kinds and _WEIGHT[kinds[0][0]] == ASPECT and (
            topic := _FRONTED_TOPIC.search(whole[:at])) is not None and (
            named := [(k, s) for k, s in kinds_asked(topic.group("np"), None)
                      if _WEIGHT[k] == NOUN]):  # (an aspect of the thing named, not a question
        # of its own: "And your mum - what does she make of it?" is still her view)
        kinds.insert(0, (named[0][0], max([named[0][1], *(s + 0.5 for _, s in kinds)])))
        return kinds  # "But the paracetamol - is that most days, or just the bad afternoons?"
    if whole != unit and (not kinds or kinds[0][0] in _NOW) and (
            framed := _looking_back(unit, whole)) is not None:  # (what they enjoyed is the
        # hobbies' answer, which says what was lost)
        kinds.insert(0, (K.LAST_WELL, max([framed, *(s + 0.5 for _, s in kinds)])))
    if whole == unit or (kinds and (any(_WEIGHT[k] == NOUN for k, _ in kinds)
                                    or len(unit.split()) > 4)):
        return kinds
    before = [(k, s) for k, s in kinds_asked(whole, slot) if k is not K.TODAY]  # "For tonight,
    # ring 999 if… Would you be okay with that?" asks nothing about tonight
    at = whole.find(unit[:20])
    if not kinds and at < 0:
        return before
    _layout, matches = layout_of(whole)
    ends = [m.end() for m in _SENTENCE_END.finditer(whole) if m.end() <= at]  # the question's own
    sentence = ends[-1] if ends else 0  # sentence starts (an ellipsis does not end one), and
    previous = ends[-2] if len(ends) >= 2 else 0  # the one before it
    where = {k: 0.0 if m.start() >= sentence else 0.5 if m.start() >= previous else 1.3
             for k, w, m, _s in matches if w == NOUN and 0 <= m.start() < at}
    # a noun further back is a reflection's, not the question's ("…bass at uni, everything I
    # like I do on my own now. What did you used to do with other people?")
    if not kinds:  # the unit names none: what the line named before it, far back weighing less
        near = {k for k, _w, m, _s in matches if previous <= m.start() < at}  # (a cue two
        far = {k for k, _w, m, _s in matches if 0 <= m.start() < previous} - near  # sentences
        return sorted(((k, s - (2.0 if where.get(k, 0.0) >= 1.0 or k in far else 2 * where.get(
            k, 0.0))) for k, s in before), key=lambda pair: -pair[1])  # back is a reflection's;
        # the sentence before the question's own weighs a little less than its own: "bad day
        # today. I read you tried amitriptyline, what happened with that?" is the tablets
    nouns = [(k, s - where[k]) for k, s in before if k in where]
    return sorted(nouns + kinds, key=lambda pair: -pair[1])


_REPORTER: Final = re.compile(r"(?: [a-z'-]+)? (?:said|says|mentioned|wrote|told me|put it) "
                              r"(?:that |it'?s |its |it |you |there )")
_HOW_BAD: Final = re.compile(r"\bhow (?:bad|much does it hurt|painful|severe)\b")
_SAID_OF_A_TEST: Final = re.compile(
    r"\b(?:say|said|tell you|told you|make of|think of|think about)\b (?:about |of )?(?:the |your |"
    r"those |these |all the |that )?(?:results?|tests?|scans?|ecgs?|bloods|blood tests?|monitor|"
    r"mri|ultrasound|x-?rays?|colonoscopy)\b")
_CLINICIANS: Final = re.compile(r"\b(?:doctors?|gp|consultants?|nurses?|they|specialists?|"
                               r"cardiologist|hospital|a&e|dr \w+|radiologist|surgeon)\b")
_WHEN_IT_STARTED: Final = re.compile(r"\bwhen [^?]{0,50}\b(?:started|began|first (?:came|"
                                     r"started))\b")
_ASKING_BEFORE: Final = re.compile(r"\b(?:what|how|why|did|does|has|have|had|when)\b")
_NOW: Final = frozenset({K.DAY, K.ONSET, K.SYMPTOMS})  # kinds answered by life as it is now
# A thing named on its own before the question about it: "And coffee - how many cups…?"
_FRONTED_TOPIC: Final = re.compile(
    r"(?:^|[.?!] )(?:(?:and|but|so|now|ok|okay|right),? )?(?:the |your |that |those |all the )?"
    r"(?P<np>(?!(?:outside|before|after|since|apart|at|in|on|for|with|about|when|if|as|sorry|"
    r"well|yeah|um|thanks|fair|right|okay|ok|so|and|but|now|then|during|around|over)\b)"
    r"[\w'-]+(?: [\w'-]+){0,2}) ?(?:-|—|–|:|,) ?$")
_LOOKING_BACK: Final = next(p for k, _w, p, _s in CUES if k is K.LAST_WELL)


def _looking_back(unit: str, whole: str) -> float | None:
    """A question framed by life before it started, in its own sentence ("Thinking back to
    before the first attack, what did a week look like?"): the frame's score, else None."""
    frame = sentence_before(whole, unit[:20])
    return _WEIGHT[K.LAST_WELL] + 1.2 if frame and _LOOKING_BACK.search(frame) else None


POINTS_BACK: Final = re.compile(r"\b(?:it|that|this|those|these|there|then|they|them|he|she|him|"
                                r"her|his|else|one|ones)\b")


def points_back(unit: str) -> bool:
    """Whether a question leans on the sentences before it: short ("and the bloods?") or with a
    word that points back ("what did it give you?", "what else did you try?")."""
    return len(unit.split()) <= 5 or POINTS_BACK.search(unit) is not None


def is_noun_kind(kind: K) -> bool:
    """A kind that names a subject (work, sleep, alcohol) rather than an aspect of the
    complaint (onset, frequency, triggers)."""
    return _WEIGHT.get(kind) == NOUN


def is_cue_word(words: str) -> bool:
    """Whether a person's keyword is ordinary English for some kind ("mum", "your sister",
    "gp") rather than a name ("priya", "dr mensah")."""
    rest = words
    for kind, _w, pattern, _s in CUES:
        if kind not in (K.NAME, K.DAY):
            rest = pattern.sub(" ", rest)
    rest = re.sub(r"\b(?:my|your|his|her|the|a|an|our|their)\b", " ", rest)
    return not re.search(r"[a-z]{2,}", rest)


def is_unknown(text: str) -> bool:
    """A question about something no fact sheet holds ("what's your blood group?")."""
    return UNKNOWN_RX.search(text) is not None


def asks_unknown_fact(text: str, slot: Slot | None) -> bool:
    """A factual-looking question with no kind: "what's your blood group?"."""
    del slot  # a who/where/when question with no kind may be about a topic: not "no idea"
    return bool(ATTRIBUTE_RX.search(text)) or bool(UNKNOWN_RX.search(text)) or text.startswith(
        ("do you know", "do you happen to know"))
