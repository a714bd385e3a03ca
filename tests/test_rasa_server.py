"""The one change bot/rasa_server.py makes to Rasa: action replies validated by a cached validator."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

GOOD_REPLIES = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "requested_slot", "value": "service_need"}],
        "responses": [{"text": "What do you need help with?", "buttons": [{"title": "Housing", "payload": "housing"}]}],
    },
    {"events": [{"event": "active_loop", "name": None}], "responses": [{"response": "utter_cancelled"}]},
]
BAD_REPLIES = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [{"event": "slot"}], "responses": []},
    {"events": "not a list", "responses": []},
]


@pytest.mark.parametrize("reply", GOOD_REPLIES)
def test_good_action_replies_pass_as_they_do_in_rasa(reply: dict) -> None:
    validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check agrees
    assert rasa_server.checked_action_result(None, reply) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_bad_action_replies_fail_with_rasas_advice(reply: dict) -> None:
    with pytest.raises(ValidationError):
        validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_server.checked_action_result(None, reply)


def test_install_replaces_rasas_per_call_validation() -> None:
    original = RemoteAction._validate_action_result
    try:
        assert rasa_server.install()
        action = RemoteAction("action_signpost_services", None)
        assert action._validate_action_result(GOOD_REPLIES[1]) is True
        with pytest.raises(ValidationError):
            action._validate_action_result(BAD_REPLIES[0])
    finally:
        RemoteAction._validate_action_result = original


def test_the_runtime_endpoints_keep_selective_domain_and_use_this_runs_port(tmp_path, monkeypatch) -> None:
    import yaml

    from bot.runner import write_runtime_config
    from ssgp_settings import Settings

    monkeypatch.setenv("ACTION_PORT", "5999")
    endpoints, _ = write_runtime_config(Settings.from_env(), tmp_path)
    action_endpoint = yaml.safe_load(endpoints.read_text())["action_endpoint"]
    assert action_endpoint["url"].endswith(":5999/webhook")
    assert action_endpoint["enable_selective_domain"] is True  # validators still get the domain (validate_*)
