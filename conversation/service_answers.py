"""How each question of the find-a-service form reads a reply (plain Python; see ``form_reading``)."""

from __future__ import annotations

from conversation.form_reading import Answer, SlotQuestion
from conversation.replies import Reply
from services_directory.areas import resolve_place
from services_directory.textsearch import parse_query

SKIP = "any"
MAX_SHORT_WORDS = 4
# "Who is it for" answers -> directory audience keys (None: anyone).
AUDIENCES: dict[str, str | None] = {
    "me": None,
    "myself": None,
    "friend": None,
    "family": None,
    "partner": None,
    "neighbour": None,
    "child": "young-people",
    "young": "young-people",
    "teen": "young-people",
    "son": "young-people",
    "daughter": "young-people",
    "professional": "professionals",
    "work": "professionals",
    "worker": "professionals",
    "practitioner": "professionals",
}
SKIP_WORDS = frozenset(
    {"skip", "no", "any", "anywhere", "anyone", "don't know", "dont know", "not sure", "prefer not to say",
     "rather not say", "none", "n/a"}
)


def is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP_WORDS


def read_need(reply: Reply, asked: bool) -> Answer | None:
    needs = parse_query(reply.text).needs
    return Answer(needs[0]) if needs else None


def read_for(reply: Reply, asked: bool) -> Answer | None:
    if asked and is_skip(reply.text):
        return Answer(SKIP)
    if not asked and reply.words > MAX_SHORT_WORDS:
        return None
    for word in reply.text.lower().replace("'", " ").split():
        for stem, audience in AUDIENCES.items():
            if word.startswith(stem) and (len(stem) > 2 or word == stem):
                return Answer(audience or SKIP)
    return None


def read_area(reply: Reply, asked: bool) -> Answer | None:
    if asked and is_skip(reply.text):
        return Answer(SKIP)
    if not asked and reply.words > MAX_SHORT_WORDS:
        return None
    place = resolve_place(reply.text)
    return Answer(place.label) if place else None


SERVICE_QUESTIONS: dict[str, SlotQuestion] = {
    "service_need": SlotQuestion(read_need, "the kind of help", "service_need_unclear"),
    "service_for": SlotQuestion(read_for, "who the help is for", "service_for_unclear"),
    "service_area": SlotQuestion(read_area, "the area", "service_area_unclear"),
}
