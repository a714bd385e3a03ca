"""The cached event-type lookup answers exactly as Rasa's own, and fails the same way."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot import rasa_events


def test_same_classes_and_errors_as_rasa() -> None:
    original = Event.__dict__["resolve_by_type"].__func__
    names = {cls.type_name for cls in all_subclasses(Event)}
    expected = {name: original(name) for name in names}
    rasa_events.install()
    assert rasa_events.install() is False  # once only
    for _ in range(2):  # first lookup and cached lookup
        assert {name: Event.resolve_by_type(name) for name in names} == expected
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no-such-event", UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no-such-event")
    restored = Event.from_parameters({"event": "user", "text": "hello", "parse_data": {"intent": {"name": "greet"}}})
    assert isinstance(restored, UserUttered) and restored.text == "hello"
