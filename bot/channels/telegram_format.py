"""Turning the assistant's replies into safe Telegram messages.

The assistant writes light markdown (``**bold**`` and ``[text](url)``). Telegram is sent HTML
(parse mode "HTML") in which every piece of text is escaped, so nothing a reply contains can
inject markup; only the two constructs above become ``<b>`` and ``<a href>``. Long replies are
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

_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\s]{1,2048})\)")
_BOLD = re.compile(r"\*\*(?=\S)([^\n]+?)(?<=\S)\*\*")
_SAFE_LINK_SCHEMES = ("https://", "http://")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _bold(text: str) -> str:
    """Escape ``text`` and turn ``**x**`` into ``<b>x</b>``."""
    out: list[str] = []
    pos = 0
    for match in _BOLD.finditer(text):
        out.append(_escape(text[pos : match.start()]))
        out.append(f"<b>{_escape(match.group(1))}</b>")
        pos = match.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _link(label: str, target: str) -> str:
    shown = _bold(label)
    if target.lower().startswith(_SAFE_LINK_SCHEMES):
        return f'<a href="{html.escape(target, quote=True)}">{shown}</a>'
    # tel:, mailto: and anything else: Telegram rejects such hrefs, so show the target as text
    # (phone numbers are still tappable in Telegram) unless the label already shows it.
    scheme, sep, rest = target.partition(":")
    if sep and scheme.lower() in {"tel", "mailto"} and rest and rest not in label:
        return f"{shown} ({_escape(rest)})"
    return shown


def to_html(text: str) -> str:
    """Convert the assistant's light markdown to escaped Telegram HTML."""
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append(_bold(text[pos : match.start()]))
        out.append(_link(match.group(1), match.group(2)))
        pos = match.end()
    out.append(_bold(text[pos:]))
    return "".join(out)


def to_plain(text: str) -> str:
    """The same reply without markup, used if Telegram ever rejects our HTML."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _BOLD.sub(lambda m: m.group(1), text)


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
