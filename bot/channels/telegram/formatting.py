"""Turning the assistant's replies into safe Telegram messages.

The assistant writes the reply markup documented in docs/README-widget.md ("Reply markup"): the
same dialect the widget renders. Telegram is sent HTML (parse mode "HTML") in which every piece of
text is escaped, so nothing a reply contains can inject markup; only ``**bold**``, ``_italic_``,
``[text](url)`` and ``:::`` disclosures become ``<b>``, ``<i>``, ``<a href>`` and an expandable
``<blockquote>``. Bare URLs and phone numbers are sent as text: Telegram makes them tappable. Long replies are
split at paragraph, then line, then word boundaries to stay within Telegram's size limit.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

# Telegram refuses messages over 4096 characters (counted in UTF-16 code units).
MAX_MESSAGE_LENGTH = 4096
# callback_data may be 1-64 bytes.
MAX_CALLBACK_BYTES = 64
# Telegram shows button labels on one line; very long titles are cut for readability.
MAX_BUTTON_TITLE = 120

# The reply markup shared with the widget (docs/README-widget.md, "Reply markup"; the widget's
# renderer is widget/src/markdown.js). Inline: backslash escape | **bold** | _italic_ |
# [text](url) | bare URL (left as text: Telegram links URLs itself).
_INLINE = re.compile(
    r"\\([\\*_`\[\]()<>#|~:!.\-])"
    r"|\*\*(?=\S)([^\n]*?\S)\*\*"
    r"|(?<![\w\\])_(?=\S)([^_\n]*?\S)_(?!\w)"
    r"|\[([^\[\]\n]{1,500})\]\(([^()\s]{1,2048})\)"
    r"|(https?://[^\s<>()\"]*[^\s<>()\".,;:!?'])"
)
_FENCE = re.compile(r"^\s*:::\s*(.*)$")
_SAFE_LINK_SCHEMES = ("https://", "http://")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _inline(text: str, in_emphasis: bool = False, in_link: bool = False) -> str:
    """Escape ``text`` and convert the inline markup to Telegram HTML."""
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(_escape(text[pos : match.start()]))
        escaped, bold, italic, label, target, url = match.groups()
        if escaped is not None:
            out.append(_escape(escaped))
        elif bold is not None or italic is not None:
            inner = _inline(bold if bold is not None else italic, True, in_link)
            tag = "b" if bold is not None else "i"
            out.append(inner if in_emphasis else f"<{tag}>{inner}</{tag}>")
        elif label is not None:
            out.append(_escape(match.group(0)) if in_link else _link(label, target or ""))
        else:
            out.append(_escape(url or ""))
        pos = match.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _link(label: str, target: str) -> str:
    shown = _inline(label, in_link=True)
    if target.lower().startswith(_SAFE_LINK_SCHEMES):
        return f'<a href="{html.escape(target, quote=True)}">{shown}</a>'
    # tel:, mailto: and anything else: Telegram rejects such hrefs, so show the target as text
    # (Telegram's apps make phone numbers tappable themselves) unless the label already shows it.
    scheme, sep, rest = target.partition(":")
    if sep and scheme.lower() in {"tel", "mailto"} and rest and rest not in label:
        return f"{shown} ({_escape(rest)})"
    return shown


def _quote(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return ["<blockquote expandable>" + "\n".join(lines) + "</blockquote>"] if lines else []


def to_html(text: str) -> str:
    """Convert the reply markup to escaped Telegram HTML.

    A ``::: Summary`` ... ``:::`` disclosure becomes the summary in bold followed by an expandable
    block quotation (Telegram shows its first lines and a tap opens the rest). An unclosed block
    ends with the text, and a stray closing fence is dropped, so split messages stay valid.
    """
    out: list[str] = []
    quote: list[str] | None = None
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        summary = fence.group(1).strip() if fence else ""
        if fence and summary and quote is None:
            out.append(f"<b>{_inline(summary, in_emphasis=True)}</b>")
            quote = []
        elif fence and not summary:
            if quote is not None:
                out.extend(_quote(quote))
                quote = None
        elif quote is not None:
            quote.append(_inline(line))
        else:
            out.append(_inline(line))
    if quote is not None:
        out.extend(_quote(quote))
    return "\n".join(out)


def _plain_inline(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        escaped, bold, italic, label, target, url = match.groups()
        if escaped is not None:
            return escaped
        if bold is not None or italic is not None:
            return _plain_inline(bold if bold is not None else italic)
        if label is not None:
            return f"{_plain_inline(label)} ({target})"
        return url or ""

    return _INLINE.sub(one, text)


def to_plain(text: str) -> str:
    """The same reply without markup, used if Telegram ever rejects our HTML."""
    lines = []
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        if fence:
            if fence.group(1).strip():
                lines.append(_plain_inline(fence.group(1).strip()))
            continue
        lines.append(_plain_inline(line))
    return "\n".join(lines)


def _fits(text: str, limit: int) -> bool:
    return utf16_len(to_html(text)) <= limit


def _hard_split(text: str, limit: int) -> list[str]:
    """Last resort for a single word longer than a message: cut it into fitting pieces."""
    pieces: list[str] = []
    while text:
        lo, hi = 1, len(text)
        while lo < hi:  # largest prefix that fits
            mid = (lo + hi + 1) // 2
            if _fits(text[:mid], limit):
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[:lo])
        text = text[lo:]
    return pieces


def _split(text: str, separators: tuple[str, ...], limit: int) -> list[str]:
    if _fits(text, limit):
        return [text]
    if not separators:
        return _hard_split(text, limit)
    sep, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current: str | None = None
    for part in text.split(sep):
        if not _fits(part, limit):
            if current is not None:
                chunks.append(current)
                current = None
            chunks.extend(_split(part, finer, limit))
            continue
        candidate = part if current is None else current + sep + part
        if _fits(candidate, limit):
            current = candidate
        else:
            if current is not None:
                chunks.append(current)
            current = part
    if current is not None:
        chunks.append(current)
    return chunks


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Split markdown ``text`` into pieces whose rendered HTML fits in one Telegram message.

    Prefers paragraph boundaries, then line breaks, then spaces; never returns empty pieces.
    """
    pieces = _split(text.strip(), ("\n\n", "\n", " "), limit)
    return [piece.strip() for piece in pieces if piece.strip()]


def render_messages(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[tuple[str, str]]:
    """(html, markdown source) pairs, one per Telegram message."""
    return [(to_html(piece), piece) for piece in split_text(text, limit)]


class PayloadStore:
    """Maps short tokens to button payloads too long for Telegram's 64-byte callback_data.

    Payloads come from the assistant's domain, not from users, so one shared, bounded map
    serves every conversation.
    """

    PREFIX = "~"

    def __init__(self, max_items: int = 2000, clock: Callable[[], float] = time.monotonic) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._max_items = max_items
        self._clock = clock

    def callback_data(self, payload: str) -> str:
        if payload and len(payload.encode()) <= MAX_CALLBACK_BYTES and not payload.startswith(self.PREFIX):
            return payload
        token = self.PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._items[token] = payload
        self._items.move_to_end(token)
        while len(self._items) > self._max_items:
            self._items.popitem(last=False)
        return token

    def payload(self, data: str) -> str | None:
        """The payload for callback ``data``; None if it was a token we no longer hold."""
        if not data.startswith(self.PREFIX):
            return data
        return self._items.get(data)


def _title(button: Mapping[str, Any]) -> str:
    title = " ".join(str(button.get("title") or button.get("payload") or "").split())
    if len(title) > MAX_BUTTON_TITLE:
        title = title[: MAX_BUTTON_TITLE - 1] + "…"
    return title


def inline_keyboard(
    buttons: Iterable[Mapping[str, Any]], payloads: PayloadStore
) -> InlineKeyboardMarkup | None:
    """One button per row (titles are often long on phones); URL buttons open links."""
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        if not isinstance(button, Mapping):
            continue
        title = _title(button)
        url = str(button.get("url") or "")
        payload = str(button.get("payload") or "")
        if not title:
            continue
        if url.lower().startswith(_SAFE_LINK_SCHEMES):
            rows.append([InlineKeyboardButton(title, url=url)])
        elif payload:
            rows.append([InlineKeyboardButton(title, callback_data=payloads.callback_data(payload))])
    return InlineKeyboardMarkup(rows) if rows else None
