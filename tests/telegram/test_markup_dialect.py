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
