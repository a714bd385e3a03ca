"""The NLU components on real messages (no model needed: neither learns anything)."""

from __future__ import annotations

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.language import LanguageDetector, LanguageIntent


def parse(text: str, intent: str = "nlu_fallback") -> Message:
    message = Message(data={TEXT: text})
    LanguageDetector({}).process([message])
    message.set(INTENT, {"name": intent, "confidence": 0.2})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.2}])
    LanguageIntent({}).process([message])
    return message


def entities(message: Message) -> dict[str, str]:
    return {e["entity"]: e["value"] for e in message.get(ENTITIES) or []}


def test_a_polish_message_sets_the_language_entity_and_keeps_its_intent() -> None:
    message = parse("Mój mąż mnie bije i boję się wrócić do domu", intent="faq")
    assert entities(message) == {"language": "pl"}
    assert message.get(INTENT)["name"] == "faq"


def test_a_switch_word_is_choose_language() -> None:
    message = parse("Polski")
    assert entities(message) == {"language": "pl"} and message.get(INTENT)["name"] == "choose_language"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "choose_language"


def test_a_short_message_sets_nothing() -> None:
    message = parse("dziękuję bardzo", intent="thank")
    assert entities(message) == {} and message.get(INTENT)["name"] == "thank"


def test_an_unsupported_language_is_recorded_and_answered_as_such() -> None:
    message = parse("Mi marido me pega y tengo miedo de volver a casa")
    assert entities(message) == {"unsupported_language": "es"}
    assert message.get(INTENT)["name"] == "unsupported_language"


def test_crisis_is_never_replaced() -> None:
    message = parse("Mi marido me pega y tengo miedo de volver a casa", intent="crisis_danger")
    assert message.get(INTENT)["name"] == "crisis_danger"


def test_button_payloads_are_left_to_rasa() -> None:
    message = parse('/choose_language{"language":"ur"}', intent="choose_language")
    assert entities(message) == {}


def test_romanised_urdu_never_gets_the_bare_fallback() -> None:
    message = parse("mera shohar mujhe marta hai", intent="nlu_fallback")
    assert entities(message) == {"language": "ur"}
    assert message.get(INTENT)["name"] == "unsupported_language"
    understood = parse("mera shohar mujhe marta hai", intent="faq")
    assert understood.get(INTENT)["name"] == "faq"


def test_an_understood_message_keeps_its_answer_whatever_its_language() -> None:
    message = parse("Mi marido me pega y tengo miedo de volver a casa", intent="faq")
    assert entities(message) == {"unsupported_language": "es"}
    assert message.get(INTENT)["name"] == "faq"
