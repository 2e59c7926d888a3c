"""Split a clinician's turn (a volley) into units that each carry one act.

A unit is a sentence, a filler ("Okay." "So," "Mm-hmm"), or a clause that starts a new act inside
a run-on sentence (transcribed speech often has no full stops: "yeah that's hard so what do you
think you'll do" is a filler, a reflection and a question). Each unit keeps the text as written
(for people) and a normalised form (for the rules): lower case, straight apostrophes, common
contractions expanded, disfluencies ("um", "uh", ", you know,") removed, leading discourse
markers ("so", "and", "well") remembered then stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from mi_sim.engine import lexicon as lx

MAX_CHARS: Final = 4000  # longer turns are coded on their first MAX_CHARS characters
MAX_UNITS: Final = 40

_TAG_RX: Final = re.compile(r"<[^<>]{0,300}>")
# (not after "a.m.", "p.m.", "Dr.", "e.g.": "the four a.m. wake-ups" is one sentence)
_SENT_RX: Final = re.compile(r"(?<=[.!?…])(?<!\ba\.m\.)(?<!\bp\.m\.)(?<!\b[Dd]r\.)(?<!\b[Mm]r\.)"
                             r"(?<!\b[Mm]rs\.)(?<!\be\.g\.)(?<!\bi\.e\.)[\"')\]]*\s+|\s*[\n;]+\s*|"
                             r"(?<=\?)(?=\w)")
_END_PUNCTUATION: Final = " \t.!?…\"')]"
_SPLIT_CHARS: Final = (".", "!", "?", "…", ";", "\n")
_ELLIPSIS_RX: Final = re.compile(r"(?:\.{3,}|…)(?!\s*[?!])")  # "or…?" keeps its question mark
_TRAILING_ELLIPSIS_RX: Final = re.compile(r"(?:\.{3,}|…)\s*([?!])")
_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-",
                                "—": " - "})
# Fillers that stand apart even without punctuation ("yeah so what…").
_STANDALONE_FILLER_RX: Final = re.compile(
    r"\b(?:okay|alright|right|mm-?hmm|mhm|uh-?huh|yeah|yes|yep|sure|oh|wow|i see|got it|great|"
    r"good|cool)\b"
)
# A tag at the end of a statement ("…, hasn't it?", "…, can you"): part of the statement.
_TAG_END_RX: Final = re.compile(
    r"\s*(?:is|isn't|are|aren't|was|wasn't|were|weren't|do|don't|does|doesn't|did|didn't|has|"
    r"hasn't|have|haven't|can|can't|could|couldn't|will|won't|would|wouldn't|should|shouldn't)"
    r"\s+(?:it|you|they|we|i|he|she|that|there)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# A wh-word followed by an aside in commas: "what, if anything," / "how, in your view,".
_WH_PARENTHESIS_RX: Final = re.compile(
    r"^(?:(?:so|and|but|okay|well|now)[,\s]+)?" + lx.WH + r",", re.IGNORECASE
)
_IF_ANYTHING_RX: Final = re.compile(r"\b" + lx.WH + r",? if anything,?$", re.IGNORECASE)
# Advice joined on with "and/but/so" ("…, but you should…"); the cut goes before the comma and
# spaces in front of the word (found after the match, so the search can jump to the word).
_ADVICE_SPLIT_RX: Final = re.compile(
    r"(?:and(?<=\sand)|but(?<=\sbut)|so(?<=\sso))\s+(?=(?:i (?:think|would|really) (?:you "
    r"should|you need|you might "
    r"want|recommend|suggest)|you (?:should|need to|have to|must|ought to|might want to)|"
    r"maybe you (?:could|should|can)|let us|why don't you|that is (?:great|wonderful|"
    r"fantastic|impressive|really good)|well done|good for you)\b)"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a volley: the text as said, its normalised form, and what led into it."""

    text: str
    norm: str
    lead: str  # the discourse markers stripped from the start ("so", "and", "yeah so")
    filler: bool  # the unit is only filler words
    question_mark: bool  # the written unit ends with "?"


def clean(text: str) -> str:
    """Remove markup and control characters, straighten quotes, collapse whitespace."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "<" in text:
        text = _TAG_RX.sub(" ", text)
    text = text.translate(_QUOTES)
    if "..." in text or "…" in text:
        text = _TRAILING_ELLIPSIS_RX.sub(r"\1", _ELLIPSIS_RX.sub(". ", text))
    return text.strip()


def normalise(text: str) -> str:
    """The form the rules read: lower case, contractions expanded, disfluencies removed.

    Each rewrite runs only when a cheap check says it can apply (same result, less time).
    """
    t = text.lower()
    if "ur " in t:  # "ur overreacting" is "you are"; "ur mum" (below) is "your"
        t = lx.UR_ARE_RX.sub("you are ", t)
    if "yr" in t:  # "a yr ago" is a year; "yr mum" (below) is "your"
        t = lx.YR_YEAR_RX.sub(r"\1 year", t)
    if " b " in t:  # "would u b up for it" is "be"; "plan b" is not
        t = lx.B_BE_RX.sub(r"\1 be ", t)
    tokens = lx.CONTRACTION_TOKEN_RX.findall(t)
    for key in lx.CONTRACTIONS.keys() & tokens:
        t = lx.CONTRACTION_ONE[key].sub(lx.CONTRACTIONS[key], t)
    hesitation = not lx.HESITATIONS.isdisjoint(tokens) or bool(
        tokens and max(map(len, tokens)) > 8 and lx.HESITATION_RX.search(t)
    )
    comma = "," in t
    you_know = "you know" in t or "i mean" in t
    parts = (
        hesitation,
        comma and you_know,
        you_know and t.startswith(("you know", "i mean")),
        you_know and t.rstrip().endswith(("you know", "i mean")),
        comma and any(phrase in t for phrase in lx.ASIDE_PHRASES),
    )
    if any(parts):
        t = lx.disfluency_rx(parts).sub(" ", t)
    t = " ".join(t.split()).strip(" ,-")
    if lx.REPEAT_CHECK_RX.search(t):
        t = lx.REPEAT_RX.sub(r"\1", t)
    return t


def _sentences(text: str) -> list[str]:
    core = text.rstrip(_END_PUNCTUATION)
    if not any(c in core for c in _SPLIT_CHARS):  # one sentence (the common case): no regex
        return [text] if text and text.strip(" ,.-") else []
    out: list[str] = []
    for s in (s.strip() for s in _SENT_RX.split(text) if s and s.strip(" ,.-")):
        if out and out[-1].endswith("?") and s[:3].lower() == "or " and len(s.split()) <= 8:
            out[-1] = out[-1][:-1].rstrip() + ", " + s  # "A then? Or B?" is one question
        else:
            out.append(s)
    return out


# A verb that takes "X and what happens…" as its object, in the clause just before the cut.
_OBJECT_CLAUSE_RX: Final = re.compile(
    r"\b(?:look at|looking at|talk about|talking about|think about|go through|go over|leave|"
    r"work out|figure out|explore|understand|make sense of|get a sense of|unpick)\b[^,.;?!]*"
    r"\band\s*$", re.IGNORECASE)
# A step of noting things down names what to note: "jotting down when the stomach goes and what
# was coming up that day" asks nothing, whatever the verb after "what".
_NOTING_RX: Final = re.compile(
    r"\b(?:jot|jots|jotting|jotted|write|writing|note|noting|log|logging|record|recording|track|"
    r"tracking|keep track of|keeping track of|keep a note of|keeping a note of)(?: down)?\b"
    r"[^,.;?!]*\band\s*$", re.IGNORECASE)
_EMBEDDED_WH_RX: Final = re.compile(r"(?:what|how|why|where|when|who)\s+(?!(?:do|does|did|is|are|"
                                   r"was|were|would|could|can|will|have|has)\b)", re.IGNORECASE)
_WH_WORD_RX: Final = re.compile(r"(?:what|how|why|where|when|who)\b", re.IGNORECASE)
_RELATIVE_RX: Final = re.compile(r"^(?:who|which|whose)\b", re.IGNORECASE)
_ANTECEDENT = (r"\b(?:someone|somebody|anyone|anybody|people|person|one|man|woman|guy|girl|"
               r"friend|mum|dad|mother|father|brother|sister|boss|manager|colleague|thing|things|"
               r"job|those)")
_ANTECEDENT_RX: Final = re.compile(_ANTECEDENT + r" (?:who|which|that)\b", re.IGNORECASE)
_ANTECEDENT_END_RX: Final = re.compile(_ANTECEDENT + r"[\s,-]*$", re.IGNORECASE)


def relative_clause(head: str, clause: str, question_mark: bool) -> bool:
    """Whether `clause` ("who makes excellent slides") describes something in `head` ("I see
    someone who still goes to work every day,") rather than asking: it has no question mark and
    continues a relative clause the head has begun ("someone who…, who…")."""
    return not question_mark and _RELATIVE_RX.match(clause) is not None and (
        _ANTECEDENT_RX.search(head.rstrip(" ,")) is not None
        or _ANTECEDENT_END_RX.search(head) is not None)  # "your dad - who'd have read…"


def _question_clause_splits(sentence: str) -> list[str]:
    """Split a run-on sentence before a clause that opens a question, and before advice."""
    low = sentence.lower()
    cuts: list[int] = []
    for m in lx.CLAUSE_Q_SPLIT_RX.finditer(low):
        if m.end() > 8:  # a short lead ("so, what ...") stays with its clause
            cuts.append(m.end())
    for m in _ADVICE_SPLIT_RX.finditer(low):
        cut = m.start()
        while cut > 0 and low[cut - 1].isspace():
            cut -= 1
        if cut > 0 and low[cut - 1] == ",":
            cut -= 1
        if cut > 8:
            cuts.append(cut)
    if not cuts:
        return [sentence]
    parts: list[str] = []
    prev = 0
    for cut in sorted(set(cuts)):
        head = sentence[prev:cut].strip(" ,")
        if _WH_PARENTHESIS_RX.match(head) or _IF_ANYTHING_RX.search(head):  # "What, if
            continue  # anything, would you…" is one question, with a lead-in or without
        if _TAG_END_RX.match(sentence[cut:]):  # "…, hasn't it" is a tag on the statement
            continue
        if sentence[cut:].lower().startswith("which ") and not sentence.rstrip().endswith("?"):
            continue  # "…putting you forward, which part of you wants." is a relative clause
        if relative_clause(head, sentence[cut:], sentence.rstrip().endswith("?")):
            continue  # "someone who goes to work, who makes slides, who is trying." describes
        if (_OBJECT_CLAUSE_RX.search(head) and _EMBEDDED_WH_RX.match(sentence[cut:])) or (
                _NOTING_RX.search(head) and _WH_WORD_RX.match(sentence[cut:])):
            continue  # "we can look at the stomach and what happens on those days" names a
            # second thing to look at; it asks nothing
        if len(head.split()) >= 2:
            parts.append(head)
            prev = cut
    parts.append(sentence[prev:].strip(" ,"))
    return [p for p in parts if p]


def _peel_lead(sentence: str) -> tuple[str, str]:
    """Split leading fillers ("okay, so yeah") from the rest of a sentence."""
    low = sentence.lower()
    m = lx.LEAD_FILLER_RX.match(low)
    if not m or m.end() == 0:
        return "", sentence
    return sentence[: m.end()].strip(), sentence[m.end():].strip()


def _unit(text: str, lead: str = "") -> Unit:
    norm = normalise(text)
    m = lx.LEAD_MARKER_RX.match(norm)
    if m and m.end() < len(norm):
        lead = (lead + " " + norm[: m.end()].strip(" ,")).strip()
        norm = norm[m.end():]
    filler = bool(lx.FILLER_SEG_RX.match(norm)) or not norm.strip(" ,.!?-")
    return Unit(text, norm, lead.lower(), filler, text.rstrip(" \"')").endswith("?"))


@lru_cache(maxsize=1024)
def segment(text: str) -> tuple[Unit, ...]:
    """Split a volley into units; fillers in front of an act become their own unit. Cached:
    the coder and the reader both split the line of a turn."""
    return tuple(_split(text))


def _split(text: str) -> list[Unit]:
    units: list[Unit] = []
    for sentence in _sentences(clean(text)):
        for clause in _question_clause_splits(sentence):
            lead, rest = _peel_lead(clause)
            if lead and rest and lx.LATIN_RX.search(rest):
                # A filler that stands apart ("Okay." / "So," / "yeah,") is its own unit; a bare
                # "so" or "and" that runs into the act is a cue kept on the act.
                lead_norm = normalise(lead)
                standalone = lead.rstrip().endswith((",", ".", "!", "-")) or bool(
                    _STANDALONE_FILLER_RX.search(lead_norm)
                )
                if standalone:
                    units.append(Unit(lead, lead_norm, "", True, lead.endswith("?")))
                    units.append(_unit(rest, _marker_tail(lead_norm)))
                else:
                    units.append(_unit(clause))
            else:
                units.append(_unit(clause))
            if len(units) >= MAX_UNITS:
                return units
    return units


def _marker_tail(lead_norm: str) -> str:
    """Discourse markers at the end of a peeled filler ("okay so" -> "so") cue the next act."""
    words = lead_norm.replace(",", " ").split()
    tail = [w for w in words[-2:] if w in {"so", "and", "but", "well", "now"}]
    return " ".join(tail)


_SENTENCE_END: Final = re.compile(r"(?<!\.)[.?!] +(?=\S)")  # an ellipsis does not end one


def sentence_of(whole: str, text: str) -> str:
    """The sentence of `whole` that holds `text`, from its start to the end of `whole` (the whole
    line when `text` is not in it): a question's own sentence, without the reflection before."""
    at = whole.find(text[:30])
    if at < 0:
        return whole
    starts = [m.end() for m in _SENTENCE_END.finditer(whole) if m.end() <= at]
    return whole[starts[-1] if starts else 0:]


def sentence_before(whole: str, text: str) -> str:
    """What a question's own sentence says before it ("When was the MRI done, and who went
    through the result?" → "when was the MRI done, and "); "" when `text` opens its sentence or
    is not in `whole`."""
    sentence = sentence_of(whole, text)
    at = sentence.find(text[:30])
    return sentence[:at] if at > 0 else ""
