"""The English the form reader looks for: one compiled pattern per cue, read top to bottom.

Every pattern runs on a unit normalised by `segmenter.normalise` (lower case, straight quotes,
contractions expanded: "what's" → "what is", "don't" → "do not", "i'd" → "i would"). Patterns
are plain alternations with bounded gaps, so matching stays linear in the line's length.
"""

from __future__ import annotations

import re
from typing import Final

from mi_sim.engine.lexicon import AUX, WH


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---------------------------------------------------------------------- social acts

CLOSING_RX: Final = _rx(
    r"\b(?:is there )?anything (?:else )?(?:from today )?(?:(?:that )?you(?:'d| would)? (?:like|"
    r"want) to,? |you want to,? )(?:ask me|take away|take with you)\b|\bany (?:other |more |last )?"
    r"questions (?:for me|before (?:you|we))\b|\bbefore you head off\b|\bif next time,? we (?:came "
    r"back and |come back and |could )?(?:look|looked|focus|focused|talk|talked|went|go)\b|"
    r"\b(?:would you like to|shall we|could we|can we|do you want to|would you be up for) "
    r"(?:meet|meeting|see each other|come back|coming back)(?: \w+){0,2} (?:again|once more|"
    r"another time)\b|\b(?:come|coming) back for (?:one more|another|a second|a follow-up|a "
    r"further) (?:session|appointment|chat|talk|meeting)\b|"
    r"\b(?:would you like to|shall we|could we|can we|do you want to|would you be up for|how "
    r"about we|fancy) (?:have|having|do|doing|book|booking) (?:another|a follow-up|a second) "
    r"(?:chat|natter|catch-up|catch up|session|talk|appointment|meeting|cuppa)\b|"
    r"\b(?:(?:we are|we have|we have got|we are just|we are about) (?:nearly |almost |just about "
    r"|about |running )?(?:out of|at the end of|coming to the end of|running out of|up against) "
    r"(?:time|our time)|that is (?:all|about all) (?:we have|the time)|(?:let us|we will|we should"
    r"|we had better|we will have to|we need to) (?:stop|finish|wrap (?:up|it up|things up)|end|"
    r"leave it) (?:there|here|for today|now|up)|(?<!could )(?<!can )(?<!would )(?<!might )"
    r"(?<!actually )(?<!people )(?<!they )(?:see|speak to|talk to) you (?:next|soon|then|on|"
    r"in|again|at|later)|until next (?:time|week)|same time (?:next|in (?:a|two|three|\d+) "
    r"(?:weeks?|fortnight))|same time,? then\b|take care|goodbye|bye(?:-bye)?"
    r"|have a (?:good|nice|great|lovely) (?:day|week|weekend|evening|afternoon)|(?:shall|should|"
    r"can|could) we (?:meet|book|pencil|arrange|schedule|get together) (?:again|another|in|next|"
    r"for)|(?:shall|should|can|could) (?:i|we) (?:just )?(?:book|pencil|get) (?:you )?(?:in|a|"
    r"another|an) (?:follow-up|appointment|half hour|session|review|to see)?|(?:shall|should|can|"
    r"could) i (?:give you a (?:ring|call|bell)|ring you|call you|phone you|text you|check in with "
    r"you|pop back|come back)\b[^?]{0,40}\b(?:next|in (?:a|two|three|\d+)|tomorrow|to see how)|"
    r"meet again in (?:a|two|three|\d+) (?:wks?|weeks?|fortnight)|"
    r"(?:meet|come back|coming back|see each other|catch up) (?:again )?(?:next|in (?:a|two|three) "
    r"weeks?|in a fortnight|in a (?:couple|few) (?:of )?weeks)|(?:want|like|be up for|be happy) "
    r"to (?:come back(?! to (?:that|this|it|what|the|your|you)\b)|meet again|talk again)|come "
    r"back (?:and (?:talk|see me|chat)|"
    r"again)|"
    r"(?:i will|i'll|shall i|can i|i could) (?:pop|come|call|drop) (?:back|round|by|in)(?: \w+)"
    r"{0,3} (?:next|on|in|again|tomorrow)|"
    r"our (?:next|follow-up) "
    r"(?:appointment|session|meeting)|before you "
    r"go(?! (?:out|in|into|to|back|up|down|round|over|and|through|off|on|there|home|anywhere|"
    r"somewhere|out the door)\b)|"
    r"for today,? (?:then|i think)|let us (?:call it|leave it) (?:a day|there|for today)|end "
    r"(?:our|the) session|our time is (?:up|nearly up|almost up)|pick (?:this|that|it|things) "
    r"(?:up|back up)(?: from (?:there|here|that))? (?:next time|next week|again)|(?:a|another|a "
    r"further|a separate) follow-up (?:appointment|session|visit|call)|see you (?:back )?"
    r"in (?:a|two|three|four|five|six|\d+) (?:weeks?|days?|months?)|(?:does|would|will) (?:the "
    r"\w+|that date|that time|next \w+) (?:suit|work for) you|we are (?:at|"
    r"out of) time|good luck with|i "
    r"will (?:ring|call|phone|see|email|write to) you (?:on|next|in|after|tomorrow|soon)|(?:your"
    r"|our|the) next (?:appointment|session|meeting|visit)|stop us there|(?:get you )?booked in "
    r"for|(?:minutes|minute) left|take it easy|that is (?:time|us out of time)|shall we say "
    r"(?:two|three|four|next|a)|let you get (?:back|off|on)|(?:it has |it was )?been (?:really )?"
    r"(?:good|nice|lovely|great) (?:meeting|talking to|to meet) you|(?:we will|we can|let us|i "
    r"will|we shall|shall we) (?:speak|talk|chat|catch up|touch base) (?:again|next|in (?:a|two|"
    r"three|four|\d+) (?:weeks?|days?|fortnight|months?))|(?:speak|talk|chat) again (?:in|next|"
    r"on|after|soon)|i will (?:ring|call|phone) you (?:back|again))\b"
)
# Safety-netting at the end of a call: "if things get worse, or the pain feels different, ring
# us or 111"; a condition and where to turn, said as the conversation closes.
SAFETY_NET_RX: Final = _rx(
    r"\bif (?:it|things|they|the [a-z]+|anything|you [a-z]+)\b[^?]{0,80}?"
    r"(?:ring|call|phone|contact|get in touch with|come back to|go to|see) (?:us|me|111|999|the "
    r"(?:surgery|practice|out-of-hours|hospital|gp)|a&e|a and e|your (?:gp|doctor)|a doctor)\b"
)
APOLOGY_RX: Final = _rx(
    r"^(?:(?:oops|whoops|oh),? )?(?:i am (?:so |really |very |truly )?sorry|sorry(?!,? (?:who|"
    r"what|how|where|when|why|which|do|does|did|is|are|can|could|was|were|have|has)\b)|my bad|"
    r"i apologi[sz]e|my apologies|apologies|"
    r"i did not mean (?:to|that)|that (?:came out|sounded) (?:wrong|badly|harsh|the wrong way)|"
    r"i should not have (?:said|put|pushed|jumped|assumed)|forgive me|i take that back|i was "
    r"(?:out of line|too pushy|rushing you|pushing))\b(?!\s+(?:to hear|about your|for your loss|"
    r"you (?:have|are|had|were|went|feel|felt)|that you|it (?:is|has|was) been))"
)
APOLOGY_INSIDE_RX: Final = _rx(
    r"\b(?:sorry(?! (?:to hear|about (?:your|that|the|what)|for your|you|that you|it (?:has|is|"
    r"was)))|my mistake|my bad|i apologi[sz]e|i should not have|i did not mean (?:to|that))\b")
SYMPATHY_RX: Final = _rx(
    r"^(?:i am )?(?:so |really |very )?sorry (?:to hear|about (?:your|that|the|what)|for your|"
    r"(?:that )?you (?:have|are|had|were|went|feel|felt)|it (?:has|is|was)|that (?:happened|this|"
    r"it|you))"
)
REPEAT_REQUEST_RX: Final = _rx(
    r"\b(?:say that again|repeat that|come again|pardon|did not (?:quite |really )?(?:catch|hear|"
    r"get) (?:that|what|"
    r"you)|what (?:did|was) you (?:say|said)(?: (?:again|there|just now|then|before))?(?=(?:,? "
    r"sorry)?\W*$)|what was it you said\b|missed (?:that|"
    r"what you said))\b"
)
THANKS_RX: Final = _rx(
    r"^(?:thank you|thanks|ta for|many thanks|cheers|i (?:really |do )?appreciate|i am (?:really "
    r"|so |"
    r"very )?grateful)\b")
GREETING_RX: Final = _rx(
    r"^(?:(?:hi|hello|hey|hiya)(?![a-z'])|(?:good )?(?:morning|afternoon|evening)(?![a-z'])"
    r"(?! (?:is|are|was|were|with|in|at|on|when|after|before|can|have|has|just|tends?)\b)|"
    r"welcome(?: back)?|how (?:are|"
    r"have) you (?:been )?(?:feeling|doing|keeping)(?: today| since last time)?(?:,|$)|how have "
    r"you been since|how (?:is|are) things(?: today| with you)?(?:,|$)|(?:nice|good|"
    r"great|lovely) to (?:meet|see) you(?: again)?|"
    r"pleased to meet you|lovely to meet you|how are you(?: doing| today| feeling today| keeping)?"
    r"(?: today)?(?:, [a-z]+)?\s*[?.!]*$|how (?:have you been|is your day going|is it going|are "
    r"things|(?:has|have|was) (?:your|the) (?:week|day|weekend|morning|fortnight)(?: been)?)\s*"
    r"(?:today|this morning|so far)?(?:, [a-z]+)?\s*[?.!]*$|my name is|i am (?:dr|doctor|"
    r"nurse|one of the|the|a) ?"
    r"[a-z]*(?:,| and| i| here| from| at| one|$))"
)
INVITE_RX: Final = _rx(
    r"^(?:please,? |mm+(?:-?hm+)?,? |mhm,? |yeah,? |okay,? |sure,? |(?:of )?course,? |yes,? "
    r"|(?:right,? )*sorry,? )?(?:go (?:on|ahead),? (?:and )?(?:explain|tell me|say it|talk)|go on|"
    r"after that|what then|go ahead|carry on|keep going|"
    r"feel free to (?:keep going|go on|carry on|continue)|take your time|continue|tell me more|"
    r"say (?:a (?:bit|little) )?more(?: about (?:that|it|this))?|and then|and|yeah|really|"
    r"i am (?:here|listening)(?: (?:when you are ready|for you|to listen))?|no rush|"
    r"(?:there is )?no hurry"
    r"|then what|what happened (?:then|next|after that)|and after that|i am listening|i am all "
    r"ears|please do|please go on|please continue|i would (?:like|love) to hear (?:it|that|more|"
    r"them|about it)|yes,? please|sure,? go (?:on|ahead)|of course,? go (?:on|ahead)|tell me|"
    r"explain|please explain|please tell me|mm+(?:-?hmm)?,? go on|more about (?:that|it)|"
    r"(?:can|could|would) you (?:say|tell me) (?:a (?:bit|little) )?more(?: about (?:that|it|"
    r"this))?|(?:can|could) you (?:expand|elaborate|explain)(?: on)?(?: that| it| this)?)"
    r"(?:[,.!]+ (?:i am listening|i am here(?: when you are ready)?|what were you going to "
    r"say|sorry,? i did not mean to interrupt(?: you)?|take your time|please))*\s*[?.!]*$"
)
# An answer to the patient's own offer ("Can I explain?" → "Sure.", "Of course, please do.").
ACCEPT_OFFER_RX: Final = _rx(
    r"^(?:yes|yeah|yep|sure|of course|please|please do|go ahead|go on|absolutely|definitely|okay|"
    r"ok|alright|all right|by all means|i would like that|that would be (?:great|helpful|good)|"
    r"i would love that)\b[^?]{0,30}$"
)

# A tentative reflection said as "I wonder if…" ("I wonder if the checking feels like a way of
# keeping him safe"), not a question and not a suggestion ("I wonder if you could try…").
TENTATIVE_REFLECTION: Final = (
    r"i (?:am )?wonder(?:ing)? (?:if|whether) (?!you (?:could|might|would|want|would like)\b)"
    r"(?=[\w' ]{0,40}?\b(?:feels? like|is (?:a|your) way|is about|might be about|could be about|"
    r"has (?:something|a lot) to do with|comes? from|is partly|is because|is how you)\b)")
TENTATIVE_REFLECTION_RX: Final = _rx(r"^(?:so |and |but )?" + TENTATIVE_REFLECTION)

# ---------------------------------------------------------------------- checks and summaries

CHECK_RX: Final = _rx(
    r"(?:^|\b)(?:(?:have|did) i (?:(?:\w+ ){0,5}(?:right|properly|correctly|fairly|accurately|"
    r"the right way round|the gist)|(?:got|get|caught|catch|understood|understand|heard|hear|"
    r"captured|capture|represented|summed|sum)(?: (?:that|this|it|you|everything|it all|all "
    r"that|that all|the gist))?|(?:missed|miss|left (?:anything|something) out|left out|got "
    r"(?:anything|something) wrong)(?: (?:anything|something))?(?: (?:important|out|there))?)"
    r"|(?:is|was) (?:that|this|it) (?:about |more or less |roughly |kind of |sort of |pretty "
    r"much |a )?(?:right|correct|accurate|fair|close|clear|true|how it (?:is|feels|was)|the "
    r"gist|what you (?:meant|mean)|(?:a )?fair (?:summary|description|picture|way of putting "
    r"it))|am i (?:right|on the right track|close|making sense|getting (?:that|this|it) right|"
    r"missing (?:anything|something))|(?<!what )(?<!how )(?:does|would|did) (?:that|this|it|all "
    r"that) (?:sound|seem|feel|come across|make sense|capture|fit|sum it up|ring true|land)"
    r"(?! like in\b)|(?:sound|sounds|"
    r"fair|that|is that) (?:about )?(?:right|fair|correct|okay)(?: summary)?|fair summary|"
    r"anything (?:i have |i )?(?:missed|left out|got wrong)|anything (?:else )?(?:in there|to "
    r"add|you would (?:add|change))|what (?:have|did) i (?:missed|miss|got wrong|get wrong|left "
    r"out)|would you (?:add|change) anything|(?:how )?does that (?:sound|land)|correct me if i "
    r"am wrong|tell me if i (?:have )?got (?:that|it|any of that) wrong|is there anything "
    r"(?:else )?(?:i have |i )?(?:missed|left out|to add)|have i got (?:that|it)|is that it"
    r"|(?:does )?"
    r"that sum it up|you with me|(?:does )?that land(?: ok| okay| alright)?"
    r"|does (?:any of )?(?:that|"
    r"this|it) (?:fit|ring true)|that (?:fair|right)|yeah)\b[^?]{0,40}[?.!]*$"
    r"|(?:^|,\s*)i (?:am guessing|take it|presume|assume|gather|would guess)\s*[?.!]*$"
)  # (a guess said as a statement and left to be confirmed: "no kids yourself, I'm guessing")
# A question asking how what was just said lands ("What do you make of that?").
REACTION_RX: Final = _rx(
    r"\b(?:what do you (?:make|think) of (?:that|this|it|all that|all this|those|these|them|the "
    r"options|those options)|what are your "
    r"thoughts (?:on|about) (?:that|this|it)|any thoughts|how does (?:that|this|it|all that) "
    r"(?:sound|land|fit|seem|sit)|(?:does|did|would) (?:that|this|it|all that|any of (?:that|"
    r"this|it)) (?:make sense|"
    r"sound|land|fit|ring true|seem|ring any bells|ring a bell)|how is that (?:landing|sitting)|"
    r"what is your reaction|how (?:does )?(?:that|this|it) sounds? to you|"
    r"what comes up (?:for you )?(?:when you hear|hearing) (?:that|this))\b"
)
# Information about panic, pain, worry or the body, said in general terms, not back to the
# patient: "it floods the body with adrenaline", "many people find…", "pain and sleep feed each
# other".
INFORMATION_RX: Final = _rx(
    r"\bthe (?:mind|gut|muscles|heart|stomach|immune system) (?:\w+ )?(?:reacts|responds|stays?|"
    r"tightens|speeds|slows|churns)\b|\btension headaches?\b|\bwhich is why\b|\bis what causes\b|"
    r"\b(?:the (?:brain|body|nervous system|alarm system|fight or flight)|adrenaline|"
    r"(?:many|most|lots of|a lot of|some) (?:people|patients)|research|studies|(?:the )?evidence|"
    r"it is (?:very |really |quite |so )?(?:common|normal)|(?:an? |the )?alarm|real danger|"
    r"what (?:happens|we know) is|(?:the )?(?:approaches|treatments|therapies|things) that "
    r"(?:work|help) (?:best|most)?|(?:one thing|something) (?:we know|that is known|research "
    r"shows)|(?:we|doctors|scientists) (?:know|have found) (?:that|is)|(?:is|are) called|"
    r"(?:tension|stress|anxiety|worry|adrenaline) can (?:build|cause|lead|bring|make|trigger)|"
    r"(?:panic|anxiety|worry|pain|stress|fatigue|checking|reassurance|avoidance) (?:can|tends?|"
    r"often|usually|makes|keeps|feeds)|feed (?:each other|off each other)|called (?:cbt|an? "
    r"\w+)|(?:tablets?|medication|ssris?|antidepressants?|sertraline) (?:which|that|can|is|are|"
    r"takes?|work)|(?:two|three|four|a few) (?:main )?(?:routes|options|choices|ways|kinds of "
    r"help|treatments)|vicious (?:circle|"
    r"cycle)|the (?:more|less) (?:you|we|people)|(?:treatment|therapy|cbt|exposure) (?:can|"
    r"helps?|works?|is)|in the short term|in the long run)\b"
)
# An explanation in the clinician's own words: what a test shows, what a word means, how a part
# of the body works ("'Reactive' means the node has responded to something ordinary…").
EXPLAIN_RX: Final = _rx(
    r"\b(?:means?|meant|tells? us|(?:can|cannot|can't|do not|don't) (?:show|tell|measure)|"
    r"rul(?:e|es|ed|ing) out|(?:is|are) part of|nearly always|(?:is|are) (?:an? )?(?:\w+ )?"
    r"(?:condition|system|sign|response|reaction)s?|doctors? (?:expect|find|look for)|"
    r"(?:tests?|results?|scans?|bloods?|mri|ct) (?:show|shows|showed|tell|can|cannot|look|"
    r"are good at)|normal results?|"
    r"which is what|(?:that|this) is why|is the size|structurally|not imagined|when (?:the|your) "
    r"(?:mind|body|brain|nervous system|alarm) (?:is|goes|gets|senses)|builds? (?:up )?(?:through|"
    r"over) the day)\b")
SUMMARY_RX: Final = _rx(
    r"\b(?:(?:want|wanted|would like|just want|can i|could i|may i|let me) (?:just )?(?:to )?"
    r"(?:check|make sure) (?:that )?i (?:have )?"
    r"(?:understood|got|understand|heard)|let me (?:see if i can |try to |just )?(?:summari[sz]e|"
    r"sum (?:that |this |it |up)|"
    r"pull (?:that|this|it|things|all that) together|pull together|recap|check (?:that )?i|make "
    r"sure i|see if i (?:have )?(?:got|get|understood|understand|caught) (?:it|that|this|you|"
    r"everything|all|the)\b)|to "
    r"(?:sum up|summari[sz]e|recap)|in summary|so far,? (?:you|we|i)|just to recap|if i (?:put|"
    r"pull) (?:all )?(?:that|this|it) together|(?:what|so) i (?:am )?hear(?:ing)? (?:is|so "
    r"far)|you have (?:told me|said|mentioned|described) (?:that|a (?:few|couple|lot|number)|"
    r"several|some)|from what you have (?:said|told me)|if i (?:have )?(?:got|understood|heard) "
    r"(?:this|that|you|it|everything) (?:right|correctly|properly)"
    r"|we have talked about|(?:those|these) are (?:your|the) (?:\w+ )?(?:reasons|things|worries)|"
    r"where we have got to|so far,? then|the way (?:it has gone|you see it) is)\b"
)

# ---------------------------------------------------------------------- offers and permission

OFFER_RX: Final = _rx(
    r"\b(?:would (?:it|that) (?:help|be (?:helpful|useful))(?: (?:to you|at all))? (?:if i|for "
    r"me to|to (?:hear|know|talk))|(?<!what )would you (?:like|want|be interested in) (?:me to "
    r"(?:explain|"
    r"tell|go (?:over|through)|share|talk)|(?:to )?(?:hear|know) (?:more|a (?:bit|little)|some|"
    r"what|how|about)|some (?:information|info|ideas|suggestions))|(?:are|would) you (?:be )?"
    r"(?:interested|open) (?:in|to) (?:hearing|knowing|learning|some)|i (?:can|could) (?:explain|"
    r"tell you|go (?:over|through)|share|talk you through|give you some)[^?]{0,60}\bif you "
    r"(?:like|want|wish|would like|are interested)|if you (?:would like|like|want|are "
    r"interested),? i (?:can|could) (?:explain|tell|go|share|talk|give)|i have (?:some|a (?:bit|"
    r"little|few)) (?:information|ideas|thoughts)[^.?]{0,40}(?:if|would|could)|would (?:some|a "
    r"(?:bit|little)(?: of)?) (?:information|explanation) (?:help|be (?:useful|helpful))"
    r"|\bi (?:can|could|will|am happy to|would be happy to|would be glad to)\b[^?]{0,90}\bif "
    r"(?:you (?:ever )?(?:would |do )?(?:like|want|wish|are interested|find|think)|that would|it "
    r"would|it is|that is|you would find|it helps|useful|helpful)|\bif you (?:ever )?(?:would "
    r"like|like|want|wish|are interested|think it would help)(?: it)?,? i (?:can|could|will|am "
    r"happy to)\b|\bhappy to (?:talk|go|explain|share|tell)\b[^?]{0,60}\bif you|\b(?:do you )?"
    r"want (?:a copy|one|me to (?:explain|tell|go|send|write|show))\b|\bwould you (?:like|want) "
    r"(?:a copy|one of these|a leaflet|the leaflet|some reading))|\bif (?:it is|that is|it would "
    r"be|that would be|it might be) (?:useful|helpful|of (?:any )?(?:use|interest)|any use),? i "
    r"(?:can|could|will)\b|\bi (?:can|could) [^?]{3,80}\band you (?:can|could) (?:see|decide|"
    r"choose|pick|tell me)\b|\bi have got (?:some |a (?:bit|few) )?(?:stuff|info|information|"
    r"leaflets?|something|bits) (?:on|about)|\bhappy to (?:go through|talk (?:you )?through|run "
    r"through|explain|go over)|\bi can (?:dig out|give you|send you|get you|print|find you)\b"
    r"|\bshall i (?:run through|go through|talk you through|explain|tell you|go over|share|say "
    r"(?:a bit|a little|more))|\b(?:do you"
    r"|d'you) want (?:the|a|some|me to)\b|\bonly if you are interested\b"
)
PERMISSION_RX: Final = _rx(
    r"\b(?:(?:is|would) it be (?:okay|ok|alright|all right|fine)|(?<!why )(?<!how come )is it "
    r"(?:okay|ok|alright|all right|fine)|(?:would|will|is) (?:that|this) be (?:okay|ok|alright|"
    r"all right)|shall we "
    r"(?![^?]*\b(?:next (?:week|time)|tomorrow|each (?:day|week|night)|every (?:day|week|night))"
    r"\b)(?:have a )?(?:look|talk|go|come back|turn|move|spend|focus|think) (?:a (?:bit|little|"
    r"moment) )?(?:about|at|on|into|over|to|back|through)|(?:can|could|"
    r"may|might) i (?:start with|begin with|go through|run through|ask|share|tell|offer|suggest|"
    r"mention|give|explain|talk|say|check|run|"
    r"throw|bring up|make|add|come back|go back|jump in|interrupt|be honest|pick up|show)|do you "
    r"mind if|would you mind (?:if|me)|mind if i|with your permission|(?:are|would) you "
    r"(?:be )?(?:okay|ok|alright|happy|comfortable) (?:with|if) (?:me|us|we|i)|(?:can|could) "
    r"we (?:talk|look|spend|go|come back|turn|move|switch|focus|think) (?:a (?:bit|little|"
    r"moment) )?(?:about|at|on|into|over|to|back|through|some)|how would you feel about (?:me|us)"
    r" (?:sharing|telling|talking|explaining|asking|looking|going)|is (?:that|it) okay (?:to "
    r"ask|if i ask)|if (?:that|this|it) is (?:okay|alright|all right|fine)(?: with you)?|^(?:okay|"
    r"alright|all right) (?:if|for me to) (?:i|we)|^if (?:i|we) (?:give|share|tell|say|ask|offer|"
    r"explain|mention|suggest|run|check|come back|talk|look|go back|move on)\b|(?:is )?that "
    r"(?:alright|okay|ok|all right) with you|chip in|jump in with|would you let me|let me (?:tell"
    r"|share|"
    r"explain|ask)[^?]{0,60}\?)\b"
)

# ---------------------------------------------------------------------- proposals

# A cue that introduces a step; group "step" is the step as the clinician put it.
_NOT_A_STEP = r"(?!(?:losing|being|failing|dying|missing|ending up|getting worse|going mad)\b)"
_ING = _NOT_A_STEP + r"[a-z]+ing\b"
_STEP_START = (
    r"(?:" + _ING + r"|a |an |one |some |just |maybe |perhaps |the idea of " + _NOT_A_STEP
    + r"|a go at |"
    r"(?:a|one|two|three|the) (?:small|little|short|quick|first|simple) |(?:\d+|two|three|five|"
    r"ten|fifteen|twenty|thirty) (?:minutes?|mins|stops?|days?|nights?|times?|walks?) )"
)
PROPOSAL_RX: Final = _rx(
    r"\b(?:how|what) about (?:if you |you |we |maybe |perhaps |just )?(?P<s1>" + _STEP_START
    + r"[^?]{1,120})"
    r"|\b(?:how|what) about (?:the |your )?(?P<s40>[a-z][^?]{2,120}?),?(?: just)? (?:for|this|"
    r"next|over) (?:the |a )?(?:this )?(?:week|fortnight|month|weekend|night|few days)\b"
    r"|^(?:(?:so|okay|ok|and),? )?(?:do you )?(?:want|wanna|fancy) (?:to )?(?:try|give|have a go "
    r"at|do) (?P<s41>[^?]{2,120})"
    r"|\b(?:what|how) (?:would|do) you (?:think|feel|say|reckon|make) (?:about|of|to),? "
    r"(?:(?:maybe|"
    r"perhaps|just|say|like),? )*(?P<s2>" + _STEP_START + r"[^?]{1,120})"
    r"|\bwhat do you reckon (?:about|to) (?P<s19>" + _STEP_START + r"[^?]{1,120})"
    r"|\b(?:could|can|would) you (?:maybe |perhaps |just )?(?:do|try|manage) (?P<s60>(?:something|"
    r"one (?:thing|step)|a (?:thing|step)) (?:small|little|tiny|easy)[^?]{0,160})"
    r"|\b(?:would|could) you (?:be )?(?:willing|up for|open|prepared|happy|keen|game) "
    r"(?:to (?:try|give|consider|do|have|think about) |to |for |at )?(?P<s3>[^?]{2,240})"
    r"|\bare you (?:willing|up for|open|prepared|game|keen) (?:to (?:try|give|consider) |to |"
    r"for )?(?P<s4>[^?]{2,240})"
    r"|\b(?:are you|would you be|could you be) (?:happy|okay|ok|alright|all right|comfortable) "
    # "are you happy to stay at home tonight and ring if it changes?": the plan put to them
    r"(?:to|with) (?P<s61>(?!(?:that|this|it|how|what|where|the way|your|my|things)\b)"
    r"[^?]{2,240})"
    r"|\bwould you (?:consider|think about|like to try|want to try|try|be willing to try|give|"
    r"want to give) (?P<s5>[^?]{2,240})"
    r"|\b(?:maybe|perhaps) (?:you (?:could|might|can) )?(?P<s6>(?:try|swap|switch|cut|keep|"
    r"start|stop|write|book|walk|go|take|use|put|set|have|give|ask(?! me)|tell(?! me)|call|ring|"
    r"text|join|"
    r"plan|pick|leave|limit|drink|eat|do|read|practi[sc]e|note|track|log|spend|make)\b[^?]{1,120})"
    r"|(?:^|, |; |- |so |then |and |or |maybe |perhaps )you (?:could|might|can) (?:always |maybe "
    r"|perhaps |just "
    r")?(?P<s7>(?!say|tell me|see|"
    r"call it|be |argue|imagine|think|feel|find|get |have been|not )[a-z]+\b[^?]{2,240})"
    r"|\b(?:i would|i) (?:suggest|recommend|propose|encourage you) (?:that you |you |maybe |"
    r"to )?(?P<s8>[^?]{2,240})"
    r"|(?<!of )(?<!about )(?<!is )(?<!that )\bwhy (?:not|do you not|do not you) (?!the truth\b)"
    r"(?!(?:[^?,]{0,60}) "
    r"(?:any ?more|these days|lately|nowadays)\b)(?:try |give |have "
    r"a go at )?(?!knowing|being|having)(?P<s9>[^?]{2,240})"
    r"|\bfancy (?P<s25>(?:giving|trying|doing|having|going|making|starting)\b[^?]{1,120})"
    r"|\b(?:would|will|might) it be worth,?(?: (?:say|maybe|perhaps|just),?)? (?P<s26>[^?]{2,240})"
    r"|\b(?:the|a|one) (?:first|next|small|good) step (?:is|could be|might be|would be) "
    r"(?P<s27>[^?]{2,240})"
    r"|^(?:try|give|have a go at) (?P<s28>[^?]{2,240})"
    r"|\bhow about (?:we|you) (?P<s29>[a-z]+\b[^?]{1,120})"
    r"|\bcould you (?:maybe |just |perhaps )(?!tell|say|describe|explain|remind|repeat)"
    r"(?P<s30>[a-z]+\b[^?]{1,120})"
    r"|\b(?:maybe|perhaps) (?:just |even )?(?!it|that|this|the|a|an|you|i|we|they|he|she|there|"
    r"not|because|so|if|its|is|was|one|some|more|less|to |just to |first )"
    r"(?P<s31>[a-z]+\b[^?]{1,120})"
    r"|\bwhat if you were to (?P<s33>[a-z]+\b[^?]{1,240})"
    r"|\bwhat if you (?P<s10>(?:tried|started|kept|gave|wrote|booked|went|took|did|"
    r"made|set|began|had a go|cut|used|practi[sc]ed|noted|tracked|spent|told|swapped|switched|put|"
    r"asked|called|rang|joined|left|stopped) [^?]{2,240})"
    r"|\bhave you (?:thought about|considered|thought of) (?P<s11>" + _STEP_START
    + r"[^?]{1,120})"
    r"|\b(?:is|would) (?:that|this|it) (?:be )?something you (?:would|could|might) (?:be willing "
    r"to |like to |want to )?(?:try|consider|do|give a go|be up for|be open to)(?P<s12>)"
    r"|\b(?:is|would be) (?P<s20>" + _ING + r"[^?]{1,80}) something you (?:would|could|might)"
    r"|\b(?:let us|shall we|should we|we could|maybe we could|perhaps we could|could we agree "
    r"(?:that )?(?:you will |you would |you )?) ?(?P<s13>(?:try|book|set|start|make|plan|agree"
    r"|pick|schedule|arrange|look at|think about|put together|come up with|hold off|cut|keep|"
    r"write|give)\b[^?]{1,120})"
    r"|\b(?:one|a|another) (?:small |first |next |possible |simple |practical )?(?:thing|step|"
    r"option|idea|experiment|place to start) (?:is|you could (?:try|do)|might be|could be|to try|"
    r"would be|we could try|some people (?:try|find (?:helpful|useful)))(?: to| is)?:? "
    r"(?P<s14>[^?]{2,240})"
    r"|\bit (?:might|could|may) (?:be worth|help to) (?P<s15>[^?]{2,240})"
    r"|\bhow would you feel about (?P<s16>" + _STEP_START + r"[^?]{1,120})"
    r"|\bdo you want to (?:try|give|have a go at|book|start) (?P<s17>[^?]{2,240})"
    r"|\bcould you (?:try|give|have a go at|start|keep|cut|book|write) (?!by (?:describing|telling|"
    r"explaining|saying|talking|walking)|with (?:describing|telling))(?P<s18>[^?]{2,240})"
    r"|\bhow (?:would|does|do) (?P<s21>(?:a|an|some|the idea of " + _NOT_A_STEP
    + r"|one|a little|a short) [^?]{2,60}"
    r") (?:sit with you|sound|feel to you|suit you|strike you)"
    r"|\bwould (?P<s22>(?:a|an|some) [^?]{2,50}) (?:help|be (?:worth (?:a )?try(?:ing)?|"
    r"useful|helpful|doable|manageable))"
    r"|\bi wonder (?:if|whether) (?:you (?:could|might|would) (?:try|give|start|do|have)|"
    r"(?:a|an|one|some) )(?P<s23>[^?]{2,240})(?:might|could|would) (?:be|help)"
    r"|^if you are (?:up for|open to|willing|game)(?: it| that)?,? (?:maybe |perhaps )?"
    r"(?P<s24>[^?]{2,240})"
)
# A yes/no question about the step just proposed ("would that feel doable?").
# "…one page, this Saturday. Yes, no, or not yet?": a step put, then the answers on offer.
YES_NO_NOT_YET: Final = r"\b(?:yes,? )?no,? or not yet\b"
STEP_CHECK_RX: Final = _rx(
    r"\b(?:would|does|could|will|is) (?:that|this|it) (?:feel|be|seem|sound) (?:doable|"
    r"manageable|possible|realistic|okay|ok|worth|like something|something|helpful|useful|"
    r"more doable|easier)|\b(?:would|does|will) (?:that|it|this) (?:work for you|suit you|suit)"
    r"|\bdoes that suit|\bwould (?:that|it|this) help\b"
    r"|\bwould you (?:want|like|be willing|be up for|be open) to (?:give|try)"
    r" (?:that|it|this)|\b(?:give|try) (?:that|it|this) a go\b|\bup for (?:that|it|this)\b"
    r"|\bhow (?:would|does|do) (?:that|this|it) (?:be|sound|feel|seem|land)\b|\bwhat do you "
    r"(?:think|reckon|make of (?:that|this))\??$|\bwould (?:something like )?(?:that|this|it) "
    r"be worth (?:trying|a (?:go|try|shot))|\bworth (?:a )?(?:try|trying|a go|a shot)\b"
    r"|\bhow do you feel about (?:that|this|it)\??$|" + YES_NO_NOT_YET
)
# A statement that puts forward a step without a proposal's grammar, when a check follows it
# ("One thing you could try: …. How would that be?"); the step follows the lead.
STEP_LEAD_RX: Final = _rx(
    r"^(?:maybe|perhaps|how about|what about) |\b(?:one|another|a) (?:small |little |simple "
    r"|first )?(?:thing|idea|option|step|experiment)(?: (?:you|we) (?:could|might|can) "
    r"(?:try|do|consider))?(?: is| would be| might be| could be)?[:,] |\bsome (?:people|"
    r"patients|folk|of my patients)(?: (?:find (?:it )?(?:helps|helpful|useful)(?: to)?|have "
    r"found it helps to|like to|choose to))? (?=[a-z]+ )"
    # something the clinician could do for them: "I can write to him… Would that help?"
    r"|\bi (?:can|could) (?:also )?(?=(?:write|ring|call|phone|email|speak|talk|refer|send|book|"
    r"arrange|ask|put you|set up|print|look into)\b)"
)
# A statement offering information, and the check that asks whether it is wanted.
OFFER_LEAD_RX: Final = _rx(
    r"\bi (?:can|could|might|am happy to|would be happy to) (?:tell you|explain|share|go "
    r"(?:through|over)|talk you through|say a (?:bit|little|few)|give you|run through|show you)"
    r"|\bthere is (?:some|a bit of|quite a lot of) (?:information|research|evidence)"
)
OFFER_CHECK_RX: Final = _rx(
    r"\bwould (?:that|it|this) (?:be )?(?:useful|helpful|help|of (?:any )?(?:use|interest)|"
    r"interest you|be okay|be ok|be alright)|\b(?:do|would) you (?:want|like) (?:that|me to|to "
    r"hear|it|to know)|\bshall i\b|\binterested\??$|\bwant to hear\b|\bwould you like that\b"
    r"|\bor (?:would you )?(?:rather|prefer) not\b|\bor not really\??$"
)
# Steps set aside: the step that follows (or precedes "is not for you") is not proposed.
NEGATED_STEP_RX: Final = _rx(
    r"\b(?:leave|park|forget(?: about)?|drop|skip|shelve|put aside|set aside(?![^,.;?]{0,30}"
    r"\b(?:minutes?|hours?|time|slot)\b)|scrap|ditch|hold off on|put) (?:the |that |this |your "
    r"|all that |any )?(?P<n1>[a-z' -]{2,40}?)(?: for now| for "
    r"the moment| aside| to one side| on (?:the )?(?:back burner|hold)| for today|[,.;?]|$)"
    r"|\b(?<!or )(?<!, )(?:not|no|without|instead of|rather than|never mind|nothing to do with|"
    r"no need for|no "
    r"pressure to|not about) (?:the |a |any |that |this |your |doing |trying |using |taking )?"
    r"(?P<n2>[a-z' -]{2,40}?)(?: for now| today|[,.;?]|$| or\b| and\b| but\b)"
    r"|\b(?:we|you) (?:do not|will not|would not|needn't|need not) (?:have|need) to (?:do |try |"
    r"start |keep |think about |decide on )?(?:the |a |any |that |this )?(?P<n3>[a-z' -]{2,40}?)"
    r"(?: today| now| yet| for now|[,.;?]|$)"
    r"|\b(?:i am not|i was not|i am not really) (?:suggesting|saying|asking you to|pushing|"
    r"recommending) (?:you (?:need|have|should|must) (?:to )?)?(?:try |take |do |use |start )?"
    r"(?:the |a |any |that )?(?P<n4>[a-z' -]{2,40}?)(?:[,.;?]|$| or\b| and\b| but\b)"
    r"|\b(?:the |that |this )?(?P<n5>[a-z' -]{2,30}?) (?:is not|are not|was not) (?:really )?"
    r"(?:for you|your thing|right for you|the answer|happening|on the table)"
)

# ---------------------------------------------------------------------- looking forward

# The clinician checks in on the conversation itself: "how's this going for you so far?"
# A ruler asks for a number on a scale (the coder flags it `scaling`); these read which
# scale, and the follow-up that asks why the number is not lower or what would raise it.
_N = r"(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
RULER_WHY_RX: Final = _rx(
    rf"\bwhy (?:a|an|at|is it a|is it an|is it at|are you at|are you a|are you an) {_N}\b"
    rf"|\bwhat (?:makes|made|puts|put|gets|got|has) (?:it|you|that) (?:a|an|at|at a|at an|up to|"
    rf"up to a|up to an|as high as a|as high as an) {_N}\b"
    rf"|\b(?:a|an) {_N},? rather than (?:a |an )?{_N}\b"
    r"|\bwhat (?:is it that )?(?:gives|makes|made|gave) you (?:that much|as much|even that much|"
    r"that level of|some) (?:confidence|confident|importance|belief|faith)\b"
    rf"|\bwhy not (?:a )?(?:lower|higher|zero|{_N})\b"
    r"|\bwhat makes (?:it|that|you) (?:that|so|as) (?:high|low)\b|\bwhy (?:that|so) (?:high|low)\b"
    rf"|\bwhy (?:a |an )?{_N},? (?:and|but|rather than) not,? (?:say,? )?(?:a |an )?{_N}\b"
    rf"|\bwhat (?:would|could|might) make (?:it|that|you) (?:a |an )?{_N}\b"
    r"|\bwhy (?:that|this|it)(?: number)?,? (?:and|but|rather than) not (?:a |an )?(?:lower|"
    r"higher|smaller|bigger)\b"
    rf"|\bwhy (?:that|this|there)(?: number| score)?,? (?:and|but|rather than) not (?:a |an )?"
    rf"{_N}\b"
    rf"|\bwhy (?:you )?(?:picked|chose|said|gave|went for|put|would pick|would say) (?:it |that )?"
    rf"(?:at )?(?:a |an )?{_N},? (?:and|but|rather than|instead of) (?:not,? )?(?:say,? )?"
    rf"(?:a |an )?(?:{_N}|lower|higher)\b"
    rf"|\bwhat (?:could|would|might) (?:get|take|move|bring|push) (?:you|it|that) (?:up )?to "
    rf"(?:a |an )?{_N}\b"
    r"|\bwhat would (?:it take|need to (?:happen|change)|help|have to happen)\b[^?]*"
    rf"\b(?:to|from|up to|become|be|reach|get to|go up to) (?:a |an )?(?:{_N}|higher|the top)\b"
    rf"|\bwhat would make (?:[a-z' ]{{1,50}}?)(?:more|higher|less)\b[^?]{{0,30}}\bthan (?:a |an )?"
    rf"{_N}\b"
    r"|\bwhat would (?:move|bring|take|push|get) (?:it|you|that|this)(?: \w+)?(?: up)? (?:up|"
    r"higher|to)\b|\bwhat would (?:get|move|take) you from (?:that|this|there|\w+) to\b"
    rf"|\b(?:a|an) {_N},? (?:and|but) not (?:a |an )?{_N}\b")
RULER_CONFIDENCE_RX: Final = _rx(
    r"\b(?:confident|confidence|able|capable|sure(?: are you)? (?:that )?you(?:'d| would)? "
    r"(?:can|could|will|be able)|could you manage|manage)\b")
# A ruler asked in words, without a scale: "how confident are you that you could…?", "how
# important is it to you to…?", "how ready do you feel?"; answered with the same lines, the
# number said as words ("Not very.").
WORDLESS_RULER_RX: Final = _rx(
    r"\bhow much (?:does|do|is|has|have) (?:it|this|that|all (?:this|that)|missing (?:it|that|"
    r"this|the [\w-]+)|(?:the|your) [\w-]+"
    r"(?: and (?:the )?[\w-]+)?) (?:bother|bothering|affect|affecting|get to|getting to|upset|"
    r"upsetting|worry|worrying|trouble|troubling|weigh on|weighing on|get you down|getting you "
    r"down)\b|\bhow (?:confident|sure|ready|willing|prepared|important|determined|committed|keen|"
    r"motivated) (?:are you|do you feel|would you say you are|would you be|is it|does it feel|"
    r"would it be|does that feel)\b(?! (?:that|it) (?:it is|it's|this is|there is|nothing))"
    r"(?:(?!\bsure\b).)*$|\bhow sure are you (?:that )?you(?:'d| would)? (?:can|could|will|be "
    r"able)\b|\bhow much (?:does|do) (?:this|it|things|that|something|anything) (?:really )?"
    r"(?:need|have) to change\b")
RULER_IMPORTANCE_RX: Final = _rx(r"\b(?:how important|importance|how much does it matter|"
                                  r"how much do you want|how much would you like|(?:need|have) to "
                                  r"change)\b")
BOTHER_RX: Final = _rx(r"\bhow much (?:does|do|is|has|have)\b[^?]{0,40}\b(?:bother|affect|get to|"
                        r"getting to|upset|worry|worrying|trouble|troubling|weigh|get you down)")
RULER_READY_RX: Final = _rx(r"\b(?:ready|readiness|willing|prepared)\b")
RULER_SEVERITY_RX: Final = _rx(
    r"\b(?:rate|rating|score|how (?:bad|severe|strong|intense|painful|tired|anxious|worried)"
    r"|how much (?:pain|does it hurt)|no pain|(?:the )?worst (?:pain|imaginable|possible)|worst "
    r"(?:it|you) (?:can|could) (?:imagine|be)|(?:what|which) number (?:would you )?(?:put|give) "
    r"(?:on|to)\b|(?:give|put) (?:it|them|that|the \w+) a (?:number|score)\b)\b")


# "what if you wrote back to the committee?" proposes to write back: a past-tense verb said as the
# step's own verb
BASE_VERB: Final = {
    "tried": "try", "started": "start", "kept": "keep", "gave": "give", "wrote": "write",
    "booked": "book", "went": "go", "took": "take", "did": "do", "made": "make", "began": "begin",
    "had": "have", "used": "use", "practised": "practise", "practiced": "practice",
    "noted": "note", "tracked": "track", "spent": "spend", "told": "tell", "swapped": "swap",
    "switched": "switch", "asked": "ask", "called": "call", "rang": "ring", "joined": "join",
    "left": "leave", "stopped": "stop",
}


def ruler_scale(text: str) -> str:
    """Which scale a ruler asks about: the patient's confidence, readiness or importance, or
    the severity of a symptom ("rate your pain out of ten")."""
    if BOTHER_RX.search(text):  # "how much does the checking bother you these days?"
        return "bother"
    if RULER_SEVERITY_RX.search(text):
        return "severity"
    if RULER_IMPORTANCE_RX.search(text):  # "how important is it to be able to…": importance
        return "importance"
    if RULER_CONFIDENCE_RX.search(text):
        return "confidence"
    if RULER_READY_RX.search(text):
        return "readiness"
    return "importance"


# A step put as a bare phrase with its trial period: "Just the notepad by the bed, for two
# weeks, and you tell me next time how it went?"
TRIAL_RX: Final = _rx(r",? (?:for|over) (?:a|one|two|three|four|the next|just a|just one|just "
                      r"two) (?:week|weeks|fortnight|days|month)\b")


# A question about inner experience: what the patient feels, thinks or makes of themself in a
# moment ("what do you feel when…?", "what goes through your mind?", "what would it say about
# you if…?"). Answered from the patient's feelings, never with a fact the line happens to name.
# An image asked for: "if the worry were a voice, what would it say?"
IMAGE: Final = (r"\bif (?:the|your|that|this|it|all) ?[\w' -]{0,30}? (?:were|was) (?:a|an) "
                r"(?:voice|film|movie|person|animal|colour|color|song|story|picture|book|weather|"
                r"place|character|creature|sound|shape)\b")
IMAGE_RX: Final = _rx(IMAGE)
INNER_RX: Final = _rx(
    IMAGE + r"|"
    r"\bwhat (?:do )?you (?:picture|imagine|see) happening\b|"
    r"\bhow did (?:that|it|this) (?:land|sit)\b|\bhow you (?:felt|feel|were feeling) (?:when|"
    r"about|hearing|after)\b|\b(?:worried|afraid|scared|frightened) (?:that )?(?:it|they|"
    r"(?:the|an?) [\w ]{1,30}?) (?:would|might|will|could|may) (?:find|show)\b|"
    r"\b(?:any |a bit |much )?(?:less|more) (?:worrying|frightening|scary)\b|"
    r"\b(?:what|how) (?:do|did|does|would|will) (?:you|it|that) (?:feel|make you feel)\b(?! (?:in "
    r"your body|physically|like in your body))|\bwhat (?:goes|went|is going|was going) (?:on )?"
    r"(?:through|in|on in) your (?:mind|head)\b|\bwhat (?:are|were) you thinking\b(?! (?:of|"
    r"about) (?:the|a|doing|trying|\w+ing\b))|\bwhat (?:do|did) you (?:tell|say to) yourself\b"
    r"|\bwhat (?:does|would|did) (?:it|that|this) (?:say|mean) about you\b"
    r"|\bwhat (?:would|are|were|do) you (?:be )?(?:afraid|scared|worried|frightened) (?:it|that|"
    r"this|they|people|he|she) (?:says?|said|would say|might say|thinks?|thought|would think|"
    r"means?|meant) about you\b"  # "what would you be afraid it says about you?"
    r"|\bwhat (?:sorts? of |kinds? of )?(?:things|thoughts|stuff|worries)?(?: are| is|'s|'re)? "
    r"(?:going|running|racing|spinning|turning) (?:round|around|through)\b"  # "at four, what
    # sorts of things are going round?"
    r"|\bwhat (?:happens|goes on|is going on|happened|went on) (?:in|inside) you\b"
    r"|\bwhat (?:would|does|did) it mean(?: to you| for you)? if\b"
    r"|\bgo(?:es)? round (?:and round )?(?:in )?your (?:head|mind)\b|\bwhat does your (?:mind|head|"
    r"brain) (?:say|tell you|do|come up with)\b|\bthe thought (?:that )?(?:shows up|comes up|pops "
    r"up|comes in|arrives)\b|\bwhat (?:was it (?:that|about (?:it|them|that) that) )?made (?:it|"
    r"them|that|those|you) feel\b|\bwhat did (?:\w+ ){1,3}(?:use to |used to )?(?:be|mean) (?:for|"
    r"to) you\b|\bwhat does (?:\w+ ){1,3}(?:use to |used to )?be (?:for|to) you\b"  # ("what does
    # the job mean to you?" asks what matters)
    r"|\bwhat (?:is|was|has been|is it|was it) (?:that|it) like,? (?:for you,? )?(?:watching|"
    r"seeing|having|being|hearing|knowing|living|growing up|going through|inside|in (?:those|that|"
    r"the) (?:few |first )?(?:seconds|moments|minutes))\b|\bwhat happens "
    r"inside you\b|\bwhat is the (?:picture|thought|image|story) in your head\b"
    r"|\bwhat (?:is|was) (?:it|that) like for you\b(?! (?:both|two|and))|\bhow (?:is|was) it for "
    r"you\b(?! (?:both|two|and))"
    r"|\bwhat (?:is|was) (?:it|that) like to (?:hear|see|be asked|watch|say|realise|find out)\b"
    r"|\bhow (?:it|that) (?:felt|feels) (?:when|to|for you)\b"
    r"|\bhow did (?:it|that) feel (?:when|to hear|to be)\b"
    r"|\bwhat (?:emotions?|feelings?) (?:come|came|comes) up\b|\bwhat (?:made|makes) (?:that|it) "
    r"come to mind\b|\bdoes (?:that|it) make you (?:feel )?(?:sad|angry|scared|guilty|ashamed|"
    r"frustrated|upset)\b"
    r"|\bwhere do you (?:feel|notice|carry) (?:that|the|this|your) (?:grief|sadness|fear|anger|"
    r"worry|guilt|shame|loss|feeling|panic)\b|\b(?:when|what) do you first remember (?:feeling|"
    r"being)\b|\bwhat (?:is|was) (?:it|that|this)(?: \w+){0,5} like for you\b(?! (?:both|two|and))"
    r"|\b(?:imagine|"
    r"picture) the worst\b|\bpicture (?:that )?(?:comes|pops|goes) (?:in|into|through) your "
    r"(?:head|mind)\b|\bwhat is the picture (?:you see|in your head)\b")


CHECK_IN_RX: Final = _rx(
    r"\bhow (?:is|has) it (?:been )?going so far\b"
    r"|\bhow (?:is|has|are) (?:(?:this|our|the) (?:chat|conversation|session|appointment|talk)|"
    r"this|talking (?:to me|with me)?)(?: been)? (?:going|"
    r"been|feeling)(?: for you)?(?: so far)?\b|\bhow are you finding (?:this|it|talking|our|the "
    r"(?:chat|conversation|session)|me)\b|\bis (?:this|it|talking|our chat) (?:being )?(?:helpful|"
    r"helping|useful|okay for you|ok for you|alright for you)\b|\bhow are you doing with (?:all )?"
    r"(?:this|these questions|my questions|me)\b|\bam i (?:asking too many|going too fast|being "
    r"too)\b|\bhow (?:has|is) this been for you\b|\bhow (?:are|do) you feel(?:ing)? about (?:being "
    r"here|coming (?:in|here|today|along)|today|this (?:appointment|session|chat)|seeing me|"
    r"talking (?:to|with) me)\b"
)

# Checking the call itself, on the phone or on video: "can you hear me ok?", "is now a good
# time to talk?", "are you still there?", "you froze for a second", "is your camera on?"
LINE_CHECK_RX: Final = _rx(
    r"\b(?:can|could) you (?:still )?(?:hear|see) me\b|\bcan you hear (?:me|us|ok|okay|alright)\b"
    r"|\bare you (?:still )?(?:there|with me|hearing me)\s*[?.!]*$|\b(?:have i|i have|i think i"
    r"(?: have|'ve)?) lost you\b|\byou (?:have |just )?(?:froze|frozen|cut out|broke up|went "
    r"(?:quiet|silent|crackly|fuzzy))\b|\byou are (?:on mute|muted|breaking up|frozen|cutting "
    r"out|a bit (?:quiet|crackly))\b|(?<!said )(?<!say )(?<!says )(?<!told them )(?<!that )"
    r"\bthe (?:line|connection|signal|sound) (?:is|was|went|has "
    r"gone|keeps) (?:a bit |really |very )?(?:bad|crackly|dodgy|patchy|funny|breaking|going|"
    r"cutting|terrible|poor|quiet)\b|\bis (?:now|this|it) (?:still )?(?:an? )?(?:good|ok|okay|"
    r"alright|convenient|bad) (?:time|moment)\b|\bis (?:it|now) (?:still )?(?:ok|okay|alright|"
    r"fine) (?:to (?:talk|chat|speak)|for (?:a|us to|you to) (?:chat|talk))\b|\bare you "
    r"(?:somewhere|in a place) (?:private|quiet|you can (?:talk|speak))\b|\bcan you (?:talk|"
    r"speak) (?:freely|privately|right now|at the moment)\b|\bis your (?:camera|video|mic|"
    r"microphone|sound) (?:on|off|working)\b|\bcan you (?:turn|switch|put) (?:your|the) "
    r"(?:camera|video|mic|microphone) on\b"
)

# The key question at the end of planning: "what, if anything, do you think you'll do?"
KEY_QUESTION_RX: Final = _rx(
    r"\bwhat,? (?:if anything,? )?(?:feels|seems|sounds|looks) like (?:it (?:could|might) be )?"
    r"(?:a|the) (?:good |small |first |sensible |possible )?(?:next |first )step\b|"
    r"\bwhat,? (?:if anything,? )?(?:would|will|do|might) you (?:want to |like to )?take (?:away )?"
    r"(?:away )?(?:from|with you from) (?:today|this|our (?:talk|chat|conversation))\b|"
    r"\bwhat,? (?:if anything,? )?(?:feels|seems|sounds|would be|might be) like a (?:small |first "
    r"|next )*(?:step|thing|start) (?:that )?you(?: would|'d| could| might) be (?:up for|willing|"
    r"ready|able)\b|"
    r"\bwhat,? (?:if anything,? )?(?:do you think )?(?:you will|you might|you are going to|would "
    r"you like to|would you want to|do you want to|are you going to|will you|might you) do\b(?! "
    r"(?:for|with|if|when|about (?:the|your) (?:pain|attacks|headaches)))|\bwhere (?:do|would|"
    r"shall|should) (?:you|we) (?:like to |want to )?go (?:from here|from today|from now|next)\b|"
    r"\bwhat (?:is|would be) (?:the|your) (?:next|"
    r"first) step\b|\bwhat (?:might|could) you do (?:next|now|first)\b|\bwhat would you like to "
    r"do next\b|\bwhat (?:would|will|could|might) you (?:put|write|plan|schedule|pencil) (?:in|"
    r"into|on|down)\b"
    r"|\bwhat,? (?:if anything,? )?(?:might|would|could|do) you (?:(?:want|like) to )?try(?: "
    r"first| next)?\b|^(?:so,? |and,? )?what,? (?:if anything,? )?do you think (?:would|might|"
    r"could) help(?: you)?\W*$"
    r"|\bwhat (?:is|would be|might be|could be) (?:one|a|the|your) (?:small |little |tiny |first "
    r"|next )*(?:thing|step|change) (?:that )?you (?:think )?you (?:could|might|would|can|will|"
    r"feel able to) (?:try|do|start with|manage|take)\b"
    r"|\bwhat (?:is|would be|might be|could be) (?:one|a|the|your) (?:small |little |tiny |first "
    r"|next )*(?:thing|step|change) (?:that )?you (?:could|might|would|can|will|feel able to) "
    r"(?:want to |like to |be able to |feel able to )?(?:try|do|start with|manage|take)\b"
    r"|\bwhere does (?:that|this|all (?:that|this)|it|everything) (?:leave|take) you\b"
    r"|\bis there (?:anything|one (?:small |little |tiny )?thing|a (?:small |little |tiny )?thing"
    r"|something small),? (?:even |perhaps |maybe )?(?:something )?(?:small,? |little,? )?"
    r"(?:[^?]{0,70}? )?(?:that )?you(?:'d| would| might| could) (?:want|like|be willing|be able) "
    r"to (?:try|do)\b"
    r"|\bis there (?:something|anything) (?:else )?(?:that )?you(?:'d| would) (?:rather|prefer to|"
    r"like to|want to) (?:try|do)\b"
    r"|\bwhat(?:'s| is| might be| could be| would be) (?:a|one|the|your) (?:good |very |really )?"
    r"(?:small |little |tiny |first |next |realistic |possible )+step\b"
    r"|\bwhat (?:might|would|could) (?:a|the|your|one) (?:very |really )?(?:small |little |tiny "
    r"|first |next )+(?:step|thing|change) (?:look like|be)\b"
    r"|\bif you (?:decided|chose|wanted|were going|made up your mind) to\b[^?]{0,80}\bhow (?:might|"
    r"would|could) you (?:go about|do|start|begin|approach|tackle|make)\b"
    r"|\bwhat (?:would|might|could) (?:feel like|be) (?:a |an )?(?:(?:smaller|easier|more doable|"
    r"more manageable|gentler|manageable|doable|realistic|small) )+(?:first )?(?:step|thing|start|"
    r"version)\b"
    r"|\b(?:pick|choose|name|take|try|make) (?:one|a|your) (?:very |really )?(?:small |little |"
    r"tiny |first |next )+(?:thing|step|change)\b[^?]{0,80}?\bwhat (?:might|could|would|will) "
    r"(?:it|that) be\b"  # "if you were to pick one very small first step this week, what might
    # it be?"; "if you were to try one small step, something you could undo, what might it be?"
    r"|\bwhat(?: is|'s) (?:one|a) (?:small |little |tiny |first |next )*(?:thing|step|change)\b"
    r"[^?]{0,60}?\byou (?:might|could|would) (?:be )?(?:willing|able|prepared|happy|up for) to "
    r"(?:try|do|give)\b"  # "what's one thing, around the phone or the checking, you might be
    # willing to try?"
    r"|\bwhat (?:ideas|thoughts) do you (?:have|already have)(?: yourself)? (?:for|about|on) "
    r"(?:what|how|giving|making|getting|changing|doing|tackling|handling|easing|taking)\b"
    r"|\bwhat (?:do you think )?(?:might|could|would) (?:help|work) (?:with|for) (?:that|this|it|"
    r"the [a-z]+|your [a-z]+)(?: when| if| at| now| going forward|\W*$)"
    r"|\bif there (?:were|was) one (?:small |little )?thing you could (?:do|try|change)\b"
    r"|\bwhat (?:might|could|would) help you (?:to )?(?:actually |really )?(?:get|do|go|start|"
    r"stick|make|keep)\b"
    r"|\bwhat (?:would|might) you (?:want|like) to do about (?:it|that|this|the [a-z]+)\b"
    r"|\bwhat would you (?:choose|pick|go for|opt for)\b"
    r"|\bwhat would make (?:it|that|this|[\w' ]{1,40}?) (?:feel )?(?:a bit |a little |any )?"
    r"(?:more )?(?:possible|doable|likely|manageable)\b"
    r"|\bwhich (?:of (?:those|these|them|the \w+),? )(?:if any,? )?(?:feels?|sounds?|seems?|"
    r"appeals?)\b|\bwhich (?:if any,? )?(?:feels?|sounds?|seems?|appeals?) (?:the )?(?:least|most|"
    r"best|more|doable|manageable|right)\b"
)

# Someone else in the patient's place: "if Priya were going through this, what would you tell
# her?", "what would you say to a friend in your shoes?", "if it were Maya, what would you want
# for her?"
IN_THEIR_SHOES_RX: Final = _rx(
    r"\bif (?:it (?:were|was) )?(?:\w+|your \w+|a (?:friend|mate|colleague)|someone(?: you "
    r"love)?)(?: were| was)? (?:in your (?:shoes|position|place)|going through (?:this|that|the "
    r"same|all this)|the one (?:having|going|with|doing|who)|having (?:these|this|the same|panic|"
    r"attacks)|(?:grown up )?(?:and )?in your shoes)\b[^?]{0,160}\bwhat would you (?:tell|say|"
    r"want|advise|hope|think|suggest)|\bwhat would you (?:tell|say to|want for|advise) (?:a "
    r"(?:friend|mate|colleague)|your (?:daughter|son|friend|sister|brother|mum|kids?)|\w+) (?:if|"
    r"who|in your (?:shoes|position|place)|going through)"
)

FUTURE_RX: Final = _rx(
    r"(?<!\bi )\b(?:imagine|picture|suppose|supposing|pretend) (?!(?:the )?(?:others|other "
    r"people|people|everyone) (?:are|is) )(?:for a (?:moment|minute|"
    r"second),? )?"
    r"(?:that |if |you |it is |it was |things |the |your |a |we |there )"
    r"|^(?:let us )?say (?:that |if |you |it |things |the |your |we )"
    r"|\b(?:a|one|two|three|five|ten|six|few|couple of) (?:years?|months?|weeks?) (?:from now|"
    r"down the (?:line|road|track)|time|ahead)\b|\bin (?:a|one|two|five|ten|six|a few|\d+) "
    r"(?:years?|months?)(?:(?:'|') ?time)?\b(?! ago)|\b(?:this|by) time next year\b|\blooking "
    r"(?:ahead|forward)\b|\bin the future\b|\bmagic wand\b|\bwave a wand\b|\bmiracle\b"
    r"|\bin (?:that|this|your) (?:year-from-now|year from now|future|imagined \w+|picture|"
    r"version|better (?:day|week|evening))\b|\bin that (?:evening|day|week|morning) you "
    r"(?:imagined|pictured|described)\b|\bwho(?: would|'d) be (?:there )?with you\b"
    r"|\bpicture yourself\b|\bwhat would (?:your )?(?:\w+ ){1,2}(?:notice|see)(?: first| about "
    r"you)?(?: (?:was |had |that was |that had )?(?:different|changed))?(?=\W*$)"
    r"|\bwhat (?:do|would) you want (?:your|things|life) (?:[a-z]+ ){0,3}to "
    r"(?:look|be) like\b|\bhow do you see (?:things|yourself|it|life) (?:going|in|if|when)\b"
    r"|\bwhat would (?:[a-z']+ ){1,4}(?:look|be|feel) like\b|\b(?:if|say|suppose) you (?:did|"
    r"decided|tried|managed|lost|stopped|cut|got|were|had|could)\b[^?]{0,80}\b(?:what|how)\b"
    r"|\bif you woke up\b|\bwhat would (?:be different|change|your (?:life|days?|week|weekends?|"
    r"mornings?|evenings?) (?:look|be) like|you be doing|you do (?:with|differently|first|if)|"
    r"things look like|it look like|a good day look like|life look like|it be like (?:if|when|to))"
    r"|\bhow would (?:things|life|your (?:life|days?|week|family|work)|it) (?:be|look) "
    r"(?:different|better|like)\b|\bwhere would you (?:like|want|hope) to be\b|\bwhat do you "
    r"hope (?:for|your|things|life|the future)\b|\bwhat are your hopes\b|\bbest hopes?\b"
    r"|\bif nothing (?:changes?|is different)\b|\bif (?:things|it|this) (?:stays?|carr(?:y|ies) on|"
    r"goes on|keeps? going) (?:the same|as (?:it is|they are)|like this)\b"
    r"|\bif (?:the|your|this|these|that|it|things|you|they|those|there|a|an|nothing|something|"
    r"someone|somebody|we) [^?]{0,80}(?:,|\bwhat\b|"
    r"\bhow\b|\bwhere\b|\bwho\b|\bwhich\b|\bwould\b)[^?]{0,80}\bwould\b"
    r"|\bwhat (?:kind|sort|type) of (?:\w+ ){1,2}(?:do|would) you (?:want|like|hope|wish) to be\b"
    r"|\bwhat would you (?:do (?:if|with|differently|instead|first)|miss|gain|get back|be able "
    r"to do)\b|\bwhat would you (?:most |really )?(?:want|like|love) (?:back|to get back|to "
    r"have back)\b"
    r"|\b(?:first |one )?thing you(?:'d| would) (?:most )?(?:want|like) back\b"
    r"|\b(?:what|how) would [^?]{1,60} if you (?:could|were|did|had|managed|stopped|were able)\b"
    r"|\bwhere (?:do|would|d') ?you see yourself\b|\b(?:hoping|want|like) (?:things|life|it|"
    r"your \w+) to look\b|\bbest thing that could happen\b|\bif (?:the|your) \w+ (?:eased|went|"
    r"stopped|improved|lifted|got better|settled|calmed)\b|\bwhen you look ahead\b"
    r"|\bwhat (?:would|do) you (?:most |really )?(?:want|like|hope|wish)(?: to)? (?:be |to be )?"
    r"(?:different|to change|change)\b|\bhow would you (?:like|want) (?:things|life|it) to be\b"
)

# An everyday detail asked about: a taste, a place, a pastime, what people talk about.
EVERYDAY_RX: Final = _rx(
    r"\bwhat (?:kind|sort|type) of (?:music|songs?|books?|films?|shows?|telly|tv|food|places?|"
    r"walks?|gigs?|bands?|games?|plants?|clocks?)\b|\bwhat (?:kind|sort|type) of (?:stuff|"
    r"things?) (?:do|did) you (?:like|listen|watch|read|enjoy|play|do|get up)\b|\bfavourite\b"
    r"|\bwhich (?:one|beach|band|song|book|film|team|place|bit|part|day)\b"
    r"|\bwhere (?:did|do|would) you (?:two |"
    r"all |both )?(?:used to |use to )?(?:go|head|stay|eat)\b|\bwhat (?:do|did) you (?:two |all "
    r"|both )?(?:actually |usually |normally |really )?(?:talk about|chat about|listen to|watch|"
    r"read|eat|cook|play|do together)\b|\bwhat "
    r"(?:are|were) you (?:listening to|watching|reading|playing|cooking|making)\b")

# ---------------------------------------------------------------------- questions

WH_START_RX: Final = _rx(
    r"^(?:sorry,? |(?:can|could|would) you (?:please )?(?:tell me|say|explain|share|describe),? |"
    r"(?:sorry,? )?"
    r"remind me,? |do you "
    r"(?:know|remember|recall|have (?:any|an) idea),? |(?:any|no) idea |(?:i guess |i suppose |"
    r"i think |actually,? )?i (?:am |was )?(?:just |really |more |also )?"
    r"(?:wondering|curious|interested|wonder|asking|trying to (?:ask|find out|get at)),? "
    r"(?:about )?"
    r"|i would be (?:interested|curious) "
    r"(?:to (?:know|hear)|in) (?:about )?|i would (?:like|love) to (?:know|"
    r"hear|understand),? (?:about )?|tell me,? |just out of (?:interest|curiosity),? |out of "
    r"(?:interest|curiosity),? |may i ask,? |can i ask,? |could i ask,? |if you (?:do not|"
    r"don't) mind me asking,? |and |so |but |okay,? |right,? |well,? |roughly,? |"
    r"approximately,? |about,? |ballpark,? |just |then,? )*"
    r"(?P<wh>how (?:long|often|many|much|old|far|frequently|come|soon)|what time|what age|since "
    r"when|whereabouts|in what way|" + WH + r")\b"
)
TELL_ME_RX: Final = _rx(
    r"^(?:[a-z' ]{1,40}, )?(?:(?:can|could|would) you (?:please )?(?:start by |begin by |first )?|"
    r"(?:would|are|will) you (?:be )?(?:willing|happy|okay|ok|able|up for|comfortable) to |"
    r"(?:(?:maybe|perhaps|i suppose|so)[,\s-]+)*you (?:could|might) (?:start by |begin by |just )?|"
    r"please |so |and |okay,? |maybe |just |"
    r"|i would (?:just |really |also )?(?:like|love) "
    r"(?:you )?to |i am keen to |talk me through|walk me through)*(?:tell me|talk me|walk me|"
    r"describe|describing|telling me|explain|explaining|share|say a (?:bit|little)|fill me in|"
    r"hear|know|understand|paint a "
    r"picture|give me (?:a (?:sense|picture|feel)|an? (?:example|instance|idea|for instance)|"
    r"some examples?)|take me through|run me through|talk to me|"
    r"through)\b(?!\s+(?:if|whether)\b)"
)
_HAVE_A_GO = r"(?!have a (?:think|look|go|chat|word|read|listen|try|rest|break)\b)"
YES_NO_RX: Final = _rx(
    r"^" + _HAVE_A_GO +  # ("have a think about it" asks for nothing)
    r"(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|shall|may|might)"
    r" (?!not\b)[a-z]+\b(?! (?:what|how|why)\b)|^" + _HAVE_A_GO + r"(?:" + AUX
    + r")\s+(?:you|we|i|it|that|this|"
    r"there|they|he|she|your|anyone|anybody|"
    r"anything|someone|something|things|the|any|these|those|my|his|her|their|our|a|an|some|one|"
    r"people|everyone|everything|[a-z]+ing)\b"
    r"|^i (?:am |was )?(?:just )?(?:wonder(?:ing)?|curious) (?:if|whether)\b"
    r"|^(?:can|could|may) i ask (?:if|whether)\b|^(?:do you know|any idea) (?:if|whether)\b"
)
EITHER_OR_RX: Final = _rx(
    r"\bor\b(?!\s+(?:not|anything|something(?=\W*$|,| like that| else)|so|whatever|what|whether|"
    r"otherwise|else|other|no(?! to\b)|"
    r"nothing|anyone|anybody|someone|somewhere|anywhere|neither|how|why|who|"
    r"where|when)\b)"
)
# Fixed pairs joined by "or" that offer no choice.
FIXED_PAIRS: Final = (r"rain or shine|sooner or later|more or less|one way or another|day or night|"
                      r"night or day|like it or not|whether or not|give or take|for better or "
                      r"worse|dead or alive")
FIXED_PAIR_RX: Final = _rx(r"\b(?:" + FIXED_PAIRS + r")\b")
NOT_EITHER_RX: Final = _rx(r"^(?:(?:and|so|roughly),? )?how (?:much|many|long|often)\b|"
                           # a fixed pair, not options: "rain or shine", "sooner or later"
                           r"\b(?:" + FIXED_PAIRS + r")\b|"
                           # two questions, not two options: "any blood, or does it wake you?"
                           r",? or (?:does|do|did|is|are|was|were|has|have|can|could|will|would) "
                           r"(?:the|your|he|she|they|that|there)\b|"
                           # "what stops you replying or going along?": options inside the clause
                           r"^(?:(?:and|so|but),? )?(?:what(?! about)|why|how(?! about))\b[^,?]*"
                           r"\bor\b|"
                           # a list of things to say yes to: "any headaches, worse when you bend
                           # or cough, any changes in your vision?"
                           r"^(?:(?:and|so|sorry),? )?any\b[^?]*,|"
                           # "do you have anything, a breathing trick or sitting down, that…?":
                           # examples of "anything", not two options
                           r"\b(?:anything|something),? (?:like |say |such as )?[a-z][^?,]* or "
                           r"[^?,]*,|"
                           r"\bor (?:anything|anyone|anybody|someone|whatever|not|"
                           r"what|so)\b[^?]{0,20}\??$|"
                           # ("…or something at home?" is an option: a thing done at home)
                           r"\bor something\b(?! (?:at|in|on|online|you do|with|by)\b)"
                           r"[^?]{0,20}\??$|\bor (?:would you )?(?:rather|prefer|"
                           r"sooner) not\b[^?]{0,20}\??$|\bor not really\??$|"
                           r"\b(?:anything|something|at all),? "
                           r"(?:with|about|around|such as|from) [^?]* or "
                           r"|^(?:(?:and|so|but|i mean),? )?(?:are|is) "
                           r"there (?:any |particular |certain |specific |some )?"
                           r"|^(?:(?:and|so|but|ok|okay),? )?(?:have|did) you (?:ever |just )?"
                           r"(?:tried|try|thought about|considered)\b"  # one yes/no: tried A or B?
                           r"|^(?:(?:and|so|but|ok|okay|apart from \w+(?: \w+)?),? )?(?:have|had|"
                           r"did) you (?:ever )?(?:had|got) (?:any )?"
                           r"|\bbetter or worse\b|\b(?:day|week|month|year|fortnight) or "
                           r"(?:a |so |two )?(?:day|week|month|year|fortnight)s?\b")
# Yes/no sub-kinds, decided in this order.
# A step as the subject of a yes/no: "is leaving the phone downstairs also a no, or does that feel
# different?" weighs the step itself (it checks no summary, and asks for no fact).
STEP_WEIGHED_RX: Final = _rx(r"^(?:so |and |but )?(?:is|would) (?:just )?\w+ing\b")
WILLING_RX: Final = _rx(
    r"\byou (?:would|'d) be (?:willing|happy|prepared|up for|keen)\b|"
    r"\b(?:would|could|will) you (?:be )?(?:willing|up for|open|prepared|ready|keen|happy to|"
    r"interested in|"
    r"able to|like to|want to|consider|try|think about|(?:okay|ok|alright|all right|happy|"
    r"comfortable) (?:with|to) (?:that|this|staying|going|trying|doing|the plan|that plan))\b|"
    r"\bare you (?:willing|ready|up for|open|prepared|interested|keen|thinking of|planning|"
    r"(?:okay|ok|alright|all right|happy|comfortable) (?:with|to) (?:that|this|staying|going|"
    r"trying|doing|the plan|that plan|stay|go|try))\b|\bdo you (?:want|feel (?:ready|able)|"
    r"think you (?:could|would|might|can) (?:try|do|manage|give|start|cope|handle)|see yourself)"
    r"\b|\bcould you see yourself\b|\bcan you see yourself\b|\bbe worth (?:trying|a try|a go|"
    r"doing|giving)\b|\bis (?:that|this|it) something "
    r"you (?:would|could|might|will|want|feel|think|fancy|can|are|might)\b|\bwould (?:that|this|"
    r"it) be something\b|\bwould you (?:like|want)\b"
)
OPINION_RX: Final = _rx(
    r"\b(?:do|did) you (?:think|believe|reckon|suppose|feel like|feel that|agree|accept|buy)\b"
    r"|\bwould you (?:say|agree|call|describe)\b|\b(?:is|could) it (?:possible|be) that\b"
    r"|\bcould (?:it|that|this|they) be\b|\bmight (?:it|that|this) be\b|\bdoes (?:that|it) "
    r"(?:seem|sound)\b|\bis it fair to say\b"
)
EXPERIENCE_RX: Final = _rx(
    r"\b(?:have|had) you (?:ever|tried|been|had|done|seen|used|thought|talked|spoken|told|"
    r"noticed|found|heard|read|looked|considered|managed|got|started|finished|written|booked|"
    r"rung|phoned|called|asked|replied|answered|written back|sent|gone|missed)\b|\bdid you (?:ever|"
    r"try|go|have|tell|see|start|finish|write|book|ring|ask|reply|answer|send|miss)\b"
    r"|\b(?:do|did) you ever\b|\bwere you ever\b|\bhas (?:anyone|anybody|it ever|that ever)\b"
)
FEELING_WORDS: Final = _words(
    "scary scared frightening frightened terrifying terrified hard tough difficult "
    "exhausting exhausted tiring tired draining drained painful sore lonely isolating "
    "isolated frustrating frustrated embarrassing embarrassed stressful stressed worrying "
    "worried upsetting upset overwhelming overwhelmed annoying annoyed awful horrible "
    "unpleasant uncomfortable disappointing disappointed humiliating ashamed shameful "
    "angry cross anxious nervous helpless hopeless sad depressing depressed confusing "
    "confused unfair relieving relieved reassuring reassured exhausting distressing "
    "distressed agonising unbearable miserable heavy lonely boring bored"
)
AFFECT_Q_RX: Final = _rx(
    r"^(?:is|was|are|were|does|did|has|have|must|would) (?:it|that|this|they|those|these|you|"
    r"the \w+|things|life|everything|work|home)(?: (?:been|feel|felt|feeling|get|getting|seem|"
    r"sound|making you|make you|leave you|leaving you|really|very|so|quite|pretty|a bit|kind of"
    r"|sort of|ever|still|always|often))* (?P<word>[a-z]+)\b"
)
# Pronouns said back from the patient's side ("your mum" → "my mum").
PERSPECTIVE: Final[dict[str, str]] = {
    "you": "I", "your": "my", "yours": "mine", "yourself": "myself", "yourselves": "ourselves",
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "we": "we", "us": "us", "our": "our", "am": "are",
}
