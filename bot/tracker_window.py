"""Keep only the recent part of a conversation: its last few messages, and the state they left.

Every turn, Rasa reads the whole conversation, rebuilds it event by event, lets the rule policy look
over all its past states, sends it to the action server and writes it back. So a turn costs more
the longer the conversation has gone on (docs/README-bench.md, "Where the paced load's tail comes
from"), and every word stays held until the conversation expires.

``keep_recent`` rewrites a stored conversation to its session start, a *snapshot* of the state
before the kept part (every slot that has been set, and the active form with its interrupted flag),
and the events from the ``action_listen`` before the ``keep_turns``-th last message onwards. What
the assistant does next depends only on that: slots and the active form carry everything a form or
a rule needs from earlier, the rules look back at most a turn or two, and the actions read the
events of the latest turn. What is dropped is the older words and the order of older events.

``slim_older_parses`` also drops, from every message but the latest, what only that message's own
turn reads: the ResponseSelector's output (its ranking and the answer's texts in every language,
about 8 KB a message and seven tenths of a stored conversation) and the intent ranking. The intent
(with its FAQ answer key) and the entities stay: the rule policy's states are built from them.

Works on the serialised form (``{"events": [...]}``) after the concern scrub, so a scrub mark is
applied before the events around it are folded away. Knows nothing of the store it is used by.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecutionRejected, ActiveLoop, LoopInterrupted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

SESSION_STARTED = "session_started"


def _cut_index(events: list[dict[str, Any]], keep_turns: int) -> int | None:
    """Index of the ``action_listen`` that opens the kept part, or None when nothing is dropped."""
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if keep_turns <= 0 or len(users) <= keep_turns:
        return None
    for index in range(users[-keep_turns] - 1, -1, -1):
        event = events[index]
        if event.get("event") == "action" and event.get("name") == ACTION_LISTEN_NAME:
            return index
        if event.get("event") == "user":
            break
    return None


def _session_prefix(head: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events up to and including the latest ``session_started`` (Rasa's session marker)."""
    for index in range(len(head) - 1, -1, -1):
        if head[index].get("event") == SESSION_STARTED:
            return head[: index + 1]
    return []


def snapshot_events(head: list[dict[str, Any]], domain: Domain, timestamp: float | None) -> list[dict[str, Any]]:
    """Events that recreate the state ``head`` leaves: its slots and its active form."""
    tracker = DialogueStateTracker.from_dict("snapshot", head, domain.slots)
    events: list[Any] = [
        SlotSet(slot.name, slot.value, timestamp=timestamp)
        for slot in tracker.slots.values()
        if slot.has_been_set
    ]
    loop = tracker.active_loop
    if loop is not None and loop.name:
        events.append(ActiveLoop(loop.name, timestamp=timestamp))
        if loop.is_interrupted:
            events.append(LoopInterrupted(True, timestamp=timestamp))
        if loop.rejected:
            events.append(ActionExecutionRejected(loop.name, timestamp=timestamp))
    return [event.as_dict() for event in events]


#: Parts of a message's parse that only its own turn reads (the answer is chosen, the actions run).
TURN_ONLY_PARSE_KEYS = ("response_selector", "intent_ranking", "text_tokens")


def slim_older_parses(data: dict[str, Any]) -> bool:
    """Drop ``TURN_ONLY_PARSE_KEYS`` from every user message's parse but the latest, in place.

    Returns whether anything was dropped.
    """
    users = [event for event in data.get("events") or [] if event.get("event") == "user"]
    changed = False
    for event in users[:-1]:
        parse = event.get("parse_data") or {}
        if any(key in parse for key in TURN_ONLY_PARSE_KEYS):
            # A new dict, never the live event's own (see ``bot.tracker_store.for_storage``).
            event["parse_data"] = {key: value for key, value in parse.items() if key not in TURN_ONLY_PARSE_KEYS}
            changed = True
    return changed


def keep_recent(data: dict[str, Any], domain: Domain, keep_turns: int) -> bool:
    """Fold all but the last ``keep_turns`` messages of ``data["events"]`` into a snapshot, in place.

    Returns whether anything was dropped. ``keep_turns`` of 0 keeps everything.
    """
    events = data.get("events") or []
    cut = _cut_index(events, keep_turns)
    if cut is None:
        return False
    head = events[:cut]
    prefix = _session_prefix(head)
    data["events"] = [*prefix, *snapshot_events(head, domain, events[cut].get("timestamp")), *events[cut:]]
    return True
