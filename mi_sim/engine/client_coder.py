"""Code a client's line as change talk, sustain talk or neutral, with a DARN-CAT subtype.

Pure and stdlib only. The rules, in the order they are applied:

1. **Segments.** The line is cleaned (markup removed, quotes straightened) and cut into sentences,
   and before every "but". Each segment is normalised (lower case, contractions expanded, fillers
   and hedges dropped) and coded on its own.
2. **Cues in a segment**, each with a direction, a subtype and a strength:
   - sarcasm ("yeah right, I'll just stop") is sustain/ability whatever it says (strongest);
   - ready-made phrases: the status quo cannot go on (change/need), putting change off
     (sustain/activation), refusing (sustain/commitment), benefits of the status quo and reasons
     against change ("it's how I relax", "it's physical", "I need another scan first", fears of
     what change would bring) (sustain/reasons), costs of the status quo and benefits of change
     (change/reasons), steps back or forward (taking_steps);
   - a **first-person modal frame** (want / can / need / will / ready / going to, and their
     negations) applied to its object. The object's polarity is +1 for a change target (quit,
     cut down, exercise, take the tablets, the group, less, without), -1 for the status quo
     (a drink, checking, another scan, keep using, stay in); REMOVE verbs (stop, quit, give up)
     flip what follows them and KEEP verbs (keep, carry on) hold it; a bare pronoun takes the
     polarity of the clinician's topic ("How's the metformin?" - "I stopped it"). Direction =
     frame polarity x object polarity, with an unknown object counting as +1 (a positive
     "I could do that" answers towards change, "I can't do that" away from it). Negation scope is
     the frame: "can't stop" is sustain/ability, "don't want to drink" is change/desire,
     "not sure I can quit" is sustain/ability (the doubt is about the change), "can't not check"
     is sustain/ability.
   - **hypotheticals** "if I quit I'd…" are change/reasons unless the consequence is a fear
     ("if I don't check and it turns out to be something…"), which a sustain cue outranks;
   - a **past action** ("I deleted the apps", "I bought a crate", "I stopped testing") is
     taking_steps in the direction of its object; a story about long ago is neutral.
   - Client **questions** are neutral, except sarcasm and a few rhetorical forms ("what if I
     have an attack?", "how would she know?", "what's the point?"), which are sustain.
   The strongest cue wins; on a tie a ready-made phrase beats a modal frame (it is more
   specific), then the earlier cue (the main clause usually comes first). The subtype comes from
   the DARN-CAT verb when one agrees with the winning direction ("I have to stop, we'll lose the
   house" is change/need, not reasons).
3. **The line's talk.** When segments disagree, the segment after the last "but" that has a
   direction dominates (ambivalence is coded by its last clause, as MI coders do); otherwise the
   strongest segment, ties to the later one.
4. **Context.** With no direction of its own, a line inherits from the clinician's last line:
   a bare "yeah" takes the direction of a reflection or closed question (the clinician's line is
   read as if the patient said it, "you" -> "I"), a bare "no" the opposite; an answer to an
   evoking question ("What would be good about drinking less?", "How important is it to you?")
   is change, an answer to a question about the good things of the status quo ("What do you like
   about drinking?", "What's stopping you?") is sustain; ability and desire questions pass their
   subtype on, the rest give reasons. An answer to an information question stays neutral.
5. Everything else is neutral: information, questions, stories, agreement without direction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mi_sim.engine import client_lexicon as lx
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.gated import Gated, WordIndex
from mi_sim.engine.regex_parts import group_end, split_top
from mi_sim.engine.vocabulary import Subtype, Talk

MAX_CHARS: Final = 4000
MAX_SEGMENTS: Final = 30


@dataclass(frozen=True, slots=True)
class ClientSegment:
    """One sentence or clause of a client line with its own talk code."""

    text: str
    talk: Talk
    subtype: Subtype | None
    why: str


@dataclass(frozen=True, slots=True)
class ClientCoding:
    """The verdict on one client line."""

    text: str
    talk: Talk
    subtype: Subtype | None
    segments: tuple[ClientSegment, ...]
    why: str
    rule: str


@dataclass(frozen=True, slots=True)
class _Cue:
    talk: Talk
    subtype: Subtype
    strength: int
    why: str
    rule: str


# --- normalising ----------------------------------------------------------------------------------

_TAG_RX: Final = re.compile(r"<[^<>]{0,300}>")
_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-",
                                "—": " - "})
_FIXED: Final = {
    "can't": "can not", "cannot": "can not", "cant": "can not", "won't": "will not",
    "wont": "will not", "ain't": "is not", "don't": "do not", "dont": "do not",
    "didnt": "did not", "i'm": "i am", "im": "i am", "gonna": "going to", "wanna": "want to",
    "gotta": "got to", "dunno": "do not know", "'cause": "because", "cause": "because",
    "cos": "because", "'cos": "because", "coz": "because", "kinda": "", "sorta": "",
    "a&e": "a and e", "a+e": "a and e",
}
_S_IS: Final = frozenset(
    [
        "it", "that", "what", "there", "he", "she", "where", "who", "how", "here", "this",
        "everything", "nothing", "something", "everyone", "life", "one", "nobody", "somebody",
        "everybody", "anyone", "anybody", "anything", "someone", "let"
    ]
)
_SUFFIX: Final = {"n't": " not", "'ll": " will", "'d": " would", "'ve": " have", "'re": " are"}
_CONTRACTION_RX: Final = re.compile(
    r"(?<![\w'])(?:'cause|'cos|a&e|a\+e|\w+(?:n't|'ll|'d|'ve|'re|'s)|can't|cannot|cant|won't|"
    r"wont|ain't|dont|didnt|i'm|im|gonna|wanna|gotta|dunno|cause|cos|coz|kinda|sorta)(?![\w'])"
)
_ILL_RX: Final = re.compile(
    r"\bill(?= (?:just|be|do|try|give|have|ring|book|make|go|get|put|keep|see|stick|stop|leave|"
    r"test|take)\b)"
)


def _expand(m: re.Match[str]) -> str:
    word = m.group(0)
    fixed = _FIXED.get(word)
    if fixed is not None:
        return fixed
    if word.endswith("n't"):
        return word[:-3] + " not"
    if word.endswith("'s"):
        return word[:-2] + " is" if word[:-2] in _S_IS else word
    for suffix, rep in _SUFFIX.items():
        if word.endswith(suffix):
            return word[: -len(suffix)] + rep
    return word


_FILLER_RX: Final = re.compile(
    r"\b(?:u+m+|u+h+|e+r+m*|ah+|hmm+|you know|i mean|sort of|kind of|to be honest|honestly|"
    r"to be fair|actually|really|basically|literally|definitely|probably|obviously|"
    r"i (?:think|guess|suppose|reckon|know|feel like)(?= \w+ \w)|like(?=,)|(?<=, )like|"
    r"at the end of the day|or something|or whatever|and that|and stuff|you see|just|"
    r"a bit|a little|bloody|fucking|f\*+ing|properly|well(?=,))\b"
)
_PUNCT_RX: Final = re.compile(r"[^\w\s,'&+*-]")
_COMMA_RX: Final = re.compile(r"\s*,[\s,]*")


def clean(text: str) -> str:
    """Markup removed, quotes straightened, whitespace collapsed."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "<" in text:
        text = _TAG_RX.sub(" ", text)
    return " ".join(text.translate(_QUOTES).split())


def normalise(text: str) -> str:
    """The form the rules read (see `client_lexicon`)."""
    t = text.lower().translate(_QUOTES)
    t = _CONTRACTION_RX.sub(_expand, t)
    if "ill " in t:
        t = _ILL_RX.sub("i will", t)
    t = _FILLER_RX.sub(" ", t)
    t = _PUNCT_RX.sub(" ", t)
    t = _COMMA_RX.sub(" , ", t) if "," in t else t
    return _dedupe(t.split())


def _dedupe(words: list[str]) -> str:
    """Collapse false starts: "it is , it is ruining" -> "it is ruining" (never "not not")."""
    seen: dict[str, int] = {}
    repeat = False
    for i, w in enumerate(words):
        j = seen.get(w)
        if j is not None and i - j <= 4 and w != "," and w != "not":
            repeat = True
            break
        seen[w] = i
    if not repeat:
        return " ".join(words).strip(" ,")
    out: list[str] = []
    for w in words:
        out.append(w)
        if len(out) < 2 or w == "not":
            continue
        for n in (1, 2, 3):
            if len(out) < 2 * n:
                break
            tail = out[-n:]
            if out[-2 * n:-n] == tail:
                del out[-n:]
                break
            if len(out) > 2 * n and out[-n - 1] == "," and out[-2 * n - 1:-n - 1] == tail:
                del out[-n - 1:]
                break
    return " ".join(out).strip(" ,")


def _light(text: str) -> str:
    """A cheaper normalisation for the clinician's line: case, contractions, punctuation."""
    t = _CONTRACTION_RX.sub(_expand, text.lower().translate(_QUOTES))
    return " ".join(_PUNCT_RX.sub(" ", t).replace(",", " ").split())


_SPLIT_RX: Final = re.compile(r"(?<=[.!?…;])\s+|\s*\n+\s*|,?\s+(?=but\b)", re.IGNORECASE)
_YOU: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(p), r) for p, r in (
        (r"^(?:so |and |but |okay |right )*(?:do|did) you\b", "i"),
        (r"^(?:so |and |but |okay |right )*are you\b", "i am"),
        (r"^(?:so |and |but |okay |right )*(would|will|can|could|have|should) you\b", r"i \1"),
        (r"\byou are\b", "i am"), (r"\byou were\b", "i was"), (r"\byourself\b", "myself"),
        (r"\byour\b", "my"),
        (r"\b(\w+s|for|to|with|at|about|of|on|makes|help|let|get|gives) you\b", r"\1 me"),
        (r"\byou\b", "i"),
    )
)


def _split(text: str) -> list[str]:
    parts = [p.strip(" ,") for p in _SPLIT_RX.split(text) if p and p.strip(" ,.-")]
    return parts[:MAX_SEGMENTS]


# --- where a word starts ---------------------------------------------------------------------

def _flatten(alt: str, depth: int = 0) -> list[str]:
    """Expand a leading non-capturing group so every alternative starts with its own word."""
    prefix = ""
    rest = alt
    while rest.startswith(("\\b", "^")):
        cut = 2 if rest.startswith("\\b") else 1
        prefix, rest = prefix + rest[:cut], rest[cut:]
    if depth < 3 and rest.startswith("(?:"):
        close = group_end(rest, 0)
        end = close + 1 if close >= 0 else len(rest)
        after = rest[end:]
        if not after.startswith(("?", "*", "+", "{")):
            inner = rest[3:end - 1]
            out: list[str] = []
            for option in split_top(inner):
                out.extend(_flatten(prefix + option + after, depth + 1))
            return out
    return [alt]


_LEAD_WORD_RX: Final = re.compile(r"(?:\\b|\^)*([a-z]+)(.?)")


def _spaced(pattern: str) -> str:
    """`pattern` as the client coder reads it: a word starts where a word of the text does.

    The normalised text is words between single spaces, and a word may hold a hyphen or an
    apostrophe ("weekends-only", "aa's"). After leading groups are spread over what follows them,
    an alternative that starts with a plain word is tried only where a word of the text starts
    ("(?<![^ ])", see `gated.Gated`), and a word of one or two letters must be the whole word of
    the text; one that starts with an optional group ("(?:a )?bottle") or with a short word joined
    to a sign ("no-one", "x-?rays?") is searched as written, "\\b" and all.
    """
    out: list[str] = []
    for top in split_top(pattern):
        for alt in _flatten(top):
            m = _LEAD_WORD_RX.match(alt)
            if m is None:
                out.append(alt)
                continue
            word, after = m.group(1), m.group(2)
            stem = word[:-1] if after in ("?", "*", "{") else word  # "pills?" -> "pill"
            short = len(stem) < 3
            if not stem or (short and after not in (" ", "\\", ")", "")):
                out.append(alt)
                continue
            lead, body = alt[:m.start(1)], alt[m.start(1):]
            if short:  # the whole word of the text
                body = word + "(?![^ ])" + body[len(word):]
            out.append(("^" if "^" in lead else "(?<![^ ])") + body)
    return "|".join(out)


def _first_at(rx: Gated, text: str) -> int:
    """Where the first match of `rx` in `text` starts, or -1."""
    m = rx.search(text)
    return -1 if m is None else m.start()


# --- compiled patterns ------------------------------------------------------------------------

_PROBLEM_RX: Final = re.compile(r"\b(?:" + lx.PROBLEM + r")\b")
_HEALTHY_RX: Final = re.compile(r"\b(?:" + lx.HEALTHY + r")\b")
# The client's gated patterns search normalised client text: their own word index.
_WORDS: Final = WordIndex()
_PROBLEM_GATED: Final = Gated(_spaced(r"\b(?:" + lx.PROBLEM + r")\b"), _WORDS)
_HEALTHY_GATED: Final = Gated(_spaced(r"\b(?:" + lx.HEALTHY + r")\b"), _WORDS)
_REMOVE_RX: Final = re.compile(r"^(?:" + lx.REMOVE_VERB + r")\b ?")
_KEEP_RX: Final = re.compile(r"^(?:" + lx.KEEP_VERB + r")\b ?")
_FIX_RX: Final = re.compile(r"^(?:" + lx.FIX_VERB + r")\b")
_PLACEMENT_RX: Final = re.compile(r"^(?:it|them|those|these) (?:by|in|on|next to|near|beside)\b")
_SUBORDINATE_RX: Final = re.compile(r"\b(?:if|when|unless|whenever|as long as|till|until)$")
_LESS_RX: Final = re.compile(lx.LESS)
_REMOVE_ANYWHERE_RX: Final = re.compile(r"\b(?:" + lx.REMOVE_VERB + r")\b")
_MORE_CHECKS_RX: Final = re.compile(lx.MORE_CHECKS)
_CHECK_WORDS_RX: Final = re.compile(lx.CHECK_WORDS)
_PRONOUN_RX: Final = re.compile(lx.PRONOUN_OBJECT)
_MODAL_RX: Final = re.compile(
    lx.SUBJ + r"(?:" + "|".join(f"(?P<m{i}>{rx})" for i, (rx, _s, _p) in enumerate(lx.MODALS))
    + r")\b ?"
)
_MODAL_KIND: Final = {f"m{i}": (Subtype(sub), pol) for i, (_r, sub, pol) in enumerate(lx.MODALS)}
_CUE_GATED: Final = tuple(Gated(_spaced(cue[0]), _WORDS) for cue in lx.CUES)
_CUE_KINDS: Final = tuple((Talk(talk), Subtype(sub), strength, why)
                          for _rx, talk, sub, strength, why in lx.CUES)
_STEP_RX: Final = re.compile(r"(?:^|\b(?:and|so|then|but|now) )(?:i|we) " + lx.STEP_VERBS + r" ?")
_THREW_RX: Final = re.compile(r"(?:threw|thrown|binned|poured|flushed|gave away|sold|got rid of|"
                              r"deleted|chucked)\b")
_STEP_PLUS_RX: Final = re.compile(
    r"(?:have |had )?(?:been )?(?:deleted|got rid of|binned|threw|cut down|cut back|quit|gave up|"
    r"joined|signed up|booked|managed|tried|wrote|written|writing|walked|walking|ran|running|swam|"
    r"swimming|tested|testing|told|exercising|cooking|practising|doing the)\b"
)
_IF_RX: Final = re.compile(
    r"\bif i (?!do not\b|did not\b|had not\b|have not\b|was not\b|am not\b)"
    r"(?:\w+ ){0,8}?(?:i|we|they|she|he|it|there|that|my \w+) (?:would|could|might|will|can)\b|"
    r"\b(?:i|we|it|that|they|she|he|my \w+) (?:would|could|might) .*\bif i\b"
)
_IF_NOT_RX: Final = re.compile(r"\bif i (?:do not|did not|was not|am not)\b")
_EVOKE_CHANGE_RX: Final = re.compile(lx.EVOKE_CHANGE)
_EVOKE_SUSTAIN_RX: Final = re.compile(lx.EVOKE_SUSTAIN)
_FRAME_ABILITY_RX: Final = re.compile(lx.FRAME_ABILITY)
_FRAME_DESIRE_RX: Final = re.compile(lx.FRAME_DESIRE)
_NEGATION_RX: Final = re.compile(r"^(?:not|never|no longer) (?!only\b)")
_NOT_SURE_RX: Final = re.compile(
    r"\b(?:not sure|do not know if|doubt|do not think|not convinced) (?:that )?(?:i|we) "
    r"(?:can|could|would be able to|will be able to|will|would)\b"
)
_LATIN_RX: Final = re.compile(r"[a-z]")
_WORDS_RX: Final = re.compile(r"[a-z]+")
_ENGLISH_HINT: Final = frozenset(
    [
        "i", "it", "the", "to", "and", "a", "my", "me", "is", "not", "that", "of", "you", "do",
        "can", "want", "be", "so", "but", "have", "just", "no", "yeah", "this", "like", "know",
        "what", "all", "we", "he", "she", "they", "was", "are", "in", "on", "for", "with", "at",
        "get", "go", "would", "will", "could", "everyone", "nobody", "when", "if", "one", "about",
        "some", "more", "much", "time", "day", "week"
    ]
)
_FEAR_RX: Final = re.compile(
    r"\b(?:attack|panic|pass out|faint|die|collapse|worse|awful|climbing the walls|go mad|lose it|"
    r"craving|can not cope|could not cope|put (?:it|the weight|weight) back on|miserable|boring|"
    r"never forgive|caught out|something happen|turns? out|my fault)"
)


# --- objects --------------------------------------------------------------------------------------

def _polarity(obj: str, topic: int, depth: int = 0) -> int:
    """+1 a change target, -1 the status quo, 0 unknown (see module docstring)."""
    obj = obj.strip()
    if not obj or depth > 3:
        return 0
    m = _NEGATION_RX.match(obj)
    if m:
        inner = _polarity(obj[m.end():], topic, depth + 1)
        return -inner if inner else 0
    if _FIX_RX.match(obj):
        return 1
    m = _REMOVE_RX.match(obj)
    if m:
        rest = obj[m.end():]
        inner = _polarity(rest, topic, depth + 1)
        if inner == 0 and _HEALTHY_RX.search(rest[:40]) is None:
            inner = -1  # "stop", "quit it", "cut down": the problem by default
        return -inner
    m = _KEEP_RX.match(obj)
    if m:
        rest = obj[m.end():]
        if _PLACEMENT_RX.match(rest):
            return 0
        inner = _polarity(rest, topic, depth + 1)
        if inner == 0 and (rest.split(" ", 1)[0].endswith("ing") or not rest
                           or rest.startswith(("doing", "going", "it ", "those", "them", "what i",
                                               "the way", "how i", "as i am", "my "))):
            inner = -1
        return inner
    window = obj[:60]
    problem = _first_at(_PROBLEM_GATED, window)
    healthy = _first_at(_HEALTHY_GATED, window)
    if _CHECK_WORDS_RX.search(window) and _MORE_CHECKS_RX.search(window):
        return -1
    if problem >= 0 and (healthy < 0 or problem < healthy):
        if _LESS_RX.search(window) or _REMOVE_ANYWHERE_RX.search(window[:problem]):
            return 1
        return -1
    if healthy >= 0:
        return 1
    if _LESS_RX.search(window):
        return 1
    if _PRONOUN_RX.match(obj) and topic:
        return topic
    return 0


def _topic(frame: str) -> int:
    """The polarity of what the clinician's line is about (for "it" / "them" in the answer)."""
    if not frame:
        return 0
    problem = _PROBLEM_GATED.search(frame) is not None
    healthy = _HEALTHY_GATED.search(frame) is not None
    if problem and _REMOVE_ANYWHERE_RX.search(frame):
        return 1
    if problem and not healthy:
        return -1
    if healthy and not problem:
        return 1
    return 0


# --- one segment ------------------------------------------------------------------------------

def _modal_cues(norm: str, topic: int) -> list[tuple[int, _Cue]]:
    cues: list[tuple[int, _Cue]] = []
    if True:
        for m in _MODAL_RX.finditer(norm):
            subtype, pol = _MODAL_KIND[m.lastgroup or "m0"]
            needs_object = pol == 2
            pol = 1 if needs_object else pol
            obj = norm[m.end():].split(",", 1)[0].strip()
            if pol == 1 and not obj and subtype in (Subtype.COMMITMENT, Subtype.ABILITY):
                continue
            if _SUBORDINATE_RX.search(norm[:m.start()].rstrip(" ,")):
                continue
            if lx.NOT_AN_OBJECT_RX.match(obj):
                continue
            if subtype is Subtype.ABILITY and pol == 1 and m.group(0).rstrip().endswith(
                    ("might", "may")) and not obj.startswith(("try", "give", "be able", "manage",
                                                             "do ", "go ", "get ", "cut", "stop")):
                continue
            obj_pol = _polarity(obj, topic)
            if needs_object and obj_pol == 0:
                continue
            strength = 3 if obj_pol else 2
            if pol == 0:  # "would rather": sustain unless the object is a change
                direction = 1 if obj_pol == 1 and not obj.startswith("not") else -1
                strength = 3
            else:
                direction = pol * (obj_pol or 1)
            if subtype is Subtype.COMMITMENT and pol == -1 and obj_pol == 0 and not obj:
                direction = -1
            talk = Talk.CHANGE if direction > 0 else Talk.SUSTAIN
            cues.append((m.start(), _Cue(talk, subtype, strength,
                                          f"first-person {subtype.value} "
                                          f"{'for' if direction > 0 else 'against'} change: "
                                          f"'{m.group(0).strip()} {obj[:30]}'".rstrip(),
                                          f"modal:{subtype.value}")))
    # "I need a drink", "I need my evenings", "I need someone to do proper tests"
    m = lx.NEED_THING_RX.search(norm)
    if m and _SUBORDINATE_RX.search(norm[:m.start()].rstrip(" ,")):
        m = None
    if m and not any(c.subtype is Subtype.NEED and c.strength >= 3 for _, c in cues):
        obj = norm[m.end() - 1:]
        obj_pol = _polarity(norm[m.start():].split(" ", 2)[-1], topic)
        if obj_pol <= 0:
            cues.append((m.start(), _Cue(Talk.SUSTAIN, Subtype.NEED, 3,
                                         f"needs the status quo: '{m.group(0)}{obj[1:20]}'",
                                         "need-thing")))
    # "not sure I can quit": the doubt is about the change, so sustain/ability
    m = _NOT_SURE_RX.search(norm)
    if m:
        cues.append((m.start(), _Cue(Talk.SUSTAIN, Subtype.ABILITY, 3,
                                     "doubts they can change", "doubt")))
    return cues


def _step_cue(norm: str, topic: int) -> tuple[int, _Cue] | None:
    m = _STEP_RX.search(norm)
    if not m or lx.HISTORY_RX.search(norm):
        return None
    verb = m.group(0).strip()
    verb = re.sub(r"^(?:and|so|then|but|now) ", "", verb).split(" ", 1)[-1]
    obj = norm[m.end():].split(",", 1)[0].strip()
    full = verb + " " + obj
    bare = re.sub(r"^(?:have |had )?(?:been )?", "", full)
    if _THREW_RX.match(bare):  # "threw the rest of my cigarettes away": removal, like stop
        inner = _polarity(obj, topic)
        pol = -inner if inner else 1
    else:
        pol = _polarity(bare, topic)
    if pol == 0:
        if _STEP_PLUS_RX.match(verb) or re.match(r"did (?:it|that)\b", full):
            pol = 1
        else:
            return None
    talk = Talk.CHANGE if pol > 0 else Talk.SUSTAIN
    return m.start(), _Cue(talk, Subtype.TAKING_STEPS, 3,
                           f"a step already taken {'towards' if pol > 0 else 'away from'} change: "
                           f"'{full[:40].strip()}'", "step")


def _segment_cues(norm: str, topic: int) -> list[tuple[int, _Cue]]:
    cues: list[tuple[int, _Cue]] = []
    flat = norm.replace(" ,", "")
    for n, m in _WORDS.first_matches(_CUE_GATED, flat):
        talk, subtype, strength, why = _CUE_KINDS[n]
        # a ready-made phrase outranks a modal frame of the same strength (it is more specific)
        cues.append((-1000 + m.start(), _Cue(talk, subtype, strength, why,
                                             f"cue:{subtype.value}")))
    question = bool(lx.QUESTION_START_RX.match(norm))
    if question:
        # a question asks; only sarcasm and a few rhetorical forms argue for the status quo
        cues = [c for c in cues if c[1].strength >= 6]
        m = lx.QUESTION_SUSTAIN_RX.match(flat)
        if m:
            cues.append((0, _Cue(Talk.SUSTAIN, Subtype.REASONS, 3,
                                 "a rhetorical question for the status quo", "question")))
    else:
        cues.extend(_modal_cues(norm, topic))
        m = _IF_RX.search(flat)
        if m and not _IF_NOT_RX.search(flat) and "if i can help it" not in flat:
            if _FEAR_RX.search(flat, m.start()):
                cues.append((m.start(), _Cue(Talk.SUSTAIN, Subtype.REASONS, 4,
                                             "fears what changing would bring", "hypothetical")))
            else:
                cues.append((m.start(), _Cue(Talk.CHANGE, Subtype.REASONS, 4,
                                             "a hypothetical benefit of changing",
                                             "hypothetical")))
        step = _step_cue(norm, topic)
        if step:
            cues.append(step)
    return cues


def _best(cues: list[tuple[int, _Cue]]) -> _Cue | None:
    if not cues:
        return None
    top = max(c.strength for _, c in cues)
    best = min(((p, c) for p, c in cues if c.strength == top), key=lambda pc: pc[0])[1]
    if best.subtype is Subtype.REASONS:
        # the DARN-CAT verb names the subtype: "I need to stop, we'll lose the house" is need
        for _, c in sorted(cues, key=lambda pc: pc[0]):
            if c.talk is best.talk and c.subtype is not Subtype.REASONS and (
                    c.rule.startswith(("modal:", "need-thing")) or c.rule == "cue:desire"):
                return _Cue(best.talk, c.subtype, best.strength, f"{c.why}; {best.why}",
                            best.rule)
    return best


# --- context ------------------------------------------------------------------------------------

def _frame(context: Sequence[ContextLine]) -> str:
    for line in reversed(context):
        if line.speaker == "clinician":
            return _light(clean(line.text))
    return ""


def _as_patient(frame: str) -> str:
    t = frame
    for rx, rep in _YOU:
        t = rx.sub(rep, t)
    return t


def _inherit(norm: str, frame: str, topic: int) -> _Cue | None:
    """A line without direction of its own takes it from the clinician's line."""
    if not frame:
        return None
    norm = norm.replace(" ,", "")
    yes = bool(lx.YES_RX.match(norm)) or bool(lx.RATING_RX.match(norm))
    no = bool(lx.NO_RX.match(norm)) or bool(lx.LOW_RATING_RX.match(norm))
    if yes or no:
        sub = None
        if _EVOKE_CHANGE_RX.search(frame):
            sub = _Cue(Talk.CHANGE, _frame_subtype(frame), 1,
                       "answers an evoking question", "context:evoke")
        else:
            cue = _best(_segment_cues(_as_patient(frame), topic))
            if cue is not None:
                sub = _Cue(cue.talk, cue.subtype, 1,
                           f"agrees with the clinician's line ({cue.why})", "context:agree")
        if sub is None:
            return None
        if no:
            flipped = Talk.SUSTAIN if sub.talk is Talk.CHANGE else Talk.CHANGE
            return _Cue(flipped, sub.subtype, 1,
                        "says no to the clinician's line, so the other way", "context:disagree")
        return sub
    if len(norm.split()) < 2 or lx.QUESTION_START_RX.match(norm):
        return None
    if _EVOKE_SUSTAIN_RX.search(frame):
        return _Cue(Talk.SUSTAIN, _frame_subtype(frame), 1,
                    "answers a question about the good side of the status quo", "context:sustain")
    if _EVOKE_CHANGE_RX.search(frame):
        return _Cue(Talk.CHANGE, _frame_subtype(frame), 1,
                    "answers an evoking question", "context:evoke")
    return None


_RULER_FRAME_RX: Final = re.compile(
    r"\bscale\b|\bout of (?:10|ten)\b|\b(?:0|zero|1|one) (?:to|-) (?:10|ten)\b|\bwhat number\b")
_NUMBER_RX: Final = re.compile(
    r"\b(10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_NUMBER_WORDS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                        "nine", "ten")


def _on_the_ruler(norm: str, frame: str) -> _Cue | None:
    """A short answer to a ruler takes its direction from the number: above the middle is
    change talk, below it sustain talk ("importance? like an eight", "a three, four maybe")."""
    if not _RULER_FRAME_RX.search(frame) or len(norm.split()) > 14:
        return None
    rating = _rating(norm)
    if rating is None or rating == 5:
        return None
    talk = Talk.CHANGE if rating > 5 else Talk.SUSTAIN
    return _Cue(talk, _frame_subtype(frame), 1,
                f"puts themself at {rating} on the clinician's scale", "context:ruler")


def _rating(norm: str) -> int | None:
    """The first number from 0 to 10 in a short answer to a ruler ("like a three. four maybe")."""
    m = _NUMBER_RX.search(norm)
    if m is None:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word)


def _frame_subtype(frame: str) -> Subtype:
    if _FRAME_ABILITY_RX.search(frame):
        return Subtype.ABILITY
    if _FRAME_DESIRE_RX.search(frame):
        return Subtype.DESIRE
    return Subtype.REASONS


# --- the line -----------------------------------------------------------------------------------

def _looks_english(norm: str) -> bool:
    words = _WORDS_RX.findall(norm)
    if not words:
        return False
    return any(w in _ENGLISH_HINT for w in words[:40])


def code_client_talk(text: str, context: Sequence[ContextLine] = ()) -> ClientCoding:
    """Code one client line; `context` is the preceding lines, oldest first."""
    cleaned = clean(text) if isinstance(text, str) else ""
    frame = _frame(context)
    topic = _topic(frame)
    segments: list[ClientSegment] = []
    verdicts: list[tuple[bool, _Cue | None]] = []
    last_norm = ""
    for part in _split(cleaned):
        norm = last_norm = normalise(part)
        cue = _best(_segment_cues(norm, topic)) if _looks_english(norm) else None
        contrast = part[:4].lower() == "but " or part.lower() == "but"
        verdicts.append((contrast, cue))
        if cue is None:
            segments.append(ClientSegment(part, Talk.NEUTRAL, None, "no direction"))
        else:
            segments.append(ClientSegment(part, cue.talk, cue.subtype, cue.why))
    chosen = _combine(verdicts)
    if chosen is None and cleaned and frame:
        chosen = _on_the_ruler(normalise(cleaned), frame)
        if chosen is not None:
            segments = [ClientSegment(cleaned, chosen.talk, chosen.subtype, chosen.why)]
    if chosen is None and len(verdicts) == 1 and cleaned:
        chosen = _inherit(last_norm, frame, topic)
        if chosen is not None:
            segments = [ClientSegment(segments[0].text, chosen.talk, chosen.subtype, chosen.why)]
    if not segments:
        segments = [ClientSegment(cleaned, Talk.NEUTRAL, None, "nothing to code")]
    if chosen is None:
        why = "no argument for or against change: information, a question or a story"
        return ClientCoding(cleaned, Talk.NEUTRAL, None, tuple(segments), why, "neutral")
    return ClientCoding(cleaned, chosen.talk, chosen.subtype, tuple(segments),
                        f"{chosen.talk.value}/{chosen.subtype.value}: {chosen.why}", chosen.rule)


def _combine(verdicts: list[tuple[bool, _Cue | None]]) -> _Cue | None:
    """After the last "but", the directional clause dominates; else the strongest, later wins."""
    directional = [(i, contrast, cue) for i, (contrast, cue) in enumerate(verdicts)
                   if cue is not None]
    if not directional:
        return None
    talks = {cue.talk for _, _, cue in directional}
    if len(talks) > 1:
        buts = [i for i, contrast, _ in directional if contrast]
        if buts:
            tail = [cue for i, _, cue in directional if i >= buts[-1]]
            top = max(c.strength for c in tail)
            return next(c for c in tail if c.strength == top)
    top = max(cue.strength for _, _, cue in directional)
    return [cue for _, _, cue in directional if cue.strength == top][-1]
