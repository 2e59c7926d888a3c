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
from typing import Final

from mi_sim.engine import lexicon as lx

MAX_CHARS: Final = 4000  # longer turns are coded on their first MAX_CHARS characters
MAX_UNITS: Final = 40

_TAG_RX: Final = re.compile(r"<[^<>]{0,300}>")
_SENT_RX: Final = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\s*[\n;]+\s*|(?<=\?)(?=\w)")
_ELLIPSIS_RX: Final = re.compile(r"\.{3,}|…")
_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-",
                                "—": " - "})
_ADVICE_SPLIT_RX: Final = re.compile(
    r",?\s+(?:and|but|so)\s+(?=(?:i (?:think|would|really) (?:you should|you need|you might "
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
    text = _TAG_RX.sub(" ", text).translate(_QUOTES)
    text = _ELLIPSIS_RX.sub(". ", text) if "..." in text or "…" in text else text
    return text.strip()


def normalise(text: str) -> str:
    """The form the rules read: lower case, contractions expanded, disfluencies removed.

    Each rewrite runs only when a cheap check says it can apply (same result, less time).
    """
    t = text.lower()
    tokens = lx.CONTRACTION_TOKEN_RX.findall(t)
    for key in lx.CONTRACTIONS.keys() & tokens:
        t = lx.CONTRACTION_ONE[key].sub(lx.CONTRACTIONS[key], t)
    if not lx.DISFLUENCY_WORDS.isdisjoint(tokens) or lx.HESITATION_RX.search(t):
        t = lx.DISFLUENCY_RX.sub(" ", t)
    t = " ".join(t.split()).strip(" ,-")
    if lx.REPEAT_CHECK_RX.search(t):
        t = lx.REPEAT_RX.sub(r"\1", t)
    return t


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_RX.split(text) if s and s.strip(" ,.-")]


def _question_clause_splits(sentence: str) -> list[str]:
    """Split a run-on sentence before a clause that opens a question, and before advice."""
    low = sentence.lower()
    cuts: list[int] = []
    for rx in (lx.CLAUSE_Q_SPLIT_RX, _ADVICE_SPLIT_RX):
        for m in rx.finditer(low):
            cut = m.end() if rx is lx.CLAUSE_Q_SPLIT_RX else m.start()
            if cut > 8:  # a short lead ("so, what ...") stays with its clause
                cuts.append(cut)
    if not cuts:
        return [sentence]
    parts: list[str] = []
    prev = 0
    for cut in sorted(set(cuts)):
        head = sentence[prev:cut].strip(" ,")
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


def segment(text: str) -> list[Unit]:
    """Split a volley into units; fillers in front of an act become their own unit."""
    units: list[Unit] = []
    for sentence in _sentences(clean(text)):
        for clause in _question_clause_splits(sentence):
            lead, rest = _peel_lead(clause)
            if lead and rest and lx.LATIN_RX.search(rest):
                # A filler that stands apart ("Okay." / "So," / "yeah,") is its own unit; a bare
                # "so" or "and" that runs into the act is a cue kept on the act.
                lead_norm = normalise(lead)
                standalone = lead.rstrip().endswith((",", ".", "!", "-")) or bool(
                    re.search(r"\b(?:okay|alright|right|mm-?hmm|mhm|uh-?huh|yeah|yes|yep|sure|"
                              r"oh|wow|i see|got it|great|good|cool)\b", lead_norm)
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
