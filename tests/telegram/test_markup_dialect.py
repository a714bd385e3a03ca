"""The reply markup shared with the widget: the same fixture strings as the widget's browser test
(tests/widget/markup_cases.json) convert to the Telegram HTML recorded there, which Telegram's
HTML parse mode accepts (the fake Bot API's parser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_bot_api import parse_html

from bot.channels.telegram.formatting import to_html, to_plain

CASES = json.loads((Path(__file__).resolve().parents[1] / "widget" / "markup_cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture_converts_to_the_recorded_telegram_html(case: dict) -> None:
    html_text = to_html(case["source"])
    assert html_text == case["telegram_html"]
    _, error = parse_html(html_text)
    assert error is None, error
    # The plain fallback shows the same words, without markup characters.
    plain = to_plain(case["source"])
    assert "**" not in plain and ":::" not in plain and "\\" not in plain


def test_unclosed_or_stray_fences_still_give_valid_html() -> None:
    for text in ("::: More\nline one\nline two", "line\n:::\nmore", "::: A\n:::\n:::", "::: A\n\n\n:::"):
        assert parse_html(to_html(text))[1] is None, text
    assert to_html("::: More\n:::") == "<b>More</b>"


def test_every_service_card_is_short_with_an_expandable_more_on_telegram() -> None:
    from services_directory import card_text, format_card, load_directory

    for service in load_directory().services:
        html_text = to_html(card_text(format_card(service)))
        visible, error = parse_html(html_text)
        assert error is None, (service.key, error)
        head, _, more = html_text.partition("\n<b>More about ")
        assert more and "<blockquote expandable>" in more and more.endswith("</blockquote>"), service.key
        assert "&lt;http" not in html_text and "\\" not in visible
        assert len(parse_html(head)[0].split()) <= 45, service.key


def _visible_numbers(visible: str) -> set[str]:
    import re

    return {m.group(0) for m in re.finditer(r"\+?\d[\d ]*\d|\d", visible)}


def test_every_phone_number_reaches_telegram_as_one_unbroken_run_of_text() -> None:
    """Telegram's apps make phone numbers tappable themselves (a tel: link is refused in Telegram
    HTML), so each number must arrive as plain text the app can find: digits and spaces exactly as
    shown in the widget, never split by a tag. Cards and every crisis guidance, in every language."""
    from content.tokens import with_contacts
    from content.translation import load_domain_responses
    from services_directory import card_text, format_card, load_directory
    from services_directory.phones import format_phone
    from ssgp_settings import DEFAULT_DIRECTORY_PATH

    directory = load_directory()
    for service in directory.services:
        html_text = to_html(card_text(format_card(service)))
        visible, _ = parse_html(html_text)
        for phone in service.phones:
            shown = format_phone(phone.number)
            assert shown in visible and shown in html_text, (service.key, shown)
    emergency = with_contacts("{phone:police-emergency}", DEFAULT_DIRECTORY_PATH)
    responses = load_domain_responses()
    checked = 0
    for name in ("utter_crisis_danger", "utter_crisis_cannot_speak", "utter_crisis_suicide", "utter_crisis_child"):
        for variation in responses[name]:
            source = with_contacts(variation["text"], DEFAULT_DIRECTORY_PATH)
            html_text = to_html(source)
            visible, error = parse_html(html_text)
            assert error is None
            assert emergency in _visible_numbers(visible), (name, variation.get("condition"))
            assert emergency in html_text
            checked += 1
    assert checked >= 4 * 7  # English and six languages
