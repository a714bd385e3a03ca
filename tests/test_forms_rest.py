"""End to end: the find-a-service form and the anonymous concern form, on the real assistant."""

from __future__ import annotations

import re
import secrets
import sqlite3

import pytest

from services_directory import load_directory
from tests.conftest import start_service
from tests.test_assistant_rest import texts

pytestmark = pytest.mark.e2e

TOKENS = load_directory().contact_tokens()
REFERENCE = re.compile(r"\*\*([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\*\*")


class Chat:
    """One conversation with the assistant over the REST channel."""

    def __init__(self, service) -> None:
        self.service = service
        self.sender = secrets.token_hex(8)

    def __call__(self, text: str) -> str:
        from tests.test_assistant_rest import say

        self.last = say(self.service, text, self.sender)
        return texts(self.last)

    def buttons(self) -> list[str]:
        return [b["title"] for r in self.last for b in r.get("buttons", [])]


def concern_rows(service) -> list[sqlite3.Row]:
    db = sqlite3.connect(service.var_dir / "concerns.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute("SELECT * FROM concerns"))
    finally:
        db.close()


def test_find_a_service_shows_directory_cards(live_service) -> None:
    chat = Chat(live_service)
    assert "What do you need help with?" in chat("I need to find a service")
    assert "Who is the help for?" in chat("Drugs and alcohol")
    assert "Where are you" in chat("Me")
    cards = chat("Kingsholm")
    assert "Change Grow Live" in cards
    assert TOKENS["phone:change-grow-live"].split(" (")[0] in cards
    assert "Search again" in chat.buttons()


def test_find_a_service_understands_typos_and_skips(live_service) -> None:
    chat = Chat(live_service)
    chat("find a service")
    chat("domestc abuse")
    chat("Skip")
    cards = chat("Skip")
    assert TOKENS["phone:national-domestic-abuse-helpline"] in cards


def test_a_topic_answer_ends_with_services_from_the_directory(live_service) -> None:
    answer = Chat(live_service)("what is cuckooing")
    assert "Services that can help" in answer
    assert TOKENS["phone:crimestoppers"] in answer or TOKENS["phone:police-non-emergency"] in answer


def _log_concern(chat: Chat, what: str) -> str:
    assert "in danger right now" in chat("I want to report something anonymously")
    assert "What is your concern about?" in chat("No")
    assert "Roughly where" in chat("Cuckooing or drug dealing")
    assert "Roughly when" in chat("Kingsholm")
    assert "What is happening?" in chat("it keeps happening")
    assert "anything else" in chat(what)
    summary = chat("Nothing else")
    assert "Shall I send it?" in summary
    return chat("Send it")


def test_logging_a_concern_stores_only_redacted_coarse_data(live_service) -> None:
    before = len(concern_rows(live_service))
    chat = Chat(live_service)
    what = "Dave Smith at 12 Acacia Road has people in and out all night, call him on 07700 900123, car AB12 CDE"
    logged = _log_concern(chat, what)
    match = REFERENCE.search(logged)
    assert match, logged
    assert "removed" in logged and TOKENS["phone:crimestoppers"] in logged
    rows = concern_rows(live_service)
    assert len(rows) == before + 1
    row = dict(rows[-1])
    stored = " ".join(str(v) for v in row.values())
    for secret in ("Dave", "Smith", "Acacia", "07700", "900123", "AB12", chat.sender):
        assert secret not in stored
    assert row["category"] == "cuckooing_drugs"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["created_on"]))

    # Adding more later, and checking the status, by reference only.
    reference = match.group(1)
    other = Chat(live_service)
    assert "What would you like to add" in other(f"I have more about concern {reference}")
    assert "added that" in other("The visitors now come on bikes as well, mostly after midnight.")
    assert "received" in other(f"what is the status of {reference.lower()}")


def test_cancel_saves_nothing(live_service) -> None:
    before = len(concern_rows(live_service))
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    assert "Nothing was saved" in chat("cancel")
    assert len(concern_rows(live_service)) == before


def test_danger_interrupts_the_concern_form(live_service) -> None:
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    chat("Domestic abuse")
    reply = chat("he's kicking the door in right now")
    assert reply.startswith(f"**If you are in danger now, call {TOKENS['phone:police-emergency']}.**")
    assert "What is happening?" not in chat("what is ask for angela")


# ---------------------------------------------------------------- conversations that keep what people say


@pytest.mark.parametrize(
    # Other wordings ("do I have to say who I am") are still misread by the current model: issue 11.
    "question", ["can I report this without giving my name?"]
)
def test_asking_whether_a_report_needs_a_name_hears_yes_first(live_service, question: str) -> None:
    chat = Chat(live_service)
    reply = chat(question)
    assert reply.startswith("Yes."), reply
    assert "name" in reply and "IP address" in reply and "only the date" in reply
    assert "Would you like to log a concern now?" in reply
    assert "in danger right now" in chat("yes please")


def test_no_to_the_offer_to_log_a_concern(live_service) -> None:
    chat = Chat(live_service)
    chat("can I report this without giving my name?")
    reply = chat("no thanks")
    assert "OK. If you change your mind" in reply and "in danger right now" not in reply


DESCRIPTION = "Different cars pull up outside the flat upstairs and people go in and come straight back out"


def test_a_description_typed_at_the_when_step_is_kept_and_when_is_asked_again(live_service) -> None:
    before = len(concern_rows(live_service))
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    chat("Domestic abuse")
    assert "Roughly when" in chat("Kingsholm")
    reply = chat(DESCRIPTION)
    assert "kept that as the description" in reply and "Roughly when" in reply, reply
    # The description is filled, so the form goes on to "anything else" without asking it again.
    after_when = chat("yesterday")
    assert "anything else" in after_when and "What is happening?" not in after_when
    summary = chat("Nothing else")
    assert DESCRIPTION in summary and "yesterday" in summary
    assert REFERENCE.search(chat("Send it"))
    rows = concern_rows(live_service)
    assert len(rows) == before + 1
    assert rows[-1]["what_text"] == DESCRIPTION and rows[-1]["when_label"] == "yesterday"


def test_nothing_typed_at_the_summary_is_silently_dropped(live_service) -> None:
    before = len(concern_rows(live_service))
    chat = Chat(live_service)
    _start = ("I want to report something anonymously", "No", "Anti-social behaviour", "Prefer not to say", "today")
    for text in _start:
        chat(text)
    chat("Youths keep throwing stones at the bus shelter windows")
    chat("Nothing else")
    reply = chat("they also had a grey dog with them")
    # Not silently dropped: the form says it was not added, or (when the words read as a question) the
    # question is answered first; either way the summary is asked again and nothing is sent.
    assert "Shall I send it?" in reply, reply
    assert "I haven't added that" in reply or reply.index("Shall I send it?") > 200, reply
    assert len(concern_rows(live_service)) == before


def test_yes_to_the_offer_to_find_a_service_starts_the_search(live_service) -> None:
    chat = Chat(live_service)
    assert "Would you like me to find" in chat("how do i get help with my drinking")
    # The answer was about drink and drugs, so the search starts at "who is it for".
    assert "Who is the help for?" in chat("yes")


def test_no_to_the_offer_to_find_a_service(live_service) -> None:
    chat = Chat(live_service)
    chat("how do i get help with my drinking")
    reply = chat("no")
    assert "OK. If you change your mind" in reply
    assert "Here is what I can help with" not in reply


def test_a_question_after_the_offer_is_answered(live_service) -> None:
    chat = Chat(live_service)
    chat("how do i get help with my drinking")
    reply = chat("what is cuckooing")
    assert "home" in reply.lower() and "Who is the help for?" not in reply


def test_a_question_typed_at_the_find_a_service_menu_gets_one_reply(live_service) -> None:
    chat = Chat(live_service)
    assert "What do you need help with?" in chat("I need to find a service")
    reply = chat("what is cuckooing?")
    assert "home" in reply.lower(), reply
    assert "couldn't match" not in reply and "What do you need help with?" not in reply
    # The search has ended: the next message is understood on its own.
    assert "Who is the help for?" not in chat("what is ask for angela")


def test_something_unclear_at_the_menu_is_said_once(live_service) -> None:
    chat = Chat(live_service)
    chat("I need to find a service")
    reply = chat("zxq vvb plork")
    assert reply.count("couldn't match that") == 1 and reply.count("What do you need help with?") == 1, reply
    assert "not sure I understood" not in reply
    assert "Who is the help for?" in chat("Domestic abuse")


def test_a_place_typed_at_the_who_step_is_kept(live_service) -> None:
    chat = Chat(live_service)
    chat("I need to find a service")
    chat("Drugs and alcohol")
    reply = chat("Kingsholm")
    assert "kept that as the area" in reply and "Who is the help for?" in reply, reply
    cards = chat("Me")
    assert "Change Grow Live" in cards


def test_the_danger_gate_comes_first(live_service) -> None:
    chat = Chat(live_service)
    chat("I want to log a concern")
    reply = chat("yes")
    assert f"call {TOKENS['phone:police-emergency']}" in reply


@pytest.fixture(scope="module")
def service_without_store(tmp_path_factory):
    # A real service whose database cannot be reached: nothing listens on port 1.
    service = start_service(
        tmp_path_factory.mktemp("nostore"),
        {"DATABASE_URL": "postgresql://nobody:nothing@127.0.0.1:1/concerns"},
    )
    yield service
    service.stop()


def test_store_down_is_said_plainly_with_crimestoppers(service_without_store) -> None:
    chat = Chat(service_without_store)
    reply = _log_concern(chat, "Strangers coming and going from the flat below at all hours.")
    assert "couldn't save" in reply and "nothing has been kept" in reply
    assert TOKENS["phone:crimestoppers"] in reply
