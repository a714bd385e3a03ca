"""How each question of the concern form reads a reply (plain Python; see ``form_reading``)."""

from __future__ import annotations

import re

from concerns.areas import PREFER_NOT_TO_SAY, match_area
from concerns.vocab import CATEGORY_LABELS, WHEN_LABELS, normalise_when
from conversation.form_reading import Answer, SlotQuestion
from conversation.replies import Reply

NOTHING = "nothing else"
SKIP_AREA = PREFER_NOT_TO_SAY
MAX_SHORT_WORDS = 4

# Typed answers -> categories, checked in order; the buttons send the labels themselves.
CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"cuckoo|drug|dealer|dealing|county lines|crack|heroin|weed|cannabis", "cuckooing_drugs"),
    (r"child|kid|young|teen|exploit|groom|missing|school", "child_at_risk"),
    (r"domestic|partner|husband|wife|boyfriend|girlfriend|controlling|coercive", "domestic_abuse"),
    (r"hate|racis|homophob|transphob|religio|disab", "hate_crime"),
    (r"drinking|drunk|begging|beg\b|street drink|alcohol", "street_drinking_begging"),
    (r"anti.?social|asb|noise|vandal|graffiti|nuisance|youths|fly.?tip", "antisocial_behaviour"),
    (r"\b(?:something else|other|else)\b", "other"),
)


def category_for(text: str) -> str | None:
    low = text.lower().strip()
    for key, label in CATEGORY_LABELS.items():
        if low == label.lower():
            return key
    for pattern, key in CATEGORY_WORDS:
        if re.search(rf"\b(?:{pattern})", low):
            return key
    return None


def read_safe(reply: Reply, asked: bool) -> Answer | None:
    if not asked:
        return None
    if reply.is_yes():
        # Danger first: the guidance comes before any more questions.
        return Answer("danger reported", "concern_in_danger_now")
    if reply.is_unsure():
        return Answer("not sure", "concern_in_danger_now")
    if reply.is_no():
        return Answer("checked")
    return None


def read_category(reply: Reply, asked: bool) -> Answer | None:
    if not asked and reply.words > MAX_SHORT_WORDS:
        return None  # out of turn, only a short reply that names a category counts
    category = category_for(reply.text)
    return None if category is None else Answer(category)


def read_area(reply: Reply, asked: bool) -> Answer | None:
    area = match_area(reply.text)
    if area is not None:
        return Answer(area) if asked or reply.words <= MAX_SHORT_WORDS else None
    if asked and reply.words <= MAX_SHORT_WORDS:
        # A street, a postcode or a door number: never kept, and the person is told so.
        return Answer(SKIP_AREA, "concern_area_dropped")
    return None


def read_when(reply: Reply, asked: bool) -> Answer | None:
    low = re.sub(r"\s+", " ", reply.text.lower()).strip()
    label = normalise_when(low)
    if label != "not sure" or low in WHEN_LABELS or reply.is_unsure():
        if asked or reply.words <= MAX_SHORT_WORDS:
            return Answer(label)
    return None


def read_what(reply: Reply, asked: bool) -> Answer | None:
    if asked and reply.text.strip():
        return Answer(reply.text)
    return Answer(reply.text) if reply.is_description() else None


def read_extra(reply: Reply, asked: bool) -> Answer | None:
    if not asked:
        return None
    if reply.is_no() or reply.text.strip().lower() == NOTHING:
        return Answer("")
    return Answer(reply.text)


def read_confirm(reply: Reply, asked: bool) -> Answer | None:
    if not asked:
        return None
    if reply.is_yes():
        return Answer("yes")
    if reply.is_no():
        return Answer("no")
    return None


CONCERN_QUESTIONS: dict[str, SlotQuestion] = {
    "concern_safe": SlotQuestion(read_safe, "an answer", "concern_safe_unclear"),
    "concern_category": SlotQuestion(read_category, "what the concern is about", "concern_category_unclear"),
    "concern_area": SlotQuestion(read_area, "the area", "concern_area_unclear"),
    "concern_when": SlotQuestion(read_when, "when it happened", "concern_when_unclear"),
    "concern_what": SlotQuestion(read_what, "the description of what is happening", "concern_what_unclear",
                                 free_text=True),
    "concern_extra": SlotQuestion(read_extra, "anything else to add", "concern_extra_unclear", free_text=False),
    "concern_confirm": SlotQuestion(read_confirm, "your answer", "concern_confirm_unclear"),
}
