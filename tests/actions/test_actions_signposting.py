"""After a topic answer (actions/signposting.py): the services shown for each answer, and the
"would you like me to find a service?" offer that the next "yes" answers."""

from __future__ import annotations

import pytest
from actions_support import FIXED_NOW, load_tracker, said
from rasa_sdk.events import SlotSet

from actions.signposting import ActionSignpostServices
from content import load_register
from services_directory import card_text, format_card, load_directory

FIND_ANOTHER = [{"title": "Find another service", "payload": "Find a service"}]

# Answer -> the services shown under it: the register's own services first, then the best matches
# for its needs in Gloucester, three at most.
SHOWN = [
    ("da_what_is", ["national-domestic-abuse-helpline", "gdass", "clares-law"]),
    ("da_disclosure", ["national-domestic-abuse-helpline", "gdass", "mens-advice-line"]),
    ("da_get_help", ["gdass", "national-domestic-abuse-helpline", "mens-advice-line"]),
    ("da_help_friend", ["national-domestic-abuse-helpline", "mens-advice-line", "clares-law"]),
    ("da_male_victim", ["mens-advice-line", "gdass", "national-domestic-abuse-helpline"]),
    ("da_lgbt", ["galop", "gdass", "national-domestic-abuse-helpline"]),
    ("da_own_behaviour", ["respect-phoneline", "gdass", "national-domestic-abuse-helpline"]),
    ("da_forced_marriage", ["karma-nirvana", "gdass", "national-domestic-abuse-helpline"]),
    ("da_clares_law", ["clares-law", "gdass", "national-domestic-abuse-helpline"]),
    ("silent_solution", ["silent-solution", "police-emergency", "gdass"]),
    ("da_online_safety", ["national-domestic-abuse-helpline", "gdass", "clares-law"]),
    ("da_bright_sky", ["bright-sky", "gdass", "national-domestic-abuse-helpline"]),
    ("ask_for_ani", ["gdass", "national-domestic-abuse-helpline", "clares-law"]),
    ("cuckooing_what", ["crimestoppers", "gloucester-city-homes", "police-non-emergency"]),
    ("county_lines_what", ["crimestoppers", "fearless", "gloucester-city-homes"]),
    ("cuckooing_signs", ["crimestoppers", "gloucester-city-homes", "police-non-emergency"]),
    ("exploitation_signs_young_person", ["nspcc-helpline", "fearless", "crimestoppers"]),
    ("cuckooing_what_to_do", ["crimestoppers", "police-non-emergency", "gloucester-city-homes"]),
    ("angela_what", ["hope-house-sarc", "grasac"]),
    ("angela_how", ["hope-house-sarc", "grasac"]),
    ("angela_no_response", ["victim-support", "hope-house-sarc", "grasac"]),
    ("aces_what", ["action-on-aces-gloucestershire", "gloucestershire-childrens-helpdesk", "childline"]),
    ("aces_impact", ["samaritans", "action-on-aces-gloucestershire", "mental-health-crisis-line"]),
    ("aces_resilience", ["early-help", "nspcc-helpline", "action-on-aces-gloucestershire"]),
    ("aces_trauma_informed", ["action-on-aces-gloucestershire"]),
    ("aces_local", ["action-on-aces-gloucestershire", "early-help", "gloucestershire-childrens-helpdesk"]),
    ("sexual_violence", ["hope-house-sarc", "grasac"]),
    ("drugs_alcohol_help", ["change-grow-live"]),
    ("antisocial_behaviour", ["solace-asb", "victim-support", "gloucester-city-council-community-safety"]),
    ("ssgp_what", ["gloucester-city-council-community-safety", "solace-asb", "police-non-emergency"]),
    ("unsafe_places", ["gloucester-city-council-community-safety", "solace-asb", "police-non-emergency"]),
    ("street_aware", ["solace-asb", "streetlink", "gloucester-city-council-community-safety"]),
    ("nightsafe", ["police-non-emergency", "victim-support", "national-stalking-helpline"]),
    ("spiking", ["victim-support", "hope-house-sarc", "police-non-emergency"]),
    ("rough_sleeping", ["streetlink", "gloucester-city-homes"]),
    ("serious_violence", ["crimestoppers", "fearless", "gloucestershire-childrens-helpdesk"]),
    ("asb_case_review", ["solace-asb", "victim-support", "gloucester-city-council-community-safety"]),
    ("hate_crime", ["victim-support", "galop", "police-non-emergency"]),
    ("crime_victim", ["victim-support", "police-non-emergency", "national-stalking-helpline"]),
    ("vawg", ["national-domestic-abuse-helpline", "gdass", "hope-house-sarc"]),
    ("stalking", ["national-stalking-helpline", "national-domestic-abuse-helpline", "police-non-emergency"]),
    ("adult_safeguarding", ["gloucestershire-adult-help-desk", "police-non-emergency", "gdass"]),
    ("worried_about_child", ["gloucestershire-childrens-helpdesk", "nspcc-helpline", "childline"]),
]


def topic_tracker(answer: str, fixture: str = "signpost_no_offer"):
    tracker = load_tracker(fixture)
    tracker.latest_message["response_selector"]["faq"]["response"]["intent_response_key"] = f"faq/{answer}"
    return tracker


def test_every_faq_answer_in_the_register_is_in_the_table() -> None:
    register = {key.removeprefix("utter_faq/") for key in load_register() if key.startswith("utter_faq/")}
    assert register == {answer for answer, _ in SHOWN}


@pytest.mark.parametrize(("answer", "keys"), SHOWN, ids=[row[0] for row in SHOWN])
async def test_the_services_shown_after_each_answer(dispatcher, answer, keys) -> None:
    events = await ActionSignpostServices().run(dispatcher, topic_tracker(answer), {})
    assert events == [SlotSet("service_offered", False), SlotSet("offered_need", None)]
    directory = load_directory()
    cards = "\n\n".join(card_text(format_card(directory.get(key), FIXED_NOW)) for key in keys)
    assert said(dispatcher) == [(f"Services that can help:\n\n{cards}", FIND_ANOTHER)]


async def test_an_answer_that_offers_a_search_records_the_need_it_is_about(dispatcher) -> None:
    events = await ActionSignpostServices().run(dispatcher, load_tracker("signpost_offer"), {})
    assert events == [SlotSet("service_offered", True), SlotSet("offered_need", "cuckooing-exploitation")]
    assert len(dispatcher.messages) == 1


async def test_no_answer_chosen_shows_nothing_and_offers_nothing(dispatcher) -> None:
    tracker = load_tracker("signpost_offer")
    tracker.latest_message["response_selector"] = {}
    events = await ActionSignpostServices().run(dispatcher, tracker, {})
    assert events == [SlotSet("service_offered", True), SlotSet("offered_need", None)]
    assert said(dispatcher) == []
