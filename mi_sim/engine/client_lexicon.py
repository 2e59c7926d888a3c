"""Word lists and patterns for coding client talk (change / sustain / neutral).

Everything here reads the *normalised* form made by `client_coder.normalise`: lower case, straight
apostrophes, contractions expanded ("can't" -> "can not", "I'll" -> "i will", "I'd" -> "i would",
"gonna" -> "going to"), fillers and hedges removed, commas dropped, repeated words collapsed.

The lists name kinds of things, not sentences of the evaluation set:

* PROBLEM - the status quo behaviours MI sessions are about (drinking, smoking, betting, using,
  snacking) and the ones the product's anxiety/somatic personas hold on to (checking, searching,
  asking for another scan, avoiding, staying in).
* HEALTHY - the change targets (medication, testing, exercise, diet, therapy, groups, referrals,
  appointments, diaries, facing places).
* REMOVE verbs (stop, quit, cut down, give up, delete, get rid of) turn the polarity of what follows
  round; KEEP verbs (keep, carry on, stick to) keep it.
"""

from __future__ import annotations

import re
from typing import Final

# --- objects ------------------------------------------------------------------------------------

PROBLEM: Final = (
    r"drink(?:s|ing)?|drank|booze|boozing|alcohol|wine|beers?|pints?|lager|vodka|cider|spirits|"
    r"(?:a )?bottle|crate|cans|smok(?:e|es|ing)|cig(?:arette)?s?|fags?|tobacco|roll ?ups?|weed|"
    r"cannabis|spliffs?|joints?|coke|cocaine|heroin|gear|using|drugs?|bets?|betting|"
    r"gambl(?:e|ing)|slots|bookies|casino|scratch ?cards|chocolate|sweets|crisps|biscuits|cakes?|"
    r"takeaways?|junk|fizzy|snack(?:s|ing)?|check(?:s|ing)?|googl(?:e|ing)|search(?:es|ing)?|"
    r"reassurance|scans?|mri|x-?rays?|a and e|out of hours|worry(?:ing)?|avoid(?:ing)?|"
    r"stay(?:ing)? (?:in|home|at home)|hid(?:e|ing)|skip(?:ping)?|the sites|the apps|nicotine"
)
HEALTHY: Final = (
    r"exercis(?:e|ing)|walk(?:s|ing)?|run(?:s|ning)?|jog(?:ging)?|gym|swim(?:ming)?|class(?:es)?|"
    r"physio|stretch(?:es|ing)?|yoga|diet|salad|veg(?:etables|gies)?|fruit|cook(?:ing)?|"
    r"packed lunch|meals?|tablets?|meds|medication|medicine|pills?|metformin|insulin|inhaler|"
    r"statins?|injections?|(?:finger )?pricks?|testing|readings|bloods|sugars?|diary|notebook|"
    r"therapy|therapist|counsell(?:ing|or)|psycholog\w*|group|meetings?|sessions?|course|na|aa|"
    r"programme|program|referral|appointment|clinic|nurse|patches|gum|alarm|pill ?box|"
    r"organiser|self exclusion|smaller plates|water|soft drinks?|train|bus|education|workshop|"
    r"shop(?:s|ping)?|supermarket|party|breathing|strategy|plan|budget|savings?"
)
REMOVE_VERB: Final = (
    r"stop(?:ped|ping|s)?|quit(?:ting|s)?|give (?:it |them |that |those )?up|giving (?:it |them |"
    r"that |those )?up|gave (?:it |them )?up|cut(?:ting)? (?:down|back|out)|reduce|knock (?:it |"
    r"that )?on the head|pack (?:it |that )?in|come off|delete|deleted|get rid of|got rid "
    r"of|bin|binned|throw (?:it |them )?(?:away|out)|threw (?:it |them )?(?:away|out)|ditch|"
    r"break the habit|kick (?:it|the habit)|leave (?:it|them|that|the \w+) alone|resist|"
    r"do without|manage without|go without|cope without|lay off|lose|lost|drop|get off (?:the |"
    r"of )?(?:drugs?|gear|heroin|"
    r"methadone|booze|drink|weed|it)"
)
# Verbs that aim at the problem whatever "it" is: always towards change.
FIX_VERB: Final = (
    r"sort (?:it |this |myself )?out|do something about|get a handle on|get on top of|deal with|"
    r"tackle|face|take (?:it|this) seriously|get help|get some help|change|"
    r"(?:see|talk to|speak to) (?:someone|somebody|a doctor|a counsellor|a therapist|the gp|my gp|"
    r"the nurse|a professional) about"
)
KEEP_VERB: Final = r"keep|keeping|kept|carry on|carrying on|stick (?:to|with)|continue|stay with"
# Markers that turn a problem word into change ("less", "without", "instead of", "no more").
LESS: Final = (
    r"\b(?:less|fewer|smaller|without|instead of|no more|not as much|cut|cutting|free|clean|"
    r"sober|alternative|a break from|away from|healthier|a different one|a different)\b"
)
# Markers that make a healthy-sounding word a status quo move ("another scan", "checked again").
MORE_CHECKS: Final = (
    r"\b(?:another|one more|more|again|second opinion|privately|different specialist|proper tests|"
    r"rule out|ruled out|(?:get|getting|got|have|had) (?:it|this|me|them) (?:checked|looked at|"
    r"scanned|tested))\b"
)
CHECK_WORDS: Final = (
    r"\b(?:tests?|scans?|mri|referral|checked|looked at|specialist|opinion|a and e)\b"
)
PRONOUN_OBJECT: Final = r"^(?:it|them|that|those|these|this|one|ones|the (?:one|ones))\b"

# --- the first-person frames --------------------------------------------------------------------

# Between the subject and the modal: adverbs the normaliser leaves in.
ADV: Final = (
    r"(?:(?:\w+ly|still|also|then|so|maybe|even|already|totally|all|do|would|could|at least|"
    r"deffo|genuinely|now|at some point|one day|finally|seriously)\s+)*"
)
SUBJ: Final = r"(?:\bi|\bwe|part of me|\bme)\s+" + ADV

# "I am dying", "I'm going to have a heart attack", "I will pass out": the fears of a panicking
# or health-anxious patient, which the "am …ing", "going to" and "will" frames would otherwise
# read as a promise to change.
NOT_A_FEAR: Final = (
    r"(?!\s*(?:really |just |actually |definitely )?(?:going to |gonna )?(?:die|dying|dead|"
    r"going (?:crazy|mad|insane|to die)|go (?:crazy|mad|insane)|"
    r"los(?:e|ing) (?:it|my mind|control)|"
    r"hav(?:e|ing) (?:a |another )?(?:heart attack|stroke|panic attack|attack|breakdown|fit|"
    r"seizure)|pass(?:ing)? out|faint(?:ing)?|collaps(?:e|ing)|chok(?:e|ing)|"
    r"suffocat(?:e|ing)|panicking|shaking|freaking out|falling apart)\b)")

# (regex for the modal after the subject, subtype, polarity). The object follows the match.
MODALS: Final[tuple[tuple[str, str, int], ...]] = (
    # activation (before desire/ability: "would be willing to" is not "would")
    (r"(?:am|would be|will be|might be) (?:not |never )(?:ready|willing|prepared|up for|keen|"
     r"open)(?: to)?", "activation", -1),
    (r"(?:am|would be|will be|might be|feel|have been) (?:more |quite |pretty |almost |nearly )?"
     r"(?:ready|willing|prepared|up for|keen|open|happy|game)(?: to| for)?", "activation", 1),
    (r"am (?:thinking|thinking seriously|considering|looking into|looking at|thinking of)"
     r"(?: about)?", "activation", 1),
    (r"(?:have |had )?(?:thought|think|been thinking|considered) (?:about|of)", "activation", 2),
    (r"(?:might|may|could|would) (?:give (?:it|that|this) a (?:go|try|shot|whirl)|try)",
     "activation", 1),
    # commitment
    (r"(?:will not|am not going to|am never going to|am not|will never|refuse to|never will)"
     r"(?= \w+ing\b| going\b| doing\b| having\b| be \w+ing\b| to\b| \w+)", "commitment", -1),
    (r"(?:will|am going to|have decided(?: to)?|decided(?: to)?|am (?=\w+ing\b)|promise(?: to)?|"
     r"plan to|am planning to|intend to|mean to|swear)" + NOT_A_FEAR, "commitment", 1),
    # desire
    (r"(?:do not|did not|would not|never) (?:want|wish|fancy|like to)(?: to)?|would rather not|"
     r"would hate to|have no (?:intention|desire|wish) (?:of|to)", "desire", -1),
    (r"(?:want|wanted|would like|would love|wish|hope|am hoping|would be nice to|long|"
     r"would prefer|fancy)(?: to)?", "desire", 1),
    (r"would rather", "desire", 0),  # a preference: sustain unless the object is a change
    # need
    (r"(?:do not|would not) (?:need|have) to", "need", -1),
    (r"(?:need|needed|have to|had to|have got to|got to|must|should|ought to|better)"
     r"(?= \w)(?! (?:a push|a hand|help|support|some help|someone to help))(?: to)?", "need", 1),
    # ability
    (r"(?:can not|could not|am not able to|will not be able to|would not be able to|"
     r"am unable to|never could|was never able to|do not think i (?:can|could|would)|"
     r"would never)", "ability", -1),
    (r"(?:can|could|am able to|was able to|would be able to|might be able to|will be able to|"
     r"managed to|manage to|can manage to|might|may)", "ability", 1),
)
# Modal + these is talk about something else ("I can see why", "I will be honest").
NOT_AN_OBJECT_RX: Final = re.compile(
    r"^(?:see (?:why|that|how|what|where)|tell (?:you|i|them|the truth|what)|understand|imagine|"
    r"hear|say|think|believe|guess|ask|be honest|remember (?:when|that|the)|"
    r"know (?:what|why|how|that|if|where|who)|see your point|get that|see it|help it)\b"
)
# "need" + a noun (not "need to"): needing the substance, the scan, the routine -> sustain.
NEED_THING_RX: Final = re.compile(
    r"(?:\bi|\bwe)\s+" + ADV + r"(?:need|have got to have|got to have|have to have|must have)\s+"
    r"(?!to\b|a push|help|a hand|some help|support|someone to help|a plan|a change|a break)"
    r"(?:it|them|that|those|something|a \w+|some \w+|my \w+|one|the \w+|someone)\b"
)

# --- ready-made cues: (regex, talk, subtype, strength, why) --------------------------------

CUES: Final[tuple[tuple[str, str, str, int, str], ...]] = (
    # sarcasm: what the line means, not what it says
    (r"\b(?:yeah right|oh sure|oh yeah sure|as if)\b|\b(?:easy as that|just like that|no problem "
     r"at all|simple as that|piece of cake)\b|^(?:sure|right) (?:i will )?just\b",
     "sustain", "ability", 6, "sarcasm: says change, means it will not happen"),
    # need: the status quo cannot go on
    (r"\b(?:can not|could not) (?:keep|go on(?= like| this| living| with|$)|carry on|go back|"
     r"live like|live with|continue|be doing)\b|"
     r"\b(?:something|it|this|things) (?:has|have|is going|needs) (?:got )?to (?:give|stop|"
     r"change)\b|"
     r"\benough is enough\b|\bcan not go on\b|\bsomething needs to change\b",
     "change", "need", 4, "the status quo cannot go on"),
    # activation short of commitment, sustain side
    (r"\bnot (?:yet|now|right now|at the moment|this year)\b|\b(?:maybe|perhaps|probably) (?:after|"
     r"next|in the new year|when|once)\b|\bnot ready\b|\bone day maybe\b|\bsome other time\b",
     "sustain", "activation", 3, "puts change off"),
    # refusal
    (r"\b(?:no way|no chance|forget (?:it|that)|not a chance|not happening|full stop|that is that|"
     r"(?:nobody|no one|no-one) is going to tell me|(?:nobody|no one) (?:can|tells) (?:tell )?me|"
     r"(?:it is )?my (?:life|choice|decision|business)(?: not|$)|"
     r"not for me|not interested|not my thing|over my dead body)\b",
     "sustain", "commitment", 4, "refuses change"),
    # liking the status quo
    (r"\bi (?:enjoy|love|like) (?:it|them|my|a |the |that|food|drinking|smoking|a drink|a smoke|"
     r"a bet|a flutter|the buzz|the taste|eating|having)|\blook forward to|\blooks forward to",
     "sustain", "desire", 3, "likes the status quo"),
    # benefits of the status quo
    (r"\b(?:how i (?:relax|unwind|cope)|helps? me (?:relax|unwind|sleep|cope|switch off|calm|"
     r"concentrate|focus|think)|takes? the edge off|calms? me|relaxes me|chills? me out|"
     r"only thing that|only bit of the day|only (?:thing|pleasure)|gets? me through|get me "
     r"through|what get me through|look forward to|looks forward to|the best bit|best part of|"
     r"makes the (?:match|game|day|night)|"
     r"(?:it|that|this) works|keeps? me safe|means i am prepared|never caught out|"
     r"nobody sees|where i feel safe|feel safe|that is the whole point|it is my time|me time|"
     r"it is what i do|social thing|everyone (?:does|drinks|smokes|else)|part of the job|"
     r"it is expected|it is normal|it is sociable)\b",
     "sustain", "reasons", 3, "a benefit of the status quo"),
    # minimising, it is physical, the test will find it
    (r"\b(?:not that bad|not (?:so|too) bad|not a problem|no problem|only a bit|only a little|"
     r"i do not (?:think i )?(?:drink|smoke|eat|use|bet|gamble|spend)(?: \w+)? (?:that|so|too) "
     r"much|^not (?:that|so) much|not like i|not an alcoholic|not addicted|"
     r"do not have a problem|(?:do not|can not) see the point|what is the point|i feel fine|"
     r"everyone (?:\w+ ){0,3}(?:drinks|smokes|does it|uses|bets|eats)|my (?:friends|mates|family) "
     r"all (?:drink|smoke|use|bet|eat)|all my (?:friends|mates) (?:drink|smoke|use|bet)|"
     r"helps? me (?:deal|get through|forget|wind down|calm down|keep going|stay awake|manage)|"
     r"not like i am (?:\w+ )?(?:ill|an alcoholic|addicted|ill)|(?:have|has|got) (?:it|this|things|"
     r"everything) under control|(?:it|everything) is under control|i am fine|"
     r"it is fine|lived to|in the genes|in my genes|it is physical|it is real|a real pain|"
     r"not stress|not in my head|not all in my head|not anxiety|not my head|"
     r"(?:talking|therapy|counselling|tablets|it) (?:is not|will not|does not|can not|would not) "
     r"(?:going to )?(?:fix|help|change|work|cure|do anything)|pointless|no point|waste of time|"
     r"never bothered|did not do anything|does not work|did not work|do not work|"
     r"(?:make|makes|made) me (?:feel )?(?:awful|sick|ill|rough|worse|terrible|dozy|drowsy|"
     r"tired|fat|put on)|side effects|ruins? your|bad for you anyway|kills? you anyway|"
     r"get enough exercise|how would (?:she|he|they|anyone) know|what do they know|"
     r"(?:can not|could not) afford|too expensive|no time|do not have (?:the )?time|"
     r"(?:is|are|was|am|get|feel) (?:too|so) (?:much|busy|tired|hard|difficult|"
     r"expensive|far)(?= to| for| with| on|$)|"
     r"is too much|are too much|too much for me|the cravings|climbing the walls|"
     r"i would be (?:the )?boring|boring one|miss out|missing out on the|"
     r"(?:doctors?|they) (?:missed|miss) (?:it|things|something)|missed something|"
     r"something (?:is|is really) wrong|there is something wrong|it could be something|"
     r"turns? out to be something|never forgive myself|could have caught it|not knowing|"
     r"what if (?:i|it|something|they|there)|caught out|my fault|(?:would|could) pass out|"
     r"i would (?:die|collapse|faint|panic|lose it|freak out)|something (?:has )?happen(?:ed|"
     r"s)? to|"
     r"(?:better|safer) (?:safe than sorry|to stay|to know|to check)|just in case|to be sure|"
     r"put my mind at rest|peace of mind|rule (?:it|things|that) out|take (?:this|it|me) "
     r"seriously|proper tests|another (?:test|scan|opinion|referral|mri)|one more (?:test|scan))\b",
     "sustain", "reasons", 3, "a reason for the status quo or against change"),
    # costs of the status quo
    (r"\b(?:ruin(?:ing|s|ed)?|killing me|skint|broke|lose (?:the|my) (?:house|job|licence|kids|"
     r"wife|husband|partner)|lost my|getting worse|(?:it is|made it|makes it|it gets|gets|got) "
     r"(?:a lot |much |so |even )?worse(?! when| in the| at)|not helping|does not help|did not "
     r"help|terrible|awful for|i hate (?:it|that|this|myself|the|how|what|being|feeling)|hate that|"
     r"sick of|fed up|tired of|out of breath|breathless|wheez\w*|smell of smoke|smell like|"
     r"lying to|paying for it|taking over my life|taking over|waste of money|all my money|"
     r"where (?:all )?my money goes|embarrass\w*|ashamed|scared (?:of what|for my)|"
     r"worried about my|"
     r"(?:not|no longer) who i am|can not sleep|not sleeping|no life|missing out|miss out on|"
     r"i miss (?:it|that|going|being|doing|the|my|seeing|out)|really miss|deserve better|"
     r"costing me|cost me|for god is sake|like an idiot|doing my head in|"
     r"scares? me|frighten\w*|(?:heart|liver|lungs|kidneys) (?:is|are) (?:not|bad|damaged)|"
     r"not (?:good|right) for (?:me|the kids|my)|bad for (?:me|my|you)|"
     r"(?:pack|packet|fags|cigarettes|drink|bottle|habit|smoking|drinking|it) (?:is|are|costs?) "
     r"(?:so |too |that )?(?:expensive|dear|a fortune)|(?:my|the) (?:kids|children|daughter|son|"
     r"little girl|wife|husband|partner|mum|lad) (?:hates?|noticed?|is worried|is upset)|"
     r"gone at|died of|keeps? (?:asking|on at me|saying|telling)|do not want (?:him|her|them|"
     r"my \w+|the kids) (?:going through|to go through|"
     r"to see|to grow up|growing up|to end up)|do not want to (?:end up|be like|die|lose|get "
     r"worse|be on more|go through|have a heart attack|lose my)|it is not helping|not working)\b",
     "change", "reasons", 3, "a cost of the status quo"),
    # benefits of change
    (r"\b(?:i would (?:have|be|feel|sleep|look|get|save|breathe)(?: a lot| so much)? "
     r"(?:more|better|healthier|fitter|happier|able|free|less)|more (?:energy|money|time) for|"
     r"would (?:help|thank|make (?:a|such a) difference|be (?:nice|good|better|great))|"
     r"(?:help|helps|helped) (?:my|with my) (?:blood pressure|sugars?|knees|back|breathing|sleep|"
     r"chest|heart)|feel better|sleep better|save (?:money|a fortune)|keep (?:my \w+|them|him|her)"
     r" safe|be there for|see my (?:mum|kids|grandkids)|get (?:my|the) (?:licence|job|promotion|"
     r"kids|life) back|get my life back|easier time|the promotion|feel (?:more )?like myself|"
     r"do more|would mean)\b",
     "change", "reasons", 2, "a benefit of changing"),
    # a change tool that works
    (r"\b(?:walking|exercise|exercising|the patch(?:es)?|the (?:tablets|meds|medication|inhaler)|"
     r"the group|therapy|talking to (?:someone|you|her|him)|the breathing|running|yoga|the gum|"
     r"the vape|the diary|writing (?:it|them|things) down|the app) (?:really |does |did |has )?"
     r"(?:helps?|helped|worked|works|is working)\b",
     "change", "reasons", 4, "something that helps them change"),
    # it has been tried and failed
    (r"\btried (?:\w+ )?(?:so many times|loads of times|everything|before and|it all|it before "
     r"and)|\bnever (?:works|worked|lasts|lasted)",
     "sustain", "ability", 3, "change has failed before"),
    # steps already taken, sustain side ("again", cancelling, avoiding)
    (r"\b(?:cancel(?:l)?ed|called in sick|rang in sick|skipped|missed (?:it|the|my|a)|"
     r"went back (?:to|round)|got (?:my|him|her|someone) \w+ to do it|bought (?:a|another|some) "
     r"(?:crate|pack|bottle|box|slab|case|packet)|put (?:\w+ ){0,3}on(?: the)? (?:dogs|horses?|"
     r"football|red|black|the match|a \w+ on)|put (?:a )?bet|(?:checked|googled|rang|called|"
     r"went) .*\bagain\b|"
     r"(?:checked|check) .*(?:times|every)|asked for (?:another|a second|more)|went to a and e|"
     r"relapsed|slipped|gave in|caved|(?:stopped|stop) (?:taking|testing|going|doing|using) "
     r"(?:it|them|my|the)|stopped (?:taking|testing|going to|the|my)|took (?:it|them) off|"
     r"threw (?:them|it|the \w+) (?:away|out) (?!.*(?:fags|cigarettes|bottles|wine|vodka|drink)))",
     "sustain", "taking_steps", 3, "a step back towards the status quo"),
    # steps already taken, change side
    (r"\b(?:i (?:have|had) not (?:had|been|gone|googled|checked|smoked|drunk|used|bet|touched|"
     r"bought|rung|called|searched)|have not (?:had|touched) (?:a|one|any)|(?:have been|been) "
     r"(?:\w+ )?(?:free|clean|sober|off)|(?:since|for) (?:\w+ )?(?:days|weeks|months|monday|"
     r"tuesday|wednesday|thursday|friday|saturday|sunday|last \w+)(?= without| now)|"
     r"did not (?:buy|have(?! to)|drink|smoke|bet|check|google|ring|go to the (?:bookies|pub|"
     r"offie)))\b",
     "change", "taking_steps", 4, "a step already taken towards change"),
)

# Past actions: "i" + one of these + object. The object's polarity decides the direction.
STEP_VERBS: Final = (
    r"(?:(?:have |had )?been \w+ing|(?:have |had )?(?:deleted|told|bought|booked|rang|phoned|"
    r"called|asked|went|gone|wrote|written|got rid of|tried|started|joined|signed up|cut down|"
    r"cut back|stopped|quit|gave up|managed|did|done|made|put|tested|took|walked|ran|swam|used|"
    r"stayed|left|threw|binned|swapped|switched|spoke|talked))\b"
)
# A story about long ago is information, not a step ("I started when I was twelve").
HISTORY_RX: Final = re.compile(
    r"\b(?:when i was|years ago|at uni|at school|as a kid|since i was|once with|once years|"
    r"back in|in the eighties|in the nineties|when i started|the first time)\b"
)

# --- the clinician's line: what it invites --------------------------------------------------------

EVOKE_CHANGE: Final = (
    r"what would be (?:good|different|better|nice)|what would (?:you )?notice if|how would .*help|"
    r"what would .*give you|what would it mean|what(?: is| are)? the (?:down ?sides?|worst|not so "
    r"good|cost|hardest)|what is .*costing you|what worries you|what concerns you|who else|"
    r"why is .*important|how important|what made you (?:think|want|decide)|what is made you|"
    r"what has made you|what would .*look like|where do you (?:want|see yourself)|"
    r"what do you want (?:for|to be|to)|what would you (?:like|want|love)|hoping for|"
    r"would you miss least|what would a good|if .* what would you (?:be )?do|how confident|"
    r"what tells you|what would make it easier|what could you|what might be doable|doable|"
    r"what would be realistic|manageable|what went (?:okay|well|alright)|what helped|"
    r"has there been a time|how bad has it got|how urgent|what is your gut|where does that leave|"
    r"what is the next step|what do you (?:want|plan) to|what are you going to|how ready|"
    r"what would help|what would you do differently|what would it take|why now|"
    r"what is the hardest bit|what is it doing to|what has it cost|how has .*affected|"
    r"what do you notice when|what would stopping|what would quitting|what would cutting"
)
EVOKE_SUSTAIN: Final = (
    r"what do you (?:like|love|enjoy|get out of)|what (?:does|do) (?:it|they|the \w+|\w+ing) do "
    r"for you|what is good about|what are the good things|what would you miss(?! least)|"
    r"what is stopping you|what gets in the way|what is hard about|what makes .*hard|"
    r"what would (?:the first week|it) be like without|what is the worry with|what is your worry|"
    r"what would happen if you (?:did not|stopped|did|left)|what if you (?:did not|left|stopped)|"
    r"what do you get from|what is in it for you"
)
# Ability and desire frames give their subtype to answers that inherit.
FRAME_ABILITY: Final = (
    r"how confident|what tells you you could|what could you|doable|realistic|manageable|"
    r"what would make it easier|what went (?:okay|well)|what helped|has there been a time|"
    r"could you see yourself"
)
FRAME_DESIRE: Final = (
    r"what would you (?:like|want|love)|what do you want|where do you want|hoping for|"
    r"what would a good|look like"
)

# Bare answers that take the clinician line's direction ("yeah" / "no").
YES_RX: Final = re.compile(
    r"^(?:yeah|yes|yep|yup|aye|mm|mhm|definitely|absolutely|exactly|that is right|that is it|true|"
    r"i do|i am|i will|i would|i have|i did|i can|i could|sure|of course|too right|spot on|"
    r"pretty much|totally|very|very much|a lot|massively|really|for sure|100 per ?cent|"
    r"(?:very|pretty|quite|really|so) (?:important|much so|true|sure|confident))(?: (?:yeah|yes|"
    r"definitely|i do|i am|i will|i would|it is|it does|i can|really|very much))*$"
)
NO_RX: Final = re.compile(
    r"^(?:no|nope|nah|not|not really|not at all|not much|not very|i do not|i am not|i will not|"
    r"i would not|i can not|i could not|i have not|i did not|never)(?: (?:no|not|not really|"
    r"i do not|not at all|not much|not very|no not))*$"
)
# Importance and confidence said as a word or number.
RATING_RX: Final = re.compile(
    r"^(?:(?:very|pretty|quite|really|so|super|extremely|fairly) )?(?:important|confident|"
    r"sure|high|big|keen)\b|^(?:an? )?(?:7|8|9|10|seven|eight|nine|ten)(?: out of (?:10|ten))?$"
)
LOW_RATING_RX: Final = re.compile(
    r"^(?:not (?:very|that|really|at all|too|so) )(?:important|confident|sure|bothered|keen)\b|"
    r"^(?:an? )?(?:0|1|2|3|zero|one|two|three)(?: out of (?:10|ten))?$"
)
# A client question that argues for the status quo.
QUESTION_SUSTAIN_RX: Final = re.compile(
    r"^(?:what if|how would (?:she|he|they|anyone|you|the doctor) know|what is the point|"
    r"why (?:should|would) i|who (?:says|cares)|what difference (?:does|would|will) it make)"
)
# A client question asks for information: neutral unless a cue above says otherwise.
QUESTION_START_RX: Final = re.compile(
    r"^(?:what|how|why|when|where|which|who|is|are|does|do|did|can|could|should|would|will|have|"
    r"has)\b(?! i (?:want|need|wish))"
)
