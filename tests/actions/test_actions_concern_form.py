"""The concern form's slot extractors (actions/concern_form.py on actions/forms.py): for each
question, what a reply fills and what is said, from a saved tracker of that turn."""

from __future__ import annotations

import pytest
from actions_support import load_tracker, said, texts
from rasa_sdk.events import SlotSet

from actions.concern_form import ActionAskConcernConfirm, ValidateConcernAdditionForm, ValidateConcernForm
from content.ui_strings import ui_text
from services_directory import load_directory

DESCRIPTION = "There are people going in and out of the flat next door all night"


async def validate(dispatcher, domain, fixture: str, text: str | None = None, intent: str | None = None,
                   confidence: float | None = None, **slots):
    tracker = load_tracker(fixture, text=text, intent=intent, confidence=confidence, slots=slots)
    return await ValidateConcernForm().run(dispatcher, tracker, domain)


@pytest.mark.parametrize(
    ("fixture", "text", "intent", "slot", "value"),
    [
        ("concern_form_safe", "No", "deny", "concern_safe", "checked"),
        ("concern_form_category", "Cuckooing or drug dealing", "inform", "concern_category", "cuckooing_drugs"),
        ("concern_form_category", "A child at risk", "inform", "concern_category", "child_at_risk"),
        ("concern_form_category", "my neighbour's boyfriend is controlling", "inform", "concern_category",
         "domestic_abuse"),
        ("concern_form_category", "racist graffiti", "inform", "concern_category", "hate_crime"),
        ("concern_form_category", "Street drinking or begging", "inform", "concern_category",
         "street_drinking_begging"),
        ("concern_form_category", "noise", "inform", "concern_category", "antisocial_behaviour"),
        ("concern_form_category", "Something else", "inform", "concern_category", "other"),
        ("concern_form_area", "Kingsholm", "inform", "concern_area", "Kingsholm and Wotton"),
        ("concern_form_area", "Prefer not to say", "inform", "concern_area", "prefer not to say"),
        ("concern_form_when", "yesterday", "inform", "concern_when", "yesterday"),
        ("concern_form_when", "last tuesday", "inform", "concern_when", "in the last week"),
        ("concern_form_when", "it keeps happening", "inform", "concern_when", "it keeps happening"),
        ("concern_form_what", DESCRIPTION, "log_concern", "concern_what", DESCRIPTION),
        ("concern_form_extra", "Nothing else", "deny", "concern_extra", ""),
        ("concern_form_extra", "They drive a red van", "inform", "concern_extra", "They drive a red van"),
        ("concern_form_confirm", "Send it", "affirm", "concern_confirm", "yes"),
        ("concern_form_confirm", "no", "deny", "concern_confirm", "no"),
    ],
)
async def test_each_question_reads_its_answer(dispatcher, domain, fixture, text, intent, slot, value) -> None:
    assert await validate(dispatcher, domain, fixture, text, intent) == [SlotSet(slot, value)]
    assert said(dispatcher) == []


@pytest.mark.parametrize(("text", "intent", "value"), [("yes", "affirm", "danger reported"),
                                                       ("not sure", "inform", "not sure")])
async def test_someone_maybe_in_danger_gets_999_before_any_more_questions(dispatcher, domain, text, intent,
                                                                          value) -> None:
    events = await validate(dispatcher, domain, "concern_form_safe", text, intent)
    assert events == [SlotSet("concern_safe", value)]
    emergency = load_directory().contact_tokens()["phone:police-emergency"]
    assert texts(dispatcher) == [
        f"**If anyone is in danger now, call {emergency}.** If you can't speak, press 55 when the recorded "
        "message asks you to. When everyone is safe, you can carry on here, or type \"cancel\"."
    ]


async def test_a_street_for_the_area_is_dropped_and_the_person_told(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_area", "12 Acacia Avenue", "inform") == [
        SlotSet("concern_area", "prefer not to say")
    ]
    assert texts(dispatcher) == [
        "I only keep a rough area, never a street, postcode or house number, so I've left the place out."
    ]


@pytest.mark.parametrize(
    ("fixture", "text", "unclear"),
    [
        ("concern_form_safe", "purple", "Sorry, I need a yes or a no to this one."),
        ("concern_form_category", "zxq vvb",
         "Sorry, I couldn't match that to one of the options. Please choose the closest one, or \"Something "
         "else\"."),
        ("concern_form_when", "banana", "Sorry, I couldn't tell when that was. Choose the closest, or \"Not sure\"."),
        ("concern_form_confirm", "maybe later",
         "I haven't added that to your concern. To send it as it is, choose \"Send it\"; to stop, choose \"Cancel, "
         "don't send\"."),
    ],
)
async def test_a_reply_that_answers_nothing_is_asked_again(dispatcher, domain, fixture, text, unclear) -> None:
    tracker = load_tracker(fixture, text=text, intent="inform", confidence=0.3)
    requested = tracker.get_slot("requested_slot")
    assert await ValidateConcernForm().run(dispatcher, tracker, domain) == [SlotSet(requested, None)]
    assert said(dispatcher) == [(unclear, [])]


async def test_a_description_typed_at_the_when_question_is_kept_as_the_description(dispatcher, domain) -> None:
    events = await validate(dispatcher, domain, "concern_form_when", DESCRIPTION, "log_concern", 0.7,
                            concern_what=None)
    assert events == [SlotSet("concern_what", DESCRIPTION)]
    assert texts(dispatcher) == ["Thanks, I've kept that as the description of what is happening."]


async def test_an_area_typed_at_the_category_question_is_kept_as_the_area(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_category", "Kingsholm", "inform") == [
        SlotSet("concern_area", "Kingsholm and Wotton")
    ]
    assert texts(dispatcher) == ["Thanks, I've kept that as the area."]


async def test_a_long_answer_fills_the_category_and_the_description(dispatcher, domain) -> None:
    text = "people are dealing drugs from the flat above the shop every night"
    assert await validate(dispatcher, domain, "concern_form_category", text, "log_concern", 0.8) == [
        SlotSet("concern_category", "cuckooing_drugs"),
        SlotSet("concern_what", text),
    ]
    assert texts(dispatcher) == ["I've also kept what you wrote as the description of what is happening."]


async def test_a_question_in_the_middle_of_the_form_is_left_to_the_rules(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_when", "what is cuckooing?", "faq", 0.95) == []
    assert said(dispatcher) == []


async def test_a_crisis_caught_by_the_safety_net_is_never_an_answer(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_crisis") == []
    assert said(dispatcher) == []


async def test_a_cancel_is_never_an_answer(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_extra", "stop this", "cancel", 0.95) == []


async def test_the_questions_own_button_counts_even_when_the_classifier_called_it_a_cancel(
    dispatcher, domain
) -> None:
    # "No" is the safety question's own button; one word is too little for the classifier to judge.
    assert await validate(dispatcher, domain, "concern_form_safe", "No", "cancel", 0.8) == [
        SlotSet("concern_safe", "checked")
    ]


async def test_a_message_already_answered_by_the_rules_is_not_read_again(dispatcher, domain) -> None:
    assert await validate(dispatcher, domain, "concern_form_resumed") == []
    assert said(dispatcher) == []


async def test_the_summary_shows_every_answer_before_sending(dispatcher) -> None:
    tracker = load_tracker("concern_confirmed", slots={"concern_extra": "They drive a red van"})
    assert await ActionAskConcernConfirm().run(dispatcher, tracker, {}) == []
    summary = (
        "- **About:** Cuckooing or drug dealing\n"
        "- **Where:** Kingsholm and Wotton\n"
        "- **When:** in the last week\n"
        "- **What is happening:** People come and go from the flat above the chip shop all night, and Dave "
        "Smith (07700 900123) seems to be staying there.\n"
        "- **Anything else:** They drive a red van"
    )
    assert said(dispatcher) == [
        (
            f"Here is what you are about to send:\n\n{summary}\n\nBefore it is saved, names, phone numbers, "
            "emails, full postcodes, vehicle registrations and house numbers are removed. Shall I send it?",
            [{"title": "Send it", "payload": "Send it"}, {"title": "Cancel, don't send", "payload": "/cancel"}],
        )
    ]


async def test_the_summary_leaves_out_an_empty_extra_and_says_what_was_skipped(dispatcher) -> None:
    tracker = load_tracker(
        "concern_confirmed", slots={"concern_extra": "", "concern_area": None, "concern_when": None}
    )
    await ActionAskConcernConfirm().run(dispatcher, tracker, {})
    (text,) = texts(dispatcher)
    assert "- **Where:** prefer not to say\n- **When:** not sure\n" in text
    assert "Anything else" not in text


async def test_the_addition_form_takes_any_text(dispatcher, domain) -> None:
    tracker = load_tracker("concern_addition_form", reference="K7Q-4MX-P2D", code="K7Q4MXP2D")
    assert await ValidateConcernAdditionForm().run(dispatcher, tracker, domain) == [
        SlotSet("concern_addition", "He came back last night with two others. His number is 07700 900456.")
    ]
    assert said(dispatcher) == []


async def test_the_summary_is_in_the_conversations_language(dispatcher) -> None:
    tracker = load_tracker("concern_confirmed", slots={"concern_extra": "", "concern_when": None, "language": "pl"})
    await ActionAskConcernConfirm().run(dispatcher, tracker, {})
    (text,) = texts(dispatcher)
    assert "- **Czego dotyczy:** Cuckooing albo handel narkotykami\n" in text
    assert "- **Gdzie:** Kingsholm and Wotton\n- **Kiedy:** nie wiem\n- **Co się dzieje:** People come" in text
    for english in ("**About:**", "**Where:**", "**When:**", "What is happening", "Anything else"):
        assert english not in text, english
    assert text.endswith(ui_text("translation_unreviewed", "pl"))


async def test_a_possible_crisis_the_form_cannot_use_gets_the_crisis_guidance_first(dispatcher, domain) -> None:
    tracker = load_tracker("concern_form_safe", text="purple", intent="nlu_fallback",
                           confidence=0.3)
    tracker.latest_message["possible_crisis"] = {"intent": "crisis_cannot_speak", "probability": 0.6}
    assert await ValidateConcernForm().run(dispatcher, tracker, domain) == [SlotSet("concern_safe", None)]
    assert dispatcher.messages[0]["response"] == "utter_crisis_cannot_speak"
    assert texts(dispatcher)[-1] == "Sorry, I need a yes or a no to this one."


async def test_a_description_marked_as_a_possible_crisis_is_kept_as_the_description(dispatcher, domain) -> None:
    tracker = load_tracker("concern_form_what", text=DESCRIPTION, intent="nlu_fallback", confidence=0.3)
    tracker.latest_message["possible_crisis"] = {"intent": "crisis_child", "probability": 0.6}
    assert await ValidateConcernForm().run(dispatcher, tracker, domain) == [SlotSet("concern_what", DESCRIPTION)]
    assert not any(m.get("response") for m in dispatcher.messages)


async def test_a_description_only_the_classifier_calls_a_crisis_is_kept_after_the_guidance(dispatcher, domain) -> None:
    # Ending the form would lose the whole report; the crisis guidance still comes first.
    tracker = load_tracker("concern_form_what", text=DESCRIPTION, intent="crisis_danger", confidence=0.8)
    tracker.latest_message["safety_net"] = {"intent": "crisis_danger", "source": "classifier"}
    assert await ValidateConcernForm().run(dispatcher, tracker, domain) == [SlotSet("concern_what", DESCRIPTION)]
    assert dispatcher.messages[0]["response"] == "utter_crisis_danger"


async def test_a_description_the_phrase_rules_call_a_crisis_is_left_to_the_crisis_rules(dispatcher, domain) -> None:
    tracker = load_tracker("concern_form_what", text=DESCRIPTION, intent="crisis_danger", confidence=1.0)
    tracker.latest_message["safety_net"] = {"intent": "crisis_danger", "source": "rules"}
    assert await ValidateConcernForm().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []
