"""How a reply inside a form is read (conversation/): plain logic, no model, no Rasa."""

from __future__ import annotations

import pytest

from conversation.concern_answers import CONCERN_QUESTIONS, SKIP_AREA, category_for
from conversation.form_reading import KEPT_ALSO_PROMPT, KEPT_PROMPT, read_reply
from conversation.replies import Reply
from conversation.service_answers import SERVICE_QUESTIONS, SKIP

CONCERN_ORDER = list(CONCERN_QUESTIONS)
DESCRIPTION = "there are people going in and out of the flat next door all night"


def concern(requested: str, text: str, intent: str | None = None, confidence: float = 0.9, button: bool = False):
    unfilled = CONCERN_ORDER[CONCERN_ORDER.index(requested):]
    return read_reply(requested, Reply(text, intent, confidence, button), CONCERN_QUESTIONS, unfilled)


def prompts(reading) -> list[str]:
    return [name for name, _ in reading.prompts]


def test_a_description_at_the_when_step_is_kept_as_the_description() -> None:
    reading = concern("concern_when", DESCRIPTION, "log_concern", 0.7)
    assert reading.outcome == "kept"
    assert reading.slots == {"concern_what": DESCRIPTION}
    assert prompts(reading) == [KEPT_PROMPT]
    assert "concern_when" not in reading.slots  # so "when" is asked again


@pytest.mark.parametrize(
    ("text", "label"),
    [("yesterday", "yesterday"), ("it keeps happening", "it keeps happening"), ("last tuesday", "in the last week"),
     ("not sure", "not sure")],
)
def test_when_answers(text: str, label: str) -> None:
    assert concern("concern_when", text).slots == {"concern_when": label}


def test_an_area_typed_at_the_category_step_is_kept_as_the_area() -> None:
    reading = concern("concern_category", "Kingsholm")
    assert reading.outcome == "kept" and reading.slots == {"concern_area": "Kingsholm and Wotton"}


def test_a_long_answer_fills_the_question_and_is_kept_as_the_description_too() -> None:
    text = "people are dealing drugs from the flat above the shop every night"
    reading = concern("concern_category", text)
    assert reading.outcome == "answered"
    assert reading.slots == {"concern_category": "cuckooing_drugs", "concern_what": text}
    assert prompts(reading) == [KEPT_ALSO_PROMPT]


def test_the_danger_question() -> None:
    assert concern("concern_safe", "no").slots == {"concern_safe": "checked"}
    danger = concern("concern_safe", "yes", "affirm")
    assert danger.slots == {"concern_safe": "danger reported"} and prompts(danger) == ["concern_in_danger_now"]
    kept = concern("concern_safe", DESCRIPTION)
    assert kept.slots == {"concern_what": DESCRIPTION} and "concern_safe" not in kept.slots
    assert concern("concern_safe", "banana").outcome == "unclear"


def test_a_street_is_never_kept_and_the_person_is_told() -> None:
    reading = concern("concern_area", "12 Acacia Road")
    assert reading.slots == {"concern_area": SKIP_AREA}
    assert prompts(reading) == ["concern_area_dropped"]


def test_nothing_is_dropped_at_the_confirm_step() -> None:
    reading = concern("concern_confirm", "also there was a blue car outside")
    assert reading.outcome == "unclear" and reading.slots == {}
    assert prompts(reading) == ["concern_confirm_unclear"]
    assert concern("concern_confirm", "Send it", button=True).slots == {"concern_confirm": "yes"}
    assert concern("concern_confirm", "no").slots == {"concern_confirm": "no"}


def test_a_question_goes_to_the_rules_even_at_the_free_text_step() -> None:
    assert concern("concern_what", "what counts as cuckooing?", "faq", 0.9).outcome == "for_rules"
    assert concern("concern_what", "he shouts what is wrong with you at her", "faq", 0.9).outcome == "answered"


def test_another_flow_goes_to_the_rules_and_gibberish_is_said_to_be_unclear() -> None:
    assert concern("concern_category", "hello there", "greet", 0.95).outcome == "for_rules"
    unclear = concern("concern_when", "zxq", "nlu_fallback", 0.3)
    assert unclear.outcome == "unclear" and prompts(unclear) == ["concern_when_unclear"]


def test_categories() -> None:
    assert category_for("Cuckooing or drug dealing") == "cuckooing_drugs"
    assert category_for("my mother") is None  # "other" only as a word
    assert category_for("something else") == "other"


def service(requested: str, text: str, intent: str | None = None, confidence: float = 0.9):
    order = list(SERVICE_QUESTIONS)
    return read_reply(requested, Reply(text, intent, confidence), SERVICE_QUESTIONS, order[order.index(requested):])


def test_find_a_service_keeps_a_place_given_at_the_who_step() -> None:
    reading = service("service_for", "GL1")
    assert reading.outcome == "kept" and "service_area" in reading.slots


def test_find_a_service_answers() -> None:
    assert service("service_for", "Skip").slots == {"service_for": SKIP}
    assert service("service_for", "my son").slots == {"service_for": "young-people"}
    assert service("service_for", "mental health").outcome == "unclear"  # "me" only as a word
    assert service("service_need", "Drugs and alcohol").outcome == "answered"


def test_a_question_at_the_menu_goes_to_the_rules() -> None:
    assert service("service_need", "what is cuckooing?", "faq", 0.95).outcome == "for_rules"
    assert service("service_need", "zxq vvb", "nlu_fallback", 0.2).outcome == "unclear"


# ---------------------------------------------------------------- the Rasa side reads each message once


def _events(*names: str) -> list[dict]:
    events: list[dict] = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": "what is cuckooing?"}]
    for name in names:
        events.append({"event": "action", "name": name})
    return events


def test_a_message_is_read_once_not_again_when_the_form_resumes() -> None:
    from rasa_sdk import Tracker

    from actions.forms import is_fresh

    def tracker(events: list[dict]) -> Tracker:
        return Tracker("t", {}, {}, events, False, None, {"name": "find_service_form"}, None)

    # The form's own execution, added by Rasa before it calls the validator: a fresh message.
    assert is_fresh(tracker(_events("find_service_form")))
    # Resumed after the rules answered the message (utter_faq, cards): already dealt with.
    assert not is_fresh(tracker(_events("utter_faq", "action_signpost_services", "find_service_form")))
