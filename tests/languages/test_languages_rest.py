"""End to end over /api/chat: the real trained assistant in the person's language (issue 12).

The Polish translation of utter_crisis_danger comes from tests/languages/fixtures/pl_crisis_danger.csv
(imported into domain/crisis.yml with `python -m content translations import`); it is a machine
draft, so it carries the "not yet checked by a person" line.
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from typing import Any

import pytest

from content.languages import LANGUAGES
from content.translation import ROOT, ui_string
from services_directory import load_directory

pytestmark = pytest.mark.e2e

EMERGENCY = load_directory().contact_tokens()["phone:police-emergency"]
FALLBACK_START = "Sorry, I'm not sure I understood"


class Conversation:
    def __init__(self, live_service: Any) -> None:
        self.url = live_service.web_url + "/api/chat"
        self.id = secrets.token_urlsafe(24)

    def say(self, text: str) -> dict[str, Any]:
        body = json.dumps({"conversation_id": self.id, "message": text}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=90) as response:
            reply = json.loads(response.read().decode())
        for message in reply["messages"]:
            assert message["lang"] in {lang.code for lang in LANGUAGES} and message["dir"] in {"ltr", "rtl"}
        return reply


def text_of(reply: dict[str, Any]) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


POLISH_DANGER = "Pomocy, mój mąż mnie bije i grozi mi nożem, boję się że mnie zabije"


def _polish_danger_is_taught() -> bool:
    """Whether this branch can recognise POLISH_DANGER: a Polish crisis phrase rule (lang-nlu's
    crisis_patterns_i18n) or Polish crisis_danger training examples. Until then, skip."""
    import yaml

    from bot.components.crisis_patterns import detect
    from content.language_detection import decide

    found = detect(POLISH_DANGER)
    if found is not None and found.intent == "crisis_danger":
        return True
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if block.get("intent") == "crisis_danger":
                examples = [line[2:] for line in str(block.get("examples", "")).splitlines() if line.startswith("- ")]
                if any(decide(e, None).detected == "pl" for e in examples):
                    return True
    return False


def assert_polish_danger_guidance(reply: dict[str, Any]) -> None:
    text = text_of(reply)
    assert f"**Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod {EMERGENCY}.**" in text
    assert "naciśnij 55" in text
    assert ui_string("translation_unreviewed", "pl") in text
    assert reply["language"] == "pl" and reply["dir"] == "ltr"
    polish = next(m for m in reply["messages"] if "Jeśli jesteś" in m["text"])
    assert polish["lang"] == "pl" and polish["dir"] == "ltr"
    assert [b["payload"] for b in polish["buttons"]] == ["/affirm", "Find a service"]


def test_polish_conversation_gets_polish_999_guidance_with_the_unreviewed_line(live_service) -> None:
    # The language and reply path, whatever the classifier knows: Polish chosen, then the danger
    # intent (as a crisis button or the safety net would give it).
    chat = Conversation(live_service)
    assert chat.say("Polski")["language"] == "pl"
    assert_polish_danger_guidance(chat.say("/crisis_danger"))


@pytest.mark.skipif(not _polish_danger_is_taught(),
                    reason="no Polish crisis rule or training examples yet (lang-nlu's branch adds them)")
def test_polish_danger_message_gets_polish_999_guidance(live_service) -> None:
    assert_polish_danger_guidance(Conversation(live_service).say(POLISH_DANGER))


def test_english_please_switches_back(live_service) -> None:
    chat = Conversation(live_service)
    assert chat.say("Polski")["language"] == "pl"
    reply = chat.say("English please")
    assert reply["language"] == "en"
    reply = chat.say("I'm in danger, my partner is hitting me right now")
    assert f"**If you are in danger now, call {EMERGENCY}.**" in text_of(reply)
    assert all(m["lang"] == "en" for m in reply["messages"])


def test_a_three_word_polish_message_does_not_switch(live_service) -> None:
    reply = Conversation(live_service).say("dziękuję bardzo pani")
    assert reply["language"] == "en"


def test_the_language_button_switches(live_service) -> None:
    chat = Conversation(live_service)
    menu = chat.say("/language_menu")
    titles = [b["title"] for m in menu["messages"] for b in m["buttons"]]
    assert titles == [lang.endonym for lang in LANGUAGES]
    assert chat.say('/choose_language{"language":"ur"}')["language"] == "ur"
    assert chat.say(POLISH_DANGER)["language"] == "pl"


@pytest.mark.parametrize(
    "text",
    ["Hola, necesito ayuda, mi marido me pega todos los días y tengo miedo",
     "Bonjour, j'ai besoin d'aide, mon mari me frappe et j'ai peur"],
)
def test_an_unsupported_language_gets_the_three_things(live_service, text: str) -> None:
    reply = Conversation(live_service).say(text)
    full = text_of(reply)
    assert FALLBACK_START not in full
    assert full.index(f"call {EMERGENCY}") < full.index("I can answer in these languages")
    assert all(lang.endonym in full for lang in LANGUAGES)
    assert "interpreter" in full
    assert reply["language"] == "en"


def test_romanised_urdu_never_gets_the_fallback(live_service) -> None:
    reply = Conversation(live_service).say("mera shohar mujhe marta hai")
    assert FALLBACK_START not in text_of(reply)
    assert reply["language"] == "ur"
