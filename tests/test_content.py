"""Content checks that need no model: every fact-bearing response is in the content register with
sources and a check date; every contact placeholder in responses and prompts names a real directory
entry; responses change when a directory record changes; every custom action is implemented."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.executor import ActionExecutor

from bot.nlg import DirectoryNLG
from content import load_prompts, load_register
from content.tokens import TOKEN_KINDS, placeholders
from services_directory import load_directory

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = Domain.load(str(ROOT / "domain"))
FACT_FILES = ("faq.yml", "crisis.yml")


def _fact_responses() -> list[str]:
    names: list[str] = []
    for name in FACT_FILES:
        names += list((yaml.safe_load((ROOT / "domain" / name).read_text()) or {}).get("responses", {}))
    return names


@pytest.mark.parametrize("response", _fact_responses())
def test_every_fact_bearing_response_has_sources_and_a_check_date(response: str) -> None:
    entry = load_register().get(response)
    assert entry is not None, f"{response} is missing from content/register.yml"
    assert entry.sources and all(s.startswith(("http://", "https://")) for s in entry.sources)
    assert isinstance(entry.checked, dt.date)


def _all_texts() -> list[tuple[str, str]]:
    texts = []
    for name, variations in DOMAIN.responses.items():
        for variation in variations:
            texts.append((name, variation.get("text") or ""))
            texts += [(name, b.get("title", "")) for b in variation.get("buttons", [])]
    texts += [(f"prompt:{name}", p["text"]) for name, p in load_prompts().items()]
    return texts


def test_every_contact_placeholder_names_a_directory_entry() -> None:
    tokens = load_directory().contact_tokens()
    unknown = [
        (name, token)
        for name, text in _all_texts()
        for token in placeholders(text)
        if token.split(":", 1)[0] in TOKEN_KINDS and token not in tokens
    ]
    assert unknown == []


def test_no_phone_number_is_written_into_a_response() -> None:
    import re

    # "press 55" is the Silent Solution's procedure (its record holds "999 then 55"), not a number to call.
    number = re.compile(r"\b(?:0\d{2,4}[ \d]{6,10}|999|101|116 ?123|(?<!ress )(?<!ressing )55)\b")
    # A translation (a variation conditioned on the language slot) of a response whose English says
    # "press 55" says it in its own words ("naciśnij 55"): that 55 is the same procedure.
    press_55 = {name for name, text in _all_texts() if "press 55" in text or "pressing 55" in text}
    translated = {
        (name, v.get("text") or "") for name, variations in DOMAIN.responses.items() for v in variations
        if any(c.get("name") == "language" for c in v.get("condition") or [])
    }

    def checked(name: str, text: str) -> str:
        return re.sub(r"\b55\b", "", text) if name in press_55 and (name, text) in translated else text

    written = [(name, text) for name, text in _all_texts() if number.search(checked(name, text))]
    assert written == []


async def test_a_changed_directory_record_changes_the_answer(tmp_path, monkeypatch) -> None:
    records = tmp_path / "records"
    shutil.copytree(ROOT / "services_directory" / "records", records)
    samaritans = next(p for p in records.iterdir() if "samaritans" in p.name)
    original = load_directory(records).contact_tokens()["phone:samaritans"]
    samaritans.write_text(samaritans.read_text().replace("116 123", "0800 000 0000"))
    monkeypatch.setenv("DIRECTORY_PATH", str(records))
    nlg = DirectoryNLG(domain=DOMAIN)
    tracker = DialogueStateTracker.from_events("test", [], DOMAIN.slots)
    message = await nlg.generate("utter_crisis_suicide", tracker, "rest")
    assert "0800 000 000" in message["text"].replace("0800 000 0000", "0800 000 000")
    assert original not in message["text"]


def test_every_custom_action_in_the_domain_is_implemented() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {
        a for a in DOMAIN.user_actions if not a.startswith("utter_") and a not in DOMAIN.form_names
    }
    assert custom <= set(executor.actions), sorted(custom - set(executor.actions))
