"""Which language is a message written in, and should it switch the conversation's language?

Plain Python (no Rasa): bot/components/language.py calls :func:`decide` for every message.
The rules (issue 12, docs in docs/README-languages.md):

1. An explicit switch ("Polski", "English please", "po polsku", "اردو" ...) always switches.
2. Romanised Urdu ("mera shohar mujhe marta hai") is Urdu: lingua has no model for Urdu in Latin
   letters, so a small word list recognises it.
3. A message of three words or fewer never switches by itself (too little evidence: "ok", "tak",
   "help me now" ...).
4. Otherwise lingua-language-detector, restricted to our languages plus common ones we do not
   support, with a minimum relative distance so that it declines when unsure. A supported
   language switches; an unsupported one is reported (the conversation language stays).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from content.languages import LANGUAGES, UNSUPPORTED_LINGUA_NAMES

#: lingua's minimum relative distance: below it the detector says "not sure" (None).
MIN_RELATIVE_DISTANCE = 0.1
#: A message needs more words than this to switch the language without a switch word.
MAX_WORDS_WITHOUT_SWITCH = 3

# Words that may stand around a switch word ("English please", "in Polish", "can we speak Urdu").
_FILLER = frozenset(
    "please pls plz in speak talk can could we i you want would like language only lang prefer "
    "switch change to the do mówić proszę prosze em por favor vă rog va rog mein main ma maa "
    "baat karo kar sakte ਵਿੱਚ".split()
)
_SWITCH_PHRASES: dict[str, str] = {
    unicodedata.normalize("NFC", word).casefold(): lang.code for lang in LANGUAGES for word in lang.switch_words
}

# Romanised Urdu: frequent function words and words people use about abuse and help. Two or more
# of them, making up a good share of the message, mean Urdu (none is an English word).
_ROMAN_URDU = frozenset(
    """mera meri mujhe mujhko mujh humein hamara hamari tum tumhara aap apna apni apne
    hai hain tha thi hoon hun raha rahi rahe nahi nahin nai kya kyun kaise kahan kab koi
    kuch bohat bahut bohot bhi aur lekin magar agar phir abhi se ko ka ki ke mein par wala wali
    shohar shauhar khawand miyan biwi bivi bachay bachche bacha bachi beta beti ghar maar marta
    marti maarta maarti mara maara peet peetta darr dar lagta lagti madad chahiye chahye zaroorat
    police jaan khatra khatre dhamki dhamkiyan zulm takleef pareshan tang karta karti karo karna
    samajh batao bataiye sakta sakti""".split()
)


# Frequent English words. Low-accuracy lingua takes some short English messages for German,
# Tagalog or Portuguese ("whats this angela thing in bars"); a message mostly made of these words
# is English whatever the detector says.
_ENGLISH = frozenset(
    """a about after all am an and any are as at be because been but by can cant can't could did
    didnt do does doesnt dont don't for from get gets go going gonna got had has have he her here
    hes he's him his how i i'd i'll i'm im is isnt it its it's just keep know like me mine more my
    need no not now of off on or our out please she shes so some someone something than thanks that
    thats the their them then there theres they thing think this to told too u up us want was we
    what whats what's when where which who why will with would you your youre you're yes ok okay
    help hurt hurting hit hits hitting kill end life live safe scared afraid danger police call phone
    home house friend friends family boyfriend girlfriend husband wife partner mum dad child children
    kid kids son daughter neighbour neighbours people person man men woman women girl boy bar bars
    staff work walk report concern service services support find real check past edge right bed bye
    word code control kind abuse drug drugs line scheme centre center raise talk say said see
    standing queue post office windows door banging blade knife""".split()
)


def english_share(tokens: list[str]) -> float:
    return sum(t in _ENGLISH for t in tokens) / len(tokens) if tokens else 0.0


#: A non-English decision needs the detector's confidence in its language to be at least this.
MIN_CONFIDENCE = 0.7
#: Messages with at least this share of frequent English words are English.
ENGLISH_SHARE = 0.4


@dataclass(frozen=True)
class Decision:
    """What one message says about language."""

    language: str  # the conversation's language after this message
    switched: bool  # the message changed it
    detected: str | None  # the message's own language (ISO 639-1), None when unsure or too short
    unsupported: str | None = None  # ISO 639-1 of a recognised language we do not answer in
    reason: str = ""  # "switch word", "romanised urdu", "detector", "too short", "unsure"


def words(text: str) -> list[str]:
    """Lower-cased words: punctuation and symbols are separators; letters keep their combining
    marks (Gurmukhi and Gujarati vowel signs are marks, which ``\\w`` would split on)."""
    norm = unicodedata.normalize("NFC", text or "").casefold()
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PSZC" and ch not in "'’" else ch for ch in norm)
    return [w.strip("'’") for w in cleaned.split() if w.strip("'’")]


def switch_word_language(text: str) -> str | None:
    """The language an explicit switch asks for: the message is a switch word, maybe with fillers."""
    norm = " ".join(words(text))
    if not norm:
        return None
    if norm in _SWITCH_PHRASES:
        return _SWITCH_PHRASES[norm]
    tokens = norm.split()
    if len(tokens) > 6:
        return None
    found = {_SWITCH_PHRASES[t] for t in tokens if t in _SWITCH_PHRASES}
    for i in range(len(tokens) - 1):
        pair = f"{tokens[i]} {tokens[i + 1]}"
        if pair in _SWITCH_PHRASES:
            found.add(_SWITCH_PHRASES[pair])
    rest = [t for t in tokens if t not in _SWITCH_PHRASES and t not in _FILLER]
    if len(found) == 1 and not rest:
        return found.pop()
    return None


def is_romanised_urdu(text: str) -> bool:
    tokens = words(text)
    if not tokens or any(not t.isascii() for t in tokens):
        return False
    hits = sum(t in _ROMAN_URDU for t in tokens)
    return hits >= 2 and hits / len(tokens) >= 0.4


class _Detector:
    """lingua, built once per process (lazily: building takes a moment and some memory)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._detector: Any = None
        self.low_accuracy = True

    def configure(self, low_accuracy: bool) -> None:
        with self._lock:
            if self._detector is not None and low_accuracy != self.low_accuracy:
                self._detector = None
            self.low_accuracy = low_accuracy

    def get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from lingua import Language, LanguageDetectorBuilder

                names = [lang.lingua_name for lang in LANGUAGES] + list(UNSUPPORTED_LINGUA_NAMES)
                builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names))
                builder = builder.with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
                if self.low_accuracy:
                    builder = builder.with_low_accuracy_mode()
                self._detector = builder.with_preloaded_language_models().build()
            return self._detector


DETECTOR = _Detector()

# Low-accuracy mode can take Romanian for Portuguese; ș and ț (comma or cedilla below) settle it.
_ROMANIAN_LETTERS = re.compile(r"[șțȘȚşţŞŢ]")


def detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when the detector is unsure."""
    if english_share(words(text)) >= ENGLISH_SHARE:
        return "en"
    detector = DETECTOR.get()
    found = detector.detect_language_of(text or "")
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    if code != "en" and detector.compute_language_confidence(text, found) < MIN_CONFIDENCE:
        return None
    if code == "pt" and _ROMANIAN_LETTERS.search(text):
        return "ro"
    return code


SUPPORTED = frozenset(lang.code for lang in LANGUAGES)


def decide(text: str, current: str | None) -> Decision:
    """The conversation's language after ``text``, given its language before (``current``)."""
    current = current if current in SUPPORTED else "en"
    asked = switch_word_language(text)
    if asked:
        return Decision(asked, asked != current, asked, reason="switch word")
    if is_romanised_urdu(text):
        return Decision("ur", current != "ur", "ur", reason="romanised urdu")
    if len(words(text)) <= MAX_WORDS_WITHOUT_SWITCH:
        return Decision(current, False, None, reason="too short")
    found = detect(text)
    if found is None:
        return Decision(current, False, None, reason="unsure")
    if found in SUPPORTED:
        return Decision(found, found != current, found, reason="detector")
    return Decision(current, False, found, unsupported=found, reason="detector")
