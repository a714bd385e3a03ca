"""Service cards and the signposting around them in the conversation's language (issue 12): a saved
tracker whose ``language`` slot is ``ur`` gets Urdu words, the same phone numbers, the note that the
description is in English, the "not yet checked by a person" line and the right-to-left marker."""

from __future__ import annotations

from actions_support import FIXED_NOW, load_tracker
from rasa_sdk.events import SlotSet

from actions.find_service import ActionShowServices
from actions.signposting import ActionSignpostServices
from content.ui_strings import ui_text
from services_directory import card_text, format_card, load_directory

SHOWN = ["national-domestic-abuse-helpline", "gdass", "clares-law"]


def topic_tracker(language: str):
    tracker = load_tracker("signpost_no_offer", slots={"language": language})
    tracker.latest_message["response_selector"]["faq"]["response"]["intent_response_key"] = "faq/da_what_is"
    return tracker


async def test_signposting_in_urdu(dispatcher) -> None:
    events = await ActionSignpostServices().run(dispatcher, topic_tracker("ur"), {})
    assert events == [SlotSet("service_offered", False), SlotSet("offered_need", None)]
    (message,) = dispatcher.messages
    text = message["text"]
    assert text.startswith("وہ سروسز جو مدد کر سکتی ہیں:\n\n")
    assert message["buttons"] == [{"title": "کوئی اور سروس تلاش کریں", "payload": "Find a service"}]
    assert message["custom"] == {"lang": "ur", "dir": "rtl", "language": "ur"}
    directory = load_directory()
    for key in SHOWN:
        service = directory.get(key)
        assert f"**{service.name}**" in text
        for phone in service.phones:  # the same numbers, under Urdu labels
            assert phone.display in text
    assert "(check with the service" not in text
    assert text.count("_تفصیل انگریزی میں ہے۔_") == len(SHOWN)
    assert text.count("فون: ") == text.count("اوقات: ") == len(SHOWN)
    assert text.endswith("\n\n" + ui_text("translation_unreviewed", "ur"))
    for english_word in ("Services that can help", "Phone:", "Hours:", "More about", "Website:"):
        assert english_word not in text, english_word


async def test_signposting_in_english_is_unchanged(dispatcher) -> None:
    await ActionSignpostServices().run(dispatcher, topic_tracker("en"), {})
    (message,) = dispatcher.messages
    directory = load_directory()
    cards = "\n\n".join(card_text(format_card(directory.get(key), FIXED_NOW)) for key in SHOWN)
    assert message["text"] == f"Services that can help:\n\n{cards}"
    assert message["custom"] == {}


async def test_an_unknown_language_reads_english(dispatcher) -> None:
    await ActionSignpostServices().run(dispatcher, topic_tracker("de"), {})
    (message,) = dispatcher.messages
    assert message["text"].startswith("Services that can help:\n\n") and message["custom"] == {}


async def test_the_find_a_service_cards_in_urdu(dispatcher) -> None:
    tracker = load_tracker("show_more_services", slots={"language": "ur"})
    await ActionShowServices().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    assert message["text"].startswith("یہ مزید سروسز ہیں:\n\n")
    assert "فون: " in message["text"] and "Phone:" not in message["text"]
    assert {"title": "دوبارہ تلاش کریں", "payload": "Find a service"} in message["buttons"]
    assert message["custom"]["dir"] == "rtl"
