"""The find-a-service form (actions/find_service.py): its slot extractors, and the services shown
for each need, from saved trackers. The cards themselves are tested in tests/directory/test_cards.py;
here it is which services are chosen, in which order, with which words and buttons."""

from __future__ import annotations

import pytest
from actions_support import FIXED_NOW, load_tracker, said, texts
from rasa_sdk.events import SlotSet

from actions.find_service import ActionShowServices, ValidateFindServiceForm
from services_directory import card_text, format_card, load_directory

SEARCH_AGAIN = {"title": "Search again", "payload": "Find a service"}
SHOW_MORE = {"title": "Show more", "payload": "/show_more_services"}


def cards(*keys: str) -> str:
    directory = load_directory()
    return "\n\n".join(card_text(format_card(directory.get(key), FIXED_NOW)) for key in keys)


# --- slot extractors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "text", "slot", "value"),
    [
        ("find_service_need", "Domestic abuse", "service_need", "domestic-abuse"),
        ("find_service_need", "Sexual violence", "service_need", "sexual-violence"),
        ("find_service_need", "Homelessness", "service_need", "homelessness"),
        ("find_service_need", "someone is selling drugs", "service_need", "drugs-alcohol"),
        ("find_service_for", "Me", "service_for", "any"),
        ("find_service_for", "A child or young person", "service_for", "young-people"),
        ("find_service_for", "A professional", "service_for", "professionals"),
        ("find_service_for", "Skip", "service_for", "any"),
        ("find_service_area", "Gloucester", "service_area", "Gloucester"),
        ("find_service_area", "GL1", "service_area", "GL1 (Gloucester)"),
        ("find_service_area", "Gloucestershire", "service_area", "Gloucestershire"),
        ("find_service_area", "Skip", "service_area", "any"),
    ],
)
async def test_each_question_reads_its_answer(dispatcher, domain, fixture, text, slot, value) -> None:
    tracker = load_tracker(fixture, text=text)
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == [SlotSet(slot, value)]
    assert said(dispatcher) == []


@pytest.mark.parametrize(
    ("fixture", "text", "unclear"),
    [
        ("find_service_need", "purple elephant",
         "Sorry, I couldn't match that to a kind of help. Please choose the closest one."),
        ("find_service_for", "purple elephant",
         "Sorry, I couldn't tell who the help is for. Choose the closest, or \"Skip\"."),
        ("find_service_area", "Narnia",
         "Sorry, I couldn't match that to a place. Type a Gloucester ward or the first part of a postcode (like "
         "GL1), or choose \"Skip\"."),
    ],
)
async def test_a_reply_that_answers_nothing_is_asked_again(dispatcher, domain, fixture, text, unclear) -> None:
    tracker = load_tracker(fixture, text=text, confidence=0.2)
    requested = tracker.get_slot("requested_slot")
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == [SlotSet(requested, None)]
    assert texts(dispatcher) == [unclear]


async def test_an_area_given_with_the_need_is_kept_and_the_need_asked_again(dispatcher, domain) -> None:
    tracker = load_tracker("find_service_need", text="Kingsholm", confidence=0.2)
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == [
        SlotSet("service_area", "Kingsholm and Wotton")
    ]
    assert texts(dispatcher) == ["Thanks, I've kept that as the area."]


async def test_the_message_that_starts_the_form_can_name_the_need(dispatcher, domain) -> None:
    tracker = load_tracker("find_service_start")
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == [
        SlotSet("service_need", "drugs-alcohol")
    ]


async def test_a_start_without_a_need_fills_nothing(dispatcher, domain) -> None:
    tracker = load_tracker("find_service_start", text="Find a service")
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == []


async def test_yes_to_an_offer_takes_the_need_the_answer_was_about(dispatcher, domain) -> None:
    tracker = load_tracker("find_service_offer_accepted")
    assert await ValidateFindServiceForm().run(dispatcher, tracker, domain) == [
        SlotSet("service_need", "cuckooing-exploitation"),
        SlotSet("offered_need", None),
    ]


# --- the services shown for each need ---------------------------------------------------------------------

# The first page for each of the need question's buttons, for anyone, anywhere (the service_need prompt).
FIRST_PAGE = [
    ("domestic-abuse", ["national-domestic-abuse-helpline", "gdass", "clares-law"], True),
    ("sexual-violence", ["hope-house-sarc", "grasac"], False),
    ("cuckooing-exploitation", ["crimestoppers", "gloucester-city-homes", "police-non-emergency"], True),
    ("drugs-alcohol", ["change-grow-live"], False),
    ("anti-social-behaviour", ["gloucester-city-council-community-safety", "solace-asb", "police-non-emergency"],
     True),
    ("children-families", ["gloucestershire-childrens-helpdesk", "childline", "nspcc-helpline"], True),
    ("mental-health-crisis", ["mental-health-crisis-line", "samaritans", "childline"], False),
    ("victims-of-crime", ["police-non-emergency", "victim-support", "national-stalking-helpline"], False),
    ("hate-crime", ["police-non-emergency", "true-vision", "victim-support"], False),
    ("homelessness", ["streetlink", "gloucester-city-homes"], False),
]


@pytest.mark.parametrize(("need", "keys", "more"), FIRST_PAGE, ids=[row[0] for row in FIRST_PAGE])
async def test_the_services_chosen_for_each_need(dispatcher, need, keys, more) -> None:
    tracker = load_tracker("show_services", slots={"service_need": need})
    events = await ActionShowServices().run(dispatcher, tracker, {})
    assert events == [SlotSet("service_offset", float(len(keys)))]
    buttons = [SHOW_MORE, SEARCH_AGAIN] if more else [SEARCH_AGAIN]
    assert said(dispatcher) == [(f"Here are services that can help:\n\n{cards(*keys)}", buttons)]


async def test_show_more_gives_the_next_page(dispatcher) -> None:
    events = await ActionShowServices().run(dispatcher, load_tracker("show_more_services"), {})
    assert events == [SlotSet("service_offset", 6.0)]
    (text,) = texts(dispatcher)
    assert text.startswith("Here are more services:\n\n")
    first_page = {"national-domestic-abuse-helpline", "gdass", "clares-law"}
    shown = [s.key for s in load_directory().services if f"**{s.name}**" in text]
    assert len(shown) == 3 and not first_page & set(shown)


async def test_the_last_page_has_no_show_more(dispatcher) -> None:
    tracker = load_tracker("show_more_services", slots={"service_need": "children-families"})
    events = await ActionShowServices().run(dispatcher, tracker, {})
    assert events == [SlotSet("service_offset", 4.0)]
    (message,) = dispatcher.messages
    assert message["text"].startswith("Here are more services:\n\n") and message["buttons"] == [SEARCH_AGAIN]


async def test_who_and_where_are_passed_to_the_search(dispatcher) -> None:
    tracker = load_tracker(
        "show_services",
        slots={"service_need": "mental-health-crisis", "service_for": "young-people", "service_area": "Gloucester"},
    )
    await ActionShowServices().run(dispatcher, tracker, {})
    keys = ["mental-health-crisis-line", "childline", "samaritans"]
    assert said(dispatcher) == [(f"Here are services that can help:\n\n{cards(*keys)}", [SEARCH_AGAIN])]


async def test_no_need_yet_offers_to_start(dispatcher) -> None:
    tracker = load_tracker("show_services", slots={"service_need": None})
    assert await ActionShowServices().run(dispatcher, tracker, {}) == []
    start = [{"title": "Find a service", "payload": "Find a service"}]
    assert said(dispatcher) == [("Let's find a service. What do you need help with?", start)]
