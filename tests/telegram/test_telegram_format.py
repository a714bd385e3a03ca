"""Escaping, light-markdown conversion, splitting and keyboards, checked against Telegram's rules
(the fake Bot API's HTML parser implements what Telegram accepts in HTML parse mode)."""

from __future__ import annotations

from fake_bot_api import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.telegram.formatting import (
    MAX_MESSAGE_LENGTH,
    PayloadStore,
    inline_keyboard,
    render_messages,
    split_text,
    to_html,
    to_plain,
    utf16_len,
)


def shown(text: str) -> str:
    visible, error = parse_html(to_html(text))
    assert error is None, (text, to_html(text), error)
    return visible


def test_markup_in_replies_is_escaped_not_interpreted() -> None:
    text = '<script>alert(1)</script> & <b>not bold</b> "quoted" > 3'
    assert to_html(text) == (
        '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; "quoted" &gt; 3'
    )
    assert shown(text) == text


def test_bold_becomes_b_and_its_content_is_escaped() -> None:
    assert to_html("Call **999 <now>** please") == "Call <b>999 &lt;now&gt;</b> please"
    # Unpaired or empty markers stay as typed.
    assert to_html("2 ** 3 and **") == "2 ** 3 and **"
    assert to_html("** spaced **") == "** spaced **"


def test_https_links_become_anchors_with_escaped_href() -> None:
    html_text = to_html('See [**Ask for Angela**](https://example.org/a?x=1&y="2")')
    assert html_text == (
        'See <a href="https://example.org/a?x=1&amp;y=&quot;2&quot;"><b>Ask for Angela</b></a>'
    )
    assert shown('See [Ask for Angela](https://example.org/a?x=1&y="2")') == "See Ask for Angela"


def test_unsafe_or_unsupported_links_are_shown_as_text() -> None:
    assert to_html("[click](javascript:alert(1))") == "[click](javascript:alert(1))"  # not a link form
    assert to_html("[click](javascript:alert)") == "click"
    assert to_html("[Call us](tel:0800555111)") == "Call us (0800555111)"
    assert to_html("[Call 101](tel:101)") == "Call 101"
    assert to_html("[Email](mailto:help@example.org)") == "Email (help@example.org)"


def test_plain_fallback_keeps_link_targets() -> None:
    assert to_plain("**Hi** [site](https://example.org)") == "Hi site (https://example.org)"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_renders_to_html_telegram_accepts(text: str) -> None:
    visible = shown(text)
    if not any(c in text for c in "*[]_\\:"):
        assert visible == text


def test_short_text_is_one_message() -> None:
    assert split_text("  Hello there  ") == ["Hello there"]
    assert split_text("   ") == []


def test_long_text_splits_at_paragraphs_within_the_limit() -> None:
    paragraphs = [f"Paragraph {i}. " + "word " * 150 for i in range(12)]
    parts = split_text("\n\n".join(p.strip() for p in paragraphs))
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(to_html(part)) <= MAX_MESSAGE_LENGTH
        # Each part is made of whole paragraphs.
        assert all(chunk.startswith("Paragraph") for chunk in part.split("\n\n"))
    assert sum(part.count("Paragraph") for part in parts) == 12


def test_a_single_huge_line_splits_at_spaces_then_hard() -> None:
    words = split_text("abc " * 3000)
    assert len(words) > 1 and all(p.replace(" ", "") == "abc" * (p.count("abc")) for p in words)
    blob = split_text("x" * 10_000)
    assert "".join(blob) == "x" * 10_000
    assert all(len(p) <= MAX_MESSAGE_LENGTH for p in blob)


def test_limits_count_utf16_and_escaping() -> None:
    emoji = split_text("😀" * 3000)  # 2 UTF-16 units each
    assert all(utf16_len(p) <= MAX_MESSAGE_LENGTH for p in emoji)
    assert "".join(emoji) == "😀" * 3000
    amps = render_messages("&" * 5000)  # each becomes "&amp;" in HTML
    assert all(utf16_len(h) <= MAX_MESSAGE_LENGTH for h, _ in amps)
    assert "".join(parse_html(h)[0] for h, _ in amps) == "&" * 5000


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=900), min_size=1, max_size=12), st.integers(200, 4096))
def test_split_keeps_every_word_and_respects_the_limit(paragraphs: list[str], limit: int) -> None:
    text = "\n\n".join(paragraphs)
    parts = split_text(text, limit)
    for part in parts:
        assert part and utf16_len(to_html(part)) <= limit
        assert parse_html(to_html(part))[1] is None
    assert "".join("".join(parts).split()) == "".join(text.split())


def test_keyboard_has_one_button_per_row_and_fitting_callback_data() -> None:
    store = PayloadStore()
    long_payload = '/inform{"place": "' + "x" * 80 + '"}'
    markup = inline_keyboard(
        [
            {"title": "Yes", "payload": "/affirm"},
            {"title": "Long", "payload": long_payload},
            {"title": "Site", "url": "https://example.org"},
            {"title": "Bad site", "url": "javascript:alert(1)"},  # no payload either: dropped
            {"title": "", "payload": ""},
            "not a button",
        ],
        store,
    )
    assert markup is not None
    rows = markup.to_dict()["inline_keyboard"]
    assert [len(r) for r in rows] == [1, 1, 1]
    assert rows[0][0] == {"text": "Yes", "callback_data": "/affirm"}
    token = rows[1][0]["callback_data"]
    assert len(token.encode()) <= 64 and store.payload(token) == long_payload
    assert rows[2][0] == {"text": "Site", "url": "https://example.org"}


def test_payload_store_forgets_oldest_and_unknown_tokens() -> None:
    store = PayloadStore(max_items=2)
    tokens = [store.callback_data("/p" + str(i) * 70) for i in range(3)]
    assert store.payload(tokens[0]) is None
    assert store.payload(tokens[2]) == "/p" + "2" * 70
    assert store.payload("~nonexistent") is None
    assert store.payload("/affirm") == "/affirm"


def test_no_buttons_no_keyboard_and_titles_are_trimmed() -> None:
    assert inline_keyboard([], PayloadStore()) is None
    markup = inline_keyboard([{"title": "t" * 300, "payload": "/x"}], PayloadStore())
    assert markup is not None
    assert len(markup.inline_keyboard[0][0].text) <= 120
