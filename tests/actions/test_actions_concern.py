"""Saving a concern and finding it again by its reference code (actions/concern.py), against a real
SQLite concern store. Each test asserts the exact events and texts the action returns."""

from __future__ import annotations

import re

import pytest
from actions_support import load_tracker, said, texts
from rasa_sdk.events import FollowupAction, SlotSet
from sqlalchemy import select, update

from actions.concern import (
    ActionAskConcernAddition,
    ActionConcernFollowup,
    ActionSubmitConcern,
    ActionSubmitConcernAddition,
)
from concerns import ConcernService
from concerns.schema import concern_additions, concerns
from content.ui_strings import ui_text
from services_directory import load_directory

CODE_SHOWN = re.compile(r"\*\*([0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3})\*\*")
# Every answer is cleared and the tracker store is asked to drop the conversation's text.
SCRUBBED = [
    SlotSet(slot, None)
    for slot in (
        "concern_safe", "concern_category", "concern_area", "concern_when", "concern_what", "concern_extra",
        "concern_confirm", "concern_reference", "concern_addition",
    )
] + [SlotSet("scrub_history", True)]
FIND_A_SERVICE = [{"title": "Find a service", "payload": "Find a service"}]


def contacts() -> dict[str, str]:
    return load_directory().contact_tokens()


def logged_text(reference: str, removed: str) -> str:
    c = contacts()
    return (
        "Thank you. Your concern has been saved for the Stronger Safer Gloucester Partnership to review.\n\n"
        f"Your reference is **{reference}**. Keep it if you want to add more later or check progress: say "
        f"\"I have more about concern {reference}\". The partnership's records hold nothing that links the "
        "concern to you. (On Telegram, this chat and the code stay in your app until you delete the chat.)\n\n"
        f"{removed}\n\n"
        "We don't know who you are, so we can't contact you. If you want the police to act and to stay "
        f"anonymous, you can tell Crimestoppers on {c['phone:crimestoppers']} ({c['hours:crimestoppers']}). "
        f"If anyone is in danger, call {c['phone:police-emergency']}."
    )


async def submit(store: ConcernService, dispatcher, **slots) -> str:
    """Send the saved confirmed concern (with ``slots`` changed); returns the code shown."""
    events = await ActionSubmitConcern().run(dispatcher, load_tracker("concern_confirmed", slots=slots), {})
    assert events == SCRUBBED
    (text,) = texts(dispatcher)
    return CODE_SHOWN.search(text or "").group(1)


def stored_rows(store: ConcernService) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(concerns))]


async def test_a_confirmed_concern_is_saved_redacted_and_its_code_given(store, dispatcher) -> None:
    reference = await submit(store, dispatcher)
    assert said(dispatcher) == [
        (logged_text(reference, "To protect everyone's privacy, I removed a name and a phone number before saving."),
         FIND_A_SERVICE)
    ]
    (row,) = stored_rows(store)
    assert row["reference"] == reference.replace("-", "")
    assert (row["category"], row["area"], row["when_label"], row["status"]) == (
        "cuckooing_drugs", "Kingsholm and Wotton", "in the last week", "new"
    )
    assert "Dave Smith" not in row["what_text"] and "07700" not in row["what_text"]
    assert row["what_text"].startswith("People come and go from the flat above the chip shop all night")
    assert row["extra_text"] is None


async def test_nothing_to_remove_is_said_too(store, dispatcher) -> None:
    reference = await submit(store, dispatcher, concern_what="Groups of lads shouting in the park every night.")
    assert texts(dispatcher) == [
        logged_text(reference, "I didn't find any names, numbers or addresses to remove.")
    ]


async def test_the_category_chosen_is_the_category_stored(store, dispatcher) -> None:
    await submit(store, dispatcher, concern_category="hate_crime", concern_area="Prefer not to say")
    (row,) = stored_rows(store)
    assert (row["category"], row["area"]) == ("hate_crime", "prefer not to say")


async def test_a_concern_not_confirmed_is_not_saved(store, dispatcher) -> None:
    events = await ActionSubmitConcern().run(dispatcher, load_tracker("concern_declined"), {})
    assert events == SCRUBBED
    assert said(dispatcher) == [("OK, I haven't sent anything, and nothing was saved.", [])]
    assert stored_rows(store) == []


async def test_an_unknown_category_is_refused_plainly_and_nothing_kept(store, dispatcher) -> None:
    events = await ActionSubmitConcern().run(
        dispatcher, load_tracker("concern_confirmed", slots={"concern_category": "burglary"}), {}
    )
    assert events == SCRUBBED
    assert texts(dispatcher) == [
        "Sorry, I couldn't save that (unknown category 'burglary'), so nothing was kept. You can start again "
        "by saying \"report a concern\"."
    ]
    assert stored_rows(store) == []


async def test_a_store_that_cannot_be_reached_keeps_nothing_and_says_who_else_to_tell(
    tmp_path, monkeypatch, dispatcher
) -> None:
    # A real store whose file cannot be created: a directory stands where the database file should be.
    (tmp_path / "db").mkdir()
    broken = ConcernService(f"sqlite:///{tmp_path / 'db'}")
    monkeypatch.setattr("actions.concern.concern_service", lambda: broken)
    events = await ActionSubmitConcern().run(dispatcher, load_tracker("concern_confirmed"), {})
    assert events == SCRUBBED
    c = contacts()
    assert texts(dispatcher) == [
        "Sorry, I couldn't save your concern just now, and nothing has been kept. Please try again later. To "
        f"pass information on anonymously now, contact Crimestoppers on {c['phone:crimestoppers']} "
        f"({c['hours:crimestoppers']}). If anyone is in danger, call {c['phone:police-emergency']}."
    ]
    broken.close()


# --- finding a concern again by its code -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,  # as shown
        lambda code: code.lower().replace("-", " "),  # lower case, spaces
        lambda code: code.replace("-", ""),  # run together
        lambda code: code.replace("-", "–"),  # en dashes, as phones type them
    ],
    ids=["shown", "lower-spaced", "joined", "en-dash"],
)
async def test_more_about_a_concern_opens_the_addition_form(store, dispatcher, typed) -> None:
    reference = await submit(store, dispatcher)
    dispatcher.messages.clear()
    tracker = load_tracker("concern_followup", reference=typed(reference))
    events = await ActionConcernFollowup().run(dispatcher, tracker, {})
    assert events == [SlotSet("concern_reference", reference.replace("-", "")), FollowupAction("concern_addition_form")]
    assert said(dispatcher) == []


async def test_a_status_question_gives_the_status_and_never_the_text(store, dispatcher) -> None:
    reference = await submit(store, dispatcher)
    dispatcher.messages.clear()
    with store.engine.begin() as conn:
        conn.execute(update(concerns).values(status="referred"))
    tracker = load_tracker("concern_followup", text=f"what's the status of {reference}?")
    assert await ActionConcernFollowup().run(dispatcher, tracker, {}) == []
    assert said(dispatcher) == [
        (f"Concern {reference} has been passed to the right service to act on. For privacy I can't show what "
         "was written.", [])
    ]


async def test_an_unknown_code_is_said_to_be_unknown(store, dispatcher) -> None:
    await submit(store, dispatcher)  # the store has a concern, just not this one
    dispatcher.messages.clear()
    tracker = load_tracker("concern_followup", reference="K7Q-4MX-P2D")
    assert await ActionConcernFollowup().run(dispatcher, tracker, {}) == []
    assert texts(dispatcher) == [
        "I couldn't find a concern with that reference. Please check the code. Concerns are deleted after a set "
        "time, so an old one may have gone."
    ]


@pytest.mark.parametrize("text", ["I have more about my concern", "status of ABC-DEF-GHU", "call 020 7946 0958"])
async def test_no_code_asks_for_the_code(store, dispatcher, text) -> None:
    assert await ActionConcernFollowup().run(dispatcher, load_tracker("concern_followup", text=text), {}) == []
    assert texts(dispatcher) == [
        "Please include your reference code, for example \"I have more about concern K7Q-4MX-P2D\" or "
        "\"status of K7Q-4MX-P2D\"."
    ]


async def test_the_addition_question_names_the_code(store, dispatcher) -> None:
    tracker = load_tracker("concern_addition_form", reference="K7Q-4MX-P2D", code="K7Q4MXP2D")
    assert await ActionAskConcernAddition().run(dispatcher, tracker, {}) == []
    assert said(dispatcher) == [
        ("What would you like to add to concern K7Q-4MX-P2D? Please leave out names, phone numbers and addresses.",
         [])
    ]


async def test_an_addition_is_saved_redacted_against_its_concern(store, dispatcher) -> None:
    reference = await submit(store, dispatcher)
    dispatcher.messages.clear()
    code = reference.replace("-", "")
    tracker = load_tracker("concern_addition_ready", reference=reference, code=code)
    assert await ActionSubmitConcernAddition().run(dispatcher, tracker, {}) == SCRUBBED
    assert said(dispatcher) == [
        (f"Thank you, I've added that to concern {reference}.\n\nTo protect everyone's privacy, I removed a phone "
         "number before saving.", [])
    ]
    with store.engine.connect() as conn:
        (added,) = conn.execute(select(concern_additions.c.text)).scalars().all()
    assert added.startswith("He came back last night with two others.") and "07700" not in added
    assert stored_rows(store)[0]["new_information"] is True


async def test_an_addition_to_a_concern_that_has_gone_is_not_kept(store, dispatcher) -> None:
    tracker = load_tracker("concern_addition_ready", reference="K7Q-4MX-P2D", code="K7Q4MXP2D")
    assert await ActionSubmitConcernAddition().run(dispatcher, tracker, {}) == SCRUBBED
    assert texts(dispatcher) == [
        "I couldn't find a concern with that reference. Please check the code. Concerns are deleted after a set "
        "time, so an old one may have gone."
    ]
    with store.engine.connect() as conn:
        assert conn.execute(select(concern_additions)).all() == []


async def test_the_receipt_in_another_language_says_details_were_removed_in_that_language(store, dispatcher) -> None:
    reference = await submit(store, dispatcher, language="ro")
    (text,) = texts(dispatcher)
    assert reference in text
    assert ui_text("concern_removed_some", "ro") in text
    assert "To protect everyone's privacy" not in text and "a name and a phone number" not in text
    (row,) = stored_rows(store)
    assert "Dave Smith" not in row["what_text"]  # redaction does not depend on the language
