"""A forgetful tracker store: conversations live in memory and expire after an idle period.

Rasa's own in-memory store never expires and SQL stores keep everything forever; a safeguarding
assistant should hold a conversation only as long as it is in use. ``delete`` lets a person
(quick exit, "start again", Telegram /forget) remove their conversation at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import RedisTrackerStore, SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions

from bot.tracker_window import keep_recent, slim_older_parses
from ssgp_settings import get_settings

logger = logging.getLogger(__name__)

SCRUB_SLOT = "scrub_history"
SCRUBBED_SLOT_PREFIX = "concern_"
REMOVED = "[removed]"
# Forms that collect a concern's words. When one ends without the concern being saved
# (cancelled, or interrupted by a crisis or anything else), its answers are scrubbed at once.
CONCERN_FORMS = frozenset({"concern_form", "concern_addition_form"})


def _form_end_marks(events: list[dict[str, Any]]) -> list[int]:
    """Indexes of the events that ended a concern form (by any route)."""
    marks = []
    active: str | None = None
    for i, event in enumerate(events):
        if event.get("event") != "active_loop":
            continue
        name = event.get("name")
        if name is None and active in CONCERN_FORMS:
            marks.append(i)
        active = name
    return marks


def _scrub(data: dict[str, Any]) -> bool:
    """Remove every message text said before ``scrub_history`` was set or a concern form ended,
    and the concern answers.

    ``scrub_history`` is set when a concern has been saved; a concern form that ends unsaved
    (cancelled or interrupted) scrubs the same way, so the typed words are not held until the
    conversation expires. From then on the conversation keeps its shape (intents and actions,
    which the dialogue policies need) but none of the words anybody typed or saw. The store
    saves a tracker at the end of a turn, after the submit action has read the answers.
    """
    events = data.get("events") or []
    marks = [
        i for i, e in enumerate(events)
        if e.get("event") == "slot" and e.get("name") == SCRUB_SLOT and e.get("value") is True
    ]
    form_ends = _form_end_marks(events)
    if not marks and not form_ends:
        return False
    end = max([*marks, *form_ends])
    for event in events[:end]:
        kind = event.get("event")
        if kind == "user":
            event["text"] = REMOVED
            parse = event.get("parse_data") or {}
            if parse:
                # A new dict: ``parse`` may be the live event's own (``for_storage``).
                parse = {key: value for key, value in parse.items() if key != "response_selector"}
                parse["text"] = REMOVED
                parse["entities"] = []
                event["parse_data"] = parse
            event.pop("input_channel", None)
        elif kind == "bot":
            event["text"] = REMOVED
            event["data"] = {}
        elif kind == "slot" and str(event.get("name", "")).startswith(SCRUBBED_SLOT_PREFIX):
            event["value"] = None
    if marks:
        events[marks[-1]]["value"] = False
    return True


def for_storage(tracker: DialogueStateTracker, domain: Domain | None, keep_messages: int) -> str:
    """What a store writes, as JSON: the conversation scrubbed after a concern, then cut to its
    recent part (``bot.tracker_window``; CONVERSATION_KEEP_MESSAGES), older messages' parses slimmed.

    Serialised once, from Rasa's own dict of the tracker. That dict's events are new dicts, but a
    message's ``parse_data`` is the live event's own, so every step replaces nested dicts rather than
    changing them: the tracker itself is left as it was.
    """
    data = tracker.as_dialogue().as_dict()
    _scrub(data)
    if domain is not None:
        keep_recent(data, domain, keep_messages)
    slim_older_parses(data)
    return json.dumps(data)


class ExpiringInMemoryTrackerStore(TrackerStore, SerializedTrackerAsText):
    """In-memory tracker store whose conversations expire ``ttl_seconds`` after their last save."""

    def __init__(
        self,
        domain: Domain,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        ttl_seconds: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        keep_messages: int | None = None,
        **kwargs: Any,
    ) -> None:
        if ttl_seconds is None:
            ttl_seconds = get_settings().conversation_ttl_seconds
        self.ttl_seconds = int(ttl_seconds)
        self.keep_messages = get_settings().conversation_keep_messages if keep_messages is None else keep_messages
        self._clock = clock
        # sender_id -> (serialised tracker, last activity); oldest activity first.
        self._store: OrderedDict[str, tuple[str, float]] = OrderedDict()
        super().__init__(domain, event_broker, **kwargs)

    def _prune(self) -> None:
        cutoff = self._clock() - self.ttl_seconds
        while self._store:
            sender_id, (_, last_active) = next(iter(self._store.items()))
            if last_active > cutoff:
                break
            del self._store[sender_id]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        self._prune()
        self._store[tracker.sender_id] = (
            for_storage(tracker, self.domain, self.keep_messages), self._clock()
        )
        self._store.move_to_end(tracker.sender_id)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._retrieve(sender_id, fetch_all_sessions=False)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._retrieve(sender_id, fetch_all_sessions=True)

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        self._prune()
        entry = self._store.get(sender_id)
        if entry is None:
            return None
        tracker = self.deserialise_tracker(sender_id, entry[0])
        if tracker is None or fetch_all_sessions:
            return tracker
        # Only the current session, as Rasa's own in-memory store does.
        sessions = get_trackers_for_conversation_sessions(tracker)
        return sessions[-1] if len(sessions) > 1 else tracker

    async def keys(self) -> Iterable[str]:
        self._prune()
        return list(self._store.keys())

    async def delete(self, sender_id: str) -> bool:
        """Forget a conversation now. Returns whether there was one to forget."""
        return self._store.pop(sender_id, None) is not None

    async def exists(self, sender_id: str) -> bool:
        self._prune()
        return sender_id in self._store

    def __len__(self) -> int:
        self._prune()
        return len(self._store)


class ExpiringRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis store with the same promises as ``ExpiringInMemoryTrackerStore``.

    * Every save sets the key's expiry to ``record_exp`` (CONVERSATION_TTL_SECONDS), so a
      conversation is forgotten after that much idle time, by Redis itself.
    * ``delete`` forgets a conversation at once (quick exit, "start again", Telegram /forget).
    * What is written is scrubbed after a concern, exactly as in memory.

    ``save`` also skips the read-and-merge Rasa's RedisTrackerStore does before every write (a
    second GET and a full deserialisation of the old tracker, several milliseconds per message):
    the Redis lock store lets one worker at a time handle a conversation, and the tracker it saves
    was read under that lock, so it already holds every event of the current session. Earlier
    sessions are not kept, just as in memory: less to hold, nothing a session needs.
    """

    def __init__(
        self,
        domain: Domain,
        host: str = "localhost",
        port: int = 6379,
        db: int | str = 0,
        record_exp: float | None = None,
        keep_messages: int | None = None,
        **kwargs: Any,
    ) -> None:
        # Values from endpoints.yml's ${VAR} substitution arrive as strings.
        kwargs["db"] = int(db)
        if record_exp is None:
            record_exp = get_settings().conversation_ttl_seconds
        super().__init__(domain, host=host, port=int(port), record_exp=float(record_exp), **kwargs)
        self.ttl_seconds = int(record_exp)
        self.keep_messages = get_settings().conversation_keep_messages if keep_messages is None else keep_messages

    def _key(self, sender_id: str) -> str:
        return self.key_prefix + sender_id

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        await self.stream_events(tracker)
        serialised = for_storage(tracker, self.domain, self.keep_messages)
        self.red.set(self._key(tracker.sender_id), serialised, ex=int(timeout or self.ttl_seconds))

    async def delete(self, sender_id: str) -> bool:
        """Forget a conversation now. Returns whether there was one to forget."""
        return bool(self.red.delete(self._key(sender_id)))

    async def exists(self, sender_id: str) -> bool:
        return bool(self.red.exists(self._key(sender_id)))

    async def keys(self) -> Iterable[str]:
        # Rasa's version returns the keys with their prefix and uses KEYS, which blocks Redis.
        cut = len(self.key_prefix)
        return [key[cut:] for key in self.red.scan_iter(match=self.key_prefix + "*", count=500)]


def unwrap(store: TrackerStore) -> TrackerStore:
    """Return the store inside Rasa's ``AwaitableTrackerStore`` wrapper, if any."""
    return getattr(store, "_tracker_store", store)
